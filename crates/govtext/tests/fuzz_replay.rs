//! The fuzz targets' bodies (`fuzz/bodies.rs`) on their seeds, on the stable toolchain: every
//! `cargo test` checks the invariants the fuzzer checks, on the corpus reports, a JSON Lines
//! stream made of them, the shipped word lists and a few hostile walls of figures. `.ci/run`
//! fuzzes from the same seeds when a nightly toolchain with cargo-fuzz is installed.

mod common;

#[path = "../../../fuzz/bodies.rs"]
mod bodies;

/// The seeds of every target: the corpus reports and a few hand-made inputs.
fn seeds() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = common::corpus()
        .into_iter()
        .map(|(_, p)| std::fs::read(p).unwrap())
        .collect();
    out.push("5%".repeat(20_000).into_bytes());
    out.push("翻一番".repeat(5_000).into_bytes());
    out.push(("规模达到".to_string() + &"1".repeat(10_000) + "亿元").into_bytes());
    out.push(
        "推进"
            .repeat(999)
            .into_bytes()
            .into_iter()
            .chain("340.64亿元".bytes())
            .collect(),
    );
    out.push(b"\xff\xfe\x00\x00broken \xc3\x28 bytes".to_vec());
    out
}

#[test]
fn numeral_seeds() {
    for s in [
        "340.64亿",
        "一千五百五十九亿",
        "1,234.5",
        "5万万",
        "十几",
        "1".repeat(40).as_str(),
    ] {
        bodies::numeral(s.as_bytes());
    }
    for seed in seeds() {
        for run in String::from_utf8_lossy(&seed)
            .split(|c: char| c.is_whitespace() || "，。、".contains(c))
        {
            bodies::numeral(run.as_bytes());
        }
    }
}

#[test]
fn decoding_seeds() {
    for seed in seeds() {
        bodies::decoding(&seed);
        let text = String::from_utf8_lossy(&seed);
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        bodies::decoding(&gbk);
    }
}

#[test]
fn extraction_seeds() {
    for seed in seeds() {
        bodies::extraction(&seed);
    }
}

#[test]
fn jsonl_seeds() {
    let mut stream = Vec::new();
    for (i, seed) in seeds().iter().enumerate() {
        let text = String::from_utf8_lossy(seed);
        let line = serde_json::json!({"id": format!("d{i}"), "text": text, "year": 1890 + i * 20});
        stream.extend(line.to_string().bytes());
        stream.push(b'\n');
    }
    stream.extend(b"{\"id\": \"x\", \"text\": \"\xff\"}\nnot json\n{\"id\": 1}\n");
    bodies::jsonl(&stream);
}

#[test]
fn dictionaries_seeds() {
    let root = common::root().join("crates/govtext/dict");
    let gov = std::fs::read(root.join("gov.dict")).unwrap();
    let indicators = std::fs::read(root.join("indicators.tsv")).unwrap();
    let mut both = gov.clone();
    both.push(0);
    both.extend(&indicators);
    for input in [
        gov,
        both,
        b"good 5 n\nbad 12x n\n".to_vec(),
        b"w\0id\tname\n".to_vec(),
    ] {
        bodies::dictionaries(&input);
    }
}
