//! Events. (Skeleton.)

use dragoman_model::{Doc, Event};

use crate::NlpError;

/// Finds events.
pub struct EventFinder {}

impl EventFinder {
    /// A finder with the embedded event lexicon.
    pub fn embedded() -> Result<Self, NlpError> {
        Ok(EventFinder {})
    }

    /// The events of a document whose sentences, mentions and times are set.
    pub fn find(&self, _doc: &Doc) -> Vec<Event> {
        Vec::new()
    }
}
