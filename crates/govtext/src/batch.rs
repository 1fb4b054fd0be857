//! The batch stage: a stream of documents (files, directories, stdin, JSON Lines of documents)
//! processed in parallel with results handed back in input order.
//!
//! Jobs are read lazily and processed a bounded chunk at a time (rayon inside the chunk, order
//! kept by collecting into a vector), so memory depends on the chunk, not on the corpus: a JSONL
//! file of millions of documents streams. A document that fails — unreadable, undecodable,
//! a bad JSONL line, even a panic in processing — becomes a failed outcome naming it; the others
//! go on. The library reports outcomes to a callback and never prints.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::input::{self, Input};
pub use crate::input::{Source, collect};
use crate::meta::{self, MetaTable};

/// The default largest document, in bytes (64 MiB): a larger file or JSONL line is an error for
/// that document rather than an allocation that could exhaust memory.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 64 << 20;

/// How to read input files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// By extension: `*.jsonl` are JSON Lines of documents, anything else is one text document.
    Auto,
    /// Every file is one text document.
    Text,
    /// Every file (and stdin) is JSON Lines of documents.
    Jsonl,
}

/// Where a document came from, and its id when known: what a failed document's error record
/// carries (`govtext extract --errors-as-records`), so that a consumer reading many streams (one
/// per Spark partition, say) can tell which document failed without counting lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The input: a file's path, or `-` for standard input.
    pub source: String,
    /// The 1-based line of a JSON Lines input; `None` for a text file.
    pub line: Option<usize>,
    /// The document's id; for a bad JSONL line, the `id` read from it when it can be.
    pub doc: Option<String>,
}

impl Origin {
    /// The origin of a whole input (a file, stdin) with no id.
    fn of(source: String) -> Origin {
        Origin {
            source,
            ..Origin::default()
        }
    }

    /// `SOURCE:LINE`, or `SOURCE` for a text file: how errors name the document's place.
    pub fn place(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.source),
            None => self.source.clone(),
        }
    }
}

/// One unit of work.
#[derive(Debug)]
pub enum Job {
    /// A text document to read and decode (done by the worker).
    File(Input),
    /// A document already parsed from a JSONL line, and its place.
    Doc(Document, Origin),
    /// Something that failed before processing: where, and why.
    Failed(Origin, Error),
}

impl Job {
    fn name(&self) -> String {
        match self {
            Job::File(i) => i.display(),
            Job::Doc(d, _) => d.id.clone(),
            Job::Failed(o, _) => o.place(),
        }
    }

    fn origin(&self) -> Origin {
        match self {
            Job::File(i) => Origin {
                source: i.display(),
                line: None,
                doc: Some(i.id.clone()),
            },
            Job::Doc(_, o) | Job::Failed(o, _) => o.clone(),
        }
    }
}

/// Iterator over jobs: paths expanded, JSONL files streamed line by line.
pub struct Jobs {
    inputs: std::vec::IntoIter<Result<Input>>,
    format: InputFormat,
    current: Option<(String, Box<dyn BufRead + Send>, usize)>,
    max_doc_bytes: u64,
}

impl Jobs {
    /// Jobs for `paths` (see [`input::collect`]) read as `format`.
    pub fn new(paths: &[PathBuf], glob: &str, format: InputFormat) -> Jobs {
        Jobs::from_inputs(input::collect(paths, glob), format)
    }

    /// Jobs for an explicit list of inputs.
    pub fn from_inputs(inputs: Vec<Result<Input>>, format: InputFormat) -> Jobs {
        Jobs {
            inputs: inputs.into_iter(),
            format,
            current: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }

    /// Set the largest document accepted, in bytes (a text file's size, a JSONL line's length);
    /// a larger one is a failed outcome naming it.
    pub fn max_doc_bytes(mut self, max: u64) -> Jobs {
        self.max_doc_bytes = max;
        self
    }

    /// The size of the listed files in bytes (standard input counts as empty; a file that cannot
    /// be read as 0: it fails when it is read).
    pub fn input_bytes(&self) -> u64 {
        self.inputs
            .as_slice()
            .iter()
            .filter_map(|i| match i {
                Ok(Input {
                    source: input::Source::File(path),
                    ..
                }) => std::fs::metadata(path).ok().map(|m| m.len()),
                _ => None,
            })
            .sum()
    }

    /// How many inputs (files, stdin) are listed; JSONL files count once.
    pub fn inputs_len(&self) -> usize {
        self.inputs.len()
    }

    fn is_jsonl(&self, input: &Input) -> bool {
        match (self.format, &input.source) {
            (InputFormat::Jsonl, _) => true,
            (InputFormat::Text, _) => false,
            (InputFormat::Auto, Source::File(p)) => p.extension().is_some_and(|e| e == "jsonl"),
            (InputFormat::Auto, Source::Stdin) => stdin_looks_like_jsonl(),
        }
    }
}

/// Standard input holds JSON Lines when its first character (after a BOM and white space) is `{`:
/// report text never starts so. The bytes looked at stay in the process's stdin buffer, so the
/// reader that follows sees them.
fn stdin_looks_like_jsonl() -> bool {
    let mut stdin = std::io::stdin().lock();
    let Ok(buf) = stdin.fill_buf() else {
        return false;
    };
    let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
    buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

impl Iterator for Jobs {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if let Some((name, reader, line_no)) = &mut self.current {
                let max = usize::try_from(self.max_doc_bytes).unwrap_or(usize::MAX);
                let mut line = Vec::new();
                match read_line_limited(reader.as_mut(), &mut line, max) {
                    Ok((0, _)) => self.current = None,
                    Ok((total, ended)) => {
                        *line_no += 1;
                        let length = total - usize::from(ended);
                        if let Some(job) = line_job(name, *line_no, &line, length, max) {
                            return Some(job);
                        }
                    }
                    Err(source) => {
                        let origin = Origin {
                            source: name.clone(),
                            line: Some(*line_no + 1),
                            doc: None,
                        };
                        self.current = None;
                        return Some(Job::Failed(
                            origin.clone(),
                            Error::Io {
                                path: origin.place().into(),
                                source,
                            },
                        ));
                    }
                }
                continue;
            }
            let input = match self.inputs.next()? {
                Ok(i) => i,
                Err(e) => return Some(Job::Failed(Origin::of(error_path(&e)), e)),
            };
            if !self.is_jsonl(&input) {
                return Some(Job::File(input));
            }
            let reader: Box<dyn BufRead + Send> = match &input.source {
                Source::Stdin => Box::new(BufReader::new(std::io::stdin())),
                Source::File(p) => match File::open(p) {
                    Ok(f) => Box::new(BufReader::new(f)),
                    Err(source) => {
                        return Some(Job::Failed(
                            Origin::of(input.display()),
                            Error::Io {
                                path: p.clone(),
                                source,
                            },
                        ));
                    }
                },
            };
            self.current = Some((input.display(), reader, 0));
        }
    }
}

/// The job of line `line_no` of the JSONL input `name` (`length` bytes, of which at most
/// `max + 1` are in `line`): a document, or a failure naming its place; `None` for a blank line.
fn line_job(name: &str, line_no: usize, line: &[u8], length: usize, max: usize) -> Option<Job> {
    let origin = |doc: Option<String>| Origin {
        source: name.to_string(),
        line: Some(line_no),
        doc,
    };
    let bad = |reason: String| {
        Job::Failed(
            origin(recover_id(line)),
            Error::BadRecord {
                path: PathBuf::from(name),
                line: line_no,
                reason,
            },
        )
    };
    if length > max {
        return Some(bad(format!(
            "line of {length} bytes is larger than the document size limit ({max} bytes)"
        )));
    }
    let text = match std::str::from_utf8(line) {
        Ok(l) => l,
        Err(e) => return Some(bad(format!("not UTF-8: {e}"))),
    };
    // A byte-order mark may open the stream (files saved by Windows tools).
    let text = if line_no == 1 {
        text.strip_prefix('\u{feff}').unwrap_or(text)
    } else {
        text
    };
    if text.trim().is_empty() {
        return None;
    }
    Some(match parse_jsonl_doc(text, name, line_no) {
        Ok(doc) => {
            let origin = origin(Some(doc.id.clone()));
            Job::Doc(doc, origin)
        }
        Err(e) => Job::Failed(origin(recover_id(line)), e),
    })
}

/// Read one line (through its `\n`) into `buf`, keeping at most `max + 1` bytes of it so an
/// endless line cannot exhaust memory; returns the line's whole length (0 at the end of input)
/// and whether it ended with `\n`.
fn read_line_limited(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<(usize, bool)> {
    buf.clear();
    let mut total = 0usize;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((total, false));
        }
        let (n, ended) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let keep = max.saturating_add(1).saturating_sub(buf.len()).min(n);
        buf.extend_from_slice(&available[..keep]);
        reader.consume(n);
        total = total.saturating_add(n);
        if ended {
            return Ok((total, true));
        }
    }
}

/// The `id` of a JSONL line that is not a valid document, when it can be read: from the whole
/// line when it is JSON (a bad `year`, no `text`), else from the first `"id": VALUE` in it (a line
/// cut at the size limit, a stray byte that is not UTF-8, broken JSON after the id). Best effort,
/// for error records only.
fn recover_id(line: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(line);
    let id_of = |v: Value| match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    if let Ok(Value::Object(mut obj)) = serde_json::from_str::<Value>(&text) {
        return obj.remove("id").and_then(id_of);
    }
    let mut rest: &str = &text;
    while let Some(at) = rest.find("\"id\"") {
        let after = rest[at + 4..].trim_start();
        rest = &rest[at + 4..];
        let Some(value) = after.strip_prefix(':') else {
            continue;
        };
        let mut values = serde_json::Deserializer::from_str(value).into_iter::<Value>();
        if let Some(id) = values.next().and_then(|v| v.ok()).and_then(id_of) {
            return Some(id);
        }
    }
    None
}

fn error_path(e: &Error) -> String {
    match e {
        Error::Io { path, .. }
        | Error::Undecodable { path, .. }
        | Error::Empty { path }
        | Error::Dictionary { path, .. }
        | Error::BadRecord { path, .. } => path.display().to_string(),
    }
}

/// One JSONL line as a document: `id` and `text` required, `region`/`year`/`kind` used, every
/// other field kept as metadata.
pub fn parse_jsonl_doc(line: &str, file: &str, line_no: usize) -> Result<Document> {
    let bad = |reason: String| Error::BadRecord {
        path: PathBuf::from(file),
        line: line_no,
        reason,
    };
    let value: Value = serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(bad("not a JSON object".into()));
    };
    document_from_object(obj).map_err(|(_, reason)| bad(reason))
}

/// A JSON object as a document, by the rules of a JSONL line (the Python package's dicts follow
/// them too): `id` (string or number) and a non-empty `text` without NUL required; `region`,
/// `year` (an integer from 1900 to 2100, or a string of one; null or empty for none) and `kind`
/// used; every other field kept as metadata. Else why not, with the id when there is one.
pub fn document_from_object(
    mut obj: serde_json::Map<String, Value>,
) -> std::result::Result<Document, (Option<String>, String)> {
    let id = match obj.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err((None, "no `id` (string or number)".into())),
    };
    let bad = |reason: String| Err((Some(id.clone()), reason));
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        _ => return bad(format!("document `{id}` has no `text` string")),
    };
    if text.contains('\0') {
        return bad(format!("document `{id}`: NUL character in text"));
    }
    if text.trim().is_empty() {
        return bad(format!("document `{id}`: empty text"));
    }
    let region = obj.remove("region").and_then(|v| match v {
        Value::String(s) if !s.is_empty() => Some(s),
        _ => None,
    });
    let year = match obj.remove("year") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(v) => {
            let year = match &v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse::<i64>().ok(),
                _ => None,
            };
            match year {
                Some(y) if (1900..=2100).contains(&y) => Some(y as i32),
                _ => {
                    return bad(format!(
                        "document `{id}`: `year` {v} is not a year from 1900 to 2100"
                    ));
                }
            }
        }
    };
    let mut doc = Document::from_text(id, text);
    doc.meta.region = region;
    doc.meta.year = year;
    doc.meta.kind = obj
        .remove("kind")
        .and_then(|v| v.as_str().map(str::to_string));
    doc.meta.extra = obj;
    Ok(doc)
}

/// What happened to one job.
#[derive(Debug)]
pub struct Outcome<T> {
    /// The document's id, or the input's name when it failed before having one.
    pub name: String,
    /// Where the document came from (source, line, id when known), for error records.
    pub origin: Origin,
    /// Bytes of text processed (UTF-8).
    pub bytes: usize,
    /// The result, or the reason it failed.
    pub result: std::result::Result<T, String>,
}

/// Counts for the end-of-run summary.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Documents processed.
    pub ok: usize,
    /// Documents that failed, with the reason.
    pub failed: Vec<(String, String)>,
    /// Records (or lines) produced.
    pub records: usize,
    /// Bytes of text processed.
    pub bytes: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl Summary {
    /// Throughput in MB/s.
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Documents per parallel chunk for a pool of `threads`.
pub fn chunk_size(threads: usize) -> usize {
    (threads * 16).max(16)
}

/// Run `work` over all jobs on `pool`, handing outcomes to `sink` in input order. `sink` returns
/// false to stop early (Ctrl-C, a closed output). Metadata is inferred (see [`meta::infer`])
/// before `work` sees a document; `work` owns it, so it may hand a large one on to `sink` to be
/// processed there a piece at a time.
///
/// Each document is a task of its own on the pool, and
/// the calling thread hands finished ones to `sink` in order while the pool works on the next
/// (no thread waits for the slowest document of a chunk, and writing overlaps extraction).
/// Documents running and results waiting for an earlier one are [`chunk_size`] at most, so memory
/// stays bounded behind a slow document. Call it from outside `pool` (the calling thread waits
/// for the pool's tasks).
pub fn run<T, W, S>(
    jobs: Jobs,
    pool: &rayon::ThreadPool,
    table: Option<&MetaTable>,
    work: W,
    mut sink: S,
) -> Summary
where
    T: Send,
    W: Fn(Document) -> T + Sync,
    S: FnMut(Outcome<T>) -> bool,
{
    let started = Instant::now();
    let mut summary = Summary::default();
    let window = chunk_size(pool.current_num_threads());
    let max = jobs.max_doc_bytes;
    let mut jobs = jobs.enumerate();
    let stopped = AtomicBool::new(false);
    let (work, stopped_ref) = (&work, &stopped);
    pool.in_place_scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Option<Outcome<T>>)>();
        let mut done: BTreeMap<usize, Option<Outcome<T>>> = BTreeMap::new();
        let (mut spawned, mut next_out, mut more) = (0usize, 0usize, true);
        loop {
            // Documents running plus results waiting for an earlier one stay within the window.
            while more && spawned - next_out < window {
                let Some((i, job)) = jobs.next() else {
                    more = false;
                    break;
                };
                let tx = tx.clone();
                scope.spawn(move |_| {
                    // After a stop, documents still queued are not processed.
                    let o = (!stopped_ref.load(Ordering::Relaxed))
                        .then(|| guarded(i, || process(job, table, max, work)));
                    let _ = tx.send((i, o));
                });
                spawned += 1;
            }
            if next_out == spawned {
                break;
            }
            // This thread holds a sender too, so `recv` waits for a task rather than failing,
            // and every task sends (a panic outside `work` is caught by `guarded`).
            let Ok((i, o)) = rx.recv() else { break };
            done.insert(i, o);
            while let Some(o) = done.remove(&next_out) {
                next_out += 1;
                let Some(o) = o else { continue };
                match &o.result {
                    Ok(_) => summary.ok += 1,
                    Err(reason) => summary.failed.push((o.name.clone(), reason.clone())),
                }
                summary.bytes += o.bytes;
                if !sink(o) {
                    stopped.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
    summary.elapsed = started.elapsed();
    summary
}

/// The outcome of `f` for input number `i`, or a failed outcome when it panics outside `work`
/// (reading, decoding, metadata), so one bad input never stops the batch.
fn guarded<T>(i: usize, f: impl FnOnce() -> Outcome<T>) -> Outcome<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic_message(panic.as_ref());
        Outcome {
            name: format!("input {}", i + 1),
            origin: Origin::default(),
            bytes: 0,
            result: Err(format!(
                "input {}: internal error while reading it (please report): {what}",
                i + 1
            )),
        }
    })
}

/// The text of a panic's payload.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

fn process<T, W>(job: Job, table: Option<&MetaTable>, max: u64, work: &W) -> Outcome<T>
where
    W: Fn(Document) -> T + Sync,
{
    let name = job.name();
    let origin = job.origin();
    let doc = match job {
        Job::File(input) => input.read_limited(max),
        Job::Doc(doc, _) => Ok(doc),
        Job::Failed(_, e) => Err(e),
    };
    let mut doc = match doc {
        Ok(d) => d,
        Err(e) => {
            return Outcome {
                name,
                origin,
                bytes: 0,
                result: Err(e.to_string()),
            };
        }
    };
    meta::infer(&mut doc, table);
    let bytes = doc.text.len();
    let id = doc.id.clone();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || work(doc))).map_err(
        |panic| {
            let what = panic_message(panic.as_ref());
            format!(
                "{name}: internal error while processing document `{id}` (please report): {what}"
            )
        },
    );
    Outcome {
        name,
        origin,
        bytes,
        result,
    }
}

/// Read a list of paths, one per line (`--files-from`); `-` reads the list from stdin.
pub fn read_file_list(path: &Path) -> Result<Vec<PathBuf>> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
    } else {
        std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(PathBuf::from)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_documents_keep_their_fields() {
        let d = parse_jsonl_doc(
            r#"{"id": "hn-2020", "text": "增长6%。", "region": "河南省", "year": "2020", "source": "gov.cn"}"#,
            "docs.jsonl",
            3,
        )
        .unwrap();
        assert_eq!(d.id, "hn-2020");
        assert_eq!(
            (d.meta.region.as_deref(), d.meta.year),
            (Some("河南省"), Some(2020))
        );
        assert_eq!(d.meta.extra["source"], "gov.cn");
        let e = parse_jsonl_doc(r#"{"id": 7}"#, "docs.jsonl", 4).unwrap_err();
        assert_eq!(
            e.to_string(),
            "docs.jsonl:4: document `7` has no `text` string"
        );
        assert!(parse_jsonl_doc("{oops", "docs.jsonl", 5).is_err());
        for year in ["99999999999", "1850", "2020.5", "\"20x\"", "true"] {
            let line = format!(r#"{{"id": "y", "text": "好", "year": {year}}}"#);
            let e = parse_jsonl_doc(&line, "docs.jsonl", 6).unwrap_err();
            assert!(
                e.to_string().contains("not a year from 1900 to 2100"),
                "{e}"
            );
        }
        let ok = parse_jsonl_doc(r#"{"id": "y", "text": "好", "year": null}"#, "d.jsonl", 1);
        assert_eq!(ok.unwrap().meta.year, None);
    }

    #[test]
    fn the_id_of_a_bad_line_is_read_when_it_can_be() {
        let id = |line: &[u8]| recover_id(line);
        assert_eq!(
            id(br#"{"id": "y", "text": "x", "year": 1}"#).as_deref(),
            Some("y")
        );
        assert_eq!(
            id(b"{\"id\": 42, \"text\": \"\xff\"}").as_deref(),
            Some("42")
        );
        assert_eq!(
            id(br#"{"text": "cut at the limit", "id" : "late", "te"#).as_deref(),
            Some("late")
        );
        assert_eq!(
            id(br#"{"kind": "id", "id": "k", "text": "#).as_deref(),
            Some("k")
        );
        assert_eq!(id(br#"{"text": "say \"id\": 1", "#), None);
        assert_eq!(id(b"not json"), None);
        assert_eq!(id(br#"{"id": ["a"], "text": "x"}"#), None);
    }

    #[test]
    fn outcomes_come_back_in_input_order_whatever_the_threads() {
        let dir = std::env::temp_dir().join(format!("govtext-batch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut lines = String::new();
        for i in 0..200 {
            lines.push_str(&format!(
                "{{\"id\": \"d{i}\", \"text\": \"第{i}号文件，增长{i}%。\"}}\n"
            ));
        }
        lines.push_str("not json\n");
        let path = dir.join("docs.jsonl");
        std::fs::write(&path, lines).unwrap();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut names = Vec::new();
            let summary = run(
                Jobs::new(std::slice::from_ref(&path), "*", InputFormat::Auto),
                &pool,
                None,
                |d| d.id.len(),
                |o| {
                    names.push(o.name);
                    true
                },
            );
            assert_eq!(summary.ok, 200);
            assert_eq!(summary.failed.len(), 1);
            assert!(summary.failed[0].0.ends_with("docs.jsonl:201"));
            let want: Vec<String> = (0..200).map(|i| format!("d{i}")).collect();
            assert_eq!(&names[..200], &want[..]);
        }
    }

    #[test]
    fn a_panic_is_one_failed_document() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let dir = std::env::temp_dir().join(format!("govtext-panic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("docs.jsonl");
        std::fs::write(&path, "{\"id\":\"a\",\"text\":\"好\"}\n{\"id\":\"boom\",\"text\":\"坏\"}\n{\"id\":\"c\",\"text\":\"好\"}\n").unwrap();
        let summary = run(
            Jobs::new(&[path], "*", InputFormat::Auto),
            &pool,
            None,
            |d| {
                if d.id == "boom" {
                    panic!("test panic");
                }
                1
            },
            |_| true,
        );
        assert_eq!(summary.ok, 2);
        assert!(summary.failed[0].1.contains("boom") && summary.failed[0].1.contains("test panic"));
    }

    fn two_threads() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
    }

    /// A JSONL file of `n` documents with ids `d0`, `d1`, ….
    fn jsonl_docs(name: &str, n: usize) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("govtext-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("docs.jsonl");
        let lines: String = (0..n)
            .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"第{i}篇\"}}\n"))
            .collect();
        std::fs::write(&path, lines).unwrap();
        path
    }

    #[test]
    fn outcomes_come_in_input_order_and_stay_bounded_behind_a_slow_document() {
        let pool = two_threads();
        let path = jsonl_docs("order", 300);
        let running = std::sync::atomic::AtomicUsize::new(0);
        let most = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = Vec::new();
        let summary = run(
            Jobs::new(&[path], "*", InputFormat::Auto),
            &pool,
            None,
            |d| {
                // Counted until the sink takes the outcome: running or waiting.
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                if d.id == "d0" {
                    std::thread::sleep(Duration::from_millis(300));
                }
                d.id
            },
            |o| {
                running.fetch_sub(1, Ordering::SeqCst);
                seen.push(o.result.unwrap());
                true
            },
        );
        assert_eq!(summary.ok, 300);
        let want: Vec<String> = (0..300).map(|i| format!("d{i}")).collect();
        assert_eq!(seen, want);
        assert!(
            most.load(Ordering::SeqCst) <= chunk_size(2),
            "{most:?} held at once"
        );
    }

    #[test]
    fn a_stop_hands_out_nothing_more() {
        let pool = two_threads();
        let path = jsonl_docs("stop", 200);
        let mut handed = 0;
        let summary = run(
            Jobs::new(&[path], "*", InputFormat::Auto),
            &pool,
            None,
            |d| d.id,
            |_| {
                handed += 1;
                handed < 5
            },
        );
        assert_eq!(handed, 5);
        assert_eq!(summary.ok, 5);
    }

    #[test]
    fn a_panic_outside_work_is_a_failed_input() {
        let o: Outcome<()> = guarded(6, || panic!("reading went wrong"));
        assert_eq!(o.name, "input 7");
        let reason = o.result.unwrap_err();
        assert!(reason.contains("reading went wrong"), "{reason}");
    }
}
