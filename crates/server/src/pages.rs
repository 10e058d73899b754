//! The web UI: server-rendered pages, readable without JavaScript.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDate;
use dragoman_model::{Doc, Source, Span, party_of};
use dragoman_store::{EntityDetail, SearchHit, Store, StoryDetail, StorySummary};
use maud::{Markup, html};

use crate::api::{SearchParams, entity_by_id_or_name, read};
use crate::render::{
    article_text, day, encode, event_class, event_kind, kind_class, kind_label, mentions_chart,
    page, source_href, status_label, timeline, uncertain,
};
use crate::{ApiError, AppState};

/// The page routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(story_list))
        .route("/stories/{id}", get(story_page))
        .route("/entities", get(entity_list))
        .route("/entities/{id}", get(entity_page))
        .route("/articles/{id}", get(article_page))
        .route("/search", get(search_page))
        .route("/assets/style.css", get(style))
        .fallback(not_found)
}

/// An error shown as a page.
struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> Self {
        PageError(error)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = if self.0.status == StatusCode::NOT_FOUND {
            "Not found"
        } else {
            "Something went wrong"
        };
        let body = page(
            title,
            "",
            html! {
                h1 { (title) }
                p.lede { (self.0.message) }
                p { a href="/" { "Back to the stories" } }
            },
        );
        (self.0.status, body).into_response()
    }
}

type PageResult = Result<Markup, PageError>;

async fn not_found() -> PageError {
    PageError(ApiError::not_found("There is no page at this address."))
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        crate::render::STYLE,
    )
        .into_response()
}

fn date_range(first: Option<&str>, latest: Option<&str>) -> String {
    match (first, latest) {
        (Some(f), Some(l)) if f != l => format!("{} – {}", day(f), day(l)),
        (_, Some(l)) => day(l),
        (Some(f), None) => day(f),
        (None, None) => "undated".to_owned(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn story_item(story: &StorySummary) -> Markup {
    html! {
        li {
            div.when { (story.latest.as_deref().map(day).unwrap_or_else(|| "undated".into())) }
            div {
                a.title href={ "/stories/" (encode(&story.id)) } { (story.title) }
                div.meta {
                    (plural(story.article_count, "article", "articles")) " · "
                    (plural(story.outlets.len(), "outlet", "outlets")) ": "
                    (story.outlets.join(", "))
                }
            }
        }
    }
}

async fn story_list(State(state): State<Arc<AppState>>) -> PageResult {
    let stories = read(&state, |s| Ok(s.stories(200, 0)?)).await?;
    Ok(page(
        "Stories",
        "",
        html! {
            h1 { "Stories" }
            p.lede { "Newest activity first." }
            @if stories.is_empty() {
                p.empty { "The store holds no stories yet. Add articles with "
                    code { "dragoman ingest PATH" } " or POST them to " code { "/api/articles" } "." }
            } @else {
                ol.stories { @for story in &stories { (story_item(story)) } }
            }
        },
    ))
}

/// A link to a source sentence, labelled.
fn cite(source: &Source, label: &str) -> Markup {
    html! { a.cite href=(source_href(source)) title="Open the sentence in its article" { (label) } }
}

fn story_sources(detail: &StoryDetail) -> Markup {
    html! {
        h2 { "Sources" }
        div.sources {
            @for a in &detail.articles {
                div.source {
                    div.outlet { (a.outlet.as_deref().unwrap_or("Unknown outlet")) }
                    a.title href={ "/articles/" (encode(&a.id)) } { (a.title.as_deref().unwrap_or("Untitled")) }
                    div.meta {
                        (a.published.as_deref().map(day).unwrap_or_else(|| "undated".into()))
                        @if a.year_inferred { " (year inferred)" }
                        " · " (a.words) " words"
                    }
                }
            }
        }
    }
}

fn contradictions(detail: &StoryDetail) -> Markup {
    if detail.contradictions.is_empty() {
        return html! {};
    }
    html! {
        h2 id="contradictions" { "Where the outlets disagree" }
        @for c in &detail.contradictions {
            div.contradiction {
                div.what {
                    (c.subject) " · " (c.attribute.replace('-', " "))
                    " " span class={ "tag " @if c.severity == dragoman_model::Severity::High { "high" } } {
                        (format!("{:?}", c.severity).to_lowercase()) " severity"
                    }
                }
                ul {
                    @for v in &c.values {
                        li {
                            span.value { (v.value) } " — " (v.outlets.join(", ")) ": "
                            @match v.sources.first() {
                                Some(s) => a.said.contradiction-link href=(source_href(s)) { "“" (v.text) "”" },
                                None => span.said { "“" (v.text) "”" },
                            }
                            @for (i, s) in v.sources.iter().enumerate().skip(1) {
                                " " (cite(s, &format!("[{}]", i + 1)))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn facts_ledger(detail: &StoryDetail, outlet_of: &HashMap<&str, &str>) -> Markup {
    if detail.facts.is_empty() {
        return html! {};
    }
    // What most outlets report comes first; people's titles, the least telling facts, last.
    let mut facts: Vec<&dragoman_model::Fact> = detail.facts.iter().collect();
    facts.sort_by_key(|f| (f.attribute == "title", std::cmp::Reverse(f.outlets.len())));
    let (alone, shared): (Vec<_>, Vec<_>) = facts.into_iter().partition(|f| f.exclusive);
    html! {
        h2 id="facts" { "Facts ledger" }
        p.lede { "Each checkable statement, and which outlets report it. A tick links to the sentence." }
        @if !shared.is_empty() {
            (ledger_table(&shared, &detail.story.outlets, outlet_of))
        }
        @if !alone.is_empty() {
            details.alone open[shared.is_empty()] {
                summary { "Reported by one outlet only (" (alone.len()) ")" }
                (ledger_table(&alone, &detail.story.outlets, outlet_of))
            }
        }
    }
}

/// Facts × outlets, each tick linking to the sentence that reports the fact.
fn ledger_table(
    facts: &[&dragoman_model::Fact],
    outlets: &[String],
    outlet_of: &HashMap<&str, &str>,
) -> Markup {
    html! {
        div.scroll { table.ledger {
            thead { tr { th { "Fact" } @for o in outlets { th.c { (o) } } } }
            tbody {
                @for f in facts {
                    tr {
                        td {
                            (f.subject) " · " (f.attribute.replace('-', " ")) ": " strong { (f.value) }
                            div.muted.clamp title=(f.text) { "“" (f.text) "”" }
                        }
                        @for o in outlets {
                            @let found = f.sources.iter().find(|s| outlet_of.get(s.article.as_str()) == Some(&o.as_str()));
                            td.c {
                                @match found {
                                    Some(s) => a.yes href=(source_href(s)) title={ (o) " reports it" } { "✓" },
                                    None => span.no title={ (o) " does not report it" } { "–" },
                                }
                            }
                        }
                    }
                }
            }
        } }
    }
}

/// Contents that fit no issue of the taxonomy are grouped under `other:<key>` issues.
fn is_unclassified(issue: &str) -> bool {
    issue.starts_with("other")
}

fn stance_word(p: &dragoman_model::Position) -> String {
    format!("{:?}", p.stance).to_lowercase()
}

/// A stance linking to its sentence, the position's words on hover.
fn stance_link(p: &dragoman_model::Position) -> Markup {
    let holder = p
        .reported_by
        .as_ref()
        .map(|r| format!(" (reported by {r})"))
        .unwrap_or_default();
    let hover = format!("{}{holder}", p.text);
    html! {
        @match p.sources.first() {
            Some(s) => a.stance href=(source_href(s)) title=(hover) { (stance_word(p)) },
            None => span.stance title=(hover) { (stance_word(p)) },
        }
    }
}

/// The positions of one cell with the same stance and holder counted once: the first of
/// them (its sentence is the link) and how many there are, in order of first appearance.
fn same_stances<'a>(
    positions: &[&'a dragoman_model::Position],
    actors: &ActorNames,
) -> Vec<(&'a dragoman_model::Position, usize)> {
    let mut out: Vec<(&dragoman_model::Position, usize)> = Vec::new();
    for p in positions {
        match out
            .iter_mut()
            .find(|(q, _)| q.stance == p.stance && actors.actor(q) == actors.actor(p))
        {
            Some((_, n)) => *n += 1,
            None => out.push((p, 1)),
        }
    }
    out
}

/// The names of position holders and of the entities above them, read from the store.
#[derive(Default)]
struct ActorNames {
    /// Entity id → its one name.
    names: HashMap<String, String>,
    /// Entity id → the entity it belongs to.
    parents: HashMap<String, String>,
}

impl ActorNames {
    /// The holder's one name, or the phrase the text used.
    fn actor<'a>(&'a self, p: &'a dragoman_model::Position) -> &'a str {
        p.actor
            .as_ref()
            .and_then(|id| self.names.get(id))
            .unwrap_or(&p.actor_name)
    }

    /// The name of the party the holder acts for (a minister → the country).
    fn party<'a>(&'a self, p: &'a dragoman_model::Position) -> &'a str {
        p.actor
            .as_deref()
            .map(|id| party_of(id, |e| self.parents.get(e).cloned()))
            .and_then(|top| self.names.get(&top))
            .map_or_else(|| self.actor(p), String::as_str)
    }
}

fn positions_matrix(detail: &StoryDetail, actors: &ActorNames) -> Markup {
    if detail.positions.is_empty() {
        return html! {};
    }
    let (other, classified): (Vec<_>, Vec<_>) = detail
        .positions
        .iter()
        .partition(|p| is_unclassified(&p.issue));
    let mut issue_counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut cells: BTreeMap<&str, BTreeMap<&str, Vec<&dragoman_model::Position>>> = BTreeMap::new();
    for p in &classified {
        *issue_counts.entry(p.issue.as_str()).or_default() += 1;
        cells
            .entry(actors.party(p))
            .or_default()
            .entry(p.issue.as_str())
            .or_default()
            .push(p);
    }
    // The parties that took most stances first.
    let mut rows: Vec<_> = cells.iter().collect();
    rows.sort_by_key(|(_, row)| std::cmp::Reverse(row.values().map(Vec::len).sum::<usize>()));
    let mut issues: Vec<(&str, usize)> = issue_counts.into_iter().collect();
    issues.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    html! {
        h2 id="positions" { "Positions" }
        p.lede { "Who wants what, issue by issue, by party: a person or office counts for the country or body it belongs to and is named beside its stance. Each stance links to its sentence; hover it for the words." }
        @if !classified.is_empty() {
            div.scroll { table.matrix {
                thead { tr { th { "Party" } @for (issue, _) in &issues { th { (issue.replace(['-', '_'], " ")) } } } }
                tbody {
                    @for (party, row) in &rows {
                        tr {
                            td { strong { (party) } }
                            @for (issue, _) in &issues {
                                td {
                                    @for (p, count) in same_stances(row.get(issue).map(Vec::as_slice).unwrap_or(&[]), actors) {
                                        div {
                                            (stance_link(p))
                                            @if actors.actor(p) != **party { " " span.muted { (actors.actor(p)) } }
                                            @if count > 1 { " " span.muted title="reported this many times" { "×" (count) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            } }
        }
        @if !other.is_empty() {
            details.alone open[classified.is_empty()] {
                summary { "Positions on other matters (" (other.len()) ")" }
                ul.plain {
                    @for p in &other {
                        li {
                            strong { (actors.actor(p)) }
                            " " (stance_link(p)) " " span.muted { (p.text) }
                        }
                    }
                }
            }
        }
    }
}

/// The days a story's timeline shows: from a week before its first article to two weeks
/// after its latest (events announced for later still show).
fn story_window(detail: &StoryDetail) -> Option<(NaiveDate, NaiveDate)> {
    let days: Vec<NaiveDate> = detail
        .articles
        .iter()
        .filter_map(|a| a.published.as_deref())
        .filter_map(|p| NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok())
        .collect();
    let first = days.iter().min()?.checked_sub_days(chrono::Days::new(7))?;
    let last = days.iter().max()?.checked_add_days(chrono::Days::new(14))?;
    Some((first, last))
}

fn events_section(detail: &StoryDetail) -> Markup {
    if detail.events.is_empty() {
        return html! {};
    }
    let events: Vec<&dragoman_model::Event> = detail.events.iter().collect();
    let window = story_window(detail);
    // The same event told in the same words (copies, several cues in one sentence) is listed
    // once, with every source.
    let mut listed: Vec<(&dragoman_model::Event, Vec<&Source>)> = Vec::new();
    for e in &events {
        let value = e.date.as_ref().and_then(|d| d.value.as_deref());
        match listed.iter_mut().find(|(seen, _)| {
            seen.summary == e.summary
                && seen.date.as_ref().and_then(|d| d.value.as_deref()) == value
        }) {
            Some((_, sources)) => sources.extend(e.sources.iter()),
            None => listed.push((e, e.sources.iter().collect())),
        }
    }
    let before = |e: &dragoman_model::Event| {
        window.is_some_and(|(from, _)| {
            e.date
                .as_ref()
                .and_then(|d| d.end.or(d.start))
                .is_some_and(|d| d < from)
        })
    };
    let (background, current): (Vec<_>, Vec<_>) = listed.into_iter().partition(|(e, _)| before(e));
    let reported: HashMap<&str, &str> = detail
        .articles
        .iter()
        .filter_map(|a| Some((a.id.as_str(), a.published.as_deref()?.get(..10)?)))
        .collect();
    html! {
        h2 id="timeline" { "Timeline" }
        (timeline(&events, window))
        div.legend {
            span.k.filled {} "happened" span.k.uncertain {} "planned, proposed or date uncertain" span.k.denied {} "denied"
        }
        (event_list(&current, &reported))
        @if !background.is_empty() {
            details.alone {
                summary { "Background: events before the story (" (background.len()) ")" }
                (event_list(&background, &reported))
            }
        }
    }
}

/// Events in date order, each with its status and the sentences that report it; an undated
/// one shows the day it was reported (`reported`: article id → publication day).
fn event_list(
    events: &[(&dragoman_model::Event, Vec<&Source>)],
    reported: &HashMap<&str, &str>,
) -> Markup {
    html! {
        ol.events {
            @for (e, sources) in events {
                li class=[uncertain(e).then_some("uncertain")] {
                    @match e.date.as_ref().and_then(|d| d.value.as_deref()) {
                        Some(value) => strong { (value) },
                        None => span.muted title="The article gives no date; this is the day it was published." {
                            "reported " (sources.first().and_then(|s| reported.get(s.article.as_str())).copied().unwrap_or("undated"))
                        },
                    }
                    " · " (event_kind(e)) " · " (e.summary)
                    " " span class={ "tag " (event_class(e)) } { (status_label(e.status)) }
                    @if let Some(place) = &e.place { " " span.muted { "in " (place) } }
                    @for (i, s) in sources.iter().enumerate() {
                        " " (cite(s, &if i == 0 { "source".to_owned() } else { format!("[{}]", i + 1) }))
                    }
                }
            }
        }
    }
}

fn quotes_section(detail: &StoryDetail, outlet_of: &HashMap<&str, &str>) -> Markup {
    if detail.quotes.is_empty() {
        return html! {};
    }
    let mut by_speaker: Vec<(String, Option<&str>, Vec<&dragoman_model::Quote>)> = Vec::new();
    for q in &detail.quotes {
        let name = q
            .speaker_name
            .clone()
            .unwrap_or_else(|| "Unattributed".to_owned());
        match by_speaker.iter_mut().find(|(n, id, _)| {
            q.speaker.is_some() && *id == q.speaker.as_deref() || q.speaker.is_none() && *n == name
        }) {
            Some((_, _, list)) => list.push(q),
            None => by_speaker.push((name, q.speaker.as_deref(), vec![q])),
        }
    }
    by_speaker.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.0.cmp(&b.0)));
    html! {
        h2 id="quotes" { "Who said what" }
        @for (name, id, quotes) in &by_speaker {
            div.speaker {
                h3 {
                    @match id {
                        Some(id) => a href={ "/entities/" (encode(id)) } { (name) },
                        None => (name),
                    }
                    " " span.muted { "(" (quotes.len()) ")" }
                }
                @for q in quotes {
                    div.quote {
                        p.said { @if q.direct { "“" (q.text) "”" } @else { (q.text) } }
                        div.meta {
                            @if let Some(s) = q.sources.first() {
                                (outlet_of.get(s.article.as_str()).copied().unwrap_or("unknown outlet"))
                                @if let Some(cue) = &q.cue { " · " (cue) }
                                " · " (cite(s, "in context"))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn framing_section(detail: &StoryDetail) -> Markup {
    if detail.framing.is_empty() {
        return html! {};
    }
    let fact_text: HashMap<&str, String> = detail
        .facts
        .iter()
        .map(|f| {
            (
                f.id.as_str(),
                format!(
                    "{} · {}: {}",
                    f.subject,
                    f.attribute.replace('-', " "),
                    f.value
                ),
            )
        })
        .collect();
    html! {
        h2 id="framing" { "How each outlet frames it" }
        div.framing {
            @for f in &detail.framing {
                div.frame {
                    h3 { (f.outlet) }
                    dl {
                        @if !f.loaded_terms.is_empty() {
                            dt { "Loaded terms" }
                            dd { @for t in &f.loaded_terms {
                                @match t.sources.first() {
                                    Some(s) => a.tag href=(source_href(s)) { (t.term) },
                                    None => span.tag { (t.term) },
                                }
                            } }
                        }
                        @if !f.distinctive_terms.is_empty() {
                            dt { "Words it uses more" }
                            dd { @for t in f.distinctive_terms.iter().take(8) { span.tag { (t.term) } } }
                        }
                        @if !f.voices.is_empty() {
                            dt { "Voices quoted" }
                            dd { @for v in f.voices.iter().take(5) {
                                span.tag { (v.name) " " (format!("{:.0}%", v.share * 100.0)) }
                            } }
                        }
                        @if !f.tone.is_empty() {
                            dt { "Tone" }
                            dd { @for t in f.tone.iter().take(5) {
                                span.tag title="from −1 (hostile) to +1 (favourable)" { (t.name) " " (format!("{:+.2}", t.score)) }
                            } }
                        }
                        @if !f.omits.is_empty() {
                            dt { "Leaves out" }
                            dd { @for id in &f.omits {
                                div.muted { (fact_text.get(id.as_str()).cloned().unwrap_or_else(|| id.clone())) }
                            } }
                        }
                    }
                }
            }
        }
    }
}

async fn story_page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> PageResult {
    let (detail, actors) = read(&state, move |s| {
        let detail = s
            .story(&id)?
            .ok_or_else(|| ApiError::not_found(format!("There is no story “{id}”.")))?;
        // Position holders under their entity's one name ("the Kremlin" and "Moscow" are
        // both the Government of Russia), with the parents that lead to their party.
        let mut actors = ActorNames::default();
        let mut wanted: Vec<String> = detail
            .positions
            .iter()
            .filter_map(|p| p.actor.clone())
            .collect();
        while let Some(id) = wanted.pop() {
            if actors.names.contains_key(&id) {
                continue;
            }
            let Some(entity) = s.entity_summary(&id)? else {
                continue;
            };
            if let Some(parent) = &entity.parent {
                wanted.push(parent.clone());
                actors.parents.insert(id.clone(), parent.clone());
            }
            actors.names.insert(id, entity.name);
        }
        Ok((detail, actors))
    })
    .await?;
    let outlet_of: HashMap<&str, &str> = detail
        .articles
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                a.outlet.as_deref().unwrap_or("unknown outlet"),
            )
        })
        .collect();
    let story = &detail.story;
    Ok(page(
        &story.title,
        "",
        html! {
            p.meta { a href="/" { "Stories" } " › " (story.id) }
            h1 { (story.title) }
            p.lede {
                (plural(detail.articles.len(), "article", "articles")) " from "
                (plural(story.outlets.len(), "outlet", "outlets")) " · "
                (date_range(detail.articles.first().and_then(|a| a.published.as_deref()), detail.latest.as_deref()))
            }
            @if !detail.entities.is_empty() {
                div { @for e in detail.entities.iter().take(14) {
                    a.tag href={ "/entities/" (encode(&e.id)) } { (e.name) }
                } }
            }
            (story_sources(&detail))
            (contradictions(&detail))
            (facts_ledger(&detail, &outlet_of))
            (positions_matrix(&detail, &actors))
            (events_section(&detail))
            (quotes_section(&detail, &outlet_of))
            (framing_section(&detail))
        },
    ))
}

async fn entity_list(State(state): State<Arc<AppState>>) -> PageResult {
    let entities = read(&state, |s| Ok(s.entities(300, 0)?)).await?;
    Ok(page(
        "Actors",
        "",
        html! {
            h1 { "Actors" }
            p.lede { "People, governments, organisations and places, most mentioned first." }
            @if entities.is_empty() { p.empty { "No actors yet." } } @else {
                table {
                    thead { tr { th { "Name" } th { "Kind" } th { "Mentions" } th { "Articles" } } }
                    tbody { @for e in &entities {
                        tr {
                            td { a href={ "/entities/" (encode(&e.id)) } { (e.name) }
                                 @if let Some(role) = e.roles.first() { div.muted { (role) } } }
                            td { (kind_label(e.kind)) }
                            td { (e.mentions) }
                            td { (e.article_count) }
                        }
                    } }
                }
            }
        },
    ))
}

fn source_label(detail: &EntityDetail, source: &Source) -> String {
    match detail.sources.get(&source.article) {
        Some(a) => format!(
            "{} · {}",
            a.published
                .as_deref()
                .map(day)
                .unwrap_or_else(|| "undated".into()),
            a.outlet.as_deref().unwrap_or("unknown outlet")
        ),
        None => "source".to_owned(),
    }
}

async fn entity_page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> PageResult {
    let detail = read(&state, move |s| entity_by_id_or_name(s, &id)).await?;
    let e = &detail.entity;
    let date_of = |source: Option<&Source>| {
        source
            .and_then(|s| detail.sources.get(&s.article))
            .and_then(|a| a.published.clone())
            .unwrap_or_default()
    };
    let mut positions: Vec<&dragoman_model::Position> = detail.positions.iter().collect();
    positions.sort_by_key(|p| date_of(p.sources.first()));
    Ok(page(
        &e.name,
        "",
        html! {
            p.meta { a href="/entities" { "Actors" } " › " (kind_label(e.kind)) }
            h1 class=(kind_class(e.kind)) { (e.name) }
            p.lede {
                (plural(e.mentions, "mention", "mentions")) " in " (plural(e.article_count, "article", "articles"))
                @if let Some(parent) = &detail.parent {
                    " · part of " a href={ "/entities/" (encode(&parent.id)) } { (parent.name) }
                }
            }
            dl.facts {
                @if !e.aliases.is_empty() { dt { "Also called" } dd { (e.aliases.join(", ")) } }
                @if !e.roles.is_empty() { dt { "Roles" } dd { (e.roles.join("; ")) } }
            }
            h2 { "Mentions per day" }
            (mentions_chart(&detail.mentions_per_day))
            @if !positions.is_empty() {
                h2 { "Positions over time" }
                table {
                    thead { tr { th { "When, where" } th { "Stance" } th { "Issue" } th { "What" } } }
                    tbody { @for p in &positions {
                        tr {
                            td.muted { @if let Some(s) = p.sources.first() { (source_label(&detail, s)) } }
                            td { (format!("{:?}", p.stance).to_lowercase()) }
                            td { (p.issue.replace(['-', '_'], " ")) }
                            td { @match p.sources.first() {
                                Some(s) => a href=(source_href(s)) { (p.text) },
                                None => (p.text),
                            } }
                        }
                    } }
                }
            }
            @if !detail.quotes.is_empty() {
                h2 { "Quotes" }
                @for q in &detail.quotes {
                    div.quote {
                        p.said { @if q.direct { "“" (q.text) "”" } @else { (q.text) } }
                        div.meta { @if let Some(s) = q.sources.first() {
                            (source_label(&detail, s)) " · " (cite(s, "in context"))
                        } }
                    }
                }
            }
            @if !detail.stories.is_empty() {
                h2 { "Stories" }
                ol.stories { @for story in &detail.stories { (story_item(story)) } }
            }
        },
    ))
}

/// Every span of `id` that a page may link to: the sources of the doc's own items and of the
/// facts and contradictions of its stories.
fn cited_spans(doc: &Doc, stories: &[StoryDetail]) -> Vec<Span> {
    let id = doc.article.id.as_str();
    let mine = |s: &&Source| s.article == id;
    let mut spans: Vec<Span> = doc
        .quotes
        .iter()
        .flat_map(|q| &q.sources)
        .chain(doc.positions.iter().flat_map(|p| &p.sources))
        .chain(doc.events.iter().flat_map(|e| &e.sources))
        .chain(
            stories
                .iter()
                .flat_map(|s| s.facts.iter().flat_map(|f| &f.sources)),
        )
        .chain(stories.iter().flat_map(|s| {
            s.contradictions
                .iter()
                .flat_map(|c| c.values.iter().flat_map(|v| &v.sources))
        }))
        .chain(stories.iter().flat_map(|s| {
            s.framing
                .iter()
                .flat_map(|f| f.loaded_terms.iter().flat_map(|t| &t.sources))
        }))
        .chain(
            stories
                .iter()
                .flat_map(|s| s.quotes.iter().flat_map(|q| &q.sources)),
        )
        .chain(
            stories
                .iter()
                .flat_map(|s| s.positions.iter().flat_map(|p| &p.sources)),
        )
        .chain(
            stories
                .iter()
                .flat_map(|s| s.events.iter().flat_map(|e| &e.sources)),
        )
        .filter(mine)
        .map(Source::span)
        .collect();
    spans.sort();
    spans.dedup();
    spans
}

async fn article_page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> PageResult {
    let (doc, stories) = read(&state, move |s| {
        let doc = match s.doc(&id)? {
            Some(doc) => doc,
            None => s
                .article(&id)?
                .map(Doc::new)
                .ok_or_else(|| ApiError::not_found(format!("There is no article “{id}”.")))?,
        };
        let mut stories = Vec::new();
        for summary in s.stories_of_article(&id)? {
            if let Some(detail) = s.story(&summary.id)? {
                stories.push(detail);
            }
        }
        Ok((doc, stories))
    })
    .await?;
    let cited = cited_spans(&doc, &stories);
    let a = &doc.article;
    let here = |s: &&Source| s.article == a.id;
    let facts: Vec<(&dragoman_model::Fact, &Source)> = stories
        .iter()
        .flat_map(|s| &s.facts)
        .filter_map(|f| f.sources.iter().find(here).map(|s| (f, s)))
        .collect();
    let disputed: Vec<(
        &dragoman_model::Contradiction,
        &dragoman_model::ContradictionValue,
        &Source,
    )> = stories
        .iter()
        .flat_map(|s| &s.contradictions)
        .flat_map(|c| c.values.iter().map(move |v| (c, v)))
        .filter_map(|(c, v)| v.sources.iter().find(here).map(|s| (c, v, s)))
        .collect();
    let title = a
        .title
        .clone()
        .unwrap_or_else(|| "Untitled article".to_owned());
    Ok(page(
        &title,
        "",
        html! {
            p.meta {
                @for s in &stories { a href={ "/stories/" (encode(&s.story.id)) } { (s.story.title) } " › " }
                (a.outlet_name())
            }
            div.layout {
                article.article {
                    h1 { (title) }
                    p.meta {
                        (a.outlet_name()) " · " (a.date().map(|d| d.format("%-d %B %Y").to_string()).unwrap_or_else(|| "undated".into()))
                        @if !a.authors.is_empty() { " · " (a.authors.join(", ")) }
                        @if let Some(url) = &a.url { " · " a href=(url) rel="noopener noreferrer" { "original" } }
                    }
                    div.text { (article_text(&doc, &cited)) }
                }
                aside.side {
                    @if !disputed.is_empty() {
                        h3 { "Disputed here" }
                        ul { @for (c, v, s) in &disputed {
                            li { a href={ "#" (crate::render::anchor(s.span())) } { (c.subject) " · " (c.attribute.replace('-', " ")) ": " strong { (v.value) } }
                                 div.muted { "others say " (c.values.iter().filter(|o| o.value != v.value).map(|o| o.value.as_str()).collect::<Vec<_>>().join(", ")) } }
                        } }
                    }
                    @if !facts.is_empty() {
                        h3 { "Facts stated" }
                        ul { @for (f, s) in &facts {
                            li { a href={ "#" (crate::render::anchor(s.span())) } { (f.subject) " · " (f.attribute.replace('-', " ")) ": " (f.value) } }
                        } }
                    }
                    @if !doc.quotes.is_empty() {
                        h3 { "Quotes" }
                        ul { @for q in &doc.quotes {
                            li {
                                a href={ "#" (crate::render::anchor(q.sources.first().map(Source::span).unwrap_or(q.content_span))) } {
                                    (q.speaker_name.as_deref().unwrap_or("Unattributed")) }
                                div.muted.clamp title=(q.text) { @if q.direct { "“" (q.text) "”" } @else { (q.text) } }
                            }
                        } }
                    }
                }
            }
        },
    ))
}

fn hit_item(hit: &SearchHit) -> Markup {
    html! {
        li {
            a.title href={ "/articles/" (encode(&hit.article)) } { (hit.title.as_deref().unwrap_or("Untitled")) }
            div.meta { (hit.outlet.as_deref().unwrap_or("unknown outlet")) " · " (hit.published.as_deref().map(day).unwrap_or_else(|| "undated".into())) }
            p.snippet { @for (text, matched) in hit.snippet_parts() { @if matched { mark { (text) } } @else { (text) } } }
        }
    }
}

async fn search_page(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> PageResult {
    let params = params
        .map(|Query(p)| p)
        .map_err(|e| ApiError::bad_request(format!("bad query string: {}", e.body_text())))?;
    let field = |v: &Option<String>| v.clone().unwrap_or_default();
    let q = field(&params.q);
    let (hits, error) = if params.is_empty() {
        (None, None)
    } else {
        match params.query() {
            Ok(query) => (
                Some(read(&state, move |s| Ok(s.search(&query)?)).await?),
                None,
            ),
            Err(e) => (None, Some(e.message)),
        }
    };
    Ok(page(
        "Search",
        &q,
        html! {
            h1 { "Search" }
            form.search action="/search" method="get" {
                label { "Words" input type="search" name="q" value=(q) placeholder="ceasefire OR truce"; }
                label { "Outlet" input type="text" name="outlet" value=(field(&params.outlet)); }
                label { "Actor" input type="text" name="entity" value=(field(&params.entity)); }
                label { "Since" input type="date" name="since" value=(field(&params.since)); }
                label { "Until" input type="date" name="until" value=(field(&params.until)); }
                button type="submit" { "Search" }
            }
            @if let Some(message) = error { p.empty { (message) } }
            @if let Some(hits) = hits {
                @if hits.is_empty() { p.empty { "No article matches." } } @else {
                    p.muted { (plural(hits.len(), "article", "articles")) }
                    ol.hits { @for hit in &hits { (hit_item(hit)) } }
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::{Polarity, Position, Stance};

    fn position(actor: &str, stance: Stance) -> Position {
        Position {
            actor: Some(actor.to_string()),
            actor_name: actor.to_string(),
            actor_span: None,
            reported_by: None,
            stance,
            issue: "ceasefire".to_string(),
            text: "a truce".to_string(),
            polarity: Polarity::Positive,
            sources: Vec::new(),
            story: None,
        }
    }

    #[test]
    fn a_cell_counts_the_same_stance_of_the_same_holder_once() {
        let list = [
            position("e:a", Stance::Demands),
            position("e:b", Stance::Demands),
            position("e:a", Stance::Demands),
            position("e:a", Stance::Rejects),
            position("e:a", Stance::Demands),
        ];
        let refs: Vec<&Position> = list.iter().collect();
        let grouped: Vec<(&str, Stance, usize)> = same_stances(&refs, &ActorNames::default())
            .into_iter()
            .map(|(p, n)| (p.actor_name.as_str(), p.stance, n))
            .collect();
        assert_eq!(
            grouped,
            [
                ("e:a", Stance::Demands, 3),
                ("e:b", Stance::Demands, 1),
                ("e:a", Stance::Rejects, 1)
            ]
        );
    }
}
