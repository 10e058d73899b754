//! Dragoman's named-entity tagger: an averaged structured perceptron trained by the project on
//! CoNLL-style data (IOB2 tags, types PER ORG LOC MISC), decoded with Viterbi under IOB2
//! constraints.
//!
//! The shipped model (`models/ner/en.bin`) is embedded in the library; [`Tagger::embedded`]
//! loads it. [`Tagger::tag`] tags one sentence; [`Tagger::tag_document`] tags several sentences
//! of one document together so that document-level features (how a word is written elsewhere in
//! the same text) can help.

mod clusters;
pub mod conll;
pub mod eval;
mod features;
mod model;
pub mod train;

pub use model::Tagger;

use std::fmt;

/// The type of a named entity (the four CoNLL-2003 classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation (companies, governments as institutions, teams, parties…).
    Org,
    /// A location (countries, cities, rivers, regions…).
    Loc,
    /// Other names: nationalities, events, works, languages…
    Misc,
}

impl EntityType {
    /// All types, in a fixed order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    /// The CoNLL label of the type: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses a CoNLL type label (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn parse(label: &str) -> Option<EntityType> {
        match label {
            "PER" => Some(EntityType::Per),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            EntityType::Per => 0,
            EntityType::Org => 1,
            EntityType::Loc => 2,
            EntityType::Misc => 3,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An IOB2 tag: outside, beginning of an entity, or inside (continuation of) an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Not part of an entity.
    O,
    /// First token of an entity of the given type.
    B(EntityType),
    /// A following token of an entity of the given type.
    I(EntityType),
}

/// Number of distinct tags (O, four B-, four I-).
pub(crate) const NUM_TAGS: usize = 9;

impl Tag {
    /// Parses a CoNLL tag such as `O`, `B-PER` or `I-MISC`.
    pub fn parse(label: &str) -> Option<Tag> {
        if label == "O" {
            return Some(Tag::O);
        }
        let (prefix, ty) = label.split_once('-')?;
        let ty = EntityType::parse(ty)?;
        match prefix {
            "B" => Some(Tag::B(ty)),
            "I" => Some(Tag::I(ty)),
            _ => None,
        }
    }

    /// The entity type of a B- or I- tag.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }

    /// Dense index 0..9 used by the model.
    pub(crate) fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + t.index(),
            Tag::I(t) => 5 + t.index(),
        }
    }

    /// Inverse of [`Tag::index`]; indices past the last tag map to `O`.
    pub(crate) fn from_index(i: usize) -> Tag {
        match i {
            1..=4 => Tag::B(EntityType::ALL[i - 1]),
            5..=8 => Tag::I(EntityType::ALL[i - 5]),
            _ => Tag::O,
        }
    }

    /// Whether `self` may follow `prev` in IOB2 (`None` = sentence start): an I- tag must
    /// continue a B- or I- tag of the same type.
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::I(t) => matches!(prev, Some(Tag::B(p)) | Some(Tag::I(p)) if p == t),
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{t}"),
            Tag::I(t) => write!(f, "I-{t}"),
        }
    }
}

/// Errors of the NER crate.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A model file could not be read.
    #[error("cannot read model file {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Model bytes are not a valid Dragoman NER model.
    #[error("invalid NER model: {0}")]
    BadModel(String),
    /// CoNLL input is malformed.
    #[error("malformed CoNLL input at line {line}: {message}")]
    Conll {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Training data or options are unusable.
    #[error("cannot train: {0}")]
    Training(String),
}

/// Entity spans of a tag sequence as token ranges `[start, end)` with their types, following
/// conlleval: an entity starts at a B- tag, or at an I- tag whose type differs from the previous
/// tag's (or that follows O), and runs over the following I- tags of the same type.
pub fn entity_spans(tags: &[Tag]) -> Vec<(usize, usize, EntityType)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(t), Some((_, o))) if t == o);
        if continues {
            continue;
        }
        if let Some((start, ty)) = open.take() {
            spans.push((start, i, ty));
        }
        if let Some(ty) = tag.entity_type() {
            open = Some((i, ty));
        }
    }
    if let Some((start, ty)) = open {
        spans.push((start, tags.len(), ty));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_parse_display_round_trip() {
        for i in 0..NUM_TAGS {
            let tag = Tag::from_index(i);
            assert_eq!(tag.index(), i);
            assert_eq!(Tag::parse(&tag.to_string()), Some(tag));
        }
        assert_eq!(Tag::parse("B-XYZ"), None);
        assert_eq!(Tag::parse("E-PER"), None);
        assert_eq!(Tag::parse(""), None);
    }

    #[test]
    fn spans_follow_conlleval() {
        use EntityType::*;
        let tags = [
            Tag::B(Per),
            Tag::I(Per),
            Tag::O,
            Tag::I(Loc),
            Tag::I(Loc),
            Tag::B(Loc),
            Tag::I(Org),
            Tag::B(Misc),
        ];
        assert_eq!(
            entity_spans(&tags),
            vec![
                (0, 2, Per),
                (3, 5, Loc),
                (5, 6, Loc),
                (6, 7, Org),
                (7, 8, Misc)
            ]
        );
        assert!(entity_spans(&[]).is_empty());
        assert!(entity_spans(&[Tag::O, Tag::O]).is_empty());
    }

    #[test]
    fn tagger_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Tagger>();
        check::<NerError>();
    }

    #[test]
    fn iob2_transitions() {
        use EntityType::*;
        assert!(!Tag::I(Per).may_follow(None));
        assert!(!Tag::I(Per).may_follow(Some(Tag::O)));
        assert!(!Tag::I(Per).may_follow(Some(Tag::B(Org))));
        assert!(Tag::I(Per).may_follow(Some(Tag::B(Per))));
        assert!(Tag::I(Per).may_follow(Some(Tag::I(Per))));
        assert!(Tag::B(Per).may_follow(None));
        assert!(Tag::O.may_follow(Some(Tag::I(Misc))));
    }
}
