//! The bodies of the fuzz targets, shared by `fuzz/fuzz_targets/*.rs` (cargo-fuzz, nightly) and
//! by the stable test `crates/govtext/tests/fuzz_replay.rs`, which replays the seeds so the
//! invariants are checked on every `cargo test` even where no nightly toolchain is installed.
//!
//! Each body takes arbitrary bytes and panics when an invariant breaks: record text is the
//! document's characters `start..end`, mentions are sorted and do not overlap, values are
//! finite, records serialise, context is bounded, errors name their file (and line), and no
//! input takes longer than [`TIME_LIMIT`] (a super-linear case).
#![allow(dead_code)]

use std::path::Path;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use govtext::{Document, Extractor, ExtractorBuilder, Record};

/// The longest any one input may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(1);

/// Inputs longer than this are cut (the fuzzer's own limit is smaller; seeds are reports).
const MAX_INPUT: usize = 1 << 20;

static EX: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Run `body` on `data`, failing when it takes longer than [`TIME_LIMIT`].
fn timed(what: &str, data: &[u8], body: impl FnOnce(&[u8])) {
    let data = &data[..data.len().min(MAX_INPUT)];
    // Building the extractor (jieba's dictionary) is start-up, not the input's cost.
    LazyLock::force(&EX);
    let started = Instant::now();
    body(data);
    let took = started.elapsed();
    assert!(
        took <= TIME_LIMIT,
        "{what}: {took:?} for {} bytes (super-linear?)",
        data.len()
    );
}

/// The numeral grammar: a parse is finite and agrees with its exact decimal.
pub fn numeral(data: &[u8]) {
    timed("numeral", data, |data| {
        let text = String::from_utf8_lossy(data);
        let value = govtext::parse_number(&text);
        let exact = govtext::parse_number_decimal(&text);
        assert_eq!(value.is_some(), exact.is_some(), "{text:?}");
        if let (Some(v), Some(d)) = (value, exact) {
            assert!(v.is_finite(), "{text:?} → {v}");
            let back: f64 = d.parse().expect("the decimal is a number");
            assert_eq!(back, v, "{text:?}: {d} vs {v}");
        }
    });
}

/// Decoding bytes into a document, then extraction of what was decoded.
pub fn decoding(data: &[u8]) {
    timed("decoding", data, |data| {
        if let Ok(doc) = Document::from_bytes(data, Path::new("fuzz.txt"), "fuzz") {
            assert_eq!(
                govtext::normalize(&doc.text).chars().count(),
                doc.text.chars().count()
            );
            check_records(&doc, &EX.extract(&doc));
        }
    });
}

/// Extraction of arbitrary text.
pub fn extraction(data: &[u8]) {
    timed("extraction", data, |data| {
        let doc = Document::from_text("fuzz", String::from_utf8_lossy(data).into_owned());
        let records = EX.extract(&doc);
        check_records(&doc, &records);
        // Sentence by sentence, the same records.
        let mut each = Vec::new();
        assert!(EX.extract_each(&doc, &AtomicBool::new(false), |r| {
            each.extend(r);
            true
        }));
        assert_eq!(each.len(), records.len());
    });
}

/// JSON Lines documents: each line is a document or one error naming file and line.
pub fn jsonl(data: &[u8]) {
    timed("jsonl", data, |data| {
        for (i, line) in data.split(|&b| b == b'\n').enumerate() {
            let Ok(line) = std::str::from_utf8(line) else {
                continue;
            };
            if line.trim().is_empty() {
                continue;
            }
            match govtext::batch::parse_jsonl_doc(line, "fuzz.jsonl", i + 1) {
                Ok(doc) => {
                    if let Some(y) = doc.meta.year {
                        assert!((1900..=2100).contains(&y), "year {y}");
                    }
                    check_records(&doc, &EX.extract(&doc));
                }
                Err(e) => {
                    let msg = e.to_string();
                    assert!(msg.starts_with(&format!("fuzz.jsonl:{}", i + 1)), "{msg}");
                }
            }
        }
    });
}

/// User dictionaries and lexicons: accepted, or one error naming the file and a line.
pub fn dictionaries(data: &[u8]) {
    timed("dictionaries", data, |data| {
        let text = String::from_utf8_lossy(data);
        let (dict, lexicon) = text.split_once('\u{0}').unwrap_or((&text, ""));
        let mut builder = ExtractorBuilder::default().user_dict_str(dict, "user.dict");
        if !lexicon.is_empty() {
            builder = builder.indicators_str(lexicon, "user.tsv");
        }
        if let Err(e) = builder.check() {
            let msg = e.to_string();
            assert!(
                msg.starts_with("user.dict:") || msg.starts_with("user.tsv:"),
                "{msg}"
            );
        }
    });
}

/// The record invariants of one document.
fn check_records(doc: &Document, records: &[Record]) {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut last_end = 0;
    for r in records {
        assert!(r.start < r.end && r.end <= chars.len(), "{r:?}");
        let span: String = chars[r.start..r.end].iter().collect();
        assert_eq!(span, r.text);
        assert!(
            r.start >= last_end,
            "mentions overlap or are out of order at {}",
            r.start
        );
        last_end = r.end;
        assert!(r.norm_value.is_finite(), "{r:?}");
        assert!(r.norm_upper.is_none_or(f64::is_finite), "{r:?}");
        assert!(r.context.contains(&r.text) && r.context.chars().count() <= 300);
        serde_json::to_string(r).expect("a record serialises");
    }
}
