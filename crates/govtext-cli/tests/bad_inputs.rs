//! Bad inputs, bad outputs and signals (issue 14): each is reported by name, the good inputs'
//! records are all there, and the exit status says what happened.

#[path = "../../govtext/tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn govtext(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(args)
        .output()
        .expect("run govtext")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("govtext-bad-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const GOOD: &str = "2023年全市地区生产总值增长5.2%，粮食产量达到120万吨。";

/// The `doc` ids of JSON Lines records, in order, without repeats.
fn docs(stdout: &[u8]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text(stdout).lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("whole JSON records");
        let d = r["doc"].as_str().unwrap().to_string();
        if out.last() != Some(&d) {
            out.push(d);
        }
    }
    out
}

/// Records of `args` run on a single good document, for comparing counts.
fn records_of_good(dir: &Path) -> usize {
    let p = dir.join("alone.txt");
    std::fs::write(&p, GOOD).unwrap();
    let out = govtext(&["extract", "-q", p.to_str().unwrap()]);
    std::fs::remove_file(&p).unwrap();
    text(&out.stdout).lines().count()
}

#[test]
fn a_bad_jsonl_line_is_one_error_with_its_line_and_the_stream_goes_on() {
    let dir = scratch("jsonl");
    let good = |id: &str| format!("{{\"id\": \"{id}\", \"text\": \"{GOOD}\"}}\n");
    let mut bytes = Vec::new();
    bytes.extend(good("a").as_bytes());
    bytes.extend(b"{\"id\": \"bad\", \"text\": \"\xff\xfe\"}\n");
    bytes.extend(good("b").as_bytes());
    bytes.extend(b"not json\n");
    bytes.extend(
        format!("{{\"id\": \"y\", \"text\": \"{GOOD}\", \"year\": 99999999999}}\n").as_bytes(),
    );
    bytes.extend(good("c").as_bytes());
    let path = dir.join("docs.jsonl");
    std::fs::write(&path, bytes).unwrap();
    let out = govtext(&["extract", path.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("docs.jsonl:2: not UTF-8"), "{err}");
    assert!(err.contains("docs.jsonl:4: not JSON"), "{err}");
    assert!(
        err.contains(
            "docs.jsonl:5: document `y`: `year` 99999999999 is not a year from 1900 to 2100"
        ),
        "{err}"
    );
    assert!(err.contains("3 documents ok, 3 failed"), "{err}");
    assert_eq!(docs(&out.stdout), ["a", "b", "c"]);
    let per_doc = records_of_good(&dir);
    assert!(per_doc > 0);
    assert_eq!(text(&out.stdout).lines().count(), 3 * per_doc);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_directory_is_reported_and_skipped_without_hanging() {
    let dir = scratch("fifo");
    std::fs::write(dir.join("a.txt"), GOOD).unwrap();
    std::fs::write(dir.join("z.txt"), GOOD).unwrap();
    let fifo = dir.join("x.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let out = govtext(&["extract", dir.to_str().unwrap()]);
    assert!(started.elapsed() < Duration::from_secs(60));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("x.txt: not a regular file"), "{err}");
    assert_eq!(docs(&out.stdout), ["a", "z"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jobs_are_clamped_and_documented() {
    let corpus = common::root().join("corpus");
    let want = govtext(&["extract", "-q", "-j", "2", corpus.to_str().unwrap()]);
    let many = govtext(&["extract", "-j", "1000000", corpus.to_str().unwrap()]);
    assert_eq!(many.status.code(), Some(0), "{}", text(&many.stderr));
    assert!(text(&many.stderr).contains("is more than the maximum"));
    assert_eq!(many.stdout, want.stdout);
    let help = text(&govtext(&["extract", "--help"]).stdout);
    assert!(help.contains("256"), "{help}");
    assert!(help.contains("--max-doc-bytes"), "{help}");
}

#[test]
fn documents_over_the_size_limit_are_errors() {
    let dir = scratch("big");
    std::fs::write(dir.join("a.txt"), GOOD).unwrap();
    std::fs::write(dir.join("big.txt"), GOOD.repeat(100)).unwrap();
    let out = govtext(&["extract", "--max-doc-bytes", "1000", dir.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("big.txt: document of"), "{err}");
    assert!(
        err.contains("larger than the document size limit (1000 bytes)"),
        "{err}"
    );
    assert_eq!(docs(&out.stdout), ["a"]);

    let lines = format!(
        "{{\"id\": \"a\", \"text\": \"{GOOD}\"}}\n{{\"id\": \"big\", \"text\": \"{}\"}}\n{{\"id\": \"c\", \"text\": \"{GOOD}\"}}\n",
        GOOD.repeat(100)
    );
    let path = dir.join("docs.jsonl");
    std::fs::write(&path, lines).unwrap();
    let out = govtext(&["extract", "--max-doc-bytes", "1000", path.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("docs.jsonl:2: line of"), "{err}");
    assert_eq!(docs(&out.stdout), ["a", "c"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_output_path_is_a_usage_error_before_any_work() {
    let dir = scratch("out");
    let corpus = common::root().join("corpus");
    for target in [dir.clone(), dir.join("missing/out.jsonl")] {
        let out = govtext(&[
            "extract",
            corpus.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("is a directory") || err.contains("no such directory"),
            "{err}"
        );
        assert!(!err.contains("documents ok"), "{err}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn csv_to_a_closed_pipe_exits_0() {
    let corpus = common::root().join("corpus");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' extract -q '{}' --format csv | head -1",
            env!("CARGO_BIN_EXE_govtext"),
            corpus.display()
        ))
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout).lines().count(), 1);
    // The exit status of govtext itself, without the shell's pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(["extract", "-q", corpus.to_str().unwrap(), "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn a_missing_file_names_its_cause_once() {
    let corpus = common::root().join("corpus");
    let out = govtext(&[
        "extract",
        "--meta",
        "/nonexistent/meta.tsv",
        corpus.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[cfg(unix)]
fn kill(child: &std::process::Child, signal: &str) {
    assert!(
        Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
}

#[cfg(unix)]
#[test]
fn sigterm_stops_at_a_record_boundary_and_a_second_signal_exits_130() {
    let dir = scratch("signal");
    let line = format!("{{\"id\": \"a\", \"text\": \"{GOOD}\"}}\n");
    // SIGTERM, then the input ends: the records so far are kept in FILE.partial.
    let target = dir.join("out.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args([
            "extract",
            "--input",
            "jsonl",
            "-o",
            target.to_str().unwrap(),
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(line.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_secs(3));
    kill(&child, "-TERM");
    std::thread::sleep(Duration::from_millis(300));
    stdin.write_all(line.repeat(3).as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    assert!(!target.exists());
    let partial = std::fs::read(dir.join("out.jsonl.partial")).unwrap();
    assert!(!docs(&partial).is_empty());
    assert!(partial.ends_with(b"\n"));

    // Two signals: out at once, 130.
    let mut child = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(["extract", "-q", "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    std::thread::sleep(Duration::from_secs(3));
    kill(&child, "-HUP");
    std::thread::sleep(Duration::from_millis(300));
    kill(&child, "-INT");
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(130));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_get_distinct_ids() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("names");
    for name in [&b"r\xff.txt"[..], &b"r\xfe.txt"[..]] {
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), GOOD).unwrap();
    }
    let out = govtext(&["extract", "-q", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(docs(&out.stdout), ["r\\xFE", "r\\xFF"]);
    assert_eq!(text(&out.stdout).lines().count(), 2 * records_of_good(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `extract INPUT FLAGS -o TARGET` under a file size limit of `kb` KiB (SIGXFSZ ignored, so
/// writes fail with EFBIG): it fails with the partial file named, no success summary, no TARGET.
fn failed_write_under_a_size_limit(kb: u32, input: &Path, flags: &str, target: &Path) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {kb}; exec '{}' extract '{}' {flags} -o '{}'",
            env!("CARGO_BIN_EXE_govtext"),
            input.display(),
            target.display()
        ))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("output incomplete, kept in"), "{err}");
    assert!(!err.contains("documents ok"), "no success summary: {err}");
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_a_partial_file_of_whole_documents() {
    // A file size limit (SIGXFSZ ignored, so writes fail with EFBIG) stands in for a full disk.
    let dir = scratch("full");
    let corpus = common::root().join("corpus");
    let full = govtext(&["extract", "-q", corpus.to_str().unwrap()]).stdout;
    let target = dir.join("out.jsonl");
    failed_write_under_a_size_limit(300, &corpus, "", &target);
    let partial = std::fs::read(dir.join("out.jsonl.partial")).unwrap();
    assert!(!partial.is_empty() && partial.len() < full.len());
    assert_eq!(&full[..partial.len()], &partial[..]);
    // It ends where a document ends: the next record belongs to another document.
    let last = docs(&partial).pop().unwrap();
    let next = docs(&full[partial.len()..]).remove(0);
    assert_ne!(last, next);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ctrl_c_inside_a_large_document_is_honoured_within_a_second() {
    let dir = scratch("large-sigint");
    // About 20 MB of one document: many seconds of work.
    let big = dir.join("big.txt");
    std::fs::write(&big, GOOD.repeat(250_000)).unwrap();
    let target = dir.join("out.jsonl");
    let child = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(["extract", "-q", "-o", target.to_str().unwrap()])
        .arg(&big)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    kill(&child, "-INT");
    let signalled = Instant::now();
    let out = child.wait_with_output().unwrap();
    let waited = signalled.elapsed();
    assert!(waited < Duration::from_secs(1), "stopped after {waited:?}");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(!target.exists());
    // The records so far, whole: the partial file ends at a record boundary.
    let partial = std::fs::read(dir.join("out.jsonl.partial")).unwrap();
    assert!(partial.is_empty() || partial.ends_with(b"\n"));
    assert_eq!(docs(&partial).len(), usize::from(!partial.is_empty()));
}

#[cfg(unix)]
#[test]
fn a_failed_parquet_write_prints_no_success_summary() {
    let dir = scratch("full-parquet");
    let corpus = common::root().join("corpus");
    let target = dir.join("out.parquet");
    failed_write_under_a_size_limit(20, &corpus, "--format parquet", &target);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Run govtext with `input` on its standard input.
fn govtext_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run govtext");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

/// The lines of JSON Lines output, split into records and error records by the `error` key.
fn split_errors(stdout: &[u8]) -> (Vec<String>, Vec<serde_json::Value>) {
    let (mut records, mut errors) = (Vec::new(), Vec::new());
    for line in text(stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("whole JSON lines");
        match v.get("error") {
            Some(_) => errors.push(v),
            None => records.push(line.to_string()),
        }
    }
    (records, errors)
}

#[test]
fn errors_as_records_puts_one_error_line_per_bad_document_and_exits_0() {
    let good =
        |id: &str| format!("{{\"id\": \"{id}\", \"text\": \"{GOOD}\", \"source\": \"gov\"}}\n");
    let mut bytes = Vec::new();
    bytes.extend(good("a").as_bytes());
    bytes.extend(b"{\"id\": \"latin1\", \"text\": \"\xe9t\xe9\"}\n");
    bytes.extend(good("b").as_bytes());
    bytes.extend(b"{\"id\": \"broken\", \"text\": \"unterminated\n");
    bytes.extend(b"\n");
    bytes.extend(
        format!("{{\"id\": \"y\", \"text\": \"{GOOD}\", \"year\": 99999999999}}\n").as_bytes(),
    );
    bytes.extend(format!("{{\"id\": \"big\", \"text\": \"{}\"}}\n", GOOD.repeat(40)).as_bytes());
    bytes.extend(good("c").as_bytes());
    let args = [
        "extract",
        "--input",
        "jsonl",
        "-",
        "-q",
        "-j",
        "1",
        "--max-doc-bytes",
        "1000",
        "--errors-as-records",
    ];
    let out = govtext_stdin(&args, &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "-q: nothing on stderr");
    let (records, errors) = split_errors(&out.stdout);

    // The good documents' records are exactly those of a run on them alone.
    let alone = govtext_stdin(
        &["extract", "--input", "jsonl", "-", "-q"],
        format!("{}{}{}", good("a"), good("b"), good("c")).as_bytes(),
    );
    assert_eq!(alone.status.code(), Some(0));
    assert_eq!(records.join("\n") + "\n", text(&alone.stdout));
    assert!(!records.is_empty());

    let want = [
        ("latin1", 2, "not UTF-8"),
        ("broken", 4, "not JSON"),
        ("y", 6, "is not a year from 1900 to 2100"),
        ("big", 7, "larger than the document size limit (1000 bytes)"),
    ];
    assert_eq!(errors.len(), want.len(), "{errors:?}");
    for (e, (doc, line, reason)) in errors.iter().zip(want) {
        assert_eq!(e["doc"], doc, "{e}");
        assert_eq!(e["line"], line, "{e}");
        assert_eq!(e["source"], "-", "{e}");
        assert!(e["error"].as_str().unwrap().contains(reason), "{e}");
        assert!(!e["error"].as_str().unwrap().starts_with("-:"), "{e}");
    }
    // In input order: a's records, latin1's error, b's records, ...
    let order: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["doc"].as_str().unwrap().to_string()
        })
        .fold(Vec::new(), |mut acc, d| {
            if acc.last() != Some(&d) {
                acc.push(d);
            }
            acc
        });
    assert_eq!(order, ["a", "latin1", "b", "broken", "y", "big", "c"]);
}

#[test]
fn errors_as_records_covers_files_and_needs_json_lines() {
    let dir = scratch("as-records");
    let good = dir.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, b"\x00\x01\x02 not text").unwrap();
    let missing = dir.join("missing.txt");
    let paths = [&good, &binary, &missing].map(|p| p.to_str().unwrap().to_string());
    let mut args = vec!["extract", "--errors-as-records"];
    args.extend(paths.iter().map(String::as_str));
    let out = govtext(&args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("1 documents ok, 2 failed"),
        "the summary without -q: {err}"
    );
    let (records, errors) = split_errors(&out.stdout);
    assert_eq!(records.len(), records_of_good(&dir));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0]["doc"], "binary");
    assert_eq!(errors[0]["source"], paths[1].as_str());
    assert_eq!(errors[0]["line"], serde_json::Value::Null);
    // A path that does not exist never had an id: `source` names it.
    assert_eq!(errors[1]["doc"], serde_json::Value::Null);
    assert_eq!(errors[1]["source"], paths[2].as_str());

    let csv = govtext(&[
        "extract",
        "--errors-as-records",
        "--format",
        "csv",
        &paths[0],
    ]);
    assert_eq!(csv.status.code(), Some(2));
    assert!(text(&csv.stderr).contains("--errors-as-records needs --format jsonl"));
    std::fs::remove_dir_all(&dir).unwrap();
}
