//! A figure without a unit: a large bare figure (`14亿`, money after 投资) or an index value after
//! 指数 and the like (`dict/bare_figure_words.tsv`); bare small integers are markers or names.

use std::sync::LazyLock;

use super::Num;
use crate::extract::dict;
use crate::extract::text::{clause_start_byte, ends_figure, next_char};
use crate::extract::unit::Kind;

/// Words before a bare number that make it an index value (`空气质量综合指数5.36`).
static INDEX_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::BARE_FIGURE_WORDS.words_tagged(1, "index"));

/// Words before a bare 万/亿 figure that make it money (`完成投资212.1亿`).
static MONEY_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::BARE_FIGURE_WORDS.words_tagged(1, "money"));

/// What a number with no unit is, if anything.
pub(super) fn bare_kind(norm: &str, start: usize, num: &Num<'_>) -> Option<Kind> {
    if num.number.chinese && !num.number.multiplier {
        let only_big = num.text.chars().any(|c| matches!(c, '万' | '亿'));
        if !only_big
            || num
                .text
                .chars()
                .any(|c| !(c.is_ascii_digit() || "万亿.".contains(c)))
        {
            return None;
        }
    }
    let clause = &norm[clause_start_byte(norm, start)..start];
    if num.number.multiplier {
        if MONEY_WORDS.iter().any(|w| clause.contains(w)) {
            return Some(Kind::Currency);
        }
        return Some(Kind::Number);
    }
    is_index_value(clause, num, next_char(norm, num.end)).then_some(Kind::Number)
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
