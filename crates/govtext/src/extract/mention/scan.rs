//! The sentence scan: every numeral run in one pass, then 翻番 without a numeral; offsets mapped
//! back to the original text and value and unit reported as written.

use super::run::RUN;
use super::{Ctx, Mention, Qualifier, mention_at};
use crate::extract::text::{Offsets, char_slice};
use crate::extract::unit::{Kind, match_unit};
use crate::segment::{Segmenter, Token};

/// True when the sentence may hold a quantity: a numeral run with a digit, or Chinese numerals
/// followed by a unit, `分之`, or inside `翻…番`. Sentences without one need no segmentation.
pub fn may_have_quantity(norm: &str) -> bool {
    if norm.contains("翻番") {
        return true;
    }
    RUN.find_iter(norm).any(|m| {
        let run = m.as_str();
        if run.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        let after = &norm[m.end()..];
        // A lone 一 before a measure word is an article (一个, 一批), never a quantity.
        if run == "一" && match_unit(after).is_some_and(|u| u.kind == Kind::Count) {
            return false;
        }
        // The run's last character may begin the unit (千瓦, 百分点) or be a multiplier.
        let last = run.chars().next_back().map_or(0, char::len_utf8);
        after.starts_with("分之")
            || after.starts_with('番')
            || match_unit(after).is_some()
            || match_unit(&norm[m.end() - last..]).is_some()
    })
}

/// Find every quantity in a sentence. `norm` is the normalised sentence, `orig` the same sentence
/// as written (same characters), `base` its first character in the document, `tokens` its
/// segmentation (document offsets).
pub fn scan_sentence(
    norm: &str,
    orig: &str,
    base: usize,
    tokens: &[Token<'_>],
    segmenter: &Segmenter,
) -> Vec<Mention> {
    let offsets = Offsets::new(norm, base);
    let ctx = Ctx {
        norm,
        tokens,
        segmenter,
        offsets: &offsets,
    };
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(m) = RUN.find_at(norm, pos) {
        pos = m.end().max(m.start() + 1);
        let Some((range, mut mention)) = mention_at(&ctx, m.start(), m.end()) else {
            if norm[m.start()..].starts_with(['数', '几']) {
                pos = m.start() + '数'.len_utf8();
            }
            continue;
        };
        pos = pos.max(range.end);
        mention.start = offsets.char(range.start);
        mention.end = offsets.char(range.end);
        let written = char_slice(orig, mention.start - base, mention.end - base);
        let normal = &norm[range];
        mention.value = as_written(normal, &written, &mention.value, false);
        mention.unit = as_written(normal, &written, &mention.unit, true);
        out.push(mention);
    }
    doublings_without_numeral(norm, orig, &offsets, &mut out);
    out.sort_by_key(|m| m.start);
    out
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
