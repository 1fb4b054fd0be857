//! What looks like a quantity and is not: ordinals and codes (第二, PM2.5, 5G), dates, times,
//! addresses and names (2020年, 47号, 十六届), meetings (十次全会), the parts of a speech (四个方面),
//! an indefinite article (一批), Chinese numerals inside a word (统一, 二七区) or a short quoted
//! slogan (“五个一”).

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use super::{Ctx, Num};
use crate::extract::dict;
use crate::extract::unit::{Kind, Unit, match_not_quantity, may_be_year};

/// After 次: an ordinal meeting (`十次全会`), not a count (`dict/meeting_words.tsv`).
static MEETING_AFTER_CI: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::MEETING_WORDS.words());

/// Set phrases and slogans written with a numeral (`dict/numeral_phrases.tsv`), by first character.
static NUMERAL_PHRASES: LazyLock<FxHashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_first: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
    for p in dict::NUMERAL_PHRASES.words() {
        if let Some(c) = p.chars().next() {
            by_first.entry(c).or_default().push(p);
        }
    }
    by_first
});

/// The longest set phrase, in bytes.
static LONGEST_PHRASE: LazyLock<usize> = LazyLock::new(|| {
    NUMERAL_PHRASES
        .values()
        .flatten()
        .map(|p| p.len())
        .max()
        .unwrap_or(0)
});

/// True when the figure starting at byte `s` lies inside a set phrase (`两个市场`, `三次产业`,
/// `八项规定`): a name, not a count.
pub(super) fn in_set_phrase(norm: &str, s: usize) -> bool {
    let from = s.saturating_sub(LONGEST_PHRASE.saturating_sub(1));
    (from..=s.min(norm.len()))
        .filter(|&b| norm.is_char_boundary(b))
        .any(|b| {
            let rest = &norm[b..];
            rest.chars().next().is_some_and(|c| {
                NUMERAL_PHRASES
                    .get(&c)
                    .is_some_and(|ps| ps.iter().any(|p| b + p.len() > s && rest.starts_with(p)))
            })
        })
}

/// Ordinals, codes, versions: 第二, PM2.5, G60, 3.5.1.
pub(super) fn code_or_ordinal_before(before: Option<char>) -> bool {
    matches!(before, Some('第' | '#' | '.' | '_' | '/' | '@'))
        || before.is_some_and(|c| c.is_ascii_alphabetic())
}

/// The checks on what follows the run: `None` rejects the mention, else the unit to use.
pub(super) fn check_after(
    norm: &str,
    s: usize,
    num: &Num<'_>,
    unit: Option<&'static Unit>,
) -> Option<Option<&'static Unit>> {
    let after = &norm[num.end..];
    // Codes: 5G, 3A景区, 4A级.
    if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // Dates, times, ordinals, addresses, names: 2020年, 8月, 十六届, 47号, 三期.
    let integer = may_be_year(num.number.value);
    if let Some(w) = match_not_quantity(after, num.number.chinese, integer)
        && unit.is_none_or(|u| u.written.len() <= w.len())
    {
        return None;
    }
    let Some(u) = unit else { return Some(None) };
    // 十次全会, and 十一届十次: plenary sessions are ordinals.
    let after_jie = norm[..s].ends_with('届');
    if u.written == "次"
        && (after_jie || MEETING_AFTER_CI.iter().any(|w| after[3..].starts_with(w)))
    {
        return None;
    }
    // 四个方面: the parts of a speech, not a figure.
    if u.kind == Kind::Count && after[u.written.len()..].starts_with("方面") {
        return None;
    }
    Some(unit)
}

/// Measure words that after a lone Chinese 一 are an indefinite article (`一批`, `一个`, `一天接着一天`),
/// not a count (一度 is an adverb, checked by the caller).
pub(super) fn is_article_count(u: &Unit) -> bool {
    matches!(u.kind, Kind::Count | Kind::Other) || u.written == "度"
}

/// A lone Chinese numeral that never counts before a measure word: 零 (`零部件`) and 二, which names
/// the second of a series (`二轮延包`, `二期`); a count of two is written 两.
pub(super) fn never_counts(num: &Num<'_>, u: &Unit) -> bool {
    matches!(num.text, "零" | "〇" | "二") && !matches!(u.kind, Kind::Percent | Kind::Multiple)
}

/// Chinese numerals inside a word (统一, 进一步, 二七区, 一次性) or a short slogan are not numbers:
/// true when `norm[s..end]` is one.
/// A multiple is the exception: `增加一倍` is one word to the segmenter and still a figure.
pub(super) fn inside_name(
    ctx: &Ctx<'_, '_>,
    s: usize,
    end: usize,
    num: &Num<'_>,
    unit: Option<&Unit>,
) -> bool {
    if !(num.number.chinese || num.text.starts_with(|c: char| !c.is_ascii_digit())) {
        return false;
    }
    if unit.is_some_and(|u| u.kind == Kind::Multiple) {
        return false;
    }
    let (cs, ce) = (ctx.offsets.char(s), ctx.offsets.char(end));
    let inside_word = ctx.tokens.window(cs, ce + 1).any(|t| {
        let straddles_start = t.start < cs && t.end > cs;
        let straddles_end = t.start < ce && t.end > ce;
        // 近三成 is one word to the segmenter: a qualifier and the figure, not a name.
        let qualified = straddles_start
            && t.end == ce
            && super::qualifier::is_before_word(ctx.offsets.between(t.start, cs));
        (straddles_start || straddles_end) && !qualified && !super::units::is_numeric_pos(t.pos)
    });
    inside_word || in_short_quote(ctx.norm, s, end)
}

/// True when `norm[s..e]` sits inside a short quoted phrase with other words (“五个一”, “三个二七”):
/// a slogan, not a figure. A quoted count of articles alone (出台“二十条”, 三个“十条”) names a
/// policy document.
fn in_short_quote(norm: &str, s: usize, e: usize) -> bool {
    const OPEN: &[char] = &['“', '「', '『', '"', '‘'];
    const CLOSE: &[char] = &['”', '」', '』', '"', '’'];
    let before: Vec<char> = norm[..s].chars().rev().take(10).collect();
    let Some(open) = before
        .iter()
        .position(|c| OPEN.contains(c) || CLOSE.contains(c))
    else {
        return false;
    };
    if !OPEN.contains(&before[open]) {
        return false;
    }
    let after: Vec<char> = norm[e..].chars().take(10).collect();
    let Some(close) = after
        .iter()
        .position(|c| OPEN.contains(c) || CLOSE.contains(c))
    else {
        return false;
    };
    CLOSE.contains(&after[close]) && (open + close > 0 || norm[s..e].ends_with('条'))
}
