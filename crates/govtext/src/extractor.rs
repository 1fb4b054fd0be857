//! The library's front door. Building the segmenter (jieba's dictionary plus ours) and the
//! indicator lexicon is the expensive part of a run, so it happens once, in [`ExtractorBuilder::build`];
//! the [`Extractor`] is then shared (it is `Send + Sync`) by every thread, batch and caller.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::attribute::{INDICATORS_TSV, Lexicon};
use crate::meta::{self, MetaTable};
use crate::record::Record;
use crate::segment::Segmenter;

/// Extracts the quantities of documents: segmentation, numeral grammar, units, attribution.
///
/// ```
/// use govtext::{Document, Extractor};
///
/// let extractor = Extractor::new();
/// let doc = Document::from_text("d", "全市地区生产总值达到340.64亿元，同比增长6.5%。");
/// let records = extractor.extract(&doc);
/// assert_eq!(records.len(), 2);
/// assert_eq!(records[0].norm_value, 34_064_000_000.0);
/// assert_eq!(records[0].norm_unit, "CNY");
/// assert_eq!(records[1].text, "6.5%");
/// ```
#[derive(Debug)]
pub struct Extractor {
    segmenter: Segmenter,
    lexicon: Lexicon,
    meta: Option<MetaTable>,
}

/// Options for an [`Extractor`]: user dictionaries, user indicator lexicons, a metadata table.
///
/// ```
/// use govtext::{Document, Extractor};
///
/// // An indicator lexicon row: id, canonical name, English label, synonyms (|-separated), the
/// // kind of its figures and whether it is a level or a rate (as in `dict/indicators.tsv`).
/// let tsv = "id\tname\ten\tsynonyms\tkind\tmeasure_hint\n\
///            bike_lanes\t自行车道\tbicycle lanes\t自行车道|骑行道\tlength\tlevel\n";
/// let extractor = Extractor::builder()
///     .user_dict_str("骑行道 2000 n\n", "my.dict")
///     .indicators_str(tsv, "my_indicators.tsv")
///     .build()
///     .unwrap();
/// let doc = Document::from_text("d", "新建骑行道120公里。");
/// let r = &extractor.extract(&doc)[0];
/// assert_eq!(r.norm_value, 120.0);
/// assert_eq!(r.indicator_id.as_deref(), Some("bike_lanes"));
/// ```
#[derive(Debug, Default, Clone)]
pub struct ExtractorBuilder {
    dicts: Vec<Source>,
    indicators: Vec<Source>,
    meta: Option<MetaTable>,
}

#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Text(String, PathBuf),
}

impl Source {
    fn read(&self) -> Result<(String, &Path)> {
        match self {
            Source::File(path) => std::fs::read_to_string(path)
                .map(|t| (t, path.as_path()))
                .map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                }),
            Source::Text(text, name) => Ok((text.clone(), name.as_path())),
        }
    }
}

impl ExtractorBuilder {
    /// Add a user dictionary file in jieba's format (`word [freq] [tag]`); later ones win.
    pub fn user_dict(mut self, path: impl Into<PathBuf>) -> Self {
        self.dicts.push(Source::File(path.into()));
        self
    }

    /// Add a user dictionary held in memory; `name` names it in errors.
    pub fn user_dict_str(mut self, text: impl Into<String>, name: impl Into<PathBuf>) -> Self {
        self.dicts.push(Source::Text(text.into(), name.into()));
        self
    }

    /// Add an indicator lexicon file of the shape of the shipped `dict/indicators.tsv` (a header
    /// row, then `id name en synonyms kind measure_hint` separated by tabs); its entries are added
    /// to the shipped ones.
    pub fn indicators(mut self, path: impl Into<PathBuf>) -> Self {
        self.indicators.push(Source::File(path.into()));
        self
    }

    /// Add an indicator lexicon held in memory; `name` names it in errors.
    pub fn indicators_str(mut self, text: impl Into<String>, name: impl Into<PathBuf>) -> Self {
        self.indicators.push(Source::Text(text.into(), name.into()));
        self
    }

    /// A sidecar metadata table (file → region, year) consulted by [`Extractor::infer_metadata`].
    pub fn meta_table(mut self, table: MetaTable) -> Self {
        self.meta = Some(table);
        self
    }

    /// Check every user dictionary and lexicon given, without loading jieba: the errors
    /// [`ExtractorBuilder::build`] would give for them, in a fraction of its time.
    pub fn check(&self) -> Result<()> {
        for source in &self.dicts {
            let (text, path) = source.read()?;
            crate::segment::check_dict(&text, path)?;
        }
        for source in &self.indicators {
            let (text, path) = source.read()?;
            Lexicon::parse(&path.display().to_string(), &text).map_err(dict_error)?;
        }
        Ok(())
    }

    /// Load everything; a bad dictionary or lexicon row is an error naming `FILE:LINE`.
    pub fn build(self) -> Result<Extractor> {
        let mut segmenter = Segmenter::new();
        for source in &self.dicts {
            let (text, path) = source.read()?;
            segmenter.add_dict_str(&text, path)?;
        }
        let lexicon = if self.indicators.is_empty() {
            Lexicon::shipped().clone()
        } else {
            let mut tsv = INDICATORS_TSV.to_string();
            for source in &self.indicators {
                let (text, path) = source.read()?;
                // Checked on its own first, so that errors name the user's file and line.
                Lexicon::parse(&path.display().to_string(), &text).map_err(dict_error)?;
                for line in text.lines().skip(1) {
                    tsv.push_str(line);
                    tsv.push('\n');
                }
            }
            Lexicon::parse("indicators.tsv", &tsv).map_err(dict_error)?
        };
        Ok(Extractor {
            segmenter,
            lexicon,
            meta: self.meta,
        })
    }
}

/// The first problem of a lexicon, as the library's error (`FILE:LINE: problem`).
fn dict_error(errors: Vec<crate::extract::dict::DictError>) -> Error {
    let first = errors.into_iter().next();
    Error::Dictionary {
        path: PathBuf::from(first.as_ref().map_or("", |e| e.file.as_str())),
        line: first.as_ref().map_or(0, |e| e.line),
        reason: first.map_or_else(String::new, |e| e.problem),
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

/// The outcome of one document of a batch: its records, or why it failed.
#[derive(Debug)]
pub struct DocResult {
    /// The document's id.
    pub id: String,
    /// Bytes of text (UTF-8) processed.
    pub bytes: usize,
    /// The records, in document order, or the reason the document failed.
    pub records: Result<Vec<Record>, String>,
}

impl Extractor {
    /// The shipped dictionaries and lexicon, nothing added.
    pub fn new() -> Self {
        Extractor {
            segmenter: Segmenter::new(),
            lexicon: Lexicon::shipped().clone(),
            meta: None,
        }
    }

    /// Get ready for a batch of `bytes` bytes of text: a large batch builds jieba's full
    /// dictionary at once instead of first cutting its small documents with dictionaries scoped
    /// to them (see [`Segmenter::expect_bytes`]). Records are the same either way.
    pub fn expect_bytes(&self, bytes: u64) {
        self.segmenter.expect_bytes(bytes);
    }

    /// Options: user dictionaries, user indicator lexicons, a metadata table.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Every quantity of one document, in document order. Region and year in the records come
    /// from `doc.meta` (see [`Extractor::infer_metadata`] to fill it).
    pub fn extract(&self, doc: &Document) -> Vec<Record> {
        crate::extract::extract_with(doc, &self.segmenter, &self.lexicon)
    }

    /// The records of [`Extractor::extract`], handed to `each` a sentence at a time as they are
    /// found (`each` returns false to stop), so a document's records are never all held at
    /// once. `stop` is looked at before every sentence (a Ctrl-C flag: a large document stops
    /// within a sentence's work). Returns false when stopped, by `stop` or by `each`.
    ///
    /// ```
    /// use std::sync::atomic::AtomicBool;
    /// use govtext::{Document, Extractor};
    ///
    /// let doc = Document::from_text("d", "全年完成投资30亿元。增长7.4%。");
    /// let mut n = 0;
    /// let done = Extractor::new().extract_each(&doc, &AtomicBool::new(false), |records| {
    ///     n += records.len();
    ///     true
    /// });
    /// assert!(done);
    /// assert_eq!(n, 2);
    /// ```
    pub fn extract_each(
        &self,
        doc: &Document,
        stop: &std::sync::atomic::AtomicBool,
        mut each: impl FnMut(Vec<Record>) -> bool,
    ) -> bool {
        crate::extract::extract_each(doc, &self.segmenter, &self.lexicon, stop, &mut each)
    }

    /// Fill `doc.meta`'s region, year and kind where unset: from the metadata table, then the
    /// file name (`henan_2026.txt`), then the title lines of the text; regions map to canonical names (`dict/regions.tsv`).
    ///
    /// ```
    /// use govtext::{Document, Extractor};
    ///
    /// let mut doc = Document::from_text("reports/hubei_2026", "政府工作报告\n……");
    /// Extractor::new().infer_metadata(&mut doc);
    /// assert_eq!(doc.meta.year, Some(2026));
    /// assert_eq!(doc.meta.region.as_deref(), Some("湖北省"));
    /// ```
    pub fn infer_metadata(&self, doc: &mut Document) {
        meta::infer(doc, self.meta.as_ref());
    }

    /// Extract a stream of documents in parallel (on the current rayon pool: call it inside
    /// `pool.install` to choose the threads), yielding one [`DocResult`] per document in input
    /// order. Documents are taken `chunk` at a time, so memory is bounded however long the
    /// stream; metadata is inferred first. A document that makes the extractor panic becomes a
    /// failed result, and the rest go on.
    ///
    /// ```
    /// use govtext::{Document, Extractor};
    ///
    /// let extractor = Extractor::new();
    /// let docs = (0..100).map(|i| Document::from_text(format!("d{i}"), format!("新增就业{i}万人。")));
    /// let results: Vec<_> = extractor.extract_stream(docs, 16).collect();
    /// assert_eq!(results.len(), 100);
    /// assert_eq!(results[42].id, "d42");
    /// assert_eq!(results[42].records.as_ref().unwrap()[0].norm_value, 420_000.0);
    /// ```
    pub fn extract_stream<'a, I>(
        &'a self,
        docs: I,
        chunk: usize,
    ) -> impl Iterator<Item = DocResult> + 'a
    where
        I: IntoIterator<Item = Document>,
        I::IntoIter: 'a,
    {
        ordered_chunks(docs.into_iter(), chunk.max(1), move |mut doc: Document| {
            self.infer_metadata(&mut doc);
            let bytes = doc.text.len();
            let records = catch_panic(&doc.id, || self.extract(&doc));
            DocResult {
                id: doc.id,
                bytes,
                records,
            }
        })
    }

    /// Number of indicators in the lexicon (the shipped ones plus user entries).
    pub fn indicator_count(&self) -> usize {
        self.lexicon.len()
    }

    /// The shared segmenter (jieba with the government dictionary and user dictionaries).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Term counts of a document (content words, stop words removed), most frequent first.
    pub fn terms(&self, doc: &Document) -> Vec<crate::terms::TermCount> {
        crate::terms::term_counts(doc, &self.segmenter).0
    }
}

/// The value of a numeral as the extractor reads it, every multiplier applied
/// (`一千五百五十九亿` → 1.559e11, `340.64亿` → 3.4064e10); `None` when it is not one numeral.
///
/// ```
/// assert_eq!(govtext::parse_number("一千五百五十九亿"), Some(155_900_000_000.0));
/// assert_eq!(govtext::parse_number("3万4000"), Some(34_000.0));
/// assert_eq!(govtext::parse_number("百花齐放"), None);
/// ```
pub fn parse_number(text: &str) -> Option<f64> {
    let norm = crate::document::normalize(text.trim());
    crate::extract::number::parse_number(&norm)
        .filter(|n| n.value.to_f64().is_finite())
        .map(|n| n.value.to_f64())
}

/// [`parse_number`] as an exact decimal string (`三千四百五十六点七八亿` → `345678000000`), for
/// callers that must not round.
///
/// ```
/// assert_eq!(govtext::parse_number_decimal("0.1亿").as_deref(), Some("10000000"));
/// ```
pub fn parse_number_decimal(text: &str) -> Option<String> {
    let norm = crate::document::normalize(text.trim());
    crate::extract::number::parse_number(&norm).map(|n| n.value.to_string())
}

/// Run `work`, turning a panic into an error naming the document (the batch goes on).
pub(crate) fn catch_panic<T>(id: &str, work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("internal error while processing document `{id}` (please report): {what}")
    })
}

/// Map `f` over `items` in parallel, `chunk` items at a time, yielding results in input order.
pub(crate) fn ordered_chunks<I, T, R, F>(items: I, chunk: usize, f: F) -> impl Iterator<Item = R>
where
    I: Iterator<Item = T>,
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    let mut items = items.peekable();
    let mut ready = std::collections::VecDeque::new();
    std::iter::from_fn(move || {
        if ready.is_empty() && items.peek().is_some() {
            let batch: Vec<T> = items.by_ref().take(chunk).collect();
            let done: Vec<R> = batch.into_par_iter().map(&f).collect();
            ready.extend(done);
        }
        ready.pop_front()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_chunks_keeps_input_order() {
        let out: Vec<usize> = ordered_chunks(0..1000usize, 7, |i| i * 2).collect();
        assert_eq!(out, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_bad_user_lexicon_row_names_file_and_line() {
        let tsv = "id\tname\ten\tsynonyms\tkind\tmeasure_hint\n\
                   ok\t好\tgood\t好\tcount\tlevel\nbad\t坏\n";
        let err = Extractor::builder()
            .indicators_str(tsv, "mine.tsv")
            .build()
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("mine.tsv:3:"), "{err}");
    }

    #[test]
    fn user_lexicon_entries_are_added_to_the_shipped_ones() {
        let tsv = "id\tname\ten\tsynonyms\tkind\tmeasure_hint\n\
                   bike_lanes\t自行车道\tbicycle lanes\t自行车道\tlength\tlevel\n";
        let ex = Extractor::builder()
            .indicators_str(tsv, "mine.tsv")
            .build()
            .unwrap();
        assert_eq!(ex.indicator_count(), Extractor::new().indicator_count() + 1);
    }

    #[test]
    fn a_missing_user_dictionary_is_an_error_naming_it() {
        let err = Extractor::builder()
            .user_dict("/nonexistent/my.dict")
            .build()
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent/my.dict"), "{err}");
    }

    #[test]
    fn the_extractor_is_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Extractor>();
    }
}
