//! Comparing reports across years, on the team corpus (two regions, consecutive years, with
//! inconsistencies planted on purpose, see `corpus/FACTS_*.md`) and, when `../shared` is present,
//! on the Hailar district and national reports.

#[path = "../../govtext/tests/common/mod.rs"]
mod common;

use govtext::Document;
use govtext::compare::{self, Report};

fn records_of(paths: &[std::path::PathBuf]) -> (Vec<govtext::Record>, Vec<Document>) {
    let table = govtext::MetaTable::read(&common::root().join("corpus/meta.tsv")).unwrap();
    let ex = govtext::Extractor::builder()
        .meta_table(table)
        .build()
        .unwrap();
    let mut records = Vec::new();
    let mut docs = Vec::new();
    for p in paths {
        let mut d = common::read(p);
        d.meta.path = Some(p.clone());
        ex.infer_metadata(&mut d);
        records.extend(ex.extract(&d));
        docs.push(d);
    }
    (records, docs)
}

fn corpus_report() -> (Report, Vec<Document>) {
    let paths: Vec<_> = common::corpus().into_iter().map(|(_, p)| p).collect();
    let (records, docs) = records_of(&paths);
    (compare::report(&records, Vec::new()), docs)
}

fn cell<'a>(r: &'a Report, region: &str, id: &str, measure: &str, year: i32) -> &'a compare::Cell {
    r.series
        .iter()
        .find(|s| s.region == region && s.indicator == id && s.measure.as_str() == measure)
        .unwrap_or_else(|| panic!("no {region} {id} {measure} series"))
        .cells
        .get(&year)
        .unwrap_or_else(|| panic!("no {year} in {region} {id} {measure}"))
}

#[test]
fn corpus_series_line_up_by_year_and_trace_to_the_text() {
    let (r, docs) = corpus_report();
    let gdp = |y| {
        cell(&r, "临湖区", "gdp", "level", y)
            .actual
            .clone()
            .unwrap()
    };
    assert_eq!(gdp(2020).value, 481.5e8);
    assert_eq!(gdp(2021).value, 512.3e8);
    assert_eq!(gdp(2022).value, 541.7e8);
    let growth = cell(&r, "安澜市", "gdp", "change", 2023)
        .actual
        .clone()
        .unwrap();
    assert_eq!(growth.value, 6.1);
    // Every cell points at its own text.
    for s in &r.series {
        for c in s.cells.values() {
            for f in c.actual.iter().chain(&c.target) {
                let doc = docs.iter().find(|d| d.id == f.doc).unwrap();
                let span: String = doc
                    .text
                    .chars()
                    .skip(f.start)
                    .take(f.end - f.start)
                    .collect();
                assert_eq!(span, f.text);
            }
        }
    }
}

#[test]
fn corpus_targets_against_outcomes() {
    let (r, _) = corpus_report();
    let find = |region: &str, id: &str, year: i32| {
        r.targets
            .iter()
            .find(|t| {
                t.region == region
                    && t.indicator == id
                    && t.measure == govtext::Measure::Change
                    && t.year == year
            })
            .unwrap_or_else(|| panic!("no target {region} {id} {year}"))
    };
    let t = find("临湖区", "gdp", 2021);
    assert_eq!(
        (t.target.value, t.actual.as_ref().unwrap().value, t.hit),
        (7.0, 6.2, Some(false))
    );
    assert_eq!(find("临湖区", "gdp", 2022).hit, Some(false));
    assert_eq!(
        find("临湖区", "general_budget_revenue", 2021).hit,
        Some(true)
    );
    let t = find("安澜市", "gdp", 2023);
    assert_eq!((t.target.value, t.hit), (6.0, Some(true)));
    let t = find("安澜市", "gdp", 2022);
    assert_eq!(
        (t.target.value, t.target.upper, t.hit),
        (6.0, Some(6.5), Some(false))
    );
    assert_eq!(
        find("安澜市", "gdp", 2024).hit,
        None,
        "no 2025 report states the 2024 outcome"
    );
}

#[test]
fn corpus_planted_inconsistencies_are_flagged() {
    let (r, _) = corpus_report();
    let has = |kind: &str, region: &str, id: &str, year: i32| {
        r.flags
            .iter()
            .any(|f| f.kind == kind && f.region == region && f.indicator == id && f.year == year)
    };
    assert!(
        has("growth_vs_levels", "临湖区", "retail_sales", 2022),
        "{:#?}",
        r.flags
    );
    assert!(has(
        "growth_vs_levels",
        "安澜市",
        "general_budget_revenue",
        2022
    ));
    assert!(has("restated", "临湖区", "gdp", 2021));
    assert!(has("restated", "安澜市", "trade_total", 2022));
}

#[test]
fn outputs_markdown_csv_json() {
    let (r, _) = corpus_report();
    let md = r.markdown();
    assert!(
        md.contains("## 临湖区")
            && md.contains("## Targets against outcomes")
            && md.contains("miss")
    );
    let csv = r.csv();
    assert!(csv.starts_with(
        "doc,region,region_id,indicator,label,measure,unit,role,year,value,upper,qualifier,direction,headline,"
    ));
    assert!(csv.lines().any(|l| l.starts_with("linhu_2022,临湖区,,gdp,")
        && l.contains(",level,CNY,actual,2021,51230000000,,exact,,true,year,")));
    let json: serde_json::Value = serde_json::from_str(&r.json()).unwrap();
    assert!(json["series"].as_array().unwrap().len() > 10);
}

#[test]
fn vocabulary_shift_across_years() {
    let mut docs = Vec::new();
    for (_, p) in common::corpus() {
        let (records, d) = records_of(&[p]);
        let _ = records;
        let d = &d[0];
        let (counts, _) = govtext::terms::term_counts(d, common::EX.segmenter());
        docs.push((
            d.meta.region.clone().unwrap(),
            d.meta.year.unwrap(),
            counts.into_iter().map(|t| (t.term, t.count)).collect(),
        ));
    }
    let shifts = govtext::vocab::shifts(&docs, 10);
    assert_eq!(shifts.iter().filter(|s| s.region == "临湖区").count(), 3);
    for s in &shifts {
        assert!(
            !s.rising.is_empty() && !s.falling.is_empty(),
            "{} {}",
            s.region,
            s.year
        );
        assert!(s.rising.windows(2).all(|w| w[0].z >= w[1].z));
    }
}

#[test]
fn hailar_gdp_series_has_one_level_and_one_growth_rate_per_year() {
    let Some(shared) = common::shared() else {
        return;
    };
    let paths: Vec<_> = (2012..=2015)
        .map(|y| shared.join(format!("reports/hailar_district_{y}.txt")))
        .collect();
    let (records, docs) = records_of(&paths);
    let r = compare::report(&records, Vec::new());
    for year in 2011..=2014 {
        for measure in ["level", "change"] {
            let f = cell(&r, "呼伦贝尔市海拉尔区", "gdp", measure, year)
                .actual
                .clone()
                .unwrap();
            let doc = docs.iter().find(|d| d.id == f.doc).unwrap();
            let span: String = doc
                .text
                .chars()
                .skip(f.start)
                .take(f.end - f.start)
                .collect();
            assert_eq!(span, f.text);
            assert!(
                f.context.contains("生产总值"),
                "{year} {measure}: {}",
                f.context
            );
        }
    }
    assert_eq!(
        cell(&r, "呼伦贝尔市海拉尔区", "gdp", "level", 2012)
            .actual
            .as_ref()
            .unwrap()
            .value,
        235.2e8
    );
}

#[test]
fn national_gdp_growth_targets_and_outcomes() {
    let Some(shared) = common::shared() else {
        return;
    };
    let paths: Vec<_> = (2003..=2018)
        .map(|y| shared.join(format!("reports/national_{y}.txt")))
        .collect();
    let (records, _) = records_of(&paths);
    let r = compare::report(&records, Vec::new());
    let gdp: Vec<_> = r
        .targets
        .iter()
        .filter(|t| {
            t.region == "全国" && t.indicator == "gdp" && t.measure == govtext::Measure::Change
        })
        .collect();
    // Checked by hand against the reports.
    for (year, target, outcome) in [
        (2005, 8.0, Some(9.9)),
        (2012, 7.5, Some(7.8)),
        (2013, 7.5, Some(7.7)),
        (2015, 7.0, Some(6.9)),
        (2016, 6.5, Some(6.7)),
        (2017, 6.5, Some(6.9)),
        (2018, 6.5, None),
    ] {
        let t = gdp
            .iter()
            .find(|t| t.year == year)
            .unwrap_or_else(|| panic!("no {year} target"));
        assert_eq!(t.target.value, target, "{year}");
        assert_eq!(t.actual.as_ref().map(|a| a.value), outcome, "{year}");
    }
    assert!(gdp.len() >= 12, "{} GDP targets", gdp.len());
}

#[test]
fn every_shared_report_gets_its_canonical_region_and_year() {
    let Some(shared) = common::shared() else {
        return;
    };
    let ex = govtext::Extractor::new();
    let provinces = [
        ("anhui", "安徽省"),
        ("beijing", "北京市"),
        ("chongqing", "重庆市"),
        ("fujian", "福建省"),
        ("gansu", "甘肃省"),
        ("guangdong", "广东省"),
        ("guangxi", "广西壮族自治区"),
        ("guizhou", "贵州省"),
        ("hainan", "海南省"),
        ("hebei", "河北省"),
        ("heilongjiang", "黑龙江省"),
        ("hubei", "湖北省"),
        ("hunan", "湖南省"),
        ("jiangsu", "江苏省"),
        ("jiangxi", "江西省"),
    ];
    let mut expected: Vec<(String, &str, i32)> = provinces
        .iter()
        .map(|(id, name)| (format!("{id}_2026"), *name, 2026))
        .collect();
    for y in (1978..=1982).chain(2003..=2018) {
        expected.push((format!("national_{y}"), "全国", y));
    }
    for y in 2012..=2015 {
        expected.push((format!("hailar_district_{y}"), "呼伦贝尔市海拉尔区", y));
    }
    let mut seen = 0;
    for (stem, region, year) in &expected {
        let p = shared.join(format!("reports/{stem}.txt"));
        if !p.exists() {
            continue;
        }
        let mut d = common::read(&p);
        d.meta.path = Some(p.clone());
        ex.infer_metadata(&mut d);
        assert_eq!(
            (d.meta.region.as_deref(), d.meta.year),
            (Some(*region), Some(*year)),
            "{stem}"
        );
        seen += 1;
    }
    assert_eq!(seen, expected.len(), "shared reports missing");
}

#[test]
fn output_does_not_depend_on_the_order_of_inputs() {
    let mut paths: Vec<_> = common::corpus().into_iter().map(|(_, p)| p).collect();
    let (records, _) = records_of(&paths);
    let forward = compare::report(&records, Vec::new());
    // A fixed shuffle: reverse, then rotate.
    paths.reverse();
    let k = paths.len() / 3;
    paths.rotate_left(k);
    let (records, _) = records_of(&paths);
    let shuffled = compare::report(&records, Vec::new());
    assert_eq!(forward.csv(), shuffled.csv());
    assert_eq!(forward.json(), shuffled.json());
    assert_eq!(forward.markdown(), shuffled.markdown());
}

#[test]
fn compare_reads_records_without_paths() {
    let dir = common::tempdir("records");
    let records = dir.join("corpus.jsonl");
    let bin = env!("CARGO_BIN_EXE_govtext");
    let extract = std::process::Command::new(bin)
        .args(["extract", "-q", "-o"])
        .arg(&records)
        .arg(common::root().join("corpus"))
        .output()
        .unwrap();
    assert!(extract.status.success());
    let run = std::process::Command::new(bin)
        .args(["compare", "--format", "csv", "--records"])
        .arg(&records)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (r, _) = corpus_report();
    assert_eq!(String::from_utf8_lossy(&run.stdout), r.csv());
    let none = std::process::Command::new(bin)
        .arg("compare")
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(2), "neither PATHS nor --records");
}
