//! Quotes and attribution. (Skeleton.)

use std::sync::Arc;

use dragoman_knowledge::Knowledge;
use dragoman_model::{Doc, Quote};

use crate::NlpError;

/// Finds direct and indirect quotes.
pub struct QuoteFinder {
    _knowledge: Arc<Knowledge>,
}

impl QuoteFinder {
    /// A finder with the embedded cue lexicon.
    pub fn embedded(knowledge: Arc<Knowledge>) -> Result<Self, NlpError> {
        Ok(QuoteFinder {
            _knowledge: knowledge,
        })
    }

    /// The quotes of a document whose sentences and mentions are set.
    pub fn find(&self, _doc: &Doc) -> Vec<Quote> {
        Vec::new()
    }
}
