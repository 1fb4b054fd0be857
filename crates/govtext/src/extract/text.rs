//! Text helpers shared by the rules: one char↔byte offset map per sentence, neighbouring
//! characters, CJK test and the clause breaks.

/// Character ↔ byte offsets of one sentence whose first character is document character `base`.
/// The text may be the sentence with some characters left out (the spaces of `340.64 亿元`): then
/// `kept` holds, for each of its characters, the sentence character it is.
pub struct Offsets<'s> {
    text: &'s str,
    base: usize,
    /// Byte offset of each character, plus the end; built at the first look (most sentences
    /// the scan reads have no figure and never need it).
    bytes: std::cell::OnceCell<Vec<usize>>,
    /// Sentence character of each character of `text`, plus the end; `None` when none was left out.
    kept: Option<Vec<usize>>,
}

impl<'s> Offsets<'s> {
    /// The offsets of `text`, a sentence starting at document character `base`.
    pub fn new(text: &'s str, base: usize) -> Self {
        Offsets {
            text,
            base,
            bytes: std::cell::OnceCell::new(),
            kept: None,
        }
    }

    fn bytes(&self) -> &[usize] {
        self.bytes.get_or_init(|| {
            let mut bytes = Vec::with_capacity(self.text.len() + 1);
            bytes.extend(self.text.char_indices().map(|(b, _)| b));
            bytes.push(self.text.len());
            bytes
        })
    }

    /// The offsets of `text`, the sentence at document character `base` with characters left
    /// out: `kept[i]` is the sentence character of character `i` of `text` (and one more entry,
    /// the sentence length).
    pub fn with_kept(text: &'s str, base: usize, kept: Vec<usize>) -> Self {
        let mut o = Offsets::new(text, base);
        debug_assert_eq!(kept.len(), o.bytes().len());
        o.kept = Some(kept);
        o
    }

    /// Number of characters of the sentence.
    pub fn chars(&self) -> usize {
        self.bytes().len() - 1
    }

    /// Byte of document character `c`, clamped to the sentence.
    pub fn byte(&self, c: usize) -> usize {
        let c = c.saturating_sub(self.base);
        let i = match &self.kept {
            Some(kept) => kept.partition_point(|&k| k < c),
            None => c,
        };
        self.bytes()[i.min(self.chars())]
    }

    /// Document character at byte `b` of the sentence.
    pub fn char(&self, b: usize) -> usize {
        let i = self.bytes().partition_point(|&x| x < b);
        self.base
            + self
                .kept
                .as_ref()
                .map_or(i, |kept| kept[i.min(kept.len() - 1)])
    }

    /// The text between document characters `a` and `b` (empty when `b < a`).
    pub fn between(&self, a: usize, b: usize) -> &'s str {
        &self.text[self.byte(a)..self.byte(b.max(a))]
    }
}

/// Characters `start..end` (character offsets) of `s`.
pub fn char_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

/// The last `n` characters of `s` (all of it when shorter), found from its end.
pub fn last_chars(s: &str, n: usize) -> &str {
    let from = s
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[from..]
}

/// The character before byte `byte`.
pub fn prev_char(s: &str, byte: usize) -> Option<char> {
    s[..byte].chars().next_back()
}

/// The character at byte `byte`.
pub fn next_char(s: &str, byte: usize) -> Option<char> {
    s[byte..].chars().next()
}

/// A CJK unified ideograph.
pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The clause breaks inside a sentence: where a name or a cue stops.
pub const CLAUSE_BREAKS: &[char] = &[
    ',', '，', '；', ';', ':', '：', '。', '！', '？', '(', '（', ')', '）',
];

/// True for a clause break.
pub fn is_clause_break(c: char) -> bool {
    CLAUSE_BREAKS.contains(&c)
}

/// True when a bare figure may end at `c` (the character after it): a clause break, an
/// enumeration comma, a closing quote, white space, or the end of the sentence.
pub fn ends_figure(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        (is_clause_break(c) && !matches!(c, ':' | '：' | '(' | '（'))
            || matches!(c, '、' | '”' | ' ' | '\t')
    })
}

/// Byte just after the last break before byte `end` that ends the lead of a bare figure: a
/// clause break other than brackets and `！？`, or the enumeration comma.
pub fn clause_start_byte(s: &str, end: usize) -> usize {
    s[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            (is_clause_break(c) && !matches!(c, '(' | '（' | ')' | '）' | '！' | '？')) || c == '、'
        })
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// True when `s` ends a sentence or a clause (a heading does not).
pub fn ends_clause(s: &str) -> bool {
    s.ends_with(['。', '；', ';', '！', '!', '？', '?', '，', ','])
}

/// Longest record `context`, in characters.
pub const MAX_CONTEXT_CHARS: usize = 300;

/// The context of the figure at characters `start..end` of a sentence of `len` characters:
/// the sentence when it has at most [`MAX_CONTEXT_CHARS`] characters, else that many around the
/// figure, which is always whole, two thirds of the room given to the words before it (where
/// the indicator and the cue are). Returns the character range.
pub fn context_span(len: usize, start: usize, end: usize) -> (usize, usize) {
    let room = MAX_CONTEXT_CHARS.saturating_sub(end - start);
    let (before, after) = (start, len - end);
    if before + after <= room {
        return (0, len);
    }
    let keep_after = after.min(room - before.min(room * 2 / 3));
    let keep_before = before.min(room - keep_after);
    (start - keep_before, end + keep_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_chars_counts_characters_from_the_end() {
        assert_eq!(last_chars("年均增长5.7", 3), "5.7");
        assert_eq!(last_chars("年均增长", 2), "增长");
        assert_eq!(last_chars("增长", 9), "增长");
        assert_eq!(last_chars("", 3), "");
        assert_eq!(last_chars("增长", 0), "");
    }

    fn context(s: &str, figure: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let b = s.find(figure).unwrap();
        let start = s[..b].chars().count();
        let (l, r) = context_span(chars.len(), start, start + figure.chars().count());
        chars[l..r].iter().collect()
    }

    #[test]
    fn the_context_is_the_sentence_when_short() {
        let s = "全年地区生产总值增长6.5%,完成投资1,234亿元;其中工业增长7%。";
        assert_eq!(context(s, "1,234亿元"), s);
    }

    #[test]
    fn a_long_sentence_is_capped_around_the_figure() {
        let s = "推".repeat(1000) + "增长6.5%" + &"进".repeat(1000);
        let c = context(&s, "6.5%");
        assert_eq!(c.chars().count(), MAX_CONTEXT_CHARS);
        assert!(c.contains("增长6.5%进"));
        assert!(c.starts_with('推') && c.ends_with('进'));
        assert_eq!(c.split("6.5%").next().unwrap().chars().count(), 197);
        let short_after = "推".repeat(1000) + "增长6.5%" + "进。";
        let c = context(&short_after, "6.5%");
        assert_eq!(c.chars().count(), MAX_CONTEXT_CHARS);
        assert!(c.ends_with("6.5%进。"));
        let short_before = "增长6.5%".to_string() + &"进".repeat(1000);
        assert!(context(&short_before, "6.5%").starts_with("增长6.5%进"));
    }
}
