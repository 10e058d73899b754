//! Named mentions. (Skeleton.)

use std::sync::Arc;

use dragoman_knowledge::Knowledge;
use dragoman_model::{Doc, Mention};
use dragoman_ner::Tagger;

/// Finds named mentions with the tagger and the knowledge base.
pub struct MentionFinder {
    _knowledge: Arc<Knowledge>,
    _tagger: Arc<Tagger>,
}

impl MentionFinder {
    /// A finder over the given knowledge base and tagger.
    pub fn new(knowledge: Arc<Knowledge>, tagger: Arc<Tagger>) -> Self {
        MentionFinder {
            _knowledge: knowledge,
            _tagger: tagger,
        }
    }

    /// The mentions of a document whose sentences are set.
    pub fn find(&self, _doc: &Doc) -> Vec<Mention> {
        Vec::new()
    }
}
