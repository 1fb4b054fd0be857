//! The record schema: one JSON object per quantity mention, with the field names and meanings
//! of RECORDS.md. Downstream tools (pandas, DuckDB, the evaluation) read these names: keep them.
//!
//! [`COLUMNS`] is the one list of the record's columns (name, type, nullability, how to read it):
//! the CSV header and rows and the Parquet schema derive from it, and JSON (serde) prints the
//! fields in the same order.

use std::borrow::Cow;

use serde::{Deserialize, Serialize, Serializer};

use crate::schema::{Basis, Direction, Horizon, Kind, Measure, Qualifier};

/// One quantity mention, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Document id.
    pub doc: String,
    /// Region of the document, when known.
    pub region: Option<String>,
    /// Year of the document, when known.
    pub year: Option<i32>,
    /// 0-based index of the sentence in the document.
    pub sentence: usize,
    /// First character (document offset).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The mention as written: `text == doc_text[start..end]`.
    pub text: String,
    /// The number as written.
    pub value: String,
    /// The unit as written (multipliers included).
    pub unit: String,
    /// Value in the normalised unit (lower bound of a range).
    #[serde(serialize_with = "number")]
    pub norm_value: f64,
    /// Upper bound of a range.
    #[serde(serialize_with = "opt_number")]
    pub norm_upper: Option<f64>,
    /// Normalised unit.
    pub norm_unit: String,
    /// Kind of quantity.
    pub kind: Kind,
    /// How exact.
    pub qualifier: Qualifier,
    /// What is measured (attribution).
    pub indicator: Option<String>,
    /// Canonical indicator id from the lexicon.
    pub indicator_id: Option<String>,
    /// English label of the indicator.
    pub indicator_en: Option<String>,
    /// `level`, `change` or `share`.
    pub measure: Option<Measure>,
    /// `up` or `down` for a change.
    pub direction: Option<Direction>,
    /// `yoy` when written.
    pub basis: Option<Basis>,
    /// True for goals and plans.
    pub target: Option<bool>,
    /// Scope (全区, 城镇居民 …).
    pub subject: Option<String>,
    /// Period the figure is about.
    pub period: Option<String>,
    /// `year`, `period_average`, `cumulative` or `plan_period`.
    pub horizon: Option<Horizon>,
    /// The sentence the mention is in.
    pub context: String,
    /// Other fields of the source JSONL document.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// The integer a float prints as, when it is integral and exactly representable.
pub(crate) fn integral(v: f64) -> Option<i64> {
    (v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64)
}

/// Integral values print as integers (34064000000, not 34064000000.0).
fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    match integral(*v) {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(*v),
    }
}

fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number(v, s),
        None => s.serialize_none(),
    }
}

/// A number as JSON prints it (integers without `.0`).
pub fn number_text(v: f64) -> String {
    match integral(v) {
        Some(i) => i.to_string(),
        None => serde_json::to_string(&v).unwrap_or_default(),
    }
}

/// The type of a column (Arrow's types of the same names in Parquet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Utf8,
    /// 32-bit integer.
    Int32,
    /// 64-bit integer.
    Int64,
    /// 64-bit float.
    Float64,
    /// true / false.
    Boolean,
}

/// One field of a record, read through its [`Column`].
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnValue<'a> {
    /// No value (JSON null, an empty CSV cell).
    Null,
    /// Text ([`ColumnType::Utf8`]).
    Text(Cow<'a, str>),
    /// [`ColumnType::Int32`].
    Int32(i32),
    /// [`ColumnType::Int64`].
    Int64(i64),
    /// [`ColumnType::Float64`].
    Float64(f64),
    /// [`ColumnType::Boolean`].
    Boolean(bool),
}

impl<'a> ColumnValue<'a> {
    fn str(s: &'a str) -> Self {
        ColumnValue::Text(Cow::Borrowed(s))
    }

    fn opt_str(s: Option<&'a str>) -> Self {
        s.map_or(ColumnValue::Null, ColumnValue::str)
    }

    /// The value as a CSV cell: empty for null, numbers as JSON prints them.
    pub fn to_text(&self) -> String {
        match self {
            ColumnValue::Null => String::new(),
            ColumnValue::Text(s) => s.to_string(),
            ColumnValue::Int32(v) => v.to_string(),
            ColumnValue::Int64(v) => v.to_string(),
            ColumnValue::Float64(v) => number_text(*v),
            ColumnValue::Boolean(v) => v.to_string(),
        }
    }

    /// Whether the value may stand in a column of type `ty` (null always may).
    pub fn fits(&self, ty: ColumnType) -> bool {
        matches!(
            (self, ty),
            (ColumnValue::Null, _)
                | (ColumnValue::Text(_), ColumnType::Utf8)
                | (ColumnValue::Int32(_), ColumnType::Int32)
                | (ColumnValue::Int64(_), ColumnType::Int64)
                | (ColumnValue::Float64(_), ColumnType::Float64)
                | (ColumnValue::Boolean(_), ColumnType::Boolean)
        )
    }
}

/// One column of the tabular outputs.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Name: the JSON field, the CSV header, the Parquet column.
    pub name: &'static str,
    /// Type.
    pub ty: ColumnType,
    /// Whether the value may be null.
    pub nullable: bool,
    /// Read the value from a record.
    pub get: fn(&Record) -> ColumnValue<'_>,
}

const fn column(
    name: &'static str,
    ty: ColumnType,
    nullable: bool,
    get: fn(&Record) -> ColumnValue<'_>,
) -> Column {
    Column {
        name,
        ty,
        nullable,
        get,
    }
}

/// The columns of a record, in order: the JSON field order, the CSV header, the Parquet schema.
pub const COLUMNS: &[Column] = {
    use ColumnType::{Boolean, Float64, Int32, Int64, Utf8};
    use ColumnValue as V;
    &[
        column("doc", Utf8, false, |r| V::str(&r.doc)),
        column("region", Utf8, true, |r| V::opt_str(r.region.as_deref())),
        column("year", Int32, true, |r| r.year.map_or(V::Null, V::Int32)),
        column("sentence", Int64, false, |r| V::Int64(r.sentence as i64)),
        column("start", Int64, false, |r| V::Int64(r.start as i64)),
        column("end", Int64, false, |r| V::Int64(r.end as i64)),
        column("text", Utf8, false, |r| V::str(&r.text)),
        column("value", Utf8, false, |r| V::str(&r.value)),
        column("unit", Utf8, false, |r| V::str(&r.unit)),
        column("norm_value", Float64, false, |r| V::Float64(r.norm_value)),
        column("norm_upper", Float64, true, |r| {
            r.norm_upper.map_or(V::Null, V::Float64)
        }),
        column("norm_unit", Utf8, false, |r| V::str(&r.norm_unit)),
        column("kind", Utf8, false, |r| V::str(r.kind.as_str())),
        column("qualifier", Utf8, false, |r| V::str(r.qualifier.as_str())),
        column("indicator", Utf8, true, |r| {
            V::opt_str(r.indicator.as_deref())
        }),
        column("indicator_id", Utf8, true, |r| {
            V::opt_str(r.indicator_id.as_deref())
        }),
        column("indicator_en", Utf8, true, |r| {
            V::opt_str(r.indicator_en.as_deref())
        }),
        column("measure", Utf8, true, |r| {
            V::opt_str(r.measure.map(Measure::as_str))
        }),
        column("direction", Utf8, true, |r| {
            V::opt_str(r.direction.map(Direction::as_str))
        }),
        column("basis", Utf8, true, |r| {
            V::opt_str(r.basis.map(Basis::as_str))
        }),
        column("target", Boolean, true, |r| {
            r.target.map_or(V::Null, V::Boolean)
        }),
        column("subject", Utf8, true, |r| V::opt_str(r.subject.as_deref())),
        column("period", Utf8, true, |r| V::opt_str(r.period.as_deref())),
        column("horizon", Utf8, true, |r| {
            V::opt_str(r.horizon.map(Horizon::as_str))
        }),
        column("context", Utf8, false, |r| V::str(&r.context)),
        // Other fields of the source document, as one JSON object (null when there are none).
        column("meta", Utf8, true, |r| {
            if r.meta.is_empty() {
                V::Null
            } else {
                V::Text(Cow::Owned(
                    serde_json::Value::Object(r.meta.clone()).to_string(),
                ))
            }
        }),
    ]
};

impl Record {
    /// The record's values in [`COLUMNS`] order.
    pub fn column_values(&self) -> impl Iterator<Item = ColumnValue<'_>> {
        COLUMNS.iter().map(move |c| (c.get)(self))
    }

    /// The record as CSV cells in [`COLUMNS`] order (empty for null).
    pub fn csv_row(&self) -> Vec<String> {
        self.column_values().map(|v| v.to_text()).collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A record with every optional field empty.
    pub(crate) fn sample() -> Record {
        Record {
            doc: "d".into(),
            region: None,
            year: None,
            sentence: 0,
            start: 3,
            end: 11,
            text: "340.64亿元".into(),
            value: "340.64".into(),
            unit: "亿元".into(),
            norm_value: 34064000000.0,
            norm_upper: None,
            norm_unit: "CNY".into(),
            kind: Kind::Currency,
            qualifier: Qualifier::Exact,
            indicator: None,
            indicator_id: None,
            indicator_en: None,
            measure: None,
            direction: None,
            basis: None,
            target: None,
            subject: None,
            period: None,
            horizon: None,
            context: "…".into(),
            meta: serde_json::Map::new(),
        }
    }

    #[test]
    fn integral_values_print_as_integers() {
        let r = sample();
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"norm_value\":34064000000,"), "{json}");
        assert!(json.contains("\"kind\":\"currency\""));
        assert!(json.contains("\"qualifier\":\"exact\""));
    }

    /// A record with every field set.
    fn full() -> Record {
        let mut r = sample();
        r.region = Some("江苏".into());
        r.year = Some(2026);
        r.norm_upper = Some(3.5e10);
        r.indicator = Some("一般公共预算收入".into());
        r.indicator_id = Some("budget_revenue".into());
        r.indicator_en = Some("General public budget revenue".into());
        r.measure = Some(Measure::Change);
        r.direction = Some(Direction::Up);
        r.basis = Some(Basis::Yoy);
        r.target = Some(true);
        r.subject = Some("全省".into());
        r.period = Some("全年".into());
        r.horizon = Some(Horizon::Year);
        r.meta.insert("source".into(), "gov.cn".into());
        r
    }

    /// The top-level keys of a JSON object, in the order written.
    fn keys_in_order(json: &str) -> Vec<String> {
        struct Keys(Vec<String>);
        impl<'de> Deserialize<'de> for Keys {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = Keys;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<Keys, A::Error> {
                        let mut keys = Vec::new();
                        while let Some((k, _)) =
                            map.next_entry::<String, serde::de::IgnoredAny>()?
                        {
                            keys.push(k);
                        }
                        Ok(Keys(keys))
                    }
                }
                d.deserialize_map(V)
            }
        }
        serde_json::from_str::<Keys>(json).unwrap().0
    }

    #[test]
    fn serde_field_order_is_the_column_order() {
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        let json = serde_json::to_string(&full()).unwrap();
        assert_eq!(keys_in_order(&json), names);
        // Without meta the object stops before it.
        let json = serde_json::to_string(&sample()).unwrap();
        assert_eq!(keys_in_order(&json), names[..names.len() - 1]);
    }

    #[test]
    fn column_values_fit_their_types() {
        for r in [sample(), full()] {
            for (c, v) in COLUMNS.iter().zip(r.column_values()) {
                assert!(v.fits(c.ty), "{}: {v:?} is not {:?}", c.name, c.ty);
                assert!(c.nullable || v != ColumnValue::Null, "{} is null", c.name);
            }
        }
        assert!(full().column_values().all(|v| v != ColumnValue::Null));
    }

    #[test]
    fn csv_cells() {
        let row = full().csv_row();
        let cell = |name: &str| &row[COLUMNS.iter().position(|c| c.name == name).unwrap()];
        assert_eq!(cell("year"), "2026");
        assert_eq!(cell("norm_value"), "34064000000");
        assert_eq!(cell("norm_upper"), "35000000000");
        assert_eq!(cell("measure"), "change");
        assert_eq!(cell("target"), "true");
        assert_eq!(cell("meta"), r#"{"source":"gov.cn"}"#);
        assert_eq!(sample().csv_row()[1], "");
        assert_eq!(number_text(7.25), "7.25");
    }

    #[test]
    fn vocabularies_print_as_strings() {
        let mut r = sample();
        r.measure = Some(Measure::Change);
        r.direction = Some(Direction::Down);
        r.basis = Some(Basis::Yoy);
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            json.contains("\"measure\":\"change\",\"direction\":\"down\",\"basis\":\"yoy\""),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), r);
    }
}
