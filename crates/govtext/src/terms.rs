//! Term frequencies per document: content words only (nouns, verbs, adjectives, idioms by POS),
//! without punctuation, numbers or stop words. Comparing these across years shows how the
//! language of reports shifts. Keywords ranked by TF-IDF or TextRank come from jieba-rs's own
//! `tfidf` and `textrank` features, run on the same segmenter (government dictionary) and stop
//! words; the IDF table is jieba's general one unless one built from a corpus is given
//! ([`build_idf`]: government reports weigh 发展 and 建设 very differently from news).

use std::collections::{BTreeSet, HashMap, HashSet};
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

/// How `terms` ranks a document's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Occurrences.
    Count,
    /// TF-IDF (jieba-rs `TfIdf`).
    TfIdf,
    /// TextRank over co-occurrence in a window of five words (jieba-rs `TextRank`).
    TextRank,
}

/// A keyword and its weight.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Keyword {
    /// The word.
    pub term: String,
    /// Its POS tag.
    pub pos: String,
    /// Its weight: TF-IDF, or TextRank's score relative to the document's best (1.0).
    pub weight: f64,
}

/// POS tags of the words a keyword may be (jieba's tags for nouns, verbs, adjectives, idioms).
const KEYWORD_POS: &[&str] = &[
    "n", "nr", "nrt", "ns", "nt", "nz", "ng", "nw", "vn", "v", "vd", "a", "ad", "an", "i", "l", "j",
];

enum Ranker {
    TfIdf(jieba_rs::TfIdf),
    TextRank(jieba_rs::TextRank),
}

/// A keyword ranker, built once (the IDF table is large) and shared between threads.
pub struct Keywords(Ranker);

impl std::fmt::Debug for Keywords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keywords")
    }
}

fn keyword_config() -> jieba_rs::KeywordExtractConfig {
    let stop: BTreeSet<String> = STOPSET.iter().map(|w| w.to_string()).collect();
    jieba_rs::KeywordExtractConfig::builder()
        .set_stop_words(stop)
        .min_keyword_length(2)
        .use_hmm(true)
        .build()
}

impl Keywords {
    /// TF-IDF with an IDF table in jieba's format (`word idf` a line), else jieba's own table.
    pub fn tfidf(idf: Option<&str>) -> Keywords {
        let ranker = match idf {
            Some(text) => jieba_rs::TfIdf::new(Some(&mut text.as_bytes()), keyword_config()),
            None => {
                let mut t = jieba_rs::TfIdf::default();
                *t.config_mut() = keyword_config();
                t
            }
        };
        Keywords(Ranker::TfIdf(ranker))
    }

    /// TextRank.
    pub fn textrank() -> Keywords {
        Keywords(Ranker::TextRank(jieba_rs::TextRank::new(
            5,
            keyword_config(),
        )))
    }

    /// The `top` keywords of a document (0: all), best first.
    pub fn extract(&self, doc: &Document, segmenter: &Segmenter, top: usize) -> Vec<Keyword> {
        use jieba_rs::KeywordExtract;
        let text = normalize(&doc.text);
        let pos: Vec<String> = KEYWORD_POS.iter().map(|p| p.to_string()).collect();
        let top = if top == 0 { usize::MAX } else { top };
        let found = match &self.0 {
            Ranker::TfIdf(r) => r.extract_keywords(segmenter.jieba(), &text, top, pos),
            Ranker::TextRank(r) => r.extract_keywords(segmenter.jieba(), &text, top, pos),
        };
        // TextRank's scores are on no fixed scale: relative to the best one.
        let scale = match &self.0 {
            Ranker::TextRank(_) => found
                .first()
                .map_or(1.0, |k| k.weight.max(f64::MIN_POSITIVE)),
            Ranker::TfIdf(_) => 1.0,
        };
        found
            .into_iter()
            .filter(|k| is_term(&k.keyword, &k.tag))
            .map(|k| Keyword {
                term: k.keyword,
                pos: k.tag,
                weight: k.weight / scale,
            })
            .collect()
    }
}

/// The distinct terms of a document (for an IDF table).
pub fn document_terms(doc: &Document, segmenter: &Segmenter) -> HashSet<String> {
    term_counts(doc, segmenter)
        .0
        .into_iter()
        .map(|t| t.term)
        .collect()
}

/// An IDF table in jieba's format from the distinct terms of each document of a corpus:
/// `word idf` a line, idf = ln((N + 1) / (df + 1)) (a word of every document weighs nothing),
/// sorted by word.
pub fn build_idf<'a>(docs: impl IntoIterator<Item = &'a HashSet<String>>) -> String {
    let mut df: HashMap<&str, usize> = HashMap::new();
    let mut n = 0usize;
    for terms in docs {
        n += 1;
        for t in terms {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut rows: Vec<(&str, usize)> = df.into_iter().collect();
    rows.sort_unstable();
    let mut out = String::new();
    for (term, d) in rows {
        let idf = ((n as f64 + 1.0) / (d as f64 + 1.0)).ln();
        out.push_str(&format!("{term} {idf:.6}\n"));
    }
    out
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

    #[test]
    fn keywords_by_tfidf_and_textrank() {
        let seg = Segmenter::new();
        let doc = Document::from_text(
            "t",
            "深化放管服改革，优化营商环境。放管服改革持续深化，营商环境不断优化，市场主体活力增强。坚持高质量发展。",
        );
        let idf = build_idf([
            &document_terms(&doc, &seg),
            &["高质量发展".to_string()].into_iter().collect(),
        ]);
        assert!(idf.lines().any(|l| l.starts_with("放管服改革 ")), "{idf}");
        let tfidf = Keywords::tfidf(Some(&idf)).extract(&doc, &seg, 3);
        assert_eq!(tfidf.len(), 3);
        assert!(
            tfidf.iter().all(|k| k.term != "高质量发展"),
            "in both documents: {tfidf:?}"
        );
        assert!(tfidf.windows(2).all(|w| w[0].weight >= w[1].weight));
        let rank = Keywords::textrank().extract(&doc, &seg, 5);
        assert!(rank.iter().any(|k| k.term == "营商环境"), "{rank:?}");
        assert!(rank.iter().all(|k| !STOPSET.contains(k.term.as_str())));
    }
}
