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

use crate::record::{COLUMNS, Column, ColumnType, ColumnValue, Record};

/// Rows per row group.
const ROW_GROUP: usize = 64 * 1024;

/// The Parquet schema, from [`COLUMNS`]: the record fields with their natural types (nullable
/// where JSON has null).
pub fn schema() -> SchemaRef {
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

fn to_batch(rows: &[Record]) -> parquet::errors::Result<RecordBatch> {
    let columns = COLUMNS
        .iter()
        .map(|c| array(c, rows))
        .collect::<parquet::errors::Result<Vec<_>>>()?;
    Ok(RecordBatch::try_new(schema(), columns)?)
}
