//! Writing records: JSON Lines (the default, one object per line), CSV with a header for
//! spreadsheets (optionally with a BOM so Excel reads UTF-8), and the column list they share.

use std::io::Write;

use crate::record::{COLUMNS, Record};

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
        csv.write_record(COLUMNS.iter().map(|c| c.name))?;
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
                    w.write_record(r.csv_row())?;
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
