//! Scoring extraction against gold annotations (the format of `seed.gold.jsonl`): mention
//! precision/recall/F1, value+unit accuracy over matched mentions, trap hits (predictions on
//! spans marked `negative`), accuracy per attribution field, and fact F1.
//!
//! Mentions match on identical spans; a prediction that overlaps a gold mention without the same
//! span counts as a partial match (reported, but not a hit). Gold `optional` mentions neither
//! reward nor punish. Document ids are compared without directories and `.txt`.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};

/// A gold or predicted mention, read loosely from JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Document id (normalised: no directory, no `.txt`).
    pub doc: String,
    /// Span start.
    pub start: usize,
    /// Span end.
    pub end: usize,
    /// Span text.
    pub text: String,
    /// The whole JSON object.
    pub json: serde_json::Map<String, Value>,
}

impl Item {
    fn flag(&self, key: &str) -> bool {
        self.json.get(key).and_then(Value::as_bool).unwrap_or(false)
    }
    fn str(&self, key: &str) -> Option<&str> {
        self.json.get(key).and_then(Value::as_str)
    }
    fn num(&self, key: &str) -> Option<f64> {
        self.json.get(key).and_then(Value::as_f64)
    }
}

/// The id used to compare documents: no directory, no `.txt` / `.gold.jsonl`.
pub fn doc_key(doc: &str) -> String {
    let base = doc.rsplit(['/', '\\']).next().unwrap_or(doc);
    base.trim_end_matches(".gold.jsonl")
        .trim_end_matches(".jsonl")
        .trim_end_matches(".txt")
        .to_string()
}

/// Parse JSON Lines of mentions; `path` names the source in errors.
pub fn parse_items(text: &str, path: &Path) -> Result<Vec<Item>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| Error::BadRecord {
            path: path.to_path_buf(),
            line: i + 1,
            reason,
        };
        let v: Value = serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
        let Value::Object(json) = v else {
            return Err(bad("not a JSON object".into()));
        };
        let get = |k: &str| json.get(k).and_then(Value::as_u64).map(|v| v as usize);
        let (Some(start), Some(end)) = (get("start"), get("end")) else {
            return Err(bad("missing start/end".into()));
        };
        let doc = json
            .get("doc")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("missing doc".into()))?;
        out.push(Item {
            doc: doc_key(doc),
            start,
            end,
            text: json
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            json,
        });
    }
    Ok(out)
}

/// Read a JSONL file of mentions.
pub fn read_items(path: &Path) -> Result<Vec<Item>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_items(&text, path)
}

/// The attribution fields scored one by one.
pub const FIELDS: &[&str] = &["indicator", "measure", "direction", "basis", "target"];

/// Scores of one evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Gold mentions that count (not optional, not negative).
    pub gold: usize,
    /// Predictions that count (not on optional gold).
    pub predicted: usize,
    /// Predictions with exactly a gold span.
    pub matched: usize,
    /// Predictions overlapping a gold mention with a different span.
    pub partial: usize,
    /// Matched mentions with the right normalised value and unit.
    pub value_unit_ok: usize,
    /// Predictions on negative (trap) spans.
    pub trap_hits: usize,
    /// Negative spans in the gold.
    pub traps: usize,
    /// Matched mentions whose gold has each attribution field: (field, right, scored).
    pub fields: Vec<(String, usize, usize)>,
    /// Matched mentions that are right as facts.
    pub facts_ok: usize,
    /// Examples of errors, for reading.
    pub errors: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

impl Scores {
    /// Mention precision.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    /// Mention recall.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    /// Mention F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    /// Value+unit accuracy over matched mentions.
    pub fn value_unit_accuracy(&self) -> f64 {
        ratio(self.value_unit_ok, self.matched)
    }
    /// Accuracy of one attribution field over matched mentions whose gold has it.
    pub fn field_accuracy(&self, field: &str) -> Option<f64> {
        self.fields
            .iter()
            .find(|(f, _, n)| f == field && *n > 0)
            .map(|(_, ok, n)| ratio(*ok, *n))
    }
    /// Fact F1: value, unit, indicator, measure and direction all right.
    pub fn fact_f1(&self) -> f64 {
        f1(
            ratio(self.facts_ok, self.predicted),
            ratio(self.facts_ok, self.gold),
        )
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "mentions   gold {}  predicted {}  matched {}  partial {}",
            self.gold, self.predicted, self.matched, self.partial
        )?;
        writeln!(
            f,
            "mention    precision {:.4}  recall {:.4}  F1 {:.4}",
            self.precision(),
            self.recall(),
            self.f1()
        )?;
        writeln!(
            f,
            "value+unit accuracy {:.4} ({}/{})",
            self.value_unit_accuracy(),
            self.value_unit_ok,
            self.matched
        )?;
        writeln!(f, "traps      {} hit of {}", self.trap_hits, self.traps)?;
        for (field, ok, n) in &self.fields {
            if *n > 0 {
                writeln!(
                    f,
                    "field      {field:<10} accuracy {:.4} ({ok}/{n})",
                    ratio(*ok, *n)
                )?;
            }
        }
        writeln!(
            f,
            "fact F1    {:.4} ({} right)",
            self.fact_f1(),
            self.facts_ok
        )
    }
}

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9),
        _ => false,
    }
}

fn value_unit_ok(g: &Item, p: &Item) -> bool {
    let unit_ok = match g.str("norm_unit") {
        Some("*") => true,
        gu => gu.unwrap_or_default() == p.str("norm_unit").unwrap_or_default(),
    };
    let upper_ok = g.json.get("norm_upper").is_none_or(Value::is_null)
        || same_number(g.num("norm_upper"), p.num("norm_upper"));
    unit_ok && same_number(g.num("norm_value"), p.num("norm_value")) && upper_ok
}

fn field_ok(field: &str, g: &Item, p: &Item) -> bool {
    let gv = g.json.get(field).cloned().unwrap_or(Value::Null);
    let pv = p.json.get(field).cloned().unwrap_or(Value::Null);
    if field == "indicator" {
        return indicator_ok(gv.as_str(), pv.as_str());
    }
    if field == "target" {
        return gv.as_bool().unwrap_or(false) == pv.as_bool().unwrap_or(false);
    }
    gv == pv
}

/// The gold indicator contained in the predicted one, the predicted at most 10 characters longer.
pub fn indicator_ok(gold: Option<&str>, pred: Option<&str>) -> bool {
    match (gold, pred) {
        (None, _) => true,
        (Some(g), Some(p)) => p.contains(g) && p.chars().count() <= g.chars().count() + 10,
        (Some(_), None) => false,
    }
}

/// Score predictions against gold. Only documents present in the gold are scored.
pub fn evaluate(gold: &[Item], pred: &[Item]) -> Scores {
    let mut s = Scores {
        fields: FIELDS.iter().map(|f| (f.to_string(), 0, 0)).collect(),
        ..Scores::default()
    };
    let mut by_doc: HashMap<&str, Vec<&Item>> = HashMap::new();
    for g in gold {
        by_doc.entry(g.doc.as_str()).or_default().push(g);
    }
    for g in gold {
        if g.flag("negative") {
            s.traps += 1;
        } else if !g.flag("optional") {
            s.gold += 1;
        }
    }
    for p in pred {
        let Some(golds) = by_doc.get(p.doc.as_str()) else {
            continue;
        };
        let overlaps = |g: &&&Item| g.start < p.end && p.start < g.end;
        if golds.iter().filter(overlaps).any(|g| g.flag("negative")) {
            s.trap_hits += 1;
            s.predicted += 1;
            s.errors.push(format!(
                "trap   {} {}..{} {}",
                p.doc, p.start, p.end, p.text
            ));
            continue;
        }
        let exact = golds
            .iter()
            .find(|g| g.start == p.start && g.end == p.end && !g.flag("negative"));
        match exact {
            Some(g) if g.flag("optional") => {}
            Some(g) => {
                s.predicted += 1;
                s.matched += 1;
                let vu = value_unit_ok(g, p);
                if vu {
                    s.value_unit_ok += 1;
                } else {
                    s.errors.push(format!(
                        "value  {} {} gold {:?} {:?} pred {:?} {:?}",
                        p.doc,
                        p.text,
                        g.num("norm_value"),
                        g.str("norm_unit"),
                        p.num("norm_value"),
                        p.str("norm_unit")
                    ));
                }
                let mut fact = vu;
                for (field, ok, n) in &mut s.fields {
                    if g.json.contains_key(field.as_str()) {
                        *n += 1;
                        let right = field_ok(field, g, p);
                        if right {
                            *ok += 1;
                        } else {
                            s.errors.push(format!(
                                "{field:<9} {} {} gold {} pred {}",
                                p.doc,
                                p.text,
                                g.json.get(field.as_str()).unwrap_or(&Value::Null),
                                p.json.get(field.as_str()).unwrap_or(&Value::Null)
                            ));
                        }
                        if matches!(field.as_str(), "indicator" | "measure" | "direction") {
                            fact &= right;
                        }
                    }
                }
                if fact {
                    s.facts_ok += 1;
                }
            }
            None => {
                if let Some(g) = golds.iter().find(overlaps) {
                    if g.flag("optional") {
                        continue;
                    }
                    s.partial += 1;
                    s.errors.push(format!(
                        "span   {} pred {}..{} {} gold {}..{} {}",
                        p.doc, p.start, p.end, p.text, g.start, g.end, g.text
                    ));
                } else {
                    s.errors.push(format!(
                        "extra  {} {}..{} {}",
                        p.doc, p.start, p.end, p.text
                    ));
                }
                s.predicted += 1;
            }
        }
    }
    // Missed gold mentions, for reading.
    for g in gold {
        if g.flag("negative") || g.flag("optional") {
            continue;
        }
        let found = pred
            .iter()
            .any(|p| p.doc == g.doc && p.start == g.start && p.end == g.end);
        if !found {
            s.errors.push(format!(
                "missed {} {}..{} {}",
                g.doc, g.start, g.end, g.text
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(s: &str) -> Vec<Item> {
        parse_items(s, Path::new("t")).unwrap()
    }

    #[test]
    fn scores_matches_traps_and_optionals() {
        let gold = items(concat!(
            r#"{"doc":"a","start":0,"end":4,"text":"7.4%","norm_value":7.4,"norm_unit":"%","indicator":"固定资产投资","measure":"change","direction":"up"}"#,
            "\n",
            r#"{"doc":"a","start":10,"end":13,"text":"二七区","negative":true}"#,
            "\n",
            r#"{"doc":"a","start":20,"end":22,"text":"四个","optional":true}"#,
            "\n",
            r#"{"doc":"a","start":30,"end":35,"text":"29.9亿","norm_value":2990000000,"norm_unit":"*"}"#,
        ));
        let pred = items(concat!(
            r#"{"doc":"dir/a.txt","start":0,"end":4,"text":"7.4%","norm_value":7.4,"norm_unit":"%","indicator":"固定资产投资","measure":"change","direction":"up"}"#,
            "\n",
            r#"{"doc":"a","start":10,"end":12,"text":"二七","norm_value":27,"norm_unit":""}"#,
            "\n",
            r#"{"doc":"a","start":20,"end":22,"text":"四个","norm_value":4,"norm_unit":"个"}"#,
        ));
        let s = evaluate(&gold, &pred);
        assert_eq!((s.gold, s.predicted, s.matched, s.trap_hits), (2, 2, 1, 1));
        assert_eq!(s.value_unit_ok, 1);
        assert_eq!(s.facts_ok, 1);
        assert!((s.recall() - 0.5).abs() < 1e-9);
        assert_eq!(s.field_accuracy("measure"), Some(1.0));
    }

    #[test]
    fn indicator_containment() {
        assert!(indicator_ok(Some("企业"), Some("帮扶企业")));
        assert!(!indicator_ok(Some("帮扶企业"), Some("企业")));
        assert!(!indicator_ok(
            Some("企业"),
            Some("全区规模以上工业企业实现利润总额企业")
        ));
        assert!(indicator_ok(None, None));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let err = parse_items("{}\n", Path::new("g.jsonl")).unwrap_err();
        assert_eq!(err.to_string(), "g.jsonl:1: missing start/end");
    }
}
