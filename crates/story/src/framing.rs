//! Framing per story and outlet: the words an outlet prefers, the loaded language it uses, whose
//! voices it quotes, its tone toward the story's main actors, and the facts it leaves out.
//!
//! - **Distinctive terms**: the weighted log-odds ratio with an informative Dirichlet prior
//!   (Monroe, Colaresi & Quinn 2008, "Fightin' Words"): the outlet's word counts against the
//!   story's other outlets, the prior shaped by the whole corpus; terms with z > 1.96 are kept.
//! - **Loaded terms** from `data/lexicons/loaded.toml`, counted in the outlet's own words (not
//!   inside direct quotations), each with its byte span.
//! - **Voices**: the share of the outlet's quotes per speaker.
//! - **Tone** toward the story's five most mentioned actors: the mean lexicon tone
//!   (`data/lexicons/tone.toml`) of the outlet's sentences that mention the actor.
//! - **Omits**: facts that at least half of the story's other outlets (and at least two) report
//!   and this outlet does not.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use dragoman_model::{
    Doc, Duplicate, Entity, Fact, Framing, Kind, Source, Span, Story, TermScore, Tone, Voice,
};
use regex::Regex;
use serde::Deserialize;

use crate::facts::{Corpus, LexiconError, ValueKind, alternation, value_kind, words};

/// The z-score above which a term is distinctive (two-sided 5 %).
const Z_THRESHOLD: f64 = 1.96;
/// How many distinctive terms are kept per outlet.
const TOP_TERMS: usize = 10;
/// How many actors per story get a tone.
const TOP_ACTORS: usize = 5;
/// Weight of the corpus counts in the Dirichlet prior: α_w = PRIOR_SCALE × corpus count of w.
const PRIOR_SCALE: f64 = 0.1;
/// How many example spans a distinctive term carries.
const TERM_SOURCES: usize = 5;
/// Words before a tone word in which a negator flips it.
const NEGATION_WINDOW: usize = 3;
/// How much of its weight a negated tone word keeps (with the opposite sign).
const NEGATION_DAMPING: f64 = 0.75;
/// Constant of the tone normalisation s / sqrt(s² + k).
const TONE_NORMALISATION: f64 = 4.0;

// ---------------------------------------------------------------------------------------------
// Lexicons

#[derive(Debug, Deserialize)]
struct LoadedFile {
    stop_words: Vec<String>,
    categories: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    patterns: Vec<PatternEntry>,
    voices: VoiceWords,
}

/// Words that make a speaker phrase a source ("two diplomats", "a person familiar with").
#[derive(Debug, Deserialize)]
struct VoiceWords {
    sources: HashSet<String>,
    postmodifiers: HashSet<String>,
}

#[derive(Debug, Deserialize)]
struct PatternEntry {
    name: String,
    category: String,
    regex: String,
}

#[derive(Debug, Deserialize)]
struct ToneFile {
    negators: Vec<String>,
    intensifiers: HashMap<String, f64>,
    words: ToneWords,
}

#[derive(Debug, Deserialize)]
struct ToneWords {
    positive: Vec<String>,
    strong_positive: Vec<String>,
    negative: Vec<String>,
    strong_negative: Vec<String>,
}

/// Terms matched exactly or by a stem ending in `*`.
#[derive(Debug, Default)]
struct TermTable<V> {
    exact: HashMap<String, V>,
    /// Longest stem first.
    stems: Vec<(String, V)>,
}

impl<V: Clone> TermTable<V> {
    fn insert(&mut self, term: &str, value: V) {
        let key = term
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match key.strip_suffix('*') {
            Some(stem) => self.stems.push((stem.to_string(), value)),
            None => {
                self.exact.entry(key).or_insert(value);
            }
        }
    }

    fn finish(mut self) -> Self {
        self.stems.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        self
    }

    fn get(&self, word: &str) -> Option<&V> {
        self.exact.get(word).or_else(|| {
            self.stems
                .iter()
                .find(|(stem, _)| word.starts_with(stem.as_str()))
                .map(|(_, v)| v)
        })
    }
}

/// A loaded-language matcher: one regex per category and the label of each term.
struct LoadedRule {
    regex: Regex,
    category: String,
    /// Label of a matched phrase, by its lowercase, single-spaced text; `None` for patterns,
    /// which are labelled by `fixed`.
    labels: Option<TermTable<String>>,
    fixed: Option<String>,
}

struct Lexicons {
    stop: HashSet<String>,
    voices: VoiceWords,
    loaded: Vec<LoadedRule>,
    tone: TermTable<f64>,
    negators: HashSet<String>,
    intensifiers: HashMap<String, f64>,
}

impl Lexicons {
    fn parse(loaded: &str, tone: &str) -> Result<Lexicons, LexiconError> {
        let loaded: LoadedFile = toml::from_str(loaded).map_err(LexiconError::Toml)?;
        let tone: ToneFile = toml::from_str(tone).map_err(LexiconError::Toml)?;
        let mut rules = Vec::new();
        for (category, terms) in &loaded.categories {
            let mut labels = TermTable::default();
            let forms: Vec<String> = terms
                .iter()
                .map(|t| {
                    labels.insert(t, t.trim_end_matches('*').to_string());
                    t.to_lowercase()
                })
                .collect();
            let body = alternation(&forms).replace(r"\*", r"[\w-]*");
            // Terms are matched in lowercase against the ASCII-lowercased text (same byte
            // offsets), with ASCII word boundaries: this keeps the regex on its fast automaton (a
            // Unicode boundary or case folding falls back to slower engines).
            rules.push(LoadedRule {
                regex: Regex::new(&format!(r"(?-u:\b)(?:{body})(?-u:\b)"))
                    .map_err(LexiconError::Regex)?,
                category: category.clone(),
                labels: Some(labels.finish()),
                fixed: None,
            });
        }
        for p in &loaded.patterns {
            rules.push(LoadedRule {
                regex: Regex::new(&p.regex).map_err(LexiconError::Regex)?,
                category: p.category.clone(),
                labels: None,
                fixed: Some(p.name.clone()),
            });
        }
        let mut table = TermTable::default();
        let w = &tone.words;
        for (list, weight) in [
            (&w.positive, 1.0),
            (&w.strong_positive, 2.0),
            (&w.negative, -1.0),
            (&w.strong_negative, -2.0),
        ] {
            for term in list {
                table.insert(term, weight);
            }
        }
        Ok(Lexicons {
            stop: loaded.stop_words.into_iter().collect(),
            voices: loaded.voices,
            loaded: rules,
            tone: table.finish(),
            negators: tone.negators.into_iter().collect(),
            intensifiers: tone.intensifiers,
        })
    }
}

fn lexicons() -> &'static Lexicons {
    static LEXICONS: OnceLock<Lexicons> = OnceLock::new();
    LEXICONS.get_or_init(|| {
        // Embedded at build time and checked by the `lexicons_parse` test: a failure here is a
        // defect of the shipped data, never of the input.
        Lexicons::parse(
            include_str!("../../../data/lexicons/loaded.toml"),
            include_str!("../../../data/lexicons/tone.toml"),
        )
        .expect("data/lexicons/loaded.toml and tone.toml are valid (checked by tests)")
    })
}

// ---------------------------------------------------------------------------------------------
// Per-document measurements

/// Content words of a word's lowercase form: possessive dropped, function words and numbers out.
fn content_word(lex: &Lexicons, lower: &str) -> Option<String> {
    let w = lower
        .strip_suffix("’s")
        .or_else(|| lower.strip_suffix("'s"))
        .unwrap_or(lower);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 3 && w.chars().next().is_some_and(char::is_alphabetic) && !lex.stop.contains(w))
        .then(|| w.to_string())
}

/// Word counts of one document and where each word is used (a few spans per word).
#[derive(Default)]
struct WordCounts {
    counts: HashMap<String, f64>,
    total: f64,
    spans: HashMap<String, Vec<Source>>,
}

impl WordCounts {
    fn of(lex: &Lexicons, doc: &Doc) -> Self {
        let mut wc = WordCounts::default();
        for sentence in &doc.sentences {
            for w in words(&doc.article.text, sentence.span) {
                if let Some(word) = content_word(lex, &w.lower) {
                    let spans = wc.spans.entry(word.clone()).or_default();
                    if spans.len() < TERM_SOURCES {
                        spans.push(doc.source(w.span));
                    }
                    *wc.counts.entry(word).or_default() += 1.0;
                    wc.total += 1.0;
                }
            }
        }
        wc
    }

    /// Adds the counts of `other` (and, with `spans`, its example spans).
    fn add(&mut self, other: &WordCounts, spans: bool) {
        for (w, c) in &other.counts {
            *self.counts.entry(w.clone()).or_default() += c;
        }
        if spans {
            for (w, s) in &other.spans {
                let mine = self.spans.entry(w.clone()).or_default();
                mine.extend(
                    s.iter()
                        .take(TERM_SOURCES.saturating_sub(mine.len()))
                        .cloned(),
                );
            }
        }
        self.total += other.total;
    }
}

/// Tone of a span of text in [-1, 1].
fn tone_of(lex: &Lexicons, text: &str, span: Span) -> f64 {
    let ws = words(text, span);
    let mut sum = 0.0;
    for (i, w) in ws.iter().enumerate() {
        let Some(weight) = lex.tone.get(&w.lower) else {
            continue;
        };
        let mut score = *weight;
        if let Some(factor) = i
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .and_then(|p| lex.intensifiers.get(&p.lower))
        {
            score *= factor;
        }
        let window = ws.get(i.saturating_sub(NEGATION_WINDOW)..i).unwrap_or(&[]);
        if window.iter().any(|p| lex.negators.contains(&p.lower)) {
            score *= -NEGATION_DAMPING;
        }
        sum += score;
    }
    sum / (sum * sum + TONE_NORMALISATION).sqrt()
}

/// Loaded-language hits of one document: (label, source), outside direct quotations.
fn loaded_hits(lex: &Lexicons, doc: &Doc) -> Vec<(String, Source)> {
    let text = &doc.article.text;
    let quoted: Vec<Span> = doc
        .quotes
        .iter()
        .filter(|q| q.direct)
        .map(|q| q.content_span)
        .collect();
    let mut hits: Vec<(Span, String)> = Vec::new();
    let lower = text.to_ascii_lowercase();
    for rule in &lex.loaded {
        let haystack = if rule.labels.is_some() { &lower } else { text };
        for m in rule.regex.find_iter(haystack) {
            let span = Span::new(m.start(), m.end());
            if quoted
                .iter()
                .any(|q| q.contains(span) || (rule.fixed.is_some() && q.overlaps(span)))
            {
                continue;
            }
            if doc.sentence_at(span.start).is_none() {
                continue;
            }
            let label = match (&rule.labels, &rule.fixed) {
                (Some(labels), _) => {
                    let key = m
                        .as_str()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    labels.get(&key).cloned().unwrap_or(key)
                }
                (None, Some(name)) => name.clone(),
                (None, None) => continue,
            };
            hits.push((span, format!("{label} ({})", rule.category)));
        }
    }
    // Longest first at each position; overlapping shorter hits are dropped.
    hits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.len().cmp(&a.0.len())));
    let mut kept: Vec<(String, Source)> = Vec::new();
    let mut last_end = 0;
    for (span, label) in hits {
        if span.start < last_end {
            continue;
        }
        last_end = span.end;
        kept.push((label, doc.source(span)));
    }
    kept
}

// ---------------------------------------------------------------------------------------------
// Per story and outlet

/// Weighted log-odds z-scores of the words of `focus` against the rest of `story` (which
/// includes `focus`), with the Dirichlet prior
/// α_w = PRIOR_SCALE × `corpus` count of w.
fn log_odds(focus: &WordCounts, story: &WordCounts, corpus: &WordCounts) -> Vec<(String, f64)> {
    let a0 = PRIOR_SCALE * corpus.total;
    let (ni, nj) = (focus.total, story.total - focus.total);
    let mut scores: Vec<(String, f64)> = focus
        .counts
        .iter()
        .filter_map(|(w, &yi)| {
            let a = PRIOR_SCALE * corpus.counts.get(w).copied().unwrap_or(yi);
            // The rest of the story: the story's count less the outlet's.
            let yj = (story.counts.get(w).copied().unwrap_or(yi) - yi).max(0.0);
            let odds_i = (yi + a) / (ni + a0 - yi - a);
            let odds_j = (yj + a) / (nj + a0 - yj - a);
            if odds_i <= 0.0 || odds_j <= 0.0 || a <= 0.0 {
                return None;
            }
            let delta = odds_i.ln() - odds_j.ln();
            let variance = 1.0 / (yi + a) + 1.0 / (yj + a);
            Some((w.clone(), delta / variance.sqrt()))
        })
        .filter(|(_, z)| z.is_finite())
        .collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scores
}

/// How each outlet frames each story.
pub fn analyze(
    docs: &[Doc],
    stories: &[Story],
    entities: &[Entity],
    facts: &[Fact],
) -> Vec<Framing> {
    let no_copies: [Duplicate; 0] = [];
    let corpus = Corpus::new(docs, entities, stories, &no_copies);
    let lex = lexicons();
    let counts: HashMap<&str, WordCounts> = docs
        .iter()
        .map(|d| (d.article.id.as_str(), WordCounts::of(lex, d)))
        .collect();
    let mut all = WordCounts::default();
    for wc in counts.values() {
        all.add(wc, false);
    }
    let mut facts_of: HashMap<&str, Vec<&Fact>> = HashMap::new();
    for fact in facts {
        if let Some(story) = fact.story.as_deref() {
            facts_of.entry(story).or_default().push(fact);
        }
    }
    let mut out = Vec::new();
    for story in stories {
        let story_docs: Vec<&Doc> = story
            .articles
            .iter()
            .filter_map(|a| corpus.docs.get(a.as_str()).copied())
            .collect();
        let mut by_outlet: BTreeMap<&str, Vec<&Doc>> = BTreeMap::new();
        for doc in &story_docs {
            by_outlet
                .entry(doc.article.outlet_name())
                .or_default()
                .push(doc);
        }
        let outlet_counts: BTreeMap<&str, WordCounts> = by_outlet
            .iter()
            .map(|(outlet, ds)| {
                let mut wc = WordCounts::default();
                for d in ds {
                    if let Some(c) = counts.get(d.article.id.as_str()) {
                        wc.add(c, true);
                    }
                }
                (*outlet, wc)
            })
            .collect();
        let mut story_counts = WordCounts::default();
        for wc in outlet_counts.values() {
            story_counts.add(wc, false);
        }
        let actors = main_actors(&corpus, story, &story_docs);
        let story_facts = facts_of
            .get(story.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let outlets: BTreeSet<&str> = by_outlet.keys().copied().collect();
        let widespread = Widespread::new(&corpus, &outlets, story_facts);
        for (outlet, outlet_docs) in &by_outlet {
            let distinctive_terms = match outlet_counts.get(outlet) {
                Some(focus) if story_counts.total > focus.total => {
                    log_odds(focus, &story_counts, &all)
                        .into_iter()
                        .filter(|(_, z)| *z > Z_THRESHOLD)
                        .take(TOP_TERMS)
                        .map(|(term, z)| TermScore {
                            sources: focus.spans.get(&term).cloned().unwrap_or_default(),
                            term,
                            score: z,
                        })
                        .collect()
                }
                _ => Vec::new(),
            };
            out.push(Framing {
                story: story.id.clone(),
                outlet: outlet.to_string(),
                distinctive_terms,
                loaded_terms: loaded_terms(lex, outlet_docs),
                voices: voices(lex, &corpus, outlet_docs),
                tone: tones(lex, &corpus, &actors, outlet_docs),
                omits: widespread.omitted_by(outlet),
            });
        }
    }
    out
}

/// Loaded-language hits of an outlet's documents, most frequent first.
fn loaded_terms(lex: &Lexicons, docs: &[&Doc]) -> Vec<TermScore> {
    let mut by_term: BTreeMap<String, Vec<Source>> = BTreeMap::new();
    for doc in docs {
        for (label, source) in loaded_hits(lex, doc) {
            by_term.entry(label).or_default().push(source);
        }
    }
    let mut terms: Vec<TermScore> = by_term
        .into_iter()
        .map(|(term, sources)| TermScore {
            term,
            score: sources.len() as f64,
            sources,
        })
        .collect();
    terms.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.term.cmp(&b.term)));
    terms
}

/// The share of an outlet's quotes per speaker, most quoted first. A speaker is a voice when
/// resolved to a party (a person, an organisation, a government, a country) or when written as a
/// noun phrase naming a source ("a senior official", "two diplomats briefed on the call");
/// the rest (places, stray words the quote finder took for a speaker) count as "unidentified".
fn voices(lex: &Lexicons, corpus: &Corpus, docs: &[&Doc]) -> Vec<Voice> {
    let mut by_speaker: BTreeMap<String, (Option<String>, String, usize)> = BTreeMap::new();
    let mut total = 0usize;
    for quote in docs.iter().flat_map(|d| &d.quotes) {
        total += 1;
        let party = quote
            .speaker
            .as_deref()
            .and_then(|id| corpus.entity(id))
            .filter(|e| is_party(e));
        let (entity, name) = match party {
            Some(e) => (Some(e.id.clone()), e.name.trim().to_string()),
            None => (
                None,
                quote
                    .speaker_name
                    .as_deref()
                    .and_then(|n| source_phrase(lex, n))
                    .unwrap_or_else(|| UNIDENTIFIED.to_string()),
            ),
        };
        let key = entity
            .clone()
            .unwrap_or_else(|| format!("name:{}", name.to_lowercase()));
        by_speaker.entry(key).or_insert((entity, name, 0)).2 += 1;
    }
    let mut out: Vec<Voice> = by_speaker
        .into_values()
        .map(|(entity, name, quotes)| Voice {
            entity,
            name,
            quotes,
            share: quotes as f64 / total.max(1) as f64,
        })
        .collect();
    out.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(a.name.cmp(&b.name)));
    out
}

/// The bucket of speakers that are no identifiable source.
const UNIDENTIFIED: &str = "unidentified";

/// True for an entity that can speak for itself: not a city, region or place, nor a word
/// such as an adjective of nationality resolved to a miscellaneous entity.
fn is_party(entity: &Entity) -> bool {
    match entity.kind {
        Kind::Person | Kind::Organization | Kind::Government | Kind::Norp => true,
        Kind::Gpe => entity.parent.is_none(),
        Kind::Location | Kind::Misc => false,
    }
}

/// The speaker phrase as a source, trimmed to its first comma, when its head (the last word
/// before a post-modifier) names a source and no second determiner stands before the head
/// ("a step the administration" is a clause, not a source).
fn source_phrase(lex: &Lexicons, written: &str) -> Option<String> {
    let phrase = written.split(',').next().unwrap_or("").trim();
    let words: Vec<String> = phrase
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect();
    let head_end = words
        .iter()
        .skip(1)
        .position(|w| lex.voices.postmodifiers.contains(w))
        .map_or(words.len(), |p| p + 1);
    let head = words.get(head_end.checked_sub(1)?)?;
    let head = head
        .strip_suffix("'s")
        .or_else(|| head.strip_suffix("’s"))
        .unwrap_or(head);
    let determiner_inside = words
        .get(1..head_end)
        .is_some_and(|ws| ws.iter().any(|w| matches!(w.as_str(), "the" | "a" | "an")));
    (lex.voices.sources.contains(head) && !determiner_inside).then(|| phrase.to_string())
}

/// The story's most mentioned entities: the story's own ranking, else mention counts.
fn main_actors(corpus: &Corpus, story: &Story, docs: &[&Doc]) -> Vec<String> {
    // Places are where things happen, not parties: regions and cities (a GPE inside another)
    // are no actors; unknown ids are kept.
    let is_actor = |id: &str| {
        corpus.entity(id).is_none_or(|e| match e.kind {
            Kind::Location => false,
            Kind::Gpe => e.parent.is_none(),
            _ => true,
        })
    };
    if !story.entities.is_empty() {
        return story
            .entities
            .iter()
            .filter(|id| is_actor(id))
            .take(TOP_ACTORS)
            .cloned()
            .collect();
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in docs.iter().flat_map(|d| &d.mentions) {
        if let Some(id) = m.entity.as_deref().filter(|id| is_actor(id)) {
            *counts.entry(id).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .into_iter()
        .take(TOP_ACTORS)
        .map(|(id, _)| id.to_string())
        .collect()
}

/// The outlet's tone toward each actor it mentions.
fn tones(lex: &Lexicons, corpus: &Corpus, actors: &[String], docs: &[&Doc]) -> Vec<Tone> {
    // Each sentence is scored once, however many actors it mentions.
    let mut cache: HashMap<(usize, usize), f64> = HashMap::new();
    actors
        .iter()
        .filter_map(|actor| {
            let mut sources = Vec::new();
            let mut sum = 0.0;
            for (d, doc) in docs.iter().enumerate() {
                let sentences: BTreeSet<usize> = doc
                    .mentions
                    .iter()
                    .filter(|m| m.entity.as_deref() == Some(actor.as_str()))
                    .map(|m| m.sentence)
                    .collect();
                for i in sentences {
                    let Some(sentence) = doc.sentences.get(i) else {
                        continue;
                    };
                    sum += *cache
                        .entry((d, i))
                        .or_insert_with(|| tone_of(lex, &doc.article.text, sentence.span));
                    sources.push(doc.source(sentence.span));
                }
            }
            (!sources.is_empty()).then(|| Tone {
                entity: actor.clone(),
                name: corpus.entity_name(actor).unwrap_or(actor).to_string(),
                score: sum / sources.len() as f64,
                sources,
            })
        })
        .collect()
}

/// The facts of a story that most of its outlets report, each with the outlets that carry it.
struct Widespread<'a> {
    /// Each fact with its support (independent outlets of the story) and its carriers.
    facts: Vec<(&'a Fact, usize, BTreeSet<&'a str>)>,
    outlets: usize,
}

impl<'a> Widespread<'a> {
    /// Sorts out, once per story, the facts that could be omitted by one of its `outlets`:
    /// those that at least two independent outlets of the story report, and at least half of
    /// the story's outlets but one. Each fact is kept with the outlets that carry it, in their
    /// own words or in a copy.
    fn new(corpus: &Corpus<'a>, outlets: &BTreeSet<&str>, facts: &[&'a Fact]) -> Self {
        let others = outlets.len().saturating_sub(1);
        let facts = facts
            .iter()
            // A person's title is background, not news: leaving it out tells nothing.
            .filter(|fact| value_kind(&fact.attribute) != ValueKind::Title)
            .filter_map(|&fact| {
                // Support counts independent outlets only (a fact's outlets never include
                // copies).
                let support = fact
                    .outlets
                    .iter()
                    .filter(|o| outlets.contains(o.as_str()))
                    .count();
                if support < 2 || 2 * support < others {
                    return None;
                }
                let mut carriers: BTreeSet<&str> =
                    fact.outlets.iter().map(String::as_str).collect();
                carriers.extend(
                    fact.sources
                        .iter()
                        .filter_map(|s| corpus.outlet(&s.article)),
                );
                Some((fact, support, carriers))
            })
            .collect();
        Widespread {
            facts,
            outlets: outlets.len(),
        }
    }

    /// Ids of the facts at least half of the other outlets (and at least two) report, which
    /// `outlet` (one of the story's) does not, most widely reported first.
    fn omitted_by(&self, outlet: &str) -> Vec<String> {
        let others = self.outlets.saturating_sub(1);
        let mut omitted: Vec<(&Fact, usize)> = self
            .facts
            .iter()
            .filter(|(_, support, carriers)| {
                // An outlet that does not carry the fact is not among its supporters, so the
                // support among the others is the fact's whole support in the story.
                !carriers.contains(outlet) && 2 * support >= others
            })
            .map(|(fact, support, _)| (*fact, *support))
            .collect();
        omitted.sort_by_key(|o| std::cmp::Reverse(o.1));
        omitted
            .into_iter()
            .map(|(fact, _)| fact.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{doc, entity, mention, story};
    use dragoman_model::Quote;

    fn framing<'a>(all: &'a [Framing], outlet: &str) -> &'a Framing {
        let Some(f) = all.iter().find(|f| f.outlet == outlet) else {
            panic!("no framing for {outlet}");
        };
        f
    }

    #[test]
    fn lexicons_parse() {
        let parsed = Lexicons::parse(
            include_str!("../../../data/lexicons/loaded.toml"),
            include_str!("../../../data/lexicons/tone.toml"),
        );
        assert!(parsed.is_ok_and(|l| l.loaded.len() >= 7 && l.tone.exact.len() > 100));
    }

    #[test]
    fn loaded_term_found_with_its_span_but_not_inside_direct_quotes() {
        let mut a = doc(
            "a",
            "Alpha",
            &[
                "The so-called peace council met the regime’s envoys.",
                "“This regime must go,” the minister said.",
            ],
        );
        let start = a.article.text.find("This").unwrap_or(0);
        let end = a.article.text.find(",”").unwrap_or(0);
        a.quotes.push(Quote {
            speaker: None,
            speaker_name: Some("the minister".into()),
            speaker_span: None,
            source_span: None,
            cue: Some("said".into()),
            cue_span: None,
            text: "This regime must go,".into(),
            content_span: Span::new(start, end),
            direct: true,
            sources: Vec::new(),
            story: None,
        });
        let text = a.article.text.clone();
        let out = analyze(&[a], &[story("s1", &["a"])], &[], &[]);
        let alpha = framing(&out, "Alpha");
        let terms: Vec<(&str, f64)> = alpha
            .loaded_terms
            .iter()
            .map(|t| (t.term.as_str(), t.score))
            .collect();
        assert_eq!(
            terms,
            [
                ("regime (delegitimising)", 1.0),
                ("so-called (scare quotes)", 1.0)
            ]
        );
        let source = &alpha.loaded_terms[1].sources[0];
        assert_eq!(source.span().slice(&text), "so-called");
        assert_eq!(alpha.voices.len(), 1);
        assert_eq!(
            (alpha.voices[0].name.as_str(), alpha.voices[0].share),
            ("the minister", 1.0)
        );
    }

    #[test]
    fn scare_quotes_pattern() {
        let a = doc(
            "a",
            "Alpha",
            &["Officials held a “referendum” in the occupied town."],
        );
        let out = analyze(&[a], &[story("s1", &["a"])], &[], &[]);
        let terms: Vec<&str> = framing(&out, "Alpha")
            .loaded_terms
            .iter()
            .map(|t| t.term.as_str())
            .collect();
        assert!(terms.contains(&"quoted term (scare quotes)"), "{terms:?}");
    }

    #[test]
    fn log_odds_picks_the_outlets_distinctive_word() {
        let alpha: Vec<String> = (0..8)
            .map(|i| format!("The fortress held firm on day {i} while engineers repaired bridges."))
            .collect();
        let beta: Vec<String> = (0..8)
            .map(|i| {
                format!(
                    "Engineers repaired bridges on day {i} while talks continued in the capital."
                )
            })
            .collect();
        let a = doc(
            "a",
            "Alpha",
            &alpha.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        let b = doc(
            "b",
            "Beta",
            &beta.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        let out = analyze(&[a, b], &[story("s1", &["a", "b"])], &[], &[]);
        let alpha = framing(&out, "Alpha");
        let top: Vec<&str> = alpha
            .distinctive_terms
            .iter()
            .map(|t| t.term.as_str())
            .collect();
        assert!(top.contains(&"fortress"), "{:?}", alpha.distinctive_terms);
        assert!(
            !top.contains(&"engineers") && !top.contains(&"bridges"),
            "{top:?}"
        );
        assert!(
            alpha
                .distinctive_terms
                .iter()
                .all(|t| t.score > Z_THRESHOLD && !t.sources.is_empty())
        );
        let beta = framing(&out, "Beta");
        assert!(
            beta.distinctive_terms.iter().any(|t| t.term == "talks"),
            "{:?}",
            beta.distinctive_terms
        );
    }

    #[test]
    fn tone_sign_toward_actors() {
        let lex = lexicons();
        let t = |s: &str| tone_of(lex, s, Span::new(0, s.len()));
        assert!(t("The envoy praised the constructive and successful meeting.") > 0.5);
        assert!(t("The minister condemned the brutal attack.") < -0.5);
        assert!(t("The plan was not successful.") < 0.0);
        assert!(t("The plan was very successful.") > t("The plan was successful."));
        assert_eq!(t("The delegation arrived on Tuesday."), 0.0);

        let mut a = doc(
            "a",
            "Alpha",
            &[
                "Norland welcomed the constructive proposal.",
                "Southia condemned the brutal shelling.",
            ],
        );
        mention(&mut a, "Norland", Kind::Gpe, "gpe:norland");
        mention(&mut a, "Southia", Kind::Gpe, "gpe:southia");
        mention(&mut a, "proposal", Kind::Gpe, "gpe:port-town");
        let entities = vec![
            entity("gpe:port-town", "Port Town", Kind::Gpe, Some("gpe:norland")),
            entity("gpe:norland", "Norland", Kind::Gpe, None),
            entity("gpe:southia", "Southia", Kind::Gpe, None),
        ];
        let out = analyze(&[a], &[story("s1", &["a"])], &entities, &[]);
        let tone: Vec<(&str, bool, usize)> = framing(&out, "Alpha")
            .tone
            .iter()
            .map(|t| (t.name.as_str(), t.score > 0.0, t.sources.len()))
            .collect();
        assert_eq!(tone.len(), 2, "{tone:?}");
        assert!(
            tone.contains(&("Norland", true, 1)) && tone.contains(&("Southia", false, 1)),
            "{tone:?}"
        );
    }

    #[test]
    fn omitted_facts() {
        let docs = vec![
            doc("a", "Alpha", &["One."]),
            doc("b", "Beta", &["Two."]),
            doc("c", "Gamma", &["Three."]),
        ];
        let fact = |id: &str, outlets: &[&str]| Fact {
            id: id.to_string(),
            subject: "war".into(),
            attribute: "year-of-war".into(),
            value: "4".into(),
            text: String::new(),
            outlets: outlets.iter().map(|o| o.to_string()).collect(),
            exclusive: outlets.len() == 1,
            sources: Vec::new(),
            story: Some("s1".into()),
        };
        let mut title = fact("f3", &["Beta", "Gamma"]);
        title.subject = "Jane Roe".into();
        title.attribute = "title".into();
        title.value = "president".into();
        let facts = vec![fact("f1", &["Beta", "Gamma"]), fact("f2", &["Beta"]), title];
        let out = analyze(&docs, &[story("s1", &["a", "b", "c"])], &[], &facts);
        // A widely reported count is a telling omission; a title is not.
        assert_eq!(framing(&out, "Alpha").omits, ["f1"]);
        assert!(framing(&out, "Beta").omits.is_empty());
    }

    #[test]
    fn speaker_phrases_that_name_a_source() {
        let lex = lexicons();
        let source = |s: &str| source_phrase(lex, s);
        for good in [
            "a senior official",
            "two diplomats briefed on the call,",
            "Eight member countries",
            "people familiar with the plan",
            "a source in the delegation, the sides",
            "Regional analysts",
            "the energy ministry",
        ] {
            assert!(source(good).is_some(), "{good}");
        }
        assert_eq!(
            source("a source in the delegation, the sides").as_deref(),
            Some("a source in the delegation")
        );
        for junk in [
            "a copy seen",
            "cautious",
            "largely followed Russian",
            "a step the administration",
            "The",
            "a readout",
            "several",
        ] {
            assert_eq!(source(junk), None, "{junk}");
        }
    }

    #[test]
    fn voices_are_parties_or_sources_and_the_rest_is_unidentified() {
        let mut d = doc("a", "Alpha", &["One.", "Two.", "Three.", "Four."]);
        let quote = |speaker: Option<&str>, name: &str| dragoman_model::Quote {
            speaker: speaker.map(str::to_string),
            speaker_name: Some(name.to_string()),
            speaker_span: None,
            source_span: None,
            cue: None,
            cue_span: None,
            text: "words".to_string(),
            content_span: Span::new(0, 3),
            direct: false,
            sources: Vec::new(),
            story: None,
        };
        d.quotes = vec![
            quote(Some("p:roe"), "Roe"),
            quote(Some("gpe:port"), "Port Town"),
            quote(None, "two diplomats"),
            quote(None, "a copy seen"),
        ];
        let entities = vec![
            entity("p:roe", "Jane Roe", Kind::Person, None),
            entity("gpe:port", "Port Town", Kind::Gpe, Some("gpe:land")),
        ];
        let out = analyze(&[d], &[story("s1", &["a"])], &entities, &[]);
        let voices: Vec<(&str, usize)> = framing(&out, "Alpha")
            .voices
            .iter()
            .map(|v| (v.name.as_str(), v.quotes))
            .collect();
        assert_eq!(
            voices,
            [("unidentified", 2), ("Jane Roe", 1), ("two diplomats", 1)]
        );
    }
}
