//! Dragoman's knowledge base: gazetteers of countries, organisations and office holders, loaded from data files.

/// The knowledge base. (Skeleton: the knowledge helper fills this in.)
#[derive(Debug, Default)]
pub struct Knowledge {}
