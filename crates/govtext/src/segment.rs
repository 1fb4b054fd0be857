//! Segmentation: the only module that touches jieba-rs.
//!
//! One [`Segmenter`] is built per process (loading jieba's dictionary plus the government-report
//! dictionary shipped in `dict/gov.dict`) and shared by reference across threads: `Jieba` is
//! `Send + Sync` and cutting needs only `&self`. Text is cut one sentence at a time, never as a
//! whole document, which keeps jieba's work per call small and offsets easy to map back.
//!
//! Offsets are characters of the document. Sentences are found on the normalised text (where
//! `．，：` are ASCII) but carry byte ranges into both the original and the normalised text, so
//! callers can print what the user wrote and match on what is normalised.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use jieba_rs::Jieba;

use crate::error::{Error, Result};

pub mod compact;
mod dictionary;
mod lazy;
mod split;
mod words;
pub(crate) mod wrap;

use dictionary::Dictionary;
pub use lazy::LazyTokens;
pub use split::{for_each_sentence, split_sentences};

/// The government-report dictionary compiled into the binary (`word freq tag` per line).
pub const GOV_DICT: &str = include_str!("../dict/gov.dict");

/// A cut word with its POS tag and document character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as it appears in the normalised text.
    pub word: &'a str,
    /// jieba/ICTCLAS part-of-speech tag (`n`, `v`, `m`, `x`, `ns` …).
    pub pos: &'a str,
    /// First character (document offset).
    pub start: usize,
    /// One past the last character (document offset).
    pub end: usize,
}

impl Token<'_> {
    /// True for whitespace-only tokens, which output formats skip.
    pub fn is_space(&self) -> bool {
        self.word.chars().all(char::is_whitespace)
    }
}

/// A sentence: character offsets into the document, byte ranges into original and normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// First character (document offset).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Byte range in the original text.
    pub orig: Range<usize>,
    /// Byte range in the normalised text.
    pub norm: Range<usize>,
    /// Index of the paragraph (line) the sentence is in; sentences of one line share it.
    pub paragraph: usize,
    /// True when white space (a joined line break included) is inside the sentence: only then
    /// may a compacted view of it differ from it ([`compact`]).
    pub spaced: bool,
}

/// jieba with the government dictionary and any user dictionaries; build once, share everywhere.
///
/// Building one is cheap: jieba's full dictionary is built at the first segmentation that needs
/// it. A small document is cut with a dictionary scoped to its own words instead
/// ([`Segmenter::scoped`]), which gives the same tokens (see `segment/dictionary.rs`).
pub struct Segmenter {
    dict: Arc<Dictionary>,
    /// A scoped jieba and the address ranges of the texts it holds every word of.
    own: Option<(Jieba, Vec<Range<usize>>)>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// jieba's default dictionary plus the shipped government dictionary.
    pub fn new() -> Self {
        let mut seg = Segmenter {
            dict: Arc::new(Dictionary::new()),
            own: None,
        };
        seg.add_dict_str(GOV_DICT, Path::new("dict/gov.dict"))
            .expect("the shipped dictionary is valid (checked by a test)");
        seg
    }

    /// The full jieba instance (the keyword rankers of `terms` run on it).
    pub(crate) fn jieba(&self) -> &Jieba {
        self.dict.full()
    }

    /// The default set-up plus user dictionaries, in order (later entries win).
    pub fn with_user_dicts<P: AsRef<Path>>(paths: &[P]) -> Result<Self> {
        let mut seg = Self::new();
        for path in paths {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            seg.add_dict_str(&text, path)?;
        }
        Ok(seg)
    }

    /// Add a dictionary in jieba's format: `word [freq] [tag]` per line. Blank lines and lines
    /// starting with `#` are skipped. A missing frequency gets the frequency that keeps the word
    /// whole (jieba-rs would otherwise read it as 0 and split the word); a missing tag gets `nz`.
    /// Returns the number of entries added. The whole file is checked before anything is added.
    pub fn add_dict_str(&mut self, text: &str, path: &Path) -> Result<usize> {
        let entries: Vec<_> = parse_dict(text, path)?
            .into_iter()
            .map(|(w, f, t)| (w.to_string(), f, t.unwrap_or("nz").to_string()))
            .collect();
        let count = entries.len();
        Arc::make_mut(&mut self.dict).extend(entries);
        self.own = None;
        Ok(count)
    }

    /// True when the word is in one of the loaded dictionaries.
    pub fn has_word(&self, word: &str) -> bool {
        word != dictionary::PAD && self.dict.has_word(word)
    }

    /// A segmenter for the given texts only (a document's normalised text), with a dictionary
    /// scoped to the words in them, or `None` when the full dictionary is built already, the texts
    /// are large or the segmenter's budget of scoped bytes is spent. [`tag`](Self::tag) on a slice of those texts
    /// runs on the scoped dictionary; on any other text, on the full one.
    pub fn scoped<'t>(&self, texts: &[&'t str]) -> Option<Scoped<'t>> {
        if self.own.is_some() {
            return None;
        }
        let jieba = self.dict.scoped(texts)?;
        let ranges = texts.iter().map(|t| address_range(t)).collect();
        Some(Scoped {
            segmenter: Segmenter {
                dict: Arc::clone(&self.dict),
                own: Some((jieba, ranges)),
            },
            texts: std::marker::PhantomData,
        })
    }

    /// Get ready for `bytes` bytes of text: when that is more than this segmenter cuts with
    /// scoped dictionaries, the full dictionary is built now (~0.1 s of CPU) rather than after the
    /// first documents' scoped dictionaries were built for nothing. The tokens are the same either
    /// way; only the time differs.
    ///
    /// jieba's model for tagging words outside its dictionary is also read at its first use
    /// (~0.2 G instructions, ~30 ms); a batch this large needs it, so it is read on a second
    /// thread meanwhile (the dictionary build is one thread's work).
    pub fn expect_bytes(&self, bytes: u64) {
        if self.own.is_none()
            && bytes > dictionary::SCOPED_BUDGET_BYTES as u64
            && !self.dict.has_full()
        {
            std::thread::scope(|s| {
                // Without a second thread the model is read at its first use, as before.
                let _ = std::thread::Builder::new().spawn_scoped(s, warm_tagger_model);
                self.dict.full();
            });
        }
    }

    /// True when [`scoped`](Self::scoped) may give a segmenter for texts of `bytes` bytes.
    pub fn may_scope(&self, bytes: usize) -> bool {
        self.own.is_none() && self.dict.may_scope(bytes)
    }

    /// The jieba to cut `text` with: the scoped one when it holds every word of `text` (a slice of
    /// a scoped text, or a text whose words it holds all the same).
    fn jieba_for(&self, text: &str) -> &Jieba {
        match &self.own {
            Some((j, ranges)) => {
                let r = address_range(text);
                let inside = ranges.iter().any(|s| s.start <= r.start && r.end <= s.end);
                if inside || dictionary::covers(j, text) {
                    j
                } else {
                    self.dict.full()
                }
            }
            None => self.dict.full(),
        }
    }

    /// Cut and tag one sentence. `text` is the normalised sentence; offsets are shifted by
    /// `base` (the sentence's first character in the document).
    pub fn tag<'a>(&'a self, text: &'a str, base: usize) -> Vec<Token<'a>> {
        lazy::tag(self.jieba_for(text), text, base)
    }

    /// The tokens of one sentence as [`tag`](Self::tag) gives them, cut a clause at a time when
    /// first asked for (see [`LazyTokens`]).
    pub fn lazy<'a>(&'a self, text: &'a str, base: usize) -> LazyTokens<'a> {
        LazyTokens::new(self.jieba_for(text), text, base)
    }

    /// Raw jieba `cut` (with HMM), returning the number of words: the throughput ceiling
    /// the benchmarks compare the pipeline against.
    pub fn cut_count(&self, text: &str) -> usize {
        self.jieba_for(text).cut(text, true).len()
    }
}

/// A [`Segmenter`] scoped to some texts ([`Segmenter::scoped`]): it lives no longer than they are
/// borrowed, so a text it recognises by its address is always one of them.
pub struct Scoped<'t> {
    segmenter: Segmenter,
    texts: std::marker::PhantomData<&'t str>,
}

impl std::ops::Deref for Scoped<'_> {
    type Target = Segmenter;

    fn deref(&self) -> &Segmenter {
        &self.segmenter
    }
}

/// The addresses a string slice covers: a slice of a text lies inside the text's range.
fn address_range(text: &str) -> Range<usize> {
    let start = text.as_ptr() as usize;
    start..start + text.len()
}

type DictEntry<'a> = (&'a str, Option<usize>, Option<&'a str>);

/// Check a user dictionary without adding it: its number of entries, or the first bad line.
pub(crate) fn check_dict(text: &str, path: &Path) -> Result<usize> {
    parse_dict(text, path).map(|entries| entries.len())
}

fn parse_dict<'a>(text: &'a str, path: &Path) -> Result<Vec<DictEntry<'a>>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: String| Error::Dictionary {
            path: path.to_path_buf(),
            line: i + 1,
            reason,
        };
        let mut fields = line.split_whitespace();
        let word = fields.next().unwrap_or_default();
        let mut freq = None;
        let mut tag = None;
        for field in fields {
            if freq.is_none() && tag.is_none() && field.bytes().all(|b| b.is_ascii_digit()) {
                let f: usize = field
                    .parse()
                    .map_err(|e| bad(format!("frequency `{field}`: {e}")))?;
                if f == 0 {
                    return Err(bad("frequency 0 would make the word split".into()));
                }
                freq = Some(f);
            } else if tag.is_none() && field.bytes().all(|b| b.is_ascii_alphabetic()) {
                tag = Some(field);
            } else if tag.is_none() && freq.is_none() {
                return Err(bad(format!(
                    "`{field}` is neither a frequency nor a POS tag"
                )));
            } else {
                return Err(bad(format!(
                    "unexpected field `{field}` (expected `word [freq] [tag]`)"
                )));
            }
        }
        out.push((word, freq, tag));
    }
    Ok(out)
}

/// A segmented sentence: the sentence and its tokens.
#[derive(Debug, Clone)]
pub struct SegmentedSentence<'a> {
    /// Where the sentence is.
    pub sentence: Sentence,
    /// Its tokens, in order, with document offsets.
    pub tokens: Vec<Token<'a>>,
}

impl Segmenter {
    /// Split `norm` (a normalised document whose original is `orig`) into sentences and cut each.
    pub fn segment<'a>(&'a self, orig: &str, norm: &'a str) -> Vec<SegmentedSentence<'a>> {
        split_sentences(orig, norm)
            .into_iter()
            .map(|s| {
                let tokens = compact::tag(self, &norm[s.norm.clone()], s.start);
                SegmentedSentence {
                    sentence: s,
                    tokens,
                }
            })
            .collect()
    }
}

/// A token as the user wrote it: the original spelling (full-width digits stay full-width).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word in the original text.
    pub text: &'a str,
    /// POS tag.
    pub pos: &'a str,
    /// First character (document offset).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Segmenter {
    /// Sentences of a document as lists of non-space words in their original spelling.
    pub fn words<'a>(&'a self, orig: &'a str, norm: &'a str) -> Vec<Vec<Word<'a>>> {
        self.segment(orig, norm)
            .into_iter()
            .map(|s| {
                let text = &orig[s.sentence.orig.clone()];
                let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
                bytes.push(text.len());
                let at = |c: usize| {
                    bytes
                        .get(c - s.sentence.start)
                        .copied()
                        .unwrap_or(text.len())
                };
                s.tokens
                    .iter()
                    .filter(|t| !t.is_space())
                    .map(|t| Word {
                        text: &text[at(t.start)..at(t.end)],
                        pos: t.pos,
                        start: t.start,
                        end: t.end,
                    })
                    .collect()
            })
            .collect()
    }

    /// One sentence per line, words separated by spaces, `/pos` appended when asked:
    /// the readable form used by `govtext segment` and the golden files.
    pub fn render(&self, orig: &str, pos: bool) -> String {
        let norm = crate::document::normalize(orig);
        // A small text before the full dictionary is built: a dictionary of its own words.
        let scoped = self.scoped(&[&norm]);
        let seg = scoped.as_deref().unwrap_or(self);
        let mut out = String::new();
        for words in seg.words(orig, &norm) {
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                // A word spanning white space the segmenter saw through is printed without it.
                out.extend(w.text.chars().filter(|c| !c.is_whitespace()));
                if pos {
                    out.push('/');
                    out.push_str(w.pos);
                }
            }
            out.push('\n');
        }
        out
    }
}

/// Read jieba's tagging model for words outside the dictionary (a process-wide table it builds
/// at the first such word): tag a word no dictionary holds with an empty jieba.
fn warm_tagger_model() {
    let _ = Jieba::empty().tag("鸿鹄", true);
}

/// The texts the whole-text tests read: a few awkward lines, every report of `corpus/` and,
/// when `../shared` is there, every real report (a note says when it is missing).
#[cfg(test)]
pub(crate) fn sample_texts() -> Vec<String> {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut dirs = vec![root.join("corpus")];
    match root.join("../shared/reports") {
        d if d.is_dir() => dirs.push(d),
        _ => eprintln!("NOTE: ../shared is missing: checked on corpus/ only"),
    }
    let mut texts = vec!["增长3%\r\n达到GDP-2.5万亿元(R&D)《十四五》“好”\r\n\r\n".to_string()];
    for dir in dirs {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        texts.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_batch_builds_the_full_dictionary_at_once() {
        let seg = Segmenter::new();
        seg.expect_bytes(10_000);
        assert!(
            seg.may_scope(10_000),
            "a small batch keeps scoped dictionaries"
        );
        seg.expect_bytes(50 << 20);
        assert!(!seg.may_scope(10_000), "the full dictionary is built");
        let text = "全年地区生产总值增长5.2%";
        let fresh = Segmenter::new();
        let scoped = fresh.scoped(&[text]).expect("a small text");
        assert_eq!(seg.tag(text, 0), scoped.tag(text, 0));
    }

    #[test]
    fn dictionary_lines_are_checked() {
        let p = Path::new("user.dict");
        assert_eq!(
            parse_dict("二七区 50000 ns\n放管服\n# note\n\n新质生产力 nz\n", p).unwrap(),
            vec![
                ("二七区", Some(50000), Some("ns")),
                ("放管服", None, None),
                ("新质生产力", None, Some("nz"))
            ]
        );
        let err = parse_dict("好词 10 n\n坏词 12x n\n", p).unwrap_err();
        assert_eq!(
            err.to_string(),
            "user.dict:2: bad dictionary entry: `12x` is neither a frequency nor a POS tag"
        );
        assert!(parse_dict("词 0 n", p).is_err());
        assert!(parse_dict("词 5 n extra", p).is_err());
    }

    #[test]
    fn shipped_dictionary_parses_and_is_large() {
        let entries = parse_dict(GOV_DICT, Path::new("dict/gov.dict")).unwrap();
        assert!(entries.len() >= 400, "{} entries", entries.len());
        assert!(entries.iter().all(|(_, f, t)| f.is_some() && t.is_some()));
    }
}
