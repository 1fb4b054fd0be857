//! The batch stage as an analyst uses it: many inputs, several threads, several formats, bad
//! files mixed in.

#[path = "../../govtext/tests/common/mod.rs"]
mod common;

use std::process::{Command, Output};

fn govtext(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(args)
        .output()
        .expect("run govtext")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let mut dirs = vec![common::root().join("corpus").to_string_lossy().into_owned()];
    if let Some(shared) = common::shared() {
        dirs.push(shared.join("reports").to_string_lossy().into_owned());
    }
    for dir in &dirs {
        let one = govtext(&["extract", "-q", "-j", "1", dir]);
        let two = govtext(&["extract", "-q", "-j", "2", dir]);
        let three = govtext(&["extract", "-q", "-j", "3", dir]);
        assert!(one.status.success(), "{}", text(&one.stderr));
        assert!(!one.stdout.is_empty());
        assert!(
            one.stdout == two.stdout && two.stdout == three.stdout,
            "{dir}"
        );
    }
}

#[test]
fn metadata_comes_from_the_sidecar_in_the_corpus() {
    let out = govtext(&[
        "extract",
        "-q",
        common::root().join("corpus").to_str().unwrap(),
    ]);
    for line in text(&out.stdout).lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = r["doc"].as_str().unwrap();
        let want = if doc.starts_with("linhu") {
            "临湖区"
        } else {
            "安澜市"
        };
        assert_eq!(r["region"], want, "{doc}");
        assert!(
            r["year"]
                .as_i64()
                .is_some_and(|y| (2021..=2024).contains(&y)),
            "{doc}"
        );
    }
}

#[test]
fn jsonl_documents_in_and_records_out() {
    let dir = common::tempdir("jsonl");
    let docs = dir.join("docs.jsonl");
    let a = std::fs::read_to_string(common::root().join("corpus/linhu_2022.txt")).unwrap();
    let lines = [
        serde_json::json!({"id": "county-7", "text": a, "region": "临湖区", "year": 2022, "source": "team"}),
        serde_json::json!({"id": "broken", "body": "no text field"}),
        serde_json::json!({"id": 42, "text": "全县粮食产量达到35.2万吨。"}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect::<String>() + "{not json\n";
    std::fs::write(&docs, body).unwrap();
    let out = govtext(&["extract", "-q", docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("docs.jsonl:2") && err.contains("broken"),
        "{err}"
    );
    assert!(
        err.contains("docs.jsonl:4") && err.contains("not JSON"),
        "{err}"
    );
    let recs: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(recs.iter().filter(|r| r["doc"] == "county-7").count() > 50);
    let first = &recs[0];
    assert_eq!(
        (first["region"].as_str(), first["year"].as_i64()),
        (Some("临湖区"), Some(2022))
    );
    assert_eq!(first["meta"]["source"], "team");
    let last = recs.last().unwrap();
    assert_eq!(
        (last["doc"].as_str(), last["text"].as_str()),
        (Some("42"), Some("35.2万吨"))
    );
    // The same file read through stdin with --input jsonl.
    let mut child = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(["extract", "-q", "--input", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&docs).unwrap())
        .unwrap();
    let piped = child.wait_with_output().unwrap();
    assert_eq!(piped.stdout, out.stdout);
}

#[test]
fn bad_inputs_mixed_with_good_ones() {
    let dir = common::tempdir("zoo");
    let zoo = dir.join("zoo");
    std::fs::create_dir_all(zoo.join("sub")).unwrap();
    let good = common::root().join("corpus/anlan_2023.txt");
    std::fs::copy(&good, zoo.join("a_good.txt")).unwrap();
    std::fs::write(
        zoo.join("b_binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
    )
    .unwrap();
    std::fs::write(zoo.join("c_empty.txt"), b"").unwrap();
    std::fs::write(
        zoo.join("d_undecodable.txt"),
        [0xc3, 0x28, 0x81, 0x20, 0xa0, 0xa1, 0xff].repeat(50),
    )
    .unwrap();
    std::fs::write(
        zoo.join("g_utf16_noise.txt"),
        [0xff, 0xfe, 0xfd, 0x80, 0x81, 0xc3, 0x28, 0xa0, 0xa1, 0x07].repeat(50),
    )
    .unwrap();
    std::fs::write(zoo.join("e_nul.txt"), "增长5%\0。".as_bytes()).unwrap();
    // A 10 MB single line.
    let line = "全区新增市场主体1.2万户，同比增长5.6%，".repeat(10_000_000 / 60);
    std::fs::write(zoo.join("f_long_line.txt"), &line).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&zoo, zoo.join("sub/loop")).unwrap();
    std::fs::copy(
        common::root().join("corpus/linhu_2023.txt"),
        zoo.join("sub/z_good.txt"),
    )
    .unwrap();
    let missing = dir.join("missing.txt");
    let out = govtext(&[
        "extract",
        "-q",
        zoo.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for name in [
        "b_binary.txt",
        "c_empty.txt",
        "d_undecodable.txt",
        "e_nul.txt",
        "g_utf16_noise.txt",
        "missing.txt",
    ] {
        assert!(
            err.lines().any(|l| l.contains(name)),
            "{name} not reported: {err}"
        );
    }
    #[cfg(unix)]
    assert!(err.contains("symlink loop"), "{err}");
    // Every good file's records are complete.
    let stdout = text(&out.stdout);
    for (id, path) in [
        ("a_good", &good),
        ("sub/z_good", &common::root().join("corpus/linhu_2023.txt")),
    ] {
        let alone = govtext(&["extract", "-q", path.to_str().unwrap()]);
        let want = text(&alone.stdout).lines().count();
        let got = stdout
            .lines()
            .filter(|l| l.contains(&format!("\"doc\":\"{id}\"")))
            .count();
        assert_eq!(got, want, "{id}");
    }
    let long = stdout
        .lines()
        .filter(|l| l.contains("\"doc\":\"f_long_line\""))
        .count();
    assert_eq!(long, 2 * (10_000_000 / 60));
}

#[test]
fn csv_and_parquet_have_the_rows_of_jsonl() {
    let dir = common::tempdir("formats");
    let corpus = common::root().join("corpus");
    let corpus = corpus.to_str().unwrap();
    let jsonl = dir.join("out.jsonl");
    let csv = dir.join("out.csv");
    let parquet = dir.join("out.parquet");
    for (fmt, path) in [("jsonl", &jsonl), ("csv", &csv), ("parquet", &parquet)] {
        let out = govtext(&[
            "extract",
            "-q",
            "--format",
            fmt,
            "--excel",
            "-o",
            path.to_str().unwrap(),
            corpus,
        ]);
        assert!(out.status.success(), "{fmt}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty());
    }
    let records: Vec<govtext::Record> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert!(csv_text.starts_with('\u{feff}'));
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        govtext::record::COLUMNS
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    for (row, r) in rows.iter().zip(&records) {
        assert_eq!(row.iter().collect::<Vec<_>>(), r.csv_row());
    }
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let reader = SerializedFileReader::new(std::fs::File::open(&parquet).unwrap()).unwrap();
    assert_eq!(
        reader.metadata().file_metadata().num_rows() as usize,
        records.len()
    );
    let mut starts = Vec::new();
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        use parquet::record::RowAccessor;
        starts.push(row.get_long(4).unwrap() as usize);
    }
    assert_eq!(starts, records.iter().map(|r| r.start).collect::<Vec<_>>());
    // pandas/pyarrow, when the machine has them (exit 77: not installed).
    if let Ok(out) = Command::new("python3")
        .arg(common::root().join("scripts/check_outputs.py"))
        .args([&jsonl, &csv, &parquet])
        .output()
    {
        match out.status.code() {
            Some(77) => println!("pandas/pyarrow not installed: {}", text(&out.stdout)),
            code => assert_eq!(code, Some(0), "{}", text(&out.stdout)),
        }
    }
}

#[test]
fn output_files_are_written_atomically() {
    let dir = common::tempdir("atomic");
    let out_path = dir.join("records.jsonl");
    let out = govtext(&[
        "extract",
        "-q",
        "-o",
        out_path.to_str().unwrap(),
        common::root().join("corpus").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out_path.is_file());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
    // Parquet without -o is a usage error, not a binary dump on the terminal.
    let bad = govtext(&[
        "extract",
        "-q",
        "--format",
        "parquet",
        common::root().join("corpus").to_str().unwrap(),
    ]);
    assert_ne!(bad.status.code(), Some(0));
}

#[test]
fn files_from_a_list() {
    let dir = common::tempdir("list");
    let list = dir.join("list.txt");
    let a = common::root().join("corpus/linhu_2021.txt");
    let b = common::root().join("corpus/anlan_2024.txt");
    std::fs::write(
        &list,
        format!("# two reports\n{}\n{}\n", a.display(), b.display()),
    )
    .unwrap();
    let out = govtext(&["extract", "-q", "--files-from", list.to_str().unwrap()]);
    assert!(out.status.success());
    let docs: std::collections::BTreeSet<String> = text(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        vec!["anlan_2024", "linhu_2021"]
    );
}
