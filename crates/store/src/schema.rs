//! The schema and its migrations, tracked with SQLite's `user_version`.

use rusqlite::Connection;

use crate::StoreError;

/// Each migration brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: articles with full-text search; one table per kind of derived item.
    "CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL,
        outlet TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        json TEXT NOT NULL,
        added_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE INDEX articles_published ON articles (published);
    CREATE INDEX articles_outlet ON articles (outlet);
    CREATE VIRTUAL TABLE articles_fts USING fts5 (id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE stories (key TEXT, json TEXT NOT NULL);
    CREATE TABLE entities (key TEXT, json TEXT NOT NULL);
    CREATE TABLE quotes (key TEXT, json TEXT NOT NULL);
    CREATE TABLE positions (key TEXT, json TEXT NOT NULL);
    CREATE TABLE events (key TEXT, json TEXT NOT NULL);
    CREATE TABLE facts (key TEXT, json TEXT NOT NULL);
    CREATE TABLE contradictions (key TEXT, json TEXT NOT NULL);
    CREATE TABLE framing (key TEXT, json TEXT NOT NULL);
    CREATE TABLE duplicates (key TEXT, json TEXT NOT NULL);
    CREATE INDEX stories_key ON stories (key);
    CREATE INDEX entities_key ON entities (key);
    CREATE INDEX quotes_key ON quotes (key);
    CREATE INDEX positions_key ON positions (key);
    CREATE INDEX events_key ON events (key);
    CREATE INDEX facts_key ON facts (key);",
];

/// The newest schema version this build knows.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies the migrations the file has not seen yet, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: VERSION,
        });
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
