//! A figure without a unit: a large bare figure (`14亿`, money after 投资) or an index value after
//! 指数 and the like (`dict/bare_figure_words.tsv`); bare small integers are markers or names.

use std::sync::LazyLock;

use super::{Ctx, Num};
use crate::extract::dict;
use crate::extract::text::{clause_start_byte, ends_figure, next_char};
use crate::extract::unit::Kind;

/// Words before a bare number that make it an index value (`空气质量综合指数5.36`).
static INDEX_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::BARE_FIGURE_WORDS.words_tagged(1, "index"));

/// Words before a bare 万/亿 figure that make it money (`完成投资212.1亿`).
static MONEY_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::BARE_FIGURE_WORDS.words_tagged(1, "money"));

/// What a number with no unit is, if anything. A Chinese numeral is a figure only with 万 or 亿
/// in it, before a noun or at the end of a clause (`十余万职工`, `六万万人民`, `突破万亿，`); small
/// Chinese numerals without a unit are names and markers.
pub(super) fn bare_kind(ctx: &Ctx<'_, '_>, start: usize, num: &Num<'_>) -> Option<Kind> {
    let norm = ctx.norm;
    let next = next_char(norm, num.end);
    let big = num.number.multiplier || chinese_big(ctx, num, next);
    if num.number.chinese && !big {
        return None;
    }
    let clause = &norm[clause_start_byte(norm, start)..start];
    if big {
        if MONEY_WORDS.iter().any(|w| clause.contains(w)) {
            return Some(Kind::Currency);
        }
        return Some(Kind::Number);
    }
    is_index_value(clause, num, next).then_some(Kind::Number)
}

/// A Chinese numeral with 万 or 亿, followed by a noun or ending the figure.
fn chinese_big(ctx: &Ctx<'_, '_>, num: &Num<'_>, next: Option<char>) -> bool {
    if !num.number.chinese || !num.text.contains(['万', '亿']) {
        return false;
    }
    let at = ctx.offsets.char(num.end);
    let noun = ctx
        .tokens
        .starting_at(at)
        .is_some_and(|t| t.pos.starts_with('n'));
    noun || ends_figure(next)
}

/// An index value: 综合指数5.36, 指数为5.36 (`clause` is the text before the figure, `next` the
/// character after it).
fn is_index_value(clause: &str, num: &Num<'_>, next: Option<char>) -> bool {
    let lead = clause
        .trim_end_matches([' ', '为', '是', '达', '到', '至'])
        .trim_end_matches("保持在")
        .trim_end_matches("降至");
    let lead = lead.trim_end_matches(['为', '达', '到']);
    let linked = clause.ends_with(['到', '为', '至', '达']) && num.text.contains('.');
    let year_month = num.text.len() <= 7
        && (num.text.starts_with("19") || num.text.starts_with("20"))
        && num.text.find('.') == Some(4);
    (INDEX_WORDS.iter().any(|w| lead.ends_with(w)) || linked) && !year_month && ends_figure(next)
}
