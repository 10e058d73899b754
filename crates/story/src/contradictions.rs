//! Contradictions between outlets: facts of the same story with the same subject and attribute
//! whose values cannot both be true.
//!
//! Values are compared by what they mean, not by how they are written: a qualified count is an
//! interval ("nearly 30" is compatible with 29, "more than 20" with 26), a date is a range of
//! days (a day lies inside its ISO week and its month), a place is compatible with a place that
//! contains its name, and a title conflicts only on what changes its meaning ("former
//! president" vs "president"; "deputy minister" vs "minister").
//!
//! Stances (`<holder> · stance on <issue>`, see the facts ledger) conflict when independent
//! outlets put the same holder for and against the same issue in the same episode of a story:
//! high when both are direct reactions ("accepts" vs "rejects", "supports" vs "opposes"),
//! medium when one side is a wish, offer or proposal on the issue (it may concern another
//! content under the same issue), one level lower when a side only has the holder's stance as
//! another party reports it. A conditional stance clashes with neither side, and neither do
//! two stances whose contents share no word: an issue is broad ("accepted some proposals on
//! prisoners" and "rejected a ban on foreign troops" can both be true).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use dragoman_model::{Contradiction, ContradictionValue, Fact, Severity};

use crate::facts::{COUNT, Class, StanceValue, ValueKind, lexicon, value_key, value_kind};

/// Relative half-width of "about N".
const ABOUT: f64 = 0.15;
/// Relative gap between two counts above which a conflict is high severity.
const LARGE_GAP: f64 = 0.25;
/// Title words that change what a title means.
const DECISIVE_MODIFIERS: [&str; 3] = ["former", "deputy", "vice"];
/// Title words that qualify a title only mildly.
const MILD_MODIFIERS: [&str; 3] = ["acting", "interim", "caretaker"];

/// Finds facts with the same subject and attribute but incompatible values across outlets.
pub fn find(facts: &[Fact]) -> Vec<Contradiction> {
    let mut groups: BTreeMap<(Option<&str>, String, &str), Vec<&Fact>> = BTreeMap::new();
    for fact in facts {
        // A title belongs to a person, not to a story: outlets are compared across stories.
        let story = match value_kind(&fact.attribute) {
            ValueKind::Title => None,
            _ => fact.story.as_deref(),
        };
        groups
            .entry((story, fact.subject.to_lowercase(), fact.attribute.as_str()))
            .or_default()
            .push(fact);
    }
    let mut out = Vec::new();
    for ((_, _, attribute), group) in groups {
        // "two people", "at least 25 people": plain counts of a noun in different sentences are
        // mostly counts of different things; only counts with a specific attribute are compared.
        if attribute == COUNT {
            continue;
        }
        let mut involved = BTreeSet::new();
        let mut severity = None;
        let mut self_conflicting = false;
        for (i, a) in group.iter().enumerate() {
            for (j, b) in group.iter().enumerate().skip(i + 1) {
                let unrelated =
                    value_kind(attribute) == ValueKind::Stance && !same_content(&a.text, &b.text);
                if unrelated {
                    continue;
                }
                let Some(s) = conflict(attribute, &a.subject, &a.value, &b.value) else {
                    continue;
                };
                if shared_outlet(a, b) {
                    self_conflicting = true;
                }
                if !different_outlets(a, b) {
                    continue;
                }
                involved.insert(i);
                involved.insert(j);
                severity = severity.max(Some(s));
            }
        }
        // An outlet that itself gives two incompatible dates, places, outcomes or counts for
        // one subject is telling of several events under one name ("met in Geneva ... met
        // again in Abu Dhabi"), not disagreeing with anyone.
        if self_conflicting && names_an_occurrence(attribute) {
            continue;
        }
        let Some(severity) = severity else { continue };
        let involved: Vec<&Fact> = involved
            .into_iter()
            .filter_map(|i| group.get(i).copied())
            .collect();
        let stories: BTreeSet<Option<&str>> = involved.iter().map(|f| f.story.as_deref()).collect();
        let story = match stories.into_iter().collect::<Vec<_>>().as_slice() {
            [only] => only.map(str::to_string),
            _ => None,
        };
        out.push(Contradiction {
            subject: group.first().map(|f| f.subject.clone()).unwrap_or_default(),
            attribute: attribute.to_string(),
            values: gather_values(attribute, &involved),
            severity,
            story,
        });
    }
    out.sort_by(|a, b| {
        b.severity.cmp(&a.severity).then_with(|| {
            (&a.story, &a.subject, &a.attribute).cmp(&(&b.story, &b.subject, &b.attribute))
        })
    });
    out
}

/// One entry per distinct value (facts of several stories with the same value are joined),
/// most supported first.
fn gather_values(attribute: &str, facts: &[&Fact]) -> Vec<ContradictionValue> {
    let mut by_value: BTreeMap<String, ContradictionValue> = BTreeMap::new();
    for f in facts {
        let entry = by_value
            .entry(value_key(attribute, &f.value))
            .or_insert_with(|| ContradictionValue {
                value: f.value.clone(),
                text: f.text.clone(),
                outlets: Vec::new(),
                sources: Vec::new(),
            });
        entry.outlets.extend(f.outlets.iter().cloned());
        entry.sources.extend(f.sources.iter().cloned());
    }
    let mut values: Vec<ContradictionValue> = by_value
        .into_values()
        .map(|mut v| {
            v.outlets.sort();
            v.outlets.dedup();
            v.sources.sort();
            v.sources.dedup();
            v
        })
        .collect();
    values.sort_by(|a, b| {
        b.outlets
            .len()
            .cmp(&a.outlets.len())
            .then(a.value.cmp(&b.value))
    });
    values
}

/// True when some outlet of `a` differs from some outlet of `b` (an outlet does not contradict
/// itself).
fn different_outlets(a: &Fact, b: &Fact) -> bool {
    a.outlets.iter().any(|x| b.outlets.iter().any(|y| x != y))
}

/// True when `a` and `b` have an outlet in common.
fn shared_outlet(a: &Fact, b: &Fact) -> bool {
    a.outlets.iter().any(|x| b.outlets.contains(x))
}

/// True for attributes of one occurrence (an event's date, place or outcome, a count of what
/// happened), which an outlet reporting several occurrences gives several values of.
fn names_an_occurrence(attribute: &str) -> bool {
    matches!(
        value_kind(attribute),
        ValueKind::Date | ValueKind::Place | ValueKind::Outcome | ValueKind::Count
    )
}

/// How serious the conflict between two values of an attribute is, or `None` when they are
/// compatible.
pub(crate) fn conflict(attribute: &str, subject: &str, a: &str, b: &str) -> Option<Severity> {
    match value_kind(attribute) {
        ValueKind::Count => count_conflict(a, b),
        ValueKind::Ordinal => {
            let (x, y) = (a.trim().parse::<u64>().ok()?, b.trim().parse::<u64>().ok()?);
            let central = subject.eq_ignore_ascii_case("war") || attribute.ends_with("-of-war");
            (x != y).then_some(if central {
                Severity::High
            } else {
                Severity::Medium
            })
        }
        ValueKind::Date => date_conflict(a, b),
        ValueKind::Place => {
            let (x, y) = (place_key(a), place_key(b));
            (!x.contains(&y) && !y.contains(&x)).then_some(Severity::Medium)
        }
        ValueKind::Title => title_conflict(a, b),
        ValueKind::Outcome => (!a.trim().eq_ignore_ascii_case(b.trim())).then_some(Severity::High),
        ValueKind::Stance => stance_conflict(a, b),
    }
}

// --- stances ----------------------------------------------------------------------------------

/// Words too common to tie two contents together.
const COMMON_WORDS: [&str; 16] = [
    "this", "that", "these", "those", "with", "from", "their", "there", "have", "will", "would",
    "about", "other", "some", "into", "over",
];

/// The stems (first five letters) of the words of a content that can tie it to another.
fn content_stems(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !COMMON_WORDS.contains(&w.as_str()))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// True when two stance contents share a word, so that they may be about the same thing.
fn same_content(a: &str, b: &str) -> bool {
    !content_stems(a).is_disjoint(&content_stems(b))
}

fn stance_conflict(a: &str, b: &str) -> Option<Severity> {
    let (x, y) = (StanceValue::parse(a)?, StanceValue::parse(b)?);
    let opposite = matches!(
        (x.class, y.class),
        (Class::For, Class::Against) | (Class::Against, Class::For)
    );
    if !opposite {
        return None;
    }
    let direct = if x.is_reaction() && y.is_reaction() {
        Severity::High
    } else {
        Severity::Medium
    };
    Some(if x.hearsay || y.hearsay {
        match direct {
            Severity::High => Severity::Medium,
            _ => Severity::Low,
        }
    } else {
        direct
    })
}

// --- counts -----------------------------------------------------------------------------------

/// A count value: its qualifier and number ("nearly 30" → ("nearly", 30)).
fn parse_count(value: &str) -> Option<(Option<&'static str>, f64)> {
    let value = value.trim().to_lowercase();
    let qualifier = lexicon()
        .qualifier_names()
        .filter(|q| value.starts_with(&format!("{q} ")))
        .max_by_key(|q| q.len());
    let number = qualifier.map_or(value.as_str(), |q| value.get(q.len()..).unwrap_or(""));
    Some((qualifier, number.trim().replace(',', "").parse().ok()?))
}

/// The range of true numbers a qualified count allows.
fn count_interval(qualifier: Option<&str>, n: f64) -> (f64, f64) {
    let slack = (n.abs() * ABOUT).max(1.0);
    match qualifier {
        Some("about") => (n - slack, n + slack),
        Some("nearly") => (n - slack, n),
        Some("more than") => (n + f64::EPSILON, 2.0 * n + 1.0),
        Some("at least") => (n, 2.0 * n + 1.0),
        Some("fewer than") => (n / 2.0, n - f64::EPSILON),
        Some("up to") => (0.0, n),
        _ => (n, n),
    }
}

fn count_conflict(a: &str, b: &str) -> Option<Severity> {
    let ((qa, x), (qb, y)) = (parse_count(a)?, parse_count(b)?);
    let ((lo_a, hi_a), (lo_b, hi_b)) = (count_interval(qa, x), count_interval(qb, y));
    if lo_a <= hi_b && lo_b <= hi_a {
        return None;
    }
    let gap = (x - y).abs() / x.abs().max(y.abs()).max(f64::EPSILON);
    Some(if gap > LARGE_GAP {
        Severity::High
    } else {
        Severity::Low
    })
}

// --- dates ------------------------------------------------------------------------------------

/// The days a normalised date value covers: `2025-09-05`, `2025-W37`, `2025-09`, `2025-Q3`,
/// `2025`, or an interval `a/b`.
pub(crate) fn date_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let value = value.trim();
    if let Some((a, b)) = value.split_once('/') {
        return Some((date_range(a)?.0, date_range(b)?.1));
    }
    let value = value.split_once('T').map_or(value, |(d, _)| d);
    let parts: Vec<&str> = value.split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    match parts.as_slice() {
        [_] => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        [_, p] if p.starts_with(['W', 'w']) => {
            let week: u32 = p.get(1..)?.parse().ok()?;
            Some((
                NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?,
                NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Sun)?,
            ))
        }
        [_, p] if p.starts_with(['Q', 'q']) => {
            let quarter: u32 = p.get(1..)?.parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, quarter.checked_sub(1)? * 3 + 1, 1)?;
            Some((
                first,
                month_end(NaiveDate::from_ymd_opt(year, quarter * 3, 1)?)?,
            ))
        }
        [_, m] => {
            let first = NaiveDate::from_ymd_opt(year, m.parse().ok()?, 1)?;
            Some((first, month_end(first)?))
        }
        [_, m, d] => {
            let day = NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)?;
            Some((day, day))
        }
        _ => None,
    }
}

/// The last day of the month of `first`.
fn month_end(first: NaiveDate) -> Option<NaiveDate> {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn date_conflict(a: &str, b: &str) -> Option<Severity> {
    let ((sa, ea), (sb, eb)) = (date_range(a)?, date_range(b)?);
    if sa <= eb && sb <= ea {
        return None;
    }
    let gap = if ea < sb { sb - ea } else { sa - eb };
    Some(if gap.num_days() <= 1 {
        Severity::Low
    } else {
        Severity::Medium
    })
}

// --- places and titles -----------------------------------------------------------------------

fn place_key(place: &str) -> String {
    let lower = place.trim().to_lowercase();
    lower.strip_prefix("the ").unwrap_or(&lower).to_string()
}

/// A title split into its modifiers ("former", "deputy", …) and its other words.
fn title_parts(title: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let lower = title.to_lowercase().replace("ex-", "former ");
    let words = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "of" | "a" | "an"))
        .map(str::to_string);
    words.partition(|w| {
        DECISIVE_MODIFIERS.contains(&w.as_str()) || MILD_MODIFIERS.contains(&w.as_str())
    })
}

fn title_conflict(a: &str, b: &str) -> Option<Severity> {
    let ((ma, ba), (mb, bb)) = (title_parts(a), title_parts(b));
    let same_office = !ba.is_empty() && !bb.is_empty() && (ba.is_subset(&bb) || bb.is_subset(&ba));
    if !same_office {
        return None;
    }
    let differs = |set: &[&str]| set.iter().any(|m| ma.contains(*m) != mb.contains(*m));
    if differs(&DECISIVE_MODIFIERS) {
        Some(Severity::High)
    } else if differs(&MILD_MODIFIERS) {
        Some(Severity::Low)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::Source;

    fn fact(id: &str, subject: &str, attribute: &str, value: &str, outlet: &str) -> Fact {
        Fact {
            id: id.to_string(),
            subject: subject.to_string(),
            attribute: attribute.to_string(),
            value: value.to_string(),
            text: format!("{value} as written"),
            outlets: vec![outlet.to_string()],
            exclusive: true,
            sources: vec![Source {
                article: format!("{outlet}-1"),
                start: 0,
                end: 10,
            }],
            story: Some("s1".to_string()),
        }
    }

    #[test]
    fn table_of_pairs() {
        use Severity::*;
        let cases: &[(&str, &str, &str, &str, Option<Severity>)] = &[
            ("country", "member-count", "nearly 30", "29", None),
            ("country", "member-count", "about 30", "29", None),
            ("country", "member-count", "more than 20", "26", None),
            ("country", "member-count", "35", "35", None),
            ("country", "member-count", "35", "26", Some(High)),
            ("drone", "intercepted-count", "1,200", "1,150", Some(Low)),
            ("drone", "intercepted-count", "nearly 30", "31", Some(Low)),
            (
                "drone",
                "intercepted-count",
                "fewer than 10",
                "12",
                Some(Low),
            ),
            (
                "drone",
                "intercepted-count",
                "fewer than 10",
                "40",
                Some(High),
            ),
            ("drone", "intercepted-count", "up to 10", "8", None),
            ("war", "year-of-war", "3", "4", Some(High)),
            ("war", "year-of-war", "4", "4", None),
            ("talks", "round-of-talks", "2", "3", Some(Medium)),
            ("meeting: A, B", "date", "2025-09-05", "2025-W36", None),
            ("meeting: A, B", "date", "2025-09-05", "2025-09", None),
            (
                "meeting: A, B",
                "date",
                "2025-09-05",
                "2025-09-01/2025-09-07",
                None,
            ),
            (
                "meeting: A, B",
                "date",
                "2025-09-05",
                "2025-09-06",
                Some(Low),
            ),
            (
                "meeting: A, B",
                "date",
                "2025-09-05",
                "2025-10",
                Some(Medium),
            ),
            (
                "meeting: A, B",
                "date",
                "2025-09-05",
                "2025-Q4",
                Some(Medium),
            ),
            ("meeting: A, B", "place", "Paris", "paris, France", None),
            (
                "meeting: A, B",
                "place",
                "the Élysée Palace",
                "Élysée Palace",
                None,
            ),
            ("meeting: A, B", "place", "Geneva", "Istanbul", Some(Medium)),
            (
                "Jane Roe",
                "title",
                "former president",
                "president",
                Some(High),
            ),
            (
                "Jane Roe",
                "title",
                "ex-president",
                "former president",
                None,
            ),
            ("Jane Roe", "title", "president", "leader", None),
            ("Jane Roe", "title", "russian president", "president", None),
            (
                "Jane Roe",
                "title",
                "deputy foreign minister",
                "foreign minister",
                Some(High),
            ),
            (
                "Jane Roe",
                "title",
                "acting prime minister",
                "prime minister",
                Some(Low),
            ),
            ("talks: A, B", "outcome", "agreed", "rejected", Some(High)),
            ("talks: A, B", "outcome", "postponed", "postponed", None),
            (
                "X",
                "stance on ceasefire",
                "for (accepts)",
                "against (rejects)",
                Some(High),
            ),
            (
                "X",
                "stance on ceasefire",
                "for (supports)",
                "against (opposes)",
                Some(High),
            ),
            (
                "X",
                "stance on ceasefire",
                "for (demands)",
                "against (rejects)",
                Some(Medium),
            ),
            (
                "X",
                "stance on ceasefire",
                "for (accepts)",
                "against (rejects, per Y)",
                Some(Medium),
            ),
            (
                "X",
                "stance on ceasefire",
                "for (offers, per Y)",
                "against (opposes)",
                Some(Low),
            ),
            (
                "X",
                "stance on ceasefire",
                "for (accepts)",
                "for (supports)",
                None,
            ),
            (
                "X",
                "stance on ceasefire",
                "conditional (conditions)",
                "for (supports)",
                None,
            ),
            (
                "X",
                "stance on ceasefire",
                "conditional (conditions)",
                "against (rejects)",
                None,
            ),
            (
                "X",
                "stance on other:x-y",
                "for (accepts)",
                "against (rejects)",
                Some(High),
            ),
        ];
        for (subject, attribute, a, b, expected) in cases {
            assert_eq!(
                conflict(attribute, subject, a, b),
                *expected,
                "{subject} · {attribute}: {a} vs {b}"
            );
            assert_eq!(
                conflict(attribute, subject, b, a),
                *expected,
                "symmetric: {b} vs {a}"
            );
        }
    }

    #[test]
    fn date_ranges() {
        let d = |s: &str| NaiveDate::from_ymd_opt(2025, 1, 1).and_then(|_| date_range(s));
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(d("2025-02"), day(2025, 2, 1).zip(day(2025, 2, 28)));
        assert_eq!(d("2024-12"), day(2024, 12, 1).zip(day(2024, 12, 31)));
        assert_eq!(d("2025-Q3"), day(2025, 7, 1).zip(day(2025, 9, 30)));
        assert_eq!(d("2025-W37"), day(2025, 9, 8).zip(day(2025, 9, 14)));
        assert_eq!(d("2025-13"), None);
        assert_eq!(d("soon"), None);
    }

    #[test]
    fn conflicts_need_two_outlets_and_gather_values() {
        let facts = vec![
            fact("f1", "war", "year-of-war", "3", "Alpha"),
            fact("f2", "war", "year-of-war", "4", "Beta"),
            fact("f3", "war", "year-of-war", "4", "Gamma"),
            fact("f4", "Jane Roe", "title", "former president", "Alpha"),
            fact("f5", "Jane Roe", "title", "president", "Alpha"),
            fact("f6", "country", "member-count", "nearly 30", "Alpha"),
            fact("f7", "country", "member-count", "29", "Beta"),
        ];
        let found = find(&facts);
        assert_eq!(found.len(), 1, "{found:?}");
        let c = &found[0];
        assert_eq!(
            (c.subject.as_str(), c.attribute.as_str(), c.severity),
            ("war", "year-of-war", Severity::High)
        );
        let values: Vec<&str> = c.values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["4", "3"]);
        assert_eq!(c.values[0].outlets, ["Beta", "Gamma"]);
        assert_eq!(c.story.as_deref(), Some("s1"));
    }

    #[test]
    fn an_outlet_giving_two_places_tells_of_two_events() {
        // One outlet reports two meetings of the same person in two cities, another one of
        // them elsewhere: the subject covers several events, nobody disagrees.
        let subject = "meeting: Jane Roe";
        let facts = vec![
            fact("f1", subject, "place", "Lisbon", "Alpha"),
            fact("f2", subject, "place", "Oslo", "Alpha"),
            fact("f3", subject, "place", "Portugal", "Beta"),
        ];
        assert!(find(&facts).is_empty());
        // Two outlets, one place each: a real clash.
        let facts = vec![
            fact("f1", subject, "place", "Lisbon", "Alpha"),
            fact("f3", subject, "place", "Oslo", "Beta"),
        ];
        assert_eq!(find(&facts).len(), 1);
        // The same outlet alone never contradicts itself.
        let facts = vec![
            fact("f1", subject, "date", "2025-03-02", "Alpha"),
            fact("f2", subject, "date", "2025-03-04", "Alpha"),
        ];
        assert!(find(&facts).is_empty());
    }

    #[test]
    fn a_title_conflict_between_outlets() {
        let facts = vec![
            fact("f1", "Jane Roe", "title", "former president", "Alpha"),
            fact("f2", "Jane Roe", "title", "president", "Beta"),
        ];
        let found = find(&facts);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::High);
        assert_eq!(found[0].values.len(), 2);
    }

    #[test]
    fn plain_counts_are_not_compared() {
        let a = fact("f1", "person", "count", "2", "Alpha");
        let b = fact("f2", "person", "count", "at least 25", "Beta");
        assert!(find(&[a, b]).is_empty());
    }

    #[test]
    fn titles_conflict_across_stories() {
        let a = fact("f1", "Jane Roe", "title", "former president", "Alpha");
        let mut b = fact("f2", "Jane Roe", "title", "president", "Beta");
        b.story = Some("s2".to_string());
        let mut c = fact("f3", "Jane Roe", "title", "president", "Gamma");
        c.story = Some("s3".to_string());
        let found = find(&[a, b, c]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].story, None);
        let values: Vec<(&str, usize)> = found[0]
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.outlets.len()))
            .collect();
        assert_eq!(values, [("president", 2), ("former president", 1)]);
    }

    #[test]
    fn different_stories_never_conflict() {
        let a = fact("f1", "war", "year-of-war", "3", "Alpha");
        let mut b = fact("f2", "war", "year-of-war", "4", "Beta");
        b.story = Some("s2".to_string());
        assert!(find(&[a, b]).is_empty());
    }

    #[test]
    fn from_documents_to_contradictions() {
        use crate::facts::{ledger, tests::doc, tests::story};
        let docs = vec![
            doc(
                "a",
                "Alpha",
                &["The war entered its third year, and about 30 countries joined the alliance."],
            ),
            doc(
                "b",
                "Beta",
                &["In the fourth year of the war, 29 countries are members of the alliance."],
            ),
        ];
        let stories = vec![story("s1", &["a", "b"])];
        let facts = ledger(&docs, &[], &stories, &[]);
        let found = find(&facts);
        let summary: Vec<(&str, &str, Severity)> = found
            .iter()
            .map(|c| (c.subject.as_str(), c.attribute.as_str(), c.severity))
            .collect();
        assert_eq!(
            summary,
            [("war", "year-of-war", Severity::High)],
            "{facts:?}"
        );
        let outlets: Vec<&[String]> = found[0]
            .values
            .iter()
            .map(|v| v.outlets.as_slice())
            .collect();
        assert_eq!(outlets, [["Alpha".to_string()], ["Beta".to_string()]]);
    }
}
