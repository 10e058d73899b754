//! Per-article annotation: sentences, tokens, mentions, time expressions, quotes, positions
//! and events. Each component is a module that can be used and tested alone; [`Annotator`]
//! runs them in order over one article and returns a [`Doc`].

use std::sync::Arc;

use dragoman_knowledge::Knowledge;
use dragoman_model::{Article, Doc};
use dragoman_ner::Tagger;

pub mod events;
mod features;
pub mod mentions;
pub mod positions;
pub mod quotes;
mod scores;
pub mod syntax;
pub mod text;
pub mod time;

/// Errors from loading the annotators' lexicons.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A lexicon or taxonomy file could not be parsed.
    #[error("lexicon {name}: {message}")]
    Lexicon {
        /// Which file or lexicon.
        name: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Runs every per-article annotator in turn. Cheap to share across threads.
pub struct Annotator {
    mentions: mentions::MentionFinder,
    quotes: quotes::QuoteFinder,
    positions: positions::PositionFinder,
    events: events::EventFinder,
}

impl Annotator {
    /// An annotator with the embedded lexicons and the given knowledge base and tagger.
    pub fn new(knowledge: Arc<Knowledge>, tagger: Arc<Tagger>) -> Result<Self, NlpError> {
        Ok(Annotator {
            mentions: mentions::MentionFinder::new(knowledge.clone(), tagger),
            quotes: quotes::QuoteFinder::embedded(knowledge.clone())?,
            positions: positions::PositionFinder::embedded()?.with_knowledge(knowledge.clone()),
            events: events::EventFinder::embedded()?,
        })
    }

    /// Replaces the issue taxonomy used for positions (for another domain).
    pub fn with_issues(mut self, issues: positions::IssueTaxonomy) -> Self {
        self.positions = self.positions.with_issues(issues);
        self
    }

    /// Annotates one article.
    pub fn annotate(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        doc.sentences = text::sentences(&doc.article);
        doc.mentions = self.mentions.find(&doc);
        doc.times = time::find(&doc);
        // The words of each sentence, split once for the three finders that read them.
        let text = doc.article.text.clone();
        let tokens = quotes::words::Tokens::new(&doc, &text);
        doc.quotes = self.quotes.find_in(&doc, &tokens);
        doc.positions = self.positions.find_in(&doc, &tokens);
        doc.events = self.events.find_in(&doc, &tokens);
        doc
    }
}
