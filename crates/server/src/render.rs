//! HTML building blocks: the page layout, source links, the annotated article text and the
//! SVG charts. Everything goes through maud, which escapes all text.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use dragoman_model::{Doc, Event, EventStatus, Kind, Precision, Source, Span};
use dragoman_store::DayCount;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The anchor id of a source span in the article view.
pub fn anchor(span: Span) -> String {
    format!("s-{}-{}", span.start, span.end)
}

/// The link to a source's sentence in the article view.
pub fn source_href(source: &Source) -> String {
    format!(
        "/articles/{}#{}",
        encode(&source.article),
        anchor(source.span())
    )
}

/// Percent-encodes a path segment.
pub fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The whole page around `body`.
pub fn page(title: &str, search: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Dragoman" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header.site { div.inner {
                    a.brand href="/" { "Dragoman" }
                    nav {
                        a href="/" { "Stories" }
                        a href="/entities" { "Actors" }
                        a href="/search" { "Search" }
                    }
                    form action="/search" method="get" role="search" {
                        input type="search" name="q" value=(search) placeholder="Search articles" aria-label="Search articles";
                    }
                } }
                main { (body) }
            }
        }
    }
}

/// A readable date ("3 Mar 2025") for `YYYY-MM-DD`, else the text as given.
pub fn day(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_else(|_| date.to_owned())
}

/// The CSS class of a kind of entity.
pub fn kind_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Organization => "organization",
        Kind::Government => "government",
        Kind::Gpe => "gpe",
        Kind::Location => "location",
        Kind::Norp => "norp",
        Kind::Misc => "misc",
    }
}

/// A kind of entity in words.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Organization => "organisation",
        Kind::Government => "government",
        Kind::Gpe => "country or state",
        Kind::Location => "place",
        Kind::Norp => "group",
        Kind::Misc => "other",
    }
}

/// Inline pieces of a sentence: plain text, a mention or a time expression.
enum Inline<'a> {
    Mention(&'a dragoman_model::Mention),
    Time(&'a dragoman_model::TimeExpr),
}

/// Renders `text[span]` with the mentions and time expressions inside it.
fn inline_text(text: &str, span: Span, marks: &[(Span, Inline<'_>)]) -> Markup {
    let mut pieces: Vec<Markup> = Vec::new();
    let mut at = span.start;
    for (mark, inline) in marks {
        if mark.start < at || !span.contains(*mark) || mark.is_empty() {
            continue;
        }
        let (Some(before), Some(inner)) =
            (text.get(at..mark.start), text.get(mark.start..mark.end))
        else {
            continue;
        };
        pieces.push(html! { (before) });
        pieces.push(match inline {
            Inline::Mention(m) => match &m.entity {
                Some(entity) => html! {
                    a class={ "m " (kind_class(m.kind)) } href={ "/entities/" (encode(entity)) } { (inner) }
                },
                None => html! { span class={ "m " (kind_class(m.kind)) } { (inner) } },
            },
            Inline::Time(t) => html! {
                time.t datetime=[t.value.as_deref()] title=[t.value.as_deref()] { (inner) }
            },
        });
        at = mark.end;
    }
    if let Some(rest) = text.get(at..span.end) {
        pieces.push(html! { (rest) });
    }
    html! { @for p in pieces { (p) } }
}

/// The article's text as paragraphs of sentences, each sentence an anchor
/// (`id="s-START-END"`); every cited span that is not a sentence becomes an empty anchor at the
/// start of the sentence holding its first byte, so that `:target` highlights that sentence.
pub fn article_text(doc: &Doc, cited: &[Span]) -> Markup {
    let text = &doc.article.text;
    let paragraphs: Vec<Span> = if doc.article.paragraphs.is_empty() {
        vec![Span::new(0, text.len())]
    } else {
        doc.article.paragraphs.clone()
    };
    // Sentences, or the paragraphs themselves when the text was not segmented.
    let blocks: Vec<Span> = if doc.sentences.is_empty() {
        paragraphs.clone()
    } else {
        doc.sentences.iter().map(|s| s.span).collect()
    };
    let mut extra: HashMap<usize, Vec<Span>> = HashMap::new();
    for span in cited {
        if blocks.contains(span) {
            continue;
        }
        let i = blocks
            .partition_point(|b| b.end <= span.start)
            .min(blocks.len().saturating_sub(1));
        let list = extra.entry(i).or_default();
        if !list.contains(span) {
            list.push(*span);
        }
    }
    let mut marks: Vec<(Span, Inline<'_>)> = doc
        .mentions
        .iter()
        .map(|m| (m.span, Inline::Mention(m)))
        .chain(doc.times.iter().map(|t| (t.span, Inline::Time(t))))
        .collect();
    marks.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let quoted = |b: Span| doc.quotes.iter().any(|q| q.content_span.overlaps(b));
    let sentence = |i: usize, block: Span| {
        let from = marks.partition_point(|(s, _)| s.start < block.start);
        let to = marks.partition_point(|(s, _)| s.start < block.end);
        html! {
            span id=(anchor(block)) class={ "s" @if quoted(block) { " quoted" } } {
                @for extra in extra.get(&i).map(Vec::as_slice).unwrap_or(&[]) {
                    span.anchor id=(anchor(*extra)) {}
                }
                (inline_text(text, block, marks.get(from..to).unwrap_or(&[])))
            }
        }
    };
    let mut out = String::new();
    for paragraph in &paragraphs {
        let mut pieces: Vec<Markup> = Vec::new();
        let mut at = paragraph.start;
        for (i, block) in blocks.iter().enumerate() {
            if !paragraph.contains(*block) || block.start < at {
                continue;
            }
            if let Some(gap) = text.get(at..block.start) {
                pieces.push(html! { (gap) });
            }
            pieces.push(sentence(i, *block));
            at = block.end;
        }
        if let Some(rest) = text.get(at..paragraph.end) {
            pieces.push(html! { (rest) });
        }
        out.push_str(&html! { p { @for piece in pieces { (piece) } } }.into_string());
    }
    PreEscaped(out)
}

/// True when an event's date or status is not certain: planned, proposed or ongoing, or a
/// date known only to the week or coarser.
pub fn uncertain(event: &Event) -> bool {
    matches!(
        event.status,
        EventStatus::Planned | EventStatus::Proposed | EventStatus::Ongoing
    ) || event
        .date
        .as_ref()
        .and_then(|d| d.precision)
        .is_some_and(|p| p > Precision::Day)
}

/// The marker class of an event in charts and lists.
pub fn event_class(event: &Event) -> &'static str {
    if event.status == EventStatus::Denied {
        "denied"
    } else if uncertain(event) {
        "uncertain"
    } else {
        "certain"
    }
}

/// An event's status in words.
pub fn status_label(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Happened => "happened",
        EventStatus::Ongoing => "under way",
        EventStatus::Planned => "planned",
        EventStatus::Proposed => "proposed",
        EventStatus::Denied => "denied",
    }
}

const WIDTH: f64 = 800.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 40.0;

/// Evenly spaced tick days between `first` and `last` (both included), at most `n`.
fn ticks(first: NaiveDate, last: NaiveDate, n: i64) -> Vec<NaiveDate> {
    let span = (last - first).num_days().max(0);
    if span == 0 {
        return vec![first];
    }
    let n = n.min(span + 1).max(2);
    (0..n)
        .filter_map(|i| first.checked_add_signed(chrono::Duration::days(span * i / (n - 1))))
        .collect()
}

/// The x position of `d` on a time axis from `first` to `last`.
fn x_of(d: NaiveDate, first: NaiveDate, last: NaiveDate) -> f64 {
    let span = (last - first).num_days().max(1) as f64;
    LEFT + (WIDTH - LEFT - RIGHT) * (d - first).num_days() as f64 / span
}

/// A timeline of dated events: one dot per event, stacked in lanes so none overlap; uncertain
/// events hollow and dashed, denied ones hollow and red. Each dot links to its source sentence.
/// With a `window` (the story's own days), events dated outside it are counted at the edges
/// instead of squeezing the rest into a corner.
pub fn timeline(events: &[&Event], window: Option<(NaiveDate, NaiveDate)>) -> Markup {
    let dated: Vec<(NaiveDate, &Event)> = events
        .iter()
        .filter_map(|e| e.date.as_ref().and_then(|d| d.start).map(|d| (d, *e)))
        .collect();
    let inside = |d: NaiveDate| window.is_none_or(|(from, to)| from <= d && d <= to);
    let earlier = dated
        .iter()
        .filter(|(d, _)| window.is_some_and(|(from, _)| *d < from))
        .count();
    let later = dated
        .iter()
        .filter(|(d, _)| window.is_some_and(|(_, to)| *d > to))
        .count();
    let mut sorted: Vec<(NaiveDate, &Event)> =
        dated.into_iter().filter(|(d, _)| inside(*d)).collect();
    sorted.sort_by_key(|(d, _)| *d);
    let (Some(first), Some(last)) = (
        sorted.first().map(|(d, _)| *d),
        sorted.last().map(|(d, _)| *d),
    ) else {
        return html! { p.empty { "No dated events." } };
    };
    let mut lanes: Vec<f64> = Vec::new();
    let mut dots = Vec::new();
    for (date, event) in sorted {
        let x = x_of(date, first, last);
        let lane = match lanes.iter().position(|end| *end + 16.0 <= x) {
            Some(i) => i,
            None => {
                lanes.push(f64::MIN);
                lanes.len() - 1
            }
        };
        if let Some(end) = lanes.get_mut(lane) {
            *end = x;
        }
        dots.push((x, lane, date, event));
    }
    let height = 50.0 + 20.0 * lanes.len() as f64;
    let axis_y = height - 28.0;
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-label="Timeline of events" {
            line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(axis_y) y2=(axis_y) {}
            @for t in ticks(first, last, 6) {
                @let x = x_of(t, first, last);
                line.axis x1=(x) x2=(x) y1=(axis_y) y2=(axis_y + 4.0) {}
                text x=(x) y=(axis_y + 18.0) text-anchor="middle" { (t.format("%-d %b %Y")) }
            }
            @if earlier > 0 {
                text.edge x="4" y="14" { "← " (earlier) " earlier" }
            }
            @if later > 0 {
                text.edge x=(WIDTH - 4.0) y="14" text-anchor="end" { (later) " later →" }
            }
            @for (x, lane, date, event) in &dots {
                @let y = axis_y - 16.0 - 20.0 * *lane as f64;
                @let label = format!("{} · {} · {} ({})", date.format("%-d %b %Y"), event_kind(event), event.summary, status_label(event.status));
                @match event.sources.first() {
                    Some(source) => a href=(source_href(source)) {
                        circle class={ "dot " (event_class(event)) } cx=(x) cy=(y) r="6" { title { (label) } }
                    },
                    None => circle class={ "dot " (event_class(event)) } cx=(x) cy=(y) r="6" { title { (label) } },
                }
            }
        }
    }
}

/// An event's kind in words.
pub fn event_kind(event: &Event) -> String {
    serde_json::to_value(event.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
        .replace('_', " ")
}

/// A bar chart of mentions per day.
pub fn mentions_chart(days: &[DayCount]) -> Markup {
    let parsed: BTreeMap<NaiveDate, usize> = days
        .iter()
        .filter_map(|d| {
            NaiveDate::parse_from_str(&d.day, "%Y-%m-%d")
                .ok()
                .map(|day| (day, d.mentions))
        })
        .collect();
    let (Some((&first, _)), Some((&last, _))) = (parsed.first_key_value(), parsed.last_key_value())
    else {
        return html! { p.empty { "No dated mentions." } };
    };
    let (first, last) = if first == last {
        (
            first.pred_opt().unwrap_or(first),
            last.succ_opt().unwrap_or(last),
        )
    } else {
        (first, last)
    };
    let max = parsed.values().copied().max().unwrap_or(1).max(1) as f64;
    let height = 180.0;
    let axis_y = height - 28.0;
    let days_span = (last - first).num_days().max(1) as f64;
    let bar = ((WIDTH - LEFT - RIGHT) / (days_span + 1.0) * 0.7).clamp(2.0, 28.0);
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-label="Mentions per day" {
            line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(axis_y) y2=(axis_y) {}
            text x=(LEFT - 6.0) y="20" text-anchor="end" { (max as usize) }
            @for t in ticks(first, last, 6) {
                @let x = x_of(t, first, last);
                text x=(x) y=(axis_y + 18.0) text-anchor="middle" { (t.format("%-d %b")) }
            }
            @for (d, n) in &parsed {
                @let h = (axis_y - 16.0) * *n as f64 / max;
                rect.bar x=(x_of(*d, first, last) - bar / 2.0) y=(axis_y - h) width=(bar) height=(h) {
                    title { (d.format("%-d %b %Y")) ": " (n) " mention" @if *n != 1 { "s" } }
                }
            }
        }
    }
}

/// The embedded stylesheet.
pub const STYLE: &str = include_str!("../assets/style.css");

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::{Article, Mention, Sentence};

    fn doc() -> Doc {
        let mut a = Article::from_paragraphs(
            "t",
            ["Envoys met <b>in</b> Oslo. Talks go on.", "Next day."],
        );
        a.id = "x/1".into();
        let mut d = Doc::new(a);
        d.sentences = vec![
            Sentence {
                span: Span::new(0, 26),
                paragraph: 0,
            },
            Sentence {
                span: Span::new(27, 39),
                paragraph: 0,
            },
            Sentence {
                span: Span::new(41, 50),
                paragraph: 1,
            },
        ];
        d.mentions = vec![Mention {
            span: Span::new(21, 25),
            text: "Oslo".into(),
            kind: Kind::Gpe,
            role: None,
            role_span: None,
            key: None,
            metonymy: false,
            sentence: 0,
            entity: Some("gpe:norway".into()),
        }];
        d
    }

    #[test]
    fn sentences_are_anchors_and_text_is_escaped() {
        let html = article_text(&doc(), &[Span::new(33, 39), Span::new(0, 26)]).into_string();
        assert!(html.contains(r#"<span id="s-0-26" class="s">"#), "{html}");
        assert!(html.contains("&lt;b&gt;in&lt;/b&gt;"), "{html}");
        assert!(
            html.contains(r#"<span class="anchor" id="s-33-39"></span>Talks"#),
            "{html}"
        );
        assert!(
            html.contains(r#"href="/entities/gpe:norway">Oslo</a>"#),
            "{html}"
        );
        assert!(
            html.contains("<p><span id=\"s-41-50\" class=\"s\">Next day.</span></p>"),
            "{html}"
        );
    }

    #[test]
    fn bad_spans_do_not_panic() {
        let mut d = doc();
        d.mentions[0].span = Span::new(22, 500);
        d.sentences.push(Sentence {
            span: Span::new(600, 700),
            paragraph: 1,
        });
        let html = article_text(&d, &[Span::new(900, 901)]).into_string();
        assert!(html.contains("Oslo"));
    }

    #[test]
    fn ids_are_encoded_in_links() {
        assert_eq!(
            source_href(&Source::new("a b/c", Span::new(1, 2))),
            "/articles/a%20b%2Fc#s-1-2"
        );
    }

    #[test]
    fn timeline_counts_events_outside_the_story_window_at_the_edges() {
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d);
        let event = |date: Option<NaiveDate>| Event {
            kind: dragoman_model::EventKind::Meeting,
            summary: "envoys meet".into(),
            date: date.map(|d| dragoman_model::TimeExpr {
                text: "x".into(),
                value: Some(d.to_string()),
                start: Some(d),
                end: Some(d),
                ..dragoman_model::TimeExpr::default()
            }),
            ..Event::default()
        };
        let events = [
            event(day(2, 24)),
            event(day(8, 15)),
            event(day(11, 20)),
            event(day(11, 25)),
            event(day(12, 30)),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let window = day(11, 13).zip(day(12, 17));
        let svg = timeline(&refs, window).into_string();
        assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
        assert!(svg.contains("2 earlier"), "{svg}");
        assert!(svg.contains("1 later"), "{svg}");
        let all = timeline(&refs, None).into_string();
        assert_eq!(all.matches("<circle").count(), 5);
        assert!(!all.contains("earlier"));
    }
}
