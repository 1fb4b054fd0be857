//! Turning the paths a user gives into a list of documents to read: files, directories walked
//! recursively in a stable (sorted) order with a file-name glob, and `-` for stdin. A path that
//! cannot be walked becomes an error entry in the list, so the rest of the batch goes on and the
//! error is reported in its place.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, Result};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// One document to read, with the id its records will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub source: Source,
    /// Record `doc` id: path relative to the root given, without `.txt`.
    pub id: String,
}

impl Input {
    /// Read and decode the document.
    pub fn read(&self) -> Result<Document> {
        match &self.source {
            Source::File(path) => Document::read(path, self.id.clone()),
            Source::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|source| Error::Io {
                        path: PathBuf::from("-"),
                        source,
                    })?;
                Document::from_vec(bytes, Path::new("-"), self.id.clone())
            }
        }
    }

    /// Read and decode the document, refusing one larger than `max` bytes (checked before
    /// reading, and the read stops there should the file grow meanwhile).
    pub fn read_limited(&self, max: u64) -> Result<Document> {
        let too_big = |path: &Path, size: Option<u64>| Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(match size {
                Some(size) => format!(
                    "document of {size} bytes is larger than the document size limit ({max} bytes)"
                ),
                None => format!("document larger than the document size limit ({max} bytes)"),
            }),
        };
        let (path, bytes) = match &self.source {
            Source::File(path) => {
                let io = |source| Error::Io {
                    path: path.clone(),
                    source,
                };
                let file = std::fs::File::open(path).map_err(io)?;
                let size = file.metadata().map_err(io)?.len();
                if size > max {
                    return Err(too_big(path, Some(size)));
                }
                // The size is known: one allocation, not a doubling one (a large document is
                // in memory once, not one and a half times while it is read).
                let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
                file.take(max.saturating_add(1))
                    .read_to_end(&mut bytes)
                    .map_err(io)?;
                (path.as_path(), bytes)
            }
            Source::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .take(max.saturating_add(1))
                    .read_to_end(&mut bytes)
                    .map_err(|source| Error::Io {
                        path: PathBuf::from("-"),
                        source,
                    })?;
                (Path::new("-"), bytes)
            }
        };
        if bytes.len() as u64 > max {
            return Err(too_big(path, None));
        }
        let mut doc = Document::from_vec(bytes, path, self.id.clone())?;
        if let Source::File(p) = &self.source {
            doc.meta.path = Some(p.clone());
        }
        Ok(doc)
    }

    /// The name to show in messages.
    pub fn display(&self) -> String {
        match &self.source {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".into(),
        }
    }
}

/// Match a file name against a glob with `*` and `?` (no path separators involved).
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// A file-name component as text, bytes that are not UTF-8 written `\xNN` (so two different
/// names never get the same id, as they would with a lossy conversion).
fn escape_name(name: &OsStr) -> String {
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// The id of a file under `root`: relative path with `/` separators, `.txt` removed; bytes of the
/// path that are not UTF-8 are written `\xNN`.
pub fn doc_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel
        .components()
        .map(|c| escape_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/");
    s.strip_suffix(".txt").unwrap_or(&s).to_string()
}

/// Expand paths into inputs. Files given by name are taken whatever their extension; directories
/// are walked recursively for names matching `glob`, sorted; `-` is stdin. Errors (a missing path,
/// an unreadable directory, a symlink loop) come back in place, in order.
pub fn collect(paths: &[PathBuf], glob: &str) -> Vec<Result<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input {
                source: Source::Stdin,
                id: "-".into(),
            }));
            continue;
        }
        match std::fs::metadata(path) {
            Err(source) => out.push(Err(Error::Io {
                path: path.clone(),
                source,
            })),
            Ok(m) if m.is_dir() => {
                let mut seen = HashSet::new();
                walk(path, path, glob, &mut (&mut seen, Vec::new()), &mut out);
            }
            Ok(_) => {
                let root = path.parent().unwrap_or(Path::new(""));
                out.push(Ok(Input {
                    source: Source::File(path.clone()),
                    id: doc_id(root, path),
                }));
            }
        }
    }
    out
}

/// The walk's memory: every directory visited, and the chain of directories above the current one.
type Visited<'a> = (&'a mut HashSet<PathBuf>, Vec<PathBuf>);

/// Walk `dir`. A link back to a directory above is a loop (an error); a second link to a directory
/// already walked elsewhere is skipped quietly, its documents being in the output already.
fn walk(
    root: &Path,
    dir: &Path,
    glob: &str,
    visited: &mut Visited<'_>,
    out: &mut Vec<Result<Input>>,
) {
    let io_err = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    match std::fs::canonicalize(dir) {
        Ok(real) => {
            if visited.1.contains(&real) {
                out.push(Err(Error::Io {
                    path: dir.to_path_buf(),
                    source: std::io::Error::other("symlink loop: a link to a directory above it"),
                }));
                return;
            }
            if !visited.0.insert(real.clone()) {
                return;
            }
            visited.1.push(real);
        }
        Err(e) => {
            out.push(Err(io_err(e)));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Err(io_err(e)));
            visited.1.pop();
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(root, &p, glob, visited, out),
            Ok(m) => {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                if !glob_match(glob, &name) {
                    continue;
                }
                if m.is_file() {
                    out.push(Ok(Input {
                        id: doc_id(root, &p),
                        source: Source::File(p),
                    }));
                } else {
                    // A FIFO would block the run, a device could be endless: not documents.
                    out.push(Err(Error::Io {
                        path: p,
                        source: std::io::Error::other(
                            "not a regular file (FIFO, socket or device); skipped",
                        ),
                    }));
                }
            }
            Err(source) => {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                if glob_match(glob, &name) || source.kind() != std::io::ErrorKind::NotFound {
                    out.push(Err(Error::Io { path: p, source }));
                }
            }
        }
    }
    visited.1.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*.txt", "a_2019.txt"));
        assert!(!glob_match("*.txt", "a.txt.bak"));
        assert!(glob_match("*_20??.txt", "hailar_2013.txt"));
        assert!(glob_match("*", "x"));
    }

    #[test]
    fn ids_are_relative_without_txt() {
        assert_eq!(
            doc_id(Path::new("corpus"), Path::new("corpus/a/b_2019.txt")),
            "a/b_2019"
        );
        assert_eq!(doc_id(Path::new(""), Path::new("x.md")), "x.md");
    }

    #[cfg(unix)]
    #[test]
    fn ids_of_non_utf8_names_are_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = Path::new(OsStr::from_bytes(b"d/\xff.txt"));
        let b = Path::new(OsStr::from_bytes(b"d/\xfe.txt"));
        assert_eq!(doc_id(Path::new("d"), a), "\\xFF");
        assert_ne!(doc_id(Path::new("d"), a), doc_id(Path::new("d"), b));
    }

    #[cfg(unix)]
    #[test]
    fn a_second_link_is_no_loop_a_link_up_is() {
        let d = std::env::temp_dir().join(format!("govtext-links-{}", std::process::id()));
        let sub = d.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("x.txt"), "增长7%。").unwrap();
        std::os::unix::fs::symlink(&sub, d.join("link")).unwrap();
        std::os::unix::fs::symlink(&d, sub.join("up")).unwrap();
        let got = collect(std::slice::from_ref(&d), "*.txt");
        let (ok, err): (Vec<_>, Vec<_>) = got.into_iter().partition(Result::is_ok);
        std::fs::remove_dir_all(&d).unwrap();
        assert_eq!(ok.len(), 1, "the document once");
        assert_eq!(err.len(), 1, "{err:?}");
        assert!(
            err[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("a link to a directory above it")
        );
    }
}
