//! The command line's arguments: every subcommand and option, with the help text users read.

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "govtext",
    version,
    about = "Structured data from Chinese government reports"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Parse the command line. `compare --records FILE` needs no PATHS: the shared inputs'
/// requirement is relaxed for that subcommand only.
pub(crate) fn parse() -> Cli {
    let cmd = Cli::command().mut_subcommand("compare", |c| {
        c.mut_arg("paths", |a| a.required_unless_present("records"))
    });
    Cli::from_arg_matches(&cmd.get_matches()).unwrap_or_else(|e| e.exit())
}

#[derive(clap::Args)]
pub(crate) struct Inputs {
    /// Files, directories (walked recursively) or `-` for stdin.
    #[arg(required_unless_present = "files_from")]
    pub(crate) paths: Vec<PathBuf>,
    /// Read more paths from FILE, one per line (`-`: stdin).
    #[arg(long, value_name = "FILE")]
    pub(crate) files_from: Option<PathBuf>,
    /// File-name pattern for directories.
    #[arg(long, default_value = "*.txt")]
    pub(crate) glob: String,
    /// How to read files: `auto` (*.jsonl are JSON Lines of documents), `text`, `jsonl`.
    #[arg(long = "input", value_enum, default_value_t = InputArg::Auto)]
    pub(crate) input: InputArg,
    /// Sidecar metadata table (TSV with columns file, region, year).
    #[arg(long, value_name = "FILE")]
    pub(crate) meta: Option<PathBuf>,
    /// User dictionary in jieba format (`word [freq] [tag]`); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub(crate) dicts: Vec<PathBuf>,
    /// User indicator lexicon, a TSV of the shape of `dict/indicators.tsv` (`id name en
    /// synonyms`), added to the shipped one; repeatable.
    #[arg(long = "indicators", value_name = "FILE")]
    pub(crate) indicators: Vec<PathBuf>,
    /// Worker threads (default: all cores; at most 4 × the cores available and never more than
    /// 256: a larger N is lowered to that).
    #[arg(short = 'j', long = "jobs")]
    pub(crate) jobs: Option<usize>,
    /// Largest document accepted, in bytes: a larger file or JSONL line is reported as a failed
    /// document (checked before reading it) instead of being loaded. Default 64 MiB.
    #[arg(long, value_name = "BYTES", default_value_t = govtext::batch::DEFAULT_MAX_DOC_BYTES)]
    pub(crate) max_doc_bytes: u64,
    /// No progress bar and no summary on stderr (errors are still reported).
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum InputArg {
    Auto,
    Text,
    Jsonl,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Print every quantity mention as a record (JSON Lines, CSV or Parquet).
    Extract {
        #[command(flatten)]
        inputs: Inputs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Jsonl)]
        format: OutFormat,
        /// CSV for Excel: start with a UTF-8 byte-order mark.
        #[arg(long)]
        excel: bool,
        /// Write to FILE (atomically: a temporary file renamed when the run completes; a failed or
        /// interrupted run leaves FILE.partial, whole documents only). Checked before any work: a
        /// directory or a path in a missing or unwritable directory is a usage error.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A failed document becomes a JSON line `{"error", "doc", "source", "line"}` among the
        /// records instead of a message on stderr and exit status 1 (JSON Lines only): for
        /// pipelines such as Spark's `rdd.pipe`, where a bad document must not fail the task.
        #[arg(long)]
        errors_as_records: bool,
    },
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
        /// Start each line with the document id and a tab (text format).
        #[arg(long)]
        with_doc: bool,
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
        /// How terms are ranked: occurrences, TF-IDF or TextRank (jieba-rs).
        #[arg(long, value_enum, default_value_t = TermsMethod::Count)]
        method: TermsMethod,
        /// IDF table for --method tfidf (`word idf` a line, as --build-idf writes it);
        /// default: jieba's own table.
        #[arg(long, value_name = "FILE")]
        idf: Option<PathBuf>,
        /// Build an IDF table from the documents given and write it to FILE (no terms printed).
        #[arg(long, value_name = "FILE", conflicts_with_all = ["idf", "method"])]
        build_idf: Option<PathBuf>,
        /// Pool the documents of each region and year (metadata) and rank their terms together;
        /// the `doc` column names the pool (`河南省 2026`).
        #[arg(long, conflicts_with = "build_idf")]
        by_region_year: bool,
    },
    /// Compare reports across years: series, targets against outcomes, consistency, vocabulary.
    Compare {
        #[command(flatten)]
        inputs: Inputs,
        /// Records already extracted (`govtext extract` JSON Lines) to use as well.
        #[arg(long, value_name = "FILE")]
        records: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Markdown)]
        format: CompareFormat,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Terms listed per year in the vocabulary shift.
        #[arg(long, default_value_t = 10)]
        top: usize,
        #[command(flatten)]
        panel: PanelArgs,
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutFormat {
    Jsonl,
    Csv,
    Parquet,
}

/// `compare --indicator ID`: a region × year panel instead of the whole report.
#[derive(clap::Args, Clone)]
pub(crate) struct PanelArgs {
    /// Print the region × year panel of this indicator id (`gdp`, `cpi` …): headline figures
    /// with their qualifier and `doc@offset` (markdown or csv).
    #[arg(long, value_name = "ID")]
    pub(crate) indicator: Option<String>,
    /// With --indicator: only this measure.
    #[arg(long, value_name = "level|change|share", requires = "indicator")]
    pub(crate) measure: Option<govtext::Measure>,
    /// With --indicator: only targets or only outcomes.
    #[arg(long, value_enum, requires = "indicator")]
    pub(crate) role: Option<Role>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Role {
    Target,
    Actual,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CompareFormat {
    Markdown,
    Csv,
    Json,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum SegFormat {
    Text,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TermsMethod {
    Count,
    Tfidf,
    Textrank,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum TermsFormat {
    Tsv,
    Jsonl,
}
