//! Ratios written with a colon: `2.50:1` (城乡居民收入比), `4.0∶37.7∶58.3` (三次产业比重).
//!
//! A ratio of two terms is one figure, `a:b` with `norm_value` a ÷ b (`2.50:1` → 2.5, the way
//! reports also write it bare, `收入比2.1`). A ratio of three or more terms is a split of one
//! whole: each term is a figure of its own (kind `ratio`, `norm_value` the term), since no single
//! number stands for the chain. A time of day (`9:30`) is not a ratio.

use std::ops::Range;

use super::{Found, Mention, Qualifier, qualifier};
use crate::extract::number::Dec;
use crate::extract::text::{next_char, prev_char};
use crate::extract::unit::Kind;

/// True for the ratio signs: U+2236 RATIO and the colon (full-width colons are normalised).
fn is_sign(c: char) -> bool {
    matches!(c, '∶' | ':')
}

/// Byte length of the Arabic number (`37.7`) at the start of `s`.
fn number_len(s: &str) -> usize {
    let int = s.bytes().take_while(u8::is_ascii_digit).count();
    if int == 0 {
        return 0;
    }
    let frac = s[int..]
        .strip_prefix('.')
        .map_or(0, |f| f.bytes().take_while(u8::is_ascii_digit).count());
    if frac > 0 { int + 1 + frac } else { int }
}

/// Byte start of the Arabic number ending at byte `end` of `norm`.
fn number_start(norm: &str, end: usize) -> Option<usize> {
    let head = &norm[..end];
    let digits = |s: &str| s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let tail = digits(head);
    if tail == 0 {
        return None;
    }
    let start = end - tail;
    match head[..start].strip_suffix('.') {
        Some(int) if digits(int) > 0 => Some(start - 1 - digits(int)),
        _ => Some(start),
    }
}

/// The terms of the ratio chain through the number at `norm[s..e]`, in order.
fn chain(norm: &str, s: usize, e: usize) -> Option<Vec<Range<usize>>> {
    if number_len(&norm[s..]) != e - s {
        return None;
    }
    let mut terms: Vec<Range<usize>> = Vec::new();
    terms.push(s..e);
    while let Some(c) = prev_char(norm, terms[0].start).filter(|&c| is_sign(c)) {
        let end = terms[0].start - c.len_utf8();
        let Some(start) = number_start(norm, end) else {
            break;
        };
        terms.insert(0, start..end);
    }
    while let Some(c) = next_char(norm, terms[terms.len() - 1].end).filter(|&c| is_sign(c)) {
        let start = terms[terms.len() - 1].end + c.len_utf8();
        let len = number_len(&norm[start..]);
        if len == 0 {
            break;
        }
        terms.push(start..start + len);
    }
    let first = terms[0].start;
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
    let ok = terms.len() >= 2
        && !glued(prev_char(norm, first))
        && !glued(next_char(norm, terms[terms.len() - 1].end))
        && !is_time(norm, &terms);
    ok.then_some(terms)
}

/// `9:30`, `14:00`: hours and minutes with a colon.
fn is_time(norm: &str, terms: &[Range<usize>]) -> bool {
    let [h, m] = terms else { return false };
    let colon = norm[h.end..m.start].starts_with(':');
    let (h, m) = (&norm[h.clone()], &norm[m.clone()]);
    colon
        && m.len() == 2
        && !h.contains('.')
        && !m.contains('.')
        && h.parse::<u32>().is_ok_and(|h| h <= 24)
        && m.parse::<u32>().is_ok_and(|m| m < 60)
}

/// The ratio mention whose chain holds the number at `norm[s..e]`, if it is in one: the whole
/// ratio for two terms, the term itself for three or more.
pub(super) fn ratio(norm: &str, s: usize, e: usize) -> Option<Found> {
    let terms = chain(norm, s, e)?;
    let value = |r: &Range<usize>| Dec::parse_ascii(&norm[r.clone()]);
    let (span, norm_value) = if terms.len() == 2 {
        let (a, b) = (value(&terms[0])?, value(&terms[1])?);
        if b.is_zero() {
            return None;
        }
        let v = (a.to_f64() / b.to_f64() * 1e6).round() / 1e6;
        (terms[0].start..terms[1].end, v)
    } else {
        (s..e, value(&(s..e))?.to_f64())
    };
    let q = if terms.len() == 2 {
        qualifier::around(norm, span.start, span.end, |_, _| true)
    } else {
        Qualifier::Exact
    };
    let text = norm[span.clone()].to_string();
    let mention = Mention::found(
        text,
        String::new(),
        norm_value,
        None,
        String::new(),
        Kind::Ratio,
        q,
        false,
    );
    Some((span, mention))
}
