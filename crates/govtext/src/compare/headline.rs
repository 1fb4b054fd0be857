//! Headline figures: of the figures one report states for the same region, indicator, measure,
//! unit, year and role, the one an analyst would quote.
//!
//! A report states GDP growth several times — in the opening summary, again in a sector's
//! paragraph, as the base of a comparison, once more when it explains the target. The rule, in
//! order (the first difference decides):
//!
//! 1. the figure stated for the indicator as such: its name is written in the sentence before the
//!    figure, not inherited from an earlier clause;
//! 2. for a target, in the targets list (the sentence says 目标 before the figure, not an
//!    explanation after it);
//! 3. for an outcome, not a milestone passed (突破3万亿元, 迈上6万亿元台阶, 超过: the level is
//!    the other figure of the sentence, 达3.6万亿元);
//! 4. the earliest in the document: the targets list and the review's opening summary come
//!    before the paragraphs that restate their figures.
//!
//! Only figures with a `year` horizon compete (plan-period goals and averages are kept apart
//! before this step). The words are data (`dict/headline_words.tsv`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::Fact;
use crate::extract::dict;
use crate::schema::Qualifier;

static WORDS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    let rows = dict::HEADLINE_WORDS.rows().into_iter();
    rows.map(|r| (r[0], r[1])).collect()
});

/// The words of `dict/headline_words.tsv` with this role.
pub(crate) fn words(role: &str) -> impl Iterator<Item = &'static str> + '_ {
    WORDS
        .iter()
        .filter(move |(_, r)| *r == role)
        .map(|(w, _)| *w)
}

/// A threshold passed rather than the level: 突破/超过 (qualifier `more_than`), 迈上 … 台阶.
fn milestone(f: &Fact) -> bool {
    let before = f.before_figure();
    let after: String = f.context[before.len()..]
        .chars()
        .skip(f.text.chars().count())
        .take(4)
        .collect();
    let lead: String = before
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    matches!(f.qualifier, Qualifier::MoreThan | Qualifier::AtLeast)
        || words("milestone_before").any(|w| lead.contains(w))
        || words("milestone_after").any(|w| after.contains(w))
}

/// What decides, smaller first: (not named as such, a target not in its list, an outcome that
/// is a milestone, start offset).
fn rank(f: &Fact) -> Rank {
    let before = f.before_figure();
    let named = !f.label.is_empty() && before.contains(f.label.as_str());
    let listed = !f.target || words("list").any(|w| before.contains(w));
    (!named, !listed, !f.target && milestone(f), f.start)
}

/// A candidate's rank: smaller wins.
type Rank = (bool, bool, bool, usize);

/// The group a headline is unique in.
type Group<'a> = (
    &'a str,
    &'a str,
    &'a str,
    super::Measure,
    &'a str,
    i32,
    bool,
);

/// Mark exactly one figure per (doc, region, indicator, measure, unit, year, role) as headline.
pub(crate) fn mark(facts: &mut [Fact]) {
    let mut best: BTreeMap<Group<'_>, (usize, Rank)> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        let key = (
            f.doc.as_str(),
            f.region.as_str(),
            f.indicator.as_str(),
            f.measure,
            f.unit.as_str(),
            f.year,
            f.target,
        );
        let r = rank(f);
        best.entry(key)
            .and_modify(|b| {
                if r < b.1 {
                    *b = (i, r);
                }
            })
            .or_insert((i, r));
    }
    let chosen: Vec<usize> = best.into_values().map(|(i, _)| i).collect();
    for i in chosen {
        facts[i].headline = true;
    }
}
