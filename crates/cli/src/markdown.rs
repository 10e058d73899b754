//! The markdown report: one section per story, every item followed by its sources.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use dragoman_model::{Article, Entity, Event, EventStatus, Report, Source, Story, party_of};

/// Renders a report as markdown for people.
pub fn render(report: &Report) -> String {
    let view = View::new(report);
    let mut out = String::new();
    let outlets: BTreeSet<&str> = report.articles.iter().map(|a| a.outlet_name()).collect();
    let _ = writeln!(out, "# Dragoman report\n");
    let _ = writeln!(
        out,
        "{} articles from {} outlets in {} stories; {} entities, {} quotes, {} positions, {} events, {} facts, {} contradictions.\n",
        report.articles.len(),
        outlets.len(),
        report.stories.len(),
        report.entities.len(),
        report.quotes.len(),
        report.positions.len(),
        report.events.len(),
        report.facts.len(),
        report.contradictions.len()
    );
    let _ = writeln!(
        out,
        "Sources are written `[article:start-end]`: byte offsets into the article's clean text. \
         Quotes, positions and events found only in copies of another article (see *Copies*) \
         are not repeated.\n"
    );
    for story in &report.stories {
        view.story(&mut out, story);
    }
    view.duplicates(&mut out);
    view.problems(&mut out);
    out
}

struct View<'a> {
    report: &'a Report,
    articles: HashMap<&'a str, &'a Article>,
    entities: HashMap<&'a str, &'a Entity>,
    /// Articles that copy another: their items repeat the origin's and are not listed again.
    copies: BTreeSet<&'a str>,
}

impl<'a> View<'a> {
    fn new(report: &'a Report) -> Self {
        View {
            report,
            articles: report.articles.iter().map(|a| (a.id.as_str(), a)).collect(),
            entities: report.entities.iter().map(|e| (e.id.as_str(), e)).collect(),
            copies: report
                .duplicates
                .iter()
                .map(|d| d.article.as_str())
                .collect(),
        }
    }

    /// True when every source of an item lies in a copy of another article.
    fn only_in_copies(&self, sources: &[Source]) -> bool {
        !sources.is_empty()
            && sources
                .iter()
                .all(|s| self.copies.contains(s.article.as_str()))
    }

    fn entity_name(&self, id: Option<&str>, fallback: &'a str) -> String {
        id.and_then(|id| self.entities.get(id))
            .map_or_else(|| fallback.to_string(), |e| e.name.clone())
    }

    /// `TASS, 2025-09-05 [id:10-80]` for each source, deduplicated.
    fn cite(&self, sources: &[Source]) -> String {
        let mut seen = BTreeSet::new();
        let mut parts = Vec::new();
        for source in sources {
            if !seen.insert((&source.article, source.start)) {
                continue;
            }
            let article = self.articles.get(source.article.as_str());
            let outlet = article.map_or("?", |a| a.outlet_name());
            let date = article
                .and_then(|a| a.date())
                .map(|d| format!(", {d}"))
                .unwrap_or_default();
            parts.push(format!(
                "{outlet}{date} `[{}:{}-{}]`",
                source.article, source.start, source.end
            ));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" — {}", parts.join("; "))
        }
    }

    fn story(&self, out: &mut String, story: &Story) {
        let _ = writeln!(out, "## Story {}: {}\n", story.id, one_line(&story.title));
        let _ = writeln!(
            out,
            "| date | outlet | title | article |\n|---|---|---|---|"
        );
        for id in &story.articles {
            if let Some(a) = self.articles.get(id.as_str()) {
                let date = match a.date() {
                    Some(d) if a.year_inferred() => format!("{d} (year inferred)"),
                    Some(d) => d.to_string(),
                    None => "?".into(),
                };
                let title = a.title.as_deref().map(one_line).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "| {date} | {} | {} | `{}` |",
                    cell(a.outlet_name()),
                    cell(&title),
                    a.id
                );
            }
        }
        out.push('\n');
        let in_story: BTreeSet<&str> = story.articles.iter().map(String::as_str).collect();
        self.story_entities(out, &in_story);
        self.positions(out, &story.id);
        self.quotes(out, &story.id);
        self.timeline(out, &story.id);
        self.facts(out, &story.id);
        self.contradictions(out, &story.id);
        self.framing(out, &story.id);
    }

    fn story_entities(&self, out: &mut String, in_story: &BTreeSet<&str>) {
        let mut entities: Vec<&Entity> = self
            .report
            .entities
            .iter()
            .filter(|e| e.articles.iter().any(|a| in_story.contains(a.as_str())))
            .collect();
        if entities.is_empty() {
            return;
        }
        entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
        let _ = writeln!(
            out,
            "### Who\n\n| entity | kind | also written | roles | mentions |\n|---|---|---|---|---|"
        );
        for e in entities.iter().take(25) {
            let kind = format!("{:?}", e.kind).to_lowercase();
            let aliases = e
                .aliases
                .iter()
                .take(6)
                .map(|a| cell(a))
                .collect::<Vec<_>>()
                .join(", ");
            let roles = e
                .roles
                .iter()
                .take(3)
                .map(|r| cell(&r.title))
                .collect::<Vec<_>>()
                .join("; ");
            let _ = writeln!(
                out,
                "| {} | {kind} | {aliases} | {roles} | {} |",
                cell(&e.name),
                e.mentions
            );
        }
        if entities.len() > 25 {
            let _ = writeln!(
                out,
                "\n…and {} more (see the JSON report).",
                entities.len() - 25
            );
        }
        out.push('\n');
    }

    fn positions(&self, out: &mut String, story: &str) {
        let positions: Vec<_> = self
            .report
            .positions
            .iter()
            .filter(|p| p.story.as_deref() == Some(story) && !self.only_in_copies(&p.sources))
            .collect();
        if positions.is_empty() {
            return;
        }
        // party → issue → stance → actor → count: a minister's and a ministry's stances are
        // their country's, each still named in its cell.
        type Cell = BTreeMap<String, BTreeMap<String, usize>>;
        let mut matrix: BTreeMap<String, BTreeMap<&str, Cell>> = BTreeMap::new();
        for p in &positions {
            let actor = self.entity_name(p.actor.as_deref(), &p.actor_name);
            let party = p.actor.as_deref().map_or_else(
                || actor.clone(),
                |id| {
                    let top = party_of(id, |e| self.entities.get(e)?.parent.clone());
                    self.entity_name(Some(&top), &p.actor_name)
                },
            );
            let stance = format!("{:?}", p.stance).to_lowercase();
            *matrix
                .entry(party)
                .or_default()
                .entry(p.issue.as_str())
                .or_default()
                .entry(stance)
                .or_default()
                .entry(actor)
                .or_default() += 1;
        }
        let issues: BTreeSet<&str> = positions
            .iter()
            .map(|p| p.issue.as_str())
            .filter(|i| !i.starts_with("other:"))
            .collect();
        let _ = writeln!(
            out,
            "### Positions\n\nBy party: a person or office counts for the country or body it belongs to and is named in the cell.\n"
        );
        if !issues.is_empty() {
            let _ = write!(out, "| party |");
            for issue in &issues {
                let _ = write!(out, " {issue} |");
            }
            let _ = write!(out, "\n|---|");
            for _ in &issues {
                out.push_str("---|");
            }
            out.push('\n');
            // The parties that took most stances first.
            let weight = |row: &BTreeMap<&str, Cell>| -> usize {
                row.iter()
                    .filter(|(issue, _)| issues.contains(*issue))
                    .flat_map(|(_, stances)| stances.values())
                    .flat_map(|actors| actors.values())
                    .sum()
            };
            let mut rows: Vec<_> = matrix.iter().filter(|(_, row)| weight(row) > 0).collect();
            rows.sort_by_key(|(_, row)| std::cmp::Reverse(weight(row)));
            for (party, row) in rows {
                let _ = write!(out, "| {} |", cell(party));
                for issue in &issues {
                    let value = row
                        .get(issue)
                        .map(|stances| {
                            stances
                                .iter()
                                .map(|(stance, actors)| stance_cell(party, stance, actors))
                                .collect::<Vec<_>>()
                                .join("; ")
                        })
                        .unwrap_or_default();
                    let _ = write!(out, " {} |", cell(&value));
                }
                out.push('\n');
            }
            out.push('\n');
        }
        for p in &positions {
            let actor = self.entity_name(p.actor.as_deref(), &p.actor_name);
            let by = p
                .reported_by
                .as_deref()
                .map(|r| format!(" (reported by {r})"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}** {} on *{}*: {}{by}{}",
                actor,
                format!("{:?}", p.stance).to_lowercase(),
                p.issue,
                one_line(&p.text),
                self.cite(&p.sources)
            );
        }
        out.push('\n');
    }

    fn quotes(&self, out: &mut String, story: &str) {
        // Keyed by (no speaker, name in lower case): "Experts" and "experts" are one group, and
        // the quotes nobody is named for come last, whatever their number.
        let mut by_speaker: BTreeMap<(bool, String), (String, Vec<_>)> = BTreeMap::new();
        for q in self
            .report
            .quotes
            .iter()
            .filter(|q| q.story.as_deref() == Some(story))
        {
            let named = q.speaker.is_some() || q.speaker_name.is_some();
            let name = self.entity_name(
                q.speaker.as_deref(),
                q.speaker_name.as_deref().unwrap_or("(unattributed)"),
            );
            by_speaker
                .entry((!named, name.to_lowercase()))
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(q);
        }
        if by_speaker.is_empty() {
            return;
        }
        let _ = writeln!(out, "### Who said what\n");
        let mut speakers: Vec<_> = by_speaker.into_iter().collect();
        speakers.sort_by(|(a, (_, a_quotes)), (b, (_, b_quotes))| {
            (a.0, b_quotes.len(), &a.1).cmp(&(b.0, a_quotes.len(), &b.1))
        });
        for (_, (speaker, quotes)) in speakers {
            let _ = writeln!(out, "**{speaker}**\n");
            for q in quotes {
                let text = if q.direct {
                    format!("“{}”", one_line(&q.text))
                } else {
                    one_line(&q.text)
                };
                let cue = q
                    .cue
                    .as_deref()
                    .map(|c| format!("*{c}*: "))
                    .unwrap_or_default();
                let _ = writeln!(out, "- {cue}{text}{}", self.cite(&q.sources));
            }
            out.push('\n');
        }
    }

    fn timeline(&self, out: &mut String, story: &str) {
        // One row per reporting sentence and date: a sentence that reports a meeting and an
        // agreement of the same day is one line with both kinds; talks held on Monday and a
        // meeting planned for Friday are two.
        let when = |e: &Event| (e.date.as_ref().map(|d| d.value.clone()), e.status);
        let mut rows: Vec<(&Event, Vec<String>)> = Vec::new();
        for e in self
            .report
            .events
            .iter()
            .filter(|e| e.story.as_deref() == Some(story) && !self.only_in_copies(&e.sources))
        {
            let kind = format!("{:?}", e.kind).to_lowercase();
            match rows.iter_mut().find(|(first, _)| {
                first.sources.first() == e.sources.first() && when(first) == when(e)
            }) {
                Some((_, kinds)) if !kinds.contains(&kind) => kinds.push(kind),
                Some(_) => {}
                None => rows.push((e, vec![kind])),
            }
        }
        if rows.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "### Timeline\n\nEvents without a date of their own are placed on the day of the article that reports them (*reported*).\n\n| when | what | status | who | where | source |\n|---|---|---|---|---|---|"
        );
        for (e, kinds) in rows {
            let when = match &e.date {
                Some(d) => match &d.value {
                    Some(v) => format!("{v} ({})", cell(&d.text)),
                    None => format!("? ({})", cell(&d.text)),
                },
                None => e
                    .sources
                    .first()
                    .and_then(|s| self.articles.get(s.article.as_str()))
                    .and_then(|a| a.date())
                    .map_or_else(|| "undated".into(), |d| format!("*reported {d}*")),
            };
            let who = e
                .participants
                .iter()
                .map(|id| self.entity_name(Some(id), id))
                .chain(
                    e.participants
                        .is_empty()
                        .then(|| e.participant_names.join(", ")),
                )
                .filter(|s| !s.is_empty())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
                .join(", ");
            let status = match e.status {
                EventStatus::Happened => "happened",
                EventStatus::Ongoing => "ongoing",
                EventStatus::Planned => "planned",
                EventStatus::Proposed => "proposed (uncertain)",
                EventStatus::Denied => "denied / did not happen",
            };
            let _ = writeln!(
                out,
                "| {when} | {}: {} | {status} | {} | {} |{} |",
                kinds.join(", "),
                cell(&shorten(&e.summary, 160)),
                cell(&who),
                cell(e.place.as_deref().unwrap_or("")),
                cell(&self.cite(&e.sources))
            );
        }
        out.push('\n');
    }

    fn facts(&self, out: &mut String, story: &str) {
        let facts: Vec<_> = self
            .report
            .facts
            .iter()
            .filter(|f| f.story.as_deref() == Some(story))
            .collect();
        if facts.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "### Facts ledger\n\n| fact | subject | attribute | value | outlets |\n|---|---|---|---|---|"
        );
        for f in &facts {
            let outlets = if f.exclusive {
                format!("{} (only)", f.outlets.join(", "))
            } else {
                f.outlets.join(", ")
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                f.id,
                cell(&f.subject),
                cell(&f.attribute),
                cell(&f.value),
                cell(&outlets)
            );
        }
        let exclusive: Vec<_> = facts.iter().filter(|f| f.exclusive).collect();
        if !exclusive.is_empty() {
            let _ = writeln!(out, "\n**Reported by one outlet only**\n");
            for f in exclusive {
                let _ = writeln!(
                    out,
                    "- {} · {} = {}: “{}”{}",
                    f.subject,
                    f.attribute,
                    f.value,
                    one_line(&f.text),
                    self.cite(&f.sources)
                );
            }
        }
        out.push('\n');
    }

    fn contradictions(&self, out: &mut String, story: &str) {
        let found: Vec<_> = self
            .report
            .contradictions
            .iter()
            .filter(|c| c.story.as_deref() == Some(story))
            .collect();
        if found.is_empty() {
            return;
        }
        let _ = writeln!(out, "### Contradictions\n");
        for c in found {
            let _ = writeln!(
                out,
                "- **{} · {}** ({:?} severity)",
                c.subject, c.attribute, c.severity
            );
            for v in &c.values {
                let _ = writeln!(
                    out,
                    "  - {} — {}: “{}”{}",
                    v.value,
                    v.outlets.join(", "),
                    one_line(&v.text),
                    self.cite(&v.sources)
                );
            }
        }
        out.push('\n');
    }

    fn framing(&self, out: &mut String, story: &str) {
        let framings: Vec<_> = self
            .report
            .framing
            .iter()
            .filter(|f| f.story == story)
            .collect();
        if framings.is_empty() {
            return;
        }
        let _ = writeln!(out, "### Framing by outlet\n");
        for f in framings {
            let _ = writeln!(out, "**{}**\n", f.outlet);
            if !f.distinctive_terms.is_empty() {
                let terms: Vec<_> = f
                    .distinctive_terms
                    .iter()
                    .map(|t| format!("{} ({:.1})", t.term, t.score))
                    .collect();
                let _ = writeln!(out, "- distinctive terms: {}", terms.join(", "));
            }
            if !f.loaded_terms.is_empty() {
                let terms: Vec<_> = f
                    .loaded_terms
                    .iter()
                    .map(|t| format!("“{}” ×{}", t.term, t.score))
                    .collect();
                let _ = writeln!(out, "- loaded language: {}", terms.join(", "));
            }
            if !f.voices.is_empty() {
                let voices: Vec<_> = f
                    .voices
                    .iter()
                    .map(|v| format!("{} {:.0}%", v.name, v.share * 100.0))
                    .collect();
                let _ = writeln!(out, "- voices quoted: {}", voices.join(", "));
            }
            if !f.tone.is_empty() {
                let tone: Vec<_> = f
                    .tone
                    .iter()
                    .map(|t| format!("{} {:+.2}", t.name, t.score))
                    .collect();
                let _ = writeln!(out, "- tone: {}", tone.join(", "));
            }
            if !f.omits.is_empty() {
                let omitted: Vec<String> = f
                    .omits
                    .iter()
                    .map(|id| {
                        self.report
                            .facts
                            .iter()
                            .find(|fact| &fact.id == id)
                            .map_or_else(
                                || id.clone(),
                                |fact| {
                                    format!("{} · {}: {}", fact.subject, fact.attribute, fact.value)
                                },
                            )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "- leaves out facts others report: {}",
                    omitted.join("; ")
                );
            }
            out.push('\n');
        }
    }

    fn duplicates(&self, out: &mut String) {
        if self.report.duplicates.is_empty() {
            return;
        }
        let _ = writeln!(out, "## Copies\n");
        for d in &self.report.duplicates {
            let outlet = |id: &str| {
                self.articles
                    .get(id)
                    .map_or("?", |a| a.outlet_name())
                    .to_string()
            };
            let _ = writeln!(
                out,
                "- `{}` ({}) copies `{}` ({}), similarity {:.2}",
                d.article,
                outlet(&d.article),
                d.duplicate_of,
                outlet(&d.duplicate_of),
                d.similarity
            );
            for change in d.changes.iter().take(5) {
                let _ = writeln!(out, "  - {}", one_line(change));
            }
        }
        out.push('\n');
    }

    fn problems(&self, out: &mut String) {
        if self.report.problems.is_empty() {
            return;
        }
        let _ = writeln!(out, "## Input problems\n");
        for p in &self.report.problems {
            let level = if p.fatal { "skipped" } else { "warning" };
            let _ = writeln!(out, "- {level}: `{}`: {}", p.origin, one_line(&p.message));
        }
        out.push('\n');
    }
}

/// Text on one line, cut at a word boundary after about `max` characters.
fn shorten(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// Text on one line, white space collapsed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text safe inside a markdown table cell.
/// One stance in a positions cell: "rejects", or "rejects (Sergey Lavrov, Kremlin ×2)" when
/// others than the party itself took it.
fn stance_cell(party: &str, stance: &str, actors: &BTreeMap<String, usize>) -> String {
    let count = |name: &str, n: usize| {
        if n > 1 {
            format!("{name} ×{n}")
        } else {
            name.to_string()
        }
    };
    if actors.keys().all(|a| a == party) {
        return count(stance, actors.values().sum());
    }
    let who: Vec<String> = actors.iter().map(|(a, n)| count(a, *n)).collect();
    format!("{stance} ({})", who.join(", "))
}

fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::{
        EventKind, EventStatus, Kind, Polarity, Position, Quote, Source, Span, Stance, TimeExpr,
    };

    fn entity(id: &str, name: &str, kind: Kind, parent: Option<&str>) -> Entity {
        Entity {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            roles: Vec::new(),
            parent: parent.map(str::to_string),
            mentions: 1,
            articles: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn position(actor: &str, name: &str, stance: Stance) -> Position {
        Position {
            actor: Some(actor.to_string()),
            actor_name: name.to_string(),
            actor_span: None,
            reported_by: None,
            stance,
            issue: "ceasefire".to_string(),
            text: "a truce along the river".to_string(),
            polarity: Polarity::Positive,
            sources: Vec::new(),
            story: Some("s1".to_string()),
        }
    }

    #[test]
    fn the_positions_matrix_has_one_row_per_party_naming_who_took_each_stance() {
        let report = Report {
            stories: vec![Story {
                id: "s1".to_string(),
                title: "Truce talks".to_string(),
                articles: Vec::new(),
                outlets: Vec::new(),
                entities: Vec::new(),
            }],
            entities: vec![
                entity("gpe:northland", "Northland", Kind::Gpe, None),
                entity(
                    "gov:northland",
                    "Government of Northland",
                    Kind::Government,
                    Some("gpe:northland"),
                ),
                entity(
                    "per:ana-berg",
                    "Ana Berg",
                    Kind::Person,
                    Some("gov:northland"),
                ),
            ],
            positions: vec![
                position("per:ana-berg", "Berg", Stance::Rejects),
                position("per:ana-berg", "Ana Berg", Stance::Rejects),
                position("gov:northland", "the government", Stance::Offers),
                position("gpe:northland", "Northland", Stance::Demands),
            ],
            ..Report::default()
        };
        let md = render(&report);
        let row = md
            .lines()
            .find(|l| l.starts_with("| Northland |"))
            .unwrap_or_else(|| panic!("no Northland row in:\n{md}"));
        assert_eq!(
            row,
            "| Northland | demands; offers (Government of Northland); rejects (Ana Berg ×2) |"
        );
        assert!(!md.contains("| Ana Berg |"), "{md}");
    }

    #[test]
    fn speakers_differing_in_case_share_a_group_and_the_unattributed_come_last() {
        let quote = |speaker: Option<&str>, text: &str| Quote {
            speaker_name: speaker.map(str::to_string),
            cue: Some("said".to_string()),
            text: text.to_string(),
            story: Some("s1".to_string()),
            ..Quote::default()
        };
        let report = Report {
            stories: vec![Story {
                id: "s1".to_string(),
                title: "Harbour talks".to_string(),
                articles: Vec::new(),
                outlets: Vec::new(),
                entities: Vec::new(),
            }],
            quotes: vec![
                quote(None, "the harbour would reopen"),
                quote(None, "the pilots were ready"),
                quote(None, "tolls would fall"),
                quote(Some("Engineers"), "the pier was sound"),
                quote(Some("engineers"), "the cranes were old"),
                quote(Some("the mayor"), "the city would pay"),
            ],
            ..Report::default()
        };
        let md = render(&report);
        let heads: Vec<&str> = md.lines().filter(|l| l.starts_with("**")).collect();
        assert_eq!(
            heads,
            ["**Engineers**", "**the mayor**", "**(unattributed)**"],
            "{md}"
        );
    }

    #[test]
    fn a_sentence_with_events_of_two_dates_gives_two_timeline_rows() {
        let event = |kind: EventKind, value: &str, status: EventStatus| Event {
            kind,
            summary: "After talks on Monday failed, the envoys said they would meet on Friday."
                .to_string(),
            date: Some(TimeExpr {
                value: Some(value.to_string()),
                text: value.to_string(),
                ..TimeExpr::default()
            }),
            status,
            sources: vec![Source::new("a1", Span::new(0, 70))],
            story: Some("s1".to_string()),
            ..Event::default()
        };
        let report = Report {
            stories: vec![Story {
                id: "s1".to_string(),
                title: "Envoys".to_string(),
                articles: Vec::new(),
                outlets: Vec::new(),
                entities: Vec::new(),
            }],
            events: vec![
                event(EventKind::Talks, "2026-03-09", EventStatus::Happened),
                event(EventKind::Statement, "2026-03-09", EventStatus::Happened),
                event(EventKind::Meeting, "2026-03-13", EventStatus::Planned),
            ],
            ..Report::default()
        };
        let md = render(&report);
        let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| 2026")).collect();
        assert_eq!(rows.len(), 2, "{md}");
        assert!(rows[0].contains("talks, statement:"), "{md}");
        assert!(
            rows[1].contains("meeting:") && rows[1].contains("planned"),
            "{md}"
        );
    }
}
