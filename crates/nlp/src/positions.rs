//! Positions. (Skeleton.)

use dragoman_model::{Doc, Position};

use crate::NlpError;

/// The issues positions are sorted into.
#[derive(Debug, Clone, Default)]
pub struct IssueTaxonomy {}

/// Finds positions.
pub struct PositionFinder {
    _issues: IssueTaxonomy,
}

impl PositionFinder {
    /// A finder with the embedded stance lexicon and issue taxonomy.
    pub fn embedded() -> Result<Self, NlpError> {
        Ok(PositionFinder {
            _issues: IssueTaxonomy::default(),
        })
    }

    /// The same finder with another issue taxonomy.
    pub fn with_issues(self, issues: IssueTaxonomy) -> Self {
        PositionFinder { _issues: issues }
    }

    /// The positions of a document whose sentences, mentions and quotes are set.
    pub fn find(&self, _doc: &Doc) -> Vec<Position> {
        Vec::new()
    }
}
