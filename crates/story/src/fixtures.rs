//! Documents for the crate's unit tests, written by hand.

use chrono::NaiveDate;
use dragoman_model::{Article, Doc, Kind, Mention, Published, Sentence, Span};

/// A document of one paragraph holding `sentences` joined by spaces, one [`Sentence`] each,
/// published on `day` March 2025.
pub(crate) fn sentences_doc(id: &str, day: u32, sentences: &[&str]) -> Doc {
    let mut article = Article::from_paragraphs(format!("{id}.txt"), [sentences.join(" ")]);
    article.id = id.to_string();
    article.published = NaiveDate::from_ymd_opt(2025, 3, day).map(Published::day);
    let mut doc = Doc::new(article);
    let mut at = 0;
    for s in sentences {
        doc.sentences.push(Sentence {
            span: Span::new(at, at + s.len()),
            paragraph: 0,
        });
        at += s.len() + 1;
    }
    doc
}

/// Adds a mention (unresolved, no role) for each surface, found in order in the text.
pub(crate) fn add_mentions(doc: &mut Doc, mentions: &[(&str, Kind)]) {
    let mut from = 0;
    for &(surface, kind) in mentions {
        let Some(found) = doc.article.text.get(from..).and_then(|t| t.find(surface)) else {
            panic!("{surface:?} not in {} after byte {from}", doc.article.id);
        };
        let start = from + found;
        from = start + surface.len();
        doc.mentions
            .push(plain_mention(Span::new(start, from), surface, kind, 0));
    }
}

/// A mention of `surface` at `span` in sentence `sentence`: no role, key or entity.
pub(crate) fn plain_mention(span: Span, surface: &str, kind: Kind, sentence: usize) -> Mention {
    Mention {
        span,
        text: surface.to_string(),
        kind,
        role: None,
        role_span: None,
        key: None,
        metonymy: false,
        sentence,
        entity: None,
    }
}
