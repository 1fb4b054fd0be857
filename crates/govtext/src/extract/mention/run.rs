//! Numeral runs: the one regex that finds them, their parse (trailing multipliers written as part
//! of the unit), the sign before them and 上百/上千, and value arithmetic.

use super::{Num, qualifier};
use crate::extract::number::{CjkBits, Dec, Number, chinese_digit, is_run_char, parse_number};
use crate::extract::text::prev_char;
use crate::extract::unit::{Unit, match_unit};

/// The Chinese numeral characters a run may start with.
const START: &str = "零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟几数";
/// The Chinese numeral characters a run may go on with.
const CONT: &str = "零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点几多余";
static START_BITS: CjkBits = CjkBits::of(&[START]);
static CONT_BITS: CjkBits = CjkBits::of(&[CONT]);

/// The first numeral run of `norm` that starts at or after byte `from`: its byte range. A run is
/// Arabic digits (with `,` and `.` only between digits, so a list comma never joins two numbers)
/// and Chinese numerals (`〇` and [`START`] first, then [`CONT`]); the longest one at the
/// earliest start. Written out rather than as a regex: the scan asks this of every sentence.
pub(super) fn find_run(norm: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let b = norm.as_bytes();
    let mut i = from;
    while i < b.len() {
        if starts_run(b, i) {
            return Some(i..run_end(norm, i));
        }
        i += if b[i] >= 0xe0 { 3 } else { 1 };
    }
    None
}

/// True when a run may start at byte `i` of the text `b`: a digit, or a starting numeral. The
/// numerals are three bytes of UTF-8, told from their bytes: 〇 (U+3007) and ideographs (leading
/// bytes E4..E9); a continuation byte starts nothing. Inlined: it is asked of every character.
#[inline(always)]
fn starts_run(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'0'..=b'9' => true,
        x @ 0xe4..=0xe9 => START_BITS.has_code(
            (u32::from(x & 0x0f) << 12)
                | (u32::from(b[i + 1] & 0x3f) << 6)
                | u32::from(b[i + 2] & 0x3f),
        ),
        0xe3 => b[i + 1] == 0x80 && b[i + 2] == 0x87,
        _ => false,
    }
}

/// The numeral run that starts at byte `at` of `norm`, if one does (only its end is looked for).
pub(super) fn run_starting_at(norm: &str, at: usize) -> Option<std::ops::Range<usize>> {
    (at < norm.len() && starts_run(norm.as_bytes(), at)).then(|| at..run_end(norm, at))
}

/// Every numeral run of `norm`, in order.
pub(super) fn runs(norm: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let r = find_run(norm, from)?;
        from = r.end;
        Some(r)
    })
}

/// The end of the run that starts at byte `start` (a digit or a starting numeral).
fn run_end(norm: &str, start: usize) -> usize {
    let b = norm.as_bytes();
    let mut i = start;
    loop {
        if b.get(i).is_some_and(u8::is_ascii_digit) {
            i = arabic_end(b, i);
            continue;
        }
        let Some(c) = norm.get(i..).and_then(|r| r.chars().next()) else {
            return i;
        };
        let numeral = c == '〇'
            || if i == start {
                START_BITS.has(c)
            } else {
                CONT_BITS.has(c)
            };
        if !numeral {
            return i;
        }
        i += c.len_utf8();
    }
}

/// The end of the Arabic number at byte `i`: digits, and `,` or `.` followed by digits.
fn arabic_end(b: &[u8], mut i: usize) -> usize {
    loop {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let sep = matches!(b.get(i), Some(b'.' | b','));
        if sep && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            return i;
        }
    }
}

/// Parse the numeral run `norm[s..e]` (trimming trailing punctuation); returns the number, the
/// byte where its multiplier suffix begins, and whether a leading 百/千/万 stands for 一百/一千/一万
/// (`百亿美元`, `上千家`, `超万列`): such a figure needs evidence, see [`number_and_unit`].
pub(super) fn parse_run(norm: &str, s: usize, e: usize) -> Option<(usize, Number, usize, bool)> {
    let mut e = e;
    while e > s {
        let last = prev_char(norm, e)?;
        if matches!(last, ',' | '.' | '点') {
            e -= last.len_utf8();
        } else {
            break;
        }
    }
    if e <= s {
        return None;
    }
    let run = &norm[s..e];
    let (number, implicit_one) = match parse_number(run) {
        Some(n) => (n, false),
        None if run.starts_with(['百', '千', '万']) => {
            (parse_number(&format!("一{run}"))?, true)
        }
        None => return parse_run(norm, s, figure_before_word(run)? + s),
    };
    Some((e, number, multiplier_start(norm, s, e), implicit_one))
}

/// An Arabic figure with its 万/亿 followed by digits that begin the next word (`8万亿两个台阶`,
/// `390万65岁`): the byte in `run` where the figure ends.
fn figure_before_word(run: &str) -> Option<usize> {
    if !run.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut prev = None;
    for (i, c) in run.char_indices() {
        if matches!(prev, Some('万' | '亿')) && (chinese_digit(c).is_some() || c.is_ascii_digit())
        {
            return Some(i);
        }
        prev = Some(c);
    }
    None
}

/// Trailing 万/亿 (and 千/百 after Arabic digits) are written as part of the unit: the byte where
/// they begin in the run `norm[s..e]`.
fn multiplier_start(norm: &str, s: usize, e: usize) -> usize {
    let mut v = e;
    let has_arabic = norm[s..e].bytes().any(|b| b.is_ascii_digit());
    while let Some(c) = prev_char(norm, v) {
        let multiplier = matches!(c, '万' | '亿') || (has_arabic && matches!(c, '千' | '百'));
        if multiplier && v - c.len_utf8() > s {
            v -= c.len_utf8();
        } else {
            break;
        }
    }
    v
}

/// Parse a run and find its unit, giving back a trailing 千/百/万 when that lets a unit match
/// (`50万千瓦` is 50万 + 千瓦, `5百分点` is 5 + 百分点). A leading 百/千/万 without 一 is a figure
/// only after a qualifier (`超万列`, `近千万家庭`, `上百家`) or as 百亿/千万… with a unit
/// (`千亿元以上`): 百姓, 千方百计 and 百人计划 are not.
pub(super) fn number_and_unit<'s>(
    norm: &'s str,
    s: usize,
    e: usize,
) -> Option<(Num<'s>, Option<&'static Unit>)> {
    if let Some(found) = colloquial_ge(norm, s, e) {
        return Some(found);
    }
    let attempt = |end: usize| {
        let (end, number, value_end, implicit_one) = parse_run(norm, s, end)?;
        let num = Num {
            end,
            number,
            value_end,
            negative: false,
            text: &norm[s..end],
        };
        let unit = match_unit(&norm[end..]);
        let multi = num.text.chars().count() > 1 && unit.is_some();
        let evidence = multi || norm[..s].ends_with('上') || qualifier::before_word(norm, s);
        (!implicit_one || evidence).then_some((num, unit))
    };
    // A unit that begins with the run's last character (千米, 千瓦, 百分点) wins over reading
    // that character as a multiplier.
    if let Some(c) = prev_char(norm, e)
        && matches!(c, '千' | '百' | '万' | '亿')
        && e - c.len_utf8() > s
        && let Some((num, Some(unit))) = attempt(e - c.len_utf8())
        && unit.written.starts_with(c)
    {
        return Some((num, Some(unit)));
    }
    attempt(e)
}

/// `三个亿`, `十个亿元`: a colloquial 个 between a small Chinese integer and 亿 (a figure of 3亿, not
/// a count of three). Not before 万 (`四个万家` is a slogan, `两个万亿元台阶` counts steps).
fn colloquial_ge<'s>(
    norm: &'s str,
    s: usize,
    e: usize,
) -> Option<(Num<'s>, Option<&'static Unit>)> {
    let rest = norm[e..].strip_prefix("个亿")?;
    let small = norm[s..e]
        .chars()
        .all(|c| chinese_digit(c).is_some() || c == '十');
    if !small || rest.starts_with(['万', '亿']) {
        return None;
    }
    let big = '亿';
    let number = parse_number(&format!("{}{big}", &norm[s..e]))?;
    let end = e + '个'.len_utf8() + big.len_utf8();
    let num = Num {
        end,
        number,
        value_end: e,
        negative: false,
        text: &norm[s..end],
    };
    Some((num, match_unit(&norm[end..])))
}

/// The sign before the run (负3.9%, -2.3%, not the dash of a range or a date) and 上百/上千/上万
/// (a lower bound): the mention's first byte, and whether it is a 上 lower bound.
pub(super) fn sign_and_floor(
    norm: &str,
    s: usize,
    before: Option<char>,
    num: &mut Num<'_>,
) -> (usize, bool) {
    let mut start = s;
    if norm[..s].ends_with('负') {
        num.negative = true;
        start = s - '负'.len_utf8();
    } else if let Some(c @ ('-' | '−')) = before {
        let before_sign = prev_char(norm, s - c.len_utf8());
        if !before_sign.is_some_and(|b| b.is_ascii_alphanumeric() || b == '%' || is_run_char(b)) {
            num.negative = true;
            start = s - c.len_utf8();
        }
    }
    let shang = norm[..s].ends_with('上')
        && num.text.starts_with(['百', '千', '万'])
        && !num.text.contains(|c: char| c.is_ascii_digit());
    if shang {
        start = s - '上'.len_utf8();
    }
    (start, shang)
}

/// The multiplier written after the value of `n` (万, 亿 …) as a number.
pub(super) fn multiplier_of(norm: &str, n: &Num<'_>) -> Dec {
    let mut d = Dec::int(1);
    for c in norm[n.value_end..n.end].chars() {
        d = d
            .checked_mul(match c {
                '万' => Dec::int(10_000),
                '亿' => Dec::int(100_000_000),
                '千' => Dec::int(1000),
                '百' => Dec::int(100),
                _ => Dec::int(1),
            })
            .unwrap_or(d);
    }
    d
}

/// `v` with the sign.
pub(super) fn signed(v: Dec, negative: bool) -> Dec {
    if negative { v.negated() } else { v }
}

/// `v` in the unit's normalised unit, signed.
pub(super) fn apply_unit(v: Dec, negative: bool, unit: &Unit) -> Option<f64> {
    Some(signed(v.checked_mul(unit.factor)?, negative).to_f64())
}
