//! Writing records: JSON Lines (the default, one object per line), CSV with a header for
//! spreadsheets (optionally with a BOM so Excel reads UTF-8), and the column list they share.

use std::io::Write;

use crate::record::Record;

/// Columns of the CSV (and Parquet) output, in order.
pub const COLUMNS: &[&str] = &[
    "doc",
    "region",
    "year",
    "sentence",
    "start",
    "end",
    "text",
    "value",
    "unit",
    "norm_value",
    "norm_upper",
    "norm_unit",
    "kind",
    "qualifier",
    "indicator",
    "indicator_id",
    "indicator_en",
    "measure",
    "direction",
    "basis",
    "target",
    "subject",
    "period",
    "context",
    "meta",
];

/// A number as JSON prints it (integers without `.0`).
pub fn number_text(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        serde_json::to_string(&v).unwrap_or_default()
    }
}

/// Record fields as strings, in [`COLUMNS`] order (empty for null).
pub fn row(r: &Record) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        r.doc.clone(),
        o(&r.region),
        r.year.map_or(String::new(), |y| y.to_string()),
        r.sentence.to_string(),
        r.start.to_string(),
        r.end.to_string(),
        r.text.clone(),
        r.value.clone(),
        r.unit.clone(),
        number_text(r.norm_value),
        r.norm_upper.map_or(String::new(), number_text),
        r.norm_unit.clone(),
        r.kind.as_str().to_string(),
        r.qualifier.as_str().to_string(),
        o(&r.indicator),
        o(&r.indicator_id),
        o(&r.indicator_en),
        r.measure.map_or(String::new(), |m| m.as_str().to_string()),
        r.direction
            .map_or(String::new(), |d| d.as_str().to_string()),
        r.basis.map_or(String::new(), |b| b.as_str().to_string()),
        r.target.map_or(String::new(), |t| t.to_string()),
        o(&r.subject),
        o(&r.period),
        r.context.clone(),
        if r.meta.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(r.meta.clone()).to_string()
        },
    ]
}

/// A record writer for the text formats.
pub enum RecordWriter<W: Write> {
    /// One JSON object per line.
    Jsonl(W),
    /// CSV with a header row.
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> RecordWriter<W> {
    /// JSON Lines.
    pub fn jsonl(w: W) -> Self {
        RecordWriter::Jsonl(w)
    }

    /// CSV; `excel` writes a UTF-8 BOM first so spreadsheet programs detect the encoding.
    pub fn csv(mut w: W, excel: bool) -> std::io::Result<Self> {
        if excel {
            w.write_all("\u{feff}".as_bytes())?;
        }
        let mut csv = csv::Writer::from_writer(w);
        csv.write_record(COLUMNS)?;
        Ok(RecordWriter::Csv(Box::new(csv)))
    }

    /// Write the records of one document.
    pub fn write(&mut self, records: &[Record]) -> std::io::Result<()> {
        match self {
            RecordWriter::Jsonl(w) => {
                for r in records {
                    serde_json::to_writer(&mut *w, r)?;
                    w.write_all(b"\n")?;
                }
                Ok(())
            }
            RecordWriter::Csv(w) => {
                for r in records {
                    w.write_record(row(r))?;
                }
                Ok(())
            }
        }
    }

    /// Flush everything written so far.
    pub fn flush(&mut self) -> std::io::Result<()> {
        match self {
            RecordWriter::Jsonl(w) => w.flush(),
            RecordWriter::Csv(w) => w.flush(),
        }
    }
}
