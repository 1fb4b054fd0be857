//! The closed vocabularies of a record (RECORDS.md): kind of quantity, qualifier, measure,
//! direction and basis. Each is an enum serialised to exactly the strings the records carry, with
//! [`as_str`](Kind::as_str), [`Display`](std::fmt::Display) and [`FromStr`] for the same
//! strings. This module sits at the bottom of the crate: it imports nothing from it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A string that is not one of a vocabulary's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The vocabulary (`kind`, `qualifier`, `measure`, `direction`, `basis`).
    pub field: &'static str,
    /// What was given.
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`", self.field, self.value)
    }
}

impl std::error::Error for UnknownValue {}

/// Declares a vocabulary: the enum, `ALL`, `as_str`, `Display` and `FromStr`.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string used in records.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue { field: $field, value: s.to_string() }),
                }
            }
        }
    };
}

vocabulary! {
    /// What a quantity measures, as in RECORDS.md.
    Kind, "kind" {
        /// Money.
        Currency => "currency",
        /// A percentage.
        Percent => "percent",
        /// A change in percentage points.
        PercentagePoint => "percentage_point",
        /// A count with a measure word.
        Count => "count",
        /// Area.
        Area => "area",
        /// Length.
        Length => "length",
        /// Mass.
        Mass => "mass",
        /// Energy.
        Energy => "energy",
        /// Power.
        Power => "power",
        /// Volume.
        Volume => "volume",
        /// A multiple (倍, 翻番).
        Multiple => "multiple",
        /// An age in years (岁: `人均预期寿命79.5岁`).
        Age => "age",
        /// A ratio of parts (`4.0∶37.7∶58.3`, `2.50:1`): `norm_value` is the first term over the
        /// last, the text keeps every term.
        Ratio => "ratio",
        /// A bare number: an index value, a count before a noun.
        Number => "number",
        /// A unit we do not normalise (compound or unknown), kept as written.
        Other => "other",
    }
}

vocabulary! {
    /// How exact a figure is, as in RECORDS.md.
    Qualifier, "qualifier" {
        /// As written.
        Exact => "exact",
        /// 约 近 左右 接近 上下.
        Approx => "approx",
        /// 超过 逾 突破 多 余.
        MoreThan => "more_than",
        /// 不低于 不少于 至少 以上.
        AtLeast => "at_least",
        /// 以内 不超过 以下.
        AtMost => "at_most",
        /// 低于 不到 不足.
        LessThan => "less_than",
        /// A range `a–b`.
        Range => "range",
    }
}

vocabulary! {
    /// What kind of figure about its indicator: an amount, a change, or a share of a whole.
    Measure, "measure" {
        /// An amount, count, rate or index value (新增X, 完成X, 达到X, 满意率99.35%).
        Level => "level",
        /// A change of an indicator (增长 提高 下降 减少 …).
        Change => "change",
        /// A part of a whole (占…的X%, 比重X%).
        Share => "share",
    }
}

vocabulary! {
    /// Which way a change goes.
    Direction, "direction" {
        /// 增长 提高 上升 增加.
        Up => "up",
        /// 下降 减少 回落.
        Down => "down",
    }
}

vocabulary! {
    /// What a change is measured against, when written.
    Basis, "basis" {
        /// Year on year (同比, 比上年, 较上年 …).
        Yoy => "yoy",
    }
}

vocabulary! {
    /// The stretch of time a figure covers: one year, or several (RECORDS.md leaves this to us;
    /// the README documents it). Annual series keep only `year`.
    Horizon, "horizon" {
        /// One year (or a part of one): the default.
        Year => "year",
        /// An average per year over several (年均增长, 年平均).
        PeriodAverage => "period_average",
        /// A total over several years (五年累计, 过去五年, “十四五”时期 … 共).
        Cumulative => "cumulative",
        /// A goal for the end of a plan period (到2030年, “十五五”时期的主要目标).
        PlanPeriod => "plan_period",
    }
}

/// Measures order by their strings (`change` < `level` < `share`), so tables keyed by measure
/// keep the order they had when measures were strings.
impl Ord for Measure {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Measure {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T>(all: &[T], as_str: impl Fn(T) -> &'static str)
    where
        T: Copy + PartialEq + fmt::Debug + Serialize + FromStr<Err = UnknownValue>,
        for<'de> T: Deserialize<'de>,
    {
        for &v in all {
            let s = as_str(v);
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<T>(&format!("\"{s}\"")).unwrap(), v);
            assert_eq!(s.parse::<T>().unwrap(), v);
        }
        assert!("no such value".parse::<T>().is_err());
    }

    #[test]
    fn serde_as_str_and_parse_agree() {
        round_trip(Kind::ALL, Kind::as_str);
        round_trip(Qualifier::ALL, Qualifier::as_str);
        round_trip(Measure::ALL, Measure::as_str);
        round_trip(Direction::ALL, Direction::as_str);
        round_trip(Basis::ALL, Basis::as_str);
    }

    #[test]
    fn strings_are_those_of_records_md() {
        assert_eq!(Kind::PercentagePoint.as_str(), "percentage_point");
        assert_eq!(Qualifier::MoreThan.as_str(), "more_than");
        assert_eq!(Qualifier::AtMost.to_string(), "at_most");
        assert_eq!(
            Measure::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
            ["level", "change", "share"]
        );
        assert_eq!(Direction::Down.as_str(), "down");
        assert_eq!(Basis::Yoy.as_str(), "yoy");
        assert_eq!(
            "kind".parse::<Kind>().unwrap_err().to_string(),
            "unknown kind `kind`"
        );
    }

    #[test]
    fn measures_order_as_their_strings() {
        let mut m = Measure::ALL.to_vec();
        m.sort();
        assert_eq!(m, [Measure::Change, Measure::Level, Measure::Share]);
    }
}
