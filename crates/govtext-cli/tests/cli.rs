//! The binary as a user meets it: bad inputs reported by name while good ones complete,
//! exit statuses, encodings, dictionaries.

#[path = "../../govtext/tests/common/mod.rs"]
mod common;

use std::process::{Command, Output};

fn govtext(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(args)
        .output()
        .expect("run govtext")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn bad_inputs_are_reported_and_good_ones_complete() {
    let dir = common::tempdir("bad");
    let bin = dir.join("scan.png");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let missing = dir.join("missing.txt");
    let good = common::root().join("corpus/linhu_2022.txt");
    for cmd in ["segment", "extract", "terms"] {
        let alone = govtext(&[cmd, good.to_str().unwrap()]);
        assert!(alone.status.success());
        let mixed = govtext(&[
            cmd,
            "-q",
            bin.to_str().unwrap(),
            empty.to_str().unwrap(),
            missing.to_str().unwrap(),
            good.to_str().unwrap(),
        ]);
        assert_eq!(mixed.status.code(), Some(1), "{cmd}");
        assert_eq!(
            stdout(&mixed),
            stdout(&alone),
            "{cmd}: good output complete"
        );
        let err = stderr(&mixed);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{cmd}: {err}");
        assert!(lines[0].contains("scan.png") && lines[0].contains("binary or undecodable"));
        assert!(lines[1].contains("empty.txt") && lines[1].contains("empty"));
        assert!(lines[2].contains("missing.txt"));
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(govtext(&["segment"]).status.code(), Some(2));
    assert_eq!(govtext(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        govtext(&["segment", "--format", "xml", "x"]).status.code(),
        Some(2)
    );
}

#[test]
fn gbk_and_utf16_files_segment_like_utf8() {
    let dir = common::tempdir("enc");
    let good = common::root().join("corpus/anlan_2023.txt");
    let text = std::fs::read_to_string(&good).unwrap();
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    std::fs::write(dir.join("gbk.txt"), &gbk).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(dir.join("utf16.txt"), &utf16).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    std::fs::write(dir.join("bom.txt"), &bom).unwrap();
    let want = stdout(&govtext(&["segment", good.to_str().unwrap()]));
    for f in ["gbk.txt", "utf16.txt", "bom.txt"] {
        let got = govtext(&["segment", dir.join(f).to_str().unwrap()]);
        assert!(got.status.success(), "{f}: {}", stderr(&got));
        assert_eq!(stdout(&got), want, "{f}");
    }
}

#[test]
fn shared_gbk_report_segments_like_its_utf8_copy() {
    let Some(shared) = common::shared() else {
        return;
    };
    let gbk = shared.join("reports/raw_encodings/national_2018.gbk.txt");
    let utf8 = shared.join("reports/national_2018.txt");
    let a = govtext(&["segment", gbk.to_str().unwrap()]);
    let b = govtext(&["segment", utf8.to_str().unwrap()]);
    assert!(a.status.success() && b.status.success());
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn government_terms_stay_whole() {
    let mut paths = vec![common::root().join("corpus").to_string_lossy().into_owned()];
    if let Some(shared) = common::shared() {
        paths.push(shared.join("seeds").to_string_lossy().into_owned());
    }
    let mut args = vec!["segment"];
    args.extend(paths.iter().map(String::as_str));
    let out = stdout(&govtext(&args));
    let words: std::collections::HashSet<&str> = out.split_whitespace().collect();
    for w in [
        "地区生产总值",
        "规模以上工业增加值",
        "一般公共预算收入",
        "社会消费品零售总额",
        "固定资产投资",
    ] {
        assert!(words.contains(w), "{w} split");
    }
    if common::shared().is_some() {
        assert!(words.contains("二七区"));
    }
}

#[test]
fn user_dictionary_and_its_errors() {
    let dir = common::tempdir("dict");
    let doc = dir.join("d.txt");
    std::fs::write(&doc, "临湖区推进青禾湾片区开发。").unwrap();
    let before = stdout(&govtext(&["segment", doc.to_str().unwrap()]));
    assert!(!before.contains("青禾湾片区"));
    let dict = dir.join("user.dict");
    std::fs::write(&dict, "# 片区名\n青禾湾片区\n").unwrap();
    let after = stdout(&govtext(&[
        "segment",
        "--dict",
        dict.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]));
    assert!(
        after.split_whitespace().any(|w| w == "青禾湾片区"),
        "{after}"
    );
    std::fs::write(&dict, "青禾湾片区 100 n\n坏词 x1 n\n").unwrap();
    let bad = govtext(&[
        "segment",
        "--dict",
        dict.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_ne!(bad.status.code(), Some(0));
    assert!(stderr(&bad).contains("user.dict:2"), "{}", stderr(&bad));
}

#[test]
fn formats_and_stdin() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(["segment", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("增长７．４％。".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let line: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(line["doc"], "-");
    assert_eq!(line["tokens"][1]["w"], "７．４％");
    assert_eq!(line["tokens"][1]["start"], 2);
    let pos = stdout(&govtext(&[
        "segment",
        "--pos",
        common::root()
            .join("corpus/linhu_2021.txt")
            .to_str()
            .unwrap(),
    ]));
    assert!(pos.contains("地区生产总值/n"));
    let terms = stdout(&govtext(&[
        "terms",
        "--top",
        "5",
        common::root().join("corpus").to_str().unwrap(),
    ]));
    assert_eq!(terms.lines().count(), 1 + 5 * common::corpus().len());
    assert_eq!(terms.lines().next(), Some("doc\tterm\tpos\tcount\tper_10k"));
    assert!(terms.lines().all(|l| l.split('\t').count() == 5));
}

#[test]
fn json_lines_on_stdin_are_detected_and_text_stays_text() {
    use std::io::Write as _;
    let run = |input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_govtext"))
            .args(["extract", "-q", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let jsonl = run(
        "\u{feff}{\"id\":\"a\",\"text\":\"新增就业12万人。\"}\n{\"id\":\"b\",\"text\":\"粮食产量95亿斤。\"}\n",
    );
    let docs: Vec<String> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].to_string())
        .collect();
    assert_eq!(docs, ["\"a\"", "\"b\""]);
    let text = run("新增就业12万人。\n");
    assert!(text.starts_with("{\"doc\":\"-\""), "{text}");
    assert_eq!(text.lines().count(), 1);
}
