//! The incremental story tracker: dedupe, resolve and cluster as one compact, serialisable
//! state that documents are added to batch by batch, and the per-story comparison (facts,
//! contradictions, framing) run from one story's documents only.
//!
//! A [`Tracker`] holds a [`dedupe::Index`] (MinHash signatures and LSH buckets), a
//! [`resolve::Index`] (one small record per entity and the name lookups) and a
//! [`Clusterer`] (vocabulary, document frequencies, story centroids, capped inverted
//! indexes). [`Tracker::add`] costs time in proportion to the documents added, whatever the
//! tracker already holds; [`Tracker::to_bytes`] and [`Tracker::from_bytes`] store and restore
//! it (postcard; the lookup tables that follow from the stored records are rebuilt on load).
//!
//! Adding documents in several batches gives what one batch gives, except where a batch would
//! need to see a later one: copies whose origin came in an earlier batch have no `changes`
//! (the origin's text is gone) and a similarity estimated from the signatures; an earlier
//! batch's lone surnames, acronyms and speaker names are not revisited when a later batch
//! tells more (see [`resolve`]); and a document older than the origin of its copies becomes
//! the origin from then on (see [`dedupe`]).

use std::collections::HashMap;

use dragoman_knowledge::Knowledge;
use dragoman_model::{Contradiction, Doc, Duplicate, Entity, Fact, Framing, Kind, Story};
use serde::{Deserialize, Serialize};

use crate::cluster::{self, Clusterer};
use crate::{StoryOptions, contradictions, dedupe, facts, framing, resolve};

/// Errors of the tracker.
#[derive(Debug, thiserror::Error)]
pub enum StoryError {
    /// The bytes are not a tracker state written by [`Tracker::to_bytes`].
    #[error("tracker state cannot be read: {0}")]
    State(#[from] postcard::Error),
}

/// Compact, serialisable incremental state of dedupe, resolve and cluster.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tracker {
    options: StoryOptions,
    dedupe: dedupe::Index,
    resolve: resolve::Index,
    cluster: Clusterer,
}

/// What adding a batch of documents to a [`Tracker`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrackerUpdate {
    /// Copies found among the added docs (origin may be a doc added earlier): copy → origin.
    /// It also lists a doc added earlier that an older added doc now heads as origin.
    pub duplicates: Vec<Duplicate>,
    /// The story id ("s1", "s2", … numbered in creation order, stable forever) each added doc
    /// joined, in the order of the `docs` slice given to [`Tracker::add`].
    pub stories: Vec<String>,
    /// Per entity touched by the added docs: its contribution from THESE docs only (mentions
    /// count, articles, sources, aliases, roles of these docs), with the stable id, name, kind
    /// and parent. Merge into the stored record with [`merge_entity`].
    pub entities: Vec<Entity>,
}

/// Everything compared within ONE story, from that story's docs only.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryAnalysis {
    /// The story: title, articles, outlets, main entities.
    pub story: Story,
    /// Its checkable facts; ids are prefixed with the story id ("s3-f1").
    pub facts: Vec<Fact>,
    /// Contradictions between its outlets.
    pub contradictions: Vec<Contradiction>,
    /// How each of its outlets frames it.
    pub framing: Vec<Framing>,
}

impl Tracker {
    /// An empty tracker.
    pub fn new(options: StoryOptions) -> Tracker {
        Tracker {
            dedupe: dedupe::Index::new(options.near_duplicate_threshold),
            resolve: resolve::Index::default(),
            cluster: Clusterer::new(options.cluster.clone()),
            options,
        }
    }

    /// The settings the tracker was created with.
    pub fn options(&self) -> &StoryOptions {
        &self.options
    }

    /// Documents added so far that have at least one word.
    pub fn documents(&self) -> usize {
        self.dedupe.len()
    }

    /// Stories created so far.
    pub fn stories(&self) -> usize {
        self.cluster.len()
    }

    /// Entities known so far.
    pub fn entities(&self) -> usize {
        self.resolve.len()
    }

    /// Resolves the docs' mentions against the entities known so far plus each other (fills
    /// entity ids of mentions, quote speakers, position actors, event participants), finds
    /// copies (against all docs seen before and within the batch), and adds the docs to stories
    /// (sets `story` of their quotes/positions/events). Cost grows with the docs added, not
    /// with what the tracker already holds. The batch is fed in publication order (undated
    /// last; input order breaks ties).
    pub fn add(&mut self, docs: &mut [Doc], knowledge: &Knowledge) -> TrackerUpdate {
        let entities = self.resolve.resolve(docs, knowledge);
        let order = feed_order(docs);
        let duplicates = self.dedupe.add(docs, &order);
        let kinds: HashMap<&str, Kind> = entities.iter().map(|e| (e.id.as_str(), e.kind)).collect();
        let mut stories = vec![String::new(); docs.len()];
        for &i in &order {
            let Some(doc) = docs.get(i) else { continue };
            let story = self.cluster.add(doc, &kinds);
            if let Some(slot) = stories.get_mut(i) {
                *slot = format!("s{}", story + 1);
            }
        }
        for (doc, story) in docs.iter_mut().zip(&stories) {
            let id = Some(story.clone());
            doc.quotes.iter_mut().for_each(|q| q.story = id.clone());
            doc.positions.iter_mut().for_each(|p| p.story = id.clone());
            doc.events.iter_mut().for_each(|e| e.story = id.clone());
        }
        TrackerUpdate {
            duplicates,
            stories,
            entities,
        }
    }

    /// The state as compact bytes (postcard).
    pub fn to_bytes(&self) -> Vec<u8> {
        // Every field is a plain map, sequence, number or string, which postcard always
        // encodes; an empty result would be refused by `from_bytes`.
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// A state written by [`Tracker::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tracker, StoryError> {
        let mut tracker: Tracker = postcard::from_bytes(bytes)?;
        tracker.dedupe.rebuild();
        tracker.resolve.rebuild();
        Ok(tracker)
    }
}

/// The order documents are fed in: publication order (date and time), undated last, input
/// order breaking ties.
pub(crate) fn feed_order(docs: &[Doc]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| {
        let when = cluster::when(docs.get(i));
        (when.is_none(), when, i)
    });
    order
}

/// Adds a touched entity's contribution to its stored record (sum mentions, union articles,
/// sources, aliases, roles; keep the stored name/kind/parent unless it had none). A
/// contribution whose name differs from the stored name adds it as an alias. Costs time in
/// proportion to the stored record's lists.
pub fn merge_entity(stored: &mut Entity, contribution: Entity) {
    let Entity {
        name,
        aliases,
        roles,
        parent,
        mentions,
        articles,
        sources,
        ..
    } = contribution;
    if stored.name.trim().is_empty() {
        stored.name = name.clone();
    }
    if stored.parent.is_none() {
        stored.parent = parent;
    }
    stored.mentions = stored.mentions.saturating_add(mentions);
    union(&mut stored.articles, articles);
    union(&mut stored.sources, sources);
    let mut seen: std::collections::HashSet<String> = stored
        .aliases
        .iter()
        .chain(std::iter::once(&stored.name))
        .map(|a| a.to_lowercase())
        .collect();
    for alias in std::iter::once(name).chain(aliases) {
        if !alias.trim().is_empty() && seen.insert(alias.to_lowercase()) {
            stored.aliases.push(alias);
        }
    }
    for role in roles {
        match stored
            .roles
            .iter_mut()
            .find(|r| r.title.eq_ignore_ascii_case(&role.title))
        {
            Some(existing) => union(&mut existing.sources, role.sources),
            None => stored.roles.push(role),
        }
    }
}

/// Appends the items of `more` that `list` does not hold yet, in order.
fn union<T: Eq + std::hash::Hash + Clone>(list: &mut Vec<T>, more: Vec<T>) {
    let mut seen: std::collections::HashSet<T> = list.iter().cloned().collect();
    for item in more {
        if seen.insert(item.clone()) {
            list.push(item);
        }
    }
}

/// Everything compared within ONE story, from that story's docs only.
///
/// `docs`: all docs of the story (annotated, entity ids filled, story set); `entities`: at
/// least the entities they mention (and their parents); `duplicates`: the duplicates among
/// these docs. Fact ids are prefixed with the story id, so that they are unique across
/// stories compared separately.
pub fn compare_story(
    story_id: &str,
    docs: &[Doc],
    entities: &[Entity],
    duplicates: &[Duplicate],
) -> StoryAnalysis {
    let story = cluster::describe(story_id, docs);
    let stories = std::slice::from_ref(&story);
    let mut facts = facts::ledger(docs, entities, stories, duplicates);
    for fact in &mut facts {
        fact.id = format!("{story_id}-{}", fact.id);
    }
    let contradictions = contradictions::find(&facts);
    let framing = framing::analyze(docs, stories, entities, &facts);
    StoryAnalysis {
        story,
        facts,
        contradictions,
        framing,
    }
}
