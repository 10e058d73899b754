//! Measures model load time and tagging throughput on a CoNLL file (single thread):
//! `cargo run --release -p dragoman-ner --example speed -- FILE`.

use dragoman_ner::{Tagger, conll};
use std::hint::black_box;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: speed FILE.conll")?;
    let started = Instant::now();
    let tagger = Tagger::embedded()?;
    let load = started.elapsed();
    let sentences = conll::read(&std::fs::read_to_string(path)?)?;
    let sentences: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let rounds = 3;
    let cpu_before = thread_cpu_ns();
    let started = Instant::now();
    for _ in 0..rounds {
        for s in &sentences {
            black_box(tagger.tag(black_box(s)));
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let n = (tokens * rounds) as f64;
    println!(
        "model load: {:.1} ms; tag: {} tokens in {:.2} s wall = {:.0} tokens/s",
        load.as_secs_f64() * 1000.0,
        tokens * rounds,
        secs,
        n / secs
    );
    if let (Some(a), Some(b)) = (cpu_before, thread_cpu_ns()) {
        let cpu = (b.saturating_sub(a)) as f64 / 1e9;
        println!(
            "thread CPU time {cpu:.2} s = {:.0} tokens/s per core",
            n / cpu
        );
    }
    Ok(())
}

/// CPU time of this thread in nanoseconds (Linux `/proc/thread-self/schedstat`), which stays
/// meaningful when the machine is busy with other work.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
