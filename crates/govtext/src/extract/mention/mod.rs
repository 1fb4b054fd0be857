//! Finding quantity mentions in one sentence: numeral runs (one compiled regex, one pass),
//! their units, ranges and qualifiers, and the rules that keep dates, ordinals, names, slogans,
//! codes and addresses out.
//!
//! The rules are about the *shape* around a number, not about particular names: a number followed
//! by 年/月/日/号/届 is a date, an address or an ordinal; one preceded by 第 is an ordinal; one glued
//! to Latin letters is a code (PM2.5, 5G, 3A); a Chinese numeral inside a word the segmenter knows
//! (二七区, 统一, 一次性) or inside a short quoted slogan (“五个一”) is part of a name.

//!
//! One file per concern: [`scan`] walks the sentence, [`run`] reads a numeral run and its sign,
//! [`units`] attaches the unit, [`range`] joins `a–b`, [`qualifier`] reads 约/以上…, [`bare`]
//! decides what a figure without a unit is, [`fraction`] reads 分之, `1/4` and 翻番, [`ratio`] reads `2.50:1`, [`traps`] keeps
//! dates, ordinals, codes and names out.

mod bare;
mod fraction;
mod qualifier;
mod range;
mod ratio;
mod run;
mod scan;
#[cfg(test)]
mod tests;
mod traps;
mod units;

pub(crate) use scan::unit_follows;
pub use scan::{may_have_quantity, scan_sentence};

use super::number::Number;
use super::text::{Offsets, prev_char};
use super::unit::Kind;
use crate::segment::{LazyTokens, Segmenter};

pub use crate::schema::Qualifier;

/// One quantity found in a sentence. Offsets are document characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The number as written (without multipliers that belong to the unit: `340.64` of `340.64亿元`).
    pub value: String,
    /// The unit as written, multipliers included (`亿元`, `万人`, `%`), or empty.
    pub unit: String,
    /// Value in the normalised unit (lower bound of a range).
    pub norm_value: f64,
    /// Upper bound of a range.
    pub norm_upper: Option<f64>,
    /// Normalised unit.
    pub norm_unit: String,
    /// Kind of quantity.
    pub kind: Kind,
    /// How exact.
    pub qualifier: Qualifier,
    /// True when written (at least partly) in Chinese numerals.
    pub chinese: bool,
}

/// A parsed numeral run.
struct Num<'s> {
    /// End of the numeral run (its start is where the caller found it).
    end: usize,
    number: Number,
    /// Byte where trailing multipliers (万/亿/千 written as part of the unit) begin.
    value_end: usize,
    negative: bool,
    text: &'s str,
}

/// A mention and its byte range in the normalised sentence.
type Found = (std::ops::Range<usize>, Mention);

/// What the rules look at besides the text: the sentence's tokens and offsets.
struct Ctx<'a, 't> {
    norm: &'a str,
    tokens: &'a LazyTokens<'t>,
    segmenter: &'a Segmenter,
    offsets: &'a Offsets<'a>,
}

impl Mention {
    /// A mention with offsets still to be set by the scanner.
    #[allow(clippy::too_many_arguments)]
    fn found(
        value: String,
        unit: String,
        norm_value: f64,
        norm_upper: Option<f64>,
        norm_unit: String,
        kind: Kind,
        qualifier: Qualifier,
        chinese: bool,
    ) -> Mention {
        Mention {
            start: 0,
            end: 0,
            value,
            unit,
            norm_value,
            norm_upper,
            norm_unit,
            kind,
            qualifier,
            chinese,
        }
    }
}

/// The mention whose numeral run is `norm[s..e]`, if it is one: the steps in order.
fn mention_at(ctx: &Ctx<'_, '_>, s: usize, e: usize) -> Option<Found> {
    let norm = ctx.norm;
    let before = prev_char(norm, s);
    if traps::code_or_ordinal_before(before) {
        return None;
    }
    // X分之Y: fractions and 百分之Y; 1/4 (a share) and 2.50:1 (a ratio).
    if norm[e..].starts_with("分之") {
        return fraction::fraction(norm, s, e);
    }
    if let Some(found) = fraction::slash(norm, s, e).or_else(|| ratio::ratio(norm, s, e)) {
        return Some(found);
    }
    let (mut num, unit) = run::number_and_unit(norm, s, e)?;
    let unit = traps::check_after(norm, s, &num, unit)?;
    if let Some(found) = fraction::doubling(norm, s, &num) {
        return Some(found);
    }
    let (start, shang) = run::sign_and_floor(norm, s, before, &mut num);
    let attached = units::attach(ctx, &num, unit)?;
    if traps::inside_name(ctx, s, attached.end, &num, attached.unit)
        || traps::in_set_phrase(norm, s)
    {
        return None;
    }
    if let Some(upper) = range::upper_bound(norm, attached.end, attached.unit)? {
        return range::range_mention(norm, start, &num, attached.unit, &upper);
    }
    units::single(ctx, start, &num, &attached, shang)
}
