//! Measures model load time and tagging throughput on a CoNLL file (single thread), and the
//! entity F1 when every sentence is tagged on its own (no document context):
//! `cargo run --release -p dragoman-ner --example speed -- FILE`.

use dragoman_ner::{Tag, Tagger, conll, eval};
use std::hint::black_box;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: speed FILE.conll")?;
    let started = Instant::now();
    let tagger = Tagger::embedded()?;
    let load = started.elapsed();
    let gold = conll::read(&std::fs::read_to_string(path)?)?;
    let sentences: Vec<Vec<&str>> = gold
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
    let predicted: Vec<Vec<Tag>> = sentences.iter().map(|s| tagger.tag(s)).collect();
    let gold: Vec<Vec<Tag>> = gold.into_iter().map(|s| s.tags).collect();
    print!(
        "sentence-by-sentence tagging:\n{}",
        eval::score(&gold, &predicted)
    );
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
