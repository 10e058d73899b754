//! Event facts: the date, place and outcome of an event, under a subject that names the same
//! event the same way in every article of a story.
//!
//! Outlets name different subsets of the participants ("Rubio and Yermak" vs "Rubio,
//! Vance and Yermak") and call one gathering a meeting, talks or a summit. Sightings of events
//! of one story are therefore matched: same family of kind, participants contained in one
//! single larger set, and dates at most a week apart (a negotiation holds many meetings of the
//! same people; dates further apart are other meetings, not a contradiction).

use std::collections::{BTreeMap, BTreeSet, HashMap};

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
        EventKind::Vote => "vote",
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
    let found = lex.outcomes_in(&doc.article.text, sentence);
    let outcomes: BTreeSet<&str> = found.iter().map(|(name, _)| *name).collect();
    // Two outcomes in one sentence ("rejected claims they had agreed") are left unread.
    if let ([outcome], Some((_, phrase))) = (
        outcomes.into_iter().collect::<Vec<_>>().as_slice(),
        found.first(),
    ) {
        readings.push(Reading::new(
            doc,
            String::new(),
            OUTCOME,
            outcome.to_string(),
            *phrase,
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
        let keys = people_keys(&sets);
        let mut by_people: BTreeMap<&BTreeSet<String>, Vec<Sighting>> = BTreeMap::new();
        for s in group {
            // Every sighting's set is one of `sets`, so it always has a key.
            if let Some(&key) = keys.get(&s.names) {
                by_people.entry(key).or_default().push(s);
            }
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

/// The people each set of participants stands for: the one maximal set (a set no other set
/// strictly contains) that contains it, for a set of at least two names; else the set itself.
///
/// Supersets are only looked for among the sets sharing the set's rarest name (an index from
/// names to sets), so the cost grows with the number of sets times the postings of rare
/// names, not with the square of the number of sets.
fn people_keys(
    sets: &BTreeSet<BTreeSet<String>>,
) -> BTreeMap<&BTreeSet<String>, &BTreeSet<String>> {
    let all: Vec<&BTreeSet<String>> = sets.iter().collect();
    let index = NameIndex::new(all.iter().copied().enumerate());
    let maximal: Vec<&BTreeSet<String>> = all
        .iter()
        .copied()
        .filter(|s| {
            !index
                .candidates(s)
                .filter_map(|i| all.get(i))
                .any(|o| o.len() > s.len() && s.is_subset(o))
        })
        .collect();
    let maximal_index = NameIndex::new(maximal.iter().copied().enumerate());
    all.iter()
        .map(|&s| {
            let mut containing = maximal_index
                .candidates(s)
                .filter_map(|i| maximal.get(i).copied())
                .filter(|m| s.is_subset(m));
            let key = match (containing.next(), containing.next()) {
                (Some(only), None) if s.len() >= 2 => only,
                _ => s,
            };
            (s, key)
        })
        .collect()
}

/// Which sets hold each name.
struct NameIndex<'a> {
    postings: HashMap<&'a str, Vec<usize>>,
}

impl<'a> NameIndex<'a> {
    fn new(sets: impl Iterator<Item = (usize, &'a BTreeSet<String>)>) -> Self {
        let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, set) in sets {
            for name in set {
                postings.entry(name.as_str()).or_default().push(i);
            }
        }
        NameIndex { postings }
    }

    /// The sets that may contain `set`: those holding its rarest name (none for the empty set,
    /// which no sighting has).
    fn candidates(&self, set: &BTreeSet<String>) -> impl Iterator<Item = usize> + '_ {
        set.iter()
            .map(|name| {
                self.postings
                    .get(name.as_str())
                    .map_or(&[][..], Vec::as_slice)
            })
            .min_by_key(|list| list.len())
            .unwrap_or(&[])
            .iter()
            .copied()
    }
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
    // The places of each event, and the event an undated sighting's place points to, kept
    // per place until an undated sighting brings a new place to an event.
    let mut places: Vec<BTreeSet<String>> = out
        .iter()
        .map(|(_, members)| members.iter().filter_map(|m| m.place.clone()).collect())
        .collect();
    let mut at_place: HashMap<Option<String>, Option<usize>> = HashMap::new();
    for s in undated {
        let target = if out.len() <= 1 {
            Some(0)
        } else {
            *at_place.entry(s.place.clone()).or_insert_with(|| {
                let mut held = places
                    .iter()
                    .enumerate()
                    .filter(|(_, ps)| ps.iter().any(|p| same_place(Some(p), s.place.as_deref())))
                    .map(|(i, _)| i);
                match (held.next(), held.next()) {
                    (Some(only), None) => Some(only),
                    _ => None,
                }
            })
        };
        match (target, out.is_empty()) {
            (Some(_), true) => out.push((None, vec![s])),
            (Some(i), false) => {
                let new_place = match (&s.place, places.get_mut(i)) {
                    (Some(p), Some(ps)) => ps.insert(p.clone()),
                    _ => false,
                };
                if new_place {
                    at_place.clear();
                }
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
    use super::{BTreeMap, BTreeSet, people_keys};
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

    /// The outcome contradictions between two one-sentence reports of one agreement.
    fn outcome_clash(first: &str, second: &str) -> Vec<String> {
        let mut a = doc("a", "Alpha", &[first]);
        let mut b = doc("b", "Beta", &[second]);
        let names = ["Ann Lee", "Bo Chan"];
        let ea = event(&a, EventKind::Agreement, &names, None, None);
        let eb = event(&b, EventKind::Agreement, &names, None, None);
        a.events.push(ea);
        b.events.push(eb);
        let facts = ledger(&[a, b], &[], &[story("s1", &["a", "b"])], &[]);
        crate::contradictions::find(&facts)
            .into_iter()
            .filter(|c| c.attribute == "outcome")
            .flat_map(|c| c.values.into_iter().map(|v| v.value))
            .collect()
    }

    #[test]
    fn outcomes_clash_only_when_both_state_what_became_of_the_deal() {
        assert_eq!(
            outcome_clash(
                "Lee and Chan signed the accord after a night of talks.",
                "The talks between Lee and Chan collapsed without a deal.",
            ),
            ["agreed", "failed"]
        );
        // A condition on a future signature and a failure to do something else state no
        // outcome of the deal.
        assert!(
            outcome_clash(
                "Lee insisted that any deal with Chan be signed by an elected parliament.",
                "Chan said Lee would reject a deal that gave up land his troops failed to take.",
            )
            .is_empty()
        );
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

    /// Sets of names drawn from a small pool by a fixed linear congruential sequence.
    fn name_sets(n: usize, pool: usize) -> BTreeSet<BTreeSet<String>> {
        let mut state: u64 = 0x2545_f491;
        let mut next = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % below.max(1)
        };
        (0..n)
            .map(|_| {
                let size = 1 + next(4);
                (0..size).map(|_| format!("P{}", next(pool))).collect()
            })
            .collect()
    }

    /// The grouping as first written: every set against every set.
    fn people_keys_by_pairs(
        sets: &BTreeSet<BTreeSet<String>>,
    ) -> BTreeMap<BTreeSet<String>, BTreeSet<String>> {
        let maximal: Vec<&BTreeSet<String>> = sets
            .iter()
            .filter(|s| !sets.iter().any(|o| o != *s && s.is_subset(o)))
            .collect();
        sets.iter()
            .map(|s| {
                let containing: Vec<&&BTreeSet<String>> =
                    maximal.iter().filter(|m| s.is_subset(m)).collect();
                let key = match containing.as_slice() {
                    [only] if s.len() >= 2 => (**only).clone(),
                    _ => s.clone(),
                };
                (s.clone(), key)
            })
            .collect()
    }

    #[test]
    fn the_name_index_keeps_the_grouping_of_all_pairs() {
        let mut merged = 0;
        for (n, pool) in [(5, 4), (40, 6), (300, 12), (600, 40)] {
            let sets = name_sets(n, pool);
            let indexed: BTreeMap<BTreeSet<String>, BTreeSet<String>> = people_keys(&sets)
                .into_iter()
                .map(|(s, k)| (s.clone(), k.clone()))
                .collect();
            let pairs = people_keys_by_pairs(&sets);
            assert_eq!(indexed, pairs, "{n} sets of {pool} names");
            merged += indexed.iter().filter(|(s, k)| s != k).count();
        }
        assert!(merged > 0, "the samples exercise merging");
    }

    #[test]
    fn undated_sightings_join_the_event_at_their_place() {
        let mut a = doc("a", "Alpha", &["Lee met Chan in Geneva."]);
        let mut b = doc("b", "Beta", &["Lee met Chan in Oslo."]);
        let mut c = doc(
            "c",
            "Gamma",
            &["Lee and Chan met in Geneva, officials said."],
        );
        let mut d = doc("d", "Delta", &["Lee and Chan met again in Geneva."]);
        let names = ["Ann Lee", "Bo Chan"];
        a.events.push(event(
            &a,
            EventKind::Meeting,
            &names,
            Some("2025-08-15"),
            Some("Geneva"),
        ));
        b.events.push(event(
            &b,
            EventKind::Meeting,
            &names,
            Some("2025-12-02"),
            Some("Oslo"),
        ));
        c.events
            .push(event(&c, EventKind::Meeting, &names, None, Some("Geneva")));
        d.events
            .push(event(&d, EventKind::Meeting, &names, None, Some("Geneva")));
        let facts = ledger(
            &[a, b, c, d],
            &[],
            &[story("s1", &["a", "b", "c", "d"])],
            &[],
        );
        let geneva: Vec<(&str, Vec<String>)> = facts
            .iter()
            .filter(|f| f.attribute == "place")
            .map(|f| (f.subject.as_str(), f.outlets.clone()))
            .collect();
        assert_eq!(
            geneva,
            [
                (
                    "meeting: Ann Lee, Bo Chan (2025-08-15)",
                    vec!["Alpha".to_string(), "Delta".into(), "Gamma".into()]
                ),
                (
                    "meeting: Ann Lee, Bo Chan (2025-12-02)",
                    vec!["Beta".to_string()]
                ),
            ]
        );
    }

    /// `cargo test -p dragoman-story --release --lib event_grouping_throughput -- --ignored
    /// --nocapture`: the indexed grouping against all pairs on many sets of participants.
    #[test]
    #[ignore = "a timing, not a check"]
    fn event_grouping_throughput() {
        for n in [2_000, 8_000] {
            let sets = name_sets(n, n / 4);
            let start = std::time::Instant::now();
            let indexed = people_keys(&sets).len();
            let fast = start.elapsed();
            let start = std::time::Instant::now();
            let pairs = people_keys_by_pairs(&sets).len();
            let slow = start.elapsed();
            assert_eq!(indexed, pairs);
            println!(
                "{} sets: indexed {:.1} ms, all pairs {:.1} ms",
                sets.len(),
                fast.as_secs_f64() * 1e3,
                slow.as_secs_f64() * 1e3
            );
        }
    }
}
