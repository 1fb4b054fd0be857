//! Scoring extraction against gold annotations (the format of `seed.gold.jsonl` and the real-report
//! gold of `shared/reference/dev/`): mention precision/recall/F1, accuracy per field over matched
//! mentions, trap hits, and fact F1.
//!
//! The counting is the reference scorer's (`shared/reference/score.py`), line for line, so that
//! `govtext eval` and the figures the project is judged by never disagree (a test runs both):
//! `scope` lines limit scoring to completely annotated spans, mentions pair by largest span
//! overlap, `optional` gold neither rewards nor punishes, and an unmatched prediction on a
//! `negative` span is a trap hit. Document ids are compared without directories and extensions.

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

/// The fields scored one by one over matched mentions (`target` only where the gold has it).
pub const FIELDS: &[&str] = &[
    "value",
    "unit",
    "kind",
    "indicator",
    "measure",
    "direction",
    "basis",
    "qualifier",
    "target",
];

/// Scores of one evaluation, counted exactly as the reference scorer
/// (`shared/reference/score.py`) counts them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Gold mentions that count (not optional, not negative, not scope): matched + missed.
    pub gold: usize,
    /// Predictions that count (inside a scope, not on optional gold): matched + false positives.
    pub predicted: usize,
    /// Predictions matched to a gold mention by span overlap.
    pub matched: usize,
    /// Matched predictions whose span differs from the gold span.
    pub partial: usize,
    /// Predictions matched to optional gold mentions (counted neither way).
    pub optional_hits: usize,
    /// Matched mentions with the right normalised value and unit.
    pub value_unit_ok: usize,
    /// Unmatched predictions on negative (trap) spans.
    pub trap_hits: usize,
    /// Negative spans in the gold.
    pub traps: usize,
    /// Per field of [`FIELDS`]: (field, right, scored).
    pub fields: Vec<(String, usize, usize)>,
    /// Matched mentions whose value, unit, indicator, measure and direction are all right.
    pub facts_ok: usize,
    /// Examples of errors, for reading.
    pub errors: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
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
    /// Accuracy of one field of [`FIELDS`] (None when nothing was scored for it).
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
    /// Add the counts of another evaluation (e.g. of another document).
    pub fn add(&mut self, other: &Scores) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.matched += other.matched;
        self.partial += other.partial;
        self.optional_hits += other.optional_hits;
        self.value_unit_ok += other.value_unit_ok;
        self.trap_hits += other.trap_hits;
        self.traps += other.traps;
        self.facts_ok += other.facts_ok;
        if self.fields.is_empty() {
            self.fields.clone_from(&other.fields);
        } else {
            for ((_, ok, n), (_, ok2, n2)) in self.fields.iter_mut().zip(&other.fields) {
                *ok += ok2;
                *n += n2;
            }
        }
        self.errors.extend(other.errors.iter().cloned());
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
            "mentions   gold {}  predicted {}  matched {}  (span differs {})  optional hits {}",
            self.gold, self.predicted, self.matched, self.partial, self.optional_hits
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

/// `math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)`, false when either is missing.
fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= (1e-6 * a.abs().max(b.abs())).max(1e-9),
        _ => false,
    }
}

/// The gold indicator contained in the predicted one, the predicted at most 10 characters longer.
pub fn indicator_ok(gold: Option<&str>, pred: Option<&str>) -> bool {
    match gold {
        None => true,
        Some(g) => {
            let p = pred.unwrap_or_default();
            p.contains(g) && p.chars().count() <= g.chars().count() + 10
        }
    }
}

/// A string field with the reference scorer's default for a missing value.
fn text_or<'a>(item: &'a Item, key: &str, default: &'a str) -> &'a str {
    item.str(key).unwrap_or(default)
}

/// Each field of [`FIELDS`] for a matched pair: `None` when it is not scored (target absent).
fn field_checks(g: &Item, p: &Item) -> [Option<bool>; 9] {
    let gold_unit = g.str("norm_unit");
    let star = gold_unit == Some("*");
    let mut value = close(p.num("norm_value"), g.num("norm_value"));
    if g.num("norm_upper").is_some() {
        value &= close(p.num("norm_upper"), g.num("norm_upper"));
    }
    let unit = star || Some(text_or(p, "norm_unit", "")) == gold_unit;
    let kind = Some(text_or(p, "kind", "")) == g.str("kind")
        || (star && matches!(g.str("kind"), Some("currency" | "number" | "count")));
    let indicator = indicator_ok(g.str("indicator"), p.str("indicator"));
    let measure = Some(text_or(p, "measure", "level")) == g.str("measure");
    let direction = p.str("direction") == g.str("direction");
    let basis = p.str("basis") == g.str("basis");
    let qualifier = Some(text_or(p, "qualifier", "exact")) == g.str("qualifier");
    let target = g
        .json
        .contains_key("target")
        .then(|| p.flag("target") == g.flag("target"));
    [
        Some(value),
        Some(unit),
        Some(kind),
        Some(indicator),
        Some(measure),
        Some(direction),
        Some(basis),
        Some(qualifier),
        target,
    ]
}

/// Gold of one document, split by line kind.
#[derive(Default)]
struct DocGold<'a> {
    mentions: Vec<&'a Item>,
    negatives: Vec<&'a Item>,
    scopes: Vec<(usize, usize)>,
}

fn overlap(a: &Item, b: &Item) -> isize {
    a.end.min(b.end) as isize - a.start.max(b.start) as isize
}

/// Score predictions against gold, exactly as the reference scorer does: only documents present
/// in the gold, only predictions inside its `scope` spans (when it has any); predictions and gold
/// mentions are paired greedily by largest span overlap; optional gold neither rewards nor
/// punishes; an unmatched prediction on a negative span is a trap hit.
pub fn evaluate(gold: &[Item], pred: &[Item]) -> Scores {
    let mut by_doc: HashMap<&str, DocGold> = HashMap::new();
    for g in gold {
        let d = by_doc.entry(g.doc.as_str()).or_default();
        if g.flag("scope") {
            d.scopes.push((g.start, g.end));
        } else if g.flag("negative") {
            d.negatives.push(g);
        } else {
            d.mentions.push(g);
        }
    }
    let mut preds: HashMap<&str, Vec<&Item>> = HashMap::new();
    for p in pred {
        if let Some(d) = by_doc.get(p.doc.as_str()) {
            let in_scope =
                d.scopes.is_empty() || d.scopes.iter().any(|&(a, b)| p.start < b && p.end > a);
            if in_scope {
                preds.entry(p.doc.as_str()).or_default().push(p);
            }
        }
    }
    let mut docs: Vec<&str> = by_doc.keys().copied().collect();
    docs.sort_unstable();
    let mut s = Scores {
        fields: FIELDS.iter().map(|f| (f.to_string(), 0, 0)).collect(),
        ..Scores::default()
    };
    for doc in docs {
        let d = &by_doc[doc];
        score_doc(d, preds.get(doc).map_or(&[][..], Vec::as_slice), &mut s);
    }
    s
}

fn score_doc(d: &DocGold, ps: &[&Item], s: &mut Scores) {
    s.traps += d.negatives.len();
    let mut pairs = Vec::new();
    for (pi, p) in ps.iter().enumerate() {
        for (gi, g) in d.mentions.iter().enumerate() {
            let ov = overlap(p, g);
            if ov > 0 {
                pairs.push((-ov, pi, gi));
            }
        }
    }
    pairs.sort_unstable();
    let mut pm: HashMap<usize, usize> = HashMap::new();
    let mut gm: HashMap<usize, usize> = HashMap::new();
    for (_, pi, gi) in pairs {
        if pm.contains_key(&pi) || gm.contains_key(&gi) {
            continue;
        }
        pm.insert(pi, gi);
        gm.insert(gi, pi);
    }
    for (pi, p) in ps.iter().enumerate() {
        match pm.get(&pi).map(|&gi| d.mentions[gi]) {
            Some(g) if g.flag("optional") => s.optional_hits += 1,
            Some(g) => score_match(g, p, s),
            None => {
                let trap = d.negatives.iter().any(|n| overlap(p, n) > 0);
                s.predicted += 1;
                s.trap_hits += usize::from(trap);
                let what = if trap { "trap " } else { "extra" };
                s.errors.push(format!(
                    "{what}  {} {}..{} {}",
                    p.doc, p.start, p.end, p.text
                ));
            }
        }
    }
    for (gi, g) in d.mentions.iter().enumerate() {
        if !gm.contains_key(&gi) && !g.flag("optional") {
            s.gold += 1;
            s.errors.push(format!(
                "missed {} {}..{} {}",
                g.doc, g.start, g.end, g.text
            ));
        }
    }
}

fn score_match(g: &Item, p: &Item, s: &mut Scores) {
    s.gold += 1;
    s.predicted += 1;
    s.matched += 1;
    s.partial += usize::from(g.start != p.start || g.end != p.end);
    let checks = field_checks(g, p);
    let ok = |i: usize| checks[i] == Some(true);
    s.value_unit_ok += usize::from(ok(0) && ok(1));
    // Fact: value, unit, indicator, measure, direction.
    s.facts_ok += usize::from([0, 1, 3, 4, 5].into_iter().all(ok));
    for ((field, right, n), check) in s.fields.iter_mut().zip(checks) {
        let Some(check) = check else { continue };
        *n += 1;
        *right += usize::from(check);
        if !check {
            let key = match field.as_str() {
                "value" => "norm_value",
                "unit" => "norm_unit",
                f => f,
            };
            s.errors.push(format!(
                "{field:<9} {} {} gold {} pred {}",
                p.doc,
                p.text,
                g.json.get(key).unwrap_or(&Value::Null),
                p.json.get(key).unwrap_or(&Value::Null)
            ));
        }
    }
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
        assert!(!indicator_ok(Some("企业"), None));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let err = parse_items("{}\n", Path::new("g.jsonl")).unwrap_err();
        assert_eq!(err.to_string(), "g.jsonl:1: missing start/end");
    }
}
