//! Fractions (三分之一, 千分之五, 百分之三十六点五, 百分之百, and a share written `1/4`, as
//! percentages) and multiples of two (翻一番, 翻两番, 翻了一番).

use super::run::{parse_run, run_starting_at};
use super::{Found, Mention, Num, Qualifier, qualifier};
use crate::extract::number::{Dec, is_run_char, parse_number};
use crate::extract::text::next_char;
use crate::extract::unit::{Kind, match_unit};

/// X分之Y at the run `norm[s..e]` (the denominator).
pub(super) fn fraction(norm: &str, s: usize, e: usize) -> Option<Found> {
    let den_text = &norm[s..e];
    let den = match den_text {
        "百" => Dec::int(100),
        "千" => Dec::int(1000),
        "万" => Dec::int(10_000),
        _ => parse_number(den_text)?.value,
    };
    let p = e + "分之".len();
    let m = run_starting_at(norm, p)?;
    let (num_end, num, _, _) = parse_run(norm, m.start, m.end)?;
    if den.is_zero() {
        return None;
    }
    let percent = den == Dec::int(100);
    let value = if percent {
        num.value.to_f64()
    } else {
        let v = num.value.checked_mul(Dec::int(100))?.to_f64() / den.to_f64();
        (v * 1e6).round() / 1e6
    };
    let (start, end) = (s, num_end);
    let qualifier = qualifier::around(norm, start, end, |_, _| true);
    let mention = Mention::found(
        if percent {
            norm[m.start..num_end].to_string()
        } else {
            norm[start..end].to_string()
        },
        if percent { "百分之" } else { "" }.to_string(),
        value,
        None,
        "%".into(),
        Kind::Percent,
        qualifier,
        true,
    );
    Some((start..end, mention))
}

/// A share written with a slash, `1/4` (25 %), `1/10`: two Arabic integers, the first smaller, not
/// a date or a code (`2024/3/5`, `1/2英寸` has a unit, `24/7`).
pub(super) fn slash(norm: &str, s: usize, e: usize) -> Option<Found> {
    let den_start = e + norm[e..].strip_prefix('/').map(|_| 1)?;
    let den_len = norm[den_start..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let den_end = den_start + den_len;
    let after = next_char(norm, den_end);
    let numerator = Dec::parse_ascii(&norm[s..e])?;
    let denominator = Dec::parse_ascii(&norm[den_start..den_end])?;
    let shape = numerator.scale == 0 && denominator.scale == 0 && den_len <= 4;
    let followed = after.is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '/' | '.' | '-' | '%')
            || (is_run_char(c) && c != ',')
    }) || match_unit(&norm[den_end..]).is_some();
    if !shape || followed || numerator.is_zero() || numerator.mantissa >= denominator.mantissa {
        return None;
    }
    let v = numerator.to_f64() * 100.0 / denominator.to_f64();
    let qualifier = qualifier::around(norm, s, den_end, |_, _| true);
    let text = norm[s..den_end].to_string();
    let value = (v * 1e6).round() / 1e6;
    let mention = Mention::found(
        text,
        String::new(),
        value,
        None,
        "%".into(),
        Kind::Percent,
        qualifier,
        false,
    );
    Some((s..den_end, mention))
}

/// 翻一番, 翻两番, 翻了一番: the run `num` at byte `s` between 翻 and 番.
pub(super) fn doubling(norm: &str, s: usize, num: &Num<'_>) -> Option<Found> {
    let fan_before = norm[..s].ends_with("翻") || norm[..s].ends_with("翻了");
    let after = &norm[num.end..];
    if !(fan_before && after.starts_with('番') && num.number.value.is_integer()) {
        return None;
    }
    let n = num.number.value.mantissa;
    if !(1..=10).contains(&n) {
        return None;
    }
    let start = s - if norm[..s].ends_with("翻了") { 6 } else { 3 };
    let end = num.end + '番'.len_utf8();
    let mention = Mention::found(
        norm[s..num.end].to_string(),
        "番".into(),
        2f64.powi(n as i32),
        None,
        "x".into(),
        Kind::Multiple,
        Qualifier::Exact,
        true,
    );
    Some((start..end, mention))
}
