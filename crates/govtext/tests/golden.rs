//! Golden files, one folder per stage: `tests/golden/segment/<doc>.txt` (one sentence per line,
//! words separated by spaces) and `tests/golden/extract/<doc>.tsv` (one mention per line).
//! A change in output shows as a readable diff. Regenerate with `GOVTEXT_BLESS=1 cargo test`.

mod common;

fn compare(stage: &str, name: &str, got: &str) {
    let path = common::root().join(format!("tests/golden/{stage}/{name}"));
    if std::env::var_os("GOVTEXT_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with GOVTEXT_BLESS=1 to create)",
            path.display()
        )
    });
    if want != got {
        let first = want
            .lines()
            .zip(got.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}:\n  want {a}\n  got  {b}", i + 1))
            .unwrap_or_else(|| "lengths differ".into());
        panic!("{stage}/{name} differs at {first}");
    }
}

#[test]
fn segmentation_golden_files() {
    for (stem, path) in common::corpus() {
        let doc = common::read(&path);
        compare(
            "segment",
            &format!("{stem}.txt"),
            &common::EX.segmenter().render(&doc.text, false),
        );
    }
}

#[test]
fn extraction_golden_files() {
    for (stem, path) in common::corpus() {
        let doc = common::read(&path);
        let mut out =
            String::from("start\tend\ttext\tnorm_value\tnorm_upper\tnorm_unit\tkind\tqualifier\n");
        for r in common::EX.extract(&doc) {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                r.start,
                r.end,
                r.text,
                r.norm_value,
                r.norm_upper.map_or(String::new(), |v| v.to_string()),
                r.norm_unit,
                r.kind.as_str(),
                r.qualifier.as_str()
            ));
        }
        compare("extract", &format!("{stem}.tsv"), &out);
    }
}
