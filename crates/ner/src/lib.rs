//! Dragoman's named-entity tagger: an averaged perceptron trained by the project on CoNLL-style data.

/// The trained tagger. (Skeleton: the NER helper fills this in.)
#[derive(Debug, Default)]
pub struct Tagger {}
