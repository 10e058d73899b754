//! Behaviour of the public API on the embedded data and on user files.

use std::path::PathBuf;

use dragoman_model::Kind;

use crate::{Knowledge, KnowledgeError};

fn kb() -> Knowledge {
    match Knowledge::embedded() {
        Ok(k) => k,
        Err(e) => panic!("embedded data must load: {e}"),
    }
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

fn ids(entries: &[&crate::Entry]) -> Vec<String> {
    entries.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn lookup_table() {
    let k = kb();
    let table: &[(&str, &str)] = &[
        ("Ukraine", "gpe:ukraine"),
        ("ukraine", "gpe:ukraine"),
        ("the Ukraine", "gpe:ukraine"),
        ("Ukraine's", "gpe:ukraine"),
        ("U.S.", "gpe:united-states"),
        ("US", "gpe:united-states"),
        ("United States of America", "gpe:united-states"),
        ("NATO", "org:nato"),
        ("Nato", "org:nato"),
        ("North Atlantic Treaty Organization", "org:nato"),
        ("the Kremlin", "gov:russia"),
        ("Kremlin", "gov:russia"),
        ("Kiev", "loc:kyiv"),
        ("Kyiv", "loc:kyiv"),
        ("Zelenskiy", "per:volodymyr-zelensky"),
        ("Zelenskii", "per:volodymyr-zelensky"),
        ("Volodymyr Zelenskyy", "per:volodymyr-zelensky"),
        ("Russian government", "gov:russia"),
    ];
    for (surface, id) in table {
        let found = ids(&k.lookup(surface));
        assert!(
            found.iter().any(|f| f == id),
            "{surface:?} → {found:?}, expected {id}"
        );
    }
}

#[test]
fn countries_written_with_the_keep_it_in_derived_names() {
    let kb = kb();
    let us = kb.entry("gov:united-states").expect("US government");
    assert_eq!(us.name, "Government of the United States");
    assert_eq!(
        ids(&kb.lookup("the government of the United States")),
        ["gov:united-states"]
    );
    assert_eq!(
        kb.entry("gov:ukraine").map(|e| e.name.as_str()),
        Some("Government of Ukraine")
    );
}

#[test]
fn acronyms_do_not_match_lowercase_words() {
    let k = kb();
    assert!(k.lookup("us").is_empty());
    assert!(k.lookup("Le").is_empty());
    assert_eq!(k.longest_match(&["us", "and"]), None);
}

#[test]
fn ambiguous_names_return_every_entry() {
    let k = kb();
    let found = ids(&k.lookup("Georgia"));
    assert!(found.contains(&"gpe:georgia".to_string()), "{found:?}");
    assert!(found.len() >= 2, "{found:?}");
}

#[test]
fn longest_match_covers_multi_token_names() {
    let k = kb();
    let m = k.longest_match(&["United", "States", "of", "America", "said"]);
    let (n, entries) = m.unwrap_or_default();
    assert_eq!(n, 4);
    assert_eq!(ids(&entries), vec!["gpe:united-states"]);
    let (n, _) = k
        .longest_match(&["United", "States", ","])
        .unwrap_or_default();
    assert_eq!(n, 2);
    let (n, _) = k.longest_match(&["Russia's", "army"]).unwrap_or_default();
    assert_eq!(n, 1);
    assert_eq!(
        k.longest_match(&["ukraine"]),
        None,
        "running text needs capitals"
    );
    assert_eq!(k.longest_match(&["the", "Kremlin"]), None);
    assert_eq!(k.longest_match(&[]), None);
}

#[test]
fn demonyms_metonyms_governments() {
    let k = kb();
    assert_eq!(
        k.demonym("Russians").map(|e| e.id.as_str()),
        Some("gpe:russia")
    );
    assert_eq!(
        k.demonym("Ukrainian").map(|e| e.id.as_str()),
        Some("gpe:ukraine")
    );
    assert_eq!(k.demonym("Martian"), None);
    for (surface, id) in [
        ("the Kremlin", "gov:russia"),
        ("Moscow", "gov:russia"),
        ("Kiev", "gov:ukraine"),
        ("Kyiv", "gov:ukraine"),
        ("Washington", "gov:united-states"),
        ("the White House", "gov:united-states"),
    ] {
        assert_eq!(
            k.metonym(surface).map(|e| e.id.as_str()),
            Some(id),
            "{surface}"
        );
    }
    let gov = k.government_of("gpe:russia");
    assert_eq!(gov.map(|g| g.kind), Some(Kind::Government));
    assert_eq!(gov.and_then(|g| g.parent.as_deref()), Some("gpe:russia"));
    let zelensky = k.entry("per:volodymyr-zelensky");
    assert_eq!(
        zelensky.and_then(|e| e.parent.as_deref()),
        Some("gov:ukraine")
    );
}

#[test]
fn name_keys_fold_transliterations() {
    let k = kb();
    let same = |a: &str, b: &str| assert_eq!(k.name_key(a), k.name_key(b), "{a} vs {b}");
    same("Zelensky", "Zelenskiy");
    same("Zelensky", "Zelenskyy");
    same("Kyiv", "Kiev");
    same("Kharkov", "Kharkiv");
    same("Dmitry", "Dmitriy");
    same("Odessa", "Odesa");
    same("Sergei", "Sergey");
    same("Andrii", "Andriy");
    same("Kharkov", "Kharkiv");
    same("Zaporozhye", "Zaporizhzhia");
    same("Nikolaev", "Mykolaiv");
    same("Mohammed bin Salman", "Muhammad bin Salman");
    same("Volodymyr Zelenskyy", "Volodymyr Zelensky");
    same("Yuriy Ushakov", "Yuri Ushakov");
    assert_ne!(k.name_key("Putin"), k.name_key("Zelensky"));
}

#[test]
fn first_name_variants() {
    let k = kb();
    assert_eq!(
        k.first_name_variants("Steve"),
        vec!["steve", "steven", "stephen", "stevie"]
    );
    assert_eq!(k.first_name_variants("Stephen")[0], "stephen");
    assert!(
        k.first_name_variants("Stephen")
            .contains(&"steve".to_string())
    );
    assert_eq!(k.first_name_variants("Zzyzx"), vec!["zzyzx"]);
    let dmitry = k.first_name_variants("Dmitriy");
    assert!(dmitry.contains(&"dmitry".to_string()), "{dmitry:?}");
    let volodymyr = k.first_name_variants("Volodymyr");
    assert!(
        !volodymyr.contains(&"vladimir".to_string()),
        "{volodymyr:?}"
    );
    let bill = k.first_name_variants("Bill");
    assert!(bill.contains(&"william".to_string()), "{bill:?}");
}

#[test]
fn titles() {
    let k = kb();
    let table: &[(&[&str], Option<usize>)] = &[
        (&["President", "Vladimir", "Putin"], Some(1)),
        (&["Foreign", "Minister", "Sergei"], Some(2)),
        (&["US", "Ambassador", "to", "NATO", "Matthew"], Some(4)),
        (&["Secretary", "of", "the", "Army", "Dan"], Some(4)),
        (&["former", "deputy", "foreign", "minister"], Some(4)),
        (&["Ukraine", "'s", "foreign", "minister", "said"], Some(4)),
        (&["Russian", "President", "Vladimir"], Some(2)),
        (&["special", "envoy"], Some(2)),
        (&["Minister", "of", "Foreign", "Affairs"], Some(4)),
        (&["Chief", "of", "Staff", "Susie"], Some(3)),
        (
            &["White", "House", "press", "secretary", "Karoline"],
            Some(4),
        ),
        (&["Kremlin", "spokesman", "Dmitry", "Peskov"], Some(2)),
        (&["NATO", "Secretary", "General", "Mark"], Some(3)),
        (&["UN", "Secretary-General", "António"], Some(2)),
        (&["EU", "foreign", "policy", "chief", "Kaja"], Some(4)),
        (&["former", "US", "President", "Barack"], Some(3)),
        (
            &["Russian", "Deputy", "Foreign", "Minister", "Sergei"],
            Some(4),
        ),
        (
            &["President", "of", "the", "European", "Commission", ","],
            Some(5),
        ),
        (
            &["Ambassador", "to", "the", "United", "Nations", "Mike"],
            Some(5),
        ),
        (
            &["Minister", "for", "Foreign", "Affairs", "and", "Trade"],
            Some(6),
        ),
        (&["Russian", "officials"], Some(2)),
        (&["Vladimir", "Putin"], None),
        (&["Russia", "said"], None),
        (&[], None),
    ];
    for (tokens, want) in table {
        assert_eq!(k.title_at(tokens), *want, "{tokens:?}");
    }
    assert!(k.is_title_word("spokesman"));
    assert!(k.is_title_word("Minister"));
    assert!(k.is_title_word("former"));
    assert!(!k.is_title_word("of"));
    assert!(!k.is_title_word("Putin"));
}

#[test]
fn user_file_overrides_and_adds() {
    let mut k = kb();
    let before = k.lookup("Zelensky").len();
    assert!(before >= 1);
    if let Err(e) = k.extend_from_file(&fixture("override.toml")) {
        panic!("fixture must load: {e}");
    }
    let zelensky = k.entry("per:volodymyr-zelensky");
    assert_eq!(
        zelensky.map(|e| e.roles.clone()),
        Some(vec!["Head of State of Ukraine".to_string()])
    );
    let added = ids(&k.lookup("Ruritania"));
    assert_eq!(added, vec!["gpe:ruritania"]);
    assert_eq!(
        k.demonym("Ruritanians").map(|e| e.id.as_str()),
        Some("gpe:ruritania")
    );
    assert_eq!(
        k.metonym("Strelsau").map(|e| e.id.as_str()),
        Some("gov:ruritania")
    );
    assert_eq!(
        ids(&k.lookup("Rudolf Elphberg")),
        vec!["per:rudolf-elphberg"]
    );
    assert!(
        k.first_name_variants("Rudi")
            .contains(&"rudolf".to_string())
    );
}

#[test]
fn malformed_files_are_reported_with_file_and_line() {
    let mut k = kb();
    let before = k.entries().len();
    let err = k.extend_from_file(&fixture("malformed.toml"));
    match err {
        Err(KnowledgeError::Parse { file, line, .. }) => {
            assert!(file.ends_with("malformed.toml"));
            assert_eq!(line, Some(6));
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    let err = k.extend_from_file(&fixture("bad_reference.toml"));
    match &err {
        Err(KnowledgeError::Invalid {
            file,
            line,
            message,
        }) => {
            assert!(file.ends_with("bad_reference.toml"));
            assert_eq!(*line, 5);
            assert!(message.contains("gov:atlantis"), "{message}");
        }
        other => panic!("expected an invalid-record error, got {other:?}"),
    }
    let shown = err.map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(shown.contains("bad_reference.toml:5:"), "{shown}");
    assert!(matches!(
        k.extend_from_file(&fixture("missing.toml")),
        Err(KnowledgeError::Io { .. })
    ));
    assert!(matches!(
        k.extend_from_file(&fixture("override.yaml")),
        Err(KnowledgeError::Format { .. })
    ));
    assert_eq!(k.entries().len(), before, "failed loads change nothing");
}

#[test]
fn embedded_load_time() {
    let start = std::time::Instant::now();
    let k = kb();
    let took = start.elapsed();
    println!(
        "embedded knowledge: {} entries loaded in {:.1} ms",
        k.entries().len(),
        took.as_secs_f64() * 1000.0
    );
}

#[test]
fn embedded_data_table() {
    let k = kb();
    let table: &[(&str, &str)] = &[
        ("Türkiye", "gpe:turkey"),
        ("Turkey", "gpe:turkey"),
        ("Turkiye", "gpe:turkey"),
        ("Ivory Coast", "gpe:cote-d-ivoire"),
        ("Côte d’Ivoire", "gpe:cote-d-ivoire"),
        ("Cote d'Ivoire", "gpe:cote-d-ivoire"),
        ("Czech Republic", "gpe:czechia"),
        ("Czechia", "gpe:czechia"),
        ("Burma", "gpe:myanmar"),
        ("Swaziland", "gpe:eswatini"),
        ("Holland", "gpe:netherlands"),
        ("People's Republic of China", "gpe:china"),
        ("DPRK", "gpe:north-korea"),
        ("Guinea-Bissau", "gpe:guinea-bissau"),
        ("Bosnia & Herzegovina", "gpe:bosnia-and-herzegovina"),
        ("SCO", "org:sco"),
        ("Shanghai Cooperation Organisation", "org:sco"),
        ("Shanghai Cooperation Organization", "org:sco"),
        ("European Union", "org:eu"),
        ("UNSC", "org:unsc"),
        ("U.N. Security Council", "org:unsc"),
        ("International Atomic Energy Agency", "org:iaea"),
        ("ICC", "org:icc"),
        ("World Court", "org:icj"),
        ("OPEC+", "org:opec-plus"),
        ("OPEC", "org:opec"),
        ("Red Cross", "org:icrc"),
        ("CSTO", "org:csto"),
        ("Coalition of the Willing", "org:coalition-of-the-willing"),
        ("Sergei Lavrov", "per:sergey-lavrov"),
        ("Lavrov", "per:sergey-lavrov"),
        ("Dmitri Peskov", "per:dmitry-peskov"),
        ("Zelenskyy", "per:volodymyr-zelensky"),
        ("Erdoğan", "per:recep-tayyip-erdogan"),
        ("MBS", "per:mohammed-bin-salman"),
        ("von der Leyen", "per:ursula-von-der-leyen"),
        ("Mark Rutte", "per:mark-rutte"),
        ("Kiev", "loc:kyiv"),
        ("Kharkov", "loc:kharkiv"),
        ("Odessa", "loc:odesa"),
        ("Zaporozhye", "loc:zaporizhzhia"),
        ("Donbass", "loc:donbas"),
        ("Crimea", "loc:crimea"),
        ("Gaza Strip", "loc:gaza"),
        ("the West Bank", "loc:west-bank"),
        ("Anchorage", "loc:anchorage"),
        ("Downing Street", "gov:united-kingdom"),
        ("the Élysée", "gov:france"),
    ];
    for (surface, id) in table {
        let found = ids(&k.lookup(surface));
        assert!(
            found.iter().any(|f| f == id),
            "{surface:?} → {found:?}, expected {id}"
        );
    }
}

#[test]
fn a_second_seat_of_power_is_its_own_place_not_the_capital() {
    let k = kb();
    for (city, capital, country) in [
        ("Port Sudan", "loc:khartoum", "gpe:sudan"),
        ("Aden", "loc:sanaa", "gpe:yemen"),
        ("Cape Town", "loc:pretoria", "gpe:south-africa"),
        ("Dar es Salaam", "loc:dodoma", "gpe:tanzania"),
    ] {
        let found = k.lookup(city);
        let place = found
            .iter()
            .find(|e| e.id.starts_with("loc:"))
            .unwrap_or_else(|| panic!("{city} is not a place: {:?}", ids(&found)));
        assert_ne!(place.id, capital, "{city} taken for the capital");
        assert_eq!(place.parent.as_deref(), Some(country), "{city}");
    }
    // The other spellings of a capital still name it.
    assert!(ids(&k.lookup("Tshwane")).contains(&"loc:pretoria".to_string()));
}

#[test]
fn embedded_metonyms_and_demonyms() {
    let k = kb();
    for (surface, id) in [
        ("Downing Street", "gov:united-kingdom"),
        ("the Élysée", "gov:france"),
        ("Elysee Palace", "gov:france"),
        ("Bankova", "gov:ukraine"),
        ("Zhongnanhai", "gov:china"),
        ("the Blue House", "gov:south-korea"),
        ("Beijing", "gov:china"),
        ("Ankara", "gov:turkey"),
        ("Tehran", "gov:iran"),
        ("Minsk", "gov:belarus"),
    ] {
        assert_eq!(
            k.metonym(surface).map(|e| e.id.as_str()),
            Some(id),
            "{surface}"
        );
    }
    for (word, id) in [
        ("Chinese", "gpe:china"),
        ("Britons", "gpe:united-kingdom"),
        ("British", "gpe:united-kingdom"),
        ("Turkish", "gpe:turkey"),
        ("Emirati", "gpe:united-arab-emirates"),
        ("South Korean", "gpe:south-korea"),
        ("Belarusian", "gpe:belarus"),
    ] {
        assert_eq!(k.demonym(word).map(|e| e.id.as_str()), Some(id), "{word}");
    }
    assert_eq!(k.demonym("Congolese"), None, "two Congos: ambiguous");
}

#[test]
fn every_country_has_a_government_and_the_un_is_complete() {
    let k = kb();
    let countries: Vec<_> = k
        .entries()
        .iter()
        .filter(|e| e.kind == Kind::Gpe && e.id.starts_with("gpe:"))
        .collect();
    let un_members = countries
        .iter()
        .filter(|c| c.member_of.iter().any(|m| m == "org:un"))
        .count();
    assert_eq!(un_members, 193);
    for c in countries {
        if c.id == "gpe:western-sahara" {
            continue;
        }
        let gov = k.government_of(&c.id);
        assert!(gov.is_some(), "{} has no government", c.id);
    }
    let nato: Vec<_> = k
        .entries()
        .iter()
        .filter(|e| e.member_of.iter().any(|m| m == "org:nato"))
        .collect();
    assert_eq!(nato.len(), 32);
    let eu = k
        .entries()
        .iter()
        .filter(|e| e.member_of.iter().any(|m| m == "org:eu"))
        .count();
    assert_eq!(eu, 27);
}

#[test]
fn running_text_guards() {
    let k = kb();
    assert_eq!(k.longest_match(&["chad"]), None);
    assert!(k.longest_match(&["Chad"]).is_some());
    assert_eq!(k.longest_match(&["who", "said"]), None);
    assert!(k.lookup("Who").is_empty());
    assert_eq!(ids(&k.lookup("WHO")), vec!["org:who"]);
    let (n, e) = k
        .longest_match(&["Guinea", "-", "Bissau", "said"])
        .unwrap_or_default();
    assert_eq!((n, ids(&e)), (3, vec!["gpe:guinea-bissau".to_string()]));
    let (n, e) = k
        .longest_match(&["Kremlin", "spokesman"])
        .unwrap_or_default();
    assert_eq!((n, ids(&e)), (1, vec!["gov:russia".to_string()]));
    let (n, _) = k
        .longest_match(&["Sergei", "Lavrov", "'s"])
        .unwrap_or_default();
    assert_eq!(n, 2);
}

#[test]
fn knowledge_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Knowledge>();
    shareable::<crate::Entry>();
}

#[test]
fn empty_knowledge_extended_from_text() {
    let mut k = Knowledge::empty();
    assert!(k.lookup("Ukraine").is_empty());
    assert_eq!(k.title_at(&["President"]), None);
    let text = "[[country]]\nname = \"Freedonia\"\ndemonyms = [\"Freedonian\"]\n\n[titles]\ntitles = [\"President\"]\n";
    if let Err(e) = k.extend_from_str("inline.toml", text) {
        panic!("inline data must load: {e}");
    }
    assert_eq!(ids(&k.lookup("Freedonia")), vec!["gpe:freedonia"]);
    assert_eq!(k.title_at(&["Freedonian", "President"]), Some(2));
    let err = k.extend_from_str(
        "dup.toml",
        "[[country]]\nname = \"A\"\n[[country]]\nname = \"A\"\n",
    );
    assert!(
        matches!(&err, Err(KnowledgeError::Invalid { file, line: 4, .. }) if file == "dup.toml"),
        "{err:?}"
    );
}

#[test]
fn given_names_are_not_surname_aliases() {
    let k = kb();
    assert!(k.lookup("Pierre").is_empty());
    assert_eq!(ids(&k.lookup("Philip Pierre")), vec!["per:philip-j-pierre"]);
    assert!(
        ids(&k.lookup("Dan"))
            .iter()
            .all(|id| id != "per:nicusor-dan")
    );
    assert_eq!(ids(&k.lookup("Nicușor Dan")), vec!["per:nicusor-dan"]);
    assert_eq!(ids(&k.lookup("Rutte")), vec!["per:mark-rutte"]);
}

#[test]
fn prepared_lookups_agree_with_slice_lookups() {
    let k = kb();
    // Invented text with names, titles, joiners and breaking punctuation.
    let tokens = [
        "On",
        "Monday",
        ",",
        "former",
        "US",
        "Ambassador",
        "to",
        "NATO",
        "Ana",
        "Ruiz",
        "met",
        "the",
        "Kremlin",
        "spokesman",
        "in",
        "Guinea",
        "-",
        "Bissau",
        ";",
        "Russia",
        "'s",
        "foreign",
        "minister",
        "and",
        "the",
        "United",
        "States",
        "of",
        "America",
        "said",
        "U.S.",
        "officials",
        "(",
        "Dmitriy",
        "Peskov",
        ")",
        "agreed",
        ".",
    ];
    let prepared = crate::PreparedTokens::new(&tokens);
    assert_eq!(prepared.len(), tokens.len());
    for start in 0..=tokens.len() + 1 {
        for end in start..=tokens.len() + 1 {
            // An end past the last token stands for the last token.
            let slice = tokens.get(start..end.min(tokens.len())).unwrap_or(&[]);
            assert_eq!(
                k.longest_match_in(&prepared, start, end),
                k.longest_match(slice),
                "longest match at {start}..{end}"
            );
            assert_eq!(
                k.title_in(&prepared, start, end),
                k.title_at(slice),
                "title at {start}..{end}"
            );
        }
    }
    assert!(crate::PreparedTokens::new(&[]).is_empty());
}

#[test]
fn world_regions_have_demonyms_and_no_government() {
    let k = kb();
    let europe = k.demonym("Europeans").map(|e| e.id.as_str());
    assert_eq!(europe, Some("region:europe"));
    assert_eq!(
        k.demonym("Western").map(|e| e.id.as_str()),
        Some("region:west")
    );
    assert!(k.government_of("region:europe").is_none());
    assert_eq!(
        k.entry("region:europe").map(|e| e.kind),
        Some(Kind::Location)
    );
    let sahara: Vec<&str> = k
        .lookup("Western Sahara")
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(sahara, ["gpe:western-sahara"]);
}
