//! Throughput of each stage on the same text, in MB/s (criterion reports bytes per second):
//! raw jieba-rs `cut` (the ceiling), segmentation (normalise + sentences + tagging), extraction
//! (segmentation + mentions + attribution), and the whole pipeline (decode → extract → JSON Lines)
//! on 1 thread and on all threads; and start-up (a new extractor and a one-line document).
//!
//! The text is `corpus/` replicated to `GOVTEXT_BENCH_MB` megabytes (default 50), plus
//! `../shared/reports` replicated likewise when present. Run: `cargo bench --bench pipeline`.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

use govtext::{Document, Extractor, normalize};

fn load(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// Documents replicated until they reach `mb` megabytes.
fn replicate(docs: &[(String, Vec<u8>)], mb: usize) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut bytes = 0;
    let mut round = 0;
    while bytes < mb * 1_000_000 && !docs.is_empty() {
        for (id, b) in docs {
            out.push((format!("{id}#{round}"), b.clone()));
            bytes += b.len();
        }
        round += 1;
    }
    out
}

fn pipeline(bytes: &[u8], id: &str, ex: &Extractor) -> usize {
    let doc = Document::from_bytes(bytes, Path::new(id), id).unwrap();
    let mut out = Vec::with_capacity(bytes.len());
    for r in ex.extract(&doc) {
        serde_json::to_writer(&mut out, &r).unwrap();
        out.push(b'\n');
    }
    out.len()
}

fn bench_set(c: &mut Criterion, name: &str, docs: Vec<(String, Vec<u8>)>, ex: &Extractor) {
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();
    let texts: Vec<Document> = docs
        .iter()
        .map(|(id, b)| Document::from_bytes(b, Path::new(id), id.clone()).unwrap())
        .collect();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(total as u64));
    g.sample_size(10);
    g.bench_function("jieba_cut_raw", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|d| ex.segmenter().cut_count(black_box(&d.text)))
                .sum::<usize>()
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|d| {
                    let norm = normalize(&d.text);
                    ex.segmenter().segment(&d.text, &norm).len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|d| ex.extract(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("pipeline_1_thread", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(id, bytes)| pipeline(bytes, id, ex))
                .sum::<usize>()
        })
    });
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    g.bench_function(format!("pipeline_{threads}_threads"), |b| {
        b.iter(|| {
            pool.install(|| {
                docs.par_iter()
                    .map(|(id, bytes)| pipeline(bytes, id, ex))
                    .sum::<usize>()
            })
        })
    });
    g.finish();
}

/// Start-up as a small call pays it: a new extractor and one short document (a dictionary scoped
/// to the document, never jieba's full build), and, for comparison, building the full dictionary.
fn bench_startup(c: &mut Criterion) {
    let line = "全年地区生产总值增长5.2%，一般公共预算收入完成340.64亿元。\n";
    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    g.bench_function("new_extractor_and_one_line", |b| {
        b.iter(|| {
            let ex = Extractor::new();
            let doc = Document::from_bytes(line.as_bytes(), Path::new("one"), "one").unwrap();
            ex.extract(black_box(&doc)).len()
        })
    });
    g.bench_function("full_dictionary_build", |b| {
        b.iter(|| Extractor::new().segmenter().cut_count(black_box("经济")))
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_startup(c);
    let started = Instant::now();
    let ex = Extractor::new();
    eprintln!(
        "start-up: Extractor::new() took {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let mb: usize = std::env::var("GOVTEXT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    bench_set(c, "corpus", replicate(&load(&root.join("corpus")), mb), &ex);
    let shared = load(&root.join("../shared/reports"));
    if !shared.is_empty() {
        bench_set(c, "shared_reports", replicate(&shared, mb), &ex);
    }
}

criterion_group!(pipeline_benches, benches);
criterion_main!(pipeline_benches);
