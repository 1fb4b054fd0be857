//! Lists: mentions joined only by `、` (和 及 与, 分别 为) continue a list: they share the cue and
//! pair in order with a list of noun phrases (`A、B同比增长7.4%、2.3%`).

use std::sync::LazyLock;

use super::ellipsis::expand_ellipsis;
use super::{Attribution, Head, List, Sentence};
use crate::extract::dict;
use crate::extract::text::is_cjk;

/// Compounds naming two items (`dict/compounds.tsv`): 存贷款 → 存款, 贷款.
static COMPOUNDS: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
    let rows = dict::COMPOUNDS.rows().into_iter();
    rows.map(|r| (r[0], r[1].split('|').collect())).collect()
});

/// When mention `k` continues the list of the previous one: its measure, direction, basis and
/// indicator.
pub(super) fn continued(
    sent: &Sentence<'_, '_>,
    k: usize,
    out: &[Attribution],
    list: &Option<List>,
) -> Option<Head> {
    if k == 0 {
        return None;
    }
    if !joined(sent, k) {
        return None;
    }
    let p = &out[k - 1];
    let (first, items) = list.clone().unwrap_or((k - 1, Vec::new()));
    let pos = k - first;
    let indicator = if items.len() > pos {
        Some(items[pos].clone())
    } else {
        p.indicator.clone()
    };
    Some((p.measure, p.direction, p.basis, indicator))
}

/// The number of figures in the list that mention `k` opens (itself included).
pub(super) fn figures_in_list(sent: &Sentence<'_, '_>, k: usize) -> usize {
    let mut n = 1;
    while k + n < sent.mentions.len() && joined(sent, k + n) {
        n += 1;
    }
    n
}

/// True when mention `k` follows the previous one joined only by `、` 和 及 与 (分别 为).
fn joined(sent: &Sentence<'_, '_>, k: usize) -> bool {
    let prev_end = sent.mentions[k - 1].end;
    let m = &sent.mentions[k];
    let between = sent.offsets.between(prev_end, m.start);
    m.start >= prev_end
        && matches!(
            between
                .trim_matches(|c: char| c.is_whitespace() || c == '分' || c == '别' || c == '为'),
            "、" | "和" | "及" | "与" | ""
        )
}

/// Names for a list of `n` figures when the noun phrases found do not pair with it: the
/// subject read on characters (`刑事治安、涉诈、涉毒警情分别下降…`, whatever the parts of speech),
/// or a compound's parts (`存贷款余额分别达A、B` → 存款余额, 贷款余额).
pub(super) fn names_for(
    items: &[String],
    subject: &str,
    n: usize,
    lead: &str,
) -> Option<Vec<String>> {
    if n < 2 || items.len() == n {
        return None;
    }
    let subject = subject.trim_end_matches(['分', '别', '均', '都']);
    let mut raw: Vec<String> = subject
        .split(['、', '和', '及', '与'])
        .map(|s| {
            s.trim_start_matches(|c: char| !is_cjk(c) && c != '“')
                .to_string()
        })
        .collect();
    let short = |s: &String| (1..=12).contains(&s.chars().count());
    if raw.len() == n && raw.iter().all(short) {
        expand_ellipsis(&mut raw);
        return Some(raw);
    }
    // The compound in the phrase found, else in the subject (the parts of speech may have cut
    // it: 存/贷款余额); the subject's words before it are scope (银行机构本外币), not name.
    // Only 分别 says a compound's parts pair with the figures: 进出口总额接连突破8万亿元、9万亿元 are
    // two levels of one indicator.
    if !lead.contains("分别") {
        return None;
    }
    let one = items.first().filter(|_| items.len() == 1);
    COMPOUNDS.iter().find_map(|(compound, parts)| {
        let (head, tail) = match one.and_then(|o| o.find(compound).map(|at| (o, at))) {
            Some((o, at)) => (&o[..at], &o[at + compound.len()..]),
            None => ("", &subject[subject.find(compound)? + compound.len()..]),
        };
        (parts.len() == n).then(|| parts.iter().map(|p| format!("{head}{p}{tail}")).collect())
    })
}

/// The names of the `n` figures before a subjectless list of `n` (`城镇居民人均可支配收入x元，
/// 农村居民人均纯收入y元，分别增长z、w`), when they are `n` different names.
pub(super) fn previous_names(out: &[Attribution], n: usize) -> Option<Vec<String>> {
    if n < 2 || out.len() < n {
        return None;
    }
    let names: Vec<String> = out[out.len() - n..]
        .iter()
        .map(|a| a.indicator.clone())
        .collect::<Option<_>>()?;
    let distinct = names
        .iter()
        .enumerate()
        .all(|(i, a)| !names[..i].contains(a));
    distinct.then_some(names)
}
