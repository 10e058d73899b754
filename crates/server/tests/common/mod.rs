//! A small hand-made store for the server tests: two outlets disagreeing about one story.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dragoman_model::*;
use dragoman_store::{SqliteStore, Store};

/// Text of the first article; sentences end at the offsets of `SENTENCES_A`.
pub const TEXT_A: &str = "Delegates from Arcadia and Borduria met in Lisbon on Monday. \
The talks entered their third week, the host said.\n\nArcadia demands a full withdrawal.";
/// Text of the second article.
pub const TEXT_B: &str = "Negotiators gathered in Lisbon again. The talks are now in their \
fourth week, Bordurian officials said.\n\n“We will not give up the valley,” said Minister Olga Petrova.";

fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' {
            let end = i + 1;
            out.push(Sentence {
                span: Span::new(start, end),
                paragraph: 0,
            });
            start = end + text[end..].len() - text[end..].trim_start().len();
        }
    }
    out
}

/// The span of `needle` in `text`.
pub fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle in text");
    Span::new(start, start + needle.len())
}

/// The span of the sentence of `text` holding `needle`.
pub fn sentence_of(text: &str, needle: &str) -> Span {
    let at = span_of(text, needle).start;
    sentences(text)
        .into_iter()
        .map(|s| s.span)
        .find(|s| s.start <= at && at < s.end)
        .expect("a sentence")
}

fn article(id: &str, outlet: &str, title: &str, day: u32, text: &str) -> Article {
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let mut a = Article::from_paragraphs(format!("{id}.txt"), paragraphs);
    a.id = id.into();
    a.outlet = Some(outlet.into());
    a.title = Some(title.into());
    a.published = NaiveDate::from_ymd_opt(2025, 6, day).map(Published::day);
    a
}

fn doc(article: Article) -> Doc {
    let mut d = Doc::new(article);
    d.sentences = sentences(&d.article.text);
    d
}

/// The sample report: articles a1 (Harbour Post) and b1 (Valley Times <script>), one story.
pub fn report() -> (Report, Vec<Doc>) {
    let a = article("a1", "Harbour Post", "Envoys meet in Lisbon", 2, TEXT_A);
    let b = article(
        "b1",
        "Valley Times",
        "Talks drag on <script>alert(1)</script>",
        3,
        TEXT_B,
    );
    let src = |id: &str, text: &str, needle: &str| Source::new(id, sentence_of(text, needle));
    let third = src("a1", TEXT_A, "third week");
    let fourth = src("b1", TEXT_B, "fourth week");
    let quote = src("b1", TEXT_B, "valley");
    let report = Report {
        articles: vec![a.clone(), b.clone()],
        stories: vec![Story {
            id: "s1".into(),
            title: "Envoys meet in Lisbon".into(),
            articles: vec!["a1".into(), "b1".into()],
            outlets: vec!["Harbour Post".into(), "Valley Times".into()],
            entities: vec!["gpe:arcadia".into(), "per:olga-petrova".into()],
        }],
        entities: vec![
            Entity {
                id: "gpe:arcadia".into(),
                name: "Arcadia".into(),
                kind: Kind::Gpe,
                aliases: vec!["Arcadian Republic".into()],
                roles: vec![],
                parent: None,
                mentions: 2,
                articles: vec!["a1".into()],
                sources: vec![
                    Source::new("a1", span_of(TEXT_A, "Arcadia")),
                    Source::new("a1", span_of(TEXT_A, "Arcadia demands")),
                ],
            },
            Entity {
                id: "per:olga-petrova".into(),
                name: "Olga Petrova".into(),
                kind: Kind::Person,
                aliases: vec!["Petrova".into()],
                roles: vec![Role {
                    title: "Minister".into(),
                    sources: vec![],
                }],
                parent: None,
                mentions: 1,
                articles: vec!["b1".into()],
                sources: vec![Source::new("b1", span_of(TEXT_B, "Olga Petrova"))],
            },
        ],
        quotes: vec![Quote {
            speaker: Some("per:olga-petrova".into()),
            speaker_name: Some("Olga Petrova".into()),
            speaker_span: Some(span_of(TEXT_B, "Olga Petrova")),
            source_span: None,
            cue: Some("said".into()),
            cue_span: None,
            text: "We will not give up the valley,".into(),
            content_span: span_of(TEXT_B, "We will not give up the valley,"),
            direct: true,
            sources: vec![quote.clone()],
            story: Some("s1".into()),
        }],
        positions: vec![Position {
            actor: Some("gpe:arcadia".into()),
            actor_name: "Arcadia".into(),
            actor_span: None,
            reported_by: None,
            stance: Stance::Demands,
            issue: "territory".into(),
            text: "a full withdrawal".into(),
            polarity: Polarity::Positive,
            sources: vec![src("a1", TEXT_A, "full withdrawal")],
            story: Some("s1".into()),
        }],
        events: vec![Event {
            kind: EventKind::Meeting,
            summary: "Delegates met in Lisbon".into(),
            participants: vec!["gpe:arcadia".into()],
            participant_names: vec!["Arcadia".into()],
            participant_spans: vec![],
            place: Some("Lisbon".into()),
            date: Some(TimeExpr {
                span: span_of(TEXT_A, "on Monday"),
                text: "on Monday".into(),
                value: Some("2025-06-02".into()),
                precision: Some(Precision::Day),
                start: NaiveDate::from_ymd_opt(2025, 6, 2),
                end: NaiveDate::from_ymd_opt(2025, 6, 2),
                anchor: NaiveDate::from_ymd_opt(2025, 6, 2),
                relative: true,
            }),
            status: EventStatus::Happened,
            sources: vec![src("a1", TEXT_A, "met in Lisbon")],
            story: Some("s1".into()),
        }],
        facts: vec![Fact {
            id: "f1".into(),
            subject: "talks".into(),
            attribute: "week-of-talks".into(),
            value: "3".into(),
            text: "third week".into(),
            outlets: vec!["Harbour Post".into()],
            exclusive: true,
            sources: vec![third.clone()],
            story: Some("s1".into()),
        }],
        contradictions: vec![Contradiction {
            subject: "talks".into(),
            attribute: "week-of-talks".into(),
            values: vec![
                ContradictionValue {
                    value: "3".into(),
                    text: "third week".into(),
                    outlets: vec!["Harbour Post".into()],
                    sources: vec![third],
                },
                ContradictionValue {
                    value: "4".into(),
                    text: "fourth week".into(),
                    outlets: vec!["Valley Times".into()],
                    sources: vec![fourth],
                },
            ],
            severity: Severity::High,
            story: Some("s1".into()),
        }],
        framing: vec![Framing {
            story: "s1".into(),
            outlet: "Valley Times".into(),
            distinctive_terms: vec![TermScore {
                term: "valley".into(),
                score: 2.5,
                sources: vec![],
            }],
            loaded_terms: vec![],
            voices: vec![Voice {
                entity: Some("per:olga-petrova".into()),
                name: "Olga Petrova".into(),
                quotes: 1,
                share: 1.0,
            }],
            tone: vec![],
            omits: vec!["f1".into()],
        }],
        duplicates: vec![],
        problems: vec![],
    };
    (report, vec![doc(a), doc(b)])
}

/// A store file under `dir` holding the sample report and its docs.
pub fn sample_store(dir: &Path) -> PathBuf {
    let path = dir.join("sample.db");
    let mut store = SqliteStore::open(&path).expect("store opens");
    let (report, docs) = report();
    store.save_docs(&docs).expect("docs saved");
    store.replace_analysis(&report).expect("analysis saved");
    path
}
