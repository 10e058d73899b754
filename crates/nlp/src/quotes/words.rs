//! Small word-level helpers shared by the quote, position and event finders: a word scanner
//! over byte spans, a multi-word phrase matcher and the TOML lexicon loader.

use rustc_hash::FxHashMap;

use dragoman_model::{Doc, Span};
use serde::de::DeserializeOwned;

use crate::NlpError;

/// One word or punctuation mark of a text.
#[derive(Debug, Clone)]
pub(crate) struct Word<'a> {
    /// Where it is written.
    pub span: Span,
    /// As written.
    pub text: &'a str,
    /// Lowercased.
    pub lower: String,
}

impl Word<'_> {
    /// True for a punctuation mark or symbol.
    pub fn is_punct(&self) -> bool {
        !self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// True when the first letter is uppercase.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// True when the word has no uppercase letter.
    pub fn is_lowercase(&self) -> bool {
        !self.text.chars().any(char::is_uppercase)
    }
}

/// True for a combining mark (accents written as separate code points).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}')
}

/// The words of `text` inside `span` (an empty list when `span` is off char boundaries):
/// runs of letters and digits (with combining marks, and with apostrophes, periods and
/// hyphens between two of them), and single punctuation characters.
pub(crate) fn words(text: &str, span: Span) -> Vec<Word<'_>> {
    let Some(part) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(part.len() / 5);
    let mut chars = part.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(j, d)) = chars.peek() {
                let joiner = matches!(d, '\'' | '’' | '.' | '-');
                let inner = d.is_alphanumeric()
                    || is_mark(d)
                    || (joiner
                        && part
                            .get(j + d.len_utf8()..)
                            .and_then(|rest| rest.chars().next())
                            .is_some_and(char::is_alphanumeric));
                if !inner {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        // An abbreviation keeps its period ("U.S.", "Mr.") unless the period ends the unit,
        // where it also ends the sentence.
        if crate::text::owns_next_period(part.get(i..end).unwrap_or(""))
            && part.get(end..).is_some_and(|rest| {
                rest.starts_with('.') && !rest.get(1..).unwrap_or("").trim().is_empty()
            })
        {
            end += 1;
            chars.next();
        }
        let word = part.get(i..end).unwrap_or("");
        let mut lower = if word.is_ascii() {
            word.to_ascii_lowercase()
        } else {
            word.to_lowercase()
        };
        if lower.contains('’') {
            lower = lower.replace('’', "'");
        }
        out.push(Word {
            span: Span::new(span.start + i, span.start + end),
            text: word,
            lower,
        });
    }
    out
}

/// The units a finder works on: the document's sentences, or its paragraphs (or the whole
/// text) when sentences are not set.
pub(crate) fn units(doc: &Doc) -> Vec<Span> {
    if !doc.sentences.is_empty() {
        return doc.sentences.iter().map(|s| s.span).collect();
    }
    if !doc.article.paragraphs.is_empty() {
        return doc.article.paragraphs.clone();
    }
    vec![Span::new(0, doc.article.text.len())]
}

/// The words of every unit of a document (see [`units`]), computed once and shared by the
/// quote, position and event finders of one annotation pass.
pub(crate) struct Tokens<'a> {
    units: Vec<(Span, Vec<Word<'a>>)>,
}

impl<'a> Tokens<'a> {
    /// Tokenises the units of `doc`, whose article text is `text`.
    pub fn new(doc: &Doc, text: &'a str) -> Self {
        Tokens {
            units: units(doc)
                .into_iter()
                .map(|unit| (unit, words(text, unit)))
                .collect(),
        }
    }

    /// Each unit with its words, in order.
    pub fn iter(&self) -> impl Iterator<Item = (Span, &[Word<'a>])> {
        self.units.iter().map(|(unit, ws)| (*unit, ws.as_slice()))
    }
}

/// The spans of the sentences overlapping `span` (or `span` itself when none does).
pub(crate) fn covering_sentences(doc: &Doc, span: Span) -> Vec<Span> {
    let found: Vec<Span> = units(doc)
        .into_iter()
        .filter(|s| s.overlaps(span) || (span.is_empty() && s.contains(span)))
        .collect();
    if found.is_empty() { vec![span] } else { found }
}

/// True when the word before `ws[i]` makes it a noun ("the press", "military support").
pub(crate) fn follows_determiner(ws: &[Word], i: usize) -> bool {
    i.checked_sub(1).and_then(|p| ws.get(p)).is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "of"
                | "for"
                | "more"
                | "with"
                | "military"
                | "financial"
                | "political"
                | "public"
                | "without"
                | "this"
                | "that"
                | "such"
                | "western"
                | "international"
                | "by"
                | "in"
        )
    })
}

/// One word of a keyword: exact, or a prefix when written with a trailing `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// The word itself.
    Exact(String),
    /// Any word starting so.
    Prefix(String),
}

impl Pattern {
    /// True when `word` (lowercased) fits the pattern.
    pub fn matches(&self, word: &str) -> bool {
        match self {
            Pattern::Exact(w) => w == word,
            Pattern::Prefix(p) => word.starts_with(p.as_str()),
        }
    }
}

/// Splits a keyword into word patterns.
pub(crate) fn keyword_patterns(keyword: &str) -> Vec<Pattern> {
    keyword
        .split_whitespace()
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('*') {
                Some(p) => Pattern::Prefix(p.to_string()),
                None => Pattern::Exact(w),
            }
        })
        .collect()
}

/// Keyword phrases made of [`Pattern`]s, each with a value, matched at a word position.
#[derive(Debug, Clone)]
pub(crate) struct Keywords<V> {
    by_first: FxHashMap<String, Vec<(Vec<Pattern>, V)>>,
    prefixed: Vec<(Vec<Pattern>, V)>,
}

impl<V> Default for Keywords<V> {
    fn default() -> Self {
        Keywords {
            by_first: FxHashMap::default(),
            prefixed: Vec::new(),
        }
    }
}

impl<V> Keywords<V> {
    /// Adds a keyword (`*` at a word's end matches any ending).
    pub fn insert(&mut self, keyword: &str, value: V) {
        let patterns = keyword_patterns(keyword);
        match patterns.first() {
            Some(Pattern::Exact(w)) => self
                .by_first
                .entry(w.clone())
                .or_default()
                .push((patterns, value)),
            Some(Pattern::Prefix(_)) => self.prefixed.push((patterns, value)),
            None => {}
        }
    }

    /// The longest keyword starting at `words[i]`, written in lowercase there (a capital
    /// is allowed on the first word of a sentence): its length in words and its value.
    pub fn match_at(&self, words: &[Word], i: usize) -> Option<(usize, &V)> {
        let first = words.get(i)?;
        let exact = self.by_first.get(&first.lower).into_iter().flatten();
        exact
            .chain(self.prefixed.iter())
            .filter(|(patterns, _)| {
                words.get(i..i + patterns.len()).is_some_and(|window| {
                    window.iter().zip(patterns).enumerate().all(|(k, (w, p))| {
                        p.matches(&w.lower) && (w.is_lowercase() || (k == 0 && i == 0))
                    })
                })
            })
            .max_by_key(|(patterns, _)| patterns.len())
            .map(|(patterns, value)| (patterns.len(), value))
    }
}

/// Parses one embedded or user TOML lexicon.
pub(crate) fn parse_lexicon<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, NlpError> {
    toml::from_str(text).map_err(|e| NlpError::Lexicon {
        name: name.to_string(),
        message: e.to_string(),
    })
}

/// A set of multi-word phrases matched word by word, longest first.
#[derive(Debug, Clone)]
pub(crate) struct Phrases<V> {
    by_first: FxHashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases {
            by_first: FxHashMap::default(),
        }
    }
}

impl<V> Phrases<V> {
    /// Adds a phrase (split on white space, lowercased) with its value.
    pub fn insert(&mut self, phrase: &str, value: V) {
        let parts: Vec<String> = phrase
            .split_whitespace()
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect();
        let Some(first) = parts.first().cloned() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        list.push((parts, value));
        list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    }

    /// The longest phrase starting at `words[i]`: its length in words and its value. With
    /// `lowercase_only`, every matched word must be written in lowercase (a capitalised
    /// first word is allowed at the start of a sentence).
    pub fn match_at(&self, words: &[Word], i: usize, lowercase_only: bool) -> Option<(usize, &V)> {
        let first = words.get(i)?;
        let list = self.by_first.get(&first.lower)?;
        list.iter().find_map(|(parts, value)| {
            let window = words.get(i..i + parts.len())?;
            let ok = window.iter().zip(parts).enumerate().all(|(k, (w, p))| {
                w.lower == *p && (!lowercase_only || w.is_lowercase() || (k == 0 && i == 0))
            });
            ok.then_some((parts.len(), value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_joiners_and_offsets() {
        let text = "«U.S. envoy’s re-run» — Kyiv's 2,5 naïve Mr. Lee";
        let ws = words(text, Span::new(0, text.len()));
        let got: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert_eq!(
            got,
            [
                "«",
                "U.S.",
                "envoy’s",
                "re-run",
                "»",
                "—",
                "Kyiv's",
                "2",
                ",",
                "5",
                "naïve",
                "Mr.",
                "Lee"
            ]
        );
        assert_eq!(ws[2].lower, "envoy's");
        assert!(ws.iter().all(|w| w.span.slice(text) == w.text));
        assert!(words(text, Span::new(1, 3)).is_empty());
        // At the end of a unit the period stays a word of its own: it ends the sentence.
        let end = "Talks resumed in the U.S.";
        let last: Vec<&str> = words(end, Span::new(0, end.len()))
            .iter()
            .rev()
            .take(2)
            .map(|w| w.text)
            .collect();
        assert_eq!(last, [".", "U.S"]);
    }
}
