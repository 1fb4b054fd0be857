//! Attribution: what each quantity measures (`indicator`, its lexicon id and English label),
//! whether it is a level, a change or a share, up or down, year on year or not, actual or target,
//! and the scope (`subject`) and `period` it is about.
//!
//! The rules read one clause at a time, using the segmenter's tokens:
//! - the *cue* nearest before a mention decides the measure: 增长/提高/下降… make a change,
//!   占/比重 a share, 完成/达到/增加到 or no cue a level;
//! - the indicator is the noun phrase at the cue (before it, or between it and the number); for a
//!   count, the noun phrase right after the measure word (`3283名机关干部`);
//! - mentions joined only by `、` continue a list: they share the cue and pair in order with a list
//!   of noun phrases (`A、B同比增长7.4%、2.3%`);
//! - a clause with no noun phrase refers to the previous mention's indicator (`…完成29.9亿元,同比增长0.82%`);
//! - a sentence is a target when it says so (目标 预期 力争 确保 计划 争取 要 将), when it is in a
//!   paragraph that opened a targets list, or under a heading about plans; figures under a review
//!   heading are outcomes.

use std::sync::LazyLock;

use super::mention::Mention;
use super::unit::Kind;
use crate::segment::Token;

/// The shipped indicator lexicon (`dict/indicators.tsv`).
pub const INDICATORS_TSV: &str = include_str!("../../dict/indicators.tsv");

/// One indicator of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Canonical id (`gdp`, `general_budget_revenue` …).
    pub id: String,
    /// Canonical Chinese name.
    pub name: String,
    /// English label.
    pub en: String,
    /// Chinese synonyms and historical names.
    pub synonyms: Vec<String>,
}

/// The indicator lexicon with a synonym index.
#[derive(Debug, Clone)]
pub struct Lexicon {
    indicators: Vec<Indicator>,
    /// Synonym → index.
    by_synonym: std::collections::HashMap<String, usize>,
}

impl Lexicon {
    /// Parse a lexicon in the TSV format of `dict/indicators.tsv`.
    pub fn parse(tsv: &str) -> Lexicon {
        let mut indicators = Vec::new();
        let mut synonyms = Vec::new();
        for line in tsv.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let i = indicators.len();
            let mut syns: Vec<String> = f[3].split('|').map(str::to_string).collect();
            if !syns.iter().any(|s| s == f[1]) {
                syns.push(f[1].to_string());
            }
            for s in &syns {
                if s.chars().count() >= 2 {
                    synonyms.push((s.clone(), i));
                }
            }
            indicators.push(Indicator {
                id: f[0].to_string(),
                name: f[1].to_string(),
                en: f[2].to_string(),
                synonyms: syns,
            });
        }
        let mut by_synonym = std::collections::HashMap::new();
        for (syn, i) in synonyms {
            by_synonym.entry(syn).or_insert(i);
        }
        Lexicon {
            indicators,
            by_synonym,
        }
    }

    /// The shipped lexicon.
    pub fn shipped() -> &'static Lexicon {
        static LEX: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(INDICATORS_TSV));
        &LEX
    }

    /// Number of indicators.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    /// The indicator a phrase names: the longest synonym the phrase ends with, else the longest
    /// it contains (the head of a Chinese noun phrase is at its end).
    pub fn lookup(&self, phrase: &str) -> Option<&Indicator> {
        let starts: Vec<usize> = phrase.char_indices().map(|(i, _)| i).collect();
        let hit = |s: &str| self.by_synonym.get(s).map(|&i| &self.indicators[i]);
        // Longest suffix first, then the longest contained synonym.
        if let Some(found) = starts.iter().find_map(|&i| hit(&phrase[i..])) {
            return Some(found);
        }
        if starts.len() > 40 {
            return None;
        }
        let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
        ends.push(phrase.len());
        for len in (2..starts.len()).rev() {
            for (k, &i) in starts.iter().enumerate() {
                if let Some(found) = ends.get(k + len - 1).and_then(|&e| hit(&phrase[i..e])) {
                    return Some(found);
                }
            }
        }
        None
    }
}

/// What attribution found for one mention.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribution {
    /// The noun phrase naming what is measured.
    pub indicator: Option<String>,
    /// Lexicon id.
    pub indicator_id: Option<String>,
    /// English label.
    pub indicator_en: Option<String>,
    /// `level`, `change` or `share`.
    pub measure: &'static str,
    /// `up` / `down` for a change.
    pub direction: Option<&'static str>,
    /// `yoy` when written.
    pub basis: Option<&'static str>,
    /// Goal or plan.
    pub target: bool,
    /// Scope when stated.
    pub subject: Option<String>,
    /// Period when stated.
    pub period: Option<String>,
}

/// State carried from sentence to sentence through a document.
#[derive(Debug, Clone, Default)]
pub struct DocState {
    /// Under a heading about plans or targets.
    plan_section: bool,
    /// Paragraph whose targets list is open.
    targets_paragraph: Option<usize>,
    /// Period named by the latest heading.
    heading_period: Option<String>,
    /// The last indicator seen, for clauses without a subject.
    last_indicator: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cue {
    Level,
    Up,
    Down,
    Share,
}

/// Cue words, longest first where they overlap.
const CUES: &[(&str, Cue)] = &[
    ("增加到", Cue::Level),
    ("增长到", Cue::Level),
    ("提高到", Cue::Level),
    ("提升到", Cue::Level),
    ("提高至", Cue::Level),
    ("提升至", Cue::Level),
    ("上升到", Cue::Level),
    ("上升至", Cue::Level),
    ("下降到", Cue::Level),
    ("下降至", Cue::Level),
    ("减少到", Cue::Level),
    ("减少至", Cue::Level),
    ("降低到", Cue::Level),
    ("降低至", Cue::Level),
    ("缩小到", Cue::Level),
    ("缩小至", Cue::Level),
    ("扩大到", Cue::Level),
    ("扩大至", Cue::Level),
    ("增至", Cue::Level),
    ("降至", Cue::Level),
    ("降到", Cue::Level),
    ("达到", Cue::Level),
    ("完成", Cue::Level),
    ("实现", Cue::Level),
    ("累计", Cue::Level),
    ("新增", Cue::Level),
    ("保持在", Cue::Level),
    ("控制在", Cue::Level),
    ("稳定在", Cue::Level),
    ("由", Cue::Level),
    ("从", Cue::Level),
    ("为", Cue::Level),
    ("达", Cue::Level),
    ("年均增长", Cue::Up),
    ("增长", Cue::Up),
    ("增加", Cue::Up),
    ("提高", Cue::Up),
    ("上升", Cue::Up),
    ("上涨", Cue::Up),
    ("提升", Cue::Up),
    ("增速", Cue::Up),
    ("增幅", Cue::Up),
    ("涨幅", Cue::Up),
    ("攀升", Cue::Up),
    ("递增", Cue::Up),
    ("多增", Cue::Up),
    ("扩大", Cue::Up),
    ("下降", Cue::Down),
    ("减少", Cue::Down),
    ("回落", Cue::Down),
    ("降低", Cue::Down),
    ("压减", Cue::Down),
    ("下滑", Cue::Down),
    ("缩减", Cue::Down),
    ("降幅", Cue::Down),
    ("收窄", Cue::Down),
    ("缩小", Cue::Down),
    ("减", Cue::Down),
    ("下调", Cue::Down),
    ("占比", Cue::Share),
    ("比重", Cue::Share),
    ("占", Cue::Share),
];

static CUE_MAP: LazyLock<std::collections::HashMap<&'static str, (&'static str, Cue)>> =
    LazyLock::new(|| CUES.iter().map(|&(w, c)| (w, (w, c))).collect());

const YOY: &[&str] = &[
    "同比",
    "比上年同期",
    "比上年",
    "比去年",
    "较上年",
    "较去年",
    "比前年",
];

const TARGET_WORDS: &[&str] = &[
    "目标", "预期", "力争", "确保", "计划", "争取", "要", "将", "拟", "力求", "努力",
];

const REVIEW_HEADINGS: &[&str] = &[
    "回顾",
    "过去",
    "成绩",
    "成就",
    "进展",
    "成效",
    "上半年",
    "一季度",
    "前三季度",
    "数字看",
    "主要工作",
];
const PLAN_HEADINGS: &[&str] = &[
    "目标",
    "任务",
    "安排",
    "重点工作",
    "工作部署",
    "打算",
    "下半年",
    "总体要求",
    "今后",
    "工作建议",
];

/// Words between a name and its figure that belong to neither: basis, qualifiers, time.
const SKIP_WORDS: &[&str] = &[
    "上年",
    "去年",
    "上年同期",
    "同期",
    "分别",
    "可比",
    "口径",
    "按",
    "突破",
    "超过",
    "约",
    "近",
    "接近",
    "逾",
    "总计",
    "合计",
    "共计",
    "共",
    "其中",
    "比",
    "较",
    "年均",
    "同口径",
    "可比价",
    "全年",
    "年",
    "低于",
    "不到",
    "不足",
    "以内",
    "控制",
    "保持",
    "可比价格",
];

static SKIP_SET: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| SKIP_WORDS.iter().chain(YOY).copied().collect());

/// Heads that only name a total of something said before.
const GENERIC_HEADS: &[&str] = &[
    "总数",
    "总量",
    "数量",
    "总计",
    "总规模",
    "规模",
    "总额",
    "累计",
];

/// Scope words that open a noun phrase.
const SCOPES: &[&str] = &[
    "全区", "全市", "全省", "全国", "全县", "全旗", "全州", "全盟", "全镇",
];

const PERIODS: &[&str] = &[
    "上半年",
    "下半年",
    "全年",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "第一季度",
    "前三季度",
    "今年",
    "去年",
    "上年",
    "过去一年",
    "过去五年",
    "年内",
];

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn noun_like(pos: &str) -> bool {
    pos.starts_with('n') || matches!(pos, "vn" | "j" | "l" | "eng" | "b" | "an" | "nz" | "i")
}

/// Byte offset of each character of `s`, plus the end.
fn char_bytes(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
    v.push(s.len());
    v
}

/// True for a clause boundary inside a sentence.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | '；' | ';' | ':' | '：' | '。' | '！' | '？' | '(' | '（' | ')' | '）'
    )
}

/// Noun phrase (as a list of `、`-separated items) of tokens ending at char offset `end`,
/// not before `floor`. Adverbs and basis words right before `end` are skipped.
fn phrase_before(tokens: &[Token<'_>], floor: usize, end: usize) -> Vec<String> {
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
    let head = vi > 0 && noun_like(tokens[vi - 1].pos) && tokens[vi - 1].end == v.start;
    if head && let Some(last) = before.last_mut() {
        last.push_str(v.word);
    }
    before
}

fn phrase_before_once(tokens: &[Token<'_>], floor: usize, end: usize) -> Vec<String> {
    let mut i = tokens.partition_point(|t| t.end <= end);
    // Skip what stands between a subject and its verb: 同比, 比上年, 分别, 共, 累计.
    while i > 0 {
        let t = &tokens[i - 1];
        if t.start < floor {
            break;
        }
        let always = t.is_space() || SKIP_SET.contains(t.word);
        let year = t.pos == "m" && t.word.len() == 4 && t.word.bytes().all(|c| c.is_ascii_digit());
        let skip = (matches!(t.pos, "d" | "p" | "c" | "uj" | "ul" | "f" | "t" | "r")
            && !noun_like(t.pos))
            || year;
        if always || skip {
            i -= 1;
        } else {
            break;
        }
    }
    let stop = i;
    let mut start = stop;
    while start > 0 {
        let t = &tokens[start - 1];
        if t.start < floor {
            break;
        }
        let joins = matches!(t.word, "、" | "和" | "及" | "与" | "以及");
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
        // 限额以上商贸企业, 4A级景区.
        if (matches!(t.word, "以上" | "以下") && left_noun) || (t.word == "级" && after_eng) {
            start -= 1;
            continue;
        }
        let ok = noun_like(t.pos)
            || joins
            || (t.pos == "a" && start < stop)
            || (t.pos == "m" && (after_eng || t.word.chars().any(|c| c.is_ascii_alphabetic())));
        if !ok {
            // One verb may modify the noun after it (入驻企业, 签约项目) when nothing precedes it.
            let modifier = t.pos == "v"
                && t.word.chars().count() == 2
                && start < stop
                && noun_like(tokens[start].pos)
                && (start < 2 || !noun_like(tokens[start - 2].pos));
            if modifier {
                start -= 1;
            }
            break;
        }
        start -= 1;
    }
    // A phrase may not start with a joining word.
    while start < stop && matches!(tokens[start].word, "、" | "和" | "及" | "与" | "以及") {
        start += 1;
    }
    let mut items = vec![String::new()];
    for t in &tokens[start..stop] {
        if t.word == "、" {
            items.push(String::new());
        } else {
            items.last_mut().expect("non-empty").push_str(t.word);
        }
    }
    items.retain(|s| !s.is_empty());
    expand_ellipsis(&mut items);
    items
}

/// `城镇、农村居民人均可支配收入`: short items borrow the tail of the last, full item.
fn expand_ellipsis(items: &mut [String]) {
    let Some((last, rest)) = items.split_last_mut() else {
        return;
    };
    let last_len = last.chars().count();
    for item in rest {
        let n = item.chars().count();
        if n <= 4 && last_len >= n + 2 {
            let tail: String = last.chars().skip(n).collect();
            item.push_str(&tail);
        }
    }
}

/// Noun phrase right after char offset `start` (a counted object), up to a verb or a break.
fn phrase_after(tokens: &[Token<'_>], start: usize, limit: usize) -> Option<String> {
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

/// Split scope words and period words off the front of an indicator phrase.
fn clean_indicator(
    phrase: &str,
    subject: &mut Option<String>,
    period: &mut Option<String>,
) -> Option<String> {
    let mut p = phrase;
    loop {
        let before = p;
        for s in SCOPES {
            if let Some(rest) = p.strip_prefix(s) {
                subject.get_or_insert_with(|| s.to_string());
                p = rest;
            }
        }
        for s in PERIODS {
            if let Some(rest) = p.strip_prefix(s) {
                period.get_or_insert_with(|| s.to_string());
                p = rest;
            }
        }
        if p == before {
            break;
        }
    }
    let p = p.trim_start_matches(['其', '中']);
    // 经济增长预期目标为7%: the target of X names X.
    let p = ["预期目标", "预期", "目标"]
        .iter()
        .find_map(|w| p.strip_suffix(w).filter(|r| r.chars().count() >= 2))
        .unwrap_or(p);
    (p.chars().count() >= 1).then(|| p.to_string())
}

/// Attribute the mentions of one sentence. `norm` is the normalised sentence, `base` its first
/// character in the document, `paragraph` its paragraph index, `tokens` its segmentation.
pub fn attribute_sentence(
    norm: &str,
    base: usize,
    paragraph: usize,
    tokens: &[Token<'_>],
    mentions: &[Mention],
    state: &mut DocState,
    lexicon: &Lexicon,
) -> Vec<Attribution> {
    let bytes = char_bytes(norm);
    let nchars = bytes.len() - 1;
    let at = |c: usize| bytes[c.saturating_sub(base).min(nchars)];
    let text_between = |a: usize, b: usize| &norm[at(a)..at(b.max(a))];

    heading_state(norm, state, mentions.is_empty());
    if mentions.is_empty() {
        // Only a targets list opened here matters to later sentences of the paragraph.
        if norm.contains("目标是") || norm.contains("目标为") {
            state.targets_paragraph = Some(paragraph);
        }
        return Vec::new();
    }
    // Targets.
    let has_word = |w: &str| tokens.iter().any(|t| t.word == w);
    // 完成年度目标的48%: progress against a target is an outcome, not a target.
    // 全面实现年初确定的主要目标: achieving targets is an outcome too.
    let progress = |w: &str| {
        norm.match_indices(w).all(|(i, _)| {
            let before: String = norm[..i].chars().rev().take(10).collect();
            norm[i + w.len()..].starts_with(['的', '任'])
                || ["现实", "成完", "到达"].iter().any(|v| before.contains(v))
        })
    };
    let mut target = TARGET_WORDS.iter().any(|w| {
        if w.chars().count() == 1 {
            has_word(w)
        } else {
            norm.contains(w) && !progress(w)
        }
    });
    if state.targets_paragraph == Some(paragraph) {
        target = true;
    }
    if norm.contains("目标")
        && (norm.contains("目标是")
            || norm.contains("目标为")
            || norm.contains("目标：")
            || norm.contains("目标:"))
    {
        state.targets_paragraph = Some(paragraph);
        target = true;
    }
    if state.plan_section && !norm.contains("已") {
        target = true;
    }
    // Sentence period.
    // The earliest period named in the sentence (2012年，… 今年 → 2012年), else the heading's.
    let sentence_period = PERIODS
        .iter()
        .filter_map(|p| {
            // 完成全年目标的47.8%: 全年 qualifies the target, not the figure.
            norm.match_indices(p)
                .find(|(i, _)| !norm[i + p.len()..].starts_with(['目', '计', '任']))
                .map(|(i, _)| (i, p.to_string()))
        })
        .chain(year_period(norm))
        .min_by_key(|(i, _)| *i)
        .map(|(_, p)| p)
        .or_else(|| state.heading_period.clone());
    let subject_in_sentence = SCOPES
        .iter()
        .find(|s| norm.contains(*s))
        .map(|s| s.to_string());

    let mut out: Vec<Attribution> = Vec::with_capacity(mentions.len());
    // Lists: (first mention index of the list, noun phrases at its cue).
    let mut list: Option<(usize, Vec<String>)> = None;
    for (k, m) in mentions.iter().enumerate() {
        let clause_start = {
            let lead = &norm[..at(m.start)];
            lead.char_indices()
                .rev()
                .find(|&(_, c)| is_clause_break(c))
                .map_or(base, |(b, c)| {
                    base + norm[..b + c.len_utf8()].chars().count()
                })
        };
        let prev_end = if k > 0 { mentions[k - 1].end } else { base };
        let between = if k > 0 {
            text_between(prev_end, m.start)
        } else {
            ""
        };
        let continues = k > 0
            && matches!(
                between.trim_matches(|c: char| c.is_whitespace()
                    || c == '分'
                    || c == '别'
                    || c == '为'),
                "、" | "和" | "及" | "与" | ""
            )
            && m.start >= prev_end;
        let mut period = sentence_period.clone();
        let mut subject = subject_in_sentence.clone();
        let (measure, direction, basis, indicator);
        if continues {
            let p = &out[k - 1];
            measure = p.measure;
            direction = p.direction;
            basis = p.basis;
            let (first, items) = list.clone().unwrap_or((k - 1, Vec::new()));
            let pos = k - first;
            indicator = if items.len() > pos {
                Some(items[pos].clone())
            } else {
                p.indicator.clone()
            };
        } else {
            let lead = text_between(clause_start, m.start);
            // Names stop at the previous figure of the clause.
            let floor = if k > 0 && prev_end > clause_start {
                prev_end
            } else {
                clause_start
            };
            // Nearest cue before the mention, within the clause.
            let lead_base = at(clause_start);
            let char_of = |byte: usize| base + bytes.partition_point(|&b| b < byte);
            let begins_token = |i: usize| {
                let c = char_of(lead_base + i);
                tokens.binary_search_by_key(&c, |t| t.start).is_ok()
            };
            // The cue nearest before the mention (longest on ties), matched on whole tokens:
            // 减 of 减免 or 新增 of 新增市场主体 is not a cue; 增加到 is 增加 + 到.
            let mut best: Option<(usize, &str, Cue)> = None;
            let lo = tokens.partition_point(|t| t.start < clause_start);
            let hi = tokens.partition_point(|t| t.end <= m.start);
            'ends: for e in (lo..hi).rev() {
                for s in e.saturating_sub(2).max(lo)..=e {
                    let w = &norm[at(tokens[s].start)..at(tokens[e].end)];
                    if let Some(&(word, cue)) = CUE_MAP.get(w) {
                        // 占地, 占用 are not shares.
                        let rest = &norm[at(tokens[e].end)..];
                        if word == "占" && rest.starts_with(['地', '用']) {
                            continue;
                        }
                        best = Some((at(tokens[s].start) - lead_base, word, cue));
                        break 'ends;
                    }
                }
            }
            // 完成年度计划的48.4%, 占…的73.9%, 三分之二的行政村, 九成: parts of a whole.
            let of_whole = lead.ends_with('的')
                && (lead.contains("完成") || lead.contains("达到") || lead.contains('占'));
            // 三分之二的行政村, 四成 are parts; 千分之三, 万分之三 are rates (levels).
            let part_fraction = m.value.contains("分之")
                && !m.value.starts_with("千分之")
                && !m.value.starts_with("万分之");
            let fraction_alone = (m.unit == "成" || part_fraction)
                && !matches!(best.map(|b| b.2), Some(Cue::Up | Cue::Down));
            let share_anywhere = m.kind == Kind::Percent
                && (lead.contains("比重")
                    || lead.contains("占比")
                    || (lead.contains('占') && !lead.contains("占地"))
                    || of_whole
                    || fraction_alone);
            let rate_cue = ["增速", "增幅", "涨幅", "降幅"]
                .iter()
                .find(|w| lead.contains(*w));
            let cue = best.map(|(_, _, c)| c);
            let (mut meas, mut dir) = match cue {
                Some(Cue::Up) => ("change", Some("up")),
                Some(Cue::Down) => ("change", Some("down")),
                Some(Cue::Share) => ("share", None),
                Some(Cue::Level) | None => ("level", None),
            };
            if let Some(w) = rate_cue
                && meas == "level"
            {
                meas = "change";
                dir = Some(if *w == "降幅" { "down" } else { "up" });
            }
            if share_anywhere && meas != "change" {
                meas = "share";
                dir = None;
            }
            if !matches!(
                m.kind,
                Kind::Percent | Kind::PercentagePoint | Kind::Multiple
            ) && meas == "share"
            {
                meas = "level";
            }
            if m.kind == Kind::Multiple && meas == "level" {
                meas = "change";
                dir = Some("up");
            }
            measure = meas;
            direction = dir;
            basis = YOY.iter().any(|w| lead.contains(w)).then_some("yoy");
            // Indicator.
            let cue_start =
                best.map(|(i, _, _)| base + norm[..at(clause_start) + i].chars().count());
            let cue_end =
                best.map(|(i, w, _)| base + norm[..at(clause_start) + i + w.len()].chars().count());
            let mut ind: Option<String> = None;
            let mut items: Vec<String> = Vec::new();
            let count_like = matches!(m.kind, Kind::Count | Kind::Number);
            if count_like {
                ind = phrase_after(tokens, m.end, clause_end(norm, base, m.end, &at));
            }
            if ind.is_none() {
                if let (Some(cs), Some(ce)) = (cue_start, cue_end) {
                    let mid = phrase_before(tokens, ce, m.start);
                    // A share (and a change of a share) is about the part named before 占 / 比重.
                    let share_word = ["占", "比重", "占比"]
                        .iter()
                        .filter_map(|w| lead.find(w).filter(|&i| begins_token(i)))
                        .min();
                    if let Some(i) =
                        share_word.filter(|_| measure == "share" || lead.contains("比重"))
                    {
                        let at_share = base + norm[..lead_base + i].chars().count();
                        items = phrase_before(tokens, floor, at_share);
                        if measure == "change" && lead.contains("比重") {
                            for it in &mut items {
                                it.push_str("比重");
                            }
                        }
                    } else if measure == "share" {
                        items = phrase_before(tokens, floor, cs);
                    } else if !mid.is_empty() {
                        items = mid;
                    } else {
                        items = phrase_before(tokens, floor, cs);
                    }
                } else {
                    items = phrase_before(tokens, floor, m.start);
                }
                ind = items.first().cloned();
                // 经济增长预期目标为7%: the target's name stands before the word 目标.
                if let (Some(i), Some(cs)) = (ind.clone(), cue_start)
                    && matches!(
                        i.as_str(),
                        "预期目标" | "目标" | "预期" | "主要预期目标" | "主要目标"
                    )
                {
                    let np_start = cs.saturating_sub(i.chars().count());
                    if let Some(b) = phrase_before(tokens, floor, np_start).last() {
                        ind = Some(format!("{b}{i}"));
                    }
                }
            }
            // 设立壹佰万元困难群众临时救助基金: no name before, the thing funded or built follows.
            if (ind.is_none()
                || ind
                    .as_deref()
                    .is_some_and(|i| tokens[lo..hi].iter().any(|t| t.word == i && t.pos == "v")))
                && let Some(after) = phrase_after(tokens, m.end, clause_end(norm, base, m.end, &at))
            {
                ind = Some(after);
            }
            if ind.is_none() && best.is_none() {
                // No noun phrase by POS: a short run of text is the name (政协委员提案, 办结率).
                let raw = text_between(floor, m.start)
                    .trim_start_matches(|c: char| !is_cjk(c))
                    .trim_start_matches(['其', '中', '和', '及', '与']);
                let n = raw.chars().count();
                if (2..=12).contains(&n) && raw.chars().all(is_cjk) {
                    ind = Some(raw.to_string());
                }
            }
            let previous_list = list.take();
            if ind.is_none() {
                // A clause with no subject refers back: to the same position of the previous list
                // (`A、B分别达到x、y，分别增长z、w`), else to the previous indicator.
                if let Some((_, prev_items)) = previous_list.filter(|(_, it)| it.len() > 1) {
                    ind = prev_items.first().cloned();
                    items = prev_items;
                } else {
                    ind = out
                        .last()
                        .and_then(|p| p.indicator.clone())
                        .or_else(|| state.last_indicator.clone().filter(|_| clause_start > base));
                    // A change in points after a share is a change of that share.
                    let after_share = out.last().is_some_and(|p| p.measure == "share");
                    if after_share && m.kind == Kind::PercentagePoint {
                        ind = ind.map(|i| i + "比重");
                    }
                }
            }
            // `A和B分别为x和y`: a phrase joined by 和 splits when the figures that follow pair with it.
            let next_continues = mentions.get(k + 1).is_some_and(|n| {
                let gap = text_between(m.end, n.start);
                matches!(
                    gap.trim_matches(|c: char| c.is_whitespace()),
                    "、" | "和" | "及" | "与"
                )
            });
            if items.len() == 1 && next_continues && items[0].contains('和') {
                let mut parts: Vec<String> = items[0].split('和').map(str::to_string).collect();
                expand_ellipsis(&mut parts);
                ind = parts.first().cloned();
                items = parts;
            }
            // 扣除留抵退税因素后增长4.2%: the named factor is excluded, the subject is before.
            if ind
                .as_deref()
                .is_some_and(|i| i.ends_with("因素") || i.ends_with("影响"))
            {
                ind = out.last().and_then(|p| p.indicator.clone());
            }
            if items.len() > 1 {
                list = Some((k, items));
            }
            indicator = ind;
        }
        let mut indicator = indicator.and_then(|i| clean_indicator(&i, &mut subject, &mut period));
        // 经济增长预期目标为7%, 增速达到6%: a rate of growth named as a noun is a change.
        let (mut measure, mut direction) = (measure, direction);
        if m.kind == Kind::Percent
            && measure == "level"
            && indicator.as_deref().is_some_and(|i| {
                ["增长", "增速", "增长速度", "增幅"]
                    .iter()
                    .any(|w| i.ends_with(w))
            })
        {
            measure = "change";
            direction = Some("up");
        }
        // 总数达到146家: a generic head names the previous indicator's total.
        if let Some(i) = &indicator
            && GENERIC_HEADS.contains(&i.as_str())
            && let Some(prev) = out.last().and_then(|p| p.indicator.clone())
            && !prev.ends_with(i.as_str())
        {
            indicator = Some(prev + i);
        }
        let found = indicator.as_deref().and_then(|i| lexicon.lookup(i));
        if indicator.is_some() {
            state.last_indicator = indicator.clone();
        }
        out.push(Attribution {
            indicator_id: found.map(|f| f.id.clone()),
            indicator_en: found.map(|f| f.en.clone()),
            indicator,
            measure,
            direction,
            basis,
            target,
            subject,
            period,
        });
    }
    out
}

fn clause_end(norm: &str, base: usize, from: usize, at: &impl Fn(usize) -> usize) -> usize {
    let b = at(from);
    norm[b..]
        .char_indices()
        .find(|&(_, c)| is_clause_break(c))
        .map_or(base + norm.chars().count(), |(i, _)| {
            from + norm[b..b + i].chars().count()
        })
}

/// `2016年`, `1-6月`, `"十四五"时期` in a sentence, with its byte position.
fn year_period(norm: &str) -> Option<(usize, String)> {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?:19|20)[0-9]{2}年(?:[0-9]{1,2}[-—至~][0-9]{1,2}月)?|[0-9]{1,2}[-—至~][0-9]{1,2}月|“?[十百]?[一二三四五六七八九十]五”?时期")
            .expect("valid regex")
    });
    // 比2002年 names a base for comparison, not the period.
    RE.find_iter(norm)
        .find(|m| !norm[..m.start()].ends_with(['比', '较']))
        .map(|m| (m.start(), m.as_str().to_string()))
}

/// Headings switch between review and plan sections and name a period.
fn heading_state(norm: &str, state: &mut DocState, no_mentions: bool) {
    let len = norm.chars().count();
    let ends_sentence = norm.ends_with(['。', '；', ';', '！', '？', '，', ',']);
    if !no_mentions || len > 40 || ends_sentence {
        return;
    }
    let plan = PLAN_HEADINGS.iter().any(|w| norm.contains(w));
    let review = REVIEW_HEADINGS.iter().any(|w| norm.contains(w));
    if plan && !review {
        state.plan_section = true;
    } else if review {
        state.plan_section = false;
    }
    if let Some(p) = PERIODS.iter().find(|p| norm.contains(*p)) {
        state.heading_period = Some(p.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::segment::Segmenter;

    static SEG: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

    /// (text, indicator, measure, direction, basis, target) per mention.
    type Row = (
        String,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        bool,
    );

    fn rows(text: &str) -> Vec<Row> {
        let doc = Document::from_text("t", text);
        crate::extract::extract(&doc, &SEG)
            .into_iter()
            .map(|r| {
                (
                    r.text,
                    r.indicator,
                    r.measure.map(|m| m.to_string()).unwrap_or_default(),
                    r.direction.map(|d| d.to_string()),
                    r.basis.map(|b| b.to_string()),
                    r.target.unwrap_or(false),
                )
            })
            .collect()
    }

    fn check(text: &str, span: &str, indicator: &str, measure: &str, direction: Option<&str>) {
        let all = rows(text);
        let r = all
            .iter()
            .find(|r| r.0 == span)
            .unwrap_or_else(|| panic!("{span} not in {all:?}"));
        let ind = r.1.as_deref().unwrap_or("");
        assert!(
            ind.contains(indicator),
            "{span}: indicator {ind:?}, want {indicator}"
        );
        assert_eq!(r.2, measure, "{span}: measure");
        assert_eq!(r.3.as_deref(), direction, "{span}: direction");
    }

    #[test]
    fn implicit_subject_from_the_previous_clause() {
        let t = "青禾县一般公共预算收入完成18.6亿元,同比增长3.1%。";
        check(t, "18.6亿元", "一般公共预算收入", "level", None);
        check(t, "3.1%", "一般公共预算收入", "change", Some("up"));
        assert_eq!(rows(t)[1].4.as_deref(), Some("yoy"));
    }

    #[test]
    fn lists_pair_in_order() {
        let t = "规模以上工业增加值、固定资产投资同比增长5.2%、8.7%。";
        check(t, "5.2%", "规模以上工业增加值", "change", Some("up"));
        check(t, "8.7%", "固定资产投资", "change", Some("up"));
        let t = "第一产业增加值、税收收入、社会消费品零售总额分别增长2.1%、4.4%、6.6%。";
        check(t, "2.1%", "第一产业增加值", "change", Some("up"));
        check(t, "4.4%", "税收收入", "change", Some("up"));
        check(t, "6.6%", "社会消费品零售总额", "change", Some("up"));
        let t = "城镇、农村居民人均可支配收入分别达到39,200元、18,450元，分别增长5.6%、7.2%。";
        check(t, "39,200元", "城镇居民人均可支配收入", "level", None);
        check(t, "18,450元", "农村居民人均可支配收入", "level", None);
        check(t, "7.2%", "农村居民人均可支配收入", "change", Some("up"));
    }

    #[test]
    fn from_a_to_b_then_growth() {
        let t = "全县地区生产总值由186.2亿元增加到201.5亿元，比上年增长6.4%。";
        check(t, "186.2亿元", "地区生产总值", "level", None);
        check(t, "201.5亿元", "地区生产总值", "level", None);
        check(t, "6.4%", "地区生产总值", "change", Some("up"));
        assert_eq!(rows(t)[2].4.as_deref(), Some("yoy"));
        let t = "税收收入按可比口径增长4.8%。";
        check(t, "4.8%", "税收收入", "change", Some("up"));
    }

    #[test]
    fn shares_and_rates() {
        let t = "教育支出9.7亿元，占一般公共预算支出的21.3%。";
        check(t, "21.3%", "教育支出", "share", None);
        let t = "数字经济核心产业增加值占地区生产总值比重超过12%。";
        check(t, "12%", "数字经济核心产业增加值", "share", None);
        check("群众满意率达98.2%。", "98.2%", "满意率", "level", None);
        check(
            "森林覆盖率达到41.5%。",
            "41.5%",
            "森林覆盖率",
            "level",
            None,
        );
    }

    #[test]
    fn point_changes_and_decreases() {
        check(
            "城镇调查失业率回落0.3个百分点。",
            "0.3个百分点",
            "城镇调查失业率",
            "change",
            Some("down"),
        );
        check(
            "单位地区生产总值能耗下降3.2%。",
            "3.2%",
            "单位地区生产总值能耗",
            "change",
            Some("down"),
        );
        check(
            "一般性支出压减6%。",
            "6%",
            "一般性支出",
            "change",
            Some("down"),
        );
        check(
            "研发经费投入强度提高0.2个百分点。",
            "0.2个百分点",
            "研发经费投入强度",
            "change",
            Some("up"),
        );
    }

    #[test]
    fn targets_lists_and_plans() {
        let t = "今年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右；\
                 城镇新增就业6000人以上，城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右。";
        let all = rows(t);
        assert_eq!(all.len(), 4);
        assert!(all.iter().all(|r| r.5), "{all:?}");
        check(t, "6%", "地区生产总值", "change", Some("up"));
        check(t, "6000人", "城镇新增就业", "level", None);
        check(t, "5.5%", "城镇调查失业率", "level", None);
        for plan in [
            "力争新增规模以上工业企业20家。",
            "确保粮食产量稳定在35万吨以上。",
            "计划完成投资120亿元。",
        ] {
            assert!(rows(plan).iter().all(|r| r.5), "{plan}");
        }
        for done in ["全年新增规模以上工业企业18家。", "完成年度目标的52.3%。"]
        {
            assert!(rows(done).iter().all(|r| !r.5), "{done}");
        }
    }

    #[test]
    fn review_and_plan_sections() {
        let t =
            "一、2023年工作回顾\n全县新建5G基站320个。\n二、2024年重点工作\n新建5G基站400个。\n";
        let all = rows(t);
        assert_eq!((all[0].5, all[1].5), (false, true), "{all:?}");
    }

    #[test]
    fn counted_objects() {
        check(
            "组织3283名机关干部下沉社区。",
            "3283名",
            "机关干部",
            "level",
            None,
        );
        check("累计帮扶企业2492家。", "2492家", "企业", "level", None);
        check(
            "新增城镇就业1.49万人。",
            "1.49万人",
            "城镇就业",
            "level",
            None,
        );
    }

    #[test]
    fn lexicon_ids_and_synonyms() {
        let lex = Lexicon::shipped();
        assert!(lex.len() >= 80);
        for (phrase, id) in [
            ("地区生产总值", "gdp"),
            ("国内生产总值", "gdp"),
            ("全区生产总值", "gdp"),
            ("公共财政预算收入", "general_budget_revenue"),
            ("地方一般公共预算收入", "general_budget_revenue"),
            ("规上工业增加值", "industrial_value_added_above_size"),
            (
                "城镇居民人均可支配收入",
                "urban_disposable_income_per_capita",
            ),
            (
                "农村居民人均可支配收入",
                "rural_disposable_income_per_capita",
            ),
            ("居民消费价格涨幅", "cpi"),
        ] {
            assert_eq!(
                lex.lookup(phrase).map(|i| i.id.as_str()),
                Some(id),
                "{phrase}"
            );
        }
        assert!(lex.lookup("机关干部").is_none());
    }
}
