//! Cues: the cue word nearest before a mention decides the measure (`dict/cues.tsv`): 增长/提高/
//! 下降… make a change, 占/比重 a share, 完成/达到/增加到 or no cue a level; 同比/比上年 make the
//! basis year on year (`dict/yoy.tsv`).

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use super::Sentence;
use crate::extract::dict;
use crate::extract::mention::Mention;
use crate::extract::unit::Kind;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Cue {
    Level,
    Up,
    Down,
    Share,
}

/// Cue word → (word, cue).
static CUE_MAP: LazyLock<FxHashMap<&'static str, (&'static str, Cue)>> = LazyLock::new(|| {
    let cue = |tag: &str| match tag {
        "up" => Cue::Up,
        "down" => Cue::Down,
        "share" => Cue::Share,
        _ => Cue::Level,
    };
    let rows = dict::CUES.rows().into_iter();
    rows.map(|r| (r[0], (r[0], cue(r[1])))).collect()
});

static YOY: LazyLock<dict::WordSet> = LazyLock::new(|| dict::WordSet::new(dict::YOY.words()));

/// The cue nearest before a mention: byte in the clause lead, word and cue.
pub(super) type Found = (usize, &'static str, Cue);

/// The cue nearest before the mention at `end` (longest on ties) within the clause from
/// `clause_start`, matched on whole tokens: 减 of 减免 or 新增 of 新增市场主体 is not a cue; 增加到
/// is 增加 + 到. Also the clause's tokens `lo..hi`.
pub(super) fn nearest(
    sent: &Sentence<'_, '_>,
    clause_start: usize,
    end: usize,
) -> (Option<Found>, std::ops::Range<usize>) {
    let (tokens, norm, at) = (sent.tokens, sent.norm, |c| sent.offsets.byte(c));
    let lead_base = at(clause_start);
    let lo = tokens.partition_point(|t| t.start < clause_start);
    let hi = tokens.partition_point(|t| t.end <= end);
    let lead = &norm[lead_base..at(end)];
    if let Some(found) = right_before(lead) {
        return (Some(to_level(lead, found)), lo..hi);
    }
    for e in (lo..hi).rev() {
        for s in e.saturating_sub(2).max(lo)..=e {
            let w = &norm[at(tokens[s].start)..at(tokens[e].end)];
            if let Some(&(word, cue)) = CUE_MAP.get(w) {
                // 占地, 占用 are not shares.
                let rest = &norm[at(tokens[e].end)..];
                if word == "占" && rest.starts_with(['地', '用']) {
                    continue;
                }
                let found = (at(tokens[s].start) - lead_base, word, cue);
                return (Some(to_level(lead, found)), lo..hi);
            }
        }
    }
    (None, lo..hi)
}

/// True when `text` ends with a cue word (回升, 增长到).
pub(super) fn is_cue_word(text: &str) -> bool {
    text.char_indices()
        .any(|(i, _)| CUE_MAP.contains_key(&text[i..]))
}

/// True for a word that is a change cue by itself (提高, 降低).
pub(super) fn is_change_word(word: &str) -> bool {
    matches!(CUE_MAP.get(word), Some((_, Cue::Up | Cue::Down)))
}

/// A change cue followed by 至/到/为 states the level reached (压缩至0.5个工作日, 下降到2.6%,
/// 减少为三百亿元).
fn to_level(lead: &str, found: Found) -> Found {
    let (i, w, c) = found;
    let after = &lead[(i + w.len()).min(lead.len())..];
    if matches!(c, Cue::Up | Cue::Down) && after.starts_with(['至', '到', '为']) {
        (i, w, Cue::Level)
    } else {
        found
    }
}

/// Words that may stand between a predicate and its figure (了, 分别, 均, qualifiers).
static BETWEEN: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut w = dict::QUALIFIERS.words_tagged(1, "before");
    w.extend(["了", "分别", "均", "共", "总计", "高达", "约为", "为"]);
    w.sort_by_key(|s| std::cmp::Reverse(s.len()));
    w
});

/// The cue standing right before the figure, read on characters so that a cue fused into a
/// dictionary word still counts (`农村贫困人口减少1442万人`, `前置审批精简85%`): the longest cue
/// word the lead ends with, once the words allowed between are stripped.
fn right_before(lead: &str) -> Option<Found> {
    let mut tail = lead.trim_end();
    'strip: loop {
        for w in BETWEEN.iter() {
            if let Some(rest) = tail.strip_suffix(w) {
                tail = rest;
                continue 'strip;
            }
        }
        break;
    }
    // Longest first: 增加到 before 到, 年均增长 before 增长.
    let base = tail.len() - crate::extract::text::last_chars(tail, 4).len();
    tail[base..]
        .char_indices()
        .map(|(i, _)| base + i)
        .find_map(|i| CUE_MAP.get(&tail[i..]).map(|&(w, c)| (i, w, c)))
        .filter(|&(i, w, _)| w.chars().count() >= 2 || single_char_cue(&tail[..i], w))
}

/// 月增200元, 减3% right before the figure: 增 and 减 alone are cues unless they close a word
/// (净增 and 新增 state levels, 倍增 a multiple).
fn single_char_cue(before: &str, w: &str) -> bool {
    matches!(w, "增" | "减") && !before.ends_with(['净', '新', '倍', '递', '激', '骤', '缩', '削'])
}

/// Measure and direction of mention `m` from its clause lead and cue.
pub(super) fn measure(
    lead: &str,
    after: &str,
    m: &Mention,
    best: Option<Found>,
) -> (&'static str, Option<&'static str>) {
    let cue = best.map(|(_, _, c)| c);
    let (mut meas, mut dir) = match cue {
        Some(Cue::Up) => ("change", Some("up")),
        Some(Cue::Down) => ("change", Some("down")),
        Some(Cue::Share) => ("share", None),
        Some(Cue::Level) | None => ("level", None),
    };
    // 年均增长保持在6.5%以上: growth kept at a rate is still a change.
    static RATE_CUES: LazyLock<dict::WordSet> = LazyLock::new(|| {
        dict::WordSet::new([
            "增速",
            "增幅",
            "涨幅",
            "降幅",
            "增长保持",
            "增长稳定",
            "增长控制",
        ])
    });
    if meas == "level"
        && let Some(w) = RATE_CUES.first_listed(lead)
    {
        meas = "change";
        dir = Some(if w == "降幅" { "down" } else { "up" });
    }
    // 6.5%－7%的增速: a rate followed by the word for growth is a change.
    if m.kind == Kind::Percent && rate_after(after) {
        return ("change", Some("up"));
    }
    if (is_share(lead, m, cue) || part_of_whole(lead, after, m)) && meas != "change" {
        meas = "share";
        dir = None;
    }
    if m.kind == Kind::Ratio && (lead.contains("比重") || lead.contains("结构")) {
        meas = "share";
    }
    if !matches!(
        m.kind,
        Kind::Percent | Kind::PercentagePoint | Kind::Multiple | Kind::Ratio
    ) && meas == "share"
    {
        meas = "level";
    }
    if m.kind == Kind::Multiple && meas == "level" && multiple_of(lead).is_none() {
        meas = "change";
        dir = Some("up");
    }
    // 改善农村住房超50万户, 农房风貌提升26.4万户: a count of the things improved, not a change
    // of a count (a rank, 排名提升5位, still moves).
    let improved = best.is_some_and(|(_, w, _)| matches!(w, "改善" | "提升"));
    if improved && m.kind == Kind::Count && !matches!(m.unit.as_str(), "位" | "名") {
        return ("level", None);
    }
    (meas, dir)
}

/// `是2010年的2.2倍`, `为上年的3倍`: a multiple of a base, a level. The byte of 是 / 为 in the
/// lead when it ends so (the name, maybe none, stands before it).
pub(super) fn multiple_of(lead: &str) -> Option<usize> {
    let lead = lead.trim_end();
    let at = lead.rfind(['是', '为'])?;
    let base = &lead[at + '是'.len_utf8()..];
    (base.ends_with('的') && base.chars().count() <= 10).then_some(at)
}

/// `的增速`, `的增长`, `的涨幅` right after a percentage.
fn rate_after(after: &str) -> bool {
    let rest = after.trim_start_matches(['以', '上', '下', '左', '右']);
    ["的增速", "的增长", "的涨幅", "的增幅"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// `以上的大城市` after a percentage: the share is of the object that follows.
pub(super) fn of_object(after: &str) -> bool {
    let rest = after.trim_start_matches(['以', '上', '下', '左', '右', '多']);
    // 5.5%左右的目标, 6%的水平: the figure is the goal or level itself, not a part.
    let itself = [
        "目标", "预期", "水平", "幅度", "速度", "区间", "范围", "高位", "增长",
    ]
    .iter()
    .any(|w| rest[rest.find('的').map_or(0, |i| i + '的'.len_utf8())..].starts_with(w));
    rest.starts_with('的') && !rate_after(after) && !itself
}

/// A percentage of a whole by its frame: `80%以上的大城市`, `全国24.1%的增量`, `稳定在全国1/10以上`,
/// `95%以上实行备案管理` (a figure opening its clause, then a verb).
pub(super) fn part_of_whole(lead: &str, after: &str, m: &Mention) -> bool {
    if m.kind != Kind::Percent || m.unit == "‰" || m.value.starts_with("千分之") {
        return false;
    }
    let of_what = of_object(after);
    let of_nation = ["全国", "全省", "全市", "全球", "世界"]
        .iter()
        .any(|w| lead.ends_with(w));
    let opens = lead.trim().is_empty() && after.starts_with(['以']);
    of_what || of_nation || opens
}

/// A percentage that is a part of a whole whatever the cue.
fn is_share(lead: &str, m: &Mention, cue: Option<Cue>) -> bool {
    // 完成年度计划的48.4%, 占…的73.9%, 三分之二的行政村, 九成: parts of a whole.
    let of_whole = lead.ends_with('的')
        && (lead.contains("完成") || lead.contains("达到") || lead.contains('占'));
    // 三分之二的行政村, 四成 are parts; 千分之三, 万分之三 are rates (levels).
    let part_fraction = m.value.contains("分之")
        && !m.value.starts_with("千分之")
        && !m.value.starts_with("万分之");
    // 上云率近六成: a rate that is itself the indicator is a level.
    let of_rate = crate::extract::text::last_chars(lead, 4).contains('率');
    let fraction_alone =
        (m.unit == "成" || part_fraction) && !matches!(cue, Some(Cue::Up | Cue::Down)) && !of_rate;
    m.kind == Kind::Percent
        && (lead.contains("比重")
            || lead.contains("占比")
            || (lead.contains('占') && !lead.contains("占地"))
            || of_whole
            || fraction_alone)
}

/// `yoy` when the lead says 同比, 比上年 …
pub(super) fn basis(lead: &str) -> Option<&'static str> {
    YOY.any_in(lead).then_some("yoy")
}
