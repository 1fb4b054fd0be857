//! Parquet output with typed columns (integers, floats, booleans, strings), for pandas, polars
//! and DuckDB. Records are buffered and written as row groups of bounded size, so memory stays
//! flat however long the run.

use std::fs::File;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;

use crate::record::Record;

/// Rows per row group.
const ROW_GROUP: usize = 64 * 1024;

/// The Parquet schema: the record fields with their natural types (nullable where JSON has null).
pub fn schema() -> SchemaRef {
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    Arc::new(Schema::new(vec![
        s("doc", false),
        s("region", true),
        Field::new("year", DataType::Int32, true),
        Field::new("sentence", DataType::Int64, false),
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        s("text", false),
        s("value", false),
        s("unit", false),
        Field::new("norm_value", DataType::Float64, false),
        Field::new("norm_upper", DataType::Float64, true),
        s("norm_unit", false),
        s("kind", false),
        s("qualifier", false),
        s("indicator", true),
        s("indicator_id", true),
        s("indicator_en", true),
        s("measure", true),
        s("direction", true),
        s("basis", true),
        Field::new("target", DataType::Boolean, true),
        s("subject", true),
        s("period", true),
        s("context", false),
        s("meta", true),
    ]))
}

/// Writes records to a Parquet file.
pub struct ParquetWriter {
    writer: ArrowWriter<File>,
    buffer: Vec<Record>,
}

impl ParquetWriter {
    /// A writer on an open file.
    pub fn new(file: File) -> parquet::errors::Result<Self> {
        Ok(ParquetWriter {
            writer: ArrowWriter::try_new(file, schema(), None)?,
            buffer: Vec::new(),
        })
    }

    /// Add the records of one document.
    pub fn write(&mut self, records: &[Record]) -> parquet::errors::Result<()> {
        self.buffer.extend_from_slice(records);
        if self.buffer.len() >= ROW_GROUP {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> parquet::errors::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let batch = to_batch(&self.buffer)?;
        self.writer.write(&batch)?;
        self.writer.flush()?;
        self.buffer.clear();
        Ok(())
    }

    /// Write what is buffered and the file footer.
    pub fn close(mut self) -> parquet::errors::Result<()> {
        self.flush_batch()?;
        self.writer.close()?;
        Ok(())
    }
}

fn to_batch(rows: &[Record]) -> parquet::errors::Result<RecordBatch> {
    fn strings<'a>(rows: &'a [Record], f: impl Fn(&'a Record) -> Option<&'a str>) -> ArrayRef {
        let mut b = StringBuilder::new();
        for r in rows {
            b.append_option(f(r));
        }
        Arc::new(b.finish())
    }
    fn ints(rows: &[Record], f: impl Fn(&Record) -> usize) -> ArrayRef {
        let mut b = Int64Builder::new();
        for r in rows {
            b.append_value(f(r) as i64);
        }
        Arc::new(b.finish())
    }
    let mut year = Int32Builder::new();
    let mut norm_value = Float64Builder::new();
    let mut norm_upper = Float64Builder::new();
    let mut target = BooleanBuilder::new();
    for r in rows {
        year.append_option(r.year);
        norm_value.append_value(r.norm_value);
        norm_upper.append_option(r.norm_upper);
        target.append_option(r.target);
    }
    let metas: Vec<Option<String>> = rows
        .iter()
        .map(|r| {
            (!r.meta.is_empty()).then(|| serde_json::Value::Object(r.meta.clone()).to_string())
        })
        .collect();
    let columns: Vec<ArrayRef> = vec![
        strings(rows, |r| Some(r.doc.as_str())),
        strings(rows, |r| r.region.as_deref()),
        Arc::new(year.finish()),
        ints(rows, |r| r.sentence),
        ints(rows, |r| r.start),
        ints(rows, |r| r.end),
        strings(rows, |r| Some(r.text.as_str())),
        strings(rows, |r| Some(r.value.as_str())),
        strings(rows, |r| Some(r.unit.as_str())),
        Arc::new(norm_value.finish()),
        Arc::new(norm_upper.finish()),
        strings(rows, |r| Some(r.norm_unit.as_str())),
        strings(rows, |r| Some(r.kind.as_str())),
        strings(rows, |r| Some(r.qualifier.as_str())),
        strings(rows, |r| r.indicator.as_deref()),
        strings(rows, |r| r.indicator_id.as_deref()),
        strings(rows, |r| r.indicator_en.as_deref()),
        strings(rows, |r| r.measure.map(|m| m.as_str())),
        strings(rows, |r| r.direction.map(|d| d.as_str())),
        strings(rows, |r| r.basis.map(|b| b.as_str())),
        Arc::new(target.finish()),
        strings(rows, |r| r.subject.as_deref()),
        strings(rows, |r| r.period.as_deref()),
        strings(rows, |r| Some(r.context.as_str())),
        {
            let mut b = StringBuilder::new();
            for m in &metas {
                b.append_option(m.as_deref());
            }
            Arc::new(b.finish())
        },
    ];
    Ok(RecordBatch::try_new(schema(), columns)?)
}
