//! The cross-article stages: duplicates (`dedupe`), one identity per actor (`resolve`),
//! stories (`cluster`), and the comparison of outlets (`facts`, `contradictions`, `framing`).
//! [`build_report`] runs them in order over annotated documents.

use chrono::NaiveDate;
use dragoman_knowledge::Knowledge;
use dragoman_model::{Doc, Event, Report};

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

/// Runs dedupe, resolve, cluster and compare over annotated documents and gathers the report.
pub fn build_report(mut docs: Vec<Doc>, knowledge: &Knowledge, options: &StoryOptions) -> Report {
    let duplicates = dedupe::find(&docs, options.near_duplicate_threshold);
    let entities = resolve::resolve(&mut docs, knowledge);
    let stories = cluster::cluster(&mut docs, &entities, &options.cluster);
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
    // Timeline order: an event's own date, else the date of the article reporting it (it
    // happened by then); events with neither come last. The sort is stable, so events of one
    // article keep their text order.
    let mut events: Vec<(Option<NaiveDate>, Event)> = Vec::new();
    for doc in docs {
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
mod tests {
    use super::*;
    use dragoman_model::{Article, EventKind, EventStatus, Published, Span, TimeExpr};

    fn event(summary: &str, start: Option<NaiveDate>) -> Event {
        Event {
            kind: EventKind::Meeting,
            summary: summary.into(),
            participants: vec![],
            participant_names: vec![],
            participant_spans: vec![],
            place: None,
            date: start.map(|d| TimeExpr {
                span: Span::new(0, 1),
                text: "x".into(),
                value: Some(d.to_string()),
                precision: None,
                start: Some(d),
                end: Some(d),
                anchor: None,
                relative: false,
            }),
            status: EventStatus::Happened,
            sources: vec![],
            story: None,
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
