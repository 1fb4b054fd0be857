//! Tagging on demand: a sentence's tokens, cut one clause piece at a time when first asked for.
//!
//! Why: a sentence is segmented because it holds a digit, but four in ten such sentences of a
//! report hold no quantity (only a year or an ordinal), and the mention scan asks for the tokens
//! around a few candidates only. Tagging whole sentences cost more than any rule of the pipeline.
//!
//! Why it is exact: jieba-rs splits its input into runs of "han" characters (CJK ideographs,
//! ASCII letters and digits, `+#&._%-`) and everything else, cuts each han run on its own and makes
//! every other character a token of its own (`\r\n` excepted). A tag depends on the word alone.
//! So cutting the text in pieces that end just after a punctuation mark, which is never a han
//! character, gives the same tokens and tags as cutting it whole. A test below checks this on
//! every sentence of the corpus and, when `../shared` is there, of the real reports.

use std::cell::OnceCell;
use std::ops::Range;

use jieba_rs::Jieba;

use super::Token;

/// A sentence's tokens (document character offsets), tagged a piece at a time on first use.
pub struct LazyTokens<'a> {
    jieba: Option<&'a Jieba>,
    text: &'a str,
    base: usize,
    pieces: OnceCell<Vec<Piece<'a>>>,
}

/// A clause piece of the sentence: characters `start..end` of the document, `bytes` of the text.
struct Piece<'a> {
    start: usize,
    end: usize,
    bytes: Range<usize>,
    tokens: OnceCell<Vec<Token<'a>>>,
}

impl<'a> LazyTokens<'a> {
    /// A sentence without tokens (one that is not segmented).
    pub fn none() -> Self {
        LazyTokens {
            jieba: None,
            text: "",
            base: 0,
            pieces: OnceCell::new(),
        }
    }

    /// The tokens of `text` (a normalised sentence whose first character is character `base` of
    /// the document), cut with `jieba` when asked for.
    pub(crate) fn new(jieba: &'a Jieba, text: &'a str, base: usize) -> Self {
        LazyTokens {
            jieba: Some(jieba),
            text,
            base,
            pieces: OnceCell::new(),
        }
    }

    /// The tokens overlapping document characters `from..to`, in order.
    pub fn window(&self, from: usize, to: usize) -> impl Iterator<Item = Token<'a>> + '_ {
        let pieces = self.pieces();
        let first = pieces.partition_point(|p| p.end <= from);
        pieces[first..]
            .iter()
            .take_while(move |p| p.start < to)
            .flat_map(move |p| self.piece_tokens(p).iter().copied())
            .skip_while(move |t| t.end <= from)
            .take_while(move |t| t.start < to)
    }

    /// The token that starts at document character `at`, if one does.
    pub fn starting_at(&self, at: usize) -> Option<Token<'a>> {
        self.window(at, at + 1).find(|t| t.start == at)
    }

    /// Every token of the sentence, in order (the pieces cut already are not cut again).
    pub fn all(&self) -> Vec<Token<'a>> {
        let Some(jieba) = self.jieba else {
            return Vec::new();
        };
        match self.pieces.get() {
            None => tag(jieba, self.text, self.base),
            Some(pieces) => {
                let mut out = Vec::with_capacity(self.text.len() / 3);
                for p in pieces {
                    out.extend_from_slice(self.piece_tokens(p));
                }
                out
            }
        }
    }

    fn pieces(&self) -> &[Piece<'a>] {
        self.pieces.get_or_init(|| match self.jieba {
            Some(_) => pieces(self.text, self.base),
            None => Vec::new(),
        })
    }

    fn piece_tokens<'s>(&'s self, p: &'s Piece<'a>) -> &'s [Token<'a>] {
        p.tokens.get_or_init(|| match self.jieba {
            Some(jieba) => tag(jieba, &self.text[p.bytes.clone()], p.start),
            None => Vec::new(),
        })
    }
}

/// Cut and tag `text`, its first character being document character `base`.
pub(crate) fn tag<'a>(jieba: &'a Jieba, text: &'a str, base: usize) -> Vec<Token<'a>> {
    jieba
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

/// The text cut after every punctuation mark (see the module docs for why that changes no token).
fn pieces<'a>(text: &str, base: usize) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let (mut start, mut from) = (base, 0);
    let mut chars = base;
    for (i, c) in text.char_indices() {
        chars += 1;
        if ends_piece(c) {
            let to = i + c.len_utf8();
            out.push(Piece {
                start,
                end: chars,
                bytes: from..to,
                tokens: OnceCell::new(),
            });
            (start, from) = (chars, to);
        }
    }
    if from < text.len() {
        out.push(Piece {
            start,
            end: chars,
            bytes: from..text.len(),
            tokens: OnceCell::new(),
        });
    }
    out
}

/// A punctuation mark: never one of jieba's han characters, and never the `\r` of a `\r\n` token.
fn ends_piece(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_punctuation() && !matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;
    use std::sync::LazyLock;

    static SEG: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

    fn lazy<'a>(text: &'a str, base: usize) -> LazyTokens<'a> {
        LazyTokens::new(SEG.jieba(), text, base)
    }

    #[test]
    fn all_is_the_whole_sentence_cut_at_once() {
        let text =
            "全年地区生产总值增长5.2%,达到14.1万亿元;城镇新增就业(含灵活就业)120万人、失业率5.1%。";
        let whole = SEG.tag(text, 7);
        let l = lazy(text, 7);
        assert_eq!(l.starting_at(7).map(|t| t.word), Some(whole[0].word));
        assert_eq!(l.all(), whole);
        assert_eq!(lazy(text, 7).all(), whole);
    }

    #[test]
    fn window_is_the_overlapping_tokens() {
        let text = "粮食产量1.2万亿斤,增长3%。";
        let whole = SEG.tag(text, 100);
        let l = lazy(text, 100);
        for from in 100..100 + text.chars().count() {
            for to in from + 1..=100 + text.chars().count() {
                let want: Vec<_> = whole
                    .iter()
                    .copied()
                    .filter(|t| t.end > from && t.start < to)
                    .collect();
                assert_eq!(l.window(from, to).collect::<Vec<_>>(), want, "{from}..{to}");
            }
        }
        assert_eq!(l.starting_at(104).map(|t| t.word), Some("1.2"));
        assert!(l.starting_at(105).is_none());
    }

    #[test]
    fn pieces_end_after_punctuation() {
        let p = pieces("增长5.2%,达到;好。", 0);
        let spans: Vec<_> = p.iter().map(|p| (p.start, p.end)).collect();
        assert_eq!(spans, vec![(0, 7), (7, 10), (10, 12)]);
        assert!(pieces("", 0).is_empty());
        assert!(LazyTokens::none().all().is_empty());
        assert_eq!(LazyTokens::none().window(0, 9).count(), 0);
    }

    /// Every sentence of the corpus and (when `../shared` is there) of the real reports, tagged
    /// whole and a piece at a time, after a look at one token in its middle (and the splitter's
    /// note of white space in it, which decides whether it is compacted, checked on the way).
    #[test]
    fn pieces_give_the_whole_sentences_tokens() {
        let mut sentences = 0;
        for text in crate::segment::sample_texts() {
            let norm = crate::normalize(&text);
            let mut found = Vec::new();
            crate::segment::for_each_sentence(&text, |s, sentence| {
                assert_eq!(sentence, &norm[s.norm.clone()]);
                found.push(s);
                true
            });
            for s in found {
                let sentence = &norm[s.norm.clone()];
                assert_eq!(
                    s.spaced,
                    sentence.contains(char::is_whitespace),
                    "{sentence}"
                );
                let whole = SEG.tag(sentence, s.start);
                let l = SEG.lazy(sentence, s.start);
                let mid = s.start + (s.end - s.start) / 2;
                let t = l.starting_at(mid);
                assert_eq!(t, whole.iter().copied().find(|t| t.start == mid));
                assert_eq!(l.all(), whole, "{sentence}");
                sentences += 1;
            }
        }
        assert!(sentences > 500, "{sentences} sentences");
    }
}
