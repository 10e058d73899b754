//! Entity resolution across articles. (Skeleton.)

use dragoman_knowledge::Knowledge;
use dragoman_model::{Doc, Entity};

/// Groups mentions into entities and fills the entity ids of mentions, quote speakers,
/// position actors and event participants.
pub fn resolve(_docs: &mut [Doc], _knowledge: &Knowledge) -> Vec<Entity> {
    Vec::new()
}
