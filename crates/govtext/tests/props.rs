//! Property tests: numerals written any way parse back exactly; extraction never panics and
//! every record points at its own text.

mod common;

use govtext::Document;
use govtext::parse_number_decimal;
use proptest::prelude::*;

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A group below 10 000 in Chinese, `leading` when it is the first group of the number.
fn group(n: u64, leading: bool) -> String {
    let units = ["千", "百", "十", ""];
    let ds = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    let mut started = false;
    for (i, &d) in ds.iter().enumerate() {
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(leading && !started && i == 2 && d == 1) {
            out.push(DIGITS[d as usize]);
        }
        out.push_str(units[i]);
        started = true;
    }
    out
}

/// An integer in standard Chinese numerals.
fn chinese(n: u64) -> String {
    if n == 0 {
        return "零".into();
    }
    let parts = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut higher = false;
    let mut gap = false;
    for (g, unit) in parts {
        if g == 0 {
            gap = higher;
            continue;
        }
        if higher && (g < 1000 || gap) {
            out.push('零');
        }
        out.push_str(&group(g, !higher));
        out.push_str(unit);
        higher = true;
        gap = false;
    }
    out
}

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | '.' | ',' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect()
}

proptest! {
    #[test]
    fn chinese_integers_parse_back(n in 0u64..1_000_000_000_000) {
        let s = chinese(n);
        let parsed = parse_number_decimal(&s);
        prop_assert_eq!(parsed, Some(n.to_string()), "{}", s);
    }

    #[test]
    fn chinese_decimals_parse_back(n in 0u64..100_000, frac in "[0-9]{1,4}") {
        let frac = frac.trim_end_matches('0');
        prop_assume!(!frac.is_empty());
        let s = format!("{}点{}", chinese(n), frac.chars().map(|c| DIGITS[c as usize - '0' as usize]).collect::<String>());
        let parsed = parse_number_decimal(&s);
        prop_assert_eq!(parsed, Some(format!("{n}.{frac}")), "{}", s);
    }

    #[test]
    fn arabic_numbers_with_separators_and_fullwidth(n in 0u64..1_000_000_000_000, frac in proptest::option::of("[0-9]{1,3}"), sep: bool, wide: bool) {
        let digits = n.to_string();
        let mut int = String::new();
        for (i, c) in digits.chars().enumerate() {
            if sep && i > 0 && (digits.len() - i) % 3 == 0 {
                int.push(',');
            }
            int.push(c);
        }
        let (text, want) = match frac.as_deref().map(|f| f.trim_end_matches('0')) {
            Some(f) if !f.is_empty() => (format!("{int}.{f}"), format!("{n}.{f}")),
            _ => (int.clone(), n.to_string()),
        };
        let text = if wide { fullwidth(&text) } else { text };
        let norm = govtext::normalize(&text);
        prop_assert_eq!(parse_number_decimal(&norm), Some(want));
        // And inside a sentence, through the whole pipeline.
        let doc = Document::from_text("p", format!("完成投资{text}亿元。"));
        let recs = common::EX.extract(&doc);
        prop_assert_eq!(recs.len(), 1);
        prop_assert_eq!(&recs[0].text, &format!("{text}亿元"));
    }

    #[test]
    fn extraction_never_panics_and_spans_are_exact(text in "(\\PC|[0-9０-９一二三四五六七八九十百千万亿点分之多余几数%％．，,.\\-—至到年月日个元第号A-Z\r\n“”])*") {
        let doc = Document::from_text("p", text.clone());
        let chars: Vec<char> = text.chars().collect();
        for r in common::EX.extract(&doc) {
            prop_assert!(r.start < r.end && r.end <= chars.len());
            let span: String = chars[r.start..r.end].iter().collect();
            prop_assert_eq!(span, r.text);
        }
    }
}

/// A Chinese numeral of the grammar's other forms for `n`: 两 for a leading 2, 万万 for 亿,
/// 百十 for 百一十, and vague `多`/`余` before 万 (the lower bound).
fn variant(n: u64, form: u8) -> (String, u64) {
    let s = chinese(n);
    match form {
        0 if s.starts_with('二') && n >= 100 => (s.replacen('二', "两", 1), n),
        1 if (100_000_000..10_000_000_000).contains(&n) && n.is_multiple_of(100_000_000) => {
            (format!("{}万万", chinese(n / 100_000_000)), n)
        }
        2 if s.contains("百一十") => (s.replacen("百一十", "百十", 1), n),
        3 if (10..100).contains(&n) && n.is_multiple_of(10) => {
            (format!("{}多万", chinese(n)), n * 10_000)
        }
        _ => (s, n),
    }
}

/// Texts that hold a numeral and no figure: dates, ordinals, set phrases and slogans.
fn not_a_figure(n: u64, kind: u8) -> String {
    let c = chinese(n.max(1));
    match kind {
        0 => format!(
            "{}年{}月{}日召开会议。",
            1950 + n % 80,
            1 + n % 12,
            1 + n % 28
        ),
        1 => format!("第{c}届人民代表大会第{}次会议开幕。", chinese(1 + n % 9)),
        2 => format!("“{}个一”工程深入推进。", chinese(2 + n % 8)),
        3 => format!("粮食生产实现{c}连增。"),
        4 => format!("地铁{}号线开通运营。", 1 + n % 30),
        5 => format!("推进{}期工程建设。", chinese(2 + n % 8)),
        _ => "用好两个市场两种资源，调动两个积极性，统筹两个大局，三次产业协调发展。".into(),
    }
}

proptest! {
    #[test]
    fn grammar_variants_parse_back(n in 0u64..100_000_000_000, form in 0u8..4) {
        let (s, want) = variant(n, form);
        prop_assert_eq!(parse_number_decimal(&s), Some(want.to_string()), "{}", s);
    }

    #[test]
    fn figures_in_a_sentence_carry_their_value(n in 1u64..10_000, unit in 0usize..4) {
        let (u, factor) = [("吨", 1.0), ("万吨", 1e4), ("架次", 1.0), ("岁", 1.0)][unit];
        // A lone 2 before a measure word is written 两 (两架次); a lone 二 there is no count
        // (二轮延包, the second round).
        let s = if n == 2 { "两".to_string() } else { chinese(n) };
        let doc = Document::from_text("p", format!("今年完成{s}{u}。"));
        let recs = common::EX.extract(&doc);
        prop_assert_eq!(recs.len(), 1, "{}{}: {:?}", s, u, recs);
        prop_assert!((recs[0].norm_value - n as f64 * factor).abs() < 1e-6 * n as f64 * factor);
    }

    #[test]
    fn dates_ordinals_and_slogans_yield_no_record(n in 0u64..10_000, kind in 0u8..7) {
        let text = not_a_figure(n, kind);
        let recs = common::EX.extract(&Document::from_text("p", text.clone()));
        prop_assert!(recs.is_empty(), "{}: {:?}", text, recs.iter().map(|r| &r.text).collect::<Vec<_>>());
    }
}
