//! The HTML report of `compare`: one self-contained file, headline indicators first, a table of
//! contents and a filter box, charts with points, gaps and legends; checked in headless Chromium
//! when the machine has it (`.ci/run` installs it with a CJK font): no console errors, every
//! chart keeps its points, and CJK labels render as glyphs, not as boxes (tofu).

#[path = "../../govtext/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn compare_html(dir: &Path, name: &str, inputs: &[PathBuf]) -> (PathBuf, String) {
    let out = dir.join(format!("{name}.html"));
    let run = Command::new(env!("CARGO_BIN_EXE_govtext"))
        .args(["compare", "-q", "--format", "html", "-o"])
        .arg(&out)
        .args(inputs)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    (out, html)
}

fn browser() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        println!("no chromium on this machine: browser checks skipped");
    }
    found
}

/// Headless Chromium on a file with extra arguments (`--dump-dom`, `--screenshot=…`).
fn headless(browser: &str, dir: &Path, page: &Path, args: &[String]) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,1600",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap()
}

fn check_structure(html: &str) -> usize {
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script src") && !html.contains("<link") && !html.contains("https://"));
    for part in [
        "<nav>",
        "id=\"filter\"",
        "id=\"headline\"",
        "id=\"targets\"",
        "id=\"plans\"",
        "id=\"flags\"",
        "Vocabulary shift",
        "WenQuanYi Zen Hei",
    ] {
        assert!(html.contains(part), "no {part}");
    }
    let charts = html.matches("<svg class=\"chart\"").count();
    for chart in html.split("<svg class=\"chart\"").skip(1) {
        let chart = &chart[..chart.find("</svg>").unwrap()];
        assert!(
            chart.contains("<circle class=\"point"),
            "a chart without points"
        );
        assert!(
            chart.contains(">year</text>"),
            "a chart without an axis title"
        );
    }
    charts
}

fn check_in_browser(browser: &str, dir: &Path, page: &Path, charts: usize) {
    let run = headless(browser, dir, page, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&run.stdout);
    let log = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{log}");
    assert!(
        !log.lines()
            .any(|l| l.contains("CONSOLE") && l.contains("rror")),
        "console errors: {log}"
    );
    let drawn = dom.matches("<svg class=\"chart\"").count();
    assert_eq!(drawn, charts, "the browser's DOM lost charts");
    assert!(dom.matches("<circle class=\"point").count() >= charts);
}

#[test]
fn corpus_report_puts_headline_indicators_first() {
    let dir = common::tempdir("html-corpus");
    let (page, html) = compare_html(&dir, "corpus", &[common::root().join("corpus")]);
    let charts = check_structure(&html);
    assert!(charts >= 10, "{charts} charts");
    // GDP before any other indicator; the region × year panels of the headline indicators.
    let first = html.find("<figure class=\"series\"").unwrap();
    assert!(
        html[first..first + 400].contains("gdp"),
        "{}",
        &html[first..first + 400]
    );
    assert!(html.contains("id=\"panels\""));
    let Some(browser) = browser() else { return };
    check_in_browser(browser, &dir, &page, charts);
    // The filter box, filled in from the address: only 临湖区's charts stay visible.
    let filtered = dir.join("corpus.html#filter=%E4%B8%B4%E6%B9%96%E5%8C%BA");
    let run = headless(browser, &dir, &filtered, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&run.stdout);
    let figures: Vec<&str> = dom.split("<figure ").skip(1).collect();
    assert!(!figures.is_empty());
    for f in figures {
        let head = &f[..f.find('>').unwrap()];
        assert_eq!(head.contains("hidden"), !head.contains("临湖区"), "{head}");
    }
}

#[test]
fn national_report_renders_cjk_labels() {
    let Some(shared) = common::shared() else {
        return;
    };
    let dir = common::tempdir("html-national");
    let inputs: Vec<PathBuf> = (2003..=2018)
        .map(|y| shared.join(format!("reports/national_{y}.txt")))
        .collect();
    let (page, html) = compare_html(&dir, "national", &inputs);
    let charts = check_structure(&html);
    let first = html.find("<figure class=\"series\"").unwrap();
    assert!(html[first..first + 300].contains("国内生产总值"));
    let Some(browser) = browser() else { return };
    check_in_browser(browser, &dir, &page, charts);
    let shot = dir.join("national.png");
    let run = headless(
        browser,
        &dir,
        &page,
        &[format!("--screenshot={}", shot.display())],
    );
    assert!(run.status.success() && std::fs::metadata(&shot).unwrap().len() > 10_000);
    println!("screenshot of the national report: {}", shot.display());
    // Tofu check: with the report's own style, two different strings of CJK characters must draw
    // different pixels; a missing CJK font draws the same box for every character.
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap() + 8];
    // The check itself: characters no font has (private use) draw the same boxes.
    let mut shots = Vec::new();
    for (i, text) in [
        "国内生产总值",
        "居民消费价格",
        "\u{e000}\u{e001}\u{e002}",
        "\u{e003}\u{e004}\u{e005}",
    ]
    .iter()
    .enumerate()
    {
        let p = dir.join(format!("glyphs{i}.html"));
        std::fs::write(
            &p,
            format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\">{style}</head><body><h1 style=\"font-size:64px\">{text}</h1></body></html>"),
        )
        .unwrap();
        let png = dir.join(format!("glyphs{i}.png"));
        let run = headless(
            browser,
            &dir,
            &p,
            &[format!("--screenshot={}", png.display())],
        );
        assert!(run.status.success());
        shots.push(std::fs::read(&png).unwrap());
    }
    assert_eq!(shots[2], shots[3], "boxes should all look the same");
    assert_ne!(
        shots[0], shots[1],
        "CJK labels render as boxes: install a CJK font (fonts-wqy-zenhei or fonts-noto-cjk)"
    );
}
