//! `dragoman tag --conll FILE` and `dragoman eval ner FILE`: the named-entity tagger on
//! CoNLL-style files. (Training is `cargo run --release -p dragoman-ner --example train`, see
//! `models/ner/README.md`.)

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;

use dragoman_ner::{Tagger, conll, eval};

/// Options of `dragoman tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// A CoNLL-style file: a token in the first column, a blank line between sentences.
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,
    /// A model file instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

/// Options of `dragoman eval ner`.
#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// A CoNLL-2003 style file with gold IOB2 tags in the last column (e.g. valid.txt).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// A model file instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

fn tagger(model: Option<&Path>) -> anyhow::Result<Tagger> {
    match model {
        Some(path) => {
            Tagger::load(path).with_context(|| format!("cannot load the model {}", path.display()))
        }
        None => Tagger::embedded().context("cannot load the shipped NER model"),
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes each input line followed by its predicted tag.
pub fn tag(args: TagArgs) -> anyhow::Result<ExitCode> {
    let tagger = tagger(args.model.as_deref())?;
    let text = read(&args.conll)?;
    let tagged = conll::tag_file(&text, &tagger)
        .with_context(|| format!("cannot tag {}", args.conll.display()))?;
    print!("{tagged}");
    Ok(ExitCode::SUCCESS)
}

/// Prints per-type and overall precision, recall and F1 (conlleval rules) and tokens/s.
pub fn eval_ner(args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    let tagger = tagger(args.model.as_deref())?;
    let text = read(&args.file)?;
    let started = Instant::now();
    let scores = eval::evaluate_file(&text, &tagger)
        .with_context(|| format!("cannot evaluate {}", args.file.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    print!("{scores}");
    println!(
        "{} tokens in {:.2} s: {:.0} tokens/s (reading and tagging)",
        scores.tokens,
        seconds,
        scores.tokens as f64 / seconds.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}
