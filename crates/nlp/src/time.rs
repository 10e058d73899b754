//! Time expressions: dates, weeks, months, years, parts of them, relative expressions
//! ("yesterday", "next week", "on Thursday", "two days ago", "within days") and periods
//! ("the third year of the war"), normalised against the article's publication date.
//!
//! The expressions are found on word tokens ([`crate::text::tokens`]) of each sentence. Each
//! token is first classified once against small word tables (months, weekdays, number words,
//! units…); the matchers then only look at the classes. Values follow the [`TimeExpr`]
//! conventions: `YYYY-MM-DD`, `YYYY-Www` (ISO week), `YYYY-MM`, `YYYY-Qn`, `YYYY`, or an
//! interval `start/end` of days.
//!
//! Conventions for the relative ones (anchor = publication day):
//! - a bare weekday ("on Thursday") is the nearest such day within a week: back from the
//!   anchor (the anchor itself included) when the verb nearest to it is in the past tense,
//!   forward otherwise; "last Thursday" is the most recent one before the anchor; "this
//!   Thursday" and "next Thursday" are that day in the anchor's ISO week and the next one;
//! - a month, a part of one ("mid-March", "the end of June"), a quarter or a season without a year
//!   follows the tense of its clause like a bare weekday: in the future (or under "would",
//!   "could", "plans") the first one that has not ended by the anchor, in the past the last
//!   one begun by it, else (present or unknown tense, "was scheduled for") the nearest;
//! - a month and day without a year takes the anchor's year, or the year before (after) when
//!   that puts it more than about two months after (before) the anchor in a past-tense
//!   (future-tense) clause;
//! - "early", "mid" and "late" cover the first, middle and last third of a month or year;
//!   "later this week" / "later in the month" are the days of that period after the anchor,
//!   "earlier this week" / "earlier in the year" the days before it (the anchor itself when
//!   there are none);
//! - "by (before) the end of X" is a deadline: the event comes at any time up to the end of
//!   X, so its value runs from the anchor (or from the start of X when the anchor is not in
//!   X) to the end of X, with the precision of X. The last days of X alone ("the end of X",
//!   "until the end of X") would claim a precision the text does not give; the days before
//!   X are left out because a writer who names X means the event to come in it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use dragoman_model::{Doc, Precision, Span, TimeExpr};

use crate::text;

/// Finds and normalises the time expressions of a document against its publication date.
///
/// Uses `doc.sentences` (or segments the article itself when they are not set yet). Without
/// a publication date known to the day, anchor-dependent expressions keep `value: None` and
/// `anchor: None`; absolute ones ("5 September 2025", "in 2024") are still resolved.
pub fn find(doc: &Doc) -> Vec<TimeExpr> {
    let anchor = doc
        .article
        .published
        .as_ref()
        .filter(|p| matches!(p.precision, Precision::Day | Precision::Time))
        .map(|p| p.date);
    let computed;
    let sentences = if doc.sentences.is_empty() {
        computed = text::sentences(&doc.article);
        &computed
    } else {
        &doc.sentences
    };
    let mut out = Vec::new();
    for sentence in sentences {
        find_in_span(&doc.article.text, sentence.span, anchor, &mut out);
    }
    out
}

/// Finds the time expressions of one sentence (`span` of `text`) against `anchor`, appending
/// them to `out` in order.
pub fn find_in_span(text: &str, span: Span, anchor: Option<NaiveDate>, out: &mut Vec<TimeExpr>) {
    let spans = text::tokens(text, span);
    if spans.is_empty() {
        return;
    }
    let words: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
    let lex: Vec<Lex> = words.iter().map(|w| classify(w)).collect();
    // Cheap exit: most sentences hold no time word at all.
    if !lex.iter().any(|l| *l != Lex::Other) {
        return;
    }
    let s = Sentence {
        words: &words,
        lex: &lex,
    };
    // Every pattern has a table word within its first five tokens: only try there.
    let mut next_time_word = vec![usize::MAX; lex.len()];
    let mut upcoming = usize::MAX;
    for (slot, (idx, l)) in next_time_word.iter_mut().zip(lex.iter().enumerate()).rev() {
        if *l != Lex::Other {
            upcoming = idx;
        }
        *slot = upcoming;
    }
    let mut i = 0;
    while i < words.len() {
        let near = next_time_word.get(i).is_some_and(|&n| n <= i + 4);
        let Some(found) = near.then(|| match_at(&s, i)).flatten() else {
            i += 1;
            continue;
        };
        let (Some(first), Some(last)) = (spans.get(found.start), spans.get(found.end - 1)) else {
            i += 1;
            continue;
        };
        let span = Span::new(first.start, last.end);
        let tense = tense_near(&s, found.start, found.end);
        out.push(build(span, span.slice(text), &found.meaning, anchor, tense));
        i = found.end.max(i + 1);
    }
}

/// One sentence's tokens and their classes.
struct Sentence<'a> {
    words: &'a [&'a str],
    lex: &'a [Lex],
}

impl Sentence<'_> {
    fn word(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }

    fn lex(&self, i: usize) -> Lex {
        self.lex.get(i).copied().unwrap_or(Lex::Other)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(word)
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(i, w))
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }
}

/// The class of a token, from the word tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    /// A month name or abbreviation; `ambiguous` for "May", "March" and abbreviations.
    Month {
        month: u32,
        ambiguous: bool,
    },
    Weekday(Weekday),
    /// A cardinal number word or number 1–999 ("two", "10", "a").
    Number(u32),
    /// 1–31, possibly with an ordinal suffix ("5", "5th").
    DayNumber(u32),
    /// 1000–2199.
    Year(i32),
    Ordinal(u32),
    Unit(Unit),
    Season(Season),
    Shift(Shift),
    /// today 0, yesterday -1, tomorrow +1.
    DayWord(i64),
    Part(Part),
    /// A date in one token: "2025-09-04", "04.09.2025".
    Date(NaiveDate),
    /// "2022-2025".
    YearRange(i32, i32),
    /// "1990s".
    Decade(i32),
    /// "Q3".
    QuarterName(u32),
    /// "mid-September", "mid-2025": the part and what follows the hyphen.
    MidMonth(u32),
    MidYear(i32),
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Hour,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shift {
    This,
    Next,
    Last,
    /// "the past week": the days up to the anchor.
    Past,
    /// "the coming week": the days after the anchor.
    Coming,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Early,
    Mid,
    Late,
    Start,
    End,
    /// "earlier this year": from the start to the day before the anchor.
    SoFar,
    /// "later this year": from the day after the anchor to the end.
    Rest,
    /// "by the end of the year", "before the end of June": a deadline, from the anchor (or
    /// the start of the period, when the anchor is not in it) to the end of the period.
    Deadline,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

const MONTH_ABBREVIATIONS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("eighteen", 18),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
];

const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("hundredth", 100),
    ("thousandth", 1000),
];

const UNITS: &[(&str, Unit)] = &[
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("weekend", Unit::Weekend),
    ("weekends", Unit::Weekend),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("quarter", Unit::Quarter),
    ("quarters", Unit::Quarter),
    ("year", Unit::Year),
    ("years", Unit::Year),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
];

const SEASONS: &[(&str, Season)] = &[
    ("spring", Season::Spring),
    ("summer", Season::Summer),
    ("autumn", Season::Autumn),
    ("fall", Season::Autumn),
    ("winter", Season::Winter),
];

const SHIFTS: &[(&str, Shift)] = &[
    ("this", Shift::This),
    ("current", Shift::This),
    ("next", Shift::Next),
    ("following", Shift::Next),
    ("last", Shift::Last),
    ("previous", Shift::Last),
    ("past", Shift::Past),
    ("coming", Shift::Coming),
    ("upcoming", Shift::Coming),
];

const DAY_WORDS: &[(&str, i64)] = &[
    ("today", 0),
    ("tonight", 0),
    ("yesterday", -1),
    ("tomorrow", 1),
    // A wire report's "overnight" is the night that ended on its own date.
    ("overnight", 0),
];

const PARTS: &[(&str, Part)] = &[
    ("early", Part::Early),
    ("mid", Part::Mid),
    ("late", Part::Late),
];

/// Words after which a bare month or year is a date ("in May", "since 2022").
const DATE_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "during",
    "before",
    "after",
    "of",
    "to",
    "and",
    "or",
    "between",
    "early",
    "late",
    "mid",
    "throughout",
    "last",
    "next",
    "this",
];

/// Past-tense cue words besides regular "-ed" forms.
const PAST_VERBS: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "met", "held", "spoke", "made", "took", "came",
    "went", "began", "saw", "gave", "left", "sent", "won", "lost", "fell", "struck", "fought",
    "led", "brought", "thought", "wrote", "became", "ran", "stood", "flew", "shot", "hit", "broke",
    "drew", "felt", "knew", "meant", "paid", "put", "set", "sought", "wrote", "ago", "since",
    "earlier", "last",
];

/// Future-tense cues ("will", "is set to", "scheduled").
const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "'ll",
    "’ll",
    "wo",
    "going",
    "expected",
    "scheduled",
    "planned",
    "slated",
    "due",
    "upcoming",
    "plans",
    "plan",
    "intends",
    "aims",
    "hopes",
    "next",
    "coming",
];

/// The class of a word of the tables, before capitalisation is checked.
#[derive(Debug, Clone, Copy)]
enum TableWord {
    Month(u32),
    MonthAbbreviation(u32),
    Weekday(Weekday),
    Number(u32),
    Ordinal(u32),
    Unit(Unit),
    Season(Season),
    Shift(Shift),
    DayWord(i64),
    Part(Part),
}

/// A map from short lowercase words, hashed with FNV-1a (the keys are fixed table words:
/// no need for a DoS-resistant hash, and this runs on every token).
type WordMap<T> = HashMap<&'static str, T, BuildHasherDefault<Fnv>>;

/// The FNV-1a hash.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Every table word, lowercase, with its class; built once.
static TABLE_WORDS: LazyLock<WordMap<TableWord>> = LazyLock::new(|| {
    let mut map = WordMap::default();
    map.extend(MONTHS.iter().map(|&(w, m)| (w, TableWord::Month(m))));
    map.extend(
        MONTH_ABBREVIATIONS
            .iter()
            .map(|&(w, m)| (w, TableWord::MonthAbbreviation(m))),
    );
    map.extend(WEEKDAYS.iter().map(|&(w, d)| (w, TableWord::Weekday(d))));
    map.extend(NUMBER_WORDS.iter().map(|&(w, n)| (w, TableWord::Number(n))));
    map.extend(ORDINALS.iter().map(|&(w, n)| (w, TableWord::Ordinal(n))));
    map.extend(UNITS.iter().map(|&(w, u)| (w, TableWord::Unit(u))));
    map.extend(SEASONS.iter().map(|&(w, s)| (w, TableWord::Season(s))));
    map.extend(SHIFTS.iter().map(|&(w, s)| (w, TableWord::Shift(s))));
    map.extend(DAY_WORDS.iter().map(|&(w, d)| (w, TableWord::DayWord(d))));
    map.extend(PARTS.iter().map(|&(w, p)| (w, TableWord::Part(p))));
    map
});

/// Tense cue words, lowercase; future cues win over past ones for words in both lists.
static TENSE_CUES: LazyLock<WordMap<Tense>> = LazyLock::new(|| {
    let mut map: WordMap<Tense> = PAST_VERBS.iter().map(|&w| (w, Tense::Past)).collect();
    map.extend(FUTURE_CUES.iter().map(|&w| (w, Tense::Future)));
    map
});

/// Looks `word` up in `map` case-insensitively (ASCII), without allocating.
fn get_lowercase<T: Copy>(map: &WordMap<T>, word: &str) -> Option<T> {
    let mut buf = [0u8; 16];
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    map.get(std::str::from_utf8(lower).ok()?).copied()
}

/// Classifies one token against the word tables.
fn classify(word: &str) -> Lex {
    let Some(first) = word.chars().next() else {
        return Lex::Other;
    };
    if word.len() > 16 || !first.is_ascii_alphanumeric() {
        return Lex::Other;
    }
    if first.is_ascii_digit() {
        return classify_number(word);
    }
    let upper = first.is_ascii_uppercase();
    if let Some(rest) = word
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("mid-"))
        .and_then(|_| word.get(4..))
    {
        return match get_lowercase(&TABLE_WORDS, rest) {
            Some(TableWord::Month(m)) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => {
                Lex::MidMonth(m)
            }
            _ => match classify_number(rest) {
                Lex::Year(y) => Lex::MidYear(y),
                _ => Lex::Other,
            },
        };
    }
    if upper
        && let Some(q) = word
            .strip_prefix('Q')
            .and_then(|d| d.parse::<u32>().ok())
            .filter(|q| (1..=4).contains(q))
    {
        return Lex::QuarterName(q);
    }
    let bare = word.strip_suffix('.').unwrap_or(word);
    let dotted = bare.len() < word.len();
    match get_lowercase(&TABLE_WORDS, bare) {
        Some(TableWord::Month(month)) if upper && !dotted => Lex::Month {
            month,
            ambiguous: matches!(month, 3 | 5),
        },
        Some(TableWord::MonthAbbreviation(month)) if upper => Lex::Month {
            month,
            ambiguous: true,
        },
        Some(TableWord::Weekday(day)) if upper && !dotted => Lex::Weekday(day),
        _ if dotted => Lex::Other,
        Some(TableWord::Number(n)) => Lex::Number(n),
        Some(TableWord::Ordinal(n)) => Lex::Ordinal(n),
        Some(TableWord::Unit(u)) => Lex::Unit(u),
        Some(TableWord::Season(s)) => Lex::Season(s),
        Some(TableWord::Shift(s)) => Lex::Shift(s),
        Some(TableWord::DayWord(d)) => Lex::DayWord(d),
        Some(TableWord::Part(p)) => Lex::Part(p),
        _ => Lex::Other,
    }
}

/// Classifies a token that starts with a digit.
fn classify_number(word: &str) -> Lex {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let (num, rest) = word.split_at(digits);
    let Ok(n) = num.parse::<u32>() else {
        return Lex::Other;
    };
    match rest {
        "" if digits == 4 && (1000..2200).contains(&n) => Lex::Year(n as i32),
        "" if (1..=31).contains(&n) && digits <= 2 => Lex::DayNumber(n),
        "" if (1..1000).contains(&n) => Lex::Number(n),
        "st" | "nd" | "rd" | "th" if (1..=31).contains(&n) => Lex::DayNumber(n),
        "s" if digits == 4 && n % 10 == 0 => Lex::Decade(n as i32),
        _ if digits == 4 && rest.len() == 5 && rest.starts_with(['-', '–']) => {
            match rest.get(1..).and_then(|r| r.parse::<i32>().ok()) {
                Some(end) if (1000..2200).contains(&end) && end > n as i32 => {
                    Lex::YearRange(n as i32, end)
                }
                _ => Lex::Other,
            }
        }
        _ => parse_date_token(word).map_or(Lex::Other, Lex::Date),
    }
}

/// "2025-09-04" or "04.09.2025" (day first).
fn parse_date_token(word: &str) -> Option<NaiveDate> {
    let mut parts = word.split(['-', '.', '/']);
    let a = parts.next()?;
    let b: u32 = parts.next()?.parse().ok()?;
    let c = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 && word.contains('-') {
        NaiveDate::from_ymd_opt(a.parse().ok()?, b, c.parse().ok()?)
    } else if c.len() == 4 && word.contains('.') {
        NaiveDate::from_ymd_opt(c.parse().ok()?, b, a.parse().ok()?)
    } else {
        None
    }
}

/// What an expression means before it is resolved against an anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Meaning {
    /// A day; the year comes from the anchor when missing.
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// A month or a part of it; the year comes from the anchor when missing.
    Month {
        year: Option<i32>,
        month: u32,
        part: Part,
    },
    /// A month relative to the anchor ("last March", "next January").
    ShiftedMonth {
        shift: Shift,
        month: u32,
    },
    Year {
        year: i32,
        part: Part,
    },
    Quarter {
        year: Option<i32>,
        quarter: u32,
    },
    Season {
        year: Option<i32>,
        season: Season,
        shift: Option<Shift>,
    },
    YearRange(i32, i32),
    Decade(i32),
    /// A weekday, possibly shifted; `None` for a bare one (tense decides).
    Weekday {
        day: Weekday,
        shift: Option<Shift>,
    },
    /// today, yesterday, tomorrow, "the day after tomorrow".
    DayOffset(i64),
    /// "this week", "next month", "last year", "the weekend", and parts of them.
    Unit {
        unit: Unit,
        shift: Option<Shift>,
        part: Part,
    },
    /// "two days ago" (negative) or "in two weeks" (positive); `count: None` for "weeks ago".
    Offset {
        count: Option<u32>,
        unit: Unit,
        sign: i64,
    },
    /// "within days", "the coming weeks", "the past two months", "recent days".
    Window {
        count: Option<u32>,
        unit: Unit,
        forward: bool,
    },
    /// "the third year of the war", "two days later": kept, not resolvable here.
    Period(Unit),
}

struct Found {
    start: usize,
    end: usize,
    meaning: Meaning,
}

fn found(start: usize, end: usize, meaning: Meaning) -> Option<Found> {
    Some(Found {
        start,
        end,
        meaning,
    })
}

/// Tries every pattern at token `i`; the first that matches wins.
fn match_at(s: &Sentence, i: usize) -> Option<Found> {
    period(s, i)
        .or_else(|| part_of(s, i))
        .or_else(|| window(s, i))
        .or_else(|| offset(s, i))
        .or_else(|| weekday(s, i))
        .or_else(|| day_word(s, i))
        .or_else(|| {
            core(s, i).map(|(end, meaning)| Found {
                start: i,
                end,
                meaning,
            })
        })
}

/// "the third year of the war", "its fourth year", "the second straight day".
fn period(s: &Sentence, i: usize) -> Option<Found> {
    let det = s.is_any(i, &["the", "its", "their", "his", "her", "a"]);
    let o = if det { i + 1 } else { i };
    let Lex::Ordinal(_) = s.lex(o) else {
        return None;
    };
    let mut u = o + 1;
    if s.is_any(u, &["straight", "consecutive", "full", "successive"]) {
        u += 1;
    }
    let Lex::Unit(unit) = s.lex(u) else {
        return None;
    };
    if unit == Unit::Quarter {
        return None;
    }
    let mut end = u + 1;
    // "of the war", "of talks", "of the conflict" (but not "of 2025").
    if s.is(end, "of") && !matches!(s.lex(end + 1), Lex::Year(_)) {
        let noun = if s.is_any(end + 1, &["the", "its", "their"]) {
            end + 2
        } else {
            end + 1
        };
        if s.word(noun).chars().next().is_some_and(char::is_alphabetic) {
            end = noun + 1;
        }
    } else if matches!(s.lex(end), Lex::Year(_)) || s.is(end, "of") {
        return None;
    }
    found(i, end, Meaning::Period(unit))
}

/// "early December", "mid-September", "late 2025", "the end of the year", "earlier this
/// year", "later this month", "the beginning of next week".
fn part_of(s: &Sentence, i: usize) -> Option<Found> {
    match s.lex(i) {
        Lex::MidMonth(month) => {
            let (end, year) = optional_year(s, i + 1);
            return found(
                i,
                end,
                Meaning::Month {
                    year,
                    month,
                    part: Part::Mid,
                },
            );
        }
        Lex::MidYear(year) => {
            return found(
                i,
                i + 1,
                Meaning::Year {
                    year,
                    part: Part::Mid,
                },
            );
        }
        _ => {}
    }
    let (part, next) = if let Lex::Part(p) = s.lex(i) {
        (p, i + 1)
    } else if s.is_any(i, &["earlier", "later"]) && s.is(i + 1, "this") {
        let part = if s.is(i, "earlier") {
            Part::SoFar
        } else {
            Part::Rest
        };
        (part, i + 1)
    } else if s.is_any(i, &["earlier", "later"])
        && s.is(i + 1, "in")
        && s.is(i + 2, "the")
        && let Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year)) = s.lex(i + 3)
        && !s.word(i + 3).ends_with('s')
    {
        // "later in the week", "earlier in the year": the current one.
        let part = if s.is(i, "earlier") {
            Part::SoFar
        } else {
            Part::Rest
        };
        let meaning = Meaning::Unit {
            unit,
            shift: Some(Shift::This),
            part,
        };
        return found(i, i + 4, meaning);
    } else {
        let at = if s.is(i, "the") { i + 1 } else { i };
        // "by the end of June", "before the end of the year": a deadline.
        let deadline = i > 0 && s.is_any(i - 1, &["by", "before"]);
        let part = if s.is(at, "end") && deadline {
            Part::Deadline
        } else if s.is(at, "end") {
            Part::End
        } else if s.is_any(at, &["beginning", "start"]) {
            Part::Start
        } else if s.is(at, "middle") {
            Part::Mid
        } else {
            return None;
        };
        if !s.is(at + 1, "of") {
            return None;
        }
        (part, at + 2)
    };
    // "the end of the year", "the start of the month": the current one.
    let current = match (s.is(next, "the"), s.lex(next + 1)) {
        (true, Lex::Unit(unit)) if !s.word(next + 1).ends_with('s') => Some((
            next + 2,
            Meaning::Unit {
                unit,
                shift: Some(Shift::This),
                part: Part::Whole,
            },
        )),
        _ => None,
    };
    let (end, meaning) = current.or_else(|| core(s, next))?;
    let meaning = match meaning {
        Meaning::Month {
            year,
            month,
            part: Part::Whole,
        } => Meaning::Month { year, month, part },
        Meaning::Year {
            year,
            part: Part::Whole,
        } => Meaning::Year { year, part },
        Meaning::Unit {
            unit,
            shift,
            part: Part::Whole,
        } if unit != Unit::Day => Meaning::Unit { unit, shift, part },
        _ => return None,
    };
    found(i, end, meaning)
}

/// An optional year after a month ("September 2025", "September, 2025").
fn optional_year(s: &Sentence, at: usize) -> (usize, Option<i32>) {
    match (s.lex(at), s.lex(at + 1)) {
        (Lex::Year(y), _) => (at + 1, Some(y)),
        (_, Lex::Year(y)) if s.word(at) == "," => (at + 2, Some(y)),
        _ => (at, None),
    }
}

/// Expressions that can stand alone or follow a part word: dates, months, years, quarters,
/// seasons, and shifted units ("next week", "the weekend", "this year").
fn core(s: &Sentence, i: usize) -> Option<(usize, Meaning)> {
    match s.lex(i) {
        Lex::Date(d) => {
            return Some((
                i + 1,
                Meaning::Date {
                    year: Some(d.year()),
                    month: d.month(),
                    day: d.day(),
                },
            ));
        }
        Lex::YearRange(a, b) => return Some((i + 1, Meaning::YearRange(a, b))),
        Lex::Decade(d) => return Some((i + 1, Meaning::Decade(d))),
        Lex::Month { month, ambiguous } => {
            // "September 5", "Sept. 5, 2025", "September 5th".
            if let Lex::DayNumber(day) = s.lex(i + 1) {
                let (end, year) = optional_year(s, i + 2);
                return Some((end, Meaning::Date { year, month, day }));
            }
            if let Lex::Year(year) = s.lex(i + 1) {
                return Some((
                    i + 2,
                    Meaning::Month {
                        year: Some(year),
                        month,
                        part: Part::Whole,
                    },
                ));
            }
            let after_preposition = i > 0 && s.is_any(i - 1, DATE_PREPOSITIONS);
            if ambiguous && !after_preposition {
                return None;
            }
            return Some((
                i + 1,
                Meaning::Month {
                    year: None,
                    month,
                    part: Part::Whole,
                },
            ));
        }
        Lex::DayNumber(day) => {
            // "5 September 2025", "5th of September".
            let m = if s.is(i + 1, "of") { i + 2 } else { i + 1 };
            if let Lex::Month { month, .. } = s.lex(m) {
                let (end, year) = optional_year(s, m + 1);
                return Some((end, Meaning::Date { year, month, day }));
            }
            return None;
        }
        Lex::Year(year) => {
            let after_preposition = i > 0 && s.is_any(i - 1, DATE_PREPOSITIONS);
            let before_comma_or_end = matches!(s.word(i + 1), "," | "." | "" | ")" | ";");
            if after_preposition || (i > 0 && before_comma_or_end && s.word(i - 1) == ",") {
                return Some((
                    i + 1,
                    Meaning::Year {
                        year,
                        part: Part::Whole,
                    },
                ));
            }
            return None;
        }
        Lex::QuarterName(quarter) => {
            let (end, year) = match s.lex(i + 1) {
                Lex::Year(y) => (i + 2, Some(y)),
                _ => (i + 1, None),
            };
            return Some((end, Meaning::Quarter { year, quarter }));
        }
        _ => {}
    }
    // "the first quarter of 2025", "the third quarter".
    let at = if s.is(i, "the") { i + 1 } else { i };
    if let (Lex::Ordinal(q), Lex::Unit(Unit::Quarter)) = (s.lex(at), s.lex(at + 1))
        && (1..=4).contains(&q)
    {
        let (end, year) = match (s.is(at + 2, "of"), s.lex(at + 3)) {
            (true, Lex::Year(y)) => (at + 4, Some(y)),
            _ => (at + 2, None),
        };
        return Some((end, Meaning::Quarter { year, quarter: q }));
    }
    shifted(s, i)
}

/// "this week", "next month", "last year", "the weekend", "this summer", "last March",
/// "summer 2025", "the summer of 2025".
fn shifted(s: &Sentence, i: usize) -> Option<(usize, Meaning)> {
    let (shift, next) = match s.lex(i) {
        Lex::Shift(shift) => (Some(shift), i + 1),
        _ if s.is(i, "the") => match s.lex(i + 1) {
            Lex::Shift(shift) => (Some(shift), i + 2),
            _ => (None, i + 1),
        },
        _ => (None, i),
    };
    let has_the = s.is(i, "the");
    match s.lex(next) {
        Lex::Unit(unit) if unit != Unit::Hour => {
            // Plural units belong to windows ("the coming weeks").
            if s.word(next).ends_with('s') {
                return None;
            }
            if shift.is_none() && !(unit == Unit::Weekend && has_the) {
                return None;
            }
            if unit == Unit::Day {
                return None;
            }
            Some((
                next + 1,
                Meaning::Unit {
                    unit,
                    shift,
                    part: Part::Whole,
                },
            ))
        }
        Lex::Season(season) => {
            let (end, year) = match (s.lex(next + 1), s.is(next + 1, "of"), s.lex(next + 2)) {
                (Lex::Year(y), _, _) => (next + 2, Some(y)),
                (_, true, Lex::Year(y)) => (next + 3, Some(y)),
                _ => (next + 1, None),
            };
            let preceded = i > 0 && s.is_any(i - 1, DATE_PREPOSITIONS);
            if year.is_none() && shift.is_none() && !(has_the && preceded) {
                return None;
            }
            Some((
                end,
                Meaning::Season {
                    year,
                    season,
                    shift,
                },
            ))
        }
        Lex::Month { month, .. }
            if matches!(shift, Some(Shift::Last | Shift::Next | Shift::This)) =>
        {
            if !matches!(s.lex(next + 1), Lex::DayNumber(_) | Lex::Year(_)) {
                let shift = shift.unwrap_or(Shift::This);
                return Some((next + 1, Meaning::ShiftedMonth { shift, month }));
            }
            None
        }
        _ => None,
    }
}

/// "Thursday", "last Thursday", "next Monday", "Thursday morning", "Thursday, September 4".
fn weekday(s: &Sentence, i: usize) -> Option<Found> {
    let (shift, at) = match (s.lex(i), s.lex(i + 1)) {
        (Lex::Shift(shift), Lex::Weekday(_)) => (Some(shift), i + 1),
        (Lex::Weekday(_), _) => (None, i),
        _ => return None,
    };
    let Lex::Weekday(day) = s.lex(at) else {
        return None;
    };
    if shift.is_none() && i > 0 {
        let prev = s.word(i - 1);
        // "the Sunday Times", "Black Friday", "Good Friday".
        if s.is_any(i - 1, &["the", "a"]) && s.capitalised(i + 1) {
            return None;
        }
        let prev_is_name = prev.starts_with(char::is_uppercase)
            && !s.is_any(i - 1, DATE_PREPOSITIONS)
            && !s.is_any(
                i - 1,
                &["on", "On", "By", "Since", "Until", "Late", "Early"],
            );
        if prev_is_name && i > 1 {
            return None;
        }
    }
    let mut end = at + 1;
    // "Thursday, September 4" is one date.
    let date_at = if s.word(end) == "," { end + 1 } else { end };
    if let Some((date_end, meaning @ Meaning::Date { .. })) = core(s, date_at) {
        return found(i, date_end, meaning);
    }
    if s.is_any(end, &["morning", "afternoon", "evening", "night"]) {
        end += 1;
    }
    found(i, end, Meaning::Weekday { day, shift })
}

/// "today", "yesterday morning", "tonight", "this morning", "last night", "the day after
/// tomorrow", "earlier today".
fn day_word(s: &Sentence, i: usize) -> Option<Found> {
    if s.is(i, "the")
        && s.is(i + 1, "day")
        && s.is_any(i + 2, &["before", "after"])
        && let Lex::DayWord(d @ (-1 | 1)) = s.lex(i + 3)
    {
        return found(i, i + 4, Meaning::DayOffset(d * 2));
    }
    if s.is(i, "this") && s.is_any(i + 1, &["morning", "afternoon", "evening"]) {
        return found(i, i + 2, Meaning::DayOffset(0));
    }
    if s.is(i, "last") && s.is(i + 1, "night") {
        return found(i, i + 2, Meaning::DayOffset(-1));
    }
    if s.is_any(i, &["earlier", "later"])
        && s.is(i + 1, "in")
        && s.is(i + 2, "the")
        && s.is(i + 3, "day")
    {
        return found(i, i + 4, Meaning::DayOffset(0));
    }
    let start = if s.is_any(i, &["earlier", "later"]) && s.is(i + 1, "today") {
        i + 1
    } else {
        i
    };
    let Lex::DayWord(d) = s.lex(start) else {
        return None;
    };
    let mut end = start + 1;
    if s.is_any(end, &["morning", "afternoon", "evening", "night"]) {
        end += 1;
    }
    found(i, end, Meaning::DayOffset(d))
}

/// A count before a unit: "two", "10", "a", "a few"/"several"/"few" (None), or nothing.
fn count_at(s: &Sentence, i: usize) -> (usize, Option<Option<u32>>) {
    if s.is(i, "a") && s.is(i + 1, "few") || s.is(i, "a") && s.is(i + 1, "couple") {
        let end = if s.is(i + 2, "of") { i + 3 } else { i + 2 };
        return (
            end,
            Some(if s.is(i + 1, "couple") { Some(2) } else { None }),
        );
    }
    if s.is_any(i, &["few", "several", "some", "many"]) {
        return (i + 1, Some(None));
    }
    match s.lex(i) {
        Lex::Number(n) | Lex::DayNumber(n) => (i + 1, Some(Some(n))),
        _ => (i, None),
    }
}

/// "two days ago", "weeks ago", "in two weeks", "in a month's time", "two days later".
fn offset(s: &Sentence, i: usize) -> Option<Found> {
    let after_in = s.is(i, "in");
    let from = if after_in { i + 1 } else { i };
    let (u, count) = count_at(s, from);
    let Lex::Unit(unit) = s.lex(u) else {
        return None;
    };
    if unit == Unit::Weekend {
        return None;
    }
    let mut end = u + 1;
    if after_in {
        let count = count??;
        // "in two weeks' time", "in a month's time".
        if matches!(s.word(end), "'" | "’" | "'s" | "’s") && s.is(end + 1, "time") {
            end += 2;
        }
        return found(
            i,
            end,
            Meaning::Offset {
                count: Some(count),
                unit,
                sign: 1,
            },
        );
    }
    if s.is(end, "ago") {
        return found(
            i,
            end + 1,
            Meaning::Offset {
                count: count.flatten(),
                unit,
                sign: -1,
            },
        );
    }
    if s.is_any(end, &["later", "earlier"]) && count.is_some() {
        return found(i, end + 1, Meaning::Period(unit));
    }
    None
}

/// "within days", "within two weeks", "the coming days", "the next few weeks", "the past two
/// months", "recent days", "in recent weeks".
fn window(s: &Sentence, i: usize) -> Option<Found> {
    let (forward, from) = if s.is(i, "within") {
        (true, i + 1)
    } else if s.is(i, "recent") {
        (false, i)
    } else {
        let at = if s.is(i, "the") { i + 1 } else { i };
        match s.lex(at) {
            Lex::Shift(Shift::Coming | Shift::Next) => (true, at + 1),
            Lex::Shift(Shift::Past | Shift::Last) => (false, at + 1),
            _ => return None,
        }
    };
    let recent = s.is(from, "recent");
    let (u, count) = count_at(s, if recent { from + 1 } else { from });
    let Lex::Unit(unit) = s.lex(u) else {
        return None;
    };
    let plural = s.word(u).ends_with('s');
    // "the next week" / "the past week" (singular, no count) are shifted units, except "the
    // past week" which is a seven-day window.
    let count = match count {
        Some(c) => c,
        None if plural => None,
        None if s.is(i, "within") => Some(1),
        None if matches!(s.lex(from.saturating_sub(1)), Lex::Shift(Shift::Past)) => Some(1),
        None => return None,
    };
    if unit == Unit::Weekend {
        return None;
    }
    found(
        i,
        u + 1,
        Meaning::Window {
            count,
            unit,
            forward,
        },
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Neutral,
}

/// The tense of the verb nearest to tokens `start..end`: a cue before the expression wins a
/// tie against one after it. "since" right before means past; without any verb cue,
/// "until"/"by" mean future.
fn tense_near(s: &Sentence, start: usize, end: usize) -> Tense {
    if start > 0 && s.is(start - 1, "since") {
        return Tense::Past;
    }
    let mut best: Option<(usize, Tense)> = None;
    // Verbs of a later clause ("will meet on Thursday to hear how the talks went") do not
    // date the expression when a verb before it does.
    let mut later_clause = false;
    for (idx, word) in s.words.iter().enumerate() {
        if (start..end).contains(&idx) {
            continue;
        }
        if idx >= end && CLAUSE_STARTS.contains(&word.to_lowercase().as_str()) {
            later_clause = true;
        }
        if later_clause && best.is_some() {
            break;
        }
        let Some(tense) = verb_tense(s, idx, word, idx < start) else {
            continue;
        };
        let distance = if idx < start {
            (start - idx) * 2
        } else {
            (idx + 1 - end) * 2 + 1
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, tense));
        }
    }
    match best {
        Some((_, tense)) => tense,
        None if start > 0 && s.is_any(start - 1, &["until", "till", "by"]) => Tense::Future,
        None => Tense::Neutral,
    }
}

/// Modal verbs: what they govern is to come (or, with "have", is past).
const MODALS: &[&str] = &["would", "could", "might", "should", "must", "may", "can"];

/// Words that open a new clause after a time expression.
const CLAUSE_STARTS: &[&str] = &[
    ",", ";", ":", "to", "that", "which", "who", "how", "when", "while", "after", "before",
    "because", "as", "if", "where", "and", "but", "unless", "once", "although", "though",
];

/// Verbs of intention: before "to" they look ahead even in the past tense ("agreed to meet
/// in March", "hoped to sign before the end of the year"); hopes always do ("hoped the deal
/// would be signed by June").
const INTENTION_VERBS: &[&str] = &[
    "agree",
    "agrees",
    "agreed",
    "decide",
    "decides",
    "decided",
    "promise",
    "promises",
    "promised",
    "vow",
    "vows",
    "vowed",
    "pledge",
    "pledges",
    "pledged",
    "want",
    "wants",
    "wanted",
    "aim",
    "aimed",
    "seek",
    "seeks",
    "sought",
    "intend",
    "intended",
    "offer",
    "offers",
    "offered",
    "threaten",
    "threatens",
    "threatened",
    "expect",
    "expects",
];

/// Verbs of hope: what they govern is to come.
const HOPE_VERBS: &[&str] = &["hope", "hoped", "hoping", "hopeful"];

/// The tense a token signals, if any; `before` when it comes before the expression.
fn verb_tense(s: &Sentence, idx: usize, word: &str, before: bool) -> Option<Tense> {
    let lower_start = word.starts_with(|c: char| c.is_ascii_lowercase());
    // A modal looks ahead ("would meet", "could sign"), unless it looks back over a perfect
    // ("would have met"); "May" written with a capital is the month.
    if lower_start && MODALS.contains(&word) {
        return Some(if s.is(idx + 1, "have") {
            Tense::Past
        } else {
            Tense::Future
        });
    }
    // An intention looks ahead to a time after it; a time before it dates the intention
    // itself ("at a summit on 4 May, they pledged to send troops").
    let among = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    if before && (among(HOPE_VERBS) || (s.is(idx + 1, "to") && among(INTENTION_VERBS))) {
        return Some(Tense::Future);
    }
    let cue = get_lowercase(&TENSE_CUES, word);
    if cue == Some(Tense::Future) {
        // "was scheduled for", "were expected in": a plan told in the past may be past or
        // still to come.
        if matches!(
            word,
            "expected" | "scheduled" | "planned" | "slated" | "due"
        ) && idx > 0
            && s.is_any(idx - 1, &["was", "were"])
        {
            return Some(Tense::Neutral);
        }
        if word == "going" && !s.is(idx + 1, "to") {
            return None;
        }
        if matches!(word, "next" | "coming") && s.lex(idx + 1) == Lex::Other {
            return None;
        }
        return Some(Tense::Future);
    }
    if word == "set" && s.is(idx + 1, "to") {
        return Some(Tense::Future);
    }
    // A participle after a form of "be" is passive: the auxiliary carries the tense ("was
    // held", "will be held").
    let after_be = idx > 0 && s.is_any(idx - 1, &["is", "are", "be", "being", "am", "been"]);
    if cue == Some(Tense::Past) {
        if matches!(word, "last" | "earlier") && s.lex(idx + 1) == Lex::Other {
            return None;
        }
        return (!after_be || matches!(word, "was" | "were")).then_some(Tense::Past);
    }
    // "a disputed dam", "the agreed text": a participle after a determiner is an adjective.
    let after_determiner = idx > 0
        && s.is_any(
            idx - 1,
            &[
                "a", "an", "the", "its", "their", "his", "her", "this", "that", "these", "those",
            ],
        );
    if lower_start && word.len() >= 5 && word.ends_with("ed") && !after_be && !after_determiner {
        return Some(Tense::Past);
    }
    None
}

/// A resolved value: its text, precision and the days it covers.
struct Value {
    value: String,
    precision: Precision,
    start: NaiveDate,
    end: NaiveDate,
}

fn build(
    span: Span,
    text: &str,
    meaning: &Meaning,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> TimeExpr {
    let relative = needs_anchor(meaning);
    let resolved = resolve(meaning, anchor, tense);
    let precision = resolved.as_ref().map(|v| v.precision).or(match meaning {
        Meaning::Period(unit) | Meaning::Offset { unit, .. } | Meaning::Window { unit, .. } => {
            Some(unit_precision(*unit))
        }
        _ => None,
    });
    TimeExpr {
        span,
        text: text.to_string(),
        value: resolved.as_ref().map(|v| v.value.clone()),
        precision,
        start: resolved.as_ref().map(|v| v.start),
        end: resolved.as_ref().map(|v| v.end),
        anchor: if relative && resolved.is_some() {
            anchor
        } else {
            None
        },
        relative,
    }
}

fn unit_precision(unit: Unit) -> Precision {
    match unit {
        Unit::Hour => Precision::Time,
        Unit::Day => Precision::Day,
        Unit::Week | Unit::Weekend => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Quarter => Precision::Quarter,
        Unit::Year => Precision::Year,
    }
}

/// True for expressions whose value depends on the anchor.
fn needs_anchor(meaning: &Meaning) -> bool {
    match meaning {
        Meaning::Date { year, .. }
        | Meaning::Month { year, .. }
        | Meaning::Quarter { year, .. } => year.is_none(),
        Meaning::Season { year, .. } => year.is_none(),
        Meaning::Year { .. } | Meaning::YearRange(..) | Meaning::Decade(_) | Meaning::Period(_) => {
            false
        }
        _ => true,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    ymd(y, m, 1)?.checked_add_months(Months::new(1))?.pred_opt()
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

/// `YYYY-MM-DD` (written by hand: chrono's format strings are parsed on every call).
fn iso_day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn day_value(d: NaiveDate) -> Value {
    Value {
        value: iso_day(d),
        precision: Precision::Day,
        start: d,
        end: d,
    }
}

fn week_value(any_day: NaiveDate) -> Option<Value> {
    let back = i64::from(any_day.weekday().num_days_from_monday());
    let monday = add_days(any_day, -back)?;
    let week = any_day.iso_week();
    Some(Value {
        value: format!("{}-W{:02}", week.year(), week.week()),
        precision: Precision::Week,
        start: monday,
        end: add_days(monday, 6)?,
    })
}

fn month_value(y: i32, m: u32) -> Option<Value> {
    Some(Value {
        value: format!("{y:04}-{m:02}"),
        precision: Precision::Month,
        start: ymd(y, m, 1)?,
        end: last_of_month(y, m)?,
    })
}

fn quarter_value(y: i32, q: u32) -> Option<Value> {
    let first = (q - 1) * 3 + 1;
    Some(Value {
        value: format!("{y:04}-Q{q}"),
        precision: Precision::Quarter,
        start: ymd(y, first, 1)?,
        end: last_of_month(y, first + 2)?,
    })
}

fn year_value(y: i32) -> Option<Value> {
    Some(Value {
        value: format!("{y:04}"),
        precision: Precision::Year,
        start: ymd(y, 1, 1)?,
        end: ymd(y, 12, 31)?,
    })
}

fn interval(start: NaiveDate, end: NaiveDate, precision: Precision) -> Value {
    Value {
        value: format!("{}/{}", iso_day(start), iso_day(end)),
        precision,
        start,
        end,
    }
}

/// Narrows a whole value (month, year, week…) to one of its parts.
fn narrow(whole: Value, part: Part, anchor: Option<NaiveDate>) -> Option<Value> {
    let (s, e, p) = (whole.start, whole.end, whole.precision);
    // A year splits by months: early = January–April, start = January, end = December.
    let year_months = match (p, part) {
        (Precision::Year, Part::Early) => Some((1, 4)),
        (Precision::Year, Part::Mid) => Some((5, 8)),
        (Precision::Year, Part::Late) => Some((9, 12)),
        (Precision::Year, Part::Start) => Some((1, 1)),
        (Precision::Year, Part::End) => Some((12, 12)),
        _ => None,
    };
    if let Some((m1, m2)) = year_months {
        return Some(interval(
            ymd(s.year(), m1, 1)?,
            last_of_month(s.year(), m2)?,
            p,
        ));
    }
    let days = (e - s).num_days() + 1;
    let third = (days / 3).max(1);
    let piece = match part {
        Part::Whole => return Some(whole),
        Part::Early | Part::Start => (s, add_days(s, third - 1)?),
        Part::Mid => (add_days(s, third)?, add_days(s, 2 * third - 1)?),
        Part::Late | Part::End => (add_days(s, 2 * third)?, e),
        // The days before (after) the anchor; the anchor itself when there are none.
        Part::SoFar => {
            let a = anchor?.clamp(s, e);
            (s, if a > s { add_days(a, -1)? } else { s })
        }
        Part::Rest => {
            let a = anchor?.clamp(s, e);
            (if a < e { add_days(a, 1)? } else { e }, e)
        }
        Part::Deadline => match anchor {
            Some(a) if (s..=e).contains(&a) => (a, e),
            _ => (s, e),
        },
    };
    Some(interval(piece.0, piece.1, p))
}

/// Of the same period in several years (earliest first), the one a clause of `tense` means:
/// in the future the first that has not ended by the anchor, in the past the last that had
/// begun by it, else the one nearest to it (the one holding it when there is one).
fn by_tense(candidates: Vec<Value>, anchor: NaiveDate, tense: Tense) -> Option<Value> {
    match tense {
        Tense::Future => candidates.into_iter().find(|v| v.end >= anchor),
        Tense::Past => candidates.into_iter().rev().find(|v| v.start <= anchor),
        Tense::Neutral => candidates.into_iter().min_by_key(|v| {
            if anchor < v.start {
                (v.start - anchor).num_days()
            } else if anchor > v.end {
                (anchor - v.end).num_days()
            } else {
                0
            }
        }),
    }
}

/// The year for a day written without one: the anchor's, or the year before (after) when
/// that puts it more than about two months after (before) the anchor in a past-tense
/// (future-tense) clause. A day is precise: a wrong tense reading would cost a whole year, so
/// a day close to the anchor keeps the anchor's year.
fn infer_year(month: u32, day: u32, anchor: NaiveDate, tense: Tense) -> i32 {
    let y = anchor.year();
    let Some(date) = ymd(y, month, day.min(28)) else {
        return y;
    };
    let gap = (date - anchor).num_days();
    match tense {
        Tense::Past if gap > 61 => y - 1,
        Tense::Future if gap < -61 => y + 1,
        _ => y,
    }
}

fn resolve(meaning: &Meaning, anchor: Option<NaiveDate>, tense: Tense) -> Option<Value> {
    match *meaning {
        Meaning::Date { year, month, day } => {
            let y = match year {
                Some(y) => y,
                None => infer_year(month, day, anchor?, tense),
            };
            ymd(y, month, day).map(day_value)
        }
        Meaning::Month {
            year: Some(y),
            month,
            part,
        } => narrow(month_value(y, month)?, part, anchor),
        // A month without a year follows the tense of its clause, like a bare weekday.
        Meaning::Month {
            year: None,
            month,
            part,
        } => {
            let a = anchor?;
            let candidates = (a.year() - 1..=a.year() + 1)
                .filter_map(|y| narrow(month_value(y, month)?, part, anchor))
                .collect();
            by_tense(candidates, a, tense)
        }
        Meaning::ShiftedMonth { shift, month } => {
            let a = anchor?;
            let y = match shift {
                Shift::Last | Shift::Past if month >= a.month() => a.year() - 1,
                Shift::Next | Shift::Coming if month <= a.month() => a.year() + 1,
                _ => a.year(),
            };
            month_value(y, month)
        }
        Meaning::Year { year, part } => narrow(year_value(year)?, part, anchor),
        Meaning::Quarter {
            year: Some(y),
            quarter,
        } => quarter_value(y, quarter),
        Meaning::Quarter {
            year: None,
            quarter,
        } => {
            let a = anchor?;
            let candidates = (a.year() - 1..=a.year() + 1)
                .filter_map(|y| quarter_value(y, quarter))
                .collect();
            by_tense(candidates, a, tense)
        }
        Meaning::Season {
            year,
            season,
            shift,
        } => resolve_season(year, season, shift, anchor, tense),
        Meaning::YearRange(a, b) => Some(interval(ymd(a, 1, 1)?, ymd(b, 12, 31)?, Precision::Year)),
        Meaning::Decade(d) => Some(interval(
            ymd(d, 1, 1)?,
            ymd(d + 9, 12, 31)?,
            Precision::Year,
        )),
        Meaning::Weekday { day, shift } => {
            resolve_weekday(day, shift, anchor?, tense).map(day_value)
        }
        Meaning::DayOffset(n) => add_days(anchor?, n).map(day_value),
        Meaning::Unit { unit, shift, part } => resolve_unit(unit, shift, part, anchor?, tense),
        Meaning::Offset { count, unit, sign } => {
            let a = anchor?;
            let n = i64::from(count?) * sign;
            match unit {
                Unit::Day => add_days(a, n).map(day_value),
                Unit::Week => week_value(add_days(a, 7 * n)?),
                Unit::Month => {
                    let d = add_months(a, n)?;
                    month_value(d.year(), d.month())
                }
                Unit::Quarter => {
                    let d = add_months(a, 3 * n)?;
                    quarter_value(d.year(), (d.month() - 1) / 3 + 1)
                }
                Unit::Year => year_value(a.year() + i32::try_from(n).ok()?),
                Unit::Hour | Unit::Weekend => None,
            }
        }
        Meaning::Window {
            count,
            unit,
            forward,
        } => {
            let a = anchor?;
            let n = i64::from(count.unwrap_or(match unit {
                Unit::Day => 7,
                Unit::Week => 4,
                Unit::Month | Unit::Quarter | Unit::Year => 3,
                Unit::Hour | Unit::Weekend => 1,
            }));
            let far = match unit {
                Unit::Hour => add_days(a, if forward { 1 } else { -1 })?,
                Unit::Day => add_days(a, if forward { n } else { -n })?,
                Unit::Week | Unit::Weekend => add_days(a, if forward { 7 * n } else { -7 * n })?,
                Unit::Month => add_months(a, if forward { n } else { -n })?,
                Unit::Quarter => add_months(a, if forward { 3 * n } else { -3 * n })?,
                Unit::Year => add_months(a, if forward { 12 * n } else { -12 * n })?,
            };
            let (s, e) = if forward { (a, far) } else { (far, a) };
            Some(interval(s, e, Precision::Day))
        }
        Meaning::Period(_) => None,
    }
}

fn resolve_weekday(
    day: Weekday,
    shift: Option<Shift>,
    anchor: NaiveDate,
    tense: Tense,
) -> Option<NaiveDate> {
    let a = i64::from(anchor.weekday().num_days_from_monday());
    let d = i64::from(day.num_days_from_monday());
    let back = (a - d).rem_euclid(7); // 0..=6 days back to that weekday
    let ahead = (d - a).rem_euclid(7); // 0..=6 days ahead
    let delta = match shift {
        None if tense == Tense::Past => -back,
        None => ahead,
        Some(Shift::Last | Shift::Past) => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        Some(Shift::This) => d - a,
        Some(Shift::Next) => d - a + 7,
        Some(Shift::Coming) => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
    };
    add_days(anchor, delta)
}

fn resolve_unit(
    unit: Unit,
    shift: Option<Shift>,
    part: Part,
    a: NaiveDate,
    tense: Tense,
) -> Option<Value> {
    let step: i64 = match shift {
        Some(Shift::Next | Shift::Coming) => 1,
        Some(Shift::Last) => -1,
        Some(Shift::This) | None => 0,
        Some(Shift::Past) => {
            // "the past week/month/year": the window up to the anchor.
            let back = match unit {
                Unit::Day | Unit::Hour => add_days(a, -1)?,
                Unit::Week | Unit::Weekend => add_days(a, -7)?,
                Unit::Month => add_months(a, -1)?,
                Unit::Quarter => add_months(a, -3)?,
                Unit::Year => add_months(a, -12)?,
            };
            return Some(interval(back, a, Precision::Day));
        }
    };
    let whole = match unit {
        Unit::Week => week_value(add_days(a, 7 * step)?)?,
        Unit::Weekend => {
            // Saturday and Sunday of the anchor's week; "the weekend" alone is the last one in
            // a past-tense sentence and the coming one otherwise.
            let monday = add_days(a, -i64::from(a.weekday().num_days_from_monday()))?;
            let mut saturday = add_days(monday, 5 + 7 * step)?;
            if shift.is_none() && tense == Tense::Past && saturday > a {
                saturday = add_days(saturday, -7)?;
            }
            let sunday = add_days(saturday, 1)?;
            return narrow(interval(saturday, sunday, Precision::Day), part, Some(a));
        }
        Unit::Month => {
            let d = add_months(a, step)?;
            month_value(d.year(), d.month())?
        }
        Unit::Quarter => {
            let d = add_months(a, 3 * step)?;
            quarter_value(d.year(), (d.month() - 1) / 3 + 1)?
        }
        Unit::Year => year_value(a.year() + i32::try_from(step).ok()?)?,
        Unit::Day | Unit::Hour => return None,
    };
    narrow(whole, part, Some(a))
}

fn resolve_season(
    year: Option<i32>,
    season: Season,
    shift: Option<Shift>,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> Option<Value> {
    let bounds = |y: i32| -> Option<(NaiveDate, NaiveDate)> {
        let (m1, y2, m2) = match season {
            Season::Spring => (3, y, 5),
            Season::Summer => (6, y, 8),
            Season::Autumn => (9, y, 11),
            Season::Winter => (12, y + 1, 2),
        };
        Some((ymd(y, m1, 1)?, last_of_month(y2, m2)?))
    };
    let y = match (year, shift) {
        (Some(y), _) => y,
        // "the spring": as the tense of its clause says (see [`by_tense`]).
        (None, None) => {
            let a = anchor?;
            let candidates = (a.year() - 2..=a.year() + 1)
                .filter_map(|y| bounds(y).map(|(s, e)| interval(s, e, Precision::Quarter)))
                .collect();
            return by_tense(candidates, a, tense);
        }
        (None, shift) => {
            let a = anchor?;
            let candidates = [a.year() - 2, a.year() - 1, a.year(), a.year() + 1];
            let pick = match shift {
                Some(Shift::This) | None => candidates.get(2),
                Some(Shift::Last | Shift::Past) => candidates
                    .iter()
                    .rev()
                    .find(|&&y| bounds(y).is_some_and(|(_, e)| e < a)),
                Some(Shift::Next | Shift::Coming) => candidates
                    .iter()
                    .find(|&&y| bounds(y).is_some_and(|(s, _)| s > a)),
            };
            *pick?
        }
    };
    let (s, e) = bounds(y)?;
    Some(interval(s, e, Precision::Quarter))
}

#[cfg(test)]
mod tests;
