//! Golden files, one folder per stage: `tests/golden/segment/<doc>.txt` (one sentence per line,
//! words separated by spaces) and `tests/golden/extract/<doc>.tsv` (one mention per line: span, text, normalised value and unit,
//! kind, qualifier, then the attribution: indicator, its id, measure, direction, basis, target,
//! period, horizon, subject).
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
        let mut out = String::from(
            "# start-end\ttext\tnorm_value[..norm_upper] norm_unit\tkind\tqualifier\t\
             indicator\tindicator_id\tmeasure\tdirection\tbasis\ttarget\tperiod\thorizon\tsubject \
             (- when absent)\n",
        );
        for r in common::EX.extract(&doc) {
            let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            let mut value = match r.norm_upper {
                Some(u) => format!("{}..{u}", r.norm_value),
                None => r.norm_value.to_string(),
            };
            if !r.norm_unit.is_empty() {
                value = format!("{value} {}", r.norm_unit);
            }
            let target = match r.target {
                Some(true) => "target",
                Some(false) => "actual",
                None => "-",
            };
            out.push_str(&format!(
                "{}-{}\t{}\t{value}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{target}\t{}\t{}\t{}\n",
                r.start,
                r.end,
                r.text,
                r.kind.as_str(),
                r.qualifier.as_str(),
                opt(&r.indicator),
                opt(&r.indicator_id),
                r.measure.map_or("-", |m| m.as_str()),
                r.direction.map_or("-", |d| d.as_str()),
                r.basis.map_or("-", |b| b.as_str()),
                opt(&r.period),
                r.horizon.map_or("-", |h| h.as_str()),
                opt(&r.subject),
            ));
        }
        compare("extract", &format!("{stem}.tsv"), &out);
    }
}
