//! The comparison as one self-contained HTML page (no network, no fonts or scripts from
//! elsewhere; one small inline script for the filter box). An analyst opens it to see the
//! headline indicators first — GDP, prices, fiscal revenue, employment, income, investment,
//! trade, in the order of `dict/headline_indicators.tsv` — then the region × year panels of
//! those indicators as tables, every other series by region, targets against outcomes, the
//! plan-period goals, the consistency flags with their sentences and the vocabulary shifts.
//! Text is set in a CJK font stack so labels render wherever a CJK font is installed.

mod chart;

use std::fmt::Write;
use std::sync::LazyLock;

use crate::compare::{Fact, Panel, Report, SeriesOut, figure, panels, plan_period};
use crate::extract::dict;

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Indicator ids shown first, in order (`dict/headline_indicators.tsv`).
pub static HEADLINE_INDICATORS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let rows = dict::HEADLINE_INDICATORS.rows().into_iter();
    rows.map(|r| r[0]).collect()
});

/// Units a headline panel is shown in: rates, money, people (a count of 个 beside GDP is a
/// milestone's ordinal, not the indicator).
const PANEL_UNITS: [&str; 4] = ["%", "CNY", "USD", "人"];

const STYLE: &str = concat!(
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Zen Hei\",\"PingFang SC\",",
    "\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans\",sans-serif;margin:2em auto;max-width:1180px;",
    "padding:0 1em;color:#222}h2{border-bottom:1px solid #ccc;margin-top:2em}h3{margin:1.2em 0 .4em}",
    "nav ul{columns:3;font-size:14px}#filter{font-size:15px;padding:4px 8px;width:24em;margin:.5em 0}",
    "table{border-collapse:collapse;margin:.6em 0 1.2em}caption{text-align:left;white-space:nowrap;padding:2px 0}td,th{border:1px solid #ccc;padding:3px 8px;",
    "font-size:13px;text-align:left;vertical-align:top}th{background:#f4f4f4}td.num{text-align:right}",
    "sub{color:#888;font-size:10px}.series{display:inline-block;margin:0 1em 1.2em 0;vertical-align:top}",
    ".series h4{font-size:14px;margin:0 0 2px}.series small{color:#666;font-weight:normal}",
    "svg text{font-family:inherit}.axis{stroke:#888}.tick{stroke:#888}.grid{stroke:#eee}",
    ".xlabel{font-size:11px;text-anchor:middle;fill:#444}.ylabel{font-size:11px;text-anchor:end;fill:#444}",
    ".axis-title{font-size:11px;text-anchor:middle;fill:#666}.legend{font-size:11px;fill:#444}",
    ".line{fill:none;stroke-width:2}.line.actual{stroke:#1f5fa8}.line.target{stroke:#c0392b;stroke-dasharray:5 4}",
    ".point{stroke-width:2}.point.actual{fill:#1f5fa8;stroke:#1f5fa8}.point.target{fill:#fff;stroke:#c0392b}",
    ".hit{color:#1a7f37}.miss{color:#c0392b}.note{font-size:13px;color:#555}"
);

/// The filter box: hides every chart, table and row whose `data-filter` text does not contain
/// what is typed; `#filter=TEXT` in the address fills it in (a link to a filtered view).
const SCRIPT: &str = concat!(
    "(function(){var box=document.getElementById('filter');",
    "function apply(){var q=box.value.trim().toLowerCase();",
    "document.querySelectorAll('[data-filter]').forEach(function(el){",
    "el.hidden=q!==''&&el.getAttribute('data-filter').toLowerCase().indexOf(q)<0;});}",
    "box.addEventListener('input',apply);",
    "var m=location.hash.match(/^#filter=(.*)$/);",
    "if(m){box.value=decodeURIComponent(m[1]);apply();}})();"
);

/// Series worth a chart: outcomes or targets of two years or more (one report's outcome and
/// target are a panel's cells, not a line).
fn charted(s: &SeriesOut) -> bool {
    let actual = s.cells.values().filter(|c| c.actual.is_some()).count();
    let target = s.cells.values().filter(|c| c.target.is_some()).count();
    actual >= 2 || target >= 2
}

fn series_box(s: &SeriesOut, with_region: bool) -> String {
    format!(
        "<figure class=\"series\" data-filter=\"{} {} {} {}\"><h4>{}{} <small>{}</small></h4>{}</figure>",
        esc(&s.region),
        esc(&s.label),
        esc(&s.indicator),
        esc(s.measure.as_str()),
        if with_region {
            format!("{} · ", esc(&s.region))
        } else {
            String::new()
        },
        esc(&s.label),
        esc(s.measure.as_str()),
        chart::chart(s)
    )
}

/// The whole page.
pub fn render(report: &Report) -> String {
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>govtext: reports compared across years</title><style>{STYLE}</style></head><body><h1>Reports compared across years</h1>"
    );
    summary(&mut h, report);
    let headline: Vec<&SeriesOut> = HEADLINE_INDICATORS
        .iter()
        .flat_map(|id| report.series.iter().filter(move |s| s.indicator == *id))
        .filter(|s| charted(s))
        .collect();
    let panels: Vec<Panel> = HEADLINE_INDICATORS
        .iter()
        .flat_map(|id| panels(&report.facts, id, None, None))
        .filter(|p| p.rows.len() >= 2 && PANEL_UNITS.contains(&p.unit.as_str()))
        .collect();
    toc(&mut h, report, !panels.is_empty());
    h.push_str("<h2 id=\"headline\">Headline indicators</h2>");
    // Lines first when there are any (several years); a cross-section (one report per region)
    // is its panels.
    let mut charts = String::new();
    for s in &headline {
        charts.push_str(&series_box(s, true));
    }
    let mut tables = String::new();
    if !panels.is_empty() {
        tables.push_str("<h3 id=\"panels\">Panels: regions × years</h3><p class=\"note\">Headline figures with their qualifier; the small print says where each is stated (document@character offset); hover a figure for its sentence.</p>");
        for p in &panels {
            panel_table(&mut tables, p);
        }
    }
    h.push_str(&charts);
    h.push_str(&tables);
    other_series(&mut h, report);
    targets_table(&mut h, report);
    plans_table(&mut h, report);
    flags_list(&mut h, report);
    vocabulary_table(&mut h, report);
    let _ = writeln!(h, "<script>{SCRIPT}</script></body></html>");
    h
}

fn summary(h: &mut String, report: &Report) {
    let mut docs: Vec<&str> = report.facts.iter().map(|f| f.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let mut regions: Vec<&str> = report.facts.iter().map(|f| f.region.as_str()).collect();
    regions.sort_unstable();
    regions.dedup();
    let span = match (report.years.first(), report.years.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "no years".into(),
    };
    let _ = write!(
        h,
        "<p class=\"note\">{} document{}, {} region{}, years {span}. Figures are the headline figure of each report (the one stated for the indicator as such, in the targets list or the review's summary). Solid blue: outcomes; dashed red with hollow dots: targets; a missing year is a gap. Hover a dot for the figure, where it is stated and the sentence.</p>",
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        regions.len(),
        if regions.len() == 1 { "" } else { "s" },
    );
}

fn toc(h: &mut String, report: &Report, panels: bool) {
    h.push_str("<nav><b>Contents</b><ul><li><a href=\"#headline\">Headline indicators</a></li>");
    if panels {
        h.push_str("<li><a href=\"#panels\">Panels: regions × years</a></li>");
    }
    for (i, region) in regions(report).iter().enumerate() {
        let _ = write!(
            h,
            "<li><a href=\"#region-{i}\">Series: {}</a></li>",
            esc(region)
        );
    }
    h.push_str(concat!(
        "<li><a href=\"#targets\">Targets against outcomes</a></li>",
        "<li><a href=\"#plans\">Plan-period figures</a></li>",
        "<li><a href=\"#flags\">Consistency checks</a></li>",
        "<li><a href=\"#vocabulary\">Vocabulary shift</a></li></ul></nav>",
        "<label>Filter: <input id=\"filter\" type=\"search\" placeholder=\"indicator, region or id (地区生产总值, gdp, 全国)\"></label>"
    ));
}

fn regions(report: &Report) -> Vec<&str> {
    let mut r: Vec<&str> = report
        .series
        .iter()
        .filter(|s| charted(s))
        .map(|s| s.region.as_str())
        .collect();
    r.dedup();
    r
}

fn other_series(h: &mut String, report: &Report) {
    h.push_str("<h2 id=\"series\">All series by region</h2>");
    for (i, region) in regions(report).iter().enumerate() {
        let _ = write!(h, "<h3 id=\"region-{i}\">{}</h3>", esc(region));
        for s in report
            .series
            .iter()
            .filter(|s| s.region == *region && charted(s))
            .filter(|s| !HEADLINE_INDICATORS.contains(&s.indicator.as_str()))
        {
            h.push_str(&series_box(s, false));
        }
    }
}

fn cell(f: &Fact) -> String {
    cell_text(f, &figure(f))
}

fn cell_text(f: &Fact, figure: &str) -> String {
    format!(
        "<span title=\"{}\">{}</span> <sub>{}</sub>",
        esc(f.context.trim()),
        esc(figure),
        esc(&f.provenance())
    )
}

fn panel_table(h: &mut String, p: &Panel) {
    let _ = write!(
        h,
        "<table data-filter=\"{} {} {}\"><caption><b>{}</b></caption><tr><th>region</th>",
        esc(&p.indicator),
        esc(&p.label),
        esc(&p.role),
        esc(&p.title())
    );
    for y in &p.years {
        let _ = write!(h, "<th>{y}</th>");
    }
    h.push_str("</tr>");
    for (region, cells) in &p.rows {
        let _ = write!(h, "<tr><td>{}</td>", esc(region));
        for y in &p.years {
            let text = cells
                .get(y)
                .map(|f| cell_text(f, &p.figure(f)))
                .unwrap_or_default();
            let _ = write!(h, "<td class=\"num\">{text}</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>");
}

fn targets_table(h: &mut String, report: &Report) {
    h.push_str("<h2 id=\"targets\">Targets against outcomes</h2><p class=\"note\">The target a report sets for its year against the outcome the next report states for that year.</p><table><tr><th>region</th><th>indicator</th><th>measure</th><th>year</th><th>target</th><th>outcome</th><th>result</th></tr>");
    for t in &report.targets {
        let (class, word) = match t.hit {
            Some(true) => ("hit", "hit"),
            Some(false) => ("miss", "miss"),
            None => ("", "—"),
        };
        let _ = write!(
            h,
            "<tr data-filter=\"{} {} {}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{word}</td></tr>",
            esc(&t.region),
            esc(&t.label),
            esc(&t.indicator),
            esc(&t.region),
            esc(&t.label),
            esc(t.measure.as_str()),
            t.year,
            cell(&t.target),
            t.actual.as_ref().map_or("—".to_string(), cell),
        );
    }
    h.push_str("</table>");
}

fn plans_table(h: &mut String, report: &Report) {
    h.push_str("<h2 id=\"plans\">Plan-period figures</h2><p class=\"note\">Goals for a plan period and averages over one: never on a single year.</p><table><tr><th>region</th><th>plan period</th><th>indicator</th><th>measure</th><th>horizon</th><th>figure</th></tr>");
    for f in &report.plans {
        let _ = write!(
            h,
            "<tr data-filter=\"{} {} {}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&f.region),
            esc(&f.label),
            esc(&f.indicator),
            esc(&f.region),
            esc(&plan_period(f)),
            esc(&f.label),
            esc(f.measure.as_str()),
            esc(f.horizon.as_str()),
            cell(f)
        );
    }
    h.push_str("</table>");
}

fn flags_list(h: &mut String, report: &Report) {
    h.push_str("<h2 id=\"flags\">Consistency checks</h2><ul>");
    for f in &report.flags {
        let _ = write!(
            h,
            "<li data-filter=\"{} {}\"><b>{}</b> ({}): {}</li>",
            esc(&f.region),
            esc(&f.indicator),
            esc(&f.kind),
            esc(&f.region),
            esc(&f.message)
        );
    }
    if report.flags.is_empty() {
        h.push_str("<li>No inconsistencies found.</li>");
    }
    h.push_str("</ul>");
}

fn vocabulary_table(h: &mut String, report: &Report) {
    h.push_str("<h2 id=\"vocabulary\">Vocabulary shift</h2><table><tr><th>region</th><th>year</th><th>rising</th><th>falling</th><th>new</th><th>gone</th></tr>");
    for v in &report.vocabulary {
        let terms = |t: &[crate::vocab::Scored]| {
            t.iter()
                .map(|s| esc(&s.term))
                .collect::<Vec<_>>()
                .join("、")
        };
        let _ = write!(
            h,
            "<tr data-filter=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&v.region),
            esc(&v.region),
            v.year,
            terms(&v.rising),
            terms(&v.falling),
            esc(&v.appeared.join("、")),
            esc(&v.vanished.join("、"))
        );
    }
    h.push_str("</table>");
}

#[cfg(test)]
mod tests {
    #[test]
    fn headline_indicators_are_lexicon_ids() {
        let ids: Vec<&str> = crate::extract::dict::INDICATORS
            .rows()
            .into_iter()
            .map(|r| r[0])
            .collect();
        for id in super::HEADLINE_INDICATORS.iter() {
            assert!(
                ids.contains(id),
                "headline_indicators.tsv: {id} is not in indicators.tsv"
            );
        }
    }
}
