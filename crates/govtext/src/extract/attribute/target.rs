//! Targets and sections: target is decided by meaning, and the section says most of it. Under a
//! heading about plans (主要预期目标, 2026年工作安排, the goals of a plan period; `dict/headings.tsv`)
//! figures are targets; under a review heading they are outcomes even beside 计划 预期 争取 目标
//! (`超过全年预期目标`, `稳预期`, `双高计划`). Only before any heading (a bulletin, meeting news)
//! do the words decide (`dict/target_words.tsv`), or a paragraph that opened a targets list.

use std::sync::LazyLock;

use super::DocState;
use super::period::PERIODS;
use crate::extract::dict;
use crate::extract::text::ends_clause;
use crate::segment::Token;

static TARGET_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| dict::TARGET_WORDS.words());
static REVIEW_HEADINGS: LazyLock<dict::WordSet> =
    LazyLock::new(|| dict::WordSet::new(dict::HEADINGS.words_tagged(1, "review")));
static PLAN_HEADINGS: LazyLock<dict::WordSet> =
    LazyLock::new(|| dict::WordSet::new(dict::HEADINGS.words_tagged(1, "plan")));
/// The period words, searched in one pass.
static PERIOD_SET: LazyLock<dict::WordSet> =
    LazyLock::new(|| dict::WordSet::new(PERIODS.iter().copied()));

/// The role of the section a sentence is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Section {
    /// No heading seen yet: the words of the sentence decide.
    #[default]
    Unknown,
    /// A review of past years: outcomes.
    Review,
    /// Goals, plans and the work of the coming year: targets.
    Plan,
}

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
    match state.section {
        Section::Review => return false,
        Section::Plan => return !norm.contains("已") && state.past_paragraph != Some(paragraph),
        Section::Unknown => {}
    }
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

/// `今年主要预期目标是：…` after the goals of a plan period: the coming year's goals begin, whatever
/// the heading above said (三、全力推动“十五五”开好局 may head either).
pub(super) fn coming_year_goals(norm: &str, state: &mut DocState) {
    if state.plan_period
        && norm.contains("今年")
        && (opens_targets(norm) || norm.contains("预期目标"))
    {
        state.plan_period = false;
    }
}

/// `过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%…` in the plans: the paragraph
/// looks back, its figures are outcomes.
pub(super) fn past_year_review(norm: &str, paragraph: usize, state: &mut DocState) {
    if state.section == Section::Plan
        && (norm.starts_with("过去一年") || norm.starts_with("过去的一年"))
    {
        state.past_paragraph = Some(paragraph);
    }
}

/// Headings switch between review and plan sections and name a period.
pub(super) fn heading_state(norm: &str, state: &mut DocState, no_mentions: bool) {
    // A character is at most four bytes: a long sentence is told without counting.
    if !no_mentions || norm.len() > 4 * 40 || norm.chars().count() > 40 || ends_clause(norm) {
        return;
    }
    let plan = PLAN_HEADINGS.any_in(norm);
    let review = REVIEW_HEADINGS.any_in(norm);
    // 二、一张蓝图绘到底…: a report reviews, then plans; a top-level heading after the review
    // that names no review opens the plans.
    let top_level = norm.trim_start().split_once('、').is_some_and(|(n, _)| {
        !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c))
    });
    let plan = plan || (top_level && !review && state.section == Section::Review);
    if plan && !review {
        state.section = Section::Plan;
        state.plan_period = super::horizon::plan_period_heading(norm);
    } else if review {
        state.section = Section::Review;
        state.plan_period = false;
    }
    if let Some(p) = PERIOD_SET.first_listed(norm) {
        state.heading_period = Some(p.to_string());
    }
}

/// `从A提高到B`: in a target sentence A is the observed starting value, not a goal. `lead` is the
/// clause before the figure, `after` the text after it.
pub(super) fn starting_value(lead: &str, after: &str) -> bool {
    let Some(from) = lead.rfind(['从', '由']) else {
        return false;
    };
    let gap = lead[from..].chars().count();
    let to = after.chars().take(6).collect::<String>();
    gap <= 4 && (to.contains('到') || to.contains('至'))
}
