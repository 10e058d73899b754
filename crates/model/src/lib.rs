//! The data model shared by every Dragoman stage.
//!
//! One article flows one way through the pipeline; each stage adds to it. This crate holds
//! only the types (with serde) and small pure helpers on them: no I/O, no parsing.
//!
//! Every derived item keeps its provenance as [`Source`]s: an article id and a byte span
//! into that article's clean `text`.

mod annotation;
mod article;
mod report;
mod span;

pub use annotation::*;
pub use article::*;
pub use report::*;
pub use span::*;
