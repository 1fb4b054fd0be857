//! Panels: one indicator's headline figures as a region × year table, the table an economist
//! pastes into a paper — every province's 2026 GDP growth target with its qualifier (`5.0 左右`,
//! `≥ 5.5`, `5.0–5.5`) and where it is stated (`doc@offset`).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::render::md_escape;
use super::{Fact, series_of};
use crate::record::number_text;
use crate::schema::{Measure, Qualifier};

/// One indicator, measure, unit and role: regions × years.
#[derive(Debug, Clone, Serialize)]
pub struct Panel {
    /// Indicator key.
    pub indicator: String,
    /// The indicator as first written.
    pub label: String,
    /// Measure.
    pub measure: Measure,
    /// Unit.
    pub unit: String,
    /// `target` or `actual`.
    pub role: String,
    /// Years with a figure, sorted.
    pub years: Vec<i32>,
    /// Headline figure by region and year.
    pub rows: BTreeMap<String, BTreeMap<i32, Fact>>,
}

/// The panels of `indicator` from placed facts (headlines only), one per measure, unit and role,
/// restricted to `measure` and `role` (`target` / `actual`) when given.
pub fn panels(
    facts: &[Fact],
    indicator: &str,
    measure: Option<Measure>,
    role: Option<&str>,
) -> Vec<Panel> {
    let series = series_of(facts);
    let mut out: BTreeMap<(Measure, String, &str), Panel> = BTreeMap::new();
    for (key, years) in &series.cells {
        let (region, id, m, unit) = key;
        if id != indicator || measure.is_some_and(|x| x != *m) {
            continue;
        }
        for (year, cell) in years {
            for f in [&cell.target, &cell.actual].into_iter().flatten() {
                if role.is_some_and(|r| r != f.role()) {
                    continue;
                }
                let p = out
                    .entry((*m, unit.clone(), f.role()))
                    .or_insert_with(|| Panel {
                        indicator: id.clone(),
                        label: series.labels[key].clone(),
                        measure: *m,
                        unit: unit.clone(),
                        role: f.role().to_string(),
                        years: Vec::new(),
                        rows: BTreeMap::new(),
                    });
                p.years.push(*year);
                p.rows
                    .entry(region.clone())
                    .or_default()
                    .insert(*year, f.clone());
            }
        }
    }
    let mut panels: Vec<Panel> = out.into_values().collect();
    for p in &mut panels {
        p.years.sort_unstable();
        p.years.dedup();
    }
    panels
}

/// The divisor and label of a unit for values up to `max`: money in 亿元 from one 亿 up, else 元.
fn unit_scale(unit: &str, max: f64) -> (f64, &str) {
    match unit {
        "CNY" if max >= 1e8 => (1e8, "亿元"),
        "CNY" => (1.0, "元"),
        "" => (1.0, "number"),
        u => (1.0, u),
    }
}

/// A number for a table: percentages and points with at least one decimal (`5.0`), money divided
/// by `div` and rounded to two decimals.
fn number(v: f64, unit: &str, div: f64) -> String {
    match unit {
        "%" | "pp" if (v * 10.0).fract().abs() < 1e-9 => format!("{v:.1}"),
        "CNY" => number_text((v / div * 100.0).round() / 100.0),
        _ => number_text(v),
    }
}

/// The unit as a panel's header says it, for values up to `max`.
pub fn unit_label(unit: &str, max: f64) -> &str {
    unit_scale(unit, max).1
}

/// A figure with its qualifier: `5.0 左右`, `≥ 5.5`, `> 5.0`, `≤ 3.0`, `5.0–5.5`; a decrease is
/// negative; money in 亿元 (or 元 below one 亿).
pub fn figure(f: &Fact) -> String {
    figure_in(f, unit_scale(&f.unit, f.value.abs()).0)
}

fn figure_in(f: &Fact, div: f64) -> String {
    let v = number(f.signed(), &f.unit, div);
    match f.qualifier {
        Qualifier::Exact => v,
        Qualifier::Approx => format!("{v} 左右"),
        Qualifier::AtLeast => format!("≥ {v}"),
        Qualifier::MoreThan => format!("> {v}"),
        Qualifier::AtMost => format!("≤ {v}"),
        Qualifier::LessThan => format!("< {v}"),
        Qualifier::Range => match f.signed_upper() {
            Some(u) => format!("{v}–{}", number(u, &f.unit, div)),
            None => v,
        },
    }
}

impl Panel {
    /// The largest value of the panel.
    fn max(&self) -> f64 {
        let values = self.rows.values().flat_map(|r| r.values());
        values.map(|f| f.value.abs()).fold(0.0, f64::max)
    }

    /// Divisor and unit label of the panel's figures.
    fn scale(&self) -> (f64, &str) {
        unit_scale(&self.unit, self.max())
    }

    /// A figure of this panel, in the panel's unit.
    pub fn figure(&self, f: &Fact) -> String {
        figure_in(f, self.scale().0)
    }

    /// A title: `gdp (地区生产总值) · change · % · target`.
    pub fn title(&self) -> String {
        format!(
            "{} ({}) · {} · {} · {}",
            self.indicator,
            self.label,
            self.measure,
            self.scale().1,
            self.role
        )
    }

    /// Markdown: a row per region, a column per year, each cell `figure <sub>doc@offset</sub>`.
    pub fn markdown(&self) -> String {
        let mut out = format!("\n### {}\n\n| region |", md_escape(&self.title()));
        for y in &self.years {
            let _ = write!(out, " {y} |");
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(self.years.len()));
        out.push('\n');
        for (region, cells) in &self.rows {
            let _ = write!(out, "| {} |", md_escape(region));
            for y in &self.years {
                match cells.get(y) {
                    Some(f) => {
                        let _ = write!(out, " {} <sub>{}</sub> |", self.figure(f), f.provenance());
                    }
                    None => out.push_str("  |"),
                }
            }
            out.push('\n');
        }
        out
    }

    /// CSV rows: `indicator, measure, unit, role, region, region_id`, then per year the figure and its
    /// `doc@offset` (columns `2026` and `2026 source`).
    pub fn csv(&self, w: &mut csv::Writer<Vec<u8>>) {
        let mut header: Vec<String> = [
            "indicator",
            "measure",
            "unit",
            "role",
            "region",
            "region_id",
        ]
        .map(String::from)
        .to_vec();
        for y in &self.years {
            header.push(y.to_string());
            header.push(format!("{y} source"));
        }
        let _ = w.write_record(&header);
        for (region, cells) in &self.rows {
            let mut row = vec![
                self.indicator.clone(),
                self.measure.to_string(),
                self.scale().1.to_string(),
                self.role.clone(),
                region.clone(),
                super::render::region_id(region).to_string(),
            ];
            for y in &self.years {
                let f = cells.get(y);
                row.push(f.map(|f| self.figure(f)).unwrap_or_default());
                row.push(f.map(Fact::provenance).unwrap_or_default());
            }
            let _ = w.write_record(&row);
        }
    }
}

/// Panels as Markdown.
pub fn panels_markdown(panels: &[Panel]) -> String {
    let mut out = String::from("# Panels\n");
    if panels.is_empty() {
        out.push_str("\nNo headline figures for this indicator.\n");
    }
    for p in panels {
        out.push_str(&p.markdown());
    }
    out
}

/// Panels as CSV: each panel its header row and rows, panels one after the other.
pub fn panels_csv(panels: &[Panel]) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for p in panels {
        p.csv(&mut w);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
