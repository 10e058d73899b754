//! Mention tests on hand-written sentences, with the embedded knowledge base and tagger.

use super::*;
use std::sync::OnceLock;

use dragoman_model::Article;

/// One finder for all tests (loading the tagger takes a moment in debug builds).
fn finder() -> Option<&'static MentionFinder> {
    static FINDER: OnceLock<Option<MentionFinder>> = OnceLock::new();
    FINDER
        .get_or_init(|| {
            let knowledge = Knowledge::embedded().ok()?;
            let tagger = Tagger::embedded().ok()?;
            Some(MentionFinder::new(Arc::new(knowledge), Arc::new(tagger)))
        })
        .as_ref()
}

fn mentions(paragraphs: &[&str]) -> Vec<Mention> {
    let Some(finder) = finder() else {
        panic!("embedded knowledge or tagger failed to load");
    };
    let doc = Doc::new(Article::from_paragraphs("t", paragraphs));
    finder.find(&doc)
}

fn get<'a>(found: &'a [Mention], text: &str) -> &'a Mention {
    match found.iter().find(|m| m.text == text) {
        Some(m) => m,
        None => panic!(
            "{text:?} not found in {:?}",
            found.iter().map(|m| m.text.as_str()).collect::<Vec<_>>()
        ),
    }
}

#[test]
fn person_with_title_before() {
    let found = mentions(&["Russian President Vladimir Putin received the delegation on Monday."]);
    let putin = get(&found, "Vladimir Putin");
    assert_eq!(putin.kind, Kind::Person);
    assert_eq!(putin.key.as_deref(), Some("per:vladimir-putin"));
    assert_eq!(putin.role.as_deref(), Some("Russian President"));
    let text = "Russian President Vladimir Putin received the delegation on Monday.";
    assert_eq!(
        putin.role_span.map(|s| s.slice(text)),
        Some("Russian President")
    );
}

#[test]
fn titles_with_organisations_and_modifiers() {
    let found = mentions(&[
        "US Ambassador to NATO Karen Holloway spoke to reporters in Brussels.",
        "Kremlin spokesman Ivan Sorokin declined to comment.",
        "Former President Alan Brookfield criticised the plan.",
    ]);
    assert_eq!(
        get(&found, "Karen Holloway").role.as_deref(),
        Some("US Ambassador to NATO")
    );
    assert_eq!(
        get(&found, "Ivan Sorokin").role.as_deref(),
        Some("Kremlin spokesman")
    );
    assert_eq!(
        get(&found, "Alan Brookfield").role.as_deref(),
        Some("Former President")
    );
    let nato = get(&found, "NATO");
    assert_eq!(nato.kind, Kind::Organization);
    assert_eq!(nato.key.as_deref(), Some("org:nato"));
}

#[test]
fn a_title_running_into_a_tagged_name_is_cut_off() {
    let text = "Later, Secretary of the Navy Orla Brennan’s visit to the shipyard was confirmed.";
    let found = mentions(&[text]);
    let brennan = get(&found, "Orla Brennan");
    assert_eq!(brennan.kind, Kind::Person);
    assert_eq!(brennan.role.as_deref(), Some("Secretary of the Navy"));
    assert!(
        found.iter().all(|m| !m.text.starts_with("Navy")),
        "{found:?}"
    );
    let found = mentions(&[
        "OSLO, May 2 (Wire) - Norwegian Foreign Minister Kari Dahl met the delegation.",
    ]);
    assert_eq!(
        get(&found, "Kari Dahl").role.as_deref(),
        Some("Norwegian Foreign Minister")
    );
    // A name that only starts with a title word stays whole.
    let found = mentions(&["General Motors will cut 900 jobs in Ohio."]);
    assert!(
        found.iter().any(|m| m.text == "General Motors"),
        "{found:?}"
    );
}

#[test]
fn appositive_role_after_the_name() {
    let found =
        mentions(&["Taras Melnychuk, Ukraine's foreign minister, said the talks would go on."]);
    let m = get(&found, "Taras Melnychuk");
    assert_eq!(m.kind, Kind::Person);
    assert_eq!(m.role.as_deref(), Some("Ukraine's foreign minister"));
}

#[test]
fn capitals_and_seats_of_power_as_actors() {
    let found = mentions(&[
        "Moscow said the proposal was unacceptable.",
        "The Kremlin rejected the offer, while the delegation flew to Moscow.",
    ]);
    let actor = &found[0];
    assert_eq!(actor.text, "Moscow");
    assert_eq!(actor.kind, Kind::Gpe);
    assert!(actor.metonymy);
    assert_eq!(actor.key.as_deref(), Some("gov:russia"));

    let kremlin = get(&found, "Kremlin");
    assert_eq!(kremlin.kind, Kind::Government);
    assert_eq!(kremlin.key.as_deref(), Some("gov:russia"));
    assert!(kremlin.metonymy);

    let place = found.iter().rfind(|m| m.text == "Moscow");
    assert!(place.is_some_and(|m| !m.metonymy && m.key.as_deref() == Some("loc:moscow")));
}

#[test]
fn countries_and_demonyms() {
    let found = mentions(&[
        "Russian air defences intercepted eleven drones over the border region.",
        "Ukrainians queued for water while Ukraine asked for more aid.",
    ]);
    let russian = get(&found, "Russian");
    assert_eq!(russian.kind, Kind::Norp);
    assert_eq!(russian.key.as_deref(), Some("gpe:russia"));
    assert!(russian.metonymy);

    let people = get(&found, "Ukrainians");
    assert_eq!(people.kind, Kind::Norp);
    assert_eq!(people.key.as_deref(), Some("gpe:ukraine"));
    assert!(!people.metonymy);

    let country = get(&found, "Ukraine");
    assert_eq!(country.kind, Kind::Gpe);
    assert_eq!(country.key.as_deref(), Some("gpe:ukraine"));
}

#[test]
fn names_found_once_are_found_again() {
    let found = mentions(&[
        "Defence Minister Oleksandr Hrytsenko inspected the new brigade near the front.",
        "Hrytsenko promised more shells. Reporters asked Hrytsenko about the delays.",
    ]);
    let persons: Vec<_> = found
        .iter()
        .filter(|m| m.kind == Kind::Person)
        .map(|m| (m.text.as_str(), m.sentence))
        .collect();
    assert!(persons.contains(&("Oleksandr Hrytsenko", 0)), "{persons:?}");
    assert!(persons.contains(&("Hrytsenko", 1)), "{persons:?}");
    assert!(persons.contains(&("Hrytsenko", 2)), "{persons:?}");
}

#[test]
fn spans_match_text_and_junk_is_dropped() {
    let paragraphs = ["The 2024 budget rose by 12 percent, officials in Kyiv said."];
    let found = mentions(&paragraphs);
    let article = Article::from_paragraphs("t", paragraphs);
    for m in &found {
        assert_eq!(m.span.slice(&article.text), m.text);
        assert!(
            m.text.chars().next().is_some_and(char::is_uppercase),
            "{m:?}"
        );
        assert!(!m.text.chars().all(|c| c.is_ascii_digit()), "{m:?}");
    }
    assert!(found.iter().any(|m| m.text == "Kyiv"));
}

#[test]
fn headings_keep_only_known_names_and_openers_are_trimmed() {
    let found = mentions(&[
        "Grain Corridor Talks Stall Over Insurance Terms In Ankara",
        "Inside Kyiv, hope for a quick deal has faded.",
    ]);
    let texts: Vec<_> = found.iter().map(|m| m.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("Corridor") && !t.contains("Insurance")),
        "{texts:?}"
    );
    assert!(!texts.contains(&"Inside Kyiv"), "{texts:?}");
    let kyiv = get(&found, "Kyiv");
    assert_eq!(kyiv.key.as_deref(), Some("loc:kyiv"));
    assert_eq!(kyiv.kind, Kind::Gpe);
}

#[test]
fn name_particles_do_not_cut_a_name() {
    let found = mentions(&[
        "Energy Minister Khalid bin Rashid told delegates the quota would hold.",
        "Commissioner Anna van der Berg and Senator Paulo dos Santos met on Friday.",
    ]);
    assert_eq!(get(&found, "Khalid bin Rashid").kind, Kind::Person);
    assert_eq!(get(&found, "Anna van der Berg").kind, Kind::Person);
    assert_eq!(get(&found, "Paulo dos Santos").kind, Kind::Person);
}

#[test]
fn a_hyphenated_compound_names_its_known_first_part() {
    let found = mentions(&[
        "Delegates studied the U.S.-drafted outline with a Nairobi-based mediator.",
        "A Kenya-Somalia border commission and the Ivano-Frankivsk council met too.",
    ]);
    let us = get(&found, "U.S.");
    assert_eq!(us.key.as_deref(), Some("gpe:united-states"));
    assert_eq!(us.kind, Kind::Gpe);
    assert_eq!(get(&found, "Nairobi").kind, Kind::Gpe);
    assert_eq!(get(&found, "Kenya").key.as_deref(), Some("gpe:kenya"));
    // A name the knowledge base knows whole keeps its hyphen.
    get(&found, "Ivano-Frankivsk");
    assert!(
        found
            .iter()
            .all(|m| !m.text.contains("-drafted") && !m.text.contains("-based")),
        "{:?}",
        found.iter().map(|m| &m.text).collect::<Vec<_>>()
    );
}

#[test]
fn a_lone_demonym_is_a_nationality_whatever_the_tagger_says() {
    let found = mentions(&["Emirati mediators met Qatari envoys, and the Emirates said little."]);
    for demonym in ["Emirati", "Qatari"] {
        let m = get(&found, demonym);
        assert_eq!(m.kind, Kind::Norp, "{m:?}");
    }
    assert_eq!(
        get(&found, "Emirates").key.as_deref(),
        Some("gpe:united-arab-emirates")
    );
}

#[test]
fn names_coordinated_under_one_plural_head_are_each_known() {
    let found = mentions(&[
        "Drones struck fuel depots in the Kursk, Belgorod and Bryansk regions.",
        "Shelling hit towns in the Sumy and Kharkiv provinces overnight.",
    ]);
    let keys = |text: &str| get(&found, text).key.clone();
    assert_eq!(keys("Kursk").as_deref(), Some("loc:kursk-oblast"));
    assert_eq!(keys("Belgorod").as_deref(), Some("loc:belgorod-oblast"));
    assert_eq!(
        keys("Bryansk regions").as_deref(),
        Some("loc:bryansk-oblast")
    );
    assert_eq!(keys("Sumy").as_deref(), Some("loc:sumy-oblast"));
    assert_eq!(
        keys("Kharkiv provinces").as_deref(),
        Some("loc:kharkiv-oblast")
    );
}

#[test]
fn a_known_name_before_a_name_head_is_one_name() {
    let found = mentions(&["The envoys walked along the Kabul River before the talks."]);
    let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains(&"Kabul River"), "{texts:?}");
    assert!(!texts.contains(&"River"), "{texts:?}");
}
