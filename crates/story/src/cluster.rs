//! Story clustering. (Skeleton.)

use dragoman_model::{Doc, Entity, Story};

/// Groups documents into stories and sets the `story` of their quotes, positions and events.
pub fn cluster(_docs: &mut [Doc], _entities: &[Entity], _threshold: f64) -> Vec<Story> {
    Vec::new()
}
