//! Byte spans and provenance.

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` in an article's clean text.
#[derive(
    Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers in `text`, or `""` when it does not fall on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Provenance of a derived item: an article and a byte span of its clean text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The article's id ([`crate::Article::id`]).
    pub article: String,
    /// First byte of the sentence or phrase in the article's text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

impl Source {
    /// Provenance for `span` of `article`.
    pub fn new(article: impl Into<String>, span: Span) -> Self {
        Source {
            article: article.into(),
            start: span.start,
            end: span.end,
        }
    }

    /// The span part of this source.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_relations() {
        let a = Span::new(0, 10);
        assert!(a.contains(Span::new(2, 5)));
        assert!(!a.contains(Span::new(5, 11)));
        assert!(a.overlaps(Span::new(9, 12)));
        assert!(!a.overlaps(Span::new(10, 12)));
        assert_eq!(a.len(), 10);
        assert!(Span::new(3, 3).is_empty());
    }

    #[test]
    fn slice_is_safe_off_char_boundaries() {
        let text = "Kyiv – Kiev";
        assert_eq!(Span::new(0, 4).slice(text), "Kyiv");
        assert_eq!(Span::new(5, 6).slice(text), "");
        assert_eq!(Span::new(5, 100).slice(text), "");
    }
}
