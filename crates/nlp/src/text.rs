//! Sentence segmentation and word tokens. (Skeleton: filled in by the text/time/mentions work.)

use dragoman_model::{Article, Sentence};

/// Splits an article's text into sentences, paragraph by paragraph.
pub fn sentences(_article: &Article) -> Vec<Sentence> {
    Vec::new()
}
