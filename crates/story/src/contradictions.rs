//! Contradictions between outlets. (Skeleton.)

use dragoman_model::{Contradiction, Fact};

/// Finds facts with the same subject and attribute but incompatible values across outlets.
pub fn find(_facts: &[Fact]) -> Vec<Contradiction> {
    Vec::new()
}
