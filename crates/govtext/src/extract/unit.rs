//! The unit lexicon: what follows a number, what kind of quantity that makes, and how it
//! normalises (`亿元` is handled by the numeral grammar as 亿 × 元; this table knows 元 → CNY).
//!
//! Lookup is longest-match at a position, so `个百分点` wins over `个` and `千瓦时` over `千瓦`.

use super::number::Dec;

pub use crate::schema::Kind;

/// One written unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// As written after the number.
    pub written: &'static str,
    /// Kind of quantity.
    pub kind: Kind,
    /// Normalised unit (`CNY`, `%`, `km2`, the measure word for counts …).
    pub norm: &'static str,
    /// Factor into the normalised unit (兆瓦 → 1000 kW, 成 → 10 %).
    pub factor: Dec,
}

use Kind::*;

/// Every unit, in the order of `dict/units.tsv` (lookup picks the longest).
pub static UNITS: std::sync::LazyLock<Vec<Unit>> = std::sync::LazyLock::new(|| {
    let rows = super::dict::UNITS.rows().into_iter();
    rows.map(|r| Unit {
        written: r[0],
        kind: kind_named(r[1]),
        norm: r[2],
        factor: Dec::parse_ascii(r[3]).expect("checked by the parser"),
    })
    .collect()
});

/// True when the number `n` may be a year (or end with one): anything but a decimal of one or
/// two places (`10.9`, `10.23` are durations).
pub fn may_be_year(n: Dec) -> bool {
    !(1..=2).contains(&n.trim().scale)
}

/// The kind a tag names (tags are checked by the dictionary parser).
fn kind_named(tag: &str) -> Kind {
    tag.parse().unwrap_or(Other)
}

/// When a not-a-quantity word applies (`dict/not_quantity_after.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// After any number (`2020年`, `47号`).
    Always,
    /// After a Chinese numeral only: `三期` is a phase, `20期` a count of sessions.
    Chinese,
    /// After a number that may be a year: not after one or two decimals (`10.9年` is a
    /// duration; `2020年` and the list number and year `20.2026年` are not).
    Year,
}

/// Words that, right after a number, make it a date, a time, an ordinal or a name: such a number
/// is never a quantity, each with its first character (compared before the word).
/// (`dict/not_quantity_after.tsv`)
static NOT_QUANTITY_AFTER: std::sync::LazyLock<Vec<(char, &'static str, After)>> =
    std::sync::LazyLock::new(|| {
        let rows = super::dict::NOT_QUANTITY_AFTER.rows().into_iter();
        rows.filter_map(|r| {
            let when = match r[1] {
                "chinese" => After::Chinese,
                "year" => After::Year,
                _ => After::Always,
            };
            Some((r[0].chars().next()?, r[0], when))
        })
        .collect()
    });

/// Units by first character, longest first.
static BY_FIRST: std::sync::LazyLock<rustc_hash::FxHashMap<char, Vec<&'static Unit>>> =
    std::sync::LazyLock::new(|| {
        let mut m: rustc_hash::FxHashMap<char, Vec<&'static Unit>> = Default::default();
        for u in UNITS.iter() {
            if let Some(c) = u.written.chars().next() {
                m.entry(c).or_default().push(u);
            }
        }
        for v in m.values_mut() {
            v.sort_by_key(|u| std::cmp::Reverse(u.written.len()));
        }
        m
    });

/// The longest unit written at the start of `text`.
pub fn match_unit(text: &str) -> Option<&'static Unit> {
    let first = text.chars().next()?;
    BY_FIRST
        .get(&first)?
        .iter()
        .copied()
        .find(|u| text.starts_with(u.written))
}

/// The not-a-quantity word at the start of `text`, after a number that is `chinese` (written
/// with Chinese numerals) and may be a year (`year`: not a decimal of one or two places), if any.
pub fn match_not_quantity(text: &str, chinese: bool, year: bool) -> Option<&'static str> {
    let first = text.chars().next()?;
    NOT_QUANTITY_AFTER
        .iter()
        .filter(|(f, w, when)| {
            *f == first
                && text.starts_with(w)
                && match when {
                    After::Always => true,
                    After::Chinese => chinese,
                    After::Year => year,
                }
        })
        .map(|(_, w, _)| *w)
        .max_by_key(|w| w.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_wins() {
        assert_eq!(match_unit("个百分点，").unwrap().kind, PercentagePoint);
        assert_eq!(match_unit("个项目").unwrap().written, "个");
        assert_eq!(match_unit("千瓦时").unwrap().norm, "kWh");
        assert_eq!(match_unit("千瓦").unwrap().norm, "kW");
        assert_eq!(match_unit("吨标准煤").unwrap().kind, Energy);
        assert_eq!(match_unit("人次").unwrap().norm, "人次");
        assert_eq!(match_unit("名机关干部").unwrap().norm, "人");
        assert_eq!(match_unit("美元").unwrap().norm, "USD");
        assert_eq!(match_unit("兆瓦").unwrap().factor, Dec::int(1000));
        assert!(match_unit("稳").is_none());
    }

    #[test]
    fn dates_and_names_are_recognised() {
        assert_eq!(match_not_quantity("年来", false, true), Some("年"));
        assert_eq!(match_not_quantity("号线", false, true), Some("号线"));
        assert_eq!(match_not_quantity("届政府", true, true), Some("届"));
        assert!(match_not_quantity("个", true, true).is_none());
        // 10.9年 is a duration, 20期 a count; 三期 is a phase.
        assert!(match_not_quantity("年", false, false).is_none());
        assert!(match_not_quantity("期", false, true).is_none());
        assert_eq!(match_not_quantity("期叠加", true, true), Some("期"));
    }

    #[test]
    fn units_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for u in UNITS.iter() {
            assert!(seen.insert(u.written), "{} twice", u.written);
        }
    }
}
