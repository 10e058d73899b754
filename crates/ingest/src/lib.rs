//! Dragoman's ingestion: reading files, folders, JSON/JSONL, HTML and scraped text into clean articles.
