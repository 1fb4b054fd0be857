//! The unit lexicon: what follows a number, what kind of quantity that makes, and how it
//! normalises (`亿元` is handled by the numeral grammar as 亿 × 元; this table knows 元 → CNY).
//!
//! Lookup is longest-match at a position, so `个百分点` wins over `个` and `千瓦时` over `千瓦`.

use super::number::Dec;

/// What a quantity measures, as in RECORDS.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Money.
    Currency,
    /// A percentage.
    Percent,
    /// A change in percentage points.
    PercentagePoint,
    /// A count with a measure word.
    Count,
    /// Area.
    Area,
    /// Length.
    Length,
    /// Mass.
    Mass,
    /// Energy.
    Energy,
    /// Power.
    Power,
    /// Volume.
    Volume,
    /// A multiple (倍, 翻番).
    Multiple,
    /// A bare number: an index value, a count before a noun.
    Number,
    /// A unit we do not normalise (compound or unknown), kept as written.
    Other,
}

impl Kind {
    /// The snake_case name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Currency => "currency",
            Kind::Percent => "percent",
            Kind::PercentagePoint => "percentage_point",
            Kind::Count => "count",
            Kind::Area => "area",
            Kind::Length => "length",
            Kind::Mass => "mass",
            Kind::Energy => "energy",
            Kind::Power => "power",
            Kind::Volume => "volume",
            Kind::Multiple => "multiple",
            Kind::Number => "number",
            Kind::Other => "other",
        }
    }
}

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

const ONE: Dec = Dec::int(1);

const fn u(written: &'static str, kind: Kind, norm: &'static str) -> Unit {
    Unit {
        written,
        kind,
        norm,
        factor: ONE,
    }
}

const fn uf(written: &'static str, kind: Kind, norm: &'static str, factor: i128) -> Unit {
    Unit {
        written,
        kind,
        norm,
        factor: Dec::int(factor),
    }
}

use Kind::*;

/// Every unit, any order (lookup picks the longest).
pub static UNITS: &[Unit] = &[
    // currency
    u("元人民币", Currency, "CNY"),
    u("元", Currency, "CNY"),
    u("人民币", Currency, "CNY"),
    u("美元", Currency, "USD"),
    u("美金", Currency, "USD"),
    u("欧元", Currency, "EUR"),
    u("港元", Currency, "HKD"),
    u("港币", Currency, "HKD"),
    u("日元", Currency, "JPY"),
    u("英镑", Currency, "GBP"),
    // percent and points
    u("%", Percent, "%"),
    u("‰", Other, "‰"),
    uf("成", Percent, "%", 10),
    u("个百分点", PercentagePoint, "pp"),
    u("百分点", PercentagePoint, "pp"),
    // counts: the measure word is the unit
    u("个", Count, "个"),
    u("家", Count, "家"),
    u("项", Count, "项"),
    u("条", Count, "条"),
    u("套", Count, "套"),
    u("件", Count, "件"),
    u("户", Count, "户"),
    u("人次", Count, "人次"),
    u("人", Count, "人"),
    u("名", Count, "人"),
    u("位", Count, "人"),
    u("所", Count, "所"),
    u("座", Count, "座"),
    u("辆", Count, "辆"),
    u("台", Count, "台"),
    u("艘", Count, "艘"),
    u("架", Count, "架"),
    u("张", Count, "张"),
    u("只", Count, "只"),
    u("头", Count, "头"),
    u("批", Count, "批"),
    u("批次", Count, "批次"),
    u("次", Count, "次"),
    u("处", Count, "处"),
    u("间", Count, "间"),
    u("栋", Count, "栋"),
    u("幢", Count, "幢"),
    u("棵", Count, "棵"),
    u("株", Count, "株"),
    u("种", Count, "种"),
    u("篇", Count, "篇"),
    u("本", Count, "本"),
    u("册", Count, "册"),
    u("场", Count, "场"),
    u("支", Count, "支"),
    u("枚", Count, "枚"),
    u("起", Count, "起"),
    u("宗", Count, "宗"),
    u("例", Count, "例"),
    u("份", Count, "份"),
    u("笔", Count, "笔"),
    u("款", Count, "款"),
    u("类", Count, "类"),
    u("块", Count, "块"),
    u("盏", Count, "盏"),
    u("根", Count, "根"),
    u("口", Count, "口"),
    u("眼", Count, "眼"),
    u("天", Count, "天"),
    u("列", Count, "列"),
    u("剂次", Count, "剂次"),
    u("剂", Count, "剂"),
    u("床", Count, "床"),
    u("标箱", Count, "标箱"),
    // area
    u("平方公里", Area, "km2"),
    u("平方千米", Area, "km2"),
    u("平方米", Area, "m2"),
    u("平米", Area, "m2"),
    u("亩", Area, "mu"),
    u("公顷", Area, "ha"),
    // length
    u("公里", Length, "km"),
    u("千米", Length, "km"),
    u("延米", Length, "m"),
    u("米", Length, "m"),
    // mass
    u("吨标准煤", Energy, "tce"),
    u("吨标煤", Energy, "tce"),
    u("吨", Mass, "t"),
    u("公斤", Mass, "kg"),
    u("千克", Mass, "kg"),
    u("斤", Mass, "jin"),
    // energy and power
    u("千瓦时", Energy, "kWh"),
    u("度", Energy, "kWh"),
    uf("兆瓦时", Energy, "kWh", 1000),
    u("千瓦", Power, "kW"),
    uf("兆瓦", Power, "kW", 1000),
    uf("吉瓦", Power, "kW", 1_000_000),
    u("千伏", Other, "kV"),
    u("马力", Other, "马力"),
    // volume
    u("立方米", Volume, "m3"),
    // multiples
    u("倍", Multiple, "x"),
];

/// Words that, right after a number, make it a date, a time, an ordinal, an age or a name:
/// such a number is never a quantity.
/// (`dict/not_quantity_after.tsv`)
pub static NOT_QUANTITY_AFTER: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| super::dict::NOT_QUANTITY_AFTER.words());

/// Units by first character, longest first.
static BY_FIRST: std::sync::LazyLock<std::collections::HashMap<char, Vec<&'static Unit>>> =
    std::sync::LazyLock::new(|| {
        let mut m: std::collections::HashMap<char, Vec<&'static Unit>> = Default::default();
        for u in UNITS {
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

/// The not-a-quantity word at the start of `text`, if any.
pub fn match_not_quantity(text: &str) -> Option<&'static str> {
    let first = text.chars().next()?;
    if !NOT_QUANTITY_AFTER.iter().any(|w| w.starts_with(first)) {
        return None;
    }
    NOT_QUANTITY_AFTER
        .iter()
        .copied()
        .filter(|w| text.starts_with(w))
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
        assert_eq!(match_not_quantity("年来"), Some("年"));
        assert_eq!(match_not_quantity("号线"), Some("号线"));
        assert_eq!(match_not_quantity("届政府"), Some("届"));
        assert!(match_not_quantity("个").is_none());
    }

    #[test]
    fn units_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for u in UNITS {
            assert!(seen.insert(u.written), "{} twice", u.written);
        }
    }
}
