//! A record as one JSON object, written straight into a byte buffer.
//!
//! Why not `serde_json::to_writer`: every record of a batch goes through here, and serde escapes
//! every key and every byte of every string one byte at a time. Keys are the column names (plain
//! ASCII), and the strings of a report (context, text, names) almost never hold a byte JSON
//! escapes, so each is checked a chunk at a time and copied whole; the rare one that needs
//! escaping, the numbers that are not integers and the metadata object are still written by
//! serde_json. Fields are read through [`COLUMNS`], whose order is the serde field order; the
//! bytes are the same as serde's (a test compares them on every record of the corpus and the
//! real reports).

use crate::record::{COLUMNS, ColumnValue, Record, integral};

/// Append `r` as a JSON object, in the field order of [`Record`]'s serde form.
pub(crate) fn write_record(out: &mut Vec<u8>, r: &Record) {
    out.push(b'{');
    for (i, column) in COLUMNS.iter().enumerate() {
        // `meta` is an object, left out when empty (its column holds it as text).
        if column.name == "meta" {
            continue;
        }
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_slice(column.name.as_bytes());
        out.extend_from_slice(b"\":");
        value(out, &(column.get)(r));
    }
    if !r.meta.is_empty() {
        out.extend_from_slice(b",\"meta\":");
        serde(out, &r.meta);
    }
    out.push(b'}');
}

/// One column value as JSON.
fn value(out: &mut Vec<u8>, v: &ColumnValue<'_>) {
    match v {
        ColumnValue::Null => null(out),
        ColumnValue::Text(s) => string(out, s),
        ColumnValue::Int32(i) => integer(out, i64::from(*i)),
        ColumnValue::Int64(i) => integer(out, *i),
        ColumnValue::Float64(f) => number(out, *f),
        ColumnValue::Boolean(true) => out.extend_from_slice(b"true"),
        ColumnValue::Boolean(false) => out.extend_from_slice(b"false"),
    }
}

fn null(out: &mut Vec<u8>) {
    out.extend_from_slice(b"null");
}

/// A JSON string: copied whole when no byte of it is escaped, else written by serde_json.
fn string(out: &mut Vec<u8>, s: &str) {
    if needs_escape(s.as_bytes()) {
        serde(out, s);
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

/// True when a byte of `b` is one JSON escapes: a control character, `"` or `\`. Tested a
/// chunk at a time without branches, which the compiler turns into vector compares.
fn needs_escape(b: &[u8]) -> bool {
    let escaped = |x: u8| x < 0x20 || x == b'"' || x == b'\\';
    b.chunks(16)
        .any(|chunk| chunk.iter().fold(false, |e, &x| e | escaped(x)))
}

/// A number as serde prints the record's numbers: an integer without `.0`, else serde_json's
/// shortest round-trip form.
fn number(out: &mut Vec<u8>, v: f64) {
    match integral(v) {
        Some(i) => integer(out, i),
        None => serde(out, &v),
    }
}

fn integer(out: &mut Vec<u8>, i: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes());
}

/// Any value through serde_json (writing into a `Vec` cannot fail).
fn serde<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    let _ = serde_json::to_writer(&mut *out, v);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Extractor};

    fn same_as_serde(r: &Record) {
        let mut ours = Vec::new();
        write_record(&mut ours, r);
        let theirs = serde_json::to_vec(r).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn every_record_of_the_sample_texts_is_written_as_serde_writes_it() {
        let ex = Extractor::new();
        let mut n = 0;
        for (i, text) in crate::segment::sample_texts().iter().enumerate() {
            let mut doc = Document::from_text(format!("d{i}"), text);
            doc.meta.region = Some("某省".into());
            doc.meta.year = Some(2026);
            for r in ex.extract(&doc) {
                same_as_serde(&r);
                n += 1;
            }
        }
        assert!(n > 100, "{n} records");
    }

    #[test]
    fn escaped_strings_numbers_and_metadata_are_written_as_serde_writes_them() {
        let ex = Extractor::new();
        let doc = Document::from_text("引号\"与\\反斜杠\t", "全年增长5.25%，投资340.64亿元。");
        let mut records = ex.extract(&doc);
        assert!(!records.is_empty());
        for r in &mut records {
            same_as_serde(r);
            r.context = "控制\u{1}字符\u{7f}与\n换行、“引号”".into();
            r.region = None;
            r.year = Some(-1);
            r.norm_value = 1e21;
            r.norm_upper = Some(0.1 + 0.2);
            r.target = None;
            r.meta
                .insert("来源".into(), serde_json::json!({"页": 3, "注": "a\"b"}));
            same_as_serde(r);
            r.norm_value = f64::NAN;
            r.norm_upper = Some(-0.0);
            same_as_serde(r);
        }
    }
}
