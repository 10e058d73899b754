use super::*;
use std::sync::Arc;

use dragoman_knowledge::Knowledge;
use dragoman_model::{Article, Sentence};

/// A document of one paragraph split at ". ", with mentions (surface, kind) found in order.
fn doc(text: &str, mentions: &[(&str, Kind)]) -> Doc {
    let mut article = Article::from_paragraphs("t", [text]);
    article.id = "a1".into();
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
    let mut from = 0;
    for (surface, kind) in mentions {
        let at = t[from..].find(surface).map(|i| i + from).unwrap();
        from = at + surface.len();
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
    d
}

/// The positions of `d` after its quotes are found (speakers become holders or reporters).
fn with_quotes(d: &mut Doc) -> Vec<Position> {
    let Ok(quotes) = crate::quotes::QuoteFinder::without_knowledge() else {
        panic!("the quote finder failed to load");
    };
    d.quotes = quotes.find(d);
    finder().find(d)
}

/// (holder, stance, issue) of each position.
fn triples(found: &[Position]) -> Vec<(&str, Stance, &str)> {
    found
        .iter()
        .map(|p| (p.actor_name.as_str(), p.stance, p.issue.as_str()))
        .collect()
}

/// (holder, stance, issue, content) of each position.
fn quads(found: &[Position]) -> Vec<(&str, Stance, &str, &str)> {
    found
        .iter()
        .map(|p| {
            (
                p.actor_name.as_str(),
                p.stance,
                p.issue.as_str(),
                p.text.as_str(),
            )
        })
        .collect()
}

fn finder() -> PositionFinder {
    PositionFinder::embedded().unwrap()
}

#[test]
fn demand_on_territory() {
    let d = doc(
        "Moscow insists on the withdrawal of Ukrainian troops from the eastern provinces.",
        &[("Moscow", Kind::Gpe), ("Ukrainian", Kind::Norp)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Moscow");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].issue, "territory");
    assert_eq!(
        p[0].text,
        "the withdrawal of Ukrainian troops from the eastern provinces"
    );
    assert_eq!(p[0].polarity, Polarity::Positive);
    assert_eq!(
        p[0].actor_span.map(|s| s.slice(&d.article.text)),
        Some("Moscow")
    );
}

#[test]
fn rejection_and_negation() {
    let d = doc(
        "The Finnish government flatly rejected any freeze of the front lines. Norway does not support new tariffs on fertiliser.",
        &[("Finnish", Kind::Norp), ("Norway", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0].stance, Stance::Rejects);
    assert_eq!(p[0].polarity, Polarity::Negative);
    assert_eq!(p[0].issue, "territory");
    assert_eq!(p[1].actor_name, "Norway");
    assert_eq!(p[1].stance, Stance::Opposes);
    assert_eq!(p[1].issue, "sanctions");
}

#[test]
fn reported_position_keeps_both_parties() {
    let mut d = doc(
        "Belgrade wants a referendum in the northern districts, Ana Brnabic said.",
        &[("Belgrade", Kind::Gpe), ("Ana Brnabic", Kind::Person)],
    );
    let p = with_quotes(&mut d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Belgrade");
    assert_eq!(p[0].reported_by.as_deref(), Some("Ana Brnabic"));
    assert_eq!(p[0].issue, "elections");
    assert_eq!(p[0].text, "a referendum in the northern districts");
}

#[test]
fn quote_speaker_holds_position_in_first_person() {
    let mut d = doc(
        "\"We are ready to release every captured sailor,\" said Admiral Koss.",
        &[("Koss", Kind::Person)],
    );
    let p = with_quotes(&mut d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Koss");
    assert_eq!(p[0].stance, Stance::Offers);
}

#[test]
fn urging_and_unnamed_holders() {
    let d = doc(
        "Western think tanks urged Washington to send more air defence systems.",
        &[("Washington", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Western think tanks");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].issue, "military-aid");
}

#[test]
fn conditions_and_reluctance() {
    let d = doc(
        "Ankara will sign the accord only if the grain corridor stays open. Berlin remains reluctant to offer its newest jets.",
        &[("Ankara", Kind::Gpe), ("Berlin", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0].stance, Stance::Conditions);
    assert_eq!(p[0].actor_name, "Ankara");
    assert_eq!(p[0].text, "the grain corridor stays open");
    assert_eq!(p[1].stance, Stance::Opposes);
    assert_eq!(p[1].issue, "military-aid");
}

#[test]
fn unknown_contents_are_grouped_not_dropped() {
    let d = doc(
        "Lisbon proposed a joint fisheries commission. Madrid backs a fisheries commission too.",
        &[("Lisbon", Kind::Gpe), ("Madrid", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0].issue, "other: joint fisheries commission");
    assert_eq!(p[0].issue, p[1].issue);
    assert_eq!(p[1].stance, Stance::Supports);
}

#[test]
fn nouns_are_not_cues() {
    let d = doc(
        "The press gathered outside while military support arrived.",
        &[],
    );
    assert!(finder().find(&d).is_empty());
}

#[test]
fn custom_taxonomy() {
    let t = IssueTaxonomy::from_toml_str(
        "[[issue]]\nid = \"wages\"\nkeywords = [\"wage*\", \"pay rise\"]\n",
    )
    .unwrap();
    assert_eq!(t.classify("a pay rise of five percent"), Some("wages"));
    assert_eq!(t.issues().count(), 1);
    let d = doc("The union demands higher wages.", &[]);
    let p = finder().with_issues(t).find(&d);
    assert_eq!(p[0].issue, "wages");
    assert_eq!(p[0].actor_name, "The union");
    assert!(IssueTaxonomy::from_toml_str("[[issue]]\nid = \"x\"\nkeywords = []\n").is_err());
    assert!(IssueTaxonomy::from_toml_str("not toml [").is_err());
    assert!(
        IssueTaxonomy::embedded()
            .unwrap()
            .issues()
            .any(|(id, _)| id == "prisoners")
    );
}

#[test]
fn content_stops_at_a_second_statement() {
    let mut d = doc(
        "Rania Aziz rejected the new border map and said talks should resume.",
        &[("Rania Aziz", Kind::Person)],
    );
    let p = with_quotes(&mut d);
    assert_eq!(p[0].text, "the new border map", "{p:?}");
    assert_eq!(p[0].issue, "territory");
}

#[test]
fn pronoun_holders_are_resolved() {
    let d = doc(
        "Minister Lena Vogt spoke in Bonn. She opposes any extension of the gas contract.",
        &[("Lena Vogt", Kind::Person), ("Bonn", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Lena Vogt");
    assert_eq!(
        p[0].actor_span.map(|s| s.slice(&d.article.text)),
        Some("She")
    );
    assert_eq!(p[0].issue, "energy");
}

#[test]
fn vague_or_numeric_subject_phrases_hold_no_position() {
    // No mention before the cue: only a named phrase may stand as the holder.
    let d = doc(
        "Several shareholders rejected the revised merger terms. The 12-page memo calls for \
         a second valuation of the brewery assets.",
        &[],
    );
    let p = finder().find(&d);
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn named_subject_phrase_still_holds() {
    let d = doc(
        "Several Nordic unions rejected the wage freeze offered by the port operators.",
        &[],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Several Nordic unions");
    assert_eq!(p[0].stance, Stance::Rejects);
}

#[test]
fn contents_without_substance_are_dropped() {
    // "wants to get it done soon" says nothing about what the holder wants.
    let d = doc(
        "The Teamsters union wants to get it done soon, a spokeswoman said.",
        &[("Teamsters", Kind::Organization)],
    );
    let p = finder().find(&d);
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn sentence_issue_only_for_contents_naming_nothing() {
    // The content has its own words outside the taxonomy: it must not inherit the
    // sentence's sanctions keyword.
    let d = doc(
        "Amid new sanctions, Brussels proposed to examine the harbour dredging schedules line by line.",
        &[("Brussels", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].issue.starts_with("other:"), "{p:?}");
}

#[test]
fn passive_holder_after_by() {
    let d = doc(
        "Recognition of the new border was demanded by Moscow during the night session.",
        &[("Moscow", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Moscow");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].text, "Recognition of the new border");
    assert_eq!(p[0].issue, "territory");
}

#[test]
fn nominalised_stances_with_possessive_holders() {
    let d = doc(
        "Oslo's rejection of the fishing quota surprised nobody. Lisbon's demand for a ceasefire came late. The rejection of the plan was expected.",
        &[("Oslo", Kind::Gpe), ("Lisbon", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0].actor_name, "Oslo");
    assert_eq!(p[0].stance, Stance::Rejects);
    assert!(p[0].text.starts_with("the fishing quota"), "{p:?}");
    assert_eq!(p[1].actor_name, "Lisbon");
    assert_eq!(p[1].stance, Stance::Demands);
    assert_eq!(p[1].issue, "ceasefire");
}

#[test]
fn nationality_adjectives_hold_nothing_alone() {
    let d = doc(
        "Maltese officials offered to host the next round of harbour talks. The Maltese offered tea.",
        &[("Maltese", Kind::Norp), ("Maltese", Kind::Norp)],
    );
    let p = finder().find(&d);
    assert!(p.iter().all(|x| x.actor_name != "Maltese"), "{p:?}");
    assert_eq!(
        p.first().map(|x| x.actor_name.as_str()),
        Some("Maltese officials")
    );
}

#[test]
fn joined_contents_split_by_issue_and_relatives_name_their_antecedent() {
    let d = doc(
        "Ankara demanded that Kyiv cede the southern region and renounce NATO membership. Kyiv wants a prisoner exchange, which Ankara has resisted.",
        &[
            ("Ankara", Kind::Gpe),
            ("Kyiv", Kind::Gpe),
            ("Kyiv", Kind::Gpe),
            ("Ankara", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    let issues: Vec<&str> = p
        .iter()
        .filter(|x| x.actor_name == "Ankara" && x.stance == Stance::Demands)
        .map(|x| x.issue.as_str())
        .collect();
    assert_eq!(issues, ["territory", "nato-membership"], "{p:?}");
    let resisted = p
        .iter()
        .find(|x| x.stance == Stance::Opposes)
        .expect("the relative clause holds a position");
    assert_eq!(resisted.actor_name, "Ankara");
    assert_eq!(resisted.text, "a prisoner exchange");
    assert_eq!(resisted.issue, "prisoners");
}

#[test]
fn first_keyword_decides_the_issue_and_inflections_group() {
    let t = IssueTaxonomy::embedded().unwrap();
    assert_eq!(
        t.classify("a truce along the current line of contact"),
        t.classify("a truce")
    );
    let f = finder();
    assert_eq!(
        f.group_key("recalling the diplomats", false),
        f.group_key("recalling its diplomat", false)
    );
    assert_eq!(f.group_key("recalling the diplomats", false), "diplomat");
    assert_eq!(f.group_key("Lisbon's fishermen", false), "Lisbon fishermen");
    assert_eq!(f.group_key("Fishermen of Lisbon", true), "fishermen");
    assert_eq!(
        f.group_key("the summer's optimism", false),
        "summer optimism"
    );
}

#[test]
fn nationality_before_a_stance_noun_stands_for_its_country() {
    let knowledge = Arc::new(Knowledge::embedded().unwrap());
    let f = finder().with_knowledge(knowledge);
    let d = doc(
        "The draft echoed Russian demands that the army leave the disputed provinces. Emirati officials offered to host the talks.",
        &[("Russian", Kind::Norp), ("Emirati", Kind::Organization)],
    );
    let p = f.find(&d);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0].actor_name, "Russia");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].issue, "territory");
    assert_eq!(p[1].actor_name, "Emirati officials");
}

#[test]
fn stance_cue_of_a_quotation_gives_the_speaker_its_content() {
    let d = doc(
        "\"Any attack on our ports will be met with tariffs,\" the minister warned.",
        &[],
    );
    let mut d = d;
    let p = with_quotes(&mut d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].stance, Stance::Warns);
    assert_eq!(p[0].issue, "sanctions");
    assert_eq!(p[0].actor_name, "the minister");
}

#[test]
fn lists_of_demands_and_possessive_keywords() {
    let d = doc(
        "Vienna demanded a truce, the release of all detainees and a pledge to stay out of NATO. Rome rejected NATO's latest decisions.",
        &[("Vienna", Kind::Gpe), ("Rome", Kind::Gpe)],
    );
    let p = finder().find(&d);
    let issues: Vec<&str> = p.iter().map(|x| x.issue.as_str()).collect();
    assert_eq!(
        issues,
        [
            "ceasefire",
            "prisoners",
            "nato-membership",
            "nato-membership"
        ],
        "{p:?}"
    );
}

#[test]
fn participle_clauses_end_contents() {
    let d = doc(
        "Lisbon refused to sign the fisheries pact, warning that its fleet would suffer.",
        &[("Lisbon", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p[0].text, "sign the fisheries pact", "{p:?}");
}

#[test]
fn obligations_in_quotations_are_the_speakers_demands() {
    let mut d = doc(
        "Mayor Ilse Brandt said the rebels must leave the northern provinces. The rebels must also leave the southern valleys and border districts.",
        &[("Ilse Brandt", Kind::Person)],
    );
    let p = with_quotes(&mut d);
    let demands: Vec<&Position> = p.iter().filter(|x| x.stance == Stance::Demands).collect();
    assert_eq!(demands.len(), 1, "{p:?}");
    assert_eq!(demands[0].actor_name, "Ilse Brandt");
    assert_eq!(demands[0].issue, "territory");
    assert!(
        demands[0]
            .text
            .contains("must leave the northern provinces"),
        "{p:?}"
    );
}

#[test]
fn reduced_relative_clauses_name_their_antecedent() {
    let d = doc(
        "Quito offered a truce along the river, an offer the Lima cabinet has so far refused.",
        &[("Quito", Kind::Gpe), ("Lima", Kind::Gpe)],
    );
    let p = finder().find(&d);
    let refused = p
        .iter()
        .find(|x| x.stance == Stance::Rejects)
        .expect("the refusal holds a position");
    assert_eq!(refused.text, "an offer", "{p:?}");
    assert_eq!(refused.issue, "ceasefire");
}

/// An indirect quotation of `content` after the cue `cue`, by `speaker` as written at its
/// first occurrence, with the speaker's name when the quote finder resolved one.
fn indirect(d: &Doc, speaker: &str, name: Option<&str>, cue: &str, content: &str) -> Quote {
    let t = &d.article.text;
    let at = |s: &str| {
        let i = t.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    Quote {
        speaker: None,
        speaker_name: name.map(str::to_string),
        speaker_span: Some(at(speaker)),
        source_span: None,
        cue: Some(cue.to_string()),
        cue_span: Some(at(cue)),
        text: content.to_string(),
        content_span: at(content),
        direct: false,
        sources: vec![d.source(at(content))],
        story: None,
    }
}

#[test]
fn a_pronoun_speaker_holds_the_position_in_its_statement() {
    let mut d = doc(
        "Minister Ravel spoke at noon. He said that a durable peace requires the withdrawal of foreign troops from the border districts.",
        &[("Ravel", Kind::Person)],
    );
    let q = indirect(
        &d,
        "He",
        None,
        "said",
        "a durable peace requires the withdrawal of foreign troops from the border districts",
    );
    d.quotes.push(q);
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Ravel");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].issue, "territory");
}

#[test]
fn a_stance_verb_that_cues_a_statement_is_held_by_its_speaker() {
    let mut d = doc(
        "Borduria doubts the mandate of the interim council, and has insisted that any final accord be ratified after new elections.",
        &[("Borduria", Kind::Gpe)],
    );
    let q = indirect(
        &d,
        "Borduria",
        Some("Borduria"),
        "insisted",
        "that any final accord be ratified after new elections",
    );
    d.quotes.push(q);
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Borduria");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].issue, "elections");
    // A speaker standing for a pronoun is too weak a link.
    let mut d = doc(
        "The council met. It would cut the army and call for elections within a year.",
        &[("council", Kind::Organization)],
    );
    let q = indirect(
        &d,
        "It",
        Some("council"),
        "call for",
        "elections within a year",
    );
    d.quotes.push(q);
    assert!(finder().find(&d).is_empty());
}

#[test]
fn verdicts_in_quotations_are_the_speakers_stances() {
    let text = "Envoy Lind said that foreign troops in the delta would be unacceptable. \
                Envoy Lind said that a freeze along the contact line is not acceptable. \
                Foreign troops in the delta would be unacceptable, the editorial argued.";
    let mut d = doc(text, &[("Lind", Kind::Person), ("Lind", Kind::Person)]);
    let first = "foreign troops in the delta would be unacceptable";
    let second = "a freeze along the contact line is not acceptable";
    let mut q1 = indirect(&d, "Lind", Some("Lind"), "said", first);
    let mut q2 = q1.clone();
    let at = text.find(second).unwrap();
    q2.content_span = Span::new(at, at + second.len());
    q2.text = second.to_string();
    q1.cue_span = None;
    q2.cue_span = None;
    d.quotes = vec![q1, q2];
    let p = finder().find(&d);
    let found = quads(&p);
    assert_eq!(
        found,
        [
            (
                "Lind",
                Stance::Rejects,
                "security-guarantees",
                "foreign troops in the delta"
            ),
            (
                "Lind",
                Stance::Rejects,
                "territory",
                "a freeze along the contact line"
            ),
        ],
        "the verdict outside a quotation is the outlet's own"
    );
}

#[test]
fn a_document_stands_for_its_author() {
    let d = doc(
        "The Norwegian plan would require Borduria to cede the northern provinces. \
         The draft, which was presented by envoy Ana Lind, offers the islands security guarantees. \
         The draft, which Borduria rejected, offers the islands a new ferry line.",
        &[
            ("Norwegian", Kind::Norp),
            ("Borduria", Kind::Gpe),
            ("Ana Lind", Kind::Person),
            ("Borduria", Kind::Gpe),
        ],
    );
    let knowledge = Arc::new(Knowledge::embedded().unwrap());
    let p = finder().with_knowledge(knowledge).find(&d);
    let found = triples(&p);
    assert!(
        found.contains(&("Norway", Stance::Demands, "territory")),
        "{found:?}"
    );
    assert!(
        found.contains(&("Ana Lind", Stance::Offers, "security-guarantees")),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(a, s, _)| *a == "Borduria" && *s == Stance::Offers),
        "a party named in a parenthesis without 'by' is not the author: {found:?}"
    );
}

#[test]
fn a_document_read_as_a_speaker_is_still_a_document() {
    let mut d = doc(
        "The Norwegian plan would require Borduria to cede the northern provinces.",
        &[("Norwegian", Kind::Norp), ("Borduria", Kind::Gpe)],
    );
    // A quote finder that took "plan" for a speech verb.
    let q = indirect(
        &d,
        "The Norwegian",
        Some("The Norwegian"),
        "plan",
        "would require Borduria to cede the northern provinces",
    );
    d.quotes.push(q);
    let knowledge = Arc::new(Knowledge::embedded().unwrap());
    let p = finder().with_knowledge(knowledge).find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Norway");
    assert_eq!(p[0].reported_by, None);
    assert_eq!(p[0].issue, "territory");
}

#[test]
fn a_content_pointing_back_takes_the_earlier_issue() {
    let d = doc(
        "Borduria demands that Syldavia cede the northern provinces. Crowds gathered. Reporters waited. Syldavia rejected the same demand in Oslo and again in Bern. Later, Syldavia rejected these ideas about river tolls.",
        &[
            ("Borduria", Kind::Gpe),
            ("Syldavia", Kind::Gpe),
            ("Syldavia", Kind::Gpe),
            ("Oslo", Kind::Gpe),
            ("Bern", Kind::Gpe),
            ("Syldavia", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    let found = triples(&p);
    assert_eq!(
        found.get(..2),
        Some(
            &[
                ("Borduria", Stance::Demands, "territory"),
                ("Syldavia", Stance::Rejects, "territory"),
            ][..]
        ),
        "{found:?}"
    );
    assert!(
        found.get(2).is_some_and(|p| p.2.starts_with("other:")),
        "a content with words of its own keeps them: {found:?}"
    );
}

#[test]
fn unclassified_issues_read_as_words_of_the_text() {
    let d = doc(
        "Lisbon demanded an answer from Madrid before the Carnival holiday weekend.",
        &[("Lisbon", Kind::Gpe), ("Madrid", Kind::Gpe)],
    );
    let p = finder().find(&d);
    let issue = p.first().map(|p| p.issue.as_str()).unwrap_or_default();
    assert!(issue.starts_with("other: "), "{p:?}");
    // Whole words as written (a name keeps its capital), never stems such as "holid".
    let label = issue.trim_start_matches("other: ");
    for word in label.split(' ') {
        assert!(
            d.article.text.contains(word),
            "{word} of {label} is not in the text"
        );
    }
    assert_eq!(label, "answer");
}

#[test]
fn holders_lose_clinging_quotation_marks() {
    let text = "Officials said European leaders \" would object.";
    let at = text.find("European").unwrap_or(0);
    let span = Span::new(at, at + "European leaders \"".len());
    let (name, tidy) = tidy_holder(text, "European leaders \"", Some(span));
    assert_eq!(name, "European leaders");
    assert_eq!(tidy.map(|s| s.slice(text)), Some("European leaders"));
    let (name, kept) = tidy_holder(text, "Officials", Some(Span::new(0, 9)));
    assert_eq!((name.as_str(), kept), ("Officials", Some(Span::new(0, 9))));
}

#[test]
fn a_definite_document_takes_the_author_written_earlier() {
    let d = doc(
        "Mediators circulated a truce draft drawn up in Oslo on Monday. \
         The draft offers the rebels an amnesty for past fighting, the sources said.",
        &[("Oslo", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Oslo");
    assert_eq!(p[0].stance, Stance::Offers);
    assert_eq!(p[0].issue, "accountability");
}

#[test]
fn a_documents_modal_verb_states_the_terms_its_author_proposes() {
    let d = doc(
        "A Swiss counter-proposal circulated on Tuesday would freeze the front line and postpone any referendum.",
        &[("Swiss", Kind::Norp)],
    );
    let knowledge = Arc::new(Knowledge::embedded().unwrap());
    let p = finder().with_knowledge(knowledge).find(&d);
    let found = triples(&p);
    assert_eq!(
        found,
        vec![
            ("Switzerland", Stance::Proposes, "territory"),
            ("Switzerland", Stance::Proposes, "elections")
        ]
    );
}

#[test]
fn subjects_past_parentheses_relatives_and_appositions() {
    let d = doc(
        "Chile, whose miners export copper to Asia, opposes new tariffs on ore. \
         Peru, which has long backed free trade, now supports the removal of export tariffs. \
         The minister, Ana Ruiz, rejected any tariff rise. \
         Bolivia and Ecuador support the end of the embargo.",
        &[
            ("Chile", Kind::Gpe),
            ("Asia", Kind::Location),
            ("Peru", Kind::Gpe),
            ("Ana Ruiz", Kind::Person),
            ("Bolivia", Kind::Gpe),
            ("Ecuador", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    let found: Vec<(&str, Stance)> = p
        .iter()
        .map(|p| (p.actor_name.as_str(), p.stance))
        .collect();
    for want in [
        ("Chile", Stance::Opposes),
        ("Peru", Stance::Supports),
        ("Ana Ruiz", Stance::Rejects),
        ("Bolivia", Stance::Supports),
        ("Ecuador", Stance::Supports),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
    assert!(p.iter().all(|p| p.issue == "sanctions"), "{p:?}");
}

#[test]
fn hypotheses_compounds_and_phrases_that_only_look_like_cues() {
    let d = doc(
        "Lisbon warned it would retaliate if Madrid pressed for new fishing quotas. \
         Madrid pressed ahead with the new port tariffs. \
         Lisbon did not reject the fishing quota offer outright.",
        &[
            ("Lisbon", Kind::Gpe),
            ("Madrid", Kind::Gpe),
            ("Madrid", Kind::Gpe),
            ("Lisbon", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    assert!(p.iter().all(|p| p.actor_name == "Lisbon"), "{p:?}");
    assert!(p.iter().all(|p| p.stance != Stance::Offers), "{p:?}");
    assert!(
        p.iter().any(|p| p.stance == Stance::Accepts),
        "a negated rejection accepts: {p:?}"
    );
}

#[test]
fn readiness_takes_the_inner_stance_and_conditions_their_clause_holder() {
    let d = doc(
        "The rebels were ready to accept a truce as long as aid convoys could pass. \
         Kuwait offered to host the talks in return for a halt to the shelling.",
        &[("Kuwait", Kind::Gpe)],
    );
    let p = finder().find(&d);
    let found: Vec<(&str, Stance)> = p
        .iter()
        .map(|p| (p.actor_name.as_str(), p.stance))
        .collect();
    assert!(
        found.contains(&("The rebels", Stance::Accepts)),
        "{found:?}"
    );
    assert!(
        found.contains(&("The rebels", Stance::Conditions)),
        "{found:?}"
    );
    assert!(found.contains(&("Kuwait", Stance::Conditions)), "{found:?}");
}

#[test]
fn urging_others_to_accept_is_no_acceptance() {
    let d = doc(
        "Ghana urged both camps to accept the ceasefire monitors.",
        &[("Ghana", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].stance, Stance::Demands);
}

#[test]
fn a_group_inside_a_statement_holds_it_and_its_speaker_reports_it() {
    let mut d = doc(
        "Ferry operators proposed a new weekend timetable for the island routes, a mediator said.",
        &[],
    );
    let p = with_quotes(&mut d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Ferry operators");
    assert_eq!(p[0].stance, Stance::Proposes);
}

#[test]
fn reporting_channels_hold_nothing_and_cut_names_lose_dangling_words() {
    let mut d = doc(
        "The plan offers the rebels an amnesty for past fighting, the sources said.",
        &[],
    );
    let p = with_quotes(&mut d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, UNATTRIBUTED);
    assert_eq!(p[0].reported_by.as_deref(), Some("the sources"));
    assert_eq!(
        trim_holder("Leaders of the Council of the"),
        "Leaders of the Council"
    );
    assert_eq!(trim_holder("\"European leaders ,"), "European leaders");
    assert_eq!(
        trim_holder("The minister's office has"),
        "The minister's office"
    );
    assert_eq!(trim_holder("The junta is also"), "The junta");
}

#[test]
fn a_bare_if_conditions_only_another_position_of_its_sentence() {
    let d = doc(
        "Lagos is ready to reopen the border crossings if Accra lifts the new tariffs. If the talks resume, the envoys will meet in Lome.",
        &[
            ("Lagos", Kind::Gpe),
            ("Accra", Kind::Gpe),
            ("Lome", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    let found = triples(&p);
    assert_eq!(
        found,
        vec![
            ("Lagos", Stance::Offers, "territory"),
            ("Lagos", Stance::Conditions, "sanctions")
        ]
    );
}

#[test]
fn an_institution_inside_a_statement_holds_it() {
    let mut d = doc(
        "The national grid operator rejected the new fuel tariffs, a spokesman said.",
        &[],
    );
    let p = with_quotes(&mut d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "The national grid operator");
    assert_eq!(p[0].stance, Stance::Rejects);
}

#[test]
fn a_verb_after_and_shares_the_sentence_subject() {
    let d = doc(
        "Georgia doubts the mandate of the new council, and has insisted that any accord be approved in a referendum. \
         Talks in Baku stalled, and the envoys called for patience.",
        &[("Georgia", Kind::Gpe), ("Baku", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Georgia");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].issue, "elections");
}

#[test]
fn a_list_after_a_position_noun_is_held_by_its_owner() {
    let d = doc(
        "The talks dragged on, but Tehran has not abandoned its key demands. \
         Those include the lifting of sanctions and the release of all prisoners.",
        &[("Tehran", Kind::Gpe)],
    );
    let p = finder().find(&d);
    let found = triples(&p);
    assert_eq!(
        found,
        vec![
            ("Tehran", Stance::Demands, "sanctions"),
            ("Tehran", Stance::Demands, "prisoners")
        ]
    );
}

#[test]
fn a_bare_verb_after_comma_and_continues_the_terms() {
    let d = doc(
        "Ankara demands that Nicosia withdraw from the buffer zone, lift the embargo, and enshrine a pledge of neutrality. \
         Athens hosted the talks, and Nicosia rejects the new tariffs.",
        &[
            ("Ankara", Kind::Gpe),
            ("Nicosia", Kind::Gpe),
            ("Athens", Kind::Gpe),
            ("Nicosia", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    let found = triples(&p);
    for want in [
        ("Ankara", Stance::Demands, "territory"),
        ("Ankara", Stance::Demands, "sanctions"),
        ("Ankara", Stance::Demands, "nato-membership"),
        ("Nicosia", Stance::Rejects, "sanctions"),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
    assert!(!found.iter().any(|f| f.0 == "Athens"), "{found:?}");
}

#[test]
fn a_stance_nouns_content_ends_at_the_sentence_verb() {
    let d = doc(
        "Rabat's demand for a buffer zone was rejected by Algiers. Tunis's rejection of the border plan angered Cairo.",
        &[
            ("Rabat", Kind::Gpe),
            ("Algiers", Kind::Gpe),
            ("Tunis", Kind::Gpe),
            ("Cairo", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    let found = quads(&p);
    for want in [
        ("Rabat", Stance::Demands, "territory", "a buffer zone"),
        ("Tunis", Stance::Rejects, "territory", "the border plan"),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
    assert!(
        found
            .iter()
            .any(|f| f.0 == "Algiers" && f.1 == Stance::Rejects),
        "{found:?}"
    );
}

#[test]
fn a_plain_demand_points_back_and_fallbacks_read_only_what_came_before() {
    let d = doc(
        "Quito demands that Lima free all prisoners. Lima rejected the demand. \
         Lima accepted some proposals and rejected others, and the border talks stalled. \
         Lima rejected the offer.",
        &[
            ("Quito", Kind::Gpe),
            ("Lima", Kind::Gpe),
            ("Lima", Kind::Gpe),
            ("Lima", Kind::Gpe),
            ("Lima", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    let found = quads(&p);
    assert!(
        found.contains(&("Lima", Stance::Rejects, "prisoners", "the demand")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.2 == "territory"),
        "a later clause lends no issue: {found:?}"
    );
    assert!(
        !found.iter().any(|f| f.3 == "the offer"),
        "nothing to point back to: {found:?}"
    );
}

#[test]
fn an_abbreviation_does_not_end_a_content() {
    let mut d = doc(
        "Lima accepted the U.S. proposals on fishing tariffs.",
        &[("Lima", Kind::Gpe), ("U.S.", Kind::Gpe)],
    );
    // One sentence, as the sentence splitter reads it.
    d.sentences = vec![Sentence {
        span: Span::new(0, d.article.text.len()),
        paragraph: 0,
    }];
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].text, "the U.S. proposals on fishing tariffs");
}

#[test]
fn verbs_after_and_keep_their_holders_and_conditions_their_issue() {
    let d = doc(
        "Mali and Chad reject any new tariffs and want the levy on cotton lifted. \
         Accra will accept the import tariffs only if the mill stays open. \
         The junta rejected that timetable.",
        &[
            ("Mali", Kind::Gpe),
            ("Chad", Kind::Gpe),
            ("Accra", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    let found = triples(&p);
    for want in [
        ("Mali", Stance::Rejects, "sanctions"),
        ("Chad", Stance::Rejects, "sanctions"),
        ("Mali", Stance::Demands, "other: levy"),
        ("Chad", Stance::Demands, "other: levy"),
        ("Accra", Stance::Accepts, "sanctions"),
        ("Accra", Stance::Conditions, "sanctions"),
        ("The junta", Stance::Rejects, "sanctions"),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
    assert_eq!(found.len(), 7, "{found:?}");
}

#[test]
fn a_relative_clause_after_a_reduced_one_names_the_first_antecedent() {
    let d = doc(
        "Oslo wants the next prisoner exchange to include all detainees, a formula the Danish plan also endorses but which Moscow has resisted.",
        &[
            ("Oslo", Kind::Gpe),
            ("Danish", Kind::Norp),
            ("Moscow", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    assert!(
        p.iter().any(|p| p.actor_name == "Moscow"
            && p.stance == Stance::Opposes
            && p.text == "a formula"
            && p.issue == "prisoners"),
        "{p:?}"
    );
}

#[test]
fn a_rejection_ends_at_its_verdict() {
    let d = doc(
        "Cairo dismissed calls for security guarantees as unrealistic.",
        &[("Cairo", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].stance, Stance::Rejects);
    assert_eq!(p[0].text, "security guarantees");
    assert_eq!(p[0].issue, "security-guarantees");
}

#[test]
fn asking_someone_to_act_is_a_demand_and_asking_alone_is_not() {
    let d = doc(
        "The lenders asked Quito to cut fuel subsidies. Quito asked about the tariffs.",
        &[("Quito", Kind::Gpe), ("Quito", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "The lenders");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].issue, "energy");
}

#[test]
fn pushing_someone_to_accept_is_the_pushers_demand() {
    let d = doc(
        "Paris pushes Rabat to accept a ceasefire along the border.",
        &[("Paris", Kind::Gpe), ("Rabat", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Paris");
    assert_eq!(p[0].stance, Stance::Demands);
    assert_eq!(p[0].issue, "ceasefire");
}

#[test]
fn messy_text_never_panics() {
    let samples = [
        "",
        "'s",
        "“”",
        "demands",
        "to accept",
        "The plan, , would require.",
        "Ü-Staat’s Forderung nach — «Frieden» — wurde abgelehnt, sagte er.",
        "Kyiv’s rejection of, and if unless only if ' \" ” as as as",
        "It would. Those include. They are",
        "asked to to to. told X to",
        "A U.S.-drafted plan would freeze. The plan offers, the sources said.",
        "Mali and and back the and want. 's 's demand for",
    ];
    let knowledge = Arc::new(Knowledge::embedded().unwrap());
    let f = finder().with_knowledge(knowledge);
    for text in samples {
        let mut d = doc(text, &[]);
        d.quotes = crate::quotes::QuoteFinder::without_knowledge()
            .unwrap()
            .find(&d);
        for p in f.find(&d) {
            assert!(p.sources.iter().all(|s| s.end <= d.article.text.len()));
        }
    }
}

#[test]
fn a_negated_will_before_a_plain_verb_is_a_refusal_of_a_named_party() {
    let d = doc(
        "Hanoi will not open its rice market to foreign traders. The talks will not resume before May.",
        &[("Hanoi", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Hanoi");
    assert_eq!(p[0].stance, Stance::Rejects);
    assert_eq!(p[0].text, "open its rice market to foreign traders");
}

#[test]
fn only_people_and_groups_hold_positions_without_a_name() {
    let d = doc(
        "This flexibility indicates a desire for a negotiated settlement. Such talks demand a ceasefire first. Independent experts urge a ceasefire before the winter.",
        &[],
    );
    let found = finder().find(&d);
    let holders: Vec<&str> = found.iter().map(|p| p.actor_name.as_str()).collect();
    assert!(!holders.contains(&"This flexibility"), "{holders:?}");
    assert!(!holders.contains(&"Such talks"), "{holders:?}");
    assert!(holders.contains(&"Independent experts"), "{holders:?}");
}

/// A reported statement of `d` whose speaker the quote finder took to be `speaker`, cued by
/// `cue`, with `content` (each the first place written).
fn reported(d: &Doc, speaker: &str, cue: &str, content: &str) -> Quote {
    let text = d.article.text.as_str();
    let at = |part: &str| {
        let start = text.find(part).unwrap();
        Span::new(start, start + part.len())
    };
    Quote {
        speaker: None,
        speaker_name: Some(speaker.to_string()),
        speaker_span: Some(at(speaker)),
        source_span: None,
        cue: Some(cue.to_string()),
        cue_span: Some(at(cue)),
        text: content.to_string(),
        content_span: at(content),
        direct: false,
        sources: Vec::new(),
        story: None,
    }
}

#[test]
fn a_dateline_taken_for_the_speaker_stands_for_the_subject_after_it() {
    let mut d = doc(
        "QUITO - The energy ministry said on Friday it was ready to cut fuel subsidies.",
        &[
            ("QUITO", Kind::Gpe),
            ("energy ministry", Kind::Organization),
        ],
    );
    d.quotes = vec![reported(
        &d,
        "QUITO",
        "said",
        "it was ready to cut fuel subsidies",
    )];
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "The energy ministry");
    assert_eq!(p[0].stance, Stance::Offers);
    let mut d = doc(
        "Chile, whose miners fear layoffs, called for a joint price board.",
        &[("Chile", Kind::Gpe)],
    );
    d.quotes = vec![reported(
        &d,
        "whose miners fear layoffs",
        "called",
        "a joint price board",
    )];
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Chile");
}

#[test]
fn counted_group_after_with_holds_the_pledge_not_its_reporter() {
    let mut d = doc(
        "The Arctic Council disclosed that 18 member states had joined a rescue pact, with 11 pledging icebreakers and drones.",
        &[("Arctic Council", Kind::Organization)],
    );
    let p = with_quotes(&mut d);
    let offers: Vec<&Position> = p.iter().filter(|p| p.stance == Stance::Offers).collect();
    assert_eq!(offers.len(), 1, "{p:?}");
    assert_eq!(offers[0].actor_name, "11 member states");
    assert_eq!(offers[0].issue, "military-aid");
    assert_ne!(offers[0].actor_name, "Arctic Council");
}

#[test]
fn counted_subject_holds_a_position() {
    let d = doc("At the Oslo meeting, 26 countries pledged new drones.", &[]);
    let p = finder().find(&d);
    assert!(
        p.iter()
            .any(|p| p.actor_name == "26 countries" && p.stance == Stance::Offers),
        "{p:?}"
    );
}

#[test]
fn refusal_so_far_opposes_what_is_not_signed_off() {
    let d = doc(
        "Quito has so far refused to sign off on the new trade sanctions.",
        &[("Quito", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(
        triples(&p),
        [("Quito", Stance::Opposes, "sanctions")],
        "{p:?}"
    );
    assert_eq!(p[0].text, "the new trade sanctions");
}

#[test]
fn verdicts_with_a_gap_and_verdicts_passed_by_a_named_subject() {
    let mut d = doc(
        "Oslo said that foreign troops near the fjords were a line it would never cross. The rebels offered to lay down arms only if the curfew ended, a condition Bogota called a non-starter.",
        &[("Oslo", Kind::Gpe), ("Bogota", Kind::Gpe)],
    );
    let p = with_quotes(&mut d);
    assert!(
        p.iter().any(|p| p.actor_name == "Oslo"
            && p.stance == Stance::Rejects
            && p.issue == "security-guarantees"),
        "{p:?}"
    );
    let bogota: Vec<&Position> = p.iter().filter(|p| p.actor_name == "Bogota").collect();
    assert_eq!(bogota.len(), 1, "{p:?}");
    assert_eq!(bogota[0].stance, Stance::Rejects);
    assert_eq!(bogota[0].text, "a condition");
    // The condition it rejects is the one stated before it.
    let condition = p.iter().find(|p| p.stance == Stance::Conditions);
    assert_eq!(condition.map(|c| &c.issue), Some(&bogota[0].issue), "{p:?}");
}

#[test]
fn a_speakers_condition_is_not_held_by_the_words_before_it() {
    let mut d = doc(
        "RABAT - The Polisario Front said it would free the captured patrols only if the referendum went ahead.",
        &[
            ("RABAT", Kind::Gpe),
            ("Polisario Front", Kind::Organization),
        ],
    );
    let p = with_quotes(&mut d);
    assert_eq!(
        triples(&p),
        [("Polisario Front", Stance::Conditions, "elections")],
        "{p:?}"
    );
}

#[test]
fn ordering_threats_and_inverted_conditions_in_quotations() {
    let mut d = doc(
        "Lisbon said lifting the fishing sanctions should come \"last\" and not first. \"We would retake the islands ‘by force’,\" the admiral said. Madrid said it was pledging new tanks should a truce be signed.",
        &[("Lisbon", Kind::Gpe), ("Madrid", Kind::Gpe)],
    );
    let p = with_quotes(&mut d);
    let lisbon: Vec<_> = p.iter().filter(|p| p.actor_name == "Lisbon").collect();
    assert_eq!(lisbon.len(), 1, "{p:?}");
    assert_eq!(lisbon[0].stance, Stance::Conditions);
    assert_eq!(lisbon[0].issue, "sanctions");
    assert!(
        p.iter()
            .any(|p| p.stance == Stance::Warns && p.text.contains("retake the islands")),
        "{p:?}"
    );
    // One claim, one stance: the pledge, not a demand for the truce it depends on.
    let madrid: Vec<_> = p.iter().filter(|p| p.actor_name == "Madrid").collect();
    assert_eq!(madrid.len(), 1, "{p:?}");
    assert_eq!(madrid[0].stance, Stance::Offers);
    assert_eq!(madrid[0].issue, "military-aid");
    assert_eq!(madrid[0].text, "new tanks");
}

#[test]
fn holders_keep_their_nouns_and_plural_peoples_hold() {
    let d = doc(
        "The US trade envoy has rejected any cut in car tariffs. Hungarians demand a referendum on the treaty.",
        &[("US", Kind::Gpe), ("Hungarians", Kind::Norp)],
    );
    let p = finder().find(&d);
    assert_eq!(
        triples(&p),
        [
            ("US trade envoy", Stance::Rejects, "sanctions"),
            ("Hungarians", Stance::Demands, "elections")
        ],
        "{p:?}"
    );
}

#[test]
fn a_parenthesis_after_a_nationality_and_its_noun_keeps_the_subject() {
    let d = doc(
        "Danish farmers, who fear cheaper imports, urged the ministry to reject the grain levy.",
        &[("Danish", Kind::Norp)],
    );
    let p = finder().find(&d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Danish farmers");
    assert_eq!(p[0].stance, Stance::Demands);
}

#[test]
fn a_speech_tag_is_no_content_and_the_relative_clause_has_its_own_holder() {
    let mut d = doc(
        "Chile remains reluctant to back the fishing levy Peru wants, diplomats said. The envoy criticised Washington for sidelining Baltic governments that favour a tougher embargo.",
        &[
            ("Chile", Kind::Gpe),
            ("Peru", Kind::Gpe),
            ("Washington", Kind::Gpe),
        ],
    );
    let p = with_quotes(&mut d);
    assert!(!p.iter().any(|p| p.text.contains("diplomats")), "{p:?}");
    assert!(
        p.iter().any(|p| p.actor_name == "Peru"
            && p.stance == Stance::Demands
            && p.text.contains("fishing levy")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|p| p.actor_name == "Baltic governments"
            && p.stance == Stance::Supports
            && p.issue == "sanctions"),
        "{p:?}"
    );
    assert!(
        !p.iter()
            .any(|p| p.actor_name != "Baltic governments" && p.stance == Stance::Supports),
        "{p:?}"
    );
}

#[test]
fn a_group_said_of_a_place_speaks_not_the_place() {
    let mut d = doc(
        "Rice farmers in Java said they would accept the new export quota.",
        &[("Java", Kind::Gpe)],
    );
    let p = with_quotes(&mut d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "Rice farmers in Java");
    assert_eq!(p[0].stance, Stance::Accepts);
}

#[test]
fn clauses_of_other_holders_stay_theirs() {
    let mut d = doc(
        "\"We will keep our checkpoints while the council rejects a federal model,\" a rebel commander, Idris Nuur, told reporters. Rome insists on a two-year transition, creating friction with regional leaders who call for early elections.",
        &[("Idris Nuur", Kind::Person), ("Rome", Kind::Gpe)],
    );
    let p = with_quotes(&mut d);
    assert!(
        !p.iter()
            .any(|p| p.actor_name == "Idris Nuur" && p.stance == Stance::Rejects),
        "{p:?}"
    );
    let rome: Vec<_> = p.iter().filter(|p| p.actor_name == "Rome").collect();
    assert_eq!(rome.len(), 1, "{p:?}");
    assert_eq!(rome[0].text, "a two-year transition");
    assert!(
        p.iter().any(|p| p.actor_name == "regional leaders"
            && p.stance == Stance::Demands
            && p.issue == "elections"),
        "{p:?}"
    );
}

#[test]
fn denied_readiness_rejects_and_an_unnamed_group_after_a_dateline_speaks() {
    let mut d = doc(
        "OSLO - The salmon farmers' union said it was not prepared to accept a new tax on exports.",
        &[("OSLO", Kind::Gpe)],
    );
    let p = with_quotes(&mut d);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].actor_name, "The salmon farmers' union");
    assert_eq!(p[0].stance, Stance::Rejects);
    let d = doc(
        "Seoul is not prepared to lift its sanctions on the shipping firm.",
        &[("Seoul", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(
        triples(&p),
        [("Seoul", Stance::Rejects, "sanctions")],
        "{p:?}"
    );
}

#[test]
fn the_subject_of_a_relative_clause_holds_its_antecedent_and_hypotheses_hold_nothing() {
    let mut d = doc(
        "Pilots remain reluctant to back the rest rules that the regulator wants, an airline said. Cairo said it would halt gas sales if the council condemned its border fence.",
        &[("Cairo", Kind::Gpe)],
    );
    let p = with_quotes(&mut d);
    assert!(
        p.iter().any(|p| p.actor_name == "the regulator"
            && p.stance == Stance::Demands
            && p.text.ends_with("rest rules")),
        "{p:?}"
    );
    assert!(
        !p.iter()
            .any(|p| p.stance == Stance::Opposes && p.text.contains("border fence")),
        "{p:?}"
    );
}

#[test]
fn a_counted_group_resolves_to_the_body_it_belongs_to() {
    let d = doc(
        "Envoys of the Nordic Council, a bloc of 8 countries, met in Bergen. At the Bergen meeting, 6 countries pledged new drones to the coast guard.",
        &[
            ("Nordic Council", Kind::Organization),
            ("Bergen", Kind::Gpe),
        ],
    );
    let p = finder().find(&d);
    assert!(
        p.iter().any(|p| p.actor_name == "Nordic Council"
            && p.stance == Stance::Offers
            && p.issue == "military-aid"),
        "{p:?}"
    );
    // Without a body counted next to a name, the count stays the holder.
    let d = doc(
        "At the Bergen meeting, 6 countries pledged new drones.",
        &[],
    );
    let p = finder().find(&d);
    assert_eq!(
        p.first().map(|p| p.actor_name.as_str()),
        Some("6 countries"),
        "{p:?}"
    );
}

#[test]
fn a_threat_is_about_what_it_threatens_not_its_means() {
    let mut d = doc(
        "Bator said that if the herders did not leave the disputed province, his army would clear it by force of arms.",
        &[("Bator", Kind::Person)],
    );
    let p = with_quotes(&mut d);
    let warns: Vec<_> = p.iter().filter(|p| p.stance == Stance::Warns).collect();
    assert_eq!(warns.len(), 1, "{p:?}");
    assert_eq!(warns[0].issue, "territory");
    assert!(!warns[0].text.contains("arms"), "{p:?}");
}

#[test]
fn talks_and_settlements_are_not_a_ceasefire() {
    let t = IssueTaxonomy::embedded().unwrap();
    assert_eq!(t.classify("a binding deadline for the peace talks"), None);
    assert_eq!(t.classify("a negotiated settlement of the dispute"), None);
    assert_eq!(t.classify("an extension of the truce"), Some("ceasefire"));
}

#[test]
fn hyphenated_words_are_about_their_last_part() {
    let t = IssueTaxonomy::embedded().unwrap();
    assert_eq!(
        t.classify("counter-sanctions on imports"),
        Some("sanctions")
    );
    assert_eq!(t.classify("a well-armed neighbour"), None);
}

#[test]
fn a_comment_after_the_content_is_not_part_of_it() {
    let d = doc(
        "Quito demanded the return of two fishing boats, a move that angered officials who stress that the border is settled. Lima offered a new fisheries pact, the success of which will depend on sanctions.",
        &[("Quito", Kind::Gpe), ("Lima", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert_eq!(
        quads(&p)
            .iter()
            .map(|q| (q.0, q.1, q.3))
            .collect::<Vec<_>>(),
        vec![
            ("Quito", Stance::Demands, "the return of two fishing boats"),
            ("Lima", Stance::Offers, "a new fisheries pact"),
        ],
        "{p:?}"
    );
    assert!(p.iter().all(|p| p.issue.starts_with("other:")), "{p:?}");
}

#[test]
fn a_subject_holds_the_participle_of_its_while_clause() {
    let d = doc(
        "Norway, while backing the mediation effort, remains reluctant to send peacekeepers.",
        &[("Norway", Kind::Gpe)],
    );
    let p = finder().find(&d);
    let t = triples(&p);
    assert!(
        t.contains(&("Norway", Stance::Opposes, "security-guarantees")),
        "{p:?}"
    );
    assert!(
        t.iter()
            .any(|(h, s, i)| *h == "Norway" && *s == Stance::Supports && i.starts_with("other:")),
        "{p:?}"
    );
    assert_eq!(p.len(), 2, "{p:?}");
    // A plural verb after the clause: the content of the participle still ends at its comma.
    let d = doc(
        "The Nordic donors, while welcoming the truce, remain unwilling to lift sanctions.",
        &[("Nordic", Kind::Norp)],
    );
    let p = finder().find(&d);
    let t = triples(&p);
    assert!(
        t.contains(&("Nordic donors", Stance::Supports, "ceasefire")),
        "{p:?}"
    );
    assert!(
        t.contains(&("Nordic donors", Stance::Opposes, "sanctions")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .all(|p| p.stance != Stance::Supports || p.text == "the truce"),
        "{p:?}"
    );
}

#[test]
fn counted_members_after_a_clause_are_the_body() {
    let d = doc(
        "The envoy said 15 Arctic Council members had met, and 11 of them backed a fishing moratorium. Oslo said 9 unions were asked; 6 pledged patrol vessels.",
        &[("Arctic Council", Kind::Organization), ("Oslo", Kind::Gpe)],
    );
    let p = finder().find(&d);
    let t = triples(&p);
    assert!(
        t.contains(&("Arctic Council", Stance::Supports, "ceasefire")),
        "{p:?}"
    );
    assert!(
        t.iter()
            .any(|(h, s, _)| *h == "6 unions" && *s == Stance::Offers),
        "{p:?}"
    );
}

#[test]
fn a_relative_clause_content_ends_with_the_clause() {
    let d = doc(
        "Riyadh's negotiators, who favour a phased approach, have so far resisted it.",
        &[("Riyadh", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert!(
        p.iter()
            .any(|p| p.stance == Stance::Supports && p.text == "a phased approach"),
        "{p:?}"
    );
}

#[test]
fn other_groups_read_as_the_head_of_their_content() {
    let f = finder();
    // The head noun phrase, not a participle after it nor the words of a later clause.
    assert_eq!(
        f.group_key(
            "a three-way summit involving both premiers, with many urging haste",
            false
        ),
        "three-way summit"
    );
    // Past a verb that opens the content; a lone verb stands for it.
    assert_eq!(
        f.group_key("mediate the border dispute", false),
        "border dispute"
    );
    assert_eq!(f.group_key("mediate", false), "mediate");
    assert_eq!(
        f.group_key("however, that a lasting truce", false),
        "lasting truce"
    );
    // A participle before its noun describes it.
    assert_eq!(
        f.group_key("lasting guarantees of calm", false),
        "lasting guarantee"
    );
    // Similar contents of a document share the label of the most central one.
    let d = doc(
        "Accra proposed a regional summit on cocoa prices. Abidjan backs a summit on cocoa prices too. Lome wants a cocoa summit.",
        &[
            ("Accra", Kind::Gpe),
            ("Abidjan", Kind::Gpe),
            ("Lome", Kind::Gpe),
        ],
    );
    let p = f.find(&d);
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(
        p.iter().all(|q| q.issue == "other: regional summit"),
        "{p:?}"
    );
}

#[test]
fn a_reduced_relative_clause_is_about_the_phrase_before_it() {
    let d = doc(
        "Donors remain reluctant to fund the air defences Kigali wants for its airports.",
        &[("Kigali", Kind::Gpe)],
    );
    let p = finder().find(&d);
    let t = triples(&p);
    assert!(
        t.contains(&("Kigali", Stance::Demands, "military-aid")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .all(|p| p.actor_name != "Kigali" || p.text.ends_with("the air defences")),
        "{p:?}"
    );
}

#[test]
fn a_participle_after_the_subject_and_a_closing_stance_noun() {
    // A participle set off after its subject takes only its own object.
    let d = doc(
        "Baltic states, backing Tallinn, remain reluctant to send peacekeepers.",
        &[("Baltic states", Kind::Norp), ("Tallinn", Kind::Gpe)],
    );
    let p = finder().find(&d);
    assert!(
        p.iter()
            .all(|p| p.stance != Stance::Supports || p.text == "Tallinn"),
        "{p:?}"
    );
    // A stance noun closing its clause has no content: the participle after it is another
    // statement, about other people.
    let knowledge = Arc::new(Knowledge::embedded().unwrap());
    let d = doc(
        "Lima openly backs some Chilean demands, straining ties with Bolivian officials who stress the border treaty.",
        &[
            ("Lima", Kind::Gpe),
            ("Chilean", Kind::Norp),
            ("Bolivian", Kind::Norp),
        ],
    );
    let p = finder().with_knowledge(knowledge).find(&d);
    assert!(p.iter().all(|p| !p.text.contains("border")), "{p:?}");
}
