//! `terms` (counts, TF-IDF and TextRank keywords, an IDF table built from a corpus, the TSV
//! header row) and `segment --with-doc`.

#[path = "../../govtext/tests/common/mod.rs"]
mod common;

use std::process::Command;

fn govtext(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn keywords_by_tfidf_with_a_corpus_idf_and_by_textrank() {
    let dir = common::tempdir("terms");
    let corpus = common::root().join("corpus");
    let idf = dir.join("corpus.idf");
    let built = govtext(&[
        "terms",
        "-q",
        "--build-idf",
        idf.to_str().unwrap(),
        corpus.to_str().unwrap(),
    ]);
    assert!(built.is_empty(), "--build-idf prints no terms");
    let table = std::fs::read_to_string(&idf).unwrap();
    assert!(table.lines().count() > 100);
    assert!(table.lines().all(|l| {
        let (w, v) = l.split_once(' ').unwrap();
        !w.is_empty() && v.parse::<f64>().is_ok_and(|v| v >= 0.0)
    }));
    let doc = corpus.join("linhu_2022.txt");
    for args in [
        vec!["--method", "tfidf", "--idf", idf.to_str().unwrap()],
        vec!["--method", "tfidf"],
        vec!["--method", "textrank"],
    ] {
        let mut all = vec!["terms", "-q", "--top", "10"];
        all.extend(&args);
        all.push(doc.to_str().unwrap());
        let out = govtext(&all);
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("doc\tterm\tpos\tweight"), "{args:?}");
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
        assert_eq!(rows.len(), 10, "{args:?}");
        let weights: Vec<f64> = rows.iter().map(|r| r[3].parse().unwrap()).collect();
        assert!(
            weights.windows(2).all(|w| w[0] >= w[1]),
            "{args:?}: {weights:?}"
        );
        assert!(
            rows.iter()
                .all(|r| r[0] == "linhu_2022" && r[1].chars().count() >= 2)
        );
    }
    // A word of every corpus document weighs nothing with the corpus's IDF.
    let common_word = table
        .lines()
        .find_map(|l| l.strip_suffix(" 0.000000"))
        .expect("a word in every document");
    let tfidf = govtext(&[
        "terms",
        "-q",
        "--top",
        "10",
        "--method",
        "tfidf",
        "--idf",
        idf.to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert!(
        !tfidf
            .lines()
            .any(|l| l.split('\t').nth(1) == Some(common_word))
    );
}

#[test]
fn segment_lines_can_name_their_document() {
    let corpus = common::root().join("corpus");
    let plain = govtext(&[
        "segment",
        "-q",
        corpus.join("linhu_2021.txt").to_str().unwrap(),
    ]);
    let named = govtext(&["segment", "-q", "--with-doc", corpus.to_str().unwrap()]);
    let linhu: Vec<&str> = named
        .lines()
        .filter_map(|l| l.strip_prefix("linhu_2021\t"))
        .collect();
    assert_eq!(linhu, plain.lines().collect::<Vec<_>>());
    assert!(named.lines().all(|l| l.contains('\t')));
}

#[test]
fn terms_per_region_and_year_pool_the_documents() {
    let corpus = common::root().join("corpus");
    let out = govtext(&[
        "terms",
        "-q",
        "--by-region-year",
        "--top",
        "3",
        corpus.to_str().unwrap(),
    ]);
    let pools: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    // Two regions × three years; the 2022 news of 临湖区 joins its 2022 report.
    let mut distinct = pools.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 6, "{distinct:?}");
    assert!(distinct.contains(&"临湖区 2022"));
    let counts = |pool: &str| -> usize {
        out.lines()
            .filter(|l| l.starts_with(&format!("{pool}\t增长\t")))
            .map(|l| l.split('\t').nth(3).unwrap().parse::<usize>().unwrap())
            .sum()
    };
    let report = govtext(&[
        "terms",
        "-q",
        "--top",
        "0",
        corpus.join("linhu_2022.txt").to_str().unwrap(),
    ]);
    let alone: usize = report
        .lines()
        .filter(|l| l.split('\t').nth(1) == Some("增长"))
        .map(|l| l.split('\t').nth(3).unwrap().parse::<usize>().unwrap())
        .sum();
    assert!(
        counts("临湖区 2022") > alone,
        "the news adds to the 2022 pool"
    );
}
