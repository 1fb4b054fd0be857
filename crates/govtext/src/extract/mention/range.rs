//! Ranges: 6%－6.5%, 6-6.5%, 6至7%, 1000—1200万吨.

use super::run::{apply_unit, multiplier_of, number_and_unit, run_starting_at};
use super::{Found, Mention, Num, Qualifier};
use crate::extract::number::Dec;
use crate::extract::text::next_char;
use crate::extract::unit::{Unit, match_not_quantity, may_be_year};

const RANGE_CONNECTORS: &[char] = &['-', '—', '–', '~', '〜', '至', '到', '−'];

/// The upper bound of a range starting after byte `end`: `None` rejects the mention (the upper
/// bound is a date), `Some(None)` when there is no range.
pub(super) fn upper_bound<'s>(
    norm: &'s str,
    end: usize,
    unit: Option<&'static Unit>,
) -> Option<Option<(Num<'s>, Option<&'static Unit>)>> {
    let Some(c) = next_char(norm, end).filter(|c| RANGE_CONNECTORS.contains(c)) else {
        return Some(None);
    };
    let p = end + c.len_utf8();
    let p = if c == '—' && norm[p..].starts_with('—') {
        p + '—'.len_utf8()
    } else {
        p
    };
    let Some(m2) = run_starting_at(norm, p) else {
        return Some(None);
    };
    let Some((n2, u2)) = number_and_unit(norm, m2.start, m2.end) else {
        return Some(None);
    };
    let after2 = &norm[n2.end..];
    let integer = may_be_year(n2.number.value);
    let date = match_not_quantity(after2, n2.number.chinese, integer)
        .is_some_and(|w| u2.is_none_or(|u| u.written.len() <= w.len()));
    if date {
        return None;
    }
    let units_agree = match (unit, u2) {
        (Some(a), Some(b)) => a.written == b.written,
        (None, Some(_)) => true,
        (Some(_), None) => true,
        (None, None) => false,
    };
    let code = next_char(norm, n2.end).is_some_and(|c| c.is_ascii_alphabetic());
    Some((units_agree && !code).then_some((n2, u2)))
}

/// The mention of the range `num`–`upper` starting at byte `start`.
pub(super) fn range_mention(
    norm: &str,
    start: usize,
    num: &Num<'_>,
    unit: Option<&'static Unit>,
    upper: &(Num<'_>, Option<&'static Unit>),
) -> Option<Found> {
    let (n2, u2) = upper;
    let unit = u2.or(unit)?;
    // The upper bound's multiplier applies to a bare lower bound: 1000—1200万吨.
    let m2 = multiplier_of(norm, n2);
    let m1 = multiplier_of(norm, num);
    let lo_raw = if m1 == Dec::int(1) && m2 != Dec::int(1) {
        num.number.value.checked_mul(m2)?
    } else {
        num.number.value
    };
    let lo = apply_unit(lo_raw, num.negative, unit)?;
    let hi = apply_unit(n2.number.value, n2.negative, unit)?;
    if lo > hi {
        return None;
    }
    let range_end = n2.end + u2.map_or(0, |u| u.written.len());
    let mention = Mention::found(
        norm[start..n2.value_end].to_string(),
        format!("{}{}", &norm[n2.value_end..n2.end], unit.written),
        lo,
        Some(hi),
        unit.norm.to_string(),
        unit.kind,
        Qualifier::Range,
        num.number.chinese || n2.number.chinese,
    );
    Some((start..range_end, mention))
}
