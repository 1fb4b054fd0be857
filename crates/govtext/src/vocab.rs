//! How the language of reports shifts: per region and year, the terms whose share rises or falls
//! most against the other years of the same region, scored by the log-odds ratio with an
//! informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), plus terms that appear or vanish.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

/// A scored term.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    /// The term.
    pub term: String,
    /// z-score of the log-odds ratio (positive: more used this year).
    pub z: f64,
    /// Count this year.
    pub count: usize,
    /// Count in the other years.
    pub other: usize,
}

/// Vocabulary shift of one region in one year.
#[derive(Debug, Clone, Serialize)]
pub struct Shift {
    /// Region.
    pub region: String,
    /// Year.
    pub year: i32,
    /// What the year is compared with.
    pub against: String,
    /// Terms used more.
    pub rising: Vec<Scored>,
    /// Terms used less.
    pub falling: Vec<Scored>,
    /// Terms used (3+ times) this year and never in the previous year.
    pub appeared: Vec<String>,
    /// Terms used (3+ times) in the previous year and never this year.
    pub vanished: Vec<String>,
}

/// Term counts of one document with its region and year.
pub type DocTerms = (String, i32, HashMap<String, usize>);

/// Shifts for every region with two or more years, `top` terms each way.
pub fn shifts(docs: &[DocTerms], top: usize) -> Vec<Shift> {
    let mut by_region: BTreeMap<&str, BTreeMap<i32, HashMap<&str, usize>>> = BTreeMap::new();
    for (region, year, counts) in docs {
        let y = by_region
            .entry(region)
            .or_default()
            .entry(*year)
            .or_default();
        for (t, c) in counts {
            *y.entry(t.as_str()).or_default() += c;
        }
    }
    let mut out = Vec::new();
    for (region, years) in by_region {
        if years.len() < 2 {
            continue;
        }
        // The prior: all years of the region together.
        let mut all: HashMap<&str, usize> = HashMap::new();
        for counts in years.values() {
            for (t, c) in counts {
                *all.entry(t).or_default() += c;
            }
        }
        let a0: f64 = all.values().sum::<usize>() as f64;
        let prior_scale = 0.1 * a0 / all.len().max(1) as f64;
        for (&year, counts) in &years {
            let n_i: f64 = counts.values().sum::<usize>() as f64;
            let n_j: f64 = a0 - n_i;
            let alpha0 = prior_scale * all.len() as f64;
            let mut scored: Vec<Scored> = all
                .iter()
                .map(|(&t, &total)| {
                    let y_i = *counts.get(t).unwrap_or(&0) as f64;
                    let y_j = total as f64 - y_i;
                    let alpha = prior_scale * total as f64 / a0 * all.len() as f64;
                    let li = ((y_i + alpha) / (n_i + alpha0 - y_i - alpha)).ln();
                    let lj = ((y_j + alpha) / (n_j + alpha0 - y_j - alpha)).ln();
                    let var = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha);
                    Scored {
                        term: t.to_string(),
                        z: (li - lj) / var.sqrt(),
                        count: y_i as usize,
                        other: y_j as usize,
                    }
                })
                .collect();
            scored.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.term.cmp(&b.term)));
            let rising: Vec<Scored> = scored
                .iter()
                .take(top)
                .filter(|s| s.z > 0.0)
                .cloned()
                .collect();
            let falling: Vec<Scored> = scored
                .iter()
                .rev()
                .take(top)
                .filter(|s| s.z < 0.0)
                .cloned()
                .collect();
            let prev = years.range(..year).next_back().map(|(_, c)| c);
            let (mut appeared, mut vanished) = (Vec::new(), Vec::new());
            if let Some(prev) = prev {
                appeared = counts
                    .iter()
                    .filter(|(t, c)| **c >= 3 && !prev.contains_key(*t))
                    .map(|(t, _)| t.to_string())
                    .collect();
                vanished = prev
                    .iter()
                    .filter(|(t, c)| **c >= 3 && !counts.contains_key(*t))
                    .map(|(t, _)| t.to_string())
                    .collect();
                appeared.sort();
                vanished.sort();
                appeared.truncate(top);
                vanished.truncate(top);
            }
            out.push(Shift {
                region: region.to_string(),
                year,
                against: "the region's other years".into(),
                rising,
                falling,
                appeared,
                vanished,
            });
        }
    }
    out
}
