//! Raw jieba-rs `cut` (HMM on) over files, one document at a time, with jieba's default
//! dictionary: the baseline the pipeline's throughput is quoted against.
//!
//! `cargo run --release --example cut -- FILE...` prints the number of words cut.

fn main() {
    let jieba = jieba_rs::Jieba::new();
    let mut words = 0usize;
    for path in std::env::args().skip(1) {
        match std::fs::read_to_string(&path) {
            Ok(text) => words += jieba.cut(&text, true).len(),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
    println!("{words} words");
}
