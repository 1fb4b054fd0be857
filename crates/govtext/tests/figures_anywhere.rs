//! A figure keeps its exact value wherever it stands: at the start, in the middle, right on the
//! sentence length limits (2,000 characters, the 400-character comma cut), after 10,000
//! characters without punctuation. The text around it is words that are neither numerals nor
//! units, with or without punctuation, so the figure is the one quantity of the document.

mod common;

use govtext::Document;
use proptest::prelude::*;

/// Characters of the surrounding text: no numeral, unit, sign or ordinal among them.
const WORDS: &[char] = &[
    '推', '进', '发', '展', '改', '革', '建', '设', '创', '新', '开', '放', '协', '调', '绿', '色',
    '共', '享', '全', '深', '化', '持', '续', '优', '结', '构', '的', '和', '在',
];

/// Figures as written, with their normalised value, upper bound and unit.
const FIGURES: &[(&str, f64, Option<f64>, &str)] = &[
    ("340.64亿元", 34_064_000_000.0, None, "CNY"),
    ("7.4%", 7.4, None, "%"),
    ("1.49万人", 14_900.0, None, "人"),
    ("一千五百五十九亿元", 155_900_000_000.0, None, "CNY"),
    ("负3.9%", -3.9, None, "%"),
    ("50万千瓦时", 500_000.0, None, "kWh"),
    ("12.5平方公里", 12.5, None, "km2"),
    ("1,234.5万元", 12_345_000.0, None, "CNY"),
    ("2.4万亿元", 2_400_000_000_000.0, None, "CNY"),
    ("3.5个百分点", 3.5, None, "pp"),
    ("5%-6%", 5.0, Some(6.0), "%"),
    ("12.5万吨", 125_000.0, None, "t"),
];

/// Where the figure goes: anywhere in a short text, on the limits, or deep in a wall of text.
fn offset() -> impl Strategy<Value = usize> {
    prop_oneof![
        0usize..3000,
        385usize..410,
        1975usize..2010,
        9990usize..10_010
    ]
}

/// `n` characters of text, with punctuation when `punctuated`.
fn words(n: usize, punctuated: bool) -> impl Strategy<Value = String> {
    let ch = if punctuated {
        prop_oneof![20 => prop::sample::select(WORDS), 1 => prop::sample::select(&['，', '。'][..])]
            .boxed()
    } else {
        prop::sample::select(WORDS).boxed()
    };
    prop::collection::vec(ch, n).prop_map(|v| v.into_iter().collect())
}

/// A document with figure `k` after `before` characters of words, and 30 characters after it.
fn case() -> impl Strategy<Value = (String, usize, usize)> {
    (offset(), 0..FIGURES.len(), any::<bool>()).prop_flat_map(|(at, k, punctuated)| {
        (words(at, punctuated), words(30, punctuated))
            .prop_map(move |(before, after)| (format!("{before}{}{after}", FIGURES[k].0), at, k))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_figure_anywhere_keeps_its_exact_value((text, at, k) in case()) {
        let (figure, value, upper, unit) = FIGURES[k];
        let doc = Document::from_text("p", text);
        let recs = common::EX.extract(&doc);
        prop_assert_eq!(recs.len(), 1, "{} at {}: {:?}", figure, at, recs.iter().map(|r| &r.text).collect::<Vec<_>>());
        let r = &recs[0];
        prop_assert_eq!(&r.text, figure);
        prop_assert_eq!((r.start, r.end), (at, at + figure.chars().count()));
        prop_assert_eq!(r.norm_value, value);
        prop_assert_eq!(r.norm_upper, upper);
        prop_assert_eq!(r.norm_unit.as_str(), unit);
        prop_assert!(r.context.contains(figure) && r.context.chars().count() <= 300);
    }
}
