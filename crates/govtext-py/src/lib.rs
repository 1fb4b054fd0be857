//! The native half of the `govtext` Python package (`govtext._govtext`). The Python half
//! (`python/govtext/__init__.py`) wraps it: it turns the Arrow IPC bytes that the batch calls
//! return into `pyarrow.Table`s and carries the documentation users read.
//!
//! Work on many documents runs on rayon threads with the GIL released; results keep input order.

use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::RecordBatch;
use govtext::Document;
use govtext::MetaTable;
use govtext::sink::arrow_batch;
use govtext::{DocResult, Extractor, Record};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

/// Documents taken from the Python iterable at a time (the GIL is held only while taking them).
const CHUNK: usize = 256;

/// The extractor, built once (segmenter, dictionaries, lexicon) and shared by every call and thread.
#[pyclass(frozen, module = "govtext._govtext", name = "NativeExtractor")]
struct NativeExtractor {
    inner: Arc<Extractor>,
}

/// What a batch call returns: the records as Arrow IPC stream bytes, and (doc, reason) failures.
type Batch = (Vec<u8>, Vec<(String, String)>);

#[pymethods]
impl NativeExtractor {
    #[new]
    #[pyo3(signature = (dicts = Vec::new(), indicators = Vec::new(), meta = None))]
    fn new(
        py: Python<'_>,
        dicts: Vec<PathBuf>,
        indicators: Vec<PathBuf>,
        meta: Option<PathBuf>,
    ) -> PyResult<Self> {
        py.detach(|| {
            let mut builder = Extractor::builder();
            for d in dicts {
                builder = builder.user_dict(d);
            }
            for i in indicators {
                builder = builder.indicators(i);
            }
            if let Some(path) = meta {
                builder = builder.meta_table(MetaTable::read(&path).map_err(value_error)?);
            }
            let inner = builder.build().map_err(value_error)?;
            Ok(NativeExtractor {
                inner: Arc::new(inner),
            })
        })
    }

    /// Records of one text as the CLI's JSON lines; ValueError when the text is not a document.
    #[pyo3(signature = (text, id = None, region = None, year = None, meta = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        id: Option<String>,
        region: Option<String>,
        year: Option<i32>,
        meta: Option<Bound<'py, PyDict>>,
    ) -> PyResult<Vec<String>> {
        let extra = match meta {
            Some(m) => dict_to_json(&m)?,
            None => serde_json::Map::new(),
        };
        let doc = text_doc(
            id.unwrap_or_else(|| "-".into()),
            text,
            region,
            year,
            None,
            extra,
        )
        .map_err(PyValueError::new_err)?;
        let extractor = self.inner.clone();
        let result = py.detach(move || {
            let mut results = extractor.extract_stream(std::iter::once(doc), 1);
            results.next().expect("one document in, one result out")
        });
        let records = result.records.map_err(PyValueError::new_err)?;
        records
            .iter()
            .map(|r| serde_json::to_string(r).map_err(value_error))
            .collect()
    }

    /// Records of many documents (dicts or (id, text) tuples) as Arrow IPC bytes, plus failures.
    #[pyo3(signature = (docs, jobs = None))]
    fn extract_many(
        &self,
        py: Python<'_>,
        docs: Bound<'_, PyAny>,
        jobs: Option<usize>,
    ) -> PyResult<Batch> {
        let pool = pool(jobs)?;
        let mut records: Vec<Record> = Vec::new();
        let mut errors = Vec::new();
        let mut iter = docs.try_iter()?;
        let mut index = 0usize;
        loop {
            // Under the GIL: take up to CHUNK documents from Python.
            let mut chunk: Vec<Result<Document, (String, String)>> = Vec::new();
            for item in iter.by_ref().take(CHUNK) {
                let item = item?;
                chunk.push(py_doc(&item, index));
                index += 1;
            }
            if chunk.is_empty() {
                break;
            }
            let bytes: u64 = chunk.iter().flatten().map(|d| d.text.len() as u64).sum();
            // Without the GIL: extract them in parallel, in order.
            let extractor = self.inner.clone();
            let pool = pool.clone();
            let done: Vec<Result<DocResult, (String, String)>> = py.detach(move || {
                // A large chunk builds the full dictionary first (without the GIL).
                extractor.expect_bytes(bytes);
                run_on(&pool, || {
                    let mut good = Vec::new();
                    let mut slots = Vec::new();
                    for d in chunk {
                        match d {
                            Ok(doc) => {
                                slots.push(None);
                                good.push(doc);
                            }
                            Err(e) => slots.push(Some(e)),
                        }
                    }
                    let mut results = extractor.extract_stream(good, CHUNK);
                    slots
                        .into_iter()
                        .map(|s| match s {
                            Some(e) => Err(e),
                            None => Ok(results.next().expect("one result per document")),
                        })
                        .collect()
                })
            });
            collect(done, &mut records, &mut errors);
        }
        finish(py, records, errors)
    }

    /// Records of files and directories (as the CLI reads them) as Arrow IPC bytes, plus failures.
    #[pyo3(signature = (paths, jobs = None, glob = "*.txt".to_string()))]
    fn extract_files(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        jobs: Option<usize>,
        glob: String,
    ) -> PyResult<Batch> {
        let pool = pool(jobs)?;
        let extractor = self.inner.clone();
        let (records, errors) = py.detach(move || -> PyResult<_> {
            let table = sidecar_table(&paths)?;
            let inputs = govtext::batch::collect(&paths, &glob);
            let done: Vec<Result<DocResult, (String, String)>> = run_on(&pool, || {
                use rayon::prelude::*;
                inputs
                    .into_par_iter()
                    .map(|input| {
                        let input = input.map_err(|e| {
                            let name = match &e {
                                govtext::Error::Io { path, .. } => path.display().to_string(),
                                _ => String::new(),
                            };
                            (name, e.to_string())
                        })?;
                        let mut doc = input
                            .read()
                            .map_err(|e| (input.id.clone(), e.to_string()))?;
                        govtext::infer_metadata(&mut doc, table.as_ref());
                        // Metadata is set: the extractor's own inference leaves it as it is.
                        let mut out = extractor.extract_stream(std::iter::once(doc), 1);
                        Ok(out.next().expect("one document in, one result out"))
                    })
                    .collect()
            });
            let mut records = Vec::new();
            let mut errors = Vec::new();
            collect(done, &mut records, &mut errors);
            Ok((records, errors))
        })?;
        finish(py, records, errors)
    }

    /// Sentences of a text as lists of (word, pos, start, end).
    fn segment(&self, py: Python<'_>, text: String) -> Vec<Vec<(String, String, usize, usize)>> {
        let extractor = self.inner.clone();
        py.detach(move || {
            let norm = govtext::normalize(&text);
            // A small text before the full dictionary is built: a dictionary of its own words.
            let scoped = extractor.segmenter().scoped(&[&norm]);
            scoped
                .as_deref()
                .unwrap_or(extractor.segmenter())
                .words(&text, &norm)
                .into_iter()
                .map(|s| {
                    s.into_iter()
                        .map(|w| (w.text.to_string(), w.pos.to_string(), w.start, w.end))
                        .collect()
                })
                .collect()
        })
    }

    /// Term counts (term, pos, count, per_10k), most frequent first.
    fn terms(&self, py: Python<'_>, text: String) -> Vec<(String, String, usize, f64)> {
        let extractor = self.inner.clone();
        py.detach(move || {
            let doc = Document::from_text("-", text);
            extractor
                .terms(&doc)
                .into_iter()
                .map(|t| (t.term, t.pos, t.count, t.per_10k))
                .collect()
        })
    }
}

/// The value of a numeral with every multiplier applied, or None.
#[pyfunction]
fn parse_number(text: &str) -> Option<f64> {
    govtext::parse_number(text)
}

/// The column names of a record, in order.
#[pyfunction]
fn columns() -> Vec<&'static str> {
    govtext::record::COLUMNS.iter().map(|c| c.name).collect()
}

#[pymodule]
fn _govtext(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeExtractor>()?;
    m.add_function(wrap_pyfunction!(parse_number, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// The pool to run on: rayon's global one, or one of `jobs` threads.
fn pool(jobs: Option<usize>) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
    match jobs {
        None | Some(0) => Ok(None),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|p| Some(Arc::new(p)))
            .map_err(value_error),
    }
}

fn run_on<R: Send>(pool: &Option<Arc<rayon::ThreadPool>>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(p) => p.install(work),
        None => work(),
    }
}

/// A `meta.tsv` at the top of each directory given, as the CLI reads it.
fn sidecar_table(paths: &[PathBuf]) -> PyResult<Option<MetaTable>> {
    MetaTable::sidecars(paths).map_err(value_error)
}

fn collect(
    done: Vec<Result<DocResult, (String, String)>>,
    records: &mut Vec<Record>,
    errors: &mut Vec<(String, String)>,
) {
    for d in done {
        match d {
            Ok(DocResult {
                records: Ok(rs), ..
            }) => records.extend(rs),
            Ok(DocResult {
                id,
                records: Err(reason),
                ..
            }) => errors.push((id, reason)),
            Err(e) => errors.push(e),
        }
    }
}

fn finish(py: Python<'_>, records: Vec<Record>, errors: Vec<(String, String)>) -> PyResult<Batch> {
    let bytes = py.detach(move || -> Result<Vec<u8>, String> {
        let batch: RecordBatch = arrow_batch(&records).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        let mut writer = arrow_ipc::writer::StreamWriter::try_new(&mut out, &batch.schema())
            .map_err(|e| e.to_string())?;
        writer.write(&batch).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        drop(writer);
        Ok(out)
    });
    Ok((bytes.map_err(PyValueError::new_err)?, errors))
}

/// A document from text in memory, with the checks the CLI makes of a JSONL document.
fn text_doc(
    id: String,
    text: String,
    region: Option<String>,
    year: Option<i32>,
    kind: Option<String>,
    extra: serde_json::Map<String, Value>,
) -> Result<Document, String> {
    if text.contains('\0') {
        return Err(format!("document `{id}`: NUL character in text"));
    }
    if text.trim().is_empty() {
        return Err(format!("document `{id}`: empty text"));
    }
    let mut doc = Document::from_text(id, text);
    doc.meta.region = region.filter(|r| !r.is_empty());
    doc.meta.year = year;
    doc.meta.kind = kind;
    doc.meta.extra = extra;
    Ok(doc)
}

/// One item of `extract_many`'s input as a document, or (id, reason) when it is not one.
fn py_doc(item: &Bound<'_, PyAny>, index: usize) -> Result<Document, (String, String)> {
    let fallback = format!("#{index}");
    if let Ok(d) = item.cast::<PyDict>() {
        // The rules of a JSONL line (`year` from 1900 to 2100, `id` string or number, ...).
        let obj = dict_to_json(d).map_err(|e| (fallback.clone(), e.to_string()))?;
        return govtext::batch::document_from_object(obj)
            .map_err(|(id, reason)| (id.unwrap_or(fallback), reason));
    }
    if let Ok(t) = item.cast::<PyTuple>()
        && t.len() == 2
    {
        let id: String = match t.get_item(0).and_then(|v| v.str()) {
            Ok(s) => s.to_string(),
            Err(e) => return Err((fallback, e.to_string())),
        };
        let text: String = match t.get_item(1).and_then(|v| v.extract()) {
            Ok(s) => s,
            Err(_) => return Err((id.clone(), format!("document `{id}` has no `text` string"))),
        };
        return text_doc(id.clone(), text, None, None, None, serde_json::Map::new())
            .map_err(|e| (id, e));
    }
    Err((
        fallback,
        "a document is a dict with `id` and `text`, or an (id, text) tuple".into(),
    ))
}

fn dict_to_json(d: &Bound<'_, PyDict>) -> PyResult<serde_json::Map<String, Value>> {
    let mut out = serde_json::Map::new();
    for (k, v) in d.iter() {
        out.insert(k.str()?.to_string(), py_to_json(&v)?);
    }
    Ok(out)
}

fn py_to_json(v: &Bound<'_, PyAny>) -> PyResult<Value> {
    Ok(if v.is_none() {
        Value::Null
    } else if let Ok(b) = v.cast::<PyBool>() {
        Value::Bool(b.is_true())
    } else if v.is_instance_of::<PyInt>() {
        match v.extract::<i64>() {
            Ok(i) => Value::from(i),
            Err(_) => Value::String(v.str()?.to_string()),
        }
    } else if let Ok(f) = v.cast::<PyFloat>() {
        serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number)
    } else if let Ok(s) = v.cast::<PyString>() {
        Value::String(s.to_cow()?.into_owned())
    } else if let Ok(d) = v.cast::<PyDict>() {
        Value::Object(dict_to_json(d)?)
    } else if let Ok(l) = v.cast::<PyList>() {
        Value::Array(l.iter().map(|x| py_to_json(&x)).collect::<PyResult<_>>()?)
    } else if let Ok(t) = v.cast::<PyTuple>() {
        Value::Array(t.iter().map(|x| py_to_json(&x)).collect::<PyResult<_>>()?)
    } else {
        return Err(PyTypeError::new_err(format!(
            "metadata value {} is not JSON",
            v.repr()?
        )));
    })
}
