//! Run extraction over the corpus many times: a steady workload for profilers (`perf record`).

fn main() {
    let ex = govtext::Extractor::new();
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("corpus");
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            docs.push(govtext::Document::read(&e.path(), "d").unwrap());
        }
    }
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let mut n = 0;
    for _ in 0..rounds {
        for d in &docs {
            n += ex.extract(d).len();
        }
    }
    println!("{n} records");
}
