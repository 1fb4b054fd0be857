//! A small document is cut with a dictionary scoped to its own words (fast start-up); this must
//! give exactly the tokens, tags and records of jieba's full dictionary. Checked sentence by
//! sentence on the corpus and, when `../shared` is there, on every real report, in pieces of at
//! most 60 KB (the scoped path's size).

mod common;

use std::path::Path;
use std::sync::LazyLock;

use govtext::{Document, Extractor, Segmenter, normalize};

/// An extractor whose full dictionary is built before anything is extracted.
static FULL: LazyLock<Extractor> = LazyLock::new(|| {
    let ex = Extractor::new();
    ex.segmenter().cut_count("经济");
    assert!(!ex.segmenter().may_scope(1));
    ex
});

/// The texts to compare: corpus documents and real reports, cut at line ends into pieces.
fn pieces() -> Vec<(String, String)> {
    let mut paths: Vec<_> = common::corpus().into_iter().map(|(_, p)| p).collect();
    if let Some(shared) = common::shared() {
        let mut real: Vec<_> = std::fs::read_dir(shared.join("reports"))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        real.sort();
        paths.extend(real);
    }
    let mut out = Vec::new();
    for path in paths {
        let text = common::read(&path).text;
        let mut piece = String::new();
        for line in text.split_inclusive('\n') {
            if piece.len() + line.len() > 60_000 && !piece.is_empty() {
                out.push((path.display().to_string(), std::mem::take(&mut piece)));
            }
            piece.push_str(line);
        }
        out.push((path.display().to_string(), piece));
    }
    out
}

#[test]
fn scoped_tokens_and_tags_are_the_full_dictionarys() {
    let full = FULL.segmenter();
    let mut sentences = 0;
    for (name, text) in pieces() {
        let norm = normalize(&text);
        let fresh = Segmenter::new();
        let scoped = fresh
            .scoped(&[&norm])
            .expect("a piece under the scoped size");
        let got = scoped.segment(&text, &norm);
        let want = full.segment(&text, &norm);
        assert_eq!(got.len(), want.len(), "{name}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(
                g.tokens,
                w.tokens,
                "{name}: {}",
                &norm[w.sentence.norm.clone()]
            );
            sentences += 1;
        }
    }
    assert!(sentences > 500, "{sentences} sentences compared");
}

#[test]
fn scoped_records_are_the_full_dictionarys() {
    for (name, text) in pieces() {
        let doc = Document::from_bytes(text.as_bytes(), Path::new(&name), "piece").unwrap();
        let fresh = Extractor::new();
        assert!(fresh.segmenter().may_scope(doc.text.len()), "{name}");
        let got = serde_json::to_string(&fresh.extract(&doc)).unwrap();
        let want = serde_json::to_string(&FULL.extract(&doc)).unwrap();
        assert!(got == want, "{name}: the records differ");
    }
}

#[test]
fn words_known_without_the_full_dictionary() {
    let seg = Segmenter::new();
    assert!(seg.has_word("经济"));
    assert!(seg.has_word("地区生产总值"), "a word of dict/gov.dict");
    assert!(!seg.has_word("经济增"));
    assert!(
        !seg.has_word("\u{e000}\u{e001}"),
        "the padding entry is no word"
    );
    assert!(seg.may_scope(1000), "nothing built the full dictionary");
}

#[test]
fn a_sentence_with_its_white_space_taken_out_stays_on_the_scoped_dictionary() {
    let text = "全年经 济增长6.5%，财政收入达到1234\n亿元，增长8%。\n";
    let doc = Document::from_bytes(text.as_bytes(), Path::new("ws"), "ws").unwrap();
    let fresh = Extractor::new();
    let got = serde_json::to_string(&fresh.extract(&doc)).unwrap();
    assert!(
        fresh.segmenter().may_scope(1),
        "the full dictionary was built"
    );
    assert_eq!(got, serde_json::to_string(&FULL.extract(&doc)).unwrap());
    assert!(got.contains("\"indicator_id\":\"gdp\""), "{got}");
}

#[test]
fn user_dictionaries_cut_the_same_on_the_scoped_dictionary() {
    // Entries with and without a frequency, one that is a jieba word already, one outside the BMP.
    let dict = "绿色低碳转型 n\n新质生产力 50000 n\n经济 9999 n\n𠀋头村 ns\n";
    let build = || {
        Extractor::builder()
            .user_dict_str(dict, "user.dict")
            .build()
            .unwrap()
    };
    let full = build();
    full.segmenter().cut_count("经济");
    let text = "推动绿色低碳转型，新质生产力加快发展，𠀋头村集体经济收入增长12.5%，\
                全年经济增长5.2%。\n";
    let norm = normalize(text);
    let fresh = build();
    let scoped = fresh.segmenter().scoped(&[&norm]).expect("a small text");
    let got = scoped.segment(text, &norm);
    let want = full.segmenter().segment(text, &norm);
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.tokens, w.tokens);
    }
    assert!(got[0].tokens.iter().any(|t| t.word == "绿色低碳转型"));
    let doc = Document::from_bytes(text.as_bytes(), Path::new("u"), "u").unwrap();
    let fresh = build();
    assert_eq!(
        serde_json::to_string(&fresh.extract(&doc)).unwrap(),
        serde_json::to_string(&full.extract(&doc)).unwrap()
    );
    assert!(
        fresh.segmenter().may_scope(1),
        "the full dictionary was built"
    );
}
