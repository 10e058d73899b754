//! `dragoman eval events FILE`: codes each sentence of a PLOVER record file (a JSON array of
//! records with `event`, `text`, `source` and `target`) and scores the category (accuracy,
//! macro-F1, per category) and the source and target actors.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use dragoman_nlp::events::EventFinder;
use dragoman_nlp::events::plover::{self, ActorCounts, PloverEvent};
use dragoman_nlp::quotes::brat;
use dragoman_pipeline::{Engine, EngineOptions};

/// Arguments of `dragoman eval events`.
#[derive(Debug, Args)]
pub struct EvalEventsArgs {
    /// A JSON file of PLOVER records.
    pub file: PathBuf,
}

/// Runs `dragoman eval events`: every sentence is annotated by the engine (so actors come
/// from its named-entity mentions) and coded by the event finder.
pub fn eval_events(args: &EvalEventsArgs) -> Result<ExitCode> {
    let path = &args.file;
    let json =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let records: Vec<plover::PloverRecord> = plover::parse_records(&json)
        .with_context(|| format!("{} is not a JSON array of PLOVER records", path.display()))?
        .into_iter()
        .filter(plover::is_scored)
        .collect();
    if records.is_empty() {
        bail!(
            "no PLOVER records with an event and a text in {}",
            path.display()
        );
    }
    let engine =
        Engine::new(EngineOptions::default()).context("cannot load the models and data")?;
    let finder = EventFinder::embedded().context("cannot load the event lexicon")?;
    let articles = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            brat::article_from_plain(&format!("record-{i}"), r.text.as_deref().unwrap_or(""))
        })
        .collect();
    let predicted: Vec<PloverEvent> = engine
        .annotate(articles, &|| {})
        .iter()
        .map(|doc| finder.plover_event(doc))
        .collect();
    let s = plover::score_plover(&records, &predicted);
    println!("{} records", s.total);
    println!(
        "category accuracy {:.3}  macro-F1 {:.3}  ({} correct, {} untyped)",
        s.accuracy, s.macro_f1, s.correct, s.untyped
    );
    let actor = |name: &str, c: &ActorCounts| {
        println!(
            "{name} actor  precision {:.3}  recall {:.3}  F1 {:.3}  (matched {}, predicted {}, gold {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.matched,
            c.predicted,
            c.gold
        );
    };
    actor("source", &s.source);
    actor("target", &s.target);
    println!("category      F1     tp   fp   fn");
    for (name, c) in &s.categories {
        println!(
            "{name:12}  {:.3}  {:3}  {:3}  {:3}",
            c.f1(),
            c.true_positives,
            c.false_positives,
            c.false_negatives
        );
    }
    Ok(ExitCode::SUCCESS)
}
