//! Incremental ingestion: annotate only the articles the store does not hold yet and update
//! only what they touch. Each batch is annotated, handed to the story tracker (which finds its
//! copies, resolves its mentions and gives each article a story), and committed in one
//! transaction with the entities it touched (merged into the stored ones), the stories it
//! touched (each compared anew over its own docs) and the tracker's new state. A store without
//! tracker state (written before it, or by a whole-report save) is rebuilt once from its
//! stored docs.

use std::collections::{BTreeSet, HashMap, HashSet};

use dragoman_model::{Article, Doc, Duplicate, Entity, InputProblem, Role};
use dragoman_pipeline::Engine;
use dragoman_store::{AnalysisUpdate, EntityChange, EntitySummary, Store, StoreError, StoryRows};
use dragoman_story::{Tracker, compare_story, merge_entity};
use serde::Serialize;

/// Articles annotated and committed together: a kill loses at most one batch in flight.
pub const DEFAULT_BATCH: usize = 64;

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestSummary {
    /// Articles offered.
    pub received: usize,
    /// Articles annotated and stored by this ingest.
    pub added: usize,
    /// Articles skipped because the store already held them (same id).
    pub known: usize,
    /// Stored articles that had no annotations yet and were annotated now.
    pub completed: usize,
    /// True when the whole analysis was recomputed from the stored docs.
    pub rebuilt: bool,
    /// Stories in the store after the ingest.
    pub stories: usize,
    /// Entities in the store after the ingest.
    pub entities: usize,
    /// Inputs that failed or raised warnings.
    pub problems: Vec<InputProblem>,
}

/// Adds `articles` to `store`: new ones (by id) are annotated in batches of `batch`, and each
/// batch is committed with the analysis it updates before the next starts (`on_stored` is
/// told the ids of each committed batch). Stored articles without annotations are annotated
/// first; they, or a store whose analysis has no tracker state, make the analysis be rebuilt
/// once from every stored doc.
pub fn ingest_articles(
    engine: &Engine,
    store: &mut dyn Store,
    articles: Vec<Article>,
    batch: usize,
    on_stored: &mut dyn FnMut(&[String]),
) -> Result<IngestSummary, StoreError> {
    let mut summary = IngestSummary {
        received: articles.len(),
        ..IngestSummary::default()
    };
    let mut seen = HashSet::new();
    let mut fresh = Vec::new();
    for article in articles {
        if !seen.insert(article.id.clone()) || store.has_article(&article.id)? {
            summary.known += 1;
        } else {
            fresh.push(article);
        }
    }
    date_from_store(store, &mut fresh)?;
    let unannotated = store.articles_without_docs()?;
    summary.completed = unannotated.len();
    for chunk in unannotated.chunks(batch.max(1)) {
        let docs = engine.annotate(chunk.to_vec(), &|| {});
        store.save_docs(&docs)?;
        on_stored(&ids_of(chunk));
    }
    let mut tracker = match stored_tracker(store)? {
        Some(tracker) if unannotated.is_empty() => tracker,
        _ if store.article_count()? == 0 => Tracker::new(engine.story_options().clone()),
        _ => {
            summary.rebuilt = true;
            rebuild(engine, store)?
        }
    };
    for chunk in fresh.chunks(batch.max(1)) {
        let docs = engine.annotate(chunk.to_vec(), &|| {});
        let saved = add_batch(engine, store, &mut tracker, docs, false)?;
        summary.added += saved;
        on_stored(&ids_of(chunk));
    }
    summary.stories = store.story_count()?;
    summary.entities = store.entity_count()?;
    Ok(summary)
}

/// Stored articles whose dates date a new year-less dateline (the latest ones: a store may
/// span years, and what is ingested now sits near what was ingested last).
const DATING_REFERENCE: usize = 500;

/// Gives a year to the new articles whose dateline has a day but no year, and that their own
/// batch could not date, from the dates of the articles stored last (see
/// [`dragoman_ingest::infer_dateline_years`]): an article ingested alone is dated like one
/// read with the others.
fn date_from_store(store: &dyn Store, fresh: &mut [Article]) -> Result<(), StoreError> {
    if fresh
        .iter()
        .any(|a| a.published.is_none() && a.dateline_day.is_some())
    {
        let stored = store.recent_dates(DATING_REFERENCE)?;
        dragoman_ingest::infer_dateline_years(fresh, &stored);
    }
    Ok(())
}

/// Recomputes the whole analysis from every stored doc with a new tracker and saves it in one
/// transaction, with the docs (their entity ids and stories filled) and the tracker's state.
/// Returns the tracker, ready for the next batches.
pub fn rebuild(engine: &Engine, store: &mut dyn Store) -> Result<Tracker, StoreError> {
    let docs = store.docs()?;
    let mut tracker = Tracker::new(engine.story_options().clone());
    add_batch(engine, store, &mut tracker, docs, true)?;
    Ok(tracker)
}

/// The tracker saved with the analysis; `None` when there is none or it cannot be read
/// (written by an incompatible version: the analysis is then rebuilt).
fn stored_tracker(store: &dyn Store) -> Result<Option<Tracker>, StoreError> {
    Ok(store
        .tracker_state()?
        .and_then(|bytes| Tracker::from_bytes(&bytes).ok()))
}

fn ids_of(articles: &[Article]) -> Vec<String> {
    articles.iter().map(|a| a.id.clone()).collect()
}

/// Adds a batch of docs to the tracker, updates the entities and stories they touch and
/// commits it all in one transaction; returns how many articles were new to the store. With
/// `whole`, the batch is every stored doc and the tracker new: nothing stored is read, and
/// the analysis written replaces the stored one.
fn add_batch(
    engine: &Engine,
    store: &mut dyn Store,
    tracker: &mut Tracker,
    mut docs: Vec<Doc>,
    whole: bool,
) -> Result<usize, StoreError> {
    let mut update = tracker.add(&mut docs, engine.knowledge());
    describe_changes(store, &docs, &mut update.duplicates)?;
    let mut changes = Vec::with_capacity(update.entities.len());
    for added in update.entities {
        let stored = if whole {
            None
        } else {
            store.entity(&added.id)?
        };
        let entity = match stored {
            Some(mut entity) => {
                merge_entity(&mut entity, added.clone());
                entity
            }
            None => added.clone(),
        };
        changes.push(EntityChange { entity, added });
    }

    // The stories the docs joined, then those of stored copies that a new doc now heads.
    let mut touched: Vec<String> = Vec::new();
    for story in &update.stories {
        if !touched.contains(story) {
            touched.push(story.clone());
        }
    }
    let batch_ids: HashSet<&str> = docs.iter().map(|d| d.article.id.as_str()).collect();
    if !whole {
        for duplicate in &update.duplicates {
            if !batch_ids.contains(duplicate.article.as_str()) {
                for story in store.stories_of_article(&duplicate.article)? {
                    if !touched.contains(&story.id) {
                        touched.push(story.id);
                    }
                }
            }
        }
    }
    let found_again: HashSet<&str> = update
        .duplicates
        .iter()
        .map(|d| d.article.as_str())
        .collect();

    // The entities the comparison reads (names, kinds, aliases, parents): the touched ones
    // whole, the others from their stored summaries.
    let mut known: HashMap<String, Entity> = changes
        .iter()
        .map(|c| (c.entity.id.clone(), c.entity.clone()))
        .collect();

    // Each story's docs are moved out of `slots` for its comparison and back after.
    let mut slots: Vec<Option<Doc>> = docs.into_iter().map(Some).collect();
    let mut slot_of: HashMap<String, usize> = HashMap::new();
    for (i, doc) in slots.iter().enumerate() {
        if let Some(doc) = doc {
            slot_of.insert(doc.article.id.clone(), i);
        }
    }
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, story) in update.stories.iter().enumerate() {
        members.entry(story.as_str()).or_default().push(i);
    }
    // A rebuild compares with every entity, as one report would.
    let every: Vec<Entity> = if whole {
        changes.iter().map(|c| c.entity.clone()).collect()
    } else {
        Vec::new()
    };
    let mut stories = Vec::with_capacity(touched.len());
    for story in &touched {
        let mut story_docs = if whole {
            Vec::new()
        } else {
            store.story_docs(story)?
        };
        for &i in members.get(story.as_str()).map_or(&[][..], Vec::as_slice) {
            if let Some(doc) = slots.get_mut(i).and_then(Option::take) {
                story_docs.push(doc);
            }
        }
        // Oldest first; stored docs come in storage order, which new ones follow.
        story_docs.sort_by_key(|d| d.article.date());
        let in_story: HashSet<&str> = story_docs.iter().map(|d| d.article.id.as_str()).collect();
        let mut duplicates: Vec<Duplicate> = if whole {
            Vec::new()
        } else {
            store
                .story_duplicates(story)?
                .into_iter()
                .filter(|d| !found_again.contains(d.article.as_str()))
                .collect()
        };
        duplicates.extend(
            update
                .duplicates
                .iter()
                .filter(|d| in_story.contains(d.article.as_str()))
                .cloned(),
        );
        let named;
        let entities = if whole {
            &every
        } else {
            named = entities_for(store, &story_docs, &mut known)?;
            &named
        };
        let analysis = compare_story(story, &story_docs, entities, &duplicates);
        stories.push(StoryRows {
            story: analysis.story,
            facts: analysis.facts,
            contradictions: analysis.contradictions,
            framing: analysis.framing,
        });
        for doc in story_docs {
            if let Some(slot) = slot_of.get(&doc.article.id).and_then(|&i| slots.get_mut(i)) {
                *slot = Some(doc);
            }
        }
    }
    let summary = store.apply_update(&AnalysisUpdate {
        docs: slots.into_iter().flatten().collect(),
        entities: changes,
        duplicates: update.duplicates,
        stories,
        tracker: tracker.to_bytes(),
        replace: whole,
    })?;
    Ok(summary.new_articles)
}

/// Fills what each copy changed when its origin (or the copy itself, re-pointed to an older
/// origin) was stored by an earlier ingest: the tracker only sees the texts of one batch.
fn describe_changes(
    store: &dyn Store,
    docs: &[Doc],
    duplicates: &mut [Duplicate],
) -> Result<(), StoreError> {
    let in_batch: HashMap<&str, &Doc> = docs.iter().map(|d| (d.article.id.as_str(), d)).collect();
    for duplicate in duplicates
        .iter_mut()
        .filter(|d| d.changes.is_empty() && d.similarity < 1.0)
    {
        let fetch = |id: &str| -> Result<Option<Doc>, StoreError> {
            Ok(match in_batch.get(id) {
                Some(doc) => Some((*doc).clone()),
                None => store.doc(id)?,
            })
        };
        if let (Some(origin), Some(copy)) =
            (fetch(&duplicate.duplicate_of)?, fetch(&duplicate.article)?)
        {
            duplicate.changes = dragoman_story::dedupe::changes(&origin, &copy);
        }
    }
    Ok(())
}

/// The entities `docs` name (speakers, actors, participants, mentions) and the entities those
/// belong to, from `known` or else from the store's summaries (which `known` then keeps).
fn entities_for(
    store: &dyn Store,
    docs: &[Doc],
    known: &mut HashMap<String, Entity>,
) -> Result<Vec<Entity>, StoreError> {
    let mut wanted: BTreeSet<&str> = BTreeSet::new();
    for doc in docs {
        wanted.extend(doc.mentions.iter().filter_map(|m| m.entity.as_deref()));
        wanted.extend(doc.quotes.iter().filter_map(|q| q.speaker.as_deref()));
        wanted.extend(doc.positions.iter().filter_map(|p| p.actor.as_deref()));
        wanted.extend(
            doc.events
                .iter()
                .flat_map(|e| e.participants.iter().map(String::as_str)),
        );
    }
    let mut entities = Vec::with_capacity(wanted.len());
    let mut done: HashSet<String> = HashSet::new();
    let mut queue: Vec<String> = wanted.into_iter().rev().map(str::to_owned).collect();
    while let Some(id) = queue.pop() {
        if !done.insert(id.clone()) {
            continue;
        }
        let entity = match known.get(&id) {
            Some(entity) => Some(entity.clone()),
            None => {
                let stored = store.entity_summary(&id)?.map(entity_of_summary);
                if let Some(entity) = &stored {
                    known.insert(id, entity.clone());
                }
                stored
            }
        };
        if let Some(entity) = entity {
            if let Some(parent) = &entity.parent {
                queue.push(parent.clone());
            }
            entities.push(entity);
        }
    }
    Ok(entities)
}

/// An entity as its summary gives it: everything but its articles and mention sources.
fn entity_of_summary(summary: EntitySummary) -> Entity {
    Entity {
        id: summary.id,
        name: summary.name,
        kind: summary.kind,
        aliases: summary.aliases,
        roles: summary
            .roles
            .into_iter()
            .map(|title| Role {
                title,
                sources: Vec::new(),
            })
            .collect(),
        parent: summary.parent,
        mentions: summary.mentions,
        articles: Vec::new(),
        sources: Vec::new(),
    }
}
