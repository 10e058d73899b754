//! Articles as they come out of ingestion.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::Span;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Date and time of day.
    Time,
    /// A calendar day.
    Day,
    /// A calendar week (Monday to Sunday).
    Week,
    /// A calendar month or part of one ("mid-September").
    Month,
    /// A quarter or season.
    Quarter,
    /// A calendar year.
    Year,
}

/// When an article was published, with the precision its source gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The calendar date (for a month or year precision: its first day).
    pub date: NaiveDate,
    /// The time of day, when known (as given, no time zone conversion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    /// How precise `date` and `time` are.
    pub precision: Precision,
}

impl Published {
    /// A publication date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        Published {
            date,
            time: None,
            precision: Precision::Day,
        }
    }
}

/// A day of the year written without its year ("September 5" in a dateline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthDay {
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

/// A publisher as far as Dragoman can tell it: a name and, when known, a domain.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Outlet {
    /// Display name ("TASS", "Reuters", "Kyiv Independent").
    pub name: String,
    /// Web domain without `www.` ("tass.com"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

/// One document, cleaned: the unit every stage works on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the record's own id when the input gave one, else a hash of the clean text.
    pub id: String,
    /// Where it came from: a file path, `path:LINE` for a JSONL record, or a URL.
    pub origin: String,
    /// The outlet's name, from metadata, the URL, a dateline ("/TASS/") or the user.
    pub outlet: Option<String>,
    /// The outlet's web domain, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The article's URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Publication date with its precision.
    pub published: Option<Published>,
    /// ISO 639-1 language code ("en"), when detected.
    pub language: Option<String>,
    /// Bylines, when known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The clean body text; paragraphs are separated by one blank line (`"\n\n"`).
    pub text: String,
    /// Byte spans of the paragraphs in `text`, in order.
    #[serde(default)]
    pub paragraphs: Vec<Span>,
    /// True when the text was cut off (ends in "…" or mid-word).
    #[serde(default)]
    pub truncated: bool,
    /// The day of a dateline that gave no year when nothing else in the page dated the
    /// article. When `published` is set as well, its year was inferred from the other
    /// articles read with this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline_day: Option<MonthDay>,
}

impl Article {
    /// Builds an article from clean paragraphs: joins them with blank lines and records their
    /// spans. Empty paragraphs are dropped; the id is left for the caller to set.
    pub fn from_paragraphs<I, S>(origin: impl Into<String>, paragraphs: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut text = String::new();
        let mut spans = Vec::new();
        for paragraph in paragraphs {
            let paragraph = paragraph.as_ref().trim();
            if paragraph.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(paragraph);
            spans.push(Span::new(start, text.len()));
        }
        Article {
            id: String::new(),
            origin: origin.into(),
            outlet: None,
            domain: None,
            url: None,
            title: None,
            published: None,
            language: None,
            authors: Vec::new(),
            text,
            paragraphs: spans,
            truncated: false,
            dateline_day: None,
        }
    }

    /// True when the publication date's year was inferred (see `dateline_day`).
    pub fn year_inferred(&self) -> bool {
        self.published.is_some() && self.dateline_day.is_some()
    }

    /// The publication date, if known.
    pub fn date(&self) -> Option<NaiveDate> {
        self.published.as_ref().map(|p| p.date)
    }

    /// The outlet name, or `"unknown outlet"`.
    pub fn outlet_name(&self) -> &str {
        self.outlet.as_deref().unwrap_or("unknown outlet")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_joined_and_spanned() {
        let a = Article::from_paragraphs("x.txt", ["  First one. ", "", "Second."]);
        assert_eq!(a.text, "First one.\n\nSecond.");
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.paragraphs[1].slice(&a.text), "Second.");
    }
}
