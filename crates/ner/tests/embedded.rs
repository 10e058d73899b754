//! Behaviour of the shipped model, on text written for these tests.

use dragoman_ner::{EntityType, Tag, Tagger, conll, entity_spans, eval};

fn tagger() -> Tagger {
    Tagger::embedded().expect("the embedded model loads")
}

fn valid_iob2(tags: &[Tag]) -> bool {
    tags.iter()
        .enumerate()
        .all(|(i, t)| t.may_follow(i.checked_sub(1).map(|j| tags[j])))
}

#[test]
fn tags_people_and_places() {
    let t = tagger();
    let tokens: Vec<&str> = "Vladimir Putin met Emmanuel Macron in Paris on Monday ."
        .split(' ')
        .collect();
    let tags = t.tag(&tokens);
    assert_eq!(
        entity_spans(&tags),
        vec![
            (0, 2, EntityType::Per),
            (3, 5, EntityType::Per),
            (6, 7, EntityType::Loc)
        ],
        "{tags:?}"
    );
}

#[test]
fn tags_organisations() {
    let t = tagger();
    let tokens: Vec<&str> =
        "The European Commission fined Microsoft on Tuesday , officials in Brussels said ."
            .split(' ')
            .collect();
    let spans = entity_spans(&t.tag(&tokens));
    assert!(spans.contains(&(1, 3, EntityType::Org)), "{spans:?}");
    assert!(spans.contains(&(4, 5, EntityType::Org)), "{spans:?}");
    assert!(spans.contains(&(10, 11, EntityType::Loc)), "{spans:?}");
}

#[test]
fn never_panics_and_output_is_valid_iob2() {
    let t = tagger();
    let long = "Ж".repeat(5000);
    let odd: Vec<&str> = vec![
        "",
        " ",
        "🙂",
        "👩‍👩‍👧",
        long.as_str(),
        "Москва",
        "Зеленский",
        "e\u{301}",
        "\u{0}",
        "I",
        "I-PER",
        "-DOCSTART-",
        "１２３",
        "O'Neill-Smith",
        "...",
    ];
    assert!(t.tag(&[]).is_empty());
    for n in 1..odd.len() {
        for start in 0..odd.len() - n {
            let tokens = &odd[start..start + n];
            let tags = t.tag(tokens);
            assert_eq!(tags.len(), tokens.len());
            assert!(valid_iob2(&tags), "{tokens:?} → {tags:?}");
        }
    }
    let doc = t.tag_document(&[&odd[..3], &[], &odd[3..]]);
    assert_eq!(
        doc.iter().map(Vec::len).collect::<Vec<_>>(),
        [3, 0, odd.len() - 3]
    );
}

#[test]
fn tag_file_appends_a_column() {
    let t = tagger();
    let input = include_str!("fixtures/sample.conll");
    let out = conll::tag_file(input, &t).unwrap();
    let (in_lines, out_lines): (Vec<&str>, Vec<&str>) =
        (input.lines().collect(), out.lines().collect());
    assert_eq!(in_lines.len(), out_lines.len());
    for (a, b) in in_lines.iter().zip(&out_lines) {
        if a.trim().is_empty() || a.starts_with("-DOCSTART-") {
            assert_eq!(a, b);
        } else {
            let (prefix, tag) = b.rsplit_once(' ').unwrap();
            assert_eq!(prefix, *a);
            assert!(Tag::parse(tag).is_some(), "{b}");
        }
    }
    // The predicted column read back as gold gives valid IOB2 sentences.
    let predicted = conll::read(&out).unwrap();
    assert_eq!(predicted.len(), 3);
    assert!(predicted.iter().all(|s| valid_iob2(&s.tags)));
}

#[test]
fn evaluates_a_file() {
    let t = tagger();
    let scores = eval::evaluate_file(include_str!("fixtures/sample.conll"), &t).unwrap();
    assert_eq!(scores.overall.gold, 5);
    assert_eq!(scores.tokens, 31);
    assert!(scores.overall.f1() > 0.5, "{scores}");
    assert!(eval::evaluate_file("x\n", &t).is_err());
}

#[test]
fn model_round_trips_through_bytes_and_files() {
    let t = tagger();
    let bytes = t.to_bytes();
    let path = std::env::temp_dir().join(format!("dragoman-ner-test-{}.bin", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let loaded = Tagger::load(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(loaded.to_bytes(), bytes);
    assert!(Tagger::load(std::path::Path::new("/nonexistent/model.bin")).is_err());
}
