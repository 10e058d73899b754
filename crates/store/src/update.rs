//! Incremental updates of the analysis: what one ingest batch changes (its new docs, the
//! entities and stories they touch, the duplicates found among them, the tracker's new state),
//! written in one transaction. Rows of stories and entities the batch does not touch are left
//! exactly as they were.

use dragoman_model::{Contradiction, Doc, Duplicate, Entity, Fact, Framing, Story};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::{
    ITEM_TABLES, SaveSummary, StoreError, insert_actor_items, insert_article, insert_events,
    insert_items, to_json, write_entity_lookups, write_story_answer, write_story_index,
};

/// One story's comparison of its outlets: replaces the story's stored story row, facts,
/// contradictions and framing. (Its quotes, positions and events belong to its docs: those of
/// new docs are added with them.)
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRows {
    /// The story (its id keys every other row).
    pub story: Story,
    /// Its facts ledger.
    pub facts: Vec<Fact>,
    /// Where its outlets contradict each other.
    pub contradictions: Vec<Contradiction>,
    /// How each outlet frames it.
    pub framing: Vec<Framing>,
}

/// A touched entity: the whole entity after the update, and what the new articles added.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityChange {
    /// The entity as it now stands (stored entity merged with the contribution).
    pub entity: Entity,
    /// The new articles' contribution alone (their mentions, articles and sources).
    pub added: Entity,
}

/// What one ingest batch changes, written in one transaction by
/// [`Store::apply_update`](crate::Store::apply_update).
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisUpdate {
    /// The batch's annotated docs (entity ids and stories filled), stored with their articles
    /// and their quotes, positions and events (under the story each names).
    pub docs: Vec<Doc>,
    /// The entities the batch touched.
    pub entities: Vec<EntityChange>,
    /// Copies found among the batch's docs.
    pub duplicates: Vec<Duplicate>,
    /// The stories the batch touched, each recompared over all its docs.
    pub stories: Vec<StoryRows>,
    /// The tracker's state after the batch.
    pub tracker: Vec<u8>,
    /// True when the update is a whole analysis (a rebuild from every stored doc): every
    /// derived row is cleared first.
    pub replace: bool,
}

/// The tables of one story's comparison, keyed by the story's id.
const STORY_TABLES: [&str; 3] = ["facts", "contradictions", "framing"];

/// Writes `update` inside `tx`.
pub(crate) fn apply(
    tx: &Transaction<'_>,
    update: &AnalysisUpdate,
) -> Result<SaveSummary, StoreError> {
    if update.replace {
        for table in ITEM_TABLES {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
    }
    let summary = upsert_docs(tx, &update.docs)?;
    insert_actor_items(
        tx,
        "quotes",
        update
            .docs
            .iter()
            .flat_map(|d| &d.quotes)
            .map(|q| (q.story.as_ref(), q.speaker.as_ref(), to_json(q))),
    )?;
    insert_actor_items(
        tx,
        "positions",
        update
            .docs
            .iter()
            .flat_map(|d| &d.positions)
            .map(|p| (p.story.as_ref(), p.actor.as_ref(), to_json(p))),
    )?;
    insert_events(tx, update.docs.iter().flat_map(|d| &d.events))?;
    // A copy found again (a newly added older article now heads it) has one row, the newest.
    let mut forget = tx.prepare_cached("DELETE FROM duplicates WHERE key = ?1")?;
    for duplicate in &update.duplicates {
        forget.execute([&duplicate.article])?;
    }
    insert_items(
        tx,
        "duplicates",
        update
            .duplicates
            .iter()
            .map(|d| (Some(&d.article), to_json(d))),
    )?;
    for change in &update.entities {
        upsert_keyed(tx, "entities", &change.entity.id, &to_json(&change.entity))?;
        write_entity_lookups(tx, &change.entity, &change.added)?;
    }
    for rows in &update.stories {
        write_story_rows(tx, rows)?;
    }
    // Answers last: they read the entity summaries written above.
    for rows in &update.stories {
        write_story_answer(tx, &rows.story.id)?;
    }
    set_tracker(tx, &update.tracker)?;
    Ok(summary)
}

/// Stores each doc with its article: the article when not stored yet, the doc replacing any
/// stored one.
fn upsert_docs(tx: &Transaction<'_>, docs: &[Doc]) -> Result<SaveSummary, StoreError> {
    let mut summary = SaveSummary::default();
    let mut insert_doc = tx.prepare_cached(
        "INSERT INTO docs (article, json) VALUES (?1, ?2)
         ON CONFLICT (article) DO UPDATE SET json = excluded.json",
    )?;
    for doc in docs {
        if insert_article(tx, &doc.article)? {
            summary.new_articles += 1;
        } else {
            summary.known_articles += 1;
        }
        insert_doc.execute(params![doc.article.id, to_json(doc)])?;
    }
    Ok(summary)
}

/// Replaces the tracker's stored state.
fn set_tracker(tx: &Transaction<'_>, state: &[u8]) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT OR REPLACE INTO tracker (id, state) VALUES (1, ?1)")?
        .execute([state])?;
    Ok(())
}

/// Replaces the JSON of the row keyed `key` in `table` (keeping its place), or adds the row.
fn upsert_keyed(
    tx: &Transaction<'_>,
    table: &str,
    key: &str,
    json: &str,
) -> Result<(), StoreError> {
    let updated = tx
        .prepare_cached(&format!("UPDATE {table} SET json = ?2 WHERE key = ?1"))?
        .execute(params![key, json])?;
    if updated == 0 {
        tx.prepare_cached(&format!("INSERT INTO {table} (key, json) VALUES (?1, ?2)"))?
            .execute(params![key, json])?;
    }
    Ok(())
}

/// Replaces one story's row, comparison and place in the story list (a new story goes after
/// every stored one).
fn write_story_rows(tx: &Transaction<'_>, rows: &StoryRows) -> Result<(), StoreError> {
    let id = &rows.story.id;
    upsert_keyed(tx, "stories", id, &to_json(&rows.story))?;
    for table in STORY_TABLES {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE key = ?1"))?
            .execute([id])?;
    }
    let key = Some(id);
    insert_items(tx, "facts", rows.facts.iter().map(|f| (key, to_json(f))))?;
    insert_items(
        tx,
        "contradictions",
        rows.contradictions.iter().map(|c| (key, to_json(c))),
    )?;
    insert_items(
        tx,
        "framing",
        rows.framing.iter().map(|f| (key, to_json(f))),
    )?;
    let stored: Option<i64> = tx
        .prepare_cached("SELECT position FROM story_index WHERE story = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let position = match stored {
        Some(position) => position,
        None => tx
            .prepare_cached("SELECT coalesce(max(position) + 1, 0) FROM story_index")?
            .query_row([], |r| r.get(0))?,
    };
    write_story_index(tx, &rows.story, position)
}
