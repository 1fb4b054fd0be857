//! Horizon: how many years a figure covers. Analysts build annual series; a five-year average
//! (`年均增长5.7%`), a five-year total (`过去五年累计新增就业650万人`) or a goal for the end of a plan
//! period (`“十五五”时期的主要目标`, `到2030年`) placed on one year corrupts them. The words are data
//! (`dict/horizons.tsv`); the section a figure is in comes from [`DocState`].

use std::sync::LazyLock;

use super::DocState;
use crate::extract::dict::{self, WordSet};

/// Words by role: `average` (年均), `total` (累计), `span` (过去五年, 以来), `plan` (heading words
/// of a plan period).
static WORDS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    let rows = dict::HORIZONS.rows().into_iter();
    rows.map(|r| (r[0], r[1])).collect()
});

/// The words of one role, searched in one pass.
fn role(name: &str) -> WordSet {
    WordSet::new(WORDS.iter().filter(|(_, r)| *r == name).map(|(w, _)| *w))
}

static AVERAGE: LazyLock<WordSet> = LazyLock::new(|| role("average"));
static TOTAL: LazyLock<WordSet> = LazyLock::new(|| role("total"));
static SPAN: LazyLock<WordSet> = LazyLock::new(|| role("span"));
static PLAN: LazyLock<WordSet> = LazyLock::new(|| role("plan"));

/// True when `text` names a stretch of several years: 过去五年, 五年来, “十四五”时期, 2021—2025年.
pub(super) fn multi_year(text: &str) -> bool {
    static RANGE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?:19|20)[0-9]{2}[-—–～~至到](?:19|20)?[0-9]{2}年|[0-9一二三四五六七八九十两]+年(?:来|间)|十[一二三四五六七八九]?五(?:”|时期|期间|规划|以来)",
        )
        .expect("valid regex")
    });
    SPAN.any_in(text) || RANGE.is_match(text)
}

/// True when a heading opens the goals of a plan period (“十五五”时期的主要目标, 今后五年).
pub(super) fn plan_period_heading(heading: &str) -> bool {
    multi_year(heading) || PLAN.any_in(heading)
}

/// The horizon of a figure: `lead` is its clause up to the figure, `sentence` the whole
/// sentence, `target` whether it is a goal.
pub(super) fn horizon(sentence: &str, lead: &str, target: bool, state: &DocState) -> &'static str {
    // The averaging word stands right before the cue: 年均增长5.7%, 年均增速.
    if AVERAGE.any_in(crate::extract::text::last_chars(lead, 10)) {
        return "period_average";
    }
    if !target && TOTAL.any_in(lead) && multi_year(sentence) {
        return "cumulative";
    }
    if target && (state.plan_period || future_deadline(sentence)) {
        return "plan_period";
    }
    "year"
}

/// 到2030年, 2035年前: a goal set for a later year than the coming one.
fn future_deadline(sentence: &str) -> bool {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"到(?:20[0-9]{2})年|(?:20[0-9]{2})年(?:前|以前)").expect("valid regex")
    });
    RE.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_several_years() {
        for t in [
            "过去五年，",
            "五年来",
            "“十四五”时期",
            "2021—2025年",
            "近3年来",
        ] {
            assert!(multi_year(t), "{t}");
        }
        for t in ["2025年", "全年", "上半年", "五项", "建成口袋公园六十五处"] {
            assert!(!multi_year(t), "{t}");
        }
    }

    #[test]
    fn horizons() {
        let s = DocState::default();
        assert_eq!(
            horizon("年均增长5.7%", "年均增长", false, &s),
            "period_average"
        );
        assert_eq!(
            horizon(
                "过去五年累计新增就业650万人",
                "过去五年累计新增就业",
                false,
                &s
            ),
            "cumulative"
        );
        assert_eq!(
            horizon("全年累计完成投资120亿元", "全年累计完成投资", false, &s),
            "year"
        );
        assert_eq!(
            horizon(
                "到2030年森林覆盖率达到25%",
                "到2030年森林覆盖率达到",
                true,
                &s
            ),
            "plan_period"
        );
        let plan = DocState {
            plan_period: true,
            ..DocState::default()
        };
        assert_eq!(
            horizon("研发投入强度达到3%", "研发投入强度达到", true, &plan),
            "plan_period"
        );
        assert_eq!(
            horizon("地区生产总值增长5%", "地区生产总值增长", true, &s),
            "year"
        );
    }
}
