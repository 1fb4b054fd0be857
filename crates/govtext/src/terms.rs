//! Term frequencies per document: content words only (nouns, verbs, adjectives, idioms by POS),
//! without punctuation, numbers or stop words. Comparing these across years shows how the
//! language of reports shifts.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::document::{Document, normalize};
use crate::segment::Segmenter;

/// The shipped stop-word list (`dict/stopwords.txt`).
pub const STOPWORDS: &str = include_str!("../dict/stopwords.txt");

static STOPSET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    STOPWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// One term and how often a document uses it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TermCount {
    /// The word.
    pub term: String,
    /// Its POS tag.
    pub pos: String,
    /// Occurrences in the document.
    pub count: usize,
    /// Occurrences per 10,000 content words of the document.
    pub per_10k: f64,
}

/// True for POS tags of content words.
pub fn is_content_pos(pos: &str) -> bool {
    let first = pos.chars().next().unwrap_or('x');
    matches!(first, 'n' | 'v' | 'a' | 'i' | 'l' | 'j') && pos != "nx"
}

/// True for a word worth counting: a content word of two or more characters, no digits, not a stop word.
pub fn is_term(word: &str, pos: &str) -> bool {
    word.chars().count() >= 2
        && is_content_pos(pos)
        && !word
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace())
        && !STOPSET.contains(word)
}

/// Term counts of a document, most frequent first (ties by term), and the number of content words.
pub fn term_counts(doc: &Document, segmenter: &Segmenter) -> (Vec<TermCount>, usize) {
    let norm = normalize(&doc.text);
    let mut counts: HashMap<&str, (usize, &str)> = HashMap::new();
    let mut total = 0usize;
    for seg in segmenter.segment(&doc.text, &norm) {
        for t in &seg.tokens {
            if is_term(t.word, t.pos) {
                total += 1;
                let e = counts.entry(t.word).or_insert((0, t.pos));
                e.0 += 1;
            }
        }
    }
    let mut out: Vec<TermCount> = counts
        .into_iter()
        .map(|(term, (count, pos))| TermCount {
            term: term.to_string(),
            pos: pos.to_string(),
            count,
            per_10k: count as f64 * 10_000.0 / total.max(1) as f64,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    (out, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_numbers_and_punctuation_are_not_terms() {
        assert!(is_term("高质量发展", "n"));
        assert!(is_term("推进", "v"));
        assert!(!is_term("的", "uj"));
        assert!(!is_term("我们", "r"));
        assert!(!is_term("340.64", "m"));
        assert!(!is_term("，", "x"));
        assert!(!is_term("5G", "eng"));
        assert!(STOPSET.len() >= 200);
    }

    #[test]
    fn counts_content_words() {
        let seg = Segmenter::new();
        let doc = Document::from_text(
            "t",
            "推动高质量发展。坚持高质量发展，深化放管服改革。地区生产总值增长6%。",
        );
        let (terms, total) = term_counts(&doc, &seg);
        assert_eq!(terms[0].term, "高质量发展");
        assert_eq!(terms[0].count, 2);
        assert!(terms.iter().any(|t| t.term == "地区生产总值"));
        assert!(!terms.iter().any(|t| t.term.contains('6')));
        assert!(total >= 5);
    }
}
