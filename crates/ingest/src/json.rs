//! JSON documents (an array, one object, or `{"articles": [...]}`) and JSON Lines.

use dragoman_model::{InputProblem, Published};
use serde_json::{Map, Value};

use crate::{Draft, dates, html, text};

/// The keys that may hold an article's text, in order of preference.
const TEXT_KEYS: [&str; 3] = ["text", "body", "content"];
const OUTLET_KEYS: [&str; 5] = ["outlet", "source", "publisher", "site_name", "site"];
const DATE_KEYS: [&str; 7] = [
    "published",
    "date",
    "published_at",
    "publishedAt",
    "datePublished",
    "pubDate",
    "publish_date",
];
const ARRAY_KEYS: [&str; 4] = ["articles", "items", "records", "data"];

/// Articles and problems found in one JSON or JSONL input.
pub(crate) struct Records {
    /// Each article with its origin (`path#N`, `path:LINE` or `path`).
    pub drafts: Vec<(String, Draft)>,
    /// Problems, one per bad record or line.
    pub problems: Vec<InputProblem>,
}

fn problem(origin: &str, message: String, fatal: bool) -> InputProblem {
    InputProblem {
        origin: origin.to_owned(),
        message,
        fatal,
    }
}

fn no_records(origin: &str) -> InputProblem {
    problem(
        origin,
        "no article records (objects need a `text` field): skipped".to_owned(),
        false,
    )
}

/// A serde_json error as "expected `,` or `]` at column 12" (the line is named by the caller).
fn describe(error: &serde_json::Error, with_line: bool) -> String {
    let full = error.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(message, _)| message);
    if with_line {
        format!(
            "{message} at line {} column {}",
            error.line(),
            error.column()
        )
    } else {
        format!("{message} at column {}", error.column())
    }
}

fn is_article_like(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|object| TEXT_KEYS.iter().any(|key| object.contains_key(*key)))
}

/// Reads a JSON document. When it does not parse as one document but its first line does,
/// it is read as JSON Lines.
pub(crate) fn read_document(origin: &str, input: &str, fields: &[(String, String)]) -> Records {
    let value = match serde_json::from_str::<Value>(input) {
        Ok(value) => remap(value, fields),
        Err(error) => {
            let first = input.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            if serde_json::from_str::<Value>(first).is_ok() {
                return read_lines(origin, input, fields);
            }
            return Records {
                drafts: Vec::new(),
                problems: vec![problem(
                    origin,
                    format!("invalid JSON: {}", describe(&error, true)),
                    true,
                )],
            };
        }
    };
    let mut records = Records {
        drafts: Vec::new(),
        problems: Vec::new(),
    };
    let list = match &value {
        Value::Array(items) => Some(items),
        Value::Object(object) if !is_article_like(&value) => ARRAY_KEYS
            .iter()
            .find_map(|key| object.get(*key).and_then(Value::as_array)),
        _ => None,
    };
    match list {
        Some(items) if items.iter().any(is_article_like) => {
            for (index, item) in items.iter().enumerate() {
                let name = format!("{origin}#{}", index + 1);
                record(&name, item, &mut records);
            }
        }
        None if is_article_like(&value) => record(origin, &value, &mut records),
        _ => records.problems.push(no_records(origin)),
    }
    records
}

/// Reads JSON Lines: one record a line; a bad line is reported and skipped alone.
pub(crate) fn read_lines(origin: &str, input: &str, fields: &[(String, String)]) -> Records {
    let mut records = Records {
        drafts: Vec::new(),
        problems: Vec::new(),
    };
    let mut parsed = Vec::new();
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => parsed.push((number, remap(value, fields))),
            Err(error) => records.problems.push(problem(
                origin,
                format!("line {number}: invalid JSON: {}", describe(&error, false)),
                true,
            )),
        }
    }
    if !parsed.iter().any(|(_, value)| is_article_like(value)) {
        if records.problems.is_empty() {
            records.problems.push(no_records(origin));
        }
        return records;
    }
    for (number, value) in parsed {
        if is_article_like(&value) {
            record(&format!("{origin}:{number}"), &value, &mut records);
        } else {
            records.problems.push(problem(
                origin,
                format!("line {number}: not an article record (needs a `text` field): skipped"),
                true,
            ));
        }
    }
    records
}

/// Applies field mappings (`("text", "body")`: the record's `body` is its text) to a record,
/// to the records of an array, or to those of an `{"articles": [...]}` wrapper.
fn remap(mut value: Value, fields: &[(String, String)]) -> Value {
    if fields.is_empty() {
        return value;
    }
    let apply = |record: &mut Value| {
        let found: Vec<(String, Value)> = fields
            .iter()
            .filter_map(|(field, key)| {
                let mut at = &*record;
                for part in key.split('.') {
                    at = at.as_object()?.get(part)?;
                }
                Some((field.clone(), at.clone()))
            })
            .collect();
        if let Some(object) = record.as_object_mut() {
            for (field, found) in found {
                object.insert(field, found);
            }
        }
    };
    match &mut value {
        Value::Array(items) => items.iter_mut().for_each(apply),
        Value::Object(object) => {
            let key = ARRAY_KEYS
                .iter()
                .find(|key| object.get(**key).is_some_and(Value::is_array));
            if let Some(items) = key
                .and_then(|key| object.get_mut(*key))
                .and_then(Value::as_array_mut)
            {
                items.iter_mut().for_each(apply);
            }
            apply(&mut value);
        }
        _ => {}
    }
    value
}

fn string_field<'a>(object: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|key| match object.get(*key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim()),
        Some(Value::Object(inner)) => inner
            .get("name")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty()),
        _ => None,
    })
}

fn authors(object: &Map<String, Value>) -> Vec<String> {
    let name = |value: &Value| -> Option<String> {
        match value {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Object(inner) => inner.get("name").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        }
    };
    ["authors", "author", "byline"]
        .iter()
        .find_map(|key| object.get(*key))
        .map(|value| match value {
            Value::Array(items) => items.iter().filter_map(name).collect::<Vec<_>>(),
            other => name(other).into_iter().collect(),
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|n: &String| !n.is_empty())
        .collect()
}

/// A date from a record field: ISO 8601, else a written date with a year.
pub(crate) fn parse_date(value: &str) -> Option<Published> {
    dates::parse_iso(value).or_else(|| dates::find_date(value).and_then(|d| d.resolve(None)))
}

/// A text field holding HTML markup (feeds often carry `<p>`-formatted content), read by
/// the HTML extractor; `None` when the field is not markup or holds no body text.
pub(crate) fn html_body(body: &str, title: Option<&str>) -> Option<text::Cleaned> {
    let lower = body
        .get(..body.len().min(4096))
        .unwrap_or(body)
        .to_ascii_lowercase();
    let markup = ["</p>", "<br", "</div>", "<p>"]
        .iter()
        .any(|tag| lower.contains(tag));
    if !markup {
        return None;
    }
    let draft = html::extract(body)?;
    let title_key = title.map(str::to_lowercase);
    Some(text::Cleaned {
        paragraphs: draft
            .paragraphs
            .into_iter()
            .filter(|p| Some(p.to_lowercase()) != title_key)
            .collect(),
        published: draft.published,
        outlet: draft.outlet,
        authors: draft.authors,
        truncated: draft.truncated,
        dateline_day: draft.dateline_day,
        title: None,
    })
}

fn record(origin: &str, value: &Value, records: &mut Records) {
    let Some(object) = value.as_object() else {
        records.problems.push(problem(
            origin,
            "record is not an object: skipped".to_owned(),
            true,
        ));
        return;
    };
    let title = string_field(object, &["title", "headline"]);
    let body = string_field(object, &TEXT_KEYS).unwrap_or("");
    let cleaned = html_body(body, title).unwrap_or_else(|| text::clean(body, title));
    if cleaned.paragraphs.is_empty() && title.is_none() {
        records.problems.push(problem(
            origin,
            "record has no text and no title: skipped".to_owned(),
            true,
        ));
        return;
    }
    if cleaned.paragraphs.is_empty() {
        records.problems.push(problem(
            origin,
            "record has a title but no text".to_owned(),
            false,
        ));
    }
    let id = match object.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let published = DATE_KEYS
        .iter()
        .find_map(|key| object.get(*key).and_then(Value::as_str))
        .and_then(parse_date)
        .or(cleaned.published);
    let mut authors = authors(object);
    if authors.is_empty() {
        authors = cleaned.authors;
    }
    let draft = Draft {
        id,
        title: title.map(str::to_owned),
        paragraphs: cleaned.paragraphs,
        url: string_field(object, &["url", "link", "canonical_url"]).map(str::to_owned),
        outlet: string_field(object, &OUTLET_KEYS)
            .map(str::to_owned)
            .or(cleaned.outlet),
        published,
        authors,
        truncated: cleaned.truncated,
        dateline_day: cleaned.dateline_day,
        declared_language: string_field(object, &["language", "lang", "inLanguage"])
            .map(str::to_owned),
    };
    records.drafts.push((origin.to_owned(), draft));
}

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::Precision;

    #[test]
    fn field_mappings_name_the_record_keys() {
        let fields = vec![
            ("text".to_owned(), "story.words".to_owned()),
            ("title".to_owned(), "heading".to_owned()),
            ("published".to_owned(), "when".to_owned()),
        ];
        let line = r#"{"heading": "Dam talks stall", "when": "2026-04-02", "story": {"words": "Engineers from both towns left the meeting without a deal."}}"#;
        let r = read_lines("m.jsonl", line, &fields);
        assert_eq!(r.drafts.len(), 1, "{:?}", r.problems);
        let draft = r.drafts.first().map(|(_, d)| d);
        assert_eq!(
            draft.and_then(|d| d.title.as_deref()),
            Some("Dam talks stall")
        );
        assert_eq!(
            draft.and_then(|d| d.paragraphs.first()).map(String::as_str),
            Some("Engineers from both towns left the meeting without a deal.")
        );
        assert!(draft.is_some_and(|d| d.published.is_some()));
        let wrapped = format!(r#"{{"items": [{line}]}}"#);
        assert_eq!(read_document("m.json", &wrapped, &fields).drafts.len(), 1);
        assert!(read_lines("m.jsonl", line, &[]).drafts.is_empty());
    }

    #[test]
    fn jsonl_with_a_broken_line() {
        let input = concat!(
            r#"{"id": "a1", "title": "First", "text": "Body one.", "url": "https://tass.com/x", "published": "2025-09-05T10:00:00Z"}"#,
            "\n\n",
            r#"{"title": "Second", "body": "Body two.", "source": "Example Daily", "date": "2025-09-06"}"#,
            "\n",
            r#"{"title": "Broken" "text": "x"}"#,
            "\n",
            r#"{"text": "", "title": ""}"#,
            "\n"
        );
        let r = read_lines("in.jsonl", input, &[]);
        assert_eq!(r.drafts.len(), 2);
        let origins: Vec<&str> = r.drafts.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(origins, ["in.jsonl:1", "in.jsonl:3"]);
        let first = r.drafts.first().map(|(_, d)| d);
        assert_eq!(first.and_then(|d| d.id.as_deref()), Some("a1"));
        assert_eq!(
            first
                .and_then(|d| d.published.as_ref())
                .map(|p| p.precision),
            Some(Precision::Time)
        );
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        let broken = r.problems.first().map(|p| p.message.as_str()).unwrap_or("");
        assert!(
            broken.starts_with("line 4: invalid JSON: expected `,`"),
            "{broken}"
        );
        assert!(broken.contains("column"), "{broken}");
        assert!(r.problems.iter().all(|p| p.fatal));
    }

    #[test]
    fn json_shapes() {
        let array = r#"[{"text": "One."}, {"content": "Two.", "outlet": {"name": "Paper"}}, 5]"#;
        let r = read_document("a.json", array, &[]);
        assert_eq!(r.drafts.len(), 2);
        assert_eq!(r.drafts.get(1).map(|(o, _)| o.as_str()), Some("a.json#2"));
        assert_eq!(r.problems.len(), 1);
        let wrapped = r#"{"articles": [{"text": "One.", "author": ["A B", "C D"]}]}"#;
        let r = read_document("b.json", wrapped, &[]);
        assert_eq!(r.drafts.first().map(|(_, d)| d.authors.len()), Some(2));
        let single = r#"{"title": "T", "text": "Only one."}"#;
        let r = read_document("c.json", single, &[]);
        assert_eq!(r.drafts.first().map(|(o, _)| o.as_str()), Some("c.json"));
    }

    #[test]
    fn html_in_a_text_field() {
        let input = r#"{"title": "Vote delayed", "content": "<p>Vote delayed</p><p>The assembly postponed the vote by a week.</p><p>Members asked for more time to read the bill.</p>"}"#;
        let r = read_document("feed.json", input, &[]);
        let paragraphs = r.drafts.first().map(|(_, d)| d.paragraphs.clone());
        assert_eq!(
            paragraphs,
            Some(vec![
                "The assembly postponed the vote by a week.".to_owned(),
                "Members asked for more time to read the bill.".to_owned()
            ])
        );
    }

    #[test]
    fn annotation_file_is_a_warning() {
        let r = read_document("gold.json", r#"{"entities": [{"name": "x"}]}"#, &[]);
        assert!(r.drafts.is_empty());
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems.iter().all(|p| !p.fatal));
    }

    #[test]
    fn invalid_document_and_jsonl_in_json() {
        let r = read_document("bad.json", "[1, 2", &[]);
        assert!(
            r.problems
                .first()
                .is_some_and(|p| p.fatal && p.message.starts_with("invalid JSON"))
        );
        let r = read_document("lines.json", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n", &[]);
        assert_eq!(r.drafts.len(), 2);
    }
}
