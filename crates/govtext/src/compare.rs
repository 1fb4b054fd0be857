//! Comparing reports across years: figures placed on the year they are about, lined up per
//! region and indicator; the target set for a year against the outcome reported for it; stated
//! growth rates checked against consecutive levels; the same figure stated differently.
//!
//! Placing a figure: a report of year N reviews year N−1 and sets targets for year N. A target is
//! about N (or the year its sentence names); an outcome is about N−1 unless its sentence names a
//! year or says 今年. Figures about part of a year (上半年, 一季度, 1-6月) or several years
//! (过去五年, 十三五) stay out of the annual series.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::record::Record;
use crate::schema::{Direction, Measure, Qualifier};

/// One figure placed on a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// Region of the report.
    pub region: String,
    /// Indicator key: the lexicon id, else the indicator text.
    pub indicator: String,
    /// Label for people: the indicator as written (first seen).
    pub label: String,
    /// `level`, `change` or `share`.
    pub measure: Measure,
    /// Normalised unit.
    pub unit: String,
    /// Year the figure is about.
    pub year: i32,
    /// Year of the report that states it.
    pub report_year: i32,
    /// True for a target.
    pub target: bool,
    /// Value (lower bound of a range).
    pub value: f64,
    /// Upper bound of a range.
    pub upper: Option<f64>,
    /// `up` / `down` for a change.
    pub direction: Option<Direction>,
    /// Qualifier of the figure.
    pub qualifier: Qualifier,
    /// Where it is: document, character offsets, text, sentence.
    pub doc: String,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The figure as written.
    pub text: String,
    /// The sentence.
    pub context: String,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^((?:19|20)[0-9]{2})年$").unwrap());

static MULTI_YEAR_BASE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[比较](?:19|20)[0-9]{2}年(?:末|底)?").unwrap());

/// Periods that are not one whole year.
fn sub_or_multi_year(period: &str) -> bool {
    [
        "上半年",
        "下半年",
        "季度",
        "月",
        "过去五年",
        "五年",
        "时期",
        "十",
    ]
    .iter()
    .any(|w| period.contains(w))
}

/// Place a record on the year it is about; `None` when it has no region/year or is not annual.
pub fn place(r: &Record) -> Option<Fact> {
    let report_year = r.year?;
    let region = r.region.clone()?;
    let indicator = r.indicator_id.clone().or_else(|| r.indicator.clone())?;
    let target = r.target.unwrap_or(false);
    let period = r.period.as_deref().unwrap_or("");
    if sub_or_multi_year(period) {
        return None;
    }
    // 比2002年增长65.5%, 年均增长10.6%: changes over several years.
    let mut year_before = false;
    if let Some(i) = r.context.find(&r.text) {
        let before: String = r.context[..i]
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let clause = before
            .rsplit(['，', ',', '；', ';', '。'])
            .next()
            .unwrap_or("");
        // 年均, 累计, 五年, 十四五/十五五 goals: period averages, cumulative and plan-period figures.
        let multi = ["年均", "累计", "五年", "十三五", "十四五", "十五五"];
        if multi.iter().any(|w| clause.contains(w)) || MULTI_YEAR_BASE.is_match(clause) {
            return None;
        }
        // 由上年的515.8亿元增加到541.7亿元: the base is the year before the year reviewed.
        year_before = ["由上年的", "从上年的", "由去年的", "从去年的"]
            .iter()
            .any(|w| clause.ends_with(w));
    }
    let named = YEAR.captures(period).and_then(|c| c[1].parse::<i32>().ok());
    let year = match (named, target) {
        (Some(y), _) if (report_year - 2..=report_year + 1).contains(&y) => y,
        (Some(_), _) => return None,
        (None, true) => report_year,
        (None, false) if period == "今年" => report_year,
        (None, false) if year_before => report_year - 2,
        (None, false) => report_year - 1,
    };
    Some(Fact {
        region,
        indicator,
        label: r.indicator.clone().unwrap_or_default(),
        measure: r.measure.unwrap_or(Measure::Level),
        unit: r.norm_unit.clone(),
        year,
        report_year,
        target,
        value: r.norm_value,
        upper: r.norm_upper,
        direction: r.direction,
        qualifier: r.qualifier,
        doc: r.doc.clone(),
        start: r.start,
        end: r.end,
        text: r.text.clone(),
        context: r.context.clone(),
    })
}

/// A series key: region, indicator, measure, unit.
pub type SeriesKey = (String, String, Measure, String);

/// One cell of a series: the outcome and the target about one year (first stated wins; later
/// statements are kept as `others`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// The outcome.
    pub actual: Option<Fact>,
    /// The target.
    pub target: Option<Fact>,
    /// Other statements of the outcome (other reports, revisions).
    pub others: Vec<Fact>,
}

/// Series per key, cells per year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Series {
    /// Cells by key and year.
    pub cells: BTreeMap<SeriesKey, BTreeMap<i32, Cell>>,
    /// Labels by key.
    pub labels: BTreeMap<SeriesKey, String>,
}

/// Documents mostly about part of a year (meeting news on the first half, quarterly bulletins):
/// their figures without an annual period are not annual outcomes.
fn sub_annual_docs(records: &[Record]) -> std::collections::HashSet<&str> {
    let mut counts: std::collections::HashMap<&str, (usize, usize)> = Default::default();
    for r in records {
        let e = counts.entry(r.doc.as_str()).or_default();
        e.0 += 1;
        if r.period
            .as_deref()
            .is_some_and(|p| p.contains("季度") || p.contains("半年") || p.contains('月'))
        {
            e.1 += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, (n, sub))| sub * 10 >= n * 3)
        .map(|(d, _)| d)
        .collect()
}

/// Build the series from records. The output does not depend on the order of the records:
/// documents are taken by region, year and id, figures in document order.
pub fn series(records: &[Record]) -> Series {
    let mut s = Series::default();
    let partial = sub_annual_docs(records);
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.region, a.year, &a.doc, a.start, a.end)
            .cmp(&(&b.region, b.year, &b.doc, b.start, b.end))
    });
    let annual = sorted.into_iter().filter(|r| {
        !partial.contains(r.doc.as_str())
            || r.target == Some(true)
            || r.period
                .as_deref()
                .is_some_and(|p| p == "全年" || YEAR.is_match(p))
    });
    for f in annual.filter_map(place) {
        let key = (
            f.region.clone(),
            f.indicator.clone(),
            f.measure,
            f.unit.clone(),
        );
        s.labels
            .entry(key.clone())
            .or_insert_with(|| f.label.clone());
        let cell = s.cells.entry(key).or_default().entry(f.year).or_default();
        if f.target {
            cell.target.get_or_insert(f);
        } else if cell.actual.is_none() {
            cell.actual = Some(f);
        } else {
            cell.others.push(f);
        }
    }
    s
}

/// A target against the outcome for the same year.
#[derive(Debug, Clone, Serialize)]
pub struct TargetCheck {
    /// Region.
    pub region: String,
    /// Indicator key.
    pub indicator: String,
    /// Label.
    pub label: String,
    /// Measure.
    pub measure: Measure,
    /// Year.
    pub year: i32,
    /// The target.
    pub target: Fact,
    /// The outcome, when a later report states it.
    pub actual: Option<Fact>,
    /// Hit or miss; `None` without an outcome.
    pub hit: Option<bool>,
}

/// Whether an outcome meets a target. Ceilings (以内, 不超过, 低于) must not be exceeded; other
/// targets are floors (a range's lower bound; 左右 allows 0.5 point or 2% short). A decrease target
/// (能耗下降3%) is met by a decrease at least as large.
pub fn meets(target: &Fact, actual: &Fact) -> bool {
    let signed = |f: &Fact| {
        if f.direction == Some(Direction::Down) {
            -f.value
        } else {
            f.value
        }
    };
    let (t, a) = (signed(target), signed(actual));
    let ceiling = matches!(target.qualifier, Qualifier::AtMost | Qualifier::LessThan);
    if target.direction == Some(Direction::Down) {
        return a <= t + 1e-9;
    }
    if ceiling {
        return a <= t + 1e-9;
    }
    let slack = if target.qualifier == Qualifier::Approx {
        if target.unit == "%" {
            0.5
        } else {
            t.abs() * 0.02
        }
    } else {
        0.0
    };
    a >= t - slack - 1e-9
}

/// Targets against outcomes, in key and year order.
pub fn targets(series: &Series) -> Vec<TargetCheck> {
    let mut out = Vec::new();
    for (key, years) in &series.cells {
        for (year, cell) in years {
            let Some(target) = &cell.target else { continue };
            let actual = cell.actual.clone();
            let hit = actual.as_ref().map(|a| meets(target, a));
            out.push(TargetCheck {
                region: key.0.clone(),
                indicator: key.1.clone(),
                label: series.labels[key].clone(),
                measure: key.2,
                year: *year,
                target: target.clone(),
                actual,
                hit,
            });
        }
    }
    out
}

/// A consistency flag.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    /// `growth_vs_levels` or `restated`.
    pub kind: String,
    /// Region.
    pub region: String,
    /// Indicator key.
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// What disagrees.
    pub message: String,
    /// The figures involved.
    pub facts: Vec<Fact>,
}

/// Stated growth against growth computed from consecutive levels (difference over 1 point), and
/// the same outcome stated with different values (over 0.5% apart).
pub fn consistency(series: &Series) -> Vec<Flag> {
    let mut flags = Vec::new();
    for (key, years) in &series.cells {
        let (region, indicator, measure, unit) = key;
        // Only indicators of the lexicon: generic names (项目, 企业) mix different things.
        let known = indicator
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if *measure == Measure::Level && known {
            for (year, cell) in years {
                let Some(a) = &cell.actual else { continue };
                for o in &cell.others {
                    if o.doc != a.doc && (o.value - a.value).abs() > 0.005 * a.value.abs().max(1e-9)
                    {
                        flags.push(Flag {
                            kind: "restated".into(),
                            region: region.clone(),
                            indicator: indicator.clone(),
                            year: *year,
                            message: format!(
                                "{} for {year} is {} in {} but {} in {}",
                                series.labels[key], a.text, a.doc, o.text, o.doc
                            ),
                            facts: vec![a.clone(), o.clone()],
                        });
                    }
                }
            }
            // Growth computed from consecutive levels against the stated change.
            let change_key = (
                region.clone(),
                indicator.clone(),
                Measure::Change,
                "%".to_string(),
            );
            let Some(changes) = series.cells.get(&change_key) else {
                continue;
            };
            for (year, cell) in years {
                let (Some(cur), Some(prev)) = (
                    &cell.actual,
                    years.get(&(year - 1)).and_then(|c| c.actual.as_ref()),
                ) else {
                    continue;
                };
                let Some(stated) = changes.get(year).and_then(|c| c.actual.as_ref()) else {
                    continue;
                };
                if prev.value <= 0.0 || unit.is_empty() && cur.unit != prev.unit {
                    continue;
                }
                let computed = (cur.value / prev.value - 1.0) * 100.0;
                let stated_v = if stated.direction == Some(Direction::Down) {
                    -stated.value
                } else {
                    stated.value
                };
                if (computed - stated_v).abs() > 1.0 {
                    flags.push(Flag {
                        kind: "growth_vs_levels".into(),
                        region: region.clone(),
                        indicator: indicator.clone(),
                        year: *year,
                        message: format!(
                            "{} {year}: levels {} → {} imply {:+.1}%, stated {:+.1}% (real growth and nominal levels may legitimately differ)",
                            series.labels[key], prev.text, cur.text, computed, stated_v
                        ),
                        facts: vec![prev.clone(), cur.clone(), stated.clone()],
                    });
                }
            }
        }
    }
    flags
}

/// Everything `govtext compare` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Years present, sorted.
    pub years: Vec<i32>,
    /// Series worth showing (two years or more, or a target), by key.
    pub series: Vec<SeriesOut>,
    /// Targets against outcomes.
    pub targets: Vec<TargetCheck>,
    /// Consistency flags.
    pub flags: Vec<Flag>,
    /// Vocabulary shift per region and year.
    pub vocabulary: Vec<crate::vocab::Shift>,
}

/// One series as reported.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesOut {
    /// Region.
    pub region: String,
    /// Indicator key.
    pub indicator: String,
    /// Label.
    pub label: String,
    /// Measure.
    pub measure: Measure,
    /// Unit.
    pub unit: String,
    /// Cells by year.
    pub cells: BTreeMap<i32, Cell>,
}

/// Assemble the report from records and (optional) vocabulary shifts.
pub fn report(records: &[Record], vocabulary: Vec<crate::vocab::Shift>) -> Report {
    let s = series(records);
    let mut years: Vec<i32> = s.cells.values().flat_map(|c| c.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    let out = s
        .cells
        .iter()
        .filter(|(_, cells)| {
            cells.values().filter(|c| c.actual.is_some()).count() >= 2
                || cells.values().any(|c| c.target.is_some())
        })
        .map(|(k, cells)| SeriesOut {
            region: k.0.clone(),
            indicator: k.1.clone(),
            label: s.labels[k].clone(),
            measure: k.2,
            unit: k.3.clone(),
            cells: cells.clone(),
        })
        .collect();
    Report {
        years,
        targets: targets(&s),
        flags: consistency(&s),
        series: out,
        vocabulary,
    }
}

fn cell_text(f: &Option<Fact>) -> String {
    f.as_ref().map_or(String::new(), |f| {
        let sign = if f.direction == Some(Direction::Down) {
            "−"
        } else {
            ""
        };
        format!("{sign}{}", f.text)
    })
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

impl Report {
    /// Markdown: a wide table per region (indicator × year; outcome, and target in brackets, each
    /// with `doc@offset`), the targets table, the flags and the vocabulary shifts.
    pub fn markdown(&self) -> String {
        let mut out = String::from("# Reports compared across years\n");
        let mut regions: Vec<&str> = self.series.iter().map(|s| s.region.as_str()).collect();
        regions.dedup();
        for region in regions {
            let rows: Vec<&SeriesOut> = self.series.iter().filter(|s| s.region == region).collect();
            let years: Vec<i32> = {
                let mut y: Vec<i32> = rows.iter().flat_map(|s| s.cells.keys().copied()).collect();
                y.sort_unstable();
                y.dedup();
                y
            };
            out.push_str(&format!("\n## {region}\n\n| indicator | measure |"));
            for y in &years {
                out.push_str(&format!(" {y} |"));
            }
            out.push_str("\n|---|---|");
            out.push_str(&"---|".repeat(years.len()));
            out.push('\n');
            for s in rows {
                out.push_str(&format!("| {} | {} |", md_escape(&s.label), s.measure));
                for y in &years {
                    let cell = s.cells.get(y);
                    let actual = cell.map(|c| cell_text(&c.actual)).unwrap_or_default();
                    let target = cell.map(|c| cell_text(&c.target)).unwrap_or_default();
                    let reference = cell
                        .and_then(|c| c.actual.as_ref().or(c.target.as_ref()))
                        .map(|f| format!(" <sub>{}@{}</sub>", f.doc, f.start))
                        .unwrap_or_default();
                    let text = match (actual.is_empty(), target.is_empty()) {
                        (false, false) => format!("{actual} (target {target})"),
                        (false, true) => actual,
                        (true, false) => format!("(target {target})"),
                        (true, true) => String::new(),
                    };
                    out.push_str(&format!(
                        " {}{} |",
                        md_escape(&text),
                        if text.is_empty() { "" } else { &reference }
                    ));
                }
                out.push('\n');
            }
        }
        out.push_str("\n## Targets against outcomes\n\n| region | indicator | measure | year | target | outcome | hit |\n|---|---|---|---|---|---|---|\n");
        for t in &self.targets {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} <sub>{}@{}</sub> | {} | {} |\n",
                t.region,
                md_escape(&t.label),
                t.measure,
                t.year,
                md_escape(&cell_text(&Some(t.target.clone()))),
                t.target.doc,
                t.target.start,
                t.actual.as_ref().map_or("—".to_string(), |a| format!(
                    "{} <sub>{}@{}</sub>",
                    md_escape(&cell_text(&Some(a.clone()))),
                    a.doc,
                    a.start
                )),
                match t.hit {
                    Some(true) => "hit",
                    Some(false) => "miss",
                    None => "—",
                }
            ));
        }
        out.push_str("\n## Consistency checks\n\n");
        if self.flags.is_empty() {
            out.push_str("No inconsistencies found.\n");
        }
        for f in &self.flags {
            out.push_str(&format!(
                "- **{}** ({}): {}\n",
                f.kind,
                f.region,
                md_escape(&f.message)
            ));
        }
        if !self.vocabulary.is_empty() {
            out.push_str("\n## Vocabulary shift\n");
            for v in &self.vocabulary {
                out.push_str(&format!(
                    "\n**{} {}** (against {}) — rising: {}; falling: {}; new: {}; gone: {}\n",
                    v.region,
                    v.year,
                    v.against,
                    v.rising
                        .iter()
                        .map(|t| t.term.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                    v.falling
                        .iter()
                        .map(|t| t.term.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                    v.appeared.join("、"),
                    v.vanished.join("、"),
                ));
            }
        }
        out
    }

    /// CSV, long form: one row per figure placed in a series, with where it was stated.
    pub fn csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([
            "region",
            "indicator",
            "label",
            "measure",
            "unit",
            "year",
            "role",
            "value",
            "upper",
            "text",
            "doc",
            "start",
            "end",
            "report_year",
        ]);
        for s in &self.series {
            for (year, cell) in &s.cells {
                let roles = [
                    ("actual", cell.actual.as_ref()),
                    ("target", cell.target.as_ref()),
                ];
                for (role, f) in roles.into_iter().filter_map(|(r, f)| f.map(|f| (r, f))) {
                    let _ = w.write_record([
                        s.region.clone(),
                        s.indicator.clone(),
                        s.label.clone(),
                        s.measure.to_string(),
                        s.unit.clone(),
                        year.to_string(),
                        role.to_string(),
                        crate::record::number_text(f.value),
                        f.upper.map(crate::record::number_text).unwrap_or_default(),
                        f.text.clone(),
                        f.doc.clone(),
                        f.start.to_string(),
                        f.end.to_string(),
                        f.report_year.to_string(),
                    ]);
                }
            }
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// JSON: the whole report.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
