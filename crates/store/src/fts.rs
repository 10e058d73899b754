//! Turning what a user types into a safe FTS5 query, and FTS5 snippets into highlights.

use crate::views::Highlight;

/// Marks the start of a match in snippets (a private-use character, never in clean text).
pub const OPEN: char = '\u{E000}';
/// Marks the end of a match in snippets.
pub const CLOSE: char = '\u{E001}';

/// One term of a user query.
enum Term {
    /// Words that must appear in this order; `prefix` when the last one ends in `*`.
    Words { words: Vec<String>, prefix: bool },
    /// `OR` between two terms.
    Or,
}

/// Word runs of `text`: letters and digits, everything else separates.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse(input: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = input;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (chunk, phrase) = if matches!(c, '"' | '“' | '”') {
            let body = &rest[c.len_utf8()..];
            let end = body.find(['"', '“', '”']).unwrap_or(body.len());
            let chunk = &body[..end];
            let skip = body[end..].chars().next().map_or(0, char::len_utf8);
            rest = &body[end + skip..];
            (chunk, true)
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let chunk = &rest[..end];
            rest = &rest[end..];
            (chunk, false)
        };
        if !phrase && chunk == "OR" {
            terms.push(Term::Or);
            continue;
        }
        let found = words(chunk);
        if !found.is_empty() {
            terms.push(Term::Words {
                words: found,
                prefix: !phrase && chunk.ends_with('*'),
            });
        }
    }
    terms
}

/// The FTS5 query for what a user typed, or `None` when it holds no word. Every word is quoted,
/// so no input can be an FTS5 syntax error.
pub fn query(input: &str) -> Option<String> {
    let mut out = String::new();
    let mut pending_or = false;
    for term in parse(input) {
        match term {
            Term::Or => pending_or = !out.is_empty(),
            Term::Words { words, prefix } => {
                if !out.is_empty() {
                    out.push_str(if pending_or { " OR " } else { " " });
                }
                pending_or = false;
                out.push('"');
                out.push_str(&words.join(" "));
                out.push('"');
                if prefix {
                    out.push('*');
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Splits an FTS5 snippet marked with [`OPEN`] and [`CLOSE`] into clean text and the byte
/// ranges of its matches.
pub fn highlights(marked: &str) -> (String, Vec<Highlight>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open_at = None;
    for c in marked.chars() {
        match c {
            OPEN => open_at = Some(text.len()),
            CLOSE => {
                if let Some(start) = open_at.take()
                    && start < text.len()
                {
                    spans.push(Highlight {
                        start,
                        end: text.len(),
                    });
                }
            }
            _ => text.push(c),
        }
    }
    (text, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_input_becomes_quoted_terms() {
        assert_eq!(query("peace talks").as_deref(), Some(r#""peace" "talks""#));
        assert_eq!(
            query(r#""security guarantees" OR ceasefire"#).as_deref(),
            Some(r#""security guarantees" OR "ceasefire""#)
        );
        assert_eq!(query("negotiat*").as_deref(), Some(r#""negotiat"*"#));
        assert_eq!(query("Zelensky's").as_deref(), Some(r#""Zelensky s""#));
    }

    #[test]
    fn syntax_characters_never_reach_fts5() {
        assert_eq!(query(r#"AND ( NEAR "#).as_deref(), Some(r#""AND" "NEAR""#));
        assert_eq!(query("OR OR").as_deref(), None);
        assert_eq!(query(r#"" ^ - : "#), None);
        assert_eq!(query("a OR").as_deref(), Some(r#""a""#));
        assert_eq!(query(r#"“Київ”"#).as_deref(), Some(r#""Київ""#));
    }

    #[test]
    fn markers_become_spans() {
        let (text, spans) = highlights("the \u{E000}grain\u{E001} corridor");
        assert_eq!(text, "the grain corridor");
        assert_eq!(spans, vec![Highlight { start: 4, end: 9 }]);
    }
}
