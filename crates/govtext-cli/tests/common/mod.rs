//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use govtext::{Document, Extractor};

/// One extractor for all tests of a binary (built once, as callers should).
pub static EX: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// The repository (workspace) root.
pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// `../shared` when present (tests that use it are optional extras). When it is missing, a
/// line saying which test skipped its real-report checks goes straight to the terminal (past
/// the test harness's capture), so a run without it never looks like a full pass.
#[track_caller]
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.is_dir() {
        return Some(p);
    }
    let caller = std::panic::Location::caller();
    let test = std::thread::current().name().unwrap_or("?").to_string();
    let _ = writeln!(
        std::io::stderr(),
        "NOTE: ../shared is missing: {test} ({}:{}) skips its real-report checks",
        caller.file(),
        caller.line()
    );
    None
}

/// Corpus documents, sorted, as (stem, path).
pub fn corpus() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

/// Read a document with its stem as id.
pub fn read(path: &Path) -> Document {
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    Document::read(path, id).unwrap()
}

/// A fresh temporary directory for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("govtext-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
