//! Events: meetings, talks, summits, visits, calls, statements, proposals, agreements,
//! attacks, interceptions, sanctions, aid — found from trigger words in
//! `data/lexicons/events.toml`, with participants, place, date and status.
//!
//! Status comes from the words around the trigger, checked in this order: **denied** ("did
//! not meet", "no talks", "cancelled", "postponed", "called off" — a cancelled or postponed
//! event is reported as denied), **planned** ("will", "is set to", "next", "scheduled", or a
//! date after the article's own), **proposed** ("could", "may", "is open to", "proposed",
//! "pushing for"), **ongoing** ("are holding talks", "continue"), else **happened**.
//!
//! [`plover`] scores sentence typing against PLOVER-coded records.

pub mod plover;

use std::collections::HashSet;

use chrono::Days;
use dragoman_model::{Doc, Event, EventKind, EventStatus, Kind, Precision, Span, TimeExpr};
use serde::Deserialize;

use crate::NlpError;
use crate::quotes::words::{self, Keywords, Phrases, Word};

pub use plover::{PloverEvent, PloverScores, eval_plover};

/// The embedded event lexicon.
const EVENTS_TOML: &str = include_str!("../../../data/lexicons/events.toml");

/// Longest summary, in characters.
const MAX_SUMMARY: usize = 200;

/// How many words before and after a trigger are searched for status cues.
const STATUS_WINDOW: usize = 6;

/// The event lexicon as written.
#[derive(Debug, Deserialize)]
struct EventFile {
    trigger: Vec<TriggerEntry>,
    status: StatusEntry,
    /// Verbs of saying: a date right after one ("said on Monday") dates the report of an
    /// event, not the event (unless the event is the statement itself).
    #[serde(default)]
    reporting: Vec<String>,
    /// Words after such a date that make what follows the occasion of the statement ("said
    /// on Monday after talks"), the same day.
    #[serde(default)]
    occasions: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct TriggerEntry {
    kind: EventKind,
    #[serde(default)]
    plover: Option<String>,
    #[serde(default = "yes")]
    report: bool,
    phrases: Vec<String>,
}

/// Serde default for flags that are on unless switched off.
fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
struct StatusEntry {
    denied: Vec<String>,
    planned: Vec<String>,
    proposed: Vec<String>,
    ongoing: Vec<String>,
}

/// What a trigger reports.
#[derive(Debug, Clone)]
struct Trigger {
    kind: EventKind,
    plover: Option<String>,
    /// False for triggers used only to type sentences, never reported as events.
    report: bool,
}

/// A trigger found in a sentence: its first word, length in words and meaning.
struct Hit<'t> {
    at: usize,
    len: usize,
    trigger: &'t Trigger,
}

/// Finds events.
pub struct EventFinder {
    triggers: Keywords<Trigger>,
    status: Vec<(EventStatus, Phrases<()>)>,
    /// Lowercase verbs of saying.
    reporting: HashSet<String>,
    /// Lowercase words introducing the occasion of a statement.
    occasions: HashSet<String>,
}

impl EventFinder {
    /// A finder with the embedded event lexicon.
    pub fn embedded() -> Result<Self, NlpError> {
        Self::from_toml_str(EVENTS_TOML)
    }

    /// A finder with an event lexicon in the schema of `data/lexicons/events.toml`.
    pub fn from_toml_str(text: &str) -> Result<Self, NlpError> {
        let file: EventFile = words::parse_lexicon("events.toml", text)?;
        let mut triggers = Keywords::default();
        for entry in file.trigger {
            let trigger = Trigger {
                kind: entry.kind,
                plover: entry.plover.map(|p| p.trim().to_uppercase()),
                report: entry.report,
            };
            for phrase in &entry.phrases {
                triggers.insert(phrase, trigger.clone());
            }
        }
        let phrases = |list: &[String]| {
            let mut p = Phrases::default();
            for entry in list {
                p.insert(entry, ());
            }
            p
        };
        Ok(EventFinder {
            triggers,
            status: vec![
                (EventStatus::Denied, phrases(&file.status.denied)),
                (EventStatus::Planned, phrases(&file.status.planned)),
                (EventStatus::Proposed, phrases(&file.status.proposed)),
                (EventStatus::Ongoing, phrases(&file.status.ongoing)),
            ],
            reporting: file.reporting.iter().map(|w| w.to_lowercase()).collect(),
            occasions: file.occasions.iter().map(|w| w.to_lowercase()).collect(),
        })
    }

    /// The events of a document whose sentences, mentions and times are set.
    pub fn find(&self, doc: &Doc) -> Vec<Event> {
        self.find_in(doc, &words::Tokens::new(doc, &doc.article.text))
    }

    /// [`EventFinder::find`] over words already split.
    pub(crate) fn find_in(&self, doc: &Doc, tokens: &words::Tokens) -> Vec<Event> {
        let mut out = Vec::new();
        for (unit, ws) in tokens.iter() {
            let mut kinds = Vec::new();
            for hit in self.hits(ws) {
                // One event per kind and sentence: "met … for talks" is one meeting.
                if !hit.trigger.report || kinds.contains(&hit.trigger.kind) {
                    continue;
                }
                kinds.push(hit.trigger.kind);
                out.push(self.event(doc, unit, ws, &hit));
            }
        }
        out
    }

    /// The PLOVER category of `sentence` (see [`EventFinder::plover_event`]).
    pub fn plover_category(&self, sentence: &str) -> Option<&str> {
        let ws = words::words(sentence, Span::new(0, sentence.len()));
        self.plover_hit(&ws).map(|(_, category)| category)
    }

    /// The trigger that codes a sentence, with its PLOVER category: the first trigger that
    /// has one (a noun after an article counts: "began a hunger strike"); a cooperative
    /// trigger under a negation or refusal ("would not meet", "refused to sign") codes a
    /// rejection.
    fn plover_hit<'s>(&'s self, ws: &[Word]) -> Option<(Hit<'s>, &'s str)> {
        let hits: Vec<Hit<'s>> = self
            .scan(ws, true)
            .into_iter()
            .filter(|h| h.trigger.plover.is_some())
            .collect();
        // Unconventional violence named anywhere ("killed in a car bomb") codes the
        // sentence rather than the generic fighting word before it.
        let assault = hits
            .iter()
            .position(|h| h.trigger.plover.as_deref() == Some("ASSAULT"));
        let first_fight = hits
            .first()
            .filter(|h| h.trigger.plover.as_deref() == Some("FIGHT"));
        let pick = match (first_fight, assault) {
            (Some(_), Some(k)) => k,
            _ => 0,
        };
        let hit = hits.into_iter().nth(pick)?;
        let category = hit.trigger.plover.as_deref()?;
        // "will impose", "could halt", "threatened to expel": a coercive act announced for
        // the future is a threat.
        let coercive = matches!(
            category,
            "SANCTION" | "COERCE" | "ASSAULT" | "FIGHT" | "MOBILIZE"
        );
        let future = (hit.at.saturating_sub(3)..hit.at)
            .filter_map(|k| ws.get(k))
            .any(|w| {
                matches!(
                    w.lower.as_str(),
                    "will"
                        | "would"
                        | "may"
                        | "might"
                        | "could"
                        | "threatened"
                        | "threatens"
                        | "prepared"
                        | "ready"
                ) || w.lower == "'ll"
            });
        if coercive && future {
            return Some((hit, "THREATEN"));
        }
        let cooperative = matches!(
            category,
            "AGREE" | "CONSULT" | "SUPPORT" | "COOPERATE" | "AID" | "CONCEDE" | "RETREAT"
        );
        let refused = (hit.at.saturating_sub(3)..hit.at)
            .filter_map(|k| ws.get(k))
            .any(|w| {
                matches!(
                    w.lower.as_str(),
                    "not" | "never" | "refused" | "refuses" | "refusing" | "declined" | "declines"
                ) || w.lower.ends_with("n't")
            });
        Some((
            hit,
            if cooperative && refused {
                "REJECT"
            } else {
                category
            },
        ))
    }

    /// Codes a sentence given as plain text, PLOVER-style, with actors taken from
    /// capitalised phrases (see [`EventFinder::plover_event`]).
    pub fn plover_sentence(&self, sentence: &str) -> PloverEvent {
        let article = dragoman_model::Article::from_paragraphs("plover", [sentence]);
        self.plover_event(&Doc::new(article))
    }

    /// Codes a one-sentence document PLOVER-style: the category of the first trigger that
    /// has one; the source is the first actor before that trigger (the agent after "by" in
    /// a passive), the target the first other actor after it. Actors are the document's
    /// person, organisation, government and place mentions, or its capitalised phrases
    /// when it has no mentions.
    pub fn plover_event(&self, doc: &Doc) -> PloverEvent {
        let text = doc.article.text.as_str();
        let ws = words::words(text, Span::new(0, text.len()));
        let Some((hit, category)) = self.plover_hit(&ws) else {
            return PloverEvent::default();
        };
        let (Some(first), Some(last)) = (ws.get(hit.at), ws.get(hit.at + hit.len - 1)) else {
            return PloverEvent::default();
        };
        let actors = actor_spans(doc, &ws);
        let before = actors.iter().find(|a| a.end <= first.span.start).copied();
        let after = |from: usize, not: Option<Span>| {
            actors
                .iter()
                .find(|a| a.start >= from && Some(**a) != not)
                .copied()
        };
        let passive = ws.get(hit.at + hit.len).is_some_and(|w| w.lower == "by");
        let (source, target) = if passive {
            let agent = after(last.span.end, None);
            (agent.or(before), before.filter(|_| agent.is_some()))
        } else {
            (before, after(last.span.end, before))
        };
        let slice = |s: Option<Span>| s.map(|s| s.slice(text).to_string());
        PloverEvent {
            category: Some(category.to_string()),
            source: slice(source),
            target: slice(target),
        }
    }

    /// The triggers of a sentence, left to right, not overlapping.
    fn hits<'s>(&'s self, ws: &[Word]) -> Vec<Hit<'s>> {
        self.scan(ws, false)
    }

    /// The triggers of a sentence, left to right, not overlapping; with `any_noun`, every
    /// trigger after an article counts, else only those of event kinds that are nouns.
    fn scan<'s>(&'s self, ws: &[Word], any_noun: bool) -> Vec<Hit<'s>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            match self.triggers.match_at(ws, i) {
                Some((len, trigger))
                    if any_noun
                        || !words::follows_determiner(ws, i)
                        || is_noun_trigger(trigger) =>
                {
                    out.push(Hit {
                        at: i,
                        len,
                        trigger,
                    });
                    i += len;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Builds the event of one trigger.
    fn event(&self, doc: &Doc, unit: Span, ws: &[Word], hit: &Hit) -> Event {
        let text = doc.article.text.as_str();
        let trigger_span = Span::new(
            ws.get(hit.at).map_or(unit.start, |w| w.span.start),
            ws.get(hit.at + hit.len - 1)
                .map_or(unit.end, |w| w.span.end),
        );
        let place = place_in(doc, unit, ws, hit);
        let mut participant_names = Vec::new();
        let mut participant_spans = Vec::new();
        for m in doc.mentions.iter().filter(|m| unit.contains(m.span)) {
            let can_take_part = matches!(
                m.kind,
                Kind::Person | Kind::Gpe | Kind::Government | Kind::Organization
            );
            if can_take_part
                && place.as_ref().is_none_or(|(_, span)| *span != m.span)
                && !is_setting(ws, m)
                && !participant_names.contains(&m.text)
            {
                participant_names.push(m.text.clone());
                participant_spans.push(m.span);
            }
        }
        // "Talks ended without a deal, the ministry said on Monday": the attribution dates the
        // report, not the event. ("Said on Monday, after a call with ...": an event told as
        // the occasion of the statement is of the same day.)
        let reported = |t: &TimeExpr| {
            hit.trigger.kind != EventKind::Statement
                && self.said_on(ws, t.span)
                && !self.occasion_of_statement(ws, t.span, trigger_span)
        };
        let mut date = date_in(doc, unit, trigger_span, reported);
        let status = self.status(doc, ws, hit, date.as_ref());
        if let Some(d) = date.as_mut() {
            align_weekday(d, status);
        }
        Event {
            kind: hit.trigger.kind,
            summary: summary(
                unit.slice(text),
                trigger_span.start.saturating_sub(unit.start),
            ),
            participants: Vec::new(),
            participant_names,
            participant_spans,
            place: place.map(|(name, _)| name),
            date,
            status,
            sources: vec![doc.source(unit)],
            story: None,
        }
    }

    /// True when the time at `time` comes right after a verb of saying, over an "on" ("said on
    /// Monday"); a verb further away ("told reporters on Friday") is not looked for.
    fn said_on(&self, ws: &[Word], time: Span) -> bool {
        let before = ws
            .iter()
            .rev()
            .skip_while(|w| w.span.start >= time.start)
            .find(|w| w.lower != "on" && !w.is_punct());
        before.is_some_and(|w| self.reporting.contains(&w.lower))
    }

    /// True when the trigger comes after a time and the time is followed by a word that
    /// makes what follows the occasion of a statement ("said on Monday, after talks").
    fn occasion_of_statement(&self, ws: &[Word], time: Span, trigger: Span) -> bool {
        trigger.start > time.start
            && ws
                .iter()
                .find(|w| w.span.start >= time.end && !w.is_punct())
                .is_some_and(|w| self.occasions.contains(&w.lower))
    }

    /// The status from the words around the trigger and the date.
    fn status(&self, doc: &Doc, ws: &[Word], hit: &Hit, date: Option<&TimeExpr>) -> EventStatus {
        let from = hit.at.saturating_sub(STATUS_WINDOW);
        let to = (hit.at + hit.len + STATUS_WINDOW).min(ws.len());
        // Stop the window at a clause boundary before the trigger.
        let from = (from..hit.at)
            .rev()
            .find(|&k| {
                ws.get(k)
                    .is_some_and(|w| matches!(w.text, "," | ";" | ":" | "—"))
            })
            .map_or(from, |k| k + 1);
        for (status, cues) in &self.status {
            let found = (from..to).any(|k| {
                cues.match_at(ws, k, false)
                    .is_some_and(|(len, _)| k + len <= to)
            });
            if found {
                return *status;
            }
        }
        let progressive = hit
            .at
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| matches!(w.lower.as_str(), "is" | "are"))
            && ws.get(hit.at).is_some_and(|w| w.lower.ends_with("ing"));
        if progressive {
            return EventStatus::Ongoing;
        }
        let future = match (date.and_then(|d| d.start), doc.article.date()) {
            (Some(start), Some(published)) => start > published,
            _ => false,
        };
        if future {
            EventStatus::Planned
        } else {
            EventStatus::Happened
        }
    }
}

/// Whether a mention names a setting rather than an actor: a place after a locative
/// preposition ("in Geneva", "near the border") or an outlet reporting the story ("told
/// Reuters", "according to Reuters", "Reuters reported").
fn is_setting(ws: &[Word], m: &dragoman_model::Mention) -> bool {
    let Some(idx) = ws.iter().position(|w| w.span.start >= m.span.start) else {
        return false;
    };
    let before = |k: usize| {
        idx.checked_sub(k)
            .and_then(|p| ws.get(p))
            .map(|w| w.lower.as_str())
    };
    let mut b1 = before(1);
    let mut shift = 1;
    if b1 == Some("the") {
        shift = 2;
        b1 = before(2);
    }
    let locative = matches!(m.kind, Kind::Gpe | Kind::Location)
        && matches!(
            b1,
            Some("in" | "at" | "near" | "from" | "outside" | "into" | "across")
        );
    let b2 = before(shift + 1);
    let outlet_before = matches!(b1, Some("told")) || (b1 == Some("to") && b2 == Some("according"));
    let after = ws
        .iter()
        .find(|w| w.span.start >= m.span.end)
        .map(|w| w.lower.as_str());
    let outlet_after = matches!(after, Some("reported" | "reports" | "reporting"));
    locative || (m.kind == Kind::Organization && (outlet_before || outlet_after))
}

/// Triggers that are nouns ("the summit", "a deal") and so may follow a determiner.
fn is_noun_trigger(trigger: &Trigger) -> bool {
    !matches!(trigger.kind, EventKind::Other | EventKind::Statement)
}

/// A GPE or location named right after "in", "at" or "to" (visits prefer "to").
fn place_in(doc: &Doc, unit: Span, ws: &[Word], hit: &Hit) -> Option<(String, Span)> {
    let kind = hit.trigger.kind;
    let preps: &[&str] = if kind == EventKind::Visit {
        &["to", "in", "at"]
    } else {
        &["in", "at", "to"]
    };
    let mut best: Option<(usize, &dragoman_model::Mention)> = None;
    for m in doc.mentions.iter().filter(|m| unit.contains(m.span)) {
        if !matches!(m.kind, Kind::Gpe | Kind::Location) {
            continue;
        }
        let Some(idx) = ws.iter().position(|w| w.span.start >= m.span.start) else {
            continue;
        };
        let k = settlement_phrase_start(ws, idx);
        let Some(prep) = k.checked_sub(1).and_then(|p| ws.get(p)) else {
            continue;
        };
        // "talks to end the war in Ukraine": the place of a war, a crisis or a peace is the
        // background, not where a meeting is held.
        let background = k
            .checked_sub(2)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| BACKGROUND_NOUNS.contains(&w.lower.as_str()));
        if background && kind != EventKind::Attack {
            continue;
        }
        // "visited Canberra": a visit's direct object is its place; so is a strike's ("drones
        // hit the port city of Varna", "missiles struck Dnipro").
        let visited = kind == EventKind::Visit && prep.lower.starts_with("visit");
        let struck = matches!(kind, EventKind::Attack) && k == hit.at + hit.len;
        let rank = if visited || struck {
            Some(0)
        } else {
            preps.iter().position(|p| *p == prep.lower)
        };
        if let Some(rank) = rank
            && best.is_none_or(|(r, _)| rank < r)
        {
            best = Some((rank, m));
        }
    }
    best.map(|(_, m)| (m.text.clone(), m.span))
}

/// Nouns whose place ("the war in X") is a setting rather than where an event happens.
const BACKGROUND_NOUNS: [&str; 7] = [
    "war",
    "conflict",
    "crisis",
    "peace",
    "fighting",
    "violence",
    "situation",
];

/// Where the phrase naming the place at word `at` starts: before "the", and before "the
/// western city of" / "the port of" / "the Kherson region's town of" kinds of lead-ins, so the
/// word before it is the preposition or verb that governs the place.
fn settlement_phrase_start(ws: &[Word], at: usize) -> usize {
    const SETTLEMENTS: [&str; 9] = [
        "city", "town", "village", "port", "region", "province", "district", "capital", "area",
    ];
    let word = |i: usize| ws.get(i).map_or("", |w| w.lower.as_str());
    let determiner = |i: usize| matches!(word(i), "the" | "a");
    let mut k = at;
    if k >= 2 && word(k - 1) == "of" && SETTLEMENTS.contains(&word(k - 2)) {
        k -= 2;
        // Up to two lowercase modifiers between a determiner and the settlement noun: "the
        // western port city of".
        let modifier = |i: usize| {
            let w = word(i);
            !w.is_empty() && w.chars().all(char::is_lowercase) && !determiner(i)
        };
        if k >= 2 && modifier(k - 1) && determiner(k - 2) {
            k -= 1;
        } else if k >= 3 && modifier(k - 1) && modifier(k - 2) && determiner(k - 3) {
            k -= 2;
        }
    }
    if k > 0 && determiner(k - 1) {
        k -= 1;
    }
    k
}

/// The time expression of the sentence nearest to the trigger, leaving out a dateline's date
/// and those `reported` says date the report (the day of the report, not of the event). A
/// whole year ("this year", "in 2024") is taken only when the sentence has no finer date: it
/// is usually a frame ("the deadliest strike this year"), not the event's day.
fn date_in(
    doc: &Doc,
    unit: Span,
    trigger: Span,
    reported: impl Fn(&TimeExpr) -> bool,
) -> Option<TimeExpr> {
    doc.times
        .iter()
        .filter(|t| unit.contains(t.span) && !in_dateline(&doc.article.text, unit, t.span))
        .filter(|t| !reported(t))
        .min_by_key(|t| {
            (
                t.precision == Some(Precision::Year),
                t.span.start.abs_diff(trigger.start),
            )
        })
        .cloned()
}

/// True for a date written in a dateline at the head of a sentence: after nothing but a place
/// in capitals and a comma ("OSLO, March 4 (Agency) -", "LIMA/QUITO, 4 March. /Agency/.").
fn in_dateline(text: &str, unit: Span, time: Span) -> bool {
    let Some(head) = text.get(unit.start..time.start) else {
        return false;
    };
    let head = head.trim_end();
    head.ends_with(',')
        && head.chars().any(char::is_uppercase)
        && !head.chars().any(char::is_lowercase)
}

/// Bare weekdays of a relative date, as written ("on Thursday").
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A bare weekday ("on Thursday") resolved before the article's date for an event that its
/// words say is planned moves a week on: "will meet on Thursday" in a Wednesday article is
/// the next day, whatever the tense of another verb nearby. (An event dated after the article
/// is planned already.) Weekdays shifted in words ("last Thursday", "next Friday") are left
/// as resolved.
fn align_weekday(date: &mut TimeExpr, status: EventStatus) {
    let lower = date.text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let bare = matches!(words.as_slice(), [w] | ["on", w] if WEEKDAYS.contains(w));
    let (Some(anchor), Some(start), Some(end)) = (date.anchor, date.start, date.end) else {
        return;
    };
    if !date.relative || !bare || start != end || date.precision != Some(Precision::Day) {
        return;
    }
    if status != EventStatus::Planned || start >= anchor {
        return;
    }
    if let Some(day) = start.checked_add_days(Days::new(7)) {
        date.start = Some(day);
        date.end = Some(day);
        date.value = Some(day.format("%Y-%m-%d").to_string());
    }
}

/// The sentence, or a window of it around byte `at` cut at word boundaries, at most
/// [`MAX_SUMMARY`] characters.
fn summary(sentence: &str, at: usize) -> String {
    if sentence.chars().count() <= MAX_SUMMARY {
        return sentence.to_string();
    }
    let mut start = at.saturating_sub(MAX_SUMMARY / 3).min(sentence.len());
    while start > 0 && !sentence.is_char_boundary(start) {
        start -= 1;
    }
    let tail = sentence.get(start..).unwrap_or(sentence);
    // Start at a word.
    let tail = if start > 0 {
        tail.split_once(' ').map_or(tail, |(_, rest)| rest)
    } else {
        tail
    };
    let mut out = String::new();
    for word in tail.split(' ') {
        if out.chars().count() + word.chars().count() + 2 > MAX_SUMMARY {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// The spans of the actors a sentence names, in order: its person, organisation,
/// government, place and nationality mentions, or, when it has none, its runs of capitalised words
/// ("of" allowed inside: "King Hassan of Morocco").
fn actor_spans(doc: &Doc, ws: &[Word]) -> Vec<Span> {
    let mentioned: Vec<Span> = doc
        .mentions
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                Kind::Person
                    | Kind::Organization
                    | Kind::Government
                    | Kind::Gpe
                    | Kind::Location
                    | Kind::Norp
            )
        })
        .map(|m| m.span)
        .collect();
    if !mentioned.is_empty() {
        return mentioned;
    }
    let mut out = Vec::new();
    let mut run: Option<Span> = None;
    for (i, w) in ws.iter().enumerate() {
        let inner =
            w.lower == "of" && run.is_some() && ws.get(i + 1).is_some_and(Word::is_capitalized);
        // A capitalised function word opening the sentence ("The convoy") names no one.
        let function = run.is_none()
            && matches!(
                w.lower.as_str(),
                "the" | "a" | "an" | "in" | "on" | "at" | "after" | "but" | "and" | "it" | "this"
            );
        if (w.is_capitalized() && !function) || inner {
            run = Some(run.map_or(w.span, |r| Span::new(r.start, w.span.end)));
        } else {
            out.extend(run.take());
        }
    }
    out.extend(run);
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod held_out;
