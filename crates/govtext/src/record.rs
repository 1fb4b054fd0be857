//! The record schema: one JSON object per quantity mention, with the field names and meanings
//! of RECORDS.md. Downstream tools (pandas, DuckDB, the evaluation) read these names: keep them.

use serde::{Deserialize, Serialize, Serializer};

use crate::schema::{Basis, Direction, Kind, Measure, Qualifier};

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
    /// The sentence the mention is in.
    pub context: String,
    /// Other fields of the source JSONL document.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// Integral values print as integers (34064000000, not 34064000000.0).
fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number(v, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
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
