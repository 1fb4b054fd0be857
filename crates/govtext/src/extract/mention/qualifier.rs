//! Qualifiers: 约/近/超过/不低于 before a figure, 左右/以上/以内 after it (`dict/qualifiers.tsv`).

use std::sync::LazyLock;

use super::{Ctx, Qualifier};
use crate::extract::dict;
use crate::extract::text::prev_char;

type Words = Vec<(&'static str, Qualifier)>;

/// (before, after) qualifier words in file order: the first match wins.
static QUALIFIERS: LazyLock<(Words, Words)> = LazyLock::new(|| {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for row in dict::QUALIFIERS.rows() {
        let q = named(row[2]);
        if row[1] == "before" {
            before.push((row[0], q));
        } else {
            after.push((row[0], q));
        }
    }
    (before, after)
});

/// The qualifier a tag of `dict/qualifiers.tsv` names (tags are checked by the parser).
fn named(tag: &str) -> Qualifier {
    [
        Qualifier::Approx,
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::AtMost,
        Qualifier::LessThan,
    ]
    .into_iter()
    .find(|q| q.as_str() == tag)
    .unwrap_or(Qualifier::Exact)
}

/// The qualifier around `norm[start..end]`; a qualifier before must not be the tail of a word
/// (节约 is not 约, 最近 is not 近) — unless the segmentation cuts there all the same (完成/约: the
/// dictionary's 成约 is no word of that sentence).
pub(super) fn around_word(ctx: &Ctx<'_, '_>, start: usize, end: usize) -> Qualifier {
    let norm = ctx.norm;
    around(norm, start, end, |byte, w| {
        prev_char(norm, byte).is_none_or(|c| {
            let from = byte - c.len_utf8();
            !ctx.segmenter.has_word(&norm[from..byte + w.len()])
                || ctx.tokens.starting_at(ctx.offsets.char(byte)).is_some()
        })
    })
}

/// True when a qualifier word of `dict/qualifiers.tsv` written before a figure (约 近 超 突破 …)
/// ends at byte `start`.
pub(super) fn before_word(norm: &str, start: usize) -> bool {
    QUALIFIERS.0.iter().any(|(w, _)| norm[..start].ends_with(w))
}

/// True when `word` is a qualifier written before a figure (约 近 超 …).
pub(super) fn is_before_word(word: &str) -> bool {
    QUALIFIERS.0.iter().any(|(w, _)| *w == word)
}

/// The qualifier around `norm[start..end]`; `begins_word(byte, word)` accepts a word before.
pub(super) fn around(
    norm: &str,
    start: usize,
    end: usize,
    mut begins_word: impl FnMut(usize, &str) -> bool,
) -> Qualifier {
    let (before_words, after_words) = &*QUALIFIERS;
    let after = &norm[end..];
    for (w, q) in after_words {
        if after.starts_with(w) {
            return *q;
        }
    }
    let before = norm[..start].trim_end();
    for (w, q) in before_words {
        if before.ends_with(w) && begins_word(before.len() - w.len(), w) {
            return *q;
        }
    }
    Qualifier::Exact
}
