//! Dragoman's store: the [`Store`] trait and its embedded default, [`SqliteStore`] — one SQLite
//! file (WAL mode, schema versioned by migrations) with FTS5 full-text search over articles.
//!
//! Articles are kept by id (a content hash or the record's own id), so storing the same article
//! twice adds it once. A report's derived items (stories, entities, quotes, …) replace the
//! previous analysis in one transaction: a crash mid-save leaves the previous state intact.

use std::path::Path;

use dragoman_model::{Article, Report};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

mod schema;

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed (cannot open, locked, corrupt, full disk).
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored record could not be decoded (written by an incompatible version?).
    #[error("store: cannot decode a stored {kind}: {message}")]
    Decode {
        /// What kind of record.
        kind: &'static str,
        /// The decoder's message.
        message: String,
    },
    /// The file was written by a newer Dragoman.
    #[error(
        "store: schema version {found} is newer than this Dragoman supports ({supported}); upgrade Dragoman"
    )]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
}

/// What a save changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SaveSummary {
    /// Articles that were not in the store before.
    pub new_articles: usize,
    /// Articles already stored (same id).
    pub known_articles: usize,
}

/// One full-text search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The article's id.
    pub article: String,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date (ISO 8601).
    pub published: Option<String>,
    /// A snippet with the matching words between `[` and `]`.
    pub snippet: String,
}

/// Where articles and analyses are kept.
pub trait Store {
    /// Stores the report's articles (new ones only) and replaces the stored analysis with the
    /// report's stories, entities, quotes, positions, events, facts, contradictions and framing.
    fn save_report(&mut self, report: &Report) -> Result<SaveSummary, StoreError>;
    /// True when an article with this id is stored.
    fn has_article(&self, id: &str) -> Result<bool, StoreError>;
    /// A stored article.
    fn article(&self, id: &str) -> Result<Option<Article>, StoreError>;
    /// How many articles are stored.
    fn article_count(&self) -> Result<usize, StoreError>;
    /// The stored articles and the last saved analysis, as a report.
    fn load_report(&self) -> Result<Report, StoreError>;
    /// Full-text search over titles and texts (FTS5 query syntax), best matches first.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError>;
}

/// The embedded store: one SQLite file.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (or creates) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Self::with_connection(conn)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(mut conn: Connection) -> Result<Self, StoreError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }
}

/// The derived-item tables and how each report section maps to them.
const ITEM_TABLES: [&str; 9] = [
    "stories",
    "entities",
    "quotes",
    "positions",
    "events",
    "facts",
    "contradictions",
    "framing",
    "duplicates",
];

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising model types to JSON cannot fail: they hold only strings, numbers and maps
    // with string keys.
    serde_json::to_string(value).unwrap_or_default()
}

fn from_json<T: DeserializeOwned>(kind: &'static str, json: &str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Decode {
        kind,
        message: e.to_string(),
    })
}

impl Store for SqliteStore {
    fn save_report(&mut self, report: &Report) -> Result<SaveSummary, StoreError> {
        let tx = self.conn.transaction()?;
        let mut summary = SaveSummary::default();
        {
            let mut insert = tx.prepare(
                "INSERT OR IGNORE INTO articles
                   (id, origin, outlet, title, published, language, text, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut index =
                tx.prepare("INSERT INTO articles_fts (id, title, text) VALUES (?1, ?2, ?3)")?;
            for article in &report.articles {
                let published = article.published.as_ref().map(|p| p.date.to_string());
                let added = insert.execute(params![
                    article.id,
                    article.origin,
                    article.outlet,
                    article.title,
                    published,
                    article.language,
                    article.text,
                    to_json(article),
                ])?;
                if added == 1 {
                    index.execute(params![article.id, article.title, article.text])?;
                    summary.new_articles += 1;
                } else {
                    summary.known_articles += 1;
                }
            }
        }
        for table in ITEM_TABLES {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        insert_items(
            &tx,
            "stories",
            report.stories.iter().map(|s| (Some(&s.id), to_json(s))),
        )?;
        insert_items(
            &tx,
            "entities",
            report.entities.iter().map(|e| (Some(&e.id), to_json(e))),
        )?;
        insert_items(
            &tx,
            "quotes",
            report.quotes.iter().map(|q| (q.story.as_ref(), to_json(q))),
        )?;
        insert_items(
            &tx,
            "positions",
            report
                .positions
                .iter()
                .map(|p| (p.story.as_ref(), to_json(p))),
        )?;
        insert_items(
            &tx,
            "events",
            report.events.iter().map(|e| (e.story.as_ref(), to_json(e))),
        )?;
        insert_items(
            &tx,
            "facts",
            report.facts.iter().map(|f| (f.story.as_ref(), to_json(f))),
        )?;
        insert_items(
            &tx,
            "contradictions",
            report
                .contradictions
                .iter()
                .map(|c| (c.story.as_ref(), to_json(c))),
        )?;
        insert_items(
            &tx,
            "framing",
            report.framing.iter().map(|f| (Some(&f.story), to_json(f))),
        )?;
        insert_items(
            &tx,
            "duplicates",
            report
                .duplicates
                .iter()
                .map(|d| (Some(&d.article), to_json(d))),
        )?;
        tx.commit()?;
        Ok(summary)
    }

    fn has_article(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        json.map(|j| from_json("article", &j)).transpose()
    }

    fn article_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn load_report(&self) -> Result<Report, StoreError> {
        Ok(Report {
            articles: self.load_items("articles", "article", "published, rowid")?,
            stories: self.load_items("stories", "story", "rowid")?,
            entities: self.load_items("entities", "entity", "rowid")?,
            quotes: self.load_items("quotes", "quote", "rowid")?,
            positions: self.load_items("positions", "position", "rowid")?,
            events: self.load_items("events", "event", "rowid")?,
            facts: self.load_items("facts", "fact", "rowid")?,
            contradictions: self.load_items("contradictions", "contradiction", "rowid")?,
            framing: self.load_items("framing", "framing", "rowid")?,
            duplicates: self.load_items("duplicates", "duplicate", "rowid")?,
            problems: Vec::new(),
        })
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.title, a.outlet, a.published,
                    snippet(articles_fts, 2, '[', ']', '…', 16)
               FROM articles_fts JOIN articles a ON a.id = articles_fts.id
              WHERE articles_fts MATCH ?1
              ORDER BY rank LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let hits = stmt
            .query_map(params![query, limit], |r| {
                Ok(SearchHit {
                    article: r.get(0)?,
                    title: r.get(1)?,
                    outlet: r.get(2)?,
                    published: r.get(3)?,
                    snippet: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(hits)
    }
}

impl SqliteStore {
    fn load_items<T: DeserializeOwned>(
        &self,
        table: &str,
        kind: &'static str,
        order: &str,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT json FROM {table} ORDER BY {order}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut items = Vec::new();
        for json in rows {
            items.push(from_json(kind, &json?)?);
        }
        Ok(items)
    }
}

fn insert_items<'a>(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    items: impl Iterator<Item = (Option<&'a String>, String)>,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare(&format!("INSERT INTO {table} (key, json) VALUES (?1, ?2)"))?;
    for (key, json) in items {
        stmt.execute(params![key, json])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
