use super::*;
use dragoman_model::{Article, Sentence};

fn finder() -> QuoteFinder {
    QuoteFinder::without_knowledge().unwrap()
}

/// A document over `paragraphs`, with one sentence per ". " split and the given mentions
/// (surface text, kind, role).
fn doc(paragraphs: &[&str], mentions: &[(&str, Kind, Option<&str>)]) -> Doc {
    let mut article = Article::from_paragraphs("t", paragraphs);
    article.id = "a1".into();
    let mut doc = Doc::new(article);
    let text = doc.article.text.clone();
    for (pi, p) in doc.article.paragraphs.clone().iter().enumerate() {
        let mut start = p.start;
        let body = p.slice(&text);
        for (i, _) in body.match_indices(". ") {
            let end = p.start + i + 1;
            doc.sentences.push(Sentence {
                span: Span::new(start, end),
                paragraph: pi,
            });
            start = end + 1;
        }
        doc.sentences.push(Sentence {
            span: Span::new(start, p.end),
            paragraph: pi,
        });
    }
    let mut from = 0;
    for (surface, kind, role) in mentions {
        let at = text[from..].find(surface).map(|i| i + from).unwrap();
        let span = Span::new(at, at + surface.len());
        from = at + surface.len();
        doc.mentions.push(Mention {
            span,
            text: surface.to_string(),
            kind: *kind,
            role: role.map(str::to_string),
            role_span: None,
            key: None,
            metonymy: false,
            sentence: doc.sentence_at(at).unwrap(),
            entity: None,
        });
    }
    doc
}

/// The speaker phrases of `q` as written in `d`.
fn speaker_texts<'d>(d: &'d Doc, q: &[Quote]) -> Vec<&'d str> {
    q.iter()
        .filter_map(|x| x.speaker_span.map(|s| s.slice(&d.article.text)))
        .collect()
}

/// Asserts that the rules' last attribution in `d` is signed `written` ("He") and resolved
/// to `name`.
fn assert_last_speaker(d: &Doc, written: &str, name: &str) {
    let q = find(d);
    let last = q.last();
    assert_eq!(
        last.and_then(|l| l.speaker_span)
            .map(|s| s.slice(&d.article.text)),
        Some(written),
        "{q:?}"
    );
    assert_eq!(
        last.and_then(|l| l.speaker_name.as_deref()),
        Some(name),
        "{q:?}"
    );
}

/// The rules alone (most tests check them; the learned tagger is tested below).
/// The whole phrase and the name [`fit_to_phrase`] makes of `speaker`, written in `text`.
fn fit<'t>(finder: &QuoteFinder, text: &'t str, speaker: &str) -> (&'t str, &'t str) {
    let ws = words::words(text, Span::new(0, text.len()));
    let start = text.find(speaker).unwrap();
    let (phrase, name) = fit_to_phrase(
        &ws,
        &finder.syntax_tags(&ws),
        Span::new(start, start + speaker.len()),
    );
    (phrase.slice(text), name.slice(text))
}

fn find(d: &Doc) -> Vec<Quote> {
    let mut f = finder();
    f.tagger = None;
    f.find(d)
}

#[test]
fn shipped_tagger_keeps_clear_attributions() {
    let d = doc(
        &[
            "Marta Kovacs said on Tuesday that the harbour would reopen soon. \"We are nearly ready,\" the port director told reporters.",
        ],
        &[("Marta Kovacs", Kind::Person, None)],
    );
    let q = finder().find(&d);
    assert!(q.len() >= 2, "{q:?}");
    assert_eq!(q[0].speaker_name.as_deref(), Some("Marta Kovacs"));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert!(q[0].text.contains("the harbour would reopen soon"), "{q:?}");
    let direct = q.iter().find(|x| x.text.contains("nearly ready")).unwrap();
    assert!(direct.direct);
    assert_eq!(
        direct.speaker_span.map(|s| s.slice(&d.article.text)),
        Some("the port director")
    );
}

#[test]
fn direct_quote_with_postposed_speaker() {
    let d = doc(
        &["“We will not give up a single village,” Marta Kovacs said on Tuesday."],
        &[("Marta Kovacs", Kind::Person, None)],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].direct);
    assert_eq!(q[0].text, "We will not give up a single village,");
    assert_eq!(q[0].speaker_name.as_deref(), Some("Marta Kovacs"));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert_eq!(q[0].sources.len(), 1);
}

#[test]
fn direct_quote_with_inverted_cue() {
    let d = doc(
        &["\"The border talks are going nowhere fast,\" said Lars Eriksen, a negotiator."],
        &[],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].speaker_name.as_deref(), Some("Lars Eriksen"));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
}

#[test]
fn preposed_speaker_with_colon_and_guillemets() {
    let d = doc(
        &["The foreign minister told journalists: «Nobody here wants a frozen conflict.»"],
        &[],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].speaker_name.as_deref(), Some("The foreign minister"));
    assert_eq!(q[0].cue.as_deref(), Some("told"));
    assert_eq!(q[0].text, "Nobody here wants a frozen conflict.");
}

#[test]
fn quote_spanning_paragraphs() {
    let d = doc(
        &[
            "Ana Silva, the mediator, spoke at length.",
            "“We have spent weeks on the same map and the same lines.",
            "“Nobody should expect a breakthrough before winter,” she said.",
        ],
        &[("Ana Silva", Kind::Person, Some("mediator"))],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].text.starts_with("We have spent weeks"));
    assert!(q[0].text.ends_with("before winter,"));
    assert_eq!(q[0].speaker_name.as_deref(), Some("Ana Silva"));
    assert_eq!(
        q[0].speaker_span.map(|s| s.slice(&d.article.text)),
        Some("she")
    );
}

#[test]
fn indirect_speech_preposed_with_that() {
    let d = doc(
        &[
            "Officials in Oslo met on Monday. Prime Minister Jonas Berg said that the deal would be signed soon.",
        ],
        &[
            ("Oslo", Kind::Gpe, None),
            ("Jonas Berg", Kind::Person, Some("Prime Minister")),
        ],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(!q[0].direct);
    assert_eq!(q[0].text, "the deal would be signed soon");
    assert_eq!(q[0].speaker_name.as_deref(), Some("Jonas Berg"));
}

#[test]
fn indirect_speech_told_reporters() {
    let d = doc(
        &["Kemal Aydin told reporters the convoy had crossed the river at dawn."],
        &[("Kemal Aydin", Kind::Person, None)],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "the convoy had crossed the river at dawn");
    assert_eq!(q[0].cue.as_deref(), Some("told"));
}

#[test]
fn postposed_cue_and_pronoun() {
    let d = doc(
        &[
            "Greta Holm arrived late. The ceasefire line must be monitored by neutral observers, she insisted.",
        ],
        &[("Greta Holm", Kind::Person, None)],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "The ceasefire line must be monitored by neutral observers"
    );
    assert_eq!(q[0].speaker_name.as_deref(), Some("Greta Holm"));
    assert_eq!(q[0].cue.as_deref(), Some("insisted"));
}

#[test]
fn according_to_and_description() {
    let d = doc(
        &[
            "Envoy Paulo Mendes flew in overnight. According to the envoy, the next round is already scheduled.",
        ],
        &[("Paulo Mendes", Kind::Person, Some("Envoy"))],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "the next round is already scheduled");
    assert_eq!(q[0].speaker_name.as_deref(), Some("Paulo Mendes"));
    assert_eq!(
        q[0].speaker_span.map(|s| s.slice(&d.article.text)),
        Some("the envoy")
    );
    assert_eq!(q[0].cue.as_deref(), Some("According to"));
}

#[test]
fn organisation_speaks_and_description_kept() {
    let d = doc(
        &["The ministry warned that the reservoir was close to collapse."],
        &[],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].speaker_name.as_deref(), Some("The ministry"));
    assert_eq!(q[0].cue.as_deref(), Some("warned"));
}

#[test]
fn mixed_quote_is_indirect() {
    let d = doc(
        &["Hana Novak said the proposal was \"a recipe for another war\" and should be withdrawn."],
        &[("Hana Novak", Kind::Person, None)],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(!q[0].direct);
    assert!(q[0].text.contains("a recipe for another war"));
}

#[test]
fn doubled_apostrophes_and_long_appositive() {
    let d = doc(
        &[
            "''Nobody is listening to us,'' said Dr. Ewa Lis. Pavel Dvorak, who teaches law at a university in Brno, a city in the south, said the ruling was final.",
        ],
        &[],
    );
    let q = find(&d);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].text, "Nobody is listening to us,");
    assert_eq!(q[0].speaker_name.as_deref(), Some("Dr. Ewa Lis"));
    assert_eq!(q[1].speaker_name.as_deref(), Some("Pavel Dvorak"));
    assert_eq!(q[1].text, "the ruling was final");
}

#[test]
fn relative_pronoun_speaker() {
    let d = doc(
        &["The talks were led by Omar Haddad, who said the venue would change."],
        &[("Omar Haddad", Kind::Person, None)],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].speaker_span.map(|s| s.slice(&d.article.text)),
        Some("who")
    );
    assert_eq!(q[0].speaker_name.as_deref(), Some("Omar Haddad"));
}

#[test]
fn participle_coordinated_and_unlisted_verbs() {
    let d = doc(
        &[
            "Mayor Ruth Adler closed the bridge on Sunday, adding that repairs would take a month. Colonel Ibsen inspected the site and said the damage was limited. Ines Duarte conceded that the count was late.",
        ],
        &[],
    );
    let q = find(&d);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(q[0].speaker_name.as_deref(), Some("Mayor Ruth Adler"));
    assert_eq!(q[0].text, "repairs would take a month");
    assert_eq!(q[1].speaker_name.as_deref(), Some("Colonel Ibsen"));
    assert_eq!(q[1].text, "the damage was limited");
    assert_eq!(q[2].cue.as_deref(), Some("conceded"));
    assert_eq!(q[2].text, "the count was late");
}

#[test]
fn short_quote_needs_a_cue() {
    let d = doc(
        &["\"Never,\" he said. Then came \"the long wait\" for news."],
        &[],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "Never,");
}

#[test]
fn scare_quotes_are_not_quotes() {
    let d = doc(
        &["The so-called \"peace plan\" was published on a Sunday."],
        &[],
    );
    assert!(find(&d).is_empty());
}

#[test]
fn described_as() {
    let d = doc(
        &["Ivan Petrov described the offer as a trap for the smaller states."],
        &[("Ivan Petrov", Kind::Person, None)],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].text, "the offer as a trap for the smaller states");
}

#[test]
fn works_without_sentences_or_mentions() {
    let mut d = doc(
        &["\"I have nothing more to add to that,\" said the spokeswoman."],
        &[],
    );
    d.sentences.clear();
    let q = find(&d);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker_name.as_deref(), Some("the spokeswoman"));
}

#[test]
fn brat_reading_and_scoring() {
    let text = "Ola Berg said the vote was rigged. “It is over,” he said.";
    let ann = "T1\tSource 0 8\tOla Berg\nT2\tCue 9 13\tsaid\nT3\tContent 14 33\tthe vote was rigged\n\
               T4\tAttribution 9 13\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n\
               T5\tContent 35 51;52 53\tx\nE2\tAttribution:T4 Source:T1 Content:T5\n";
    let gold = brat::read_brat(ann).unwrap();
    assert_eq!(gold.len(), 2);
    assert_eq!(gold[1].content, vec![Span::new(35, 51), Span::new(52, 53)]);
    let predicted = vec![brat::GoldAttribution {
        source: vec![Span::new(0, 8)],
        cue: vec![Span::new(9, 13)],
        content: vec![Span::new(14, 34)],
    }];
    let s = brat::score(text, &gold, &predicted);
    assert_eq!(s.source.exact.predicted_matched, 1);
    assert_eq!(s.content.exact.gold_matched, 1);
    assert!((s.content.overlap.recall() - 0.5).abs() < 1e-9);
    assert!((s.cue.exact.precision() - 1.0).abs() < 1e-9);
    // The second gold attribution shares the source but has no cue: found by overlap, not
    // linked to the predicted attribution, whose cue it lacks.
    assert_eq!(s.source.overlap.gold_matched, 2);
    assert_eq!(s.source.linked.gold_matched, 1);
    assert_eq!(s.source.linked.predicted_matched, 1);
    assert!(brat::read_brat("T1\tSource x y\tz").is_err());
    let wide = brat::chars_to_bytes(
        "“Ab” cd",
        vec![brat::GoldAttribution {
            source: vec![Span::new(5, 7)],
            ..Default::default()
        }],
    );
    assert_eq!(wide[0].source, vec![Span::new(9, 11)]);
}

#[test]
fn plain_articles_keep_offsets() {
    let a = brat::article_from_plain("x", "Title here\n\nFirst line\nsame para.\n\n\nLast.\n");
    assert_eq!(a.paragraphs.len(), 3);
    assert_eq!(a.paragraphs[1].slice(&a.text), "First line\nsame para.");
    assert_eq!(a.paragraphs[2].slice(&a.text), "Last.");
}

/// PolNeAR evaluation: `DRAGOMAN_POLNEAR=/path/to/quotes/dev cargo test -p dragoman-nlp
/// --lib polnear -- --ignored --nocapture`.
#[test]
#[ignore = "needs the PolNeAR data set"]
fn polnear_dev() {
    let dir =
        std::env::var("DRAGOMAN_POLNEAR").unwrap_or_else(|_| "/work/shared/data/quotes/dev".into());
    let mut finder = finder();
    if let Ok(model) = std::env::var("DRAGOMAN_ATTRIBUTION_MODEL") {
        finder.tagger = tagger::Tagger::from_bytes(&std::fs::read(&model).unwrap()).unwrap();
        finder.rates =
            tagger::CueRates::parse(&std::fs::read_to_string(format!("{model}.rates")).unwrap());
        finder.second = std::fs::read(format!("{model}.second"))
            .ok()
            .and_then(|b| tagger::Tagger::from_bytes(&b).unwrap());
    }
    // `DRAGOMAN_OUTSIDE_BIAS=FIRST[,SECOND]`: the decoders' bias against "outside".
    if let Ok(bias) = std::env::var("DRAGOMAN_OUTSIDE_BIAS") {
        let mut values = bias.split(',').map(|b| b.parse::<f32>().unwrap());
        let first = values.next().unwrap();
        let second = values.next().unwrap_or(first);
        for (t, b) in [
            (finder.tagger.as_mut(), first),
            (finder.second.as_mut(), second),
        ] {
            if let Some(t) = t {
                t.outside_bias = b;
            }
        }
    }
    // `DRAGOMAN_NONE_BIAS=B`: the source selector's bias against "no source".
    if let (Ok(bias), Some(selector)) = (std::env::var("DRAGOMAN_NONE_BIAS"), &mut finder.selector)
    {
        selector.none_bias = bias.parse().unwrap();
    }
    // `DRAGOMAN_SOURCE_MODEL=FILE`: the source selector in FILE (empty: the fixed rules).
    if let Ok(model) = std::env::var("DRAGOMAN_SOURCE_MODEL") {
        finder.selector =
            source::SourceSelector::from_bytes(&std::fs::read(model).unwrap()).unwrap();
    }
    let mut total = brat::AttributionScores::default();
    let (mut elapsed, mut articles) = (std::time::Duration::ZERO, 0u32);
    let mut in_syntax = std::time::Duration::ZERO;
    for (txt, ann) in brat::dataset(std::path::Path::new(&dir)).unwrap() {
        let text = std::fs::read_to_string(&txt).unwrap();
        let gold = brat::chars_to_bytes(
            &text,
            brat::read_brat(&std::fs::read_to_string(&ann).unwrap()).unwrap(),
        );
        let article = brat::article_from_plain(&txt.display().to_string(), &text);
        let mut doc = Doc::new(article);
        doc.sentences = crate::text::sentences(&doc.article);
        let started = std::time::Instant::now();
        let quotes = finder.find(&doc);
        elapsed += started.elapsed();
        articles += 1;
        // The share of the syntax tagger and word classes in that time.
        let tokens = words::Tokens::new(&doc, &doc.article.text);
        let started = std::time::Instant::now();
        for (unit, ws) in tokens.iter() {
            std::hint::black_box(finder.tagger_sentence(ws, unit, &[], finder.syntax_tags(ws)));
        }
        in_syntax += started.elapsed();
        let predicted: Vec<_> = quotes
            .iter()
            .map(brat::GoldAttribution::from_quote)
            .collect();
        total.add(&brat::score(&text, &gold, &predicted));
        if std::env::var("DRAGOMAN_POLNEAR_FALSE").is_ok() {
            for p in &predicted {
                let found = gold.iter().any(|g| {
                    p.content
                        .iter()
                        .any(|a| g.content.iter().any(|b| a.overlaps(*b)))
                });
                let src_ok = gold.iter().any(|g| {
                    p.source
                        .iter()
                        .any(|a| g.source.iter().any(|b| a.overlaps(*b)))
                });
                if !found || !src_ok {
                    let cue: Vec<&str> = p.cue.iter().map(|c| c.slice(&text)).collect();
                    let src: Vec<&str> = p.source.iter().map(|c| c.slice(&text)).collect();
                    let content = p.content.first().map(|c| c.slice(&text)).unwrap_or("");
                    println!(
                        "FALSE content_ok={found} cue={cue:?} src={src:?} content={:?}",
                        content.chars().take(80).collect::<String>()
                    );
                }
            }
        }
        if std::env::var("DRAGOMAN_POLNEAR_SOURCES").is_ok() {
            for g in &gold {
                let hit = predicted.iter().any(|p| {
                    p.source
                        .iter()
                        .any(|a| g.source.iter().any(|b| a.overlaps(*b)))
                });
                let content = predicted.iter().any(|p| {
                    p.content
                        .iter()
                        .any(|a| g.content.iter().any(|b| a.overlaps(*b)))
                });
                let cue_found = predicted
                    .iter()
                    .any(|p| p.cue.iter().any(|a| g.cue.iter().any(|b| a.overlaps(*b))));
                if !hit && !g.source.is_empty() {
                    let psrc: Vec<&str> = predicted
                        .iter()
                        .filter(|p| p.cue.iter().any(|a| g.cue.iter().any(|b| a.overlaps(*b))))
                        .flat_map(|p| p.source.iter().map(|c| c.slice(&text)))
                        .collect();
                    println!("SRCCUE cue_found={cue_found} predicted={psrc:?}");
                    let cue: Vec<&str> = g.cue.iter().map(|c| c.slice(&text)).collect();
                    let src: Vec<&str> = g.source.iter().map(|c| c.slice(&text)).collect();
                    println!("SRCMISS content_found={content} cue={cue:?} src={src:?}");
                }
            }
        }
        if std::env::var("DRAGOMAN_POLNEAR_BOUNDS").is_ok() {
            // Predicted sources and cues overlapping a gold one with other boundaries.
            for (role, of) in [
                (
                    "source",
                    (|a: &brat::GoldAttribution| a.source.clone()) as fn(&_) -> Vec<Span>,
                ),
                ("cue", |a: &brat::GoldAttribution| a.cue.clone()),
            ] {
                for p in predicted.iter().flat_map(of) {
                    for g in gold.iter().flat_map(of) {
                        if p.overlaps(g) && p != g {
                            println!(
                                "BOUNDS {role} pred={:?} gold={:?}",
                                p.slice(&text),
                                g.slice(&text)
                            );
                        }
                    }
                }
            }
        }
        if std::env::var("DRAGOMAN_POLNEAR_MISSES").is_ok() {
            for g in &gold {
                let found = predicted.iter().any(|p| {
                    p.content
                        .iter()
                        .any(|a| g.content.iter().any(|b| a.overlaps(*b)))
                });
                if !found {
                    let cue: Vec<&str> = g.cue.iter().map(|c| c.slice(&text)).collect();
                    let src: Vec<&str> = g.source.iter().map(|c| c.slice(&text)).collect();
                    let content = g.content.first().map(|c| c.slice(&text)).unwrap_or("");
                    println!(
                        "MISS cue={cue:?} src={src:?} content={:?}",
                        content.chars().take(80).collect::<String>()
                    );
                }
            }
        }
    }
    println!(
        "{:.2} ms per article in QuoteFinder::find",
        elapsed.as_secs_f64() * 1000.0 / f64::from(articles.max(1))
    );
    println!(
        "{:.2} ms per article preparing the tagger's sentences (syntax tagger, word classes)",
        in_syntax.as_secs_f64() * 1000.0 / f64::from(articles.max(1))
    );
    for (name, role) in [
        ("source", total.source),
        ("cue", total.cue),
        ("content", total.content),
    ] {
        for (mode, c) in [
            ("exact", role.exact),
            ("overlap", role.overlap),
            ("linked", role.linked),
        ] {
            println!(
                "{name:8} {mode:8} P {:.3} R {:.3} F1 {:.3}  (pred {}, gold {})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.predicted,
                c.gold
            );
        }
    }
}

/// Agreement between PolNeAR's annotators, scored like predictions: every ordered pair of
/// annotation files of one text, one as gold and the other as predicted.
/// `DRAGOMAN_POLNEAR_DIRS=/path/to/train:/path/to/dev cargo test -p dragoman-nlp --lib
/// polnear_agreement -- --ignored --nocapture`.
#[test]
#[ignore = "needs the PolNeAR data set"]
fn polnear_agreement() {
    let dirs = std::env::var("DRAGOMAN_POLNEAR_DIRS")
        .unwrap_or_else(|_| "/work/shared/data/quotes/train:/work/shared/data/quotes/dev".into());
    let mut total = brat::AttributionScores::default();
    let mut texts = 0;
    for dir in dirs.split(':').map(std::path::Path::new) {
        let mut anns: Vec<_> = std::fs::read_dir(dir.join("attributions"))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        anns.sort();
        for t in std::fs::read_dir(dir.join("text")).unwrap() {
            let t = t.unwrap().path();
            let stem = format!("{}_", t.file_stem().unwrap().to_str().unwrap());
            let text = std::fs::read_to_string(&t).unwrap();
            let versions: Vec<_> = anns
                .iter()
                .filter(|a| {
                    let name = a.file_stem().unwrap().to_str().unwrap();
                    name.strip_prefix(&stem).is_some_and(|r| !r.contains('_'))
                })
                .filter_map(|a| brat::read_brat(&std::fs::read_to_string(a).unwrap()).ok())
                .map(|g| brat::chars_to_bytes(&text, g))
                .collect();
            if versions.len() < 2 {
                continue;
            }
            texts += 1;
            for (i, gold) in versions.iter().enumerate() {
                for (j, other) in versions.iter().enumerate() {
                    if i != j {
                        total.add(&brat::score(&text, gold, other));
                    }
                }
            }
        }
    }
    println!("{texts} texts with several annotators");
    for (name, role) in [
        ("source", total.source),
        ("cue", total.cue),
        ("content", total.content),
    ] {
        println!(
            "{name:8} exact F1 {:.3}  overlap F1 {:.3}  linked F1 {:.3}",
            role.exact.f1(),
            role.overlap.f1(),
            role.linked.f1()
        );
    }
}

/// Trains the attribution tagger on a PolNeAR-layout folder and writes the model shipped in
/// `models/attribution/tagger.bin`: `DRAGOMAN_POLNEAR_TRAIN=/path/to/quotes/train
/// DRAGOMAN_EPOCHS=8 cargo test --release -p dragoman-nlp --lib train_attribution --
/// --ignored --nocapture`.
#[test]
#[ignore = "needs the PolNeAR data set; writes the shipped model"]
fn train_attribution() {
    let dir = std::env::var("DRAGOMAN_POLNEAR_TRAIN")
        .unwrap_or_else(|_| "/work/shared/data/quotes/train".into());
    let epochs = std::env::var("DRAGOMAN_EPOCHS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(8);
    let mut finder = finder();
    // Each file with its gold roles; the cue rates a file sees come from the other folds
    // (five, by file order), so that the tagger learns how far to trust them on unseen text.
    const FOLDS: usize = 5;
    let mut files = Vec::new();
    let mut fold_rates = vec![tagger::CueRates::default(); FOLDS];
    for (txt, ann) in brat::dataset(std::path::Path::new(&dir)).unwrap() {
        let text = std::fs::read_to_string(&txt).unwrap();
        let Ok(parsed) = brat::read_brat(&std::fs::read_to_string(&ann).unwrap()) else {
            println!("skipped unreadable {}", ann.display());
            continue;
        };
        let gold = brat::chars_to_bytes(&text, parsed);
        let roles: Vec<(tagger::Role, Span)> = gold
            .iter()
            .flat_map(|g| {
                let s = g.source.iter().map(|s| (tagger::Role::Source, *s));
                let c = g.cue.iter().map(|s| (tagger::Role::Cue, *s));
                let n = g.content.iter().map(|s| (tagger::Role::Content, *s));
                s.chain(c).chain(n)
            })
            .collect();
        let rates = &mut fold_rates[files.len() % FOLDS];
        for w in words::words(&text, Span::new(0, text.len())) {
            let cue = roles
                .iter()
                .any(|(r, s)| *r == tagger::Role::Cue && s.overlaps(w.span));
            rates.count(&w.lower, cue);
        }
        files.push((txt, text, roles, gold));
    }
    let mut all = tagger::CueRates::default();
    for r in &fold_rates {
        all.add(r);
    }
    // Every training sentence with its fold and gold labels.
    let docs: Vec<Doc> = files
        .iter()
        .map(|(txt, text, _, _)| {
            let article = brat::article_from_plain(&txt.display().to_string(), text);
            let mut doc = Doc::new(article);
            doc.sentences = crate::text::sentences(&doc.article);
            doc
        })
        .collect();
    let tokens: Vec<words::Tokens> = docs
        .iter()
        .zip(&files)
        .map(|(doc, (_, text, _, _))| words::Tokens::new(doc, text))
        .collect();
    let mut sentences = Vec::new();
    for (k, ((_, _, roles, _), (doc, tokens))) in
        files.iter().zip(docs.iter().zip(&tokens)).enumerate()
    {
        let mut others = tagger::CueRates::default();
        for (j, r) in fold_rates.iter().enumerate() {
            if j != k % FOLDS {
                others.add(r);
            }
        }
        finder.rates = others;
        let rules = finder.rules(doc, tokens);
        for (unit, ws) in tokens.iter() {
            let s = finder.tagger_sentence(ws, unit, &rules, finder.syntax_tags(ws));
            let near: Vec<(tagger::Role, Span)> = roles
                .iter()
                .filter(|(_, r)| r.overlaps(unit))
                .copied()
                .collect();
            let labels = tagger::gold_labels(s.words, &near);
            sentences.push((k % FOLDS, s, labels));
        }
    }
    println!("{} sentences, {epochs} epochs", sentences.len());
    let bits = std::env::var("DRAGOMAN_TAGGER_BITS")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(tagger::BITS);
    let examples = |keep: &dyn Fn(usize) -> bool,
                    sentences: &[(usize, tagger::Sentence, Vec<u8>)]| {
        sentences
            .iter()
            .filter(|(fold, _, _)| keep(*fold))
            .map(|(_, s, gold)| tagger::Example::new(s, gold.clone()))
            .collect::<Vec<_>>()
    };
    // `DRAGOMAN_TRAIN_SOURCE=1`: train the source selector only (the taggers stay as they are).
    let source_only = std::env::var("DRAGOMAN_TRAIN_SOURCE").is_ok_and(|v| v == "1");
    let model =
        (!source_only).then(|| tagger::train(&examples(&|_| true, &sentences), epochs, 7, bits));
    // The second tagger learns from the first one's labels on text it was not trained on:
    // each fold is labelled by a first tagger trained on the other folds.
    let stacked = std::env::var("DRAGOMAN_STACK").map_or(true, |v| v != "0");
    let mut held_out_first = Vec::new();
    if stacked || source_only {
        let mut first = vec![Vec::new(); sentences.len()];
        for fold in 0..FOLDS {
            let held_out = tagger::train(&examples(&|f| f != fold, &sentences), epochs, 7, bits);
            for ((f, s, _), labels) in sentences.iter().zip(first.iter_mut()) {
                if *f == fold {
                    *labels = held_out.tag(s);
                }
            }
            held_out_first.push(Some(held_out));
        }
        for ((_, s, _), labels) in sentences.iter_mut().zip(first) {
            s.first = labels;
        }
    }
    if source_only {
        // Each fold's attributions come from a first and a second tagger that did not see
        // it, so the selector learns from what the pipeline produces on unseen text.
        let mut examples_out = Vec::new();
        for (fold, first) in held_out_first.iter_mut().enumerate() {
            finder.tagger = first.take();
            finder.second = Some(tagger::train(
                &examples(&|f| f != fold, &sentences),
                epochs,
                7,
                bits,
            ));
            for (k, ((_, _, _, gold), (doc, tokens))) in
                files.iter().zip(docs.iter().zip(&tokens)).enumerate()
            {
                if k % FOLDS != fold {
                    continue;
                }
                let mut others = tagger::CueRates::default();
                for (j, r) in fold_rates.iter().enumerate() {
                    if j != fold {
                        others.add(r);
                    }
                }
                finder.rates = others;
                let rules = finder.rules(doc, tokens);
                let tags: Vec<Vec<Tags>> = tokens
                    .iter()
                    .map(|(_, ws)| finder.syntax_tags(ws))
                    .collect();
                let mut choices = Vec::new();
                if let Some(model) = &finder.tagger {
                    finder.learned(model, &rules, tokens, &tags, Some(&mut choices));
                }
                examples_out.extend(
                    choices
                        .into_iter()
                        .filter_map(|(cue, c)| source_target(gold, cue, &c).map(|t| (c, t))),
                );
            }
        }
        let none = examples_out
            .iter()
            .filter(|(c, t)| c.get(*t).is_some_and(|c| c.span.is_none()))
            .count();
        println!(
            "{} attributions with a right candidate ({none} without source)",
            examples_out.len()
        );
        let selector = source::train(&examples_out, epochs, 7, source::BITS);
        let out = std::env::var("DRAGOMAN_SOURCE_MODEL").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../models/attribution/source.bin"
            )
            .into()
        });
        std::fs::write(out, selector.to_bytes()).unwrap();
        return;
    }
    let second = stacked.then(|| tagger::train(&examples(&|_| true, &sentences), epochs, 7, bits));
    let Some(model) = model else { return };
    // Written next to each other: the models and the cue rates.
    let (out, rates, out2) = match std::env::var("DRAGOMAN_ATTRIBUTION_MODEL") {
        Ok(model) => (
            model.clone(),
            format!("{model}.rates"),
            format!("{model}.second"),
        ),
        Err(_) => {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/attribution");
            (
                format!("{dir}/tagger.bin"),
                format!("{dir}/cue-rates.tsv"),
                format!("{dir}/tagger2.bin"),
            )
        }
    };
    std::fs::write(&out, model.to_bytes()).unwrap();
    std::fs::write(out2, second.map(|m| m.to_bytes()).unwrap_or_default()).unwrap();
    std::fs::write(rates, all.to_text()).unwrap();
}

/// The index of the right candidate source of a predicted cue: the candidate overlapping a
/// source of the gold attributions with that cue best (exact first, then by shared bytes),
/// "no source" when those have none; a cue no gold attribution has takes a candidate
/// overlapping any gold source, else "no source". `None` when no candidate is right.
fn source_target(
    gold: &[brat::GoldAttribution],
    cue: Span,
    candidates: &[source::Candidate],
) -> Option<usize> {
    let with_cue: Vec<&brat::GoldAttribution> = gold
        .iter()
        .filter(|g| g.cue.iter().any(|c| c.overlaps(cue)))
        .collect();
    let sources: Vec<Span> = if with_cue.is_empty() {
        gold.iter().flat_map(|g| g.source.iter().copied()).collect()
    } else {
        with_cue
            .iter()
            .flat_map(|g| g.source.iter().copied())
            .collect()
    };
    let none = candidates.iter().position(|c| c.span.is_none());
    let shared = |a: Span, b: Span| a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let best = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let span = c.span?;
            let score = sources
                .iter()
                .filter(|g| g.overlaps(span))
                .map(|g| {
                    let union = g.end.max(span.end) - g.start.min(span.start);
                    (
                        usize::from(*g == span),
                        shared(*g, span) * 1000 / union.max(1),
                    )
                })
                .max()?;
            Some((score, i))
        })
        .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)))
        .map(|(_, i)| i);
    match best {
        Some(i) => Some(i),
        None if with_cue.iter().all(|g| g.source.is_empty()) => none,
        None => None,
    }
}

#[test]
fn tagger_learns_roles_and_round_trips() {
    let finder = finder();
    let lines = [
        "The mayor hopes the bridge will open in spring.",
        "Our neighbour believes the river is rising fast.",
        "The council plans to repaint every school this year.",
    ];
    let mut examples = Vec::new();
    for text in lines {
        let ws = words::words(text, Span::new(0, text.len()));
        let s = finder.tagger_sentence(&ws, Span::new(0, text.len()), &[], finder.syntax_tags(&ws));
        let ws = &s.words;
        let roles = [
            (tagger::Role::Source, Span::new(0, ws[1].span.end)),
            (tagger::Role::Cue, ws[2].span),
            (
                tagger::Role::Content,
                Span::new(ws[3].span.start, ws[ws.len() - 2].span.end),
            ),
        ];
        let gold = tagger::gold_labels(ws, &roles);
        assert_eq!(gold[0], tagger::Role::Source.label(false));
        assert_eq!(gold[1], tagger::Role::Source.label(true));
        assert_eq!(gold[ws.len() - 1], 0);
        examples.push(tagger::Example::new(&s, gold));
    }
    let model = tagger::train(&examples, 5, 1, 12);
    let model = tagger::Tagger::from_bytes(&model.to_bytes())
        .unwrap()
        .unwrap();
    let text = lines[1];
    let ws = words::words(text, Span::new(0, text.len()));
    let s = finder.tagger_sentence(&ws, Span::new(0, text.len()), &[], finder.syntax_tags(&ws));
    let found = tagger::spans(s.words, &model.tag(&s));
    let cue = found.iter().find(|(r, _)| *r == tagger::Role::Cue).unwrap();
    assert_eq!(cue.1.slice(text), "believes");
    let source = found
        .iter()
        .find(|(r, _)| *r == tagger::Role::Source)
        .unwrap();
    assert_eq!(source.1.slice(text), "Our neighbour");
    assert!(tagger::Tagger::from_bytes(b"").unwrap().is_none());
    assert!(tagger::Tagger::from_bytes(b"DQT1abc").is_err());
    assert!(tagger::Tagger::from_bytes(b"DQT2\0\0\x80?abc").is_err());
}

#[test]
fn pronoun_far_from_its_antecedent_continues_the_last_speaker() {
    let d = doc(
        &[
            "Port chief Anna Weiss said the cranes were repaired. Ships queued for a week. Storms closed the channel twice. Crews were sent home early. He said that the harbour will reopen.",
        ],
        &[("Anna Weiss", Kind::Person, None)],
    );
    assert_last_speaker(&d, "He", "Anna Weiss");
}

#[test]
fn quotation_signed_with_a_dash() {
    let d = doc(
        &[
            "“The tram line changed how this valley works and shops every day.” ― Odile Marchetti, 52",
            "“Nobody asked the farmers before the road was widened.”— Piet Haanstra",
        ],
        &[],
    );
    let q = find(&d);
    let speakers = speaker_texts(&d, &q);
    assert_eq!(speakers, ["Odile Marchetti", "Piet Haanstra"], "{q:?}");
    assert_eq!(q[0].cue.as_deref(), Some("―"));
    assert!(q[1].text.starts_with("Nobody asked"));
}

#[test]
fn closing_mark_used_as_opening_mark() {
    let d = doc(
        &["”Our orchard lost half its trees to the frost this spring.” ― Lena Brook"],
        &[],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].text.starts_with("Our orchard"));
    assert_eq!(
        q[0].speaker_span.map(|s| s.slice(&d.article.text)),
        Some("Lena Brook")
    );
}

#[test]
fn transcript_turns_need_two_speakers_and_skip_labels() {
    let d = doc(
        &[
            "UPDATE: The hearing resumed after lunch.",
            "HOST: Welcome back to the programme, Senator.",
            "DALMAU: Thank you, it is good to be here again.",
        ],
        &[],
    );
    let q = find(&d);
    let text = &d.article.text;
    let turns: Vec<(&str, &str)> = q
        .iter()
        .filter_map(|x| Some((x.speaker_span?.slice(text), x.text.as_str())))
        .collect();
    assert_eq!(
        turns,
        [
            ("HOST", "Welcome back to the programme, Senator"),
            ("DALMAU", "Thank you, it is good to be here again"),
        ],
        "{q:?}"
    );
    assert_eq!(q[0].cue.as_deref(), Some(":"));
    let single = doc(&["NOTE: this page was moved.", "Ferries run hourly."], &[]);
    assert!(find(&single).is_empty());
}

#[test]
fn speakers_are_checked_against_their_sentence() {
    let d = doc(
        &[
            "The closure was first reported by the Harbour Gazette on Friday. On Tuesday said the plan would fail.",
        ],
        &[],
    );
    let text = d.article.text.as_str();
    let f = finder();
    let tokens = words::Tokens::new(&d, text);
    let tags: Vec<_> = tokens.iter().map(|(_, ws)| f.syntax_tags(ws)).collect();
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    let passive = f.check_speaker(
        text,
        &tokens,
        &tags,
        Found {
            speaker: Some(at("The closure was")),
            phrase: None,
            cue: Some(at("was first reported by")),
            content: at("The closure"),
            direct: false,
        },
    );
    assert_eq!(
        passive.speaker.map(|s| s.slice(text)),
        Some("the Harbour Gazette")
    );
    let empty = f.check_speaker(
        text,
        &tokens,
        &tags,
        Found {
            speaker: Some(at("On Tuesday")),
            phrase: None,
            cue: Some(at("said")),
            content: at("the plan would fail"),
            direct: false,
        },
    );
    assert_eq!(empty.speaker, None);
}

#[test]
fn cue_rates_share_counts_across_word_forms() {
    let mut rates = tagger::CueRates::default();
    rates.count("denounced", true);
    rates.count("denounces", true);
    rates.count("table", false);
    rates.count("table", false);
    assert_eq!(rates.level("denouncing"), 0);
    assert_eq!(rates.stem_level("denouncing", &mut String::new()), 4);
    assert_eq!(rates.stem_level("tables", &mut String::new()), 0);
    let stored = tagger::CueRates::parse(&rates.to_text());
    assert_eq!(stored.stem_level("denounce", &mut String::new()), 4);
}

#[test]
fn tagger_sentences_carry_parts_of_speech_chunks_and_classes() {
    let finder = finder();
    let text = "The harbour master announced on Friday that the ferries would resume.";
    let ws = words::words(text, Span::new(0, text.len()));
    let s = finder.tagger_sentence(&ws, Span::new(0, text.len()), &[], finder.syntax_tags(&ws));
    assert_eq!(s.tags.len(), ws.len());
    assert_eq!(s.class.len(), ws.len());
    let at = |w: &str| ws.iter().position(|x| x.text == w).unwrap();
    assert!(s.tags[at("announced")].is_verb());
    assert_eq!(
        s.class[at("announced")].map(|c| c.name()),
        Some("verb.communication")
    );
    assert_eq!(
        s.class[at("ferries")].map(|c| c.name()),
        Some("noun.artifact")
    );
    assert_eq!(s.class[at("The")], None);
    let found = crate::syntax::chunks(&s.tags);
    assert_eq!(
        (found[0].start, found[0].end, found[0].phrase),
        (0, 3, "NP")
    );
    // Every word gets the same number of features, with or without a first tagger.
    let features = tagger::static_features(&s);
    assert!(features.iter().all(|f| f.len() == features[0].len()));
}

#[test]
fn transcript_turns_after_a_stray_mark() {
    let d = doc(
        &[
            "\"HOST: Welcome back to the programme, we have a lot to cover today.",
            "\"MINISTER: Thank you, it is good to be here with you again.",
        ],
        &[],
    );
    let q = find(&d);
    let speakers = speaker_texts(&d, &q);
    assert_eq!(speakers, ["HOST", "MINISTER"]);
}

#[test]
fn speakers_fit_their_phrases() {
    let finder = finder();
    let cases = [
        (
            "But Senator Tom Hale said the bill was dead.",
            "But Senator Tom Hale",
            "Senator Tom Hale",
        ),
        (
            "When the mayor, asked about the budget, said it was fine.",
            "When the mayor,",
            "the mayor",
        ),
        (
            "Maria Lopez, the union's treasurer, said the strike would go on.",
            "Maria Lopez",
            "Maria Lopez",
        ),
        (
            "Judge Ana Ruiz, who led the inquiry, said the files were lost.",
            "Judge Ana Ruiz, who led the inquiry,",
            "Judge Ana Ruiz",
        ),
        (
            "The harbour master (a former captain) said the pier was unsafe.",
            "The harbour master (a former captain)",
            "The harbour master",
        ),
        (
            "Chile, Peru and Ecuador said the quotas were unfair.",
            "Chile, Peru and Ecuador",
            "Chile, Peru and Ecuador",
        ),
        (
            "Two envoys briefed on the talks said the draft was ready.",
            "Two envoys briefed on the",
            "Two envoys briefed",
        ),
    ];
    for (text, speaker, fitted) in cases {
        assert_eq!(fit(&finder, text, speaker).1, fitted, "{text}");
    }
}

#[test]
fn content_introduced_by_a_nearer_cue_stays_with_it() {
    let text =
        "Ana has said she wants a bridge, a plan Leo also endorses, and Leo argued it helps.";
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    let (said, endorses, argued) = (at("has said"), at("endorses"), at("argued"));
    let cues = [said, endorses, argued];
    // "she wants a bridge" follows "has said": not the content of "endorses".
    assert!(introduced_elsewhere(
        at("she wants a bridge"),
        endorses,
        &cues
    ));
    assert!(!introduced_elsewhere(at("she wants a bridge"), said, &cues));
    // A content after its cue is never taken away; nor one no cue before it introduces.
    assert!(!introduced_elsewhere(at("it helps"), argued, &cues));
    assert!(!introduced_elsewhere(at("Ana"), said, &cues));
}

#[test]
fn source_candidates_cover_phrases_and_no_source() {
    let finder = finder();
    let d = doc(
        &["The head of the port authority told delegates that fees would double next year."],
        &[],
    );
    let tokens = words::Tokens::new(&d, &d.article.text);
    let rules = finder.rules(&d, &tokens);
    let tags: Vec<Vec<Tags>> = tokens
        .iter()
        .map(|(_, ws)| finder.syntax_tags(ws))
        .collect();
    let mut choices = Vec::new();
    let model = finder.tagger.as_ref().unwrap();
    finder.learned(model, &rules, &tokens, &tags, Some(&mut choices));
    let (cue, candidates) = choices.first().expect("a tagged cue");
    assert_eq!(cue.slice(&d.article.text), "told");
    let text = &d.article.text;
    let spans: Vec<&str> = candidates
        .iter()
        .filter_map(|c| c.span.map(|s| s.slice(text)))
        .collect();
    assert!(
        spans.contains(&"The head of the port authority"),
        "{spans:?}"
    );
    assert!(spans.contains(&"delegates"), "{spans:?}");
    assert!(candidates.last().is_some_and(|c| c.span.is_none()));
    assert!(candidates.iter().all(|c| !c.features.is_empty()));
}

#[test]
fn source_selector_learns_and_round_trips() {
    let candidate = |span: Option<Span>, features: &[u32]| source::Candidate {
        span,
        features: features.to_vec(),
    };
    // The right candidate carries feature 1, the wrong ones 2 and the "none" feature 3.
    let examples: Vec<(Vec<source::Candidate>, usize)> = (0..20)
        .map(|i| {
            let right = Span::new(i, i + 4);
            let wrong = Span::new(i + 10, i + 12);
            let list = vec![
                candidate(Some(wrong), &[0, 2]),
                candidate(Some(right), &[0, 1]),
                candidate(None, &[3]),
            ];
            (list, 1)
        })
        .collect();
    let model = source::train(&examples, 3, 7, 8);
    let (list, _) = examples.first().unwrap();
    assert_eq!(model.choose(list), Some(Span::new(0, 4)));
    let stored = source::SourceSelector::from_bytes(&model.to_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(stored.choose(list), Some(Span::new(0, 4)));
    assert!(source::SourceSelector::from_bytes(&[]).unwrap().is_none());
    assert!(source::SourceSelector::from_bytes(b"DSS1\0\0\0\0\0").is_err());
    assert!(source::SourceSelector::from_bytes(b"XXXX").is_err());
}

#[test]
fn person_description_resolves_through_a_shared_modifier() {
    let d = doc(
        &[
            "Danish Prime Minister Lena Sorensen arrived in Oslo on Monday. The Danish leader said the fishing deal was close.",
        ],
        &[("Lena Sorensen", Kind::Person, Some("Danish Prime Minister"))],
    );
    let q = find(&d);
    let q = q
        .iter()
        .find(|q| q.text.contains("fishing deal"))
        .expect("the quote");
    assert_eq!(q.speaker_name.as_deref(), Some("Lena Sorensen"));
    // A description whose head is no person keeps its own words.
    let d = doc(
        &[
            "Danish Prime Minister Lena Sorensen arrived in Oslo on Monday. The Danish ministry said the fishing deal was close.",
        ],
        &[("Lena Sorensen", Kind::Person, Some("Danish Prime Minister"))],
    );
    let q = find(&d);
    let q = q
        .iter()
        .find(|q| q.text.contains("fishing deal"))
        .expect("the quote");
    assert_eq!(q.speaker_name.as_deref(), Some("The Danish ministry"));
}

#[test]
fn listener_is_never_the_speaker() {
    let cases = [
        (
            "The harbour will reopen next week, the port director told delegates at the summit.",
            "the port director",
        ),
        (
            "\"We will not sign a deal that splits the island,\" Lidia Varga told reporters in Nicosia.",
            "Lidia Varga",
        ),
        (
            "The mining minister told lawmakers on Thursday that exports would fall by half.",
            "The mining minister",
        ),
        (
            "Exports would fall by half, the mining minister told lawmakers, adding that prices would rise.",
            "the mining minister",
        ),
    ];
    for (text, speaker) in cases {
        let d = doc(&[text], &[]);
        let q = find(&d);
        let spans: Vec<Option<&str>> = q
            .iter()
            .map(|q| q.speaker_span.map(|s| s.slice(&d.article.text)))
            .collect();
        assert!(
            spans.first().is_some_and(|s| *s == Some(speaker)),
            "{text}: {spans:?}"
        );
        assert!(
            !spans
                .iter()
                .flatten()
                .any(|s| ["delegates", "reporters", "lawmakers"]
                    .iter()
                    .any(|l| s.contains(l))),
            "{text}: {spans:?}"
        );
    }
}

#[test]
fn pronoun_right_after_a_speaker_continues_that_speaker() {
    let d = doc(
        &[
            "Port chief Anna Weiss said on Friday that talks with the union were too slow for the governor, Paul Brandt. \"We cannot wait another month,\" she stressed.",
        ],
        &[
            ("Anna Weiss", Kind::Person, None),
            ("Paul Brandt", Kind::Person, None),
        ],
    );
    assert_last_speaker(&d, "she", "Anna Weiss");
}

#[test]
fn a_pronoun_after_a_long_quotation_finds_its_antecedent_before_it() {
    let d = doc(
        &[
            "The talks were chaired by Maria Lopez. \"Our ports stay open. Our courts stay open. Ana Ruiz stays in office,\" she told reporters.",
        ],
        &[
            ("Maria Lopez", Kind::Person, None),
            ("Ana Ruiz", Kind::Person, None),
        ],
    );
    let q = find(&d);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].direct);
    assert_eq!(q[0].speaker_name.as_deref(), Some("Maria Lopez"));
}

#[test]
fn a_pronoun_resolved_on_its_own_is_continued_by_the_next_one() {
    let d = doc(
        &[
            "Maria Lopez chaired the talks. \"Our ports stay open. Our courts stay open. Our fleet stays home,\" she told reporters. She said the mission would stay in the region.",
        ],
        &[("Maria Lopez", Kind::Person, None)],
    );
    let q = find(&d);
    assert_eq!(q.len(), 2, "{q:?}");
    let speakers: Vec<Option<&str>> = q.iter().map(|q| q.speaker_name.as_deref()).collect();
    assert_eq!(speakers, [Some("Maria Lopez"), Some("Maria Lopez")]);
}

#[test]
fn a_quotation_signed_by_a_cue_stays_its_content_for_the_tagger() {
    let d = doc(
        &[
            "“A deal that leaves the port unguarded is no deal, it is a pause,” Moreau told the call, according to a summary from her office.",
        ],
        &[("Moreau", Kind::Person, None)],
    );
    let q = finder().find(&d);
    let told = q.iter().find(|q| q.cue.as_deref() == Some("told"));
    let Some(told) = told else {
        panic!("no attribution with the cue told: {q:?}");
    };
    assert_eq!(told.speaker_name.as_deref(), Some("Moreau"));
    assert!(told.direct);
    assert!(told.text.starts_with("A deal that leaves"), "{told:?}");
}

/// The speaker `resolve_speaker` gives the phrase `written` of `d`.
fn resolved(d: &Doc, written: &str) -> Option<String> {
    let at = d.article.text.find(written).unwrap();
    finder()
        .resolve_speaker(d, Span::new(at, at + written.len()), None)
        .0
}

#[test]
fn relative_pronouns_and_appositions_name_what_they_follow() {
    let d = doc(
        &[
            "Envoys met officials from Ankara, which has long criticised the plan. The talks were hosted by the Friends of the Strait, a group pushing for open lanes. Mr Haddad, who chairs the panel, said little.",
        ],
        &[
            ("Ankara", Kind::Gpe, None),
            ("Friends of the Strait", Kind::Organization, None),
            ("Haddad", Kind::Person, None),
        ],
    );
    assert_eq!(resolved(&d, "which").as_deref(), Some("Ankara"));
    assert_eq!(
        resolved(&d, "a group").as_deref(),
        Some("Friends of the Strait")
    );
    assert_eq!(resolved(&d, "who").as_deref(), Some("Haddad"));
    // A place before a comma is not what a person described after it stands for.
    let d = doc(
        &["In Lisbon, a senior diplomat said the deal was close."],
        &[("Lisbon", Kind::Gpe, None)],
    );
    assert_eq!(
        resolved(&d, "a senior diplomat").as_deref(),
        Some("a senior diplomat")
    );
}

#[test]
fn phrases_headed_by_things_name_no_speaker() {
    let d = doc(
        &[
            "The absence of a clear deal underscores the risk. Reports suggest delays. Independent experts warn of costs. Internal Chilean policy debates focus on mining.",
        ],
        &[],
    );
    assert_eq!(resolved(&d, "The absence of a clear deal"), None);
    assert_eq!(resolved(&d, "Internal Chilean policy debates"), None);
    assert_eq!(resolved(&d, "Reports"), None);
    assert_eq!(
        resolved(&d, "Independent experts").as_deref(),
        Some("Independent experts")
    );
}

#[test]
fn a_relative_pronoun_is_not_continued_from_an_earlier_speaker() {
    let d = doc(
        &[
            "Ana Silva said on Monday that the port would reopen. Jonas Berg, who runs the union, said the strike would go on.",
        ],
        &[
            ("Ana Silva", Kind::Person, None),
            ("Jonas Berg", Kind::Person, None),
        ],
    );
    let q = find(&d);
    assert!(
        q.iter()
            .all(|x| x.speaker_name.as_deref() != Some("Ana Silva") || x.text.contains("port")),
        "{q:?}"
    );
}

#[test]
fn the_source_phrase_keeps_its_apposition_and_the_speaker_is_the_name() {
    let d = doc(
        &["Judge Ana Ruiz, who led the inquiry, said the files were lost."],
        &[("Ana Ruiz", Kind::Person, None)],
    );
    let q = finder().find(&d);
    let text = &d.article.text;
    let last = q.last().expect("an attribution");
    assert_eq!(last.speaker_span.map(|s| s.slice(text)), Some("Ana Ruiz"));
    assert_eq!(
        last.source_span.map(|s| s.slice(text)),
        Some("Judge Ana Ruiz, who led the inquiry")
    );
    assert_eq!(
        brat::GoldAttribution::from_quote(last).source,
        last.source_span.into_iter().collect::<Vec<_>>()
    );
}

#[test]
fn datelines_are_recognised_by_their_shape() {
    // Each text with the first word after its dateline, or `None` when it opens with none.
    let cases = [
        ("LISBON — The port reopened.", Some("The")),
        ("SAN JUAN — Rain fell all night.", Some("Rain")),
        (
            "OSLO, June 4 (Nordic Wire) - Nurses walked out.",
            Some("Nurses"),
        ),
        ("QUITO, Ecuador — Voters queued early.", Some("Voters")),
        ("LIMA, 4 Sept. 2031 -- Talks resumed.", Some("Talks")),
        (
            "RIGA/VILNIUS (Baltic Press) — Ferries stopped.",
            Some("Ferries"),
        ),
        ("CAIRO, March 9. /MENA/. The cabinet met.", Some("The")),
        ("ACCRA: The minister spoke.", Some("The")),
        // Not datelines: an ordinary opening, a name before an aside, a capitalised subject.
        ("The port reopened on Monday — after a week.", None),
        (
            "Mr Lind — a former pilot — said the runway was short.",
            None,
        ),
        ("Lisbon — the city — was calm.", None),
        ("UNICEF warned that schools were closed.", None),
    ];
    for (text, after) in cases {
        let ws = words::words(text, Span::new(0, text.len()));
        let got = dateline_len(&ws).map(|k| ws.get(k).map_or("", |w| w.text));
        assert_eq!(got, after, "{text}");
    }
}

#[test]
fn a_dateline_is_neither_source_nor_speaker() {
    let d = doc(
        &[
            "LISBON — Portugal's finance ministry said the bond sale would go ahead.",
            "OSLO, June 4 (Nordic Wire) - Nurses at a city clinic said they would walk out.",
            "SAN JOSE — Costa Rica's foreign ministry said the talks would resume next week.",
        ],
        &[
            ("Portugal", Kind::Gpe, None),
            ("Costa Rica", Kind::Gpe, None),
        ],
    );
    let text = d.article.text.as_str();
    let f = finder();
    let tokens = words::Tokens::new(&d, text);
    let lines = datelines(text, &d.article.paragraphs);
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    // The word "said" opening `s`.
    let said = |s: &str| Span::new(at(s).start, at(s).start + 4);
    // A speaker running over the dateline keeps what follows it.
    let over = f.off_dateline(
        &d,
        &tokens,
        &lines,
        Found {
            speaker: Some(at("LISBON — Portugal's finance ministry")),
            phrase: None,
            cue: Some(said("said the bond")),
            content: at("LISBON — Portugal's finance ministry said the bond sale would go ahead"),
            direct: false,
        },
    );
    assert_eq!(
        over.speaker.map(|s| s.slice(text)),
        Some("Portugal's finance ministry")
    );
    assert!(
        over.content.slice(text).starts_with("Portugal's"),
        "{over:?}"
    );
    // A speaker inside the dateline gives way to the phrase after it.
    let inside = f.off_dateline(
        &d,
        &tokens,
        &lines,
        Found {
            speaker: Some(at("OSLO")),
            phrase: None,
            cue: Some(said("said they")),
            content: at("they would walk out"),
            direct: false,
        },
    );
    assert_eq!(
        inside.speaker.map(|s| s.slice(text)),
        Some("Nurses at a city clinic")
    );
    // The whole finder, tagger included, never signs a quote with the dateline.
    for q in f.find(&d) {
        for span in [q.speaker_span, q.source_span].into_iter().flatten() {
            let written = span.slice(text);
            assert!(
                ["LISBON", "OSLO", "Wire", "SAN JOSE"]
                    .iter()
                    .all(|line| !written.contains(line)),
                "{written:?} in {q:?}"
            );
        }
    }
}

#[test]
fn a_place_after_a_common_noun_is_not_the_speaker() {
    let d = doc(
        &[
            "Nurses in Norway said pay was too low. Lawmakers across Chile argued for a delay. The health minister of Norway said talks would go on. Bankers at Nordbank said rates would fall. Chilean lawmakers in Santiago said little.",
        ],
        &[
            ("Norway", Kind::Gpe, None),
            ("Chile", Kind::Gpe, None),
            ("Norway", Kind::Gpe, None),
            ("Nordbank", Kind::Organization, None),
            ("Santiago", Kind::Gpe, None),
        ],
    );
    assert_eq!(
        resolved(&d, "Nurses in Norway").as_deref(),
        Some("Nurses in Norway")
    );
    assert_eq!(
        resolved(&d, "Lawmakers across Chile").as_deref(),
        Some("Lawmakers across Chile")
    );
    assert_eq!(
        resolved(&d, "The health minister of Norway").as_deref(),
        Some("Norway")
    );
    assert_eq!(
        resolved(&d, "Bankers at Nordbank").as_deref(),
        Some("Nordbank")
    );
    assert_eq!(
        resolved(&d, "Chilean lawmakers in Santiago").as_deref(),
        Some("Chilean lawmakers in Santiago")
    );
    let d = doc(
        &["Envoys from Peru and Chile praised the deal."],
        &[("Peru", Kind::Gpe, None), ("Chile", Kind::Gpe, None)],
    );
    assert_eq!(
        resolved(&d, "Envoys from Peru and Chile").as_deref(),
        Some("Envoys from Peru and Chile")
    );
    let d = doc(
        &["Farmers in the province of Salta said the road was cut."],
        &[("Salta", Kind::Gpe, None)],
    );
    assert_eq!(
        resolved(&d, "Farmers in the province of Salta").as_deref(),
        Some("Farmers in the province of Salta")
    );
}

#[test]
fn a_speaker_phrase_never_runs_over_another_cue() {
    let d = doc(
        &["In a statement on Monday, the ministry said the envoy had been recalled."],
        &[],
    );
    let q = find(&d);
    let text = d.article.text.as_str();
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert_eq!(
        q[0].speaker_span.map(|s| s.slice(text)),
        Some("the ministry")
    );
}

#[test]
fn according_to_without_a_comma_keeps_the_clause_after_its_source() {
    let d = doc(
        &["According to Radio Nova the government plans to raise fuel prices in May."],
        &[("Radio Nova", Kind::Organization, None)],
    );
    let text = d.article.text.as_str();
    for q in [find(&d), finder().find(&d)] {
        let according = q
            .iter()
            .find(|x| x.cue.as_deref() == Some("According to"))
            .unwrap_or_else(|| panic!("no according-to attribution: {q:?}"));
        assert_eq!(
            according
                .source_span
                .or(according.speaker_span)
                .map(|s| s.slice(text)),
            Some("Radio Nova"),
            "{according:?}"
        );
        assert_eq!(
            according.text, "the government plans to raise fuel prices in May",
            "{according:?}"
        );
    }
    let head = "the head of the agency";
    let ws = words::words(head, Span::new(0, head.len()));
    assert_eq!(
        first_noun_phrase(&ws, Span::new(0, head.len())).slice(head),
        head
    );
}

#[test]
fn a_time_phrase_opening_the_sentence_is_not_the_speaker() {
    let finder = finder();
    let cases = [
        (
            "Yesterday evening police in the port said two men were held.",
            "Yesterday evening police in the port",
            "police in the port",
        ),
        (
            "Last week the harbour master said the pier was unsafe.",
            "Last week the harbour master",
            "the harbour master",
        ),
        (
            "This committee said the rules were clear.",
            "This committee",
            "This committee",
        ),
    ];
    for (text, speaker, fitted) in cases {
        assert_eq!(fit(&finder, text, speaker), (fitted, fitted), "{text}");
    }
}

#[test]
fn sources_close_to_the_talks_are_people() {
    let d = doc(
        &[
            "Sources close to the talks said a draft existed. People familiar with the plan said it would fail.",
        ],
        &[],
    );
    assert_eq!(
        resolved(&d, "Sources close to the talks").as_deref(),
        Some("Sources close to the talks")
    );
    assert_eq!(
        resolved(&d, "People familiar with the plan").as_deref(),
        Some("People familiar with the plan")
    );
    assert_eq!(phrase_head("Families fleeing the floods"), "Families");
    assert_eq!(phrase_head("The ruling party"), "party");
}

#[test]
fn a_cue_after_according_to_takes_the_phrase_after_its_source() {
    let d = doc(
        &["According to Radio Nova the two unions have agreed to a truce."],
        &[("Radio Nova", Kind::Organization, None)],
    );
    let text = d.article.text.as_str();
    for q in [find(&d), finder().find(&d)] {
        let according = q
            .iter()
            .find(|x| x.cue.as_deref() == Some("According to"))
            .unwrap_or_else(|| panic!("no according-to attribution: {q:?}"));
        assert_eq!(
            according.speaker_span.map(|s| s.slice(text)),
            Some("Radio Nova")
        );
        assert_eq!(according.text, "the two unions have agreed to a truce");
        // The other cue of the sentence is not signed by the outlet.
        for other in q
            .iter()
            .filter(|x| x.cue.as_deref() != Some("According to"))
        {
            assert_ne!(
                other.speaker_name.as_deref(),
                Some("Radio Nova"),
                "{other:?}"
            );
        }
    }
}

#[test]
fn a_place_chosen_as_speaker_widens_to_the_subject_it_belongs_to() {
    let finder = finder();
    let text = "Families sheltering from the storm in Haldor said the roof had held.";
    let ws = words::words(text, Span::new(0, text.len()));
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    let widened = finder.widen_to_subject(&ws, at("Haldor"), at("said"));
    assert_eq!(
        widened.slice(text),
        "Families sheltering from the storm in Haldor"
    );
    // A subject that is itself the name stays as it is.
    let text = "The Haldor council said the roof had held.";
    let ws = words::words(text, Span::new(0, text.len()));
    let i = text.find("The Haldor council").unwrap();
    let sp = Span::new(i, i + "The Haldor council".len());
    let cue = Span::new(text.find("said").unwrap(), text.find("said").unwrap() + 4);
    assert_eq!(finder.widen_to_subject(&ws, sp, cue), sp);
}

#[test]
fn a_content_ends_before_the_attribution_that_frames_it() {
    let d = doc(
        &["The two unions agreed to suspend the strike for a week, the mediators said."],
        &[],
    );
    // With the shipped taggers, which find both attributions.
    let q = finder().find(&d);
    let agreed = q
        .iter()
        .find(|x| x.cue.as_deref() == Some("agreed"))
        .unwrap_or_else(|| panic!("{q:?}"));
    assert_eq!(agreed.text, "to suspend the strike for a week", "{q:?}");
    let said = q
        .iter()
        .find(|x| x.cue.as_deref() == Some("said"))
        .unwrap_or_else(|| panic!("{q:?}"));
    assert!(said.text.starts_with("The two unions agreed"), "{q:?}");
}

#[test]
fn names_sharing_a_common_noun_head_are_not_one_speaker() {
    let said = |sentence: &str, names: &[(&str, Kind, Option<&str>)]| {
        let d = doc(&[sentence], names);
        // The shipped taggers take the whole subject as the source.
        let q = finder().find(&d);
        q.iter()
            .find(|x| x.cue.as_deref() == Some("said"))
            .map(|x| {
                (
                    x.speaker_span.map(|s| s.slice(&d.article.text).to_owned()),
                    x.speaker_name.clone(),
                )
            })
            .unwrap_or_else(|| panic!("{q:?}"))
    };
    let phrase = "Norwegian and Qatari mediators";
    assert_eq!(
        said(
            "Norwegian and Qatari mediators said the talks would resume on Friday.",
            &[("Norwegian", Kind::Norp, None), ("Qatari", Kind::Gpe, None)],
        ),
        (Some(phrase.to_owned()), Some(phrase.to_owned()))
    );
    // One name before the head still names the speaker.
    assert_eq!(
        said(
            "Qatari mediators said the talks would resume on Friday.",
            &[("Qatari", Kind::Gpe, None)],
        )
        .1
        .as_deref(),
        Some("Qatari")
    );
}
