//! Table tests of time expressions against a fixed anchor: Wednesday 2025-11-26
//! (ISO week 2025-W48, Monday 24 to Sunday 30 November).

use super::*;
use dragoman_model::{Article, Published};

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 26).unwrap_or_default()
}

fn run(sentence: &str, anchor: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    find_in_span(sentence, Span::new(0, sentence.len()), anchor, &mut out);
    out
}

/// (sentence, expression as written, expected value).
const CASES: &[(&str, &str, Option<&str>)] = &[
    // Absolute dates.
    (
        "The talks ended on September 5.",
        "September 5",
        Some("2025-09-05"),
    ),
    (
        "They met on 5 September 2025 in Rome.",
        "5 September 2025",
        Some("2025-09-05"),
    ),
    (
        "He arrived Sept. 5 for talks.",
        "Sept. 5",
        Some("2025-09-05"),
    ),
    (
        "The decree was signed on 2025-09-04.",
        "2025-09-04",
        Some("2025-09-04"),
    ),
    (
        "The ruling dated 04.09.2025 was published.",
        "04.09.2025",
        Some("2025-09-04"),
    ),
    (
        "The accord was dated September 5, 2025 by clerks.",
        "September 5, 2025",
        Some("2025-09-05"),
    ),
    (
        "She signed it on September 5th.",
        "September 5th",
        Some("2025-09-05"),
    ),
    (
        "It was signed on the 5th of September.",
        "5th of September",
        Some("2025-09-05"),
    ),
    (
        "The vote took place on Nov. 3 in the capital.",
        "Nov. 3",
        Some("2025-11-03"),
    ),
    ("The deadline is May 5.", "May 5", Some("2025-05-05")),
    (
        "The accord was signed on February 10.",
        "February 10",
        Some("2025-02-10"),
    ),
    (
        "They met on December 20 as planned.",
        "December 20",
        Some("2025-12-20"),
    ),
    (
        "The summit will be held on January 15.",
        "January 15",
        Some("2026-01-15"),
    ),
    (
        "Talks resumed on Friday, November 21.",
        "Friday, November 21",
        Some("2025-11-21"),
    ),
    (
        "The new law takes effect January 1, 2026.",
        "January 1, 2026",
        Some("2026-01-01"),
    ),
    (
        "Rebels seized the town on 12 March.",
        "12 March",
        Some("2025-03-12"),
    ),
    // Months, years, parts of them.
    (
        "Prices peaked in mid-September.",
        "mid-September",
        Some("2025-09-11/2025-09-20"),
    ),
    (
        "The summit will take place in early December.",
        "early December",
        Some("2025-12-01/2025-12-10"),
    ),
    (
        "Fighting slowed in late October.",
        "late October",
        Some("2025-10-21/2025-10-31"),
    ),
    (
        "Prices rose in mid September.",
        "mid September",
        Some("2025-09-11/2025-09-20"),
    ),
    ("Trump took office in January.", "January", Some("2025-01")),
    ("In May the parliament voted.", "May", Some("2025-05")),
    (
        "In September, the coalition met in Paris.",
        "September",
        Some("2025-09"),
    ),
    (
        "The plan was drafted in September 2025.",
        "September 2025",
        Some("2025-09"),
    ),
    ("Elections were held in 2024.", "2024", Some("2024")),
    (
        "Russia has occupied the area since 2022.",
        "2022",
        Some("2022"),
    ),
    (
        "A deal could come in late 2025.",
        "late 2025",
        Some("2025-09-01/2025-12-31"),
    ),
    (
        "A deal is hoped for in early 2026.",
        "early 2026",
        Some("2026-01-01/2026-04-30"),
    ),
    (
        "Production should recover by mid-2026.",
        "mid-2026",
        Some("2026-05-01/2026-08-31"),
    ),
    (
        "They want a deal by the end of the year.",
        "the end of the year",
        Some("2025-11-26/2025-12-31"),
    ),
    (
        "Supplies lasted until the end of September.",
        "the end of September",
        Some("2025-09-21/2025-09-30"),
    ),
    (
        "The reform was promised by the end of 2025.",
        "the end of 2025",
        Some("2025-11-26/2025-12-31"),
    ),
    (
        "Work starts at the beginning of next year.",
        "the beginning of next year",
        Some("2026-01-01/2026-01-31"),
    ),
    (
        "Payments are due at the end of next month.",
        "the end of next month",
        Some("2025-12-21/2025-12-31"),
    ),
    (
        "The economy shrank late last year.",
        "late last year",
        Some("2024-09-01/2024-12-31"),
    ),
    (
        "Earlier this year, the talks collapsed.",
        "Earlier this year",
        Some("2025-01-01/2025-11-25"),
    ),
    (
        "More cuts are coming later this month.",
        "later this month",
        Some("2025-11-27/2025-11-30"),
    ),
    (
        "The envoy called earlier this week.",
        "earlier this week",
        Some("2025-11-24/2025-11-25"),
    ),
    (
        "A visit is likely early next week.",
        "early next week",
        Some("2025-12-01/2025-12-02"),
    ),
    (
        "The region was shelled last March.",
        "last March",
        Some("2025-03"),
    ),
    (
        "A new round is planned for next January.",
        "next January",
        Some("2026-01"),
    ),
    (
        "Tensions flared last December.",
        "last December",
        Some("2024-12"),
    ),
    (
        "Growth slowed in the first quarter of 2025.",
        "the first quarter of 2025",
        Some("2025-Q1"),
    ),
    ("Profits fell in Q3 2024.", "Q3 2024", Some("2024-Q3")),
    (
        "Exports grew in the third quarter.",
        "the third quarter",
        Some("2025-Q3"),
    ),
    (
        "The firm expects losses this quarter.",
        "this quarter",
        Some("2025-Q4"),
    ),
    (
        "Output dropped last quarter.",
        "last quarter",
        Some("2025-Q3"),
    ),
    (
        "Sales may recover next quarter.",
        "next quarter",
        Some("2026-Q1"),
    ),
    (
        "The front barely moved this summer.",
        "this summer",
        Some("2025-06-01/2025-08-31"),
    ),
    (
        "Heating ran short last winter.",
        "last winter",
        Some("2024-12-01/2025-02-28"),
    ),
    (
        "An offensive is feared next spring.",
        "next spring",
        Some("2026-03-01/2026-05-31"),
    ),
    (
        "The dam burst in summer 2024.",
        "summer 2024",
        Some("2024-06-01/2024-08-31"),
    ),
    (
        "Floods hit in the summer of 2023.",
        "the summer of 2023",
        Some("2023-06-01/2023-08-31"),
    ),
    (
        "A new offensive is unlikely before the spring.",
        "the spring",
        Some("2026-03-01/2026-05-31"),
    ),
    (
        "The dam was repaired in the summer.",
        "the summer",
        Some("2025-06-01/2025-08-31"),
    ),
    (
        "Relations thawed in the 1990s.",
        "1990s",
        Some("1990-01-01/1999-12-31"),
    ),
    (
        "During the 2014-2022 period the line held.",
        "2014-2022",
        Some("2014-01-01/2022-12-31"),
    ),
    (
        "The border was closed between 2014 and 2022.",
        "2022",
        Some("2022"),
    ),
    // Months, parts of months and seasons without a year follow the tense of their clause:
    // the next one in the future or under a modal, the last one in the past, else the
    // nearest.
    (
        "The ministers said they would meet again by the end of June.",
        "the end of June",
        Some("2026-06-01/2026-06-30"),
    ),
    (
        "Monitors would return by the end of February.",
        "the end of February",
        Some("2026-02-01/2026-02-28"),
    ),
    (
        "The parties signed the accord before the end of September.",
        "the end of September",
        Some("2025-09-01/2025-09-30"),
    ),
    ("Envoys will gather in March.", "March", Some("2026-03")),
    (
        "Officials met in Bern in December to prepare the summit.",
        "December",
        Some("2024-12"),
    ),
    (
        "Delegates held talks in early June.",
        "early June",
        Some("2025-06-01/2025-06-10"),
    ),
    (
        "A second round is planned for mid-March.",
        "mid-March",
        Some("2026-03-11/2026-03-20"),
    ),
    (
        "Negotiators could sign in early March.",
        "early March",
        Some("2026-03-01/2026-03-10"),
    ),
    ("Talks may resume in May.", "May", Some("2026-05")),
    (
        "Negotiators must finish in April.",
        "April",
        Some("2026-04"),
    ),
    (
        "Sales will recover in the first quarter.",
        "the first quarter",
        Some("2026-Q1"),
    ),
    (
        "Both sides will resume talks on a disputed canal in January.",
        "January",
        Some("2026-01"),
    ),
    (
        "The envoys agreed to meet again in March.",
        "March",
        Some("2026-03"),
    ),
    (
        "At a summit on May 4, donors pledged to rebuild the port.",
        "May 4",
        Some("2025-05-04"),
    ),
    (
        "They hoped the accord would be ratified in February.",
        "February",
        Some("2026-02"),
    ),
    (
        "Workers would walk out in early April unless managers improved the offer.",
        "early April",
        Some("2026-04-01/2026-04-10"),
    ),
    ("Stocks run low before March.", "March", Some("2026-03")),
    (
        "The truce of October is holding.",
        "October",
        Some("2025-10"),
    ),
    (
        "Aid convoys were scheduled for January.",
        "January",
        Some("2026-01"),
    ),
    (
        "The deal would have been signed in July.",
        "July",
        Some("2025-07"),
    ),
    (
        "Elections took place in late November.",
        "late November",
        Some("2025-11-21/2025-11-30"),
    ),
    (
        "Protesters marched in late December.",
        "late December",
        Some("2024-12-21/2024-12-31"),
    ),
    (
        "A new round will open in early November.",
        "early November",
        Some("2026-11-01/2026-11-10"),
    ),
    (
        "The rebels retreated in the spring.",
        "the spring",
        Some("2025-03-01/2025-05-31"),
    ),
    (
        "Talks would resume in the spring.",
        "the spring",
        Some("2026-03-01/2026-05-31"),
    ),
    // The rest or the first part of the current period; deadlines up to the end of one.
    (
        "The vote is due by the end of the month.",
        "the end of the month",
        Some("2025-11-26/2025-11-30"),
    ),
    (
        "A decision may come later in the week.",
        "later in the week",
        Some("2025-11-27/2025-11-30"),
    ),
    (
        "Fighting flared earlier in the month.",
        "earlier in the month",
        Some("2025-11-01/2025-11-25"),
    ),
    (
        "A ruling is expected later this week.",
        "later this week",
        Some("2025-11-27/2025-11-30"),
    ),
    // Days relative to the anchor.
    ("It happened today.", "today", Some("2025-11-26")),
    ("Rain is expected tonight.", "tonight", Some("2025-11-26")),
    ("He spoke yesterday.", "yesterday", Some("2025-11-25")),
    ("They will meet tomorrow.", "tomorrow", Some("2025-11-27")),
    (
        "The talks continue the day after tomorrow.",
        "the day after tomorrow",
        Some("2025-11-28"),
    ),
    (
        "The convoy left the day before yesterday.",
        "the day before yesterday",
        Some("2025-11-24"),
    ),
    (
        "Drones struck the port last night.",
        "last night",
        Some("2025-11-25"),
    ),
    (
        "The minister spoke this morning.",
        "this morning",
        Some("2025-11-26"),
    ),
    (
        "Sirens sounded yesterday evening.",
        "yesterday evening",
        Some("2025-11-25"),
    ),
    (
        "The office confirmed it earlier today.",
        "earlier today",
        Some("2025-11-26"),
    ),
    // Weekdays.
    (
        "The ministers met on Thursday.",
        "Thursday",
        Some("2025-11-20"),
    ),
    (
        "The ministers will meet on Thursday.",
        "Thursday",
        Some("2025-11-27"),
    ),
    (
        "The envoys will meet in Miami on Thursday to hear how the talks went.",
        "Thursday",
        Some("2025-11-27"),
    ),
    (
        "They met on Thursday, and will report back to the cabinet.",
        "Thursday",
        Some("2025-11-20"),
    ),
    (
        "Drones struck two power stations overnight, the ministry said.",
        "overnight",
        Some("2025-11-26"),
    ),
    (
        "Earlier in the day, the president chaired a security meeting.",
        "Earlier in the day",
        Some("2025-11-26"),
    ),
    (
        "The envoy arrived last Thursday.",
        "last Thursday",
        Some("2025-11-20"),
    ),
    (
        "They meet again next Monday.",
        "next Monday",
        Some("2025-12-01"),
    ),
    (
        "A reply is due next Thursday.",
        "next Thursday",
        Some("2025-12-04"),
    ),
    (
        "The results come out this Friday.",
        "this Friday",
        Some("2025-11-28"),
    ),
    (
        "Shelling resumed last Monday.",
        "last Monday",
        Some("2025-11-24"),
    ),
    (
        "Both sides traded fire last Wednesday.",
        "last Wednesday",
        Some("2025-11-19"),
    ),
    ("Trading resumed on Monday.", "Monday", Some("2025-11-24")),
    ("Voting ends on Sunday.", "Sunday", Some("2025-11-30")),
    (
        "He said on Wednesday that nothing had changed.",
        "Wednesday",
        Some("2025-11-26"),
    ),
    (
        "Missiles hit the city on Thursday morning.",
        "Thursday morning",
        Some("2025-11-20"),
    ),
    (
        "Monday's attack killed five people.",
        "Monday",
        Some("2025-11-24"),
    ),
    (
        "The talks are scheduled for Saturday.",
        "Saturday",
        Some("2025-11-29"),
    ),
    // Weeks, months, years relative to the anchor.
    ("The vote is this week.", "this week", Some("2025-W48")),
    ("Talks resume next week.", "next week", Some("2025-W49")),
    (
        "The strike happened last week.",
        "last week",
        Some("2025-W47"),
    ),
    (
        "Envoys will gather in the coming week.",
        "the coming week",
        Some("2025-W49"),
    ),
    (
        "Sanctions expire this month.",
        "this month",
        Some("2025-11"),
    ),
    ("Next month the plan starts.", "Next month", Some("2025-12")),
    ("Exports fell last month.", "last month", Some("2025-10")),
    ("Inflation rose last year.", "last year", Some("2024")),
    ("The treaty expires next year.", "next year", Some("2026")),
    ("Growth was weak this year.", "this year", Some("2025")),
    (
        "Putin will host him this weekend.",
        "this weekend",
        Some("2025-11-29/2025-11-30"),
    ),
    (
        "Fighting continued over the weekend.",
        "the weekend",
        Some("2025-11-22/2025-11-23"),
    ),
    (
        "The leaders will meet at the weekend.",
        "the weekend",
        Some("2025-11-29/2025-11-30"),
    ),
    (
        "Protests took place last weekend.",
        "last weekend",
        Some("2025-11-22/2025-11-23"),
    ),
    (
        "A rally is planned next weekend.",
        "next weekend",
        Some("2025-12-06/2025-12-07"),
    ),
    // Offsets and windows.
    (
        "He will return in two weeks.",
        "in two weeks",
        Some("2025-W50"),
    ),
    (
        "The strike came two days ago.",
        "two days ago",
        Some("2025-11-24"),
    ),
    (
        "The town fell three weeks ago.",
        "three weeks ago",
        Some("2025-W45"),
    ),
    (
        "A similar deal failed a year ago.",
        "a year ago",
        Some("2024"),
    ),
    (
        "The offer was made two months ago.",
        "two months ago",
        Some("2025-09"),
    ),
    ("The talks began weeks ago.", "weeks ago", None),
    (
        "A reply should come in 10 days.",
        "in 10 days",
        Some("2025-12-06"),
    ),
    (
        "The vote could happen in a month.",
        "in a month",
        Some("2025-12"),
    ),
    (
        "The plant reopens in three months' time.",
        "in three months' time",
        Some("2026-02"),
    ),
    (
        "A decision is expected within days.",
        "within days",
        Some("2025-11-26/2025-12-03"),
    ),
    (
        "Troops must leave within two weeks.",
        "within two weeks",
        Some("2025-11-26/2025-12-10"),
    ),
    (
        "The ceasefire collapsed within hours.",
        "within hours",
        Some("2025-11-26/2025-11-27"),
    ),
    (
        "A reply is due within a month.",
        "within a month",
        Some("2025-11-26/2025-12-26"),
    ),
    (
        "More talks are planned in the coming days.",
        "the coming days",
        Some("2025-11-26/2025-12-03"),
    ),
    (
        "Aid will arrive over the next few days.",
        "the next few days",
        Some("2025-11-26/2025-12-03"),
    ),
    (
        "Clashes intensified over the past week.",
        "the past week",
        Some("2025-11-19/2025-11-26"),
    ),
    (
        "Prices doubled in the past two weeks.",
        "the past two weeks",
        Some("2025-11-12/2025-11-26"),
    ),
    (
        "The rhetoric hardened in recent weeks.",
        "recent weeks",
        Some("2025-10-29/2025-11-26"),
    ),
    (
        "Inflation eased over the past year.",
        "the past year",
        Some("2024-11-26/2025-11-26"),
    ),
    // Periods kept without a value.
    (
        "It is the third year of the war.",
        "the third year of the war",
        None,
    ),
    (
        "As the war enters its fourth year, fatigue grows.",
        "its fourth year",
        None,
    ),
    (
        "Strikes hit the grid for the second straight day.",
        "the second straight day",
        None,
    ),
    ("The envoy returned two days later.", "two days later", None),
];

/// Sentences in which nothing is a time expression.
const NOTHING: &[&str] = &[
    "The Sunday Times reported the leak.",
    "Ministers may meet soon.",
    "May the talks succeed.",
    "Thousands March against the war.",
    "They rested on Good Friday after the Black Friday sales.",
    "Talks were held in Geneva.",
    "The next round is uncertain.",
    "He was 35 years old and had served for many years.",
    "A five-year plan was adopted by 2,000 delegates.",
    "The early talks went nowhere; the late envoy was mourned.",
    "The fall of the city shocked the region.",
];

#[test]
fn table_of_expressions() {
    assert!(CASES.len() >= 100, "only {} cases", CASES.len());
    let mut failures = Vec::new();
    for &(sentence, text, value) in CASES {
        let found = run(sentence, Some(anchor()));
        match found.iter().find(|t| t.text == text) {
            Some(t) if t.value.as_deref() == value => {}
            Some(t) => failures.push(format!(
                "{sentence:?}: {text:?} → {:?}, want {value:?}",
                t.value
            )),
            None => failures.push(format!(
                "{sentence:?}: {text:?} not found; got {:?}",
                found.iter().map(|t| t.text.as_str()).collect::<Vec<_>>()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn earlier_and_later_keep_the_anchor_when_no_day_is_left() {
    // A Monday: nothing of its week came before it; a Sunday: nothing of it comes after.
    let monday = NaiveDate::from_ymd_opt(2025, 11, 24);
    let sunday = NaiveDate::from_ymd_opt(2025, 11, 30);
    let earlier = run("The envoy called earlier this week.", monday);
    assert_eq!(
        earlier.first().and_then(|t| t.value.as_deref()),
        Some("2025-11-24/2025-11-24")
    );
    let later = run("A ruling is expected later this week.", sunday);
    assert_eq!(
        later.first().and_then(|t| t.value.as_deref()),
        Some("2025-11-30/2025-11-30")
    );
}

#[test]
fn no_false_positives() {
    for sentence in NOTHING {
        let found = run(sentence, Some(anchor()));
        assert!(found.is_empty(), "{sentence:?} gave {found:?}");
    }
}

#[test]
fn resolved_values_fill_bounds_anchor_and_relative() {
    let next_week = run("Talks resume next week.", Some(anchor()));
    let t = next_week.first();
    assert_eq!(
        t.and_then(|t| t.start),
        NaiveDate::from_ymd_opt(2025, 12, 1)
    );
    assert_eq!(t.and_then(|t| t.end), NaiveDate::from_ymd_opt(2025, 12, 7));
    assert_eq!(t.and_then(|t| t.anchor), Some(anchor()));
    assert_eq!(t.and_then(|t| t.precision), Some(Precision::Week));
    assert!(t.is_some_and(|t| t.relative));

    let absolute = run("They met on 5 September 2025.", Some(anchor()));
    let t = absolute.first();
    assert!(t.is_some_and(|t| !t.relative && t.anchor.is_none()));
    assert_eq!(t.and_then(|t| t.precision), Some(Precision::Day));

    let period = run("It is the third year of the war.", Some(anchor()));
    let t = period.first();
    assert!(t.is_some_and(|t| t.value.is_none() && t.start.is_none() && !t.relative));
    assert_eq!(t.and_then(|t| t.precision), Some(Precision::Year));
}

#[test]
fn without_anchor_relative_ones_stay_unresolved() {
    let found = run("They met on Thursday and will meet again in 2026.", None);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].text, "Thursday");
    assert!(found[0].value.is_none() && found[0].anchor.is_none() && found[0].relative);
    assert_eq!(found[1].value.as_deref(), Some("2026"));
}

#[test]
fn spans_point_into_the_text() {
    let text = "“Nothing moved,” he said — again — on Thursday, in Kyiv.";
    let found = run(text, Some(anchor()));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span.slice(text), "Thursday");
}

#[test]
fn find_uses_the_article_date_and_sentences() {
    let mut article = Article::from_paragraphs(
        "t",
        [
            "LONDON, November 26. The envoy met officials yesterday.",
            "A new round opens next week.",
        ],
    );
    article.published = Some(Published::day(anchor()));
    let doc = Doc::new(article);
    let found = find(&doc);
    let values: Vec<_> = found
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_deref()))
        .collect();
    assert_eq!(
        values,
        [
            ("November 26", Some("2025-11-26")),
            ("yesterday", Some("2025-11-25")),
            ("next week", Some("2025-W49"))
        ]
    );
}
