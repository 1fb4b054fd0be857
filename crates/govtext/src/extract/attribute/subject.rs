//! Scope and the cleaning of an indicator phrase: scope words (全区, 全市 …, `dict/scopes.tsv`)
//! and period words come off its front; a generic head (总数, 规模, `dict/generic_heads.tsv`)
//! names the previous indicator's total.

use std::sync::LazyLock;

use super::period::PERIODS;
use crate::extract::dict;

/// Scope words that open a noun phrase, in file order.
static SCOPES: LazyLock<Vec<&'static str>> = LazyLock::new(|| dict::SCOPES.words());
/// The scope words, searched in one pass.
static SCOPE_SET: LazyLock<dict::WordSet> =
    LazyLock::new(|| dict::WordSet::new(SCOPES.iter().copied()));

/// Status words dropped from the front of a long name (国家级, 新增, 累计).
static STATUS: LazyLock<Vec<&'static str>> = LazyLock::new(|| dict::STATUS_WORDS.words());

/// Qualifiers that a segmenter may fuse onto the end of a name (创新中心超480家, 规模超).
static TRAILING_QUALIFIERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut w = dict::QUALIFIERS.words_tagged(1, "before");
    w.extend(["达", "高达", "超"]);
    w.sort_by_key(|s| std::cmp::Reverse(s.len()));
    w
});

/// Heads that only name a total of something said before.
static GENERIC_HEADS: LazyLock<Vec<&'static str>> = LazyLock::new(|| dict::GENERIC_HEADS.words());

/// The first scope word the sentence holds.
pub(super) fn sentence_subject(norm: &str) -> Option<String> {
    SCOPE_SET.first_listed(norm).map(str::to_string)
}

/// True when `head` only names a total.
pub(super) fn is_generic_head(head: &str) -> bool {
    GENERIC_HEADS.contains(&head)
}

/// Split scope words and period words off the front of an indicator phrase.
pub(super) fn clean_indicator(
    phrase: &str,
    subject: &mut Option<String>,
    period: &mut Option<String>,
) -> Option<String> {
    let mut p = phrase;
    loop {
        let before = p;
        for s in SCOPES.iter() {
            if let Some(rest) = p.strip_prefix(s) {
                subject.get_or_insert_with(|| s.to_string());
                p = rest;
            }
        }
        for s in PERIODS.iter() {
            if let Some(rest) = p.strip_prefix(s) {
                period.get_or_insert_with(|| s.to_string());
                p = rest;
            }
        }
        if p == before {
            break;
        }
    }
    // 其中 (of which) is not part of the name; 中 alone is (中央财政资金).
    let p = p.strip_prefix("其中").unwrap_or(p);
    let long = |r: &&str| r.chars().count() >= 4;
    let p = STATUS
        .iter()
        .find_map(|w| p.strip_prefix(w).filter(long))
        .unwrap_or(p);
    let p = TRAILING_QUALIFIERS
        .iter()
        .find_map(|w| p.strip_suffix(w).filter(|r| r.chars().count() >= 2))
        .unwrap_or(p);
    // 经济增长预期目标为7%: the target of X names X.
    let p = ["预期目标", "预期", "目标"]
        .iter()
        .find_map(|w| p.strip_suffix(w).filter(|r| r.chars().count() >= 2))
        .unwrap_or(p);
    (p.chars().count() >= 1).then(|| p.to_string())
}
