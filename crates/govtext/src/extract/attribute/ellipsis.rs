//! Shared heads: `城镇、农村居民人均可支配收入` (short items borrow the tail of the last, full
//! item) and `A和B分别为x和y` (a phrase joined by 和 splits when the figures pair with it).

/// `城镇、农村居民人均可支配收入`: short items borrow the tail of the last, full item.
pub(super) fn expand_ellipsis(items: &mut [String]) {
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

/// `A和B`, when the figures that follow pair with it: its parts, heads shared.
pub(super) fn split_on_he(items: &[String], next_continues: bool) -> Option<Vec<String>> {
    if items.len() == 1 && next_continues && items[0].contains('和') {
        let mut parts: Vec<String> = items[0].split('和').map(str::to_string).collect();
        expand_ellipsis(&mut parts);
        return Some(parts);
    }
    None
}
