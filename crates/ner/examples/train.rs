//! Trains the NER model and writes it to a file; this is how `models/ner/en.bin` is produced.
//!
//! ```text
//! cargo run --release -p dragoman-ner --example train -- \
//!     --train /work/shared/data/ner/conll2003/train.txt \
//!     --dev /work/shared/data/ner/conll2003/valid.txt \
//!     --names /work/shared/data/ner/wikiann-en/train \
//!     --names /work/shared/data/ner/wikiann-en/dev \
//!     --epochs 14 --out models/ner/en.bin
//! ```
//!
//! `--names FILE` (repeatable) reads a CoNLL-style file (such as WikiANN) only for its entity
//! names, which become match features (a language prefix such as `en:` is removed).
//! `--unlabeled DIR` reads every `*.txt` file under DIR (recursively) as raw text for word
//! statistics (capitalisation ratios, and word classes with `--clusters K`). `--no-stack`
//! trains the first pass only. `--dev FILE` prints the development score after every epoch.

use dragoman_ner::train::{TrainOptions, names_from_conll, train_with};
use dragoman_ner::{Tagger, conll, eval};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut train_files = Vec::new();
    let mut dev = None;
    let mut unlabeled_dirs = Vec::new();
    let mut name_files = Vec::new();
    let mut out = PathBuf::from("models/ner/en.bin");
    let mut options = TrainOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--train" => train_files.push(PathBuf::from(value()?)),
            "--dev" => dev = Some(PathBuf::from(value()?)),
            "--unlabeled" => unlabeled_dirs.push(PathBuf::from(value()?)),
            "--names" => name_files.push(PathBuf::from(value()?)),
            "--out" => out = PathBuf::from(value()?),
            "--epochs" => options.epochs = value()?.parse()?,
            "--clusters" => options.clusters = value()?.parse()?,
            "--min-count" => options.min_count = value()?.parse()?,
            "--prune" => options.prune = value()?.parse()?,
            "--seed" => options.seed = value()?.parse()?,
            "--no-stack" => options.stack = false,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if train_files.is_empty() {
        return Err("usage: train --train FILE [--dev FILE] [--names FILE] [--unlabeled DIR] [--epochs N] [--clusters K] [--no-stack] [--out FILE]".into());
    }
    let mut sentences = Vec::new();
    for path in &train_files {
        let mut s = conll::read(&std::fs::read_to_string(path)?)?;
        let base = sentences.last().map_or(0, |s: &conll::Sentence| s.doc + 1);
        for x in &mut s {
            x.doc += base;
        }
        sentences.extend(s);
    }
    for dir in &unlabeled_dirs {
        let mut files = Vec::new();
        collect_txt(dir, &mut files)?;
        for f in files {
            let text = std::fs::read_to_string(&f)?;
            options
                .unlabeled
                .extend(text.lines().map(tokenise).filter(|t| !t.is_empty()));
        }
    }
    for path in &name_files {
        options
            .names
            .extend(names_from_conll(&std::fs::read_to_string(path)?)?);
    }
    let dev = match dev {
        Some(p) => Some(std::fs::read_to_string(p)?),
        None => None,
    };
    eprintln!(
        "training on {} sentences ({} unlabelled, {} names), {:?}",
        sentences.len(),
        options.unlabeled.len(),
        options.names.len(),
        TrainOptions {
            unlabeled: Vec::new(),
            names: Vec::new(),
            ..options.clone()
        }
    );
    let started = Instant::now();
    let tagger = train_with(&sentences, &options, |epoch, tagger: &Tagger| {
        match dev.as_deref().map(|d| eval::evaluate_file(d, tagger)) {
            Some(Ok(scores)) => eprintln!(
                "epoch {epoch} ({:.0}s): dev F1 {:.2}",
                started.elapsed().as_secs_f64(),
                100.0 * scores.overall.f1()
            ),
            Some(Err(e)) => eprintln!("epoch {epoch}: dev evaluation failed: {e}"),
            None => eprintln!("epoch {epoch} ({:.0}s)", started.elapsed().as_secs_f64()),
        }
    })?;
    let bytes = tagger.to_bytes();
    std::fs::write(&out, &bytes)?;
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    if let Some(d) = dev {
        print!("{}", eval::evaluate_file(&d, &Tagger::from_bytes(&bytes)?)?);
    }
    Ok(())
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_txt(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

/// Splits raw text into word and punctuation tokens roughly as CoNLL does.
fn tokenise(line: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for chunk in line.split_whitespace() {
        let mut word = String::new();
        for c in chunk.chars() {
            if c.is_alphanumeric() || (matches!(c, '-' | '\'' | '.') && !word.is_empty()) {
                word.push(c);
            } else {
                if !word.is_empty() {
                    tokens.push(std::mem::take(&mut word));
                }
                tokens.push(c.to_string());
            }
        }
        if word.len() > 1 && word.ends_with('.') && !word.contains(|c: char| c.is_uppercase()) {
            word.pop();
            tokens.push(word);
            tokens.push(".".to_string());
        } else if !word.is_empty() {
            tokens.push(word);
        }
    }
    tokens
}
