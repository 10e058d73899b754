//! `dragoman ingest`, `stories`, `story`, `entity` and `search` on the demo corpus, and a kill
//! in the middle of an ingest.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{demo_corpus, dragoman};
use dragoman_store::{SqliteStore, Store};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn ingest_is_incremental_and_the_store_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let db = db.to_str().unwrap();
    let corpus = demo_corpus();
    let first = dragoman(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let stored = SqliteStore::open(Path::new(db))
        .unwrap()
        .article_count()
        .unwrap();
    assert!(stored > 10, "{stored}");

    let again = dragoman(&["ingest", corpus.to_str().unwrap(), "--db", db]);
    assert!(again.status.success());
    assert!(
        text(&again.stderr).contains(" 0 new,"),
        "nothing new the second time: {}",
        text(&again.stderr)
    );
    assert_eq!(
        SqliteStore::open(Path::new(db))
            .unwrap()
            .article_count()
            .unwrap(),
        stored
    );

    let stories = dragoman(&["stories", "--db", db, "--format", "json"]);
    assert!(stories.status.success(), "{}", text(&stories.stderr));
    let list: serde_json::Value = serde_json::from_slice(&stories.stdout).unwrap();
    let id = list[0]["id"].as_str().expect("a story").to_owned();

    let story = dragoman(&["story", &id, "--db", db]);
    assert!(story.status.success(), "{}", text(&story.stderr));
    assert!(text(&story.stdout).starts_with("# "));
    let missing = dragoman(&["story", "no-such-story", "--db", db]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(text(&missing.stderr).lines().count(), 1, "one-line error");

    let detail = dragoman(&["story", &id, "--db", db, "--format", "json"]);
    let detail: serde_json::Value = serde_json::from_slice(&detail.stdout).unwrap();
    let entity = detail["entities"][0]["name"].as_str().expect("an entity");
    let found = dragoman(&[
        "entity",
        &entity.to_uppercase(),
        "--db",
        db,
        "--format",
        "json",
    ]);
    assert!(found.status.success(), "{}", text(&found.stderr));
    let found: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(found["entity"]["name"], entity);

    let hits = dragoman(&["search", "talks", "--db", db]);
    assert!(hits.status.success(), "{}", text(&hits.stderr));
    assert!(text(&hits.stdout).contains("**"), "highlighted matches");
    let none = dragoman(&["search", "talks", "--since", "2099-01-01", "--db", db]);
    assert_eq!(none.status.code(), Some(1));
    let bad = dragoman(&["search", "talks", "--since", "soon", "--db", db]);
    assert_eq!(bad.status.code(), Some(2));

    let absent = dragoman(&[
        "stories",
        "--db",
        dir.path().join("none.db").to_str().unwrap(),
    ]);
    assert_eq!(absent.status.code(), Some(2));
    assert!(text(&absent.stderr).contains("dragoman ingest"));
}

/// Writes `n` distinct short articles of made-up news into `dir`.
fn generate(dir: &Path, n: usize) {
    let places = [
        "Lisbon", "Oslo", "Nairobi", "Hanoi", "Quito", "Tallinn", "Accra",
    ];
    let groups = ["the council", "the ministry", "the union", "the delegation"];
    for i in 0..n {
        let place = places[i % places.len()];
        let group = groups[(i / 7) % groups.len()];
        let body = format!(
            "Officials in {place} said on Tuesday that {group} had reviewed proposal number {i}.\n\n\
             The review took {} hours, according to a statement from {group}. \
             Observers in {place} expect a decision within {} days.\n\n\
             A spokesperson declined to comment on item {i} further.\n",
            3 + i % 9,
            2 + i % 5
        );
        std::fs::write(dir.join(format!("item-{i:05}.txt")), body).unwrap();
    }
}

#[test]
fn a_killed_ingest_leaves_a_consistent_store() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    generate(&input, 1500);
    let db = dir.path().join("kill.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dragoman"))
        .args([
            "ingest",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--batch",
            "8",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let reported = Arc::new(Mutex::new(0usize));
    let stderr = child.stderr.take().unwrap();
    let seen = reported.clone();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(total) = line
                .strip_suffix(" in this run")
                .and_then(|l| l.rsplit_once(", "))
                .and_then(|(_, n)| n.parse::<usize>().ok())
            {
                *seen.lock().unwrap() = total;
            }
        }
    });
    let started = Instant::now();
    while *reported.lock().unwrap() < 16 {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the ingest never reported a stored batch"
        );
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(150));
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    let reported = *reported.lock().unwrap();

    let store = SqliteStore::open(&db).unwrap();
    assert!(store.integrity_check().unwrap());
    let count = store.article_count().unwrap();
    assert!(count >= reported, "{count} stored, {reported} reported");
    assert!(count < 1500, "the kill came before the end");
    assert!(
        store.articles_without_docs().unwrap().is_empty(),
        "each article is stored with its annotations"
    );
    assert_eq!(store.docs().unwrap().len(), count);
    assert!(
        store.tracker_state().unwrap().is_some(),
        "the analysis is committed with each batch"
    );
    let covered: usize = store
        .stories(usize::MAX, 0)
        .unwrap()
        .iter()
        .map(|s| s.article_count)
        .sum();
    assert_eq!(
        covered, count,
        "the analysis covers exactly the stored articles"
    );
    drop(store);

    // Running the ingest again finishes the job without storing anything twice.
    let out = dragoman(&[
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(&format!("{} new, {count} already stored", 1500 - count)),
        "{}",
        text(&out.stderr)
    );
    let store = SqliteStore::open(&db).unwrap();
    assert_eq!(store.article_count().unwrap(), 1500);
    assert!(!store.stories(10, 0).unwrap().is_empty());
}
