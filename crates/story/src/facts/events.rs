//! Event facts: the date, place and outcome of an event, under a subject that names the same
//! event the same way in every article of a story.
//!
//! Outlets name different subsets of the participants ("Rubio and Yermak" vs "Rubio,
//! Vance and Yermak") and call one gathering a meeting, talks or a summit. Sightings of events
//! of one story are therefore matched: same family of kind, participants contained in one
//! single larger set, and dates at most a week apart (a negotiation holds many meetings of the
//! same people; dates further apart are other meetings, not a contradiction).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use dragoman_model::{Doc, Entity, Event, EventKind, Kind};

use super::{Corpus, DATE, Lexicon, OUTCOME, PLACE, Reading, find_in};
use crate::contradictions::date_range;

/// Dates of sightings of the same event are at most this many days apart.
const SAME_EVENT_DAYS: u64 = 7;

/// One event as one article reports it, with its facts before they get their subject.
pub(super) struct Sighting {
    story: Option<String>,
    family: &'static str,
    names: BTreeSet<String>,
    range: Option<(NaiveDate, NaiveDate)>,
    place: Option<String>,
    readings: Vec<Reading>,
}

/// Kinds that name the same gathering in different words share a family.
fn family(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Meeting | EventKind::Talks | EventKind::Summit => "meeting",
        EventKind::Visit => "visit",
        EventKind::Call => "call",
        EventKind::Statement => "statement",
        EventKind::Proposal => "proposal",
        EventKind::Agreement => "agreement",
        EventKind::Attack => "attack",
        EventKind::Interception => "interception",
        EventKind::Sanction => "sanction",
        EventKind::Aid => "aid",
        EventKind::Other => "event",
    }
}

/// The parties of an event: its people when it names any (outlets name the same people but
/// differ on the places and institutions they add), else its other resolved participants that
/// are neither places inside a country nor the reporting outlets, else the names as written.
fn participant_names(corpus: &Corpus, event: &Event) -> BTreeSet<String> {
    let resolved: Vec<&Entity> = event
        .participants
        .iter()
        .filter_map(|id| corpus.entity(id))
        .filter(|e| !corpus.is_outlet(&e.name))
        .collect();
    let people: BTreeSet<String> = resolved
        .iter()
        .filter(|e| e.kind == Kind::Person)
        .map(|e| e.name.trim().to_string())
        .collect();
    let mut names = if !people.is_empty() {
        people
    } else if !resolved.is_empty() {
        resolved
            .iter()
            .filter(|e| match e.kind {
                Kind::Location => false,
                Kind::Gpe => e.parent.is_none(),
                _ => true,
            })
            .map(|e| e.name.trim().to_string())
            .collect()
    } else {
        event
            .participant_names
            .iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !corpus.is_outlet(n))
            .collect()
    };
    names.retain(|n| !n.is_empty());
    names
}

/// Reads the date, place and outcome of one event of `doc`; `None` for an event with no named
/// participant (too vague to compare) or no source in the document.
pub(super) fn sighting(
    lex: &Lexicon,
    corpus: &Corpus,
    doc: &Doc,
    event: &Event,
) -> Option<Sighting> {
    let names = participant_names(corpus, event);
    if names.is_empty() {
        return None;
    }
    let sentence = event
        .sources
        .iter()
        .find(|s| s.article == doc.article.id)?
        .span();
    let mut readings = Vec::new();
    let mut range = None;
    if let Some(date) = &event.date
        && let Some(value) = date.value.as_deref().filter(|v| !v.is_empty())
    {
        range = date.start.zip(date.end).or_else(|| date_range(value));
        readings.push(Reading::new(
            doc,
            String::new(),
            DATE,
            value.to_string(),
            date.span,
            sentence,
        ));
    }
    let place = event
        .place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(place) = place {
        let phrase = find_in(&doc.article.text, sentence, place).unwrap_or(sentence);
        readings.push(Reading::new(
            doc,
            String::new(),
            PLACE,
            place.to_string(),
            phrase,
            sentence,
        ));
    }
    let sentence_text = sentence.slice(&doc.article.text);
    let found: Vec<&String> = lex
        .outcomes
        .iter()
        .filter(|(_, re)| re.is_match(&event.summary) || re.is_match(sentence_text))
        .map(|(name, _)| name)
        .collect();
    // Two outcomes in one sentence ("rejected claims they had agreed") are left unread.
    if let [outcome] = found.as_slice() {
        let phrase = find_in(&doc.article.text, sentence, &event.summary).unwrap_or(sentence);
        readings.push(Reading::new(
            doc,
            String::new(),
            OUTCOME,
            outcome.to_string(),
            phrase,
            sentence,
        ));
    }
    Some(Sighting {
        story: corpus.story(&doc.article.id).map(str::to_string),
        family: family(event.kind),
        names,
        range,
        place: place.map(str::to_lowercase),
        readings,
    })
}

/// Matches sightings into events and returns their readings with the event as subject
/// ("meeting: A, B, C"; with the first day when the same people meet more than once).
pub(super) fn identify(sightings: Vec<Sighting>) -> Vec<Reading> {
    let mut groups: BTreeMap<(Option<String>, &'static str), Vec<Sighting>> = BTreeMap::new();
    for s in sightings {
        groups
            .entry((s.story.clone(), s.family))
            .or_default()
            .push(s);
    }
    let mut out = Vec::new();
    for ((_, family), group) in groups {
        let sets: BTreeSet<BTreeSet<String>> = group.iter().map(|s| s.names.clone()).collect();
        let maximal: Vec<&BTreeSet<String>> = sets
            .iter()
            .filter(|s| !sets.iter().any(|o| o != *s && s.is_subset(o)))
            .collect();
        let mut by_people: BTreeMap<BTreeSet<String>, Vec<Sighting>> = BTreeMap::new();
        for s in group {
            let containing: Vec<&&BTreeSet<String>> =
                maximal.iter().filter(|m| s.names.is_subset(m)).collect();
            let key = match containing.as_slice() {
                [only] if s.names.len() >= 2 => (**only).clone(),
                _ => s.names.clone(),
            };
            by_people.entry(key).or_default().push(s);
        }
        for (people, sightings) in by_people {
            let base = format!(
                "{family}: {}",
                people
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let clusters = cluster_by_date(sightings);
            let several = clusters.len() > 1;
            for (first_day, members) in clusters {
                let subject = match first_day {
                    Some(day) if several => format!("{base} ({day})"),
                    _ => base.clone(),
                };
                for mut reading in members.into_iter().flat_map(|s| s.readings) {
                    reading.subject = subject.clone();
                    out.push(reading);
                }
            }
        }
    }
    out
}

/// Splits sightings of the same people into events by date; undated sightings join the only
/// event, or the one event held at their place, and are dropped when that is ambiguous.
fn cluster_by_date(mut sightings: Vec<Sighting>) -> Vec<(Option<NaiveDate>, Vec<Sighting>)> {
    sightings.sort_by_key(|s| s.range.map(|r| r.0));
    let (dated, undated): (Vec<Sighting>, Vec<Sighting>) =
        sightings.into_iter().partition(|s| s.range.is_some());
    let mut clusters: Vec<(NaiveDate, NaiveDate, Vec<Sighting>)> = Vec::new();
    for s in dated {
        let Some((start, end)) = s.range else {
            continue;
        };
        match clusters.last_mut() {
            Some((_, last_end, members))
                if last_end
                    .checked_add_days(Days::new(SAME_EVENT_DAYS))
                    .is_some_and(|limit| start <= limit) =>
            {
                *last_end = (*last_end).max(end);
                members.push(s);
            }
            _ => clusters.push((start, end, vec![s])),
        }
    }
    let mut out: Vec<(Option<NaiveDate>, Vec<Sighting>)> = clusters
        .into_iter()
        .map(|(start, _, members)| (Some(start), members))
        .collect();
    for s in undated {
        let target = if out.len() <= 1 {
            Some(0)
        } else {
            let at_place: Vec<usize> = out
                .iter()
                .enumerate()
                .filter(|(_, (_, members))| {
                    members
                        .iter()
                        .any(|m| same_place(m.place.as_deref(), s.place.as_deref()))
                })
                .map(|(i, _)| i)
                .collect();
            match at_place.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        };
        match (target, out.is_empty()) {
            (Some(_), true) => out.push((None, vec![s])),
            (Some(i), false) => {
                if let Some((_, members)) = out.get_mut(i) {
                    members.push(s);
                }
            }
            (None, _) => {}
        }
    }
    out
}

/// True when both places are known and one names the other.
fn same_place(a: Option<&str>, b: Option<&str>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.contains(b) || b.contains(a))
}

#[cfg(test)]
mod tests {
    use super::super::ledger;
    use super::super::tests::{doc, story};
    use dragoman_model::{Event, EventKind, EventStatus, Fact, Source, Span, TimeExpr};

    fn event(
        d: &dragoman_model::Doc,
        kind: EventKind,
        names: &[&str],
        date: Option<&str>,
        place: Option<&str>,
    ) -> Event {
        let span = d.sentences.first().map_or(Span::new(0, 0), |s| s.span);
        Event {
            kind,
            summary: d.article.text.clone(),
            participants: Vec::new(),
            participant_names: names.iter().map(|n| n.to_string()).collect(),
            participant_spans: Vec::new(),
            place: place.map(str::to_string),
            date: date.map(|v| TimeExpr {
                span,
                text: v.to_string(),
                value: Some(v.to_string()),
                precision: None,
                start: None,
                end: None,
                anchor: None,
                relative: true,
            }),
            status: EventStatus::Happened,
            sources: vec![Source::new(d.article.id.clone(), span)],
            story: None,
        }
    }

    fn dates(facts: &[Fact]) -> Vec<(String, String)> {
        facts
            .iter()
            .filter(|f| f.attribute == "date")
            .map(|f| (f.subject.clone(), f.value.clone()))
            .collect()
    }

    #[test]
    fn subsets_of_participants_and_kinds_of_gathering_match() {
        let mut a = doc(
            "a",
            "Alpha",
            &["Ann Lee met Bo Chan and Cy Dorn on Thursday."],
        );
        let mut b = doc(
            "b",
            "Beta",
            &["Lee and Chan held talks on Wednesday and agreed on a text."],
        );
        let ea = event(
            &a,
            EventKind::Meeting,
            &["Ann Lee", "Bo Chan", "Cy Dorn"],
            Some("2025-12-04"),
            Some("Miami"),
        );
        let eb = event(
            &b,
            EventKind::Talks,
            &["Ann Lee", "Bo Chan"],
            Some("2025-12-03"),
            None,
        );
        a.events.push(ea);
        b.events.push(eb);
        let facts = ledger(&[a, b], &[], &[story("s1", &["a", "b"])], &[]);
        let subject = "meeting: Ann Lee, Bo Chan, Cy Dorn".to_string();
        assert_eq!(
            dates(&facts),
            [
                (subject.clone(), "2025-12-03".into()),
                (subject.clone(), "2025-12-04".into())
            ]
        );
        assert!(
            facts
                .iter()
                .any(|f| f.attribute == "outcome" && f.value == "agreed" && f.subject == subject)
        );
        assert!(!crate::contradictions::find(&facts).is_empty());
    }

    #[test]
    fn meetings_weeks_apart_are_different_events() {
        let mut a = doc("a", "Alpha", &["Lee met Chan in the capital."]);
        let mut b = doc("b", "Beta", &["Lee met Chan again in the port city."]);
        let ea = event(
            &a,
            EventKind::Meeting,
            &["Ann Lee", "Bo Chan"],
            Some("2025-08-15"),
            Some("the capital"),
        );
        let eb = event(
            &b,
            EventKind::Meeting,
            &["Ann Lee", "Bo Chan"],
            Some("2025-12-02"),
            Some("the port city"),
        );
        a.events.push(ea);
        b.events.push(eb);
        let facts = ledger(&[a, b], &[], &[story("s1", &["a", "b"])], &[]);
        let subjects: Vec<String> = dates(&facts).into_iter().map(|d| d.0).collect();
        assert_eq!(
            subjects,
            [
                "meeting: Ann Lee, Bo Chan (2025-08-15)",
                "meeting: Ann Lee, Bo Chan (2025-12-02)"
            ]
        );
        assert!(crate::contradictions::find(&facts).is_empty());
    }
}
