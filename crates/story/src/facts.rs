//! The facts ledger. (Skeleton.)

use dragoman_model::{Doc, Duplicate, Entity, Fact, Story};

/// Extracts checkable facts from every document and merges equivalent ones across outlets.
pub fn ledger(
    _docs: &[Doc],
    _entities: &[Entity],
    _stories: &[Story],
    _duplicates: &[Duplicate],
) -> Vec<Fact> {
    Vec::new()
}
