//! `dragoman extract`: the clean text and metadata of each input article, one record each.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde_json::json;

use dragoman_model::Article;
use dragoman_pipeline::read_inputs;

use crate::analyze::{SourceArgs, report_problems};

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
    /// Files and folders (HTML, text, JSON, JSONL, RSS/Atom feeds, WARC; gzip allowed) and
    /// http(s):// URLs of pages or feeds.
    #[arg(value_name = "PATH|URL", required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    format: ExtractFormat,
    #[command(flatten)]
    sources: SourceArgs,
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
/// line each, and the rest of the batch goes on. Exits 0 when every input was read, 1 when some
/// failed and 2 when no article came out.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let batch = read_inputs(
        &args.paths,
        &args.sources.ingest_options(),
        &Default::default(),
        &|_| {},
    );
    if let Some(code) = report_problems(&batch) {
        return Ok(code);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ExtractFormat::Jsonl => {
            for article in &batch.articles {
                writeln!(out, "{}", record(article)).context("cannot write output")?;
            }
        }
        ExtractFormat::Json => {
            let all: Vec<_> = batch.articles.iter().map(record).collect();
            serde_json::to_writer_pretty(&mut out, &all).context("cannot write output")?;
            writeln!(out).context("cannot write output")?;
        }
        ExtractFormat::Text => {
            for (index, article) in batch.articles.iter().enumerate() {
                if index > 0 {
                    writeln!(out, "\n{}\n", "=".repeat(72)).context("cannot write output")?;
                }
                write_text(&mut out, article).context("cannot write output")?;
            }
        }
    }
    out.flush().context("cannot write output")?;
    Ok(if batch.has_failures() {
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
