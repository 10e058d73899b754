//! The `dragoman` command-line tool: a thin shell over the library crates.

use std::process::ExitCode;

use clap::Parser;

mod analyze;
mod bench;
mod eval_clustering;
mod eval_events;
mod eval_extraction;
mod extract;
mod markdown;
mod ner_commands;
mod quotes_cmd;
mod serve;
mod store_commands;
mod watch;

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
    /// Print the clean text and metadata of each input article, one record per article.
    Extract(extract::ExtractArgs),
    /// Tag a CoNLL-style file with the named-entity tagger (IOB2 tag as the last column).
    Tag(ner_commands::TagArgs),
    /// Print the quotes and attributions found in each file, one JSON line each.
    Quotes(quotes_cmd::QuotesArgs),
    /// Measure one stage against a benchmark data set.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Add articles to the store: only new ones are annotated; stories, entities and the facts
    /// ledger are then updated over everything stored.
    Ingest(store_commands::IngestArgs),
    /// Full-text search over the stored articles, with highlighted snippets.
    Search(store_commands::SearchArgs),
    /// List the stored stories, newest activity first.
    Stories(store_commands::StoriesArgs),
    /// Print one stored story with its facts, contradictions, positions, events and quotes.
    Story(store_commands::StoryArgs),
    /// Print one stored entity (by id, name or alias).
    Entity(store_commands::EntityArgs),
    /// Serve the JSON API and the web UI over a store.
    Serve(serve::ServeArgs),
    /// Follow RSS/Atom feeds and add their new items to the store, round after round.
    Watch(watch::WatchArgs),
    /// Measure the server's story JSON throughput and latency on a store of generated articles.
    BenchServe(serve::BenchServeArgs),
}

/// The benchmarks of `dragoman eval`: one variant per stage measured.
#[derive(Debug, clap::Subcommand)]
enum EvalCommand {
    /// Main-text extraction from HTML: precision, recall and F1 of 4-token shingles against a
    /// gold file, and pages per second.
    Extraction(eval_extraction::EvalExtractionArgs),
    /// Named-entity recognition: per-type and overall precision, recall and F1 (conlleval).
    Ner(ner_commands::EvalNerArgs),
    /// Quote attribution on a PolNeAR-layout folder: source, cue and content spans.
    Quotes(quotes_cmd::EvalQuotesArgs),
    /// Story clustering on a headline CSV (UCI News Aggregator layout): B-cubed and pairwise
    /// precision, recall and F1 against its STORY column, and articles per second.
    Clustering(eval_clustering::EvalClusteringArgs),
    /// Event coding on PLOVER records: category accuracy and macro-F1, source and target actors.
    Events(eval_events::EvalEventsArgs),
}

fn main() -> ExitCode {
    let command = Command::parse();
    let result = match command {
        Command::Analyze(args) => analyze::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Eval(EvalCommand::Extraction(args)) => eval_extraction::run(args),
        Command::Tag(args) => ner_commands::tag(args),
        Command::Quotes(args) => quotes_cmd::quotes(args),
        Command::Eval(EvalCommand::Ner(args)) => ner_commands::eval_ner(args),
        Command::Eval(EvalCommand::Quotes(args)) => quotes_cmd::eval_quotes(&args),
        Command::Eval(EvalCommand::Clustering(args)) => eval_clustering::run(args),
        Command::Eval(EvalCommand::Events(args)) => eval_events::eval_events(&args),
        Command::Ingest(args) => store_commands::ingest(args),
        Command::Search(args) => store_commands::search(args),
        Command::Stories(args) => store_commands::stories(args),
        Command::Story(args) => store_commands::story(args),
        Command::Entity(args) => store_commands::entity(args),
        Command::Serve(args) => serve::serve(args),
        Command::Watch(args) => watch::watch(args),
        Command::BenchServe(args) => serve::bench_serve(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dragoman: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
