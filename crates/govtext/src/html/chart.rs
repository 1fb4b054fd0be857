//! One series as an inline SVG line chart: years on x (every year of the span, labels thinned to
//! about eight), values on y with the unit as axis title; outcomes solid, targets dashed with
//! hollow dots; a line only joins consecutive years, so a missing year is a gap; each dot's
//! tooltip gives the figure, where it is stated and the sentence.

use std::fmt::Write;

use super::esc;
use crate::compare::{Fact, SeriesOut, figure};

const W: f64 = 520.0;
const H: f64 = 250.0;
const PAD_L: f64 = 64.0;
const PAD_R: f64 = 16.0;
const PAD_T: f64 = 26.0;
const PAD_B: f64 = 46.0;

/// A point: year, value on the axis's scale, tooltip.
type Point = (i32, f64, String);

/// The divisor and axis unit for values up to `max` in `unit`: money in 元, 万元, 亿元 or 万亿元,
/// other quantities in 万 or 亿 of their unit when large.
fn scale(unit: &str, max: f64) -> (f64, String) {
    let base = match unit {
        "CNY" => "元",
        "" => "",
        u => u,
    };
    let (div, prefix) = match max {
        m if m >= 1e12 && unit == "CNY" => (1e12, "万亿"),
        m if m >= 1e8 => (1e8, "亿"),
        m if m >= 1e5 => (1e4, "万"),
        _ => (1.0, ""),
    };
    if matches!(unit, "%" | "pp") {
        return (1.0, unit.to_string());
    }
    let label = format!("{prefix}{base}");
    (
        div,
        if label.is_empty() {
            "number".into()
        } else {
            label
        },
    )
}

fn tooltip(s: &SeriesOut, year: i32, f: &Fact) -> String {
    format!(
        "{} {year} {}: {} ({}) — {}@{}–{}\n{}",
        s.label,
        f.role(),
        figure(f),
        f.text,
        f.doc,
        f.start,
        f.end,
        f.context.trim()
    )
}

fn points(s: &SeriesOut, target: bool, div: f64) -> Vec<Point> {
    s.cells
        .iter()
        .filter_map(|(y, c)| {
            let f = if target { &c.target } else { &c.actual };
            f.as_ref()
                .map(|f| (*y, f.signed() / div, tooltip(s, *y, f)))
        })
        .collect()
}

/// Axis bounds and ticks: round numbers (1, 2, 2.5 or 5 × a power of ten) spanning the
/// values, about five ticks, never a zero-height range.
fn ticks(values: impl Iterator<Item = f64>) -> (f64, f64, Vec<f64>) {
    let (mut lo, mut hi) = values.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        let pad = (hi.abs() * 0.1).max(0.5);
        (lo, hi) = (lo - pad, hi + pad);
    }
    let raw = (hi - lo) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let (lo, hi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    let n = ((hi - lo) / step).round() as usize;
    (lo, hi, (0..=n).map(|i| lo + step * i as f64).collect())
}

/// A number for an axis label, with as many decimals as the step between ticks needs.
fn tick(v: f64, step: f64) -> String {
    let decimals = (0..4)
        .find(|d| {
            let scaled = step * 10f64.powi(*d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(4) as usize;
    format!("{v:.decimals$}")
}

/// Polyline pieces over consecutive years only: a missing year leaves a gap.
fn segments(pts: &[Point]) -> Vec<&[Point]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=pts.len() {
        if i == pts.len() || pts[i].0 != pts[i - 1].0 + 1 {
            out.push(&pts[start..i]);
            start = i;
        }
    }
    out
}

/// The chart of one series.
pub(super) fn chart(s: &SeriesOut) -> String {
    let max = s
        .cells
        .values()
        .flat_map(|c| c.actual.iter().chain(&c.target))
        .map(|f| f.signed().abs())
        .fold(0.0, f64::max);
    let (div, unit) = scale(&s.unit, max);
    let (actual, target) = (points(s, false, div), points(s, true, div));
    let (lo, hi, ys) = ticks(actual.iter().chain(&target).map(|p| p.1));
    let years: Vec<i32> = s.cells.keys().copied().collect();
    let (y0, y1) = (years[0], years[years.len() - 1]);
    let x = |y: i32| {
        let span = f64::from((y1 - y0).max(1));
        let off = if y1 > y0 { f64::from(y - y0) } else { 0.5 };
        PAD_L + (W - PAD_L - PAD_R) * off / span
    };
    let yv = |v: f64| PAD_T + (H - PAD_T - PAD_B) * (1.0 - (v - lo) / (hi - lo));
    let mut svg = format!(
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" aria-label="{}">"#,
        esc(&s.label)
    );
    axes(&mut svg, s, &unit, (y0, y1), &ys, &x, &yv);
    for (pts, class) in [(&actual, "actual"), (&target, "target")] {
        for seg in segments(pts).into_iter().filter(|seg| seg.len() > 1) {
            let path: Vec<String> = seg
                .iter()
                .map(|p| format!("{:.1},{:.1}", x(p.0), yv(p.1)))
                .collect();
            let _ = write!(
                svg,
                r#"<polyline class="line {class}" points="{}"/>"#,
                path.join(" ")
            );
        }
        for p in pts.iter() {
            let _ = write!(
                svg,
                r#"<circle class="point {class}" cx="{:.1}" cy="{:.1}" r="4"><title>{}</title></circle>"#,
                x(p.0),
                yv(p.1),
                esc(&p.2)
            );
        }
    }
    legend(&mut svg, !actual.is_empty(), !target.is_empty());
    svg.push_str("</svg>");
    svg
}

/// Axes, gridlines, thinned year labels and the axis titles.
fn axes(
    svg: &mut String,
    s: &SeriesOut,
    unit: &str,
    (y0, y1): (i32, i32),
    ys: &[f64],
    x: &dyn Fn(i32) -> f64,
    yv: &dyn Fn(f64) -> f64,
) {
    let bottom = H - PAD_B;
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{PAD_L}" y1="{bottom}" x2="{}" y2="{bottom}"/><line class="axis" x1="{PAD_L}" y1="{PAD_T}" x2="{PAD_L}" y2="{bottom}"/>"#,
        W - PAD_R
    );
    // About eight year labels, every `step` years from the first.
    let step = ((y1 - y0) / 8 + 1).max(1);
    for y in (y0..=y1).step_by(step as usize) {
        let _ = write!(
            svg,
            r#"<line class="tick" x1="{0:.1}" y1="{bottom}" x2="{0:.1}" y2="{1}"/><text class="xlabel" x="{0:.1}" y="{2}">{y}</text>"#,
            x(y),
            bottom + 4.0,
            bottom + 16.0
        );
    }
    let ystep = if ys.len() > 1 { ys[1] - ys[0] } else { 1.0 };
    for v in ys {
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{PAD_L}" y1="{0:.1}" x2="{1}" y2="{0:.1}"/><text class="ylabel" x="{2}" y="{3:.1}">{4}</text>"#,
            yv(*v),
            W - PAD_R,
            PAD_L - 6.0,
            yv(*v) + 4.0,
            tick(*v, ystep)
        );
    }
    let title = match (unit, s.measure) {
        ("%", crate::schema::Measure::Change) => "% change".to_string(),
        ("pp", _) => "percentage points".to_string(),
        (u, _) => u.to_string(),
    };
    let mid = (PAD_T + bottom) / 2.0;
    let _ = write!(
        svg,
        r#"<text class="axis-title" x="{:.1}" y="{}">year</text><text class="axis-title" x="12" y="{mid:.1}" transform="rotate(-90 12 {mid:.1})">{}</text>"#,
        (PAD_L + W - PAD_R) / 2.0,
        H - 8.0,
        esc(&title)
    );
}

fn legend(svg: &mut String, actual: bool, target: bool) {
    let mut x = PAD_L + 8.0;
    for (on, class, text) in [(actual, "actual", "outcome"), (target, "target", "target")] {
        if !on {
            continue;
        }
        let _ = write!(
            svg,
            r#"<line class="line {class}" x1="{x}" y1="12" x2="{}" y2="12"/><circle class="point {class} key" cx="{}" cy="12" r="3.5"/><text class="legend" x="{}" y="16">{text}</text>"#,
            x + 22.0,
            x + 11.0,
            x + 28.0
        );
        x += 90.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_split_the_line() {
        let p = |y| (y, 1.0, String::new());
        let pts = vec![p(2010), p(2011), p(2013), p(2014), p(2016)];
        let segs: Vec<usize> = segments(&pts).iter().map(|s| s.len()).collect();
        assert_eq!(segs, [2, 2, 1]);
    }

    #[test]
    fn ticks_are_round_and_never_collapse() {
        let (lo, hi, t) = ticks([6.1, 11.4].into_iter());
        assert_eq!((lo, hi), (6.0, 12.0));
        assert_eq!(t, [6.0, 8.0, 10.0, 12.0]);
        let (lo, hi, _) = ticks([5.0, 5.0].into_iter());
        assert!(lo < 5.0 && hi > 5.0);
        assert_eq!(tick(2.5, 0.5), "2.5");
        assert_eq!(tick(7.25, 0.25), "7.25");
        assert_eq!(tick(40.0, 10.0), "40");
        assert_eq!(tick(7.5, 2.5), "7.5");
    }

    #[test]
    fn money_is_scaled_to_a_readable_unit() {
        assert_eq!(scale("CNY", 8.27e13), (1e12, "万亿元".to_string()));
        assert_eq!(scale("CNY", 2.1e10), (1e8, "亿元".to_string()));
        assert_eq!(scale("CNY", 39545.0), (1.0, "元".to_string()));
        assert_eq!(scale("人", 1.2e7), (1e4, "万人".to_string()));
        assert_eq!(scale("%", 1e6), (1.0, "%".to_string()));
    }
}
