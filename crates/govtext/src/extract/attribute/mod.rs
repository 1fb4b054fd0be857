//! Attribution: what each quantity measures (`indicator`, its lexicon id and English label),
//! whether it is a level, a change or a share, up or down, year on year or not, actual or target,
//! and the scope (`subject`) and `period` it is about.
//!
//! The rules read one clause at a time, using the segmenter's tokens:
//! - the *cue* nearest before a mention decides the measure: 增长/提高/下降… make a change,
//!   占/比重 a share, 完成/达到/增加到 or no cue a level;
//! - the indicator is the noun phrase at the cue (before it, or between it and the number); for a
//!   count, the noun phrase right after the measure word (`3283名机关干部`);
//! - mentions joined only by `、` continue a list: they share the cue and pair in order with a list
//!   of noun phrases (`A、B同比增长7.4%、2.3%`);
//! - a clause with no noun phrase refers to the previous mention's indicator (`…完成29.9亿元,同比增长0.82%`);
//! - a sentence is a target when it says so (目标 预期 力争 确保 计划 争取 要 将), when it is in a
//!   paragraph that opened a targets list, or under a heading about plans; figures under a review
//!   heading are outcomes.

//!
//! One file per concern: [`lexicon`] (indicator ids), [`cue`] (measure and basis), [`phrase`]
//! (noun phrases), [`indicator`] (which phrase names a mention), [`previous`] (what a clause
//! without a name takes from the clause before it), [`list`] (`、` lists),
//! [`ellipsis`] (shared heads), [`target`] (targets and sections), [`period`], [`horizon`]
//! (one year or several), [`subject`].

mod cue;
mod ellipsis;
mod horizon;
mod indicator;
mod lexicon;
mod list;
mod object;
mod period;
mod phrase;
mod previous;
mod subject;
mod target;
#[cfg(test)]
mod tests;

pub use lexicon::{INDICATORS_TSV, Lexicon};

use super::mention::Mention;
use super::text::{Offsets, is_clause_break};
use super::unit::Kind;
use crate::segment::Token;

/// What attribution found for one mention.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribution {
    /// The noun phrase naming what is measured.
    pub indicator: Option<String>,
    /// Lexicon id.
    pub indicator_id: Option<String>,
    /// English label.
    pub indicator_en: Option<String>,
    /// `level`, `change` or `share`.
    pub measure: &'static str,
    /// `up` / `down` for a change.
    pub direction: Option<&'static str>,
    /// `yoy` when written.
    pub basis: Option<&'static str>,
    /// Goal or plan.
    pub target: bool,
    /// Scope when stated.
    pub subject: Option<String>,
    /// Period when stated.
    pub period: Option<String>,
    /// `year`, `period_average`, `cumulative` or `plan_period`.
    pub horizon: &'static str,
}

/// State carried from sentence to sentence through a document.
#[derive(Debug, Clone, Default)]
pub struct DocState {
    /// The role of the section the sentence is in, from the latest heading.
    section: target::Section,
    /// Under the heading of a plan period's goals (“十五五”时期的主要目标).
    plan_period: bool,
    /// Paragraph whose targets list is open.
    targets_paragraph: Option<usize>,
    /// Period named by the latest heading.
    heading_period: Option<String>,
    /// The last indicator seen, for clauses without a subject.
    last_indicator: Option<String>,
    /// Paragraph that looks back on the past year inside the plans (过去一年，…取得了很大成绩).
    past_paragraph: Option<usize>,
    /// A short sentence without figures just before (经营主体稳中培优。): the name it opens with
    /// is the topic of a generic head in the next (总量达1461.4万户). Kept as text, looked up only
    /// when a generic head asks.
    topic: String,
}

/// A list being read: its first mention and the noun phrases at its cue.
type List = (usize, Vec<String>);

/// The sentence being attributed.
struct Sentence<'a, 't> {
    norm: &'a str,
    /// First character in the document.
    base: usize,
    tokens: &'a [Token<'t>],
    mentions: &'a [Mention],
    offsets: Offsets<'a>,
    /// The indicator lexicon: a name it knows wins over a shorter phrase the tags gave.
    lexicon: &'a Lexicon,
}

impl Sentence<'_, '_> {
    /// First character of the clause holding character `c`.
    fn clause_start(&self, c: usize) -> usize {
        let lead = &self.norm[..self.offsets.byte(c)];
        lead.char_indices()
            .rev()
            .find(|&(_, c)| is_clause_break(c))
            .map_or(self.base, |(b, c)| self.offsets.char(b + c.len_utf8()))
    }

    /// The clause break at or after character `from` (or the sentence end).
    fn clause_end(&self, from: usize) -> usize {
        let b = self.offsets.byte(from);
        self.norm[b..]
            .char_indices()
            .find(|&(_, c)| is_clause_break(c))
            .map_or(self.offsets.char(self.norm.len()), |(i, _)| {
                self.offsets.char(b + i)
            })
    }
}

/// Attribute the mentions of one sentence. `norm` is the normalised sentence, `base` its first
/// character in the document, `paragraph` its paragraph index, `tokens` its segmentation.
pub fn attribute_sentence(
    norm: &str,
    base: usize,
    paragraph: usize,
    tokens: &[Token<'_>],
    mentions: &[Mention],
    state: &mut DocState,
    lexicon: &Lexicon,
) -> Vec<Attribution> {
    target::heading_state(norm, state, mentions.is_empty());
    target::coming_year_goals(norm, state);
    target::past_year_review(norm, paragraph, state);
    if mentions.is_empty() {
        // Only a targets list opened here matters to later sentences of the paragraph.
        if target::opens_targets(norm) {
            state.targets_paragraph = Some(paragraph);
        }
        state.topic.clear();
        if norm.len() <= 3 * TOPIC_CHARS {
            state.topic.push_str(norm);
        }
        return Vec::new();
    }
    let target = target::sentence_target(norm, tokens, paragraph, state);
    let period = period::sentence_period(norm, state);
    let subject = subject::sentence_subject(norm);
    let sent = Sentence {
        norm,
        base,
        tokens,
        mentions,
        offsets: Offsets::new(norm, base),
        lexicon,
    };
    let mut out: Vec<Attribution> = Vec::with_capacity(mentions.len());
    let mut list: Option<List> = None;
    for (k, m) in mentions.iter().enumerate() {
        let (measure, direction, basis, indicator) = match list::continued(&sent, k, &out, &list) {
            Some(c) => c,
            None => fresh_clause(&sent, k, &out, &mut list, state),
        };
        let lead = sent.offsets.between(sent.clause_start(m.start), m.start);
        let after = sent.offsets.between(m.end, sent.clause_end(m.end));
        let a = Attribution {
            indicator,
            measure,
            direction,
            basis,
            target: target && !target::starting_value(lead, after),
            horizon: horizon::horizon(norm, lead, target, state),
            subject: subject.clone(),
            period: period.clone(),
            ..Attribution::default()
        };
        out.push(finish(a, m, &out, state, lexicon, norm));
    }
    state.topic.clear();
    out
}

/// Longest sentence (characters, roughly: bytes over three) that may only name a topic.
const TOPIC_CHARS: usize = 20;

/// Measure, direction, basis and indicator of a mention.
type Head = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<String>,
);

/// A mention that does not continue a list: read its clause.
fn fresh_clause(
    sent: &Sentence<'_, '_>,
    k: usize,
    out: &[Attribution],
    list: &mut Option<List>,
    state: &DocState,
) -> Head {
    let m = &sent.mentions[k];
    let start = sent.clause_start(m.start);
    let prev_end = if k > 0 {
        sent.mentions[k - 1].end
    } else {
        sent.base
    };
    let lead = sent.offsets.between(start, m.start);
    // 每增长1个百分点的增量，相当于5年前1.5个百分点: an equivalent of the figure before, in its
    // unit, measures what it measures.
    if lead.contains("相当于")
        && k > 0
        && sent.mentions[k - 1].kind == m.kind
        && let Some(p) = out.last()
    {
        return (p.measure, p.direction, p.basis, p.indicator.clone());
    }
    // 安排资金1713亿元，是2010年的2.2倍: a multiple of a base with no name of its own measures
    // what the figure before measures, as a level.
    if m.kind == Kind::Multiple
        && cue::multiple_of(lead).is_some_and(|at| {
            lead[..at]
                .trim_start_matches(|c: char| is_clause_break(c) || c.is_whitespace())
                .is_empty()
        })
        && let Some(p) = out.last()
    {
        return ("level", None, None, p.indicator.clone());
    }
    let (cue, tokens) = cue::nearest(sent, start, m.start);
    let after = sent.offsets.between(m.end, sent.clause_end(m.end));
    let (measure, direction) = cue::measure(lead, after, m, cue);
    let clause = indicator::Clause {
        start,
        floor: if k > 0 && prev_end > start {
            prev_end
        } else {
            start
        },
        lead,
        cue,
        tokens,
        measure,
    };
    let indicator = indicator::named(sent, k, &clause, out, list, state);
    (measure, direction, cue::basis(lead), indicator)
}

/// Clean the indicator, fix the measure a noun names, resolve generic heads and the lexicon id.
fn finish(
    mut a: Attribution,
    m: &Mention,
    out: &[Attribution],
    state: &mut DocState,
    lexicon: &Lexicon,
    norm: &str,
) -> Attribution {
    let mut indicator = a
        .indicator
        .take()
        .and_then(|i| subject::clean_indicator(&i, &mut a.subject, &mut a.period));
    // 经济增长预期目标为7%, 增速达到6%: a rate of growth named as a noun is a change.
    if m.kind == Kind::Percent
        && a.measure == "level"
        && indicator.as_deref().is_some_and(|i| {
            ["增长", "增速", "增长速度", "增幅"]
                .iter()
                .any(|w| i.ends_with(w))
        })
    {
        a.measure = "change";
        a.direction = Some("up");
    }
    // 总数达到146家: a generic head names the previous indicator's total.
    // With no figure before in the sentence, the name it opens with, or the topic a short
    // sentence before named (市场经营主体增量提质，总量突破1000万户).
    if let Some(i) = &indicator
        && subject::is_generic_head(i)
    {
        let prev = match out.last() {
            Some(p) => p.indicator.clone(),
            None => lexicon
                .opening_synonym(norm)
                .or_else(|| lexicon.opening_synonym(&state.topic))
                .map(str::to_string),
        };
        if let Some(prev) = prev.filter(|p| !p.ends_with(i.as_str()) && p != i) {
            indicator = Some(prev + i);
        }
    }
    // 经济增长7%: the growth of 经济 is GDP growth (the lexicon knows 经济增长, not 经济).
    let found = indicator.as_deref().and_then(|i| {
        lexicon.lookup(i).or_else(|| {
            (a.measure == "change" && i.ends_with("经济"))
                .then(|| lexicon.lookup(&format!("{i}增长")))
                .flatten()
        })
    });
    if indicator.is_some() {
        state.last_indicator = indicator.clone();
    }
    a.indicator_id = found.map(|f| f.id.clone());
    a.indicator_en = found.map(|f| f.en.clone());
    a.indicator = indicator;
    a
}
