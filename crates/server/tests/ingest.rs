//! Incremental ingestion with the real engine on a small made-up corpus of two stories: the
//! same analysis whether articles come in one call or several, untouched stories left
//! byte-identical, a store without tracker state rebuilt once, and a run cut off between
//! batches finished by the next one.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use chrono::NaiveDate;
use dragoman_model::{Article, MonthDay, Published, Report};
use dragoman_pipeline::{Engine, EngineOptions};
use dragoman_server::ingest::{IngestSummary, ingest_articles, rebuild};
use dragoman_store::{SqliteStore, Store};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(EngineOptions::default()).expect("models load"))
}

fn article(id: &str, day: u32, outlet: &str, title: &str, paragraphs: &[&str]) -> Article {
    let mut a = Article::from_paragraphs(format!("{id}.txt"), paragraphs.iter().copied());
    a.id = id.to_owned();
    a.title = Some(title.to_owned());
    a.outlet = Some(outlet.to_owned());
    a.published = NaiveDate::from_ymd_opt(2025, 6, day).map(Published::day);
    a
}

/// Eight articles in publication order: four on river talks between Egypt and Ethiopia, four
/// on a fishing quarrel between Norway and Iceland.
fn corpus() -> Vec<Article> {
    vec![
        article(
            "nile-1",
            2,
            "Cairo Ledger",
            "Egypt and Ethiopia reopen talks on the Blue Nile dam",
            &[
                "Negotiators from Egypt and Ethiopia met in Khartoum on Monday to reopen talks on how fast the reservoir behind the Blue Nile dam should be filled.",
                "Egyptian foreign minister Sameh Shoukry said his country wanted a binding agreement on releases during dry years. \"We cannot accept promises that can be withdrawn at will,\" Shoukry told reporters.",
                "Ethiopia says the dam is vital for its electricity supply and has rejected any deal that limits future projects upstream.",
            ],
        ),
        article(
            "fish-1",
            3,
            "Nordic Wire",
            "Norway and Iceland clash over mackerel quotas",
            &[
                "Norway and Iceland traded accusations on Tuesday over mackerel quotas in the North Atlantic, after talks in Oslo ended without a deal.",
                "Norwegian fisheries minister Cecilie Myrseth said Iceland had set a quota far above its fair share. \"The stock cannot carry these catches,\" Myrseth said.",
                "Iceland rejected the criticism and said its fleet depended on the fish that now spend more of the summer in its waters.",
            ],
        ),
        article(
            "nile-2",
            5,
            "Addis Courier",
            "Ethiopia offers data sharing on dam filling",
            &[
                "Ethiopia offered on Thursday to share daily data on the filling of the Blue Nile dam with Egypt and Sudan, officials in Addis Ababa said.",
                "Ethiopian water minister Habtamu Itefa said the offer showed goodwill. \"We are ready to be transparent about every cubic metre,\" Habtamu said in a statement.",
                "Egypt has demanded a binding agreement and said data sharing alone would not be enough.",
            ],
        ),
        article(
            "fish-2",
            6,
            "Reykjavik Review",
            "Iceland defends its mackerel catch",
            &[
                "Iceland on Friday defended its mackerel catch and rejected demands from Norway to cut its quota for the coming season.",
                "Icelandic fisheries minister Bjarkey Gunnarsdottir said the fish had moved north and Iceland had a right to a larger share. \"Our waters feed this stock now,\" she said.",
                "Norway wants a coastal states agreement that would fix each country's share for several years.",
            ],
        ),
        article(
            "nile-3",
            9,
            "River Times",
            "No breakthrough in Khartoum dam talks",
            &[
                "Talks between Egypt and Ethiopia on the Blue Nile dam ended in Khartoum on Monday without a breakthrough, both delegations said.",
                "Sameh Shoukry said Egypt would keep pressing for a binding agreement on drought years, while Habtamu Itefa said Ethiopia would not sign away its right to develop the river.",
                "Sudan, which hosted the meeting, urged both sides to return to the table within a month.",
            ],
        ),
        article(
            "fish-3",
            10,
            "Nordic Wire",
            "Mackerel talks to resume in London",
            &[
                "Norway, Iceland and the Faroe Islands agreed on Tuesday to resume mackerel talks in London next month, the Norwegian government said.",
                "Cecilie Myrseth said Norway was willing to discuss a new sharing key but would not accept quotas that put the stock at risk.",
                "Bjarkey Gunnarsdottir said Iceland would attend and would defend the interests of its fishing towns.",
            ],
        ),
        article(
            "nile-4",
            12,
            "Cairo Ledger",
            "Egypt asks mediators to step in on the dam",
            &[
                "Egypt asked the African Union on Thursday to step up mediation over the Blue Nile dam after the latest round of talks with Ethiopia failed.",
                "Shoukry said Cairo had shown flexibility and that Ethiopia had rejected every proposal for a binding agreement on releases.",
                "Ethiopian officials said they remained open to talks and would publish the filling schedule for the rainy season.",
            ],
        ),
        article(
            "fish-4",
            13,
            "Reykjavik Review",
            "Iceland sets its mackerel quota before London talks",
            &[
                "Iceland set its mackerel quota for the season on Friday, days before the talks with Norway and the Faroe Islands in London.",
                "Bjarkey Gunnarsdottir said the quota was responsible and in line with scientific advice, and that Iceland hoped for a lasting deal.",
                "Myrseth said in Oslo that the Icelandic quota was still too high and that Norway would raise the matter in London.",
            ],
        ),
    ]
}

fn ingest(store: &mut SqliteStore, articles: Vec<Article>) -> IngestSummary {
    ingest_articles(engine(), store, articles, 64, &mut |_| {}).expect("ingest")
}

/// What must not depend on how articles were split into batches: the partition into stories,
/// each entity with its mention count, articles and sources, and each story's facts.
fn analysis(store: &SqliteStore) -> (Report, BTreeMap<String, String>) {
    let report = store.load_report().expect("report loads");
    let mut by_story = BTreeMap::new();
    for story in &report.stories {
        let facts: Vec<String> = report
            .facts
            .iter()
            .filter(|f| f.story.as_deref() == Some(&story.id))
            .map(|f| serde_json::to_string(f).unwrap())
            .collect();
        by_story.insert(story.id.clone(), facts.join("\n"));
    }
    (report, by_story)
}

/// Two stores hold the same analysis: the same stories, entities and facts per story.
fn assert_same_analysis(
    (one, one_facts): (&Report, &BTreeMap<String, String>),
    (two, two_facts): (&Report, &BTreeMap<String, String>),
) {
    assert_eq!(partition(one), partition(two));
    assert_eq!(entities(one), entities(two));
    assert_eq!(one_facts, two_facts);
}

fn partition(report: &Report) -> BTreeSet<(String, BTreeSet<String>)> {
    report
        .stories
        .iter()
        .map(|s| (s.id.clone(), s.articles.iter().cloned().collect()))
        .collect()
}

fn entities(report: &Report) -> BTreeMap<String, (usize, BTreeSet<String>, usize)> {
    report
        .entities
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                (
                    e.mentions,
                    e.articles.iter().cloned().collect(),
                    e.sources.len(),
                ),
            )
        })
        .collect()
}

#[test]
fn two_calls_give_what_one_call_gives() {
    let mut whole = SqliteStore::in_memory().unwrap();
    let once = ingest(&mut whole, corpus());
    assert_eq!(once.added, 8);
    assert!(!once.rebuilt, "an empty store has nothing to rebuild");
    let (one, one_facts) = analysis(&whole);
    assert!(one.stories.len() >= 2, "{:?}", partition(&one));

    let mut split = SqliteStore::in_memory().unwrap();
    let mut articles = corpus();
    let later = articles.split_off(4);
    ingest(&mut split, articles);
    let second = ingest(&mut split, later);
    assert_eq!(second.added, 4);
    assert!(!second.rebuilt);
    let (two, two_facts) = analysis(&split);

    assert_same_analysis((&one, &one_facts), (&two, &two_facts));
    assert!(one_facts.values().any(|f| !f.is_empty()), "facts found");
    assert_eq!(one.quotes.len(), two.quotes.len());
    assert_eq!(one.events.len(), two.events.len());
    assert!(split.integrity_check().unwrap());
}

#[test]
fn a_story_the_new_articles_do_not_touch_is_left_as_it_was() {
    let mut store = SqliteStore::in_memory().unwrap();
    let mut articles = corpus();
    let last = articles.pop().expect("a fish article");
    ingest(&mut store, articles);
    let fish = store
        .stories_of_article("fish-1")
        .unwrap()
        .pop()
        .expect("fish story")
        .id;
    let nile = store
        .stories_of_article("nile-1")
        .unwrap()
        .pop()
        .expect("nile story")
        .id;
    assert_ne!(fish, nile);
    let nile_json = store.story_json(&nile).unwrap().expect("answer stored");
    let nile_detail = store.story(&nile).unwrap();
    let fish_json = store.story_json(&fish).unwrap().expect("answer stored");

    let summary = ingest(&mut store, vec![last]);
    assert_eq!(summary.added, 1);
    assert_eq!(store.stories_of_article("fish-4").unwrap()[0].id, fish);
    assert_eq!(store.story_json(&nile).unwrap().unwrap(), nile_json);
    assert_eq!(store.story(&nile).unwrap(), nile_detail);
    assert_ne!(store.story_json(&fish).unwrap().unwrap(), fish_json);
}

#[test]
fn a_store_without_tracker_state_is_rebuilt_once() {
    let mut store = SqliteStore::in_memory().unwrap();
    let mut articles = corpus();
    let later = articles.split_off(6);
    // A store written whole, as `analyze --db` does: docs and a report, no tracker state.
    let docs = engine().annotate(articles.clone(), &|| {});
    store.save_docs(&docs).unwrap();
    store
        .replace_analysis(&engine().report(docs, Vec::new()))
        .unwrap();
    assert!(store.tracker_state().unwrap().is_none());

    let first = ingest(&mut store, vec![later[0].clone()]);
    assert!(first.rebuilt);
    assert_eq!(first.added, 1);
    assert!(store.tracker_state().unwrap().is_some());
    let second = ingest(&mut store, vec![later[1].clone()]);
    assert!(!second.rebuilt);

    let mut whole = SqliteStore::in_memory().unwrap();
    ingest(&mut whole, corpus());
    let (one, one_facts) = analysis(&whole);
    let (two, two_facts) = analysis(&store);
    assert_same_analysis((&one, &one_facts), (&two, &two_facts));

    // An explicit rebuild recomputes the same analysis.
    rebuild(engine(), &mut store).unwrap();
    let (three, three_facts) = analysis(&store);
    assert_same_analysis((&one, &one_facts), (&three, &three_facts));
}

#[test]
fn a_run_cut_off_between_batches_is_finished_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        let mut batches = 0;
        let cut = catch_unwind(AssertUnwindSafe(|| {
            ingest_articles(engine(), &mut store, corpus(), 3, &mut |_| {
                batches += 1;
                assert!(batches < 2, "the process dies after its second batch");
            })
        }));
        assert!(cut.is_err(), "cut off");
    }
    let mut store = SqliteStore::open(&path).unwrap();
    assert!(store.integrity_check().unwrap());
    assert_eq!(store.article_count().unwrap(), 6, "two batches committed");
    let stored = store.load_report().unwrap();
    let covered: usize = stored.stories.iter().map(|s| s.articles.len()).sum();
    assert_eq!(
        covered, 6,
        "the analysis covers exactly the stored articles"
    );

    let rest = ingest(&mut store, corpus());
    assert_eq!((rest.added, rest.known), (2, 6));
    let mut whole = SqliteStore::in_memory().unwrap();
    ingest(&mut whole, corpus());
    let (one, one_facts) = analysis(&whole);
    let (two, two_facts) = analysis(&store);
    assert_same_analysis((&one, &one_facts), (&two, &two_facts));
}

#[test]
fn a_copy_of_an_article_stored_earlier_says_what_it_changed() {
    let mut store = SqliteStore::in_memory().unwrap();
    let original = corpus().remove(0);
    ingest(&mut store, vec![original.clone()]);
    let mut paragraphs: Vec<&str> = original
        .paragraphs
        .iter()
        .map(|p| p.slice(&original.text))
        .collect();
    paragraphs.push(
        "Sudan, which shares the river, has asked to join any monitoring committee the two sides agree on.",
    );
    let title = original.title.clone().unwrap_or_default();
    let copy = article("nile-1-copy", 3, "Delta Daily", &title, &paragraphs);
    ingest(&mut store, vec![copy]);
    let report = store.load_report().unwrap();
    let duplicate = report
        .duplicates
        .iter()
        .find(|d| d.article == "nile-1-copy")
        .expect("the later copy is found");
    assert_eq!(duplicate.duplicate_of, "nile-1");
    assert!(
        duplicate
            .changes
            .iter()
            .any(|c| c.starts_with("added") && c.contains("monitoring committee")),
        "{:?}",
        duplicate.changes
    );
}

#[test]
fn a_lone_year_less_dateline_is_dated_from_the_stored_articles() {
    let mut store = SqliteStore::in_memory().unwrap();
    ingest(&mut store, corpus());
    let mut late = corpus().remove(1);
    late.id = "fish-late".to_owned();
    late.published = None;
    late.dateline_day = Some(MonthDay { month: 6, day: 20 });
    ingest(&mut store, vec![late.clone()]);
    let stored = store.article("fish-late").unwrap().expect("stored");
    assert_eq!(stored.date(), NaiveDate::from_ymd_opt(2025, 6, 20));
    assert!(stored.year_inferred());
    // An empty store gives no year to guess from.
    let mut empty = SqliteStore::in_memory().unwrap();
    ingest(&mut empty, vec![late]);
    let alone = empty.article("fish-late").unwrap().expect("stored");
    assert_eq!(alone.date(), None);
}
