//! The report as Markdown (wide tables for people), CSV and JSON (the long table: one row per
//! figure placed, headline or not, with where it is stated).

use std::fmt::Write;
use std::sync::LazyLock;

use regex::Regex;

use super::{Fact, Report, SeriesOut};
use crate::record::number_text;

/// The figure as written, a decrease with its sign.
pub(crate) fn cell_text(f: &Fact) -> String {
    let sign = if f.direction == Some(crate::schema::Direction::Down) {
        "−"
    } else {
        ""
    };
    format!("{sign}{}", f.text)
}

pub(crate) fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

static PLAN_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"十([一二三四五六七八九])五").unwrap());
static BY_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"到((?:19|20)[0-9]{2})年").unwrap());

/// The plan period a goal belongs to: `十五五 2026–2030` when the sentence names the plan (from
/// the third on, the N-th five-year plan starts in 1966 + 5(N−3)), `2026–2035` for 到2035年, else
/// the five years from the report's year.
pub fn plan_period(f: &Fact) -> String {
    if let Some(c) = PLAN_NAME.captures(&f.context) {
        let n = "一二三四五六七八九"
            .chars()
            .position(|d| c[1].starts_with(d))
            .unwrap_or(0) as i32
            + 11;
        let start = 1966 + 5 * (n - 3);
        return format!("{} {start}–{}", &c[0], start + 4);
    }
    if let Some(end) = BY_YEAR
        .captures(&f.context)
        .and_then(|c| c[1].parse::<i32>().ok())
        .filter(|y| *y > f.report_year)
    {
        return format!("{}–{end}", f.report_year);
    }
    format!("{}–{}", f.report_year, f.report_year + 4)
}

impl Report {
    /// Markdown: a wide table per region (indicator × year; headline outcome, and target in
    /// brackets, each with `doc@offset`), the targets table, the plan goals, the flags and the
    /// vocabulary shifts.
    pub fn markdown(&self) -> String {
        let mut out = String::from("# Reports compared across years\n");
        let mut regions: Vec<&str> = self.series.iter().map(|s| s.region.as_str()).collect();
        regions.dedup();
        for region in regions {
            let rows: Vec<&SeriesOut> = self.series.iter().filter(|s| s.region == region).collect();
            md_region(&mut out, region, &rows);
        }
        self.md_targets(&mut out);
        self.md_plans(&mut out);
        self.md_flags(&mut out);
        self.md_vocabulary(&mut out);
        out
    }

    fn md_targets(&self, out: &mut String) {
        out.push_str("\n## Targets against outcomes\n\n| region | indicator | measure | year | target | outcome | hit |\n|---|---|---|---|---|---|---|\n");
        for t in &self.targets {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} <sub>{}</sub> | {} | {} |",
                t.region,
                md_escape(&t.label),
                t.measure,
                t.year,
                md_escape(&cell_text(&t.target)),
                t.target.provenance(),
                t.actual.as_ref().map_or("—".to_string(), |a| format!(
                    "{} <sub>{}</sub>",
                    md_escape(&cell_text(a)),
                    a.provenance()
                )),
                match t.hit {
                    Some(true) => "hit",
                    Some(false) => "miss",
                    None => "—",
                }
            );
        }
    }

    fn md_plans(&self, out: &mut String) {
        if self.plans.is_empty() {
            return;
        }
        out.push_str("\n## Plan-period figures\n\n| region | plan period | indicator | measure | role | horizon | figure | stated |\n|---|---|---|---|---|---|---|---|\n");
        for f in &self.plans {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                f.region,
                plan_period(f),
                md_escape(&f.label),
                f.measure,
                f.role(),
                f.horizon,
                md_escape(&cell_text(f)),
                f.provenance()
            );
        }
    }

    fn md_flags(&self, out: &mut String) {
        out.push_str("\n## Consistency checks\n\n");
        if self.flags.is_empty() {
            out.push_str("No inconsistencies found.\n");
        }
        for f in &self.flags {
            let _ = writeln!(
                out,
                "- **{}** ({}): {}",
                f.kind,
                f.region,
                md_escape(&f.message)
            );
        }
    }

    fn md_vocabulary(&self, out: &mut String) {
        if self.vocabulary.is_empty() {
            return;
        }
        out.push_str("\n## Vocabulary shift\n");
        let join = |t: &[crate::vocab::Scored]| {
            t.iter()
                .map(|t| t.term.as_str())
                .collect::<Vec<_>>()
                .join("、")
        };
        for v in &self.vocabulary {
            let _ = writeln!(
                out,
                "\n**{} {}** (against {}) — rising: {}; falling: {}; new: {}; gone: {}",
                v.region,
                v.year,
                v.against,
                join(&v.rising),
                join(&v.falling),
                v.appeared.join("、"),
                v.vanished.join("、"),
            );
        }
    }

    /// CSV, the long table: one row per figure placed on a year, headline or not.
    pub fn csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(LONG_COLUMNS);
        for f in &self.facts {
            let _ = w.write_record(long_row(f));
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// JSON: the long table (`facts`, with the columns of the CSV as fields) and everything else.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The columns of the long table.
pub const LONG_COLUMNS: [&str; 21] = [
    "doc",
    "region",
    "region_id",
    "indicator",
    "label",
    "measure",
    "unit",
    "role",
    "year",
    "value",
    "upper",
    "qualifier",
    "direction",
    "headline",
    "horizon",
    "text",
    "provenance",
    "start",
    "end",
    "report_year",
    "context",
];

fn long_row(f: &Fact) -> [String; 21] {
    [
        f.doc.clone(),
        f.region.clone(),
        region_id(&f.region).to_string(),
        f.indicator.clone(),
        f.label.clone(),
        f.measure.to_string(),
        f.unit.clone(),
        f.role().to_string(),
        f.year.to_string(),
        number_text(f.signed()),
        f.signed_upper().map(number_text).unwrap_or_default(),
        f.qualifier.to_string(),
        f.direction.map(|d| d.to_string()).unwrap_or_default(),
        f.headline.to_string(),
        f.horizon.to_string(),
        f.text.clone(),
        f.provenance(),
        f.start.to_string(),
        f.end.to_string(),
        f.report_year.to_string(),
        f.context.clone(),
    ]
}

/// The id of a canonical region (`河南省` → `henan`, `全国` → `national`); empty for a region
/// outside `dict/regions.tsv`.
pub fn region_id(region: &str) -> &str {
    crate::meta::Regions::shipped().id(region).unwrap_or("")
}

/// One region's wide table: indicator × year.
fn md_region(out: &mut String, region: &str, rows: &[&SeriesOut]) {
    let mut years: Vec<i32> = rows.iter().flat_map(|s| s.cells.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    let _ = write!(out, "\n## {region}\n\n| indicator | measure |");
    for y in &years {
        let _ = write!(out, " {y} |");
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(years.len()));
    out.push('\n');
    for s in rows {
        let _ = write!(out, "| {} | {} |", md_escape(&s.label), s.measure);
        for y in &years {
            let cell = s.cells.get(y);
            let actual = cell.and_then(|c| c.actual.as_ref()).map(cell_text);
            let target = cell.and_then(|c| c.target.as_ref()).map(cell_text);
            let text = match (actual, target) {
                (Some(a), Some(t)) => format!("{a} (target {t})"),
                (Some(a), None) => a,
                (None, Some(t)) => format!("(target {t})"),
                (None, None) => String::new(),
            };
            let reference = cell
                .and_then(|c| c.actual.as_ref().or(c.target.as_ref()))
                .map(|f| format!(" <sub>{}</sub>", f.provenance()))
                .unwrap_or_default();
            let _ = write!(out, " {}{reference} |", md_escape(&text));
        }
        out.push('\n');
    }
}
