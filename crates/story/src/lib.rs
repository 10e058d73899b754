//! The cross-article stages: duplicates (`dedupe`), one identity per actor (`resolve`),
//! stories (`cluster`), and the comparison of outlets (`facts`, `contradictions`, `framing`).
//! [`build_report`] runs them in order over annotated documents.

use dragoman_knowledge::Knowledge;
use dragoman_model::{Doc, Report};

pub mod cluster;
pub mod contradictions;
pub mod dedupe;
pub mod facts;
pub mod framing;
pub mod resolve;

/// Settings of the cross-article stages.
#[derive(Debug, Clone)]
pub struct StoryOptions {
    /// Jaccard similarity of word shingles above which two articles are near-duplicates.
    pub near_duplicate_threshold: f64,
    /// Similarity above which an article joins an existing story.
    pub cluster_threshold: f64,
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            near_duplicate_threshold: 0.8,
            cluster_threshold: 0.25,
        }
    }
}

/// Runs dedupe, resolve, cluster and compare over annotated documents and gathers the report.
pub fn build_report(mut docs: Vec<Doc>, knowledge: &Knowledge, options: &StoryOptions) -> Report {
    let duplicates = dedupe::find(&docs, options.near_duplicate_threshold);
    let entities = resolve::resolve(&mut docs, knowledge);
    let stories = cluster::cluster(&mut docs, &entities, options.cluster_threshold);
    let facts = facts::ledger(&docs, &entities, &stories, &duplicates);
    let contradictions = contradictions::find(&facts);
    let framing = framing::analyze(&docs, &stories, &entities, &facts);
    let mut report = Report {
        stories,
        entities,
        facts,
        contradictions,
        framing,
        duplicates,
        ..Report::default()
    };
    for doc in docs {
        report.quotes.extend(doc.quotes);
        report.positions.extend(doc.positions);
        report.events.extend(doc.events);
        report.articles.push(doc.article);
    }
    report
        .events
        .sort_by(|a, b| event_start(a).cmp(&event_start(b)));
    report
}

fn event_start(event: &dragoman_model::Event) -> Option<chrono::NaiveDate> {
    event.date.as_ref().and_then(|d| d.start)
}
