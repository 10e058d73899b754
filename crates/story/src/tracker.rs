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

    /// Bytes of the serialised state of each part: `[("dedupe", …), ("resolve", …),
    /// ("cluster", …)]` (what [`Tracker::to_bytes`] holds, but for the options).
    pub fn state_sizes(&self) -> [(&'static str, usize); 3] {
        let size = |bytes: Result<Vec<u8>, postcard::Error>| bytes.map_or(0, |b| b.len());
        [
            ("dedupe", size(postcard::to_allocvec(&self.dedupe))),
            ("resolve", size(postcard::to_allocvec(&self.resolve))),
            ("cluster", size(postcard::to_allocvec(&self.cluster))),
        ]
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

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::{Quote, Role, Source, Span};

    /// A document published on `day` March 2025, with one sentence per string
    /// and the given mentions found in order in its text.
    fn doc(
        id: &str,
        outlet: &str,
        day: u32,
        title: &str,
        sentences: &[&str],
        mentions: &[(&str, Kind)],
    ) -> Doc {
        let mut doc = crate::fixtures::sentences_doc(id, day, sentences);
        doc.article.title = Some(title.to_string());
        doc.article.outlet = Some(outlet.to_string());
        crate::fixtures::add_mentions(&mut doc, mentions);
        doc
    }

    const CRANE: [&str; 6] = [
        "Marta Kowalczyk, who runs the Baltic Port Authority (BPA), said a crane fell onto the northern quay of Velmar harbour on Monday.",
        "Two dock workers were taken to hospital with minor injuries after the steel arm struck a parked lorry.",
        "Engineers from the authority will examine the crane's foundations before any ship is unloaded there again.",
        "Officials counted 14 containers that dropped into the basin when the crane came down.",
        "Strong gusts had been forecast for the coast since Sunday evening, according to the weather service.",
        "The harbour expects normal traffic to resume on the other quays by Wednesday.",
    ];

    /// Six documents on two topics, in publication order, one a republication.
    fn fixture() -> Vec<Doc> {
        use Kind::{Gpe as G, Organization as O, Person as P};
        let mut copy: Vec<&str> = CRANE.to_vec();
        copy[4] = "Forecasters had warned of storms along the coast for two days.";
        vec![
            doc(
                "a1",
                "Coast Daily",
                3,
                "Crane collapses onto Velmar quay",
                &CRANE,
                &[
                    ("Marta Kowalczyk", P),
                    ("Baltic Port Authority", O),
                    ("Velmar", G),
                ],
            ),
            doc(
                "b1",
                "Board Weekly",
                3,
                "Chess champion keeps title after final game in Oslo",
                &[
                    "The reigning chess champion Ilona Sarkis kept her title after a long final game in Oslo.",
                    "Her challenger resigned on move 61 after losing a knight in a tense endgame.",
                ],
                &[("Ilona Sarkis", P), ("Oslo", G)],
            ),
            doc(
                "a2",
                "Harbour News",
                3,
                "Crane collapse: Velmar quay stays shut",
                &[
                    "Kowalczyk said engineers of the authority would examine the foundations of the crane that fell onto the northern quay of Velmar harbour.",
                    "The northern quay stays closed, and no ship will be unloaded there until the crane inquiry ends.",
                    "The BPA said 12 containers dropped into the harbour basin and two dock workers were hurt.",
                ],
                &[("Kowalczyk", P), ("Velmar", G), ("BPA", O)],
            ),
            doc(
                "b2",
                "Chess Today",
                4,
                "Chess champion Sarkis on her final game in Oslo",
                &[
                    "The chess champion Sarkis said the final game in Oslo turned in her favour when her challenger lost a knight in the endgame.",
                    "She kept her title after the challenger resigned on move 61, her hardest final game so far.",
                ],
                &[("Sarkis", P), ("Oslo", G)],
            ),
            doc(
                "a3",
                "Port Wire",
                4,
                "Crane collapses onto Velmar quay",
                &copy,
                &[
                    ("Marta Kowalczyk", P),
                    ("Baltic Port Authority", O),
                    ("Velmar", G),
                ],
            ),
        ]
    }

    /// (article id, story id, entity ids of its mentions) per document.
    fn outcome(docs: &[Doc], stories: &[String]) -> Vec<(String, String, Vec<String>)> {
        docs.iter()
            .zip(stories)
            .map(|(d, s)| {
                let ids = d
                    .mentions
                    .iter()
                    .map(|m| m.entity.clone().unwrap_or_default())
                    .collect();
                (d.article.id.clone(), s.clone(), ids)
            })
            .collect()
    }

    fn pairs(duplicates: &[Duplicate]) -> Vec<(String, String)> {
        let mut p: Vec<(String, String)> = duplicates
            .iter()
            .map(|d| (d.article.clone(), d.duplicate_of.clone()))
            .collect();
        p.sort();
        p
    }

    #[test]
    fn two_batches_give_what_one_batch_gives() {
        let knowledge = Knowledge::empty();
        let mut all = fixture();
        let mut one = Tracker::new(StoryOptions::default());
        let whole = one.add(&mut all, &knowledge);
        let expected = outcome(&all, &whole.stories);
        assert_eq!(pairs(&whole.duplicates), [("a3".into(), "a1".into())]);
        assert_eq!(whole.stories, ["s1", "s2", "s1", "s2", "s1"]);
        let kowalczyk = &expected[0].2[0];
        assert_eq!(kowalczyk, "e:marta-kowalczyk");
        assert_eq!(expected[2].2[0], *kowalczyk, "the lone surname");
        assert_eq!(expected[2].2[2], expected[0].2[1], "the acronym");

        let mut docs = fixture();
        let (first, second) = docs.split_at_mut(2);
        let mut two = Tracker::new(StoryOptions::default());
        let a = two.add(first, &knowledge);
        let b = two.add(second, &knowledge);
        let stories: Vec<String> = a.stories.into_iter().chain(b.stories).collect();
        assert_eq!(outcome(&docs, &stories), expected);
        let duplicates: Vec<Duplicate> = a.duplicates.into_iter().chain(b.duplicates).collect();
        assert_eq!(pairs(&duplicates), pairs(&whole.duplicates));
        // The one allowed difference: the origin came in an earlier batch, so the changes are
        // not known and the similarity is estimated from the signatures.
        let (single, split) = (&whole.duplicates[0], &duplicates[0]);
        assert!(!single.changes.is_empty());
        assert!(split.changes.is_empty());
        assert!((single.similarity - split.similarity).abs() < 0.15);
        // The second batch's contribution to an entity first seen in the first batch.
        let marta = b.entities.iter().find(|e| e.id == *kowalczyk);
        assert_eq!(
            marta.map(|e| e.articles.clone()),
            Some(vec!["a2".into(), "a3".into()])
        );
        assert_eq!(two.stories(), 2);
        assert_eq!(two.documents(), 5);
    }

    #[test]
    fn the_state_round_trips_and_adding_goes_on() {
        let knowledge = Knowledge::empty();
        let mut docs = fixture();
        let (first, second) = docs.split_at_mut(3);
        let mut tracker = Tracker::new(StoryOptions::default());
        tracker.add(first, &knowledge);
        let bytes = tracker.to_bytes();
        let restored = Tracker::from_bytes(&bytes);
        let Ok(mut restored) = restored else {
            panic!("state must load: {restored:?}");
        };
        assert_eq!(restored.documents(), 3);
        let parts: usize = restored.state_sizes().iter().map(|(_, n)| n).sum();
        assert!(
            parts > 0 && parts < bytes.len(),
            "{parts} of {}",
            bytes.len()
        );
        let mut again = second.to_vec();
        let continued = tracker.add(second, &knowledge);
        let resumed = restored.add(&mut again, &knowledge);
        assert_eq!(resumed, continued);
        assert_eq!(resumed.stories, ["s2", "s1"]);
        assert_eq!(pairs(&resumed.duplicates), [("a3".into(), "a1".into())]);
        assert!(Tracker::from_bytes(b"not a tracker").is_err());
        assert!(Tracker::from_bytes(&[]).is_err());
    }

    #[test]
    fn an_older_document_arriving_later_becomes_the_origin() {
        let knowledge = Knowledge::empty();
        let mut docs = fixture();
        let mut tracker = Tracker::new(StoryOptions::default());
        // The republication first, then the original it copies (published a day earlier).
        let mut late = vec![docs.remove(4)];
        let mut early = vec![docs.remove(0)];
        assert!(tracker.add(&mut late, &knowledge).duplicates.is_empty());
        let update = tracker.add(&mut early, &knowledge);
        assert_eq!(pairs(&update.duplicates), [("a3".into(), "a1".into())]);
        // A third copy, later still, points to the oldest one.
        let mut third = vec![late[0].clone()];
        third[0].article.id = "a4".into();
        if let Some(p) = third[0].article.published.as_mut() {
            p.date = p.date.succ_opt().unwrap_or(p.date);
        }
        let update = tracker.add(&mut third, &knowledge);
        assert_eq!(pairs(&update.duplicates), [("a4".into(), "a1".into())]);
        assert!(update.duplicates[0].similarity > 0.4);
    }

    #[test]
    fn stories_are_set_on_quotes_and_compared_alone() {
        let knowledge = Knowledge::empty();
        let mut docs = fixture();
        docs[3].quotes.push(Quote {
            speaker: None,
            speaker_name: Some("Sarkis".into()),
            speaker_span: None,
            source_span: None,
            cue: Some("said".into()),
            cue_span: None,
            text: "the chess title defence had been her hardest final game so far".into(),
            content_span: Span::new(0, 1),
            direct: false,
            sources: Vec::new(),
            story: None,
        });
        let mut tracker = Tracker::new(StoryOptions::default());
        let update = tracker.add(&mut docs, &knowledge);
        assert_eq!(docs[3].quotes[0].story.as_deref(), Some("s2"));
        assert_eq!(docs[3].quotes[0].speaker.as_deref(), Some("e:ilona-sarkis"));
        let crane: Vec<Doc> = docs
            .iter()
            .zip(&update.stories)
            .filter(|(_, s)| *s == "s1")
            .map(|(d, _)| d.clone())
            .collect();
        let analysis = compare_story("s1", &crane, &update.entities, &update.duplicates);
        assert_eq!(analysis.story.id, "s1");
        assert_eq!(analysis.story.articles, ["a1", "a2", "a3"]);
        assert!(
            analysis.story.title.contains("Crane"),
            "{}",
            analysis.story.title
        );
        assert!(!analysis.facts.is_empty());
        assert!(analysis.facts.iter().all(|f| f.id.starts_with("s1-f")));
        assert!(
            analysis
                .facts
                .iter()
                .all(|f| f.story.as_deref() == Some("s1"))
        );
        assert!(analysis.framing.iter().all(|f| f.story == "s1"));
    }

    #[test]
    fn a_contribution_merges_into_the_stored_entity() {
        let source = |a: &str, at: usize| Source::new(a.to_string(), Span::new(at, at + 4));
        let mut stored = Entity {
            id: "e:ilona-sarkis".into(),
            name: "Ilona Sarkis".into(),
            kind: Kind::Person,
            aliases: vec!["Sarkis".into()],
            roles: vec![Role {
                title: "Champion".into(),
                sources: vec![source("b1", 0)],
            }],
            parent: None,
            mentions: 2,
            articles: vec!["b1".into()],
            sources: vec![source("b1", 0), source("b1", 9)],
        };
        let contribution = Entity {
            id: "e:ilona-sarkis".into(),
            name: "Ilona Sarkis-Varga".into(),
            kind: Kind::Misc,
            aliases: vec!["SARKIS".into(), "I. Sarkis".into()],
            roles: vec![
                Role {
                    title: "champion".into(),
                    sources: vec![source("b2", 3)],
                },
                Role {
                    title: "Grandmaster".into(),
                    sources: vec![source("b2", 3)],
                },
            ],
            parent: Some("org:chess-federation".into()),
            mentions: 3,
            articles: vec!["b1".into(), "b2".into()],
            sources: vec![source("b1", 9), source("b2", 3), source("b2", 20)],
        };
        merge_entity(&mut stored, contribution);
        assert_eq!(stored.name, "Ilona Sarkis");
        assert_eq!(stored.kind, Kind::Person);
        assert_eq!(stored.parent.as_deref(), Some("org:chess-federation"));
        assert_eq!(stored.mentions, 5);
        assert_eq!(stored.articles, ["b1", "b2"]);
        assert_eq!(stored.sources.len(), 4);
        assert_eq!(
            stored.aliases,
            ["Sarkis", "Ilona Sarkis-Varga", "I. Sarkis"]
        );
        assert_eq!(stored.roles.len(), 2);
        assert_eq!(stored.roles[0].sources.len(), 2);
    }
}
