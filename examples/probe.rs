//! Print the tokens and the quantities of each argument: a quick look while developing rules.
//! `cargo run --release --example probe -- "全年地区生产总值完成340.64亿元"`
fn main() {
    let seg = govtext::Segmenter::new();
    for arg in std::env::args().skip(1) {
        let doc = govtext::Document::from_text("probe", arg.clone());
        let norm = govtext::document::normalize(&arg);
        for s in seg.segment(&arg, &norm) {
            let toks: Vec<String> = s
                .tokens
                .iter()
                .map(|t| format!("{}/{}", t.word, t.pos))
                .collect();
            println!("{}", toks.join(" "));
        }
        for r in govtext::extract::extract(&doc, &seg) {
            println!(
                "  {} [{}..{}] value={} unit={} norm={} {:?} {} {}",
                r.text,
                r.start,
                r.end,
                r.value,
                r.unit,
                r.norm_value,
                r.norm_upper,
                r.norm_unit,
                r.qualifier.as_str()
            );
        }
    }
}
