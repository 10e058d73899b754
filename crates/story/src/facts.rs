//! The facts ledger: atomic checkable statements, normalised to (subject, attribute, value) and
//! merged across outlets.
//!
//! Four families of facts are read from annotated documents:
//!
//! - **counts**: a number before a plural noun ("nearly 30 countries", "seven drones",
//!   "a 20-point plan"), with the qualifier kept in the value and an attribute chosen by the cue
//!   words around it (`member-count`, `intercepted`, `killed`, …);
//! - **ordinal periods**: "the fourth year of the war", "the war's third year" → `war ·
//!   year-of-war · 4`;
//! - **titles**: a person mention with a role → `<person> · title · <normalised role>`;
//! - **event facts**: an event's date, place and outcome, keyed by its kind and participants;
//! - **stance facts**: a position as `<holder> · stance on <issue> · for/against/conditional`,
//!   split into episodes of the story (see `facts/stances.rs`).
//!
//! The lexical tables live in `data/lexicons/facts.toml`. Copies of an article never count as
//! independent support: a fact read in a copy is credited to the outlet of its origin.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use dragoman_model::{Doc, Duplicate, Entity, Fact, Kind, Mention, Source, Span, Story};
use regex::Regex;
use serde::Deserialize;

mod events;
mod stances;

pub(crate) use stances::{Class, STANCE_PREFIX, StanceValue};

/// The attribute of a person's title.
pub(crate) const TITLE: &str = "title";
/// The attribute of an event's date.
pub(crate) const DATE: &str = "date";
/// The attribute of an event's place.
pub(crate) const PLACE: &str = "place";
/// The attribute of an event's outcome.
pub(crate) const OUTCOME: &str = "outcome";
/// The attribute of a plain count, whose noun alone says too little to compare outlets.
pub(crate) const COUNT: &str = "count";
/// How many sentences back a group named elsewhere ("the coalition") is looked for.
const GROUP_LOOKBACK: usize = 3;
/// How many words may stand between a number and its noun ("seven Ukrainian attack drones").
const MAX_MODIFIERS: usize = 2;

/// What kind of value an attribute holds, which decides how two values are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// A person's title or role.
    Title,
    /// A date or period (`2025-09-05`, `2025-W37`, `2025-09`, intervals).
    Date,
    /// A place name.
    Place,
    /// An event outcome (agreed, rejected, …).
    Outcome,
    /// An ordinal position in a period ("year-of-war").
    Ordinal,
    /// A count, possibly qualified ("nearly 30").
    Count,
    /// Where a holder stands on an issue (`for (accepts)`, `against (rejects, per X)`).
    Stance,
}

/// The kind of value held by `attribute`.
pub(crate) fn value_kind(attribute: &str) -> ValueKind {
    match attribute {
        a if a.starts_with(STANCE_PREFIX) => ValueKind::Stance,
        TITLE => ValueKind::Title,
        DATE => ValueKind::Date,
        PLACE => ValueKind::Place,
        OUTCOME => ValueKind::Outcome,
        a if a.contains("-of-") => ValueKind::Ordinal,
        _ => ValueKind::Count,
    }
}

// ---------------------------------------------------------------------------------------------
// Lexicon

#[derive(Debug, Deserialize)]
struct RawLexicon {
    numbers: BTreeMap<String, f64>,
    multipliers: BTreeMap<String, f64>,
    ordinals: BTreeMap<String, u32>,
    qualifiers: BTreeMap<String, Vec<String>>,
    nouns: Nouns,
    counts: Vec<CountRule>,
    periods: Periods,
    outcomes: BTreeMap<String, Vec<String>>,
    outcome_context: OutcomeContext,
    places: Places,
    groups: Vec<String>,
    titles: Titles,
}

#[derive(Debug, Deserialize)]
struct Titles {
    heads: Vec<String>,
    modifiers: Vec<String>,
    abbreviations: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct Nouns {
    irregular: HashMap<String, String>,
    synonyms: HashMap<String, String>,
    ignore: Vec<String>,
    stop: Vec<String>,
}

/// A rule giving a count a specific attribute.
#[derive(Debug, Deserialize)]
struct CountRule {
    nouns: Vec<String>,
    cues: Vec<String>,
    attribute: String,
    #[serde(default)]
    group: bool,
    #[serde(default)]
    by_place: bool,
    #[serde(default)]
    head: Option<String>,
}

/// What makes an outcome word the outcome of an event.
#[derive(Debug, Deserialize)]
struct OutcomeContext {
    /// Nouns of events and texts one of which must stand near the outcome word.
    nouns: BTreeSet<String>,
    /// Words that, right before the outcome word, make it hypothetical.
    hypothetical: BTreeSet<String>,
    /// How many words apart the noun and the outcome word may be.
    window: usize,
}

/// Words that introduce the place where something happened.
#[derive(Debug, Deserialize)]
struct Places {
    prepositions: BTreeSet<String>,
    between: BTreeSet<String>,
}

#[derive(Debug, Deserialize)]
struct Periods {
    units: Vec<String>,
    subjects: BTreeMap<String, String>,
}

/// The parsed `facts.toml` with the regular expressions built from it.
pub(crate) struct Lexicon {
    raw: RawLexicon,
    /// (phrase as words, canonical qualifier), longest phrase first.
    qualifiers: Vec<(Vec<String>, String)>,
    ignore: BTreeSet<String>,
    stop: BTreeSet<String>,
    /// "the fourth year of the war".
    period_of: Regex,
    /// "the war's fourth year".
    period_possessive: Regex,
    /// "its fourth year".
    period_its: Regex,
    /// Any word naming a period subject.
    period_subject: Regex,
    /// (outcome, regex of its phrases).
    outcomes: Vec<(String, Regex)>,
    /// A capitalised group name ("Coalition of the Willing").
    group_name: Regex,
    /// Words of a title ("president", "minister", "envoy", "former").
    title_words: BTreeSet<String>,
    /// Words of which a title needs at least one ("president", not only "former").
    title_heads: BTreeSet<String>,
}

/// The embedded ledger lexicon.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        // The file is embedded at build time and checked by the `lexicon_parses` test, so a
        // failure here is a defect of the shipped data, never of the input.
        Lexicon::parse(include_str!("../../../data/lexicons/facts.toml"))
            .expect("data/lexicons/facts.toml is valid (checked by tests)")
    })
}

/// Errors in a lexicon file.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LexiconError {
    /// The TOML does not match the expected tables.
    #[error("lexicon is not valid: {0}")]
    Toml(#[from] toml::de::Error),
    /// A pattern built from the lexicon is not a valid regular expression.
    #[error("lexicon pattern is not valid: {0}")]
    Regex(#[from] regex::Error),
}

/// An alternation of phrases, longest first, with flexible white space, for use in a regex.
pub(crate) fn alternation<'a>(phrases: impl IntoIterator<Item = &'a String>) -> String {
    let mut phrases: Vec<&String> = phrases.into_iter().collect();
    phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    phrases.dedup();
    phrases
        .iter()
        .map(|p| {
            p.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("|")
}

impl Lexicon {
    fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let raw: RawLexicon = toml::from_str(text).map_err(LexiconError::Toml)?;
        let mut qualifiers: Vec<(Vec<String>, String)> = raw
            .qualifiers
            .iter()
            .flat_map(|(canonical, phrases)| {
                phrases.iter().map(move |p| {
                    (
                        p.split_whitespace().map(str::to_lowercase).collect(),
                        canonical.clone(),
                    )
                })
            })
            .collect();
        qualifiers.sort_by_key(|q| std::cmp::Reverse(q.0.len()));
        let ord = format!(
            r"(?P<ord>\d{{1,3}}(?:,\d{{3}})*(?:st|nd|rd|th)|{})",
            alternation(raw.ordinals.keys())
        );
        let unit = format!(r"(?P<unit>{})", alternation(&raw.periods.units));
        let subject = format!(r"(?P<subj>{})", alternation(raw.periods.subjects.keys()));
        let build = |p: String| Regex::new(&p).map_err(LexiconError::Regex);
        let period_of = build(format!(
            r"(?i)(?-u:\b){ord}\s+{unit}\s+(?:of|in)\s+(?:the\s+|this\s+|a\s+)?(?:[\w'’-]+\s+){{0,2}}?{subject}(?-u:\b)"
        ))?;
        let period_possessive = build(format!(
            r"(?i)(?-u:\b){subject}(?:'s|’s)\s+{ord}\s+{unit}(?-u:\b)"
        ))?;
        let period_its = build(format!(
            r"(?i)(?-u:\b)(?:its|their)\s+{ord}\s+{unit}(?-u:\b)"
        ))?;
        let period_subject = build(format!(r"(?i)(?-u:\b){subject}(?-u:\b)"))?;
        let outcomes = raw
            .outcomes
            .iter()
            .map(|(name, phrases)| {
                build(format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternation(phrases)))
                    .map(|r| (name.clone(), r))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let capitalised = r"[A-Z][\w’'.-]*";
        let group_words = raw
            .groups
            .iter()
            .map(|g| {
                let mut c = g.chars();
                c.next()
                    .map(|f| format!("{}{}", f.to_uppercase(), regex::escape(c.as_str())))
                    .unwrap_or_default()
            })
            .filter(|g| !g.is_empty())
            .collect::<Vec<_>>()
            .join("|");
        let group_name = build(format!(
            r"(?:{capitalised}\s+)+(?:{group_words})(?-u:\b)(?:\s+(?:of|for)\s+(?:the\s+)?{capitalised}(?:\s+{capitalised})*)?|(?-u:\b)(?:{group_words})\s+(?:of|for)\s+(?:the\s+)?{capitalised}(?:\s+{capitalised})*"
        ))?;
        let title_heads: BTreeSet<String> =
            raw.titles.heads.iter().map(|t| t.to_lowercase()).collect();
        let mut title_words = title_heads.clone();
        title_words.extend(raw.titles.modifiers.iter().map(|t| t.to_lowercase()));
        Ok(Lexicon {
            group_name,
            title_words,
            title_heads,
            ignore: raw.nouns.ignore.iter().cloned().collect(),
            stop: raw.nouns.stop.iter().cloned().collect(),
            qualifiers,
            period_of,
            period_possessive,
            period_its,
            period_subject,
            outcomes,
            raw,
        })
    }

    /// The outcomes of events a sentence states, with the words stating each (the outcome
    /// word and the event noun it is about): an outcome word counts only next to a noun of an
    /// event or a text, in the same clause, and not after a modal or an infinitive ("the
    /// talks collapsed", "signed the memorandum"; not "any deal must be signed", "forces
    /// failed to capture the city").
    pub(crate) fn outcomes_in(&self, text: &str, sentence: Span) -> Vec<(&str, Span)> {
        let Some(sentence_text) = text.get(sentence.start..sentence.end) else {
            return Vec::new();
        };
        let ws = words(text, sentence);
        let context = &self.raw.outcome_context;
        let singular = |w: &Word| {
            context.nouns.contains(&w.lower)
                || singularize(&w.lower).is_some_and(|s| context.nouns.contains(&s))
        };
        let mut out = Vec::new();
        for (name, re) in &self.outcomes {
            for m in re.find_iter(sentence_text) {
                let (start, end) = (sentence.start + m.start(), sentence.start + m.end());
                let Some(first) = ws.iter().position(|w| w.span.start == start) else {
                    continue;
                };
                let last = ws
                    .iter()
                    .rposition(|w| w.span.end <= end)
                    .unwrap_or(first)
                    .max(first);
                let hypothetical = first
                    .checked_sub(1)
                    .and_then(|k| ws.get(k))
                    .is_some_and(|w| context.hypothetical.contains(&w.lower));
                if hypothetical {
                    continue;
                }
                // The nearest event noun in the clause of the outcome word, or in the cue.
                let from = first.saturating_sub(context.window);
                let to = last + context.window;
                let noun = (from..=to)
                    .filter(|&k| ws.get(k).is_some_and(singular))
                    .filter(|&k| {
                        let (a, b) = (k.min(first), k.max(first));
                        ws.get(a + 1..=b)
                            .is_some_and(|between| between.iter().all(|w| !w.break_before))
                    })
                    .min_by_key(|&k| k.abs_diff(first));
                let Some(noun) = noun.and_then(|k| ws.get(k)) else {
                    continue;
                };
                out.push((
                    name.as_str(),
                    Span::new(noun.span.start.min(start), noun.span.end.max(end)),
                ));
            }
        }
        out
    }

    /// The canonical qualifiers, as used at the start of count values.
    pub(crate) fn qualifier_names(&self) -> impl Iterator<Item = &str> {
        self.raw.qualifiers.keys().map(String::as_str)
    }

    /// The value of a number word or digit string ("seven", "1,200", "twenty-five").
    fn number_word(&self, word: &str) -> Option<f64> {
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            return parse_digits(word);
        }
        if let Some(v) = self.raw.numbers.get(word) {
            return Some(*v);
        }
        let (tens, units) = word.split_once('-')?;
        let tens = self.raw.numbers.get(tens).filter(|v| **v >= 20.0)?;
        let units = self.raw.numbers.get(units).filter(|v| **v < 10.0)?;
        Some(tens + units)
    }

    /// The value of an ordinal ("fourth", "4th", "1,000th").
    fn ordinal(&self, word: &str) -> Option<u32> {
        let lower = word.to_lowercase();
        if let Some(v) = self.raw.ordinals.get(&lower) {
            return Some(*v);
        }
        let digits: String = lower
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .chars()
            .filter(|c| *c != ',')
            .collect();
        digits.parse().ok()
    }

    /// The singular, canonical form of a plural noun, or `None` when `word` is not one.
    fn plural_noun(&self, word: &str) -> Option<String> {
        if self.ignore.contains(word) || self.stop.contains(word) {
            return None;
        }
        let singular = if let Some(s) = self.raw.nouns.irregular.get(word) {
            s.clone()
        } else {
            singularize(word)?
        };
        Some(self.canonical_noun(&singular))
    }

    /// The subject name for a singular noun (synonyms merged).
    fn canonical_noun(&self, singular: &str) -> String {
        self.raw
            .nouns
            .synonyms
            .get(singular)
            .cloned()
            .unwrap_or_else(|| singular.to_string())
    }
}

/// Parses "35", "1,200", "1.5" (not "1,20" nor "2025-09").
fn parse_digits(word: &str) -> Option<f64> {
    if !word
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let mut groups = word.split(',');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let well_grouped = rest.iter().enumerate().all(|(i, g)| {
        let last = i + 1 == rest.len();
        g.len() == 3 && (g.chars().all(|c| c.is_ascii_digit()) || last)
            || last && g.split('.').next().is_some_and(|h| h.len() == 3)
    });
    if !rest.is_empty() && (!well_grouped || first.len() > 3) {
        return None;
    }
    word.replace(',', "").parse().ok()
}

/// Regular English singular of a plural word, or `None` when the word does not look plural.
fn singularize(word: &str) -> Option<String> {
    if word.len() < 4 || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
        return None;
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return None;
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    for suffix in ["ches", "shes", "sses", "xes", "zes"] {
        if word.ends_with(suffix) {
            return Some(word[..word.len() - 2].to_string());
        }
    }
    word.strip_suffix('s').map(str::to_string)
}

// ---------------------------------------------------------------------------------------------
// Words

/// A word of a sentence with its byte span.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Lowercase form.
    pub lower: String,
    /// Byte span in the article text.
    pub span: Span,
    /// True when something other than white space stands between this word and the previous
    /// one (a comma, a dash, a bracket): phrases never run across it.
    pub break_before: bool,
}

/// The words inside `span` of `text`: letters and digits, with inner apostrophes and hyphens
/// ("Kremlin's", "long-range") and digit groups ("1,200", "1.5") kept whole.
pub(crate) fn words(text: &str, span: Span) -> Vec<Word> {
    let Some(slice) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end = 0;
    while i < chars.len() {
        let Some(&(start, c)) = chars.get(i) else {
            break;
        };
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while let Some(&(_, c)) = chars.get(j) {
            let prev = chars.get(j - 1).map(|p| p.1);
            let next = chars.get(j + 1).map(|p| p.1);
            let joins = match c {
                c if c.is_alphanumeric() => true,
                '\'' | '’' | '-' => {
                    prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(char::is_alphanumeric)
                }
                ',' | '.' => {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(slice.len(), |p| p.0);
        let gap = slice.get(last_end..start).unwrap_or("");
        let token = slice.get(start..end).unwrap_or("");
        out.push(Word {
            lower: token.to_lowercase(),
            span: Span::new(span.start + start, span.start + end),
            break_before: !out.is_empty() && gap.chars().any(|c| !c.is_whitespace()),
        });
        last_end = end;
        i = j;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The corpus index shared by the comparison stages

/// Lookups over the documents of a report: stories, outlets, copies and entity names.
pub(crate) struct Corpus<'a> {
    /// Documents by article id.
    pub docs: HashMap<&'a str, &'a Doc>,
    story_of: HashMap<&'a str, &'a str>,
    duplicate_of: HashMap<&'a str, &'a str>,
    entities: HashMap<&'a str, &'a Entity>,
    outlets: BTreeSet<String>,
}

impl<'a> Corpus<'a> {
    /// Indexes the documents, stories, copies and entities.
    pub fn new(
        docs: &'a [Doc],
        entities: &'a [Entity],
        stories: &'a [Story],
        duplicates: &'a [Duplicate],
    ) -> Self {
        let mut story_of = HashMap::new();
        for story in stories {
            for article in &story.articles {
                story_of
                    .entry(article.as_str())
                    .or_insert(story.id.as_str());
            }
        }
        Corpus {
            docs: docs.iter().map(|d| (d.article.id.as_str(), d)).collect(),
            story_of,
            duplicate_of: duplicates
                .iter()
                .filter(|d| d.article != d.duplicate_of)
                .map(|d| (d.article.as_str(), d.duplicate_of.as_str()))
                .collect(),
            entities: entities.iter().map(|e| (e.id.as_str(), e)).collect(),
            outlets: docs
                .iter()
                .map(|d| d.article.outlet_name().to_lowercase())
                .collect(),
        }
    }

    /// The story of an article.
    pub fn story(&self, article: &str) -> Option<&'a str> {
        self.story_of.get(article).copied()
    }

    /// The article a copy was taken from, following chains of copies (the article itself
    /// when it is no copy).
    pub fn origin<'b>(&self, article: &'b str) -> &'b str
    where
        'a: 'b,
    {
        let mut current = article;
        for _ in 0..self.duplicate_of.len() {
            match self.duplicate_of.get(current) {
                Some(next) if *next != article => current = next,
                _ => break,
            }
        }
        current
    }

    /// The outlet that published an article.
    pub fn outlet(&self, article: &str) -> Option<&'a str> {
        self.docs.get(article).map(|d| d.article.outlet_name())
    }

    /// The outlet credited with an article: the origin's outlet for a copy.
    pub fn independent_outlet(&self, article: &str) -> Option<&'a str> {
        self.outlet(self.origin(article))
            .or_else(|| self.outlet(article))
    }

    /// The display name of an entity id.
    pub fn entity_name(&self, id: &str) -> Option<&'a str> {
        self.entities.get(id).map(|e| e.name.as_str())
    }

    /// An entity by id.
    pub fn entity(&self, id: &str) -> Option<&'a Entity> {
        self.entities.get(id).copied()
    }

    /// True when `name` is the name of an outlet of the corpus ("Reuters" as a participant is
    /// the reporter, not a party).
    pub fn is_outlet(&self, name: &str) -> bool {
        self.outlets.contains(&name.to_lowercase())
    }

    /// The name a mention stands for: its entity's name, else its text.
    pub fn mention_name(&self, mention: &'a Mention) -> &'a str {
        mention
            .entity
            .as_deref()
            .and_then(|id| self.entity_name(id))
            .unwrap_or(mention.text.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Extraction

/// A fact as read in one sentence, before merging.
#[derive(Debug, Clone)]
struct Reading {
    subject: String,
    attribute: String,
    value: String,
    text: String,
    source: Source,
}

impl Reading {
    fn new(
        doc: &Doc,
        subject: String,
        attribute: &str,
        value: String,
        phrase: Span,
        sentence: Span,
    ) -> Self {
        Reading {
            subject,
            attribute: attribute.to_string(),
            value,
            text: phrase.slice(&doc.article.text).trim().to_string(),
            source: doc.source(sentence),
        }
    }
}

/// Extracts checkable facts from every document and merges equivalent ones across outlets.
pub fn ledger(
    docs: &[Doc],
    entities: &[Entity],
    stories: &[Story],
    duplicates: &[Duplicate],
) -> Vec<Fact> {
    let corpus = Corpus::new(docs, entities, stories, duplicates);
    let lex = lexicon();
    let parents: HashMap<&str, &Entity> = entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut readings = Vec::new();
    let mut sightings = Vec::new();
    let mut stance_readings = Vec::new();
    for doc in docs {
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let words = words(&doc.article.text, sentence.span);
            counts(lex, &corpus, doc, index, &words, &mut readings);
            periods(lex, doc, sentence.span, &mut readings);
        }
        titles(&corpus, &parents, doc, &mut readings);
        stance_readings.extend(stances::readings(&corpus, doc));
        sightings.extend(
            doc.events
                .iter()
                .filter_map(|event| events::sighting(lex, &corpus, doc, event)),
        );
    }
    readings.extend(events::identify(sightings));
    readings.extend(stances::episodes(stance_readings));
    merge(&corpus, readings)
}

/// Merges readings with the same story, subject, attribute and value into facts.
fn merge(corpus: &Corpus, readings: Vec<Reading>) -> Vec<Fact> {
    type Key = (String, String, String, String);
    let mut groups: BTreeMap<Key, Vec<Reading>> = BTreeMap::new();
    for r in readings {
        let story = corpus.story(&r.source.article).unwrap_or("").to_string();
        let key = (
            story,
            r.subject.to_lowercase(),
            r.attribute.clone(),
            value_key(&r.attribute, &r.value),
        );
        groups.entry(key).or_default().push(r);
    }
    let mut facts: Vec<Fact> = groups
        .into_iter()
        .filter_map(|((story, ..), mut group)| {
            group.sort_by(|a, b| a.source.cmp(&b.source));
            let outlets: BTreeSet<&str> = group
                .iter()
                .filter_map(|r| corpus.independent_outlet(&r.source.article))
                .collect();
            let mut sources: Vec<Source> = group.iter().map(|r| r.source.clone()).collect();
            sources.dedup();
            let first = group.into_iter().next()?;
            Some(Fact {
                id: String::new(),
                subject: first.subject,
                attribute: first.attribute,
                value: first.value,
                text: first.text,
                exclusive: outlets.len() == 1,
                outlets: outlets.into_iter().map(str::to_string).collect(),
                sources,
                story: (!story.is_empty()).then_some(story),
            })
        })
        .collect();
    facts.sort_by(|a, b| {
        (&a.story, &a.subject, &a.attribute, &a.value).cmp(&(
            &b.story,
            &b.subject,
            &b.attribute,
            &b.value,
        ))
    });
    for (i, fact) in facts.iter_mut().enumerate() {
        fact.id = format!("f{}", i + 1);
    }
    facts
}

/// The form under which two values of an attribute are the same value.
pub(crate) fn value_key(attribute: &str, value: &str) -> String {
    let lower = value.trim().to_lowercase();
    match value_kind(attribute) {
        ValueKind::Place => lower.strip_prefix("the ").unwrap_or(&lower).to_string(),
        _ => lower,
    }
}

/// Formats a number without a needless fraction ("35", "1.5").
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number read at a word index: value, number of words it spans.
fn read_number(lex: &Lexicon, words: &[Word], i: usize) -> Option<(f64, usize)> {
    let word = words.get(i)?;
    let (mut value, mut len) = if word.lower == "a" || word.lower == "an" {
        let next = words.get(i + 1).filter(|w| !w.break_before)?;
        let v = lex.raw.multipliers.get(&next.lower).or_else(|| {
            lex.raw
                .numbers
                .get(&next.lower)
                .filter(|_| next.lower == "dozen")
        })?;
        (*v, 2)
    } else {
        (lex.number_word(&word.lower)?, 1)
    };
    while let Some(next) = words.get(i + len).filter(|w| !w.break_before) {
        if let Some(m) = lex.raw.multipliers.get(&next.lower) {
            value *= m;
            len += 1;
        } else if next.lower == "dozen" {
            value *= 12.0;
            len += 1;
        } else {
            break;
        }
    }
    Some((value, len))
}

/// The canonical qualifier ending just before word `i`, with the index of its first word.
fn qualifier_before(lex: &Lexicon, words: &[Word], i: usize) -> Option<(String, usize)> {
    lex.qualifiers.iter().find_map(|(phrase, canonical)| {
        let start = i.checked_sub(phrase.len())?;
        let window = words.get(start..i)?;
        let matches = window.iter().zip(phrase).all(|(w, p)| w.lower == *p)
            && window.iter().skip(1).all(|w| !w.break_before)
            && words.get(i).is_some_and(|w| !w.break_before);
        matches.then(|| (canonical.clone(), start))
    })
}

/// Word index of the nearest occurrence of any of `cues` to word `at`, as a distance.
fn nearest_cue(words: &[Word], at: usize, cues: &[String]) -> Option<usize> {
    cues.iter()
        .filter_map(|cue| {
            let parts: Vec<&str> = cue.split_whitespace().collect();
            (0..words.len())
                .filter(|&s| {
                    parts
                        .iter()
                        .enumerate()
                        .all(|(k, p)| words.get(s + k).is_some_and(|w| w.lower == *p))
                })
                .map(|s| s.abs_diff(at))
                .min()
        })
        .min()
}

/// Reads counts in one sentence.
fn counts(
    lex: &Lexicon,
    corpus: &Corpus,
    doc: &Doc,
    sentence_index: usize,
    words: &[Word],
    out: &mut Vec<Reading>,
) {
    let text = &doc.article.text;
    let in_time = |span: Span| doc.times.iter().any(|t| t.span.overlaps(span));
    let mut last_noun: Option<String> = None;
    let mut i = 0;
    while i < words.len() {
        let Some(word) = words.get(i) else { break };
        // "a 20-point plan", "a 35-nation coalition".
        if let Some((number, noun)) = word.lower.split_once('-')
            && let (Some(value), Some(noun)) = (
                lex.number_word(number),
                Some(lex.canonical_noun(noun))
                    .filter(|n| lex.raw.counts.iter().any(|r| r.nouns.contains(n))),
            )
        {
            let phrase_end = words.get(i + 1).map_or(word.span.end, |w| w.span.end);
            push_count(
                lex,
                corpus,
                doc,
                sentence_index,
                words,
                i,
                &noun,
                value,
                None,
                Span::new(word.span.start, phrase_end),
                out,
            );
            i += 1;
            continue;
        }
        let Some((value, len)) = read_number(lex, words, i) else {
            i += 1;
            continue;
        };
        let number_span = Span::new(
            word.span.start,
            words.get(i + len - 1).map_or(word.span.end, |w| w.span.end),
        );
        let before = text.get(..word.span.start).unwrap_or("");
        let after = text.get(number_span.end..).unwrap_or("");
        let money = before.trim_end().ends_with(['$', '€', '£', '¥', '₴', '₽']);
        let percent = after.trim_start().starts_with('%');
        let year = len == 1 && word.lower.len() == 4 && (1800.0..=2100.0).contains(&value);
        if money || percent || year || in_time(number_span) {
            i += len;
            continue;
        }
        let qualifier = qualifier_before(lex, words, i);
        let start = qualifier.as_ref().map_or(i, |q| q.1);
        let phrase_start = words.get(start).map_or(word.span.start, |w| w.span.start);
        // The noun: within a few modifiers, never across a break or a function word.
        let mut noun = None;
        for k in (i + len)..(i + len + MAX_MODIFIERS + 1) {
            let Some(w) = words.get(k) else { break };
            if w.break_before || lex.stop.contains(&w.lower) || lex.ignore.contains(&w.lower) {
                break;
            }
            if let Some(n) = lex.plural_noun(&w.lower) {
                noun = Some((n, w.span.end));
                break;
            }
            // A participle or adverb ends the phrase ("26 pledging troops"); compounds such as
            // "fixed-wing" are modifiers.
            if !w.lower.contains('-') && (w.lower.ends_with("ing") || w.lower.ends_with("ly")) {
                break;
            }
        }
        // Ellipsis: "35 nations joined, with 26 pledging troops" → 26 nations.
        if noun.is_none() {
            let elliptic = words.get(i + len).is_some_and(|w| {
                !w.break_before && (w.lower.ends_with("ing") || w.lower.ends_with("ed"))
            });
            if elliptic {
                noun = last_noun.clone().map(|n| (n, number_span.end));
            }
        }
        if let Some((noun, end)) = noun {
            push_count(
                lex,
                corpus,
                doc,
                sentence_index,
                words,
                i,
                &noun,
                value,
                qualifier.map(|q| q.0),
                Span::new(phrase_start, end),
                out,
            );
            last_noun = Some(noun);
        }
        i += len;
    }
}

/// Records one count, choosing its attribute and subject.
#[allow(clippy::too_many_arguments)]
fn push_count(
    lex: &Lexicon,
    corpus: &Corpus,
    doc: &Doc,
    sentence_index: usize,
    words: &[Word],
    at: usize,
    noun: &str,
    value: f64,
    qualifier: Option<String>,
    phrase: Span,
    out: &mut Vec<Reading>,
) {
    let Some(sentence) = doc.sentences.get(sentence_index) else {
        return;
    };
    let rule = lex
        .raw
        .counts
        .iter()
        .filter(|r| r.nouns.iter().any(|n| n == noun))
        .filter_map(|r| nearest_cue(words, at, &r.cues).map(|d| (d, r)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, r)| r);
    let mut subject = rule
        .and_then(|r| r.head.clone())
        .unwrap_or_else(|| noun.to_string());
    let attribute = rule.map_or(COUNT, |r| r.attribute.as_str());
    if let Some(rule) = rule {
        if rule.group
            && let Some(group) = group_named_near(corpus, doc, sentence_index, phrase)
        {
            subject = group.to_string();
        }
        if rule.by_place {
            // A count of what happened is of one place and one day: counts of other nights or
            // other places are other facts, never a contradiction.
            let place = place_of_count(corpus, doc, sentence_index, words, at);
            let day = day_of_count(doc, sentence_index, phrase);
            let anchor: Vec<&str> = place.into_iter().chain(day.as_deref()).collect();
            if !anchor.is_empty() {
                subject = format!("{subject} ({})", anchor.join(", "));
            }
        }
    }
    let number = format_number(value);
    let value = match qualifier {
        Some(q) => format!("{q} {number}"),
        None => number,
    };
    out.push(Reading::new(
        doc,
        subject,
        attribute,
        value,
        phrase,
        sentence.span,
    ));
}

/// The organisation a count of members is about: the nearest one named in the sentence, else in
/// the few sentences before.
fn group_named_near<'a>(
    corpus: &Corpus<'a>,
    doc: &'a Doc,
    sentence_index: usize,
    phrase: Span,
) -> Option<&'a str> {
    let is_group = |m: &&Mention| m.kind == Kind::Organization && !m.metonymy;
    let in_sentence = doc
        .mentions
        .iter()
        .filter(|m| m.sentence == sentence_index)
        .filter(is_group)
        .min_by_key(|m| m.span.start.abs_diff(phrase.start));
    let earlier = || {
        doc.mentions
            .iter()
            .filter(|m| {
                m.sentence < sentence_index && m.sentence + GROUP_LOOKBACK >= sentence_index
            })
            .rfind(is_group)
    };
    in_sentence
        .or_else(earlier)
        .map(|m| corpus.mention_name(m))
        .or_else(|| group_name_in_text(doc, sentence_index))
}

/// A capitalised name of a group ("Coalition of the Willing", "Contact Group") written in the
/// sentence or the few before it, for when no organisation mention was found there.
fn group_name_in_text(doc: &Doc, sentence_index: usize) -> Option<&str> {
    let lex = lexicon();
    let first = sentence_index.saturating_sub(GROUP_LOOKBACK);
    (first..=sentence_index).rev().find_map(|i| {
        let sentence = doc.sentences.get(i)?;
        let text = sentence.span.slice(&doc.article.text);
        lex.group_name.find(text).map(|m| m.as_str())
    })
}

/// Where a count happened: the place (not standing for its government) named after a
/// locative preposition ("over the Moscow region", "in Kharkiv") nearest to the number at word
/// `at`, in its clause. An owner ("Ukraine's air force") or an agent ("launched by Russia") is no place.
fn place_of_count<'a>(
    corpus: &Corpus<'a>,
    doc: &'a Doc,
    sentence_index: usize,
    words: &[Word],
    at: usize,
) -> Option<&'a str> {
    let lex = lexicon();
    doc.mentions
        .iter()
        .filter(|m| m.sentence == sentence_index && !m.metonymy)
        .filter(|m| matches!(m.kind, Kind::Gpe | Kind::Location))
        .filter_map(|m| {
            let k = words.iter().position(|w| w.span.start == m.span.start)?;
            let own = words.get(k)?;
            if own.lower.ends_with("'s") || own.lower.ends_with("’s") {
                return None;
            }
            // In the number's own clause: no comma or dash between them.
            let clause = words.get(k.min(at) + 1..=k.max(at))?;
            if clause.iter().any(|w| w.break_before) {
                return None;
            }
            // The word before the name, over the words that may stand between ("over the Moscow region", "in the city of Lviv").
            let before = words
                .get(..k)?
                .iter()
                .rev()
                .find(|w| !lex.raw.places.between.contains(&w.lower))?;
            lex.raw
                .places
                .prepositions
                .contains(&before.lower)
                .then_some((k.abs_diff(at), m))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, m)| corpus.mention_name(m))
}

/// The day (or the period, when it is longer than a night) a count is of: the resolved time
/// written nearest to it in its sentence, else the last day named in the sentences just before
/// ("the same night"), else the article's date (news counts are of the day reported).
fn day_of_count(doc: &Doc, sentence_index: usize, phrase: Span) -> Option<String> {
    let sentence = doc.sentences.get(sentence_index)?.span;
    let label = |t: &dragoman_model::TimeExpr| -> Option<String> {
        let (start, end) = (t.start?, t.end.or(t.start)?);
        if (end - start).num_days() <= 1 {
            Some(start.format("%Y-%m-%d").to_string())
        } else {
            t.value.clone()
        }
    };
    let in_sentence = doc
        .times
        .iter()
        .filter(|t| sentence.contains(t.span))
        .filter_map(|t| Some((t.span.start.abs_diff(phrase.start), label(t)?)))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, day)| day);
    let lookback = || {
        let first = doc
            .sentences
            .get(sentence_index.saturating_sub(GROUP_LOOKBACK))?
            .span
            .start;
        doc.times
            .iter()
            .filter(|t| t.span.start >= first && t.span.end <= sentence.start)
            .filter(|t| t.start.is_some() && t.start == t.end.or(t.start))
            .filter_map(label)
            .next_back()
    };
    in_sentence
        .or_else(lookback)
        .or_else(|| Some(doc.article.date()?.format("%Y-%m-%d").to_string()))
}

/// Reads ordinal periods ("the fourth year of the war") in one sentence.
fn periods(lex: &Lexicon, doc: &Doc, sentence: Span, out: &mut Vec<Reading>) {
    let Some(text) = doc.article.text.get(sentence.start..sentence.end) else {
        return;
    };
    let subject_of = |word: &str| {
        lex.raw
            .periods
            .subjects
            .get(
                &word
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase(),
            )
            .cloned()
    };
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for re in [&lex.period_of, &lex.period_possessive, &lex.period_its] {
        for caps in re.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            if taken
                .iter()
                .any(|(s, e)| whole.start() < *e && *s < whole.end())
            {
                continue;
            }
            let subject = match caps.name("subj") {
                Some(s) => subject_of(s.as_str()),
                // "its third year": the period subject named elsewhere in the sentence.
                None => lex
                    .period_subject
                    .find(text)
                    .and_then(|s| subject_of(s.as_str())),
            };
            let (Some(subject), Some(ord), Some(unit)) =
                (subject, caps.name("ord"), caps.name("unit"))
            else {
                continue;
            };
            let Some(value) = lex.ordinal(ord.as_str()) else {
                continue;
            };
            taken.push((whole.start(), whole.end()));
            let attribute = format!("{}-of-{}", unit.as_str().to_lowercase(), subject);
            let phrase = Span::new(sentence.start + whole.start(), sentence.start + whole.end());
            out.push(Reading::new(
                doc,
                subject,
                &attribute,
                value.to_string(),
                phrase,
                sentence,
            ));
        }
    }
}

/// Reads the titles of people from mentions with a role.
fn titles(corpus: &Corpus, entities: &HashMap<&str, &Entity>, doc: &Doc, out: &mut Vec<Reading>) {
    let lex = lexicon();
    for mention in &doc.mentions {
        if mention.kind != Kind::Person {
            continue;
        }
        let Some(sentence) = doc.sentences.get(mention.sentence) else {
            continue;
        };
        let (value, phrase) = match (mention.role.as_deref(), mention.entity.as_deref()) {
            (Some(role), Some(id)) => (
                normalize_title(role, &ancestor_names(entities, id)),
                mention.role_span.unwrap_or(mention.span),
            ),
            _ => match title_before(lex, doc, sentence.span, mention.span) {
                Some(found) => found,
                None => continue,
            },
        };
        if value.is_empty() {
            continue;
        }
        let name = corpus.mention_name(mention).to_string();
        out.push(Reading::new(doc, name, TITLE, value, phrase, sentence.span));
    }
}

/// A title written just before a name ("former President Jane Roe", "U.S. special envoy
/// Jo Bell"), for mentions that came without a role: the title words in comparable form
/// (country and office qualifiers dropped) and where the title is written.
fn title_before(lex: &Lexicon, doc: &Doc, sentence: Span, name: Span) -> Option<(String, Span)> {
    let before = words(&doc.article.text, Span::new(sentence.start, name.start));
    let mut kept = Vec::new();
    let mut start = None;
    for w in before.iter().rev() {
        let bare = w.lower.strip_prefix("ex-").unwrap_or(&w.lower);
        let canonical = title_word(lex, bare);
        let is_title = canonical.is_some();
        let is_qualifier = !is_title
            && doc
                .article
                .text
                .get(w.span.start..w.span.end)
                .is_some_and(|t| t.starts_with(char::is_uppercase));
        if !is_title && !is_qualifier {
            break;
        }
        if let Some(word) = canonical {
            kept.push(word);
            if w.lower.starts_with("ex-") {
                kept.push("former".to_string());
            }
        }
        start = Some(w.span.start);
        // Only the full stops of abbreviations ("U.S.") may stand inside a title.
        let previous_end = before
            .iter()
            .rev()
            .find(|p| p.span.end <= w.span.start)
            .map_or(sentence.start, |p| p.span.end);
        let gap = doc
            .article
            .text
            .get(previous_end..w.span.start)
            .unwrap_or("");
        if w.break_before && !gap.chars().all(|c| c == '.' || c.is_whitespace()) {
            break;
        }
    }
    while kept.first().is_some_and(|w| w == "of") {
        kept.remove(0);
    }
    // The words stand right before the name (nothing but white space between).
    let adjacent = before
        .last()
        .and_then(|w| doc.article.text.get(w.span.end..name.start))
        .is_some_and(|gap| gap.chars().all(char::is_whitespace));
    if !adjacent || !kept.iter().any(|w| lex.title_heads.contains(w)) {
        return None;
    }
    kept.reverse();
    Some((kept.join(" "), Span::new(start?, name.start)))
}

/// Lowercase names and aliases of the entities an entity belongs to (its government, country).
fn ancestor_names(entities: &HashMap<&str, &Entity>, id: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current = entities.get(id).and_then(|e| e.parent.as_deref());
    let mut seen = BTreeSet::new();
    while let Some(parent) = current.filter(|p| seen.insert(*p)) {
        let Some(entity) = entities.get(parent) else {
            break;
        };
        names.push(entity.name.to_lowercase());
        names.extend(entity.aliases.iter().map(|a| a.to_lowercase()));
        current = entity.parent.as_deref();
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// A role in comparable form: lowercase, single spaces, without "the", and without the person's
/// own country ("U.S. President" and "President of the United States" → "president").
pub(crate) fn normalize_title(role: &str, country_names: &[String]) -> String {
    let lex = lexicon();
    let mut kept: Vec<String> = Vec::new();
    let mut seen_head = false;
    for token in role
        .replace("ex-", "former ")
        .replace("Ex-", "former ")
        .split_whitespace()
    {
        let bare = token.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase().replace('’', "'");
        if lower.is_empty() || lower.ends_with("'s") {
            continue;
        }
        match title_word(lex, &lower) {
            Some(word) => {
                seen_head |= lex.title_heads.contains(&word);
                kept.push(word);
            }
            // Before the office, capitalised words that are no title words name a country or
            // an institution ("Russian", "Kremlin"); after it they complete the office
            // ("Ambassador to NATO"). Lowercase words belong to the title ("foreign policy").
            None if !seen_head && bare.starts_with(char::is_uppercase) => {}
            None => kept.push(lower),
        }
    }
    let mut t = kept.join(" ");
    for name in country_names.iter().filter(|n| !n.is_empty()) {
        let name_words: Vec<&str> = name.split(' ').collect();
        let words: Vec<&str> = t.split(' ').collect();
        if let Some(pos) = words
            .windows(name_words.len())
            .position(|w| w == name_words.as_slice())
        {
            let mut rest: Vec<&str> = words.get(..pos).unwrap_or(&[]).to_vec();
            rest.extend(words.get(pos + name_words.len()..).unwrap_or(&[]));
            t = rest.join(" ");
        }
    }
    let mut words: Vec<&str> = t.split(' ').filter(|w| !w.is_empty()).collect();
    while words
        .first()
        .is_some_and(|w| matches!(*w, "the" | "of" | "and" | "a"))
    {
        words.remove(0);
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "the" | "of" | "and" | "a"))
    {
        words.pop();
    }
    words.join(" ")
}

/// The canonical form of a title word ("Sen." → "senator"), or `None` when `lower` is none.
fn title_word(lex: &Lexicon, lower: &str) -> Option<String> {
    let word = lex
        .raw
        .titles
        .abbreviations
        .get(lower)
        .map_or(lower, String::as_str);
    lex.title_words.contains(word).then(|| word.to_string())
}

/// The span of `needle` inside `span` of `text`, case-insensitively for ASCII.
pub(crate) fn find_in(text: &str, span: Span, needle: &str) -> Option<Span> {
    let hay = text.get(span.start..span.end)?;
    let at = hay
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())?;
    Some(Span::new(span.start + at, span.start + at + needle.len()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use dragoman_model::{Article, Mention, Sentence};

    /// A document of one outlet whose sentences are the given strings (one paragraph each).
    pub(crate) fn doc(id: &str, outlet: &str, sentences: &[&str]) -> Doc {
        let mut article = Article::from_paragraphs(format!("{id}.txt"), sentences);
        article.id = id.to_string();
        article.outlet = Some(outlet.to_string());
        let mut doc = Doc::new(article);
        doc.sentences = doc
            .article
            .paragraphs
            .iter()
            .enumerate()
            .map(|(paragraph, span)| Sentence {
                span: *span,
                paragraph,
            })
            .collect();
        doc
    }

    /// Adds a mention of `surface` (its first occurrence) resolved to `entity`.
    pub(crate) fn mention(doc: &mut Doc, surface: &str, kind: Kind, entity: &str) {
        let Some(start) = doc.article.text.find(surface) else {
            panic!("{surface} is not in the test text");
        };
        let span = Span::new(start, start + surface.len());
        let sentence = doc.sentence_at(start).unwrap_or(0);
        doc.mentions.push(Mention {
            entity: Some(entity.to_string()),
            ..crate::fixtures::plain_mention(span, surface, kind, sentence)
        });
        doc.mentions.sort_by_key(|m| m.span.start);
    }

    /// An entity with a name, kind and parent.
    pub(crate) fn entity(id: &str, name: &str, kind: Kind, parent: Option<&str>) -> Entity {
        Entity {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            roles: Vec::new(),
            parent: parent.map(str::to_string),
            mentions: 0,
            articles: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// One story holding the given articles.
    pub(crate) fn story(id: &str, articles: &[&str]) -> Story {
        Story {
            id: id.to_string(),
            title: String::new(),
            articles: articles.iter().map(|a| a.to_string()).collect(),
            outlets: Vec::new(),
            entities: Vec::new(),
        }
    }

    fn find<'a>(facts: &'a [Fact], attribute: &str, value: &str) -> Option<&'a Fact> {
        facts
            .iter()
            .find(|f| f.attribute == attribute && f.value == value)
    }

    #[test]
    fn titles_written_before_names() {
        let mut a = doc(
            "a",
            "Alpha",
            &[
                "Talks began after former U.S. President Jane Roe arrived and Kremlin spokesman Ivan Orlov spoke.",
            ],
        );
        mention(&mut a, "Jane Roe", Kind::Person, "per:roe");
        mention(&mut a, "Ivan Orlov", Kind::Person, "per:orlov");
        let entities = vec![
            entity("per:roe", "Jane Roe", Kind::Person, None),
            entity("per:orlov", "Ivan Orlov", Kind::Person, None),
        ];
        let facts = ledger(&[a], &entities, &[], &[]);
        let got: Vec<(&str, &str, &str)> = facts
            .iter()
            .filter(|f| f.attribute == TITLE)
            .map(|f| (f.subject.as_str(), f.value.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Ivan Orlov", "spokesman", "Kremlin spokesman"),
                ("Jane Roe", "former president", "former U.S. President")
            ]
        );
    }

    #[test]
    fn group_named_in_text_without_a_mention() {
        let a = doc(
            "a",
            "Alpha",
            &[
                "Leaders of the Coalition of the Willing met by video.",
                "Twenty-six countries committed troops to the force.",
            ],
        );
        let facts = ledger(&[a], &[], &[], &[]);
        let got = find(&facts, "pledged-count", "26").map(|f| f.subject.as_str());
        assert_eq!(got, Some("Coalition of the Willing"));
    }

    #[test]
    fn lexicon_parses() {
        assert!(Lexicon::parse(include_str!("../../../data/lexicons/facts.toml")).is_ok());
    }

    #[test]
    fn words_keep_numbers_and_hyphens_whole() {
        let text = "About 1,200 long-range drones, the Kremlin’s view.";
        let w: Vec<String> = words(text, Span::new(0, text.len()))
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(
            w,
            [
                "about",
                "1,200",
                "long-range",
                "drones",
                "the",
                "kremlin’s",
                "view"
            ]
        );
        let broken = words(text, Span::new(0, text.len()));
        assert!(broken.get(4).is_some_and(|w| w.break_before));
    }

    #[test]
    fn numbers_in_words_and_digits() {
        let lex = lexicon();
        let read = |s: &str| {
            let w = words(s, Span::new(0, s.len()));
            read_number(lex, &w, 0).map(|(v, _)| v)
        };
        assert_eq!(read("seven"), Some(7.0));
        assert_eq!(read("twenty-five"), Some(25.0));
        assert_eq!(read("1,200"), Some(1200.0));
        assert_eq!(read("1.5 million"), Some(1_500_000.0));
        assert_eq!(read("two hundred"), Some(200.0));
        assert_eq!(read("a dozen"), Some(12.0));
        assert_eq!(read("1,20"), None);
        assert_eq!(read("seventh"), None);
    }

    #[test]
    fn counts_merge_across_outlets_and_keep_qualifiers() {
        let mut a = doc(
            "a",
            "Alpha",
            &["Air defences shot down seven drones over the night."],
        );
        let b = doc(
            "b",
            "Beta",
            &["Overnight, 7 Ukrainian drones were intercepted, the ministry said."],
        );
        let c = doc(
            "c",
            "Gamma",
            &["Nearly 30 countries have pledged money to the fund."],
        );
        a.sentences.truncate(1);
        let docs = vec![a, b, c];
        let facts = ledger(&docs, &[], &[], &[]);
        let drones =
            find(&facts, "intercepted-count", "7").map(|f| (f.subject.clone(), f.outlets.clone()));
        assert_eq!(
            drones,
            Some((
                "drone".to_string(),
                vec!["Alpha".to_string(), "Beta".to_string()]
            ))
        );
        let pledges = find(&facts, "pledged-count", "nearly 30");
        assert_eq!(
            pledges.map(|f| (f.subject.as_str(), f.text.as_str(), f.exclusive)),
            Some(("country", "Nearly 30 countries", true))
        );
    }

    /// A document published on `day` (of March 2026), with a place mention and a time.
    fn dated(id: &str, outlet: &str, text: &str, day: u32, time: Option<(&str, u32)>) -> Doc {
        let mut d = doc(id, outlet, &[text]);
        let date = |day: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, day);
        if let Some(date) = date(day) {
            d.article.published = Some(dragoman_model::Published::day(date));
        }
        for place in ["Kharkiv", "Ruritania"] {
            if text.contains(place) {
                mention(&mut d, place, Kind::Gpe, place);
            }
        }
        if let Some((surface, day)) = time
            && let Some(start) = text.find(surface)
        {
            d.times.push(dragoman_model::TimeExpr {
                span: Span::new(start, start + surface.len()),
                text: surface.to_string(),
                value: date(day).map(|d| d.to_string()),
                precision: None,
                start: date(day),
                end: date(day),
                anchor: None,
                relative: true,
            });
        }
        d
    }

    #[test]
    fn counts_of_what_happened_are_anchored_to_a_place_and_a_day() {
        let docs = vec![
            // The same night over the same city, by two outlets: the same fact.
            dated(
                "a",
                "Alpha",
                "Air defences downed 14 drones over Kharkiv overnight, Ruritania's army said.",
                5,
                Some(("overnight", 5)),
            ),
            dated(
                "b",
                "Beta",
                "The army said it had shot down nine drones over the Kharkiv region.",
                5,
                None,
            ),
            // Another night: another fact, whatever the noun.
            dated(
                "c",
                "Gamma",
                "Ruritania launched 300 drones on Tuesday, and air defences shot down 40 drones over Kharkiv.",
                9,
                Some(("on Tuesday", 8)),
            ),
        ];
        let facts = ledger(&docs, &[], &[], &[]);
        let subjects: BTreeSet<(&str, &str)> = facts
            .iter()
            .filter(|f| f.attribute != COUNT)
            .map(|f| (f.subject.as_str(), f.value.as_str()))
            .collect();
        let want: BTreeSet<(&str, &str)> = [
            ("drone (Kharkiv, 2026-03-05)", "14"),
            ("drone (Kharkiv, 2026-03-05)", "9"),
            ("drone (2026-03-08)", "300"),
            ("drone (Kharkiv, 2026-03-08)", "40"),
        ]
        .into_iter()
        .collect();
        assert_eq!(subjects, want, "{facts:?}");
        let clashes = crate::contradictions::find(&facts);
        let clashes: Vec<&str> = clashes.iter().map(|c| c.subject.as_str()).collect();
        assert_eq!(clashes, ["drone (Kharkiv, 2026-03-05)"]);
    }

    #[test]
    fn outcomes_are_of_an_event_named_near_them() {
        let lex = lexicon();
        let read = |text: &str| -> Vec<(String, String)> {
            lex.outcomes_in(text, Span::new(0, text.len()))
                .into_iter()
                .map(|(name, span)| {
                    let words = text.get(span.start..span.end).unwrap_or("");
                    (name.to_string(), words.to_string())
                })
                .collect()
        };
        let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        assert_eq!(
            read("The talks in Lisbon collapsed on Friday."),
            pair("failed", "talks in Lisbon collapsed")
        );
        assert_eq!(
            read("Both ministers signed the memorandum after midnight."),
            pair("agreed", "signed the memorandum")
        );
        assert_eq!(
            read("The delegations ended without a deal."),
            pair("failed", "ended without a deal")
        );
        // Hypothetical, or about something other than an event.
        assert!(
            read("He insisted that any final text be signed by an elected parliament.").is_empty()
        );
        assert!(
            read("Troops have failed to capture the town in two years of fighting.").is_empty()
        );
        assert!(read("The governor, who rejected the charges, resigned.").is_empty());
        // A noun in another clause is not what the outcome word is about.
        assert!(read("The plan is vague, and the mayor declined.").is_empty());
    }

    #[test]
    fn member_count_names_the_group_and_resolves_ellipsis() {
        let mut a = doc(
            "a",
            "Alpha",
            &[
                "The Northern Accord met in Oslo on Monday.",
                "Its leader said 35 nations are part of the alliance, with 26 pledging troops.",
            ],
        );
        mention(&mut a, "Northern Accord", Kind::Organization, "org:na");
        let entities = vec![entity(
            "org:na",
            "Northern Accord",
            Kind::Organization,
            None,
        )];
        let facts = ledger(&[a], &entities, &[], &[]);
        let members = find(&facts, "member-count", "35").map(|f| f.subject.as_str());
        assert_eq!(members, Some("Northern Accord"));
        let pledges = find(&facts, "pledged-count", "26").map(|f| f.subject.as_str());
        assert_eq!(pledges, Some("Northern Accord"));
    }

    #[test]
    fn numbers_that_are_not_counts_are_skipped() {
        let a = doc(
            "a",
            "Alpha",
            &["Prices rose 12% in 3 years, and $40 million was spent on 2025 plans."],
        );
        let facts = ledger(&[a], &[], &[], &[]);
        assert!(facts.is_empty(), "{facts:?}");
    }

    #[test]
    fn ordinal_periods_in_three_forms() {
        let a = doc(
            "a",
            "Alpha",
            &[
                "Talks resumed in the fourth year of the war.",
                "As the conflict enters its third year, nobody is winning.",
                "It was the invasion’s 1,000th day.",
            ],
        );
        let facts = ledger(&[a], &[], &[], &[]);
        let got: Vec<(&str, &str, &str)> = facts
            .iter()
            .map(|f| (f.subject.as_str(), f.attribute.as_str(), f.value.as_str()))
            .collect();
        assert!(got.contains(&("war", "year-of-war", "4")), "{got:?}");
        assert!(got.contains(&("war", "year-of-war", "3")), "{got:?}");
        assert!(got.contains(&("war", "day-of-war", "1000")), "{got:?}");
    }

    #[test]
    fn titles_drop_the_own_country_and_keep_former() {
        let names = vec!["united states".to_string(), "u.s.".to_string()];
        assert_eq!(normalize_title("U.S. President", &names), "president");
        assert_eq!(
            normalize_title("President of the United States", &names),
            "president"
        );
        assert_eq!(
            normalize_title("former U.S. president", &names),
            "former president"
        );
        assert_eq!(normalize_title("ex-President", &[]), "former president");
        assert_eq!(
            normalize_title("US Ambassador to NATO", &["us".to_string()]),
            "ambassador to nato"
        );
        assert_eq!(normalize_title("Kremlin aide", &[]), "aide");
        assert_eq!(
            normalize_title("Ukraine's chief negotiator", &[]),
            "chief negotiator"
        );
        assert_eq!(normalize_title("Sen.", &[]), "senator");
        assert_eq!(
            normalize_title("Chief of Staff of the U.S. Army", &[]),
            "chief of staff of the u.s army"
        );
    }

    #[test]
    fn copies_are_credited_to_their_origin() {
        let text = ["Officials counted 12 prisoners released in the exchange."];
        let a = doc("a", "Wire", &text);
        let b = doc("b", "Reprint Daily", &text);
        let duplicates = vec![Duplicate {
            article: "b".into(),
            duplicate_of: "a".into(),
            similarity: 1.0,
            changes: Vec::new(),
        }];
        let stories = vec![story("s1", &["a", "b"])];
        let facts = ledger(&[a, b], &[], &stories, &duplicates);
        let fact = find(&facts, "exchanged-count", "12");
        assert_eq!(
            fact.map(|f| f.outlets.clone()),
            Some(vec!["Wire".to_string()])
        );
        assert_eq!(
            fact.map(|f| (f.sources.len(), f.exclusive, f.story.as_deref())),
            Some((2, true, Some("s1")))
        );
    }
}
