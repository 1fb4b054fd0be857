//! Unit tests of the numeral grammar: every form it reads, and the ones it must not.
use super::*;

fn v(s: &str) -> String {
    parse_number(s)
        .unwrap_or_else(|| panic!("{s} did not parse"))
        .value
        .to_string()
}

fn vague(s: &str) -> bool {
    parse_number(s).unwrap().vague == Vagueness::MoreThan
}

#[test]
fn arabic() {
    assert_eq!(v("340.64"), "340.64");
    assert_eq!(v("1,234.5"), "1234.5");
    assert_eq!(v("1,234"), "1234");
    assert_eq!(v("12,345,678"), "12345678");
    assert_eq!(v("0.82"), "0.82");
    assert_eq!(v("2707"), "2707");
    assert!(parse_number("12,34").is_none());
    assert!(parse_number("1.2.3").is_none());
}

#[test]
fn chinese() {
    assert_eq!(v("两千三百"), "2300");
    assert_eq!(v("一千五百五十九"), "1559");
    assert_eq!(v("二百七十"), "270");
    assert_eq!(v("十五"), "15");
    assert_eq!(v("一百零五"), "105");
    assert_eq!(v("一千零五"), "1005");
    assert_eq!(v("三十六点五"), "36.5");
    assert_eq!(v("零点五"), "0.5");
    assert_eq!(v("〇"), "0");
    assert_eq!(v("壹佰"), "100");
    assert_eq!(v("贰拾叁"), "23");
    assert_eq!(v("十"), "10");
    assert_eq!(v("一十二"), "12");
    assert_eq!(v("两"), "2");
    assert_eq!(v("一万五"), "15000");
    assert_eq!(v("三千五"), "3500");
    assert_eq!(v("一亿二千万"), "120000000");
    assert_eq!(v("十万零三百"), "100300");
    assert_eq!(v("三点五亿"), "350000000");
}

#[test]
fn mixed_and_large() {
    assert_eq!(v("1.2万"), "12000");
    assert_eq!(v("340.64亿"), "34064000000");
    assert_eq!(v("6.66万亿"), "6660000000000");
    assert_eq!(v("3万4000"), "34000");
    assert_eq!(v("25万6千"), "256000");
    assert_eq!(v("1亿2000万"), "120000000");
    assert_eq!(v("3千"), "3000");
    assert!(parse_number("340.64亿").unwrap().multiplier);
    assert!(!parse_number("340.64").unwrap().multiplier);
}

#[test]
fn vague_numbers_are_lower_bounds() {
    assert_eq!(v("十几万"), "100000");
    assert!(vague("十几万"));
    assert_eq!(v("数十亿"), "1000000000");
    assert!(vague("数十亿"));
    assert_eq!(v("500多亿"), "50000000000");
    assert!(vague("500多亿"));
    assert_eq!(v("620多万"), "6200000");
    assert_eq!(v("1000余万"), "10000000");
    assert_eq!(v("十多万"), "100000");
    assert_eq!(v("几十"), "10");
    assert_eq!(v("500多"), "500");
}

#[test]
fn names_dates_and_words_do_not_parse() {
    for s in [
        "二七",
        "十四五",
        "十三五",
        "一九八二",
        "二〇二二",
        "七一三",
        "千百十",
        "万",
        "亿",
        "百",
        "千万",
        "万一",
        "多",
        "数",
        "点",
        "三万五万",
        "一点",
        "零零",
    ] {
        assert!(parse_number(s).is_none(), "{s} parsed");
    }
}

#[test]
fn pathological_runs_are_rejected_quickly() {
    assert!(parse_number(&"万".repeat(100_000)).is_none());
    assert!(parse_number(&"9".repeat(10_000_000)).is_none());
}

#[test]
fn dec_display() {
    assert_eq!(
        Dec {
            mantissa: 5,
            scale: 3
        }
        .to_string(),
        "0.005"
    );
    assert_eq!(
        Dec {
            mantissa: -23,
            scale: 1
        }
        .to_string(),
        "-2.3"
    );
    assert_eq!(
        Dec {
            mantissa: 3400,
            scale: 2
        }
        .to_string(),
        "34"
    );
}

#[test]
fn historical_and_older_forms() {
    // 万万 is 亿 in older texts; 亿亿 and 万亿 multiply alike; 亿万 is no number.
    assert_eq!(v("六万万"), "600000000");
    assert_eq!(v("四万万五千万"), "450000000");
    assert_eq!(v("一亿亿"), "10000000000000000");
    assert!(parse_number("亿万").is_none());
    // 十 right after 百 is one ten.
    assert_eq!(v("三百十五万"), "3150000");
    assert_eq!(v("二万四千六百十二"), "24612");
    assert!(parse_number("千十").is_none());
}

#[test]
fn readings_that_are_not_safe_do_not_parse() {
    // 三千四点五: 3400.5 or 3004.5; 8万亿两: 两 begins the next word (两个台阶).
    assert!(parse_number("三千四点五").is_none());
    assert!(parse_number("8万亿两").is_none());
    // An Arabic number after 万 fills its four places: 3万4000, not 390万65.
    assert_eq!(v("3万4000"), "34000");
    assert!(parse_number("390万65").is_none());
    assert_eq!(v("1亿2000万"), "120000000");
    assert_eq!(v("25万6千"), "256000");
    // Still read: shorthand without a point, Chinese decimals after a ten.
    assert_eq!(v("三千四"), "3400");
    assert_eq!(v("三十四点五"), "34.5");
    assert_eq!(v("一百零五点五"), "105.5");
}

#[test]
fn absurd_numerals_are_not_numbers() {
    // More digits than any report writes, and repeated multipliers.
    assert_eq!(v("999,999,999,999,999"), "999999999999999");
    assert!(parse_number("1234567890123456").is_none());
    assert!(parse_number("0.1234567890123").is_none());
    assert!(parse_number("123456789012345678901234亿").is_none());
    assert_eq!(v("100000000亿"), "10000000000000000");
    assert!(parse_number("3亿亿亿").is_none());
    assert_eq!(v("99万亿"), "99000000000000");
    assert_eq!(v("一千二百万亿"), "1200000000000000");
}

#[test]
fn run_chars_are_the_grammars_characters() {
    let grammar = |c: char| {
        c.is_ascii_digit()
            || chinese_digit(c).is_some()
            || small_unit(c).is_some()
            || big_unit(c).is_some()
            || matches!(c, '.' | ',' | '点' | '几' | '多' | '余' | '数')
    };
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        assert_eq!(is_run_char(c), grammar(c), "{c:?}");
    }
}
