//! Exact and near-duplicate articles. (Skeleton.)

use dragoman_model::{Doc, Duplicate};

/// Finds copies among the documents; the earliest copy is the origin.
pub fn find(_docs: &[Doc], _threshold: f64) -> Vec<Duplicate> {
    Vec::new()
}
