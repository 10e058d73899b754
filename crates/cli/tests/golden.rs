//! The golden test: the report on the demo corpus against the gold annotations in
//! `examples/peace-talks-gold/expected.json`, section by section, with precision/recall thresholds
//! (not snapshot equality, so that better output never fails it).

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, Weekday};
use serde_json::Value;

/// The days a gold time value covers: `2025-11-20`, `2025-W48`, `2025-11`, `2025`, or a range
/// `a/b` of those.
fn days_of(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some((a, b)) = value.split_once('/') {
        return Some((days_of(a)?.0, days_of(b)?.1));
    }
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some((day, day));
    }
    if let Some((year, week)) = value.split_once("-W") {
        let monday =
            NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, Weekday::Mon)?;
        return Some((monday, monday + chrono::Days::new(6)));
    }
    let parts: Vec<i32> = value
        .split('-')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match parts[..] {
        [year, month] => {
            let first = NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some((first, next.pred_opt()?))
        }
        [year] => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        _ => None,
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The report, indexed for matching against gold.
struct Report<'a> {
    json: &'a Value,
    /// gold reference (file name or record id) → article id
    article_ids: HashMap<String, String>,
    /// entity id → every normalised name and alias
    entity_names: HashMap<String, BTreeSet<String>>,
    /// entity id → its parent (a government → its country)
    parents: HashMap<String, String>,
}

impl<'a> Report<'a> {
    fn new(json: &'a Value) -> Self {
        let mut article_ids = HashMap::new();
        for a in json["articles"].as_array().unwrap() {
            let id = a["id"].as_str().unwrap().to_string();
            let origin = a["origin"].as_str().unwrap_or_default();
            let file = origin.rsplit('/').next().unwrap_or(origin);
            let file = file.split(':').next().unwrap_or(file);
            article_ids
                .entry(file.to_string())
                .or_insert_with(|| id.clone());
            article_ids.insert(id.clone(), id);
        }
        let entity_names = json["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let mut names: BTreeSet<String> =
                    strs(&e["aliases"]).iter().map(|s| norm(s)).collect();
                names.insert(norm(e["name"].as_str().unwrap()));
                (e["id"].as_str().unwrap().to_string(), names)
            })
            .collect();
        let parents = json["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| {
                Some((
                    e["id"].as_str()?.to_string(),
                    e["parent"].as_str()?.to_string(),
                ))
            })
            .collect();
        Report {
            json,
            article_ids,
            entity_names,
            parents,
        }
    }

    /// Like `names`, but an actor also stands for the entities it belongs to: a position held
    /// by the Government of Ukraine is Ukraine's position.
    fn actor_names(&self, entity_id: Option<&str>, written: Option<&str>, gold: &str) -> bool {
        if self.names(entity_id, written, gold) {
            return true;
        }
        let mut current = entity_id.and_then(|id| self.parents.get(id));
        for _ in 0..2 {
            let Some(parent) = current else { return false };
            if self.names(Some(parent), None, gold) {
                return true;
            }
            current = self.parents.get(parent);
        }
        false
    }

    fn article(&self, reference: &str) -> Option<&str> {
        self.article_ids.get(reference).map(String::as_str)
    }

    /// True when `entity_id` (or, failing that, the written `name`) denotes the gold `name`.
    fn names(&self, entity_id: Option<&str>, written: Option<&str>, gold: &str) -> bool {
        let gold = norm(gold);
        if entity_id
            .and_then(|id| self.entity_names.get(id))
            .is_some_and(|names| names.contains(&gold))
        {
            return true;
        }
        written.is_some_and(|w| {
            let w = norm(w);
            !w.is_empty() && (w == gold || gold.split(' ').next_back() == w.split(' ').next_back())
        })
    }

    fn items(&self, section: &str, article: &str) -> Vec<&'a Value> {
        self.json[section]
            .as_array()
            .unwrap()
            .iter()
            .filter(|item| {
                item["sources"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|s| s["article"] == article))
            })
            .collect()
    }

    fn text_of(&self, article: &str) -> &'a str {
        self.json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == article)
            .and_then(|a| a["text"].as_str())
            .unwrap_or("")
    }
}

/// Recall of gold items: the share for which `found` holds.
fn recall(gold: &[Value], mut found: impl FnMut(&Value) -> bool) -> (f64, usize, Vec<String>) {
    let mut misses = Vec::new();
    let mut hits = 0;
    for g in gold {
        if found(g) {
            hits += 1;
        } else {
            misses.push(g.to_string());
        }
    }
    (hits as f64 / gold.len().max(1) as f64, gold.len(), misses)
}

fn spans_overlap_text(item: &Value, text: &str, contains: &str) -> bool {
    let Some(at) = text.find(contains) else {
        return false;
    };
    let (gs, ge) = (at, at + contains.len());
    let item_text = item["text"].as_str().unwrap_or_default();
    if norm(item_text).contains(&norm(contains))
        || (!item_text.is_empty() && norm(contains).contains(&norm(item_text)))
    {
        return true;
    }
    item["sources"].as_array().is_some_and(|s| {
        s.iter().any(|s| {
            let (a, b) = (
                s["start"].as_u64().unwrap_or(0) as usize,
                s["end"].as_u64().unwrap_or(0) as usize,
            );
            a < ge && gs < b
        })
    })
}

#[test]
fn the_demo_report_agrees_with_the_gold_annotations() {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(
            common::demo_corpus()
                .with_file_name("peace-talks-gold")
                .join("expected.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let report = Report::new(common::demo_report());
    let mut scores: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    let mut notes = Vec::new();

    // Articles: every gold article is read, with outlet and date.
    let gold_articles = gold["articles"].as_array().unwrap();
    let (found, n, misses) = recall(gold_articles, |g| {
        report.article(g["article"].as_str().unwrap()).is_some()
    });
    scores.insert("articles found", (found, 1.0, n));
    notes.extend(misses);
    let (meta, n, misses) = recall(gold_articles, |g| {
        let Some(id) = report.article(g["article"].as_str().unwrap()) else {
            return false;
        };
        let a = report.json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap();
        let outlet_ok = a["outlet"]
            .as_str()
            .is_some_and(|o| norm(o) == norm(g["outlet"].as_str().unwrap_or_default()));
        let date_ok = a["published"]["date"].as_str()
            == g["published"].as_str().map(|d| &d[..10.min(d.len())]);
        outlet_ok && date_ok
    });
    scores.insert("article outlet+date", (meta, 0.9, n));
    notes.extend(misses);

    // Stories: B-cubed F1 over the gold articles.
    let mut gold_story = HashMap::new();
    for (i, story) in gold["stories"].as_array().unwrap().iter().enumerate() {
        for r in strs(story) {
            if let Some(id) = report.article(&r) {
                gold_story.insert(id.to_string(), i);
            }
        }
    }
    let mut predicted = HashMap::new();
    for s in report.json["stories"].as_array().unwrap() {
        for a in strs(&s["articles"]) {
            predicted.insert(a, s["id"].as_str().unwrap().to_string());
        }
    }
    let items: Vec<&String> = gold_story.keys().collect();
    let (mut p, mut r) = (0.0, 0.0);
    for a in &items {
        let same_gold: BTreeSet<_> = items
            .iter()
            .filter(|b| gold_story[**b] == gold_story[*a])
            .collect();
        let same_pred: BTreeSet<_> = items
            .iter()
            .filter(|b| predicted.get(**b) == predicted.get(*a))
            .collect();
        let both = same_gold.intersection(&same_pred).count() as f64;
        p += both / same_pred.len() as f64;
        r += both / same_gold.len() as f64;
    }
    let (p, r) = (p / items.len().max(1) as f64, r / items.len().max(1) as f64);
    scores.insert(
        "stories B-cubed F1",
        (2.0 * p * r / (p + r).max(1e-9), 0.85, items.len()),
    );

    // Duplicates: each planted copy is found with its origin.
    let dups = report.json["duplicates"].as_array().unwrap();
    let (found, n, misses) = recall(gold["duplicates"].as_array().unwrap(), |g| {
        let (a, b) = (
            report.article(g["article"].as_str().unwrap()),
            report.article(g["duplicate_of"].as_str().unwrap()),
        );
        dups.iter().any(|d| {
            Some(d["article"].as_str().unwrap()) == a
                && Some(d["duplicate_of"].as_str().unwrap()) == b
        })
    });
    scores.insert("duplicates recall", (found, 0.99, n));
    notes.extend(misses);

    // Entities: each gold actor is one entity carrying its spellings, with the right kind.
    let entities = report.json["entities"].as_array().unwrap();
    // The entity written by the gold name or, when the corpus only uses another of its
    // spellings, by one of the gold aliases.
    let find_entity = |g: &Value| {
        std::iter::once(g["name"].as_str().unwrap().to_string())
            .chain(strs(&g["aliases"]))
            .find_map(|name| {
                entities
                    .iter()
                    .find(|e| report.names(e["id"].as_str(), None, &name))
            })
    };
    let gold_entities = gold["entities"].as_array().unwrap();
    let (found, n, misses) = recall(gold_entities, |g| find_entity(g).is_some());
    scores.insert("entities recall", (found, 0.9, n));
    notes.extend(misses);
    let (kinds, n, misses) = recall(gold_entities, |g| {
        find_entity(g).is_some_and(|e| e["kind"] == g["kind"])
    });
    scores.insert("entities with right kind", (kinds, 0.85, n));
    notes.extend(misses);
    let (merged, n, misses) = recall(gold_entities, |g| {
        let Some(e) = find_entity(g) else {
            return false;
        };
        let names = &report.entity_names[e["id"].as_str().unwrap()];
        strs(&g["aliases"]).iter().all(|alias| {
            names.contains(&norm(alias))
                || !entities
                    .iter()
                    .any(|other| report.names(other["id"].as_str(), None, alias))
        })
    });
    scores.insert("entities not split", (merged, 0.9, n));
    notes.extend(misses);

    // Quotes: found in the right article, with the speaker resolved.
    let gold_quotes = gold["quotes"].as_array().unwrap();
    let quote_match = |g: &Value, need_speaker: bool| {
        let Some(id) = report.article(g["article"].as_str().unwrap()) else {
            return false;
        };
        let text = report.text_of(id);
        let contains = g["contains"].as_str().unwrap();
        report.items("quotes", id).iter().any(|q| {
            let content_ok = q["text"].as_str().is_some_and(|t| {
                norm(t).contains(&norm(contains))
                    || (t.len() > 20 && norm(contains).contains(&norm(t)))
            });
            let content_ok = content_ok
                || (spans_overlap_text(q, text, contains)
                    && q["text"].as_str().is_some_and(|t| t.len() > 10));
            content_ok
                && (!need_speaker
                    || report.names(
                        q["speaker"].as_str(),
                        q["speaker_name"].as_str(),
                        g["speaker"].as_str().unwrap(),
                    ))
        })
    };
    let (found, n, _) = recall(gold_quotes, |g| quote_match(g, false));
    scores.insert("quotes recall", (found, 0.7, n));
    let (speakers, n, misses) = recall(gold_quotes, |g| quote_match(g, true));
    scores.insert("quotes with speaker", (speakers, 0.5, n));
    notes.extend(misses);

    // Positions: actor, stance and issue in the right article.
    let (found, n, misses) = recall(gold["positions"].as_array().unwrap(), |g| {
        let Some(id) = report.article(g["article"].as_str().unwrap()) else {
            return false;
        };
        report.items("positions", id).iter().any(|p| {
            p["issue"] == g["issue"]
                && report.actor_names(
                    p["actor"].as_str(),
                    p["actor_name"].as_str(),
                    g["actor"].as_str().unwrap(),
                )
        })
    });
    // A regression gate, raised as position extraction improves (0.17 at first, 0.38 once
    // passives, stance nouns, nationality holders, lists of demands, relative clauses and
    // obligations in quotations were handled; 0.48 with quoted verdicts, pronoun speakers and
    // documents standing for their authors).
    scores.insert("positions actor+issue", (found, 0.65, n));
    notes.extend(misses);

    // Events: kind and resolved date in the right article.
    let (found, n, misses) = recall(gold["events"].as_array().unwrap(), |g| {
        let Some(id) = report.article(g["article"].as_str().unwrap()) else {
            return false;
        };
        report.items("events", id).iter().any(|e| {
            e["kind"] == g["kind"]
                && (g["date"].is_null()
                    || e["date"]["value"] == g["date"]
                    || e["date"]["start"] == g["date"])
        })
    });
    scores.insert("events kind+date", (found, 0.6, n));
    notes.extend(misses);

    // Facts and contradictions.
    let facts = report.json["facts"].as_array().unwrap();
    let (found, n, misses) = recall(gold["facts"].as_array().unwrap(), |g| {
        facts
            .iter()
            .any(|f| f["attribute"] == g["attribute"] && f["value"] == g["value"])
    });
    scores.insert("facts recall", (found, 0.8, n));
    notes.extend(misses);
    let contradictions = report.json["contradictions"].as_array().unwrap();
    let (found, n, misses) = recall(gold["contradictions"].as_array().unwrap(), |g| {
        let want: BTreeSet<String> = strs(&g["values"]).iter().map(|v| norm(v)).collect();
        contradictions.iter().any(|c| {
            let have: BTreeSet<String> = c["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| norm(v["value"].as_str().unwrap()))
                .collect();
            want.iter()
                .filter(|w| have.iter().any(|h| h.contains(w.as_str())))
                .count()
                >= 2
        })
    });
    scores.insert("contradictions recall", (found, 0.75, n));
    notes.extend(misses);

    // Time expressions: every gold expression found in its article with the value resolved
    // against that article's own date (the annotator's view; the report shows them on events).
    // A value within the gold one counts: "earlier this week" resolved to the days of the week
    // before the article's date agrees with a gold "2025-W48"; a coarser value does not.
    let engine =
        dragoman_pipeline::Engine::new(dragoman_pipeline::EngineOptions::default()).unwrap();
    let batch = engine.read(&[common::demo_corpus()], &|_| {});
    let docs = engine.annotate(batch.articles, &|| {});
    type Resolved = (String, Option<String>, Option<(NaiveDate, NaiveDate)>);
    let times: HashMap<&str, Vec<Resolved>> = docs
        .iter()
        .map(|d| {
            (
                d.article.id.as_str(),
                d.times
                    .iter()
                    .map(|t| (norm(&t.text), t.value.clone(), t.start.zip(t.end)))
                    .collect(),
            )
        })
        .collect();
    let (found, n, misses) = recall(gold["times"].as_array().unwrap(), |g| {
        let Some(id) = report.article(g["article"].as_str().unwrap()) else {
            return false;
        };
        let text = norm(g["text"].as_str().unwrap());
        times.get(id).is_some_and(|ts| {
            let value = g["value"].as_str();
            let gold_days = value.and_then(days_of);
            ts.iter().any(|(t, v, days)| {
                (t.contains(&text) || text.contains(t.as_str()))
                    && (v.as_deref() == value
                        || days
                            .zip(gold_days)
                            .is_some_and(|((a, b), (ga, gb))| ga <= a && b <= gb))
            })
        })
    });
    scores.insert("times resolved", (found, 0.9, n));
    notes.extend(misses);

    let mut failed = Vec::new();
    println!(
        "{:<28} {:>7} {:>7} {:>5}",
        "section", "score", "needed", "gold"
    );
    for (name, (score, needed, n)) in &scores {
        println!("{name:<28} {score:>7.3} {needed:>7.2} {n:>5}");
        if score < needed {
            failed.push(format!("{name}: {score:.3} < {needed}"));
        }
    }
    // DRAGOMAN_GOLDEN_MISSES=1 lists every missed gold item, also when all sections pass.
    let all = std::env::var_os("DRAGOMAN_GOLDEN_MISSES").is_some();
    if !failed.is_empty() || all {
        println!("\nMissed gold items:");
        for note in notes.iter().take(if all { usize::MAX } else { 40 }) {
            println!("  {note}");
        }
    }
    assert!(failed.is_empty(), "below threshold: {failed:?}");
}
