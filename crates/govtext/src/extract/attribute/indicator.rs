//! The indicator of a mention that opens a clause (or follows a figure of its own clause): the
//! noun phrase at the cue (before it, or between it and the number); for a count, the noun phrase
//! right after the measure word (`3283名机关干部`); failing both, the previous mention's.

use super::cue::Found as Cue;
use super::ellipsis::split_on_he;
use super::list;
use super::object::{counted_object, is_money};
use super::phrase::{phrase_after, phrase_before};
use super::previous;
use super::{Attribution, DocState, List, Sentence};
use crate::extract::mention::Mention;
use crate::extract::text::is_cjk;
use crate::extract::unit::Kind;
use crate::segment::Token;

/// The clause before a mention, as attribution reads it.
pub(super) struct Clause<'a> {
    /// First character of the clause.
    pub start: usize,
    /// Names stop here: the clause start, or the end of the clause's previous figure.
    pub floor: usize,
    /// Text from the clause start to the mention.
    pub lead: &'a str,
    /// The cue nearest before the mention.
    pub cue: Option<Cue>,
    /// The clause's tokens before the mention.
    pub tokens: std::ops::Range<usize>,
    /// The measure found so far.
    pub measure: &'static str,
}

/// The indicator of mention `k`; records the list of noun phrases it opens.
pub(super) fn named(
    sent: &Sentence<'_, '_>,
    k: usize,
    c: &Clause<'_>,
    out: &[Attribution],
    list: &mut Option<List>,
    state: &DocState,
) -> Option<String> {
    let m = &sent.mentions[k];
    if let Some(name) = compared_to_average(sent, k, c, out) {
        return Some(name);
    }
    let (mut ind, mut items) = by_phrase(sent, m, c);
    if items.len() <= 1 {
        ind = ind.map(|i| known_name(sent, &subject_text(sent, m, c), i));
    }
    // 地区生产总值连续迈上4个万亿元台阶、达14.2万亿元: the name before 达 is the previous figure's
    // object; the clause goes on about its subject.
    if k > 0
        && ind.is_some()
        && ind == out[k - 1].indicator
        && let Some(subject) = subject_of_object(sent, k - 1, m, out)
    {
        ind = Some(subject);
        items = Vec::new();
    }
    // 设立壹佰万元困难群众临时救助基金: no name before, the thing funded or built follows.
    let verb_only = ind.as_deref().is_some_and(|i| {
        sent.tokens[c.tokens.clone()]
            .iter()
            .any(|t| t.word == i && t.pos == "v")
    });
    if (ind.is_none() || verb_only)
        && let Some(after) = phrase_after(sent.tokens, m.end, sent.clause_end(m.end))
    {
        ind = Some(after);
    }
    if ind.is_none() && c.cue.is_none() {
        ind = raw_name(sent.offsets.between(c.floor, m.start));
    }
    // 参合/v率/v达到99.2%: a short name before the cue, whatever its tags.
    if ind.is_none()
        && let Some((i, _, _)) = c.cue
    {
        let cs = sent.offsets.char(sent.offsets.byte(c.start) + i);
        let raw = raw_name(sent.offsets.between(c.floor, cs));
        ind = raw
            .clone()
            .filter(|r| short_raw_name(r))
            .or_else(|| raw.and_then(|r| known_suffix(sent, &r)));
    }
    let previous_list = list.take();
    let n = list::figures_in_list(sent, k);
    if ind.is_none() {
        // A clause with no subject refers back: to the same position of the previous list
        // (`A、B分别达到x、y，分别增长z、w`), to the figures before it one by one (`A x，B y，
        // 分别增长z、w`), else to the previous indicator.
        if let Some((_, prev_items)) = previous_list.filter(|(_, it)| it.len() > 1) {
            ind = prev_items.first().cloned();
            items = prev_items;
        } else if let Some(names) = list::previous_names(out, n) {
            ind = names.first().cloned();
            items = names;
        } else {
            ind = refer_back(sent, m, c, out, state);
            // 城镇居民人均可支配收入和农村居民人均纯收入，分别增长x和y: a joined name referred
            // back to may pair with the figures.
            if items.is_empty() {
                items.extend(ind.clone());
            }
        }
    }
    // A list of figures whose names did not pair: read them on characters, or split a compound.
    if n > 1
        && let Some(names) = list::names_for(&items, &subject_text(sent, m, c), n, c.lead)
    {
        ind = names.first().cloned();
        items = names;
    }
    // `A和B分别为x和y`: a phrase joined by 和 splits when the figures that follow pair with it.
    if let Some(parts) = split_on_he(&items, next_continues(sent, k)) {
        ind = parts.first().cloned();
        items = parts;
    }
    if let Some(before) = ind.as_deref().and_then(|i| named_before(sent, k, i, out)) {
        ind = before;
    }
    if items.len() > 1 {
        *list = Some((k, items));
    }
    ind
}

/// A name that only points at the figure before (`Some` of what to use instead, maybe nothing):
/// 扣除留抵退税因素后增长4.2% — the named factor is excluded, the subject is before; 建成过江通道
/// 4座、在建8座 — a stage of building names no thing, the figure counts the thing of the figure
/// before it, in the same unit.
fn named_before(
    sent: &Sentence<'_, '_>,
    k: usize,
    name: &str,
    out: &[Attribution],
) -> Option<Option<String>> {
    if name.ends_with("因素") || name.ends_with("影响") {
        return Some(out.last().and_then(|p| p.indicator.clone()));
    }
    let same_unit = k > 0 && sent.mentions[k - 1].unit == sent.mentions[k].unit;
    if same_unit && is_stage_phrase(name) {
        let thing = out[k - 1].indicator.as_deref().and_then(without_stage)?;
        return Some(Some(thing.to_string()));
    }
    None
}

/// `name` without the stages of building at its end (城镇保障性住房基本建成 → 城镇保障性住房,
/// 重大项目开工 → 重大项目); `None` when nothing else is left (基本建成, 建成投产).
fn without_stage(name: &str) -> Option<&str> {
    let rest = strip_stages(name);
    (rest.chars().count() >= 2).then_some(rest)
}

/// `name` without the stage words (and 基本, 全部) it ends with.
fn strip_stages(name: &str) -> &str {
    let mut rest = name;
    loop {
        let before = rest;
        for w in ["基本", "全部"] {
            rest = rest.strip_suffix(w).unwrap_or(rest);
        }
        for n in [3, 2] {
            let cut = rest.char_indices().rev().nth(n - 1).map(|(i, _)| i);
            if let Some(i) = cut.filter(|&i| is_stage_word(&rest[i..])) {
                rest = &rest[..i];
            }
        }
        if rest == before {
            return rest;
        }
    }
}

/// A name made only of stage words: 新开工建设, 基本建成.
fn is_stage_phrase(name: &str) -> bool {
    !name.is_empty() && strip_stages(name).is_empty()
}

/// Words for a stage of building or registering something, which alone name nothing (在建,
/// 新登记: `dict/stage_words.tsv`).
fn is_stage_word(w: &str) -> bool {
    static STAGES: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| crate::extract::dict::STAGE_WORDS.word_set());
    STAGES.contains(w)
}

/// `民间投资增速高于全国3.7个百分点`, `增长6.2%、高于全国平均0.3个百分点`: a figure set against the
/// average is about the name before the comparison, or the figure before's when none stands there.
fn compared_to_average(
    sent: &Sentence<'_, '_>,
    k: usize,
    c: &Clause<'_>,
    out: &[Attribution],
) -> Option<String> {
    let lead = c.lead.trim_end();
    // The comparison is the last 于 of the lead, after 高 低 快 慢 好 优 (one search, every figure
    // asks).
    let yu = lead.rfind('于')?;
    let at = yu.checked_sub('高'.len_utf8())?;
    let comparing = lead
        .get(at..yu)
        .is_some_and(|w| w.starts_with(['高', '低', '快', '慢', '好', '优']));
    if !comparing {
        return None;
    }
    let verb = &lead[at..yu + '于'.len_utf8()];
    let base = lead[at + verb.len()..].trim_start_matches(['全', '国', '省', '市']);
    let base = base.trim_start_matches("平均").trim_start_matches("水平");
    if !base.is_empty() || lead.len() == at + verb.len() {
        return None;
    }
    let cs = sent.offsets.char(sent.offsets.byte(c.start) + at);
    let before = phrase_before(sent.tokens, c.floor, cs);
    match before.first() {
        Some(name) if before.len() == 1 => Some(name.clone()),
        Some(_) => None,
        None => k.checked_sub(1).and_then(|j| out[j].indicator.clone()),
    }
}

/// True when text opens with a predicate (开展职业技能培训, 发放贷款): the lexicon's longer name
/// would pull the verb into the indicator.
fn opens_with_verb(text: &str) -> bool {
    let head = |n: usize| text.chars().take(n).collect::<String>();
    (2..=3).any(|n| super::object::is_predicate(&head(n))) || head(2) == "改造"
}

/// Longest characters back from the name in `subject` that the lexicon knows: the tags may cut a
/// name it holds (可/再生能源发电量 → 可再生能源发电量).
fn known_name(sent: &Sentence<'_, '_>, subject: &str, name: String) -> String {
    let Some(at) = subject.rfind(name.as_str()) else {
        return name;
    };
    let end = at + name.len();
    // Up to 8 characters back; the longest known name wins.
    let starts: Vec<usize> = subject[..at].char_indices().map(|(i, _)| i).collect();
    let window = &starts[starts.len().saturating_sub(8)..];
    window
        .iter()
        .find(|&&s| {
            // 新设外商投资企业: 新设 and the like make names (RECORDS.md keeps 新设外资企业).
            let extra = &subject[s..at];
            sent.lexicon.is_synonym(&subject[s..end])
                && (!opens_with_verb(extra) || extra.starts_with('新'))
        })
        .map_or(name, |&s| subject[s..end].to_string())
}

/// The noun phrase naming the mention: after a count, at the cue, or before the figure; with the
/// items of a list.
fn by_phrase(
    sent: &Sentence<'_, '_>,
    m: &Mention,
    c: &Clause<'_>,
) -> (Option<String>, Vec<String>) {
    let tokens = sent.tokens;
    // What follows a count, a physical quantity (`700万吨露天矿`, `26公里供水管网`) or money
    // named as such (`109亿元资金`) is its object.
    // 裁减军队员额20万的任务: a frame word after 的 is no object (13项任务 is one).
    let end = sent.clause_end(m.end);
    let framed = sent.offsets.between(m.end, end).starts_with('的');
    let object = counted_object(tokens, m.end, end)
        .filter(|o| !(framed && matches!(o.as_str(), "任务" | "目标" | "水平" | "规模")));
    let object = object.filter(|o| match m.kind {
        Kind::Count | Kind::Number => true,
        Kind::Mass | Kind::Length | Kind::Area | Kind::Volume | Kind::Energy | Kind::Power => true,
        Kind::Currency => is_money(o),
        // 覆盖80%以上的大城市: a share of what follows; 民营经济贡献了四成以上的税收: the part is
        // the subject.
        Kind::Percent => {
            super::cue::of_object(sent.offsets.between(m.end, sent.clause_end(m.end)))
                && !c.lead.contains("贡献")
                && !c.lead.contains('占')
        }
        _ => false,
    });
    if let Some(after) = object {
        return (Some(after), Vec::new());
    }
    let lead_base = sent.offsets.byte(c.start);
    let cue_start = c.cue.map(|(i, _, _)| sent.offsets.char(lead_base + i));
    let cue_end = c
        .cue
        .map(|(i, w, _)| sent.offsets.char(lead_base + i + w.len()));
    // 出口额是上年的2倍: the name stands before 是.
    let end = match super::cue::multiple_of(c.lead).filter(|_| m.kind == Kind::Multiple) {
        Some(at) => sent.offsets.char(lead_base + at),
        None => m.start,
    };
    let items = match (cue_start, cue_end) {
        (Some(cs), Some(ce)) => at_cue(sent, m, c, cs, ce),
        _ => phrase_before(tokens, c.floor, end),
    };
    let mut ind = items.first().cloned();
    // 经济增长预期目标为7%: the target's name stands before the word 目标.
    if let (Some(i), Some(cs)) = (ind.clone(), cue_start)
        && matches!(
            i.as_str(),
            "预期目标" | "目标" | "预期" | "主要预期目标" | "主要目标"
        )
    {
        let np_start = cs.saturating_sub(i.chars().count());
        if let Some(b) = phrase_before(tokens, c.floor, np_start).last() {
            ind = Some(format!("{b}{i}"));
        }
    }
    (ind, items)
}

/// The noun phrases at a cue from character `cs` to `ce`.
fn at_cue(
    sent: &Sentence<'_, '_>,
    m: &Mention,
    c: &Clause<'_>,
    cs: usize,
    ce: usize,
) -> Vec<String> {
    let (tokens, lead) = (sent.tokens, c.lead);
    let lead_base = sent.offsets.byte(c.start);
    let begins_token = |i: usize| {
        let ch = sent.offsets.char(lead_base + i);
        tokens.binary_search_by_key(&ch, |t| t.start).is_ok()
    };
    let mid = phrase_before(tokens, ce.max(c.floor), m.start);
    // A share (and a change of a share) is about the part named before 占 / 比重.
    let share_word = ["占", "比重", "占比"]
        .iter()
        .filter_map(|w| lead.find(w).filter(|&i| begins_token(i)))
        .min();
    // 社会物流总费用与地区生产总值的比率: a ratio of X to Y is about X.
    let ratio_of = ["的比率", "之比", "的比值", "的比例"]
        .iter()
        .find_map(|w| lead.find(w))
        .and_then(|r| lead[..r].rfind(['与', '同']).filter(|&y| begins_token(y)));
    if let Some(y) = ratio_of {
        let at = sent.offsets.char(lead_base + y);
        let items = before_cue(tokens, c.floor, at);
        if !items.is_empty() {
            return items;
        }
    }
    if let Some(i) = share_word.filter(|_| c.measure == "share" || lead.contains("比重")) {
        // 服务业在国内生产总值中的比重: the part stands before 在.
        let i = lead[..i]
            .rfind('在')
            .filter(|&z| lead[z..i].contains('中'))
            .unwrap_or(i);
        let at_share = sent.offsets.char(lead_base + i);
        let mut items = before_cue(tokens, c.floor, at_share);
        if c.measure == "change" && lead.contains("比重") {
            for it in &mut items {
                it.push_str("比重");
            }
        }
        items
    } else if c.measure == "share" || mid.is_empty() {
        // 新增支出140亿元: a short name between the cue and the figure, whatever its tags.
        let raw = raw_name(sent.offsets.between(ce, m.start)).filter(|r| short_raw_name(r));
        match raw {
            Some(r) if c.measure != "share" && !only_skipped(&r) => vec![r],
            _ => before_cue(tokens, c.floor, cs),
        }
    } else if mid.iter().all(|i| is_target_word(i)) {
        // 经济增长预期目标6.5%: the target's name is before the cue.
        before_cue(tokens, c.floor, cs)
    } else {
        mid
    }
}

/// No noun phrase by POS: a short run of text is the name (政协委员提案, 办结率).
fn raw_name(text: &str) -> Option<String> {
    // 其中 (of which) and a leading conjunction are not part of the name; 中 alone is (中央财政).
    let raw = text.trim_start_matches(|c: char| !is_cjk(c));
    // １９７９年有: the 年 of a year is no part of a name.
    let raw = match raw.strip_prefix(['年', '月', '日']) {
        Some(r) if raw.len() < text.len() => r,
        _ => raw,
    };
    let raw = raw.strip_prefix("其中").unwrap_or(raw);
    let raw = raw.strip_prefix(['和', '及', '与']).unwrap_or(raw);
    // 办结率均100%, 单桩功率最高120千瓦, 去年又人均提高: adverbs before the figure are not the name.
    let mut raw = raw;
    while let Some(r) = [
        "人均", "均", "都", "又", "再", "也", "还", "有", "可能", "可", "将", "预计", "最高",
        "最低", "最多", "最大", "全部",
    ]
    .iter()
    .find_map(|w| raw.strip_suffix(w))
    {
        raw = r;
    }
    let n = raw.chars().count();
    ((2..=12).contains(&n) && raw.chars().all(is_cjk)).then(|| raw.to_string())
}

/// The previous indicator (of the sentence, else of the document when the clause is not the
/// sentence's first); a change in points after a share is a change of that share.
fn refer_back(
    sent: &Sentence<'_, '_>,
    m: &Mention,
    c: &Clause<'_>,
    out: &[Attribution],
    state: &DocState,
) -> Option<String> {
    let last = out.len().checked_sub(1);
    if let Some(j) = last.filter(|&j| counts_other_thing(sent, j, m, out)) {
        return previous::object(sent, j, c);
    }
    let ind = last
        .and_then(|j| subject_of_object(sent, j, m, out))
        .or_else(|| previous::topic(sent, m, c, out))
        .or_else(|| out.last().and_then(|p| p.indicator.clone()))
        .or_else(|| previous::changed(sent, m, c, out))
        .or_else(|| state.last_indicator.clone().filter(|_| c.start > sent.base));
    let after_share = out.last().is_some_and(|p| p.measure == "share");
    if after_share && m.kind == Kind::PercentagePoint {
        return ind.map(|i| i + "比重");
    }
    ind
}

/// 2147个县实施…试点，1334万人参保: figure `j` counts the thing written right after it (县) and
/// `m` counts another (人), so `m` is not about that thing.
fn counts_other_thing(sent: &Sentence<'_, '_>, j: usize, m: &Mention, out: &[Attribution]) -> bool {
    let p = &sent.mentions[j];
    let Some(name) = out[j].indicator.as_deref() else {
        return false;
    };
    p.kind == Kind::Count
        && m.kind == Kind::Count
        && p.norm_unit != m.norm_unit
        && sent
            .offsets
            .between(p.end, sent.clause_end(p.end))
            .starts_with(name)
}

/// True when mention `k + 1` continues a list after mention `k`.
fn next_continues(sent: &Sentence<'_, '_>, k: usize) -> bool {
    let m = &sent.mentions[k];
    sent.mentions.get(k + 1).is_some_and(|n| {
        let gap = sent.offsets.between(m.end, n.start);
        matches!(
            gap.trim_matches(|c: char| c.is_whitespace()),
            "、" | "和" | "及" | "与"
        )
    })
}

/// The text naming a mention's subject: from the clause floor to its cue (or the figure), without
/// a comparison base (`比2020年`, `较上年`).
fn subject_text(sent: &Sentence<'_, '_>, m: &Mention, c: &Clause<'_>) -> String {
    let lead_base = sent.offsets.byte(c.start);
    let end = c
        .cue
        .map_or(m.start, |(i, _, _)| sent.offsets.char(lead_base + i));
    let text = sent.offsets.between(c.floor, end);
    let base = text.char_indices().find(|&(i, ch)| {
        matches!(ch, '比' | '较')
            && text[i + ch.len_utf8()..]
                .starts_with(|n: char| n.is_ascii_digit() || matches!(n, '上' | '去' | '同' | '“'))
    });
    base.map_or(text, |(i, _)| &text[..i]).to_string()
}

/// The noun phrases ending at a cue that starts at char `cs`. A cue fused into a token
/// (`农村贫困人口减少`, `价格涨幅`) leaves the token's head as the end of the name.
fn before_cue(tokens: &[Token<'_>], floor: usize, cs: usize) -> Vec<String> {
    let i = tokens.partition_point(|t| t.end <= cs);
    let Some(t) = tokens.get(i).filter(|t| t.start < cs && t.start >= floor) else {
        return phrase_before(tokens, floor, cs);
    };
    let mut items = phrase_before(tokens, floor, t.end);
    let cut = t.end - cs;
    if let Some(last) = items.last_mut().filter(|l| l.ends_with(t.word)) {
        let keep = last.chars().count() - cut;
        *last = last.chars().take(keep).collect();
    } else {
        // The fused token is no noun by its tag: its head alone names the figure.
        items = vec![t.word.chars().take(cs - t.start).collect()];
    }
    items.retain(|s| s.chars().count() >= 2);
    items
}

/// 预期目标, 目标 …: words that name a goal, not what it is about.
fn is_target_word(w: &str) -> bool {
    matches!(
        w,
        "预期目标" | "目标" | "预期" | "主要预期目标" | "主要目标"
    )
}

/// True when `text` is only words that stand between a name and its figure (人均, 实际, 同比).
pub(super) fn only_skipped(text: &str) -> bool {
    super::phrase::is_skip_word(text)
}

/// When figure `j`'s indicator is the object written right after it (`迈上4个万亿元台阶`), the
/// subject of its clause (`地区生产总值`), which a later figure `m` of another kind continues
/// (`、达14.2万亿元`); a figure of the same kind is about the object (`安排9亿元资金，增加2亿元`).
fn subject_of_object(
    sent: &Sentence<'_, '_>,
    j: usize,
    m: &Mention,
    out: &[Attribution],
) -> Option<String> {
    // 4个万亿元台阶: figures written together share the object; the first one counts it.
    let mut j = j;
    while j > 0
        && out[j - 1].indicator == out[j].indicator
        && sent.mentions[j - 1].end == sent.mentions[j].start
    {
        j -= 1;
    }
    let p = &sent.mentions[j];
    if p.kind == m.kind {
        return None;
    }
    let name = out.get(j)?.indicator.as_deref()?;
    let after = sent.offsets.between(p.end, sent.clause_end(p.end));
    let at = after.find(name)?;
    if after[..at].chars().count() > 5 {
        return None;
    }
    let start = sent.clause_start(p.start);
    let (cue, _) = super::cue::nearest(sent, start, p.start);
    let lead_base = sent.offsets.byte(start);
    let end = cue.map_or(p.start, |(i, _, _)| sent.offsets.char(lead_base + i));
    let floor = match j {
        0 => start,
        _ => sent.mentions[j - 1].end.max(start),
    };
    before_cue(sent.tokens, floor, end)
        .pop()
        .filter(|s| !super::object::is_predicate(s))
}

/// A run of text short and plain enough to be a name: not a clause of its own (由上年的, 回升至,
/// 每人每月, 不到, 不断), not a cue.
fn short_raw_name(r: &str) -> bool {
    r.chars().count() <= 6
        && !r.contains([
            '的', '至', '到', '每', '不', '了', '比', '较', '由', '从', '已', '将',
        ])
        && !super::cue::is_cue_word(r)
        && !only_skipped(r)
}

/// The longest end of `text` that the lexicon knows (行政村生活污水治理率 → 生活污水治理率).
fn known_suffix(sent: &Sentence<'_, '_>, text: &str) -> Option<String> {
    text.char_indices()
        .map(|(i, _)| &text[i..])
        .find(|s| s.chars().count() >= 2 && sent.lexicon.is_synonym(s))
        .map(str::to_string)
}
