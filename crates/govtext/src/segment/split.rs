//! Sentence splitting, with bounded pieces that never cut a figure.
//!
//! Unpunctuated walls of text are cut into bounded pieces so the work per sentence stays bounded
//! whatever the input. A cut inside `340.64亿元` would report a piece of it (`0.64亿元`) as a
//! figure, which is worse than no figure at all, so the cut waits for a safe boundary: not next
//! to a numeral character, and far enough past the last one that no unit (`万千瓦时`, `平方公里`)
//! is still being written; or right after a closed `%` that a new figure follows (`5%5%…`). When
//! no such boundary comes within [`CUT_SLACK`] characters (a wall of numerals), the cut is forced
//! and the figure it would split is left out of both pieces rather than reported in part.

use super::Sentence;
use super::wrap;
use crate::document::normalize_char;
use crate::extract::number::{CjkBits, RUN_CJK, is_run_char};
use crate::extract::unit::UNITS;

/// Sentence length (characters) after which a comma ends the sentence.
pub const SOFT_MAX_SENTENCE: usize = 400;
/// Sentence length after which the sentence is cut at the next safe boundary.
pub const HARD_MAX_SENTENCE: usize = 2000;
/// How far past [`HARD_MAX_SENTENCE`] a safe boundary is waited for before the cut is forced.
pub const CUT_SLACK: usize = 200;
/// Numbers in a sentence after which it is cut at the next safe boundary (twice as many: the
/// cut is forced). Real reports write at most a dozen in one sentence; attribution reads the
/// sentence once per figure, so this keeps its cost linear on a wall of figures (`5%5%5%…`).
pub const MAX_FIGURES_PER_SENTENCE: usize = 64;

/// A position: document character, byte in the original text, byte in the normalised text.
type Pos = (usize, usize, usize);

/// True for characters that may belong to a figure or change its value when split from it:
/// numeral run characters, `%`, signs, range dashes, and the prefixes that make a number
/// negative or an ordinal (负, 第).
fn is_figure_char(c: char) -> bool {
    is_run_char(c) || is_figure_mark(c)
}

/// The figure characters that are not numeral run characters.
fn is_figure_mark(c: char) -> bool {
    matches!(c, '%' | '‰' | '-' | '−' | '~' | '+' | '负' | '第' | '约')
}

/// The CJK ideographs that are figure characters ([`is_run_char`], [`is_figure_mark`]).
static FIGURE_CJK: CjkBits = CjkBits::of(&[RUN_CJK, "负第约"]);

/// An ideograph that is no figure character (nor a terminator, bullet, bracket or space): most
/// characters of a report, which only extend the sentence they are in.
fn is_plain_ideograph(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}') && !FIGURE_CJK.has(c)
}

/// True for characters that end a sentence.
pub(super) fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// True for characters that start a new item: bullets and circled numbers.
pub(super) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '●' | '■' | '◆' | '▲' | '★' | '☆' | '◇' | '□' | '•' | '▪' | '◎' | '○'
    ) || ('\u{2460}'..='\u{2473}').contains(&c)
}

/// True for closing quotes and brackets that belong to the sentence they follow.
pub(super) fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | '」' | '』' | ')' | '）' | '】')
}

/// The splitter's state between characters.
struct Splitter<F> {
    /// Where sentences go; false stops the split.
    each: F,
    /// False once `each` asked to stop.
    going: bool,
    paragraph: usize,
    /// Current sentence start, or None when between sentences.
    cur: Option<Pos>,
    /// End of the last non-space character of the current sentence.
    last: Option<Pos>,
    /// The previous character (white space included).
    prev: char,
    /// Document character of the latest figure character.
    last_figure: Option<usize>,
    /// End of the sentence text before the latest run of figure characters began.
    before_run: Option<Pos>,
    /// True when the latest figure character closes a figure (`%`, `‰`): no unit follows it.
    closed: bool,
    /// Numbers begun in the current sentence.
    figures: usize,
    /// After a forced cut: figure characters are left out until another character comes.
    skipping: bool,
    /// Characters past a figure character within which a unit may still be written.
    unit_reach: usize,
    /// Document character of the first white space since the current sentence began.
    space: Option<usize>,
    /// The normalised text from byte `norm_base` of the normalised document on: the current
    /// sentence and what follows it (the splitter normalises every character anyway, so the
    /// sentence need not be normalised again).
    norm: String,
    norm_base: usize,
}

impl<F: FnMut(Sentence, &str) -> bool> Splitter<F> {
    fn new(each: F) -> Splitter<F> {
        let longest_unit = UNITS.iter().map(|u| u.written.chars().count()).max();
        Splitter {
            each,
            going: true,
            paragraph: 0,
            cur: None,
            last: None,
            prev: '\n',
            last_figure: None,
            before_run: None,
            closed: false,
            figures: 0,
            skipping: false,
            unit_reach: longest_unit.unwrap_or(0) + 2,
            space: None,
            norm: String::new(),
            norm_base: 0,
        }
    }

    /// End the current sentence (dropped when empty).
    fn flush(&mut self) {
        if let (Some((cs, ob, nb)), Some((ce, oe, ne))) = (self.cur, self.last)
            && ce > cs
            && self.going
        {
            let text = &self.norm[nb - self.norm_base..ne - self.norm_base];
            let sentence = Sentence {
                start: cs,
                end: ce,
                orig: ob..oe,
                norm: nb..ne,
                paragraph: self.paragraph,
                spaced: self.space.is_some_and(|s| s < ce),
            };
            self.going = (self.each)(sentence, text);
        }
        self.cur = None;
        self.last = None;
        self.before_run = None;
        self.figures = 0;
        self.space = None;
    }

    /// Between sentences, forget the normalised text read so far; `nb` is the byte reached.
    fn idle(&mut self, nb: usize) {
        if self.cur.is_none() {
            self.norm.clear();
            self.norm_base = nb;
        }
    }

    /// Note white space at document character `at` (inside the sentence once another character
    /// follows).
    fn white_space(&mut self, at: usize) {
        if self.cur.is_some() && self.space.is_none() {
            self.space = Some(at);
        }
    }

    /// Add the non-space character `c` (at `at`, ending at `end`) to the current sentence;
    /// false when it is left out (the rest of a figure split by a forced cut).
    fn push(&mut self, c: char, at: Pos, end: Pos) -> bool {
        let run = is_run_char(c);
        let figure = run || is_figure_mark(c);
        if self.skipping {
            if figure {
                return false;
            }
            self.skipping = false;
        }
        if self.cur.is_none() {
            self.cur = Some(at);
            self.norm.drain(..at.2 - self.norm_base);
            self.norm_base = at.2;
        }
        if run && !is_run_char(self.prev) {
            self.figures += 1;
        }
        if figure {
            if self.last_figure != Some(at.0.wrapping_sub(1)) {
                self.before_run = self.last;
            }
            self.last_figure = Some(at.0);
            self.closed = matches!(c, '%' | '‰');
        }
        self.last = Some(end);
        true
    }

    /// Cut the sentence after `c` (followed by `next`) when it is too long and the boundary is
    /// safe, or when it is far too long; true when it was cut.
    fn cut(&mut self, c: char, next: Option<char>) -> bool {
        let (Some((start, ..)), Some((end, ..))) = (self.cur, self.last) else {
            return false;
        };
        let len = end - start;
        let between_digits = self.prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
        if len >= SOFT_MAX_SENTENCE
            && matches!(c, ',' | '，' | '、' | ':' | '：')
            && !between_digits
        {
            self.flush();
            return true;
        }
        let crowded = self.figures >= MAX_FIGURES_PER_SENTENCE;
        if len < HARD_MAX_SENTENCE && !crowded {
            return false;
        }
        let at = end - 1;
        let clear = !is_figure_char(c)
            && !next.is_some_and(is_figure_char)
            && (self.closed || self.last_figure.is_none_or(|f| at - f >= self.unit_reach));
        let closed = matches!(c, '%' | '‰') && next.is_some_and(|n| n.is_ascii_digit());
        if clear || closed {
            self.flush();
            return true;
        }
        if len < HARD_MAX_SENTENCE + CUT_SLACK && self.figures < 2 * MAX_FIGURES_PER_SENTENCE {
            return false;
        }
        // No safe boundary in reach: leave the figure the cut would split out of both pieces.
        if self.last_figure.is_some_and(|f| at - f < self.unit_reach) {
            self.last = self.before_run;
        }
        self.flush();
        self.skipping = true;
        true
    }
}

/// Split a document into sentences at 。！？； and line breaks (not at a hard wrap inside a
/// sentence: [`wrap`]), before bullets (● ■ ① …) and before
/// parenthesised list markers (`（一）`, `(2)`). `orig` and `norm` must have the same characters count
/// (`norm` is `normalize(orig)`). Whitespace around sentences is left out; empty sentences are dropped.
/// Sentences longer than [`SOFT_MAX_SENTENCE`] end at a comma, longer than [`HARD_MAX_SENTENCE`] at
/// the next boundary that splits no figure.
pub fn split_sentences(orig: &str, norm: &str) -> Vec<Sentence> {
    debug_assert_eq!(orig.chars().count(), norm.chars().count());
    let mut out = Vec::new();
    for_each_sentence(orig, |s, _| {
        out.push(s);
        true
    });
    out
}

/// The sentences of [`split_sentences`], one at a time, without the normalised document (each
/// character is normalised as it is read): `each` gets every sentence in order with its
/// normalised text, and returns false to stop. Returns false when stopped.
pub fn for_each_sentence(orig: &str, each: impl FnMut(Sentence, &str) -> bool) -> bool {
    let mut sp = Splitter::new(each);
    let width = wrap::wrap_width(orig);
    let (mut ci, mut nb) = (0usize, 0usize);
    // Byte of the next character of `orig`.
    let mut pos = 0usize;
    // The normalised form of the next character when it was already looked at.
    let mut peeked: Option<char> = None;
    // Byte where the current line starts.
    let mut line_start = 0;
    while sp.going
        && let Some(oc) = orig[pos..].chars().next()
    {
        let ob = pos;
        pos += oc.len_utf8();
        let c = peeked.take().unwrap_or_else(|| normalize_char(oc));
        sp.norm.push(c);
        let at = (ci, ob, nb);
        ci += 1;
        nb += c.len_utf8();
        // Most characters only extend the current sentence: what `push` and `cut` would do
        // with them, without asking; a run of them is read at once.
        if is_plain_ideograph(c)
            && !sp.skipping
            && sp.figures < MAX_FIGURES_PER_SENTENCE
            && let Some((start, ..)) = sp.cur
            && ci - start < HARD_MAX_SENTENCE
        {
            let room = (start + HARD_MAX_SENTENCE).saturating_sub(ci + 1);
            let (end, n, last) = plain_run(orig, pos, room, &mut sp.norm);
            (ci, nb, pos) = (ci + n, nb + (end - pos), end);
            sp.last = Some((ci, pos, nb));
            sp.prev = last.unwrap_or(c);
            continue;
        }
        if c == '\n' || c == '\r' {
            let crlf = c == '\r' && orig.as_bytes().get(pos) == Some(&b'\n');
            let after = pos + usize::from(crlf);
            let line = &orig[line_start..ob];
            line_start = ob + 1;
            if wrap::joins(line, &orig[after..], width) {
                // A hard wrap inside a sentence: the break is white space in it.
                sp.white_space(ci - 1);
                if crlf {
                    pos += 1;
                    sp.norm.push('\n');
                    ci += 1;
                    nb += 1;
                    line_start += 1;
                }
                sp.prev = c;
                continue;
            }
            sp.flush();
            if c == '\n' {
                sp.paragraph += 1;
            }
            sp.idle(nb);
            sp.prev = c;
            continue;
        }
        if c.is_whitespace() {
            sp.white_space(ci - 1);
            sp.idle(nb);
            sp.prev = c;
            continue;
        }
        let rest = &orig[pos..];
        let starts_item = is_bullet(c)
            || ((c == '(' || c == '（') && sp.cur.is_some() && {
                // `（一）`, `(2)`, `（10）`: a marker only when short and closed.
                let rest: String = rest.chars().take(4).map(normalize_char).collect();
                list_marker_len(&rest).is_some() && !matches!(sp.prev, '的' | '和' | '、')
            });
        if starts_item {
            sp.flush();
        }
        let next = rest.chars().next().map(normalize_char);
        peeked = next;
        if !sp.push(c, at, (ci, pos, nb)) || sp.cut(c, next) {
            sp.prev = c;
            continue;
        }
        if is_terminator(c) {
            // Keep closing quotes with the sentence they close.
            while let Some(oc2) = orig[pos..].chars().next() {
                let c2 = normalize_char(oc2);
                if !is_closer(c2) {
                    break;
                }
                pos += oc2.len_utf8();
                peeked = None;
                sp.norm.push(c2);
                ci += 1;
                nb += c2.len_utf8();
                sp.last = Some((ci, pos, nb));
            }
            sp.flush();
        }
        sp.prev = c;
    }
    sp.flush();
    sp.going
}

/// For each CJK unified ideograph (from U+4E00), its normalised form when that is a plain
/// ideograph, else 0: the one lookup [`plain_run`] makes per character.
static PLAIN: std::sync::LazyLock<Vec<u32>> = std::sync::LazyLock::new(|| {
    ('\u{4e00}'..='\u{9fff}')
        .map(|c| {
            let n = normalize_char(c);
            if is_plain_ideograph(n) { n as u32 } else { 0 }
        })
        .collect()
});

/// The plain ideographs ([`is_plain_ideograph`] once normalised) of `orig` from byte `from` on,
/// at most `room` of them, appended to `norm` normalised: the byte after them, their count and
/// the last of them. They are three bytes both as written and normalised, and are copied from
/// `orig` a stretch at a time, but the rare character that normalisation changes.
fn plain_run(
    orig: &str,
    from: usize,
    room: usize,
    norm: &mut String,
) -> (usize, usize, Option<char>) {
    let (b, plain) = (orig.as_bytes(), &*PLAIN);
    let (mut i, mut n, mut last, mut copied) = (from, 0, 0, from);
    while n < room && i + 2 < b.len() && matches!(b[i], 0xe4..=0xe9) {
        let code = (u32::from(b[i] & 0x0f) << 12)
            | (u32::from(b[i + 1] & 0x3f) << 6)
            | u32::from(b[i + 2] & 0x3f);
        let c = match plain.get((code as usize).wrapping_sub(0x4e00)) {
            Some(&c) if c != 0 => c,
            _ => break,
        };
        if c != code {
            norm.push_str(&orig[copied..i]);
            norm.push(char::from_u32(c).unwrap_or_default());
            copied = i + 3;
        }
        i += 3;
        n += 1;
        last = c;
    }
    norm.push_str(&orig[copied..i]);
    (i, n, char::from_u32(last).filter(|_| n > 0))
}

/// Length of a list marker body after an opening parenthesis: `一）`, `2)`, `10）`.
pub(super) fn list_marker_len(rest: &str) -> Option<usize> {
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
    fn plain_ideographs_are_the_non_figure_ones() {
        for c in ('\u{4e00}'..='\u{9fff}').chain(['〇', '%', 'a', '。']) {
            let plain = ('\u{4e00}'..='\u{9fff}').contains(&c) && !is_figure_char(c);
            assert_eq!(is_plain_ideograph(c), plain, "{c}");
        }
    }

    #[test]
    fn spaced_says_white_space_is_inside() {
        let text = "经 济增长。 好。好 \n甲\n同比增长\n8%的\r\n";
        let norm = normalize(text);
        let got: Vec<(String, bool)> = split_sentences(text, &norm)
            .into_iter()
            .map(|s| (text[s.orig].to_string(), s.spaced))
            .collect();
        for (sentence, spaced) in &got {
            assert_eq!(*spaced, sentence.contains(char::is_whitespace), "{got:?}");
        }
        assert_eq!(got[0], ("经 济增长。".to_string(), true));
        assert!(got.iter().any(|(_, spaced)| !spaced));
    }

    #[test]
    fn a_figure_on_the_hard_limit_stays_whole() {
        for k in HARD_MAX_SENTENCE - 12..HARD_MAX_SENTENCE + 2 {
            let text = "推".repeat(k) + "340.64亿元" + &"推".repeat(40);
            let s = sentences(&text);
            assert!(s.iter().any(|s| s.contains("340.64亿元")), "at {k}: {s:?}");
            assert_eq!(s.concat(), text);
        }
    }

    #[test]
    fn a_unit_is_not_cut_from_its_number() {
        let text = "推".repeat(HARD_MAX_SENTENCE - 6) + "50万千瓦时" + &"推".repeat(40);
        assert!(sentences(&text).iter().any(|s| s.contains("50万千瓦时")));
    }

    #[test]
    fn thousands_separators_are_not_soft_cuts() {
        let text = "推".repeat(SOFT_MAX_SENTENCE + 3) + "完成1,234万元，其后";
        let s = sentences(&text);
        assert!(s.iter().any(|s| s.contains("1,234万元")), "{s:?}");
    }

    #[test]
    fn dense_percentages_are_cut_between_figures() {
        let text = "5%".repeat(3000);
        let s = sentences(&text);
        assert!(s.iter().all(|s| s.starts_with('5') && s.ends_with('%')));
        assert!(s.iter().all(|s| s.chars().count() <= HARD_MAX_SENTENCE + 1));
        assert_eq!(s.concat(), text);
    }

    #[test]
    fn a_wall_of_digits_is_left_out_not_reported_in_part() {
        let text = "规模达到".to_string() + &"1".repeat(10_000) + "亿元";
        let s = sentences(&text);
        assert_eq!(s, vec!["规模达到".to_string(), "元".to_string()]);
    }

    #[test]
    fn crowded_sentences_are_cut_between_figures() {
        let text = "增长5%".repeat(200);
        let s = sentences(&text);
        assert!(s.len() >= 3, "{}", s.len());
        assert!(
            s.iter()
                .all(|s| s.chars().count() <= 5 * MAX_FIGURES_PER_SENTENCE)
        );
        assert_eq!(s.concat(), text);
        let twelve = "增长5%、".repeat(12);
        assert_eq!(sentences(&twelve).len(), 1);
    }

    #[test]
    fn forced_cuts_keep_pieces_bounded() {
        let text = "翻一番".repeat(5000);
        let s = sentences(&text);
        assert!(s.len() > 1);
        assert!(
            s.iter()
                .all(|s| s.chars().count() <= HARD_MAX_SENTENCE + CUT_SLACK)
        );
        assert!(s.iter().all(|s| !s.ends_with('一') && !s.starts_with('一')));
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
    fn hard_wraps_are_joined_and_paragraphs_are_not() {
        use crate::segment::compact::Compact;
        use crate::segment::wrap::{REPORT, hard_wrap};
        let seg = crate::segment::Segmenter::new();
        let flat = sentences(REPORT);
        // At 40 columns the heading （一）… is exactly a full line: it is still not joined.
        for width in [40, 57, 80] {
            let wrapped = hard_wrap(REPORT, width);
            let seen: Vec<String> = sentences(&wrapped)
                .into_iter()
                .map(|s| Compact::of(&s, &seg).map_or(s, |c| c.text))
                .collect();
            assert_eq!(seen, flat, "wrapped at {width} columns");
        }
        // A heading too long for one line is left in two pieces (a heading is never joined).
        assert!(sentences(&hard_wrap(REPORT, 30)).contains(&"济根基".to_string()));
        // Lines of a well-formed report stay sentences of their own, with or without 。.
        let lines =
            "一、总体情况\n（一）稳增长\n地区生产总值增长6%\n扎实推进重点项目建设\n2\n3亿元";
        assert_eq!(sentences(lines).len(), 6);
        assert_eq!(sentences("全区完成1234\n万元").len(), 1);
    }

    #[test]
    fn handed_text_is_the_normalised_document() {
        // Traditional characters inside runs of ideographs (區域經濟), one that becomes a figure
        // character once simplified (萬), full-width figures and a run past the hard limit.
        let text = "推動區域經濟發展，全年新增萬戶。總量達到３．６８億元\r\n".to_string()
            + &"經濟".repeat(HARD_MAX_SENTENCE)
            + "增長5%。";
        let norm = normalize(&text);
        let mut n = 0;
        for_each_sentence(&text, |s, handed| {
            assert_eq!(handed, &norm[s.norm.clone()]);
            assert_eq!(handed.chars().count(), s.end - s.start);
            n += 1;
            true
        });
        assert!(n >= 3, "{n}");
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
}
