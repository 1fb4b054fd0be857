//! govtext turns Chinese government reports (政府工作报告, statistical bulletins, meeting news)
//! into structured data: every quantity with its unit, normalised value and the sentence it is in.
//!
//! The pipeline, one document at a time:
//! 1. [`document`]: decode bytes (UTF-8, UTF-16 with BOM, GB18030/GBK detected) and normalise
//!    for matching without moving character offsets;
//! 2. [`segment`]: split sentences and cut them with jieba-rs plus the shipped government
//!    dictionary (`dict/gov.dict`);
//! 3. [`extract`]: find numeral runs, parse them with the numeral grammar, attach units,
//!    ranges and qualifiers, and drop dates, ordinals, names and codes;
//! 4. [`record`]: the serde schema printed as JSON Lines;
//! 5. [`eval`]: precision/recall against gold annotations;
//! 6. [`terms`]: term frequencies per document, the raw material for comparing word use.
#![deny(missing_docs)]

pub mod batch;
pub mod compare;
pub(crate) mod document;
pub(crate) mod error;
pub mod eval;
pub(crate) mod extract;
mod extractor;
pub mod html;
pub(crate) mod input;
pub(crate) mod json;
pub(crate) mod meta;
pub mod record;
pub mod schema;
pub(crate) mod segment;
pub mod sink;
pub mod terms;
pub mod vocab;

pub use document::{Document, Meta, normalize};
pub use error::{Error, Result};
pub use extractor::{DocResult, Extractor, ExtractorBuilder, parse_number, parse_number_decimal};
pub use meta::{MetaTable, infer as infer_metadata};
pub use record::Record;
pub use schema::{Basis, Direction, Horizon, Kind, Measure, Qualifier};
pub use segment::{Scoped, SegmentedSentence, Segmenter, Token, Word};
