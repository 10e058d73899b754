//! The `dragoman` command-line tool: a thin shell over the library crates.

use std::process::ExitCode;

use clap::Parser;

mod analyze;
mod bench;
mod markdown;

/// Dragoman reads news articles from many outlets and reports who the parties are, what each
/// wants, who said what, what happened when, where outlets agree and contradict each other,
/// and how each frames the story — every statement traced to its source sentence.
#[derive(Debug, Parser)]
#[command(name = "dragoman", version, about, long_about = None)]
enum Command {
    /// Analyse files and folders of articles and print the report.
    Analyze(analyze::AnalyzeArgs),
    /// Measure the whole pipeline's throughput and peak memory on generated articles.
    Bench(bench::BenchArgs),
}

fn main() -> ExitCode {
    let command = Command::parse();
    let result = match command {
        Command::Analyze(args) => analyze::run(args),
        Command::Bench(args) => bench::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dragoman: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
