//! The shipped indicator lexicon (`dict/indicators.tsv`) as data: every id unique and
//! machine-safe, every row labelled in English, no synonym shared by two ids (the lookup keeps
//! the first row that names a synonym, so a shared one would silently label the second row's
//! figures with the first row's id), and the coverage the analysts were promised (≥ 600
//! indicators, statistical-bulletin indicators included).

mod common;

use std::collections::{HashMap, HashSet};

use govtext::Document;

const TSV: &str = include_str!("../dict/indicators.tsv");

/// The columns of the lexicon, header first.
const HEADER: [&str; 6] = ["id", "name", "en", "synonyms", "kind", "measure_hint"];

struct Row<'a> {
    line: usize,
    id: &'a str,
    name: &'a str,
    en: &'a str,
    synonyms: Vec<&'a str>,
}

fn rows() -> Vec<Row<'static>> {
    let mut lines = TSV.lines().enumerate();
    let (_, header) = lines.next().expect("a header row");
    assert_eq!(header.split('\t').collect::<Vec<_>>(), HEADER);
    lines
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), HEADER.len(), "indicators.tsv:{}: columns", i + 1);
            Row {
                line: i + 1,
                id: f[0],
                name: f[1],
                en: f[2],
                synonyms: f[3].split('|').collect(),
            }
        })
        .collect()
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[test]
fn ids_are_unique_and_machine_safe() {
    let mut seen = HashSet::new();
    for r in rows() {
        assert!(is_id(r.id), "indicators.tsv:{}: id {:?}", r.line, r.id);
        assert!(
            seen.insert(r.id),
            "indicators.tsv:{}: id {} twice",
            r.line,
            r.id
        );
    }
}

#[test]
fn every_row_has_an_english_label_and_lists_its_name() {
    for r in rows() {
        let en = r.en.trim();
        assert!(
            !en.is_empty() && en.is_ascii(),
            "indicators.tsv:{}: {} has no English label",
            r.line,
            r.id
        );
        assert!(
            r.synonyms.contains(&r.name),
            "indicators.tsv:{}: {} does not list its name {}",
            r.line,
            r.id,
            r.name
        );
        assert!(
            r.synonyms.iter().all(|s| !s.trim().is_empty()),
            "indicators.tsv:{}: {} has an empty synonym",
            r.line,
            r.id
        );
    }
}

#[test]
fn no_synonym_maps_to_two_ids() {
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for r in rows() {
        let mut own = HashSet::new();
        for s in r.synonyms.iter().copied().chain([r.name]) {
            if !own.insert(s) {
                continue;
            }
            if let Some(other) = owner.insert(s, r.id) {
                panic!(
                    "indicators.tsv:{}: synonym {s} of {} is already a synonym of {other}",
                    r.line, r.id
                );
            }
        }
    }
}

#[test]
fn the_shipped_lexicon_has_at_least_600_indicators() {
    let n = rows().len();
    assert!(n >= 600, "{n} indicators");
    assert_eq!(common::EX.indicator_count(), n);
}

#[test]
fn bulletin_indicators_get_their_ids() {
    // Sentences written for this test, in the style of statistical bulletins.
    for (text, figure, id) in [
        ("全年粮食总产量6.95亿吨。", "6.95亿吨", "grain_output"),
        (
            "年末常住人口城镇化率为66.2%。",
            "66.2%",
            "urbanization_rate",
        ),
        ("森林覆盖率达到24.1%。", "24.1%", "forest_coverage"),
        (
            "普惠小微贷款余额增长23.5%。",
            "23.5%",
            "inclusive_sme_loans",
        ),
        (
            "机场货邮吞吐量增长12.3%。",
            "12.3%",
            "airport_cargo_throughput",
        ),
        ("婴儿死亡率下降到4.5‰。", "4.5‰", "infant_mortality"),
        ("研发经费投入强度达到2.68%。", "2.68%", "rd_intensity"),
        ("全年铁路货运量51.8亿吨。", "51.8亿吨", "railway_freight"),
        (
            "高技术制造业增加值增长8.9%。",
            "8.9%",
            "high_tech_manufacturing_value_added",
        ),
        ("全年水泥产量18.3亿吨。", "18.3亿吨", "cement_output"),
        (
            "农业机械总动力11.2亿千瓦。",
            "11.2亿千瓦",
            "agri_machinery_power",
        ),
        ("新增养老床位3200张。", "3200张", "eldercare_beds"),
        ("5G基站达到4.2万个。", "4.2万个", "base_stations_5g"),
    ] {
        let doc = Document::from_text("t", text);
        let recs = common::EX.extract(&doc);
        let r = recs
            .iter()
            .find(|r| r.text == figure)
            .unwrap_or_else(|| panic!("{figure} in {text}"));
        assert_eq!(
            r.indicator_id.as_deref(),
            Some(id),
            "{text}: {:?}",
            r.indicator
        );
    }
}
