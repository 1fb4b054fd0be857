//! Which jieba a segmentation runs on: the full dictionary, built once at the first need, or — for
//! a small document while the full one is not built yet — a jieba holding only the dictionary
//! words that occur in that document.
//!
//! Why both: building the full trie costs ~0.15 s of CPU, which dominated every small call (a
//! one-line `govtext extract`, a Python worker's first document, a Spark task), while a scoped
//! jieba for a page of text is built in well under a millisecond from the prebuilt table in
//! [`words`](super::words). The two give identical tokens and tags: jieba's route through a text
//! uses only the words inside it, their frequencies and the dictionary's total frequency, which
//! the scoped jieba keeps equal with one padding entry no text can match. Past a budget of bytes
//! (about what the full build costs) the full dictionary is built and used from then on, from the
//! same table (a test checks it tags every sentence of the corpus and the real reports as
//! `Jieba::new()` does), which skips inflating and parsing jieba's dictionary text.

use std::collections::HashSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use jieba_rs::Jieba;

use super::words::Words;

/// Largest document (bytes of text) segmented with a scoped dictionary.
pub(crate) const SCOPED_MAX_BYTES: usize = 256 * 1024;

/// Bytes a segmenter (an extractor) cuts with scoped dictionaries before it builds the full one: scoped
/// dictionaries for ~500 KB cost about what the full build costs, so a batch pays at most half a
/// build more, while one report of up to 256 KB never pays for the full build.
pub(crate) const SCOPED_BUDGET_BYTES: usize = 256 * 1024;

/// The padding entry: it holds the frequency of the words a scoped jieba leaves out. Private-use
/// characters are outside jieba's word-character class, so no text ever reaches it.
pub(crate) const PAD: &str = "\u{e000}\u{e001}";

/// A dictionary entry added on top of jieba's: word, frequency (`None`: the frequency that keeps
/// the word whole, worked out when it is added, as jieba-rs's `suggest_freq`), POS tag.
pub(crate) type Extra = (String, Option<usize>, String);

/// jieba's dictionary plus the project's and the user's, shared by a segmenter and the scoped
/// segmenters made from it.
pub(crate) struct Dictionary {
    extras: Vec<Extra>,
    full: OnceLock<Jieba>,
    /// Indices of jieba's words that occur inside an extra word: `suggest_freq` and the extras'
    /// own entries look at them, so every scoped jieba holds them.
    base: OnceLock<Vec<usize>>,
    /// The words of `extras`, for `has_word` before the full jieba is built.
    extra_words: OnceLock<HashSet<String>>,
    budget: AtomicUsize,
}

/// A copy with the same entries (the full jieba cloned when built) and a fresh budget.
impl Clone for Dictionary {
    fn clone(&self) -> Self {
        let copy = Dictionary {
            extras: self.extras.clone(),
            ..Dictionary::new()
        };
        if let Some(j) = self.full.get() {
            let _ = copy.full.set(j.clone());
        }
        copy
    }
}

impl Dictionary {
    pub(crate) fn new() -> Self {
        Dictionary {
            extras: Vec::new(),
            full: OnceLock::new(),
            base: OnceLock::new(),
            extra_words: OnceLock::new(),
            budget: AtomicUsize::new(SCOPED_BUDGET_BYTES),
        }
    }

    /// Add entries after the present ones (later entries win).
    pub(crate) fn extend(&mut self, entries: Vec<Extra>) {
        if let Some(j) = self.full.get_mut() {
            add_extras(j, &entries);
        }
        self.extras.extend(entries);
        self.base = OnceLock::new();
        self.extra_words = OnceLock::new();
    }

    /// The full jieba, built at the first call.
    pub(crate) fn full(&self) -> &Jieba {
        self.full.get_or_init(|| {
            let mut j = Words::shipped().map_or_else(Jieba::new, whole_table);
            add_extras(&mut j, &self.extras);
            j
        })
    }

    /// True once the full jieba is built.
    pub(crate) fn has_full(&self) -> bool {
        self.full.get().is_some()
    }

    /// The words of the extra entries.
    fn extra_words(&self) -> &HashSet<String> {
        self.extra_words
            .get_or_init(|| self.extras.iter().map(|e| e.0.clone()).collect())
    }

    /// True when a scoped jieba may be built for texts of `bytes` bytes.
    pub(crate) fn may_scope(&self, bytes: usize) -> bool {
        !self.has_full()
            && bytes <= SCOPED_MAX_BYTES
            && self.budget.load(Ordering::Relaxed) >= bytes
            && Words::shipped().is_some()
    }

    /// True when `word` is in any of the dictionaries.
    pub(crate) fn has_word(&self, word: &str) -> bool {
        if let Some(j) = self.full.get() {
            return j.has_word(word);
        }
        match Words::shipped() {
            Some(w) => w.find(word).is_some() || self.extra_words().contains(word),
            None => self.full().has_word(word),
        }
    }

    /// A jieba for `texts` alone, when the full one is not built, the table is there, the texts
    /// are small and the budget allows.
    pub(crate) fn scoped(&self, texts: &[&str]) -> Option<Jieba> {
        let words = Words::shipped()?;
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        if !self.may_scope(bytes) {
            return None;
        }
        self.budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| {
                b.checked_sub(bytes)
            })
            .ok()?;
        let base = self.base.get_or_init(|| {
            let mut ids = Vec::new();
            for (w, _, _) in &self.extras {
                words_in(words, w, &mut ids);
            }
            ids
        });
        let mut ids = base.clone();
        for t in texts {
            words_in(words, t, &mut ids);
        }
        ids.sort_unstable();
        ids.dedup();
        let mut j = table_jieba(words, ids);
        add_extras(&mut j, &self.extras);
        Some(j)
    }
}

/// jieba's whole dictionary from the prebuilt table: the same words, frequencies, tags and total
/// as `Jieba::new()`, without inflating and parsing its dictionary text.
fn whole_table(words: &Words) -> Jieba {
    table_jieba(words, 0..words.len())
}

/// A jieba holding words `ids` of the table, plus the padding entry that keeps the table's
/// total frequency when some are left out.
fn table_jieba(words: &Words, ids: impl IntoIterator<Item = usize>) -> Jieba {
    let mut j = Jieba::empty();
    let mut sum = 0u64;
    for i in ids {
        let (word, freq, tag) = words.entry(i);
        j.add_word(word, Some(freq as usize), Some(tag));
        sum += u64::from(freq);
    }
    let pad = words.total().saturating_sub(sum);
    if pad > 0 {
        j.add_word(PAD, Some(pad as usize), Some("x"));
    }
    j
}

/// True when the scoped jieba `j` holds every word of jieba's dictionary that occurs in `text`
/// (then it cuts `text` as the full one does): for a text that is not a slice of the scoped
/// document, such as a sentence with its inner white space taken out.
pub(crate) fn covers(j: &Jieba, text: &str) -> bool {
    let Some(words) = Words::shipped() else {
        return false;
    };
    text.char_indices().all(|(at, _)| {
        let mut all = true;
        words.for_each_at(text, at, |i| all &= j.has_word(words.word(i)));
        all
    })
}

/// Push the index of every word of the table occurring in `text`.
fn words_in(words: &Words, text: &str, ids: &mut Vec<usize>) {
    for (at, _) in text.char_indices() {
        words.for_each_at(text, at, |i| ids.push(i));
    }
}

/// Add entries to a jieba in order; a missing frequency is the one that keeps the word whole
/// (at least 1000).
fn add_extras(j: &mut Jieba, entries: &[Extra]) {
    for (word, freq, tag) in entries {
        let freq = freq.unwrap_or_else(|| j.suggest_freq(word).max(1000));
        j.add_word(word, Some(freq), Some(tag));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full jieba built from the table tags every sentence of the corpus and the real
    /// reports as `Jieba::new()` does, and splits its dictionary's frequency the same way.
    #[test]
    fn the_table_builds_the_same_jieba_as_its_dictionary_text() {
        let words = Words::shipped().expect("build.rs found jieba-rs's dict.txt");
        let (ours, theirs) = (whole_table(words), Jieba::new());
        for w in ["经济", "中华人民共和国", "高质量发展", "鸿鹄"] {
            assert_eq!(ours.suggest_freq(w), theirs.suggest_freq(w), "{w}");
        }
        let mut sentences = 0;
        for text in crate::segment::sample_texts() {
            let norm = crate::normalize(&text);
            crate::segment::for_each_sentence(&text, |s, _| {
                let sentence = &norm[s.norm.clone()];
                let tags = |j: &Jieba| -> Vec<(String, String)> {
                    let t = j.tag(sentence, true);
                    t.iter().map(|t| (t.word.into(), t.tag.into())).collect()
                };
                assert_eq!(tags(&ours), tags(&theirs), "{sentence}");
                sentences += 1;
                true
            });
        }
        assert!(sentences > 500, "{sentences} sentences");
    }
}
