//! The cross-article stages: duplicates (`dedupe`), one identity per actor (`resolve`),
//! stories (`cluster`), and the comparison of outlets within each story (`facts`,
//! `contradictions`, `framing`). The first three are incremental and held by a [`Tracker`];
//! [`compare_story`] runs the comparison over one story's documents. [`build_report`] is one
//! [`Tracker::add`] of all documents followed by [`compare_story`] per story.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use dragoman_knowledge::Knowledge;
use dragoman_model::{Doc, Duplicate, Event, Report};
use serde::{Deserialize, Serialize};

pub mod cluster;
pub mod contradictions;
pub mod dedupe;
pub mod facts;
pub mod framing;
pub mod resolve;
pub mod tracker;

pub use tracker::{StoryAnalysis, StoryError, Tracker, TrackerUpdate, compare_story, merge_entity};

/// Settings of the cross-article stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryOptions {
    /// Jaccard similarity of word shingles above which two articles are near-duplicates.
    pub near_duplicate_threshold: f64,
    /// How articles are grouped into stories.
    pub cluster: cluster::ClusterOptions,
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            near_duplicate_threshold: 0.8,
            cluster: cluster::ClusterOptions::default(),
        }
    }
}

/// Runs the tracker over annotated documents as one batch, compares each story and gathers the
/// report.
pub fn build_report(mut docs: Vec<Doc>, knowledge: &Knowledge, options: &StoryOptions) -> Report {
    let mut tracker = Tracker::new(options.clone());
    let update = tracker.add(&mut docs, knowledge);
    let order = tracker::feed_order(&docs);

    // The documents of each story, stories in order of creation (the order of their first
    // document in publication order), each document with its input position.
    let mut slots: HashMap<&str, usize> = HashMap::new();
    let mut members: Vec<(String, Vec<usize>)> = Vec::new();
    for &i in &order {
        let Some(story) = update.stories.get(i) else {
            continue;
        };
        let slot = *slots.entry(story.as_str()).or_insert_with(|| {
            members.push((story.clone(), Vec::new()));
            members.len() - 1
        });
        if let Some((_, list)) = members.get_mut(slot) {
            list.push(i);
        }
    }
    let mut taken: Vec<Option<Doc>> = docs.into_iter().map(Some).collect();
    let mut report = Report {
        entities: update.entities,
        duplicates: update.duplicates,
        ..Report::default()
    };
    let mut returned: Vec<(usize, Doc)> = Vec::with_capacity(taken.len());
    for (id, list) in members {
        let story_docs: Vec<Doc> = list
            .iter()
            .filter_map(|&i| taken.get_mut(i).and_then(Option::take))
            .collect();
        let ids: HashSet<&str> = story_docs.iter().map(|d| d.article.id.as_str()).collect();
        let duplicates: Vec<Duplicate> = report
            .duplicates
            .iter()
            .filter(|d| ids.contains(d.article.as_str()))
            .cloned()
            .collect();
        let analysis = compare_story(&id, &story_docs, &report.entities, &duplicates);
        report.stories.push(analysis.story);
        report.facts.extend(analysis.facts);
        report.contradictions.extend(analysis.contradictions);
        report.framing.extend(analysis.framing);
        returned.extend(list.into_iter().zip(story_docs));
    }
    report
        .contradictions
        .sort_by_key(|c| std::cmp::Reverse(c.severity));
    returned.sort_by_key(|(i, _)| *i);

    // Timeline order: an event's own date, else the date of the article reporting it (it
    // happened by then); events with neither come last. The sort is stable, so events of one
    // article keep their text order.
    let mut events: Vec<(Option<NaiveDate>, Event)> = Vec::new();
    for (_, doc) in returned {
        let reported = doc.article.date();
        report.quotes.extend(doc.quotes);
        report.positions.extend(doc.positions);
        events.extend(
            doc.events
                .into_iter()
                .map(|e| (event_start(&e).or(reported), e)),
        );
        report.articles.push(doc.article);
    }
    events.sort_by_key(|(date, _)| (date.is_none(), *date));
    report.events = events.into_iter().map(|(_, e)| e).collect();
    report
}

fn event_start(event: &Event) -> Option<NaiveDate> {
    event.date.as_ref().and_then(|d| d.start)
}

#[cfg(test)]
mod fixtures;

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::{Article, EventKind, Published, TimeExpr};

    fn event(summary: &str, start: Option<NaiveDate>) -> Event {
        Event {
            kind: EventKind::Meeting,
            summary: summary.into(),
            date: start.map(|d| TimeExpr {
                text: "x".into(),
                value: Some(d.to_string()),
                start: Some(d),
                end: Some(d),
                ..TimeExpr::default()
            }),
            ..Event::default()
        }
    }

    #[test]
    fn timeline_orders_by_event_date_then_report_date_undated_last() {
        let day = |d| NaiveDate::from_ymd_opt(2025, 11, d);
        let mut a = Article::from_paragraphs("a", ["One article."]);
        a.id = "a".into();
        a.published = day(20).map(Published::day);
        let mut doc_a = Doc::new(a);
        doc_a.events = vec![
            event("undated, reported on the 20th", None),
            event("on the 25th", day(25)),
        ];
        let mut b = Article::from_paragraphs("b", ["Another article."]);
        b.id = "b".into();
        let mut doc_b = Doc::new(b);
        doc_b.events = vec![event("no date at all", None), event("on the 18th", day(18))];
        let knowledge = Knowledge::empty();
        let report = build_report(vec![doc_a, doc_b], &knowledge, &StoryOptions::default());
        let order: Vec<&str> = report.events.iter().map(|e| e.summary.as_str()).collect();
        assert_eq!(
            order,
            [
                "on the 18th",
                "undated, reported on the 20th",
                "on the 25th",
                "no date at all"
            ]
        );
    }
}
