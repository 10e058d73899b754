//! Stance facts: the positions of a story turned into facts, so that outlets that disagree on
//! what a party holds show up as contradictions.
//!
//! A position becomes the fact `<holder> · stance on <issue> · <class> (<stance>)`:
//!
//! - the subject is the party that HOLDS the position (its resolved entity's name), never the
//!   party or outlet that reports it; a position one party attributes to another ("Kyiv says
//!   Moscow rejected the plan") keeps the reporter in the value: `against (rejects, per Kyiv)`;
//! - the class is `for` or `against` the content (its polarity), or `conditional` for a
//!   position made conditional on something else, which clashes with neither; warnings hold no
//!   stance on the content and give no fact;
//! - the stance word says how direct the position is; a negated cue whose stance keeps its
//!   word is written with `not` ("does not want" → `against (not demands)`).
//!
//! A party may change its position while a story runs. Reports of one holder and issue are
//! therefore split into episodes: consecutive reports (by the date of their article) more than
//! [`STANCE_WINDOW_DAYS`] apart start a new episode, and when there are several, each one's
//! subject carries its first day (`Russia (2025-11-20) · stance on ceasefire`, as event
//! subjects do), so that only reports of the same episode are compared. Reports of undated
//! articles join the only episode, else keep the bare subject and are compared among
//! themselves.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use dragoman_model::{Doc, Polarity, Position, Stance};
use dragoman_nlp::positions::UNATTRIBUTED;

use super::{Corpus, Reading, find_in};

/// Reports of one holder and issue more than this many days after the previous one start a
/// new episode of the story: the holder may have changed its mind since.
pub(crate) const STANCE_WINDOW_DAYS: u64 = 3;
/// The prefix of a stance attribute; the issue follows it.
pub(crate) const STANCE_PREFIX: &str = "stance on ";

/// Where a holder stands on a content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// For the content.
    For,
    /// Against the content.
    Against,
    /// For it only on conditions.
    Conditional,
}

impl Class {
    fn as_str(self) -> &'static str {
        match self {
            Class::For => "for",
            Class::Against => "against",
            Class::Conditional => "conditional",
        }
    }

    fn parse(word: &str) -> Option<Class> {
        match word {
            "for" => Some(Class::For),
            "against" => Some(Class::Against),
            "conditional" => Some(Class::Conditional),
            _ => None,
        }
    }
}

/// A stance value as read back from a fact: `for (accepts)`, `against (not demands, per X)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StanceValue {
    /// For, against or conditional.
    pub class: Class,
    /// The stance word ("accepts", "not demands").
    pub stance: String,
    /// True when another party reports the position for its holder.
    pub hearsay: bool,
}

impl StanceValue {
    /// Parses a value written by [`value`].
    pub(crate) fn parse(value: &str) -> Option<StanceValue> {
        let value = value.trim().to_lowercase();
        let (class, rest) = value.split_once(' ').unwrap_or((value.as_str(), ""));
        let inner = rest
            .trim()
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or("");
        let (stance, reporter) = inner.split_once(", per ").unwrap_or((inner, ""));
        Some(StanceValue {
            class: Class::parse(class)?,
            stance: stance.trim().to_string(),
            hearsay: !reporter.trim().is_empty(),
        })
    }

    /// True when the stance is a direct reaction to a content (accepting, rejecting,
    /// supporting, opposing it) rather than a wish or an offer about the issue.
    pub(crate) fn is_reaction(&self) -> bool {
        matches!(
            self.stance.as_str(),
            "accepts" | "rejects" | "supports" | "opposes"
        )
    }
}

/// The word of a stance.
fn stance_word(stance: Stance) -> &'static str {
    match stance {
        Stance::Demands => "demands",
        Stance::Offers => "offers",
        Stance::Proposes => "proposes",
        Stance::Accepts => "accepts",
        Stance::Rejects => "rejects",
        Stance::Supports => "supports",
        Stance::Opposes => "opposes",
        Stance::Warns => "warns",
        Stance::Conditions => "conditions",
    }
}

/// The polarity a stance has when nothing negates it.
fn natural_polarity(stance: Stance) -> Polarity {
    match stance {
        Stance::Rejects | Stance::Opposes | Stance::Warns => Polarity::Negative,
        _ => Polarity::Positive,
    }
}

/// The value of a position held by `holder`: `None` for a warning, which takes no side on its
/// content.
fn value(position: &Position, holder: &str) -> Option<String> {
    let class = match (position.stance, position.polarity) {
        (Stance::Warns, _) => return None,
        (Stance::Conditions, _) => Class::Conditional,
        (_, Polarity::Positive) => Class::For,
        (_, Polarity::Negative) => Class::Against,
    };
    let not = if position.polarity == natural_polarity(position.stance) {
        ""
    } else {
        "not "
    };
    let word = stance_word(position.stance);
    let reporter = position
        .reported_by
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty() && !r.eq_ignore_ascii_case(holder));
    Some(match reporter {
        Some(r) => format!("{} ({not}{word}, per {r})", class.as_str()),
        None => format!("{} ({not}{word})", class.as_str()),
    })
}

/// A stance reading of one article, with the article's date.
pub(super) struct StanceReading {
    story: Option<String>,
    holder: String,
    issue: String,
    date: Option<NaiveDate>,
    reading: Reading,
}

/// The stance readings of the positions of `doc`: positions with no holder, an unattributed
/// one (only a reporting channel named), an outlet as holder, or no source in the document
/// give none.
pub(super) fn readings(corpus: &Corpus, doc: &Doc) -> Vec<StanceReading> {
    let story = corpus.story(&doc.article.id).map(str::to_string);
    let date = doc.article.date();
    doc.positions
        .iter()
        .filter_map(|position| {
            let holder = position
                .actor
                .as_deref()
                .and_then(|id| corpus.entity_name(id))
                .unwrap_or(position.actor_name.as_str())
                .trim();
            if holder.is_empty()
                || holder == UNATTRIBUTED
                || corpus.is_outlet(holder)
                || position.issue.trim().is_empty()
            {
                return None;
            }
            let value = value(position, holder)?;
            let sentence = position
                .sources
                .iter()
                .find(|s| s.article == doc.article.id)?
                .span();
            let phrase =
                find_in(&doc.article.text, sentence, position.text.trim()).unwrap_or(sentence);
            let issue = position.issue.trim().to_string();
            Some(StanceReading {
                story: story.clone(),
                holder: holder.to_string(),
                reading: Reading::new(
                    doc,
                    holder.to_string(),
                    &format!("{STANCE_PREFIX}{issue}"),
                    value,
                    phrase,
                    sentence,
                ),
                issue,
                date,
            })
        })
        .collect()
}

/// Splits the stance readings of each story, holder and issue into episodes (see the module
/// documentation) and returns them with their final attribute.
pub(super) fn episodes(readings: Vec<StanceReading>) -> Vec<Reading> {
    type Key = (Option<String>, String, String);
    let mut groups: BTreeMap<Key, Vec<StanceReading>> = BTreeMap::new();
    for r in readings {
        let key = (r.story.clone(), r.holder.to_lowercase(), r.issue.clone());
        groups.entry(key).or_default().push(r);
    }
    let mut out = Vec::new();
    for (_, mut group) in groups {
        // Stable: reports of one day keep their order.
        group.sort_by_key(|r| r.date);
        let (dated, undated): (Vec<StanceReading>, Vec<StanceReading>) =
            group.into_iter().partition(|r| r.date.is_some());
        let mut episodes: Vec<(NaiveDate, NaiveDate, Vec<Reading>)> = Vec::new();
        for r in dated {
            let Some(day) = r.date else { continue };
            match episodes.last_mut() {
                Some((_, last, members))
                    if last
                        .checked_add_days(Days::new(STANCE_WINDOW_DAYS))
                        .is_some_and(|limit| day <= limit) =>
                {
                    *last = day;
                    members.push(r.reading);
                }
                _ => episodes.push((day, day, vec![r.reading])),
            }
        }
        if episodes.len() > 1 {
            for (first, _, members) in &mut episodes {
                for reading in members {
                    reading.subject = format!("{} ({first})", reading.subject);
                }
            }
        }
        let undated = undated.into_iter().map(|r| r.reading);
        match episodes.as_mut_slice() {
            [(_, _, members)] => members.extend(undated),
            _ => out.extend(undated),
        }
        out.extend(episodes.into_iter().flat_map(|(_, _, members)| members));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::ledger;
    use super::super::tests::{doc, entity, story};
    use super::*;
    use crate::contradictions::find;
    use dragoman_model::{Contradiction, Fact, Kind, Published, Severity, Source, Span};

    /// A document of `outlet` published on `day` of November 2025, with one position of the
    /// actor `id` (written `written`) whose content is the whole sentence's tail `content`.
    #[allow(clippy::too_many_arguments)]
    fn reported(
        id: &str,
        outlet: &str,
        day: u32,
        sentence: &str,
        written: &str,
        stance: Stance,
        polarity: Polarity,
        content: &str,
    ) -> Doc {
        let mut d = doc(id, outlet, &[sentence]);
        d.article.published = NaiveDate::from_ymd_opt(2025, 11, day).map(Published::day);
        let span = d.sentences.first().map_or(Span::new(0, 0), |s| s.span);
        d.positions.push(Position {
            actor: Some("e1".to_string()),
            actor_name: written.to_string(),
            actor_span: None,
            reported_by: None,
            stance,
            issue: "ceasefire".to_string(),
            text: content.to_string(),
            polarity,
            sources: vec![Source::new(id, span)],
            story: None,
        });
        d
    }

    fn accepts(id: &str, outlet: &str, day: u32) -> Doc {
        reported(
            id,
            outlet,
            day,
            "Northland accepted the truce offer on Monday.",
            "Northland",
            Stance::Accepts,
            Polarity::Positive,
            "the truce offer",
        )
    }

    fn rejects(id: &str, outlet: &str, day: u32) -> Doc {
        reported(
            id,
            outlet,
            day,
            "The northern government rejected the truce offer.",
            "The northern government",
            Stance::Rejects,
            Polarity::Negative,
            "the truce offer",
        )
    }

    fn compare(docs: Vec<Doc>) -> (Vec<Fact>, Vec<Contradiction>) {
        let ids: Vec<String> = docs.iter().map(|d| d.article.id.clone()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let entities = [entity("e1", "Northland", Kind::Gpe, None)];
        let facts = ledger(&docs, &entities, &[story("s1", &ids)], &[]);
        let found = find(&facts);
        (facts, found)
    }

    fn stance_facts(facts: &[Fact]) -> Vec<(&str, &str, &str)> {
        facts
            .iter()
            .filter(|f| f.attribute.starts_with(STANCE_PREFIX))
            .map(|f| (f.subject.as_str(), f.attribute.as_str(), f.value.as_str()))
            .collect()
    }

    #[test]
    fn accepting_and_rejecting_the_same_offer_conflict() {
        let (facts, found) = compare(vec![accepts("a", "Alpha", 10), rejects("b", "Beta", 11)]);
        assert_eq!(
            stance_facts(&facts),
            [
                ("Northland", "stance on ceasefire", "against (rejects)"),
                ("Northland", "stance on ceasefire", "for (accepts)"),
            ]
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let c = &found[0];
        assert_eq!(
            (c.subject.as_str(), c.attribute.as_str(), c.severity),
            ("Northland", "stance on ceasefire", Severity::High)
        );
        let outlets: Vec<&[String]> = c.values.iter().map(|v| v.outlets.as_slice()).collect();
        assert_eq!(outlets, [["Beta".to_string()], ["Alpha".to_string()]]);
        assert_eq!(c.values[1].text, "the truce offer");
    }

    #[test]
    fn one_outlet_never_contradicts_itself() {
        let (_, found) = compare(vec![accepts("a", "Alpha", 10), rejects("b", "Alpha", 10)]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_condition_is_no_clash() {
        let conditional = reported(
            "b",
            "Beta",
            10,
            "Northland would sign only if the truce offer holds.",
            "Northland",
            Stance::Conditions,
            Polarity::Positive,
            "the truce offer holds",
        );
        let (facts, found) = compare(vec![accepts("a", "Alpha", 10), conditional]);
        assert!(
            stance_facts(&facts).contains(&(
                "Northland",
                "stance on ceasefire",
                "conditional (conditions)"
            )),
            "{facts:?}"
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_wish_against_a_refusal_is_a_medium_clash() {
        let wants = reported(
            "a",
            "Alpha",
            10,
            "Northland wants the truce offer signed.",
            "Northland",
            Stance::Demands,
            Polarity::Positive,
            "the truce offer signed",
        );
        let (_, found) = compare(vec![wants, rejects("b", "Beta", 10)]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
    }

    #[test]
    fn a_negated_wish_is_against() {
        let not_wanted = reported(
            "a",
            "Alpha",
            10,
            "Northland does not want the truce offer.",
            "Northland",
            Stance::Demands,
            Polarity::Negative,
            "the truce offer",
        );
        let (facts, found) = compare(vec![not_wanted, accepts("b", "Beta", 10)]);
        assert!(
            stance_facts(&facts).contains(&(
                "Northland",
                "stance on ceasefire",
                "against (not demands)"
            )),
            "{facts:?}"
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
    }

    #[test]
    fn a_stance_reported_by_another_party_is_a_weaker_clash() {
        let mut claimed = rejects("b", "Beta", 10);
        if let Some(p) = claimed.positions.first_mut() {
            p.reported_by = Some("Southland".to_string());
        }
        let (facts, found) = compare(vec![accepts("a", "Alpha", 10), claimed]);
        assert!(
            stance_facts(&facts).contains(&(
                "Northland",
                "stance on ceasefire",
                "against (rejects, per Southland)"
            )),
            "the holder stays the subject, the reporter goes in the value: {facts:?}"
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
    }

    #[test]
    fn a_change_of_stance_days_later_is_no_contradiction() {
        let (facts, found) = compare(vec![
            rejects("a", "Alpha", 3),
            rejects("b", "Beta", 4),
            accepts("c", "Gamma", 12),
        ]);
        assert_eq!(
            stance_facts(&facts),
            [
                (
                    "Northland (2025-11-03)",
                    "stance on ceasefire",
                    "against (rejects)"
                ),
                (
                    "Northland (2025-11-12)",
                    "stance on ceasefire",
                    "for (accepts)"
                ),
            ]
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn reports_chained_day_by_day_stay_one_episode() {
        let (_, found) = compare(vec![
            rejects("a", "Alpha", 3),
            rejects("b", "Beta", 5),
            accepts("c", "Gamma", 8),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn unattributed_stances_are_no_reading() {
        let unattributed = |id: &str, outlet: &str, accept: bool| {
            let mut doc = if accept {
                accepts(id, outlet, 10)
            } else {
                rejects(id, outlet, 10)
            };
            if let Some(p) = doc.positions.first_mut() {
                p.actor = None;
                p.actor_name = UNATTRIBUTED.to_string();
            }
            doc
        };
        let (facts, found) = compare(vec![
            unattributed("a", "Alpha", true),
            unattributed("b", "Beta", false),
        ]);
        assert!(stance_facts(&facts).is_empty(), "{facts:?}");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn different_holders_or_warnings_give_no_clash() {
        let mut other = rejects("b", "Beta", 10);
        if let Some(p) = other.positions.first_mut() {
            p.actor = None;
            p.actor_name = "Southland".to_string();
        }
        let warns = reported(
            "c",
            "Gamma",
            10,
            "Northland warned against the truce offer.",
            "Northland",
            Stance::Warns,
            Polarity::Negative,
            "the truce offer",
        );
        let (facts, found) = compare(vec![accepts("a", "Alpha", 10), other, warns]);
        assert_eq!(
            stance_facts(&facts),
            [
                ("Northland", "stance on ceasefire", "for (accepts)"),
                ("Southland", "stance on ceasefire", "against (rejects)"),
            ]
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn stances_on_different_contents_of_one_issue_do_not_clash() {
        let other = reported(
            "b",
            "Beta",
            10,
            "Northland rejected a ban on foreign patrols.",
            "Northland",
            Stance::Rejects,
            Polarity::Negative,
            "a ban on foreign patrols",
        );
        let (facts, found) = compare(vec![accepts("a", "Alpha", 10), other]);
        assert_eq!(stance_facts(&facts).len(), 2);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn values_read_back() {
        assert_eq!(
            StanceValue::parse("against (not demands, per Kyiv officials)"),
            Some(StanceValue {
                class: Class::Against,
                stance: "not demands".to_string(),
                hearsay: true,
            })
        );
        assert_eq!(StanceValue::parse("maybe (accepts)"), None);
    }
}
