//! The corpus as a PDF's text layer has it: every line broken at a fixed width, anywhere (inside
//! words and numbers), and stray spaces inside words. Each record still reads as in the
//! well-formed text, and its offsets and `text` are on the text as it is.

mod common;

use govtext::{Document, Record};

/// Width of a character in columns, as a PDF line is measured: two for CJK text, one for ASCII.
fn cols(c: char) -> usize {
    if c as u32 >= 0x2e80 || "“”‘’—…".contains(c) {
        2
    } else {
        1
    }
}

/// `text` with each line broken whenever the next character would pass `width` columns.
fn hard_wrapped(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut used = 0;
    for c in text.chars() {
        if c != '\n' && used + cols(c) > width {
            out.push('\n');
            used = 0;
        }
        used = if c == '\n' { 0 } else { used + cols(c) };
        out.push(c);
    }
    out
}

/// The records of `text`, each checked to be an exact character span of it.
fn records(id: &str, text: &str) -> Vec<Record> {
    let records = common::EX.extract(&Document::from_text(id, text));
    let chars: Vec<char> = text.chars().collect();
    for r in &records {
        let span: String = chars[r.start..r.end].iter().collect();
        assert_eq!(span, r.text, "{id}: record at {}..{}", r.start, r.end);
    }
    records
}

/// What a record says, where it is aside.
fn reading(r: &Record) -> String {
    format!(
        "{} {} {} {} {:?} {:?} {:?} {:?}",
        r.value,
        r.unit,
        r.norm_value,
        r.kind.as_str(),
        r.indicator,
        r.measure.map(|m| m.as_str()),
        r.direction.map(|d| d.as_str()),
        r.target
    )
}

#[test]
fn hard_wrapped_reports_read_as_written() {
    for (stem, path) in common::corpus() {
        let text = common::read(&path).text;
        let flat: Vec<String> = records(&stem, &text).iter().map(reading).collect();
        for width in [40, 57, 80, 100] {
            let wrapped = hard_wrapped(&text, width);
            let got: Vec<String> = records(&stem, &wrapped).iter().map(reading).collect();
            assert_eq!(got, flat, "{stem} wrapped at {width} columns");
        }
    }
}

#[test]
fn stray_spaces_keep_offsets_exact() {
    for (stem, path) in common::corpus() {
        let text = common::read(&path).text;
        // A space after every 7th character, a line break after every 23rd: offsets stay exact.
        let mut noisy = String::new();
        for (i, c) in text.chars().enumerate() {
            noisy.push(c);
            match i % 161 {
                n if n % 23 == 22 => noisy.push('\n'),
                n if n % 7 == 6 => noisy.push(' '),
                _ => {}
            }
        }
        records(&stem, &noisy);
    }
}
