//! Scoring event typing against PLOVER-coded records: a JSON array of objects with at least
//! `"event"` (the PLOVER category, e.g. `"AGREE"`) and `"text"` (the sentence). Records of
//! category `DOCUMENT` or without text are skipped. Each sentence is typed by
//! [`EventFinder::plover_category`]; a sentence with no category counts as a miss.

use std::collections::{BTreeMap, BTreeSet};

use super::EventFinder;
use crate::NlpError;

/// Per-category counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CategoryCounts {
    /// Sentences of this category typed as it.
    pub true_positives: usize,
    /// Sentences of another category (or none) typed as this one.
    pub false_positives: usize,
    /// Sentences of this category typed otherwise (or not at all).
    pub false_negatives: usize,
}

impl CategoryCounts {
    /// F1 of this category.
    pub fn f1(&self) -> f64 {
        let denominator = 2 * self.true_positives + self.false_positives + self.false_negatives;
        if denominator == 0 {
            0.0
        } else {
            2.0 * self.true_positives as f64 / denominator as f64
        }
    }
}

/// How well sentences are typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PloverScores {
    /// Records scored.
    pub total: usize,
    /// Records typed with their gold category.
    pub correct: usize,
    /// Records given no category at all.
    pub untyped: usize,
    /// `correct / total`.
    pub accuracy: f64,
    /// Mean F1 over the gold categories.
    pub macro_f1: f64,
    /// Counts per category (gold or predicted), by name.
    pub categories: BTreeMap<String, CategoryCounts>,
}

/// Scores `finder` on PLOVER records given as JSON text.
pub fn eval_plover(json: &str, finder: &EventFinder) -> Result<PloverScores, NlpError> {
    let records = parse_records(json)?;
    let mut scores = PloverScores::default();
    let mut gold_categories = BTreeSet::new();
    for (gold, text) in records {
        if gold == "DOCUMENT" {
            continue;
        }
        scores.total += 1;
        gold_categories.insert(gold.clone());
        let predicted = finder.plover_category(&text);
        match predicted {
            Some(p) if p == gold => {
                scores.correct += 1;
                scores.categories.entry(gold).or_default().true_positives += 1;
            }
            Some(p) => {
                scores
                    .categories
                    .entry(p.to_string())
                    .or_default()
                    .false_positives += 1;
                scores.categories.entry(gold).or_default().false_negatives += 1;
            }
            None => {
                scores.untyped += 1;
                scores.categories.entry(gold).or_default().false_negatives += 1;
            }
        }
    }
    if scores.total > 0 {
        scores.accuracy = scores.correct as f64 / scores.total as f64;
    }
    if !gold_categories.is_empty() {
        let sum: f64 = gold_categories
            .iter()
            .map(|c| scores.categories.get(c).map_or(0.0, CategoryCounts::f1))
            .sum();
        scores.macro_f1 = sum / gold_categories.len() as f64;
    }
    Ok(scores)
}

/// The `(event, text)` pairs of a JSON array of records.
fn parse_records(json: &str) -> Result<Vec<(String, String)>, NlpError> {
    let mut parser = Parser {
        bytes: json.as_bytes(),
        text: json,
        at: 0,
    };
    let value = parser.value()?;
    parser.skip_space();
    if parser.at != parser.bytes.len() {
        return Err(parser.error("trailing characters after the JSON value"));
    }
    let Json::Array(items) = value else {
        return Err(parser.error("expected an array of records"));
    };
    let mut out = Vec::new();
    for item in items {
        let Json::Object(fields) = item else {
            return Err(parser.error("expected each record to be an object"));
        };
        let field = |name: &str| {
            fields.iter().find_map(|(k, v)| match v {
                Json::String(s) if k == name => Some(s.clone()),
                _ => None,
            })
        };
        if let (Some(event), Some(text)) = (field("event"), field("text")) {
            out.push((event.trim().to_uppercase(), text));
        }
    }
    Ok(out)
}

/// A JSON value, as far as the records need.
enum Json {
    Object(Vec<(String, Json)>),
    Array(Vec<Json>),
    String(String),
    Other,
}

/// A small recursive-descent JSON reader.
struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> NlpError {
        NlpError::Lexicon {
            name: "PLOVER records".into(),
            message: format!("{message} (at byte {})", self.at),
        }
    }

    fn skip_space(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Result<(), NlpError> {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected '{}'", b as char)))
        }
    }

    fn value(&mut self) -> Result<Json, NlpError> {
        self.skip_space();
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut fields = Vec::new();
                self.skip_space();
                if self.bytes.get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Ok(Json::Object(fields));
                }
                loop {
                    self.skip_space();
                    let key = self.string()?;
                    self.eat(b':')?;
                    fields.push((key, self.value()?));
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(fields));
                        }
                        _ => return Err(self.error("expected ',' or '}'")),
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.bytes.get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.error("expected ',' or ']'")),
                    }
                }
            }
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b) if b.is_ascii_alphanumeric() || *b == b'-' => {
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
                {
                    self.at += 1;
                }
                Ok(Json::Other)
            }
            _ => Err(self.error("expected a JSON value")),
        }
    }

    fn string(&mut self) -> Result<String, NlpError> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return Err(self.error("expected a string"));
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while self
                .bytes
                .get(self.at)
                .is_some_and(|b| *b != b'"' && *b != b'\\')
            {
                self.at += 1;
            }
            out.push_str(
                self.text
                    .get(start..self.at)
                    .ok_or_else(|| self.error("string is not valid UTF-8"))?,
            );
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape = self.bytes.get(self.at + 1).copied();
                    self.at += 2;
                    match escape {
                        Some(b'n') => out.push('\n'),
                        Some(b't') => out.push('\t'),
                        Some(b'r') => out.push('\r'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        Some(c @ (b'"' | b'\\' | b'/')) => out.push(c as char),
                        _ => return Err(self.error("bad escape in string")),
                    }
                }
                _ => return Err(self.error("unterminated string")),
            }
        }
    }

    /// The character of a `\uXXXX` escape (the `\u` already read), with surrogate pairs.
    fn unicode_escape(&mut self) -> Result<char, NlpError> {
        let high = self.hex4()?;
        if (0xD800..0xDC00).contains(&high) && self.bytes.get(self.at..self.at + 2) == Some(b"\\u")
        {
            self.at += 2;
            let low = self.hex4()?;
            let code = 0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
            return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
        }
        Ok(char::from_u32(high).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> Result<u32, NlpError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("short \\u escape"))?;
        let value = u32::from_str_radix(digits, 16).map_err(|_| self.error("bad \\u escape"))?;
        self.at += 4;
        Ok(value)
    }
}
