//! Noun phrases from the segmenter's tokens: before a cue or a figure (a `、` list of items), and
//! after a figure (a counted object).

use std::sync::LazyLock;

use super::ellipsis::expand_ellipsis;
use crate::extract::dict;
use crate::segment::Token;

/// Words between a name and its figure that belong to neither: basis, qualifiers, time
/// (`dict/skip_words.tsv` and `dict/yoy.tsv`).
static SKIP_SET: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    let skip = dict::SKIP_WORDS.words();
    skip.into_iter().chain(dict::YOY.words()).collect()
});

/// True when `text` is only words that stand between a name and its figure
/// (`dict/skip_words.tsv`, 同比 …: 分别实际, 同比).
pub(super) fn is_skip_word(text: &str) -> bool {
    let mut rest = text;
    while !rest.is_empty() {
        let skipped = rest
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain([rest.len()])
            .filter(|&e| SKIP_SET.contains(&rest[..e]))
            .last();
        match skipped {
            Some(e) => rest = &rest[e..],
            None => return false,
        }
    }
    true
}

/// Parts of speech that may stand in a noun phrase.
pub(super) fn noun_like(pos: &str) -> bool {
    pos.starts_with('n') || matches!(pos, "vn" | "j" | "l" | "eng" | "b" | "an" | "nz" | "i")
}

/// Words joining the items of a phrase.
fn is_join(word: &str) -> bool {
    matches!(word, "、" | "和" | "及" | "与" | "以及")
}

/// Noun phrase (as a list of `、`-separated items) of tokens ending at char offset `end`,
/// not before `floor`. Adverbs and basis words right before `end` are skipped.
pub(super) fn phrase_before(tokens: &[Token<'_>], floor: usize, end: usize) -> Vec<String> {
    let items = phrase_before_once(tokens, floor, end);
    if !items.is_empty() {
        return items;
    }
    // `中欧班列全年开行156列`: the subject stands before a verb that is not a cue.
    let i = tokens.partition_point(|t| t.end <= end);
    let verb = tokens[..i]
        .iter()
        .rev()
        .take_while(|t| t.start >= floor)
        .take(3)
        .find(|t| t.pos == "v" || t.pos == "vd");
    let Some(v) = verb else { return items };
    let mut before = phrase_before_once(tokens, floor, v.start);
    // A verb right after a noun is the phrase's head (政协委员提案, 一般性支出, 二氧化碳排放);
    // after a time word or adverb it is the predicate (中欧班列全年开行).
    let vi = tokens.partition_point(|t| t.start < v.start);
    // A qualifier (超 of 点击量超) or a cue is never a head.
    let head = vi > 0
        && noun_like(tokens[vi - 1].pos)
        && tokens[vi - 1].end == v.start
        && !SKIP_SET.contains(v.word)
        && !matches!(v.word, "超" | "达" | "逾" | "近")
        && !super::cue::is_cue_word(v.word);
    if head && let Some(last) = before.last_mut() {
        last.push_str(v.word);
    } else if is_purpose_head(v.word) && vi > 0 && tokens[vi - 1].word == "的" {
        // 用于“三农”的支出 (支出/v): what is spent on.
        return purpose_phrase(tokens, floor, vi).map_or(before, |p| vec![p]);
    }
    before
}

/// Heads naming only an amount spent on something (`dict/purpose_heads.tsv`).
static PURPOSE_HEADS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| dict::PURPOSE_HEADS.word_set());

fn is_purpose_head(word: &str) -> bool {
    PURPOSE_HEADS.contains(word)
}

/// `X的Y` for the purpose head at token `h` after 的 (`社会保障的资金`): the one noun phrase X
/// before 的, of and its head; `None` when no single phrase stands there.
fn purpose_phrase(tokens: &[Token<'_>], floor: usize, h: usize) -> Option<String> {
    let of = &tokens[h - 1];
    if of.start < floor {
        return None;
    }
    let end = of.start;
    let stop = tokens.partition_point(|t| t.end <= end);
    let part = |t: &Token<'_>| noun_like(t.pos) || matches!(t.word, "“" | "”");
    // A verb modifying the phrase is no part of it (用于社会保障的资金: 用于).
    let mut start = phrase_start(tokens, floor, stop);
    while start < stop && !part(&tokens[start]) {
        start += 1;
    }
    if start == stop || !tokens[start..stop].iter().all(part) {
        return None;
    }
    let mut out: String = tokens[start..stop].iter().map(|t| t.word).collect();
    out.push_str(of.word);
    out.push_str(tokens[h].word);
    Some(out)
}

fn phrase_before_once(tokens: &[Token<'_>], floor: usize, end: usize) -> Vec<String> {
    let stop = skip_fillers(tokens, floor, tokens.partition_point(|t| t.end <= end));
    // 达到5.53万亿元、稳居全国前十强、增长4.8%: a 、 right before names no item; the clause goes
    // on about its subject.
    if stop > 0 && tokens[stop - 1].word == "、" && tokens[stop - 1].start >= floor {
        return Vec::new();
    }
    let mut start = phrase_start(tokens, floor, stop);
    // A phrase may not start with a joining word.
    while start < stop && is_join(tokens[start].word) {
        start += 1;
    }
    // 用于社会保障的资金: what the money is for names it.
    if stop == start + 1
        && start > 0
        && tokens[start - 1].word == "的"
        && is_purpose_head(tokens[start].word)
        && let Some(p) = purpose_phrase(tokens, floor, start)
    {
        return vec![p];
    }
    let mut items = vec![String::new()];
    for (i, t) in tokens.iter().enumerate().take(stop).skip(start) {
        if t.word == "、" && !in_grade_list(tokens, i) {
            items.push(String::new());
        } else {
            items.last_mut().expect("non-empty").push_str(t.word);
        }
    }
    items.retain(|s| !s.is_empty());
    expand_ellipsis(&mut items);
    items
}

/// Skip back from token `i` over what stands between a subject and its verb: 同比, 比上年, 分别,
/// 共, 累计.
fn skip_fillers(tokens: &[Token<'_>], floor: usize, mut i: usize) -> usize {
    i = skip_base(tokens, floor, i);
    while i > 0 {
        let t = &tokens[i - 1];
        if t.start < floor {
            break;
        }
        let always = t.is_space() || SKIP_SET.contains(t.word);
        let year = t.pos == "m" && t.word.len() == 4 && t.word.bytes().all(|c| c.is_ascii_digit());
        // 连续7年保持: a duration between the name and its predicate.
        // 人均月增: 月 and 年 before a predicate say how often, not what.
        let duration = t.pos == "m"
            && (matches!(t.word, "年" | "月")
                || (t.word.bytes().all(|c| c.is_ascii_digit())
                    && tokens.get(i).is_some_and(|n| n.word.starts_with('年'))));
        // 补助标准由每人每年120元, 养老金人均增加: a rate's denominator before the figure.
        let per = (t.word.starts_with('每') && t.word.chars().count() <= 4) || t.word == "人均";
        let skip = per
            || (matches!(t.pos, "d" | "p" | "c" | "uj" | "ul" | "f" | "t" | "r")
                && !noun_like(t.pos))
            || year
            || duration;
        if always || skip {
            i -= 1;
        } else if let Some(j) = (t.word == "时")
            .then(|| when_clause_start(tokens, floor, i - 1))
            .flatten()
        {
            // 修订计划时减少为: a clause saying when, no name.
            i = j;
        } else {
            break;
        }
    }
    i
}

/// The first token of a clause saying when that ends with 时 at token `at` (修订计划时, 调整计划时
/// with 调整计划 one noun): back over its nouns and verbs, at most four, to the verb that opens
/// it or to the time word or clause start before them; `None` when the run is longer or empty.
fn when_clause_start(tokens: &[Token<'_>], floor: usize, at: usize) -> Option<usize> {
    let word =
        |j: usize| tokens[j].start >= floor && (noun_like(tokens[j].pos) || tokens[j].pos == "v");
    let run = (0..at).rev().take_while(|&j| word(j)).take(5).count();
    if run == 0 || run > 4 {
        return None;
    }
    let first = at - run;
    let verb = (first..at).find(|&j| tokens[j].pos == "v");
    Some(verb.unwrap_or(first))
}

/// Skip back over a comparison base before token `i`: 比1—2月, 较上年末, 比2020年.
fn skip_base(tokens: &[Token<'_>], floor: usize, i: usize) -> usize {
    let lo = i.saturating_sub(7);
    let Some(b) = (lo..i)
        .rev()
        .find(|&b| matches!(tokens[b].word, "比" | "较"))
    else {
        return i;
    };
    let timely = tokens[b + 1..i].iter().all(|t| {
        matches!(t.pos, "m" | "x" | "t" | "f" | "q" | "mq")
            || matches!(t.word, "上年" | "去年" | "同期" | "年末" | "年底" | "末")
            || is_plan_period(t.word)
    });
    if timely && tokens[b].start >= floor && b + 1 < i {
        b
    } else {
        i
    }
}

/// A five-year plan's name: 十三五, 十四五 (较“十三五”末).
fn is_plan_period(word: &str) -> bool {
    let c: Vec<char> = word.chars().collect();
    c.len() == 3 && c[0] == '十' && c[2] == '五' && "一二三四五六七八九".contains(c[1])
}

/// The first token of the noun phrase ending before token `stop`.
fn phrase_start(tokens: &[Token<'_>], floor: usize, stop: usize) -> usize {
    let mut start = stop;
    while start > 0 {
        let t = &tokens[start - 1];
        if t.start < floor {
            break;
        }
        // A quoted name inside the phrase: 专精特新“小巨人”企业, “一网通办”事项.
        if matches!(t.word, "”" | "’" | "」") {
            let open = tokens[..start - 1]
                .iter()
                .rposition(|o| matches!(o.word, "“" | "‘" | "「"))
                .filter(|&o| tokens[o].start >= floor && start - 1 - o <= 6);
            if let Some(o) = open {
                start = o;
                continue;
            }
            break;
        }
        let left_noun = start >= 2 && noun_like(tokens[start - 2].pos);
        let after_eng = start >= 2 && matches!(tokens[start - 2].pos, "eng" | "m");
        // 限额以上商贸企业, 4A级景区, 领航级智能工厂.
        let grade = t.word == "级" && (after_eng || left_noun);
        if (matches!(t.word, "以上" | "以下") && left_noun) || grade {
            start -= 1;
            continue;
        }
        if money_threshold(tokens, floor, start, stop) {
            start -= 2;
            continue;
        }
        let ok = noun_like(t.pos)
            || modifier_word(tokens, start, stop)
            || is_join(t.word)
            || (t.pos == "a" && start < stop)
            // 非化石能源: a prefix belongs to the noun after it.
            || (t.pos == "h" && start < stop)
            || (start < stop && in_grade_list(tokens, start))
            || per_period(tokens, start, stop)
            || (t.pos == "m"
                && !matches!(t.word, "年" | "月" | "日")
                && (after_eng || t.word.chars().any(|c| c.is_ascii_alphabetic())));
        // A verb between nouns inside a name (行政审批事项, 污水处理能力), unless a predicate.
        let inner_verb = (two_char_verb(t) || capacity_verb(tokens, start, stop))
            && start < stop
            && start >= 2
            && noun_like(tokens[start].pos)
            && matches!(tokens[start - 2].pos, "n" | "nz" | "vn" | "j" | "b");
        // “三农”支出, 科技投入: money spent, named by what it is spent on, ends the phrase.
        let spent = start == stop
            && start >= 2
            && t.pos == "v"
            && is_purpose_head(t.word)
            && (noun_like(tokens[start - 2].pos) || matches!(tokens[start - 2].word, "”" | "’"));
        if inner_verb || spent {
            start -= 1;
            continue;
        }
        if !ok {
            // One verb may modify the noun after it (入驻企业, 签约项目) when nothing precedes it.
            let modifier = two_char_verb(t)
                && start < stop
                && noun_like(tokens[start].pos)
                && (start < 2 || !noun_like(tokens[start - 2].pos));
            if modifier {
                start -= 1;
                if listed_before(tokens, floor, start, stop) {
                    start -= 1;
                    continue;
                }
                // 污水日处理能力: the name goes on before a period of counting.
                if per_period(tokens, start, stop) {
                    continue;
                }
            }
            break;
        }
        start -= 1;
    }
    start
}

/// 港口通过能力, 货物通过量: a verb of two characters that jieba tagged a preposition, right
/// before 能力 or 量, names a capacity or a volume with it.
fn capacity_verb(tokens: &[Token<'_>], start: usize, stop: usize) -> bool {
    let t = &tokens[start - 1];
    start < stop
        && matches!(tokens[start].word, "能力" | "量")
        && t.pos == "p"
        && t.word.chars().count() == 2
}

/// 污水日处理能力, 港口年吞吐量: 日, 月 or 年 before a capacity or a volume says per how long it
/// is counted, inside the name.
fn per_period(tokens: &[Token<'_>], start: usize, stop: usize) -> bool {
    let capacity = |w: &str| w.ends_with('量') || w.ends_with("能力");
    let head = |i: usize| tokens.get(i).filter(|_| i < stop).map_or("", |t| t.word);
    // Not the 年 of a year (2025年总量).
    let year = start >= 2
        && tokens[start - 2]
            .word
            .ends_with(|c: char| c.is_ascii_digit());
    start > 0
        && !year
        && matches!(tokens[start - 1].word, "日" | "月" | "年")
        && tokens[start - 1].pos == "m"
        && (capacity(head(start))
            || (tokens.get(start).is_some_and(|t| t.pos == "v") && capacity(head(start + 1))))
}

/// `二、三级子公司`: the 、 at token `i` joins two numerals of one grade (a Chinese numeral ending
/// the token before it, a numeral and 级 or 类 opening the token after it), not two items.
fn in_grade_list(tokens: &[Token<'_>], i: usize) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let before = i
        .checked_sub(1)
        .and_then(|b| tokens[b].word.chars().next_back());
    let mut after = tokens.get(i + 1).map_or("", |t| t.word).chars();
    before.is_some_and(|c| NUMERALS.contains(c))
        && after.next().is_some_and(|c| NUMERALS.contains(c))
        && after.next().is_some_and(|c| matches!(c, '级' | '类'))
}

/// A verb of two characters that is no predicate: it may stand inside a name.
fn two_char_verb(t: &Token<'_>) -> bool {
    t.pos == "v" && t.word.chars().count() == 2 && !super::object::is_predicate(t.word)
}

/// 亿元以上项目: token `start - 1` is the 以上 of a threshold of money written without digits,
/// which modifies the noun (a figure with its 以上 before the name, 8000亿元以上、公路投资, is the
/// end of another item).
fn money_threshold(tokens: &[Token<'_>], floor: usize, start: usize, stop: usize) -> bool {
    if start < 2 || start >= stop {
        return false;
    }
    let (t, amount) = (&tokens[start - 1], &tokens[start - 2]);
    let digit_before = start >= 3
        && tokens[start - 3]
            .word
            .ends_with(|c: char| c.is_ascii_digit());
    matches!(t.word, "以上" | "以下")
        && matches!(amount.pos, "m" | "mq")
        && amount.word.ends_with('元')
        && !amount.word.contains(|c: char| c.is_ascii_digit())
        && amount.start >= floor
        && !digit_before
}

/// Token `start - 1` is a time or numeral word modifying the noun at `start`: 现代服务业
/// (现代/t), 三次产业 (三次/m), and an age group (老年医院: 老年/t), not a time.
fn modifier_word(tokens: &[Token<'_>], start: usize, stop: usize) -> bool {
    let t = &tokens[start - 1];
    let age = matches!(
        t.word,
        "老年" | "青年" | "少年" | "中年" | "成年" | "中老年" | "青少年"
    );
    let time = t.pos == "t"
        && (age
            || !t.word.ends_with([
                '年', '月', '日', '季', '期', '末', '初', '底', '在', '前', '后', '来', '时', '今',
            ]));
    let numeral = t.pos == "m"
        && t.word.chars().count() >= 2
        && t.word
            .chars()
            .all(|c| "一二三四五六七八九十两".contains(c) || c == '次');
    start < stop && noun_like(tokens[start].pos) && (time || numeral)
}

/// 新能源汽车、节能家电零售额分别增长…: the list goes on before the item that starts at token
/// `start` when its figures pair with its items (else a 、 may join two clauses:
/// 投放50%以上号源、转诊量增长90%).
fn listed_before(tokens: &[Token<'_>], floor: usize, start: usize, stop: usize) -> bool {
    let paired = tokens[stop..].iter().take(2).any(|t| t.word == "分别");
    paired
        && start >= 2
        && tokens[start - 1].word == "、"
        && noun_like(tokens[start - 2].pos)
        && tokens[start - 1].start >= floor
}

/// Noun phrase right after char offset `start` (a counted object), up to a verb or a break.
pub(super) fn phrase_after(tokens: &[Token<'_>], start: usize, limit: usize) -> Option<String> {
    let mut i = tokens.partition_point(|t| t.start < start);
    // Skip a nested figure and its qualifiers: 2个10亿元以上的高质量项目.
    let mut skipped = 0;
    while let Some(t) = tokens.get(i) {
        let filler = matches!(t.pos, "m" | "q" | "mq" | "uj")
            || matches!(t.word, "以上" | "以下" | "的" | "左右");
        if !filler || skipped >= 6 || t.start >= limit {
            break;
        }
        i += 1;
        skipped += 1;
    }
    let mut out = String::new();
    for t in &tokens[i..] {
        if t.start >= limit {
            break;
        }
        if noun_like(t.pos)
            || (t.pos == "a" && out.is_empty())
            || (t.pos == "v"
                && out.is_empty()
                && t.word.chars().count() == 2
                && tokens_next_noun(tokens, t))
        {
            out.push_str(t.word);
        } else {
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn tokens_next_noun(tokens: &[Token<'_>], t: &Token<'_>) -> bool {
    let i = tokens.partition_point(|x| x.start <= t.start);
    tokens.get(i).is_some_and(|n| noun_like(n.pos))
}
