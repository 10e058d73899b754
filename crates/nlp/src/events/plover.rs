//! Scoring event coding against PLOVER records: a JSON array of objects with at least
//! `"event"` (the PLOVER category, e.g. `"AGREE"`) and `"text"` (the sentence), and
//! optionally `"source"` and `"target"` (lists of `{"actorText": …}`). Records of category
//! `DOCUMENT` or without text are skipped. Each sentence is coded by
//! [`EventFinder::plover_event`]: a sentence with no category counts as a miss, and an actor
//! matches when it shares a content word with one of the record's actors.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::EventFinder;
use crate::NlpError;
use crate::scores::{f1, ratio};

/// One PLOVER record, as far as scoring needs it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PloverRecord {
    /// The PLOVER category (`"AGREE"`, `"ASSAULT"`, …; `"DOCUMENT"` for file notes).
    #[serde(default)]
    pub event: String,
    /// The coded sentence.
    #[serde(default)]
    pub text: Option<String>,
    /// Who acts (a field that is not a list, such as `""`, reads as none).
    #[serde(default, deserialize_with = "actor_list")]
    pub source: Vec<PloverActor>,
    /// Who is acted upon (as `source`).
    #[serde(default, deserialize_with = "actor_list")]
    pub target: Vec<PloverActor>,
}

/// An actor of a PLOVER record.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PloverActor {
    /// The actor as written in the sentence.
    #[serde(rename = "actorText", default)]
    pub actor_text: String,
}

/// Reads an actor list, taking anything that is not a list of objects as no actor.
fn actor_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<PloverActor>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    let serde_json::Value::Array(items) = value else {
        return Ok(Vec::new());
    };
    Ok(items
        .iter()
        .filter_map(|item| item.get("actorText")?.as_str())
        .map(|t| PloverActor {
            actor_text: t.to_string(),
        })
        .collect())
}

/// What the event finder codes in one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PloverEvent {
    /// The PLOVER category, when a trigger has one.
    pub category: Option<String>,
    /// The acting party, as written.
    pub source: Option<String>,
    /// The party acted upon, as written.
    pub target: Option<String>,
}

/// Counts of one actor role: records whose gold list is not empty, predictions made, and
/// predictions that match a gold actor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActorCounts {
    /// Scored records with at least one gold actor in this role.
    pub gold: usize,
    /// Scored records where an actor was predicted in this role.
    pub predicted: usize,
    /// Predictions matching one of the record's gold actors.
    pub matched: usize,
}

impl ActorCounts {
    /// Share of predictions that match.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    /// Share of records with a gold actor whose actor was found.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// Per-category counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CategoryCounts {
    /// Sentences of this category typed as it.
    pub true_positives: usize,
    /// Sentences of another category (or none) typed as this one.
    pub false_positives: usize,
    /// Sentences of this category typed otherwise (or not at all).
    pub false_negatives: usize,
}

impl CategoryCounts {
    /// F1 of this category.
    pub fn f1(&self) -> f64 {
        let denominator = 2 * self.true_positives + self.false_positives + self.false_negatives;
        if denominator == 0 {
            0.0
        } else {
            2.0 * self.true_positives as f64 / denominator as f64
        }
    }
}

/// How well sentences are typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PloverScores {
    /// Records scored.
    pub total: usize,
    /// Records typed with their gold category.
    pub correct: usize,
    /// Records given no category at all.
    pub untyped: usize,
    /// `correct / total`.
    pub accuracy: f64,
    /// Mean F1 over the gold categories.
    pub macro_f1: f64,
    /// Counts per category (gold or predicted), by name.
    pub categories: BTreeMap<String, CategoryCounts>,
    /// Source actor matching.
    pub source: ActorCounts,
    /// Target actor matching.
    pub target: ActorCounts,
}

/// Reads PLOVER records from JSON text (an array of objects).
pub fn parse_records(json: &str) -> Result<Vec<PloverRecord>, NlpError> {
    serde_json::from_str(json).map_err(|e| NlpError::Lexicon {
        name: "PLOVER records".into(),
        message: e.to_string(),
    })
}

/// True when the records to score: not `DOCUMENT` notes and with a text.
pub fn is_scored(record: &PloverRecord) -> bool {
    record.text.is_some() && !record.event.trim().eq_ignore_ascii_case("DOCUMENT")
}

/// Scores `finder` on PLOVER records given as JSON text, typing each sentence alone (no
/// named-entity mentions, so actors come from capitalised phrases only).
pub fn eval_plover(json: &str, finder: &EventFinder) -> Result<PloverScores, NlpError> {
    let records: Vec<PloverRecord> = parse_records(json)?.into_iter().filter(is_scored).collect();
    let predicted: Vec<PloverEvent> = records
        .iter()
        .map(|r| finder.plover_sentence(r.text.as_deref().unwrap_or("")))
        .collect();
    Ok(score_plover(&records, &predicted))
}

/// Scores predictions against records, pairwise (`predicted[i]` codes `records[i]`; records
/// that are not [`is_scored`] and predictions past the shorter list are ignored).
pub fn score_plover(records: &[PloverRecord], predicted: &[PloverEvent]) -> PloverScores {
    let mut scores = PloverScores::default();
    let mut gold_categories = BTreeSet::new();
    for (record, p) in records.iter().zip(predicted) {
        if !is_scored(record) {
            continue;
        }
        let gold = record.event.trim().to_uppercase();
        scores.total += 1;
        gold_categories.insert(gold.clone());
        match p.category.as_deref() {
            Some(c) if c == gold => {
                scores.correct += 1;
                scores.categories.entry(gold).or_default().true_positives += 1;
            }
            Some(c) => {
                scores
                    .categories
                    .entry(c.to_string())
                    .or_default()
                    .false_positives += 1;
                scores.categories.entry(gold).or_default().false_negatives += 1;
            }
            None => {
                scores.untyped += 1;
                scores.categories.entry(gold).or_default().false_negatives += 1;
            }
        }
        count_actor(&mut scores.source, &record.source, p.source.as_deref());
        count_actor(&mut scores.target, &record.target, p.target.as_deref());
    }
    if scores.total > 0 {
        scores.accuracy = scores.correct as f64 / scores.total as f64;
    }
    if !gold_categories.is_empty() {
        let sum: f64 = gold_categories
            .iter()
            .map(|c| scores.categories.get(c).map_or(0.0, CategoryCounts::f1))
            .sum();
        scores.macro_f1 = sum / gold_categories.len() as f64;
    }
    scores
}

/// Adds one record's actor role to the counts.
fn count_actor(counts: &mut ActorCounts, gold: &[PloverActor], predicted: Option<&str>) {
    let gold: Vec<&PloverActor> = gold
        .iter()
        .filter(|a| !a.actor_text.trim().is_empty())
        .collect();
    if !gold.is_empty() {
        counts.gold += 1;
    }
    if let Some(p) = predicted {
        counts.predicted += 1;
        if gold.iter().any(|g| actors_match(&g.actor_text, p)) {
            counts.matched += 1;
        }
    }
}

/// Words that do not identify an actor.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "for", "in", "on", "to", "its", "his", "her", "their", "s",
];

/// True when two actor phrases share a content word (case-insensitive): "the Sudanese
/// government" matches "government forces".
pub fn actors_match(gold: &str, predicted: &str) -> bool {
    let content = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(&w.as_str()))
            .collect()
    };
    let g = content(gold);
    content(predicted).iter().any(|w| g.contains(w))
}
