//! A compacted view of a sentence, without the white space that PDFs and web pages put inside
//! words (`经 济增长`) and that a joined hard wrap leaves (`地区生产总\n值`, `1234\n亿元`).
//!
//! Normalisation maps one character to one character; this view is separate: it leaves
//! characters out, and keeps for each character it holds the sentence character it is, so the
//! segmenter and the rules work on the compacted text and every offset is mapped back to the text
//! as written (a word spanning a removed space spans it there too). White space is left out when
//! it
//! - contains a line break (only joined hard wraps are inside a sentence), unless it is between
//!   two Latin letters (`GDP\ngrowth`). Digits across a joined break are one number or code: the
//!   splitter joins a break next to a digit only before a unit or at the margin of a
//!   hard-wrapped document (`3\n3%`, `5\nG` at the end of a full line are `33%`, `5G`), and a
//!   space is never removed there (`2 3` stays two numbers);
//! - or is one or two spaces between two CJK characters with a dictionary word across them
//!   (`经 济`, `生产总 值`; not `林晓雯 文/图`).
//!
//! White space anywhere else stays (`GDP 增长`, `2 3`, `增长 8%`); the space between a number
//! and its unit (`340.64 亿元`) is the mention scanner's own business. A sentence without such
//! white space (nearly all of them) is not copied.

use std::sync::Mutex;

use super::{Segmenter, Token};
use crate::extract::text::is_cjk;

/// Most spaces between two CJK characters that are left out (more is a table's column gap).
const MAX_INNER_SPACES: usize = 2;

/// A sentence with some white space left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compact {
    /// The compacted text.
    pub text: String,
    /// For each character of `text`, the sentence character it is; then the sentence length.
    pub map: Vec<usize>,
}

/// Longest piece of a word on either side of a space that is looked up (`生产总 值`: 总值).
const WORD_REACH: usize = 3;

/// True when the white space run `chars[i..j]` is left out.
fn removable(chars: &[char], i: usize, j: usize, segmenter: &Segmenter) -> bool {
    let (Some(&p), Some(&n)) = (i.checked_sub(1).and_then(|p| chars.get(p)), chars.get(j)) else {
        return false;
    };
    if chars[i..j].iter().any(|&c| c == '\n' || c == '\r') {
        return !(p.is_ascii_alphabetic() && n.is_ascii_alphabetic());
    }
    j - i <= MAX_INNER_SPACES && is_cjk(p) && is_cjk(n) && word_across(chars, i, j, segmenter)
}

/// True when a dictionary word runs across the gap `chars[i..j]` between two CJK characters
/// (`经 济`, `生产总 值`): then the space is inside a word. A space between words (a byline
/// `林晓雯 文/图`, a slogan `用心用情 兜牢底线`) stays.
fn word_across(chars: &[char], i: usize, j: usize, segmenter: &Segmenter) -> bool {
    let before: Vec<char> = chars[..i]
        .iter()
        .rev()
        .take(WORD_REACH)
        .take_while(|&&c| is_cjk(c))
        .copied()
        .collect();
    let after: Vec<char> = chars[j..]
        .iter()
        .take(WORD_REACH)
        .take_while(|&&c| is_cjk(c))
        .copied()
        .collect();
    let mut word = String::new();
    (1..=before.len()).any(|k| {
        (1..=after.len()).any(|m| {
            word.clear();
            word.extend(before[..k].iter().rev());
            word.extend(&after[..m]);
            k + m <= WORD_REACH + 1 && segmenter.has_word(&word)
        })
    })
}

impl Compact {
    /// The compacted view of the normalised sentence `norm`, or `None` when nothing is left out;
    /// `segmenter` tells which spaces are inside a word.
    pub fn of(norm: &str, segmenter: &Segmenter) -> Option<Compact> {
        if !norm.contains(char::is_whitespace) {
            return None;
        }
        let chars: Vec<char> = norm.chars().collect();
        let mut text = String::with_capacity(norm.len());
        let mut map = Vec::with_capacity(chars.len() + 1);
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                let j = (i..chars.len())
                    .find(|&j| !chars[j].is_whitespace())
                    .unwrap_or(chars.len());
                if removable(&chars, i, j, segmenter) {
                    i = j;
                    continue;
                }
            }
            text.push(chars[i]);
            map.push(i);
            i += 1;
        }
        map.push(chars.len());
        (map.len() < chars.len() + 1).then_some(Compact { text, map })
    }

    /// The characters of `text` (the sentence as written, same characters as the normalised one)
    /// that the view keeps.
    pub fn select(&self, text: &str) -> String {
        let mut keep = self.map.iter().copied().peekable();
        text.chars()
            .enumerate()
            .filter(|&(i, _)| keep.next_if_eq(&i).is_some())
            .map(|(_, c)| c)
            .collect()
    }

    /// The sentence characters of the view's characters `start..end`: from the first one to one
    /// past the last one (the removed white space inside stays inside).
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let at = |i: usize| self.map[i.min(self.map.len() - 1)];
        if end <= start {
            return (at(start), at(start));
        }
        (at(start), at(end - 1) + 1)
    }
}

/// [`Segmenter::tag`] seeing through left-out white space: the tokens of the compacted sentence
/// with offsets and words in `norm` (a word spanning a removed space holds it).
pub fn tag<'a>(segmenter: &'a Segmenter, norm: &'a str, base: usize) -> Vec<Token<'a>> {
    let Some(compact) = Compact::of(norm, segmenter) else {
        return segmenter.tag(norm, base);
    };
    let mut bytes: Vec<usize> = norm.char_indices().map(|(b, _)| b).collect();
    bytes.push(norm.len());
    segmenter
        .tag(&compact.text, 0)
        .into_iter()
        .map(|t| {
            let (start, end) = compact.span(t.start, t.end);
            Token {
                word: &norm[bytes[start]..bytes[end]],
                pos: intern(t.pos),
                start: base + start,
                end: base + end,
            }
        })
        .collect()
}

/// A POS tag that outlives the compacted text it was tagged in. Tags are a small closed set
/// (jieba's and the dictionaries'), so each distinct one is kept once for the process.
fn intern(pos: &str) -> &'static str {
    static TAGS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut tags = TAGS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&t) = tags.iter().find(|&&t| t == pos) {
        return t;
    }
    let t: &'static str = Box::leak(pos.to_string().into_boxed_str());
    tags.push(t);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    static SEG: std::sync::LazyLock<Segmenter> = std::sync::LazyLock::new(Segmenter::new);

    fn view(s: &str) -> Option<String> {
        Compact::of(s, &SEG).map(|c| c.text)
    }

    #[test]
    fn white_space_inside_words_is_left_out() {
        assert_eq!(view("经 济增长6.5%"), Some("经济增长6.5%".into()));
        assert_eq!(
            view("地区生产总\n值增长5%"),
            Some("地区生产总值增长5%".into())
        );
        assert_eq!(view("达到1234\r\n亿元"), Some("达到1234亿元".into()));
        assert_eq!(view("增长，\n同比"), Some("增长，同比".into()));
    }

    #[test]
    fn other_white_space_stays() {
        assert_eq!(view("经济增长6.5%"), None);
        assert_eq!(view("GDP 增长"), None);
        assert_eq!(view("2 3"), None);
        assert_eq!(view("2\n3"), Some("23".into()));
        assert_eq!(view("5\nG"), Some("5G".into()));
        assert_eq!(view("GDP\ngrowth"), None);
        assert_eq!(view("增长 8%"), None);
        assert_eq!(view("项目    金额"), None);
        assert_eq!(view("记者 林晓雯 文/图"), None);
        assert_eq!(view("用心用情 兜牢民生底线"), None);
        assert_eq!(view("地区生产总 值"), Some("地区生产总值".into()));
    }

    #[test]
    fn spans_map_back_to_the_sentence() {
        let c = Compact::of("经 济增长6.5%", &SEG).unwrap();
        assert_eq!(c.map, vec![0, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(c.span(0, 4), (0, 5));
        assert_eq!(c.span(4, 8), (5, 9));
        assert_eq!(c.span(8, 8), (9, 9));
        assert_eq!(c.select("経 済增長６.５％"), "経済增長６.５％");
    }

    #[test]
    fn tokens_hold_the_space_they_span() {
        let norm = "经 济增长6.5%";
        let tokens = tag(&SEG, norm, 10);
        let words: Vec<&str> = tokens.iter().map(|t| t.word).collect();
        assert_eq!(words.concat(), norm);
        assert!(words.iter().any(|w| w.starts_with("经 济")), "{words:?}");
        let chars: Vec<char> = norm.chars().collect();
        for t in &tokens {
            let s: String = chars[t.start - 10..t.end - 10].iter().collect();
            assert_eq!(s, t.word);
        }
    }
}
