//! Consistency flags on headline figures of one indicator id: an outcome stated with different
//! values by two reports, and a stated growth rate far from the growth its two levels imply.
//!
//! Only lexicon ids are compared (a generic name such as 项目 mixes different things, and 财政总收入
//! is not 地方财政总收入). GDP and value added grow in real terms (按可比价格) while their levels are
//! nominal, so their growth is never checked against levels: the gap is the deflator, not a
//! contradiction. Each flag quotes both sentences.

use serde::Serialize;

use super::{Fact, Series, SeriesKey};
use crate::schema::Measure;

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
    /// What disagrees, with the sentences that say so.
    pub message: String,
    /// The figures involved.
    pub facts: Vec<Fact>,
}

/// A lexicon id rather than an indicator's text.
fn lexicon_id(indicator: &str) -> bool {
    indicator
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Indicators whose growth is stated in real terms (at comparable prices) while their levels are
/// nominal: GDP and value added, or any figure whose sentence says so.
fn real_growth(indicator: &str, stated: &Fact) -> bool {
    indicator == "gdp"
        || indicator.ends_with("_value_added")
        || ["可比价", "实际增长"]
            .iter()
            .any(|w| stated.context.contains(w))
}

/// `「sentence」 (doc@offset)`.
fn quote(f: &Fact) -> String {
    format!("「{}」 ({})", f.context.trim(), f.provenance())
}

/// Stated growth against growth computed from consecutive levels (difference over 1 point), and
/// the same outcome stated with different values (over 0.5% apart).
pub fn consistency(series: &Series) -> Vec<Flag> {
    let mut flags = Vec::new();
    for (key, years) in &series.cells {
        if key.2 != Measure::Level || !lexicon_id(&key.1) {
            continue;
        }
        for (year, cell) in years {
            let Some(a) = &cell.actual else { continue };
            for o in &cell.others {
                if o.doc != a.doc && (o.value - a.value).abs() > 0.005 * a.value.abs().max(1e-9) {
                    flags.push(flag(
                        "restated",
                        key,
                        *year,
                        format!(
                            "{} for {year} is {} in {} but {} in {}: {} vs {}",
                            series.labels[key],
                            a.text,
                            a.doc,
                            o.text,
                            o.doc,
                            quote(a),
                            quote(o)
                        ),
                        vec![a.clone(), o.clone()],
                    ));
                }
            }
        }
        growth_vs_levels(series, key, &mut flags);
    }
    flags
}

fn flag(kind: &str, key: &SeriesKey, year: i32, message: String, facts: Vec<Fact>) -> Flag {
    Flag {
        kind: kind.into(),
        region: key.0.clone(),
        indicator: key.1.clone(),
        year,
        message,
        facts,
    }
}

/// Growth computed from consecutive levels of `key` against the stated change.
fn growth_vs_levels(series: &Series, key: &SeriesKey, flags: &mut Vec<Flag>) {
    let (region, indicator, _, unit) = key;
    let change_key = (
        region.clone(),
        indicator.clone(),
        Measure::Change,
        "%".to_string(),
    );
    let (Some(years), Some(changes)) = (series.cells.get(key), series.cells.get(&change_key))
    else {
        return;
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
        if real_growth(indicator, stated) {
            continue;
        }
        let computed = (cur.value / prev.value - 1.0) * 100.0;
        if (computed - stated.signed()).abs() > 1.0 {
            flags.push(flag(
                "growth_vs_levels",
                key,
                *year,
                format!(
                    "{} {year}: levels {} → {} imply {:+.1}%, stated {:+.1}%: {} and {} vs {}",
                    series.labels[key],
                    prev.text,
                    cur.text,
                    computed,
                    stated.signed(),
                    quote(prev),
                    quote(cur),
                    quote(stated)
                ),
                vec![prev.clone(), cur.clone(), stated.clone()],
            ));
        }
    }
}
