//! Periods: 上半年, 全年, 今年 … (`dict/periods.tsv`), `2016年`, `1-6月`, `“十四五”时期`; else the
//! latest heading's.

use std::sync::LazyLock;

use super::DocState;
use crate::extract::dict::{self, WordSet};

/// Period words in file order.
pub(super) static PERIODS: LazyLock<Vec<&'static str>> = LazyLock::new(|| dict::PERIODS.words());

/// The earliest period named in the sentence (2012年，… 今年 → 2012年), else the heading's.
pub(super) fn sentence_period(norm: &str, state: &DocState) -> Option<String> {
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PERIODS.iter().copied()));
    // The first period word of the sentence (the one listed first on a tie); 完成全年目标的47.8%:
    // 全年 qualifies the target, not the figure.
    let listed = SET
        .all_in(norm)
        .filter(|&(i, _, p)| !norm[i + p.len()..].starts_with(['目', '计', '任']))
        .min_by_key(|&(i, rank, _)| (i, rank))
        .map(|(i, _, p)| (i, p.to_string()));
    let year = year_period(norm);
    let first = match (listed, year) {
        (Some(l), Some(y)) => Some(if y.0 < l.0 { y } else { l }),
        (l, y) => l.or(y),
    };
    first
        .map(|(_, p)| p)
        .or_else(|| state.heading_period.clone())
}

/// `2016年`, `1-6月`, `"十四五"时期` in a sentence, with its byte position.
fn year_period(norm: &str) -> Option<(usize, String)> {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?:19|20)[0-9]{2}年(?:[0-9]{1,2}[-—至~][0-9]{1,2}月)?|[0-9]{1,2}[-—至~][0-9]{1,2}月|“?[十百]?[一二三四五六七八九十]五”?时期")
            .expect("valid regex")
    });
    // 比2002年 names a base for comparison, not the period.
    RE.find_iter(norm)
        .find(|m| !norm[..m.start()].ends_with(['比', '较']))
        .map(|m| (m.start(), m.as_str().to_string()))
}
