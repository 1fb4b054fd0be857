//! jieba's default dictionary, prebuilt by `build.rs` into a sorted binary table compiled into the
//! library, and read in place.
//!
//! Why: building jieba's trie from its 349 046 words costs ~0.15 s of CPU, paid by every small CLI
//! call, Spark task and Python worker. jieba's segmentation of a text depends only on the
//! dictionary words that occur *inside* that text (plus the dictionary's total frequency), so a
//! small document can be segmented by a jieba holding just those words — found here by binary
//! search, with nothing built — and gives exactly the same tokens and tags (the tests compare
//! both on real text). See `segment::dictionary` for how the two are chosen.

/// The table `build.rs` wrote (empty when jieba's `dict.txt` could not be found at build time).
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba_words.bin"));

/// Characters with an entry in the first-character table (the BMP).
const FIRST_LEN: usize = 1 << 16;

/// A read-only view of the prebuilt table.
#[derive(Debug)]
pub(crate) struct Words {
    n: usize,
    total: u64,
    /// POS tags by index.
    tags: Vec<&'static str>,
    first: &'static [u8],
    offsets: &'static [u8],
    freqs: &'static [u8],
    tag_ids: &'static [u8],
    text: &'static [u8],
}

impl Words {
    /// The compiled-in table, or `None` when the build had none.
    pub(crate) fn shipped() -> Option<&'static Words> {
        static WORDS: std::sync::OnceLock<Option<Words>> = std::sync::OnceLock::new();
        WORDS.get_or_init(|| Words::parse(TABLE)).as_ref()
    }

    fn parse(b: &'static [u8]) -> Option<Words> {
        if b.len() < 24 || &b[..4] != b"GTJW" || u32_at(b, 4) != 1 {
            return None;
        }
        let n = u32_at(b, 8) as usize;
        let total = u64::from_le_bytes(b[12..20].try_into().ok()?);
        let tag_count = u32_at(b, 20) as usize;
        let mut at = 24;
        for _ in 0..tag_count {
            at += b.get(at..)?.iter().position(|&c| c == 0)? + 1;
        }
        let tags = b[24..at]
            .split(|&c| c == 0)
            .take(tag_count)
            .map(|t| std::str::from_utf8(t).ok())
            .collect::<Option<Vec<_>>>()?;
        let (first, rest) = b.get(at..)?.split_at_checked(FIRST_LEN * 8)?;
        let (offsets, rest) = rest.split_at_checked((n + 1) * 4)?;
        let (freqs, rest) = rest.split_at_checked(n * 4)?;
        let (tag_ids, text) = rest.split_at_checked(n)?;
        let words = Words {
            n,
            total,
            tags,
            first,
            offsets,
            freqs,
            tag_ids,
            text,
        };
        (words.offset(n) == text.len()).then_some(words)
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.n
    }

    /// The sum of all frequencies: what jieba divides by.
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    fn offset(&self, i: usize) -> usize {
        u32_at(self.offsets, i * 4) as usize
    }

    /// Word `i` (bytes of UTF-8).
    fn word_bytes(&self, i: usize) -> &'static [u8] {
        &self.text[self.offset(i)..self.offset(i + 1)]
    }

    /// Word `i`.
    pub(crate) fn word(&self, i: usize) -> &'static str {
        std::str::from_utf8(self.word_bytes(i)).unwrap_or_default()
    }

    /// Word `i`, its frequency and its POS tag.
    pub(crate) fn entry(&self, i: usize) -> (&'static str, u32, &'static str) {
        let word = self.word(i);
        let tag = self
            .tags
            .get(self.tag_ids[i] as usize)
            .copied()
            .unwrap_or_default();
        (word, u32_at(self.freqs, i * 4), tag)
    }

    /// The index of `word`, when it is in the dictionary.
    pub(crate) fn find(&self, word: &str) -> Option<usize> {
        let c = word.chars().next()?;
        let (lo, hi) = self.first_range(c);
        let w = word.as_bytes();
        let i = lo + partition(self, lo, hi, |x| x < w);
        (i < hi && self.word_bytes(i) == w).then_some(i)
    }

    /// The range of words that start with `c`.
    fn first_range(&self, c: char) -> (usize, usize) {
        let c = c as usize;
        if c < FIRST_LEN {
            (
                u32_at(self.first, c * 8) as usize,
                u32_at(self.first, c * 8 + 4) as usize,
            )
        } else {
            let mut buf = [0u8; 4];
            let s =
                char::from_u32(c as u32).map_or(&[][..], |ch| ch.encode_utf8(&mut buf).as_bytes());
            let lo = partition(self, 0, self.n, |x| x < s);
            (lo, lo + partition(self, lo, self.n, |x| x.starts_with(s)))
        }
    }

    /// Every word that occurs in `text` starting at byte `at` (a character boundary): its index.
    /// The range of words sharing the prefix read so far narrows one character at a time, and
    /// only the bytes of the new character are compared (the rest are equal in the range).
    pub(crate) fn for_each_at(&self, text: &str, at: usize, mut f: impl FnMut(usize)) {
        let rest = &text.as_bytes()[at..];
        let Some(c) = text[at..].chars().next() else {
            return;
        };
        let (mut lo, mut hi) = self.first_range(c);
        let mut end = c.len_utf8();
        loop {
            if lo >= hi {
                return;
            }
            // The first word of the range is the prefix itself when the prefix is a word.
            if self.word_bytes(lo).len() == end {
                f(lo);
                lo += 1;
            }
            let Some(next) = text[at + end..].chars().next() else {
                return;
            };
            let from = end;
            end += next.len_utf8();
            let key = packed(&rest[from..end]);
            let tail = |i: usize| {
                let w = self.word_bytes(i);
                packed(&w[from.min(w.len())..end.min(w.len())])
            };
            let (mut a, mut b) = (lo, hi);
            while a < b {
                let mid = a + (b - a) / 2;
                if tail(mid) < key {
                    a = mid + 1;
                } else {
                    b = mid;
                }
            }
            lo = a;
            let mut b = hi;
            while a < b {
                let mid = a + (b - a) / 2;
                if tail(mid) <= key {
                    a = mid + 1;
                } else {
                    b = mid;
                }
            }
            hi = a;
        }
    }
}

/// The number of words in `lo..hi` for which `pred` holds, `pred` being true on a prefix of the
/// range and false after it.
fn partition(words: &Words, lo: usize, hi: usize, pred: impl Fn(&[u8]) -> bool) -> usize {
    let (mut a, mut b) = (lo, hi);
    while a < b {
        let mid = a + (b - a) / 2;
        if pred(words.word_bytes(mid)) {
            a = mid + 1;
        } else {
            b = mid;
        }
    }
    a - lo
}

/// Up to four bytes as a big-endian number, zero-padded: comparing two of these compares the
/// bytes lexicographically (a proper prefix of a character's bytes sorts before it).
#[inline]
fn packed(b: &[u8]) -> u32 {
    let mut v = 0u32;
    for i in 0..4 {
        v = (v << 8) | u32::from(b.get(i).copied().unwrap_or(0));
    }
    v
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::Words;

    fn words() -> &'static Words {
        Words::shipped().expect("build.rs found jieba-rs's dict.txt")
    }

    #[test]
    fn index_is_built() {
        let w = words();
        assert!(w.len() > 300_000, "{} words", w.len());
        assert!(w.total() > 50_000_000);
    }

    #[test]
    fn the_table_is_the_dictionary_jieba_links() {
        let w = words();
        let jieba = jieba_rs::Jieba::new();
        for i in 0..w.len() {
            assert!(
                jieba.has_word(w.word(i)),
                "{} is not in jieba's dictionary",
                w.word(i)
            );
        }
    }

    #[test]
    fn finds_words_and_their_tags() {
        let w = words();
        let (word, freq, tag) = w.entry(w.find("经济").unwrap());
        assert_eq!((word, tag), ("经济", "n"));
        assert!(freq > 1000);
        assert!(w.find("经济增").is_none());
        assert!(w.find("").is_none());
    }

    #[test]
    fn every_word_starting_at_a_character() {
        let w = words();
        let text = "在中华人民共和国成立";
        let mut found = Vec::new();
        w.for_each_at(text, "在".len(), |i| found.push(w.entry(i).0));
        for want in ["中", "中华", "中华人民", "中华人民共和国"] {
            assert!(found.contains(&want), "{want}: {found:?}");
        }
        assert!(found.iter().all(|f| text["在".len()..].starts_with(f)));
        let mut none = Vec::new();
        w.for_each_at("\u{e000}x", 0, |i| none.push(i));
        assert!(none.is_empty());
    }
}
