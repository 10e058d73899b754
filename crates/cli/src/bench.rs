//! `dragoman bench`: throughput and peak memory of the whole pipeline on generated articles.
//!
//! Articles of about 700 words are assembled from the paragraphs of a seed corpus (the demo
//! corpus by default), each from a different run of paragraphs, so that the stages see real
//! sentences in new combinations. Timings are taken on one thread (per-core throughput) and on
//! all threads.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;

use dragoman_model::Article;
use dragoman_pipeline::{Engine, EngineOptions};

/// Options of `dragoman bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Articles whose paragraphs are recombined into the benchmark corpus.
    #[arg(value_name = "PATH", default_value = "examples/peace-talks")]
    seed: Vec<PathBuf>,
    /// How many articles to generate.
    #[arg(long, default_value_t = 2000)]
    articles: usize,
    /// Words per generated article (about).
    #[arg(long, default_value_t = 700)]
    words: usize,
}

/// Runs the benchmark and prints its figures.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let engine =
        Engine::new(EngineOptions::default()).context("cannot load the models and data")?;
    let load_time = started.elapsed();
    let seed = engine.read(&args.seed, &|_| {});
    let corpus = generate(&seed.articles, args.articles, args.words);
    if corpus.is_empty() {
        bail!("no paragraphs to build articles from in {:?}", args.seed);
    }
    let words: usize = corpus
        .iter()
        .map(|a| a.text.split_whitespace().count())
        .sum();
    let n = corpus.len() as f64;

    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .context("cannot start a thread pool")?;
    let t = Instant::now();
    let docs = single.install(|| engine.annotate(corpus.clone(), &|| {}));
    let annotate_one = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let report = engine.report(docs, Vec::new());
    let report_time = t.elapsed().as_secs_f64();

    let threads = rayon::current_num_threads();
    let t = Instant::now();
    let docs = engine.annotate(corpus, &|| {});
    let annotate_all = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let _ = engine.report(docs, Vec::new());
    let report_all = t.elapsed().as_secs_f64();

    println!(
        "dragoman bench: {} articles, {:.0} words each on average",
        n as usize,
        words as f64 / n
    );
    println!(
        "  models and data loaded in {:.0} ms",
        load_time.as_secs_f64() * 1e3
    );
    println!(
        "  annotate, 1 thread:        {:>9.1} articles/s ({:.0} words/s)",
        n / annotate_one,
        words as f64 / annotate_one
    );
    println!(
        "  cross-article stages:      {:>9.3} s for the batch",
        report_time
    );
    println!(
        "  whole pipeline, 1 thread:  {:>9.1} articles/s per core",
        n / (annotate_one + report_time)
    );
    println!(
        "  whole pipeline, {threads} threads: {:>9.1} articles/s",
        n / (annotate_all + report_all)
    );
    println!(
        "  found: {} stories, {} entities, {} quotes, {} positions, {} events, {} facts",
        report.stories.len(),
        report.entities.len(),
        report.quotes.len(),
        report.positions.len(),
        report.events.len(),
        report.facts.len()
    );
    match peak_rss_kib() {
        Some(kib) => println!(
            "  peak memory (RSS):         {:>9.1} MiB",
            kib as f64 / 1024.0
        ),
        None => println!("  peak memory (RSS):         unavailable on this system"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds `count` articles of about `words` words each from runs of the seed paragraphs.
fn generate(seed: &[Article], count: usize, words: usize) -> Vec<Article> {
    let paragraphs: Vec<(&Article, &str)> = seed
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(move |p| (a, p.slice(&a.text))))
        .filter(|(_, p)| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Vec::new();
    }
    (0..count)
        .map(|i| {
            // A stride coprime with most pool sizes gives each article a different mix.
            let mut picked = Vec::new();
            let mut total = 0;
            let mut k = i * 7;
            while total < words && picked.len() < paragraphs.len() {
                let (_, text) = paragraphs[k % paragraphs.len()];
                total += text.split_whitespace().count();
                picked.push(text);
                k += 3;
            }
            let (source, _) = paragraphs[(i * 7) % paragraphs.len()];
            let mut article = Article::from_paragraphs(format!("bench:{i}"), picked);
            article.id = format!("bench-{i}");
            article.title = source.title.clone();
            article.outlet = source.outlet.clone();
            article.published = source.published.clone();
            article.language = source.language.clone();
            article
        })
        .collect()
}

/// Peak resident set size of this process, from `/proc/self/status` (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
