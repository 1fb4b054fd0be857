//! Targets and sections: a sentence is a target when it says so (目标 预期 力争 确保 计划 争取 要
//! 将, `dict/target_words.tsv`), when its paragraph opened a targets list, or under a heading about
//! plans; figures under a review heading are outcomes (`dict/headings.tsv`).

use std::sync::LazyLock;

use super::DocState;
use super::period::PERIODS;
use crate::extract::dict;
use crate::extract::text::ends_clause;
use crate::segment::Token;

static TARGET_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| dict::TARGET_WORDS.words());
static REVIEW_HEADINGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::HEADINGS.words_tagged(1, "review"));
static PLAN_HEADINGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::HEADINGS.words_tagged(1, "plan"));

/// True when the sentence opens a targets list (目标是, 目标为).
pub(super) fn opens_targets(norm: &str) -> bool {
    norm.contains("目标是") || norm.contains("目标为")
}

/// True when the figures of the sentence are targets; records a targets list it opens.
pub(super) fn sentence_target(
    norm: &str,
    tokens: &[Token<'_>],
    paragraph: usize,
    state: &mut DocState,
) -> bool {
    let has_word = |w: &str| tokens.iter().any(|t| t.word == w);
    let mut target = TARGET_WORDS.iter().any(|w| {
        if w.chars().count() == 1 {
            has_word(w)
        } else {
            norm.contains(w) && !progress(norm, w)
        }
    });
    if state.targets_paragraph == Some(paragraph) {
        target = true;
    }
    if norm.contains("目标")
        && (opens_targets(norm) || norm.contains("目标：") || norm.contains("目标:"))
    {
        state.targets_paragraph = Some(paragraph);
        target = true;
    }
    if state.plan_section && !norm.contains("已") {
        target = true;
    }
    target
}

/// 完成年度目标的48%: progress against a target is an outcome, not a target.
/// 全面实现年初确定的主要目标: achieving targets is an outcome too.
fn progress(norm: &str, w: &str) -> bool {
    norm.match_indices(w).all(|(i, _)| {
        let before: String = norm[..i].chars().rev().take(10).collect();
        norm[i + w.len()..].starts_with(['的', '任'])
            || ["现实", "成完", "到达"].iter().any(|v| before.contains(v))
    })
}

/// Headings switch between review and plan sections and name a period.
pub(super) fn heading_state(norm: &str, state: &mut DocState, no_mentions: bool) {
    let len = norm.chars().count();
    if !no_mentions || len > 40 || ends_clause(norm) {
        return;
    }
    let plan = PLAN_HEADINGS.iter().any(|w| norm.contains(w));
    let review = REVIEW_HEADINGS.iter().any(|w| norm.contains(w));
    if plan && !review {
        state.plan_section = true;
    } else if review {
        state.plan_section = false;
    }
    if let Some(p) = PERIODS.iter().find(|p| norm.contains(*p)) {
        state.heading_period = Some(p.to_string());
    }
}
