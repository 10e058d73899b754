//! Publication dates as news text writes them: ISO 8601 from metadata, and the human forms
//! of scraped pages ("Monday, 01 September 2025", "Sept. 5, 2025 14:05", "Nov 21").

use chrono::{Datelike, NaiveDate, NaiveTime};
use dragoman_model::{Article, Precision, Published};

/// The earliest and latest year a bare four-digit number may stand for.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// A date as far as a text gives it: the year may be missing (datelines), the time is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartialDate {
    /// The year, when written.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
    /// Time of day, when written.
    pub time: Option<NaiveTime>,
}

impl PartialDate {
    /// The publication date this stands for, taking `fallback_year` when no year is written.
    pub fn resolve(&self, fallback_year: Option<i32>) -> Option<Published> {
        let year = self.year.or(fallback_year)?;
        let date = NaiveDate::from_ymd_opt(year, self.month, self.day)?;
        Some(match self.time {
            Some(time) => Published {
                date,
                time: Some(time),
                precision: Precision::Time,
            },
            None => Published::day(date),
        })
    }
}

/// Parses an ISO 8601 date or date-time ("2025-09-01", "2025-09-01T14:05:00+03:00",
/// "2025-09-01 14:05"). The time is kept as written, without time-zone conversion.
pub(crate) fn parse_iso(value: &str) -> Option<Published> {
    let value = value.trim();
    let date = NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = value.get(10..)?;
    let time = rest
        .strip_prefix(['T', 't', ' '])
        .and_then(|clock| parse_clock(clock).map(|(time, _)| time));
    Some(match time {
        Some(time) => Published {
            date,
            time: Some(time),
            precision: Precision::Time,
        },
        None => Published::day(date),
    })
}

/// Parses a clock time "14:05" or "14:05:33" at the start of `text`; returns it and the bytes used.
fn parse_clock(text: &str) -> Option<(NaiveTime, usize)> {
    let bytes = text.as_bytes();
    let digits = |from: usize| -> Option<u32> {
        let pair = text.get(from..from + 2)?;
        if pair.bytes().all(|b| b.is_ascii_digit()) {
            pair.parse().ok()
        } else {
            None
        }
    };
    let (hour, mut used) = if bytes.get(1) == Some(&b':') {
        (text.get(..1)?.parse::<u32>().ok()?, 1)
    } else {
        (digits(0)?, 2)
    };
    if bytes.get(used) != Some(&b':') {
        return None;
    }
    let minute = digits(used + 1)?;
    used += 3;
    let mut second = 0;
    if bytes.get(used) == Some(&b':')
        && let Some(s) = digits(used + 1)
    {
        second = s;
        used += 3;
    }
    let mut time = NaiveTime::from_hms_opt(hour, minute, second)?;
    let tail = text.get(used..).unwrap_or("").trim_start();
    let lower = tail.get(..2).map(str::to_ascii_lowercase);
    match lower.as_deref() {
        Some("pm") if hour < 12 => time = NaiveTime::from_hms_opt(hour + 12, minute, second)?,
        Some("am") if hour == 12 => time = NaiveTime::from_hms_opt(0, minute, second)?,
        _ => {}
    }
    Some((time, used))
}

/// The month an English month name or abbreviation stands for ("Sept", "september", "Nov").
pub(crate) fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .zip(1..)
        .find(|(name, _)| {
            word.len() >= 3 && (**name == word || (word.len() == 3 && name.starts_with(&word)))
        })
        .map(|(_, number)| number)
}

/// Finds a human-written date in `text`: a month name with a day number next to it and an
/// optional year ("Monday، 01 September 2025", "September 5, 2025", "5 Sept. 2025 14:05",
/// "Nov 21"), or a numeric "2025-09-01". Weekdays and odd separators are ignored.
pub(crate) fn find_date(text: &str) -> Option<PartialDate> {
    if let Some(date) = find_iso_in(text).or_else(|| find_dotted_in(text)) {
        return Some(date);
    }
    let words: Vec<(usize, &str)> = word_tokens(text);
    for (index, (_, word)) in words.iter().enumerate() {
        let Some(month) = month_number(word) else {
            continue;
        };
        let number_at = |i: Option<usize>| -> Option<u32> {
            let (_, w) = words.get(i?)?;
            let w = w.trim_end_matches(|c: char| c.is_alphabetic()); // 5th, 1st
            if w.is_empty() || w.len() > 2 {
                return None;
            }
            w.parse().ok().filter(|d| (1..=31).contains(d))
        };
        let year_at = |i: usize| -> Option<i32> {
            let (_, w) = words.get(i)?;
            if w.len() != 4 {
                return None;
            }
            w.parse().ok().filter(|y| YEARS.contains(y))
        };
        // "September 5, 2025" or "5 September 2025".
        let (day, after) = if let Some(day) = number_at(Some(index + 1)) {
            (day, index + 2)
        } else if let Some(day) = number_at(index.checked_sub(1)) {
            (day, index + 1)
        } else {
            continue;
        };
        let year = year_at(after);
        let clock_from = if year.is_some() { after + 1 } else { after };
        let time = words
            .get(clock_from)
            .and_then(|(offset, _)| text.get(*offset..))
            .and_then(|rest| parse_clock(rest).map(|(t, _)| t));
        return Some(PartialDate {
            year,
            month,
            day,
            time,
        });
    }
    None
}

/// A numeric "YYYY-MM-DD" (with an optional " HH:MM" or "THH:MM") anywhere in `text`.
fn find_iso_in(text: &str) -> Option<PartialDate> {
    let bytes = text.as_bytes();
    let shape = |i: usize| -> bool {
        (0..10).all(|k| {
            let b = bytes.get(i + k).copied().unwrap_or(0);
            if k == 4 || k == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
    };
    let start = (0..bytes.len()).find(|&i| {
        shape(i)
            && (i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_digit))
            && text.is_char_boundary(i)
    })?;
    let published = parse_iso(text.get(start..)?)?;
    let year = chrono::Datelike::year(&published.date);
    YEARS.contains(&year).then(|| PartialDate {
        year: Some(year),
        month: chrono::Datelike::month(&published.date),
        day: chrono::Datelike::day(&published.date),
        time: published.time,
    })
}

/// A European numeric "DD.MM.YYYY" (with an optional " HH:MM") anywhere in `text`.
fn find_dotted_in(text: &str) -> Option<PartialDate> {
    text.char_indices().find_map(|(i, _)| {
        let rest = text.get(i..)?;
        if i > 0
            && text
                .get(..i)?
                .ends_with(|c: char| c.is_ascii_digit() || c == '.')
        {
            return None;
        }
        let mut parts = rest.splitn(3, '.');
        let day: u32 = digits(parts.next()?, 1..=2)?.parse().ok()?;
        let month: u32 = digits(parts.next()?, 1..=2)?.parse().ok()?;
        let tail = parts.next()?;
        let year_text = tail.get(..4)?;
        let year: i32 = digits(year_text, 4..=4)?.parse().ok()?;
        if tail
            .get(4..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let time = tail
            .get(4..)
            .map(str::trim_start)
            .and_then(|clock| parse_clock(clock).map(|(t, _)| t));
        ((1..=31).contains(&day) && (1..=12).contains(&month) && YEARS.contains(&year)).then_some(
            PartialDate {
                year: Some(year),
                month,
                day,
                time,
            },
        )
    })
}

/// `text` when it is all ASCII digits with a length in `len`.
fn digits(text: &str, len: std::ops::RangeInclusive<usize>) -> Option<&str> {
    (len.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

/// Alphanumeric runs of `text` with their byte offsets.
fn word_tokens(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || (c == '.' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, text.get(s..i).unwrap_or("")));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.get(s..).unwrap_or("")));
    }
    words
        .into_iter()
        .map(|(s, w)| (s, w.trim_end_matches('.')))
        .collect()
}

/// The latest plausible year (1990–2100) written as a standalone four-digit number in `text`.
pub(crate) fn latest_year(text: &str) -> Option<i32> {
    word_tokens(text)
        .into_iter()
        .filter(|(_, w)| w.len() == 4)
        .filter_map(|(_, w)| w.parse::<i32>().ok())
        .filter(|y| YEARS.contains(y))
        .max()
}

/// Dates the articles whose dateline gave a day without a year ("September 5") from the
/// other articles read with them and the `elsewhere` dates (those of the articles a store
/// already holds, say): the year that puts the day nearest the median of these publication
/// dates, when that is within four months. The day stays in `dateline_day`, so the date is
/// shown as inferred.
pub fn infer_dateline_years(articles: &mut [Article], elsewhere: &[NaiveDate]) {
    let mut known: Vec<NaiveDate> = articles
        .iter()
        .filter(|a| !a.year_inferred())
        .filter_map(Article::date)
        .chain(elsewhere.iter().copied())
        .collect();
    known.sort_unstable();
    let Some(&median) = known.get(known.len() / 2) else {
        return;
    };
    for article in articles.iter_mut().filter(|a| a.published.is_none()) {
        let Some(day) = article.dateline_day else {
            continue;
        };
        let nearest = (median.year() - 1..=median.year() + 1)
            .filter_map(|year| NaiveDate::from_ymd_opt(year, day.month, day.day))
            .min_by_key(|date| (*date - median).num_days().abs());
        article.published = nearest
            .filter(|date| (*date - median).num_days().abs() <= 120)
            .map(Published::day);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dotted_numeric_dates() {
        let d = super::find_date("24.11.2025 09:32").unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2025), 11, 24));
        assert!(d.time.is_some());
        assert!(super::find_date("version 1.2.2025x").is_none());
        assert!(super::find_date("31.13.2025").is_none());
    }

    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn iso_dates_and_times() {
        let day = parse_iso("2025-09-01").map(|p| (p.date, p.precision));
        assert_eq!(day, Some((ymd(2025, 9, 1), Precision::Day)));
        let time = parse_iso("2025-09-01T14:05:00+03:00");
        assert_eq!(time.as_ref().map(|p| p.precision), Some(Precision::Time));
        assert_eq!(time.and_then(|p| p.time), NaiveTime::from_hms_opt(14, 5, 0));
        assert_eq!(parse_iso("yesterday"), None);
        assert_eq!(parse_iso("2025-13-01"), None);
    }

    #[test]
    fn human_dates() {
        let d = find_date("Monday\u{60c} 01 September 2025 Reading time: two min read");
        assert_eq!(
            d.and_then(|d| d.resolve(None)).map(|p| p.date),
            Some(ymd(2025, 9, 1))
        );
        let d = find_date("Sept. 5, 2024 at 2:30 pm");
        assert_eq!(
            d.map(|d| (d.year, d.month, d.day)),
            Some((Some(2024), 9, 5))
        );
        let d = find_date("November 21");
        assert_eq!(d.map(|d| (d.year, d.month, d.day)), Some((None, 11, 21)));
        assert_eq!(
            find_date("Nov 21")
                .and_then(|d| d.resolve(Some(2023)))
                .map(|p| p.date),
            Some(ymd(2023, 11, 21))
        );
        let d = find_date("Updated 2025-02-03 08:15");
        assert_eq!(d.and_then(|d| d.time), NaiveTime::from_hms_opt(8, 15, 0));
        assert_eq!(find_date("May I ask"), None);
        assert_eq!(
            find_date("February 30, 2025").and_then(|d| d.resolve(None)),
            None
        );
    }

    #[test]
    fn years_in_text() {
        assert_eq!(
            latest_year("From 1999 to 2024, then 12345 and 3000."),
            Some(2024)
        );
        assert_eq!(latest_year("no years"), None);
    }

    #[test]
    fn dateline_years_come_from_the_other_articles() {
        let article = |published: Option<(i32, u32, u32)>, day: Option<(u32, u32)>| {
            let mut a = Article::from_paragraphs("x", ["text"]);
            a.published = published
                .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
                .map(Published::day);
            a.dateline_day = day.map(|(month, day)| dragoman_model::MonthDay { month, day });
            a
        };
        let mut batch = vec![
            article(Some((2024, 12, 28)), None),
            article(None, Some((1, 3))),
            article(Some((2024, 12, 30)), None),
            article(None, Some((6, 30))),
            article(None, None),
        ];
        infer_dateline_years(&mut batch, &[]);
        // January 3 after a late-December batch is in the next year, and shown as inferred.
        assert_eq!(batch[1].date(), NaiveDate::from_ymd_opt(2025, 1, 3));
        assert!(batch[1].year_inferred());
        // Half a year from the dated articles either way: no year is guessed.
        assert_eq!(batch[3].date(), None);
        assert_eq!(batch[4].date(), None);
        assert!(!batch[0].year_inferred());
        // Alone, nothing dates it.
        let mut alone = vec![article(None, Some((1, 3)))];
        infer_dateline_years(&mut alone, &[]);
        assert_eq!(alone[0].date(), None);
        // Dates known elsewhere (a store's articles) date it like a batch's would.
        let stored = [ymd(2031, 12, 20), ymd(2032, 1, 1), ymd(2031, 12, 29)];
        infer_dateline_years(&mut alone, &stored);
        assert_eq!(alone[0].date(), NaiveDate::from_ymd_opt(2032, 1, 3));
        assert!(alone[0].year_inferred());
    }
}
