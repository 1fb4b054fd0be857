//! The command line: argument parsing (clap lives only here and in `args`), running the library's batch stage
//! over the inputs, printing. A bad input is reported on stderr by name and the others go on;
//! the exit status is 1 when any input failed, 2 on usage errors.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};

use govtext::MetaTable;
use govtext::batch::{self, InputFormat, Jobs, Outcome, Summary};
use govtext::sink::{AtomicFile, CsvSink, JsonlSink, ParquetSink, RecordSink};
use govtext::{Document, Extractor, Record, eval, terms};

use crate::args::{
    Cli, Command, CompareFormat, InputArg, Inputs, OutFormat, PanelArgs, Role, SegFormat,
    TermsFormat, TermsMethod,
};

/// A usage error found after parsing (a bad `-o`): exit status 2.
#[derive(Debug)]
struct Usage(String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// The most worker threads `-j` gets: 4 × the cores available, at most 256.
fn max_jobs() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (4 * cores).min(256)
}

/// An error and its causes on one line, `: `-separated, without repeating a cause that the
/// message before it already ends with (the library's errors print their source themselves).
fn error_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.ends_with(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Run the command line; returns the process exit status.
pub fn run() -> ExitCode {
    let cli = crate::args::parse();
    match dispatch(cli) {
        Ok(failed) if failed => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            let closed = e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            });
            if closed {
                return ExitCode::SUCCESS;
            }
            eprintln!("govtext: {}", error_line(&e));
            if e.downcast_ref::<Usage>().is_some() {
                return ExitCode::from(2);
            }
            ExitCode::from(1)
        }
    }
}

/// Check `-o FILE` before any work: not a directory, in an existing directory.
fn check_output(path: &Path) -> Result<()> {
    let usage =
        |reason: &str| anyhow::Error::new(Usage(format!("-o {}: {reason}", path.display())));
    if path.is_dir() {
        return Err(usage("is a directory"));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(usage("no such directory"));
    }
    Ok(())
}

/// Check `-o FILE` and create its temporary file (which proves the directory writable).
fn open_output(path: &Path) -> Result<(AtomicFile, std::fs::File)> {
    check_output(path)?;
    AtomicFile::create(path).map_err(|e| {
        anyhow::Error::new(Usage(format!(
            "-o {}: cannot write there: {e}",
            path.display()
        )))
    })
}

fn dispatch(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Extract {
            inputs,
            format,
            excel,
            output,
            errors_as_records,
        } => run_extract(&inputs, format, excel, output.as_deref(), errors_as_records),
        Command::Segment {
            inputs,
            format,
            pos,
            with_doc,
        } => run_text(&inputs, |doc, seg| {
            render_segments(doc, seg, format, pos, with_doc)
        }),
        Command::Terms {
            inputs,
            top,
            format,
            method,
            idf,
            build_idf,
            by_region_year,
        } => match build_idf {
            Some(out) => run_build_idf(&inputs, &out),
            None => run_terms(&inputs, top, format, method, idf.as_deref(), by_region_year),
        },
        Command::Compare {
            inputs,
            records,
            format,
            output,
            top,
            panel,
        } => run_compare(&inputs, &records, format, output.as_deref(), top, &panel),
        Command::Eval { gold, pred, errors } => {
            let gold_items = read_jsonl_tree(&gold)?;
            let pred_items = read_jsonl_tree(&pred)?;
            let scores = eval::evaluate(&gold_items, &pred_items);
            let mut out = io::stdout().lock();
            write!(out, "{scores}")?;
            for e in scores.errors.iter().take(errors) {
                writeln!(out, "  {e}")?;
            }
            Ok(false)
        }
    }
}

fn read_jsonl_tree(path: &Path) -> Result<Vec<eval::Item>> {
    let mut items = Vec::new();
    for input in batch::collect(&[path.to_path_buf()], "*.jsonl") {
        let input = input?;
        let batch::Source::File(p) = &input.source else {
            bail!("eval reads files, not stdin");
        };
        items.extend(eval::read_items(p)?);
    }
    Ok(items)
}

/// Everything a run over inputs needs: the extractor, the pool, the jobs, metadata, progress.
struct Setup {
    extractor: Extractor,
    pool: rayon::ThreadPool,
    jobs: Jobs,
    table: Option<MetaTable>,
    progress: Option<indicatif::ProgressBar>,
    interrupted: Arc<AtomicBool>,
    quiet: bool,
}

fn setup(inputs: &Inputs) -> Result<Setup> {
    let mut builder = Extractor::builder();
    for dict in &inputs.dicts {
        builder = builder.user_dict(dict);
    }
    for lexicon in &inputs.indicators {
        builder = builder.indicators(lexicon);
    }
    let extractor = builder.build().context("loading dictionaries")?;
    let threads = match inputs.jobs {
        Some(n) if n > max_jobs() => {
            if !inputs.quiet {
                eprintln!(
                    "govtext: -j {n} is more than the maximum, using {}",
                    max_jobs()
                );
            }
            max_jobs()
        }
        Some(n) => n,
        None => 0,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting worker threads")?;
    let mut paths = inputs.paths.clone();
    if let Some(list) = &inputs.files_from {
        paths.extend(batch::read_file_list(list)?);
    }
    let format = match inputs.input {
        InputArg::Auto => InputFormat::Auto,
        InputArg::Text => InputFormat::Text,
        InputArg::Jsonl => InputFormat::Jsonl,
    };
    let jobs = Jobs::new(&paths, &inputs.glob, format).max_doc_bytes(inputs.max_doc_bytes);
    extractor.expect_bytes(jobs.input_bytes());
    // `--meta FILE`, else a `meta.tsv` at the top of each directory given.
    let table = match inputs.meta.as_deref() {
        Some(path) => Some(MetaTable::read(path)?),
        None => MetaTable::sidecars(&paths)?,
    };
    let progress = (!inputs.quiet && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(jobs.inputs_len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos}/{len} documents  {msg}  {elapsed_precise} ETA {eta}",
            )
            .expect("valid template"),
        );
        bar
    });
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    // One command runs per process, so the handler is installed once; if installing fails, Ctrl-C
    // keeps its default behaviour (stop at once) and the run is otherwise unaffected. SIGINT,
    // SIGTERM and SIGHUP (ctrlc's `termination` feature) stop the run at a document boundary; a
    // second one exits at once with status 130.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    Ok(Setup {
        extractor,
        pool,
        jobs,
        table,
        progress,
        interrupted,
        quiet: inputs.quiet,
    })
}

impl Setup {
    /// Run `work`, handing each document's output to `emit` in order; report failures on stderr
    /// and progress; returns the summary and whether the run was interrupted (the caller prints
    /// the summary, only once its output is complete).
    fn run<T: Send>(
        self,
        work: impl Fn(Document, &Extractor) -> T + Sync,
        mut emit: impl FnMut(T, &Extractor) -> io::Result<usize>,
    ) -> Result<(Summary, bool)> {
        let progress = self.progress.clone();
        self.run_outcomes(work, |o, ex| match o.result {
            Ok(out) => emit(out, ex),
            Err(reason) => {
                let line = format!("govtext: {reason}");
                match &progress {
                    Some(bar) => bar.println(line),
                    None => eprintln!("{line}"),
                }
                Ok(0)
            }
        })
    }

    /// [`Setup::run`] with every outcome, a failed document's too, handed to `emit`.
    fn run_outcomes<T: Send>(
        self,
        work: impl Fn(Document, &Extractor) -> T + Sync,
        mut emit: impl FnMut(Outcome<T>, &Extractor) -> io::Result<usize>,
    ) -> Result<(Summary, bool)> {
        let Setup {
            extractor,
            pool,
            jobs,
            table,
            progress,
            interrupted,
            quiet: _,
        } = self;
        let mut write_error: Option<io::Error> = None;
        let mut records = 0usize;
        let mut bytes = 0usize;
        let started = std::time::Instant::now();
        let mut summary = batch::run(
            jobs,
            &pool,
            table.as_ref(),
            |doc| work(doc, &extractor),
            |o: Outcome<T>| {
                bytes += o.bytes;
                match emit(o, &extractor) {
                    Ok(n) => records += n,
                    Err(e) => {
                        write_error = Some(e);
                        return false;
                    }
                }
                if let Some(bar) = &progress {
                    bar.inc(1);
                    let secs = started.elapsed().as_secs_f64().max(1e-9);
                    bar.set_message(format!("{:.1} MB/s", bytes as f64 / 1e6 / secs));
                }
                !interrupted.load(Ordering::SeqCst)
            },
        );
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        if let Some(e) = write_error {
            return Err(e.into());
        }
        summary.records = records;
        let was_interrupted = interrupted.load(Ordering::SeqCst);
        Ok((summary, was_interrupted))
    }
}

/// The end-of-run summary on stderr (extract), with each failed document.
fn print_summary(summary: &Summary, interrupted: bool) {
    eprintln!(
        "govtext: {} documents ok, {} failed, {} records, {:.1} MB in {:.2} s ({:.1} MB/s){}",
        summary.ok,
        summary.failed.len(),
        summary.records,
        summary.bytes as f64 / 1e6,
        summary.elapsed.as_secs_f64(),
        summary.mb_per_s(),
        if interrupted { ", interrupted" } else { "" }
    );
    for (name, reason) in &summary.failed {
        eprintln!(
            "govtext:   failed: {name}: {}",
            reason.strip_prefix(&format!("{name}: ")).unwrap_or(reason)
        );
    }
}

/// A text-format sink (JSON Lines or CSV) on `out`.
fn text_sink<'a>(
    format: OutFormat,
    out: impl Write + 'a,
    excel: bool,
) -> io::Result<Box<dyn RecordSink + 'a>> {
    Ok(match format {
        OutFormat::Csv => Box::new(CsvSink::new(out, excel)?),
        _ => Box::new(JsonlSink::new(out)),
    })
}

/// Documents larger than this (bytes of text) are extracted on the writing thread a sentence at
/// a time, their records written as they come, so memory does not grow with their records
/// (1 MB of `5%5%…` holds half a million). Real reports are under 100 kB and run in parallel.
const STREAM_DOC_BYTES: usize = 256 << 10;

/// A document's records, or the document itself when it is to be streamed.
enum Extracted {
    /// The records.
    Done(Vec<Record>),
    /// Too large to hold its records: extracted while writing.
    Large(Document),
}

/// Extract a document in a worker (a small one takes well under a second, so an interrupt
/// waits for it: the run stops at its end), or hand a large one on to be streamed.
fn extract_or_defer(doc: Document, ex: &Extractor) -> Extracted {
    if doc.text.len() > STREAM_DOC_BYTES {
        return Extracted::Large(doc);
    }
    Extracted::Done(ex.extract(&doc))
}

/// What becomes of a failed document: a message on stderr (and exit status 1), or an error
/// record among the records (`--errors-as-records`).
struct Failures<'a> {
    as_records: bool,
    progress: Option<&'a indicatif::ProgressBar>,
    /// A failure was reported on stderr.
    reported: bool,
}

impl Failures<'_> {
    /// Report the failure of the document from `origin`; `reason` is the stderr message.
    fn fail(
        &mut self,
        origin: &batch::Origin,
        reason: &str,
        sink: &mut dyn RecordSink,
    ) -> io::Result<()> {
        if self.as_records {
            let place = format!("{}: ", origin.place());
            return sink.write_error(&govtext::sink::ErrorRecord {
                error: reason.strip_prefix(&place).unwrap_or(reason),
                doc: origin.doc.as_deref(),
                source: &origin.source,
                line: origin.line,
            });
        }
        let line = format!("govtext: {reason}");
        match self.progress {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
        self.reported = true;
        Ok(())
    }
}

/// Write a document's records, streaming a large one (interrupted inside it, its records so far
/// are written), or report its failure; the number of records written. A panic while streaming
/// is a failure of the document.
fn write_extracted(
    o: Outcome<Extracted>,
    ex: &Extractor,
    stop: &AtomicBool,
    sink: &mut dyn RecordSink,
    failures: &mut Failures<'_>,
) -> io::Result<usize> {
    let extracted = match o.result {
        Ok(e) => e,
        Err(reason) => {
            failures.fail(&o.origin, &reason, sink)?;
            return Ok(0);
        }
    };
    match extracted {
        Extracted::Done(records) => {
            sink.write_document(&records)?;
            Ok(records.len())
        }
        Extracted::Large(doc) => match stream_document(&doc, ex, stop, sink) {
            Ok(n) => Ok(n),
            Err(Streamed::Write(e)) => Err(e),
            Err(Streamed::Panic(reason)) => {
                failures.fail(&o.origin, &reason, sink)?;
                Ok(0)
            }
        },
    }
}

/// Why streaming a document stopped.
enum Streamed {
    Write(io::Error),
    Panic(String),
}

/// Extract a large document a sentence at a time, writing its records as they are found; the
/// number written.
fn stream_document(
    doc: &Document,
    ex: &Extractor,
    stop: &AtomicBool,
    sink: &mut dyn RecordSink,
) -> std::result::Result<usize, Streamed> {
    let mut written = 0;
    let mut error = None;
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ex.extract_each(doc, stop, |records| match sink.write_document(&records) {
            Ok(()) => {
                written += records.len();
                true
            }
            Err(e) => {
                error = Some(e);
                false
            }
        })
    }));
    match (run, error) {
        (_, Some(e)) => Err(Streamed::Write(e)),
        (Err(_), None) => Err(Streamed::Panic(format!(
            "{}: internal error while processing the document (please report)",
            doc.id
        ))),
        (Ok(_), None) => Ok(written),
    }
}

fn run_extract(
    inputs: &Inputs,
    format: OutFormat,
    excel: bool,
    output: Option<&Path>,
    errors_as_records: bool,
) -> Result<bool> {
    if format == OutFormat::Parquet && output.is_none() {
        bail!(Usage("--format parquet needs -o FILE".into()));
    }
    if errors_as_records && format != OutFormat::Jsonl {
        bail!(Usage("--errors-as-records needs --format jsonl".into()));
    }
    let opened = output.map(open_output).transpose()?;
    let setup = match setup(inputs) {
        Ok(s) => s,
        Err(e) => {
            if let Some((atomic, _)) = opened {
                atomic.discard();
            }
            return Err(e);
        }
    };
    let quiet = setup.quiet;
    let (atomic, mut sink) = match opened {
        Some((atomic, file)) => {
            // Parquet buffers row groups itself; the text formats write whole documents to a
            // DocumentFile, so FILE.partial always ends at a record boundary.
            let sink: Box<dyn RecordSink> = match format {
                OutFormat::Parquet => Box::new(ParquetSink::new(file)?),
                _ => text_sink(format, govtext::sink::DocumentFile::new(file)?, excel)?,
            };
            (Some(atomic), sink)
        }
        None => (
            None,
            text_sink(format, BufWriter::new(io::stdout().lock()), excel)?,
        ),
    };
    let stop = setup.interrupted.clone();
    let progress = setup.progress.clone();
    let mut failures = Failures {
        as_records: errors_as_records,
        progress: progress.as_ref(),
        reported: false,
    };
    let result = setup.run_outcomes(extract_or_defer, |o, ex| {
        write_extracted(o, ex, &stop, sink.as_mut(), &mut failures)
    });
    let finished = sink.finish().map_err(anyhow::Error::from);
    match (result, finished) {
        (Ok((summary, interrupted)), Ok(())) => {
            if let Some(a) = atomic {
                if interrupted {
                    if !quiet {
                        print_summary(&summary, interrupted);
                    }
                    let p = a.abandon();
                    eprintln!(
                        "govtext: interrupted; records so far are in {}",
                        p.display()
                    );
                    return Ok(true);
                }
                a.commit()?;
            }
            if !quiet {
                print_summary(&summary, interrupted);
            }
            Ok(failures.reported || interrupted)
        }
        (Err(e), _) | (_, Err(e)) => match atomic {
            Some(a) => {
                let p = a.abandon();
                Err(e.context(format!("output incomplete, kept in {}", p.display())))
            }
            None => Err(e),
        },
    }
}

fn run_compare(
    inputs: &Inputs,
    record_files: &[PathBuf],
    format: CompareFormat,
    output: Option<&Path>,
    top: usize,
    panel: &PanelArgs,
) -> Result<bool> {
    if panel.indicator.is_some() && format == CompareFormat::Html {
        return Err(
            Usage("--indicator prints a panel: use --format markdown, csv or json".into()).into(),
        );
    }
    if let Some(path) = output {
        check_output(path)?;
    }
    let mut records: Vec<Record> = Vec::new();
    for path in record_files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            records.push(
                serde_json::from_str(line).with_context(|| {
                    format!("{}:{}: not a govtext record", path.display(), i + 1)
                })?,
            );
        }
    }
    let mut docs: Vec<govtext::vocab::DocTerms> = Vec::new();
    let mut failed = false;
    if !inputs.paths.is_empty() || inputs.files_from.is_some() {
        let setup = setup(inputs)?;
        let (summary, interrupted) = setup.run(
            |doc, ex| {
                let recs = ex.extract(&doc);
                let terms = match (&doc.meta.region, doc.meta.year) {
                    (Some(r), Some(y)) => {
                        let (counts, _) = terms::term_counts(&doc, ex.segmenter());
                        Some((
                            r.clone(),
                            y,
                            counts.into_iter().map(|t| (t.term, t.count)).collect(),
                        ))
                    }
                    _ => None,
                };
                (recs, terms)
            },
            |(recs, terms): (Vec<Record>, Option<govtext::vocab::DocTerms>), _| {
                let n = recs.len();
                records.extend(recs);
                docs.extend(terms);
                Ok(n)
            },
        )?;
        failed = !summary.failed.is_empty() || interrupted;
    }
    let report = govtext::compare::report(&records, govtext::vocab::shifts(&docs, top));
    let text = match &panel.indicator {
        Some(id) => render_panels(&report, id, panel, format),
        None => match format {
            CompareFormat::Markdown => report.markdown(),
            CompareFormat::Csv => report.csv(),
            CompareFormat::Json => report.json(),
            CompareFormat::Html => govtext::html::render(&report),
        },
    };
    match output {
        Some(path) => {
            let (atomic, mut file) = AtomicFile::create(path)?;
            file.write_all(text.as_bytes())?;
            atomic.commit()?;
        }
        None => io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(failed)
}

/// `compare --indicator ID`: the panels of one indicator.
fn render_panels(
    report: &govtext::compare::Report,
    id: &str,
    panel: &PanelArgs,
    format: CompareFormat,
) -> String {
    let role = panel.role.map(|r| match r {
        Role::Target => "target",
        Role::Actual => "actual",
    });
    let panels = govtext::compare::panels(&report.facts, id, panel.measure, role);
    match format {
        CompareFormat::Csv => govtext::compare::panels_csv(&panels),
        CompareFormat::Json => serde_json::to_string_pretty(&panels).unwrap_or_default(),
        _ => govtext::compare::panels_markdown(&panels),
    }
}

fn run_text(
    inputs: &Inputs,
    render: impl Fn(&Document, &govtext::Segmenter) -> String + Sync,
) -> Result<bool> {
    // segment and terms print their errors as they come; the summary belongs to extract.
    let setup = setup(inputs)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let (summary, interrupted) = setup.run(
        |doc, ex| render(&doc, ex.segmenter()),
        |text: String, _| {
            out.write_all(text.as_bytes())?;
            Ok(text.lines().count())
        },
    )?;
    out.flush()?;
    Ok(!summary.failed.is_empty() || interrupted)
}

fn render_segments(
    doc: &Document,
    seg: &govtext::Segmenter,
    format: SegFormat,
    pos: bool,
    with_doc: bool,
) -> String {
    match format {
        SegFormat::Text if with_doc => seg
            .render(&doc.text, pos)
            .lines()
            .map(|l| format!("{}\t{l}\n", doc.id))
            .collect(),
        SegFormat::Text => seg.render(&doc.text, pos),
        SegFormat::Jsonl => {
            let norm = govtext::normalize(&doc.text);
            // A small document before the full dictionary is built: a dictionary of its own words.
            let scoped = seg.scoped(&[&norm]);
            let seg = scoped.as_deref().unwrap_or(seg);
            let mut out = String::new();
            for (i, words) in seg.words(&doc.text, &norm).iter().enumerate() {
                let tokens: Vec<serde_json::Value> = words
                    .iter()
                    .map(|w| serde_json::json!({"w": w.text, "pos": w.pos, "start": w.start, "end": w.end}))
                    .collect();
                let line = serde_json::json!({"doc": doc.id, "sentence": i, "tokens": tokens});
                out.push_str(&line.to_string());
                out.push('\n');
            }
            out
        }
    }
}

/// `terms`: a TSV header row, then each document's terms (counted, or ranked by a keyword
/// ranker built once).
fn run_terms(
    inputs: &Inputs,
    top: usize,
    format: TermsFormat,
    method: TermsMethod,
    idf: Option<&Path>,
    by_region_year: bool,
) -> Result<bool> {
    let idf = idf
        .map(|p| std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display())))
        .transpose()?;
    let ranker = match method {
        TermsMethod::Count => None,
        TermsMethod::Tfidf => Some(terms::Keywords::tfidf(idf.as_deref())),
        TermsMethod::Textrank => Some(terms::Keywords::textrank()),
    };
    if let TermsFormat::Tsv = format {
        let header = match ranker {
            None => "doc\tterm\tpos\tcount\tper_10k\n",
            Some(_) => "doc\tterm\tpos\tweight\n",
        };
        io::stdout().lock().write_all(header.as_bytes())?;
    }
    let render = |doc: &Document, seg: &govtext::Segmenter| match &ranker {
        None => render_terms(doc, seg, top, format),
        Some(r) => render_keywords(doc, &r.extract(doc, seg, top), format),
    };
    if !by_region_year {
        return run_text(inputs, render);
    }
    // Pools: the texts of each region and year, in region and year order.
    let mut pools: std::collections::BTreeMap<(String, i32), String> = Default::default();
    let (summary, interrupted) = setup(inputs)?.run(
        |doc, _| (doc.meta.region.clone(), doc.meta.year, doc.text.clone()),
        |(region, year, text): (Option<String>, Option<i32>, String), _| {
            if let (Some(r), Some(y)) = (region, year) {
                let pool = pools.entry((r, y)).or_default();
                pool.push_str(&text);
                pool.push('\n');
            }
            Ok(0)
        },
    )?;
    let seg = govtext::Segmenter::with_user_dicts(&inputs.dicts)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for ((region, year), text) in pools {
        let doc = Document::from_text(format!("{region} {year}"), text);
        out.write_all(render(&doc, &seg).as_bytes())?;
    }
    out.flush()?;
    Ok(!summary.failed.is_empty() || interrupted)
}

fn render_keywords(doc: &Document, keywords: &[terms::Keyword], format: TermsFormat) -> String {
    let mut out = String::new();
    for k in keywords {
        match format {
            TermsFormat::Tsv => out.push_str(&format!(
                "{}\t{}\t{}\t{:.4}\n",
                doc.id, k.term, k.pos, k.weight
            )),
            TermsFormat::Jsonl => {
                let line = serde_json::json!({
                    "doc": doc.id, "term": k.term, "pos": k.pos,
                    "weight": (k.weight * 10_000.0).round() / 10_000.0
                });
                out.push_str(&line.to_string());
                out.push('\n');
            }
        }
    }
    out
}

/// `terms --build-idf FILE`: the IDF table of the documents given.
fn run_build_idf(inputs: &Inputs, out: &Path) -> Result<bool> {
    check_output(out)?;
    let setup = setup(inputs)?;
    let mut docs = Vec::new();
    let (summary, interrupted) = setup.run(
        |doc, ex| terms::document_terms(&doc, ex.segmenter()),
        |t: std::collections::HashSet<String>, _| {
            let n = t.len();
            docs.push(t);
            Ok(n)
        },
    )?;
    let (atomic, mut file) = AtomicFile::create(out)?;
    file.write_all(terms::build_idf(&docs).as_bytes())?;
    atomic.commit()?;
    Ok(!summary.failed.is_empty() || interrupted)
}

fn render_terms(
    doc: &Document,
    seg: &govtext::Segmenter,
    top: usize,
    format: TermsFormat,
) -> String {
    let (counts, total) = terms::term_counts(doc, seg);
    let take = if top == 0 { counts.len() } else { top };
    let mut out = String::new();
    for t in counts.iter().take(take) {
        match format {
            TermsFormat::Tsv => {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{:.2}\n",
                    doc.id, t.term, t.pos, t.count, t.per_10k
                ));
            }
            TermsFormat::Jsonl => {
                let line = serde_json::json!({
                    "doc": doc.id, "term": t.term, "pos": t.pos, "count": t.count,
                    "per_10k": (t.per_10k * 100.0).round() / 100.0, "doc_terms": total
                });
                out.push_str(&line.to_string());
                out.push('\n');
            }
        }
    }
    out
}
