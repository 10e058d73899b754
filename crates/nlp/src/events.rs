//! Events: meetings, talks, summits, visits, calls, statements, proposals, agreements,
//! attacks, interceptions, sanctions, aid, votes — found from trigger words in
//! `data/lexicons/events.toml`, with participants, place, date and status.
//!
//! A vote (a parliament voting, a ballot, a referendum, a motion passed) is of kind
//! [`EventKind::Vote`], with no PLOVER category (PLOVER has none for votes; approving and
//! rejecting are positions, not events). What is voted on ("voted to approve the deal",
//! "a referendum on the accord") makes no event of its own.
//!
//! The date of an event comes from its own clause. A date in the clause of another event of
//! the sentence is not taken when the sentence has several dates or when it cannot be the
//! event's (a past day for an event to come); a clause joined by "and" shares the day of the
//! one before when both are past, and a relative clause after an event noun is its own.
//!
//! Status comes from the words around the trigger, checked in this order: **denied** ("did
//! not meet", "no talks", "cancelled", "postponed", "called off" — a cancelled or postponed
//! event is reported as denied), **planned** ("will", "is set to", "next", "scheduled", or a
//! date after the article's own), **proposed** ("could", "may", "is open to", "proposed",
//! "pushing for"), **ongoing** ("are holding talks", "continue"), else **happened**.
//!
//! A trigger must report an occurrence: a noun of an event ("talks", "a deal") or a verb not in
//! a finite form ("willingness to negotiate") needs a time, a place or parties of its own, or
//! (a noun) a verb telling it happening ("held talks", "the talks collapsed"); otherwise it
//! only mentions an event ("the success of these negotiations", "hope for a ceasefire") and
//! makes none. A statement that only attributes another event of its sentence, the purpose
//! of a meeting ("met to discuss"), "any deal" and "without a deal" make no event either, and
//! an event told again ("the attack", "Monday's meeting") adds a source to the first telling.
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
    /// Past-tense verbs not ending in "-ed".
    #[serde(default)]
    past: Vec<String>,
    /// Words right before "strike" that make it a labour strike.
    #[serde(default)]
    labour_strike_after: Vec<String>,
    /// Endings of the word before "strike" that make it a labour strike ("three-day").
    #[serde(default)]
    labour_strike_suffixes: Vec<String>,
    /// Words that make a fighting word after them the object of a cessation.
    #[serde(default)]
    cessation: Vec<String>,
    /// Openings of a sentence that put its events on the day of the sentence before.
    #[serde(default)]
    same_day: Vec<String>,
    /// Nouns that name an event and need something of their own to report one.
    #[serde(default)]
    nominal: Vec<String>,
    /// Verbs that tell an event noun happening ("held talks", "talks collapsed").
    #[serde(default)]
    occurrence: Vec<String>,
    /// Adjectives of readiness that make an event noun after them an offer ("open to talks").
    #[serde(default)]
    ready: Vec<String>,
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

impl Trigger {
    /// True for a vote (ballots, referendums, parliaments voting): what is voted on is no
    /// event of its own.
    fn is_vote(&self) -> bool {
        self.kind == EventKind::Vote
    }
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
    /// Lowercase past-tense verbs not ending in "-ed".
    past: HashSet<String>,
    /// Words before "strike" that make it a labour strike.
    labour_after: HashSet<String>,
    /// Endings of the word before "strike" that make it a labour strike.
    labour_suffixes: Vec<String>,
    /// What a labour strike reports.
    labour: Trigger,
    /// Lowercase words of cessation ("halt", "pause").
    cessation: HashSet<String>,
    /// Sentence openings that mean "on the day just told" ("Hours later").
    same_day: Phrases<()>,
    /// Lowercase nouns that name an event ("talks", "deal").
    nominal: HashSet<String>,
    /// Lowercase verbs that tell an event noun happening.
    occurrence: HashSet<String>,
    /// Lowercase adjectives of readiness ("open", "willing").
    ready: HashSet<String>,
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
            reporting: lower_set(&file.reporting),
            occasions: lower_set(&file.occasions),
            past: lower_set(&file.past),
            labour_after: lower_set(&file.labour_strike_after),
            labour_suffixes: file
                .labour_strike_suffixes
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            labour: Trigger {
                kind: EventKind::Other,
                plover: Some("PROTEST".to_string()),
                report: true,
            },
            cessation: lower_set(&file.cessation),
            same_day: phrases(&file.same_day),
            nominal: lower_set(&file.nominal),
            occurrence: lower_set(&file.occurrence),
            ready: lower_set(&file.ready),
        })
    }

    /// The events of a document whose sentences, mentions and times are set.
    pub fn find(&self, doc: &Doc) -> Vec<Event> {
        self.find_in(doc, &words::Tokens::new(doc, &doc.article.text))
    }

    /// [`EventFinder::find`] over words already split.
    pub(crate) fn find_in(&self, doc: &Doc, tokens: &words::Tokens) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        // The date of the last dated event told so far.
        let mut last_date: Option<TimeExpr> = None;
        for (unit, ws) in tokens.iter() {
            let hits = self.hits(ws);
            let kept: Vec<&Hit> = hits
                .iter()
                .filter(|hit| {
                    hit.trigger.report
                        && !is_reference(doc, ws, hit)
                        && !self.ceased(ws, hit)
                        && !is_modifier(&hits, hit)
                        && !is_topic(doc, &hits, ws, hit)
                        && !self.is_purpose(&hits, ws, hit)
                        && !is_voted_on(&hits, ws, hit)
                })
                .collect();
            // The clause of each event: a date in the clause of another event is that one's.
            let clauses: Vec<Span> = kept
                .iter()
                .map(|hit| self.clause_of(ws, hit, unit))
                .collect();
            let told: Vec<(&Hit, Event)> = kept
                .iter()
                .zip(&clauses)
                .map(|(hit, clause)| {
                    let others: Vec<Span> =
                        clauses.iter().filter(|c| *c != clause).copied().collect();
                    (*hit, self.event(doc, unit, ws, hit, &others))
                })
                .collect();
            // "The attack was claimed ...", "Monday's meeting": an event told again is the
            // one told before, with one more source.
            let mut told_once = Vec::with_capacity(told.len());
            for (hit, e) in told {
                let before = self
                    .is_repeat(doc, ws, hit, &e)
                    .then(|| out.iter_mut().rev().find(|o| o.kind == e.kind))
                    .flatten();
                match before {
                    Some(first) => first.sources.push(doc.source(unit)),
                    None if self.reports_occurrence(ws, hit, &e) => told_once.push((hit, e)),
                    None => {}
                }
            }
            let told = told_once;
            let found: Vec<(Event, Option<u8>)> = without_attributions(ws, told)
                .into_iter()
                .map(|(hit, e)| (e, consult_rank(ws, hit)))
                .collect();
            let mut events = one_per_event(found);
            // "Hours later, warplanes struck …": the day of the sentence before.
            let sequel = self.same_day.match_at(ws, 0, false).is_some();
            for e in events.iter_mut().filter(|e| e.date.is_none() && sequel) {
                e.date.clone_from(&last_date);
                if e.status == EventStatus::Happened {
                    e.status = date_status(doc, e.date.as_ref());
                }
            }
            if let Some(d) = events.iter().rev().find_map(|e| e.date.clone()) {
                last_date = Some(d);
            }
            out.extend(events);
        }
        out
    }

    /// True when a trigger reports an event rather than merely mentioning one. A noun ("the
    /// talks", "a deal") or a verb not in a finite form ("willingness to negotiate") reports
    /// one with a time, a place or parties of its own ("Russia's proposal", "talks between X
    /// and Y"); a noun also when a verb tells it happening ("held talks", "the deal
    /// collapsed", "no talks have materialised"), or, when the sentence names a party, as the
    /// object of a verb or of readiness ("sought a summit", "open to talks"). "The success of
    /// these negotiations", "hope for a ceasefire" and "willingness to negotiate" make none.
    fn reports_occurrence(&self, ws: &[Word], hit: &Hit, e: &Event) -> bool {
        let nominal = self.is_nominal(ws, hit);
        if !nominal && !is_non_finite(ws, hit) {
            return true;
        }
        let (first, last) = self.own_phrase(ws, hit);
        // "any agreement", "ended without a deal": no event, whatever is around.
        let word = |k: Option<usize>| k.and_then(|k| ws.get(k)).map(|w| w.lower.as_str());
        let hypothetical = nominal
            && word(Some(first)) == Some("any")
            && !word(first.checked_sub(1)).is_some_and(|w| self.occurrence.contains(w));
        let lacking = nominal && word(first.checked_sub(1)) == Some("without");
        if hypothetical || lacking {
            return false;
        }
        if e.date.is_some() || e.place.is_some() {
            return true;
        }
        let (lo, hi) = (
            ws.get(first).map_or(0, |w| w.span.start),
            ws.get(last).map_or(0, |w| w.span.end),
        );
        if e.participant_spans
            .iter()
            .any(|s| s.start >= lo && s.end <= hi)
        {
            return true;
        }
        nominal
            && (self.occurs(ws, hit, first, last)
                || (!e.participant_spans.is_empty() && self.governed(ws, first)))
    }

    /// The first and last words of a trigger's own phrase, where parties of its own are named:
    /// back to its determiner ("a new round of talks", "Russia's latest proposal") or, with none,
    /// over the names and possessives right before it ("the EU-Mercosur talks", "Kyiv's plan"),
    /// never past a preposition or a clause break; and on over a phrase of its parties right after
    /// it ("talks with X", "a meeting between X and Y"), up to the next clause break.
    fn own_phrase(&self, ws: &[Word], hit: &Hit) -> (usize, usize) {
        let mut first = hit.at;
        let mut named = hit.at;
        let mut k = hit.at;
        while k > 0 && hit.at - k < 6 {
            let Some(w) = ws.get(k - 1) else { break };
            let round = w.lower == "of"
                && k.checked_sub(2)
                    .and_then(|p| ws.get(p))
                    .is_some_and(|r| matches!(r.lower.as_str(), "round" | "rounds" | "series"));
            let stop = is_clause_break(w)
                || (is_preposition(&w.lower) && !round)
                || matches!(w.lower.as_str(), "and" | "or" | "but")
                || (w.is_lowercase()
                    && (w.lower.ends_with("ed")
                        || w.lower.ends_with("ing")
                        || is_auxiliary(&w.lower)
                        || self.occurrence.contains(&w.lower)
                        || self.past.contains(&w.lower)
                        || self.reporting.contains(&w.lower)));
            if stop {
                break;
            }
            k -= 1;
            if is_determiner(w)
                || matches!(
                    w.lower.as_str(),
                    "any" | "another" | "no" | "its" | "their" | "his" | "her" | "our"
                )
            {
                first = k;
                break;
            }
            if named == k + 1 && !w.is_lowercase() {
                named = k;
            }
        }
        // With no determiner: over the names right before it, and back to where a lowercase
        // modifier run starts ("eventual peace deal") so the word before is what governs it.
        if first == hit.at {
            first = named.min(k);
        }
        let end = hit.at + hit.len;
        let parties = ws.get(end).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "with" | "between" | "among" | "involving" | "by" | "from"
            )
        });
        let last = if parties {
            (end + 1..(end + 9).min(ws.len()))
                .take_while(|&k| {
                    ws.get(k).is_some_and(|w| {
                        let ends = w.is_punct()
                            || is_auxiliary(&w.lower)
                            || (is_preposition(&w.lower) && w.lower != "of")
                            || REGION_STOPS.contains(&w.lower.as_str());
                        !ends
                    })
                })
                .last()
                .unwrap_or(end - 1)
        } else {
            end - 1
        };
        (first, last)
    }

    /// True when a noun trigger tells again an event told before: definite ("the attack", "the
    /// talks") or after a possessive time ("Monday's meeting"), with no time of its own but
    /// that possessive and no word making it another event ("the previous round").
    fn is_repeat(&self, doc: &Doc, ws: &[Word], hit: &Hit, e: &Event) -> bool {
        if !self.is_nominal(ws, hit) {
            return false;
        }
        let (first, _) = self.own_phrase(ws, hit);
        let phrase = ws.get(first..hit.at).unwrap_or_default();
        let definite = phrase
            .first()
            .is_some_and(|w| matches!(w.lower.as_str(), "the" | "this" | "that"));
        let possessive = |t: &TimeExpr| {
            let written = doc.article.text.get(t.span.end..).unwrap_or_default();
            let inside = phrase
                .iter()
                .any(|w| t.span.contains(w.span) || w.span.contains(t.span));
            inside
                && (t.text.ends_with("'s")
                    || t.text.ends_with("’s")
                    || written.starts_with("'s")
                    || written.starts_with("’s"))
        };
        let own_time = e.date.as_ref().is_some_and(possessive);
        let other = phrase
            .iter()
            .any(|w| NEW_EVENT_WORDS.contains(&w.lower.as_str()));
        (own_time || (definite && e.date.is_none())) && !other
    }

    /// True for a verb of an event after "to" that is the purpose of a meeting, talks, a
    /// summit, a visit or a call told before it in its clause ("met on Monday to discuss",
    /// "will hold a summit to agree on"): part of that event.
    fn is_purpose(&self, hits: &[Hit], ws: &[Word], hit: &Hit) -> bool {
        let infinitive = hit
            .at
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| w.lower == "to")
            && !self.is_nominal(ws, hit);
        infinitive
            && hits.iter().any(|h| {
                h.at < hit.at
                    && h.trigger.report
                    && consult_rank(ws, h).is_some()
                    && !ws
                        .get(h.at + h.len..hit.at)
                        .unwrap_or_default()
                        .iter()
                        .any(is_clause_break)
            })
    }

    /// True when the trigger is a noun naming an event: one of its words is in the lexicon's
    /// `nominal` list and it is not a verb after a modal or "to" ("will visit", "to call").
    fn is_nominal(&self, ws: &[Word], hit: &Hit) -> bool {
        let noun = ws
            .get(hit.at..hit.at + hit.len)
            .unwrap_or_default()
            .iter()
            .any(|w| self.nominal.contains(&w.lower));
        // "open to talks": a noun after readiness.
        let ready = hit
            .at
            .checked_sub(2)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| self.ready.contains(&w.lower));
        let verbal = hit
            .at
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| {
                (w.lower == "to" && !ready)
                    || matches!(
                        w.lower.as_str(),
                        "will"
                            | "would"
                            | "could"
                            | "may"
                            | "might"
                            | "can"
                            | "shall"
                            | "must"
                            | "should"
                            | "did"
                            | "does"
                            | "not"
                    )
                    || w.lower.ends_with("n't")
            });
        noun && !verbal
    }

    /// True when a verb tells the event of a noun trigger (its phrase from word `first` to
    /// word `last`) happening: as its object, within a few words before it in its clause and
    /// before any preposition ("held a first round of talks", "signed the deal"), or as its
    /// subject, after it over auxiliaries ("the talks collapsed", "a call between the leaders
    /// could take place", "no talks have materialised").
    fn occurs(&self, ws: &[Word], hit: &Hit, first: usize, last: usize) -> bool {
        let before = (hit.at.saturating_sub(6)..hit.at)
            .rev()
            .map_while(|k| ws.get(k))
            .take_while(|w| !is_clause_break(w) && !is_preposition(&w.lower))
            .any(|w| self.occurrence.contains(&w.lower));
        let object = first
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| self.occurrence.contains(&w.lower));
        let after = ws
            .get(last.max(hit.at + hit.len - 1) + 1..)
            .unwrap_or_default()
            .iter()
            .find(|w| !is_auxiliary(&w.lower) && !w.lower.ends_with("ly"))
            .is_some_and(|w| self.occurrence.contains(&w.lower));
        before || object || after
    }

    /// True when the phrase starting at word `first` is the object of a verb ("sought a
    /// summit", "handed Hamas a proposal") or of readiness ("open to talks"), not of a
    /// noun ("the success of", "hope for") nor a clause's subject.
    fn governed(&self, ws: &[Word], first: usize) -> bool {
        let word = |k: Option<usize>| k.and_then(|k| ws.get(k));
        let Some(before) = word(first.checked_sub(1)) else {
            return false;
        };
        if is_preposition(&before.lower) {
            return word(first.checked_sub(2)).is_some_and(|w| self.ready.contains(&w.lower));
        }
        !before.is_punct()
            && !is_auxiliary(&before.lower)
            && !is_determiner(before)
            && !REGION_STOPS.contains(&before.lower.as_str())
            && !matches!(
                before.lower.as_str(),
                "and" | "or" | "as" | "although" | "though" | "whether" | "so" | "yet" | "nor"
            )
    }

    /// True for a fighting word that is the object of a cessation ("pause the fighting", "a
    /// halt to attacks"): the ceasefire is the news, not an attack.
    fn ceased(&self, ws: &[Word], hit: &Hit) -> bool {
        hit.trigger.kind == EventKind::Attack
            && (hit.at.saturating_sub(3)..hit.at)
                .filter_map(|k| ws.get(k))
                .any(|w| self.cessation.contains(&w.lower))
    }

    /// True when "strike" at word `i` is a labour strike: right after a word such as
    /// "national" or one ending like "three-day".
    fn labour_strike(&self, ws: &[Word], i: usize) -> bool {
        let strike = ws
            .get(i)
            .is_some_and(|w| matches!(w.lower.as_str(), "strike" | "strikes"));
        strike
            && i.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|b| {
                self.labour_after.contains(&b.lower)
                    || self
                        .labour_suffixes
                        .iter()
                        .any(|s| b.lower.ends_with(s.as_str()))
            })
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
            let found = self.triggers.match_at(ws, i).map(|(len, trigger)| {
                if len == 1 && trigger.kind == EventKind::Attack && self.labour_strike(ws, i) {
                    (len, &self.labour)
                } else {
                    (len, trigger)
                }
            });
            match found {
                Some((len, trigger))
                    if any_noun
                        || !words::follows_determiner(ws, i)
                        || is_noun_trigger(trigger)
                        || is_statement_noun(trigger, ws, i, len) =>
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

    /// Builds the event of one trigger; `others` are the clauses of the other events of its
    /// sentence, whose dates are not its own.
    fn event(&self, doc: &Doc, unit: Span, ws: &[Word], hit: &Hit, others: &[Span]) -> Event {
        let text = doc.article.text.as_str();
        let trigger_span = Span::new(
            ws.get(hit.at).map_or(unit.start, |w| w.span.start),
            ws.get(hit.at + hit.len - 1)
                .map_or(unit.end, |w| w.span.end),
        );
        let place = place_in(doc, unit, ws, hit);
        let clause = self.clause_of(ws, hit, unit);
        let (participant_names, participant_spans) = self.participants(
            doc,
            unit,
            ws,
            hit,
            clause,
            place.as_ref().map(|(_, span)| *span),
        );
        // "Talks ended without a deal, the ministry said on Monday": the attribution dates the
        // report, not the event. ("Said on Monday, after a call with ...": an event told as
        // the occasion of the statement is of the same day.)
        let reported = |t: &TimeExpr| {
            hit.trigger.kind != EventKind::Statement
                && self.said_on(ws, t.span)
                && !self.occasion_of_statement(ws, t.span, trigger_span)
        };
        let said = self.word_status(doc, ws, hit);
        // A date in the clause of another event of the sentence is that event's when the
        // sentence has dates to share out ("after talks on Monday collapsed, they said they
        // would meet on Friday") or when it cannot be this one's: a past day for an event to
        // come ("after talks on Monday collapsed, they said they would meet again"). Otherwise
        // clauses share their one date ("met in December and initialled the text").
        let dated: Vec<&TimeExpr> = doc
            .times
            .iter()
            .filter(|t| {
                unit.contains(t.span)
                    && !in_dateline(text, unit, t.span)
                    && !reported(t)
                    && t.start.is_some()
            })
            .collect();
        let several = dated.len() > 1;
        let to_come = matches!(said, Some(EventStatus::Planned | EventStatus::Proposed));
        let published = doc.article.date();
        // "The agreement, which the sides initialled in September": a relative clause right
        // after an event noun tells of that event.
        let nominal = self.is_nominal(ws, hit);
        let own_relative = |c: &Span| {
            let between: Vec<&Word> = ws
                .iter()
                .filter(|w| w.span.start >= trigger_span.end && w.span.end <= c.start)
                .collect();
            nominal
                && between
                    .iter()
                    .any(|w| matches!(w.lower.as_str(), "which" | "that" | "who" | "whose"))
                && between.iter().all(|w| {
                    w.is_punct() || matches!(w.lower.as_str(), "which" | "that" | "who" | "whose")
                })
        };
        // "Flew to Honiara on Monday and met the prime minister": a clause joined by "and"
        // shares the day of the one before, when both are told as past.
        let joined = ws
            .iter()
            .rev()
            .find(|w| w.span.end <= clause.start)
            .is_some_and(|w| matches!(w.lower.as_str(), "and" | "but"));
        let foreign = |t: &TimeExpr| {
            let past = t.end.zip(published).is_some_and(|(e, p)| e < p);
            let shared = joined && !to_come && past;
            !clause.contains(t.span)
                && others
                    .iter()
                    .any(|c| c.contains(t.span) && !own_relative(c))
                && ((several && !shared) || (to_come && past))
        };
        let mut date = date_in(doc, unit, clause, trigger_span, |t| {
            reported(t) || foreign(t)
        });
        // "Drones were downed overnight, the ministry said on Tuesday": an overnight event
        // with no other date is of the day it was reported.
        let overnight = ws
            .iter()
            .any(|w| clause.contains(w.span) && w.lower == "overnight");
        // When the time resolver dated "overnight" itself (to the article's day), the day of
        // the report told in the sentence wins.
        let bare_night = date
            .as_ref()
            .is_some_and(|d| d.text.eq_ignore_ascii_case("overnight"));
        if (date.is_none() || bare_night) && overnight {
            let report = doc
                .times
                .iter()
                .find(|t| unit.contains(t.span) && self.said_on(ws, t.span))
                .cloned();
            date = report.or_else(|| date_in(doc, unit, unit, trigger_span, foreign));
        }
        if let Some(d) = date.as_mut() {
            let past = said.is_none() && self.told_in_past(doc, ws, hit, clause);
            align_weekday(d, said == Some(EventStatus::Planned), past);
        }
        let mut status = said.unwrap_or_else(|| date_status(doc, date.as_ref()));
        // "have mediated since 2019": what has gone on since a time goes on.
        let since = date
            .as_ref()
            .is_some_and(|d| is_since(&doc.article.text, d.span));
        if status == EventStatus::Happened
            && (since || lasts_past_publication(doc, ws, clause, date.as_ref()))
        {
            status = EventStatus::Ongoing;
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

    /// The status the words around the trigger tell, if any. Cues before the trigger (in its
    /// clause) come first: "could meet … later this week" is proposed, not planned. After a
    /// verb, only the words up to its first preposition are cues. Words
    /// inside a time expression are no cues ("in May 2023" is not "may").
    fn word_status(&self, doc: &Doc, ws: &[Word], hit: &Hit) -> Option<EventStatus> {
        let from = hit.at.saturating_sub(STATUS_WINDOW);
        let to = (hit.at + hit.len + STATUS_WINDOW).min(ws.len());
        // Stop the window at a clause boundary before the trigger.
        let from = (from..hit.at)
            .rev()
            .find(|&k| ws.get(k).is_some_and(is_clause_break))
            .map_or(from, |k| k + 1);
        // After a verb, a cue in a phrase it governs tells nothing of the verb ("walked out
        // over plans to automate"): the window after a verb ends at its first preposition.
        let to = if self.is_nominal(ws, hit) {
            to
        } else {
            (hit.at + hit.len..to)
                .find(|&k| ws.get(k).is_some_and(|w| is_preposition(&w.lower)))
                .unwrap_or(to)
        };
        let in_time = |k: usize| {
            ws.get(k)
                .is_some_and(|w| doc.times.iter().any(|t| t.span.contains(w.span)))
        };
        // "… if deliveries did not resume": an event in a condition is only possible, whether
        // the condition is put in the negative or not.
        let condition = (from..hit.at)
            .rev()
            .filter_map(|k| ws.get(k))
            .find(|w| REGION_STOPS.contains(&w.lower.as_str()))
            .is_some_and(|w| matches!(w.lower.as_str(), "if" | "unless"));
        if condition {
            return Some(EventStatus::Proposed);
        }
        for (lo, hi) in [(from, hit.at), (hit.at + hit.len, to)] {
            // "met without the minister", "ended without a deal": "without" after the
            // trigger denies what follows it, not the trigger.
            let after = lo > hit.at;
            let no_cue =
                |k: usize| in_time(k) || (after && ws.get(k).is_some_and(|w| w.lower == "without"));
            for (status, cues) in &self.status {
                let found = (lo..hi).any(|k| {
                    !no_cue(k)
                        && cues
                            .match_at(ws, k, false)
                            .is_some_and(|(len, _)| k + len <= hi)
                });
                if found {
                    return Some(self.reported_plan(ws, hit, *status));
                }
            }
        }
        let progressive = hit
            .at
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| matches!(w.lower.as_str(), "is" | "are"))
            && ws.get(hit.at).is_some_and(|w| w.lower.ends_with("ing"));
        progressive.then_some(EventStatus::Ongoing)
    }

    /// A plan told in reported speech is planned, not merely proposed: "said talks would start
    /// within two weeks" (a "would" after a verb of saying, with no "if" in the sentence).
    fn reported_plan(&self, ws: &[Word], hit: &Hit, status: EventStatus) -> EventStatus {
        if status != EventStatus::Proposed {
            return status;
        }
        // The verb of saying comes before both the trigger and the "would".
        let said = ws.iter().position(|w| w.lower == "would").is_some_and(|k| {
            ws.get(..k.min(hit.at))
                .unwrap_or_default()
                .iter()
                .any(|w| self.reporting.contains(&w.lower))
        });
        let conditional = ws
            .iter()
            .any(|w| matches!(w.lower.as_str(), "if" | "unless"));
        if said && !conditional {
            EventStatus::Planned
        } else {
            status
        }
    }

    /// True when a verb in the past tense opens the trigger's clause up to the trigger ("spoke
    /// by phone", "Ministers met"): a word ending in "-ed" or one of the lexicon's `past`.
    fn told_in_past(&self, doc: &Doc, ws: &[Word], hit: &Hit, clause: Span) -> bool {
        ws.iter()
            .take(hit.at + 1)
            .filter(|w| clause.contains(w.span))
            .filter(|w| !doc.times.iter().any(|t| t.span.contains(w.span)))
            .any(|w| {
                self.past.contains(&w.lower)
                    || (w.lower.len() > 4 && w.lower.ends_with("ed") && w.is_lowercase())
            })
    }

    /// The clause of the trigger: from after the clause break before it to the one after it.
    /// "And" or "but" before a verb in the past tense opens a clause too ("imposed them in 2019
    /// and eased them last year").
    fn clause_of(&self, ws: &[Word], hit: &Hit, unit: Span) -> Span {
        let finite = |n: &Word| {
            n.is_lowercase()
                && (self.past.contains(&n.lower)
                    || (n.lower.len() > 4 && n.lower.ends_with("ed"))
                    || is_finite_auxiliary(&n.lower))
        };
        let breaks = |k: usize| {
            ws.get(k).is_some_and(|w| {
                is_clause_break(w)
                    || (matches!(w.lower.as_str(), "and" | "but")
                        && ws.get(k + 1).is_some_and(finite))
                    // "after talks on Monday collapsed", "talks that stalled in May": a
                    // subordinate clause with a verb of its own.
                    || (SUBORDINATORS.contains(&w.lower.as_str())
                        && ws
                            .get(k + 1..(k + 11).min(ws.len()))
                            .unwrap_or_default()
                            .iter()
                            .take_while(|n| !is_clause_break(n))
                            .any(finite))
            })
        };
        let start = (0..hit.at)
            .rev()
            .find(|&k| breaks(k))
            .and_then(|k| ws.get(k + 1))
            .map_or(unit.start, |w| w.span.start);
        let end = (hit.at + hit.len..ws.len())
            .find(|&k| breaks(k))
            .and_then(|k| ws.get(k))
            .map_or(unit.end, |w| w.span.start);
        Span::new(start, end.max(start))
    }

    /// The participants of the event of `hit`: the people, organisations, governments, places
    /// and nationalities named in its clause — its subject (or, when the clause names none
    /// before the trigger, those named earlier in the sentence) and what follows the trigger
    /// up to the next clause or infinitive ("met X", "talks with X", "between X and Y"). Left
    /// out: the place, settings ("in X"), outlets, a dateline, the source of an attribution
    /// (", officials said", "according to X"), and a nationality that is only a title's
    /// ("Kenyan President X").
    fn participants(
        &self,
        doc: &Doc,
        unit: Span,
        ws: &[Word],
        hit: &Hit,
        clause: Span,
        place: Option<Span>,
    ) -> (Vec<String>, Vec<Span>) {
        let text = doc.article.text.as_str();
        let attribution = self.attribution_start(ws, hit);
        let in_unit: Vec<&dragoman_model::Mention> = doc
            .mentions
            .iter()
            .filter(|m| unit.contains(m.span))
            .collect();
        let candidates: Vec<&dragoman_model::Mention> = in_unit
            .iter()
            .enumerate()
            .filter(|(k, m)| {
                let actor = matches!(
                    m.kind,
                    Kind::Person | Kind::Gpe | Kind::Government | Kind::Organization | Kind::Norp
                );
                let title = m.kind == Kind::Norp
                    && in_unit.get(k + 1).is_some_and(|next| {
                        text.get(m.span.end..next.span.start).is_some_and(|gap| {
                            gap.split_whitespace()
                                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                        })
                    });
                actor
                    && !title
                    && place != Some(m.span)
                    && !is_setting(ws, m)
                    && !dateline_place(text, unit, m.span)
                    && !dateline_credit(text, unit, m.span)
                    && attribution.is_none_or(|a| m.span.start < a)
            })
            .map(|(_, m)| *m)
            .collect();
        let (lo, hi) = participant_region(ws, hit, clause);
        let trigger_start = ws.get(hit.at).map_or(unit.start, |w| w.span.start);
        // Those who vote are its subject: what follows a vote is what it is on ("vote on the
        // accord with X").
        let hi = if hit.trigger.is_vote() {
            hi.min(trigger_start)
        } else {
            hi
        };
        let before = |m: &&dragoman_model::Mention| m.span.start >= lo && m.span.end <= hi;
        let mut chosen: Vec<&dragoman_model::Mention> =
            candidates.iter().copied().filter(before).collect();
        if !chosen.iter().any(|m| m.span.start < trigger_start) {
            chosen.extend(candidates.iter().filter(|m| m.span.end <= lo));
            chosen.sort_by_key(|m| m.span);
        }
        let mut names = Vec::new();
        let mut spans = Vec::new();
        for m in chosen {
            if !names.contains(&m.text) {
                names.push(m.text.clone());
                spans.push(m.span);
            }
        }
        (names, spans)
    }

    /// Where the attribution closing a sentence starts, when the trigger is before it: the
    /// last comma whose clause has a verb of saying (", Saudi officials said."), or "according
    /// to".
    fn attribution_start(&self, ws: &[Word], hit: &Hit) -> Option<usize> {
        let after = ws.get(hit.at + hit.len..)?;
        let according = after
            .windows(2)
            .find(|p| p.first().is_some_and(|w| w.lower == "according"))
            .and_then(|p| p.first())
            .map(|w| w.span.start);
        let comma = after.iter().rposition(|w| w.text == ",");
        let said = comma.and_then(|c| {
            let tail = after.get(c + 1..)?;
            let speaks = tail.iter().any(|w| self.reporting.contains(&w.lower));
            let short = tail.iter().filter(|w| !w.is_punct()).count() <= 8;
            (speaks && short)
                .then(|| after.get(c))
                .flatten()
                .map(|w| w.span.start)
        });
        match (according, said) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// True when the trigger's clause tells a length ("a two-day summit", "flew in for a two-day
/// visit", "a 48-hour strike") that, from the event's first day, runs over the article's date.
fn lasts_past_publication(doc: &Doc, ws: &[Word], clause: Span, date: Option<&TimeExpr>) -> bool {
    let (Some(start), Some(published)) = (date.and_then(|d| d.start), doc.article.date()) else {
        return false;
    };
    let days = ws
        .iter()
        .filter(|w| clause.contains(w.span))
        .find_map(|w| length_in_days(&w.lower));
    days.is_some_and(|n| {
        start <= published
            && start
                .checked_add_days(Days::new(n.saturating_sub(1)))
                .is_some_and(|last| last >= published)
    })
}

/// The days a length adjective spans: "two-day" 2, "3-day" 3, "48-hour" 2, "week-long" 7.
fn length_in_days(word: &str) -> Option<u64> {
    const NUMBERS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let count = |n: &str| {
        n.parse::<u64>().ok().or_else(|| {
            NUMBERS
                .iter()
                .position(|w| *w == n)
                .and_then(|p| u64::try_from(p + 1).ok())
        })
    };
    if let Some(n) = word.strip_suffix("-day") {
        return count(n);
    }
    if let Some(n) = word.strip_suffix("-hour") {
        return count(n).map(|h| h.div_ceil(24));
    }
    if let Some(n) = word.strip_suffix("-week") {
        return count(n).map(|w| w * 7);
    }
    matches!(word, "week-long" | "weeklong").then_some(7)
}

/// The status an event's date tells when its words tell none: planned after the article's
/// date, else happened.
fn date_status(doc: &Doc, date: Option<&TimeExpr>) -> EventStatus {
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

/// Modifiers that make an event noun a new event, not one told before ("the previous round",
/// "the last strike", "a second meeting").
const NEW_EVENT_WORDS: [&str; 14] = [
    "previous", "last", "earlier", "first", "second", "third", "next", "new", "another", "former",
    "similar", "latest", "fresh", "further",
];

/// The events of a sentence less the statements that only attribute another event told
/// before them, after a clause break ("talks were held on Thursday, the ministry said in a
/// statement on Friday", "X will visit Y next week, his office announced"): the other event
/// is the news.
fn without_attributions<'h, 't>(
    ws: &[Word],
    told: Vec<(&'h Hit<'t>, Event)>,
) -> Vec<(&'h Hit<'t>, Event)> {
    let attribution = |hit: &Hit| {
        hit.trigger.kind == EventKind::Statement
            && told.iter().any(|(other, _)| {
                other.trigger.kind != EventKind::Statement
                    && other.at < hit.at
                    && ws
                        .get(other.at + other.len..hit.at)
                        .unwrap_or_default()
                        .iter()
                        .any(|w| w.text == ",")
            })
    };
    let keep: Vec<bool> = told.iter().map(|(hit, _)| !attribution(hit)).collect();
    told.into_iter()
        .zip(keep)
        .filter_map(|(pair, k)| k.then_some(pair))
        .collect()
}

/// True for a verb trigger not in a finite form: an infinitive ("willingness to negotiate") or
/// a gerund after a preposition ("committed to facilitating", "interest in discussing").
fn is_non_finite(ws: &[Word], hit: &Hit) -> bool {
    let Some(before) = hit.at.checked_sub(1).and_then(|p| ws.get(p)) else {
        return false;
    };
    let first = ws.get(hit.at).map_or("", |w| w.lower.as_str());
    let infinitive = before.lower == "to" && !first.ends_with("ed");
    let gerund = is_preposition(&before.lower) && first.ends_with("ing");
    infinitive || gerund
}

/// True for a preposition that heads a phrase an event noun may sit in ("the success of",
/// "hope for", "committed to").
fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "of" | "for"
            | "to"
            | "in"
            | "on"
            | "at"
            | "with"
            | "by"
            | "from"
            | "about"
            | "over"
            | "into"
            | "towards"
            | "toward"
            | "without"
            | "between"
            | "among"
            | "amid"
            | "despite"
            | "through"
    )
}

/// True for an auxiliary verb ("was", "have been").
fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "finally"
            | "also"
            | "then"
            | "again"
            | "soon"
    )
}

/// Words that open a subordinate clause when a verb follows ("after the talks collapsed",
/// "talks that stalled", "who voted against").
const SUBORDINATORS: [&str; 14] = [
    "after", "before", "when", "while", "once", "because", "although", "though", "unless", "until",
    "whereas", "who", "which", "that",
];

/// True for an auxiliary or modal that makes a finite verb phrase ("and will meet", "that
/// was signed").
fn is_finite_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "shall"
            | "should"
            | "must"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
    )
}

/// True for a word that ends a clause: a comma, semicolon, colon, dash or bracket.
fn is_clause_break(w: &Word) -> bool {
    matches!(w.text, "," | ";" | ":" | "—" | "–" | "(" | ")")
}

/// Words after a trigger that end what it governs: a new clause, or an infinitive ("a
/// proposal to list X": X is what is proposed, not who proposes).
const REGION_STOPS: [&str; 14] = [
    "that", "which", "who", "because", "while", "after", "before", "since", "when", "if", "unless",
    "until", "once", "but",
];

/// The byte range where a trigger's participants are named: from the start of its clause (or
/// the last subordinating word before it) to the first clause break, conjunction or infinitive
/// after it.
fn participant_region(ws: &[Word], hit: &Hit, clause: Span) -> (usize, usize) {
    // "met X … after the Solomons signed a pact": the subject of the trigger's own clause.
    let start = ws
        .get(..hit.at)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, w)| w.span.start >= clause.start)
        .find(|(_, w)| REGION_STOPS.contains(&w.lower.as_str()))
        .and_then(|(k, _)| ws.get(k + 1))
        .map_or(clause.start, |w| w.span.start);
    let after = hit.at + hit.len;
    let end = ws
        .iter()
        .enumerate()
        .skip(after)
        .find(|(k, w)| {
            let infinitive = w.lower == "to"
                && ws
                    .get(k + 1)
                    .is_some_and(|n| n.is_lowercase() && !n.is_punct() && !is_determiner(n));
            // "for carrying oil": the reason, not a party.
            let reason = w.lower == "for"
                && ws
                    .get(k + 1)
                    .is_some_and(|n| n.is_lowercase() && n.lower.ends_with("ing"));
            is_clause_break(w) || REGION_STOPS.contains(&w.lower.as_str()) || infinitive || reason
        })
        .map_or(clause.end, |(_, w)| w.span.start);
    (start, end.min(clause.end).max(start))
}

/// True for an article or demonstrative.
fn is_determiner(w: &Word) -> bool {
    matches!(
        w.lower.as_str(),
        "the" | "a" | "an" | "this" | "that" | "these" | "those"
    )
}

/// True when a trigger is the first noun of a compound whose head is another trigger ("a
/// ceasefire proposal", "proposed talks"): the head names the event.
fn is_modifier(hits: &[Hit], hit: &Hit) -> bool {
    hits.iter().any(|h| h.at == hit.at + hit.len)
}

/// Prepositions that introduce what talks or a visit are about.
const TOPIC_WORDS: [&str; 5] = ["on", "over", "about", "regarding", "concerning"];

/// True when a trigger is the topic of talks or a visit before it in its clause ("talks on a
/// trade agreement", "a visit focused on cattle raids"): not an event of its own. A
/// preposition opening a time ("talks on Monday after the attack") introduces no topic.
fn is_topic(doc: &Doc, hits: &[Hit], ws: &[Word], hit: &Hit) -> bool {
    let consult = |k: EventKind| {
        matches!(
            k,
            EventKind::Talks
                | EventKind::Meeting
                | EventKind::Visit
                | EventKind::Summit
                | EventKind::Call
        )
    };
    if consult(hit.trigger.kind) {
        return false;
    }
    hits.iter()
        .filter(|h| h.at < hit.at && consult(h.trigger.kind))
        .any(|h| {
            let between = ws.get(h.at + h.len..hit.at).unwrap_or_default();
            let Some(topic) = between
                .iter()
                .rposition(|w| TOPIC_WORDS.contains(&w.lower.as_str()))
            else {
                return false;
            };
            let timed = between
                .get(topic + 1)
                .is_some_and(|w| doc.times.iter().any(|t| t.span.contains(w.span)));
            let rest = between.get(topic + 1..).unwrap_or_default();
            !between.iter().any(is_clause_break)
                && !timed
                && rest.len() <= 8
                && !rest
                    .iter()
                    .any(|w| REGION_STOPS.contains(&w.lower.as_str()))
        })
}

/// True when a noun trigger refers back to an event told elsewhere rather than telling one:
/// after a preposition and a definite determiner ("hours before the meeting", "responded to
/// the proposal", "a read-out of the Kremlin meeting"), with no time of its own in its clause
/// after it.
fn is_reference(doc: &Doc, ws: &[Word], hit: &Hit) -> bool {
    let word = |k: Option<usize>| k.and_then(|k| ws.get(k)).map(|w| w.lower.as_str());
    // "before the Moscow meeting": names between the determiner and the noun.
    let mut det = hit.at.checked_sub(1);
    while let Some(k) = det.filter(|&k| k > 0 && ws.get(k).is_some_and(Word::is_capitalized)) {
        det = Some(k - 1);
    }
    let definite = matches!(word(det), Some("the" | "this" | "that"));
    let after_preposition = matches!(
        word(det.and_then(|k| k.checked_sub(1))),
        Some(
            "before"
                | "after"
                | "since"
                | "to"
                | "during"
                | "following"
                | "about"
                | "of"
                | "on"
                | "at"
        )
    );
    if !(definite && after_preposition) {
        return false;
    }
    let from = ws
        .get(hit.at + hit.len - 1)
        .map_or(usize::MAX, |w| w.span.end);
    let to = ws
        .iter()
        .skip(hit.at + hit.len)
        .find(|w| is_clause_break(w))
        .or(ws.last())
        .map_or(from, |w| w.span.end);
    !doc.times
        .iter()
        .any(|t| t.span.start >= from && t.span.start < to)
}

/// One event per real event of a sentence: triggers of one date that tell one event ("met …
/// for talks", "agreed to impose sanctions", "said in a statement that the deal …") give it
/// once, of its most telling kind; triggers of other dates are events of their own (a
/// sentence may list several).
///
/// Each event comes with its rank among consultations (see [`consult_rank`]).
fn one_per_event(events: Vec<(Event, Option<u8>)>) -> Vec<Event> {
    let key = |e: &Event| e.date.as_ref().map(|d| (d.start, d.end));
    let keep: Vec<bool> = events
        .iter()
        .enumerate()
        .map(|(i, (e, rank))| {
            !events.iter().enumerate().any(|(j, (o, other))| {
                // Consultations by rank (then order), others of one kind by order.
                let better = match (other, rank) {
                    (Some(x), Some(y)) => x < y || (x == y && j < i),
                    _ => (o.kind == e.kind && j < i) || subsumes(o.kind, e.kind),
                };
                j != i && key(o) == key(e) && better
            })
        })
        .collect();
    events
        .into_iter()
        .zip(keep)
        .filter_map(|((e, _), k)| k.then_some(e))
        .collect()
}

/// Nouns that name talks ("talks", "negotiations"): they name the event that a light verb
/// of meeting ("met … for talks", "hosted talks") only reports.
const TALK_NOUNS: [&str; 5] = [
    "talks",
    "negotiations",
    "consultations",
    "dialogue",
    "mediation",
];

/// The rank of a consultation trigger, most telling first: summit, call, visit, a noun of
/// talks, a meeting, a verb of talking ("to discuss"); none for other kinds.
fn consult_rank(ws: &[Word], hit: &Hit) -> Option<u8> {
    let noun = ws
        .get(hit.at + hit.len - 1)
        .is_some_and(|w| TALK_NOUNS.contains(&w.lower.as_str()));
    match hit.trigger.kind {
        EventKind::Summit => Some(0),
        EventKind::Call => Some(1),
        EventKind::Visit => Some(2),
        EventKind::Talks if noun => Some(3),
        EventKind::Meeting => Some(4),
        EventKind::Talks => Some(5),
        _ => None,
    }
}

/// True when an event of kind `a` makes one of kind `b` of the same sentence and date
/// redundant (consultations aside): a statement is the telling of the other event; aid
/// agreed is an agreement; sanctions agreed are sanctions.
fn subsumes(a: EventKind, b: EventKind) -> bool {
    (b == EventKind::Statement && a != EventKind::Statement)
        || (a == EventKind::Agreement && b == EventKind::Aid)
        || (a == EventKind::Sanction && b == EventKind::Agreement)
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
            Some(
                "in" | "at"
                    | "near"
                    | "from"
                    | "outside"
                    | "into"
                    | "across"
                    | "over"
                    | "towards"
                    | "toward"
            )
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

/// Triggers that are nouns ("the summit", "a deal", "a walkout") and so may follow a
/// determiner.
fn is_noun_trigger(trigger: &Trigger) -> bool {
    !matches!(trigger.kind, EventKind::Other | EventKind::Statement)
        || trigger.plover.as_deref() == Some("PROTEST")
}

/// True when a trigger is what a vote before it in its clause is on ("voted on Thursday to
/// approve the deal", "will vote on an aid package", "a referendum on the accord"): the
/// vote is the event. A consultation after a vote is its setting, not its object ("will vote
/// on it at a meeting in December"), and stays an event.
fn is_voted_on(hits: &[Hit], ws: &[Word], hit: &Hit) -> bool {
    if hit.trigger.is_vote() || consult_rank(ws, hit).is_some() {
        return false;
    }
    hits.iter()
        .filter(|h| h.trigger.is_vote() && h.at < hit.at && hit.at - h.at <= 10)
        .any(|h| {
            !ws.get(h.at + h.len..hit.at)
                .unwrap_or_default()
                .iter()
                .any(is_clause_break)
        })
}

/// True for a statement trigger that is a noun ("a news conference", "a statement"), not a
/// verb ("announced", "declares").
fn is_statement_noun(trigger: &Trigger, ws: &[Word], at: usize, len: usize) -> bool {
    trigger.kind == EventKind::Statement
        && ws
            .get(at + len - 1)
            .is_some_and(|w| !w.lower.ends_with("ed") && !w.lower.ends_with("es"))
}

/// The lowercase forms of a word list.
fn lower_set(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| w.to_lowercase()).collect()
}

/// A GPE or location named right after "in", "at" or "to" (visits prefer "to").
fn place_in(doc: &Doc, unit: Span, ws: &[Word], hit: &Hit) -> Option<(String, Span)> {
    let kind = hit.trigger.kind;
    let preps: &[&str] = if kind == EventKind::Visit {
        &[
            "to", "in", "at", "near", "off", "outside", "through", "across", "around",
        ]
    } else if matches!(kind, EventKind::Attack | EventKind::Interception) {
        // "drones downed over Abha", "missiles fired towards Jizan".
        &[
            "in", "at", "over", "near", "towards", "toward", "on", "off", "outside", "to",
            "through", "across", "around",
        ]
    } else {
        &[
            "in", "at", "to", "near", "off", "outside", "through", "across", "around",
        ]
    };
    let mut best: Option<(usize, usize, String, Span)> = None;
    let trigger_start = ws.get(hit.at).map_or(unit.start, |w| w.span.start);
    for m in doc.mentions.iter().filter(|m| unit.contains(m.span)) {
        if !matches!(m.kind, Kind::Gpe | Kind::Location) {
            continue;
        }
        let Some(idx) = ws.iter().position(|w| w.span.start >= m.span.start) else {
            continue;
        };
        // A name the tagger cut short keeps its capitalised head: "near Second Thomas Shoal".
        let mut head = idx;
        while head > 1 && ws.get(head - 1).is_some_and(Word::is_capitalized) {
            head -= 1;
        }
        let k = settlement_phrase_start(ws, head);
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
        let distance = m.span.start.abs_diff(trigger_start);
        if let Some(rank) = rank
            && best
                .as_ref()
                .is_none_or(|(r, d, _, _)| (rank, distance) < (*r, *d))
        {
            let name = ws
                .get(head)
                .and_then(|w| doc.article.text.get(w.span.start..m.span.end))
                .unwrap_or(&m.text);
            best = Some((rank, distance, name.to_string(), m.span));
        }
    }
    best.map(|(_, _, name, span)| (name, span))
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

/// The time expression of the sentence that governs the trigger, leaving out a dateline's date
/// and those `skip` rejects (the day a report was given, a date in the clause of another
/// event: "after talks on Monday collapsed, the envoys said they would meet" leaves the
/// meeting undated): one in the trigger's clause first ("signed a deal on Tuesday, ending
/// talks that began in 2010" dates the talks 2010), else the nearest.
/// "This year" or a time after "since" ("the deadliest strike this year", "cuts made since
/// April") is taken only when the sentence has no other date: it is a frame, not the
/// event's day.
fn date_in(
    doc: &Doc,
    unit: Span,
    clause: Span,
    trigger: Span,
    skip: impl Fn(&TimeExpr) -> bool,
) -> Option<TimeExpr> {
    doc.times
        .iter()
        .filter(|t| unit.contains(t.span) && !in_dateline(&doc.article.text, unit, t.span))
        .filter(|t| !skip(t))
        .min_by_key(|t| {
            let year = t.precision == Some(Precision::Year);
            let this = t.text.to_lowercase().contains("this");
            (
                (year && t.relative && this) || is_since(&doc.article.text, t.span),
                !clause.contains(t.span),
                t.span.start.abs_diff(trigger.start),
            )
        })
        .cloned()
}

/// True for a time that opens a span up to now ("since 2014"): a frame, not an event's date.
fn is_since(text: &str, span: Span) -> bool {
    let head = text.get(..span.start).unwrap_or_default();
    let written = text.get(span.start..span.end).unwrap_or_default();
    written.to_lowercase().starts_with("since")
        || head
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.eq_ignore_ascii_case("since"))
}

/// True for an agency credited in brackets in a dateline ("KYIV, May 2 (Agency) - ..."): the
/// name is in brackets before the dateline's dash.
fn dateline_credit(text: &str, unit: Span, name: Span) -> bool {
    let (Some(head), Some(rest)) = (
        text.get(unit.start..name.start),
        text.get(name.end..unit.end),
    ) else {
        return false;
    };
    head.trim_end().ends_with('(')
        && rest.trim_start().starts_with(')')
        && rest
            .trim_start()
            .trim_start_matches(')')
            .trim_start()
            .starts_with(['-', '—', '–'])
}

/// True for a name written as a dateline at the head of a sentence: in capitals, after nothing
/// but capitals, and followed by a dash, comma or bracket ("OSLO - ...", "LIMA, March 4").
fn dateline_place(text: &str, unit: Span, name: Span) -> bool {
    let (Some(head), Some(written), Some(rest)) = (
        text.get(unit.start..name.start),
        text.get(name.start..name.end),
        text.get(name.end..unit.end),
    ) else {
        return false;
    };
    let capitals = |s: &str| !s.chars().any(char::is_lowercase);
    capitals(head)
        && capitals(written)
        && written.chars().filter(|c| c.is_uppercase()).count() >= 2
        && rest
            .trim_start()
            .starts_with(['-', '—', '–', ',', '(', '/'])
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
/// words say is `planned` moves a week on: "will meet on Thursday" in a Wednesday article is
/// the next day, whatever the tense of another verb nearby. One resolved after the article's
/// date for an event told in the `past` tense moves a week back: "spoke on Sunday" in a
/// Tuesday article is two days before. Weekdays shifted in words ("last Thursday", "next
/// Friday") are left as resolved.
fn align_weekday(date: &mut TimeExpr, planned: bool, past: bool) {
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
    let moved = if planned && start < anchor {
        start.checked_add_days(Days::new(7))
    } else if past && start > anchor {
        start.checked_sub_days(Days::new(7))
    } else {
        None
    };
    if let Some(day) = moved {
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
