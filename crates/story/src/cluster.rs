//! Story clustering: an incremental single pass over the documents in publication order.
//!
//! Each document becomes a sparse TF-IDF vector over its content words (lowercased, stop
//! words removed, simple suffix stemming) — the title counted [`TITLE_WEIGHT`] times, the text
//! once — plus its resolved entity ids (weighted by [`ENTITY_WEIGHT`], countries and
//! nationalities at half weight since they recur across unrelated stories). A document joins
//! the most similar existing story (cosine similarity to the story's centroid, decayed when the
//! story's last article is more than [`DECAY_AFTER_DAYS`] days older, and boosted by up to
//! `1 + BURST_BOOST` when the document's exact publication time falls within a minute or so of
//! the story's newest article — coverage of one event arrives in bursts, see [`BURST_BOOST`])
//! when that similarity reaches the threshold; otherwise it starts a new story. Stories are found through an
//! inverted index from terms to stories, so a document is compared only with the stories that
//! share a term with it.
//!
//! The inverse document frequencies are computed over the batch being clustered; an
//! incremental store would keep running document frequencies and update them as articles
//! arrive.
//!
//! Headlines are short, and the cosine of two headlines about the same story is lower than
//! that of two full articles; the threshold is therefore scaled by [`threshold_for`] with the
//! number of content words of the document.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use dragoman_model::{Doc, Entity, Kind, Story};

/// How many times the title's words count compared to the text's.
pub const TITLE_WEIGHT: f64 = 3.0;
/// How much an entity id counts compared to a word.
pub const ENTITY_WEIGHT: f64 = 2.0;
/// Stories whose last article is older than this many days lose similarity exponentially.
pub const DECAY_AFTER_DAYS: f64 = 7.0;
/// How much a document published in the same burst as a story's newest article multiplies
/// its similarity (`1 + BURST_BOOST` at no gap).
pub const BURST_BOOST: f64 = 4.0;
/// Half-life, in seconds, of the burst boost: coverage of one event arrives in bursts, and a
/// document published within a minute of a story's newest article is very likely about it.
pub const BURST_HALF_LIFE_SECONDS: f64 = 60.0;
/// The most entities listed per story.
const STORY_ENTITIES: usize = 10;

/// Groups documents into stories and sets the `story` of their quotes, positions and events.
///
/// `threshold` is the cosine similarity a full article needs to join a story; see
/// [`threshold_for`] for shorter documents. Stories are numbered `s1`, `s2`, … in the order
/// of their first article.
pub fn cluster(docs: &mut [Doc], entities: &[Entity], threshold: f64) -> Vec<Story> {
    let kinds: HashMap<&str, Kind> = entities.iter().map(|e| (e.id.as_str(), e.kind)).collect();
    let mut vocabulary = Vocabulary::default();
    let bags: Vec<Bag> = docs
        .iter()
        .map(|d| Bag::of(d, &kinds, &mut vocabulary))
        .collect();
    let vectors = weigh(&bags, vocabulary.len());

    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| (when(docs.get(i)).is_none(), when(docs.get(i)), i));

    let mut stories = Stories::default();
    let mut home = vec![usize::MAX; docs.len()];
    for &i in &order {
        let Some(vector) = vectors.get(i) else {
            continue;
        };
        let date = when(docs.get(i));
        let needed = threshold_for(threshold, bags.get(i).map_or(0, |b| b.words));
        let stamp = exact(docs.get(i));
        let c = match stories.best(vector, date, stamp) {
            Some((c, similarity)) if similarity >= needed => c,
            _ => stories.open(),
        };
        stories.add(c, vector, date, stamp);
        if let Some(slot) = home.get_mut(i) {
            *slot = c;
        }
    }

    let mut members: Vec<Vec<usize>> = vec![Vec::new(); stories.len()];
    for &i in &order {
        if let Some(list) = home.get(i).and_then(|&c| members.get_mut(c)) {
            list.push(i);
        }
    }
    let mut members: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    let rank: HashMap<usize, usize> = order.iter().enumerate().map(|(r, &i)| (i, r)).collect();
    members.sort_by_key(|m| m.first().and_then(|i| rank.get(i)).copied());
    let stories: Vec<Story> = members
        .iter()
        .enumerate()
        .map(|(n, m)| story(docs, m, &vectors, format!("s{}", n + 1)))
        .collect();
    for (story, m) in stories.iter().zip(&members) {
        label(docs, m, &story.id);
    }
    stories
}

/// The similarity a document with `words` content words needs to join a story: a headline
/// of 8 content words needs about a quarter of `threshold` (tuned on headline clusters: the
/// cosine of two short headlines about one story is far lower than that of two full
/// articles), and texts of 75 content words or more need [`LONG_TEXT_SCALE`] of it.
/// Long reports of one developing story by outlets with different vocabularies ("Kiev" and
/// "Kyiv", "special military operation" and "invasion") share fewer terms than two headlines
/// of one wire burst do, relative to their length, so the scale stops rising there.
pub fn threshold_for(threshold: f64, words: usize) -> f64 {
    let scale = (0.2 + 0.8 * (words as f64 / 150.0)).min(LONG_TEXT_SCALE);
    threshold * scale
}

/// Share of the threshold a full article needs (reached at 75 content words).
pub const LONG_TEXT_SCALE: f64 = 0.6;

/// The stories being built: centroids (sums of member vectors) and an inverted index from
/// terms to the stories whose centroid holds them.
#[derive(Default)]
struct Stories {
    centroids: Vec<HashMap<u32, f64>>,
    /// Squared Euclidean norms of the centroids.
    norms: Vec<f64>,
    /// Publication of each story's newest member.
    last: Vec<Option<NaiveDateTime>>,
    /// Exact publication time (date and time of day) of each story's newest timed member.
    last_exact: Vec<Option<NaiveDateTime>>,
    index: HashMap<u32, Vec<usize>>,
}

impl Stories {
    fn len(&self) -> usize {
        self.centroids.len()
    }

    /// Starts an empty story and returns its number.
    fn open(&mut self) -> usize {
        self.centroids.push(HashMap::new());
        self.norms.push(0.0);
        self.last.push(None);
        self.last_exact.push(None);
        self.centroids.len() - 1
    }

    /// Adds a document vector to story `c`.
    fn add(
        &mut self,
        c: usize,
        vector: &[(u32, f64)],
        date: Option<NaiveDateTime>,
        stamp: Option<NaiveDateTime>,
    ) {
        let (Some(centroid), Some(norm)) = (self.centroids.get_mut(c), self.norms.get_mut(c))
        else {
            return;
        };
        for &(term, weight) in vector {
            let slot = centroid.entry(term).or_insert_with(|| {
                self.index.entry(term).or_default().push(c);
                0.0
            });
            *norm += 2.0 * *slot * weight + weight * weight;
            *slot += weight;
        }
        if let Some(last) = self.last.get_mut(c)
            && date.is_some()
        {
            *last = (*last).max(date);
        }
        if let Some(last) = self.last_exact.get_mut(c)
            && stamp.is_some()
        {
            *last = (*last).max(stamp);
        }
    }

    /// Cosine of `vector` with story `c`'s centroid, decayed by the story's age.
    fn similarity(
        &self,
        c: usize,
        vector: &[(u32, f64)],
        date: Option<NaiveDateTime>,
        stamp: Option<NaiveDateTime>,
    ) -> f64 {
        let (Some(centroid), Some(&norm)) = (self.centroids.get(c), self.norms.get(c)) else {
            return 0.0;
        };
        if norm <= 1e-12 {
            return 0.0;
        }
        let dot: f64 = vector
            .iter()
            .map(|(t, w)| w * centroid.get(t).copied().unwrap_or(0.0))
            .sum();
        let last = self.last.get(c).copied().flatten();
        let last_exact = self.last_exact.get(c).copied().flatten();
        dot / norm.sqrt() * decay(date, last) * burst(stamp, last_exact)
    }

    /// The most similar story sharing a term with `vector`.
    fn best(
        &self,
        vector: &[(u32, f64)],
        date: Option<NaiveDateTime>,
        stamp: Option<NaiveDateTime>,
    ) -> Option<(usize, f64)> {
        let mut candidates: Vec<usize> = vector
            .iter()
            .filter_map(|(t, _)| self.index.get(t))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|c| (c, self.similarity(c, vector, date, stamp)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }
}

/// The burst factor of a similarity: `1 + BURST_BOOST` at no gap between two exact
/// publication times, the boost halving every [`BURST_HALF_LIFE_SECONDS`]; 1 when either time
/// is unknown (day-precision dates carry no burst signal).
fn burst(stamp: Option<NaiveDateTime>, last: Option<NaiveDateTime>) -> f64 {
    let (Some(stamp), Some(last)) = (stamp, last) else {
        return 1.0;
    };
    let seconds = (stamp - last).num_seconds().unsigned_abs() as f64;
    1.0 + BURST_BOOST * 0.5_f64.powf(seconds / BURST_HALF_LIFE_SECONDS)
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

/// Builds the public story of a cluster.
fn story(docs: &[Doc], members: &[usize], vectors: &[Vec<(u32, f64)>], id: String) -> Story {
    let mut centroid: HashMap<u32, f64> = HashMap::new();
    for v in members.iter().filter_map(|&i| vectors.get(i)) {
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
        id,
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

/// Sets the story id on the quotes, positions and events of the story's documents.
fn label(docs: &mut [Doc], members: &[usize], story: &str) {
    for &i in members {
        let Some(doc) = docs.get_mut(i) else {
            continue;
        };
        let id = Some(story.to_string());
        doc.quotes.iter_mut().for_each(|q| q.story = id.clone());
        doc.positions.iter_mut().for_each(|p| p.story = id.clone());
        doc.events.iter_mut().for_each(|e| e.story = id.clone());
    }
}

/// Publication date and time of a document when its time of day is known.
fn exact(doc: Option<&Doc>) -> Option<NaiveDateTime> {
    let published = doc?.article.published.as_ref()?;
    Some(published.date.and_time(published.time?))
}

/// Publication date and time of a document.
fn when(doc: Option<&Doc>) -> Option<NaiveDateTime> {
    let published = doc?.article.published.as_ref()?;
    Some(published.date.and_time(published.time.unwrap_or_default()))
}

/// Term ids.
#[derive(Default)]
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
    counts: HashMap<u32, f64>,
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
        Bag { counts, words }
    }
}

/// L2-normalised TF-IDF vectors (sublinear term frequency), sorted by term id.
fn weigh(bags: &[Bag], terms: usize) -> Vec<Vec<(u32, f64)>> {
    let mut df = vec![0u32; terms];
    for bag in bags {
        for &term in bag.counts.keys() {
            if let Some(slot) = df.get_mut(term as usize) {
                *slot += 1;
            }
        }
    }
    let n = bags.len() as f64;
    bags.iter()
        .map(|bag| {
            let mut vector: Vec<(u32, f64)> = bag
                .counts
                .iter()
                .map(|(&term, &tf)| {
                    let d = f64::from(df.get(term as usize).copied().unwrap_or(0));
                    let idf = ((n + 1.0) / (d + 1.0)).ln() + 1.0;
                    (term, (1.0 + tf.ln()) * idf)
                })
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            vector.sort_by_key(|&(t, _)| t);
            vector
        })
        .collect()
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
    use chrono::{DateTime, NaiveDate};
    use dragoman_model::{Article, Published, Quote, Span};

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

    fn quote() -> Quote {
        Quote {
            speaker: None,
            speaker_name: None,
            speaker_span: None,
            cue: None,
            cue_span: None,
            text: "x".into(),
            content_span: Span::new(0, 1),
            direct: true,
            sources: Vec::new(),
            story: None,
        }
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
        let mut docs = corpus();
        docs[0].quotes.push(quote());
        let stories = cluster(&mut docs, &[], 0.25);
        assert_eq!(stories.len(), 2, "{stories:#?}");
        assert_eq!(stories[0].id, "s1");
        assert_eq!(stories[0].articles, ["a1", "a2"]);
        assert_eq!(stories[1].articles, ["b1", "b2", "b3"]);
        assert!(stories[1].title.contains("Velka"));
        assert_eq!(docs[0].quotes[0].story.as_deref(), Some("s2"));
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
        let stories = cluster(&mut docs, &[], 0.25);
        assert!(stories.iter().any(|s| s.articles == ["b2"]), "{stories:#?}");
        assert!(decay(None, None) == 1.0);
        let noon = NaiveDate::from_ymd_opt(2024, 5, 1).and_then(|d| d.and_hms_opt(12, 0, 0));
        let later = noon.map(|t| t + chrono::Duration::minutes(30));
        assert!(burst(noon, noon) > burst(later, noon));
        assert!((burst(later, noon) - 1.0).abs() < 1e-6);
        assert!(burst(None, noon) == 1.0);
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

    /// Splits one CSV line into fields (double quotes, `""` escapes).
    fn csv_fields(line: &str) -> Vec<String> {
        let mut fields = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    if let Some(f) = fields.last_mut() {
                        f.push('"');
                    }
                }
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(String::new()),
                _ => {
                    if let Some(f) = fields.last_mut() {
                        f.push(c);
                    }
                }
            }
        }
        fields
    }

    /// Measures B-cubed on the UCI headline set when it is present:
    /// `cargo test -p dragoman-story --release uci_headlines -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn uci_headlines() {
        let path = "/work/shared/data/clustering/uci-headlines-dev.csv";
        let Ok(data) = std::fs::read_to_string(path) else {
            eprintln!("{path} not found; skipped");
            return;
        };
        let mut docs = Vec::new();
        let mut gold = Vec::new();
        for line in data.lines().skip(1) {
            let f = csv_fields(line);
            let [id, title, _url, publisher, story, stamp] = f.as_slice() else {
                continue;
            };
            let mut d = doc(id, 0, title, title);
            d.article.outlet = Some(publisher.clone());
            let when = stamp
                .parse::<i64>()
                .ok()
                .and_then(DateTime::from_timestamp_millis)
                .map(|t| t.naive_utc());
            d.article.published = when.map(|t| Published {
                date: t.date(),
                time: Some(t.time()),
                precision: dragoman_model::Precision::Time,
            });
            docs.push(d);
            gold.push(story.clone());
        }
        let thresholds: Vec<f64> = std::env::var("THRESHOLDS")
            .ok()
            .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_else(|| vec![0.25]);
        for threshold in thresholds {
            let mut batch = docs.clone();
            let start = std::time::Instant::now();
            let stories = cluster(&mut batch, &[], threshold);
            let seconds = start.elapsed().as_secs_f64();
            let mut of: HashMap<&str, &str> = HashMap::new();
            for s in &stories {
                for a in &s.articles {
                    of.insert(a, &s.id);
                }
            }
            let predicted: Vec<String> = batch
                .iter()
                .map(|d| {
                    of.get(d.article.id.as_str())
                        .copied()
                        .unwrap_or("")
                        .to_string()
                })
                .collect();
            let (p, r, f) = bcubed(&gold, &predicted);
            let (pp, pr, pf) = pairwise(&gold, &predicted);
            eprintln!(
                "threshold {threshold}: {} headlines, {} stories; B-cubed P {p:.3} R {r:.3} F1 {f:.3}; pairwise P {pp:.3} R {pr:.3} F1 {pf:.3}; {:.0} articles/s",
                batch.len(),
                stories.len(),
                batch.len() as f64 / seconds
            );
        }
    }
}
