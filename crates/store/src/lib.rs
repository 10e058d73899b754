//! Dragoman's store: the [`Store`] trait and its embedded default, [`SqliteStore`] — one SQLite
//! file (WAL mode, schema versioned by migrations) with FTS5 full-text search over articles.
//!
//! Articles are kept by id (a content hash or the record's own id), so storing the same article
//! twice adds it once. Each article's annotated [`Doc`] is kept with it, so that an ingest
//! annotates only new articles. The analysis is kept with the state of the incremental story
//! tracker that produced it: an ingest batch writes its docs, the entities and stories they
//! touch and the tracker's new state in one transaction ([`Store::apply_update`]), leaving
//! every other row as it was; a rebuild writes the whole analysis the same way, and a whole
//! report replaces it in one transaction ([`Store::replace_analysis`]). A crash mid-save
//! leaves the previous state intact.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use dragoman_model::{Article, Doc, Duplicate, Entity, Event, Report, Story};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

mod fts;
mod queries;
mod schema;
mod update;
mod views;

pub use update::{AnalysisUpdate, EntityChange, StoryRows};
pub use views::*;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SaveSummary {
    /// Articles that were not in the store before.
    pub new_articles: usize,
    /// Articles already stored (same id).
    pub known_articles: usize,
}

/// Where articles and analyses are kept.
pub trait Store {
    /// Stores the report's articles (new ones only) and replaces the stored analysis with the
    /// report's stories, entities, quotes, positions, events, facts, contradictions and framing.
    fn save_report(&mut self, report: &Report) -> Result<SaveSummary, StoreError>;
    /// Stores annotated documents in one transaction: the article and its doc for an article not
    /// stored yet, the doc alone for a stored article that had none; others are left as they are.
    fn save_docs(&mut self, docs: &[Doc]) -> Result<SaveSummary, StoreError>;
    /// Replaces the stored analysis with the report's (its articles must already be stored).
    /// The tracker's state is dropped with the analysis it described.
    fn replace_analysis(&mut self, report: &Report) -> Result<(), StoreError>;
    /// Writes one ingest batch in one transaction: its docs, the entities and stories it
    /// touched, its duplicates and the tracker's state; nothing else is rewritten (unless the
    /// update replaces the whole analysis).
    fn apply_update(&mut self, update: &AnalysisUpdate) -> Result<SaveSummary, StoreError>;
    /// The tracker's state saved with the analysis; `None` when the analysis was not made by
    /// the tracker (a store from before, or a report saved whole).
    fn tracker_state(&self) -> Result<Option<Vec<u8>>, StoreError>;
    /// The stored docs of one story's articles, oldest article first.
    fn story_docs(&self, story: &str) -> Result<Vec<Doc>, StoreError>;
    /// The stored duplicates whose copy belongs to one story.
    fn story_duplicates(&self, story: &str) -> Result<Vec<Duplicate>, StoreError>;
    /// True when an article with this id is stored.
    fn has_article(&self, id: &str) -> Result<bool, StoreError>;
    /// A stored article.
    fn article(&self, id: &str) -> Result<Option<Article>, StoreError>;
    /// A stored article's annotated document.
    fn doc(&self, id: &str) -> Result<Option<Doc>, StoreError>;
    /// Every stored doc, oldest article first.
    fn docs(&self) -> Result<Vec<Doc>, StoreError>;
    /// Stored articles that have no doc yet (stored by a plain save of a report).
    fn articles_without_docs(&self) -> Result<Vec<Article>, StoreError>;
    /// How many articles are stored.
    fn article_count(&self) -> Result<usize, StoreError>;
    /// The publication dates of the `limit` articles stored last (those without a date left
    /// out), newest first.
    fn recent_dates(&self, limit: usize) -> Result<Vec<NaiveDate>, StoreError>;
    /// How many stories the stored analysis holds.
    fn story_count(&self) -> Result<usize, StoreError>;
    /// How many entities the stored analysis holds.
    fn entity_count(&self) -> Result<usize, StoreError>;
    /// The stored articles and the last saved analysis, as a report.
    fn load_report(&self) -> Result<Report, StoreError>;
    /// Stories, newest activity first (at most `limit`, after skipping `offset`).
    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>, StoreError>;
    /// The stories an article belongs to.
    fn stories_of_article(&self, article: &str) -> Result<Vec<StorySummary>, StoreError>;
    /// One story with everything that belongs to it.
    fn story(&self, id: &str) -> Result<Option<StoryDetail>, StoreError>;
    /// One story's API answer, a [`StoryAnswer`] serialised to JSON when the analysis was saved.
    fn story_json(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Entities, most mentioned first (at most `limit`, after skipping `offset`).
    fn entities(&self, limit: usize, offset: usize) -> Result<Vec<EntitySummary>, StoreError>;
    /// A stored entity by id.
    fn entity(&self, id: &str) -> Result<Option<Entity>, StoreError>;
    /// A stored entity's summary (everything but its mention sources) by id.
    fn entity_summary(&self, id: &str) -> Result<Option<EntitySummary>, StoreError>;
    /// An entity by id, name or alias (case-insensitive); the most mentioned when several match.
    fn find_entity(&self, name: &str) -> Result<Option<Entity>, StoreError>;
    /// An entity with its quotes, positions, mentions per day and stories.
    fn entity_detail(&self, id: &str) -> Result<Option<EntityDetail>, StoreError>;
    /// Full-text search over titles and texts with filters, best matches first.
    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, StoreError>;
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

    /// Opens an existing store for reading only (a server's readers, next to one writer).
    /// The schema must be current: open it once with [`SqliteStore::open`] first.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > schema::VERSION {
            return Err(StoreError::TooNew {
                found,
                supported: schema::VERSION,
            });
        }
        Ok(SqliteStore { conn })
    }

    /// A store in memory, for tests and one-off runs.
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(mut conn: Connection) -> Result<Self, StoreError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let before = schema::migrate(&mut conn)?;
        let mut store = SqliteStore { conn };
        if before > 0 && before < schema::LOOKUP_TABLES {
            // A file from before the lookup tables: derive them from its stored analysis.
            let report = store.load_report()?;
            store.replace_analysis(&report)?;
        } else if before > 0 && before < schema::STORY_JSON {
            // A file from before the stored story answers: build them from its analysis.
            let tx = store.conn.transaction()?;
            write_story_answers(&tx)?;
            tx.commit()?;
        }
        Ok(store)
    }

    /// Runs SQLite's integrity check; `true` when the file is sound.
    pub fn integrity_check(&self) -> Result<bool, StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(result == "ok")
    }

    /// Ids of every stored article, in storage order.
    pub fn article_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles ORDER BY rowid")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }
}

/// Most items of each list a story's API answer holds; [`StoryAnswer::totals`] has the counts.
pub const STORY_LIST: usize = 100;

/// The order of events: by timeline day, undated last, storage order among equals.
const TIMELINE: &str = "day IS NULL, day, rowid";

/// The derived-item tables (and the tracker's state), replaced as a whole by each analysis.
const ITEM_TABLES: [&str; 16] = [
    "stories",
    "entities",
    "quotes",
    "positions",
    "events",
    "facts",
    "contradictions",
    "framing",
    "duplicates",
    "story_index",
    "story_articles",
    "entity_index",
    "entity_names",
    "entity_mentions",
    "story_json",
    "tracker",
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

/// The key under which names and aliases are looked up: lower case, single spaces, without a
/// leading "the".
pub fn name_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// Inserts `article` unless stored; true when it was new.
fn insert_article(tx: &Transaction<'_>, article: &Article) -> Result<bool, StoreError> {
    let published = article.date().map(|d| d.to_string());
    let added = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO articles
               (id, origin, outlet, title, published, language, text, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
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
        tx.prepare_cached("INSERT INTO articles_fts (id, title, text) VALUES (?1, ?2, ?3)")?
            .execute(params![article.id, article.title, article.text])?;
    }
    Ok(added == 1)
}

fn insert_items<'a>(
    tx: &Transaction<'_>,
    table: &str,
    items: impl Iterator<Item = (Option<&'a String>, String)>,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare(&format!("INSERT INTO {table} (key, json) VALUES (?1, ?2)"))?;
    for (key, json) in items {
        stmt.execute(params![key, json])?;
    }
    Ok(())
}

fn insert_actor_items<'a>(
    tx: &Transaction<'_>,
    table: &str,
    items: impl Iterator<Item = (Option<&'a String>, Option<&'a String>, String)>,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare(&format!(
        "INSERT INTO {table} (key, actor, json) VALUES (?1, ?2, ?3)"
    ))?;
    for (key, actor, json) in items {
        stmt.execute(params![key, actor, json])?;
    }
    Ok(())
}

/// Inserts events, each with its timeline day: its own date, else its article's.
fn insert_events<'a>(
    tx: &Transaction<'_>,
    events: impl IntoIterator<Item = &'a Event>,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (key, day, json) VALUES
           (?1, coalesce(?2, (SELECT published FROM articles WHERE id = ?3)), ?4)",
    )?;
    for event in events {
        let day = event
            .date
            .as_ref()
            .and_then(|d| d.start)
            .map(|d| d.to_string());
        let article = event.sources.first().map(|s| &s.article);
        stmt.execute(params![event.story, day, article, to_json(event)])?;
    }
    Ok(())
}

/// Replaces every derived table with the report's analysis, inside `tx`.
fn write_analysis(tx: &Transaction<'_>, report: &Report) -> Result<(), StoreError> {
    for table in ITEM_TABLES {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    insert_items(
        tx,
        "stories",
        report.stories.iter().map(|s| (Some(&s.id), to_json(s))),
    )?;
    insert_items(
        tx,
        "entities",
        report.entities.iter().map(|e| (Some(&e.id), to_json(e))),
    )?;
    insert_actor_items(
        tx,
        "quotes",
        report
            .quotes
            .iter()
            .map(|q| (q.story.as_ref(), q.speaker.as_ref(), to_json(q))),
    )?;
    insert_actor_items(
        tx,
        "positions",
        report
            .positions
            .iter()
            .map(|p| (p.story.as_ref(), p.actor.as_ref(), to_json(p))),
    )?;
    insert_events(tx, &report.events)?;
    insert_items(
        tx,
        "facts",
        report.facts.iter().map(|f| (f.story.as_ref(), to_json(f))),
    )?;
    insert_items(
        tx,
        "contradictions",
        report
            .contradictions
            .iter()
            .map(|c| (c.story.as_ref(), to_json(c))),
    )?;
    insert_items(
        tx,
        "framing",
        report.framing.iter().map(|f| (Some(&f.story), to_json(f))),
    )?;
    insert_items(
        tx,
        "duplicates",
        report
            .duplicates
            .iter()
            .map(|d| (Some(&d.article), to_json(d))),
    )?;
    write_lookups(tx, report)?;
    write_story_answers(tx)
}

/// Fills the lookup tables (story list, story articles, entity names, mentions per article).
fn write_lookups(tx: &Transaction<'_>, report: &Report) -> Result<(), StoreError> {
    for (position, story) in report.stories.iter().enumerate() {
        write_story_index(tx, story, to_i64(position))?;
    }
    for entity in &report.entities {
        write_entity_lookups(tx, entity, entity)?;
    }
    Ok(())
}

/// Writes `story`'s row of the story list (at `position`, the tie-break of its order) and its
/// article rows: those it lacks are added, those of articles it no longer holds removed.
fn write_story_index(tx: &Transaction<'_>, story: &Story, position: i64) -> Result<(), StoreError> {
    let stored: HashSet<String> = {
        let mut stmt = tx.prepare_cached("SELECT article FROM story_articles WHERE story = ?1")?;
        stmt.query_map([&story.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    let holds: HashSet<&str> = story.articles.iter().map(String::as_str).collect();
    let mut remove =
        tx.prepare_cached("DELETE FROM story_articles WHERE story = ?1 AND article = ?2")?;
    for article in stored.iter().filter(|a| !holds.contains(a.as_str())) {
        remove.execute(params![story.id, article])?;
    }
    let mut add =
        tx.prepare_cached("INSERT OR IGNORE INTO story_articles (story, article) VALUES (?1, ?2)")?;
    for article in story.articles.iter().filter(|a| !stored.contains(*a)) {
        add.execute(params![story.id, article])?;
    }
    let (first, latest): (Option<String>, Option<String>) = tx
        .prepare_cached(
            "SELECT min(a.published), max(a.published)
               FROM story_articles sa JOIN articles a ON a.id = sa.article
              WHERE sa.story = ?1",
        )?
        .query_row([&story.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO story_index
           (story, title, first, latest, article_count, outlets, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        story.id,
        story.title,
        first,
        latest,
        to_i64(story.articles.len()),
        to_json(&story.outlets),
        position,
    ])?;
    Ok(())
}

/// Writes `entity`'s row of the entity list and its names (replacing those it had), and the
/// mention counts per article of `counted`: the whole entity, or what new articles added to it.
fn write_entity_lookups(
    tx: &Transaction<'_>,
    entity: &Entity,
    counted: &Entity,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO entity_index (entity, mentions, json) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity) DO UPDATE SET mentions = excluded.mentions, json = excluded.json",
    )?
    .execute(params![
        entity.id,
        to_i64(entity.mentions),
        to_json(&EntitySummary::of(entity))
    ])?;
    tx.prepare_cached("DELETE FROM entity_names WHERE entity = ?1")?
        .execute([&entity.id])?;
    let mut keys: Vec<String> = std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .map(|n| name_key(n))
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    let mut name_row =
        tx.prepare_cached("INSERT INTO entity_names (name, entity) VALUES (?1, ?2)")?;
    for key in keys {
        name_row.execute(params![key, entity.id])?;
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for source in &counted.sources {
        *counts.entry(source.article.as_str()).or_insert(0) += 1;
    }
    for article in &counted.articles {
        counts.entry(article.as_str()).or_insert(1);
    }
    let mut mention_row = tx.prepare_cached(
        "INSERT OR REPLACE INTO entity_mentions (entity, article, count) VALUES (?1, ?2, ?3)",
    )?;
    for (article, count) in counts {
        mention_row.execute(params![entity.id, article, count])?;
    }
    Ok(())
}

/// Builds every stored story's API answer from the tables written so far, inside `tx`.
fn write_story_answers(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute("DELETE FROM story_json", [])?;
    let ids: Vec<String> = {
        let mut stmt =
            tx.prepare("SELECT key FROM stories WHERE key IS NOT NULL ORDER BY rowid")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    for id in ids {
        write_story_answer(tx, &id)?;
    }
    Ok(())
}

/// Builds story `id`'s API answer from the tables written so far, inside `tx`, replacing the
/// one it had (or removing it when the story is gone).
fn write_story_answer(tx: &Transaction<'_>, id: &str) -> Result<(), StoreError> {
    match queries::story_answer(tx, id, STORY_LIST)? {
        Some(answer) => {
            tx.prepare_cached("INSERT OR REPLACE INTO story_json (story, json) VALUES (?1, ?2)")?
                .execute(params![id, to_json(&answer).into_bytes()])?;
        }
        None => {
            tx.prepare_cached("DELETE FROM story_json WHERE story = ?1")?
                .execute([id])?;
        }
    }
    Ok(())
}

impl Store for SqliteStore {
    fn save_report(&mut self, report: &Report) -> Result<SaveSummary, StoreError> {
        let tx = self.conn.transaction()?;
        let mut summary = SaveSummary::default();
        for article in &report.articles {
            if insert_article(&tx, article)? {
                summary.new_articles += 1;
            } else {
                summary.known_articles += 1;
            }
        }
        write_analysis(&tx, report)?;
        tx.commit()?;
        Ok(summary)
    }

    fn save_docs(&mut self, docs: &[Doc]) -> Result<SaveSummary, StoreError> {
        let tx = self.conn.transaction()?;
        let mut summary = SaveSummary::default();
        {
            let mut insert_doc =
                tx.prepare("INSERT OR IGNORE INTO docs (article, json) VALUES (?1, ?2)")?;
            for doc in docs {
                if insert_article(&tx, &doc.article)? {
                    summary.new_articles += 1;
                } else {
                    summary.known_articles += 1;
                }
                insert_doc.execute(params![doc.article.id, to_json(doc)])?;
            }
        }
        tx.commit()?;
        Ok(summary)
    }

    fn replace_analysis(&mut self, report: &Report) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        write_analysis(&tx, report)?;
        tx.commit()?;
        Ok(())
    }

    fn apply_update(&mut self, update: &AnalysisUpdate) -> Result<SaveSummary, StoreError> {
        let tx = self.conn.transaction()?;
        let summary = update::apply(&tx, update)?;
        tx.commit()?;
        Ok(summary)
    }

    fn tracker_state(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT state FROM tracker WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?)
    }

    fn story_docs(&self, story: &str) -> Result<Vec<Doc>, StoreError> {
        self.json_rows(
            "SELECT d.json FROM story_articles sa
               JOIN docs d ON d.article = sa.article
               JOIN articles a ON a.id = sa.article
              WHERE sa.story = ?1
              ORDER BY a.published, a.rowid",
            [story],
            "doc",
        )
    }

    fn story_duplicates(&self, story: &str) -> Result<Vec<Duplicate>, StoreError> {
        self.json_rows(
            "SELECT json FROM duplicates
              WHERE key IN (SELECT article FROM story_articles WHERE story = ?1)
              ORDER BY rowid",
            [story],
            "duplicate",
        )
    }

    fn has_article(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        self.json_by_key("SELECT json FROM articles WHERE id = ?1", id, "article")
    }

    fn doc(&self, id: &str) -> Result<Option<Doc>, StoreError> {
        self.json_by_key("SELECT json FROM docs WHERE article = ?1", id, "doc")
    }

    fn docs(&self) -> Result<Vec<Doc>, StoreError> {
        self.json_rows(
            "SELECT d.json FROM docs d JOIN articles a ON a.id = d.article
              ORDER BY a.published, a.rowid",
            [],
            "doc",
        )
    }

    fn articles_without_docs(&self) -> Result<Vec<Article>, StoreError> {
        self.json_rows(
            "SELECT json FROM articles WHERE id NOT IN (SELECT article FROM docs)
              ORDER BY rowid",
            [],
            "article",
        )
    }

    fn article_count(&self) -> Result<usize, StoreError> {
        self.count("articles")
    }

    fn recent_dates(&self, limit: usize) -> Result<Vec<NaiveDate>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT published FROM articles WHERE published IS NOT NULL
              ORDER BY rowid DESC LIMIT ?1",
        )?;
        let written = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                r.get::<_, String>(0)
            })?
            .collect::<Result<Vec<String>, _>>()?;
        // Written by `insert_article` as `YYYY-MM-DD`; anything else is not a date to use.
        Ok(written
            .iter()
            .filter_map(|day| day.parse::<NaiveDate>().ok())
            .collect())
    }

    fn story_count(&self) -> Result<usize, StoreError> {
        self.count("story_index")
    }

    fn entity_count(&self) -> Result<usize, StoreError> {
        self.count("entity_index")
    }

    fn load_report(&self) -> Result<Report, StoreError> {
        Ok(Report {
            articles: self.load_items("articles", "article", "published, rowid")?,
            stories: self.load_items("stories", "story", "rowid")?,
            entities: self.load_items("entities", "entity", "rowid")?,
            quotes: self.load_items("quotes", "quote", "rowid")?,
            positions: self.load_items("positions", "position", "rowid")?,
            events: self.load_items("events", "event", TIMELINE)?,
            facts: self.load_items("facts", "fact", "rowid")?,
            contradictions: self.load_items("contradictions", "contradiction", "rowid")?,
            framing: self.load_items("framing", "framing", "rowid")?,
            duplicates: self.load_items("duplicates", "duplicate", "rowid")?,
            problems: Vec::new(),
        })
    }

    fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StorySummary>, StoreError> {
        self.story_summaries(
            "SELECT story, title, first, latest, article_count, outlets FROM story_index
              ORDER BY latest IS NULL, latest DESC, position LIMIT ?1 OFFSET ?2",
            params![to_i64(limit), to_i64(offset)],
        )
    }

    fn stories_of_article(&self, article: &str) -> Result<Vec<StorySummary>, StoreError> {
        self.story_summaries(
            "SELECT s.story, s.title, s.first, s.latest, s.article_count, s.outlets
               FROM story_articles sa JOIN story_index s ON s.story = sa.story
              WHERE sa.article = ?1 ORDER BY s.position",
            [article],
        )
    }

    fn story(&self, id: &str) -> Result<Option<StoryDetail>, StoreError> {
        queries::story_detail(&self.conn, id)
    }

    fn story_json(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT json FROM story_json WHERE story = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn entities(&self, limit: usize, offset: usize) -> Result<Vec<EntitySummary>, StoreError> {
        self.json_rows(
            "SELECT json FROM entity_index ORDER BY mentions DESC, rowid LIMIT ?1 OFFSET ?2",
            params![to_i64(limit), to_i64(offset)],
            "entity summary",
        )
    }

    fn entity(&self, id: &str) -> Result<Option<Entity>, StoreError> {
        self.json_by_key("SELECT json FROM entities WHERE key = ?1", id, "entity")
    }

    fn entity_summary(&self, id: &str) -> Result<Option<EntitySummary>, StoreError> {
        queries::entity_summary(&self.conn, id)
    }

    fn find_entity(&self, name: &str) -> Result<Option<Entity>, StoreError> {
        if let Some(entity) = self.entity(name.trim())? {
            return Ok(Some(entity));
        }
        self.json_by_key(
            "SELECT e.json FROM entity_names n
               JOIN entity_index i ON i.entity = n.entity
               JOIN entities e ON e.key = n.entity
              WHERE n.name = ?1
              ORDER BY i.mentions DESC LIMIT 1",
            &name_key(name),
            "entity",
        )
    }

    fn entity_detail(&self, id: &str) -> Result<Option<EntityDetail>, StoreError> {
        self.entity_detail_of(id)
    }

    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, StoreError> {
        self.search_articles(query)
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl SqliteStore {
    /// How many rows `table` holds.
    fn count(&self, table: &str) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM {table}"))?
            .query_row([], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn load_items<T: DeserializeOwned>(
        &self,
        table: &str,
        kind: &'static str,
        order: &str,
    ) -> Result<Vec<T>, StoreError> {
        self.json_rows(
            &format!("SELECT json FROM {table} ORDER BY {order}"),
            [],
            kind,
        )
    }

    /// Decodes the JSON in the first column of every row of `sql`.
    fn json_rows<T: DeserializeOwned>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        kind: &'static str,
    ) -> Result<Vec<T>, StoreError> {
        json_rows(&self.conn, sql, params, kind)
    }

    /// Decodes the JSON of the one row `sql` finds for `key`, if any.
    fn json_by_key<T: DeserializeOwned>(
        &self,
        sql: &str,
        key: &str,
        kind: &'static str,
    ) -> Result<Option<T>, StoreError> {
        json_by_key(&self.conn, sql, key, kind)
    }
}

/// Decodes the JSON in the first column of every row of `sql` on `conn`.
fn json_rows<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    kind: &'static str,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| r.get::<_, String>(0))?;
    let mut items = Vec::new();
    for json in rows {
        items.push(from_json(kind, &json?)?);
    }
    Ok(items)
}

/// Decodes the JSON of the one row `sql` finds for `key` on `conn`, if any.
fn json_by_key<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    key: &str,
    kind: &'static str,
) -> Result<Option<T>, StoreError> {
    let json: Option<String> = conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get(0))
        .optional()?;
    json.map(|j| from_json(kind, &j)).transpose()
}

#[cfg(test)]
mod tests;
