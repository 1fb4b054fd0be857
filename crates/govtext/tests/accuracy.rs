//! Extraction accuracy against gold annotations written by the team (`tests/gold/corpus/`) and,
//! when `../shared` is present, against the seed's reference gold. Scores are printed
//! (`cargo test --release --test accuracy -- --nocapture`) and thresholds asserted.

mod common;

use std::path::Path;

use govtext::eval::{self, Item, Scores};

fn predictions(docs: &[(String, std::path::PathBuf)]) -> Vec<Item> {
    let mut jsonl = String::new();
    for (_, path) in docs {
        for r in common::EX.extract(&common::read(path)) {
            jsonl.push_str(&serde_json::to_string(&r).unwrap());
            jsonl.push('\n');
        }
    }
    eval::parse_items(&jsonl, Path::new("predictions")).unwrap()
}

fn check(name: &str, scores: &Scores) {
    println!("== {name}\n{scores}");
    for e in scores.errors.iter().take(30) {
        println!("  {e}");
    }
    assert!(scores.f1() >= 0.97, "{name}: mention F1 {:.4}", scores.f1());
    assert!(
        scores.value_unit_accuracy() >= 0.98,
        "{name}: value+unit accuracy {:.4}",
        scores.value_unit_accuracy()
    );
    assert_eq!(scores.trap_hits, 0, "{name}: trap hits");
    assert!(
        scores.fact_f1() >= 0.90,
        "{name}: fact F1 {:.4}",
        scores.fact_f1()
    );
    let target = scores.field_accuracy("target").unwrap_or(1.0);
    assert!(target >= 0.95, "{name}: target accuracy {target:.4}");
}

#[test]
fn national_2018_targets_and_outcomes() {
    let Some(shared) = common::shared() else {
        return;
    };
    let doc = common::read(&shared.join("reports/national_2018.txt"));
    let recs = common::EX.extract(&doc);
    let find = |text: &str, ctx: &str| {
        recs.iter()
            .find(|r| r.text == text && r.context.contains(ctx))
            .unwrap_or_else(|| panic!("{text} in {ctx}"))
    };
    for (text, ctx, id) in [
        ("6.5%", "国内生产总值增长6.5%左右", "gdp"),
        ("3%", "居民消费价格涨幅3%左右", "cpi"),
        ("1100万人", "城镇新增就业1100万人以上", "urban_new_jobs"),
        (
            "5.5%",
            "城镇调查失业率5.5%以内",
            "urban_surveyed_unemployment",
        ),
    ] {
        let r = find(text, ctx);
        assert_eq!(r.target, Some(true), "{text}");
        assert_eq!(r.indicator_id.as_deref(), Some(id), "{text}");
    }
    // The review of the past years comes before the targets list: outcomes, not targets.
    let first_target = recs
        .iter()
        .position(|r| r.context.contains("主要预期目标"))
        .unwrap();
    let review = &recs[..first_target];
    let wrong = review.iter().filter(|r| r.target == Some(true)).count();
    assert!(
        wrong * 50 <= review.len(),
        "{wrong} of {} review figures marked target",
        review.len()
    );
}

#[test]
fn corpus_gold() {
    let docs = common::corpus();
    let mut gold = Vec::new();
    for (stem, _) in &docs {
        let path = common::root().join(format!("tests/gold/corpus/{stem}.gold.jsonl"));
        gold.extend(eval::read_items(&path).unwrap_or_else(|e| panic!("gold for {stem}: {e}")));
    }
    let mentions = gold
        .iter()
        .filter(|g| !g.json.contains_key("negative"))
        .count();
    let negatives = gold.len() - mentions;
    let chinese = gold
        .iter()
        .filter(|g| {
            g.text
                .contains(|c: char| "一二三四五六七八九十百千两零〇壹贰叁".contains(c))
        })
        .filter(|g| !g.json.contains_key("negative"))
        .count();
    assert!(
        mentions >= 400 && negatives >= 40 && chinese >= 60,
        "{mentions} {negatives} {chinese}"
    );
    let scores = eval::evaluate(&gold, &predictions(&docs));
    check("corpus", &scores);
}

#[test]
fn gold_spans_match_the_corpus_text() {
    for (stem, path) in common::corpus() {
        let text: Vec<char> = common::read(&path).text.chars().collect();
        let gold = common::root().join(format!("tests/gold/corpus/{stem}.gold.jsonl"));
        for g in eval::read_items(&gold).unwrap() {
            let s: String = text[g.start..g.end].iter().collect();
            assert_eq!(s, g.text, "{stem} {}..{}", g.start, g.end);
        }
    }
}

#[test]
fn seed_reference_gold() {
    let Some(shared) = common::shared() else {
        println!("../shared not present: seed evaluation skipped");
        return;
    };
    let seed = shared.join("seeds/000_f03c825dd93f2a3d.txt");
    let gold = eval::read_items(&shared.join("reference/seed.gold.jsonl")).unwrap();
    let docs = vec![("000_f03c825dd93f2a3d".to_string(), seed)];
    let scores = eval::evaluate(&gold, &predictions(&docs));
    check("seed", &scores);
    assert_eq!(
        scores.recall(),
        1.0,
        "every non-optional seed mention is found"
    );
}
