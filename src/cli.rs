//! The command line: argument parsing (clap lives only here), running the library over inputs,
//! printing. A bad input is reported on stderr by name and the others go on; the exit status is
//! 1 when any input failed, 2 on usage errors.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use govtext::input::{self, Input};
use govtext::{Document, Segmenter, eval, extract, terms};

#[derive(Parser)]
#[command(
    name = "govtext",
    version,
    about = "Structured data from Chinese government reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Inputs {
    /// Files, directories (walked recursively) or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// File-name pattern for directories.
    #[arg(long, default_value = "*.txt")]
    glob: String,
    /// User dictionary in jieba format (`word [freq] [tag]`); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long = "jobs")]
    jobs: Option<usize>,
}

#[derive(Subcommand)]
enum Command {
    /// Print sentences cut into words.
    Segment {
        #[command(flatten)]
        inputs: Inputs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SegFormat::Text)]
        format: SegFormat,
        /// Append `/pos` to each word (text format).
        #[arg(long)]
        pos: bool,
    },
    /// Print term frequencies per document.
    Terms {
        #[command(flatten)]
        inputs: Inputs,
        /// How many terms per document (0: all).
        #[arg(long, default_value_t = 50)]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TermsFormat::Tsv)]
        format: TermsFormat,
    },
    /// Print every quantity mention as a JSON Lines record.
    Extract {
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Score predictions against gold annotations (JSONL files or directories of them).
    Eval {
        /// Gold annotations.
        gold: PathBuf,
        /// Predictions (`govtext extract` output).
        pred: PathBuf,
        /// Print up to N errors for reading.
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SegFormat {
    Text,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum TermsFormat {
    Tsv,
    Jsonl,
}

/// Run the command line; returns the process exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(failed) if failed => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("govtext: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Segment {
            inputs,
            format,
            pos,
        } => for_each_doc(&inputs, |doc, seg| render_segments(doc, seg, format, pos)),
        Command::Terms {
            inputs,
            top,
            format,
        } => for_each_doc(&inputs, |doc, seg| render_terms(doc, seg, top, format)),
        Command::Extract { inputs } => for_each_doc(&inputs, |doc, seg| {
            let mut out = String::new();
            for r in extract::extract(doc, seg) {
                out.push_str(&serde_json::to_string(&r).expect("records serialise"));
                out.push('\n');
            }
            out
        }),
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

fn read_jsonl_tree(path: &PathBuf) -> Result<Vec<eval::Item>> {
    let mut items = Vec::new();
    for input in input::collect(std::slice::from_ref(path), "*.jsonl") {
        let input = input?;
        let input::Source::File(p) = &input.source else {
            anyhow::bail!("eval reads files, not stdin");
        };
        items.extend(eval::read_items(p)?);
    }
    Ok(items)
}

/// Read, process in parallel and print in input order, a bounded chunk at a time.
fn for_each_doc<F>(inputs: &Inputs, render: F) -> Result<bool>
where
    F: Fn(&Document, &Segmenter) -> String + Sync,
{
    let segmenter = Segmenter::with_user_dicts(&inputs.dicts).context("loading dictionaries")?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(inputs.jobs.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let list = input::collect(&inputs.paths, &inputs.glob);
    let mut failed = false;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let chunk = pool.current_num_threads() * 8;
    for batch in list.chunks(chunk.max(1)) {
        let results: Vec<Result<String, String>> = pool.install(|| {
            batch
                .par_iter()
                .map(|item| match item {
                    Err(e) => Err(e.to_string()),
                    Ok(input) => process(input, &segmenter, &render),
                })
                .collect()
        });
        for r in results {
            match r {
                Ok(text) => out.write_all(text.as_bytes())?,
                Err(msg) => {
                    out.flush()?;
                    eprintln!("govtext: {msg}");
                    failed = true;
                }
            }
        }
    }
    out.flush()?;
    Ok(failed)
}

fn process<F>(input: &Input, segmenter: &Segmenter, render: &F) -> Result<String, String>
where
    F: Fn(&Document, &Segmenter) -> String + Sync,
{
    let doc = input.read().map_err(|e| e.to_string())?;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(&doc, segmenter))).map_err(
        |_| {
            format!(
                "{}: internal error while processing (please report)",
                input.display()
            )
        },
    )
}

fn render_segments(doc: &Document, seg: &Segmenter, format: SegFormat, pos: bool) -> String {
    match format {
        SegFormat::Text => seg.render(&doc.text, pos),
        SegFormat::Jsonl => {
            let norm = govtext::document::normalize(&doc.text);
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

fn render_terms(doc: &Document, seg: &Segmenter, top: usize, format: TermsFormat) -> String {
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
