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

use crate::document::{Document, normalize};
use crate::record::Record;
use crate::schema::{Basis, Direction, Horizon, Measure};
use crate::segment::{Segmenter, split_sentences};

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
    let norm = normalize(&doc.text);
    let mut records = Vec::new();
    let mut state = attribute::DocState::default();
    for (i, s) in split_sentences(&doc.text, &norm).into_iter().enumerate() {
        let orig = &doc.text[s.orig.clone()];
        let sentence = &norm[s.norm.clone()];
        // Most sentences of a report hold no figure: they are not segmented at all.
        let tokens = if mention::may_have_quantity(sentence) {
            segmenter.tag(sentence, s.start)
        } else {
            Vec::new()
        };
        let mentions = mention::scan_sentence(sentence, orig, s.start, &tokens, segmenter);
        let attributions = attribute::attribute_sentence(
            sentence,
            s.start,
            s.paragraph,
            &tokens,
            &mentions,
            &mut state,
            lexicon,
        );
        for (m, a) in mentions.into_iter().zip(attributions) {
            let text: String = orig
                .chars()
                .skip(m.start - s.start)
                .take(m.end - m.start)
                .collect();
            let mut r = record(&doc.id, i, text, orig.to_string(), m);
            r.indicator = a.indicator;
            r.indicator_id = a.indicator_id;
            r.indicator_en = a.indicator_en;
            // Attribution labels are the schema's strings.
            r.measure = Some(label::<Measure>(a.measure));
            r.direction = a.direction.map(label::<Direction>);
            r.basis = a.basis.map(label::<Basis>);
            r.target = Some(a.target);
            r.subject = a.subject;
            r.period = a.period;
            r.horizon = Some(label::<Horizon>(a.horizon));
            r.region = doc.meta.region.clone();
            r.year = doc.meta.year;
            r.meta.clone_from(&doc.meta.extra);
            records.push(r);
        }
    }
    records
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
