//! What the per-article `annotate` stage adds: sentences, mentions, time expressions,
//! quotes, positions and events. Entity ids are filled later, by `resolve`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Article, Precision, Source, Span};

/// A sentence of an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte span of the sentence, without surrounding white space.
    pub span: Span,
    /// Index of the paragraph that holds it.
    pub paragraph: usize,
}

/// What kind of thing a mention or an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A person.
    Person,
    /// A company, party, agency, news outlet, alliance or other organisation.
    Organization,
    /// A government or one of its offices ("the Kremlin", "the White House").
    Government,
    /// A country, state or other geopolitical entity.
    Gpe,
    /// A place that is not a GPE: a region, river, city district, sea.
    Location,
    /// A nationality, religious or political group used as a name ("Russian", "Ukrainians").
    Norp,
    /// Any other name: events, laws, products, named plans.
    Misc,
}

/// A span of text naming something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The name itself ("Kaja Kallas").
    pub span: Span,
    /// The surface text of `span`.
    pub text: String,
    /// What it names.
    pub kind: Kind,
    /// A title or role attached to it ("EU foreign policy chief"), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Where that role is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_span: Option<Span>,
    /// The knowledge-base id the mention matched (gazetteer entry), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// True when a place name stands for its government or an adjective for its country
    /// ("Moscow said", "Russian air defences").
    #[serde(default)]
    pub metonymy: bool,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// The entity it resolves to; filled by `resolve`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// A date or period found in text, normalised against an anchor.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Where it is written.
    pub span: Span,
    /// The text as written ("next week").
    pub text: String,
    /// Normalised value: `2025-09-05`, `2025-W37`, `2025-09`, `2025-Q3`, `2025`, or an interval
    /// `2025-09-01/2025-09-14`; `None` when it could not be resolved.
    pub value: Option<String>,
    /// How precise the value is.
    pub precision: Option<Precision>,
    /// First day covered, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// Last day covered, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// The date a relative expression was resolved against (publication or dateline date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<NaiveDate>,
    /// True for expressions that depend on an anchor ("yesterday", "next week").
    #[serde(default)]
    pub relative: bool,
}

/// A quotation or reported statement.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Entity id of the speaker; filled by `resolve`.
    pub speaker: Option<String>,
    /// The speaker as written or resolved ("Dmitry Peskov", "the Kremlin spokesman").
    pub speaker_name: Option<String>,
    /// Where the speaker is named in the article (the name, pronoun or description).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
    /// The whole phrase naming the source, when it says more than `speaker_span`: with its
    /// title or apposition ("Judge Ana Ruiz, who led the inquiry" around "Ana Ruiz").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_span: Option<Span>,
    /// The cue verb or phrase ("said", "according to").
    pub cue: Option<String>,
    /// Where the cue is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_span: Option<Span>,
    /// What was said, as written (without quotation marks for direct quotes).
    pub text: String,
    /// Where the content is written.
    pub content_span: Span,
    /// True for a direct quotation, false for indirect speech.
    pub direct: bool,
    /// Provenance: the sentence(s) of the quote.
    pub sources: Vec<Source>,
    /// The story it belongs to; filled by `cluster`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

/// The kind of stance an actor takes on an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Insists on, requires.
    Demands,
    /// Offers, is ready to give.
    Offers,
    /// Puts forward a plan or idea.
    Proposes,
    /// Agrees to what another proposed.
    Accepts,
    /// Turns down, dismisses.
    Rejects,
    /// Backs, favours.
    Supports,
    /// Is against.
    Opposes,
    /// Warns of consequences.
    Warns,
    /// Makes something conditional on something else.
    Conditions,
}

/// Whether a position is for or against its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// For the content.
    Positive,
    /// Against the content.
    Negative,
}

/// What a party wants or refuses, on one issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Entity id of the actor holding the position; filled by `resolve`.
    pub actor: Option<String>,
    /// The actor as written or resolved.
    pub actor_name: String,
    /// Where the actor is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_span: Option<Span>,
    /// Who reports the position when it is not the actor itself (an analyst, another party).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<String>,
    /// The stance taken.
    pub stance: Stance,
    /// Issue id from the taxonomy ("territory"), or `other:<group>` for contents that fit none.
    pub issue: String,
    /// The content of the position ("recognition of its annexations").
    pub text: String,
    /// For or against the content.
    pub polarity: Polarity,
    /// Provenance.
    pub sources: Vec<Source>,
    /// The story it belongs to; filled by `cluster`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

/// What kind of event happened (aligned with PLOVER categories where they fit).
#[derive(
    Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A meeting between parties.
    Meeting,
    /// Negotiations or talks.
    Talks,
    /// A summit of leaders.
    Summit,
    /// A visit to a place.
    Visit,
    /// A phone or video call.
    Call,
    /// A public statement or announcement.
    Statement,
    /// A plan or proposal put forward.
    Proposal,
    /// An agreement, deal or ceasefire reached.
    Agreement,
    /// A strike, attack or offensive.
    Attack,
    /// Drones or missiles intercepted or shot down.
    Interception,
    /// Sanctions imposed or lifted.
    Sanction,
    /// Aid or weapons delivered.
    Aid,
    /// A vote: a parliament or council voting, a ballot, a referendum.
    Vote,
    /// Anything else worth a timeline entry.
    #[default]
    Other,
}

/// Whether an event happened, according to the text.
#[derive(
    Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// It took place.
    #[default]
    Happened,
    /// It is under way.
    Ongoing,
    /// It is scheduled ("is set to meet", "next week").
    Planned,
    /// It is suggested or possible ("could", "is open to").
    Proposed,
    /// It did not happen or is denied ("no talks have yet materialised").
    Denied,
}

/// Something that happened (or is planned, proposed, denied) at a time and place.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// What kind of event.
    pub kind: EventKind,
    /// A one-line summary (usually the trigger clause).
    pub summary: String,
    /// Entity ids of the participants; filled by `resolve`.
    pub participants: Vec<String>,
    /// The participants as written.
    #[serde(default)]
    pub participant_names: Vec<String>,
    /// Where the participants are named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participant_spans: Vec<Span>,
    /// Where it happens, as named.
    pub place: Option<String>,
    /// When, resolved against the article's date.
    pub date: Option<TimeExpr>,
    /// Happened, planned, proposed, denied.
    pub status: EventStatus,
    /// Provenance.
    pub sources: Vec<Source>,
    /// The story it belongs to; filled by `cluster`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

/// One article with everything the per-article stages found in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// The article.
    pub article: Article,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Named mentions, in order.
    pub mentions: Vec<Mention>,
    /// Time expressions, in order.
    pub times: Vec<TimeExpr>,
    /// Quotes and reported speech.
    pub quotes: Vec<Quote>,
    /// Positions taken.
    pub positions: Vec<Position>,
    /// Events reported.
    pub events: Vec<Event>,
}

impl Doc {
    /// A document with no annotations yet.
    pub fn new(article: Article) -> Self {
        Doc {
            article,
            sentences: Vec::new(),
            mentions: Vec::new(),
            times: Vec::new(),
            quotes: Vec::new(),
            positions: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// Provenance for `span` of this document's article.
    pub fn source(&self, span: Span) -> Source {
        Source::new(self.article.id.clone(), span)
    }
}
