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
