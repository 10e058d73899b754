//! Positions: what each party demands, offers, proposes, accepts, rejects, supports, opposes,
//! warns of or makes conditional, issue by issue.
//!
//! Stance cues come from `data/lexicons/stances.toml`, issues from a taxonomy
//! (`data/lexicons/issues.toml` by default, or a user file for another domain). A position's
//! actor is the named subject before its cue, or the speaker of the quote it sits in; its
//! content runs from the cue to the end of the clause (a comment set off after it, ", a move
//! that …", is no part of it). Contents that fit no issue are kept under `other: <label>`,
//! where the label is the head noun phrase of a content ("trilateral summit"), shared by the
//! contents of a document with the same head noun.

use std::collections::{HashMap, HashSet};

use std::sync::Arc;

use dragoman_knowledge::Knowledge;
use dragoman_model::{Doc, Kind, Mention, Polarity, Position, Quote, Span, Stance};
use serde::Deserialize;

use crate::NlpError;
use crate::quotes::words::{self, Pattern, Phrases, Word, keyword_patterns};
use crate::syntax::{WordClasses, WordPos};

/// The embedded stance lexicon.
const STANCES_TOML: &str = include_str!("../../../data/lexicons/stances.toml");
/// The embedded default issue taxonomy.
const ISSUES_TOML: &str = include_str!("../../../data/lexicons/issues.toml");

/// One issue of a taxonomy.
#[derive(Debug, Clone)]
struct Issue {
    id: String,
    name: String,
    keywords: Vec<Vec<Pattern>>,
}

/// The issues positions are sorted into, loaded from TOML:
///
/// ```toml
/// [[issue]]
/// id = "territory"
/// name = "Territory"
/// keywords = ["territory", "annex*", "line of contact"]
/// ```
#[derive(Debug, Clone, Default)]
pub struct IssueTaxonomy {
    issues: Vec<Issue>,
}

/// The taxonomy file as written.
#[derive(Debug, Deserialize)]
struct IssueFile {
    issue: Vec<IssueEntry>,
}

#[derive(Debug, Deserialize)]
struct IssueEntry {
    id: String,
    #[serde(default)]
    name: Option<String>,
    keywords: Vec<String>,
}

impl IssueTaxonomy {
    /// Parses a taxonomy from TOML text (see the type's documentation for the schema).
    pub fn from_toml_str(text: &str) -> Result<Self, NlpError> {
        let file: IssueFile = words::parse_lexicon("issue taxonomy", text)?;
        let mut seen = HashSet::new();
        let mut issues = Vec::new();
        for entry in file.issue {
            let id = entry.id.trim().to_string();
            if id.is_empty() || id.starts_with("other:") || !seen.insert(id.clone()) {
                return Err(NlpError::Lexicon {
                    name: "issue taxonomy".into(),
                    message: format!("issue id {id:?} is empty, reserved (other:…) or repeated"),
                });
            }
            let keywords: Vec<Vec<Pattern>> = entry
                .keywords
                .iter()
                .map(|k| keyword_patterns(k))
                .filter(|k| !k.is_empty())
                .collect();
            if keywords.is_empty() {
                return Err(NlpError::Lexicon {
                    name: "issue taxonomy".into(),
                    message: format!("issue {id:?} has no keywords"),
                });
            }
            issues.push(Issue {
                name: entry.name.unwrap_or_else(|| id.clone()),
                id,
                keywords,
            });
        }
        Ok(IssueTaxonomy { issues })
    }

    /// The default taxonomy shipped in `data/lexicons/issues.toml`.
    pub fn embedded() -> Result<Self, NlpError> {
        Self::from_toml_str(ISSUES_TOML)
    }

    /// The issues' ids and display names, in file order.
    pub fn issues(&self) -> impl Iterator<Item = (&str, &str)> {
        self.issues.iter().map(|i| (i.id.as_str(), i.name.as_str()))
    }

    /// The id of the issue a text is about, if any keyword matches: the issue of the keyword
    /// that occurs first (the head of the phrase: "a ceasefire along the line of contact" is
    /// about the ceasefire), the longer keyword at the same word, then the issue whose
    /// keywords cover most words.
    pub fn classify(&self, text: &str) -> Option<&str> {
        let ws: Vec<String> = words::words(text, Span::new(0, text.len()))
            .into_iter()
            .filter(|w| !w.is_punct())
            .map(|w| match w.lower.strip_suffix("'s") {
                // "NATO's decisions" are about NATO.
                Some(base) => base.to_string(),
                None => w.lower,
            })
            .collect();
        let mut best: Option<(&str, usize, usize, usize)> = None;
        for issue in &self.issues {
            let mut first: Option<(usize, usize)> = None;
            let mut cover = 0;
            for k in &issue.keywords {
                let n = count_matches(&ws, k);
                cover += n * k.len();
                if let Some(at) = first_match(&ws, k) {
                    let better = first.is_none_or(|(a, l)| at < a || (at == a && k.len() > l));
                    if better {
                        first = Some((at, k.len()));
                    }
                }
            }
            let Some((at, len)) = first else { continue };
            let better = best.is_none_or(|(_, a, l, c)| {
                at < a || (at == a && (len > l || (len == l && cover > c)))
            });
            if better {
                best = Some((issue.id.as_str(), at, len, cover));
            }
        }
        best.map(|(id, ..)| id)
    }
}

/// True when a pattern matches a word, or the last part of a hyphenated word, its head
/// ("counter-tariffs" is about tariffs).
fn matches_word(p: &Pattern, w: &str) -> bool {
    p.matches(w)
        || w.rsplit_once('-')
            .is_some_and(|(_, head)| !head.is_empty() && p.matches(head))
}

/// Where the word patterns first occur in a row in `ws`.
fn first_match(ws: &[String], keyword: &[Pattern]) -> Option<usize> {
    if keyword.is_empty() || ws.len() < keyword.len() {
        return None;
    }
    ws.windows(keyword.len())
        .position(|win| win.iter().zip(keyword).all(|(w, p)| matches_word(p, w)))
}

/// How many times the word patterns occur in a row in `ws`.
fn count_matches(ws: &[String], keyword: &[Pattern]) -> usize {
    if keyword.is_empty() || ws.len() < keyword.len() {
        return 0;
    }
    ws.windows(keyword.len())
        .filter(|win| win.iter().zip(keyword).all(|(w, p)| matches_word(p, w)))
        .count()
}

/// A stance cue's meaning.
#[derive(Debug, Clone, Copy)]
struct StanceCue {
    stance: Stance,
    polarity: Polarity,
    /// Only a stance after another position of the sentence ("… ready to talk if …").
    dependent: bool,
    /// Only a stance with an object and an infinitive after it ("asked Kyiv to …").
    infinitive: bool,
}

/// The stance lexicon as written.
#[derive(Debug, Deserialize)]
struct StanceFile {
    demands: StanceEntry,
    offers: StanceEntry,
    proposes: StanceEntry,
    accepts: StanceEntry,
    rejects: StanceEntry,
    supports: StanceEntry,
    opposes: StanceEntry,
    warns: StanceEntry,
    conditions: StanceEntry,
    verdicts: Verdicts,
    documents: Documents,
    referents: Referents,
    negation: WordList,
    not_cues: NotCues,
    reporters: Documents,
    grouping: Stopwords,
    clause: Breaks,
}

#[derive(Debug, Deserialize)]
struct StanceEntry {
    polarity: Polarity,
    phrases: Vec<String>,
    /// Phrases that take this stance only after another position of the same sentence.
    #[serde(default)]
    dependent: Vec<String>,
    /// Phrases that take this stance only before an object and an infinitive ("asked Kyiv
    /// to …").
    #[serde(default)]
    infinitive: Vec<String>,
    /// Conditions: verbs after "must"/"should" that order steps ("should come last").
    #[serde(default)]
    sequence: Vec<String>,
    /// Warnings: words that make a "will"/"would" clause in a quotation a threat.
    #[serde(default)]
    threats: Vec<String>,
}

/// Verdicts on a clause ("… would be unacceptable"), against or for it, and the verbs that
/// pass one on their object ("called the plan a non-starter").
#[derive(Debug, Deserialize)]
struct Verdicts {
    against: Vec<String>,
    #[serde(rename = "for")]
    in_favour: Vec<String>,
    naming: Vec<String>,
}

/// Nouns of documents, which stand for their authors.
#[derive(Debug, Deserialize)]
struct Documents {
    nouns: Vec<String>,
}

/// Nouns that point back to an earlier position, with the stance they name, if any.
#[derive(Debug, Deserialize)]
struct Referents {
    any: Vec<String>,
    named: HashMap<String, Stance>,
}

/// Phrases that start like a cue but express no stance ("pressed ahead").
#[derive(Debug, Deserialize)]
struct NotCues {
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct WordList {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Stopwords {
    stopwords: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Breaks {
    breaks: Vec<String>,
}

/// The pronoun table of the cue lexicon: which mention kinds each pronoun can stand for.
#[derive(Debug, Deserialize)]
struct PronounFile {
    pronouns: HashMap<String, Vec<Kind>>,
}

/// Finds positions.
pub struct PositionFinder {
    issues: IssueTaxonomy,
    pronouns: HashMap<String, Vec<Kind>>,
    cues: Phrases<StanceCue>,
    /// Phrases that start like a cue but are none ("pressed ahead", "press conference").
    not_cues: Phrases<()>,
    /// Verdicts after a form of "be", as stances on the clause before it.
    verdicts: Phrases<StanceCue>,
    /// Verdicts written with a gap ("a line … cross"): their first words, their last words.
    gapped_verdicts: Vec<(Vec<String>, Vec<String>, StanceCue)>,
    /// Verbs that pass a verdict on their object ("called", "branded").
    naming: HashSet<String>,
    /// Verbs after "must"/"should" that put steps in order ("come last"): a condition.
    sequence: Phrases<()>,
    /// Words that make a "will"/"would" clause a threat ("by force").
    threats: Phrases<()>,
    /// The last words of document nouns ("plan", "draft").
    documents: HashSet<String>,
    /// Nouns that name a position and can point back to one ("demand", "offer", "terms"),
    /// with the stance they name.
    referents: HashMap<String, Option<Stance>>,
    negation: HashSet<String>,
    stopwords: HashSet<String>,
    breaks: HashSet<String>,
    /// Head nouns of reporting channels ("sources", "media"), which hold no position.
    reporters: HashSet<String>,
    /// Tells nationality adjectives ("Emirati") from names, and their countries.
    knowledge: Option<Arc<Knowledge>>,
    /// WordNet's noun classes: an unnamed holder is a person or group ("experts", "the
    /// alliance"), never a thing or an act ("this openness", "talks").
    classes: WordClasses,
}

/// Quantifiers that make an unnamed phrase too vague to hold a position ("Several
/// ministers", "Some diplomats"); a name after them keeps it ("Several Nordic unions").
fn is_quantifier(word: &str) -> bool {
    matches!(
        word,
        "some" | "many" | "several" | "few" | "most" | "all" | "both" | "other" | "two" | "three"
    )
}

/// True for a count of a group: digits ("26") or a number word ("nine", "most").
fn is_count(word: &str) -> bool {
    (!word.is_empty() && word.chars().all(|c| c.is_ascii_digit()))
        || matches!(
            word,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "dozens"
                | "most"
                | "many"
                | "some"
                | "several"
                | "half"
                | "all"
        )
}

/// A holder taken from another position: its name, where it is named, who reports it.
type Holder = (String, Option<Span>, Option<String>);

/// A holder and content found for a cue, before the content is sorted into issues.
struct Found {
    actor_name: String,
    actor_span: Option<Span>,
    reported_by: Option<String>,
    stance: Stance,
    polarity: Polarity,
    content: Span,
}

/// The holder of a position whose only named source is a reporting channel.
pub const UNATTRIBUTED: &str = "unattributed";

/// How many sentences back a content that points to an earlier position ("the same
/// demand") finds it.
const ANAPHORA_SENTENCES: usize = 2;
/// How many words back a parenthesis after a document subject may open.
const MAX_PARENTHESIS: usize = 30;
/// How many mentions back a subject may stand before a parenthesis ("Germany, whose
/// carmakers sell in China, opposes …" passes "China").
const MAX_PARENTHESIS_MENTIONS: usize = 3;
/// How many words a gapped verdict ("a line … cross") or a naming verb and its object
/// ("called the plan …") may span.
const MAX_VERDICT_GAP: usize = 6;
/// How many bytes may stand between a count ("35 nations") and the body it is said of.
const MAX_BODY_GAP: usize = 40;
/// How many words a document subject may have ("the original 28-point American draft").
const MAX_SUBJECT_WORDS: usize = 8;
/// The most words of a label of contents outside the taxonomy.
const MAX_LABEL_WORDS: usize = 4;

/// Past participles that follow a document noun ("drawn up in", "circulated on", "written
/// by"): regular ones and the common irregular ones.
fn is_participle(word: &str) -> bool {
    (word.ends_with("ed") && word.chars().count() > 4)
        || matches!(
            word,
            "drawn" | "written" | "put" | "sent" | "made" | "seen" | "brought" | "given" | "led"
        )
}

/// Modal verbs ("would require").
fn is_modal(word: &str) -> bool {
    matches!(
        word,
        "would" | "will" | "could" | "can" | "may" | "might" | "must" | "should" | "shall"
    )
}

/// Words that form a passive or perfect with a participle ("was demanded", "has been").
fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "was" | "were" | "is" | "are" | "be" | "been" | "being" | "has" | "have" | "had"
    )
}

/// Adverbs that may stand between a subject and its verb ("has repeatedly offered").
fn is_adverb(word: &str) -> bool {
    matches!(
        word,
        "also" | "still" | "now" | "again" | "repeatedly" | "firmly" | "strongly" | "so" | "far"
    ) || (word.ends_with("ly") && word.len() > 4)
}

/// A word without its common English inflections: possessive, plural, "-ing", "-ed",
/// "-al" ("withdrawal" → "withdraw"), keeping at least four letters.
fn stem(word: &str) -> String {
    let mut w = word.trim_end_matches("'s").to_string();
    if let Some(base) = w.strip_suffix("ies").filter(|b| b.chars().count() >= 4) {
        return format!("{base}y");
    }
    for suffix in ["ing", "ed", "al", "es", "s"] {
        if w.ends_with(suffix) && !w.ends_with("ss") && w.chars().count() >= suffix.len() + 4 {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    w
}

/// A lowercase word in the singular when it is a regular plural ("envoys" → "envoy",
/// "fisheries" → "fishery"); other words as they are ("talks" stays, too short to tell).
fn singular(word: &str) -> String {
    let letters = word.chars().count();
    if let Some(base) = word.strip_suffix("ies").filter(|_| letters > 5) {
        return format!("{base}y");
    }
    let keeps_s = ["ss", "us", "is", "ics", "'s", "’s"]
        .iter()
        .any(|end| word.ends_with(end));
    match word.strip_suffix('s') {
        Some(base) if letters > 5 && !keeps_s => base.to_string(),
        _ => word.to_string(),
    }
}

/// The first word of the clause ending before `ws[i]`: after the last break (a comma, a
/// colon, an opening quotation mark, "that") at or after byte `floor`.
fn clause_start(ws: &[Word], i: usize, floor: usize) -> usize {
    let mut start = i;
    while start > 0
        && ws.get(start - 1).is_some_and(|p| {
            p.span.start >= floor
                && !matches!(p.text, "," | ";" | ":" | "“" | "\"" | "—")
                && p.lower != "that"
        })
    {
        start -= 1;
    }
    start
}

/// True when an object and "to" with a verb follow `ws[start]` within a few words, before
/// any punctuation ("Kyiv to withdraw", "both sides to accept").
fn has_infinitive(ws: &[Word], start: usize) -> bool {
    for k in start + 1..start + 6 {
        let Some(w) = ws.get(k) else { return false };
        if w.is_punct() {
            return false;
        }
        if w.lower == "to" {
            return ws.get(k + 1).is_some_and(|v| {
                v.is_lowercase() && !v.is_punct() && !matches!(v.lower.as_str(), "the" | "a" | "an")
            });
        }
    }
    false
}

/// A content cut before an "as" after its first word ("the offer as an insult" → "the
/// offer"); unchanged when there is none.
fn clip_at_as(ws: &[Word], content: Span) -> Span {
    let inside: Vec<&Word> = ws.iter().filter(|w| content.contains(w.span)).collect();
    let cut = (1..inside.len())
        .find(|&k| inside.get(k).is_some_and(|w| w.lower == "as"))
        .and_then(|k| inside.get(k - 1))
        .map(|w| w.span.end);
    match cut {
        Some(end) if end > content.start => Span::new(content.start, end),
        _ => content,
    }
}

/// A content cut before its first comma; unchanged when it has none.
fn clip_at_comma(ws: &[Word], content: Span) -> Span {
    let last = ws
        .iter()
        .filter(|w| content.contains(w.span))
        .take_while(|w| w.text != ",")
        .last();
    match last {
        Some(w) if w.span.end > content.start => Span::new(content.start, w.span.end),
        _ => content,
    }
}

/// True when `ws[k..]` opens a noun phrase commenting on what came before it with a relative
/// clause of its own (", a move that angered …", ", the success of which depends on …"): a
/// comment on the content, not a part of it.
fn comment_apposition(ws: &[Word], k: usize) -> bool {
    if !ws
        .get(k)
        .is_some_and(|w| matches!(w.lower.as_str(), "a" | "an" | "the" | "this" | "one"))
    {
        return false;
    }
    for w in ws.iter().skip(k + 1).take(4) {
        if matches!(
            w.lower.as_str(),
            "that" | "which" | "whose" | "who" | "whom"
        ) {
            return true;
        }
        if w.is_punct() || !w.is_lowercase() {
            return false;
        }
    }
    false
}

/// True when only white space stands between bytes `from` and `to` of `text`.
fn text_between_is_blank(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|between| between.trim().is_empty())
}

/// The span covering a run of words.
fn hull(ws: &[Word]) -> Option<Span> {
    Some(Span::new(ws.first()?.span.start, ws.last()?.span.end))
}

/// Mention kinds that can hold a position (a nationality only with its noun: "Emirati
/// officials", never "Emirati" alone).
fn can_hold(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Person | Kind::Gpe | Kind::Government | Kind::Organization | Kind::Norp
    )
}

impl PositionFinder {
    /// A finder with the embedded stance lexicon and issue taxonomy.
    pub fn embedded() -> Result<Self, NlpError> {
        let file: StanceFile = words::parse_lexicon("stances.toml", STANCES_TOML)?;
        let mut cues = Phrases::default();
        for (stance, entry) in [
            (Stance::Demands, &file.demands),
            (Stance::Offers, &file.offers),
            (Stance::Proposes, &file.proposes),
            (Stance::Accepts, &file.accepts),
            (Stance::Rejects, &file.rejects),
            (Stance::Supports, &file.supports),
            (Stance::Opposes, &file.opposes),
            (Stance::Warns, &file.warns),
            (Stance::Conditions, &file.conditions),
        ] {
            for (phrases, dependent, infinitive) in [
                (&entry.phrases, false, false),
                (&entry.dependent, true, false),
                (&entry.infinitive, false, true),
            ] {
                for phrase in phrases {
                    let cue = StanceCue {
                        stance,
                        polarity: entry.polarity,
                        dependent,
                        infinitive,
                    };
                    cues.insert(phrase, cue);
                }
            }
        }
        let mut verdicts = Phrases::default();
        let mut gapped_verdicts = Vec::new();
        for (list, stance, polarity) in [
            (&file.verdicts.against, Stance::Rejects, Polarity::Negative),
            (
                &file.verdicts.in_favour,
                Stance::Accepts,
                Polarity::Positive,
            ),
        ] {
            for phrase in list {
                let cue = StanceCue {
                    stance,
                    polarity,
                    dependent: false,
                    infinitive: false,
                };
                match phrase.split_once(" * ") {
                    Some((head, tail)) => {
                        let split = |part: &str| {
                            part.split_whitespace()
                                .map(str::to_lowercase)
                                .collect::<Vec<_>>()
                        };
                        gapped_verdicts.push((split(head), split(tail), cue));
                    }
                    None => verdicts.insert(phrase, cue),
                }
            }
        }
        let phrases = |list: &[String]| {
            let mut out = Phrases::default();
            for phrase in list {
                out.insert(phrase, ());
            }
            out
        };
        let not_cues = phrases(&file.not_cues.phrases);
        let sequence = phrases(&file.conditions.sequence);
        let threats = phrases(&file.warns.threats);
        let set = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect();
        let pronouns: PronounFile = words::parse_lexicon("cues.toml", crate::quotes::CUES_TOML)?;
        Ok(PositionFinder {
            issues: IssueTaxonomy::embedded()?,
            pronouns: pronouns.pronouns,
            cues,
            not_cues,
            verdicts,
            gapped_verdicts,
            naming: set(&file.verdicts.naming),
            sequence,
            threats,
            documents: file
                .documents
                .nouns
                .iter()
                .filter_map(|n| n.split_whitespace().last())
                .map(str::to_lowercase)
                .collect(),
            referents: file
                .referents
                .any
                .iter()
                .map(|n| (n.to_lowercase(), None))
                .chain(
                    file.referents
                        .named
                        .iter()
                        .map(|(n, s)| (n.to_lowercase(), Some(*s))),
                )
                .collect(),
            negation: set(&file.negation.words),
            stopwords: set(&file.grouping.stopwords),
            breaks: set(&file.clause.breaks),
            reporters: set(&file.reporters.nouns),
            knowledge: None,
            classes: WordClasses::embedded(),
        })
    }

    /// The same finder with a knowledge base, which tells nationality adjectives
    /// ("Emirati", "Russian") from names: they hold a position only with their noun
    /// ("Emirati officials"), or as their country before a stance noun ("Russian demands").
    pub fn with_knowledge(mut self, knowledge: Arc<Knowledge>) -> Self {
        self.knowledge = Some(knowledge);
        self
    }

    /// True when `written` is a nationality adjective (singular: "Russian", not
    /// "Russians"), by the knowledge base.
    fn is_demonym(&self, written: &str) -> bool {
        !written.ends_with('s')
            && self
                .knowledge
                .as_ref()
                .is_some_and(|k| k.demonym(written).is_some())
    }

    /// True when a mention is a nationality adjective rather than a name; a plural
    /// ("Palestinians", "Greek Cypriots") names people.
    fn is_nationality(&self, m: &Mention) -> bool {
        let plural = m.text.ends_with('s') && !m.text.ends_with("ss") && m.text.chars().count() > 4;
        (m.kind == Kind::Norp && !plural) || self.is_demonym(&m.text)
    }

    /// The same finder with another issue taxonomy.
    pub fn with_issues(self, issues: IssueTaxonomy) -> Self {
        PositionFinder { issues, ..self }
    }

    /// The positions of a document whose sentences, mentions and quotes are set.
    pub fn find(&self, doc: &Doc) -> Vec<Position> {
        self.find_in(doc, &words::Tokens::new(doc, &doc.article.text))
    }

    /// [`PositionFinder::find`] over words already split.
    pub(crate) fn find_in(&self, doc: &Doc, tokens: &words::Tokens) -> Vec<Position> {
        let mut out: Vec<Position> = Vec::new();
        let mut previous: &[Word] = &[];
        for (unit, ws) in tokens.iter() {
            out.extend(self.listed_at(doc, unit, ws, previous));
            previous = ws;
            let first_of_unit = out.len();
            // The contents of the unit's demands so far: "urged Kyiv to accept …" is no
            // acceptance of the urging party.
            let mut urged: Vec<Span> = Vec::new();
            // The contents of all its positions so far: "threatened to recognise …" is no
            // recognition.
            let mut stated: Vec<Span> = Vec::new();
            let mut i = 0;
            while i < ws.len() {
                if let Some((len, _)) = self.not_cues.match_at(ws, i, true) {
                    i += len;
                    continue;
                }
                match self.cues.match_at(ws, i, true) {
                    // "the demand", "the same demand", "the wage offer": a noun, not a cue.
                    Some((len, cue))
                        if (words::follows_determiner(ws, i)
                            && self.relative_subject(ws, unit.start, i).is_none())
                            || i.checked_sub(1)
                                .and_then(|p| ws.get(p))
                                .is_some_and(|w| w.lower == "same")
                            || (cue.stance != Stance::Conditions
                                && self.is_compound_noun(ws, i, len)) =>
                    {
                        i += len
                    }
                    Some((len, cue)) if cue.infinitive && !has_infinitive(ws, i + len) => i += len,
                    Some((len, cue)) => {
                        let mut cue = *cue;
                        let mut len = len;
                        // A cue governing another: "ready to accept" accepts; "refused to
                        // accept", "reluctant to offer" hold the position alone.
                        let inner = self.cues.match_at(ws, i + len, true);
                        if let Some((next, inner_cue)) = inner {
                            let readiness = cue.stance == Stance::Offers
                                && ws.get(i + len - 1).is_some_and(|w| w.lower == "to");
                            if readiness {
                                cue = *inner_cue;
                            }
                            len += next;
                        }
                        let Some(cue_word) = ws.get(i) else { break };
                        // "require Kyiv to cede X, accept Y and rule out Z": the verbs of a
                        // demand's content are what is demanded, not stances of their own.
                        let mut k = i;
                        while k > 0 && ws.get(k - 1).is_some_and(|w| is_adverb(&w.lower)) {
                            k -= 1;
                        }
                        let governed = k == 0
                            || ws.get(k - 1).is_some_and(|w| {
                                matches!(w.lower.as_str(), "to" | "," | "and" | "or")
                                    || self.negation.contains(&w.lower)
                            });
                        let after_to = ws.get(k.wrapping_sub(1)).is_some_and(|w| w.lower == "to");
                        if (governed && urged.iter().any(|c| c.contains(cue_word.span)))
                            || (after_to && stated.iter().any(|c| c.contains(cue_word.span)))
                        {
                            i += len;
                            continue;
                        }
                        let earlier = out.get(first_of_unit..).unwrap_or(&[]);
                        let holders = self.inherited_holder(doc, unit, ws, i, cue, earlier);
                        // A condition naming no issue of its own is about the position it
                        // conditions.
                        let conditioned = earlier
                            .last()
                            .filter(|_| cue.stance == Stance::Conditions && !holders.is_empty())
                            .map(|p| p.issue.clone());
                        let inherited = !holders.is_empty();
                        let found: Vec<Found> = if holders.is_empty() {
                            if cue.dependent {
                                Vec::new()
                            } else {
                                self.holder_and_content(doc, unit, ws, i, len, cue)
                                    .into_iter()
                                    .collect()
                            }
                        } else {
                            let quote = doc
                                .quotes
                                .iter()
                                .find(|q| q.content_span.contains(cue_word.span));
                            let (stance, polarity) = self.negated(ws, i, cue);
                            let content = self.content(doc, ws, i + len, quote);
                            holders
                                .into_iter()
                                .filter_map(|holder| {
                                    Some(Found {
                                        actor_name: holder.0,
                                        actor_span: holder.1,
                                        reported_by: holder.2,
                                        stance,
                                        polarity,
                                        content: content?,
                                    })
                                })
                                .collect()
                        };
                        for found in found.into_iter().filter(|f| !self.hypothetical(ws, f)) {
                            if found.stance == Stance::Demands {
                                urged.push(found.content);
                            }
                            stated.push(found.content);
                            let partner = if inherited {
                                None
                            } else {
                                self.coordinated_holder(doc, ws, &found)
                            };
                            if let Some(partner) = partner {
                                out.extend(self.positions_of(doc, unit, partner));
                            }
                            let at = out.len();
                            out.extend(self.positions_of(doc, unit, found));
                            if let Some(issue) = &conditioned {
                                for p in out.get_mut(at..).unwrap_or(&mut []) {
                                    if p.issue.starts_with("other:") {
                                        p.issue = issue.clone();
                                    }
                                }
                            }
                        }
                        i += len;
                    }
                    None => {
                        out.extend(self.obligation_at(doc, unit, ws, i));
                        out.extend(self.verdict_at(doc, unit, ws, i));
                        out.extend(self.document_terms_at(doc, unit, ws, i));
                        out.extend(self.refusal_at(doc, unit, ws, i));
                        i += 1;
                    }
                }
            }
        }
        self.resolve_anaphoric_issues(doc, &mut out);
        self.share_labels(&mut out);
        out
    }

    /// The holder a cue takes from the clause it hangs on, when it has no subject of its
    /// own: a condition ("… in return for X", "… only if Y") is held by the holder of the
    /// unit's latest position; a participle after a comma (", calling for X") by the
    /// speaker of the statement before it, else by that holder. `None` for other cues.
    fn inherited_holder(
        &self,
        doc: &Doc,
        unit: Span,
        ws: &[Word],
        i: usize,
        cue: StanceCue,
        earlier: &[Position],
    ) -> Vec<Holder> {
        let Some(cue_word) = ws.get(i) else {
            return Vec::new();
        };
        // The holders of the unit's latest position: one, or several joined by "and"
        // ("Mali and Chad back …" holds one position each, with the same content).
        let last: Vec<Holder> = match earlier.last() {
            Some(latest) => {
                let mut holders: Vec<Holder> = Vec::new();
                for p in earlier
                    .iter()
                    .filter(|p| p.text == latest.text && p.stance == latest.stance)
                {
                    if !holders.iter().any(|h| h.0 == p.actor_name) {
                        holders.push((p.actor_name.clone(), p.actor_span, p.reported_by.clone()));
                    }
                }
                holders
            }
            None => Vec::new(),
        };
        if cue.stance == Stance::Conditions {
            return last;
        }
        // "… reject any limit and want …": a second verb after "and" with no subject.
        let mut k = i;
        while k > 0 && ws.get(k - 1).is_some_and(|w| self.is_verb_filler(w)) {
            k -= 1;
        }
        if k > 0 && ws.get(k - 1).is_some_and(|w| w.lower == "and") {
            return last;
        }
        let participle = cue_word.lower.ends_with("ing")
            && i.checked_sub(1)
                .and_then(|p| ws.get(p))
                .is_some_and(|w| w.text == ",");
        if !participle {
            return Vec::new();
        }
        let spoken = doc
            .quotes
            .iter()
            .filter(|q| {
                let end = q
                    .cue_span
                    .map_or(q.content_span.end, |c| c.end.max(q.content_span.end));
                unit.contains(q.content_span) && end <= cue_word.span.start
            })
            .max_by_key(|q| q.content_span.end)
            .and_then(|q| self.speaker(doc, q))
            .map(|(name, span)| (name, span, None));
        match spoken {
            Some(holder) => vec![holder],
            None => last,
        }
    }

    /// "Germany and Spain support …": the holder named before "and" right before the found
    /// one holds the same position.
    fn coordinated_holder(&self, doc: &Doc, ws: &[Word], found: &Found) -> Option<Found> {
        let holder = found.actor_span?;
        let at = ws.iter().position(|w| w.span.start >= holder.start)?;
        let and = ws.get(at.checked_sub(1)?)?;
        if and.lower != "and" {
            return None;
        }
        let before = ws.get(at.checked_sub(2)?)?;
        let m = doc.mentions.iter().find(|m| {
            m.span.end == before.span.end && can_hold(m.kind) && !self.is_nationality(m)
        })?;
        // Only a subject: a sentence or clause opens right before it.
        let opener = ws
            .iter()
            .rfind(|w| w.span.end <= m.span.start)
            .is_none_or(|w| w.is_punct() || matches!(w.lower.as_str(), "that" | "but"));
        opener.then(|| Found {
            actor_name: m.text.clone(),
            actor_span: Some(m.span),
            reported_by: found.reported_by.clone(),
            stance: found.stance,
            polarity: found.polarity,
            content: found.content,
        })
    }

    /// True when a word may stand between a subject and its verb: an auxiliary, a modal, an
    /// adverb or a negation ("has not yet", "would never").
    fn is_verb_filler(&self, w: &Word) -> bool {
        is_auxiliary(&w.lower)
            || is_modal(&w.lower)
            || is_adverb(&w.lower)
            || self.negation.contains(&w.lower)
    }

    /// True when a holder's head word (its last) is a reporting channel ("the sources",
    /// "state media") rather than a party.
    fn is_reporter(&self, holder: &str) -> bool {
        holder
            .split_whitespace()
            .last()
            .is_some_and(|w| self.reporters.contains(&w.to_lowercase()))
    }

    /// "Russia considers X …, and has insisted that …": a verb after "and" with no subject of
    /// its own shares the sentence's subject, a name opening the sentence.
    fn shared_subject(
        &self,
        doc: &Doc,
        unit: Span,
        ws: &[Word],
        cue: usize,
    ) -> Option<(String, Span)> {
        let mut k = cue;
        while k > 0 && ws.get(k - 1).is_some_and(|w| self.is_verb_filler(w)) {
            k -= 1;
        }
        if ws.get(k.checked_sub(1)?)?.lower != "and" {
            return None;
        }
        let opening = ws
            .iter()
            .find(|w| w.span.start >= unit.start && !matches!(w.lower.as_str(), "the"))?;
        let m = doc.mentions.iter().find(|m| {
            m.span.start == opening.span.start && can_hold(m.kind) && !self.is_nationality(m)
        })?;
        // The name must be the subject: a verb, not a preposition or a comma, follows it.
        let next = ws.iter().find(|w| w.span.start >= m.span.end)?;
        // "Mali and Chad back …": a second name joined by "and" is part of the subject.
        let joined = next.lower == "and"
            && doc.mentions.iter().any(|o| {
                can_hold(o.kind)
                    && o.span.start > next.span.end
                    && text_between_is_blank(&doc.article.text, next.span.end, o.span.start)
            });
        let verb = !next.is_punct() && next.is_lowercase() && !self.stopwords.contains(&next.lower)
            || is_auxiliary(&next.lower)
            || is_modal(&next.lower)
            || joined;
        (verb && m.span.end <= ws.get(cue)?.span.start).then(|| (m.text.clone(), m.span))
    }

    /// True when a subject phrase names a group that can hold a position by itself: a
    /// plural ("Port operators", "Aid groups") or a phrase with a name after its first word,
    /// not introduced by a possessive ("his forces") and not a bare "the <noun>".
    fn is_group(&self, phrase: &str) -> bool {
        let ws: Vec<&str> = phrase.split_whitespace().collect();
        let (Some(first), Some(last)) = (ws.first(), ws.last()) else {
            return false;
        };
        let first = first.to_lowercase();
        let possessive = matches!(
            first.as_str(),
            "his" | "her" | "its" | "their" | "our" | "my"
        );
        let bare_definite = first == "the" && ws.len() <= 2;
        // "The attorney general's office": a definite phrase of three words or more names an
        // institution.
        let institution = first == "the" && ws.len() >= 3;
        let plural = last.ends_with('s') && !last.ends_with("ss") && last.chars().count() > 3;
        let named = ws.iter().skip(1).any(|w| w.starts_with(char::is_uppercase));
        let document = self.documents.contains(&last.to_lowercase());
        !possessive
            && !bare_definite
            && !document
            && !self.pronouns.contains_key(&first)
            && (plural || named || institution)
    }

    /// True when the holder of a stance is the subject of a conditional clause ("… if
    /// Brussels pressed for new duties"): a hypothesis, no one's position.
    fn hypothetical(&self, ws: &[Word], found: &Found) -> bool {
        let Some(holder) = found.actor_span else {
            return false;
        };
        found.stance != Stance::Conditions
            && ws
                .iter()
                .rfind(|w| w.span.end <= holder.start)
                .is_some_and(|w| {
                    matches!(
                        w.lower.as_str(),
                        "if" | "unless" | "whether" | "until" | "once"
                    )
                })
    }

    /// True when the one-word cue at `ws[i]` is the head of a noun compound ("the price
    /// offer", "a wage demand"): a bare form after a lowercase singular noun rather than
    /// after a subject, an auxiliary, an adverb or "to".
    fn is_compound_noun(&self, ws: &[Word], i: usize, len: usize) -> bool {
        if len != 1 {
            return false;
        }
        let (Some(cue), Some(before)) = (ws.get(i), i.checked_sub(1).and_then(|p| ws.get(p)))
        else {
            return false;
        };
        let bare = !["s", "ed", "ing"]
            .iter()
            .any(|end| cue.lower.ends_with(end));
        let noun = before.is_lowercase()
            && before.lower.chars().all(char::is_alphabetic)
            && before.lower.chars().count() > 2
            && !before.lower.ends_with('s')
            && !before.lower.ends_with("ly")
            && !is_auxiliary(&before.lower)
            && !is_modal(&before.lower)
            && !is_adverb(&before.lower)
            && !self.negation.contains(&before.lower)
            && !self.pronouns.contains_key(&before.lower)
            && !self.stopwords.contains(&before.lower)
            && !self.breaks.contains(&before.lower);
        bare && noun
    }

    /// "… Moscow has not dropped its core demands. Those include X, Y and Z": a sentence
    /// listing what a position noun of the sentence before names ("demands", "conditions",
    /// "terms") holds those items, by the noun's owner: the name it belongs to ("Moscow's
    /// demands"), or for "its"/"their", the nearest name before it.
    fn listed_at(&self, doc: &Doc, unit: Span, ws: &[Word], previous: &[Word]) -> Vec<Position> {
        let opens_list = matches!(
            (
                ws.first().map(|w| w.lower.as_str()),
                ws.get(1).map(|w| w.lower.as_str())
            ),
            (
                Some("those" | "these" | "they"),
                Some("include" | "included" | "are" | "were")
            )
        );
        if !opens_list {
            return Vec::new();
        }
        let Some(k) = previous
            .iter()
            .rposition(|w| self.referents.contains_key(&w.lower))
        else {
            return Vec::new();
        };
        let stance = previous
            .get(k)
            .and_then(|w| self.referents.get(&w.lower).copied().flatten())
            .unwrap_or(Stance::Demands);
        // The owner: a possessive right before the noun or its adjectives.
        let Some(owner) = previous.get(..k).and_then(|before| {
            before.iter().rev().take(3).find(|w| {
                w.text.ends_with("'s")
                    || w.text.ends_with("’s")
                    || matches!(w.lower.as_str(), "its" | "their")
            })
        }) else {
            return Vec::new();
        };
        let text = doc.article.text.as_str();
        let holder = if matches!(owner.lower.as_str(), "its" | "their") {
            doc.mentions.iter().rfind(|m| {
                m.span.end <= owner.span.start
                    && previous
                        .first()
                        .is_some_and(|f| m.span.start >= f.span.start)
                    && can_hold(m.kind)
                    && !self.is_nationality(m)
            })
        } else {
            doc.mentions.iter().find(|m| {
                m.span.overlaps(owner.span) && can_hold(m.kind) && !self.is_nationality(m)
            })
        };
        let Some(holder) = holder else {
            return Vec::new();
        };
        let Some(content) = self.content(doc, ws, 2, None) else {
            return Vec::new();
        };
        let polarity = match stance {
            Stance::Rejects | Stance::Opposes | Stance::Warns => Polarity::Negative,
            _ => Polarity::Positive,
        };
        let found = Found {
            actor_name: holder.span.slice(text).to_string(),
            actor_span: Some(holder.span),
            reported_by: None,
            stance,
            polarity,
            content,
        };
        self.positions_of(doc, unit, found)
    }

    /// "Kyiv rejected the same demand": a content that only points back to an earlier
    /// position ("the same demand", "this proposal", "those terms") takes the issue of the
    /// latest earlier position of the stance the noun names ("demand": a demand), whatever
    /// its issue (of the taxonomy or its own `other: …` words), or, for a noun naming no
    /// stance ("terms"), of the latest position with an issue of the taxonomy in the same or
    /// the two sentences before.
    fn resolve_anaphoric_issues(&self, doc: &Doc, positions: &mut Vec<Position>) {
        // (sentence, stance, issue) of the positions so far that say what they are about
        // (an issue of the taxonomy, or their own `other: …` words).
        let mut earlier: Vec<(usize, Stance, String)> = Vec::new();
        // Contents that only point back ("the demand") and find nothing to point to.
        let mut empty: HashSet<usize> = HashSet::new();
        for (n, p) in positions.iter_mut().enumerate() {
            let Some(sentence) = p.sources.first().and_then(|s| doc.sentence_at(s.start)) else {
                continue;
            };
            let Some(named) = self
                .points_back(&p.text)
                .filter(|_| p.issue.starts_with("other:"))
            else {
                earlier.push((sentence, p.stance, p.issue.clone()));
                continue;
            };
            // A noun naming no stance ("that timetable", "those terms") points back to what
            // was put forward (demanded, offered, proposed) if anything was, else to anything.
            let near = |at: &usize| at + ANAPHORA_SENTENCES >= sentence;
            let put_forward = |stance: &Stance| {
                matches!(stance, Stance::Demands | Stance::Offers | Stance::Proposes)
            };
            // Only a noun naming the stance ("the demand") points back to a content outside
            // the taxonomy; a vague one ("the idea") to one of the taxonomy.
            let known = |issue: &String| !issue.starts_with("other:");
            let antecedent = match named {
                Some(named) => earlier.iter().rev().find(|(_, stance, _)| *stance == named),
                None => earlier
                    .iter()
                    .rev()
                    .find(|(at, stance, issue)| near(at) && put_forward(stance) && known(issue))
                    .or_else(|| {
                        earlier
                            .iter()
                            .rev()
                            .find(|(at, _, issue)| near(at) && known(issue))
                    }),
            };
            // Nothing to point back to: the issue its sentence names, else no position.
            let sentence_issue = || {
                let span = doc.sentences.get(sentence)?.span;
                self.issues.classify(span.slice(&doc.article.text))
            };
            if let Some((_, _, issue)) = antecedent {
                p.issue = issue.clone();
            } else if self.content_words(&p.text) <= 1 {
                match sentence_issue() {
                    Some(issue) => p.issue = issue.to_string(),
                    None => {
                        empty.insert(n);
                    }
                }
            }
        }
        let mut n = 0;
        positions.retain(|_| {
            n += 1;
            !empty.contains(&(n - 1))
        });
    }

    /// When a content is a determiner and a noun naming a position ("the same demand",
    /// "these terms", "that offer", "a condition" restating the clause before), followed by nothing of its own but names,
    /// adverbs and function words ("in Geneva and again in Florida"): the stance the noun
    /// names, if any.
    fn points_back(&self, content: &str) -> Option<Option<Stance>> {
        let ws = words::words(content, Span::new(0, content.len()));
        let mut it = ws.iter().filter(|w| !w.is_punct());
        let first = it.next().map(|w| w.lower.as_str());
        let mut next = it.next();
        if first == Some("the") && next.is_some_and(|w| w.lower == "same") {
            next = it.next();
        } else if !matches!(
            first,
            Some("the" | "this" | "that" | "these" | "those" | "such" | "a" | "an")
        ) {
            return None;
        }
        let named = *self.referents.get(&next?.lower)?;
        it.all(|w| w.is_capitalized() || is_adverb(&w.lower) || self.stopwords.contains(&w.lower))
            .then_some(named)
    }

    /// "…must withdraw its troops…" inside what someone is quoted saying: the speaker
    /// demands it ("must not" / "should not": opposes it). Outside quotations an obligation
    /// is the outlet's own wording and holds no one's position; a stance cue right after
    /// the modal ("must accept") speaks for itself.
    fn obligation_at(&self, doc: &Doc, unit: Span, ws: &[Word], i: usize) -> Vec<Position> {
        let Some(w) = ws.get(i) else {
            return Vec::new();
        };
        let obliged = matches!(w.lower.as_str(), "must" | "should");
        // The words after the modal, past scare quotes ('should come "last"').
        let after: Vec<Word> = ws
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .filter(|w| !matches!(w.text, "\"" | "“" | "”" | "‘" | "’" | "'"))
            .take(MAX_VERDICT_GAP + 2)
            .cloned()
            .collect();
        // "… would take it by force": a threat, not a commitment.
        let threat_at = (0..MAX_VERDICT_GAP)
            .take_while(|&k| after.get(k).is_some_and(|w| !w.is_punct()))
            .find(|&k| self.threats.match_at(&after, k, true).is_some())
            .and_then(|k| after.get(k))
            .filter(|_| matches!(w.lower.as_str(), "will" | "would"))
            .map(|t| t.span.start);
        let threat = threat_at.is_some();
        if (!obliged && !threat) || self.inverted_should(ws, i) {
            return Vec::new();
        }
        let Some(q) = doc.quotes.iter().find(|q| q.content_span.contains(w.span)) else {
            return Vec::new();
        };
        let Some((speaker, speaker_span)) = self.speaker(doc, q) else {
            return Vec::new();
        };
        let negated = ws
            .get(i + 1)
            .is_some_and(|n| self.negation.contains(&n.lower));
        let verb = i + 1 + usize::from(negated);
        if (verb..verb + 2).any(|k| self.cues.match_at(ws, k, true).is_some()) {
            return Vec::new();
        }
        let start = clause_start(ws, i, q.content_span.start);
        // "… relief should come last": an order of steps is a condition.
        let sequenced = self
            .sequence
            .match_at(&after, usize::from(negated), true)
            .is_some();
        let (stance, polarity) = if threat {
            (Stance::Warns, Polarity::Negative)
        } else if sequenced {
            (Stance::Conditions, Polarity::Positive)
        } else if negated {
            (Stance::Opposes, Polarity::Negative)
        } else {
            (Stance::Demands, Polarity::Positive)
        };
        let Some(content) = self.content(doc, ws, start, Some(q)) else {
            return Vec::new();
        };
        // A threat is what the whole statement says up to its manner ("if they stay, we
        // would take the land by force of arms" threatens over the land, not arms).
        let content = match threat_at {
            Some(manner) => ws
                .iter()
                .filter(|w| {
                    w.span.start >= q.content_span.start
                        && w.span.end <= manner
                        && !matches!(w.text, "\"" | "“" | "”" | "‘" | "’" | "'")
                })
                .map(|w| w.span)
                .reduce(|a, b| Span::new(a.start, b.end))
                .unwrap_or(content),
            None => content,
        };
        let found = Found {
            actor_name: speaker,
            actor_span: speaker_span,
            reported_by: None,
            stance,
            polarity,
            content,
        };
        self.positions_of(doc, unit, found)
    }

    /// True when the "should" at `ws[i]` opens an inverted condition ("… should a truce be
    /// reached"): a determiner, a possessive or a name follows it, then a form of "be" or
    /// "have" within a few words.
    fn inverted_should(&self, ws: &[Word], i: usize) -> bool {
        let opens = ws.get(i).is_some_and(|w| w.lower == "should")
            && ws.get(i + 1).is_some_and(|n| {
                matches!(
                    n.lower.as_str(),
                    "a" | "an" | "the" | "any" | "its" | "their" | "his" | "her" | "this" | "that"
                ) || (n.is_capitalized() && i > 0)
            });
        opens
            && (i + 2..i + MAX_VERDICT_GAP)
                .take_while(|&k| ws.get(k).is_some_and(|w| !w.is_punct()))
                .any(|k| {
                    ws.get(k)
                        .is_some_and(|w| matches!(w.lower.as_str(), "be" | "have"))
                })
    }

    /// "A Swiss counter-proposal circulated on Tuesday would freeze the front line …": a
    /// document's "would"/"will" and verb state its terms, which its author proposes (the
    /// verb is no stance cue, which speaks for itself, and not negated).
    fn document_terms_at(&self, doc: &Doc, unit: Span, ws: &[Word], i: usize) -> Vec<Position> {
        let (Some(modal), Some(verb)) = (ws.get(i), ws.get(i + 1)) else {
            return Vec::new();
        };
        let plain_verb = verb.is_lowercase()
            && !verb.is_punct()
            && !is_auxiliary(&verb.lower)
            && !is_modal(&verb.lower)
            && !is_adverb(&verb.lower)
            && !self.negation.contains(&verb.lower)
            && self.cues.match_at(ws, i + 1, true).is_none();
        if !matches!(modal.lower.as_str(), "would" | "will") || !plain_verb {
            return Vec::new();
        }
        let Some((actor_name, actor_span, _)) = self.document_author(doc, ws, unit.start, i + 1)
        else {
            return Vec::new();
        };
        let Some(content) = self.content(doc, ws, i + 1, None) else {
            return Vec::new();
        };
        let found = Found {
            actor_name,
            actor_span: Some(actor_span),
            reported_by: None,
            stance: Stance::Proposes,
            polarity: Polarity::Positive,
            content,
        };
        self.positions_of(doc, unit, found)
    }

    /// "India will not open its dairy market", "“We will never give up our land,” he said": a
    /// negated "will"/"would"/"can" before a verb that is no stance cue is a refusal of what
    /// follows, held by a named party (a mention, or the speaker of first-person words),
    /// never by a plain phrase ("the talks will not resume").
    fn refusal_at(&self, doc: &Doc, unit: Span, ws: &[Word], i: usize) -> Vec<Position> {
        let Some(modal) = ws.get(i) else {
            return Vec::new();
        };
        let contracted = matches!(
            modal.lower.as_str(),
            "won't" | "wouldn't" | "cannot" | "can't"
        );
        let modal_ok = contracted || matches!(modal.lower.as_str(), "will" | "would" | "can");
        if !modal_ok {
            return Vec::new();
        }
        let mut v = i + 1;
        if !contracted {
            if !ws
                .get(v)
                .is_some_and(|w| matches!(w.lower.as_str(), "not" | "never"))
            {
                return Vec::new();
            }
            v += 1;
        }
        while ws.get(v).is_some_and(|w| is_adverb(&w.lower)) {
            v += 1;
        }
        let Some(verb) = ws.get(v) else {
            return Vec::new();
        };
        let plain_verb = verb.is_lowercase()
            && !verb.is_punct()
            && !is_auxiliary(&verb.lower)
            && !is_modal(&verb.lower)
            && !self.stopwords.contains(&verb.lower)
            && self.cues.match_at(ws, v, true).is_none();
        if !plain_verb {
            return Vec::new();
        }
        // As a negated commitment: "will not open" rejects opening.
        let commitment = StanceCue {
            stance: Stance::Accepts,
            polarity: Polarity::Positive,
            dependent: false,
            infinitive: false,
        };
        let Some(mut found) = self.holder_and_content(doc, unit, ws, v, 1, commitment) else {
            return Vec::new();
        };
        let named = doc
            .mentions
            .iter()
            .any(|m| can_hold(m.kind) && !self.is_nationality(m) && m.text == found.actor_name);
        if !named || found.stance != Stance::Rejects {
            return Vec::new();
        }
        // The verb is part of what is refused ("open its dairy market").
        found.content = Span::new(verb.span.start, found.content.end.max(verb.span.end));
        self.positions_of(doc, unit, found)
    }

    /// "…any cap on its forces was a non-starter" inside what someone is quoted saying: the
    /// speaker rejects (or, for "acceptable", accepts) the subject of the verdict's clause.
    /// Outside quotations a verdict is the outlet's own and holds no one's position.
    fn verdict_at(&self, doc: &Doc, unit: Span, ws: &[Word], i: usize) -> Vec<Position> {
        // "a non-starter" is matched once, at its first word.
        let longer = i
            .checked_sub(1)
            .is_some_and(|p| self.verdict_cue(ws, p).is_some());
        let Some(cue) = self.verdict_cue(ws, i).filter(|_| !longer) else {
            return Vec::new();
        };
        if let Some(found) = self.named_verdict(doc, unit, ws, i, cue) {
            return self.positions_of(doc, unit, found);
        }
        // The verb "be" before the verdict, past negations and adverbs, and its auxiliaries
        // ("would not be", "has always been").
        let mut k = i;
        while k > 0
            && ws
                .get(k - 1)
                .is_some_and(|w| self.negation.contains(&w.lower) || is_adverb(&w.lower))
        {
            k -= 1;
        }
        let Some(verb) = k.checked_sub(1).and_then(|v| ws.get(v)) else {
            return Vec::new();
        };
        let copula = matches!(
            verb.lower.as_str(),
            "is" | "was" | "are" | "were" | "be" | "been" | "remains" | "remained"
        );
        if !copula {
            return Vec::new();
        }
        let mut end = k - 1;
        while end > 0
            && ws.get(end - 1).is_some_and(|w| {
                is_auxiliary(&w.lower)
                    || self.negation.contains(&w.lower)
                    || matches!(
                        w.lower.as_str(),
                        "would" | "will" | "could" | "might" | "may" | "must" | "always"
                    )
            })
        {
            end -= 1;
        }
        let Some(q) = doc
            .quotes
            .iter()
            .find(|q| q.content_span.contains(verb.span))
        else {
            return Vec::new();
        };
        let Some((actor_name, actor_span)) = self.speaker(doc, q) else {
            return Vec::new();
        };
        let start = clause_start(ws, end, q.content_span.start);
        let clause = ws.get(start..end).unwrap_or(&[]);
        let has_word = clause
            .iter()
            .any(|w| !w.is_punct() && !self.stopwords.contains(&w.lower));
        let Some(content) = hull(clause).filter(|_| has_word) else {
            return Vec::new();
        };
        let (stance, polarity) = self.negated(ws, i, cue);
        let found = Found {
            actor_name,
            actor_span,
            reported_by: None,
            stance,
            polarity,
            content,
        };
        self.positions_of(doc, unit, found)
    }

    /// "26 countries pledged …" after "the Nordic Council, a bloc of 30 countries": the body
    /// a counted holder ("<count> <plural>") belongs to, when the sentence or the one before
    /// counts the same noun right next to an organisation's name. `None` otherwise.
    fn body_of_count(&self, doc: &Doc, unit: Span, holder: &str) -> Option<(String, Span)> {
        let mut parts = holder.split_whitespace();
        let count = parts.next()?.to_lowercase();
        let noun = singular(&parts.next_back()?.to_lowercase());
        if !is_count(&count) || !self.counts_agents(&format!("{noun}s")) {
            return None;
        }
        let text = doc.article.text.as_str();
        let sentence = doc.sentence_at(unit.start)?;
        let from = sentence
            .checked_sub(1)
            .and_then(|p| doc.sentences.get(p))
            .map_or(unit.start, |s| s.span.start);
        let range = Span::new(from, unit.end);
        let ws = words::words(text, range);
        let counted = |k: usize| {
            ws.get(k).is_some_and(|w| is_count(&w.lower))
                && (k + 1..k + 4).any(|n| ws.get(n).is_some_and(|w| singular(&w.lower) == noun))
        };
        // Next to it: no more than a few plain words between, no clause break.
        let near = |a: usize, b: usize| {
            let (a, b) = (a.min(b), a.max(b));
            // No verb between: "the Union revealed that 30 states …" reports, not counts.
            let verbless = |gap: &str| {
                gap.split(|c: char| !c.is_alphanumeric())
                    .all(|w| !w.ends_with("ed") && !matches!(w, "that" | "said" | "says"))
            };
            text.get(a..b).is_some_and(|gap| {
                gap.len() <= MAX_BODY_GAP
                    && !gap.contains(['.', ';', ':', '"', '“', '”'])
                    && verbless(gap)
            })
        };
        let body = (0..ws.len()).filter(|&k| counted(k)).find_map(|k| {
            let at = ws.get(k)?.span;
            doc.mentions.iter().find(|m| {
                m.kind == Kind::Organization
                    && range.contains(m.span)
                    && (near(m.span.end, at.start) || near(at.end, m.span.start))
            })
        })?;
        Some((body.text.clone(), body.span))
    }

    /// The verdict starting at `ws[i]`: a phrase of the lexicon, or a gapped one whose last
    /// words follow within a few words, in the same clause ("a line we will not cross").
    fn verdict_cue(&self, ws: &[Word], i: usize) -> Option<StanceCue> {
        if let Some((_, &cue)) = self.verdicts.match_at(ws, i, true) {
            return Some(cue);
        }
        let lower_at = |k: usize, word: &String| {
            ws.get(k)
                .is_some_and(|w| w.lower == *word && w.is_lowercase())
        };
        self.gapped_verdicts.iter().find_map(|(head, tail, cue)| {
            let after = i + head.len();
            let heads = head.iter().enumerate().all(|(k, h)| lower_at(i + k, h));
            let tails = heads
                && (after..after + MAX_VERDICT_GAP).any(|t| {
                    ws.get(after..t)
                        .is_some_and(|gap| gap.iter().all(|w| !w.is_punct()))
                        && tail.iter().enumerate().all(|(k, h)| lower_at(t + k, h))
                });
            tails.then_some(*cue)
        })
    }

    /// "an offer Lima called a non-starter", "Quito branded the levy unacceptable": a verdict
    /// passed by a verb of naming whose subject is a name right before it, on its object, or
    /// when the object is a pronoun or missing, on the phrase the clause hangs on (a
    /// reduced relative: "an offer" before "Lima called").
    fn named_verdict(
        &self,
        doc: &Doc,
        unit: Span,
        ws: &[Word],
        i: usize,
        cue: StanceCue,
    ) -> Option<Found> {
        let verb_at = (i.saturating_sub(MAX_VERDICT_GAP)..i)
            .rev()
            .take_while(|&k| ws.get(k).is_some_and(|w| !w.is_punct()))
            .find(|&k| ws.get(k).is_some_and(|w| self.naming.contains(&w.lower)))?;
        let mut s = verb_at;
        while s > 0 && ws.get(s - 1).is_some_and(|w| self.is_verb_filler(w)) {
            s -= 1;
        }
        let before = ws.get(s.checked_sub(1)?)?;
        let m = doc.mentions.iter().find(|m| {
            m.span.end == before.span.end
                && unit.contains(m.span)
                && can_hold(m.kind)
                && !self.is_nationality(m)
        })?;
        let object: Vec<&Word> = ws
            .get(verb_at + 1..i)?
            .iter()
            .filter(|w| w.lower != "as")
            .collect();
        let says_little = object
            .iter()
            .all(|w| self.pronouns.contains_key(&w.lower) || self.stopwords.contains(&w.lower));
        let content = if says_little {
            // The phrase before the subject: from the clause's start to the first name.
            let subject_at = ws.iter().position(|w| w.span.start >= m.span.start)?;
            let mut a = subject_at;
            while a > 0
                && ws
                    .get(a - 1)
                    .is_some_and(|w| !w.is_punct() && w.span.start >= unit.start)
            {
                a -= 1;
            }
            let phrase = ws.get(a..subject_at)?;
            let named_at = phrase
                .iter()
                .position(|w| w.is_capitalized())
                .unwrap_or(phrase.len());
            let phrase = phrase.get(..named_at)?;
            let has_word = phrase
                .iter()
                .any(|w| !self.stopwords.contains(&w.lower) && !w.is_punct());
            hull(phrase).filter(|_| has_word && a > 0)?
        } else {
            Span::new(object.first()?.span.start, object.last()?.span.end)
        };
        let (stance, polarity) = self.negated(ws, i, cue);
        Some(Found {
            actor_name: m.text.clone(),
            actor_span: Some(m.span),
            reported_by: None,
            stance,
            polarity,
            content,
        })
    }

    /// The positions of a holder and content: one per issue when the content joins
    /// several, else one.
    fn positions_of(&self, doc: &Doc, unit: Span, found: Found) -> Vec<Position> {
        let text = doc.article.text.as_str();
        let mut parts: Vec<(String, Span)> = Vec::new();
        for part in self.conjuncts(text, found.content) {
            if let Some(id) = self.issues.classify(part.slice(text))
                && !parts.iter().any(|(known, _)| *known == id)
            {
                parts.push((id.to_string(), part));
            }
        }
        if parts.len() < 2 {
            let Some(issue) = self.issue_of(text, unit, found.content) else {
                return Vec::new();
            };
            parts = vec![(issue, found.content)];
        }
        let (actor_name, actor_span) = tidy_holder(text, &found.actor_name, found.actor_span);
        let (actor_name, actor_span) = self
            .body_of_count(doc, unit, &actor_name)
            .map_or((actor_name, actor_span), |(name, span)| (name, Some(span)));
        if !self.can_act(doc, &actor_name, actor_span) {
            return Vec::new();
        }
        // "the sources", "media reports": a channel that only reports a position holds none
        // of its own; the position is unattributed, reported by it.
        let (actor_name, actor_span, reported_by) = if self.is_reporter(&actor_name) {
            let by = found.reported_by.clone().or(Some(actor_name));
            (UNATTRIBUTED.to_string(), None, by)
        } else {
            (actor_name, actor_span, found.reported_by.clone())
        };
        parts
            .into_iter()
            .map(|(issue, content)| Position {
                actor: None,
                actor_name: actor_name.clone(),
                actor_span,
                reported_by: reported_by.clone(),
                stance: found.stance,
                issue,
                text: content.slice(text).to_string(),
                polarity: found.polarity,
                sources: vec![doc.source(unit)],
                story: None,
            })
            .collect()
    }

    /// The issue of a content: its own, or the sentence's for a content that names none
    /// itself ("rejected the plan"); a content with its own words outside the taxonomy is
    /// grouped with similar ones under `other: <words>`; one that says too little (a single
    /// content word: "wants to get it done soon") is no position.
    fn issue_of(&self, text: &str, unit: Span, content: Span) -> Option<String> {
        let content_text = content.slice(text);
        if let Some(id) = self.issues.classify(content_text) {
            return Some(id.to_string());
        }
        let substance = self.content_words(content_text);
        // "… offered a full ceasefire, an offer the Kremlin refused": what the sentence said
        // before the content, never a later clause ("rejected others, and the region …").
        let lead = Span::new(unit.start, content.start.clamp(unit.start, unit.end));
        if substance <= 1
            && let Some(id) = self.issues.classify(lead.slice(text))
        {
            return Some(id.to_string());
        }
        // A capital on the content's first word marks a name unless a sentence or a quotation
        // starts there.
        let before = text.get(..content.start).unwrap_or("").trim_end();
        let opens = content.start <= unit.start
            || before.is_empty()
            || before.ends_with(['.', '!', '?', ':', '“', '"', '‘', '«']);
        // "rejected the demand": kept for now, to take the issue of the position it points
        // back to.
        let points_back = self.points_back(content_text).is_some();
        (substance >= 2 || points_back)
            .then(|| format!("other: {}", self.group_key(content_text, opens)))
    }

    /// The parts of a content joined by "and", "or" or commas (a list of demands), each
    /// trimmed.
    fn conjuncts(&self, text: &str, content: Span) -> Vec<Span> {
        let ws = words::words(text, content);
        let mut out = Vec::new();
        let mut start = 0;
        for (k, w) in ws.iter().enumerate() {
            if matches!(w.lower.as_str(), "and" | "or" | "," | ";") {
                out.extend(hull(ws.get(start..k).unwrap_or(&[])));
                start = k + 1;
            }
        }
        out.extend(hull(ws.get(start..).unwrap_or(&[])));
        out
    }

    /// The holder, stance and content of the cue `ws[i..i + len]`.
    fn holder_and_content(
        &self,
        doc: &Doc,
        unit: Span,
        ws: &[Word],
        i: usize,
        len: usize,
        cue: StanceCue,
    ) -> Option<Found> {
        let text = doc.article.text.as_str();
        let cue_span = Span::new(ws.get(i)?.span.start, ws.get(i + len - 1)?.span.end);
        let quote = doc
            .quotes
            .iter()
            .find(|q| q.content_span.contains(cue_span));
        let (stance, polarity) = self.negated(ws, i, cue);
        let floor = quote.map_or(unit.start, |q| q.content_span.start);
        // "Recognition was demanded by Moscow": a passive, whose holder follows "by" and
        // whose content is the subject.
        if ws.get(i + len).is_some_and(|w| w.lower == "by") {
            let (actor_name, actor_span) = self.agent_mention(doc, ws, i + len + 1)?;
            let content = self.passive_subject(ws, floor, i)?;
            let reported_by = quote
                .and_then(|q| self.speaker(doc, q))
                .map(|(s, _)| s)
                .filter(|s| *s != actor_name);
            return Some(Found {
                actor_name,
                actor_span: Some(actor_span),
                reported_by,
                stance,
                polarity,
                content,
            });
        }
        let own = self.content(doc, ws, i + len, quote);
        if own.is_none() {
            // "“…,” he warned": the stance cue is the cue of a quotation, which is the content;
            // the speaker holds the position.
            let spoken = doc.quotes.iter().find(|q| {
                q.cue_span.is_some_and(|c| c.overlaps(cue_span))
                    && q.content_span.end <= cue_span.start
            });
            if let Some(q) = spoken {
                let (actor_name, actor_span) = self.speaker(doc, q)?;
                return Some(Found {
                    actor_name,
                    actor_span,
                    reported_by: None,
                    stance,
                    polarity,
                    content: q.content_span,
                });
            }
        }
        // A document subject is read from the sentence's start: a quotation the quote finder
        // sees after it ("the plan … would require …") is the document's wording, not speech.
        let document = self.document_author(doc, ws, unit.start, i);
        let subject = self
            .quantified_group(ws, unit.start, i)
            .or_else(|| self.relative_subject(ws, unit.start, i))
            .or_else(|| {
                document
                    .as_ref()
                    .map(|(name, span, _)| (name.clone(), *span))
            })
            .or_else(|| self.possessor(doc, ws, floor, i))
            .or_else(|| self.country_before_noun(ws, i))
            .or_else(|| self.subject_mention(doc, ws, floor, i))
            .or_else(|| {
                // "Egypt, which has pledged aid, opposes X, diplomats said": a statement
                // attributed after its content may have been cut short at its start; the
                // sentence's subject before it still holds the stance.
                let q = quote?;
                let trailing = q
                    .speaker_span
                    .is_some_and(|s| s.start >= q.content_span.end);
                if !trailing || floor == unit.start {
                    return None;
                }
                self.subject_mention(doc, ws, unit.start, i)
                    .filter(|(_, span)| span.end <= q.content_span.start)
            });
        // "Washington pushes Kyiv to accept X": Kyiv is the object of another verb, whose
        // subject wants it to accept X.
        if let Some((_, span)) = &subject
            && let Some((actor_name, actor_span)) = self.pushed_object(doc, ws, floor, i, *span)
        {
            let own = own?;
            return Some(Found {
                actor_name,
                actor_span: Some(actor_span),
                reported_by: quote.and_then(|q| self.speaker(doc, q)).map(|(s, _)| s),
                stance: Stance::Demands,
                polarity: Polarity::Positive,
                content: Span::new(span.start, own.end),
            });
        }
        // "…, which Moscow has resisted": the content is what the relative clause is about.
        // "…, which Moscow has resisted" (no content after the cue) and "the region, which
        // Moscow demands Kyiv give up" (a content that names no issue): the relative clause
        // is about its antecedent.
        // Its subject: the holder found, else the plain phrase before the cue ("the rules
        // that the union wants").
        let antecedent = |reduced: bool| {
            subject
                .as_ref()
                .map(|(_, span)| *span)
                .or_else(|| self.subject_phrase(doc, ws, floor, i))
                .and_then(|span| self.relative_antecedent(ws, floor, span.start, reduced))
        };
        // "the guarantees Addis Ababa seeks for a naval base": a cue whose object is missing
        // (a preposition follows it) is the verb of a reduced relative clause, about the
        // phrase before its subject.
        let objectless = own.is_some_and(|c| {
            ws.iter()
                .find(|w| w.span.start >= c.start)
                .is_some_and(|w| {
                    matches!(
                        w.lower.as_str(),
                        "for" | "in" | "at" | "from" | "with" | "by" | "over" | "into" | "under"
                    )
                })
        });
        let (content, relative) = match own {
            Some(c) if objectless => antecedent(true).map_or((c, false), |a| (a, true)),
            Some(c) => match antecedent(false) {
                Some(a)
                    if self.issues.classify(c.slice(text)).is_none()
                        && self.issues.classify(a.slice(text)).is_some() =>
                {
                    (a, true)
                }
                _ => (c, false),
            },
            None => (antecedent(true)?, true),
        };
        // "Moscow's demand for a buffer zone was rejected by Kyiv": the content of a stance
        // noun ends where the sentence's own verb begins.
        let nominal = i.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|w| {
            w.text.ends_with("'s") || w.text.ends_with("’s") || self.is_demonym(w.text)
        }) && ws.get(i + len).is_none_or(|w| w.lower != "that");
        let content = if nominal {
            self.clip_at_verb(ws, content)
        } else {
            content
        };
        // "Oslo, while backing the talks, remains reluctant …", "the negotiators, who favour a
        // slower pace, have …": the content of a cue in a subordinate or relative clause set
        // off by commas ends where the clause does.
        let set_off = (1..=3).any(|back| {
            let Some(conj) = i.checked_sub(back).and_then(|k| ws.get(k)) else {
                return false;
            };
            let comma = i
                .checked_sub(back + 1)
                .and_then(|k| ws.get(k))
                .is_some_and(|w| w.text == ",");
            let between = ws.get(i + 1 - back..i).unwrap_or(&[]);
            comma
                && matches!(
                    conj.lower.as_str(),
                    "while" | "though" | "although" | "whilst" | "despite" | "who" | "which"
                )
                && between
                    .iter()
                    .all(|w| is_auxiliary(&w.lower) || is_modal(&w.lower) || is_adverb(&w.lower))
        });
        // "Allies, backing Kyiv, remain reluctant …": a participle set off after its subject,
        // when the main verb follows the next comma.
        let participle = ws.get(i).is_some_and(|w| w.lower.ends_with("ing"))
            && i.checked_sub(1)
                .and_then(|k| ws.get(k))
                .is_some_and(|w| w.text == ",")
            && ws
                .iter()
                .position(|w| w.span.start >= content.start && w.text == ",")
                .is_some_and(|c| {
                    ws.get(c + 1)
                        .is_some_and(|n| is_auxiliary(&n.lower) || is_modal(&n.lower))
                        || self.cues.match_at(ws, c + 1, true).is_some()
                });
        let content = if set_off || participle {
            clip_at_comma(ws, content)
        } else {
            content
        };
        // "dismissed calls for guarantees as unrealistic": what is rejected ends at the
        // verdict on it.
        let content = if polarity == Polarity::Negative {
            clip_at_as(ws, content)
        } else {
            content
        };
        // The actor: a named subject before the cue (inside the quote when there is one),
        // else the quote's speaker, else the plain subject phrase.
        let (actor_name, actor_span, reported_by) = match (subject, quote) {
            (Some((name, span)), Some(q)) => {
                let speaker_is_document = document.as_ref().is_some_and(|(_, _, phrase)| {
                    q.speaker_span.is_some_and(|s| s.overlaps(*phrase))
                });
                let by = self
                    .speaker(doc, q)
                    .map(|(s, _)| s)
                    .filter(|s| *s != name && !speaker_is_document);
                (name, Some(span), by)
            }
            (Some((name, span)), None) => (name, Some(span), None),
            (None, Some(q)) => {
                // "Port operators proposed …, a mediator said": a group named as the subject
                // inside the statement holds it, its speaker reports it; a pronoun, the
                // speaker's own side ("his forces") or a bare "the <noun>" ("the bloc")
                // stands for the speaker, and a thing ("a durable peace") holds nothing.
                // Before a condition ("… would halt X only if …") the words are the
                // speaker's main clause, not a holder.
                // The subject of a relative clause ("the rules that the union wants") holds
                // what it is about, as a group or as a definite agent.
                let own = self.subject_phrase(doc, ws, floor, i).filter(|span| {
                    let written = span.slice(text);
                    let agent = relative
                        && !self.pronouns.contains_key(&written.to_lowercase())
                        && self.can_act(doc, written, Some(*span));
                    stance != Stance::Conditions && (self.is_group(written) || agent)
                });
                // In a speaker's own words, "the state" is someone else: no holder known; so
                // is the subject of a clause the speaker subordinates ("… while the state
                // refuses X"), unless the speaker speaks of itself.
                let other_side = self.subject_phrase(doc, ws, floor, i).is_some_and(|span| {
                    let written = span.slice(text).to_lowercase();
                    let definite =
                        written.starts_with("the ") && written.split_whitespace().count() <= 2;
                    let subordinate =
                        ws.iter()
                            .rfind(|w| w.span.end <= span.start)
                            .is_some_and(|w| {
                                matches!(
                                    w.lower.as_str(),
                                    "while"
                                        | "because"
                                        | "although"
                                        | "though"
                                        | "whereas"
                                        | "since"
                                        | "if"
                                        | "unless"
                                        | "whether"
                                        | "until"
                                        | "once"
                                )
                            });
                    let first_person = matches!(written.as_str(), "we" | "i");
                    let group = self.is_group(span.slice(text));
                    (q.direct && definite) || (subordinate && !first_person && !group)
                });
                if other_side {
                    return None;
                }
                match (own, self.speaker(doc, q)) {
                    (Some(span), by) => (span.slice(text).to_string(), Some(span), by.map(|b| b.0)),
                    (None, Some((name, span))) => (name, span, None),
                    (None, None) => return None,
                }
            }
            (None, None) => {
                // "Moscow … and has insisted that …": a stance verb that is also the cue of a
                // statement is held by the statement's speaker, when it is named (not a
                // pronoun) earlier in the same sentence.
                let named_before = |span: Span| {
                    unit.contains(span)
                        && span.end <= cue_span.start
                        && !self.pronouns.contains_key(&span.slice(text).to_lowercase())
                };
                let spoken = doc
                    .quotes
                    .iter()
                    .find(|q| q.cue_span.is_some_and(|c| c.overlaps(cue_span)))
                    .filter(|q| q.speaker_span.is_some_and(named_before))
                    .and_then(|q| self.speaker(doc, q));
                if let Some((name, span)) = spoken {
                    return Some(Found {
                        actor_name: name,
                        actor_span: span,
                        reported_by: None,
                        stance,
                        polarity,
                        content,
                    });
                }
                if let Some((name, span)) = self.shared_subject(doc, unit, ws, i) {
                    return Some(Found {
                        actor_name: name,
                        actor_span: Some(span),
                        reported_by: None,
                        stance,
                        polarity,
                        content,
                    });
                }
                let span = self.subject_phrase(doc, ws, floor, i)?;
                let written = span.slice(text);
                // A document whose author is unknown holds nothing itself.
                if written
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| self.documents.contains(&w.to_lowercase()))
                {
                    return None;
                }
                // Before a condition ("… a truce as long as …") the words are the main
                // clause's content, not a holder.
                if stance == Stance::Conditions
                    && !self.pronouns.contains_key(&written.to_lowercase())
                {
                    return None;
                }
                match self.pronouns.get(&written.to_lowercase()) {
                    // "She rejected …": the holder is the pronoun's antecedent.
                    Some(kinds) => {
                        let m = crate::quotes::antecedent(doc, span.start, kinds)?;
                        (m.text.clone(), Some(span), None)
                    }
                    None => (written.to_string(), Some(span), None),
                }
            }
        };
        Some(Found {
            actor_name,
            actor_span,
            reported_by,
            stance,
            polarity,
            content,
        })
    }

    /// The speaker of a quotation: its name, else the antecedent of the pronoun it is
    /// introduced by ("He said that …").
    fn speaker(&self, doc: &Doc, q: &Quote) -> Option<(String, Option<Span>)> {
        // "…,” Panama's negotiator, Ana Ruiz, told reporters": the name before "told" speaks,
        // not its listeners.
        let text = doc.article.text.as_str();
        if let Some(span) = q.speaker_span
            && text
                .get(..span.start)
                .is_some_and(|before| before.trim_end().ends_with(" told"))
        {
            let told = text.get(..span.start)?.trim_end().len() - "told".len();
            let from = q.content_span.start;
            let m = doc
                .mentions
                .iter()
                .filter(|m| m.span.start >= from && m.span.end <= told && can_hold(m.kind))
                .filter(|m| !self.is_nationality(m))
                .max_by_key(|m| (m.kind == Kind::Person, m.span.end))?;
            return Some((m.text.clone(), Some(m.span)));
        }
        // "PARIS - Chile said …": a dateline taken for the speaker stands for the subject
        // written after it.
        if let Some(span) = q.speaker_span
            && let Some(subject) = self.subject_after_dateline(doc, q, span)
        {
            return Some(subject);
        }
        // "Rice farmers in Java said …": the speaker is the group a place is said of.
        if let Some(span) = q.speaker_span
            && let Some(group) = self.group_before_place(doc, span)
        {
            return Some((group.slice(&doc.article.text).to_string(), Some(group)));
        }
        // "France, which has pledged …", "Chad, whose troops …": a relative pronoun stands
        // for the name before it.
        if let Some(span) = q.speaker_span
            && doc
                .article
                .text
                .get(span.start..span.end)
                .and_then(|w| w.split_whitespace().next())
                .is_some_and(|w| matches!(w, "which" | "who" | "whose"))
        {
            let text = doc.article.text.as_str();
            let m = doc.mentions.iter().rfind(|m| {
                m.span.end <= span.start
                    && can_hold(m.kind)
                    && text
                        .get(m.span.end..span.start)
                        .is_some_and(|between| matches!(between.trim(), "," | ""))
            })?;
            return Some((m.text.clone(), Some(m.span)));
        }
        // "its agriculture minister said": the speaker speaks for the possessive's antecedent.
        if let Some(span) = q.speaker_span
            && let Some(written) = doc.article.text.get(span.start..span.end)
            && let Some(kinds) = written.split_whitespace().next().and_then(|first| {
                match first.to_lowercase().as_str() {
                    "its" => self.pronouns.get("it"),
                    "their" => self.pronouns.get("they"),
                    _ => None,
                }
            })
        {
            // The sentence's first name of a fitting kind, its subject, else the nearest.
            let sentence = doc
                .sentence_at(span.start)
                .and_then(|k| doc.sentences.get(k))
                .map_or(span, |s| s.span);
            let m = doc
                .mentions
                .iter()
                .find(|m| {
                    // A dateline ("PARIS - …") is no subject.
                    let dateline = doc
                        .article
                        .text
                        .get(m.span.end..)
                        .is_some_and(|rest| rest.trim_start().starts_with(['-', '–', '—']));
                    m.span.start >= sentence.start
                        && m.span.end <= span.start
                        && kinds.contains(&m.kind)
                        && !dateline
                })
                .or_else(|| crate::quotes::antecedent(doc, span.start, kinds))?;
            return Some((m.text.clone(), Some(span)));
        }
        if let Some(name) = &q.speaker_name {
            return Some((name.clone(), q.speaker_span));
        }
        let span = q.speaker_span?;
        let written = doc.article.text.get(span.start..span.end)?;
        let kinds = self.pronouns.get(&written.to_lowercase())?;
        let m = crate::quotes::antecedent(doc, span.start, kinds)?;
        Some((m.text.clone(), Some(span)))
    }

    /// "Rice farmers in Java said …": when a quotation's speaker `span` is a place after "in"
    /// or "from" that follows the plural noun of a group opening the sentence (after any
    /// dateline), the span of the whole phrase. `None` otherwise.
    fn group_before_place(&self, doc: &Doc, span: Span) -> Option<Span> {
        let text = doc.article.text.as_str();
        let sentence = doc
            .sentence_at(span.start)
            .and_then(|k| doc.sentences.get(k))?;
        let ws = words::words(text, Span::new(sentence.span.start, span.start));
        // Past a dateline ("LIMA - ").
        let from = ws
            .iter()
            .position(|w| matches!(w.text, "-" | "–" | "—"))
            .filter(|&k| k <= 3)
            .map_or(0, |k| k + 1);
        let phrase = ws.get(from..)?;
        let (preposition, group) = phrase.split_last()?;
        if !matches!(preposition.lower.as_str(), "in" | "from") || group.len() > 3 {
            return None;
        }
        let plural_group = group.last().is_some_and(|w| self.counts_agents(&w.lower));
        let plain = group
            .iter()
            .all(|w| !w.is_punct() && !self.is_verb_filler(w));
        (plural_group && plain)
            .then(|| Span::new(group.first().map_or(span.start, |w| w.span.start), span.end))
    }

    /// "LIMA - The mining ministry said it would …": when a quotation's speaker `span` is the
    /// dateline opening its sentence, the subject written between the dateline's dash and the
    /// quotation's cue (past auxiliaries, adverbs and dates): the person named in it, else the
    /// phrase. `None` when the speaker is no dateline or no named subject follows it.
    fn subject_after_dateline(
        &self,
        doc: &Doc,
        q: &Quote,
        span: Span,
    ) -> Option<(String, Option<Span>)> {
        let text = doc.article.text.as_str();
        let sentence = doc
            .sentence_at(span.start)
            .and_then(|k| doc.sentences.get(k))?;
        let rest = text.get(span.end..)?;
        let dash = rest.len() - rest.trim_start().len();
        let opens = text_between_is_blank(text, sentence.span.start, span.start);
        if !opens || !rest.trim_start().starts_with(['-', '–', '—']) {
            return None;
        }
        let dash_end = span.end + dash + rest.trim_start().chars().next()?.len_utf8();
        let end = q
            .cue_span
            .map(|c| c.start)
            .filter(|&c| c <= q.content_span.start && c > dash_end)
            .unwrap_or(q.content_span.start);
        let ws = words::words(text, Span::new(dash_end, end));
        let dated = |w: &Word| doc.times.iter().any(|t| t.span.contains(w.span));
        let mut e = ws.len();
        while e > 0
            && ws.get(e - 1).is_some_and(|w| {
                self.is_verb_filler(w)
                    || dated(w)
                    || w.is_punct()
                    || matches!(w.lower.as_str(), "on" | "in" | "last" | "this")
            })
        {
            e -= 1;
        }
        let phrase = ws.get(..e).filter(|p| p.len() <= MAX_SUBJECT_WORDS)?;
        let subject = hull(phrase)?;
        let inside: Vec<&Mention> = doc
            .mentions
            .iter()
            .filter(|m| subject.contains(m.span) && can_hold(m.kind))
            .collect();
        // A phrase naming no one it knows holds only as a group of agents ("The dockers'
        // union").
        let agents = phrase
            .last()
            .is_some_and(|w| w.is_lowercase() && self.classes.names_agents(&singular(&w.lower)));
        let known = !inside.is_empty() || (agents && self.can_act(doc, subject.slice(text), None));
        if !known || phrase.iter().any(|w| w.lower == "that") {
            return None;
        }
        match inside.iter().find(|m| m.kind == Kind::Person) {
            Some(person) => Some((person.text.clone(), Some(person.span))),
            None => Some((subject.slice(text).to_string(), Some(subject))),
        }
    }

    /// "The American plan would require …", "the draft, presented by the envoy Lind, offers
    /// …": a document as the subject of the cue `ws[cue]` stands for its author, named inside
    /// its noun phrase (a name, else a nationality adjective), or after "by" in a parenthesis
    /// right after it: the author's name and span, and the document phrase's span. `None` when
    /// the subject is no document or names no author.
    fn document_author(
        &self,
        doc: &Doc,
        ws: &[Word],
        floor: usize,
        cue: usize,
    ) -> Option<(String, Span, Span)> {
        let mut e = cue;
        while e > 0 && ws.get(e - 1).is_some_and(|w| self.is_verb_filler(w)) {
            e -= 1;
        }
        // ", which was presented by …,": the noun phrase ends before the parenthesis.
        let mut parenthesis: &[Word] = &[];
        if ws.get(e.checked_sub(1)?)?.text == "," {
            let close = e - 1;
            let open = (close.saturating_sub(MAX_PARENTHESIS)..close)
                .rev()
                .find(|&k| ws.get(k).is_some_and(|w| w.text == ","))?;
            parenthesis = ws.get(open + 1..close)?;
            e = open;
        }
        let mut s = e;
        while s > 0
            && e - s < MAX_SUBJECT_WORDS
            && ws.get(s - 1).is_some_and(|w| {
                // Punctuation inside a word ("U.S.-drafted") belongs to the phrase.
                let glued = ws.get(s).is_some_and(|next| w.span.end == next.span.start);
                w.span.start >= floor
                    && (!w.is_punct() || (glued && s < e))
                    && !self.breaks.contains(&w.lower)
                    && w.lower != "that"
            })
        {
            s -= 1;
        }
        let phrase = ws.get(s..e)?;
        let noun = self.document_noun(phrase)?;
        let phrase_span = hull(phrase)?;
        if let Some((name, span)) = self.author_near(doc, phrase, noun) {
            return Some((name, span, phrase_span));
        }
        if let Some(by) = parenthesis.iter().position(|w| w.lower == "by") {
            let from = parenthesis.get(by + 1)?.span.start;
            let to = parenthesis.last()?.span.end;
            let author = doc.mentions.iter().find(|m| {
                m.span.start >= from
                    && m.span.end <= to
                    && can_hold(m.kind)
                    && !self.is_nationality(m)
            });
            if let Some(m) = author {
                return Some((m.text.clone(), m.span, phrase_span));
            }
        }
        // "the draft …" names no author: the same document written about earlier with one
        // ("a draft plan drawn up in Washington", "the American proposal").
        if !matches!(phrase.first()?.lower.as_str(), "the" | "this" | "that") {
            return None;
        }
        let text = doc.article.text.as_str();
        let before = words::words(text, Span::new(0, phrase_span.start));
        (0..before.len())
            .rev()
            .filter(|&k| {
                before
                    .get(k)
                    .is_some_and(|w| self.documents.contains(&w.lower))
            })
            .find_map(|k| {
                // The noun phrase: back to its determiner, across glued punctuation
                // ("a U.S.-drafted plan"), never past a preposition ("talks in Geneva on").
                let mut start = k;
                while start > 0 && k - start < MAX_SUBJECT_WORDS {
                    let (Some(w), Some(next)) = (before.get(start - 1), before.get(start)) else {
                        break;
                    };
                    let determiner =
                        matches!(w.lower.as_str(), "the" | "a" | "an" | "its" | "their");
                    let glued = w.span.end == next.span.start;
                    if (w.is_punct() && !glued)
                        || self.breaks.contains(&w.lower)
                        || (self.stopwords.contains(&w.lower) && !determiner)
                    {
                        break;
                    }
                    start -= 1;
                    if determiner {
                        break;
                    }
                }
                self.author_near(doc, before.get(start..)?, k - start)
            })
            .map(|(name, span)| (name, span, phrase_span))
    }

    /// A party named at the front of a hyphenated modifier ("a U.S.-drafted plan", "the
    /// EU-backed text"), which the mention finder does not split out: a name the knowledge
    /// base knows as exactly one party.
    fn glued_name(&self, doc: &Doc, head: Span) -> Option<(String, Span)> {
        let knowledge = self.knowledge.as_ref()?;
        let text = doc.article.text.get(head.start..head.end)?;
        let mut offset = 0;
        for token in text.split(' ') {
            let at = head.start + offset;
            offset += token.len() + 1;
            let Some((name, _)) = token.split_once('-') else {
                continue;
            };
            if !name.starts_with(char::is_uppercase) {
                continue;
            }
            if let [entry] = knowledge.lookup(name).as_slice()
                && can_hold(entry.kind)
            {
                return Some((entry.name.clone(), Span::new(at, at + name.len())));
            }
        }
        None
    }

    /// Where the document noun heads a subject phrase: its last word ("the American plan"),
    /// or a noun followed by a participle ("a counter-proposal circulated on Sunday").
    fn document_noun(&self, phrase: &[Word]) -> Option<usize> {
        if self.documents.contains(&phrase.last()?.lower) {
            return Some(phrase.len() - 1);
        }
        let k = phrase
            .iter()
            .rposition(|w| self.documents.contains(&w.lower))?;
        is_participle(&phrase.get(k + 1)?.lower).then_some(k)
    }

    /// The author of the document whose noun is `ws[noun]`: a name in its noun phrase
    /// (`ws[..=noun]`), else a nationality adjective there (its country), else a name after
    /// a participle and "by", "in" or "from" right after the noun ("drawn up in Washington").
    fn author_near(&self, doc: &Doc, ws: &[Word], noun: usize) -> Option<(String, Span)> {
        let head = hull(ws.get(..=noun)?)?;
        if let Some(m) = doc
            .mentions
            .iter()
            .find(|m| head.contains(m.span) && can_hold(m.kind) && !self.is_nationality(m))
        {
            return Some((m.text.clone(), m.span));
        }
        let country = ws.get(..=noun)?.iter().find_map(|w| {
            let country = self.knowledge.as_ref()?.demonym(w.text)?;
            w.is_capitalized().then(|| (country.name.clone(), w.span))
        });
        if country.is_some() {
            return country;
        }
        if let Some(glued) = self.glued_name(doc, head) {
            return Some(glued);
        }
        let mut k = noun + 1;
        if !is_participle(&ws.get(k)?.lower) {
            return None;
        }
        k += 1;
        if ws
            .get(k)
            .is_some_and(|w| matches!(w.lower.as_str(), "up" | "out"))
        {
            k += 1;
        }
        if !ws
            .get(k)
            .is_some_and(|w| matches!(w.lower.as_str(), "by" | "in" | "from"))
        {
            return None;
        }
        k += 1;
        while ws
            .get(k)
            .is_some_and(|w| matches!(w.lower.as_str(), "the" | "a" | "an"))
        {
            k += 1;
        }
        let at = ws.get(k)?.span;
        doc.mentions
            .iter()
            .find(|m| m.span.start == at.start && can_hold(m.kind) && !self.is_nationality(m))
            .map(|m| (m.text.clone(), m.span))
    }

    /// "Russian demands that …": a nationality adjective right before a stance noun stands
    /// for its country.
    fn country_before_noun(&self, ws: &[Word], cue: usize) -> Option<(String, Span)> {
        let w = ws.get(cue.checked_sub(1)?)?;
        if !w.is_capitalized() || !self.is_demonym(w.text) {
            return None;
        }
        let country = self.knowledge.as_ref()?.demonym(w.text)?;
        Some((country.name.clone(), w.span))
    }

    /// The holder named after "by" at `ws[start]` (within a few words): a mention that can
    /// hold a position, a nationality widened to its noun ("by Emirati officials").
    fn agent_mention(&self, doc: &Doc, ws: &[Word], start: usize) -> Option<(String, Span)> {
        let from = ws.get(start)?.span.start;
        let to = ws.get((start + 6).min(ws.len()) - 1)?.span.end;
        let m = doc
            .mentions
            .iter()
            .find(|m| m.span.start >= from && m.span.end <= to && can_hold(m.kind))?;
        let k = ws.iter().position(|w| w.span.end >= m.span.end)?;
        // Nothing but determiners between "by" and the mention.
        // Nothing but determiners between "by" and the mention, or a group of it ("by
        // mediators from Qatar").
        let between: Vec<&Word> = ws
            .get(start..)?
            .iter()
            .take_while(|w| w.span.end <= m.span.start)
            .collect();
        let between_ok = between
            .iter()
            .all(|w| matches!(w.lower.as_str(), "the" | "a" | "an"))
            || (between
                .last()
                .is_some_and(|w| matches!(w.lower.as_str(), "from" | "of"))
                && between.iter().all(|w| w.is_lowercase() && !w.is_punct()));
        if !between_ok {
            return None;
        }
        if self.is_nationality(m) {
            let noun = ws
                .get(k + 1)
                .filter(|w| w.is_lowercase() && !w.is_punct())?;
            let span = Span::new(m.span.start, noun.span.end);
            return Some((span.slice(&doc.article.text).to_string(), span));
        }
        Some((m.text.clone(), m.span))
    }

    /// The subject of a passive cue at `ws[cue]`: the words from the clause start to the
    /// auxiliary before the cue ("The recognition of Crimea was demanded").
    fn passive_subject(&self, ws: &[Word], floor: usize, cue: usize) -> Option<Span> {
        let mut e = cue;
        while e > 0 && ws.get(e - 1).is_some_and(|w| is_auxiliary(&w.lower)) {
            e -= 1;
        }
        if e == cue {
            // "the freeze offered by the operators": the noun right before the participle.
            let noun = ws.get(cue.checked_sub(1)?)?;
            if noun.is_punct() || !noun.is_lowercase() {
                return None;
            }
        }
        let mut s = e;
        while s > 0 {
            let Some(w) = ws.get(s - 1) else { break };
            if w.span.start < floor
                || (w.is_punct() && !matches!(w.text, "'" | "’" | "-"))
                || self.breaks.contains(&w.lower)
                || matches!(w.lower.as_str(), "that" | "which")
            {
                break;
            }
            s -= 1;
        }
        let phrase = ws.get(s..e)?;
        let has_word = phrase
            .iter()
            .any(|w| !w.is_punct() && !self.stopwords.contains(&w.lower));
        if has_word { hull(phrase) } else { None }
    }

    /// The phrase a relative clause starting before the holder at byte `holder` is about:
    /// "a prisoner swap, which Moscow resisted" → "a prisoner swap".
    ///
    /// With `reduced`, a relative clause with no pronoun counts too ("an offer the Kremlin
    /// has refused"): the antecedent then ends right before the holder.
    fn relative_antecedent(
        &self,
        ws: &[Word],
        floor: usize,
        holder: usize,
        reduced: bool,
    ) -> Option<Span> {
        let mut at = ws.iter().position(|w| w.span.start >= holder)?;
        // The holder's own article: "which the Kremlin has refused".
        while at > 0
            && ws
                .get(at - 1)
                .is_some_and(|w| matches!(w.lower.as_str(), "the" | "a" | "an"))
        {
            at -= 1;
        }
        let before = ws.get(at.checked_sub(1)?)?;
        let mut rel = if matches!(before.lower.as_str(), "which" | "that" | "whom") {
            at - 1
        } else if reduced
            && !before.is_punct()
            && before.is_lowercase()
            && !self.stopwords.contains(&before.lower)
            && !self.breaks.contains(&before.lower)
        {
            at
        } else {
            return None;
        };
        while rel > 0
            && ws
                .get(rel - 1)
                .is_some_and(|w| matches!(w.lower.as_str(), "but" | "and" | "," | "—"))
        {
            rel -= 1;
        }
        let mut s = rel;
        while s > 0 {
            let Some(w) = ws.get(s - 1) else { break };
            if w.span.start < floor || matches!(w.text, "," | ";" | ":" | "—" | "(" | ".") {
                break;
            }
            s -= 1;
        }
        // "Kyiv wants a prisoner exchange, which …": the antecedent follows any stance cue;
        // "a formula the plan endorses but which …": when the cue ends the phrase, it is the
        // verb of a relative clause of its own, and the antecedent ends before its subject.
        let mut end = rel;
        if let Some((cue_at, after_cue)) = (s..rel)
            .rev()
            .filter(|&k| !words::follows_determiner(ws, k))
            .find_map(|k| self.cues.match_at(ws, k, true).map(|(len, _)| (k, k + len)))
        {
            let rest = ws.get(after_cue..rel).unwrap_or(&[]);
            let empty = rest
                .iter()
                .all(|w| w.is_punct() || self.stopwords.contains(&w.lower));
            let subject = (s + 1..cue_at).rev().find(|&j| {
                ws.get(j)
                    .is_some_and(|w| matches!(w.lower.as_str(), "the" | "a" | "an"))
            });
            match subject {
                Some(j) if empty => end = j,
                _ => s = after_cue,
            }
        }
        let phrase = ws.get(s..end)?;
        let has_word = phrase
            .iter()
            .any(|w| !w.is_punct() && !self.stopwords.contains(&w.lower));
        if has_word { hull(phrase) } else { None }
    }

    /// The stance and polarity once a negation before the cue is taken into account
    /// ("does not support" → opposes, "will not accept" → rejects).
    fn negated(&self, ws: &[Word], i: usize, cue: StanceCue) -> (Stance, Polarity) {
        let negated = (i.saturating_sub(3)..i)
            .filter_map(|k| ws.get(k))
            .any(|w| self.negation.contains(&w.lower) || w.lower.ends_with("n't"));
        if !negated {
            return (cue.stance, cue.polarity);
        }
        let stance = match cue.stance {
            Stance::Supports => Stance::Opposes,
            Stance::Accepts | Stance::Offers | Stance::Proposes => Stance::Rejects,
            Stance::Rejects | Stance::Opposes => Stance::Accepts,
            other => other,
        };
        let polarity = match cue.polarity {
            Polarity::Positive => Polarity::Negative,
            Polarity::Negative => Polarity::Positive,
        };
        (stance, polarity)
    }

    /// The content after the cue, up to the end of its clause (and of the quote it sits in).
    fn content(&self, doc: &Doc, ws: &[Word], start: usize, quote: Option<&Quote>) -> Option<Span> {
        let limit = quote.map_or(usize::MAX, |q| q.content_span.end);
        // "rejected X and said Y": the cue of another statement ends the content.
        let cue_starts: Vec<usize> = doc
            .quotes
            .iter()
            .filter_map(|q| q.cue_span.map(|c| c.start))
            .collect();
        let mut s = start;
        // "that" opens a clause, unless it points at a position or a document ("rejected
        // that timetable").
        let pointing = |k: usize| {
            ws.get(k + 1).is_some_and(|n| {
                self.referents.contains_key(&n.lower) || self.documents.contains(&n.lower)
            })
        };
        while ws
            .get(s)
            .is_some_and(|w| w.is_punct() || (w.lower == "that" && !pointing(s)))
        {
            s += 1;
        }
        // "called on Tuesday for …", "demanded on Friday that …": the date between the verb
        // and its content belongs to neither.
        let dated = |w: &Word| doc.times.iter().any(|t| t.span.contains(w.span));
        let mut k = s;
        while ws
            .get(k)
            .is_some_and(|w| matches!(w.lower.as_str(), "on" | "in" | "last" | "this"))
        {
            k += 1;
        }
        if k > s || ws.get(k).is_some_and(dated) {
            let mut t = k;
            while ws.get(t).is_some_and(dated) {
                t += 1;
            }
            if t > k {
                s = t;
                while ws
                    .get(s)
                    .is_some_and(|w| w.is_punct() || matches!(w.lower.as_str(), "that" | "for"))
                {
                    s += 1;
                }
            }
        }
        // "… the deal the Commission wants, diplomats said": a cue whose clause ends at a
        // comma before a speech tag has no content after it.
        let tagged = ws.get(start).is_some_and(|w| w.text == ",")
            && (s..s + 4).any(|k| {
                ws.get(k)
                    .is_some_and(|w| cue_starts.contains(&w.span.start))
            });
        // "… supports some Russian demands, creating tensions with …": a cue that ends its
        // clause at a comma before a participle or a clause break has no content after it.
        let clause_ends = ws.get(start).is_some_and(|w| w.text == ",")
            && ws.get(start + 1).is_some_and(|n| {
                self.breaks.contains(&n.lower)
                    || (n.lower.ends_with("ing") && n.lower.len() > 5 && n.is_lowercase())
            });
        if tagged || clause_ends {
            return None;
        }
        let mut e = s;
        let mut open_quote = false;
        while let Some(w) = ws.get(e) {
            // A full stop glued to an abbreviation ("U.S.", "Gen.") ends nothing.
            let abbreviation = w.text == "."
                && e.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|p| {
                    p.span.end == w.span.start
                        && (p.text.contains('.')
                            || (p.text.chars().count() <= 3
                                && p.text.starts_with(char::is_uppercase)))
                })
                && ws.get(e + 1).is_some();
            if w.span.end > limit
                || (matches!(w.text, ";" | ":" | "—" | "–" | "." | "?" | "!") && !abbreviation)
            {
                break;
            }
            // A quotation mark glued to the word before it closes a quotation: one opened
            // inside the content ends there, one opened before ends the content.
            if matches!(w.text, "\"" | "”" | "“") {
                let closing = w.text == "”"
                    || (w.text == "\""
                        && e.checked_sub(1)
                            .and_then(|p| ws.get(p))
                            .is_some_and(|p| p.span.end == w.span.start));
                if closing && !open_quote && e > s {
                    break;
                }
                open_quote = !closing;
            }
            // ", warning that …" / ", adding …": a participle clause is another statement;
            // ", opposes …" after a parenthesis is the main verb coming back (a bare verb
            // continues a list: "cede X, accept Y").
            let finite_cue = |n: &Word| {
                (n.lower.ends_with('s') || n.lower.ends_with("ed"))
                    && self.cues.match_at(ws, e + 1, true).is_some()
            };
            // ", and enshrine …": a bare verb after ", and" goes on with a list of terms.
            let listed_verb = ws.get(e + 1).is_some_and(|n| n.lower == "and")
                && ws.get(e + 2).is_some_and(|v| {
                    v.is_lowercase()
                        && !v.is_punct()
                        && !v.lower.ends_with('s')
                        && !v.lower.ends_with("ed")
                        && !self.stopwords.contains(&v.lower)
                        && !is_auxiliary(&v.lower)
                        && !is_modal(&v.lower)
                        && !is_adverb(&v.lower)
                        && self.cues.match_at(ws, e + 2, true).is_none()
                });
            if w.text == ","
                && !listed_verb
                && (ws.get(e + 1).is_some_and(|n| {
                    self.breaks.contains(&n.lower)
                        || (n.lower.ends_with("ing") && n.lower.len() > 5 && n.is_lowercase())
                        || finite_cue(n)
                }) || comment_apposition(ws, e + 1))
            {
                break;
            }
            // "pledged jets should a truce be reached": an inverted condition ends it.
            if e > s && self.inverted_should(ws, e) {
                break;
            }
            // "… would not accept X unless Y": the condition is a position of its own.
            if e > s
                && self
                    .cues
                    .match_at(ws, e, true)
                    .is_some_and(|(_, c)| c.stance == Stance::Conditions)
            {
                break;
            }
            let next_is_cue = ws
                .get(e + 1)
                .is_some_and(|n| cue_starts.contains(&n.span.start));
            // "accepted some proposals and rejected others": a second stance verb.
            let next_is_stance = ws.get(e + 1).is_some_and(|n| {
                (n.lower.ends_with('s') || n.lower.ends_with("ed"))
                    && self.cues.match_at(ws, e + 1, true).is_some()
            });
            // "… offered a raise and would not reopen talks": another verb of the subject.
            let next_is_verb = ws
                .get(e + 1)
                .is_some_and(|n| is_auxiliary(&n.lower) || is_modal(&n.lower));
            if matches!(w.lower.as_str(), "and" | "but")
                && (next_is_cue || next_is_stance || next_is_verb)
            {
                break;
            }
            e += 1;
        }
        while e > s && ws.get(e - 1).is_some_and(|w| w.is_punct()) {
            e -= 1;
        }
        let has_word = ws
            .get(s..e)?
            .iter()
            .any(|w| !w.is_punct() && !self.stopwords.contains(&w.lower));
        if !has_word {
            return None;
        }
        Some(Span::new(ws.get(s)?.span.start, ws.get(e - 1)?.span.end))
    }

    /// A content cut before its first auxiliary, modal or "-ed" verb with an object ("angered
    /// Washington") after its first word: the verb of the clause a noun phrase is the
    /// subject of; unchanged when none.
    fn clip_at_verb(&self, ws: &[Word], content: Span) -> Span {
        let inside: Vec<&Word> = ws.iter().filter(|w| content.contains(w.span)).collect();
        let verb = (1..inside.len()).find(|&k| {
            let Some(w) = inside.get(k) else {
                return false;
            };
            let object = inside.get(k + 1).is_some_and(|n| {
                n.is_capitalized()
                    || matches!(n.lower.as_str(), "the" | "a" | "an" | "its" | "their")
            });
            is_auxiliary(&w.lower)
                || is_modal(&w.lower)
                || (w.is_lowercase()
                    && w.lower.ends_with("ed")
                    && w.lower.chars().count() > 4
                    && object)
        });
        let verb = verb.map(|k| k - 1);
        let Some(verb) = verb else {
            return content;
        };
        let kept = inside
            .get(..=verb)
            .unwrap_or(&[])
            .iter()
            .rev()
            .skip_while(|w| w.is_punct())
            .map(|w| w.span.end)
            .next();
        match kept {
            Some(end) if end > content.start => Span::new(content.start, end),
            _ => content,
        }
    }

    /// "Washington pushes Kyiv to accept X": when the subject found for the cue at `ws[i]`
    /// (at `object`) stands right before "to" and after a verb, it is that verb's object;
    /// the verb's subject, returned, demands what follows. `None` otherwise.
    fn pushed_object(
        &self,
        doc: &Doc,
        ws: &[Word],
        floor: usize,
        i: usize,
        object: Span,
    ) -> Option<(String, Span)> {
        let to = ws.get(i.checked_sub(1)?)?;
        let before_to = ws.get(i.checked_sub(2)?)?;
        if to.lower != "to" || before_to.span.end != object.end {
            return None;
        }
        let at = ws.iter().position(|w| w.span.start >= object.start)?;
        let verb_at = at.checked_sub(1)?;
        let verb = ws.get(verb_at)?;
        if !verb.is_lowercase() || verb.is_punct() || self.stopwords.contains(&verb.lower) {
            return None;
        }
        self.subject_mention(doc, ws, floor, verb_at)
    }

    /// The nearest mention that can hold a position between `ws[floor]` and the cue
    /// `ws[cue]`, with "Ukraine's allies"-style possessives widened to the phrase.
    fn subject_mention(
        &self,
        doc: &Doc,
        ws: &[Word],
        floor: usize,
        cue: usize,
    ) -> Option<(String, Span)> {
        let cue_start = ws.get(cue)?.span.start;
        let candidates = doc
            .mentions
            .iter()
            .rev()
            .filter(|m| m.span.start >= floor && m.span.end <= cue_start && can_hold(m.kind))
            .take(MAX_PARENTHESIS_MENTIONS);
        let boundary = |w: &Word| {
            matches!(w.text, "," | ";" | ":" | "-" | "–" | "—") || self.breaks.contains(&w.lower)
        };
        let mut subject = None;
        for m in candidates {
            let after: Vec<&Word> = ws
                .iter()
                .filter(|w| w.span.start >= m.span.end && w.span.end <= cue_start)
                .collect();
            if !after.iter().any(|w| boundary(w)) {
                subject = Some((m, after));
                break;
            }
            // "Russia, which opposes …", "Brazil, the host, urged …": a relative pronoun or
            // a parenthesis between the subject and its verb.
            if self.relative_or_parenthesis(&after) && !self.is_nationality(m) {
                return Some((m.text.clone(), m.span));
            }
            // "Danish farmers, who fear …, urged …": a name with its nouns before the
            // parenthesis.
            let nouns = self.head_nouns(&after);
            if nouns > 0
                && let Some(last) = after.get(nouns - 1)
                && self.relative_or_parenthesis(after.get(nouns..).unwrap_or(&[]))
            {
                let span = Span::new(m.span.start, last.span.end);
                return Some((span.slice(&doc.article.text).to_string(), span));
            }
            // "The premier, Jacinta Allan, rejected …": a name in apposition.
            let before_comma = ws
                .iter()
                .rfind(|w| w.span.end <= m.span.start)
                .is_some_and(|w| w.text == ",");
            let closes = after.first().is_some_and(|w| w.text == ",")
                && after.iter().skip(1).all(|w| self.is_verb_filler(w));
            if before_comma && closes && m.kind == Kind::Person {
                return Some((m.text.clone(), m.span));
            }
        }
        // A clause boundary between the mention and the cue means it is not the subject.
        let (m, after) = subject?;
        let possessive = after
            .first()
            .is_some_and(|w| matches!(w.lower.as_str(), "'s" | "'" | "s"))
            || m.text.ends_with("'s")
            || m.text.ends_with("’s")
            || doc
                .article
                .text
                .get(m.span.end..)
                .is_some_and(|rest| rest.starts_with("'s") || rest.starts_with("’s"));
        if possessive {
            let end = after
                .iter()
                .rev()
                .find(|w| !w.is_punct() && w.is_lowercase() && !self.negation.contains(&w.lower))
                .map_or(m.span.end, |w| w.span.end);
            let span = Span::new(m.span.start, end);
            return Some((span.slice(&doc.article.text).to_string(), span));
        }
        // "the US trade envoy has …": a place or body with the nouns of its agent.
        let nouns = self.head_nouns(&after);
        if nouns > 0
            && !self.is_nationality(m)
            && after
                .get(nouns..)
                .is_some_and(|rest| rest.iter().all(|w| self.is_verb_filler(w)))
            && let Some(last) = after.get(nouns - 1)
        {
            let span = Span::new(m.span.start, last.span.end);
            return Some((span.slice(&doc.article.text).to_string(), span));
        }
        if self.is_nationality(m) {
            // "Emirati officials offered": the nationality with its noun, never alone.
            let noun = after
                .iter()
                .rev()
                .find(|w| !w.is_punct() && w.is_lowercase() && !self.is_verb_filler(w))?;
            let span = Span::new(m.span.start, noun.span.end);
            return Some((span.slice(&doc.article.text).to_string(), span));
        }
        Some((m.text.clone(), m.span))
    }

    /// How many of the words right after a name are lowercase nouns ending in one that names
    /// agents ("trade envoy", "farmers"): up to three, else none.
    fn head_nouns(&self, after: &[&Word]) -> usize {
        let run = after
            .iter()
            .take(4)
            .take_while(|w| {
                !w.is_punct()
                    && w.is_lowercase()
                    && !self.is_verb_filler(w)
                    && !self.stopwords.contains(&w.lower)
                    && !self.breaks.contains(&w.lower)
                    && !self.pronouns.contains_key(&w.lower)
            })
            .count();
        let agent = after.get(run.wrapping_sub(1)).is_some_and(|w| {
            let noun = singular(&w.lower);
            !self.classes.classes(&noun, WordPos::Noun).is_empty()
                && self.classes.names_agents(&noun)
        });
        if (1..=3).contains(&run) && agent {
            run
        } else {
            0
        }
    }

    /// True when the words between a subject and its verb are a relative pronoun (", which
    /// has"), or a parenthesis between commas (", whose carmakers sell in China,"), followed
    /// only by auxiliaries, modals, adverbs and negations.
    fn relative_or_parenthesis(&self, after: &[&Word]) -> bool {
        let verbal = |w: &&Word| self.is_verb_filler(w);
        if after.first().is_none_or(|w| w.text != ",") {
            return false;
        }
        let relative = after
            .get(1)
            .is_some_and(|w| matches!(w.lower.as_str(), "which" | "who"));
        if relative && after.iter().skip(2).all(verbal) {
            return true;
        }
        // "Oslo, while backing the talks, …": the subject holds the participle of a
        // subordinate clause set off after it (the cue follows the conjunction).
        let subordinate = after.get(1).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "while" | "though" | "although" | "whilst" | "despite"
            )
        });
        if subordinate && after.len() == 2 {
            return true;
        }
        let Some(close) = after.iter().rposition(|w| w.text == ",") else {
            return false;
        };
        let inside = after.get(1..close).unwrap_or(&[]);
        close > 1
            && close <= MAX_PARENTHESIS
            && !inside
                .iter()
                .any(|w| matches!(w.text, "," | ";" | ":" | "-" | "–" | "—" | "\"" | "“" | "”"))
            && after.iter().skip(close + 1).all(verbal)
    }

    /// "… 30 unions signed the letter, with 12 of them pledging …": the quantified group
    /// before a participle cue after "with" holds it, named by its count and the plural noun
    /// counted earlier in the sentence ("12 unions"), else by the count as written. Its span
    /// is the count's.
    fn quantified_group(&self, ws: &[Word], floor: usize, cue: usize) -> Option<(String, Span)> {
        let participle = ws.get(cue)?.lower.ends_with("ing");
        let mut q = cue.checked_sub(1)?;
        let of_them = |k: usize| {
            ws.get(k).is_some_and(|w| w.lower == "them")
                && ws.get(k.wrapping_sub(1)).is_some_and(|w| w.lower == "of")
        };
        if of_them(q) {
            q = q.checked_sub(2)?;
        }
        let count = ws.get(q)?;
        let with = ws.get(q.checked_sub(1)?)?;
        // "…, with 13 calling for …" and "…, and 12 of them backed …" / "…; 21 pledged …":
        // a count opening a clause of its own after a list or a sentence's first clause.
        let opens = if participle {
            with.lower == "with"
        } else {
            matches!(with.text, "," | ";") || (with.lower == "and" && q >= 2)
        };
        if !opens || !is_count(&count.lower) {
            return None;
        }
        // The plural noun phrase after the latest number before "with": "30 unions had
        // signed" → "unions".
        let counted = (0..q - 1).rev().find_map(|k| {
            let number = ws.get(k).filter(|w| w.span.start >= floor)?;
            if !is_count(&number.lower) {
                return None;
            }
            let noun: Vec<&Word> = ws
                .get(k + 1..q - 1)?
                .iter()
                .take_while(|w| {
                    !w.is_punct()
                        && !self.is_verb_filler(w)
                        && (!self.stopwords.contains(&w.lower) || self.counts_agents(&w.lower))
                        && !self.breaks.contains(&w.lower)
                })
                .take(3)
                .collect();
            let head = noun.last()?;
            self.counts_agents(&head.lower)
                .then(|| noun.iter().map(|w| w.text).collect::<Vec<_>>().join(" "))
        });
        let name = match counted {
            Some(noun) => format!("{} {noun}", count.text),
            None => count.text.to_string(),
        };
        Some((name, count.span))
    }

    /// "… tensions with Gulf states that favour a truce": the group a relative pronoun right
    /// before the cue stands for holds the cue's stance, not the clause it hangs on: the
    /// words before the pronoun back to a comma or a function word, when they name a group.
    fn relative_subject(&self, ws: &[Word], floor: usize, cue: usize) -> Option<(String, Span)> {
        let mut k = cue;
        while k > 0 && ws.get(k - 1).is_some_and(|w| self.is_verb_filler(w)) {
            k -= 1;
        }
        let pronoun = ws.get(k.checked_sub(1)?)?;
        if !matches!(pronoun.lower.as_str(), "that" | "who" | "which") {
            return None;
        }
        let end = k - 1;
        let mut s = end;
        while s > 0 && end - s < 4 {
            let Some(w) = ws.get(s - 1) else { break };
            // A function word or a verb form ("sidelining", "joined") ends the phrase.
            let function = w.is_lowercase()
                && (self.stopwords.contains(&w.lower)
                    || w.lower.ends_with("ing")
                    || w.lower.ends_with("ed"))
                || self.breaks.contains(&w.lower);
            if w.span.start < floor || w.is_punct() || function {
                break;
            }
            s -= 1;
        }
        let phrase = ws.get(s..end)?;
        let span = hull(phrase)?;
        let written: String = phrase.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
        let agents = phrase
            .last()
            .is_some_and(|w| w.is_capitalized() || self.counts_agents(&w.lower));
        (agents && self.is_group(&written)).then_some((written, span))
    }

    /// "the army's demand for …", "the commission's push for …": the possessor right before
    /// a stance noun holds it: the mention there, else the words from their article.
    fn possessor(
        &self,
        doc: &Doc,
        ws: &[Word],
        floor: usize,
        cue: usize,
    ) -> Option<(String, Span)> {
        let end = cue.checked_sub(1)?;
        let last = ws.get(end)?;
        let bare = last
            .text
            .strip_suffix("'s")
            .or_else(|| last.text.strip_suffix("’s"))?;
        if bare.is_empty() || self.pronouns.contains_key(&bare.to_lowercase()) {
            return None;
        }
        if let Some(m) = doc
            .mentions
            .iter()
            .find(|m| m.span.overlaps(last.span) && can_hold(m.kind))
        {
            return (!self.is_nationality(m)).then(|| (m.text.clone(), m.span));
        }
        let mut s = end;
        while s > 0 && end - s < 3 {
            let Some(w) = ws.get(s - 1) else { break };
            if w.span.start < floor || w.is_punct() || self.cues.match_at(ws, s - 1, true).is_some()
            {
                break;
            }
            s -= 1;
            if matches!(w.lower.as_str(), "the" | "a" | "an") {
                break;
            }
        }
        let first = ws.get(s)?;
        if !matches!(first.lower.as_str(), "the" | "a" | "an") && !first.is_capitalized() {
            return None;
        }
        let span = Span::new(
            first.span.start,
            last.span.end - (last.text.len() - bare.len()),
        );
        Some((span.slice(&doc.article.text).to_string(), span))
    }

    /// The words right before the cue that name its subject ("Several European capitals"),
    /// when no mention does.
    fn subject_phrase(&self, doc: &Doc, ws: &[Word], floor: usize, cue: usize) -> Option<Span> {
        let mut e = cue;
        while e > 0
            && ws.get(e - 1).is_some_and(|w| {
                matches!(
                    w.lower.as_str(),
                    "also"
                        | "has"
                        | "have"
                        | "had"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "will"
                        | "would"
                        | "still"
                        | "now"
                        | "again"
                        | "firmly"
                        | "strongly"
                ) || self.negation.contains(&w.lower)
            })
        {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && e - s < 6 {
            let Some(w) = ws.get(s - 1) else { break };
            // "Doctors' unions": a plural possessive's apostrophe belongs to the phrase.
            let apostrophe = matches!(w.text, "'" | "’")
                && s >= 2
                && ws.get(s - 2).is_some_and(|p| p.span.end == w.span.start);
            if w.span.start < floor
                || (w.is_punct() && !apostrophe)
                || self.cues.match_at(ws, s - 1, true).is_some()
                || self.breaks.contains(&w.lower)
                || w.lower == "that"
            {
                break;
            }
            s -= 1;
        }
        // "Small island states on Thursday called for …": a time expression ends the subject.
        let dated = |k: &usize| {
            ws.get(*k)
                .is_some_and(|w| doc.times.iter().any(|t| t.span.contains(w.span)))
        };
        if let Some(k) = (s..e).find(dated) {
            e = k;
            while e > s
                && ws.get(e - 1).is_some_and(|w| {
                    matches!(
                        w.lower.as_str(),
                        "on" | "in"
                            | "at"
                            | "by"
                            | "during"
                            | "since"
                            | "last"
                            | "this"
                            | "earlier"
                    )
                })
            {
                e -= 1;
            }
        }
        let phrase = ws.get(s..e)?;
        let first = phrase.first()?;
        let last = phrase.last()?;
        // Only a phrase with a name in it ("Several European capitals") holds a position;
        // vague or broken ones ("the sources", "Several ministers", "The 28-point") do not.
        // A nationality adjective ("largely followed Russian") names no one.
        let nationality = |w: &Word| {
            self.is_demonym(w.text)
                || doc
                    .mentions
                    .iter()
                    .any(|m| self.is_nationality(m) && m.span.contains(w.span))
        };
        let named = phrase.iter().enumerate().any(|(k, w)| {
            w.is_capitalized() && (k > 0 || !is_quantifier(&w.lower)) && !nationality(w)
        });
        let nominal = named
            || ((last.lower.ends_with('s') || matches!(first.lower.as_str(), "the" | "a" | "an"))
                && !is_quantifier(&first.lower));
        // "26 countries pledged …": a counted group of agents is a holder; other numbers
        // ("The 28-point") make no name.
        let counted = is_count(&first.lower) && self.counts_agents(&last.lower);
        let numeric = !counted
            && phrase
                .iter()
                .any(|w| w.text.chars().any(|c| c.is_ascii_digit()));
        let reporting = self.reporters.contains(&last.lower);
        let pronoun = phrase.len() == 1 && self.pronouns.contains_key(&last.lower);
        let span = Span::new(first.span.start, last.span.end);
        let empty = !counted && self.stopwords.contains(&last.lower);
        (pronoun || (nominal && !numeric && !reporting && !empty)).then_some(span)
    }

    /// True when a holder can act: a name (a capitalised word other than a function word
    /// opening a sentence, or a mention inside), a pronoun, or a phrase whose last word names
    /// people ("the experts"); not a thing or an act ("this flexibility", "such talks").
    fn can_act(&self, doc: &Doc, name: &str, span: Option<Span>) -> bool {
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some(last) = words.last() else {
            return true;
        };
        let last = last.to_lowercase();
        let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        let named = words.iter().skip(1).any(capitalised)
            || (words.len() > 1
                && words.first().is_some_and(|w| {
                    capitalised(w) && !self.stopwords.contains(&w.to_lowercase())
                }))
            || span.is_some_and(|s| doc.mentions.iter().any(|m| m.span.overlaps(s)));
        named
            || name == UNATTRIBUTED
            || self.pronouns.contains_key(&last)
            || self.is_reporter(name)
            || self.classes.names_agents(&last)
    }

    /// True when a plural noun counts agents ("countries", "unions"), as after a number.
    fn counts_agents(&self, noun: &str) -> bool {
        noun.ends_with('s')
            && noun.chars().count() > 4
            && self.classes.names_agents(&singular(noun))
    }

    /// How many words of `content` characterise it (neither stopwords nor short).
    fn content_words(&self, content: &str) -> usize {
        words::words(content, Span::new(0, content.len()))
            .iter()
            .filter(|w| {
                !w.is_punct() && w.lower.chars().count() > 2 && !self.stopwords.contains(&w.lower)
            })
            .count()
    }

    /// The label of a content outside the taxonomy: its head noun phrase, a short phrase a
    /// reader understands ("a trilateral summit involving …" → "trilateral summit"). It is
    /// the content's first run of words that are no stopwords, no punctuation and no
    /// participle, after a verb that opens it ("to join round-table talks" → "round-table
    /// talks"; "Lima return the boats" → "boat"), of at most [`MAX_LABEL_WORDS`] words.
    /// Names keep their capitals (a capital at the start of a sentence, when
    /// `opens_sentence`, is none); other words are lowercased, the last in the singular.
    fn group_key(&self, content: &str, opens_sentence: bool) -> String {
        let ws: Vec<Word> = words::words(content, Span::new(0, content.len()));
        let skip = |k: usize| {
            let mut k = k;
            while ws
                .get(k)
                .is_some_and(|w| !w.is_punct() && self.stopwords.contains(&w.lower))
            {
                k += 1;
            }
            k
        };
        // Past punctuation and function words at the start ("however, that …").
        let mut start = 0;
        while ws
            .get(start)
            .is_some_and(|w| w.is_punct() || self.stopwords.contains(&w.lower))
        {
            start += 1;
        }
        // A clause as content ("Lima return the boats"): past its subject's name.
        let mut name_end = start;
        while ws
            .get(name_end)
            .is_some_and(|w| !w.is_punct() && w.is_capitalized())
        {
            name_end += 1;
        }
        if name_end > start && self.opens_with_verb(&ws, name_end) {
            start = name_end;
        }
        // The verb stands for the content when nothing follows it ("to mediate").
        let mut verb = None;
        if self.opens_with_verb(&ws, start) {
            verb = ws.get(start).map(|w| w.lower.clone());
            start = skip(start + 1);
        }
        let run: Vec<&Word> = ws
            .iter()
            .skip(start)
            .enumerate()
            .take_while(|(n, w)| {
                let participle = *n > 0 && w.is_lowercase() && w.lower.ends_with("ing");
                !w.is_punct() && !self.stopwords.contains(&w.lower) && !participle
            })
            .map(|(_, w)| w)
            .take(MAX_LABEL_WORDS)
            .collect();
        let last = run.len().saturating_sub(1);
        let shown: Vec<String> = run
            .iter()
            .enumerate()
            .map(|(n, w)| {
                let written = w.text;
                let written = written
                    .strip_suffix("'s")
                    .or_else(|| written.strip_suffix("’s"))
                    .unwrap_or(written);
                let at_start = opens_sentence && start + n == 0;
                if !at_start && written.starts_with(char::is_uppercase) {
                    written.to_string()
                } else if n == last {
                    singular(&written.to_lowercase())
                } else {
                    written.to_lowercase()
                }
            })
            .filter(|w| !w.is_empty())
            .collect();
        if !shown.is_empty() {
            shown.join(" ")
        } else {
            verb.unwrap_or_else(|| "misc".to_string())
        }
    }

    /// True when `ws[k]` is a verb opening a content: a lowercase word WordNet knows only
    /// as a verb ("mediate"), or as a verb and a noun when a determiner or possessive
    /// follows it ("dictate the terms", "join its neighbours").
    fn opens_with_verb(&self, ws: &[Word], k: usize) -> bool {
        let Some(w) = ws.get(k) else {
            return false;
        };
        if w.is_punct() || !w.is_lowercase() || self.stopwords.contains(&w.lower) {
            return false;
        }
        if self.classes.classes(&w.lower, WordPos::Verb).is_empty() {
            return false;
        }
        let determiner = ws.get(k + 1).is_some_and(|n| {
            matches!(
                n.lower.as_str(),
                "a" | "an"
                    | "the"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "any"
                    | "all"
                    | "some"
                    | "this"
                    | "these"
                    | "those"
                    | "new"
                    | "more"
            )
        });
        // "lasting solutions", "frozen assets": a participle before its noun describes it.
        let participle = w.lower.ends_with("ing") || w.lower.ends_with("ed");
        determiner || (!participle && self.classes.classes(&w.lower, WordPos::Noun).is_empty())
    }

    /// One label for similar contents outside the taxonomy: the `other: …` labels of a
    /// document that share their last word (the head noun: "trilateral summit" and
    /// "summit") become the label of the group's most central content, the one sharing
    /// most words with the others (the earliest on a tie).
    fn share_labels(&self, positions: &mut [Position]) {
        let head = |issue: &str| {
            issue
                .strip_prefix("other: ")
                .and_then(|l| l.rsplit(' ').next())
                .map(str::to_lowercase)
        };
        let content_words = |text: &str| -> HashSet<String> {
            words::words(text, Span::new(0, text.len()))
                .iter()
                .filter(|w| !w.is_punct() && !self.stopwords.contains(&w.lower))
                .map(|w| stem(&w.lower))
                .collect()
        };
        let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, p) in positions.iter().enumerate() {
            if let Some(h) = head(&p.issue).filter(|h| h != "misc") {
                groups.entry(h).or_default().push(k);
            }
        }
        for members in groups.values() {
            let labels: HashSet<&str> = members
                .iter()
                .filter_map(|&k| positions.get(k).map(|p| p.issue.as_str()))
                .collect();
            if labels.len() < 2 {
                continue;
            }
            let bags: Vec<HashSet<String>> = members
                .iter()
                .map(|&k| {
                    positions
                        .get(k)
                        .map_or_else(HashSet::new, |p| content_words(&p.text))
                })
                .collect();
            let centrality = |a: usize| -> usize {
                let Some(bag) = bags.get(a) else { return 0 };
                bags.iter()
                    .enumerate()
                    .filter(|(b, _)| *b != a)
                    .map(|(_, other)| bag.intersection(other).count())
                    .sum()
            };
            let best = (0..members.len())
                .max_by(|&a, &b| centrality(a).cmp(&centrality(b)).then(b.cmp(&a)));
            let Some(label) = best
                .and_then(|b| members.get(b))
                .and_then(|&k| positions.get(k))
                .map(|p| p.issue.clone())
            else {
                continue;
            };
            for &k in members {
                if let Some(p) = positions.get_mut(k) {
                    p.issue = label.clone();
                }
            }
        }
    }
}

/// Function words that cannot end a holder's name.
const DANGLING: &[&str] = &[
    "the", "a", "an", "of", "on", "in", "by", "for", "to", "with", "and", "or", "at", "from",
    // Auxiliaries a subject phrase took from its verb ("the president's office has").
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "also",
];

/// Punctuation and quotation marks that cling to a holder phrase cut from quoted text.
const CLINGING: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»', ',', ';', ':', ' '];

/// A holder's name without quotation marks or punctuation at either end, nor function words
/// left dangling at its end by a phrase cut short ("Leaders of the Council of the").
fn trim_holder(name: &str) -> &str {
    let mut name = name.trim_matches(CLINGING);
    while let Some((head, last)) = name.rsplit_once(' ') {
        if !DANGLING.contains(&last.to_lowercase().as_str()) {
            break;
        }
        name = head.trim_matches(CLINGING);
    }
    name
}

/// A holder's name and span, each trimmed by [`trim_holder`] (`European leaders "` →
/// `European leaders`).
fn tidy_holder(text: &str, name: &str, span: Option<Span>) -> (String, Option<Span>) {
    let tidy = trim_holder(name).to_string();
    let span = span.map(|span| {
        let slice = span.slice(text);
        let head = slice.len() - slice.trim_start_matches(CLINGING).len();
        let kept = trim_holder(slice).len();
        if kept > 0 {
            Span::new(span.start + head, span.start + head + kept)
        } else {
            span
        }
    });
    (tidy, span)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod held_out;
