//! Placing a record on the year it is about, from the report's own year (its metadata) and the
//! record's role, period and horizon.
//!
//! A report of year N reviews year N−1 and sets targets for year N, whenever in year N it is
//! delivered. A target is about N (or the year its sentence names); an outcome is about N−1
//! unless its sentence names a year or says 今年. Only figures with a `year` horizon enter the
//! annual series: period averages and cumulative totals stay out, and plan-period goals go to the
//! plan table. The horizon is the record's; compare only adds what a sentence says about the
//! base of a change (比2002年增长65.5% in a report of 2008 is a change over five years).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::Fact;
use super::headline::words;
use crate::record::Record;
use crate::schema::{Horizon, Measure};

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^((?:19|20)[0-9]{2})年$").unwrap());

/// A base year named before a change: 比2002年, 与2000年相比, 较2020年末.
static BASE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[比较与同]((?:19|20)[0-9]{2})年(?:末|底)?").unwrap());

/// A year right before the figure: 2025年的, 2020年底.
static YEAR_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9]{2})年(?:的|底|末)?$").unwrap());

/// Full-width digits as ASCII digits (sentences are kept as written: ２００２年).
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

/// The year a period names, `2016年` → 2016.
pub(crate) fn named_year(period: &str) -> Option<i32> {
    YEAR.captures(period).and_then(|c| c[1].parse().ok())
}

/// The record's period, unless the sentence contradicts it: 全年 in the figure's own clause is the
/// whole year (针对三季度经济增速回落……，全年地区生产总值增长4.9%), and a year written only after
/// the figure is not its year (生产总值达到13697.5亿元……，经济增速2022年以来……).
fn sentence_period<'a>(r: &'a Record, before: &str) -> &'a str {
    let period = r.period.as_deref().unwrap_or("");
    let clause = before
        .rsplit(['，', ',', '；', ';', '。', '：'])
        .next()
        .unwrap_or("");
    if clause.contains("全年") {
        return "全年";
    }
    let written_after = named_year(period).is_some()
        && !before.contains(period)
        && ascii_digits(&r.context).contains(period);
    if written_after { "" } else { period }
}

/// Whether a figure whose period names no year is still about one whole year. Part of a year
/// (上半年, 一季度, 1-6月) never is. Under a period of several years (过去五年, 十三五时期) a target
/// the horizon calls annual is (the heading's period is not the figure's), and so is the level
/// reached at the end (从26.6万亿元增加到51.9万亿元: the level of the year reviewed); other
/// outcomes are not.
fn whole_year_in_period(r: &Record, period: &str, clause: &str) -> bool {
    if ["半年", "季度", "月"].iter().any(|w| period.contains(w)) {
        return false;
    }
    if !["五年", "时期", "十"].iter().any(|w| period.contains(w)) {
        return true;
    }
    r.target == Some(true)
        || r.measure == Some(Measure::Level) && words("level_reached").any(|w| clause.contains(w))
}

/// Where a record goes.
pub(crate) enum Placed {
    /// On one year of the annual series.
    Annual(Fact),
    /// In the plan table (a goal for a plan period, or an average over one).
    Plan(Fact),
}

/// Where each record's figure is in its sentence (a byte offset into `context`). A sentence may
/// write the same figure twice (工业增加值增长5.6%，地区生产总值增长5.6%), so the offset comes from
/// the record's own position: the sentence starts where its first figure's first occurrence says.
/// `records` are in document and offset order.
pub(crate) fn offsets_in_sentence(records: &[&Record]) -> Vec<usize> {
    let mut starts: HashMap<(&str, usize), usize> = HashMap::new();
    for r in records {
        let first = r
            .context
            .find(&r.text)
            .map_or(0, |b| r.context[..b].chars().count());
        let start = r.start.saturating_sub(first);
        // Records come in offset order: the first one of a sentence fixes its start.
        starts.entry((r.doc.as_str(), r.sentence)).or_insert(start);
    }
    records
        .iter()
        .map(|r| {
            let chars = r
                .start
                .saturating_sub(starts[&(r.doc.as_str(), r.sentence)]);
            let at = r.context.char_indices().nth(chars).map(|(b, _)| b);
            match at {
                Some(b) if r.context[b..].starts_with(&r.text) => b,
                _ => r.context.find(&r.text).unwrap_or(0),
            }
        })
        .collect()
}

/// The record's horizon as compare reads it: a figure a targets sentence says is for 今年 is
/// annual whatever the heading above it.
fn horizon(r: &Record) -> Horizon {
    match r.horizon.unwrap_or(Horizon::Year) {
        Horizon::PlanPeriod if r.period.as_deref() == Some("今年") => Horizon::Year,
        h => h,
    }
}

/// Place a record whose figure is at byte `at` of its sentence; `None` when it has no region or year, names no indicator, or is about part
/// of a year, several years or a year too far from the report's.
pub(crate) fn place(r: &Record, at: usize) -> Option<Placed> {
    let report_year = r.year?;
    let target = r.target.unwrap_or(false);
    let fact = |year| Fact::new(r, at, year, report_year, horizon(r));
    match horizon(r) {
        Horizon::Year => {}
        Horizon::PlanPeriod => return Some(Placed::Plan(fact(report_year)?)),
        Horizon::PeriodAverage if target => return Some(Placed::Plan(fact(report_year)?)),
        Horizon::PeriodAverage | Horizon::Cumulative => return None,
    }
    let before = ascii_digits(&r.context[..at]);
    let period = sentence_period(r, &before);
    let clause = before
        .rsplit(['，', ',', '；', ';', '。', '：'])
        .next()
        .unwrap_or("");
    // 增长到2025年的4.93万亿元: a year written right before the figure is its year, whatever
    // the period found elsewhere in the sentence.
    let named = YEAR_BEFORE
        .captures(clause)
        .and_then(|c| c[1].parse().ok())
        .or_else(|| named_year(period));
    if named.is_none() && !whole_year_in_period(r, period, clause) {
        return None;
    }
    // 由上年的515.8亿元增加到541.7亿元: the base is the year before the year reviewed; in
    // 从11.37万亿元提高到14.58万亿元 the base is of a year the sentence does not say.
    let year_before = words("last_year_from").any(|w| clause.ends_with(w));
    if !year_before && words("from").any(|w| clause.ends_with(w)) {
        return None;
    }
    let year = match (named, target) {
        (Some(y), _) if (report_year - 2..=report_year + 1).contains(&y) => y,
        (Some(_), _) => return None,
        (None, true) => report_year,
        (None, false) if period == "今年" => report_year,
        (None, false) if year_before => report_year - 2,
        (None, false) => report_year - 1,
    };
    if r.measure == Some(Measure::Change) && over_several_years(&before, year) {
        return None;
    }
    Some(Placed::Annual(fact(year)?))
}

/// A change whose sentence names a base year before the year preceding `year`.
fn over_several_years(before: &str, year: i32) -> bool {
    BASE_YEAR
        .captures_iter(before)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .any(|base| base < year - 1)
}
