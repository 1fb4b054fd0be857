//! Comparing reports across years: figures placed on the year they are about, one headline
//! figure per report, region, indicator, year and role, lined up per region and indicator; the
//! target set for a year against the outcome the next report states for it; plan-period goals in
//! their own table; stated growth rates checked against consecutive levels; the same outcome
//! stated differently in two reports.
//!
//! Why headlines: a report states its GDP growth several times (summary, sector paragraphs, the
//! base of a comparison, the explanation of a target). Series, targets against outcomes, panels
//! and the HTML page use one figure per report and year — the one an analyst would quote
//! (`headline.rs`) — while the long table keeps every candidate with `headline = false`.

mod flags;
mod headline;
mod panel;
mod place;
mod render;

use std::collections::BTreeMap;

use serde::Serialize;

pub use flags::{Flag, consistency};
pub use panel::{Panel, figure, panels, panels_csv, panels_markdown, unit_label};
pub use render::{LONG_COLUMNS, plan_period, region_id};

use crate::record::Record;
use crate::schema::{Direction, Horizon, Measure, Qualifier};

/// One figure placed on a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// Region of the report.
    pub region: String,
    /// Indicator key: the lexicon id, else the indicator text.
    pub indicator: String,
    /// The indicator as written.
    pub label: String,
    /// `level`, `change` or `share`.
    pub measure: Measure,
    /// Normalised unit.
    pub unit: String,
    /// Year the figure is about (for a plan goal: the report's year).
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
    /// The stretch of time the figure covers.
    pub horizon: Horizon,
    /// The period the sentence names, when it names one.
    pub period: Option<String>,
    /// True for the one figure of its document, region, indicator, measure, unit, year and role
    /// an analyst would quote.
    pub headline: bool,
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
    /// Byte offset of the figure in `context`.
    #[serde(skip)]
    pub at: usize,
}

impl Fact {
    fn new(r: &Record, at: usize, year: i32, report_year: i32, horizon: Horizon) -> Option<Fact> {
        Some(Fact {
            region: r.region.clone()?,
            indicator: r.indicator_id.clone().or_else(|| r.indicator.clone())?,
            label: r.indicator.clone().unwrap_or_default(),
            measure: r.measure.unwrap_or(Measure::Level),
            unit: r.norm_unit.clone(),
            year,
            report_year,
            target: r.target.unwrap_or(false),
            value: r.norm_value,
            upper: r.norm_upper,
            direction: r.direction,
            qualifier: r.qualifier,
            horizon,
            period: r.period.clone(),
            headline: false,
            doc: r.doc.clone(),
            start: r.start,
            end: r.end,
            text: r.text.clone(),
            context: r.context.clone(),
            at,
        })
    }

    /// `target` or `actual`.
    pub fn role(&self) -> &'static str {
        if self.target { "target" } else { "actual" }
    }

    /// The value with its sign: a decrease is negative.
    pub fn signed(&self) -> f64 {
        if self.direction == Some(Direction::Down) {
            -self.value
        } else {
            self.value
        }
    }

    /// The upper bound of a range with its sign.
    pub fn signed_upper(&self) -> Option<f64> {
        self.upper.map(|u| {
            if self.direction == Some(Direction::Down) {
                -u
            } else {
                u
            }
        })
    }

    /// `doc@start`.
    pub fn provenance(&self) -> String {
        format!("{}@{}", self.doc, self.start)
    }

    /// The sentence before the figure.
    fn before_figure(&self) -> &str {
        &self.context[..self.at.min(self.context.len())]
    }
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

/// Every figure placed: the annual ones (headlines marked) and the plan-period goals, in
/// region, year, document and offset order whatever the order of the records.
pub fn facts(records: &[Record]) -> (Vec<Fact>, Vec<Fact>) {
    let partial = sub_annual_docs(records);
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.region, a.year, &a.doc, a.start, a.end)
            .cmp(&(&b.region, b.year, &b.doc, b.start, b.end))
    });
    let (mut annual, mut plans) = (Vec::new(), Vec::new());
    let offsets = place::offsets_in_sentence(&sorted);
    for (r, at) in sorted.into_iter().zip(offsets) {
        let whole_year = r.target == Some(true)
            || r.period
                .as_deref()
                .is_some_and(|p| p == "全年" || place::named_year(p).is_some());
        match place::place(r, at) {
            Some(place::Placed::Annual(f)) if whole_year || !partial.contains(r.doc.as_str()) => {
                annual.push(f)
            }
            Some(place::Placed::Plan(f)) => plans.push(f),
            _ => {}
        }
    }
    headline::mark(&mut annual);
    (annual, plans)
}

/// A series key: region, indicator, measure, unit.
pub type SeriesKey = (String, String, Measure, String);

/// One cell of a series: the headline outcome and target about one year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// The outcome: the headline of the next year's report, else of the nearest later one,
    /// else of a report of the same year (今年).
    pub actual: Option<Fact>,
    /// The target: the headline of the report of that year.
    pub target: Option<Fact>,
    /// The headline outcome as other reports state it.
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

/// Which report's outcome for `year` comes first: the next year's, then later ones, then the
/// same year's.
fn actual_order(f: &Fact, year: i32) -> (i32, usize) {
    let gap = f.report_year - year;
    (if gap >= 1 { gap } else { 100 - gap }, f.start)
}

/// Build the series from records (see [`series_of`]).
pub fn series(records: &[Record]) -> Series {
    series_of(&facts(records).0)
}

/// Build the series from placed facts: headline figures only.
pub fn series_of(facts: &[Fact]) -> Series {
    let mut s = Series::default();
    // Per key and year: the targets and the outcomes stated.
    type Stated<'a> = (Vec<&'a Fact>, Vec<&'a Fact>);
    let mut stated: BTreeMap<(SeriesKey, i32), Stated<'_>> = BTreeMap::new();
    for f in facts.iter().filter(|f| f.headline) {
        let key = (
            f.region.clone(),
            f.indicator.clone(),
            f.measure,
            f.unit.clone(),
        );
        let e = stated.entry((key, f.year)).or_default();
        if f.target { &mut e.0 } else { &mut e.1 }.push(f);
    }
    s.labels = labels(facts.iter().filter(|f| f.headline));
    for ((key, year), (mut targets, mut actuals)) in stated {
        targets.sort_by_key(|f| ((f.report_year - year).abs(), f.report_year, f.start));
        actuals.sort_by_key(|f| actual_order(f, year));
        let cell = s.cells.entry(key).or_default().entry(year).or_default();
        cell.target = targets.first().map(|f| (*f).clone());
        cell.actual = actuals.first().map(|f| (*f).clone());
        cell.others = actuals.iter().skip(1).map(|f| (*f).clone()).collect();
    }
    s
}

/// The label of each series: the indicator as its headline figures name it most often (ties: the
/// first seen), so a series reads 国内生产总值, not the 经济增长 of one sentence.
fn labels<'a>(facts: impl Iterator<Item = &'a Fact>) -> BTreeMap<SeriesKey, String> {
    let mut counts: BTreeMap<SeriesKey, Vec<(&str, usize)>> = BTreeMap::new();
    for f in facts {
        let key = (
            f.region.clone(),
            f.indicator.clone(),
            f.measure,
            f.unit.clone(),
        );
        let names = counts.entry(key).or_default();
        match names.iter_mut().find(|(l, _)| *l == f.label) {
            Some(n) => n.1 += 1,
            None => names.push((f.label.as_str(), 1)),
        }
    }
    counts
        .into_iter()
        .map(|(k, names)| {
            let best = names
                .iter()
                .rev()
                .max_by_key(|(_, n)| *n)
                .map_or("", |(l, _)| *l);
            (k, best.to_string())
        })
        .collect()
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
    let (t, a) = (target.signed(), actual.signed());
    let ceiling = matches!(target.qualifier, Qualifier::AtMost | Qualifier::LessThan);
    if target.direction == Some(Direction::Down) || ceiling {
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

/// Targets against outcomes, in key and year order: the target of year N against the outcome
/// for N stated by a later report (the report of N+1 first), never by the target's own report.
pub fn targets(series: &Series) -> Vec<TargetCheck> {
    let mut out = Vec::new();
    for (key, years) in &series.cells {
        for (year, cell) in years {
            let Some(target) = &cell.target else { continue };
            let actual = cell
                .actual
                .iter()
                .chain(&cell.others)
                .filter(|a| a.report_year > *year && a.doc != target.doc)
                .min_by_key(|a| actual_order(a, *year))
                .cloned();
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

/// Everything `govtext compare` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Years present, sorted.
    pub years: Vec<i32>,
    /// Series worth showing (two years or more, or a target), by key.
    pub series: Vec<SeriesOut>,
    /// Targets against outcomes.
    pub targets: Vec<TargetCheck>,
    /// Goals for a plan period (十五五 2026–2030 …) and averages over one, by region and report.
    pub plans: Vec<Fact>,
    /// Consistency flags.
    pub flags: Vec<Flag>,
    /// Vocabulary shift per region and year.
    pub vocabulary: Vec<crate::vocab::Shift>,
    /// The long table: every annual figure placed, headline or not.
    pub facts: Vec<Fact>,
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
    let (facts, plans) = facts(records);
    let s = series_of(&facts);
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
        plans,
        vocabulary,
        facts,
    }
}
