//! Time expressions. (Skeleton.)

use dragoman_model::{Doc, TimeExpr};

/// Finds and normalises the time expressions of a document against its publication date.
pub fn find(_doc: &Doc) -> Vec<TimeExpr> {
    Vec::new()
}
