//! `dragoman analyze`: read, annotate, report, store.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use dragoman_ingest::IngestOptions;
use dragoman_model::{InputProblem, Report};
use dragoman_pipeline::{Batch, Engine, EngineOptions};
use dragoman_store::{SqliteStore, Store};

/// Output formats of a report.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// A readable report for people.
    Markdown,
    /// The full report as one JSON document (schema: docs/report-schema.md).
    Json,
}

/// Options of `dragoman analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Files and folders (searched recursively) of articles: .txt, .html, .json, .jsonl,
    /// RSS/Atom feeds (.rss, .atom, .xml), WARC archives (.warc), any of these gzipped; and
    /// http(s):// URLs of pages or feeds.
    #[arg(required = true, value_name = "PATH|URL")]
    paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The embedded store to add the articles and analysis to.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "dragoman.db",
        conflicts_with = "no_store"
    )]
    db: PathBuf,
    /// Do not store anything.
    #[arg(long)]
    no_store: bool,
    #[command(flatten)]
    engine: EngineArgs,
    /// No progress bar and no summary on standard error (problems are still reported).
    #[arg(long, short)]
    quiet: bool,
}

/// The options that set up the engine, shared by the commands that analyse articles.
#[derive(Debug, Args)]
pub struct EngineArgs {
    /// A gazetteer (TOML) that extends or overrides the embedded knowledge base; repeatable.
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<PathBuf>,
    /// An issue taxonomy (TOML) replacing the default one, for another domain.
    #[arg(long, value_name = "FILE")]
    issues: Option<PathBuf>,
    #[command(flatten)]
    sources: SourceArgs,
}

impl EngineArgs {
    /// Loads the engine these options describe.
    pub fn load(&self) -> anyhow::Result<Engine> {
        let options = EngineOptions {
            gazetteers: self.gazetteer.clone(),
            issues: self.issues.clone(),
            ingest: self.sources.ingest_options(),
            ..EngineOptions::default()
        };
        Engine::new(options).context("cannot load the models and data")
    }
}

/// How inputs are selected and read, shared by every command that reads articles.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Largest input file to read, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    max_size: u64,
    /// Inside folders, read only the files whose path (relative to the folder) matches this
    /// glob, e.g. `*.html` or `2026/**`; repeatable.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Inside folders, skip the files whose path matches this glob; repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Where a JSON/JSONL record keeps an article field, as FIELD=KEY: `text=body`,
    /// `title=headline`, `published=meta.date` (a dotted key reaches into objects); repeatable.
    #[arg(long, value_name = "FIELD=KEY", value_parser = dragoman_ingest::parse_field_mapping)]
    field: Vec<(String, String)>,
}

impl SourceArgs {
    /// The ingest options these arguments describe.
    pub fn ingest_options(&self) -> IngestOptions {
        IngestOptions {
            max_file_bytes: self.max_size.saturating_mul(1024 * 1024),
            include: self.include.clone(),
            exclude: self.exclude.clone(),
            fields: self.field.clone(),
        }
    }
}

/// Names every input problem on standard error, one line each; returns exit code 2 when no
/// article could be read at all.
pub fn report_problems(batch: &Batch) -> Option<ExitCode> {
    for problem in &batch.problems {
        eprintln!("{}", problem_line(problem));
    }
    if batch.articles.is_empty() {
        eprintln!(
            "dragoman: no article could be read from {} input file(s)",
            batch.files
        );
        return Some(ExitCode::from(2));
    }
    None
}

/// Runs the command; the exit code is 0 when every input was read, 1 when some failed and 2
/// when none could be read.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let engine = args.engine.load()?;

    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let bar = progress_bar(show_progress, "reading");
    let batch = engine.read(&args.paths, &|_| bar.inc(1));
    bar.finish_and_clear();

    if let Some(code) = report_problems(&batch) {
        return Ok(code);
    }
    let failed = batch.problems.iter().filter(|p| p.fatal).count();
    let warnings = batch.problems.len() - failed;
    let files = batch.files;

    let bar = progress_bar(show_progress, "annotating");
    bar.set_length(batch.articles.len() as u64);
    let docs = engine.annotate(batch.articles, &|| bar.inc(1));
    bar.finish_and_clear();
    // The annotated docs are stored too, so that a later `dragoman ingest` does not annotate
    // these articles again.
    let docs_to_store = (!args.no_store).then(|| docs.clone());
    let report = engine.report(docs, batch.problems);

    write_report(&report, args.format, args.output.as_ref())?;

    let stored = match docs_to_store {
        None => None,
        Some(docs) => {
            let mut store = SqliteStore::open(&args.db)
                .with_context(|| format!("cannot open the store {}", args.db.display()))?;
            let cannot_save = || format!("cannot save to the store {}", args.db.display());
            let summary = store.save_docs(&docs).with_context(cannot_save)?;
            store.save_report(&report).with_context(cannot_save)?;
            Some(summary)
        }
    };

    if !args.quiet {
        let mut line = format!(
            "dragoman: {} article(s) from {} file(s): {} failed, {} warning(s); {} stories, {} entities, {} quotes, {} positions, {} events, {} facts, {} contradictions",
            report.articles.len(),
            files,
            failed,
            warnings,
            report.stories.len(),
            report.entities.len(),
            report.quotes.len(),
            report.positions.len(),
            report.events.len(),
            report.facts.len(),
            report.contradictions.len(),
        );
        if let Some(summary) = stored {
            line.push_str(&format!(
                "; stored in {} ({} new, {} already there)",
                args.db.display(),
                summary.new_articles,
                summary.known_articles
            ));
        }
        eprintln!("{line}");
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One line on standard error for an input problem.
pub fn problem_line(problem: &InputProblem) -> String {
    let level = if problem.fatal { "error" } else { "warning" };
    format!("dragoman: {level}: {}: {}", problem.origin, problem.message)
}

fn progress_bar(visible: bool, stage: &'static str) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} ({per_sec})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(stage);
    bar
}

fn write_report(report: &Report, format: Format, output: Option<&PathBuf>) -> anyhow::Result<()> {
    let rendered = match format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(report).context("cannot write JSON")?;
            json.push('\n');
            json
        }
        Format::Markdown => crate::markdown::render(report),
    };
    match output {
        Some(path) => std::fs::write(path, rendered)
            .with_context(|| format!("cannot write the report to {}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(rendered.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A closed pipe (`dragoman analyze … | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write the report"),
            }
        }
    }
}
