//! Counted objects: for a count, what follows the measure word names what is counted
//! (`新建24座环保式公共厕所` → 环保式公共厕所, `197个调整改造项目`, `58名国家级非遗代表性传承人`).
//!
//! The segmenter's parts of speech are unreliable inside such phrases (公立/v, 超市/v, 层次/m,
//! 村/zg), so the reader does not ask every token to be a noun: it reads from the measure word to
//! the first hard stop (a clause break, a preposition, the next figure of a list) and stops early
//! only at a predicate — a verb that follows the object's noun and is not itself followed by a
//! noun (`开始建设`, `新获评`), while a verb between nouns stays (`治理工程`, `验证中心`).

use std::sync::LazyLock;

use super::phrase::noun_like;
use crate::extract::dict;
use crate::segment::Token;

/// Verbs that end an object whatever follows them (`dict/object_words.tsv`).
static PREDICATES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::OBJECT_WORDS.words_tagged(1, "predicate"));

/// Heads that make the phrase after an amount of money its object (资金, 基金, 补贴).
static MONEY_HEADS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::OBJECT_WORDS.words_tagged(1, "money"));

/// True for a verb that is a predicate whatever surrounds it (入选, 实现, 完成).
pub(super) fn is_predicate(word: &str) -> bool {
    PREDICATES.contains(&word)
}

/// True when `object` names money (安排109亿元资金: 资金, 设立100万元救助基金: 救助基金).
pub(super) fn is_money(object: &str) -> bool {
    MONEY_HEADS.iter().any(|h| object.ends_with(h))
}

/// An object longer than [`MAX_CHARS`] cut to its first item (`“老工伤”人员和工亡职工供养亲属` →
/// `“老工伤”人员`), else to its last whole words within the length (its head is at the end).
fn shorten(out: &mut String, bounds: &[usize], first_join: Option<usize>) {
    let chars = |s: &str| s.chars().count();
    if chars(out) <= MAX_CHARS {
        return;
    }
    if let Some(j) = first_join.filter(|&j| j > 0 && chars(&out[..j]) <= MAX_CHARS) {
        out.truncate(j);
        return;
    }
    let from = bounds
        .iter()
        .find(|&&b| b <= out.len() && chars(&out[b..]) <= MAX_CHARS)
        .copied()
        .unwrap_or(out.len());
    out.drain(..from);
}

/// Longest object kept, in characters (its head is at the end).
const MAX_CHARS: usize = 14;

/// The counted object after the figure ending at char offset `start`, not past `limit`.
pub(super) fn counted_object(tokens: &[Token<'_>], start: usize, limit: usize) -> Option<String> {
    let mut i = tokens.partition_point(|t| t.end <= start);
    let mut out = String::new();
    if let Some(t) = tokens.get(i).filter(|t| t.start < start && start < t.end) {
        out = fused_tail(t, start);
        i += 1;
    }
    if out.is_empty() {
        i = skip_fillers(tokens, i, limit);
    }
    let mut has_noun = !out.is_empty();
    let mut kept = out.len();
    // Where tokens start in `out`, and the first joining word: a long object is cut there.
    let (mut bounds, mut first_join) = (Vec::new(), None);
    while let Some(t) = tokens.get(i) {
        if t.start >= limit || hard_stop(tokens, i) {
            break;
        }
        if t.word == "“" {
            // A quoted name inside the object: “四上”企业.
            let close = tokens[i..].iter().take(8).position(|c| c.word == "”");
            let Some(c) = close else { break };
            for q in &tokens[i..=i + c] {
                out.push_str(q.word);
            }
            i += c + 1;
            // The name is the object (10个“二线口岸”) or begins it (“四上”企业); after the
            // object's noun it names something else (服务事项长三角“一卡通办”).
            if !has_noun {
                kept = out.len();
            }
            has_noun = true;
            continue;
        }
        // A distinguishing word (主次, 国家级: b) is followed by what it modifies, whatever its
        // tag (`9条主次干道实现通车`: 干道/v).
        let after_b = i > 0 && tokens[i - 1].pos == "b" && t.pos == "v" && !out.is_empty();
        if after_b && !PREDICATES.contains(&t.word) {
            out.push_str(t.word);
            has_noun = true;
            kept = out.len();
            i += 1;
            continue;
        }
        if has_noun && next_figure(tokens, i) {
            break;
        }
        let verbal = matches!(t.pos, "v" | "vd" | "a" | "ad" | "d");
        if (verbal && !verb_stays(tokens, i, has_noun)) || PREDICATES.contains(&t.word) {
            break;
        }
        if matches!(t.word, "和" | "及" | "与" | "、") && first_join.is_none() {
            first_join = Some(out.len());
        }
        bounds.push(out.len());
        out.push_str(t.word);
        // 三级, 国家级 (b) modify; they are not the head.
        if (noun_like(t.pos) && t.pos != "b") || matches!(t.pos, "zg" | "ng" | "g" | "nt") {
            has_noun = true;
            kept = out.len();
        }
        i += 1;
    }
    // The object ends at its last noun: 采煤沉陷区治理工程, not …开始.
    out.truncate(kept);
    shorten(&mut out, &bounds, first_join);
    (has_noun && !out.is_empty()).then_some(out)
}

/// The tail of a token fused across the measure word (项省 of `40项省科技重大专项`), empty for a
/// qualifier (亿左右 of `1亿左右农业转移人口`) or a join to the next figure (项及 of
/// `12项及第二批14项重点改革`), which are no part of the object.
fn fused_tail(t: &Token<'_>, start: usize) -> String {
    let tail: String = t.word.chars().skip(start - t.start).collect();
    let not_object = matches!(
        tail.as_str(),
        "左右" | "以上" | "以下" | "多" | "余" | "上下" | "及" | "和" | "与"
    );
    if not_object { String::new() } else { tail }
}

/// 5个行政村17.2公里的村巷硬化: a number at token `i` is the next figure, which ends the object
/// (but for a threshold inside it, 100所海拔1500米以上农村学校; 5G is a code, no number).
fn next_figure(tokens: &[Token<'_>], i: usize) -> bool {
    let number = tokens[i]
        .word
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.');
    let threshold = tokens[i + 1..]
        .iter()
        .take(2)
        .any(|n| matches!(n.word, "以上" | "以下"));
    number && !threshold
}

/// True when the verb at token `i` stays in the object: before its noun when a noun comes soon
/// (调整改造项目, 采煤沉陷区); after it only between nouns (治理工程) or joined by 和 to a noun
/// phrase, as a nominal item (供需对接和投融资项目, 民生保障和社会事业项目). A verb of naming or
/// becoming (列为, 评为, 成为) is the predicate (38个县列为试点县).
fn verb_stays(tokens: &[Token<'_>], i: usize, has_noun: bool) -> bool {
    if tokens[i].word.ends_with('为') {
        return false;
    }
    if !has_noun {
        return next_is_noun(tokens, i) || next_is_noun(tokens, i + 1);
    }
    let joined = tokens
        .get(i + 1)
        .is_some_and(|n| matches!(n.word, "和" | "及" | "与"))
        && next_is_noun(tokens, i + 1);
    next_is_noun(tokens, i) || joined
}

/// Skip what stands between a figure and its object: a nested figure, qualifiers, 的.
fn skip_fillers(tokens: &[Token<'_>], mut i: usize, limit: usize) -> usize {
    let mut skipped = 0;
    while let Some(t) = tokens.get(i) {
        let filler = matches!(t.pos, "m" | "q" | "mq" | "uj")
            || matches!(t.word, "以上" | "以下" | "的" | "左右" | "余" | "多");
        if !filler || skipped >= 6 || t.start >= limit {
            break;
        }
        i += 1;
        skipped += 1;
    }
    i
}

/// Where an object cannot go on: a break, a preposition, a conjunction before the next figure.
fn hard_stop(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    if t.is_space() {
        return false;
    }
    let punct = t.pos == "x" && !matches!(t.word, "“" | "”");
    // 在城镇 may come tagged as a name; 在建 is an adjective (在建项目).
    let preposition = t.pos == "p"
        || matches!(t.word, "在" | "被" | "于" | "由" | "把" | "将")
        || (t.word.starts_with(['在', '被']) && !t.word.starts_with("在建"));
    // 19个地级以上市和2个县: the next item of a list of figures.
    let joins_figure = matches!(t.word, "和" | "及" | "与" | "以及" | "、" | "或")
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.pos == "m" || n.word.starts_with(|c: char| c.is_ascii_digit()));
    let particle = matches!(t.pos, "ul" | "uz" | "ug" | "y" | "uv");
    punct || preposition || joins_figure || particle || matches!(t.word, "并" | "而" | "等")
}

/// True when the token after `i` is a noun (not a verbal noun): 治理/工程, 验证/中心.
fn next_is_noun(tokens: &[Token<'_>], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|n| {
        (n.pos.starts_with('n') && n.pos != "nr") || matches!(n.pos, "j" | "nz" | "eng" | "zg")
    })
}

#[cfg(test)]
mod tests {
    use crate::segment::Segmenter;

    /// The object after the first figure of `text`.
    fn object(text: &str, figure: &str) -> Option<String> {
        let seg = Segmenter::new();
        let tokens = seg.tag(text, 0);
        let start = text
            .find(figure)
            .map(|b| text[..b + figure.len()].chars().count())?;
        super::counted_object(&tokens, start, text.chars().count())
    }

    #[test]
    fn objects_after_the_measure_word() {
        for (text, figure, want) in [
            ("新建24座环保式公共厕所。", "24座", "环保式公共厕所"),
            ("启动了197个调整改造项目，", "197个", "调整改造项目"),
            (
                "15个采煤沉陷区治理工程开始建设。",
                "15个",
                "采煤沉陷区治理工程",
            ),
            ("49家三级公立综合医院在考核中", "49家", "三级公立综合医院"),
            ("覆盖21万家“四上”企业，", "21万家", "“四上”企业"),
            ("新培育407个典型镇、2519个典型村。", "2519个", "典型村"),
            ("19个地级以上市和2个县被命名", "19个", "地级以上市"),
            ("新设3所本科层次职业学校，", "3所", "本科层次职业学校"),
            ("11家企业入选全国百强名单。", "11家", "企业"),
            ("实现1亿左右农业转移人口落户，", "1亿", "农业转移人口"),
            ("新建4个“田园”示范基地。", "4个", "“田园”示范基地"),
            ("城区9条主次干道实现通车。", "9条", "主次干道"),
            ("完成了8个行政村12.5公里的村道硬化；", "8个", "行政村"),
            (
                "促成560项供需对接和投融资项目签约，",
                "560项",
                "供需对接和投融资项目",
            ),
        ] {
            assert_eq!(object(text, figure).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn no_object_before_a_break_or_verb() {
        assert_eq!(object("新增企业2492家，", "2492家"), None);
        assert_eq!(object("帮助1.2万人实现就业。", "1.2万人"), None);
    }
}
