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

use jieba_rs::Jieba;

use crate::error::{Error, Result};

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
}

/// jieba with the government dictionary and any user dictionaries; build once, share everywhere.
pub struct Segmenter {
    jieba: Jieba,
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
            jieba: Jieba::new(),
        };
        seg.add_dict_str(GOV_DICT, Path::new("dict/gov.dict"))
            .expect("the shipped dictionary is valid (checked by a test)");
        seg
    }

    /// The jieba instance (the keyword rankers of `terms` run on it).
    pub(crate) fn jieba(&self) -> &Jieba {
        &self.jieba
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
        let entries = parse_dict(text, path)?;
        let count = entries.len();
        for (word, freq, tag) in entries {
            let freq = freq.unwrap_or_else(|| self.jieba.suggest_freq(word).max(1000));
            self.jieba
                .add_word(word, Some(freq), Some(tag.unwrap_or("nz")));
        }
        Ok(count)
    }

    /// True when the word is in one of the loaded dictionaries.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Cut and tag one sentence. `text` is the normalised sentence; offsets are shifted by
    /// `base` (the sentence's first character in the document).
    pub fn tag<'a>(&'a self, text: &'a str, base: usize) -> Vec<Token<'a>> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                pos: t.tag,
                start: base + t.start,
                end: base + t.end,
            })
            .collect()
    }

    /// Raw jieba `cut` (with HMM), returning the number of words: the throughput ceiling
    /// the benchmarks compare the pipeline against.
    pub fn cut_count(&self, text: &str) -> usize {
        self.jieba.cut(text, true).len()
    }
}

type DictEntry<'a> = (&'a str, Option<usize>, Option<&'a str>);

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

/// Sentence length (characters) after which a comma ends the sentence.
pub const SOFT_MAX_SENTENCE: usize = 400;
/// Sentence length after which the sentence is cut wherever it is.
pub const HARD_MAX_SENTENCE: usize = 2000;

/// True for characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// True for characters that start a new item: bullets and circled numbers.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '●' | '■' | '◆' | '▲' | '★' | '☆' | '◇' | '□' | '•' | '▪' | '◎' | '○'
    ) || ('\u{2460}'..='\u{2473}').contains(&c)
}

/// True for closing quotes and brackets that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | '」' | '』' | ')' | '）' | '】')
}

/// Split a document into sentences at 。！？； and line breaks, before bullets (● ■ ① …) and before
/// parenthesised list markers (`（一）`, `(2)`). `orig` and `norm` must have the same characters count
/// (`norm` is `normalize(orig)`). Whitespace around sentences is left out; empty sentences are dropped.
pub fn split_sentences(orig: &str, norm: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut o_iter = orig.char_indices();
    let mut n_iter = norm.char_indices().peekable();
    // Current sentence start (char, orig byte, norm byte), or None when between sentences.
    let mut cur: Option<(usize, usize, usize)> = None;
    let mut ci = 0usize;
    let mut last_non_space: Option<(usize, usize, usize)> = None; // end positions
    let mut prev: char = '\n';
    let flush = |out: &mut Vec<Sentence>,
                 cur: &mut Option<(usize, usize, usize)>,
                 last: &mut Option<(usize, usize, usize)>,
                 paragraph: usize| {
        if let (Some((cs, ob, nb)), Some((ce, oe, ne))) = (*cur, *last)
            && ce > cs
        {
            out.push(Sentence {
                start: cs,
                end: ce,
                orig: ob..oe,
                norm: nb..ne,
                paragraph,
            });
        }
        *cur = None;
        *last = None;
    };
    while let Some((nb, c)) = n_iter.next() {
        let (ob, oc) = o_iter.next().unwrap_or((orig.len(), c));
        let o_end = ob + oc.len_utf8();
        let n_end = nb + c.len_utf8();
        if c == '\n' || c == '\r' {
            flush(&mut out, &mut cur, &mut last_non_space, paragraph);
            if c == '\n' {
                paragraph += 1;
            }
            prev = c;
            ci += 1;
            continue;
        }
        if c.is_whitespace() {
            prev = c;
            ci += 1;
            continue;
        }
        let starts_item = is_bullet(c)
            || ((c == '(' || c == '（') && cur.is_some() && {
                // `（一）`, `(2)`, `（10）`: a marker only when short and closed.
                let rest: String = n_iter.clone().take(4).map(|(_, c)| c).collect();
                list_marker_len(&rest).is_some() && !matches!(prev, '的' | '和' | '、')
            });
        if starts_item {
            flush(&mut out, &mut cur, &mut last_non_space, paragraph);
        }
        if cur.is_none() {
            cur = Some((ci, ob, nb));
        }
        last_non_space = Some((ci + 1, o_end, n_end));
        ci += 1;
        // Unpunctuated walls of text are cut into bounded pieces (at a comma when possible),
        // so the work per sentence stays bounded whatever the input.
        let len = cur.map_or(0, |(cs, _, _)| ci - cs);
        if (len >= SOFT_MAX_SENTENCE && matches!(c, ',' | '，' | '、' | ':' | '：'))
            || len >= HARD_MAX_SENTENCE
        {
            flush(&mut out, &mut cur, &mut last_non_space, paragraph);
            prev = c;
            continue;
        }
        if is_terminator(c) {
            // Keep closing quotes with the sentence they close.
            while let Some(&(nb2, c2)) = n_iter.peek() {
                if !is_closer(c2) {
                    break;
                }
                n_iter.next();
                let (ob2, oc2) = o_iter.next().unwrap_or((orig.len(), c2));
                last_non_space = Some((ci + 1, ob2 + oc2.len_utf8(), nb2 + c2.len_utf8()));
                ci += 1;
            }
            flush(&mut out, &mut cur, &mut last_non_space, paragraph);
        }
        prev = c;
    }
    flush(&mut out, &mut cur, &mut last_non_space, paragraph);
    out
}

/// Length of a list marker body after an opening parenthesis: `一）`, `2)`, `10）`.
fn list_marker_len(rest: &str) -> Option<usize> {
    let mut n = 0;
    for c in rest.chars() {
        if c == ')' || c == '）' {
            return (n > 0).then_some(n);
        }
        if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) {
            n += 1;
            if n > 2 {
                return None;
            }
        } else {
            return None;
        }
    }
    None
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
                let tokens = self.tag(&norm[s.norm.clone()], s.start);
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
        let mut out = String::new();
        for words in self.words(orig, &norm) {
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(w.text);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::normalize;

    fn sentences(text: &str) -> Vec<String> {
        let norm = normalize(text);
        split_sentences(text, &norm)
            .into_iter()
            .map(|s| text[s.orig].to_string())
            .collect()
    }

    #[test]
    fn splits_on_terminators_lines_and_bullets() {
        let text = "总结上半年工作。部署下半年任务！\r\n●上半年，全区完成340.64亿元；同比增长7.4%\n\n●新增1.49万人";
        assert_eq!(
            sentences(text),
            vec![
                "总结上半年工作。",
                "部署下半年任务！",
                "●上半年，全区完成340.64亿元；",
                "同比增长7.4%",
                "●新增1.49万人"
            ]
        );
    }

    #[test]
    fn list_markers_start_items_but_brackets_do_not() {
        let text = "重点抓好：（一）稳增长（二）促改革，完成投资(含续建)30亿元";
        assert_eq!(
            sentences(text),
            vec![
                "重点抓好：",
                "（一）稳增长",
                "（二）促改革，完成投资(含续建)30亿元"
            ]
        );
    }

    #[test]
    fn walls_of_text_are_cut() {
        let wall = "增长".repeat(300) + "，" + &"发展".repeat(2000);
        let s = sentences(&wall);
        assert!(s.iter().all(|s| s.chars().count() <= HARD_MAX_SENTENCE));
        assert_eq!(s[0].chars().count(), 601);
        assert_eq!(s.concat(), wall);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("他说：“要稳。”然后散会。"),
            vec!["他说：“要稳。”", "然后散会。"]
        );
    }

    #[test]
    fn offsets_are_characters_of_the_original() {
        let text = "　　一、总体情况\r\n增长３．６８％。";
        let norm = normalize(text);
        let chars: Vec<char> = text.chars().collect();
        for s in split_sentences(text, &norm) {
            let by_chars: String = chars[s.start..s.end].iter().collect();
            assert_eq!(by_chars, &text[s.orig.clone()]);
            assert_eq!(
                by_chars.chars().count(),
                norm[s.norm.clone()].chars().count()
            );
        }
        let s = split_sentences(text, &norm);
        assert_eq!((s[1].start, s[1].end), (10, 18));
        assert_eq!(s[1].paragraph, 1);
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
