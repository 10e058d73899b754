//! The schema and its migrations, tracked with SQLite's `user_version`.

use rusqlite::Connection;

use crate::StoreError;

/// Each migration brings the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
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
    // 2: each article's annotated document, so that an ingest annotates only new articles;
    // lookup tables derived from the analysis (story list, entity names, mentions per
    // article, the speaker or actor of quotes and positions) for the queries of the server.
    "CREATE TABLE docs (
        article TEXT PRIMARY KEY REFERENCES articles (id),
        json TEXT NOT NULL
    );
    CREATE TABLE story_index (
        story TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        first TEXT,
        latest TEXT,
        article_count INTEGER NOT NULL,
        outlets TEXT NOT NULL,
        position INTEGER NOT NULL
    );
    CREATE INDEX story_index_latest ON story_index (latest);
    CREATE TABLE story_articles (
        story TEXT NOT NULL,
        article TEXT NOT NULL,
        PRIMARY KEY (story, article)
    );
    CREATE INDEX story_articles_article ON story_articles (article);
    CREATE TABLE entity_index (
        entity TEXT PRIMARY KEY,
        mentions INTEGER NOT NULL,
        json TEXT NOT NULL
    );
    CREATE INDEX entity_index_mentions ON entity_index (mentions);
    CREATE TABLE entity_names (name TEXT NOT NULL, entity TEXT NOT NULL);
    CREATE INDEX entity_names_name ON entity_names (name);
    CREATE TABLE entity_mentions (
        entity TEXT NOT NULL,
        article TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (entity, article)
    );
    CREATE INDEX entity_mentions_article ON entity_mentions (article);
    ALTER TABLE quotes ADD COLUMN actor TEXT;
    ALTER TABLE positions ADD COLUMN actor TEXT;
    UPDATE quotes SET actor = json_extract(json, '$.speaker');
    UPDATE positions SET actor = json_extract(json, '$.actor');
    CREATE INDEX quotes_actor ON quotes (actor);
    CREATE INDEX positions_actor ON positions (actor);
    CREATE INDEX contradictions_key ON contradictions (key);
    CREATE INDEX framing_key ON framing (key);",
    // 3: each story's API answer, serialised when the analysis is saved, so that serving a
    // story is one keyed read.
    "CREATE TABLE story_json (
        story TEXT PRIMARY KEY,
        json BLOB NOT NULL
    );",
    // 4: the state of the incremental story tracker, saved with the analysis it produced, so
    // that an ingest updates only the stories and entities its new articles touch; indexes for
    // the per-story and per-entity rewrites; each event's timeline day (its own date, else its
    // article's), so that a story's events stay in timeline order when new ones are appended.
    // A file from before has no tracker state: its next ingest rebuilds the analysis once from
    // the stored docs.
    "CREATE TABLE tracker (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state BLOB NOT NULL
    );
    CREATE INDEX duplicates_key ON duplicates (key);
    CREATE INDEX entity_names_entity ON entity_names (entity);
    ALTER TABLE events ADD COLUMN day TEXT;
    UPDATE events SET day = coalesce(
        json_extract(json, '$.date.start'),
        (SELECT published FROM articles WHERE id = json_extract(events.json, '$.sources[0].article'))
    );",
];

/// The newest schema version this build knows.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The first version with the lookup tables derived from the analysis.
pub const LOOKUP_TABLES: i64 = 2;

/// The first version with each story's serialised API answer.
pub const STORY_JSON: i64 = 3;

/// Applies the migrations the file has not seen yet, each in its own transaction, and returns
/// the version the file had before.
pub fn migrate(conn: &mut Connection) -> Result<i64, StoreError> {
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
    Ok(found)
}
