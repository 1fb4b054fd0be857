//! Finding quantity mentions in one sentence: numeral runs (one compiled regex, one pass),
//! their units, ranges and qualifiers, and the rules that keep dates, ordinals, names, slogans,
//! codes and addresses out.
//!
//! The rules are about the *shape* around a number, not about particular names: a number followed
//! by 年/月/日/号/届 is a date, an address or an ordinal; one preceded by 第 is an ordinal; one glued
//! to Latin letters is a code (PM2.5, 5G, 3A); a Chinese numeral inside a word the segmenter knows
//! (二七区, 统一, 一次性) or inside a short quoted slogan (“五个一”) is part of a name.

use std::sync::LazyLock;

use regex::Regex;

use super::number::{Dec, Number, Vagueness, parse_number};
use super::unit::{Kind, Unit, match_not_quantity, match_unit};
use crate::segment::{Segmenter, Token};

pub use crate::schema::Qualifier;

/// One quantity found in a sentence. Offsets are document characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The number as written (without multipliers that belong to the unit: `340.64` of `340.64亿元`).
    pub value: String,
    /// The unit as written, multipliers included (`亿元`, `万人`, `%`), or empty.
    pub unit: String,
    /// Value in the normalised unit (lower bound of a range).
    pub norm_value: f64,
    /// Upper bound of a range.
    pub norm_upper: Option<f64>,
    /// Normalised unit.
    pub norm_unit: String,
    /// Kind of quantity.
    pub kind: Kind,
    /// How exact.
    pub qualifier: Qualifier,
    /// True when written (at least partly) in Chinese numerals.
    pub chinese: bool,
}

static RUN: LazyLock<Regex> = LazyLock::new(|| {
    // Arabic digits keep `,` and `.` only between digits, so a list comma never joins two numbers.
    const ARABIC: &str = "[0-9]+(?:[.,][0-9]+)*";
    const START: &str = "[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟几数]";
    const CONT: &str = "[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点几多余]";
    Regex::new(&format!("(?:{ARABIC}|{START})(?:{ARABIC}|{CONT})*")).expect("valid regex")
});

const RANGE_CONNECTORS: &[char] = &['-', '—', '–', '~', '〜', '至', '到', '−'];

const BEFORE_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("不低于", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("至少", Qualifier::AtLeast),
    ("不超过", Qualifier::AtMost),
    ("不高于", Qualifier::AtMost),
    ("不到", Qualifier::LessThan),
    ("不足", Qualifier::LessThan),
    ("低于", Qualifier::LessThan),
    ("少于", Qualifier::LessThan),
    ("超过", Qualifier::MoreThan),
    ("突破", Qualifier::MoreThan),
    ("高于", Qualifier::MoreThan),
    ("多于", Qualifier::MoreThan),
    ("逾", Qualifier::MoreThan),
    ("超", Qualifier::MoreThan),
    ("大约", Qualifier::Approx),
    ("将近", Qualifier::Approx),
    ("接近", Qualifier::Approx),
    ("约", Qualifier::Approx),
    ("近", Qualifier::Approx),
];

const AFTER_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("左右", Qualifier::Approx),
    ("上下", Qualifier::Approx),
    ("以上", Qualifier::AtLeast),
    ("以内", Qualifier::AtMost),
    ("之内", Qualifier::AtMost),
    ("以下", Qualifier::AtMost),
];

/// Words before a bare number that make it an index value (`空气质量综合指数5.36`).
const INDEX_WORDS: &[&str] = &[
    "指数", "系数", "得分", "评分", "分值", "浓度", "指标", "均值", "PMI", "CPI", "PPI",
];

/// Words before a bare 万/亿 figure that make it money (`完成投资212.1亿`).
const MONEY_WORDS: &[&str] = &[
    "投资",
    "资金",
    "收入",
    "支出",
    "总额",
    "产值",
    "增加值",
    "税",
    "利润",
    "营收",
    "销售额",
    "签约额",
    "贷款",
    "存款",
    "成交额",
    "交易额",
    "营业额",
    "融资",
    "金额",
    "资产",
    "生产总值",
    "GDP",
    "费",
];

/// After 次: an ordinal meeting (`十次全会`), not a count.
const MEETING_AFTER_CI: &[&str] = &[
    "会议",
    "全会",
    "全体",
    "常委",
    "党代会",
    "代表大会",
    "人代会",
    "集体学习",
    "(扩大)",
    "（扩大）",
];

/// Measure words that after a lone Chinese 一 are an indefinite article (`一批`, `一个`), not a count
/// (一度 is an adverb, checked by the caller).
fn is_article_count(u: &Unit) -> bool {
    u.kind == Kind::Count || u.written == "度"
}

struct Num<'s> {
    /// End of the numeral run (its start is where the caller found it).
    end: usize,
    number: Number,
    /// Byte where trailing multipliers (万/亿/千 written as part of the unit) begin.
    value_end: usize,
    negative: bool,
    text: &'s str,
}

/// Byte → char offset conversion for one sentence, moving forward only.
struct CharCursor<'s> {
    text: &'s str,
    byte: usize,
    chars: usize,
}

impl CharCursor<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// True when the sentence may hold a quantity: a numeral run with a digit, or Chinese numerals
/// followed by a unit, `分之`, or inside `翻…番`. Sentences without one need no segmentation.
pub fn may_have_quantity(norm: &str) -> bool {
    if norm.contains("翻番") {
        return true;
    }
    RUN.find_iter(norm).any(|m| {
        let run = m.as_str();
        if run.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        let after = &norm[m.end()..];
        // A lone 一 before a measure word is an article (一个, 一批), never a quantity.
        if run == "一" && match_unit(after).is_some_and(|u| u.kind == Kind::Count) {
            return false;
        }
        // The run's last character may begin the unit (千瓦, 百分点) or be a multiplier.
        let last = run.chars().next_back().map_or(0, char::len_utf8);
        after.starts_with("分之")
            || after.starts_with('番')
            || match_unit(after).is_some()
            || match_unit(&norm[m.end() - last..]).is_some()
    })
}

/// Find every quantity in a sentence. `norm` is the normalised sentence, `orig` the same sentence
/// as written (same characters), `base` its first character in the document, `tokens` its
/// segmentation (document offsets).
pub fn scan_sentence(
    norm: &str,
    orig: &str,
    base: usize,
    tokens: &[Token<'_>],
    segmenter: &Segmenter,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut cursor = CharCursor {
        text: norm,
        byte: 0,
        chars: 0,
    };
    let mut pos = 0;
    while let Some(m) = RUN.find_at(norm, pos) {
        pos = m.end().max(m.start() + 1);
        let Some(found) = mention_at(
            norm,
            m.start(),
            m.end(),
            tokens,
            segmenter,
            base,
            &mut cursor,
        ) else {
            if norm[m.start()..].starts_with(['数', '几']) {
                pos = m.start() + '数'.len_utf8();
            }
            continue;
        };
        let (range, mut mention) = found;
        pos = pos.max(range.end);
        mention.start = base + cursor.at(range.start);
        mention.end = base + cursor.at(range.end);
        let written = mention_orig(orig, mention.start - base, mention.end - base);
        let normal = &norm[range];
        mention.value = as_written(normal, &written, &mention.value, false);
        mention.unit = as_written(normal, &written, &mention.unit, true);
        out.push(mention);
    }
    // 翻番 without a numeral: doubling.
    for (i, _) in norm.match_indices("翻番") {
        if out.iter().any(|m| {
            let s = base + cursor_chars(norm, i);
            m.start <= s && s < m.end
        }) {
            continue;
        }
        let start = base + cursor_chars(norm, i);
        out.push(Mention {
            start,
            end: start + 2,
            value: String::new(),
            unit: mention_orig(orig, start - base, start - base + 2),
            norm_value: 2.0,
            norm_upper: None,
            norm_unit: "x".into(),
            kind: Kind::Multiple,
            qualifier: Qualifier::Exact,
            chinese: true,
        });
    }
    out.sort_by_key(|m| m.start);
    out
}

fn cursor_chars(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Characters `start..end` (sentence offsets) of the original sentence.
fn mention_orig(orig: &str, start: usize, end: usize) -> String {
    orig.chars().skip(start).take(end - start).collect()
}

/// `part` (a piece of the mention's normalised text `normal`) as the user wrote it, taken from the
/// mention's original text `written` at the same character position: full-width digits stay
/// full-width. The unit is looked for from the end (`百分之` is the one unit written first, and it
/// is found either way); the value from the start.
fn as_written(normal: &str, written: &str, part: &str, from_end: bool) -> String {
    if part.is_empty() || normal == written {
        return part.to_string();
    }
    let at = if from_end {
        normal.rfind(part)
    } else {
        normal.find(part)
    };
    match at {
        Some(b) => {
            let c0 = normal[..b].chars().count();
            written
                .chars()
                .skip(c0)
                .take(part.chars().count())
                .collect()
        }
        None => part.to_string(),
    }
}

fn prev_char(s: &str, byte: usize) -> Option<char> {
    s[..byte].chars().next_back()
}

fn next_char(s: &str, byte: usize) -> Option<char> {
    s[byte..].chars().next()
}

fn is_clause_boundary(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => matches!(
            c,
            ',' | '，' | '。' | '；' | ';' | '、' | '）' | ')' | '”' | ' ' | '\t' | '！' | '？'
        ),
    }
}

/// Parse the numeral run `norm[s..e]` (trimming trailing punctuation); returns the number and the
/// byte where its multiplier suffix begins.
fn parse_run(norm: &str, s: usize, e: usize) -> Option<(usize, Number, usize)> {
    let mut e = e;
    while e > s {
        let last = prev_char(norm, e)?;
        if matches!(last, ',' | '.' | '点') {
            e -= last.len_utf8();
        } else {
            break;
        }
    }
    if e <= s {
        return None;
    }
    let run = &norm[s..e];
    let number = match parse_number(run) {
        Some(n) => n,
        // 上百, 上千, 上万: one hundred, thousand, ten thousand as a lower bound.
        None if norm[..s].ends_with('上') && run.starts_with(['百', '千', '万']) => {
            parse_number(&format!("一{run}"))?
        }
        None => return None,
    };
    // Trailing 万/亿 (and 千 after Arabic digits) are written as part of the unit.
    let mut v = e;
    let run = &norm[s..e];
    let has_arabic = run.bytes().any(|b| b.is_ascii_digit());
    while let Some(c) = prev_char(norm, v) {
        let multiplier = matches!(c, '万' | '亿') || (has_arabic && matches!(c, '千' | '百'));
        if multiplier && v - c.len_utf8() > s {
            v -= c.len_utf8();
        } else {
            break;
        }
    }
    Some((e, number, v))
}

/// Parse a run and find its unit, giving back a trailing 千/百/万 when that lets a unit match
/// (`50万千瓦` is 50万 + 千瓦, `5百分点` is 5 + 百分点).
fn number_and_unit<'s>(
    norm: &'s str,
    s: usize,
    e: usize,
) -> Option<(Num<'s>, Option<&'static Unit>)> {
    let attempt = |end: usize| {
        let (end, number, value_end) = parse_run(norm, s, end)?;
        let num = Num {
            end,
            number,
            value_end,
            negative: false,
            text: &norm[s..end],
        };
        Some((num, match_unit(&norm[end..])))
    };
    // A unit that begins with the run's last character (千米, 千瓦, 百分点) wins over reading
    // that character as a multiplier.
    if let Some(c) = prev_char(norm, e)
        && matches!(c, '千' | '百' | '万' | '亿')
        && e - c.len_utf8() > s
        && let Some((num, Some(unit))) = attempt(e - c.len_utf8())
        && unit.written.starts_with(c)
    {
        return Some((num, Some(unit)));
    }
    attempt(e)
}

type Found = (std::ops::Range<usize>, Mention);

fn mention_at(
    norm: &str,
    s: usize,
    e: usize,
    tokens: &[Token<'_>],
    segmenter: &Segmenter,
    base: usize,
    cursor: &mut CharCursor<'_>,
) -> Option<Found> {
    let before = prev_char(norm, s);
    // Ordinals, codes, versions: 第二, PM2.5, G60, 3.5.1.
    if matches!(before, Some('第' | '#' | '.' | '_' | '/' | '@'))
        || before.is_some_and(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    // X分之Y: fractions and 百分之Y.
    if norm[e..].starts_with("分之") {
        return fraction(norm, s, e);
    }
    let (mut num, mut unit) = number_and_unit(norm, s, e)?;
    let after = &norm[num.end..];
    // Codes: 5G, 3A景区, 4A级.
    if next_char(norm, num.end).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // Dates, times, ordinals, addresses, names: 2020年, 8月, 十六届, 47号, 三期.
    if let Some(w) = match_not_quantity(after)
        && unit.is_none_or(|u| u.written.len() <= w.len())
    {
        return None;
    }
    if let Some(u) = unit {
        // 十次全会, and 十一届十次: plenary sessions are ordinals.
        let after_jie = norm[..s].ends_with('届');
        if u.written == "次"
            && (after_jie || MEETING_AFTER_CI.iter().any(|w| after[3..].starts_with(w)))
        {
            return None;
        }
        // 四个方面: the parts of a speech, not a figure.
        if u.kind == Kind::Count && after[u.written.len()..].starts_with("方面") {
            return None;
        }
        if u.written == "成" && !num.number.chinese {
            unit = None;
        }
    }
    // 翻一番, 翻两番, 翻了一番: multiples of two.
    let fan_before = norm[..s].ends_with("翻") || norm[..s].ends_with("翻了");
    if fan_before && after.starts_with('番') && num.number.value.is_integer() {
        let n = num.number.value.mantissa;
        if (1..=10).contains(&n) {
            let start = s - if norm[..s].ends_with("翻了") { 6 } else { 3 };
            let end = num.end + '番'.len_utf8();
            return Some((
                start..end,
                Mention {
                    start: 0,
                    end: 0,
                    value: norm[s..num.end].to_string(),
                    unit: "番".into(),
                    norm_value: 2f64.powi(n as i32),
                    norm_upper: None,
                    norm_unit: "x".into(),
                    kind: Kind::Multiple,
                    qualifier: Qualifier::Exact,
                    chinese: true,
                },
            ));
        }
    }
    // Sign: 负3.9%, -2.3% (not the dash of a range or a date).
    let mut start = s;
    if norm[..s].ends_with('负') {
        num.negative = true;
        start = s - '负'.len_utf8();
    } else if let Some(c @ ('-' | '−')) = before {
        let before_sign = prev_char(norm, s - c.len_utf8());
        if !before_sign.is_some_and(|b| b.is_ascii_alphanumeric() || b == '%' || is_run_like(b)) {
            num.negative = true;
            start = s - c.len_utf8();
        }
    }
    // 上百, 上千, 上万: a lower bound.
    let mut shang = false;
    if norm[..s].ends_with('上')
        && num.text.starts_with(['百', '千', '万'])
        && !num.text.contains(|c: char| c.is_ascii_digit())
    {
        shang = true;
        start = s - '上'.len_utf8();
    }
    let unit_end = num.end + unit.map_or(0, |u| u.written.len());
    let mut end = unit_end;

    // A unit glued to a longer word (`14亿人口`: 人 is the start of 人口) is not a unit.
    if let Some(u) = unit {
        let (us, ue) = (base + cursor.at(num.end), base + cursor.at(unit_end));
        let glued = window(tokens, us, ue + 1).iter().any(|t| {
            t.start >= us
                && t.start < ue
                && t.end > ue
                && !is_numeric_pos(t.pos)
                && segmenter.has_word(t.word)
        });
        if glued && u.written.chars().count() == 1 {
            if num.number.chinese {
                return None;
            }
            unit = None;
            end = num.end;
        }
    }
    // Compound units (元/吨, 微克/立方米, 亿千瓦时/年) and measure words the lexicon lacks but the
    // segmenter tags as quantifiers: kept as written.
    let mut extra: Option<(String, Kind, String)> = None;
    if let Some((len, text)) = compound_unit(&norm[num.end..], unit) {
        end = num.end + len;
        extra = Some((text.clone(), Kind::Other, text));
    } else if unit.is_none() {
        let at = base + cursor.at(num.end);
        if let Some(t) = tokens.iter().find(|t| t.start == at) {
            let n = t.word.chars().count();
            if t.pos == "q"
                && (1..=2).contains(&n)
                && t.word.chars().all(is_cjk)
                && match_not_quantity(t.word).is_none()
            {
                end = num.end + t.word.len();
                extra = Some((t.word.to_string(), Kind::Count, t.word.to_string()));
            }
        }
    }
    // Chinese numerals inside a word (统一, 进一步, 二七区, 一次性) are not numbers.
    if num.number.chinese || num.text.starts_with(|c: char| !c.is_ascii_digit()) {
        let (cs, ce) = (base + cursor.at(s), base + cursor.at(end));
        let inside_word = window(tokens, cs, ce + 1).iter().any(|t| {
            let straddles_start = t.start < cs && t.end > cs;
            let straddles_end = t.start < ce && t.end > ce;
            (straddles_start || straddles_end) && !is_numeric_pos(t.pos)
        });
        if inside_word {
            return None;
        }
        if in_short_quote(norm, s, end) {
            return None;
        }
    }

    // Ranges: 6%－6.5%, 6-6.5%, 6至7%, 1000—1200万吨.
    let mut upper: Option<(Num, Option<&'static Unit>)> = None;
    if let Some(c) = next_char(norm, end)
        && RANGE_CONNECTORS.contains(&c)
    {
        let p = end + c.len_utf8();
        let p = if c == '—' && norm[p..].starts_with('—') {
            p + '—'.len_utf8()
        } else {
            p
        };
        if let Some(m2) = RUN.find_at(norm, p).filter(|m| m.start() == p)
            && let Some((n2, u2)) = number_and_unit(norm, m2.start(), m2.end())
        {
            let after2 = &norm[n2.end..];
            let date = match_not_quantity(after2)
                .is_some_and(|w| u2.is_none_or(|u| u.written.len() <= w.len()));
            if date {
                return None;
            }
            let units_agree = match (unit, u2) {
                (Some(a), Some(b)) => a.written == b.written,
                (None, Some(_)) => true,
                (Some(_), None) => true,
                (None, None) => false,
            };
            if units_agree && !next_char(norm, n2.end).is_some_and(|c| c.is_ascii_alphabetic()) {
                upper = Some((n2, u2));
            }
        }
    }

    if let Some((n2, u2)) = upper {
        let unit = u2.or(unit)?;
        // The upper bound's multiplier applies to a bare lower bound: 1000—1200万吨.
        let m2 = multiplier_of(norm, &n2);
        let m1 = multiplier_of(norm, &num);
        let lo_raw = if m1 == Dec::int(1) && m2 != Dec::int(1) {
            num.number.value.checked_mul(m2)?
        } else {
            num.number.value
        };
        let lo = apply_unit(lo_raw, num.negative, unit)?;
        let hi = apply_unit(n2.number.value, n2.negative, unit)?;
        if lo > hi {
            return None;
        }
        let range_end = n2.end + u2.map_or(0, |u| u.written.len());
        let value = norm[start..n2.value_end].to_string();
        return Some((
            start..range_end,
            Mention {
                start: 0,
                end: 0,
                value,
                unit: format!("{}{}", &norm[n2.value_end..n2.end], unit.written),
                norm_value: lo,
                norm_upper: Some(hi),
                norm_unit: unit.norm.to_string(),
                kind: unit.kind,
                qualifier: Qualifier::Range,
                chinese: num.number.chinese || n2.number.chinese,
            },
        ));
    }

    let (kind, norm_unit, value) = match (unit, extra) {
        (_, Some((_, kind, norm_unit))) => (
            kind,
            norm_unit,
            signed(num.number.value, num.negative).to_f64(),
        ),
        (Some(u), None) => {
            // A lone Chinese 一 before a measure word is an article: 一批, 一个, 一次.
            if num.number.chinese && !shang && num.text == "一" && is_article_count(u) {
                return None;
            }
            (
                u.kind,
                u.norm.to_string(),
                apply_unit(num.number.value, num.negative, u)?,
            )
        }
        (None, None) => {
            let kind = bare_kind(norm, start, &num)?;
            let v = signed(num.number.value, num.negative).to_f64();
            match kind {
                Kind::Currency => (Kind::Currency, "CNY".to_string(), v),
                k => (k, String::new(), v),
            }
        }
    };
    let qualifier = if num.number.vague == Vagueness::MoreThan {
        Qualifier::MoreThan
    } else if shang {
        Qualifier::AtLeast
    } else {
        qualifier_around(norm, start, end, |byte, w| {
            // A qualifier must not be the tail of a word: 节约 is not 约, 最近 is not 近.
            prev_char(norm, byte).is_none_or(|c| {
                let from = byte - c.len_utf8();
                !segmenter.has_word(&norm[from..byte + w.len()])
            })
        })
    };
    Some((
        start..end,
        Mention {
            start: 0,
            end: 0,
            value: norm[start..num.value_end].to_string(),
            unit: norm[num.value_end..end].to_string(),
            norm_value: value,
            norm_upper: None,
            norm_unit,
            kind,
            qualifier,
            chinese: num.number.chinese,
        },
    ))
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Words that may follow `/` in a compound unit besides lexicon units.
const PER_WORDS: &[&str] = &[
    "小时", "年", "月", "日", "天", "秒", "分钟", "人", "户", "次", "亩",
];

/// A compound unit at the start of `after`: the unit already matched (or 1–4 CJK characters)
/// then `/` then a unit or a time word. Returns its byte length and text.
fn compound_unit(after: &str, unit: Option<&'static Unit>) -> Option<(usize, String)> {
    let a_len = match unit {
        Some(u) => u.written.len(),
        None => after
            .char_indices()
            .take_while(|&(i, c)| is_cjk(c) && i < 12)
            .map(|(i, c)| i + c.len_utf8())
            .last()?,
    };
    let rest = after[a_len..].strip_prefix('/')?;
    let b = match_unit(rest).map(|u| u.written).or_else(|| {
        PER_WORDS
            .iter()
            .copied()
            .filter(|w| rest.starts_with(w))
            .max_by_key(|w| w.len())
    })?;
    let len = a_len + 1 + b.len();
    Some((len, after[..len].to_string()))
}

/// The tokens overlapping characters `from..to` (tokens are sorted and contiguous).
fn window<'t, 'a>(tokens: &'t [Token<'a>], from: usize, to: usize) -> &'t [Token<'a>] {
    let lo = tokens.partition_point(|t| t.end <= from);
    let hi = tokens.partition_point(|t| t.start < to);
    &tokens[lo..hi.max(lo)]
}

fn is_run_like(c: char) -> bool {
    super::number::is_run_char(c)
}

fn is_numeric_pos(pos: &str) -> bool {
    matches!(pos, "m" | "mq" | "q" | "x" | "eng")
}

fn multiplier_of(norm: &str, n: &Num<'_>) -> Dec {
    let mut d = Dec::int(1);
    for c in norm[n.value_end..n.end].chars() {
        d = d
            .checked_mul(match c {
                '万' => Dec::int(10_000),
                '亿' => Dec::int(100_000_000),
                '千' => Dec::int(1000),
                '百' => Dec::int(100),
                _ => Dec::int(1),
            })
            .unwrap_or(d);
    }
    d
}

fn signed(v: Dec, negative: bool) -> Dec {
    if negative { v.negated() } else { v }
}

fn apply_unit(v: Dec, negative: bool, unit: &Unit) -> Option<f64> {
    Some(signed(v.checked_mul(unit.factor)?, negative).to_f64())
}

/// What a number with no unit is, if anything: a large bare figure (`14亿`, money after 投资),
/// or an index value after 指数 and the like. Bare small integers are markers or names.
fn bare_kind(norm: &str, start: usize, num: &Num<'_>) -> Option<Kind> {
    if num.number.chinese && !num.number.multiplier {
        let only_big = num.text.chars().any(|c| matches!(c, '万' | '亿'));
        if !only_big
            || num
                .text
                .chars()
                .any(|c| !(c.is_ascii_digit() || "万亿.".contains(c)))
        {
            return None;
        }
    }
    let clause_start = norm[..start]
        .rfind([',', '，', '；', ';', '。', '：', ':', '、'])
        .map_or(0, |i| {
            i + norm[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &norm[clause_start..start];
    if num.number.multiplier {
        if MONEY_WORDS.iter().any(|w| clause.contains(w)) {
            return Some(Kind::Currency);
        }
        return Some(Kind::Number);
    }
    // An index value: 综合指数5.36, 指数为5.36.
    let lead = clause
        .trim_end_matches([' ', '为', '是', '达', '到', '至'])
        .trim_end_matches("保持在")
        .trim_end_matches("降至");
    let lead = lead.trim_end_matches(['为', '达', '到']);
    let linked = clause.ends_with(['到', '为', '至', '达']) && num.text.contains('.');
    let year_month = num.text.len() <= 7
        && (num.text.starts_with("19") || num.text.starts_with("20"))
        && num.text.find('.') == Some(4);
    if (INDEX_WORDS.iter().any(|w| lead.ends_with(w)) || linked)
        && !year_month
        && is_clause_boundary(next_char(norm, num.end))
    {
        return Some(Kind::Number);
    }
    None
}

fn qualifier_around(
    norm: &str,
    start: usize,
    end: usize,
    begins_word: impl FnMut(usize, &str) -> bool,
) -> Qualifier {
    let mut begins_word = begins_word;
    let after = &norm[end..];
    for (w, q) in AFTER_QUALIFIERS {
        if after.starts_with(w) {
            return *q;
        }
    }
    let before = norm[..start].trim_end();
    for (w, q) in BEFORE_QUALIFIERS {
        if before.ends_with(w) && begins_word(before.len() - w.len(), w) {
            return *q;
        }
    }
    Qualifier::Exact
}

/// Fractions: 三分之一, 千分之五, 百分之三十六点五 (as percentages).
fn fraction(norm: &str, s: usize, e: usize) -> Option<Found> {
    let den_text = &norm[s..e];
    let den = match den_text {
        "百" => Dec::int(100),
        "千" => Dec::int(1000),
        "万" => Dec::int(10_000),
        _ => parse_number(den_text)?.value,
    };
    let p = e + "分之".len();
    let m = RUN.find_at(norm, p).filter(|m| m.start() == p)?;
    let (num_end, num, _) = parse_run(norm, m.start(), m.end())?;
    if den.is_zero() {
        return None;
    }
    let value = if den == Dec::int(100) {
        num.value.to_f64()
    } else {
        let v = num.value.checked_mul(Dec::int(100))?.to_f64() / den.to_f64();
        (v * 1e6).round() / 1e6
    };
    let unit = if den == Dec::int(100) {
        "百分之"
    } else {
        ""
    };
    let start = s;
    let end = num_end;
    let qualifier = qualifier_around(norm, start, end, |_, _| true);
    Some((
        start..end,
        Mention {
            start: 0,
            end: 0,
            value: if den == Dec::int(100) {
                norm[m.start()..num_end].to_string()
            } else {
                norm[start..end].to_string()
            },
            unit: unit.to_string(),
            norm_value: value,
            norm_upper: None,
            norm_unit: "%".into(),
            kind: Kind::Percent,
            qualifier,
            chinese: true,
        },
    ))
}

/// True when `norm[s..e]` sits inside a short quoted phrase with other words (“五个一”, “三个二七”):
/// a slogan, not a figure.
fn in_short_quote(norm: &str, s: usize, e: usize) -> bool {
    const OPEN: &[char] = &['“', '「', '『', '"', '‘'];
    const CLOSE: &[char] = &['”', '」', '』', '"', '’'];
    let before: Vec<char> = norm[..s].chars().rev().take(10).collect();
    let Some(open) = before
        .iter()
        .position(|c| OPEN.contains(c) || CLOSE.contains(c))
    else {
        return false;
    };
    if !OPEN.contains(&before[open]) {
        return false;
    }
    let after: Vec<char> = norm[e..].chars().take(10).collect();
    let Some(close) = after
        .iter()
        .position(|c| OPEN.contains(c) || CLOSE.contains(c))
    else {
        return false;
    };
    CLOSE.contains(&after[close]) && open + close > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, normalize};

    static SEG: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

    /// (text, norm_value, norm_upper, norm_unit, kind, qualifier) of every mention in `text`.
    type Found = (String, f64, Option<f64>, String, &'static str, &'static str);

    fn found(text: &str) -> Vec<Found> {
        let doc = Document::from_text("t", text);
        crate::extract::extract(&doc, &SEG)
            .into_iter()
            .map(|r| {
                (
                    r.text,
                    r.norm_value,
                    r.norm_upper,
                    r.norm_unit,
                    r.kind.as_str(),
                    r.qualifier.as_str(),
                )
            })
            .collect()
    }

    fn one(text: &str, span: &str, value: f64, unit: &str, qualifier: &str) {
        let all = found(text);
        let hit = all.iter().find(|m| m.0 == span);
        let Some(m) = hit else {
            panic!("{span} not found in {text}: {all:?}");
        };
        assert!(
            (m.1 - value).abs() < 1e-6 * value.abs().max(1.0),
            "{span}: {} != {value}",
            m.1
        );
        assert_eq!(m.3, unit, "{span} unit");
        assert_eq!(m.5, qualifier, "{span} qualifier");
    }

    fn none(text: &str, trap: &str) {
        let all = found(text);
        assert!(
            !all.iter()
                .any(|m| m.0.contains(trap) || trap.contains(m.0.as_str())),
            "{trap} reported in {text}: {all:?}"
        );
    }

    #[test]
    fn arabic_forms() {
        one(
            "地区生产总值完成340.64亿元。",
            "340.64亿元",
            34_064_000_000.0,
            "CNY",
            "exact",
        );
        one(
            "税收1,234.5万元。",
            "1,234.5万元",
            12_345_000.0,
            "CNY",
            "exact",
        );
        one("新增市场主体1，234户。", "1，234户", 1234.0, "户", "exact");
        one("增长３．６８％。", "３．６８％", 3.68, "%", "exact");
        one("出口增长-2.3%。", "-2.3%", -2.3, "%", "exact");
        one(
            "社会消费品零售总额增长负3.9%。",
            "负3.9%",
            -3.9,
            "%",
            "exact",
        );
    }

    #[test]
    fn chinese_forms() {
        one("建成两千三百户。", "两千三百户", 2300.0, "户", "exact");
        one(
            "总额一千五百五十九亿元。",
            "一千五百五十九亿元",
            155_900_000_000.0,
            "CNY",
            "exact",
        );
        one("共二百七十个。", "二百七十个", 270.0, "个", "exact");
        one("实施十五项。", "十五项", 15.0, "项", "exact");
        one("新建一百零五所。", "一百零五所", 105.0, "所", "exact");
        one(
            "比重达百分之三十六点五。",
            "百分之三十六点五",
            36.5,
            "%",
            "exact",
        );
        one("设立壹佰万元基金。", "壹佰万元", 1e6, "CNY", "exact");
    }

    #[test]
    fn mixed_and_large() {
        one("新增1.2万人。", "1.2万人", 12_000.0, "人", "exact");
        one("总量6.66万亿元。", "6.66万亿元", 6.66e12, "CNY", "exact");
        one("吸纳3万4000人。", "3万4000人", 34_000.0, "人", "exact");
        one(
            "改造25万6千平方米。",
            "25万6千平方米",
            256_000.0,
            "m2",
            "exact",
        );
        one(
            "安排1亿2000万元。",
            "1亿2000万元",
            120_000_000.0,
            "CNY",
            "exact",
        );
        one("装机50万千瓦。", "50万千瓦", 500_000.0, "kW", "exact");
        one("新建道路52千米。", "52千米", 52.0, "km", "exact");
    }

    #[test]
    fn fractions_and_multiples() {
        one("覆盖三分之一的村。", "三分之一", 100.0 / 3.0, "%", "exact");
        one("降到千分之五。", "千分之五", 0.5, "%", "exact");
        one("降到万分之三。", "万分之三", 0.03, "%", "exact");
        one("占百分之五十。", "百分之五十", 50.0, "%", "exact");
        one("减少三成。", "三成", 30.0, "%", "exact");
        one("增长3倍。", "3倍", 3.0, "x", "exact");
        one("提高一倍。", "一倍", 1.0, "x", "exact");
        one("力争翻一番。", "翻一番", 2.0, "x", "exact");
        one("实现翻两番。", "翻两番", 4.0, "x", "exact");
    }

    #[test]
    fn vague_and_bounded() {
        one("吸引十几万人。", "十几万人", 100_000.0, "人", "more_than");
        one("投入数十亿元。", "数十亿元", 1e9, "CNY", "more_than");
        one("完成500多亿元。", "500多亿元", 5e10, "CNY", "more_than");
        one("建成620多万套。", "620多万套", 6.2e6, "套", "more_than");
        one("筹集1000余万元。", "1000余万元", 1e7, "CNY", "more_than");
        one("培育上百家企业。", "上百家", 100.0, "家", "at_least");
        one("约30亿元。", "30亿元", 3e9, "CNY", "approx");
        one("近1.2万党员。", "1.2万", 12_000.0, "", "approx");
        one("增长6%左右。", "6%", 6.0, "%", "approx");
        one("超过5000家。", "5000家", 5000.0, "家", "more_than");
        one("突破100亿元。", "100亿元", 1e10, "CNY", "more_than");
        one(
            "城镇新增就业1100万人以上。",
            "1100万人",
            1.1e7,
            "人",
            "at_least",
        );
        one("不低于2个。", "2个", 2.0, "个", "at_least");
        one("控制在5.5%以内。", "5.5%", 5.5, "%", "at_most");
        one("不超过3%。", "3%", 3.0, "%", "at_most");
        one("低于4%。", "4%", 4.0, "%", "less_than");
        one("不到1000人。", "1000人", 1000.0, "人", "less_than");
    }

    #[test]
    fn ranges() {
        let r = found("增长6%－6.5%。");
        assert_eq!(r[0].0, "6%－6.5%");
        assert_eq!((r[0].1, r[0].2), (6.0, Some(6.5)));
        assert_eq!(r[0].5, "range");
        for (text, span) in [
            ("增长6-6.5%。", "6-6.5%"),
            ("增长6%到6.5%。", "6%到6.5%"),
            ("增长6至7%。", "6至7%"),
        ] {
            let r = found(text);
            assert_eq!(r.len(), 1, "{text}: {r:?}");
            assert_eq!((r[0].0.as_str(), r[0].5), (span, "range"));
        }
        let r = found("产量1000—1200万吨。");
        assert_eq!(r[0].0, "1000—1200万吨");
        assert_eq!((r[0].1, r[0].2), (1e7, Some(1.2e7)));
        assert_eq!(r[0].3, "t");
    }

    #[test]
    fn units() {
        one("下降0.5个百分点。", "0.5个百分点", 0.5, "pp", "exact");
        one(
            "实际利用外资1.2亿美元。",
            "1.2亿美元",
            1.2e8,
            "USD",
            "exact",
        );
        one("3283名机关干部。", "3283名", 3283.0, "人", "exact");
        one("服务47万人次。", "47万人次", 470_000.0, "人次", "exact");
        one("造林2.3万亩。", "2.3万亩", 23_000.0, "mu", "exact");
        one(
            "节约12万吨标准煤。",
            "12万吨标准煤",
            120_000.0,
            "tce",
            "exact",
        );
        one("新增光伏3兆瓦。", "3兆瓦", 3000.0, "kW", "exact");
        one("发电8亿千瓦时。", "8亿千瓦时", 8e8, "kWh", "exact");
        one("污水处理费1.35元/吨。", "1.35元/吨", 1.35, "元/吨", "exact");
        one("空气质量综合指数5.36,排名第一。", "5.36", 5.36, "", "exact");
        one("城乡居民收入比缩小到2.01。", "2.01", 2.01, "", "exact");
        one("我国有近14亿人口。", "14亿", 1.4e9, "", "approx");
    }

    #[test]
    fn dates_and_times_are_not_quantities() {
        for (text, trap) in [
            ("2020年经济增长。", "2020"),
            ("8月6日召开会议。", "8"),
            ("一九八二年以来。", "一九八二"),
            ("于2020-08-06发布。", "2020"),
            ("于2020-08-06发布。", "08"),
            ("上午9时开会。", "9"),
            ("1-6月完成投资。", "1-6"),
            ("2021-2025年规划。", "2021"),
            ("截至2023.3底。", "2023.3"),
        ] {
            none(text, trap);
        }
    }

    #[test]
    fn ordinals_and_markers_are_not_quantities() {
        for (text, trap) in [
            ("第二次全体会议。", "二次"),
            ("第十四届人民代表大会。", "十四"),
            ("十六届政府召开。", "十六"),
            ("区委十一届十次全会。", "十次"),
            ("按照省委十一届十次、十一次全会部署。", "十次"),
            ("首届博览会。", "首"),
            ("一、疫情防控取得成果。", "一"),
            ("（二）民生保障。", "二"),
            ("1 千方百计 把底线筑牢", "1"),
            ("1. 稳增长", "1"),
            ("排名第一。", "一"),
            ("入选第二批试点。", "二批"),
        ] {
            none(text, trap);
        }
    }

    #[test]
    fn names_slogans_codes_and_words_are_not_quantities() {
        for (text, trap) in [
            ("二七区召开会议。", "二七"),
            ("十三五时期。", "十三五"),
            ("十四五规划。", "十四五"),
            ("扎实做好六稳工作。", "六"),
            ("打好三大攻坚战。", "三"),
            ("共建一带一路。", "一"),
            ("落细“五个一”措施。", "五个"),
            ("推进“三个二七”建设。", "三个"),
            ("一环十横十纵。", "十"),
            ("引导七一三等企业。", "七一三"),
            ("PM2.5浓度下降。", "2.5"),
            ("建成5G基站。", "5"),
            ("创建3A景区。", "3"),
            ("4A级景区。", "4"),
            ("嫦娥四号发射。", "四"),
            ("桃园路47号。", "47"),
            ("国道318线。", "318"),
            ("一般公共预算收入。", "一"),
            ("进一步深化改革。", "一"),
            ("统一规划。", "一"),
            ("一样重要。", "一"),
            ("万众创新。", "万"),
            ("千方百计稳就业。", "千"),
            ("万科集团。", "万"),
            ("推出一批项目。", "一批"),
            ("收入一度下降。", "一度"),
            ("重点抓好四个方面工作。", "四个"),
        ] {
            none(text, trap);
        }
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "●上半年，\r\n全区完成３４０．６４亿元，增长7.4%。";
        let doc = Document::from_text("t", text);
        let chars: Vec<char> = text.chars().collect();
        let recs = crate::extract::extract(&doc, &SEG);
        assert_eq!(recs.len(), 2);
        for r in recs {
            let s: String = chars[r.start..r.end].iter().collect();
            assert_eq!(s, r.text);
        }
        assert_eq!(normalize("３４０．６４"), "340.64");
    }

    #[test]
    fn value_and_unit_are_reported_as_written() {
        let doc = Document::from_text("t", "比重达百分之三十六点五，增长５％和5%，出口增长５％。");
        let got: Vec<(String, String, String)> = crate::extract::extract(&doc, &SEG)
            .into_iter()
            .map(|r| (r.text, r.value, r.unit))
            .collect();
        let want = [
            ("百分之三十六点五", "三十六点五", "百分之"),
            ("５％", "５", "％"),
            ("5%", "5", "%"),
            ("５％", "５", "％"),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str()), w);
        }
    }

    #[test]
    fn pathological_input_finishes() {
        let digits = "9".repeat(10_000_000);
        assert!(found(&digits).is_empty());
        let wan = "万".repeat(100_000);
        assert!(found(&wan).is_empty());
    }
}
