//! A clause that names nothing (`，后来又追加了八十亿元`, `，人均增加1680元`) is about what the
//! clause before it in the same sentence names, when that clause only names something: a topic
//! standing alone (`基本建设投资总额，…`), the thing of a modifier clause (`每人在三百元以上的大队，
//! 1979年有1622个`), a subject before a prepositional phrase (`油料在…的基础上，又增长17%`), or
//! what a change acts on (`提高企业退休人员基本养老金，…`, `养老金标准继续提高，…`). The figure
//! before, in an earlier clause, is not looked past: the caller refers back to it.

use super::indicator::{Clause, only_skipped};
use super::phrase::{noun_like, phrase_before};
use super::{Attribution, Sentence};
use crate::extract::mention::Mention;
use crate::segment::Token;

/// Tokens that say when or how much, not what: numerals, adverbs, adjectives, times, marks.
fn minor(t: &Token<'_>) -> bool {
    matches!(t.pos, "m" | "d" | "a" | "ad" | "t" | "x")
}

/// Frame words that name no indicator by themselves.
fn frame_word(w: &str) -> bool {
    matches!(w, "比重" | "占比" | "水平" | "情况" | "方面" | "基础")
}

/// The previous clause of the sentence (start and end characters) and its tokens, when the
/// clause of mention `m` names nothing itself.
fn previous_clause<'s, 't>(
    sent: &'s Sentence<'_, 't>,
    m: &Mention,
    c: &Clause<'_>,
) -> Option<(usize, usize, &'s [Token<'t>])> {
    // 今年2月修订计划时减少为: the nouns of a clause saying when name nothing.
    let lead = sent
        .tokens
        .iter()
        .filter(|t| t.start >= c.start && t.end <= m.start);
    let after_when = lead
        .clone()
        .rfind(|t| t.word == "时")
        .map_or(c.start, |t| t.end);
    let named_here = lead
        .filter(|t| t.start >= after_when)
        .any(|t| noun_like(t.pos) && !only_skipped(t.word));
    if c.start <= sent.base || named_here {
        return None;
    }
    let end = c.start - 1;
    let start = sent.clause_start(end);
    let lo = sent.tokens.partition_point(|t| t.start < start);
    let hi = sent.tokens.partition_point(|t| t.end <= end);
    Some((start, end, sent.tokens.get(lo..hi)?))
}

/// The name a topic clause gives: the clause is one noun phrase (after words saying when), or
/// `…的` and a noun phrase ending it — the figures before it in the sentence, if any, stand in
/// that modifier (`每人在三百元以上的大队`). Or it opens with its subject before a preposition
/// (`油料在…的基础上`), and has no figure.
pub(super) fn topic(
    sent: &Sentence<'_, '_>,
    m: &Mention,
    c: &Clause<'_>,
    out: &[Attribution],
) -> Option<String> {
    let (start, end, toks) = previous_clause(sent, m, c)?;
    let last_figure = out.len().checked_sub(1).map(|j| sent.mentions[j].end);
    if last_figure.is_some_and(|e| e <= start) {
        return None;
    }
    let from = last_figure.map_or(start, |e| e.max(start));
    let ok = |n: &String| n.chars().count() >= 2 && !frame_word(n) && !only_skipped(n);
    // 油料在连续三年大增产的基础上: the subject before a preposition.
    let lead = toks.iter().take_while(|t| noun_like(t.pos)).count();
    if last_figure.is_none()
        && lead > 0
        && toks
            .get(lead)
            .is_some_and(|t| t.pos == "p" && matches!(t.word, "在" | "由于" | "随着" | "经过"))
    {
        let name: String = toks[..lead].iter().map(|t| t.word).collect();
        return ok(&name).then_some(name);
    }
    // 支持有条件的机构拓展…功能: a clause opening with a verb says what is done, it is no topic;
    // nor one ending in an idiom (任务全面完成/l), a predicate whatever its tag.
    let opening = toks.iter().find(|t| t.start >= from && !minor(t));
    let closing = toks.iter().rev().find(|t| t.end <= end && t.pos != "x");
    if opening.is_some_and(|t| t.pos == "v") || closing.is_some_and(|t| matches!(t.pos, "l" | "i"))
    {
        return None;
    }
    let mut items = phrase_before(sent.tokens, from, end);
    let name = items.pop().filter(|_| items.is_empty())?;
    let raw = sent.offsets.between(from, end);
    let text = raw.trim();
    let before = text.strip_suffix(name.as_str())?;
    // What stands before the phrase: nothing but words saying when, or a modifier ending in 的.
    let gap = raw.chars().take_while(|c| c.is_whitespace()).count();
    let name_start = from + gap + before.chars().count();
    let when_only = toks
        .iter()
        .filter(|t| t.start >= from && t.end <= name_start)
        .all(minor);
    let modifier = before.ends_with('的');
    // 提高企业退休人员基本养老金: a verb and its object are no topic.
    let opens_with_verb = toks
        .iter()
        .find(|t| t.start >= name_start)
        .is_none_or(|t| t.pos == "v");
    if opens_with_verb {
        return None;
    }
    (ok(&name) && (when_only || modifier) && (last_figure.is_none() || modifier)).then_some(name)
}

/// 提高企业退休人员基本养老金，人均增加1680元 and 养老金标准继续提高，年人均提高2556元: after a
/// clause that has no figure and only says that something changed (a change cue and what it
/// changes, adverbs aside), what changed.
pub(super) fn changed(
    sent: &Sentence<'_, '_>,
    m: &Mention,
    c: &Clause<'_>,
    out: &[Attribution],
) -> Option<String> {
    if !out.is_empty() {
        return None;
    }
    let (start, end, toks) = previous_clause(sent, m, c)?;
    let first = toks.iter().position(|t| !minor(t))?;
    let last = toks.iter().rposition(|t| !minor(t))?;
    let change = |t: &Token<'_>| super::cue::is_change_word(t.word);
    let (from, to) = if change(&toks[first]) && first < last {
        (toks[first].end, end)
    } else if change(&toks[last]) && first < last {
        // 标准继续提高, 养老金连续5年增加: at most two words say how between the name and its cue.
        let name_end = toks[..last].iter().rposition(|t| noun_like(t.pos))?;
        if toks[name_end + 1..last]
            .iter()
            .filter(|t| !minor(t))
            .count()
            > 2
        {
            return None;
        }
        // 今年的商品库存不但没有减少: words saying when, and 的, may open the clause.
        let opening = toks.iter().position(|t| !minor(t) && t.word != "的")?;
        (toks[opening].start.max(start), toks[name_end].end)
    } else {
        return None;
    };
    let name = phrase_before(sent.tokens, from, to).into_iter().next()?;
    // The phrase must be all the clause names: it starts where the text after the cue (or the
    // clause) does.
    let text = sent.offsets.between(from, to).trim_start();
    (text.starts_with(name.as_str()) && name.chars().count() >= 2).then_some(name)
}

/// 2147个县实施城镇居民社会养老保险试点，1334万人参保: when figure `j` opens the clause before
/// the clause `c` of a figure that counts something else, what that clause does to its object
/// (the noun phrase after its verb) is what the later figure counts the takers of.
pub(super) fn object(sent: &Sentence<'_, '_>, j: usize, c: &Clause<'_>) -> Option<String> {
    let p = &sent.mentions[j];
    let end = c.start.checked_sub(1)?;
    // Only the figure's own clause stands between: a comma or semicolon would end it.
    if p.end > end
        || sent
            .offsets
            .between(p.end, end)
            .contains(['，', '；', ',', ';'])
    {
        return None;
    }
    let lo = sent.tokens.partition_point(|t| t.start < p.end);
    let hi = sent.tokens.partition_point(|t| t.end <= end);
    let toks = sent.tokens.get(lo..hi)?;
    let verb = toks.iter().position(|t| t.pos == "v")?;
    let from = toks[verb].end;
    let mut items = phrase_before(sent.tokens, from, end);
    let name = items.pop().filter(|_| items.is_empty())?;
    let text = sent.offsets.between(from, end).trim();
    (text == name && name.chars().count() >= 2).then_some(name)
}
