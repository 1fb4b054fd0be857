//! Attaching the unit: a lexicon unit glued to a longer word is none (`14亿人口`), compound units
//! (元/吨) and measure words the lexicon lacks but the segmenter tags are kept as written; then
//! the mention of a single figure.

use std::sync::LazyLock;

use super::run::{apply_unit, signed};
use super::{Ctx, Found, Mention, Num, bare, qualifier, traps};
use crate::extract::dict;
use crate::extract::number::{Dec, Vagueness, chinese_digit};
use crate::extract::text::{is_cjk, next_char};
use crate::extract::unit::{Kind, Unit, match_not_quantity, match_unit, may_be_year};

/// Words that may follow `/` in a compound unit besides lexicon units (`dict/per_words.tsv`).
static PER_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| dict::PER_WORDS.words());

/// The unit of a figure and where the figure ends.
pub(super) struct Attached {
    /// The lexicon unit, if any.
    pub unit: Option<&'static Unit>,
    /// Byte after the unit.
    pub end: usize,
    /// A unit not in the lexicon: (kind, normalised unit).
    pub extra: Option<(Kind, String)>,
    /// A fraction of the unit written after it: `两吨半` (0.5), `四成五` (0.5).
    pub part: Dec,
    /// 多 or 余 after a multiple (`2倍多`): a lower bound.
    pub more: bool,
}

/// The unit after the run: `None` rejects the mention (a Chinese numeral before a glued unit).
pub(super) fn attach(
    ctx: &Ctx<'_, '_>,
    num: &Num<'_>,
    unit: Option<&'static Unit>,
) -> Option<Attached> {
    let mut unit = unit;
    let mut end = num.end + unit.map_or(0, |u| u.written.len());
    if let Some(u) = unit
        && u.written.chars().count() == 1
        && glued(ctx, num.end, end)
    {
        // 三家企 is no figure; 近千万家庭 is one before a noun, as 14亿人口 is.
        if num.number.chinese && !num.text.contains(['万', '亿']) {
            return None;
        }
        unit = None;
        end = num.end;
    }
    let mut extra = None;
    let mut part = Dec::ZERO;
    if let Some((len, text)) = compound_unit(&ctx.norm[num.end..], unit) {
        end = num.end + len;
        extra = Some((Kind::Other, text));
    } else if unit.is_none()
        && let Some(word) = measure_word(ctx, num)
    {
        end = num.end + word.len();
        extra = Some((Kind::Count, word.to_string()));
    } else if let Some(u) = unit
        && num.number.value.is_integer()
        && let Some((len, p)) = part_after_unit(ctx, end, u)
    {
        end += len;
        part = p;
    }
    // 2倍多, 3倍余: more than the multiple.
    let more = unit.is_some_and(|u| u.kind == Kind::Multiple)
        && next_char(ctx.norm, end).is_some_and(|c| matches!(c, '多' | '余'));
    if more {
        end += '多'.len_utf8();
    }
    Some(Attached {
        unit,
        end,
        extra,
        part,
        more,
    })
}

/// A fraction of the unit written right after it, as a word of its own: 半 (`两吨半`, `三成半`,
/// `一倍半`) and, after 成, one Chinese digit (`四成五` = 4.5成). Not 半 of another word
/// (`一个半小时`, `两吨半成品`). Returns its byte length and value.
fn part_after_unit(ctx: &Ctx<'_, '_>, at: usize, unit: &Unit) -> Option<(usize, Dec)> {
    let c = next_char(ctx.norm, at)?;
    let part = match (c, chinese_digit(c)) {
        ('半', _) => Dec {
            mantissa: 5,
            scale: 1,
        },
        (_, Some(d @ 1..=9)) if unit.written == "成" => Dec {
            mantissa: d.into(),
            scale: 1,
        },
        _ => return None,
    };
    let from = ctx.offsets.char(at);
    let alone = ctx
        .tokens
        .starting_at(from)
        .is_some_and(|t| t.end == from + 1);
    (alone && unit.kind != Kind::Currency).then_some((c.len_utf8(), part))
}

/// A unit glued to a longer word (`14亿人口`: 人 is the start of 人口) is not a unit.
fn glued(ctx: &Ctx<'_, '_>, unit_start: usize, unit_end: usize) -> bool {
    let (us, ue) = (ctx.offsets.char(unit_start), ctx.offsets.char(unit_end));
    ctx.tokens.window(us, ue + 1).any(|t| {
        t.start >= us
            && t.start < ue
            && t.end > ue
            && !is_numeric_pos(t.pos)
            && ctx.segmenter.has_word(t.word)
    })
}

/// A measure word the segmenter tags as a quantifier right at byte `at` (1–2 CJK characters).
fn measure_word<'t>(ctx: &Ctx<'_, 't>, num: &Num<'_>) -> Option<&'t str> {
    let at = ctx.offsets.char(num.end);
    let integer = may_be_year(num.number.value);
    let t = ctx.tokens.starting_at(at)?;
    let n = t.word.chars().count();
    let ok = t.pos == "q"
        && (1..=2).contains(&n)
        && t.word.chars().all(is_cjk)
        && match_not_quantity(t.word, num.number.chinese, integer).is_none();
    ok.then_some(t.word)
}

/// A compound unit at the start of `after`: the unit already matched (or 1–4 CJK characters)
/// then `/` then a unit or a time word. Returns its byte length and text.
fn compound_unit(after: &str, unit: Option<&'static Unit>) -> Option<(usize, String)> {
    let a_len = match unit {
        Some(u) => u.written.len(),
        None => after
            .char_indices()
            .take_while(|&(i, c)| is_cjk(c) && i < 12)
            .map(|(i, c)| i + c.len_utf8())
            .last()?,
    };
    // 元/吨, and 微克每立方米 (每 for the slash).
    let rest = after[a_len..]
        .strip_prefix('/')
        .or_else(|| unit.and_then(|_| after[a_len..].strip_prefix('每')))?;
    let b = match_unit(rest).map(|u| u.written).or_else(|| {
        PER_WORDS
            .iter()
            .copied()
            .filter(|w| rest.starts_with(w))
            .max_by_key(|w| w.len())
    })?;
    let len = after.len() - rest.len() + b.len();
    Some((len, after[..len].to_string()))
}

/// Parts of speech a number and its unit may carry.
pub(super) fn is_numeric_pos(pos: &str) -> bool {
    matches!(pos, "m" | "mq" | "q" | "x" | "eng")
}

/// The mention of a single figure (not a range) `norm[start..]`.
pub(super) fn single(
    ctx: &Ctx<'_, '_>,
    start: usize,
    num: &Num<'_>,
    attached: &Attached,
    shang: bool,
) -> Option<Found> {
    let norm = ctx.norm;
    let end = attached.end;
    let (kind, norm_unit, value) = match (attached.unit, &attached.extra) {
        (_, Some((kind, norm_unit))) => (
            *kind,
            norm_unit.clone(),
            signed(num.number.value, num.negative).to_f64(),
        ),
        (Some(u), None) => {
            // A lone Chinese 一 before a measure word is an article: 一批, 一个, 一次.
            if num.number.chinese && !shang && num.text == "一" && traps::is_article_count(u) {
                return None;
            }
            if traps::never_counts(num, u) {
                return None;
            }
            let value = num.number.value.checked_add(attached.part)?;
            let v = apply_unit(value, num.negative, u)?;
            (u.kind, u.norm.to_string(), v)
        }
        (None, None) => {
            let kind = bare::bare_kind(ctx, start, num)?;
            let v = signed(num.number.value, num.negative).to_f64();
            match kind {
                Kind::Currency => (Kind::Currency, "CNY".to_string(), v),
                k => (k, String::new(), v),
            }
        }
    };
    let qualifier = if num.number.vague == Vagueness::MoreThan || attached.more {
        super::Qualifier::MoreThan
    } else if shang {
        super::Qualifier::AtLeast
    } else {
        qualifier::around_word(ctx, start, end)
    };
    let mention = Mention::found(
        norm[start..num.value_end].to_string(),
        norm[num.value_end..end].to_string(),
        value,
        None,
        norm_unit,
        kind,
        qualifier,
        num.number.chinese,
    );
    Some((start..end, mention))
}
