//! Story clustering: an incremental single pass over the documents in publication order.
//!
//! A [`Clusterer`] takes documents one at a time; each joins the story it is most similar to
//! when that similarity reaches the threshold its length calls for, and otherwise starts a new
//! story. Nothing is recomputed over the corpus when a document arrives, and no document is
//! compared with all the others:
//!
//! - **Vectors**: a document is a sparse TF-IDF vector over its content words (lowercased,
//!   stop words dropped, light suffix stemming) — the title counted [`TITLE_WEIGHT`] times —
//!   plus its resolved entity ids ([`ENTITY_WEIGHT`], countries, places and nationalities at
//!   half weight since they recur across unrelated stories). Document frequencies are running
//!   counts over the documents seen so far, so no weight is ever recomputed.
//! - **Similarity to a story**: the larger of the cosine with the story's centroid (the sum of
//!   its members' vectors) and the cosine with its closest recent member, discounted by
//!   [`ClusterOptions::member_weight`]. The centroid speaks for a story's core vocabulary; the
//!   closest member lets a headline that takes up one angle of a big story find it although it
//!   shares only a few terms with the whole. The discount is needed because two headlines that
//!   share one salient word already have a high cosine.
//! - **Time**: coverage of one event arrives in bursts and then stops. Two factors express
//!   that: a burst factor of up to `1 + burst_boost` when the document's exact publication time
//!   is within a minute or so of the story's newest article, and a silence factor that halves
//!   the similarity every *tempo* of silence, the tempo being the story's own mean interval
//!   between articles (at least [`ClusterOptions::min_tempo_seconds`]): a story that got an
//!   article every few minutes and then went quiet for hours is over, while one reported once
//!   a day is still open the next day. Short texts carry little evidence of their own, so
//!   timing weighs fully on documents of up to [`SHORT_TEXT_WORDS`] content words and not at
//!   all from [`LONG_TEXT_WORDS`]: full articles are grouped by their content, whatever their
//!   rhythm. On top of this, any story silent for more than [`DECAY_AFTER_DAYS`] loses
//!   similarity by half every further week.
//! - **Threshold**: the cosine of two headlines about one story is lower than that of two full
//!   articles; [`threshold_for`] scales the threshold with the number of content words.
//!
//! Candidates come from inverted indexes (term → stories holding it, term → recent members
//! using it), each cut to the most recent [`MAX_POSTINGS`] entries per term, looked up through
//! the document's [`SALIENT_TERMS`] weightiest terms, so the work per document is bounded
//! whatever the size of the corpus.

use std::collections::{HashMap, VecDeque};

use chrono::NaiveDateTime;
use dragoman_model::{Doc, Kind, Story};
use serde::{Deserialize, Serialize};

/// How many times the title's words count compared to the text's.
pub const TITLE_WEIGHT: f64 = 3.0;
/// How much an entity id counts compared to a word.
pub const ENTITY_WEIGHT: f64 = 2.0;
/// Stories whose last article is older than this many days lose similarity exponentially.
pub const DECAY_AFTER_DAYS: f64 = 7.0;
/// The most recent stories (and members) kept per term in the inverted indexes.
pub const MAX_POSTINGS: usize = 64;
/// Content words up to which a document's timing (burst and silence factors) counts fully.
pub const SHORT_TEXT_WORDS: f64 = 20.0;
/// Content words from which a document counts as a full article: it needs
/// [`LONG_TEXT_SCALE`] of the threshold, and timing no longer counts.
pub const LONG_TEXT_WORDS: f64 = 75.0;
/// The most weighty terms of a document through which candidate stories and closest members
/// are looked for (all of a headline's; a full article's most distinctive ones).
pub const SALIENT_TERMS: usize = 24;
/// The most stories compared in full with a document: those sharing most of its salient terms.
pub const MAX_CANDIDATES: usize = 32;
/// Seconds in a day.
const DAY_SECONDS: f64 = 86_400.0;
/// The most entities listed per story.
const STORY_ENTITIES: usize = 10;

/// Settings of the clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterOptions {
    /// The base similarity needed to join a story; see [`threshold_for`] (0.25).
    pub threshold: f64,
    /// How much the cosine with a story's closest recent member counts against the cosine with
    /// its centroid (0.2; 0 uses the centroid alone).
    pub member_weight: f64,
    /// How much a document published in the same burst as a story's newest article multiplies
    /// its similarity: `1 + burst_boost` at no gap (4).
    pub burst_boost: f64,
    /// Half-life of the burst boost, in seconds (60): a document published within a minute of
    /// a story's newest article is very likely about it.
    pub burst_half_life_seconds: f64,
    /// The shortest tempo (mean interval between a story's articles) the silence factor uses,
    /// in seconds (1,800); a story of one article has this tempo.
    pub min_tempo_seconds: f64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            threshold: 0.25,
            member_weight: 0.2,
            burst_boost: 4.0,
            burst_half_life_seconds: 60.0,
            min_tempo_seconds: 1800.0,
        }
    }
}

/// The similarity a document with `words` content words needs to join a story: a headline
/// of 8 content words needs about a quarter of `threshold` (the cosine of two short headlines
/// about one story is far lower than that of two full articles), and texts of 75 content
/// words or more need [`LONG_TEXT_SCALE`] of it. Long reports of one developing story by
/// outlets with different vocabularies ("Kiev" and "Kyiv", "special military operation" and
/// "invasion") share fewer terms than two headlines of one wire burst do, relative to their
/// length, so the scale stops rising there.
pub fn threshold_for(threshold: f64, words: usize) -> f64 {
    let scale = (0.2 + 0.8 * (words as f64 / 150.0)).min(LONG_TEXT_SCALE);
    threshold * scale
}

/// Share of the threshold a full article needs (reached at [`LONG_TEXT_WORDS`]).
pub const LONG_TEXT_SCALE: f64 = 0.6;

/// The incremental state of the clustering: vocabulary, running document frequencies, story
/// centroids and the inverted indexes. Feed it documents in publication order with
/// [`Clusterer::add`]; each call costs time in proportion to the document's terms, whatever
/// has been added before. Its memory grows with the stories (one centroid each) and the
/// vocabulary (document frequencies, and at most [`MAX_POSTINGS`] postings per term in each
/// index), not with the documents themselves.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    options: ClusterOptions,
    vocabulary: Vocabulary,
    /// Documents seen per term.
    df: Vec<u32>,
    /// Documents seen.
    seen: u32,
    stories: Vec<StoryState>,
    /// Term → the most recent stories whose centroid holds it.
    story_index: HashMap<u32, VecDeque<u32>>,
    /// Term → the most recent members using it: (story, weight of the term in the member).
    member_index: HashMap<u32, VecDeque<(u32, u32, f32)>>,
    /// Members added so far (the id of the next one).
    members: u32,
}

/// One story being built.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct StoryState {
    /// Sum of the member vectors.
    centroid: HashMap<u32, f64>,
    /// Squared Euclidean norm of the centroid.
    norm: f64,
    /// Publication of the newest member.
    last: Option<NaiveDateTime>,
    /// True when the newest member's time of day is known.
    last_timed: bool,
    /// Publication of the oldest dated member.
    first: Option<NaiveDateTime>,
    /// Dated members.
    dated: u32,
    /// Exact publication time (date and time of day) of the newest timed member.
    last_exact: Option<NaiveDateTime>,
}

impl Clusterer {
    /// An empty clustering.
    pub fn new(options: ClusterOptions) -> Self {
        Clusterer {
            options,
            vocabulary: Vocabulary::default(),
            df: Vec::new(),
            seen: 0,
            stories: Vec::new(),
            story_index: HashMap::new(),
            member_index: HashMap::new(),
            members: 0,
        }
    }

    /// Number of stories started so far.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// True before the first document.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Adds a document and returns the number of the story it joins or starts (0-based, in
    /// the order stories were started). `kinds` gives the kind of each resolved entity id.
    pub fn add(&mut self, doc: &Doc, kinds: &HashMap<&str, Kind>) -> usize {
        let bag = Bag::of(doc, kinds, &mut self.vocabulary);
        let vector = self.weigh(&bag);
        let date = when(Some(doc));
        let stamp = exact(Some(doc));
        let needed = threshold_for(self.options.threshold, bag.words);
        let story = match self.best(&vector, bag.words, date, stamp) {
            Some((story, similarity)) if similarity >= needed => story,
            _ => {
                self.stories.push(StoryState::default());
                self.stories.len() - 1
            }
        };
        self.join(story, &vector, date, stamp);
        story
    }

    /// Counts the bag's terms in the running document frequencies and returns its
    /// L2-normalised TF-IDF vector (sublinear term frequency), sorted by term id.
    fn weigh(&mut self, bag: &Bag) -> Vec<(u32, f64)> {
        self.seen = self.seen.saturating_add(1);
        if self.df.len() < self.vocabulary.len() {
            self.df.resize(self.vocabulary.len(), 0);
        }
        let n = f64::from(self.seen);
        let mut vector: Vec<(u32, f64)> = bag
            .counts
            .iter()
            .map(|&(term, tf)| {
                let df = match self.df.get_mut(term as usize) {
                    Some(slot) => {
                        *slot = slot.saturating_add(1);
                        f64::from(*slot)
                    }
                    None => 1.0,
                };
                let idf = ((n + 1.0) / (df + 1.0)).ln() + 1.0;
                (term, (1.0 + tf.ln()) * idf)
            })
            .collect();
        normalise(&mut vector);
        vector
    }

    /// Adds a document vector to story `story` and to the indexes.
    fn join(
        &mut self,
        story: usize,
        vector: &[(u32, f64)],
        date: Option<NaiveDateTime>,
        stamp: Option<NaiveDateTime>,
    ) {
        let Some(state) = self.stories.get_mut(story) else {
            return;
        };
        let id = u32::try_from(story).unwrap_or(u32::MAX);
        let member = self.members;
        self.members = self.members.saturating_add(1);
        for &(term, weight) in vector {
            let slot = state.centroid.entry(term).or_insert(0.0);
            state.norm += 2.0 * *slot * weight + weight * weight;
            *slot += weight;
            let stories = self.story_index.entry(term).or_default();
            // Most recent story last; a story already listed moves to the end.
            if stories.back() != Some(&id) {
                if let Some(at) = stories.iter().rposition(|&s| s == id) {
                    stories.remove(at);
                }
                stories.push_back(id);
                if stories.len() > MAX_POSTINGS {
                    stories.pop_front();
                }
            }
            let members = self.member_index.entry(term).or_default();
            members.push_back((member, id, weight as f32));
            if members.len() > MAX_POSTINGS {
                members.pop_front();
            }
        }
        if date.is_some() {
            if date >= state.last {
                state.last_timed = stamp.is_some();
            }
            state.last = state.last.max(date);
            state.first = state.first.min(date).or(date);
            state.dated = state.dated.saturating_add(1);
        }
        if stamp.is_some() {
            state.last_exact = state.last_exact.max(stamp);
        }
    }

    /// The most similar story sharing a term with `vector`, with its similarity.
    fn best(
        &self,
        vector: &[(u32, f64)],
        words: usize,
        date: Option<NaiveDateTime>,
        stamp: Option<NaiveDateTime>,
    ) -> Option<(usize, f64)> {
        let timing_weight = ((LONG_TEXT_WORDS - words as f64)
            / (LONG_TEXT_WORDS - SHORT_TEXT_WORDS))
            .clamp(0.0, 1.0);
        // Closest recent member of each story: dot products accumulated over shared terms.
        // Candidates are looked up through the document's weightiest terms only: common words
        // are shared with many unrelated stories and would add work, not evidence.
        let salient = salient(vector, SALIENT_TERMS);
        let mut closest: HashMap<u32, f64> = HashMap::new();
        if self.options.member_weight > 0.0 {
            let mut dots: HashMap<u32, (u32, f64)> = HashMap::new();
            for &(term, weight) in &salient {
                for &(member, story, w) in self.member_index.get(&term).into_iter().flatten() {
                    let entry = dots.entry(member).or_insert((story, 0.0));
                    entry.1 += weight * f64::from(w);
                }
            }
            for (story, dot) in dots.into_values() {
                let slot = closest.entry(story).or_insert(0.0);
                *slot = slot.max(dot);
            }
            // Only the stories of the closest members are worth a full comparison.
            if closest.len() > MAX_CANDIDATES {
                let mut ranked: Vec<(u32, f64)> = closest.into_iter().collect();
                ranked.select_nth_unstable_by(MAX_CANDIDATES, |a, b| {
                    b.1.total_cmp(&a.1).then(b.0.cmp(&a.0))
                });
                ranked.truncate(MAX_CANDIDATES);
                closest = ranked.into_iter().collect();
            }
        }
        // The stories sharing most salient terms (and those of the closest members) are
        // compared in full.
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for story in salient
            .iter()
            .filter_map(|(t, _)| self.story_index.get(t))
            .flatten()
        {
            *shared.entry(*story).or_insert(0) += 1;
        }
        let mut ranked: Vec<(u32, u32)> = shared.into_iter().collect();
        if ranked.len() > MAX_CANDIDATES {
            ranked.select_nth_unstable_by(MAX_CANDIDATES, |a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
            ranked.truncate(MAX_CANDIDATES);
        }
        let mut candidates: Vec<u32> = ranked
            .into_iter()
            .map(|(story, _)| story)
            .chain(closest.keys().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|c| {
                let state = self.stories.get(c as usize)?;
                let member = closest.get(&c).copied().unwrap_or(0.0) * self.options.member_weight;
                let timing = state.silence(date, stamp.is_some(), self.options.min_tempo_seconds)
                    * burst(
                        stamp,
                        state.last_exact,
                        self.options.burst_boost,
                        self.options.burst_half_life_seconds,
                    );
                let similarity = state.cosine(vector).max(member)
                    * decay(date, state.last)
                    * timing.powf(timing_weight);
                Some((c as usize, similarity))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }
}

/// The `k` weightiest entries of a vector (all of them when it has no more).
fn salient(vector: &[(u32, f64)], k: usize) -> Vec<(u32, f64)> {
    let mut top = vector.to_vec();
    if top.len() > k {
        top.select_nth_unstable_by(k, |a, b| b.1.total_cmp(&a.1));
        top.truncate(k);
    }
    top
}

impl StoryState {
    /// Cosine of `vector` with the centroid.
    fn cosine(&self, vector: &[(u32, f64)]) -> f64 {
        if self.norm <= 1e-12 {
            return 0.0;
        }
        let dot: f64 = vector
            .iter()
            .map(|(t, w)| w * self.centroid.get(t).copied().unwrap_or(0.0))
            .sum();
        dot / self.norm.sqrt()
    }

    /// The silence factor for a document published at `date`: halves for every tempo (the
    /// story's mean interval between dated articles, at least `min_tempo` seconds) the story
    /// has been silent; 1 when either date is unknown. When the document's or the story's
    /// newest article's time of day is unknown (`timed` false), the gap is only known to the
    /// day, and so is the tempo: it is at least a day.
    fn silence(&self, date: Option<NaiveDateTime>, timed: bool, min_tempo: f64) -> f64 {
        let (Some(date), Some(last), Some(first)) = (date, self.last, self.first) else {
            return 1.0;
        };
        let tempo = match self.dated.checked_sub(1) {
            Some(intervals) if intervals > 0 => {
                (last - first).num_seconds() as f64 / f64::from(intervals)
            }
            _ => 0.0,
        }
        .max(if timed && self.last_timed {
            min_tempo
        } else {
            DAY_SECONDS
        })
        .max(1.0);
        let gap = ((date - last).num_seconds() as f64).max(0.0);
        0.5_f64.powf(gap / tempo)
    }
}

/// The burst factor of a similarity: `1 + boost` at no gap between two exact publication
/// times, the boost halving every `half_life` seconds; 1 when either time is unknown
/// (day-precision dates carry no burst signal).
fn burst(
    stamp: Option<NaiveDateTime>,
    last: Option<NaiveDateTime>,
    boost: f64,
    half_life: f64,
) -> f64 {
    let (Some(stamp), Some(last)) = (stamp, last) else {
        return 1.0;
    };
    if half_life <= 0.0 {
        return 1.0;
    }
    let seconds = (stamp - last).num_seconds().unsigned_abs() as f64;
    1.0 + boost * 0.5_f64.powf(seconds / half_life)
}

/// 1 for a story updated within [`DECAY_AFTER_DAYS`] of `date`, then halving every week.
fn decay(date: Option<NaiveDateTime>, last: Option<NaiveDateTime>) -> f64 {
    let (Some(date), Some(last)) = (date, last) else {
        return 1.0;
    };
    let days = (date - last).num_seconds() as f64 / 86_400.0;
    if days <= DECAY_AFTER_DAYS {
        1.0
    } else {
        0.5_f64.powf((days - DECAY_AFTER_DAYS) / 7.0)
    }
}

/// L2-normalises a vector and sorts it by term id.
fn normalise(vector: &mut [(u32, f64)]) {
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    vector.sort_by_key(|&(t, _)| t);
}

/// The public description of story `id` from its documents: its articles in publication
/// order (undated last), the headline of the member closest to the story's centroid (over
/// term-frequency vectors of the story's own documents, so nothing outside the story counts),
/// its outlets in order of appearance and its most mentioned entities.
pub fn describe(id: &str, docs: &[Doc]) -> Story {
    let mut members: Vec<usize> = (0..docs.len()).collect();
    members.sort_by_key(|&i| (when(docs.get(i)).is_none(), when(docs.get(i)), i));
    let mut vocabulary = Vocabulary::default();
    let kinds = HashMap::new();
    let vectors: Vec<Vec<(u32, f64)>> = docs
        .iter()
        .map(|doc| {
            let bag = Bag::of(doc, &kinds, &mut vocabulary);
            let mut vector: Vec<(u32, f64)> = bag
                .counts
                .iter()
                .map(|&(term, tf)| (term, 1.0 + tf.ln()))
                .collect();
            normalise(&mut vector);
            vector
        })
        .collect();
    let mut centroid: HashMap<u32, f64> = HashMap::new();
    for v in &vectors {
        for &(t, w) in v {
            *centroid.entry(t).or_insert(0.0) += w;
        }
    }
    let representative = members
        .iter()
        .filter(|&&i| docs.get(i).is_some_and(|d| d.article.title.is_some()))
        .map(|&i| {
            let dot: f64 = vectors
                .get(i)
                .map(|v| {
                    v.iter()
                        .map(|(t, w)| w * centroid.get(t).copied().unwrap_or(0.0))
                        .sum()
                })
                .unwrap_or(0.0);
            (i, dot)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    let title = representative
        .or_else(|| members.first().copied())
        .and_then(|i| docs.get(i))
        .map(headline)
        .unwrap_or_default();
    let mut outlets: Vec<String> = Vec::new();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for doc in members.iter().filter_map(|&i| docs.get(i)) {
        if let Some(outlet) = &doc.article.outlet
            && !outlets.contains(outlet)
        {
            outlets.push(outlet.clone());
        }
        for entity in doc.mentions.iter().filter_map(|m| m.entity.as_deref()) {
            *counts.entry(entity).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    Story {
        id: id.to_string(),
        title,
        articles: members
            .iter()
            .filter_map(|&i| docs.get(i))
            .map(|d| d.article.id.clone())
            .collect(),
        outlets,
        entities: ranked
            .into_iter()
            .take(STORY_ENTITIES)
            .map(|(e, _)| e.to_string())
            .collect(),
    }
}

/// A document's headline, or the start of its text when it has none.
fn headline(doc: &Doc) -> String {
    if let Some(title) = doc
        .article
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        return title.trim().to_string();
    }
    let text = doc.article.text.trim();
    match text.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text).trim_end()),
        None => text.to_string(),
    }
}

/// Publication date and time of a document when its time of day is known.
fn exact(doc: Option<&Doc>) -> Option<NaiveDateTime> {
    let published = doc?.article.published.as_ref()?;
    Some(published.date.and_time(published.time?))
}

/// Publication date and time of a document (midnight when only the day is known).
pub(crate) fn when(doc: Option<&Doc>) -> Option<NaiveDateTime> {
    let published = doc?.article.published.as_ref()?;
    Some(published.date.and_time(published.time.unwrap_or_default()))
}

/// Term ids.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(term.to_string(), id);
        id
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Raw weighted term counts of one document.
struct Bag {
    counts: Vec<(u32, f64)>,
    /// Number of content words (title and text).
    words: usize,
}

impl Bag {
    fn of(doc: &Doc, kinds: &HashMap<&str, Kind>, vocabulary: &mut Vocabulary) -> Bag {
        let mut counts: HashMap<u32, f64> = HashMap::new();
        let title = doc.article.title.as_deref().unwrap_or("");
        let text = doc.article.text.as_str();
        let title_terms = terms(title);
        // A title repeated as the text (headline-only input) counts once.
        let text_terms = if text.trim() == title.trim() {
            Vec::new()
        } else {
            terms(text)
        };
        let words = title_terms.len() + text_terms.len();
        for term in &title_terms {
            *counts.entry(vocabulary.id(term)).or_insert(0.0) += TITLE_WEIGHT;
        }
        for term in &text_terms {
            *counts.entry(vocabulary.id(term)).or_insert(0.0) += 1.0;
        }
        for mention in &doc.mentions {
            let Some(entity) = mention.entity.as_deref() else {
                continue;
            };
            let kind = kinds.get(entity).copied().unwrap_or(mention.kind);
            let weight = match kind {
                Kind::Gpe | Kind::Norp | Kind::Government | Kind::Location => ENTITY_WEIGHT / 2.0,
                _ => ENTITY_WEIGHT,
            };
            let id = vocabulary.id(&format!("\u{1}{entity}"));
            *counts.entry(id).or_insert(0.0) += weight;
        }
        Bag {
            counts: counts.into_iter().collect(),
            words,
        }
    }
}

/// Content words of `text`: lowercased, possessives and stop words dropped, stemmed.
fn terms(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| {
            let w = w.trim_matches(|c| c == '\'' || c == '’');
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w.to_lowercase().replace(['\'', '’'], "")
        })
        .filter(|w| w.chars().count() > 1 || w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !w.is_empty() && STOP_WORDS.binary_search(&w.as_str()).is_err())
        .map(|w| stem(&w))
        .collect()
}

/// A light suffix stemmer: plural and verbal endings ("talks", "talked", "talking" → "talk").
fn stem(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) || word.len() <= 3 {
        return word.to_string();
    }
    for (suffix, replacement, min_stem) in [
        ("ies", "y", 2),
        ("ing", "", 3),
        ("ed", "", 3),
        ("es", "", 3),
        ("s", "", 3),
    ] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.chars().count() >= min_stem
            && !(suffix == "s" && stem.ends_with(['s', 'u', 'i']))
            && (suffix != "es" || stem.ends_with(['s', 'x', 'z', 'h']))
        {
            return format!("{stem}{replacement}");
        }
    }
    word.to_string()
}

/// English function words and reporting boilerplate, sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my",
    "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
    "our", "ours", "out", "over", "own", "said", "same", "says", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "update", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your",
];

/// B-cubed precision, recall and F1 of a predicted clustering against a gold one; item `i`
/// is in cluster `gold[i]` and `predicted[i]`. Items beyond the shorter list are ignored.
pub fn bcubed(gold: &[String], predicted: &[String]) -> (f64, f64, f64) {
    let table = Contingency::new(gold, predicted);
    if table.n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (&(g, p), &count) in &table.cells {
        let count = count as f64;
        let predicted_size = table.predicted.get(p).copied().unwrap_or(1) as f64;
        let gold_size = table.gold.get(g).copied().unwrap_or(1) as f64;
        precision += count * count / predicted_size;
        recall += count * count / gold_size;
    }
    let n = table.n as f64;
    with_f1(precision / n, recall / n)
}

/// Pairwise precision, recall and F1: over all pairs of items, how many pairs put together
/// by the prediction are together in the gold clustering, and the reverse.
pub fn pairwise(gold: &[String], predicted: &[String]) -> (f64, f64, f64) {
    let table = Contingency::new(gold, predicted);
    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let both: f64 = table.cells.values().map(|&k| pairs(k)).sum();
    let predicted_pairs: f64 = table.predicted.values().map(|&k| pairs(k)).sum();
    let gold_pairs: f64 = table.gold.values().map(|&k| pairs(k)).sum();
    let precision = if predicted_pairs > 0.0 {
        both / predicted_pairs
    } else {
        1.0
    };
    let recall = if gold_pairs > 0.0 {
        both / gold_pairs
    } else {
        1.0
    };
    with_f1(precision, recall)
}

/// `(precision, recall, F1)`.
fn with_f1(precision: f64, recall: f64) -> (f64, f64, f64) {
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

/// Cluster sizes and overlaps of two clusterings of the same items.
struct Contingency<'a> {
    cells: HashMap<(&'a str, &'a str), usize>,
    gold: HashMap<&'a str, usize>,
    predicted: HashMap<&'a str, usize>,
    n: usize,
}

impl<'a> Contingency<'a> {
    fn new(gold: &'a [String], predicted: &'a [String]) -> Self {
        let mut table = Contingency {
            cells: HashMap::new(),
            gold: HashMap::new(),
            predicted: HashMap::new(),
            n: 0,
        };
        for (g, p) in gold.iter().zip(predicted) {
            *table.cells.entry((g.as_str(), p.as_str())).or_insert(0) += 1;
            *table.gold.entry(g.as_str()).or_insert(0) += 1;
            *table.predicted.entry(p.as_str()).or_insert(0) += 1;
            table.n += 1;
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use dragoman_model::{Article, Published};

    /// Groups documents into stories as the tracker does: fed one at a time in publication
    /// order, each story described from its members.
    fn cluster(docs: &[Doc], options: &ClusterOptions) -> Vec<Story> {
        let order = crate::tracker::feed_order(docs);
        let mut clusterer = Clusterer::new(options.clone());
        let mut members: Vec<Vec<Doc>> = Vec::new();
        for &i in &order {
            let story = clusterer.add(&docs[i], &HashMap::new());
            if members.len() <= story {
                members.resize(story + 1, Vec::new());
            }
            members[story].push(docs[i].clone());
        }
        members
            .iter()
            .enumerate()
            .map(|(n, m)| describe(&format!("s{}", n + 1), m))
            .collect()
    }

    fn doc(id: &str, day: u32, title: &str, text: &str) -> Doc {
        let mut article = Article::from_paragraphs(format!("{id}.txt"), [text]);
        article.id = id.to_string();
        article.title = Some(title.to_string());
        article.outlet = Some(format!("Outlet {}", id.len()));
        article.published = NaiveDate::from_ymd_opt(2025, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(day))))
            .map(Published::day);
        Doc::new(article)
    }

    fn corpus() -> Vec<Doc> {
        vec![
            doc(
                "b1",
                2,
                "Dam on the Velka river bursts after heavy rain",
                "Floodwater from the burst dam covered three villages along the Velka river; rescuers evacuated hundreds of residents.",
            ),
            doc(
                "a1",
                1,
                "Chess champion retains title in final game",
                "The reigning chess champion retained her title after a tense final game against the challenger in Oslo.",
            ),
            doc(
                "a2",
                3,
                "Challenger resigns final chess game, champion keeps title",
                "The challenger resigned the final chess game on move 61, so the champion keeps the title for two more years.",
            ),
            doc(
                "b2",
                3,
                "Villages flooded as Velka dam bursts",
                "Rescuers evacuated residents of flooded villages after the Velka river dam burst following days of rain.",
            ),
            doc(
                "b3",
                4,
                "Velka flood: rescuers reach cut-off villages",
                "Velka flood: rescuers reach cut-off villages",
            ),
        ]
    }

    #[test]
    fn documents_on_two_topics_form_two_stories() {
        let docs = corpus();
        let stories = cluster(&docs, &ClusterOptions::default());
        assert_eq!(stories.len(), 2, "{stories:#?}");
        assert_eq!(stories[0].id, "s1");
        assert_eq!(stories[0].articles, ["a1", "a2"]);
        assert_eq!(stories[1].articles, ["b1", "b2", "b3"]);
        assert!(stories[1].title.contains("Velka"));
        assert!(!stories[1].outlets.is_empty());
    }

    #[test]
    fn a_story_long_dormant_does_not_absorb_a_new_article() {
        let mut docs = corpus();
        docs[3].article.published = docs[3]
            .article
            .published
            .as_ref()
            .and_then(|p| p.date.checked_add_days(chrono::Days::new(90)))
            .map(Published::day);
        let stories = cluster(&docs, &ClusterOptions::default());
        assert!(stories.iter().any(|s| s.articles == ["b2"]), "{stories:#?}");
        assert!(decay(None, None) == 1.0);
        let noon = NaiveDate::from_ymd_opt(2024, 5, 1).and_then(|d| d.and_hms_opt(12, 0, 0));
        let later = noon.map(|t| t + chrono::Duration::minutes(30));
        assert!(burst(noon, noon, 4.0, 60.0) > burst(later, noon, 4.0, 60.0));
        assert!((burst(later, noon, 4.0, 60.0) - 1.0).abs() < 1e-6);
        assert!(burst(None, noon, 4.0, 60.0) == 1.0);
    }

    /// A title-only document published at `minute` minutes past 2024-05-01 08:00.
    fn headline(id: &str, minute: i64, title: &str) -> Doc {
        timed(id, minute, title, title)
    }

    /// A document published at `minute` minutes past 2024-05-01 08:00.
    fn timed(id: &str, minute: i64, title: &str, text: &str) -> Doc {
        let mut article = Article::from_paragraphs(format!("{id}.txt"), [text]);
        article.id = id.to_string();
        article.title = Some(title.to_string());
        let at = NaiveDate::from_ymd_opt(2024, 5, 1)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .map(|t| t + chrono::Duration::minutes(minute));
        article.published = at.map(|t| Published {
            date: t.date(),
            time: Some(t.time()),
            precision: dragoman_model::Precision::Time,
        });
        Doc::new(article)
    }

    fn ids(stories: &[Story]) -> Vec<Vec<&str>> {
        stories
            .iter()
            .map(|s| s.articles.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn headline_bursts_on_one_topic_hours_apart_are_two_stories() {
        let mut docs = vec![
            headline("m1", 0, "Harbour crane collapses in storm"),
            headline("m2", 1, "Storm topples harbour crane, port closed"),
            headline("m3", 1, "Port closed after crane collapse"),
            headline("n1", 600, "Harbour crane inquiry names faulty bolts"),
            headline("n2", 601, "Faulty bolts blamed for harbour crane collapse"),
        ];
        let stories = cluster(&docs, &ClusterOptions::default());
        assert_eq!(ids(&stories), [vec!["m1", "m2", "m3"], vec!["n1", "n2"]]);

        // Known only to the day, the same headlines are one story: the gap of ten hours is
        // not known.
        for doc in &mut docs {
            if let Some(p) = doc.article.published.as_mut() {
                *p = Published::day(p.date);
            }
        }
        let stories = cluster(&docs, &ClusterOptions::default());
        assert_eq!(stories.len(), 1, "{stories:#?}");
    }

    #[test]
    fn full_articles_join_a_story_whatever_its_rhythm() {
        // Two long reports minutes apart give the story a short tempo; a long report of the
        // same story two days later still joins it: timing does not count for full articles.
        let body = "The regional assembly voted on the river dam budget after the floods, and \
            engineers told the assembly that the dam walls need repairs before the winter \
            rains; the budget for the dam repairs was approved by a large majority of the \
            assembly members, and the engineers will start the dam repairs in the spring \
            while the floods inquiry continues to examine the dam walls and the river banks \
            that broke during the storm last month in the valley towns below the dam. \
            Farmers downstream asked for compensation for flooded fields, ruined harvests and \
            drowned livestock, and the regional government promised a relief fund for every \
            household whose cellar, barn or workshop was damaged by the muddy water.";
        let docs = vec![
            timed("a", 0, "Assembly approves dam budget", body),
            timed("b", 5, "Dam repairs budget passes assembly", body),
            timed("c", 2 * 24 * 60, "Engineers start work on dam walls", body),
        ];
        let stories = cluster(&docs, &ClusterOptions::default());
        assert_eq!(stories.len(), 1, "{stories:#?}");
    }

    #[test]
    fn the_clusterer_is_fed_one_document_at_a_time() {
        let kinds = HashMap::new();
        let mut clusterer = Clusterer::new(ClusterOptions::default());
        assert!(clusterer.is_empty());
        let first = clusterer.add(&headline("x1", 0, "Volcano erupts near ski resort"), &kinds);
        let second = clusterer.add(
            &headline("x2", 1, "Ski resort evacuated as volcano erupts"),
            &kinds,
        );
        let other = clusterer.add(
            &headline("y1", 2, "Central bank holds interest rates"),
            &kinds,
        );
        assert_eq!((first, second, other), (0, 0, 1));
        assert_eq!(clusterer.len(), 2);
    }

    #[test]
    fn words_are_stemmed_and_stop_words_dropped() {
        assert_eq!(
            terms("The talks on Russia's ceasefire"),
            ["talk", "russia", "ceasefire"]
        );
        assert_eq!(stem("bursts"), "burst");
        assert_eq!(stem("flooded"), "flood");
        assert_eq!(stem("countries"), "country");
        assert_eq!(stem("crisis"), "crisis");
        assert_eq!(stem("boxes"), "box");
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(threshold_for(0.3, 10) < threshold_for(0.3, 200));
    }

    #[test]
    fn bcubed_and_pairwise_scores() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let gold = s(&["a", "a", "b", "b"]);
        assert_eq!(bcubed(&gold, &s(&["x", "x", "y", "y"])), (1.0, 1.0, 1.0));
        let (p, r, _) = bcubed(&gold, &s(&["x", "x", "x", "x"]));
        assert!((p - 0.5).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        let (p, r, _) = bcubed(&gold, &s(&["x", "y", "z", "w"]));
        assert!((p - 1.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
        let (p, r, _) = pairwise(&gold, &s(&["x", "x", "x", "x"]));
        assert!((p - 2.0 / 6.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        assert_eq!(bcubed(&[], &[]), (0.0, 0.0, 0.0));
    }
}
