//! Tagging throughput of the embedded model (tokens per second) and its load time.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dragoman_ner::Tagger;
use std::hint::black_box;

const TEXT: &str = "The foreign ministers of Chile and Norway met in Geneva on Tuesday , \
    a spokeswoman for the United Nations said . Talks between Acme Corp and the Transport \
    Workers Union resumed after Maria Lopez , the union 's president , accepted a new offer . \
    Shares of Northwind Holdings fell 3.5 percent in early trading in Frankfurt .";

fn bench(c: &mut Criterion) {
    let Ok(tagger) = Tagger::embedded() else {
        return;
    };
    let sentences: Vec<Vec<&str>> = TEXT
        .split(" . ")
        .map(|s| s.split_whitespace().chain(["."]).collect())
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("tag", |b| {
        b.iter(|| {
            for s in &sentences {
                black_box(tagger.tag(black_box(s)));
            }
        })
    });
    group.finish();
    c.bench_function("ner/load_embedded", |b| {
        b.iter(|| black_box(Tagger::embedded()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
