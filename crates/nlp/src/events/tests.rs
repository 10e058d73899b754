use super::*;
use chrono::NaiveDate;
use dragoman_model::{Article, Mention, Precision, Published, Sentence};

/// A one-sentence-per-". " document published on 2026-03-10, with mentions and times.
fn doc(text: &str, mentions: &[(&str, Kind)], times: &[(&str, &str)]) -> Doc {
    let mut article = Article::from_paragraphs("t", [text]);
    article.id = "a1".into();
    article.published = Some(Published::day(
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
    ));
    let mut d = Doc::new(article);
    let t = d.article.text.clone();
    let mut start = 0;
    for (i, _) in t.match_indices(". ") {
        d.sentences.push(Sentence {
            span: Span::new(start, i + 1),
            paragraph: 0,
        });
        start = i + 2;
    }
    d.sentences.push(Sentence {
        span: Span::new(start, t.len()),
        paragraph: 0,
    });
    for (surface, kind) in mentions {
        let at = t.find(surface).unwrap();
        d.mentions.push(Mention {
            span: Span::new(at, at + surface.len()),
            text: surface.to_string(),
            kind: *kind,
            role: None,
            role_span: None,
            key: None,
            metonymy: false,
            sentence: d.sentence_at(at).unwrap(),
            entity: None,
        });
    }
    d.mentions.sort_by_key(|m| m.span);
    for (surface, day) in times {
        let at = t.find(surface).unwrap();
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        d.times.push(TimeExpr {
            span: Span::new(at, at + surface.len()),
            text: surface.to_string(),
            value: Some(day.to_string()),
            precision: Some(Precision::Day),
            start: Some(date),
            end: Some(date),
            anchor: d.article.date(),
            relative: true,
        });
    }
    d
}

fn find(d: &Doc) -> Vec<Event> {
    EventFinder::embedded().unwrap().find(d)
}

#[test]
fn past_meeting_with_place_date_and_participants() {
    let d = doc(
        "Chancellor Weber met Prime Minister Okafor in Lagos on Monday.",
        &[
            ("Weber", Kind::Person),
            ("Okafor", Kind::Person),
            ("Lagos", Kind::Gpe),
        ],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].kind, EventKind::Meeting);
    assert_eq!(e[0].status, EventStatus::Happened);
    assert_eq!(e[0].place.as_deref(), Some("Lagos"));
    assert_eq!(e[0].participant_names, vec!["Weber", "Okafor"]);
    assert_eq!(
        e[0].date.as_ref().and_then(|t| t.value.as_deref()),
        Some("2026-03-09")
    );
    assert_eq!(
        e[0].summary,
        "Chancellor Weber met Prime Minister Okafor in Lagos on Monday."
    );
}

#[test]
fn planned_visit() {
    let d = doc(
        "The Chilean president is set to visit Canberra next week.",
        &[("Canberra", Kind::Gpe)],
        &[("next week", "2026-03-16")],
    );
    let e = find(&d);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].kind, EventKind::Visit);
    assert_eq!(e[0].status, EventStatus::Planned);
    assert_eq!(e[0].place.as_deref(), Some("Canberra"));
}

#[test]
fn future_date_makes_it_planned() {
    let d = doc(
        "Delegations hold a summit in Geneva on Friday.",
        &[("Geneva", Kind::Gpe)],
        &[("on Friday", "2026-03-13")],
    );
    let e = find(&d);
    assert_eq!(e[0].kind, EventKind::Summit);
    assert_eq!(e[0].status, EventStatus::Planned);
}

#[test]
fn a_planned_event_on_a_bare_weekday_is_not_in_the_past() {
    // Published on Tuesday 10 March; the weekday was resolved back to the 5th.
    let d = doc(
        "The envoys will meet in Oslo on Thursday to hear how it went.",
        &[("Oslo", Kind::Gpe)],
        &[("on Thursday", "2026-03-05")],
    );
    let e = find(&d);
    assert_eq!(e[0].status, EventStatus::Planned);
    let date = e[0].date.as_ref().unwrap();
    assert_eq!(date.value.as_deref(), Some("2026-03-12"));
    assert_eq!(date.start, NaiveDate::from_ymd_opt(2026, 3, 12));
    // A weekday shifted in words keeps its resolution.
    let d = doc(
        "The envoys will meet in Oslo after last Thursday's vote.",
        &[("Oslo", Kind::Gpe)],
        &[("last Thursday", "2026-03-05")],
    );
    let e = find(&d);
    let date = e[0].date.as_ref().unwrap();
    assert_eq!(date.value.as_deref(), Some("2026-03-05"));
}

#[test]
fn a_video_conference_is_a_call() {
    let d = doc(
        "The ministers held a video conference on Monday.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(e[0].kind, EventKind::Call, "{e:?}");
}

#[test]
fn a_speech_is_a_statement() {
    let d = doc(
        "In a speech in Oslo on Monday, the premier said the border would stay shut.",
        &[("Oslo", Kind::Gpe)],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert!(
        e.iter()
            .any(|e| e.kind == EventKind::Statement && e.place.as_deref() == Some("Oslo")),
        "{e:?}"
    );
}

#[test]
fn held_talks_visits_due_and_statements() {
    let d = doc(
        "The premier held talks in Oslo with the envoy on Monday. The envoy is due in Bern tomorrow for talks. In a statement, the ministry said the border stays shut.",
        &[("Oslo", Kind::Gpe), ("Bern", Kind::Gpe)],
        &[("on Monday", "2026-03-09"), ("tomorrow", "2026-03-11")],
    );
    let e = find(&d);
    let kinds: Vec<(EventKind, EventStatus)> = e.iter().map(|e| (e.kind, e.status)).collect();
    assert!(
        kinds.contains(&(EventKind::Meeting, EventStatus::Happened)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(EventKind::Visit, EventStatus::Planned)),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k.0 == EventKind::Statement),
        "{kinds:?}"
    );
}

#[test]
fn ongoing_talks() {
    let d = doc(
        "Negotiators from both capitals are holding talks behind closed doors.",
        &[],
        &[],
    );
    let e = find(&d);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].kind, EventKind::Talks);
    assert_eq!(e[0].status, EventStatus::Ongoing);
    assert!(e[0].date.is_none());
}

#[test]
fn proposed_call() {
    let d = doc(
        "Officials said a phone call between the two leaders could take place soon.",
        &[],
        &[],
    );
    let e = find(&d);
    assert!(
        e.iter()
            .any(|e| e.kind == EventKind::Call && e.status == EventStatus::Proposed),
        "{e:?}"
    );
}

#[test]
fn denied_meeting() {
    let d = doc(
        "The two foreign ministers did not meet in Vienna after all.",
        &[("Vienna", Kind::Gpe)],
        &[],
    );
    let e = find(&d);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].status, EventStatus::Denied);
    let d = doc(
        "So far no talks have materialised between the rebels and the army.",
        &[],
        &[],
    );
    assert_eq!(find(&d)[0].status, EventStatus::Denied);
}

#[test]
fn attacks_interceptions_sanctions_aid() {
    let d = doc(
        "Air defences shot down eleven drones overnight. The bloc imposed sanctions on four shipping firms. Norway delivered aid to the flooded districts. Rockets struck a depot near the port.",
        &[("Norway", Kind::Gpe)],
        &[],
    );
    let kinds: Vec<EventKind> = find(&d).iter().map(|e| e.kind).collect();
    for k in [
        EventKind::Interception,
        EventKind::Sanction,
        EventKind::Aid,
        EventKind::Attack,
    ] {
        assert!(kinds.contains(&k), "{k:?} missing from {kinds:?}");
    }
}

#[test]
fn long_summaries_are_trimmed() {
    let long = format!("{} met the envoy in the end.", "Word ".repeat(80));
    let d = doc(&long, &[], &[]);
    let e = find(&d);
    assert!(e[0].summary.chars().count() <= 200);
    assert!(e[0].summary.contains("met"));
}

#[test]
fn plover_typing_and_scores() {
    let f = EventFinder::embedded().unwrap();
    assert_eq!(
        f.plover_category("The rebels rejected the latest offer."),
        Some("REJECT")
    );
    assert_eq!(
        f.plover_category("Both sides agreed to swap prisoners."),
        Some("AGREE")
    );
    let json = r#"[
      {"id": "x", "event": "DOCUMENT", "text": "ignored"},
      {"event": "REJECT", "text": "The rebels rejected the latest offer.", "n": 1.5e3, "ok": true, "none": null},
      {"event": "AGREE", "text": "Both sides agreed to swap prisoners \u2014 at last."},
      {"event": "PROTEST", "text": "Nothing here matches a trigger word", "source": [{"a": "b"}]}
    ]"#;
    let s = eval_plover(json, &f).unwrap();
    assert_eq!(s.total, 3);
    assert_eq!(s.correct, 2);
    assert_eq!(s.untyped, 1);
    assert!((s.accuracy - 2.0 / 3.0).abs() < 1e-9);
    assert!((s.macro_f1 - 2.0 / 3.0).abs() < 1e-9);
    assert!(eval_plover("[{\"event\": \"X\", \"text\": \"unterminated]", &f).is_err());
    assert!(eval_plover("{}", &f).is_err());
}

#[test]
fn verbal_reactions_are_not_timeline_events() {
    let d = doc("The opposition rejected the budget.", &[], &[]);
    assert!(find(&d).is_empty());
    assert_eq!(
        EventFinder::embedded()
            .unwrap()
            .plover_category("The opposition rejected the budget."),
        Some("REJECT")
    );
}

#[test]
fn bad_lexicon_is_an_error() {
    assert!(EventFinder::from_toml_str("[[trigger]]\nkind = \"party\"\nphrases = []\n").is_err());
}

/// PLOVER dev set: `DRAGOMAN_PLOVER=/path/plover-gsr-dev.json cargo test -p dragoman-nlp
/// --lib plover_dev -- --ignored --nocapture`.
#[test]
#[ignore = "needs the PLOVER data set"]
fn plover_dev() {
    let path = std::env::var("DRAGOMAN_PLOVER")
        .unwrap_or_else(|_| "/work/shared/data/events/plover-gsr-dev.json".into());
    let json = std::fs::read_to_string(path).unwrap();
    let f = EventFinder::embedded().unwrap();
    let s = eval_plover(&json, &f).unwrap();
    println!(
        "PLOVER accuracy {:.3} macro-F1 {:.3} ({} of {}, {} untyped); source P {:.3} R {:.3}; \
         target P {:.3} R {:.3}",
        s.accuracy,
        s.macro_f1,
        s.correct,
        s.total,
        s.untyped,
        s.source.precision(),
        s.source.recall(),
        s.target.precision(),
        s.target.recall()
    );
    if std::env::var("DRAGOMAN_PLOVER_ERRORS").is_ok() {
        for r in plover::parse_records(&json).unwrap() {
            let text = r.text.clone().unwrap_or_default();
            let p = f.plover_sentence(&text);
            if p.category.as_deref() != Some(r.event.as_str()) {
                println!("{} -> {:?}: {}", r.event, p.category, text);
            }
        }
    }
    for (c, k) in &s.categories {
        println!(
            "{c:12} F1 {:.2} tp {} fp {} fn {}",
            k.f1(),
            k.true_positives,
            k.false_positives,
            k.false_negatives
        );
    }
}

#[test]
fn places_and_outlets_are_not_participants() {
    let d = doc(
        "Union leaders met the Harbor Authority in Rotterdam, Bloomberg reported. \
         The strikers held talks near Antwerp, a negotiator told Bloomberg.",
        &[
            ("Harbor Authority", Kind::Organization),
            ("Rotterdam", Kind::Gpe),
            ("Bloomberg", Kind::Organization),
            ("Antwerp", Kind::Gpe),
        ],
        &[],
    );
    let e = find(&d);
    assert!(!e.is_empty(), "{e:?}");
    for ev in &e {
        for name in &ev.participant_names {
            assert!(
                !matches!(name.as_str(), "Rotterdam" | "Bloomberg" | "Antwerp"),
                "{ev:?}"
            );
        }
    }
    assert!(
        e.iter()
            .any(|ev| ev.participant_names == ["Harbor Authority"]),
        "{e:?}"
    );
}

#[test]
fn plover_typing_reads_negation_modality_and_nouns() {
    let f = EventFinder::embedded().unwrap();
    assert_eq!(
        f.plover_category("The harbour union said it would not meet the new owners."),
        Some("REJECT")
    );
    assert_eq!(
        f.plover_category("The council will impose a curfew on the old town."),
        Some("THREATEN")
    );
    assert_eq!(
        f.plover_category("Two guards were killed when a car bomb went off at the gate."),
        Some("ASSAULT")
    );
    assert_eq!(
        f.plover_category("Dock workers began a hunger strike outside the ministry."),
        Some("PROTEST")
    );
    let e = f.plover_sentence("Lisbon and Oslo agreed to share fishing data with Rabat.");
    assert_eq!(e.category.as_deref(), Some("AGREE"));
    assert_eq!(e.source.as_deref(), Some("Lisbon"));
    assert_eq!(e.target.as_deref(), Some("Rabat"));
    let passive = f.plover_sentence("The convoy was attacked by Northern rebels near Kaldo.");
    assert_eq!(passive.source.as_deref(), Some("Northern"));
    assert_eq!(passive.target, None);
}

#[test]
fn a_dateline_date_is_not_the_event_date() {
    let d = doc(
        "LAGOS/ACCRA, March 10 (Wire) - Chancellor Weber met Prime Minister Okafor on Monday.",
        &[("Weber", Kind::Person), ("Okafor", Kind::Person)],
        &[("March 10", "2026-03-10"), ("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(
        e.first()
            .and_then(|e| e.date.as_ref())
            .and_then(|t| t.value.as_deref()),
        Some("2026-03-09"),
        "{e:?}"
    );
    // Without another date the event stays undated rather than taking the dateline's.
    let d = doc(
        "OSLO, March 10 /Wire/ Chancellor Weber met Prime Minister Okafor.",
        &[("Weber", Kind::Person), ("Okafor", Kind::Person)],
        &[("March 10", "2026-03-10")],
    );
    let e = find(&d);
    assert!(e.iter().all(|e| e.date.is_none()), "{e:?}");
    // A sentence-initial date after ordinary words is kept.
    let d = doc(
        "On March 9, Chancellor Weber met Prime Minister Okafor.",
        &[("Weber", Kind::Person), ("Okafor", Kind::Person)],
        &[("March 9", "2026-03-09")],
    );
    assert!(find(&d).iter().any(|e| e.date.is_some()));
}

#[test]
fn the_day_a_report_was_given_is_not_the_event_date() {
    let d = doc(
        "Chancellor Weber met Prime Minister Okafor, the ministry said on Tuesday.",
        &[("Weber", Kind::Person), ("Okafor", Kind::Person)],
        &[("on Tuesday", "2026-03-10")],
    );
    let e = find(&d);
    assert!(!e.is_empty());
    assert!(e.iter().all(|e| e.date.is_none()), "{e:?}");
    // The date of a statement is the day it was said.
    let d = doc(
        "Chancellor Weber announced on Tuesday new tariffs.",
        &[("Weber", Kind::Person)],
        &[("on Tuesday", "2026-03-10")],
    );
    let e = find(&d);
    assert!(
        e.iter()
            .any(|e| e.kind == EventKind::Statement && e.date.is_some()),
        "{e:?}"
    );
}

#[test]
fn a_statement_made_after_an_event_shares_its_day() {
    let d = doc(
        "Chancellor Weber said on Tuesday, after a phone call with Okafor, that tariffs would fall.",
        &[("Weber", Kind::Person), ("Okafor", Kind::Person)],
        &[("on Tuesday", "2026-03-10")],
    );
    let e = find(&d);
    assert!(
        e.iter()
            .any(|e| e.kind == EventKind::Call && e.date.is_some()),
        "{e:?}"
    );
}

#[test]
fn an_event_told_after_the_attribution_is_not_dated_by_it() {
    let d = doc(
        "Talks ended late, the ministry said on Tuesday, as Weber prepared to meet Okafor.",
        &[("Weber", Kind::Person), ("Okafor", Kind::Person)],
        &[("on Tuesday", "2026-03-10")],
    );
    let e = find(&d);
    assert!(!e.is_empty());
    assert!(e.iter().all(|e| e.date.is_none()), "{e:?}");
}

#[test]
fn a_whole_year_is_a_frame_when_the_sentence_has_a_day() {
    let mut d = doc(
        "On Tuesday, drones hit the port of Varna, in the deadliest strike this year.",
        &[("Varna", Kind::Gpe)],
        &[("On Tuesday", "2026-03-03"), ("this year", "2026-01-01")],
    );
    if let Some(year) = d.times.iter_mut().find(|t| t.text == "this year") {
        year.precision = Some(Precision::Year);
        year.value = Some("2026".into());
    }
    let e = find(&d);
    assert!(!e.is_empty(), "{e:?}");
    for event in &e {
        assert_eq!(
            event.date.as_ref().and_then(|t| t.value.as_deref()),
            Some("2026-03-03"),
            "{event:?}"
        );
    }
}

#[test]
fn a_strike_takes_place_where_it_hit() {
    let d = doc(
        "Missiles struck the western port city of Varna overnight.",
        &[("Varna", Kind::Gpe)],
        &[],
    );
    let e = find(&d);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].kind, EventKind::Attack);
    assert_eq!(e[0].place.as_deref(), Some("Varna"));
    let d = doc(
        "Drones struck Ruse while talks went on in Sofia.",
        &[("Ruse", Kind::Gpe), ("Sofia", Kind::Gpe)],
        &[],
    );
    let attack = find(&d).into_iter().find(|e| e.kind == EventKind::Attack);
    assert_eq!(attack.and_then(|e| e.place).as_deref(), Some("Ruse"));
}

#[test]
fn the_place_of_a_war_is_no_meeting_place() {
    let d = doc(
        "The envoy will travel to Sofia next week to meet the president about the war in Moldova.",
        &[("Sofia", Kind::Gpe), ("Moldova", Kind::Gpe)],
        &[("next week", "2026-03-16")],
    );
    let e = find(&d);
    assert!(!e.is_empty(), "{e:?}");
    for event in &e {
        assert_eq!(event.place.as_deref(), Some("Sofia"), "{event:?}");
    }
}

fn kinds(e: &[Event]) -> Vec<EventKind> {
    e.iter().map(|e| e.kind).collect()
}

fn value(e: &Event) -> Option<&str> {
    e.date.as_ref().and_then(|t| t.value.as_deref())
}

#[test]
fn one_event_per_real_event_and_several_when_listed() {
    // The noun names the event the light verb reports; a verb of talking does not.
    let d = doc(
        "Ministers met in Rome on Monday for talks on the border.",
        &[("Rome", Kind::Gpe)],
        &[("on Monday", "2026-03-09")],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Talks]);
    let d = doc(
        "Ministers met in Rome on Monday to discuss the border.",
        &[("Rome", Kind::Gpe)],
        &[("on Monday", "2026-03-09")],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Meeting]);
    let d = doc(
        "The bloc agreed on Monday to impose sanctions on two airlines.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Sanction]);
    let d = doc(
        "Nurses walked off the job on Monday, and teachers called a national strike for Friday.",
        &[],
        &[("on Monday", "2026-03-09"), ("for Friday", "2026-03-13")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Other, EventKind::Other], "{e:?}");
    assert_eq!(value(&e[0]), Some("2026-03-09"));
    assert_eq!(e[0].status, EventStatus::Happened);
    assert_eq!(value(&e[1]), Some("2026-03-13"));
    assert_eq!(e[1].status, EventStatus::Planned);
}

#[test]
fn labour_strikes_are_not_attacks_and_last_their_length() {
    // Published on Tuesday: a three-day strike begun on Monday is under way.
    let d = doc(
        "Dock workers began a three-day strike on Monday.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Other]);
    assert_eq!(e[0].status, EventStatus::Ongoing);
    let d = doc(
        "Rebels launched a strike on the airport on Monday.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Attack]);
}

#[test]
fn a_reference_to_an_event_told_before_is_no_new_event() {
    let d = doc(
        "Hours before the meeting, rebels shelled the airport.",
        &[],
        &[],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Attack]);
    let d = doc("The union has not yet responded to the proposal.", &[], &[]);
    assert!(find(&d).is_empty());
    // With a day of its own it is an event: "after the summit on Friday".
    let d = doc(
        "Prices rose after the summit on Friday.",
        &[],
        &[("on Friday", "2026-03-06")],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Summit]);
}

#[test]
fn a_fight_paused_is_no_attack() {
    let d = doc("The plan would pause the fighting for six weeks.", &[], &[]);
    assert!(!kinds(&find(&d)).contains(&EventKind::Attack));
}

#[test]
fn participants_are_the_parties_of_the_clause() {
    let d = doc(
        "OSLO - Envoys of Sudan met Egypt's foreign minister on Monday, Saudi officials said.",
        &[
            ("OSLO", Kind::Gpe),
            ("Sudan", Kind::Gpe),
            ("Egypt", Kind::Gpe),
            ("Saudi", Kind::Norp),
        ],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(e[0].participant_names, ["Sudan", "Egypt"]);
    let d = doc(
        "Ministers weighed a French proposal to list the Guards as a terrorist group.",
        &[("French", Kind::Norp), ("Guards", Kind::Organization)],
        &[],
    );
    let e = find(&d);
    let proposal = e.iter().find(|e| e.kind == EventKind::Proposal).unwrap();
    assert_eq!(proposal.participant_names, ["French"]);
    let d = doc(
        "Kenyan President William Ruto met Abiy Ahmed.",
        &[
            ("Kenyan", Kind::Norp),
            ("William Ruto", Kind::Person),
            ("Abiy Ahmed", Kind::Person),
        ],
        &[],
    );
    assert_eq!(
        find(&d)[0].participant_names,
        ["William Ruto", "Abiy Ahmed"]
    );
    let d = doc(
        "Egyptian and Qatari mediators handed Hamas a proposal.",
        &[
            ("Egyptian", Kind::Norp),
            ("Qatari", Kind::Norp),
            ("Hamas", Kind::Organization),
        ],
        &[],
    );
    assert_eq!(
        find(&d)[0].participant_names,
        ["Egyptian", "Qatari", "Hamas"]
    );
}

#[test]
fn a_past_event_on_a_bare_weekday_is_not_in_the_future() {
    // Published on Tuesday 10 March; the weekday was resolved forward to the 15th.
    let d = doc(
        "The envoy spoke by phone with the minister on Sunday.",
        &[],
        &[("on Sunday", "2026-03-15")],
    );
    let e = find(&d);
    assert_eq!(e[0].kind, EventKind::Call);
    assert_eq!(value(&e[0]), Some("2026-03-08"));
    assert_eq!(e[0].status, EventStatus::Happened);
}

#[test]
fn the_clause_of_the_trigger_dates_it_and_a_month_is_no_modal() {
    let d = doc(
        "The two sides signed a deal on Tuesday, ending talks that began in 2019.",
        &[],
        &[("on Tuesday", "2026-03-10"), ("in 2019", "2019-01-01")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Agreement, EventKind::Talks]);
    assert_eq!(value(&e[0]), Some("2026-03-10"));
    assert_eq!(value(&e[1]), Some("2019-01-01"));
    let d = doc(
        "The last round of talks, held in Geneva in May, collapsed.",
        &[("Geneva", Kind::Gpe)],
        &[("in May", "2025-05-01")],
    );
    let e = find(&d);
    assert_eq!(e[0].status, EventStatus::Happened);
    assert_eq!(e[0].place.as_deref(), Some("Geneva"));
}

#[test]
fn a_place_name_cut_short_keeps_its_head() {
    let d = doc(
        "A coast guard ship fired a water cannon near Second Thomas Shoal.",
        &[("Thomas Shoal", Kind::Location)],
        &[],
    );
    assert_eq!(find(&d)[0].place.as_deref(), Some("Second Thomas Shoal"));
}

#[test]
fn compounds_and_topics_are_no_events_of_their_own() {
    let d = doc(
        "Mediators handed the rebels a ceasefire proposal on Monday.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Proposal]);
    let d = doc(
        "The envoy flew to Nairobi for talks focused on cattle raids along the border.",
        &[],
        &[],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Visit]);
    // A time after the preposition is no topic.
    let d = doc(
        "Talks resumed on Monday after a drone attack on the port.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    assert!(kinds(&find(&d)).contains(&EventKind::Attack));
}

#[test]
fn since_makes_it_ongoing_and_a_verb_after_and_has_its_own_date() {
    let d = doc(
        "Norwegian diplomats have mediated between the two sides since 2019.",
        &[],
        &[("since 2019", "2019-01-01")],
    );
    assert_eq!(find(&d)[0].status, EventStatus::Ongoing);
    let d = doc(
        "The bloc imposed sanctions on Monday and lifted them on Friday.",
        &[],
        &[("on Monday", "2026-03-02"), ("on Friday", "2026-03-06")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Sanction, EventKind::Other]);
    assert_eq!(value(&e[0]), Some("2026-03-02"));
    assert_eq!(value(&e[1]), Some("2026-03-06"));
}

#[test]
fn hours_later_is_the_day_just_told() {
    let d = doc(
        "Rebels shelled the airport on Monday. Hours later, jets struck rebel bases.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(value(&e[1]), Some("2026-03-09"));
}

#[test]
fn a_reported_plan_is_planned_and_a_news_conference_a_statement() {
    let d = doc(
        "The mediator said detailed negotiations would start within two weeks.",
        &[],
        &[],
    );
    assert_eq!(find(&d)[0].status, EventStatus::Planned);
    let d = doc(
        "The mediator said negotiations could start if the shelling stops.",
        &[],
        &[],
    );
    assert_eq!(find(&d)[0].status, EventStatus::Proposed);
    let d = doc(
        "The alliance chief spoke at a news conference in Brussels on Monday.",
        &[("Brussels", Kind::Gpe)],
        &[("on Monday", "2026-03-09")],
    );
    assert_eq!(kinds(&find(&d)), [EventKind::Statement]);
}

#[test]
fn a_subordinate_clause_has_its_own_subject() {
    let d = doc(
        "Fiji's premier met Tonga's premier on Monday after Samoa signed a pact with Japan.",
        &[
            ("Fiji", Kind::Gpe),
            ("Tonga", Kind::Gpe),
            ("Samoa", Kind::Gpe),
            ("Japan", Kind::Gpe),
        ],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    let pact = e.iter().find(|e| e.kind == EventKind::Agreement).unwrap();
    assert_eq!(pact.participant_names, ["Samoa", "Japan"]);
}

#[test]
fn a_mere_mention_of_talks_or_a_deal_is_no_event() {
    for text in [
        "Analysts say the outcome of these negotiations will hinge on outside pressure.",
        "Cautious hope remains for an eventual truce.",
        "The minister voiced his readiness to negotiate.",
        "A durable settlement would need any agreement to be ratified.",
    ] {
        let e = find(&doc(text, &[], &[]));
        assert!(e.is_empty(), "{text}: {e:?}");
    }
    // Sought, offered or denied with a party named, it is one, with the status it is told in.
    let d = doc(
        "Ruto has long sought a summit with Abiy.",
        &[("Ruto", Kind::Person), ("Abiy", Kind::Person)],
        &[],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Summit], "{e:?}");
    assert_eq!(e[0].status, EventStatus::Proposed);
    let d = doc(
        "The Unite union said it was open to talks with the owners.",
        &[("Unite", Kind::Organization)],
        &[],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Talks], "{e:?}");
    assert_eq!(e[0].status, EventStatus::Proposed);
    let d = doc(
        "The president pledged to keep facilitating talks between Lima and Quito.",
        &[("Lima", Kind::Gpe), ("Quito", Kind::Gpe)],
        &[],
    );
    let e = find(&d);
    let talks: Vec<&Event> = e.iter().filter(|e| e.kind == EventKind::Talks).collect();
    assert_eq!(talks.len(), 1, "{e:?}");
    assert_eq!(talks[0].status, EventStatus::Proposed);
}

#[test]
fn a_cue_in_a_phrase_after_a_verb_does_not_govern_it() {
    let d = doc(
        "Bus drivers in Leeds walked out on Monday over plans to cut night routes.",
        &[("Leeds", Kind::Gpe)],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Other], "{e:?}");
    assert_eq!(e[0].status, EventStatus::Happened);
    assert_eq!(value(&e[0]), Some("2026-03-09"));
}

#[test]
fn a_solidarity_strike_is_a_labour_strike() {
    let d = doc(
        "Nurses in Porto staged a solidarity strike.",
        &[("Porto", Kind::Gpe)],
        &[],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Other], "{e:?}");
}

#[test]
fn an_attribution_is_no_statement_of_its_own_but_a_briefing_is() {
    let d = doc(
        "Lima will host a summit on water next week, the president's office announced on Monday.",
        &[("Lima", Kind::Gpe)],
        &[("next week", "2026-03-16"), ("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Summit], "{e:?}");
    let d = doc(
        "A spokeswoman for Chile told reporters on Monday that the border was calm.",
        &[("Chile", Kind::Gpe)],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Statement], "{e:?}");
    assert_eq!(value(&e[0]), Some("2026-03-09"));
}

#[test]
fn drones_downed_over_a_city_were_downed_there() {
    let d = doc(
        "Air defences downed six drones over Belgorod on Monday.",
        &[("Belgorod", Kind::Gpe)],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Interception], "{e:?}");
    assert_eq!(e[0].place.as_deref(), Some("Belgorod"));
    assert!(e[0].participant_names.is_empty(), "{e:?}");
}

#[test]
fn the_purpose_of_a_summit_and_a_deal_lacking_are_no_events() {
    let d = doc(
        "Leaders will gather for a summit in Accra on Friday to agree on a common tariff.",
        &[("Accra", Kind::Gpe)],
        &[("on Friday", "2026-03-13")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Summit], "{e:?}");
    let d = doc(
        "Talks in Rome ended without a deal.",
        &[("Rome", Kind::Gpe)],
        &[],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Talks], "{e:?}");
    let d = doc(
        "Any ceasefire between Chad and Niger would need monitors.",
        &[("Chad", Kind::Gpe), ("Niger", Kind::Gpe)],
        &[],
    );
    let e = find(&d);
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn an_event_told_again_is_one_event_with_two_sources() {
    let d = doc(
        "Rebels attacked a convoy near Goma on Monday. The attack was condemned by the governor.",
        &[("Goma", Kind::Gpe)],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Attack], "{e:?}");
    assert_eq!(e[0].sources.len(), 2);
    let d = doc(
        "Envoys of Peru and Chile will meet in Lima on Friday. Few expect much from Friday's meeting.",
        &[
            ("Peru", Kind::Gpe),
            ("Chile", Kind::Gpe),
            ("Lima", Kind::Gpe),
        ],
        &[("on Friday", "2026-03-13"), ("Friday's", "2026-03-06")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Meeting], "{e:?}");
    assert_eq!(value(&e[0]), Some("2026-03-13"));
    // A previous round is another event.
    let d = doc(
        "Envoys of Peru and Chile resumed talks in Lima on Friday. The previous talks failed.",
        &[
            ("Peru", Kind::Gpe),
            ("Chile", Kind::Gpe),
            ("Lima", Kind::Gpe),
        ],
        &[("on Friday", "2026-03-06")],
    );
    let e = find(&d);
    assert_eq!(e.len(), 2, "{e:?}");
}

#[test]
fn an_overnight_event_is_of_the_day_it_was_reported() {
    let mut d = doc(
        "Air defences downed nine drones over Kursk overnight, the ministry said on Monday.",
        &[("Kursk", Kind::Gpe)],
        &[("overnight", "2026-03-10"), ("on Monday", "2026-03-09")],
    );
    // The resolver dates a bare "overnight" to the article's day.
    d.times.sort_by_key(|t| t.span);
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Interception], "{e:?}");
    assert_eq!(value(&e[0]), Some("2026-03-09"));
}

#[test]
fn consultations_of_one_date_keep_one_event() {
    // A verb of talks, a meeting verb and a noun of talks of one date: the noun is kept, not
    // all three dropped by one another.
    let d = doc(
        "Oslo said it would mediate and host another round of talks in 2024.",
        &[("Oslo", Kind::Gpe)],
        &[("in 2024", "2024-06-01")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Talks], "{e:?}");
    // A mediation told in a clause of its own, with its own date, is another event: the
    // round to come does not take its date.
    let d = doc(
        "Oslo, which mediated between them in 2024, said it would host another round of talks.",
        &[("Oslo", Kind::Gpe)],
        &[("in 2024", "2024-06-01")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Talks, EventKind::Talks], "{e:?}");
    assert_eq!(value(&e[0]), Some("2024-06-01"));
    assert!(
        e[1].date.is_none() && e[1].status != EventStatus::Happened,
        "{e:?}"
    );
}

#[test]
fn a_vote_is_an_event_and_what_it_approves_is_not() {
    let d = doc(
        "The assembly voted on Monday to approve the water treaty.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Vote], "{e:?}");
    assert_eq!(e[0].status, EventStatus::Happened);
    assert_eq!(value(&e[0]), Some("2026-03-09"));
}

#[test]
fn those_who_vote_are_the_subject_not_what_the_vote_is_on() {
    let d = doc(
        "Chileans will vote in a referendum on the pact with Argentina in May.",
        &[("Chileans", Kind::Norp), ("Argentina", Kind::Gpe)],
        &[("in May", "2026-05-15")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Vote], "{e:?}");
    assert_eq!(e[0].participant_names, vec!["Chileans"]);
}

#[test]
fn votes_to_come_are_planned_and_mentions_of_votes_make_none() {
    let d = doc(
        "Senators will vote on the tariff bill on Thursday. A ballot of the miners is expected next week. The result of the vote surprised nobody.",
        &[],
        &[("on Thursday", "2026-03-12"), ("next week", "2026-03-16")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Vote, EventKind::Vote], "{e:?}");
    assert!(e.iter().all(|e| e.status == EventStatus::Planned), "{e:?}");
    assert_eq!(value(&e[0]), Some("2026-03-12"));
    assert_eq!(value(&e[1]), Some("2026-03-16"));
}

#[test]
fn a_date_in_the_clause_of_another_event_is_not_taken() {
    // The talks are of Monday; the meeting to come has no date of its own.
    let d = doc(
        "After talks on Monday collapsed, the envoys said they would meet again.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    assert_eq!(kinds(&e), [EventKind::Talks, EventKind::Meeting], "{e:?}");
    assert_eq!(value(&e[0]), Some("2026-03-09"));
    assert!(e[1].date.is_none(), "{e:?}");
    // Joined by "and" before a modal, each clause keeps its own date.
    let d = doc(
        "The envoys met on Monday and will meet again on Friday.",
        &[],
        &[("on Monday", "2026-03-09"), ("on Friday", "2026-03-13")],
    );
    let e = find(&d);
    let values: Vec<_> = e.iter().map(value).collect();
    assert_eq!(values, [Some("2026-03-09"), Some("2026-03-13")], "{e:?}");
}

#[test]
fn an_event_in_a_condition_is_only_possible() {
    let d = doc(
        "The agency warned that hunger would spread by June if deliveries of food did not resume.",
        &[],
        &[("by June", "2026-06-30")],
    );
    let e = find(&d);
    let aid = e.iter().find(|e| e.kind == EventKind::Aid).expect("aid");
    assert_eq!(aid.status, EventStatus::Proposed, "{e:?}");
    // Out of a condition, the same words deny it.
    let d = doc(
        "Deliveries of food did not resume on Monday.",
        &[],
        &[("on Monday", "2026-03-09")],
    );
    let e = find(&d);
    let aid = e.iter().find(|e| e.kind == EventKind::Aid).expect("aid");
    assert_eq!(aid.status, EventStatus::Denied, "{e:?}");
}
