//! `dragoman watch`: follow RSS/Atom feeds and ingest their new items into the store, round
//! after round; a failing feed is logged and retried with back-off while the others go on.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;

use dragoman_server::ingest::{DEFAULT_BATCH, ingest_articles};
use dragoman_store::SqliteStore;

use crate::analyze::{EngineArgs, problem_line};

/// The first retry of a failed feed comes after this long; each further failure doubles it.
const FIRST_RETRY: Duration = Duration::from_secs(30);
/// The longest wait between two attempts at a failing feed.
const LONGEST_RETRY: Duration = Duration::from_secs(6 * 60 * 60);

/// Options of `dragoman watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// A feed to follow (http(s) URL of an RSS or Atom feed); repeatable.
    #[arg(long = "feed", value_name = "URL", required = true)]
    feeds: Vec<String>,
    /// Time between two reads of a feed that works, e.g. `90s`, `10m`, `2h`.
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = humantime::parse_duration)]
    interval: Duration,
    /// The store new items are added to.
    #[arg(long, value_name = "FILE", default_value = "dragoman.db")]
    db: PathBuf,
    /// Read every feed once, then stop; the exit code is 1 when a feed failed.
    #[arg(long)]
    once: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

/// One followed feed and when to read it next.
#[derive(Debug)]
struct Followed {
    url: String,
    /// Failures in a row; 0 when the last read worked.
    failures: u32,
    due: Instant,
}

/// How long to wait before the next attempt at a feed that failed `failures` times in a row:
/// 30 s, 1 min, 2 min, … doubling up to 6 hours.
fn retry_delay(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_RETRY
        .saturating_mul(1u32 << doublings)
        .min(LONGEST_RETRY)
}

/// Follows the feeds until killed (or for one round with `--once`).
pub fn watch(args: WatchArgs) -> anyhow::Result<ExitCode> {
    let engine = args.engine.load()?;
    let mut store = SqliteStore::open(&args.db)
        .with_context(|| format!("cannot open the store {}", args.db.display()))?;
    let start = Instant::now();
    let mut feeds: Vec<Followed> = args
        .feeds
        .iter()
        .map(|url| Followed {
            url: url.clone(),
            failures: 0,
            due: start,
        })
        .collect();
    loop {
        let now = Instant::now();
        let mut fresh = Vec::new();
        for feed in feeds.iter_mut().filter(|f| f.due <= now) {
            let batch = engine.read(&[PathBuf::from(&feed.url)], &|_| {});
            for problem in &batch.problems {
                eprintln!("{}", problem_line(problem));
            }
            let failed = batch
                .problems
                .iter()
                .any(|p| p.fatal && p.origin == feed.url);
            if failed {
                feed.failures = feed.failures.saturating_add(1);
                let delay = retry_delay(feed.failures);
                eprintln!(
                    "dragoman: {}: failed {} time(s) in a row; next try in {}",
                    feed.url,
                    feed.failures,
                    humantime::format_duration(delay)
                );
                feed.due = Instant::now() + delay;
            } else {
                eprintln!(
                    "dragoman: {}: {} item(s) read",
                    feed.url,
                    batch.articles.len()
                );
                feed.failures = 0;
                feed.due = Instant::now() + args.interval;
            }
            fresh.extend(batch.articles);
        }
        // One store update per round: the cross-article stages run once for all feeds.
        if !fresh.is_empty() {
            let summary =
                ingest_articles(&engine, &mut store, fresh, DEFAULT_BATCH, &mut |_| {})
                    .with_context(|| format!("cannot update the store {}", args.db.display()))?;
            eprintln!(
                "dragoman: {} item(s), {} new, {} already stored; the store holds {} stories",
                summary.received, summary.added, summary.known, summary.stories
            );
        }
        if args.once {
            let failed = feeds.iter().any(|f| f.failures > 0);
            return Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        if let Some(next) = feeds.iter().map(|f| f.due).min() {
            std::thread::sleep(next.saturating_duration_since(Instant::now()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stop_growing() {
        assert_eq!(retry_delay(1), Duration::from_secs(30));
        assert_eq!(retry_delay(2), Duration::from_secs(60));
        assert_eq!(retry_delay(5), Duration::from_secs(480));
        assert_eq!(retry_delay(40), LONGEST_RETRY);
        assert_eq!(retry_delay(u32::MAX), LONGEST_RETRY);
    }
}
