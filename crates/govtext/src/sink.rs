//! Where records go: a [`RecordSink`] takes the records of one document at a time and is finished
//! once at the end (after which its output is whole). Sinks for JSON Lines ([`JsonlSink`]), CSV
//! ([`CsvSink`], optionally with a BOM for Excel) and, with the `parquet` feature, Parquet
//! (`ParquetSink`); CSV and Parquet columns come from [`COLUMNS`]. [`AtomicFile`] gives an
//! output file that appears under its name only when the run completes.

use std::fs::File;
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::record::{COLUMNS, Record};

/// A destination for records, fed one document at a time (ripgrep's `Sink` is the model).
pub trait RecordSink {
    /// Write the records of one document (possibly none), in order.
    fn write_document(&mut self, records: &[Record]) -> io::Result<()>;

    /// Write what is buffered and any trailer (the Parquet footer), and flush: after this the
    /// output is complete.
    fn finish(self: Box<Self>) -> io::Result<()>;

    /// Write a failed document as an error record among the records. Only JSON Lines can hold
    /// one (a line of another shape); other sinks refuse with `Unsupported`.
    fn write_error(&mut self, error: &ErrorRecord<'_>) -> io::Result<()> {
        let _ = error;
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "error records are written to JSON Lines only",
        ))
    }
}

/// A failed document as one JSON line among the records (`govtext extract --errors-as-records`):
/// `{"error": reason, "doc": id, "source": input, "line": n}`. Records never have an `error` key,
/// so that key alone splits the stream; `doc` is null only when the id could not be read (a
/// line that is not JSON, a path that does not exist), and then `source` and `line` place it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorRecord<'a> {
    /// Why the document failed (without the `SOURCE:LINE: ` prefix of the stderr message).
    pub error: &'a str,
    /// The document's id, when known.
    pub doc: Option<&'a str>,
    /// The input: a file's path, or `-` for standard input.
    pub source: &'a str,
    /// The 1-based line of a JSON Lines input (counted from the start of that input).
    pub line: Option<usize>,
}

/// JSON Lines: one record object per line. Each document's records are rendered in memory and
/// handed to `out` in one `write_all`, so with a [`DocumentFile`] the file ends at a document
/// boundary whatever happens.
pub struct JsonlSink<W: Write> {
    out: W,
    buf: Vec<u8>,
}

impl<W: Write> JsonlSink<W> {
    /// JSON Lines on `out`.
    pub fn new(out: W) -> Self {
        JsonlSink {
            out,
            buf: Vec::new(),
        }
    }
}

impl<W: Write> RecordSink for JsonlSink<W> {
    fn write_document(&mut self, records: &[Record]) -> io::Result<()> {
        self.buf.clear();
        for r in records {
            crate::json::write_record(&mut self.buf, r);
            self.buf.push(b'\n');
        }
        if !self.buf.is_empty() {
            self.out.write_all(&self.buf)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }

    fn write_error(&mut self, error: &ErrorRecord<'_>) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, error)?;
        self.buf.push(b'\n');
        self.out.write_all(&self.buf)
    }
}

/// CSV with a header row of the [`COLUMNS`] names; null is an empty cell. Like [`JsonlSink`],
/// a document's rows reach `out` in one `write_all`, and write errors keep their kind (a closed
/// pipe is `BrokenPipe`).
pub struct CsvSink<W: Write> {
    out: W,
    buf: Vec<u8>,
}

/// Render rows as CSV into `buf` (cleared first).
fn csv_rows<I, R>(buf: &mut Vec<u8>, rows: I) -> io::Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    buf.clear();
    let mut w = csv::Writer::from_writer(buf);
    for row in rows {
        w.write_record(row)?;
    }
    w.flush()
}

impl<W: Write> CsvSink<W> {
    /// CSV on `out`, the header written at once; `excel` writes a UTF-8 byte-order mark first so
    /// spreadsheet programs detect the encoding.
    pub fn new(mut out: W, excel: bool) -> io::Result<Self> {
        let mut buf = Vec::new();
        csv_rows(&mut buf, [COLUMNS.iter().map(|c| c.name)])?;
        if excel {
            buf.splice(0..0, "\u{feff}".bytes());
        }
        out.write_all(&buf)?;
        Ok(CsvSink { out, buf })
    }
}

impl<W: Write> RecordSink for CsvSink<W> {
    fn write_document(&mut self, records: &[Record]) -> io::Result<()> {
        csv_rows(&mut self.buf, records.iter().map(Record::csv_row))?;
        if !self.buf.is_empty() {
            self.out.write_all(&self.buf)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(feature = "parquet")]
pub use self::parquet_sink::{ParquetSink, arrow_batch, parquet_schema};

/// Parquet output with typed columns (integers, floats, booleans, strings), for pandas, polars
/// and DuckDB. Records are buffered and written as row groups of bounded size, so memory stays
/// flat however long the run.
#[cfg(feature = "parquet")]
mod parquet_sink {
    use std::io::{self, Write};
    use std::sync::Arc;

    use arrow_array::builder::{
        BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
    };
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;

    use super::RecordSink;
    use crate::record::{COLUMNS, Column, ColumnType, ColumnValue, Record};

    /// Rows per row group.
    const ROW_GROUP: usize = 64 * 1024;

    /// The Parquet schema, from [`COLUMNS`]: the record fields with their natural types
    /// (nullable where JSON has null).
    pub fn parquet_schema() -> SchemaRef {
        Arc::new(Schema::new(
            COLUMNS
                .iter()
                .map(|c| Field::new(c.name, arrow_type(c.ty), c.nullable))
                .collect::<Vec<_>>(),
        ))
    }

    fn arrow_type(ty: ColumnType) -> DataType {
        match ty {
            ColumnType::Utf8 => DataType::Utf8,
            ColumnType::Int32 => DataType::Int32,
            ColumnType::Int64 => DataType::Int64,
            ColumnType::Float64 => DataType::Float64,
            ColumnType::Boolean => DataType::Boolean,
        }
    }

    /// Parquet on a file (or any writer that can be sent between threads).
    pub struct ParquetSink<W: Write + Send> {
        writer: ArrowWriter<W>,
        buffer: Vec<Record>,
    }

    impl<W: Write + Send> ParquetSink<W> {
        /// A sink writing to `out`.
        pub fn new(out: W) -> io::Result<Self> {
            Ok(ParquetSink {
                writer: ArrowWriter::try_new(out, parquet_schema(), None)
                    .map_err(io::Error::other)?,
                buffer: Vec::new(),
            })
        }

        fn flush_batch(&mut self) -> parquet::errors::Result<()> {
            if self.buffer.is_empty() {
                return Ok(());
            }
            let batch = arrow_batch(&self.buffer)?;
            self.writer.write(&batch)?;
            self.writer.flush()?;
            self.buffer.clear();
            Ok(())
        }
    }

    impl<W: Write + Send> RecordSink for ParquetSink<W> {
        fn write_document(&mut self, records: &[Record]) -> io::Result<()> {
            self.buffer.extend_from_slice(records);
            if self.buffer.len() >= ROW_GROUP {
                self.flush_batch().map_err(io::Error::other)?;
            }
            Ok(())
        }

        fn finish(mut self: Box<Self>) -> io::Result<()> {
            self.flush_batch().map_err(io::Error::other)?;
            let ParquetSink { writer, .. } = *self;
            writer.close().map_err(io::Error::other)?;
            Ok(())
        }
    }

    /// One column of a batch; a value of the wrong type is an error (the column table is wrong).
    fn array(column: &Column, rows: &[Record]) -> parquet::errors::Result<ArrayRef> {
        let wrong = |v: &ColumnValue| {
            parquet::errors::ParquetError::General(format!(
                "column {}: {v:?} is not {:?}",
                column.name, column.ty
            ))
        };
        macro_rules! build {
            ($builder:ty, $variant:ident) => {{
                let mut b = <$builder>::new();
                for r in rows {
                    match (column.get)(r) {
                        ColumnValue::Null => b.append_null(),
                        ColumnValue::$variant(v) => b.append_value(v),
                        v => return Err(wrong(&v)),
                    }
                }
                Arc::new(b.finish()) as ArrayRef
            }};
        }
        Ok(match column.ty {
            ColumnType::Utf8 => build!(StringBuilder, Text),
            ColumnType::Int32 => build!(Int32Builder, Int32),
            ColumnType::Int64 => build!(Int64Builder, Int64),
            ColumnType::Float64 => build!(Float64Builder, Float64),
            ColumnType::Boolean => build!(BooleanBuilder, Boolean),
        })
    }

    /// Records as one Arrow batch with the [`parquet_schema`] (for Arrow IPC, the Python bindings).
    pub fn arrow_batch(rows: &[Record]) -> parquet::errors::Result<RecordBatch> {
        let columns = COLUMNS
            .iter()
            .map(|c| array(c, rows))
            .collect::<parquet::errors::Result<Vec<_>>>()?;
        Ok(RecordBatch::try_new(parquet_schema(), columns)?)
    }
}

/// A file written whole documents at a time: every `write` is written completely or, on an
/// error (a full disk), the file is cut back to its length before that write. The sinks hand
/// over each document in one `write_all`, so the file always ends at a document boundary. Do not
/// put a `BufWriter` in front of it (that would split documents).
#[derive(Debug)]
pub struct DocumentFile {
    file: File,
    good: u64,
}

impl DocumentFile {
    /// Wrap a file opened for writing, empty or positioned at its end.
    pub fn new(mut file: File) -> io::Result<DocumentFile> {
        let good = file.stream_position()?;
        Ok(DocumentFile { file, good })
    }

    /// Bytes written completely.
    pub fn len(&self) -> u64 {
        self.good
    }

    /// Nothing written yet.
    pub fn is_empty(&self) -> bool {
        self.good == 0
    }
}

impl Write for DocumentFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.write_all(buf) {
            Ok(()) => {
                self.good += buf.len() as u64;
                Ok(buf.len())
            }
            Err(e) => {
                let _ = self.file.set_len(self.good);
                let _ = self.file.seek(io::SeekFrom::Start(self.good));
                Err(e)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// An output file written under a temporary name (`.FILE.tmp-PID` beside it) and renamed when
/// complete ([`commit`](AtomicFile::commit)); a run that does not complete
/// ([`abandon`](AtomicFile::abandon)) leaves `FILE.partial` (what was written) instead.
#[derive(Debug)]
pub struct AtomicFile {
    tmp: PathBuf,
    target: PathBuf,
}

impl AtomicFile {
    /// Create the temporary file for `target`; returns the handle and the file to write.
    pub fn create(target: &Path) -> io::Result<(AtomicFile, File)> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let tmp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&tmp)
            .map_err(|e| io::Error::new(e.kind(), format!("creating {}: {e}", tmp.display())))?;
        Ok((
            AtomicFile {
                tmp,
                target: target.to_path_buf(),
            },
            file,
        ))
    }

    /// The output is complete: give it its name (replacing any file there).
    pub fn commit(self) -> io::Result<()> {
        std::fs::rename(&self.tmp, &self.target).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("renaming output to {}: {e}", self.target.display()),
            )
        })
    }

    /// Nothing worth keeping was written (the run failed before starting): remove the temporary
    /// file.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.tmp);
    }

    /// The output is incomplete: keep it as `FILE.partial`; returns that path.
    pub fn abandon(self) -> PathBuf {
        let partial = PathBuf::from(format!("{}.partial", self.target.display()));
        let _ = std::fs::rename(&self.tmp, &partial);
        partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> Vec<Record> {
        let mut a = crate::record::tests::sample();
        let mut b = a.clone();
        a.start = 0;
        b.start = 20;
        b.measure = Some(crate::schema::Measure::Level);
        vec![a, b]
    }

    /// Run a sink over two documents (the second empty) into a buffer.
    fn output(make: impl FnOnce(&mut Vec<u8>) -> Box<dyn RecordSink + '_>) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut sink = make(&mut buf);
        sink.write_document(&records()).unwrap();
        sink.write_document(&[]).unwrap();
        sink.finish().unwrap();
        buf
    }

    #[test]
    fn jsonl_is_one_record_per_line() {
        let out = String::from_utf8(output(|w| Box::new(JsonlSink::new(w)))).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        for (line, r) in lines.iter().zip(records()) {
            assert_eq!(serde_json::from_str::<Record>(line).unwrap(), r);
        }
        assert!(out.ends_with('\n'));
    }

    #[test]
    fn csv_has_the_column_header_and_optional_bom() {
        let plain =
            String::from_utf8(output(|w| Box::new(CsvSink::new(w, false).unwrap()))).unwrap();
        let excel =
            String::from_utf8(output(|w| Box::new(CsvSink::new(w, true).unwrap()))).unwrap();
        assert_eq!(excel, format!("\u{feff}{plain}"));
        let mut reader = csv::Reader::from_reader(plain.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(
            rows,
            records().iter().map(Record::csv_row).collect::<Vec<_>>()
        );
    }

    #[cfg(feature = "parquet")]
    #[test]
    fn parquet_has_the_column_schema() {
        let out = output(|w| Box::new(ParquetSink::new(w).unwrap()));
        assert!(out.starts_with(b"PAR1") && out.ends_with(b"PAR1"));
        let schema = parquet_schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names, COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>());
        for (f, c) in schema.fields().iter().zip(COLUMNS) {
            assert_eq!(f.is_nullable(), c.nullable, "{}", c.name);
        }
    }

    /// A writer that accepts `room` bytes and then fails like a full disk.
    struct Full(usize, Vec<u8>);

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::other("no space left"));
            }
            let n = buf.len().min(self.0);
            self.0 -= n;
            self.1.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn sinks_hand_over_whole_documents() {
        // Each document reaches the writer in one write_all: a writer failing partway through the
        // second document leaves the first whole plus a prefix that DocumentFile cuts off.
        let mut whole = Vec::new();
        {
            let mut sink = JsonlSink::new(&mut whole);
            sink.write_document(&records()).unwrap();
        }
        let mut sink = JsonlSink::new(Full(whole.len() + 10, Vec::new()));
        sink.write_document(&records()).unwrap();
        assert!(sink.write_document(&records()).is_err());
        assert_eq!(&sink.out.1[..whole.len()], &whole[..]);
    }

    #[test]
    fn document_file_cuts_a_failed_write() {
        let dir = std::env::temp_dir().join(format!("govtext-docfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f");
        let mut f = DocumentFile::new(File::create(&path).unwrap()).unwrap();
        f.write_all(b"one\n").unwrap();
        assert_eq!(f.len(), 4);
        // A read-only handle fails every write: the file stays as it was.
        let mut handle = File::open(&path).unwrap();
        handle.seek(io::SeekFrom::End(0)).unwrap();
        let mut ro = DocumentFile::new(handle).unwrap();
        assert_eq!(ro.len(), 4);
        assert!(ro.write_all(b"two\n").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn atomic_file_renames_on_commit_and_keeps_partial_on_abandon() {
        let dir = std::env::temp_dir().join(format!("govtext-sink-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.jsonl");
        let (atomic, mut file) = AtomicFile::create(&target).unwrap();
        file.write_all(b"done\n").unwrap();
        drop(file);
        assert!(!target.exists());
        atomic.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "done\n");

        let other = dir.join("cut.jsonl");
        let (atomic, mut file) = AtomicFile::create(&other).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        let partial = atomic.abandon();
        assert_eq!(partial, dir.join("cut.jsonl.partial"));
        assert_eq!(std::fs::read_to_string(&partial).unwrap(), "half");
        assert!(!other.exists());
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            2,
            "no temporary file left"
        );
        std::fs::remove_dir_all(&dir).unwrap();

        let err = AtomicFile::create(&dir.join("missing/x.csv")).unwrap_err();
        assert!(err.to_string().starts_with("creating "), "{err}");
    }
}
