//! `dragoman eval extraction`: main-text extraction scored on a benchmark folder.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use dragoman_ingest::extraction_eval::{evaluate, peak_memory_kib};

/// Options of `dragoman eval extraction`.
#[derive(Debug, Args)]
pub struct EvalExtractionArgs {
    /// The gold file: a JSON object mapping each page key to `{"articleBody": …}`.
    #[arg(long)]
    gold: PathBuf,
    /// The folder holding `<key>.html.gz` (or `<key>.html`) per page.
    #[arg(long)]
    html: PathBuf,
    /// Also print each page's precision and recall, worst F1 first.
    #[arg(long)]
    pages: bool,
}

/// Scores the extractor and prints precision, recall, F1, pages/s and peak memory.
pub fn run(args: EvalExtractionArgs) -> anyhow::Result<ExitCode> {
    let evaluation = evaluate(&args.gold, &args.html).context("extraction evaluation failed")?;
    if args.pages {
        let mut pages: Vec<_> = evaluation.pages.iter().collect();
        pages.sort_by(|a, b| a.counts.f1().total_cmp(&b.counts.f1()));
        for page in pages {
            println!(
                "{}  P {:.3}  R {:.3}{}",
                page.key,
                page.counts.precision(),
                page.counts.recall(),
                page.problem
                    .as_deref()
                    .map(|p| format!("  ({p})"))
                    .unwrap_or_default()
            );
        }
    }
    let summary = evaluation.summary;
    let per_second = if evaluation.extract_seconds > 0.0 {
        summary.pages as f64 / evaluation.extract_seconds
    } else {
        0.0
    };
    println!("pages      {}", summary.pages);
    println!("precision  {:.4}", summary.precision);
    println!("recall     {:.4}", summary.recall);
    println!("F1         {:.4}", summary.f1);
    println!(
        "speed      {per_second:.0} pages/s on one thread ({:.1} MB/s of HTML)",
        evaluation.html_bytes as f64 / 1e6 / evaluation.extract_seconds.max(1e-9)
    );
    if let Some(kib) = peak_memory_kib() {
        println!("peak RSS   {:.1} MiB", kib as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}
