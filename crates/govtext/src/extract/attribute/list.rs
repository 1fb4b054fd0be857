//! Lists: mentions joined only by `、` (和 及 与, 分别 为) continue a list: they share the cue and
//! pair in order with a list of noun phrases (`A、B同比增长7.4%、2.3%`).

use super::{Attribution, Head, List, Sentence};

/// When mention `k` continues the list of the previous one: its measure, direction, basis and
/// indicator.
pub(super) fn continued(
    sent: &Sentence<'_, '_>,
    k: usize,
    out: &[Attribution],
    list: &Option<List>,
) -> Option<Head> {
    if k == 0 {
        return None;
    }
    let m = &sent.mentions[k];
    let prev_end = sent.mentions[k - 1].end;
    let between = sent.offsets.between(prev_end, m.start);
    let joined = matches!(
        between.trim_matches(|c: char| c.is_whitespace() || c == '分' || c == '别' || c == '为'),
        "、" | "和" | "及" | "与" | ""
    );
    if !joined || m.start < prev_end {
        return None;
    }
    let p = &out[k - 1];
    let (first, items) = list.clone().unwrap_or((k - 1, Vec::new()));
    let pos = k - first;
    let indicator = if items.len() > pos {
        Some(items[pos].clone())
    } else {
        p.indicator.clone()
    };
    Some((p.measure, p.direction, p.basis, indicator))
}
