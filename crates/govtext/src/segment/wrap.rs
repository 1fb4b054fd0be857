//! Hard wraps: which line breaks are inside a sentence rather than between paragraphs.
//!
//! In a well-formed report a line break ends a paragraph, a heading or a list item, often without
//! a 。, so a break is a sentence boundary unless it is evidently a hard wrap: text taken from a
//! PDF (or a fixed-width web page) breaks lines at the right margin, in the middle of a word
//! (`地区生产总\n值`) or between a number and its unit (`1234\n亿元`). A break is joined only when
//! the line before it does not end a sentence or a clause (。！？；：), the next line starts
//! right away (no indent, no blank line, no bullet or list marker), the line before is not a bare
//! heading (`一、…`, `（一）…` with no 。；： in it, however wide), and either
//! - the line ends with a digit after a few CJK characters and the next line starts with a unit
//!   (`财政收入达到1234` / `亿元`), or
//! - the document is hard-wrapped and the line reaches its wrap width: many lines of nearly the
//!   same width (in columns: a CJK character is two, ASCII one), most of them ending in the middle
//!   of a sentence. Well-formed reports (one line per paragraph) never look like that.

use super::split::{is_bullet, is_closer, is_terminator, list_marker_len};
use crate::document::normalize_char;
use crate::extract::mention::unit_follows;
use crate::extract::text::is_cjk;

/// Narrowest wrap width considered, in columns (ten CJK characters).
const MIN_WRAP: usize = 20;
/// Widest wrap width considered, in columns: longer lines are paragraphs, not wrapped lines.
const MAX_WRAP: usize = 240;
/// How far (columns) a wrapped line's width may be from the wrap width: justified lines with
/// digits or Latin letters in them come out a little narrower or wider.
const WRAP_SLACK: usize = 3;
/// Fewest CJK characters on a line ending with a number for the unit on the next line to be
/// joined to it (`财政收入达到1234` / `亿元`): fewer is a label (`附件2`, `表3`).
const MIN_CJK_BEFORE_NUMBER: usize = 4;
/// Fewest lines at the wrap width for a document to count as hard-wrapped.
const MIN_WRAPPED_LINES: usize = 4;
/// Least share of a document's lines (headings aside) at the wrap width for it to count as
/// hard-wrapped: 1/5. Well-formed reports measured at most 0.08 (0.21 for one whose lines at that
/// width all end a sentence); hard-wrapped text with short paragraphs about 0.3.
const WRAPPED_SHARE: (usize, usize) = (1, 5);
/// Least share of the lines at the wrap width that end in the middle of a sentence: 2/3.
const OPEN_SHARE: (usize, usize) = (2, 3);

/// Width of a character in columns: two for CJK characters and punctuation, full-width forms and
/// Chinese quotes and dashes; one otherwise.
fn columns_of(c: char) -> usize {
    if c as u32 >= 0x2e80 || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…') {
        2
    } else {
        1
    }
}

/// Width of a line (without its trailing white space) in columns.
fn columns(line: &str) -> usize {
    line.trim_end().chars().map(columns_of).sum()
}

/// [`columns`] for lines up to `cap` columns wide; for a wider line some width over `cap` (a
/// paragraph's line is not read to its end).
///
/// Read on bytes (it is asked of every line of every document): a character's width follows from
/// its leading byte, but for the three-byte characters below U+2E80 (`E2 80..=B9 ..`, where the
/// Chinese quotes and dashes of [`columns_of`] are).
fn columns_capped(line: &str, cap: usize) -> usize {
    let b = line.trim_end().as_bytes();
    let (mut w, mut i) = (0, 0);
    while i < b.len() && w <= cap {
        let (len, cols) = match b[i] {
            0x00..=0x7f => (1, 1),
            0x80..=0xdf => (2, 1),
            0xe2 if b[i + 1] < 0xba => (3, 1 + usize::from(wide_below_cjk(b[i + 1], b[i + 2]))),
            0xe0..=0xef => (3, 2),
            _ => (4, 2),
        };
        w += cols;
        i += len;
    }
    w
}

/// True for the two-column characters `E2 b1 b2` below U+2E80: `“ ” ‘ ’ — …`.
fn wide_below_cjk(b1: u8, b2: u8) -> bool {
    b1 == 0x80 && matches!(b2, 0x9c | 0x9d | 0x98 | 0x99 | 0x94 | 0xa6)
}

/// True when a character ends a sentence or a clause at the end of a line.
fn ends_sentence(c: char) -> bool {
    is_terminator(c) || matches!(c, ':' | '：')
}

/// The last character of a line that is not white space or a closing quote or bracket, and
/// whether a closer followed it.
fn last_char(line: &str) -> Option<(char, bool)> {
    let trimmed = line.trim_end();
    let body = trimmed.trim_end_matches(|c| is_closer(normalize_char(c)));
    body.chars()
        .next_back()
        .map(|c| (normalize_char(c), body.len() < trimmed.len()))
}

/// The wrap width of a hard-wrapped document, in columns, or `None` when its lines are
/// paragraphs. One pass over the text; nothing is kept but a histogram of line widths.
pub(super) fn wrap_width(text: &str) -> Option<usize> {
    let mut widths = vec![0usize; MAX_WRAP + WRAP_SLACK + 1];
    let mut open = vec![0usize; MAX_WRAP + WRAP_SLACK + 1];
    let mut lines = 0;
    let mut from = 0;
    let ends = memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).chain([text.len()]);
    for end in ends {
        // Line breaks are ASCII, so every `from..end` lies on character boundaries.
        let line = &text[from..end];
        from = end + 1;
        let w = columns_capped(line, MAX_WRAP + WRAP_SLACK);
        // Headings are lines of their own: they tell nothing about the wrap.
        if w == 0 || starts_with_heading_marker(line.trim_start()) {
            continue;
        }
        lines += 1;
        if let Some(slot) = widths.get_mut(w) {
            *slot += 1;
            let ended = last_char(line).is_some_and(|(c, _)| ends_sentence(c));
            open[w] += usize::from(!ended);
        }
    }
    let window = |w: usize| w - WRAP_SLACK..=w + WRAP_SLACK;
    let count = |w: usize| -> usize { widths[window(w)].iter().sum() };
    let best = (MIN_WRAP..=MAX_WRAP).map(count).max()?;
    // The middle of the widest plateau of best windows: the margin itself.
    let first = (MIN_WRAP..=MAX_WRAP).find(|&w| count(w) == best)?;
    let last = (first..=MAX_WRAP)
        .take_while(|&w| count(w) == best)
        .last()?;
    let width = (first + last) / 2;
    let unended: usize = open[window(width)].iter().sum();
    let wrapped = best >= MIN_WRAPPED_LINES
        && best * WRAPPED_SHARE.1 >= lines * WRAPPED_SHARE.0
        && unended * OPEN_SHARE.1 >= best * OPEN_SHARE.0;
    wrapped.then_some(width)
}

/// True when `line` opens with a bullet or a heading marker ([`starts_with_heading_marker`]).
fn starts_with_marker(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| is_bullet(normalize_char(c)))
        || starts_with_heading_marker(line)
}

/// True when `line` opens with a heading or list marker: `一、`, `（一）`, `(2)`, `1.`, `1、`,
/// `第三章`.
fn starts_with_heading_marker(line: &str) -> bool {
    let mut chars = line.chars().map(normalize_char);
    let Some(first) = chars.next() else {
        return false;
    };
    // The next four characters, kept on the stack (this is asked of every line).
    let mut buf = [0u8; 16];
    let mut len = 0;
    for c in chars.take(4) {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    let rest = std::str::from_utf8(&buf[..len]).unwrap_or_default();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    if (first == '(' || first == '（') && list_marker_len(rest).is_some() {
        return true;
    }
    let mut all = std::iter::once(first).chain(rest.chars());
    if numeral(first) {
        return all.find(|&c| !numeral(c)) == Some('、');
    }
    if first == '第' {
        let after = all.skip(1).find(|&c| !numeral(c));
        return matches!(after, Some('章' | '节' | '部' | '篇' | '条'));
    }
    if first.is_ascii_digit() {
        let mut after = all.skip_while(char::is_ascii_digit);
        return match after.next() {
            Some('、') => true,
            Some('.') => after.next().is_some_and(|c| !c.is_ascii_digit()),
            _ => false,
        };
    }
    false
}

/// True when the line break between `line` (the line before it, without the break) and `rest`
/// (the text after the break) is a hard wrap inside a sentence; `width` is the document's
/// [`wrap_width`].
pub(super) fn joins(line: &str, rest: &str, width: Option<usize>) -> bool {
    let Some((last, closed)) = last_char(line) else {
        return false;
    };
    let Some(next) = rest.chars().next().map(normalize_char) else {
        return false;
    };
    if ends_sentence(last) || next.is_whitespace() {
        return false;
    }
    // A heading is a line of its own, however wide (`（一）聚焦先进制造，夯实实体经济根基`); a bullet
    // item, or a marked paragraph whose heading has ended (`（二）…。挂牌…`, `11.“…”：到…`), may wrap.
    let body = line.trim();
    let bare_heading =
        starts_with_heading_marker(body) && !body.chars().map(normalize_char).any(ends_sentence);
    if bare_heading || starts_with_marker(rest) {
        return false;
    }
    // A number on a line of its own (`PM` / `2.5` / `年平均浓度`) or a label (`附件2` / `名词解释`)
    // is not the end of a sentence.
    let sentence_like = body.chars().filter(|&c| is_cjk(c)).count() >= MIN_CJK_BEFORE_NUMBER;
    if last.is_ascii_digit() && !closed && sentence_like {
        let head: String = rest.chars().take(8).map(normalize_char).collect();
        if unit_follows(&head) {
            return true;
        }
    }
    width.is_some_and(|w| columns(line).abs_diff(w) <= WRAP_SLACK)
}

/// `text` with every line broken at `width` columns, anywhere (inside words and numbers), as a
/// PDF's text layer has it; blank lines stay.
#[cfg(test)]
pub(crate) fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, para) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut w = 0;
        for c in para.chars() {
            if w + columns_of(c) > width {
                out.push('\n');
                w = 0;
            }
            out.push(c);
            w += columns_of(c);
        }
    }
    out
}

/// Team-written paragraphs of the shape of a report: headings, items, sentences with figures.
#[cfg(test)]
pub(crate) const REPORT: &str = "一、2025年工作回顾\n\
    过去一年，全市地区生产总值达到1234.5亿元，同比增长6.2%，一般公共预算收入完成98.7亿元，增长5.1%；城乡居民人均可支配收入分别增长5.3%和7.4%。\n\
    （一）聚焦先进制造，夯实实体经济根基\n\
    规模以上工业增加值增长8.1%，新增规模以上工业企业125家，高新技术企业总数达到1520家，战略性新兴产业产值占规模以上工业总产值比重提高到43.6%。\n\
    ●新增城镇就业2.35万人，城镇调查失业率控制在5.5%以内，发放稳岗返还资金四千二百万元，惠及企业3800家。\n\
    二、2026年主要目标\n\
    地区生产总值增长6%左右，固定资产投资增长8%，社会消费品零售总额增长7%，居民消费价格涨幅控制在3%左右。\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_recognised() {
        for line in [
            "一、总体情况",
            "（一）稳增长",
            "(2)促改革",
            "1.发展目标",
            "12、民生",
            "第三章 规划",
            "●新增",
        ] {
            assert!(starts_with_marker(line), "{line}");
        }
        for line in [
            "一是稳增长",
            "1.5万人",
            "2025年",
            "十分重要",
            "地区生产总值",
            "三条保障线",
            "第一批",
        ] {
            assert!(!starts_with_marker(line), "{line}");
        }
    }

    #[test]
    fn widths_read_on_bytes_are_the_widths_of_the_characters() {
        let odd = "é “引号”‘单’—…•①ｱ\u{2e7f}\u{2e80}𠀀 a";
        let texts = crate::segment::sample_texts();
        let lines = texts.iter().flat_map(|t| t.lines()).chain(odd.lines());
        for line in lines.chain(odd.split_inclusive(|_| true)) {
            let w = columns(line);
            assert_eq!(columns_capped(line, usize::MAX), w, "{line}");
            for cap in [0, 1, 20, 243] {
                let capped = columns_capped(line, cap);
                assert!(if w <= cap { capped == w } else { capped > cap }, "{line}");
            }
        }
    }

    #[test]
    fn paragraphs_are_not_wrapped() {
        assert_eq!(wrap_width(REPORT), None);
        let short = "一、总体情况\n全年地区生产总值增长6.5%，财政收入增长8%。\n（一）稳增长\n扎实推进重点项目建设\n";
        assert_eq!(wrap_width(short), None);
    }

    #[test]
    fn a_hard_wrapped_text_has_its_width() {
        for width in [30, 40, 57, 80] {
            let wrapped = hard_wrap(REPORT, width);
            let got = wrap_width(&wrapped).unwrap_or_else(|| panic!("{width}: not found"));
            assert!(got.abs_diff(width) <= WRAP_SLACK, "{width}: {got}");
        }
        let w = Some(24);
        assert!(joins("全年地区生产总值增长六个", "百分点，", w));
        assert!(joins("　　全年地区生产总值增长", "百分点，", w));
        assert!(!joins("消费品零售总额稳步回升。", "固定", w));
        assert!(!joins("消费品零售总额稳步回升。”", "固定", w));
        assert!(joins("开展“进窗口走流程”", "现场办事体验活动", Some(20)));
        assert!(!joins("城乡居民", "收入", w));
        assert!(!joins("全年地区生产总值增长六个", "　　百分点，", w));
        assert!(!joins("全年地区生产总值增长六个", "（二）百分点，", w));
        assert!(!joins("（一）聚焦先进制造，夯实", "实体经济", w));
        assert!(joins("（一）聚焦先进制造。夯实", "实体经济", w));
        assert!(joins("11.“先锋工程”：实施100", "个左右重大项目", w));
        assert!(joins("●新增城镇就业二万人，发", "放稳岗资金", w));
    }

    #[test]
    fn a_number_and_its_unit_are_joined_anywhere() {
        assert!(joins("财政收入达到1234", "亿元，增长8%。", None));
        assert!(joins("财政收入达到1234 ", "万元", None));
        assert!(joins("●规模以上工业增加值增长6.3", "%，其中", None));
        assert!(!joins("财政收入达到1234", "　　亿元", None));
        assert!(!joins("2", "3", None));
        assert!(!joins("2.5", "年平均浓度", None));
        assert!(!joins("1234", "亿元", None));
        assert!(!joins("财政收入达到1234", "发展", None));
        assert!(!joins("一、2025年目标1", "万人", None));
        assert!(!joins("附件2", "名词解释", None));
        assert!(!joins("全年地区生产总值增长六个", "百分点，", None));
    }
}
