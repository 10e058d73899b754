use chrono::NaiveDate;
use dragoman_model::{
    Article, Doc, Duplicate, Entity, Event, EventKind, Kind, Published, Quote, Report, Role,
    Source, Span, Story, TimeExpr,
};

use super::*;

fn article(id: &str, title: &str, text: &str) -> Article {
    let mut a = Article::from_paragraphs(format!("{id}.txt"), [text]);
    a.id = id.to_string();
    a.title = Some(title.to_string());
    a.outlet = Some("Test Wire".to_string());
    a.published = NaiveDate::from_ymd_opt(2025, 3, 1 + id.len() as u32 % 20).map(Published::day);
    a
}

fn search(store: &SqliteStore, text: &str) -> Vec<SearchHit> {
    store
        .search(&SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        })
        .unwrap()
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
            aliases: vec!["Swiss Confederation".into()],
            roles: vec![],
            parent: None,
            mentions: 2,
            articles: vec!["a1".into()],
            sources: vec![
                Source::new("a1", Span::new(0, 5)),
                Source::new("a1", Span::new(20, 26)),
            ],
        }],
        quotes: vec![Quote {
            speaker: Some("gpe:switzerland".into()),
            speaker_name: Some("Switzerland".into()),
            speaker_span: None,
            source_span: None,
            cue: Some("said".into()),
            cue_span: None,
            text: "talks go on".into(),
            content_span: Span::new(0, 10),
            direct: false,
            sources: vec![Source::new("a1", Span::new(0, 36))],
            story: Some("s1".into()),
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
    assert_eq!(search(&store, "Geneva").len(), 1);
}

#[test]
fn search_highlights_matches() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.save_report(&report()).unwrap();
    let hits = search(&store, "corridor");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article, "a2");
    let parts = hits[0].snippet_parts();
    assert!(parts.contains(&("corridor", true)), "{parts:?}");
    assert!(parts.contains(&("The grain ", false)), "{parts:?}");
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

#[test]
fn search_filters_and_hostile_input() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.save_report(&report()).unwrap();
    for input in ["\"", "AND OR NOT", "(", "a:b", "*", "NEAR(", "''"] {
        assert!(search(&store, input).is_empty(), "{input}");
    }
    let by_entity = store
        .search(&SearchQuery {
            text: "Geneva OR corridor".into(),
            entity: Some("the swiss confederation".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(by_entity.len(), 1);
    assert_eq!(by_entity[0].article, "a1");
    let by_outlet = store
        .search(&SearchQuery {
            outlet: Some("test wire".into()),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(by_outlet.len(), 2);
    let dated = store
        .search(&SearchQuery {
            text: "Geneva OR corridor".into(),
            since: NaiveDate::from_ymd_opt(2025, 3, 3),
            until: NaiveDate::from_ymd_opt(2025, 3, 3),
            ..SearchQuery::default()
        })
        .unwrap();
    assert_eq!(dated.len(), 2);
    let none = store
        .search(&SearchQuery {
            text: "Geneva".into(),
            since: NaiveDate::from_ymd_opt(2026, 1, 1),
            ..SearchQuery::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn stories_and_entities_are_queried() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.save_report(&report()).unwrap();
    let stories = store.stories(10, 0).unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].article_count, 1);
    assert_eq!(stories[0].latest.as_deref(), Some("2025-03-03"));
    assert_eq!(stories[0].outlets, ["Test Wire"]);
    let detail = store.story("s1").unwrap().unwrap();
    assert_eq!(detail.articles.len(), 1);
    assert_eq!(detail.articles[0].words, 6);
    assert!(!detail.articles[0].year_inferred);
    assert_eq!(detail.quotes.len(), 1);
    assert!(store.story("s9").unwrap().is_none());
    assert_eq!(store.stories_of_article("a1").unwrap()[0].id, "s1");
    assert!(store.stories_of_article("a2").unwrap().is_empty());

    let found = store.find_entity("SWITZERLAND").unwrap().unwrap();
    assert_eq!(found.id, "gpe:switzerland");
    assert!(store.find_entity("Swiss Confederation").unwrap().is_some());
    assert!(store.find_entity("Narnia").unwrap().is_none());
    let entity = store.entity_detail("gpe:switzerland").unwrap().unwrap();
    assert_eq!(entity.quotes.len(), 1);
    assert_eq!(
        entity.mentions_per_day,
        vec![DayCount {
            day: "2025-03-03".into(),
            mentions: 2,
            articles: 1
        }]
    );
    assert_eq!(entity.stories.len(), 1);
    assert_eq!(store.entities(10, 0).unwrap()[0].name, "Switzerland");
}

fn doc(id: &str, text: &str) -> Doc {
    Doc::new(article(id, id, text))
}

#[test]
fn docs_are_stored_once_and_read_back() {
    let mut store = SqliteStore::in_memory().unwrap();
    let first = store
        .save_docs(&[doc("d1", "One text."), doc("d22", "Another text.")])
        .unwrap();
    assert_eq!(first.new_articles, 2);
    let again = store
        .save_docs(&[doc("d1", "One text."), doc("d333", "A third.")])
        .unwrap();
    assert_eq!(again.new_articles, 1);
    assert_eq!(again.known_articles, 1);
    let docs = store.docs().unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].article.id, "d1");
    assert!(store.doc("d22").unwrap().is_some());
    assert!(store.articles_without_docs().unwrap().is_empty());
}

#[test]
fn articles_saved_without_docs_are_listed() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.save_report(&report()).unwrap();
    assert_eq!(store.articles_without_docs().unwrap().len(), 2);
    store
        .save_docs(&[Doc::new(report().articles[0].clone())])
        .unwrap();
    let left = store.articles_without_docs().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, "a2");
}

#[test]
fn analysis_is_replaced_whole() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.save_report(&report()).unwrap();
    let mut next = report();
    next.entities[0].roles.push(Role {
        title: "host".into(),
        sources: vec![],
    });
    next.stories.clear();
    store.replace_analysis(&next).unwrap();
    assert!(store.stories(10, 0).unwrap().is_empty());
    assert_eq!(store.entities(10, 0).unwrap()[0].roles, ["host"]);
    assert_eq!(store.entities(10, 0).unwrap().len(), 1);
}

#[test]
fn a_version_1_file_gets_its_lookup_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(schema::MIGRATIONS[0]).unwrap();
        tx.pragma_update(None, "user_version", 1).unwrap();
        let r = report();
        tx.execute(
            "INSERT INTO articles (id, origin, text, json, published) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                r.articles[0].id,
                r.articles[0].origin,
                r.articles[0].text,
                to_json(&r.articles[0]),
                "2025-03-03"
            ],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO stories (key, json) VALUES ('s1', ?1)",
            [to_json(&r.stories[0])],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO quotes (key, json) VALUES ('s1', ?1)",
            [to_json(&r.quotes[0])],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.stories(10, 0).unwrap().len(), 1);
    assert!(store.integrity_check().unwrap());
    let reader = SqliteStore::open_read_only(&path).unwrap();
    assert_eq!(reader.story("s1").unwrap().unwrap().quotes.len(), 1);
    assert!(reader.story_json("s1").unwrap().is_some(), "answers built");
}

#[test]
fn a_version_2_file_gets_its_story_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        store.save_report(&report()).unwrap();
        store.conn.execute_batch("DROP TABLE story_json").unwrap();
        undo_version_4(&store);
        store.conn.pragma_update(None, "user_version", 2).unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    let json = store.story_json("s1").unwrap().unwrap();
    let answer: StoryAnswer = serde_json::from_slice(&json).unwrap();
    assert_eq!(answer.detail.quotes.len(), 1);
}

#[test]
fn story_answers_are_stored_and_cut() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.save_report(&report()).unwrap();
    let json = store.story_json("s1").unwrap().unwrap();
    let answer: StoryAnswer = serde_json::from_slice(&json).unwrap();
    assert_eq!(answer.detail, store.story("s1").unwrap().unwrap());
    assert_eq!(answer.totals.quotes, 1);
    assert!(!answer.truncated);
    assert!(store.story_json("s9").unwrap().is_none());

    let mut detail = answer.detail;
    detail.story.articles = vec!["a1".into(), "a2".into(), "a3".into()];
    detail.quotes = vec![detail.quotes[0].clone(); 3];
    let cut = StoryAnswer::of(detail, 2);
    assert!(cut.truncated);
    assert_eq!(cut.totals.articles, 3);
    assert_eq!(cut.totals.quotes, 3);
    assert_eq!(cut.detail.story.articles.len(), 2);
    assert_eq!(cut.detail.quotes.len(), 2);
    assert_eq!(cut.detail.articles.len(), 1);

    // Lists inside the items are cut too, so one busy quote cannot bloat the answer.
    let mut detail = cut.detail;
    let source = detail.quotes[0].sources.first().cloned().unwrap();
    detail.quotes[0].sources = vec![source; NESTED_LIST + 5];
    let nested = StoryAnswer::of(detail, 100);
    assert!(nested.truncated);
    assert_eq!(nested.detail.quotes[0].sources.len(), NESTED_LIST);

    let mut emptied = report();
    emptied.stories.clear();
    store.replace_analysis(&emptied).unwrap();
    assert!(
        store.story_json("s1").unwrap().is_none(),
        "replaced with the analysis"
    );
}

#[test]
fn name_keys_fold_case_space_and_the() {
    assert_eq!(name_key("The  Kremlin"), "kremlin");
    assert_eq!(name_key("the"), "the");
    assert_eq!(name_key(" Ukraine "), "ukraine");
}

/// A whole analysis of two stories (s1: a1 with its quote; s2: a2) made by a tracker with
/// state `t0`.
fn whole_analysis() -> AnalysisUpdate {
    let r = report();
    let mut docs: Vec<Doc> = r.articles.iter().cloned().map(Doc::new).collect();
    docs[0].quotes = r.quotes.clone();
    let story = |id: &str, article: &str, title: &str| StoryRows {
        story: Story {
            id: id.into(),
            title: title.into(),
            articles: vec![article.into()],
            outlets: vec!["Test Wire".into()],
            entities: vec![],
        },
        facts: vec![],
        contradictions: vec![],
        framing: vec![],
    };
    AnalysisUpdate {
        docs,
        entities: r
            .entities
            .iter()
            .map(|e| EntityChange {
                entity: e.clone(),
                added: e.clone(),
            })
            .collect(),
        duplicates: vec![],
        stories: vec![
            story("s1", "a1", "Envoys meet in Geneva"),
            story("s2", "a2", "Grain deal extended"),
        ],
        tracker: b"t0".to_vec(),
        replace: true,
    }
}

fn tracked_store(store: &mut SqliteStore) {
    store.apply_update(&whole_analysis()).unwrap();
}

/// One new article, `a3`, joining story s1 and mentioning Switzerland once.
fn update_for_a3() -> AnalysisUpdate {
    let a3 = article("a3", "Envoys meet again", "The envoys met again in Geneva.");
    let mut entity = report().entities[0].clone();
    let added = Entity {
        mentions: 1,
        articles: vec!["a3".into()],
        sources: vec![Source::new("a3", Span::new(24, 30))],
        ..entity.clone()
    };
    entity.mentions += 1;
    entity.articles.push("a3".into());
    entity.sources.extend(added.sources.clone());
    let mut story = report().stories[0].clone();
    story.articles.push("a3".into());
    let mut quote = report().quotes[0].clone();
    quote.sources = vec![Source::new("a3", Span::new(0, 10))];
    let mut doc = Doc::new(a3);
    doc.quotes.push(quote);
    AnalysisUpdate {
        docs: vec![doc],
        entities: vec![EntityChange { entity, added }],
        duplicates: vec![Duplicate {
            article: "a3".into(),
            duplicate_of: "a1".into(),
            similarity: 0.9,
            changes: vec![],
        }],
        stories: vec![StoryRows {
            story,
            facts: vec![],
            contradictions: vec![],
            framing: vec![],
        }],
        tracker: b"t1".to_vec(),
        replace: false,
    }
}

/// Every row of story `id`, as stored.
fn story_rows(store: &SqliteStore, id: &str) -> Vec<String> {
    let mut rows = Vec::new();
    for sql in [
        "SELECT json FROM stories WHERE key = ?1",
        "SELECT json FROM quotes WHERE key = ?1",
        "SELECT json FROM events WHERE key = ?1",
        "SELECT json FROM facts WHERE key = ?1",
        "SELECT story || title || latest || article_count || outlets || position
           FROM story_index WHERE story = ?1",
        "SELECT group_concat(article) FROM story_articles WHERE story = ?1",
        "SELECT CAST(json AS TEXT) FROM story_json WHERE story = ?1",
    ] {
        let mut stmt = store.conn.prepare(sql).unwrap();
        let found = stmt
            .query_map([id], |r| r.get::<_, Option<String>>(0))
            .unwrap()
            .map(|r| r.unwrap().unwrap_or_default());
        rows.extend(found);
    }
    rows
}

#[test]
fn an_update_rewrites_only_the_stories_and_entities_it_touches() {
    let mut store = SqliteStore::in_memory().unwrap();
    tracked_store(&mut store);
    assert_eq!(store.tracker_state().unwrap().as_deref(), Some(&b"t0"[..]));
    let untouched = story_rows(&store, "s2");
    let before = story_rows(&store, "s1");

    let summary = store.apply_update(&update_for_a3()).unwrap();
    assert_eq!(summary.new_articles, 1);
    assert_eq!(store.tracker_state().unwrap().as_deref(), Some(&b"t1"[..]));
    assert_eq!(story_rows(&store, "s2"), untouched, "s2 is byte-identical");
    assert_ne!(story_rows(&store, "s1"), before);

    let docs = store.story_docs("s1").unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d.article.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a3"]);
    assert_eq!(store.story_duplicates("s1").unwrap().len(), 1);
    assert!(store.story_duplicates("s2").unwrap().is_empty());
    let answer: StoryAnswer =
        serde_json::from_slice(&store.story_json("s1").unwrap().unwrap()).unwrap();
    assert_eq!(answer.detail, store.story("s1").unwrap().unwrap());
    assert_eq!(answer.totals.quotes, 2);
    assert_eq!(answer.detail.articles.len(), 2);

    let entity = store.entity("gpe:switzerland").unwrap().unwrap();
    assert_eq!(entity.mentions, 3);
    assert_eq!(
        store.entities(10, 0).unwrap().len(),
        1,
        "replaced, not added"
    );
    assert_eq!(store.entities(10, 0).unwrap()[0].mentions, 3);
    let detail = store.entity_detail("gpe:switzerland").unwrap().unwrap();
    let per_day: usize = detail.mentions_per_day.iter().map(|d| d.mentions).sum();
    assert_eq!(per_day, 3, "a1's two mentions kept, a3's one added");
    assert!(store.find_entity("swiss confederation").unwrap().is_some());
    assert_eq!(store.story_count().unwrap(), 2);
    assert_eq!(store.entity_count().unwrap(), 1);
    assert_eq!(store.stories_of_article("a3").unwrap()[0].id, "s1");
    assert!(store.integrity_check().unwrap());
}

#[test]
fn a_new_story_goes_after_the_stored_ones() {
    let mut store = SqliteStore::in_memory().unwrap();
    tracked_store(&mut store);
    let mut update = update_for_a3();
    update.stories[0].story.id = "s3".into();
    update.stories[0].story.articles = vec!["a3".into()];
    update.docs[0].quotes[0].story = Some("s3".into());
    store.apply_update(&update).unwrap();
    let position: i64 = store
        .conn
        .query_row(
            "SELECT position FROM story_index WHERE story = 's3'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(position, 2);
    assert_eq!(store.story("s3").unwrap().unwrap().quotes.len(), 1);
    assert_eq!(store.story("s1").unwrap().unwrap().quotes.len(), 1);
}

#[test]
fn a_batch_cut_off_before_its_commit_leaves_the_previous_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        tracked_store(&mut store);
        let tx = store.conn.transaction().unwrap();
        update::apply(&tx, &update_for_a3()).unwrap();
        // Dropped without a commit, as when the process dies here.
        drop(tx);
    }
    let mut store = SqliteStore::open(&path).unwrap();
    assert!(store.integrity_check().unwrap());
    assert_eq!(store.article_count().unwrap(), 2);
    assert_eq!(store.tracker_state().unwrap().as_deref(), Some(&b"t0"[..]));
    assert_eq!(store.story("s1").unwrap().unwrap().story.articles, ["a1"]);
    assert_eq!(
        store.entity("gpe:switzerland").unwrap().unwrap().mentions,
        2
    );
    // The batch applies cleanly on the next run.
    store.apply_update(&update_for_a3()).unwrap();
    assert_eq!(store.article_count().unwrap(), 3);
}

#[test]
fn a_report_saved_whole_drops_the_tracker_state() {
    let mut store = SqliteStore::in_memory().unwrap();
    tracked_store(&mut store);
    store.replace_analysis(&report()).unwrap();
    assert!(store.tracker_state().unwrap().is_none());
    tracked_store(&mut store);
    store.save_report(&report()).unwrap();
    assert!(store.tracker_state().unwrap().is_none());
}

#[test]
fn a_whole_analysis_replaces_every_derived_row_and_keeps_the_articles() {
    let mut store = SqliteStore::in_memory().unwrap();
    tracked_store(&mut store);
    store.apply_update(&update_for_a3()).unwrap();
    let mut whole = whole_analysis();
    whole.stories.truncate(1);
    whole.tracker = b"t2".to_vec();
    let summary = store.apply_update(&whole).unwrap();
    assert_eq!(summary.known_articles, 2);
    assert_eq!(store.article_count().unwrap(), 3);
    assert_eq!(store.story_count().unwrap(), 1);
    assert_eq!(store.story("s1").unwrap().unwrap().quotes.len(), 1);
    assert!(store.story_duplicates("s1").unwrap().is_empty());
    assert!(store.story_json("s2").unwrap().is_none());
    assert_eq!(
        store.entity("gpe:switzerland").unwrap().unwrap().mentions,
        2
    );
    assert_eq!(store.tracker_state().unwrap().as_deref(), Some(&b"t2"[..]));
}

#[test]
fn a_copy_found_again_keeps_one_row() {
    let mut store = SqliteStore::in_memory().unwrap();
    tracked_store(&mut store);
    store.apply_update(&update_for_a3()).unwrap();
    let mut again = update_for_a3();
    again.docs.clear();
    again.entities.clear();
    again.duplicates[0].duplicate_of = "a2".into();
    store.apply_update(&again).unwrap();
    let found = store.story_duplicates("s1").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].duplicate_of, "a2");
}

/// Drops what migration 4 added, as in a file written before it.
fn undo_version_4(store: &SqliteStore) {
    store
        .conn
        .execute_batch(
            "DROP TABLE tracker; DROP INDEX duplicates_key; DROP INDEX entity_names_entity;
             ALTER TABLE events DROP COLUMN day;",
        )
        .unwrap();
}

#[test]
fn a_version_3_file_is_upgraded_without_tracker_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        let mut r = report();
        r.events = vec![dated_event("reported with a1", "a1", None)];
        store.save_report(&r).unwrap();
        undo_version_4(&store);
        store.conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::VERSION);
    assert!(
        store.tracker_state().unwrap().is_none(),
        "rebuilt on next ingest"
    );
    assert_eq!(store.stories(10, 0).unwrap().len(), 1, "analysis kept");
    assert!(store.story_json("s1").unwrap().is_some());
    let day: Option<String> = store
        .conn
        .query_row("SELECT day FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(day.as_deref(), Some("2025-03-03"), "the article's day");
}

fn dated_event(summary: &str, article: &str, day: Option<NaiveDate>) -> Event {
    Event {
        kind: EventKind::Meeting,
        summary: summary.into(),
        date: day.map(|d| TimeExpr {
            text: "then".into(),
            value: Some(d.to_string()),
            start: Some(d),
            end: Some(d),
            ..TimeExpr::default()
        }),
        sources: vec![Source::new(article, Span::new(0, 3))],
        story: Some("s1".into()),
        ..Event::default()
    }
}

#[test]
fn appended_events_take_their_place_in_the_timeline() {
    let mut store = SqliteStore::in_memory().unwrap();
    let day = |d| NaiveDate::from_ymd_opt(2025, 3, d);
    // a1 is dated 2025-03-03: its undated event sits on that day.
    let mut whole = whole_analysis();
    whole.docs[0].events = vec![
        dated_event("on the 2nd", "a1", day(2)),
        dated_event("reported with a1", "a1", None),
        dated_event("on the 9th", "a1", day(9)),
    ];
    store.apply_update(&whole).unwrap();
    let mut update = update_for_a3();
    update.docs[0].events = vec![
        dated_event("undated, with a3", "a3", None),
        dated_event("on the 1st", "a3", day(1)),
        dated_event("on the 5th", "a3", day(5)),
    ];
    store.apply_update(&update).unwrap();
    let detail = store.story("s1").unwrap().unwrap();
    let order: Vec<&str> = detail.events.iter().map(|e| e.summary.as_str()).collect();
    // a3 is dated 2025-03-03 too: its undated event follows those stored before.
    assert_eq!(
        order,
        [
            "on the 1st",
            "on the 2nd",
            "reported with a1",
            "undated, with a3",
            "on the 5th",
            "on the 9th"
        ]
    );
    let loaded: Vec<String> = store
        .load_report()
        .unwrap()
        .events
        .into_iter()
        .map(|e| e.summary)
        .collect();
    assert_eq!(loaded, order);
}

#[test]
fn an_answer_read_cut_equals_the_cut_detail() {
    let mut store = SqliteStore::in_memory().unwrap();
    tracked_store(&mut store);
    let mut update = update_for_a3();
    update.docs[0].events = vec![
        dated_event("first", "a3", None),
        dated_event("second", "a3", NaiveDate::from_ymd_opt(2025, 1, 1)),
    ];
    store.apply_update(&update).unwrap();
    for cap in [0, 1, 2, STORY_LIST] {
        let detail = store.story("s1").unwrap().unwrap();
        let read = queries::story_answer(&store.conn, "s1", cap)
            .unwrap()
            .unwrap();
        assert_eq!(read, StoryAnswer::of(detail, cap), "cap {cap}");
    }
    assert!(
        queries::story_answer(&store.conn, "s9", 1)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_story_row_follows_its_articles() {
    let mut store = SqliteStore::in_memory().unwrap();
    tracked_store(&mut store);
    let mut update = update_for_a3();
    update.stories[0].story.articles = vec!["a3".into()];
    store.apply_update(&update).unwrap();
    assert!(store.stories_of_article("a1").unwrap().is_empty());
    let listed = store.stories_of_article("a3").unwrap();
    assert_eq!(listed[0].id, "s1");
    assert_eq!(listed[0].article_count, 1);
    assert_eq!(listed[0].first.as_deref(), Some("2025-03-03"));
}

#[test]
fn an_inferred_year_is_listed_as_such() {
    let mut store = SqliteStore::in_memory().unwrap();
    let mut r = report();
    r.articles[0].dateline_day = Some(dragoman_model::MonthDay { month: 3, day: 3 });
    store.save_report(&r).unwrap();
    let detail = store.story("s1").unwrap().unwrap();
    assert!(detail.articles[0].year_inferred);
    assert_eq!(detail.articles[0], ArticleSummary::of(&r.articles[0]));
}
