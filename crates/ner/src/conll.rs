//! Reading and writing CoNLL-style files: one token per line with the token in the first column
//! and (for gold data) the IOB tag in the last column, a blank line between sentences and
//! `-DOCSTART-` lines between documents.

use crate::{NerError, Tag, Tagger};

/// The marker that starts a new document.
pub const DOCSTART: &str = "-DOCSTART-";

/// One sentence of a CoNLL file with its gold tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// One gold tag per token (valid IOB2: IOB1-style I- tags that open an entity are read as B-).
    pub tags: Vec<Tag>,
    /// Index of the document the sentence belongs to (counts `-DOCSTART-` lines; 0 before the
    /// first one).
    pub doc: usize,
}

/// One line of a CoNLL file, classified.
enum Line<'a> {
    Blank,
    DocStart,
    Token { token: &'a str, rest: Vec<&'a str> },
}

fn classify(line: &str) -> Line<'_> {
    let mut cols = line.split_whitespace();
    match cols.next() {
        None => Line::Blank,
        Some(DOCSTART) => Line::DocStart,
        Some(token) => Line::Token {
            token,
            rest: cols.collect(),
        },
    }
}

/// Reads a CoNLL file with gold tags in the last column. Errors name the 1-based line of a token
/// line without a tag column or with a tag that is not `O`, `B-TYPE` or `I-TYPE`
/// (TYPE ∈ PER, ORG, LOC, MISC).
pub fn read(text: &str) -> Result<Vec<Sentence>, NerError> {
    let mut sentences = Vec::new();
    let mut doc = 0;
    let mut seen_docstart = false;
    let mut current = Sentence {
        tokens: Vec::new(),
        tags: Vec::new(),
        doc,
    };
    let flush = |current: &mut Sentence, sentences: &mut Vec<Sentence>, doc: usize| {
        if !current.tokens.is_empty() {
            sentences.push(std::mem::replace(
                current,
                Sentence {
                    tokens: Vec::new(),
                    tags: Vec::new(),
                    doc,
                },
            ));
        }
        current.doc = doc;
    };
    for (n, line) in text.lines().enumerate() {
        match classify(line) {
            Line::Blank => flush(&mut current, &mut sentences, doc),
            Line::DocStart => {
                if seen_docstart || !sentences.is_empty() || !current.tokens.is_empty() {
                    doc += 1;
                }
                seen_docstart = true;
                flush(&mut current, &mut sentences, doc);
            }
            Line::Token { token, rest } => {
                let Some(label) = rest.last() else {
                    return Err(NerError::Conll {
                        line: n + 1,
                        message: format!("token {token:?} has no tag column"),
                    });
                };
                let Some(mut tag) = Tag::parse(label) else {
                    return Err(NerError::Conll {
                        line: n + 1,
                        message: format!("unknown tag {label:?}"),
                    });
                };
                if let Tag::I(t) = tag
                    && !tag.may_follow(current.tags.last().copied())
                {
                    tag = Tag::B(t);
                }
                current.tokens.push(token.to_string());
                current.tags.push(tag);
            }
        }
    }
    flush(&mut current, &mut sentences, doc);
    Ok(sentences)
}

/// Writes sentences as `token tag` lines, a blank line after each sentence and a `-DOCSTART-`
/// line (followed by a blank line) before each document. [`read`] reads it back unchanged.
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    let mut doc = None;
    for s in sentences {
        if doc != Some(s.doc) {
            out.push_str(DOCSTART);
            out.push_str(" O\n\n");
            doc = Some(s.doc);
        }
        for (token, tag) in s.tokens.iter().zip(&s.tags) {
            out.push_str(token);
            out.push(' ');
            out.push_str(&tag.to_string());
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Tags a CoNLL file: every token line is written back followed by the predicted IOB2 tag as a
/// new last column (tab-separated when the line uses tabs, else space-separated); blank lines
/// and `-DOCSTART-` lines are kept as they are. Sentences between two `-DOCSTART-` lines are
/// tagged together as one document.
pub fn tag_file(text: &str, tagger: &Tagger) -> Result<String, NerError> {
    let lines: Vec<&str> = text.lines().collect();
    // Group token line indices into sentences and sentences into documents.
    let mut docs: Vec<Vec<Vec<usize>>> = vec![Vec::new()];
    let mut sentence: Vec<usize> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        match classify(line) {
            Line::Token { .. } => sentence.push(n),
            other => {
                if let Some(doc) = docs.last_mut()
                    && !sentence.is_empty()
                {
                    doc.push(std::mem::take(&mut sentence));
                }
                if matches!(other, Line::DocStart) {
                    docs.push(Vec::new());
                }
            }
        }
    }
    if let Some(doc) = docs.last_mut()
        && !sentence.is_empty()
    {
        doc.push(sentence);
    }
    let mut predicted: Vec<Option<Tag>> = vec![None; lines.len()];
    for doc in &docs {
        let tokens: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| {
                s.iter()
                    .map(|&n| {
                        lines
                            .get(n)
                            .and_then(|l| l.split_whitespace().next())
                            .unwrap_or("")
                    })
                    .collect()
            })
            .collect();
        let refs: Vec<&[&str]> = tokens.iter().map(Vec::as_slice).collect();
        for (s, tags) in doc.iter().zip(tagger.tag_document(&refs)) {
            for (&n, tag) in s.iter().zip(tags) {
                if let Some(p) = predicted.get_mut(n) {
                    *p = Some(tag);
                }
            }
        }
    }
    let mut out = String::with_capacity(text.len() + lines.len() * 6);
    for (line, tag) in lines.iter().zip(predicted) {
        match tag {
            Some(tag) => {
                let line = line.trim_end();
                out.push_str(line);
                out.push(if line.contains('\t') { '\t' } else { ' ' });
                out.push_str(&tag.to_string());
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityType::*;

    const SAMPLE: &str = "-DOCSTART- -X- O\n\nAnna NNP B-PER\nKovacs NNP I-PER\nvisited VBD O\nLyon NNP B-LOC\n. . O\n\nShe PRP O\nleft VBD O\n\n-DOCSTART- -X- O\n\nAcme NNP I-ORG\nwon VBD O\n";

    #[test]
    fn reads_sentences_docs_and_tags() {
        let s = read(SAMPLE).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, ["Anna", "Kovacs", "visited", "Lyon", "."]);
        assert_eq!(
            s[0].tags,
            [Tag::B(Per), Tag::I(Per), Tag::O, Tag::B(Loc), Tag::O]
        );
        assert_eq!((s[0].doc, s[1].doc, s[2].doc), (0, 0, 1));
        // IOB1-style opening I- is read as B-.
        assert_eq!(s[2].tags[0], Tag::B(Org));
    }

    #[test]
    fn round_trip() {
        let s = read(SAMPLE).unwrap();
        assert_eq!(read(&write(&s)).unwrap(), s);
    }

    #[test]
    fn reads_tabs_and_crlf() {
        let s = read("en:Oslo\tB-LOC\r\nen:is\tO\r\n\r\nx O").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, ["en:Oslo", "en:is"]);
        assert_eq!(s[0].tags, [Tag::B(Loc), Tag::O]);
    }

    #[test]
    fn malformed_lines_are_reported() {
        let err = read("A B-PER\nB\n").unwrap_err();
        assert!(matches!(err, NerError::Conll { line: 2, .. }), "{err}");
        let err = read("A O\n\nB X-PER\n").unwrap_err();
        assert!(matches!(err, NerError::Conll { line: 3, .. }), "{err}");
        assert!(read("").unwrap().is_empty());
    }
}
