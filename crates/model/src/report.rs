//! What the cross-article stages produce: entities, stories, facts, contradictions, framing,
//! and the report that gathers everything.

use serde::{Deserialize, Serialize};

use crate::{Article, Event, Kind, Position, Quote, Source};

/// A title or role an entity holds, as the sources give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role as written ("EU foreign policy chief").
    pub title: String,
    /// Where it is written.
    pub sources: Vec<Source>,
}

/// One real-world actor across all articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id (`e:` followed by a slug of the canonical name, or the knowledge-base id).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Every other surface form seen or known ("Zelenskiy", "Zelenskyy").
    pub aliases: Vec<String>,
    /// Titles and roles attached to it in the text or the knowledge base.
    pub roles: Vec<Role>,
    /// The entity it belongs to (a minister → a government → a country), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// How many mentions resolved to it.
    pub mentions: usize,
    /// Ids of the articles that mention it.
    pub articles: Vec<String>,
    /// Where it is mentioned.
    pub sources: Vec<Source>,
}

/// The party an entity acts for: its chain of parents followed to the top (a minister → the
/// government → the country; a capital named for its government → the country). `parent_of`
/// gives an entity's parent id; a chain is followed for at most eight links, so a loop in
/// the data ends somewhere instead of running forever.
pub fn party_of(id: &str, mut parent_of: impl FnMut(&str) -> Option<String>) -> String {
    let mut party = id.to_string();
    for _ in 0..8 {
        match parent_of(&party) {
            Some(up) if up != party => party = up,
            _ => break,
        }
    }
    party
}

/// A cluster of articles about one developing news story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// Stable id (`s1`, `s2`, … in report order).
    pub id: String,
    /// A representative headline.
    pub title: String,
    /// Ids of its articles, oldest first.
    pub articles: Vec<String>,
    /// Outlets that cover it.
    pub outlets: Vec<String>,
    /// Ids of its most mentioned entities, most mentioned first.
    #[serde(default)]
    pub entities: Vec<String>,
}

/// An article found to be a copy of another (wire copy, republication).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The copy.
    pub article: String,
    /// The earliest copy, taken as the origin.
    pub duplicate_of: String,
    /// Jaccard similarity of their word shingles (1.0 for exact copies).
    pub similarity: f64,
    /// Sentences the copy added, cut or reworded.
    #[serde(default)]
    pub changes: Vec<String>,
}

/// An atomic checkable statement, normalised, with the outlets that support it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable id within the report (`f1`, …).
    pub id: String,
    /// What it is about ("war", an entity name).
    pub subject: String,
    /// Which property ("year-of-war", "member-count", "title").
    pub attribute: String,
    /// The normalised value ("4", "35", "president").
    pub value: String,
    /// The words that state it in the first source.
    pub text: String,
    /// Independent outlets that report it (copies do not count).
    pub outlets: Vec<String>,
    /// True when only one outlet reports it.
    pub exclusive: bool,
    /// Provenance.
    pub sources: Vec<Source>,
    /// The story it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

/// How serious a contradiction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Small difference, possibly wording (a day apart, a close number).
    Low,
    /// A clear difference on a secondary point.
    Medium,
    /// Incompatible statements on a central point (a title, an outcome, a count).
    High,
}

/// One of the incompatible values in a contradiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContradictionValue {
    /// The normalised value.
    pub value: String,
    /// The words that state it.
    pub text: String,
    /// Outlets that give this value.
    pub outlets: Vec<String>,
    /// Where they state it.
    pub sources: Vec<Source>,
}

/// Outlets that give incompatible values for the same subject and attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contradiction {
    /// What it is about.
    pub subject: String,
    /// Which property.
    pub attribute: String,
    /// The values, each with its outlets and sources.
    pub values: Vec<ContradictionValue>,
    /// How serious it is.
    pub severity: Severity,
    /// The story it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

/// A term scored for one outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermScore {
    /// The term.
    pub term: String,
    /// Its score (a z-score for distinctive terms, a count for lexicon hits).
    pub score: f64,
    /// Where it is used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// How much an outlet quotes one actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Voice {
    /// Entity id of the speaker, if resolved.
    pub entity: Option<String>,
    /// The speaker's name.
    pub name: String,
    /// Number of quotes.
    pub quotes: usize,
    /// Share of the outlet's quotes in this story (0 to 1).
    pub share: f64,
}

/// An outlet's tone toward one actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tone {
    /// Entity id.
    pub entity: String,
    /// Entity name.
    pub name: String,
    /// Mean sentence tone from -1 (hostile) to 1 (favourable).
    pub score: f64,
    /// The sentences behind it.
    pub sources: Vec<Source>,
}

/// How one outlet frames one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framing {
    /// The story.
    pub story: String,
    /// The outlet.
    pub outlet: String,
    /// Terms this outlet uses more than the others (log-odds with an informative prior).
    pub distinctive_terms: Vec<TermScore>,
    /// Loaded-language hits from the lexicon.
    pub loaded_terms: Vec<TermScore>,
    /// Whose voices it quotes and how often.
    pub voices: Vec<Voice>,
    /// Tone toward the story's main actors.
    pub tone: Vec<Tone>,
    /// Ids of facts most other outlets report but this one leaves out.
    pub omits: Vec<String>,
}

/// An input that could not be read, named with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputProblem {
    /// The file, record or URL.
    pub origin: String,
    /// What went wrong, in one line.
    pub message: String,
    /// True when the input was skipped entirely; false for a warning.
    pub fatal: bool,
}

/// Everything Dragoman found in a batch of articles. The JSON report is this, serialised.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Report {
    /// The articles read, with their clean text.
    pub articles: Vec<Article>,
    /// Stories: clusters of articles.
    pub stories: Vec<Story>,
    /// Actors across all articles.
    pub entities: Vec<Entity>,
    /// Quotes and reported speech.
    pub quotes: Vec<Quote>,
    /// Positions (actor × issue).
    pub positions: Vec<Position>,
    /// Events, ordered by date.
    pub events: Vec<Event>,
    /// The facts ledger.
    pub facts: Vec<Fact>,
    /// Contradictions between outlets.
    pub contradictions: Vec<Contradiction>,
    /// Framing per story and outlet.
    pub framing: Vec<Framing>,
    /// Copies of other articles.
    #[serde(default)]
    pub duplicates: Vec<Duplicate>,
    /// Inputs that failed or raised warnings.
    #[serde(default)]
    pub problems: Vec<InputProblem>,
}

#[cfg(test)]
mod tests {
    use super::party_of;

    #[test]
    fn a_party_is_the_top_of_the_parent_chain() {
        let parent = |id: &str| match id {
            "per:minister" => Some("gov:northland".to_string()),
            "gov:northland" => Some("gpe:northland".to_string()),
            "loop:a" => Some("loop:b".to_string()),
            "loop:b" => Some("loop:a".to_string()),
            _ => None,
        };
        assert_eq!(party_of("per:minister", parent), "gpe:northland");
        assert_eq!(party_of("gpe:northland", parent), "gpe:northland");
        assert_eq!(party_of("e:stranger", parent), "e:stranger");
        let looped = party_of("loop:a", parent);
        assert!(looped.starts_with("loop:"), "a loop ends: {looped}");
    }
}
