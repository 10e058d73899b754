//! Extraction benchmark: scores the HTML extractor on the article-extraction benchmark pages
//! and reports quality, pages per second on one thread, and peak memory.
//!
//! `cargo bench -p dragoman-ingest --bench extract -- [GOLD HTML_DIR] [--pages]`; by default
//! it looks for `../shared/data/extraction/` beside the repository, and says so when absent.

use std::path::PathBuf;

use dragoman_ingest::extraction_eval::{evaluate, peak_memory_kib};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--") || a == "--pages")
        .collect();
    let show_pages = args.iter().any(|a| a == "--pages");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--pages").collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extraction");
    let (gold, html) = match paths.as_slice() {
        [gold, html, ..] => (PathBuf::from(gold), PathBuf::from(html)),
        _ => (root.join("ground-truth.json"), root.join("html")),
    };
    if !gold.is_file() {
        println!("no benchmark data at {}: nothing measured", gold.display());
        return;
    }
    let evaluation = match evaluate(&gold, &html) {
        Ok(evaluation) => evaluation,
        Err(error) => {
            println!("evaluation failed: {error}");
            return;
        }
    };
    if show_pages {
        let mut pages = evaluation.pages.clone();
        pages.sort_by(|a, b| {
            (a.counts.precision() + a.counts.recall())
                .total_cmp(&(b.counts.precision() + b.counts.recall()))
        });
        for page in pages {
            println!(
                "{}  P {:.3}  R {:.3}  {}",
                page.key,
                page.counts.precision(),
                page.counts.recall(),
                page.problem.unwrap_or_default()
            );
        }
    }
    let s = evaluation.summary;
    println!(
        "pages {}  precision {:.4}  recall {:.4}  F1 {:.4}",
        s.pages, s.precision, s.recall, s.f1
    );
    println!(
        "{:.0} pages/s on one thread (wall clock){}, peak RSS {:.1} MiB",
        s.pages as f64 / evaluation.extract_seconds.max(1e-9),
        evaluation
            .extract_cpu_seconds
            .map(|cpu| format!(
                ", {:.0} pages/s of CPU time",
                s.pages as f64 / cpu.max(1e-9)
            ))
            .unwrap_or_default(),
        peak_memory_kib().unwrap_or(0) as f64 / 1024.0
    );
}
