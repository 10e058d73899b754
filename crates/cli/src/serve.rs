//! `dragoman serve` (the JSON API and web UI) and `dragoman bench-serve` (its load benchmark).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Args;

use dragoman_pipeline::{Engine, EngineOptions};
use dragoman_server::ingest::{DEFAULT_BATCH, ingest_articles};
use dragoman_server::{ServerConfig, loadgen};
use dragoman_store::{SqliteStore, Store};

/// The environment variable that can hold the write token.
const TOKEN_VAR: &str = "DRAGOMAN_TOKEN";

/// Options of `dragoman serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The store to serve (created when missing).
    #[arg(long, value_name = "FILE", default_value = "dragoman.db")]
    db: PathBuf,
    /// Address to listen on; anything but loopback needs a token.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Token required by write endpoints (`Authorization: Bearer …`); also read from
    /// DRAGOMAN_TOKEN.
    #[arg(long, value_name = "T")]
    token: Option<String>,
    /// Largest request body, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 16)]
    body_limit: usize,
    /// Longest time a request may take, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    timeout: u64,
}

/// Serves until interrupted.
pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let token = args
        .token
        .or_else(|| std::env::var(TOKEN_VAR).ok())
        .filter(|t| !t.trim().is_empty());
    let mut config = ServerConfig::new(&args.db);
    config.token = token;
    config.body_limit = args.body_limit.saturating_mul(1024 * 1024);
    config.timeout = Duration::from_secs(args.timeout.max(1));
    let db = args.db.display().to_string();
    dragoman_server::serve_blocking(config, args.addr, |addr| {
        eprintln!("dragoman: serving {db} on http://{addr}/ (Ctrl-C to stop)");
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Options of `dragoman bench-serve`.
#[derive(Debug, Args)]
pub struct BenchServeArgs {
    /// Articles whose paragraphs are recombined into the benchmark corpus.
    #[arg(value_name = "PATH", default_value = "examples/peace-talks")]
    seed: Vec<PathBuf>,
    /// A store to build (when missing) and serve; a temporary one by default.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Articles to generate when the store is built.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Seconds of load.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 32)]
    connections: usize,
}

/// Builds (or reuses) a store of generated articles, serves it on loopback and measures the
/// story JSON endpoint under load.
pub fn bench_serve(args: BenchServeArgs) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let db = args
        .db
        .clone()
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let mut store =
        SqliteStore::open(&db).with_context(|| format!("cannot open {}", db.display()))?;
    if store.article_count()? == 0 {
        let engine =
            Engine::new(EngineOptions::default()).context("cannot load the models and data")?;
        let seed = engine.read(&args.seed, &|_| {});
        let corpus = loadgen::corpus(&seed.articles, args.articles);
        if corpus.is_empty() {
            bail!("no paragraphs to build articles from in {:?}", args.seed);
        }
        let t = Instant::now();
        let n = corpus.len();
        ingest_articles(&engine, &mut store, corpus, DEFAULT_BATCH * 4, &mut |_| {})?;
        eprintln!(
            "dragoman: ingested {n} generated articles in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let stories = store.stories(10_000, 0)?;
    let articles = store.article_count()?;
    drop(store);
    if stories.is_empty() {
        bail!("the store holds no story to request");
    }
    let paths: Vec<String> = stories
        .iter()
        .map(|s| format!("/api/stories/{}", s.id))
        .collect();
    let figures = dragoman_server::bench_blocking(
        ServerConfig::new(&db),
        paths,
        args.connections,
        Duration::from_secs(args.seconds.max(1)),
    )?;
    println!(
        "dragoman bench-serve: {articles} articles, {} stories; GET /api/stories/{{id}} over {} connections for {:.1} s",
        stories.len(),
        args.connections,
        figures.seconds
    );
    println!(
        "  {:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} ok, {} errors; {:.0} bytes per answer",
        figures.requests_per_second,
        figures.p50_ms,
        figures.p99_ms,
        figures.max_ms,
        figures.ok,
        figures.errors,
        figures.mean_body_bytes
    );
    Ok(ExitCode::SUCCESS)
}
