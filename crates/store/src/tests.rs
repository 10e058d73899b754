use dragoman_model::{Article, Entity, Kind, Report, Story};

use super::*;

fn article(id: &str, title: &str, text: &str) -> Article {
    let mut a = Article::from_paragraphs(format!("{id}.txt"), [text]);
    a.id = id.to_string();
    a.title = Some(title.to_string());
    a.outlet = Some("Test Wire".to_string());
    a
}

fn report() -> Report {
    Report {
        articles: vec![
            article(
                "a1",
                "Envoys meet in Geneva",
                "Negotiators met in Geneva on Sunday.",
            ),
            article(
                "a2",
                "Grain deal extended",
                "The grain corridor stays open.",
            ),
        ],
        stories: vec![Story {
            id: "s1".into(),
            title: "Envoys meet in Geneva".into(),
            articles: vec!["a1".into()],
            outlets: vec!["Test Wire".into()],
            entities: vec![],
        }],
        entities: vec![Entity {
            id: "gpe:switzerland".into(),
            name: "Switzerland".into(),
            kind: Kind::Gpe,
            aliases: vec![],
            roles: vec![],
            parent: None,
            mentions: 1,
            articles: vec!["a1".into()],
            sources: vec![],
        }],
        ..Report::default()
    }
}

#[test]
fn saves_and_loads_a_report() {
    let mut store = SqliteStore::in_memory().unwrap();
    let summary = store.save_report(&report()).unwrap();
    assert_eq!(summary.new_articles, 2);
    let loaded = store.load_report().unwrap();
    assert_eq!(loaded.articles.len(), 2);
    assert_eq!(loaded.stories, report().stories);
    assert_eq!(loaded.entities, report().entities);
    assert!(store.has_article("a1").unwrap());
    assert_eq!(
        store.article("a2").unwrap().unwrap().title.as_deref(),
        Some("Grain deal extended")
    );
}

#[test]
fn the_same_article_is_stored_once() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.save_report(&report()).unwrap();
    let again = store.save_report(&report()).unwrap();
    assert_eq!(again.new_articles, 0);
    assert_eq!(again.known_articles, 2);
    assert_eq!(store.article_count().unwrap(), 2);
    assert_eq!(store.search("Geneva", 10).unwrap().len(), 1);
}

#[test]
fn search_highlights_matches() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.save_report(&report()).unwrap();
    let hits = store.search("corridor", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article, "a2");
    assert!(
        hits[0].snippet.contains("[corridor]"),
        "{}",
        hits[0].snippet
    );
}

#[test]
fn reopening_a_file_keeps_data_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    SqliteStore::open(&path)
        .unwrap()
        .save_report(&report())
        .unwrap();
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.article_count().unwrap(), 2);
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(matches!(
        SqliteStore::open(&path),
        Err(StoreError::TooNew { found: 99, .. })
    ));
}
