//! Build script: jieba's default dictionary in a prebuilt, sorted, binary form
//! (`$OUT_DIR/jieba_words.bin`), so a process can segment a small document without first building
//! jieba's whole trie (most of the start-up time of a one-line `govtext extract`).
//!
//! The words are read from the `dict.txt` of the very jieba-rs package this build links (the version
//! `Cargo.lock` names, in cargo's registry sources, or where `cargo metadata` says it is), so the two cannot disagree. When it cannot be found the file is empty and the
//! library builds jieba's full dictionary at the first segmentation, as it always did; a test
//! (`segment::words::tests::index_is_built`) fails in that case so CI notices.
//!
//! Layout (all integers little-endian), read by `src/segment/words.rs`:
//! `b"GTJW"`, version `u32`, word count `n: u32`, total frequency `u64`, tag count `t: u32`,
//! tags (`t` NUL-terminated strings), then the first-character table (65 536 × `(lo, hi): u32`
//! for every BMP character: the range of words starting with it), offsets (`n + 1` × `u32` into the
//! text), frequencies (`n` × `u32`), tag indices (`n` × `u8`), and the words' UTF-8 text, sorted by
//! bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CARGO_HOME");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("jieba_words.bin");
    if let Some(lock) = manifest
        .ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|p| p.exists())
    {
        println!("cargo:rerun-if-changed={}", lock.display());
    }
    let bytes = match find_jieba_dict(&manifest).and_then(|p| std::fs::read_to_string(&p).ok()) {
        Some(text) => encode(&text),
        None => {
            println!(
                "cargo:warning=jieba-rs's dict.txt was not found: start-up builds the full dictionary"
            );
            Vec::new()
        }
    };
    std::fs::write(&out, bytes).expect("OUT_DIR is writable");
}

/// `src/data/dict.txt` of the jieba-rs package in this build's dependency graph: the version
/// `Cargo.lock` names, in cargo's registry sources, or else where `cargo metadata` says it is.
fn find_jieba_dict(manifest: &Path) -> Option<PathBuf> {
    let found = locked_version(manifest)
        .and_then(|v| in_registry(&v))
        .or_else(|| from_metadata(manifest))?;
    println!("cargo:rerun-if-changed={}", found.display());
    Some(found)
}

/// The version of jieba-rs in the workspace's `Cargo.lock`.
fn locked_version(manifest: &Path) -> Option<String> {
    let lock = manifest
        .ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|p| p.exists())?;
    let text = std::fs::read_to_string(lock).ok()?;
    let at =
        text.find("name = \"jieba-rs\"\nversion = \"")? + "name = \"jieba-rs\"\nversion = \"".len();
    let version = text[at..].split('"').next()?;
    // Only a crates.io package is in the registry sources; a path, git or patched one is not.
    let source = text[at..].lines().nth(1)?;
    (source == "source = \"registry+https://github.com/rust-lang/crates.io-index\"")
        .then(|| version.to_string())
}

/// `jieba-rs-VERSION/src/data/dict.txt` under cargo's registry sources.
fn in_registry(version: &str) -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    let mut registries: Vec<PathBuf> = std::fs::read_dir(home.join("registry/src"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    registries.sort();
    registries
        .into_iter()
        .map(|r| r.join(format!("jieba-rs-{version}/src/data/dict.txt")))
        .find(|p| p.exists())
}

/// The path `cargo metadata` gives for jieba-rs (vendored or git sources).
fn from_metadata(manifest: &Path) -> Option<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = std::process::Command::new(cargo);
    cmd.args([
        "metadata",
        "--format-version",
        "1",
        "--locked",
        "--manifest-path",
    ])
    .arg(manifest.join("Cargo.toml"));
    if let Ok(target) = std::env::var("TARGET") {
        cmd.args(["--filter-platform", &target]);
    }
    let output = cmd.output().ok()?;
    if !output.status.success() {
        return None;
    }
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    let path = meta["packages"]
        .as_array()?
        .iter()
        .find(|p| p["name"] == "jieba-rs")?["manifest_path"]
        .as_str()?;
    let dict = Path::new(path).parent()?.join("src/data/dict.txt");
    dict.exists().then_some(dict)
}

/// The binary form of a `word freq tag` dictionary. The total counts every line, as jieba's does;
/// jieba's dictionary lists no word twice (were one listed twice, its last line would be kept).
fn encode(text: &str) -> Vec<u8> {
    let mut total: u64 = 0;
    let mut words: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
    for line in text.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq: u64 = fields.next().map_or(0, |f| f.parse().expect("a frequency"));
        total += freq;
        words.insert(
            word,
            (
                u32::try_from(freq).expect("a u32 frequency"),
                fields.next().unwrap_or(""),
            ),
        );
    }
    let mut tags: Vec<&str> = words.values().map(|&(_, t)| t).collect();
    tags.sort_unstable();
    tags.dedup();
    assert!(tags.len() <= 256, "tags fit a byte");
    let n = words.len();
    let mut out = Vec::with_capacity(text.len() + n * 9 + (1 << 19));
    out.extend_from_slice(b"GTJW");
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&(n as u32).to_le_bytes());
    out.extend_from_slice(&total.to_le_bytes());
    out.extend_from_slice(&(tags.len() as u32).to_le_bytes());
    for t in &tags {
        out.extend_from_slice(t.as_bytes());
        out.push(0);
    }
    let mut first = vec![(0u32, 0u32); 1 << 16];
    for (i, w) in words.keys().enumerate() {
        let c = w.chars().next().expect("a word") as usize;
        if c < first.len() {
            let e = &mut first[c];
            if e.1 == 0 {
                e.0 = i as u32;
            }
            e.1 = i as u32 + 1;
        }
    }
    for (lo, hi) in first {
        out.extend_from_slice(&lo.to_le_bytes());
        out.extend_from_slice(&hi.to_le_bytes());
    }
    let mut offset = 0u32;
    out.extend_from_slice(&offset.to_le_bytes());
    for w in words.keys() {
        offset += w.len() as u32;
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for &(f, _) in words.values() {
        out.extend_from_slice(&f.to_le_bytes());
    }
    for &(_, t) in words.values() {
        out.push(tags.binary_search(&t).expect("listed") as u8);
    }
    for w in words.keys() {
        out.extend_from_slice(w.as_bytes());
    }
    out
}
