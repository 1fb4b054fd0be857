//! The sentence scan: every numeral run in one pass, then 翻番 without a numeral; offsets mapped
//! back to the original text and value and unit reported as written.

use super::run::{find_run, runs};
use super::{Ctx, Mention, Qualifier, mention_at};
use crate::extract::number::{is_run_char, parse_number};
use crate::extract::text::{Offsets, char_slice};
use crate::extract::unit::{Kind, match_unit};
use crate::segment::{LazyTokens, Segmenter};

/// True when the sentence may hold a quantity: a numeral run with a digit, or Chinese numerals
/// followed by a unit, `分之`, or inside `翻…番`. Sentences without one need no segmentation.
pub fn may_have_quantity(norm: &str) -> bool {
    if norm.contains("翻番") {
        return true;
    }
    runs(norm).any(|m| {
        let run = &norm[m.clone()];
        if run.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        let after = &norm[m.end..];
        // 十余万职工, 六万万人民: a Chinese figure with 万/亿 before a noun.
        if run.chars().count() > 1 && run.contains(['万', '亿']) {
            return true;
        }
        // A lone 一 before a measure word is an article (一个, 一批), never a quantity.
        if run == "一" && match_unit(after).is_some_and(|u| u.kind == Kind::Count) {
            return false;
        }
        // The run's last character may begin the unit (千瓦, 百分点) or be a multiplier.
        let last = run.chars().next_back().map_or(0, char::len_utf8);
        after.starts_with("分之")
            || after.starts_with('番')
            || match_unit(after).is_some()
            || match_unit(&norm[m.end - last..]).is_some()
    })
}

/// Find every quantity in a sentence. `norm` is the normalised sentence, `orig` the same sentence
/// as written (same characters), `base` its first character in the document, `tokens` its
/// segmentation (document offsets).
pub fn scan_sentence(
    norm: &str,
    orig: &str,
    base: usize,
    tokens: &LazyTokens<'_>,
    segmenter: &Segmenter,
) -> Vec<Mention> {
    let squeezed = squeeze_gaps(norm);
    let offsets = match &squeezed {
        Some((text, kept)) => Offsets::with_kept(text, base, kept.clone()),
        None => Offsets::new(norm, base),
    };
    let norm = squeezed.as_ref().map_or(norm, |(text, _)| text.as_str());
    let ctx = Ctx {
        norm,
        tokens,
        segmenter,
        offsets: &offsets,
    };
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(m) = find_run(norm, pos) {
        pos = m.end.max(m.start + 1);
        // A comma that does not group digits in threes separates two figures (`1/10，4386万名`).
        let split = bad_comma(&norm[m.clone()]).map(|c| m.start + c);
        let found = mention_at(&ctx, m.start, split.unwrap_or(m.end));
        if let Some(c) = split {
            pos = c + 1;
        }
        let Some((range, mut mention)) = found else {
            if norm[m.start..].starts_with(['数', '几']) {
                pos = m.start + '数'.len_utf8();
            }
            continue;
        };
        pos = pos.max(range.end);
        mention.start = offsets.char(range.start);
        mention.end = offsets.char(range.end);
        let written = char_slice(orig, mention.start - base, mention.end - base);
        let written = if squeezed.is_some() {
            written.chars().filter(|c| !is_gap(*c)).collect()
        } else {
            written
        };
        let normal = &norm[range];
        mention.value = as_written(normal, &written, &mention.value, false);
        mention.unit = as_written(normal, &written, &mention.unit, true);
        out.push(mention);
    }
    doublings_without_numeral(norm, orig, &offsets, &mut out);
    out.sort_by_key(|m| m.start);
    out
}

/// The byte in the numeral run `run` of the first comma of an Arabic number that is not a
/// thousands separator (`10,4386`), if any.
fn bad_comma(run: &str) -> Option<usize> {
    let arabic = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let mut i = 0;
    while i < run.len() {
        let rest = &run[i..];
        let len = rest.find(|c: char| !arabic(c)).unwrap_or(rest.len());
        let lit = &rest[..len];
        if lit.contains(',') && parse_number(lit).is_none() {
            return lit.find(',').map(|c| i + c);
        }
        i += len + rest[len..].chars().next().map_or(0, char::len_utf8);
    }
    None
}

/// White space a PDF or web page puts between a number and its unit.
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t')
}

/// The sentence without the white space between a numeral and its unit (`340.64 亿元`,
/// `1.2 万 人`), and for each character kept its character in the sentence; `None` when there is
/// none. A gap before anything else (`1 千方百计`, a heading) stays.
fn squeeze_gaps(norm: &str) -> Option<(String, Vec<usize>)> {
    if !norm.contains(is_gap) {
        return None;
    }
    let chars: Vec<(usize, char)> = norm.char_indices().collect();
    let mut text = String::with_capacity(norm.len());
    let mut kept = Vec::with_capacity(chars.len() + 1);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let gap_end = (i..chars.len())
            .find(|&j| !is_gap(chars[j].1))
            .unwrap_or(chars.len());
        let numeral_before = i > 0 && is_numeral(chars[i - 1].1);
        if is_gap(c) && numeral_before && gap_end < chars.len() && gap_end - i <= 2 {
            let rest = &norm[chars[gap_end].0..];
            if unit_follows(rest) {
                i = gap_end;
                continue;
            }
        }
        text.push(c);
        kept.push(i);
        i += 1;
    }
    kept.push(chars.len());
    (kept.len() < chars.len() + 1).then_some((text, kept))
}

/// A digit or a Chinese numeral character (not `.` or `,`).
fn is_numeral(c: char) -> bool {
    is_run_char(c) && !matches!(c, '.' | ',' | '点' | '多' | '余')
}

/// A unit at the start of `rest`, possibly after 万/亿 (and spaces): `亿元`, `万 人`, `%`.
pub(crate) fn unit_follows(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['万', '亿', ' ', '\t']);
    match_unit(rest).is_some()
}

/// 翻番 without a numeral: doubling.
fn doublings_without_numeral(
    norm: &str,
    orig: &str,
    offsets: &Offsets<'_>,
    out: &mut Vec<Mention>,
) {
    let base = offsets.char(0);
    for (i, _) in norm.match_indices("翻番") {
        let start = offsets.char(i);
        if out.iter().any(|m| m.start <= start && start < m.end) {
            continue;
        }
        let mut m = Mention::found(
            String::new(),
            char_slice(orig, start - base, start - base + 2),
            2.0,
            None,
            "x".into(),
            Kind::Multiple,
            Qualifier::Exact,
            true,
        );
        m.start = start;
        m.end = start + 2;
        out.push(m);
    }
}

/// `part` (a piece of the mention's normalised text `normal`) as the user wrote it, taken from the
/// mention's original text `written` at the same character position: full-width digits stay
/// full-width. The unit is looked for from the end (`百分之` is the one unit written first, and it
/// is found either way); the value from the start.
fn as_written(normal: &str, written: &str, part: &str, from_end: bool) -> String {
    if part.is_empty() || normal == written {
        return part.to_string();
    }
    let at = if from_end {
        normal.rfind(part)
    } else {
        normal.find(part)
    };
    match at {
        Some(b) => {
            let c0 = normal[..b].chars().count();
            char_slice(written, c0, c0 + part.chars().count())
        }
        None => part.to_string(),
    }
}
