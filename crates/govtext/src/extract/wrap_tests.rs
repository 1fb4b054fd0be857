//! White space from PDFs and web pages: a space inside a word, a hard wrap inside a sentence or
//! between a number and its unit. The rules see through it; offsets stay on the text as written.

use std::sync::LazyLock;

use crate::document::Document;
use crate::record::Record;
use crate::segment::Segmenter;
use crate::segment::wrap::{REPORT, hard_wrap};

static SEG: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);

/// The records of `text`, each checked to be an exact span of it (in characters).
fn records(text: &str) -> Vec<Record> {
    let doc = Document::from_text("t", text);
    let records = super::extract(&doc, &SEG);
    let chars: Vec<char> = text.chars().collect();
    for r in &records {
        assert_eq!(chars[r.start..r.end].iter().collect::<String>(), r.text);
    }
    records
}

/// What a record says, offsets and spelling aside.
fn reading(r: &Record) -> String {
    format!(
        "{} {} {} {:?} {:?} {:?} {:?} {:?}",
        r.value, r.unit, r.norm_value, r.kind, r.indicator, r.measure, r.direction, r.target
    )
}

#[test]
fn a_space_inside_a_word_is_seen_through() {
    let spaced = records("全年经 济增长6.5%，地区生产总 值达到340.64亿元。");
    let plain = records("全年经济增长6.5%，地区生产总值达到340.64亿元。");
    let read = |rs: &[Record]| rs.iter().map(reading).collect::<Vec<_>>();
    assert_eq!(read(&spaced), read(&plain));
    assert_eq!(spaced[0].indicator_id.as_deref(), Some("gdp"));
    assert_eq!((spaced[0].start, spaced[0].end), (7, 11));
    assert_eq!(spaced[1].indicator.as_deref(), Some("地区生产总值"));
}

#[test]
fn a_wrap_between_a_number_and_its_unit_is_joined() {
    let rs = records("财政收入达到1234\n亿元，增长 8%。\n");
    assert_eq!(rs.len(), 2);
    assert_eq!(rs[0].text, "1234\n亿元");
    assert_eq!(
        (rs[0].value.as_str(), rs[0].unit.as_str()),
        ("1234", "亿元")
    );
    assert_eq!(rs[0].norm_value, 123_400_000_000.0);
    assert_eq!(rs[0].indicator.as_deref(), Some("财政收入"));
    assert_eq!(rs[1].sentence, rs[0].sentence);
    let crlf = records("财政收入达到1234\r\n亿元。");
    assert_eq!(crlf[0].text, "1234\r\n亿元");
}

#[test]
fn a_hard_wrapped_report_reads_as_its_paragraphs() {
    let flat: Vec<String> = records(REPORT).iter().map(reading).collect();
    assert!(flat.len() >= 15, "{}", flat.len());
    for width in [30, 40, 57, 80] {
        let wrapped: Vec<String> = records(&hard_wrap(REPORT, width))
            .iter()
            .map(reading)
            .collect();
        assert_eq!(wrapped, flat, "wrapped at {width} columns");
    }
}

#[test]
fn headings_and_list_lines_are_not_joined() {
    let text = "一、2025年工作回顾\n（一）聚焦先进制造\n●新增城镇就业2.35万人\n●发放稳岗返还资金4200万元\n2026年主要目标\n地区生产总值增长6%左右\n";
    let rs = records(text);
    let sentences: Vec<usize> = rs.iter().map(|r| r.sentence).collect();
    assert_eq!(sentences.len(), 3);
    assert!(sentences.windows(2).all(|w| w[0] < w[1]), "{sentences:?}");
    assert_eq!(rs[2].indicator.as_deref(), Some("地区生产总值"));
}

#[test]
fn digits_apart_stay_apart() {
    for text in ["完成2 3亿元", "完成2\n3亿元", "完成2\u{3000}3亿元"] {
        let rs = records(text);
        assert!(rs.iter().all(|r| r.norm_value != 2.3e9), "{text}: {rs:?}");
    }
    let rs = records("GDP 增长7%，GDP\n增长8%");
    assert_eq!(rs.len(), 2);
}
