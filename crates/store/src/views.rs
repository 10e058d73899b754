//! The shapes the store's queries return: summaries for lists, details for one story or one
//! entity, search queries and hits. They serialise to the JSON of the server's API.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dragoman_model::{
    Article, Contradiction, Entity, Event, Fact, Framing, Kind, Position, Quote, Story,
};
use serde::{Deserialize, Serialize};

/// An article without its text: what lists show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The article's id.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// True when the year of `published` was inferred (a dateline without a year, dated
    /// from the articles read with it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_inferred: bool,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Where it was read from.
    pub origin: String,
    /// Number of words in its text.
    pub words: usize,
}

impl ArticleSummary {
    /// The summary of `article`.
    pub fn of(article: &Article) -> Self {
        ArticleSummary {
            id: article.id.clone(),
            title: article.title.clone(),
            outlet: article.outlet.clone(),
            published: article.date().map(|d| d.to_string()),
            year_inferred: article.year_inferred(),
            url: article.url.clone(),
            origin: article.origin.clone(),
            words: article.text.split_whitespace().count(),
        }
    }
}

/// A story in the story list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    /// The story's id.
    pub id: String,
    /// Its representative headline.
    pub title: String,
    /// Date of its oldest article (`YYYY-MM-DD`).
    pub first: Option<String>,
    /// Date of its newest article: its latest activity.
    pub latest: Option<String>,
    /// How many articles it holds.
    pub article_count: usize,
    /// Outlets that cover it.
    pub outlets: Vec<String>,
}

/// An entity in lists: everything but its mention sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySummary {
    /// The entity's id.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Other names it goes by.
    pub aliases: Vec<String>,
    /// Titles and roles, as written (each once).
    pub roles: Vec<String>,
    /// The entity it belongs to.
    pub parent: Option<String>,
    /// How many mentions resolved to it.
    pub mentions: usize,
    /// How many articles mention it.
    pub article_count: usize,
}

impl EntitySummary {
    /// The summary of `entity`.
    pub fn of(entity: &Entity) -> Self {
        let mut roles: Vec<String> = Vec::new();
        for role in &entity.roles {
            if !roles.iter().any(|r| r.eq_ignore_ascii_case(&role.title)) {
                roles.push(role.title.clone());
            }
        }
        EntitySummary {
            id: entity.id.clone(),
            name: entity.name.clone(),
            kind: entity.kind,
            aliases: entity.aliases.clone(),
            roles,
            parent: entity.parent.clone(),
            mentions: entity.mentions,
            article_count: entity.articles.len(),
        }
    }
}

/// One story with everything that belongs to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryDetail {
    /// The story.
    pub story: Story,
    /// Date of its newest article.
    pub latest: Option<String>,
    /// Its articles, oldest first.
    pub articles: Vec<ArticleSummary>,
    /// Its most mentioned entities, most mentioned first.
    pub entities: Vec<EntitySummary>,
    /// Quotes in its articles.
    pub quotes: Vec<Quote>,
    /// Positions taken in its articles.
    pub positions: Vec<Position>,
    /// Its events, by date.
    pub events: Vec<Event>,
    /// Its facts ledger.
    pub facts: Vec<Fact>,
    /// Where its outlets contradict each other.
    pub contradictions: Vec<Contradiction>,
    /// How each outlet frames it.
    pub framing: Vec<Framing>,
}

/// How many items each list of a story holds in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StoryTotals {
    /// Its articles (also the length of the full `story.articles`).
    pub articles: usize,
    /// Its entities.
    pub entities: usize,
    /// Quotes in its articles.
    pub quotes: usize,
    /// Positions taken in its articles.
    pub positions: usize,
    /// Its events.
    pub events: usize,
    /// Its facts.
    pub facts: usize,
    /// Its contradictions.
    pub contradictions: usize,
    /// Its framing rows.
    pub framing: usize,
}

/// A story as the API serves it: its detail with each list cut to its first items, the full
/// counts, and whether anything was cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryAnswer {
    /// The (possibly cut) detail; its fields sit at the top level of the JSON.
    #[serde(flatten)]
    pub detail: StoryDetail,
    /// How many items each list holds in full.
    pub totals: StoryTotals,
    /// True when some list holds fewer items than its total.
    pub truncated: bool,
}

impl StoryAnswer {
    /// Cuts every list of `detail` (and the story's own article ids) to at most `cap` items.
    pub fn of(detail: StoryDetail, cap: usize) -> Self {
        let totals = StoryTotals {
            articles: detail.story.articles.len().max(detail.articles.len()),
            entities: detail.entities.len(),
            quotes: detail.quotes.len(),
            positions: detail.positions.len(),
            events: detail.events.len(),
            facts: detail.facts.len(),
            contradictions: detail.contradictions.len(),
            framing: detail.framing.len(),
        };
        Self::cut(detail, totals, cap)
    }

    /// Cuts every list of `detail` (which may hold only the first items of each list) to at
    /// most `cap` items, given the full counts.
    pub(crate) fn cut(mut detail: StoryDetail, totals: StoryTotals, cap: usize) -> Self {
        detail.story.articles.truncate(cap);
        detail.articles.truncate(cap);
        detail.entities.truncate(cap);
        detail.quotes.truncate(cap);
        detail.positions.truncate(cap);
        detail.events.truncate(cap);
        detail.facts.truncate(cap);
        detail.contradictions.truncate(cap);
        detail.framing.truncate(cap);
        let truncated = [
            totals.articles,
            totals.entities,
            totals.quotes,
            totals.positions,
            totals.events,
            totals.facts,
            totals.contradictions,
            totals.framing,
        ]
        .iter()
        .any(|&n| n > cap);
        let nested_cut = cap_nested(&mut detail, cap, NESTED_LIST);
        let truncated = truncated || nested_cut;
        StoryAnswer {
            detail,
            totals,
            truncated,
        }
    }
}

/// How many items each list inside an item of a story answer keeps: a fact's or a quote's
/// source spans, a framing row's terms, voices and tones, a contradiction value's spans.
pub const NESTED_LIST: usize = 10;

/// Cuts `list` to `cap` items; true when it held more.
fn cut<T>(list: &mut Vec<T>, cap: usize) -> bool {
    let over = list.len() > cap;
    list.truncate(cap);
    over
}

/// Cuts the lists inside the items of `detail`: the story's entity ids to `cap`, every other
/// nested list to `nested`. True when anything was cut.
fn cap_nested(detail: &mut StoryDetail, cap: usize, nested: usize) -> bool {
    let mut any = cut(&mut detail.story.entities, cap);
    for quote in &mut detail.quotes {
        any |= cut(&mut quote.sources, nested);
    }
    for position in &mut detail.positions {
        any |= cut(&mut position.sources, nested);
    }
    for event in &mut detail.events {
        any |= cut(&mut event.sources, nested);
    }
    for fact in &mut detail.facts {
        any |= cut(&mut fact.sources, nested);
    }
    for value in detail.contradictions.iter_mut().flat_map(|c| &mut c.values) {
        any |= cut(&mut value.sources, nested);
    }
    for framing in &mut detail.framing {
        any |= cut(&mut framing.distinctive_terms, nested);
        any |= cut(&mut framing.loaded_terms, nested);
        any |= cut(&mut framing.voices, nested);
        any |= cut(&mut framing.tone, nested);
        any |= cut(&mut framing.omits, nested);
        for term in framing
            .distinctive_terms
            .iter_mut()
            .chain(&mut framing.loaded_terms)
        {
            any |= cut(&mut term.sources, nested);
        }
        for tone in &mut framing.tone {
            any |= cut(&mut tone.sources, nested);
        }
    }
    any
}

/// Mentions of an entity on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    /// The day (`YYYY-MM-DD`).
    pub day: String,
    /// Mentions in articles published that day.
    pub mentions: usize,
    /// Articles published that day that mention it.
    pub articles: usize,
}

/// One entity with what it said, the positions it took and how often it is mentioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityDetail {
    /// The entity.
    pub entity: EntitySummary,
    /// Its parent entity, when stored.
    pub parent: Option<EntitySummary>,
    /// Quotes it is the speaker of, oldest article first.
    pub quotes: Vec<Quote>,
    /// Positions it took, oldest article first.
    pub positions: Vec<Position>,
    /// Mentions per day of publication, oldest first.
    pub mentions_per_day: Vec<DayCount>,
    /// Stories it appears in, newest activity first.
    pub stories: Vec<StorySummary>,
    /// Articles that mention it, newest first (at most 50).
    pub articles: Vec<ArticleSummary>,
    /// Outlet and publication date of each article its quotes and positions come from.
    pub sources: BTreeMap<String, ArticleSummary>,
}

/// A full-text search with its filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// The words to find: plain words (all must match), `"quoted phrases"`, `word*` prefixes,
    /// `OR` between words. Any other punctuation is ignored, so no input is a syntax error.
    pub text: String,
    /// Only articles of this outlet (case-insensitive).
    pub outlet: Option<String>,
    /// Only articles that mention this entity (id, name or alias).
    pub entity: Option<String>,
    /// Only articles published on or after this day.
    pub since: Option<NaiveDate>,
    /// Only articles published on or before this day.
    pub until: Option<NaiveDate>,
    /// At most this many hits (0 means the default, 50).
    pub limit: usize,
}

/// A byte range of a search snippet that matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One full-text search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The article's id.
    pub article: String,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// A passage of the text around the matches.
    pub snippet: String,
    /// Where the matching words are in `snippet`.
    pub highlights: Vec<Highlight>,
}

impl SearchHit {
    /// The snippet cut into pieces, each flagged `true` when it is a match.
    pub fn snippet_parts(&self) -> Vec<(&str, bool)> {
        let mut parts = Vec::new();
        let mut at = 0;
        for h in &self.highlights {
            if let (Some(before), Some(hit)) = (
                self.snippet.get(at..h.start),
                self.snippet.get(h.start..h.end),
            ) {
                if !before.is_empty() {
                    parts.push((before, false));
                }
                parts.push((hit, true));
                at = h.end;
            }
        }
        if let Some(rest) = self.snippet.get(at..)
            && !rest.is_empty()
        {
            parts.push((rest, false));
        }
        parts
    }
}
