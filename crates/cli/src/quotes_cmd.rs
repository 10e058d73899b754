//! `dragoman quotes FILE...`: the attributions of plain-text files, one JSON line each, and
//! `dragoman eval quotes DIR`: scores against a PolNeAR-layout folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use dragoman_model::{Doc, Quote, Span};
use dragoman_nlp::quotes::brat;
use dragoman_pipeline::{Engine, EngineOptions};
use serde_json::json;

/// Output formats of `dragoman quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuotesFormat {
    /// One JSON object per attribution and line.
    Jsonl,
}

/// Arguments of `dragoman quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Plain-text files (UTF-8); offsets are bytes into each file as read.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: QuotesFormat,
}

/// Arguments of `dragoman eval quotes`.
#[derive(Debug, Args)]
pub struct EvalQuotesArgs {
    /// The folder holding `text/*.txt` and `attributions/*.ann`.
    pub dir: PathBuf,
}

fn engine() -> Result<Engine> {
    Engine::new(EngineOptions::default()).context("cannot load the models and data")
}

/// Annotates one plain text with offsets kept as in the file.
fn annotate(engine: &Engine, path: &Path, text: &str) -> Option<Doc> {
    let article = brat::article_from_plain(&path.display().to_string(), text);
    engine.annotate(vec![article], &|| {}).into_iter().next()
}

fn span_json(text: &str, span: Span) -> serde_json::Value {
    json!({"start": span.start, "end": span.end, "text": text.get(span.start..span.end).unwrap_or("")})
}

fn quote_json(file: &str, text: &str, q: &Quote) -> serde_json::Value {
    json!({
        "file": file,
        "source": q.source_span.or(q.speaker_span).map(|s| span_json(text, s)),
        "cue": q.cue_span.map(|s| span_json(text, s)),
        "content": span_json(text, q.content_span),
        "speaker": q.speaker_name,
        "direct": q.direct,
    })
}

/// Runs `dragoman quotes`.
pub fn quotes(args: QuotesArgs) -> Result<ExitCode> {
    let engine = engine()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &args.files {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(error) => {
                eprintln!("dragoman: cannot read {}: {error}", path.display());
                failed = true;
                continue;
            }
        };
        let Some(doc) = annotate(&engine, path, &text) else {
            continue;
        };
        let file = path.display().to_string();
        for q in &doc.quotes {
            match args.format {
                QuotesFormat::Jsonl => writeln!(out, "{}", quote_json(&file, &text, q))?,
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs `dragoman eval quotes`.
pub fn eval_quotes(args: &EvalQuotesArgs) -> Result<ExitCode> {
    let dir = args.dir.as_path();
    let pairs = brat::dataset(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    if pairs.is_empty() {
        bail!("no text/attribution pairs in {}", dir.display());
    }
    let engine = engine()?;
    let mut total = brat::AttributionScores::default();
    for (txt, ann) in &pairs {
        let text = std::fs::read_to_string(txt)
            .with_context(|| format!("cannot read {}", txt.display()))?;
        let annotations = std::fs::read_to_string(ann)
            .with_context(|| format!("cannot read {}", ann.display()))?;
        let gold = brat::chars_to_bytes(&text, brat::read_brat(&annotations)?);
        let predicted: Vec<brat::GoldAttribution> = annotate(&engine, txt, &text)
            .map(|d| {
                d.quotes
                    .iter()
                    .map(brat::GoldAttribution::from_quote)
                    .collect()
            })
            .unwrap_or_default();
        total.add(&brat::score(&text, &gold, &predicted));
    }
    println!("{} files", pairs.len());
    println!("role     match     precision  recall  F1      predicted  gold");
    for (name, role) in [
        ("source", total.source),
        ("cue", total.cue),
        ("content", total.content),
    ] {
        for (mode, c) in [
            ("exact", role.exact),
            ("overlap", role.overlap),
            ("linked", role.linked),
        ] {
            println!(
                "{name:8} {mode:8}  {:.3}      {:.3}   {:.3}   {:9}  {}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.predicted,
                c.gold
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
