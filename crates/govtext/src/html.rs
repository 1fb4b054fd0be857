//! The comparison as one self-contained HTML page: no scripts from elsewhere, no fonts, no CDN;
//! a line chart per series as inline SVG (outcomes solid, targets dashed), the targets table,
//! the consistency flags and the vocabulary shifts.

use std::fmt::Write;

use crate::compare::{Report, SeriesOut};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A line chart of one series: years on x, values on y; outcomes as a solid line with dots,
/// targets as hollow dots on a dashed line. Each dot's title says the figure and where it is.
fn chart(s: &SeriesOut, years: &[i32]) -> String {
    let (w, h, pad_l, pad_r, pad_t, pad_b) = (560.0, 220.0, 70.0, 20.0, 20.0, 30.0);
    let points = |target: bool| -> Vec<(i32, f64, String)> {
        s.cells
            .iter()
            .filter_map(|(y, c)| {
                let f = if target {
                    c.target.as_ref()
                } else {
                    c.actual.as_ref()
                }?;
                let v = if f.direction == Some(crate::schema::Direction::Down) {
                    -f.value
                } else {
                    f.value
                };
                Some((
                    *y,
                    v,
                    format!(
                        "{} {}: {} ({}@{}–{})",
                        s.label, y, f.text, f.doc, f.start, f.end
                    ),
                ))
            })
            .collect()
    };
    let (actual, target) = (points(false), points(true));
    let all: Vec<f64> = actual.iter().chain(&target).map(|p| p.1).collect();
    let (mut lo, mut hi) = all
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    if lo == hi {
        lo -= 1.0;
        hi += 1.0;
    }
    let (y0, y1) = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(1),
    );
    let x = |y: i32| {
        pad_l
            + (w - pad_l - pad_r)
                * if y1 > y0 {
                    f64::from(y - y0) / f64::from(y1 - y0)
                } else {
                    0.5
                }
    };
    let yv = |v: f64| pad_t + (h - pad_t - pad_b) * (1.0 - (v - lo) / (hi - lo));
    let mut svg = format!(
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        esc(&s.label)
    );
    let _ = write!(
        svg,
        r##"<line x1="{pad_l}" y1="{b}" x2="{r}" y2="{b}" stroke="#888"/><line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{b}" stroke="#888"/>"##,
        b = h - pad_b,
        r = w - pad_r
    );
    for y in years {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle" fill="#444">{y}</text>"##,
            x(*y),
            h - 10.0
        );
    }
    for v in [lo, (lo + hi) / 2.0, hi] {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#444">{}</text>"##,
            pad_l - 6.0,
            yv(v) + 4.0,
            short(v)
        );
    }
    for (pts, color, dash, fill) in [
        (&actual, "#1f5fa8", "", "#1f5fa8"),
        (&target, "#c0392b", r#" stroke-dasharray="5 4""#, "white"),
    ] {
        if pts.len() > 1 {
            let path: Vec<String> = pts
                .iter()
                .map(|p| format!("{:.1},{:.1}", x(p.0), yv(p.1)))
                .collect();
            let _ = write!(
                svg,
                r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"{dash}/>"#,
                path.join(" ")
            );
        }
        for p in pts.iter() {
            let _ = write!(
                svg,
                r#"<circle class="point" cx="{:.1}" cy="{:.1}" r="4" fill="{fill}" stroke="{color}" stroke-width="2"><title>{}</title></circle>"#,
                x(p.0),
                yv(p.1),
                esc(&p.2)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn short(v: f64) -> String {
    let a = v.abs();
    if a >= 1e12 {
        format!("{:.2}万亿", v / 1e12)
    } else if a >= 1e8 {
        format!("{:.1}亿", v / 1e8)
    } else if a >= 1e4 {
        format!("{:.1}万", v / 1e4)
    } else {
        format!("{v:.1}")
    }
}

/// The whole page.
pub fn render(report: &Report) -> String {
    let mut h = String::from(concat!(
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>govtext: reports compared across years</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}h2{border-bottom:1px solid #ccc}",
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}",
        ".series{display:inline-block;margin:0 1em 1.5em 0;vertical-align:top}.series h3{font-size:14px;margin:0}",
        ".hit{color:#1a7f37}.miss{color:#c0392b}.legend{font-size:12px;color:#555}</style></head><body>",
        "<h1>Reports compared across years</h1>",
        "<p class=\"legend\">Solid blue: outcomes. Dashed red, hollow dots: targets. Hover a dot for the figure and where it is stated.</p>"
    ));
    let charted: Vec<&SeriesOut> = report
        .series
        .iter()
        .filter(|s| {
            s.cells
                .values()
                .filter(|c| c.actual.is_some() || c.target.is_some())
                .count()
                >= 2
        })
        .collect();
    let mut region = "";
    for s in &charted {
        if s.region != region {
            region = &s.region;
            let _ = write!(h, "<h2>{}</h2>", esc(region));
        }
        let years: Vec<i32> = {
            let mut y: Vec<i32> = s.cells.keys().copied().collect();
            y.sort_unstable();
            y
        };
        let _ = write!(
            h,
            "<div class=\"series\"><h3>{} <small>({}, {})</small></h3>{}</div>",
            esc(&s.label),
            esc(s.measure.as_str()),
            esc(if s.unit.is_empty() { "number" } else { &s.unit }),
            chart(s, &years)
        );
    }
    h.push_str("<h2>Targets against outcomes</h2><table><tr><th>region</th><th>indicator</th><th>measure</th><th>year</th><th>target</th><th>outcome</th><th>result</th></tr>");
    for t in &report.targets {
        let (class, word) = match t.hit {
            Some(true) => ("hit", "hit"),
            Some(false) => ("miss", "miss"),
            None => ("", "—"),
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td title=\"{}@{}\">{}</td><td title=\"{}\">{}</td><td class=\"{class}\">{word}</td></tr>",
            esc(&t.region),
            esc(&t.label),
            esc(t.measure.as_str()),
            t.year,
            esc(&t.target.doc),
            t.target.start,
            esc(&t.target.text),
            t.actual
                .as_ref()
                .map_or(String::new(), |a| format!("{}@{}", esc(&a.doc), a.start)),
            t.actual.as_ref().map_or("—".to_string(), |a| esc(&a.text)),
        );
    }
    h.push_str("</table><h2>Consistency checks</h2><ul>");
    for f in &report.flags {
        let _ = write!(
            h,
            "<li><b>{}</b> ({}): {}</li>",
            esc(&f.kind),
            esc(&f.region),
            esc(&f.message)
        );
    }
    if report.flags.is_empty() {
        h.push_str("<li>No inconsistencies found.</li>");
    }
    h.push_str("</ul><h2>Vocabulary shift</h2><table><tr><th>region</th><th>year</th><th>rising</th><th>falling</th><th>new</th><th>gone</th></tr>");
    for v in &report.vocabulary {
        let terms = |t: &[crate::vocab::Scored]| {
            t.iter()
                .map(|s| esc(&s.term))
                .collect::<Vec<_>>()
                .join("、")
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&v.region),
            v.year,
            terms(&v.rising),
            terms(&v.falling),
            esc(&v.appeared.join("、")),
            esc(&v.vanished.join("、"))
        );
    }
    h.push_str("</table></body></html>\n");
    h
}
