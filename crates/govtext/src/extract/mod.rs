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
use crate::segment::{Segmenter, split_sentences};

/// Extract every quantity mention of a document, in document order.
pub fn extract(doc: &Document, segmenter: &Segmenter) -> Vec<Record> {
    let norm = normalize(&doc.text);
    let mut records = Vec::new();
    let lexicon = attribute::Lexicon::shipped();
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
            let mut r = Record::from_mention(&doc.id, i, text, orig.to_string(), m);
            r.indicator = a.indicator;
            r.indicator_id = a.indicator_id;
            r.indicator_en = a.indicator_en;
            r.measure = Some(a.measure.to_string());
            r.direction = a.direction.map(str::to_string);
            r.basis = a.basis.map(str::to_string);
            r.target = Some(a.target);
            r.subject = a.subject;
            r.period = a.period;
            r.region = doc.meta.region.clone();
            r.year = doc.meta.year;
            r.meta.clone_from(&doc.meta.extra);
            records.push(r);
        }
    }
    records
}
