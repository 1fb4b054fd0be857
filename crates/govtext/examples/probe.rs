//! Print the tokens and the quantities of each argument: a quick look while developing rules.
//! `cargo run --release --example probe -- "全年地区生产总值完成340.64亿元"`

fn main() {
    let ex = govtext::Extractor::new();
    for arg in std::env::args().skip(1) {
        let doc = govtext::Document::from_text("probe", arg.clone());
        print!("{}", ex.segmenter().render(&arg, true));
        for r in ex.extract(&doc) {
            println!(
                "  {} {} {} {:?} | ind={:?} id={:?} {:?} {:?} {:?} target={:?} subj={:?} period={:?}",
                r.text,
                r.norm_value,
                r.norm_unit,
                r.qualifier,
                r.indicator,
                r.indicator_id,
                r.measure,
                r.direction,
                r.basis,
                r.target,
                r.subject,
                r.period
            );
        }
    }
}
