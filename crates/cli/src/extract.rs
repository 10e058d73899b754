//! `dragoman extract`: the clean text and metadata of each input article, one record each.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde_json::json;

use dragoman_ingest::{IngestOptions, discover, read_file};
use dragoman_model::Article;

/// How `dragoman extract` prints its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array of all records.
    Json,
    /// Readable text: a header of fields, then the body, records separated by a rule.
    Text,
}

/// Options of `dragoman extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files and folders (HTML, text, JSON, JSONL; gzip allowed).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    format: ExtractFormat,
}

/// The printed record of one article.
fn record(article: &Article) -> serde_json::Value {
    let published = article.published.as_ref().map(|p| {
        json!({
            "date": p.date.to_string(),
            "time": p.time.map(|t| t.to_string()),
            "precision": p.precision,
        })
    });
    json!({
        "source": article.origin,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": published,
        "authors": article.authors,
        "language": article.language,
        "text": article.text,
    })
}

/// Reads every input and prints one record per article; problems go to standard error, one
/// line each, and the rest of the batch goes on. Exits 1 when no article came out.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let discovery = discover(&args.paths);
    for problem in &discovery.problems {
        eprintln!("dragoman: {}: {}", problem.origin, problem.message);
    }
    let options = IngestOptions::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all = Vec::new();
    let mut count = 0usize;
    for path in &discovery.files {
        let outcome = read_file(path, &options);
        for problem in &outcome.problems {
            eprintln!("dragoman: {}: {}", problem.origin, problem.message);
        }
        for article in &outcome.articles {
            count += 1;
            match args.format {
                ExtractFormat::Jsonl => {
                    writeln!(out, "{}", record(article)).context("cannot write output")?;
                }
                ExtractFormat::Json => all.push(record(article)),
                ExtractFormat::Text => {
                    if count > 1 {
                        writeln!(out, "\n{}\n", "=".repeat(72)).context("cannot write output")?;
                    }
                    write_text(&mut out, article).context("cannot write output")?;
                }
            }
        }
    }
    if args.format == ExtractFormat::Json {
        serde_json::to_writer_pretty(&mut out, &all).context("cannot write output")?;
        writeln!(out).context("cannot write output")?;
    }
    out.flush().context("cannot write output")?;
    Ok(if count == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One article as a readable header and body.
fn write_text(out: &mut impl Write, article: &Article) -> std::io::Result<()> {
    let field = |value: Option<&str>| value.unwrap_or("-").to_owned();
    writeln!(out, "source:    {}", article.origin)?;
    writeln!(out, "url:       {}", field(article.url.as_deref()))?;
    writeln!(out, "outlet:    {}", field(article.outlet.as_deref()))?;
    writeln!(out, "title:     {}", field(article.title.as_deref()))?;
    let published = article.published.as_ref().map(|p| match p.time {
        Some(time) => format!("{} {} ({:?})", p.date, time, p.precision),
        None => format!("{} ({:?})", p.date, p.precision),
    });
    writeln!(out, "published: {}", field(published.as_deref()))?;
    let authors = article.authors.join(", ");
    writeln!(
        out,
        "authors:   {}",
        field(Some(authors.as_str()).filter(|a| !a.is_empty()))
    )?;
    writeln!(out, "language:  {}", field(article.language.as_deref()))?;
    writeln!(out)?;
    writeln!(out, "{}", article.text)
}
