//! Extraction: every quantity of a document as a [`Record`](crate::record::Record).
//!
//! Steps per document: normalise (one char for one char) → split sentences → cut each sentence
//! that may hold a figure with the shared [`Segmenter`] → scan the sentence for numeral runs ([`mention`]) using the
//! numeral grammar ([`number`]) and the unit lexicon ([`unit`]) → records with offsets into
//! the original text.

pub mod attribute;
pub mod dict;
pub mod mention;
pub mod number;
pub mod text;
pub mod unit;
#[cfg(test)]
mod wrap_tests;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::document::{Document, normalize};
use crate::record::Record;
use crate::schema::{Basis, Direction, Horizon, Measure, Qualifier};
use crate::segment::compact::Compact;
use crate::segment::{LazyTokens, Segmenter, Sentence, for_each_sentence};

/// [`extract_with`] and the shipped lexicon, for the rules' unit tests.
#[cfg(test)]
pub(crate) fn extract(doc: &Document, segmenter: &Segmenter) -> Vec<Record> {
    extract_with(doc, segmenter, attribute::Lexicon::shipped())
}

/// Extract every quantity mention of a document, in document order, with a given indicator
/// lexicon (the shipped one plus user entries).
pub fn extract_with(
    doc: &Document,
    segmenter: &Segmenter,
    lexicon: &attribute::Lexicon,
) -> Vec<Record> {
    let mut records = Vec::new();
    extract_each(doc, segmenter, lexicon, &AtomicBool::new(false), &mut |r| {
        records.extend(r);
        true
    });
    records
}

/// Extract a document one sentence at a time: `each` gets the records of each sentence that has
/// any, in document order, and returns false to stop. Only one sentence is held at a time (each
/// is normalised on its own), so memory does not grow with the document. `stop` is looked at
/// before every sentence. Returns false when stopped (by `stop` or by `each`).
pub fn extract_each(
    doc: &Document,
    segmenter: &Segmenter,
    lexicon: &attribute::Lexicon,
    stop: &AtomicBool,
    each: &mut dyn FnMut(Vec<Record>) -> bool,
) -> bool {
    let mut state = attribute::DocState::default();
    let mut i = 0;
    // A small document, before the full dictionary is built, is cut with a dictionary of its own
    // words (the same tokens, without the full build's start-up cost); its sentences are then
    // slices of its normalised text.
    let norm = segmenter
        .may_scope(doc.text.len())
        .then(|| normalize(&doc.text));
    let scoped = norm.as_deref().and_then(|n| segmenter.scoped(&[n]));
    let segmenter = scoped.as_deref().unwrap_or(segmenter);
    let norm = scoped.as_ref().and(norm.as_deref());
    for_each_sentence(&doc.text, |s, text| {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        let sentence = norm.map_or(text, |n| &n[s.norm.clone()]);
        let records = sentence_records(doc, segmenter, lexicon, &mut state, i, &s, sentence);
        i += 1;
        records.is_empty() || each(records)
    })
}

/// The records of sentence number `i`, `s`, of a document; `sentence` is its normalised text.
#[allow(clippy::too_many_arguments)]
fn sentence_records(
    doc: &Document,
    segmenter: &Segmenter,
    lexicon: &attribute::Lexicon,
    state: &mut attribute::DocState,
    i: usize,
    s: &Sentence,
    sentence: &str,
) -> Vec<Record> {
    let orig = &doc.text[s.orig.clone()];
    // White space inside a word or a joined hard wrap: the rules read the compacted sentence,
    // whose offsets are mapped back below.
    let compact = s.spaced.then(|| Compact::of(sentence, segmenter)).flatten();
    let written;
    let (sentence, orig_kept) = match &compact {
        Some(c) => {
            written = c.select(orig);
            (c.text.as_str(), written.as_str())
        }
        None => (sentence, orig),
    };
    // Most sentences of a report hold no figure: they are not segmented at all.
    // The scan asks for the tokens around a few candidates only, and the attribution of a
    // sentence with no mention reads none: most sentences are cut in part or not at all.
    // A sentence that cannot hold a quantity is not scanned either.
    let (lazy, mut mentions) = if mention::may_have_quantity(sentence) {
        let lazy = segmenter.lazy(sentence, s.start);
        let mentions = mention::scan_sentence(sentence, orig_kept, s.start, &lazy, segmenter);
        (lazy, mentions)
    } else {
        (LazyTokens::none(), Vec::new())
    };
    let tokens = if mentions.is_empty() {
        Vec::new()
    } else {
        lazy.all()
    };
    let attributions = attribute::attribute_sentence(
        sentence,
        s.start,
        s.paragraph,
        &tokens,
        &mentions,
        state,
        lexicon,
    );
    if let Some(c) = &compact {
        for m in &mut mentions {
            let (ms, me) = c.span(m.start - s.start, m.end - s.start);
            (m.start, m.end) = (s.start + ms, s.start + me);
        }
    }
    if mentions.is_empty() {
        return Vec::new();
    }
    // Byte of each character of the sentence as written, and its end: texts are sliced, not
    // gathered a character at a time.
    let at: Vec<usize> = orig
        .char_indices()
        .map(|(b, _)| b)
        .chain([orig.len()])
        .collect();
    let chars = at.len() - 1;
    let mut records = Vec::with_capacity(mentions.len());
    for (m, a) in mentions.into_iter().zip(attributions) {
        let (ms, me) = (m.start - s.start, m.end - s.start);
        let text = orig[at[ms]..at[me]].to_string();
        let (cs, ce) = text::context_span(chars, ms, me);
        let context = orig[at[cs]..at[ce]].to_string();
        let mut r = record(&doc.id, i, text, context, m);
        r.indicator = a.indicator;
        r.indicator_id = a.indicator_id;
        r.indicator_en = a.indicator_en;
        // Attribution labels are the schema's strings.
        r.measure = Some(label::<Measure>(a.measure));
        r.direction = a.direction.map(label::<Direction>);
        r.basis = a.basis.map(label::<Basis>);
        r.target = Some(a.target);
        if !a.target && r.qualifier == Qualifier::AtLeast && achieved_above(&orig[at[me]..]) {
            r.qualifier = Qualifier::MoreThan;
        }
        r.subject = a.subject;
        r.period = a.period;
        r.horizon = Some(label::<Horizon>(a.horizon));
        r.region = doc.meta.region.clone();
        r.year = doc.meta.year;
        r.meta.clone_from(&doc.meta.extra);
        records.push(r);
    }
    records
}

/// `以上` closing an achieved figure (`增长20%以上。`, `稳定在60%以上，`): more than it, while a
/// target's or a threshold's (`亿元以上项目`, `80%以上的问题`) is at least it (RECORDS.md).
fn achieved_above(after: &str) -> bool {
    after
        .strip_prefix("以上")
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !text::is_cjk(c)))
}

/// A schema value from an attribution label (the labels are the schema's strings).
fn label<T: std::str::FromStr<Err = crate::schema::UnknownValue>>(s: &str) -> T {
    s.parse()
        .unwrap_or_else(|e| panic!("attribution label: {e}"))
}

/// A record for a mention, with attribution fields empty.
fn record(
    doc: &str,
    sentence: usize,
    text: String,
    context: String,
    m: mention::Mention,
) -> Record {
    Record {
        doc: doc.to_string(),
        region: None,
        year: None,
        sentence,
        start: m.start,
        end: m.end,
        text,
        value: m.value,
        unit: m.unit,
        norm_value: m.norm_value,
        norm_upper: m.norm_upper,
        norm_unit: m.norm_unit,
        kind: m.kind,
        qualifier: m.qualifier,
        indicator: None,
        indicator_id: None,
        indicator_en: None,
        measure: None,
        direction: None,
        basis: None,
        target: None,
        subject: None,
        period: None,
        horizon: None,
        context,
        meta: serde_json::Map::new(),
    }
}
