//! Shared heads: `城镇、农村居民人均可支配收入` (short items borrow the tail of the last, full
//! item) and `A和B分别为x和y` (a phrase joined by 和 splits when the figures pair with it).

use super::phrase::is_skip_word;
use crate::extract::text::is_cjk;

/// `城镇、农村居民人均可支配收入`: short items borrow the tail of the last, full item.
pub(super) fn expand_ellipsis(items: &mut [String]) {
    let Some((last, rest)) = items.split_last_mut() else {
        return;
    };
    let last_len = last.chars().count();
    for item in rest {
        let n = item.chars().count();
        match tail_after_overlap(item, last) {
            // `省级零碳、近零碳工厂`: the item ends as a part of the last does (零碳), and takes
            // what follows that part (工厂).
            Some(Some(tail)) => {
                item.push_str(tail);
                continue;
            }
            Some(None) => continue,
            None => {}
        }
        if n <= 4 && last_len >= n + 2 {
            let tail: String = last.chars().skip(n).collect();
            item.push_str(&tail);
        }
    }
}

/// What follows, in `last`, the longest ending of `item` (two or more characters or a grade 级,
/// shorter than `item`) found inside `last` (a closing quote aside): `None` when no ending is found; `Some(None)`
/// when what follows is no shared head — fewer than two CJK characters, a joined phrase
/// (`和社会事业投资`) or words that only stand between a name and its figure (`实际`).
fn tail_after_overlap<'a>(item: &str, last: &'a str) -> Option<Option<&'a str>> {
    let starts: Vec<usize> = item.char_indices().map(|(i, _)| i).skip(1).collect();
    let tail = starts.into_iter().find_map(|s| {
        let ending = &item[s..];
        // 国家领航级、卓越级智能工厂: a grade is an ending of its own.
        if ending.chars().count() < 2 && ending != "级" {
            return None;
        }
        let at = last.rfind(ending)?;
        Some(last[at + ending.len()..].trim_start_matches(['”', '’']))
    })?;
    let head = tail.chars().count() >= 2
        && tail
            .chars()
            .all(|c| is_cjk(c) && !matches!(c, '和' | '及' | '与' | '或'))
        && !is_skip_word(tail);
    Some(head.then_some(tail))
}

/// `A和B`, when the figures that follow pair with it: its parts, heads shared.
pub(super) fn split_on_he(items: &[String], next_continues: bool) -> Option<Vec<String>> {
    if items.len() == 1 && next_continues && items[0].contains('和') {
        let mut parts: Vec<String> = items[0].split('和').map(str::to_string).collect();
        expand_ellipsis(&mut parts);
        return Some(parts);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_items_borrow_the_shared_head() {
        // (first item, last item, the first item expanded)
        for (first, last, want) in [
            ("城镇", "农村居民人均可支配收入", "城镇居民人均可支配收入"),
            ("省级零碳", "近零碳工厂", "省级零碳工厂"),
            ("进口", "出口", "进口"),
            ("城市公园", "“口袋公园”保有量", "城市公园保有量"),
            ("国家领航级", "卓越级智能工厂", "国家领航级智能工厂"),
            (
                "城镇居民人均可支配收入",
                "农村居民人均纯收入实际",
                "城镇居民人均可支配收入",
            ),
            ("地区生产总值", "一般公共预算收入", "地区生产总值"),
        ] {
            let mut items = [first.to_string(), last.to_string()];
            expand_ellipsis(&mut items);
            assert_eq!(items, [want, last], "{first}、{last}");
        }
    }
}
