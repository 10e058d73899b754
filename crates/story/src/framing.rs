//! Framing per outlet. (Skeleton.)

use dragoman_model::{Doc, Entity, Fact, Framing, Story};

/// How each outlet frames each story.
pub fn analyze(
    _docs: &[Doc],
    _stories: &[Story],
    _entities: &[Entity],
    _facts: &[Fact],
) -> Vec<Framing> {
    Vec::new()
}
