//! Scraped plain text: title, paragraphs, publish-date lines, datelines, and the boilerplate
//! that scrapers leave in (share prompts, related-article lists, cookie notices, ads…).

use std::sync::LazyLock;

use dragoman_model::{MonthDay, Published};
use regex::Regex;

use crate::dates::{self, PartialDate};

/// A text broken into a title, clean paragraphs and the metadata found in its lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Cleaned {
    /// The headline, when the text starts with one.
    pub title: Option<String>,
    /// Clean paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// From a "Published: …" line, else from a dateline.
    pub published: Option<Published>,
    /// The outlet named in a dateline ("/TASS/", "(Reuters)").
    pub outlet: Option<String>,
    /// Names from a "By …" line.
    pub authors: Vec<String>,
    /// The text was cut off ("…" at its end, or a paragraph ending mid-word in "…").
    pub truncated: bool,
    /// A dateline's day when no year for it was found.
    pub dateline_day: Option<MonthDay>,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern is a valid regex")
}

/// "Published: …", "Publish date: …", "Updated …": group 1 names the kind, group 2 the rest.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(publish(?:ed)?(?:\s+(?:date|on|at))?|publication\s+date|date\s+published|posted(?:\s+on)?|first\s+published(?:\s+on)?|(?:last\s+)?updated(?:\s+on)?|modified|date)\s*(?:[:：\-–|]\s*|\s)(.*)$",
    )
});
/// "Title: …", "Outlet: …", "Source: …": a labelled metadata line; group 1 the label, group 2
/// the value.
static FIELD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(title|headline|outlet|source|publisher|publication|site(?:\s+name)?|media)\s*[:：]\s*(\S.*)$",
    )
});
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:estimated\s+)?read(?:ing)?\s+time\b.*|\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read(?:ing)?)$",
    )
});
static RELATED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:related(?:\s+(?:articles?|stories|news|content|posts|coverage|topics|links|reading|videos?))?|read\s+more|read\s+also|also\s+read|see\s+also|more\s+on\s+(?:this|the)\s+(?:topic|story|subject)|more\s+(?:stories|news|articles)(?:\s+from\s+.{1,40})?|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|you\s+(?:may|might)\s+also\s+(?:like|read|be\s+interested\s+in)|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|latest\s+(?:news|stories)|top\s+stories|editor'?s\s+picks?|what\s+to\s+read\s+next|further\s+reading)\s*[:：]?$",
    )
});
static INLINE_RELATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:read\s+more|also\s+read|read\s+also|see\s+also|related|watch|listen|recommended)\s*[:：|\-–—»>]\s*\S",
    )
});
static PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:share(?:\s+(?:this|the)(?:\s+(?:article|story|post|page))?)?(?:\s+(?:on|via)\s+.{1,30})?|share\s+via.*|tweet(?:\s+this)?|e-?mail(?:\s+this)?|print(?:\s+this(?:\s+(?:article|page))?)?|copy(?:\s+the)?\s+link|link\s+copied|whatsapp|facebook|twitter|telegram|linkedin|reddit|pinterest|x|(?:subscribe|sign\s+up|register|log\s*in|sign\s+in|donate|support\s+us)\b.*|follow\s+(?:us|me)\b.*|follow\b.{0,60}\bon\s+(?:twitter|x|facebook|telegram|instagram|youtube|tiktok|google\s+news|whatsapp|threads|bluesky)\b.*|join\s+(?:us|our)\b.*\b(?:channel|newsletter|community|telegram|whatsapp)\b.*|(?:get|download)\s+(?:our|the)\s+(?:\w+\s+)?app\b.*|click\s+here\b.*|newsletter\b.*|comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave\s+a\s+(?:comment|reply)|(?:menu|search|close|home|toggle\s+navigation|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|loading\.{0,3}|next(?:\s+article)?|previous(?:\s+article)?|prev|more|show\s+more|load\s+more))\s*[.!:…]?$",
    )
});
static ADVERT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:advertisement|advertising|advert|ads?|sponsored(?:\s+content)?|promoted(?:\s+content)?|paid\s+(?:content|post)|partner\s+content|scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:with\s+content|reading))?|story\s+continues\s+(?:below|after\s+(?:the\s+)?advertisement)(?:\s+advertisement)?|continue\s+reading(?:\s+below)?|article\s+continues\s+(?:below|after\s+(?:the\s+)?advertisement)|skip\s+advert(?:isement)?|remove\s+ads?)\s*[.:]?$",
    )
});
/// A wire credit line: "(Reporting by A in Kyiv; Editing by B)" in brackets, or two or more
/// credits without them ("Writing by A; editing by B").
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|research|graphics|produced)\s+by\s+[^()]{1,300}\)|(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|research|graphics|produced)\s+by\s+[^;]{1,100};\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|research|graphics|produced)\s+by\s+[^;]{1,200}(?:;.{0,200})?)\s*\.?$",
    )
});
/// A row of share buttons: "Share this article: Facebook | X | Email".
static SHARE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^share(?:\s+(?:this|the)(?:\s+(?:article|story|post|page))?)?\s*[:：]\s*\S(?:[^.!?]{0,100})$",
    )
});
static ICON: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^[\w\-]{0,30}\s?icons?$"));
static PHOTO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:file\s+)?(?:photo|image|picture|photograph|video|graphic)(?:\s+credits?)?\s*[:/©].{0,160}|\((?:photo|image|file\s+photo)[^)]{0,160}\)|(?:©|\(c\)\s|copyright\b).{0,160}|all\s+rights\s+reserved\.?|(?:tags?|topics?|keywords?|filed\s+under|categories)\s*:.{0,200})$",
    )
});
static COOKIE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)cookie.*\b(?:accept|consent|use|uses|using|policy|settings|preferences|browsing|agree)\b|\b(?:accept|consent|use|uses|using|agree)\b.*cookie",
    )
});
static BULLET_META: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:date|published|updated|min(?:ute)?s?\s+read|reading\s+time|views?|comments?|photo|source|by\s+\p{Lu})\b",
    )
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:By|BY|by)\s+(\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3}(?:\s*(?:,|\band\b|&)\s*\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})*)\s*(?:[,|–—•\-]\s*.{0,60})?$",
    )
});

/// "Author: Jane Doe", "Authors: A and B", "Written by Jane Doe".
static AUTHOR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:authors?|written\s+by|words\s+by|text\s+by)\s*[:：]?\s+((?-i:\p{Lu})[\p{L}'’.\-]*(?:\s+(?-i:\p{Lu})[\p{L}'’.\-]*){0,3}(?:\s*(?:,|\band\b|&)\s*(?-i:\p{Lu})[\p{L}'’.\-]*(?:\s+(?-i:\p{Lu})[\p{L}'’.\-]*){0,3})*)\s*$",
    )
});

/// A dateline with an outlet: "NEW YORK, September 5. /TASS/.", "KYIV (Reuters) -",
/// "MOSCOW/KYIV, Dec 3 (Reuters) -",
/// "MOSCOW, Nov 21 (AP) —", "BEIJING, Sept. 5 (Xinhua) --".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\p{Lu}[\p{L}.'’/\-]*(?:[ ,]+\p{Lu}[\p{L}.'’/\-]*){0,4}(?:,?\s+(?P<date>(?:\p{L}{3,9}\.?\s+\d{1,2}|\d{1,2}\s+\p{L}{3,9}\.?)(?:,?\s+\d{4})?))?[.,]?\s*(?:/(?P<slash>\p{Lu}[\p{L}\p{N} &.\-]{0,29})/|\((?P<paren>\p{Lu}[\p{L}\p{N} &.\-]{0,29})\))\s*[.:\-–—]*",
    )
});
/// A dateline without an outlet, with an upper-case place: "KYIV, September 5 —".
static BARE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\p{Lu}[\p{Lu}.'’\-]+(?:[ ,]+\p{Lu}[\p{L}.'’\-]*){0,3},\s+(?P<date>(?:\p{L}{3,9}\.?\s+\d{1,2}|\d{1,2}\s+\p{L}{3,9}\.?)(?:,?\s+\d{4})?)\s*(?:[.:]\s|[\-–—]+)",
    )
});

/// What one line of scraped text is.
#[derive(Debug, Clone, PartialEq)]
enum Line {
    /// Body text (or a title or heading).
    Body,
    /// Boilerplate to drop.
    Drop,
    /// A publish or update line; `primary` is false for "Updated"/"Modified".
    Date {
        date: Option<PartialDate>,
        primary: bool,
    },
    /// A header opening a list of related links.
    RelatedHeader,
    /// A byline.
    Byline(Vec<String>),
    /// A labelled title line ("Title: …").
    Title(String),
    /// A labelled outlet line ("Outlet: …", "Source: …").
    Outlet(String),
}

/// Strips list bullets and surrounding space from a line.
fn unbulleted(line: &str) -> &str {
    line.trim()
        .trim_start_matches(['•', '·', '▪', '►', '■', '●', '*', '-', '–', '>'])
        .trim()
}

/// True for a line that is never article text: prompts, notices, ads, credits, hashtags,
/// publish-date lines and bylines.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    classify(line) != Line::Body
}

fn classify(raw: &str) -> Line {
    let line = unbulleted(raw);
    if line.is_empty() {
        return Line::Drop;
    }
    let chars = line.chars().count();
    if chars <= 160 {
        if let Some(caps) = DATE_LINE.captures(line) {
            let kind = caps.get(1).map_or("", |m| m.as_str()).to_lowercase();
            let rest = caps.get(2).map_or("", |m| m.as_str());
            let date = dates::find_date(rest);
            let colon = line
                .get(kind.len()..)
                .is_some_and(|after| after.trim_start().starts_with([':', '：', '-', '–', '|']));
            if colon || (date.is_some() && starts_like_date(rest)) {
                let primary = !(kind.contains("updated") || kind.contains("modified"));
                return Line::Date { date, primary };
            }
        }
        if let Some(field) = labelled_field(line) {
            return field;
        }
        if RELATED_HEADER.is_match(line) {
            return Line::RelatedHeader;
        }
        if is_bare_date(line) {
            return Line::Date {
                date: dates::find_date(line),
                primary: true,
            };
        }
        if let Some(caps) = BYLINE.captures(line).or_else(|| AUTHOR_LINE.captures(line)) {
            let names = caps.get(1).map_or("", |m| m.as_str());
            let authors = names
                .split([',', '&'])
                .flat_map(|part| part.split(" and "))
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_owned)
                .collect();
            return Line::Byline(authors);
        }
        if READING_TIME.is_match(line)
            || PROMPT.is_match(line)
            || ADVERT.is_match(line)
            || ICON.is_match(line)
            || (chars <= 200 && INLINE_RELATED.is_match(line))
        {
            return Line::Drop;
        }
    }
    if chars <= 400 && CREDIT.is_match(line) {
        return Line::Drop;
    }
    if chars <= 120 && SHARE_ROW.is_match(line) {
        return Line::Drop;
    }
    if chars <= 220 && PHOTO.is_match(line) {
        return Line::Drop;
    }
    if chars <= 400 && COOKIE.is_match(line) {
        return Line::Drop;
    }
    if line
        .split_whitespace()
        .all(|w| w.starts_with('#') && w.len() > 1)
    {
        return Line::Drop;
    }
    if is_bullet_metadata(raw.trim()) || is_navigation(line) {
        return Line::Drop;
    }
    Line::Body
}

/// A line that is only a date and maybe a time: "November 21, 2025 10:14 PM",
/// "21 NOV 2025, 18:40", "24.11.2025 09:32", "Monday, 1 September 2025".
fn is_bare_date(line: &str) -> bool {
    if line.chars().count() > 48 || dates::find_date(line).is_none() {
        return false;
    }
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let lower = w.to_lowercase();
            w.chars().all(|c| c.is_ascii_digit())
                || dates::month_number(w).is_some()
                || matches!(
                    lower.as_str(),
                    "am" | "pm"
                        | "gmt"
                        | "utc"
                        | "cet"
                        | "cest"
                        | "eet"
                        | "eest"
                        | "msk"
                        | "est"
                        | "edt"
                        | "pst"
                        | "pdt"
                        | "bst"
                        | "ist"
                        | "jst"
                        | "th"
                        | "st"
                        | "nd"
                        | "rd"
                )
                || ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                    .iter()
                    .any(|d| lower.starts_with(d) && lower.len() <= 9)
        })
}

/// A navigation bar: three or more short items separated by `|`, `·` or `/`.
fn is_navigation(line: &str) -> bool {
    let Some(separator) = ['|', '·', '/']
        .into_iter()
        .find(|s| line.matches(*s).count() >= 3)
    else {
        return false;
    };
    line.split(separator)
        .map(str::trim)
        .all(|item| item.split_whitespace().count() <= 3 && !item.ends_with('.'))
}

/// A labelled title or outlet line. An outlet must read as a name (see [`site_name`]), so
/// "Source: a senior official who asked not to be named" stays text.
fn labelled_field(line: &str) -> Option<Line> {
    let caps = FIELD_LINE.captures(line)?;
    let label = caps.get(1)?.as_str().to_lowercase();
    let value = caps.get(2)?.as_str().trim();
    if matches!(label.as_str(), "title" | "headline") {
        Some(Line::Title(value.to_owned()))
    } else {
        site_name(value).map(|name| Line::Outlet(name.to_owned()))
    }
}

/// A site-name line under a headline, as scrapers keep it: "Gulf News",
/// "The Baltic Courier | World". Returns the outlet name.
fn site_name(line: &str) -> Option<&str> {
    let name = line.split(['|', '·']).next().unwrap_or(line).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let connector = |w: &str| matches!(w, "of" | "the" | "and" | "&" | "de" | "la" | "du" | "al");
    let title_case = words
        .iter()
        .all(|w| connector(w) || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    let plain = !name.ends_with(['.', '!', '?', ':', ',', ';'])
        && !name.contains(['"', '“', '”', '(', ')'])
        && !words.first().is_some_and(|w| connector(w) && *w != "the");
    ((1..=5).contains(&words.len()) && name.chars().count() <= 50 && title_case && plain)
        .then_some(name)
}

/// True when `text` opens with a date: a digit, a month or weekday name, or "on".
fn starts_like_date(text: &str) -> bool {
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let lower = first.to_lowercase();
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    first.starts_with(|c: char| c.is_ascii_digit())
        || dates::month_number(first).is_some()
        || lower == "on"
        || WEEKDAYS.iter().any(|d| lower.starts_with(d))
}

/// "Politics • 3 min read • 5 Sep 2025", "• Updated 2 hours ago": short bullet-separated
/// segments, none a sentence, or one bulleted segment naming metadata.
fn is_bullet_metadata(line: &str) -> bool {
    if !line.contains('•') || line.chars().count() > 200 {
        return false;
    }
    let segments: Vec<&str> = line
        .split('•')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let short = segments
        .iter()
        .all(|s| s.chars().count() < 60 && !s.ends_with('.'));
    short && (segments.len() >= 2 || segments.iter().any(|s| BULLET_META.is_match(s)))
}

/// A headline-like line under a "Related" header: short, not a full sentence.
fn is_link_title(line: &str) -> bool {
    let line = unbulleted(line);
    let words = line.split_whitespace().count();
    (1..=20).contains(&words) && line.chars().count() <= 150 && !line.ends_with(['.', ':'])
}

/// True when `line` reads as body text rather than a headline.
fn looks_like_body(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let sentences = line
        .match_indices(['.', '!', '?'])
        .filter(|(i, _)| {
            line.get(i + 1..).is_some_and(|rest| {
                rest.starts_with(' ') && rest.trim_start().starts_with(char::is_uppercase)
            })
        })
        .count();
    line.chars().count() > 200
        || words > 30
        || (line.ends_with('.') && words > 15)
        || sentences >= 1 && words > 12
        || find_dateline(line).is_some()
}

/// Normalises a line for duplicate checks: lower case, single spaces, no end punctuation.
fn key(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ':', '!', '?', '…'])
        .to_lowercase()
}

/// What a dateline at the start of a paragraph gives.
#[derive(Debug, Clone, PartialEq)]
struct Dateline {
    outlet: Option<String>,
    date: Option<PartialDate>,
}

fn find_dateline(paragraph: &str) -> Option<Dateline> {
    let head = paragraph
        .char_indices()
        .nth(160)
        .and_then(|(i, _)| paragraph.get(..i))
        .unwrap_or(paragraph);
    if let Some(caps) = DATELINE.captures(head) {
        let outlet = caps
            .name("slash")
            .or_else(|| caps.name("paren"))
            .map(|m| m.as_str().trim().to_owned());
        let date = caps.name("date").and_then(|m| dates::find_date(m.as_str()));
        return Some(Dateline { outlet, date });
    }
    let caps = BARE_DATELINE.captures(head)?;
    let date = caps
        .name("date")
        .and_then(|m| dates::find_date(m.as_str()))?;
    Some(Dateline {
        outlet: None,
        date: Some(date),
    })
}

/// Cleans scraped plain text. `known_title` (from metadata) replaces title detection; lines
/// repeating it are dropped either way.
pub(crate) fn clean(text: &str, known_title: Option<&str>) -> Cleaned {
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
        .replace(['\u{a0}', '\t', '\u{202f}'], " ")
        .replace(['\u{200b}', '\u{feff}', '\u{200e}', '\u{200f}'], "");
    let has_blank = text.split('\n').any(|l| l.trim().is_empty())
        && text.split('\n').filter(|l| !l.trim().is_empty()).count() > 1;

    let mut cleaned = Cleaned::default();
    let mut update: Option<PartialDate> = None;
    let mut publish: Option<PartialDate> = None;
    // Surviving lines with the index of the blank-line block they belong to.
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut block = 0usize;
    let mut in_related = 0usize;
    let mut labelled_title: Option<String> = None;
    let mut labelled_outlet: Option<String> = None;
    for raw in text.split('\n') {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            block += 1;
            in_related = 0;
            continue;
        }
        if in_related > 0 {
            if is_link_title(&line) && classify(&line) != Line::RelatedHeader {
                in_related -= 1;
                continue;
            }
            in_related = 0;
        }
        match classify(&line) {
            Line::Body => lines.push((block, line)),
            Line::Drop => {}
            Line::RelatedHeader => in_related = 12,
            Line::Byline(names) => {
                if cleaned.authors.is_empty() {
                    cleaned.authors = names;
                }
            }
            Line::Title(title) => labelled_title = labelled_title.or(Some(title)),
            Line::Outlet(name) => labelled_outlet = labelled_outlet.or(Some(name)),
            Line::Date { date, primary } => {
                if primary {
                    publish = publish.or(date);
                } else {
                    update = update.or(date);
                }
            }
        }
    }

    // The header (title, site name, kicker) is the first block of lines up to the first that
    // reads as body text; its lines are never joined as if hard-wrapped.
    let first_block = lines.first().map_or(0, |(b, _)| *b);
    let header = lines
        .iter()
        .position(|(b, l)| *b != first_block || looks_like_body(l))
        .unwrap_or(lines.len());
    let (head, body) = lines.split_at(header);
    let mut paragraphs: Vec<String> = head.iter().map(|(_, l)| l.clone()).collect();
    let header_len = paragraphs.len();
    paragraphs.extend(group(body, has_blank));
    if known_title.is_none() {
        cleaned.title.clone_from(&labelled_title);
    }
    let known_title = known_title.or(labelled_title.as_deref());
    let mut title_key = known_title.map(key);
    let mut site = labelled_outlet;
    if known_title.is_none()
        && paragraphs.len() > 1
        && let Some(first) = paragraphs.first()
        && !looks_like_body(first)
    {
        title_key = Some(key(first));
        cleaned.title = Some(paragraphs.remove(0));
        if header_len > 1
            && let Some(name) = paragraphs.first().and_then(|p| site_name(p))
        {
            site = Some(name.to_owned());
            paragraphs.remove(0);
        }
    }
    let mut seen: Vec<String> = title_key.into_iter().collect();
    paragraphs.retain(|p| {
        let k = key(p);
        if k.is_empty() || seen.contains(&k) {
            return false;
        }
        seen.push(k);
        true
    });

    let year_hint = publish.or(update).and_then(|d| d.year);
    let dateline = dateline_metadata(&paragraphs, year_hint);
    // The site that published the page comes before the wire a dateline names.
    cleaned.outlet = site.or(dateline.outlet);
    cleaned.published = publish
        .and_then(|d| d.resolve(None))
        .or(dateline.published)
        .or_else(|| update.and_then(|d| d.resolve(None)));
    cleaned.dateline_day = dateline.day_without_year;
    cleaned.truncated = is_truncated(&paragraphs);
    cleaned.paragraphs = paragraphs;
    cleaned
}

/// What the dateline opening an article's first paragraph says.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct DatelineMetadata {
    /// The outlet it names ("/TASS/").
    pub outlet: Option<String>,
    /// Its date, with a year.
    pub published: Option<Published>,
    /// Its day when no year could be found for it.
    pub day_without_year: Option<MonthDay>,
}

/// The outlet and date of a dateline opening the first paragraph. A date without a year takes
/// `year_hint` (the publish-date line's year), else the latest year written in the text; when
/// there is none, its day is kept without a year.
pub(crate) fn dateline_metadata(paragraphs: &[String], year_hint: Option<i32>) -> DatelineMetadata {
    let Some(dateline) = paragraphs.first().and_then(|p| find_dateline(p)) else {
        return DatelineMetadata::default();
    };
    let year = dateline.date.and_then(|date| {
        date.year
            .or(year_hint)
            .or_else(|| dates::latest_year(&paragraphs.join("\n")))
    });
    let published = dateline.date.and_then(|date| date.resolve(year));
    let day_without_year = dateline
        .date
        .filter(|_| year.is_none())
        .map(|date| MonthDay {
            month: date.month,
            day: date.day,
        });
    DatelineMetadata {
        outlet: dateline.outlet,
        published,
        day_without_year,
    }
}

/// Joins surviving lines into paragraphs. Without blank lines each line is a paragraph; with
/// them, a block is one paragraph when its lines are hard-wrapped, else one per line.
fn group(lines: &[(usize, String)], has_blank: bool) -> Vec<String> {
    if !has_blank {
        return lines.iter().map(|(_, l)| l.clone()).collect();
    }
    let mut paragraphs = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let block = lines.get(start).map_or(0, |(b, _)| *b);
        let end = lines
            .iter()
            .skip(start)
            .position(|(b, _)| *b != block)
            .map_or(lines.len(), |n| start + n);
        let members = lines.get(start..end).unwrap_or_default();
        let wrapped = members.len() > 1
            && members
                .iter()
                .take(members.len() - 1)
                .all(|(_, l)| (30..=100).contains(&l.chars().count()));
        if wrapped {
            let joined: Vec<&str> = members.iter().map(|(_, l)| l.as_str()).collect();
            paragraphs.push(joined.join(" "));
        } else {
            paragraphs.extend(members.iter().map(|(_, l)| l.clone()));
        }
        start = end;
    }
    paragraphs
}

/// Cut-off text: the last paragraph ends in "…" or "...", or a paragraph ends mid-word in "…".
pub(crate) fn is_truncated(paragraphs: &[String]) -> bool {
    let last_cut = paragraphs
        .last()
        .is_some_and(|p| p.ends_with('…') || p.ends_with("..."));
    last_cut
        || paragraphs.iter().any(|p| {
            let mut tail = p.chars().rev();
            tail.next() == Some('…') && tail.next().is_some_and(char::is_alphabetic)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use dragoman_model::Precision;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn scraped_page_with_boilerplate() {
        let text = "Envoys Agree to Meet Again in Vienna Next Month\n\n  \
            • Publish date: Tuesday\u{60c} 14 October 2025 Reading time: three min read\n\
            Related articles\n\
            Harbour Strike Ends After Two Weeks\n\
            Grain Corridor Reopens for Barges\n\n\
            Negotiators from both delegations said on Tuesday that they would meet again in Vienna, \
            after a round of talks that one diplomat described as businesslike.\n\n\
            Share this article\n\nAdvertisement\n\n\
            What Comes Next\n\n\
            The mediators are expected to circulate a draft text before the next round. \
            Neither side has published its own proposal.\n\n\
            #diplomacy #vienna\n\nfacebook icon\n\n\
            We use cookies to improve your experience. By continuing you accept our cookie policy.\n\n\
            Envoys Agree to Meet Again in Vienna Next Month\n\n\
            Follow us on Telegram for more updates\n";
        let c = clean(text, None);
        assert_eq!(
            c.title.as_deref(),
            Some("Envoys Agree to Meet Again in Vienna Next Month")
        );
        assert_eq!(c.paragraphs.len(), 3, "{:#?}", c.paragraphs);
        assert!(
            c.paragraphs
                .first()
                .is_some_and(|p| p.starts_with("Negotiators"))
        );
        assert_eq!(
            c.paragraphs.get(1).map(String::as_str),
            Some("What Comes Next")
        );
        assert_eq!(c.published.as_ref().map(|p| p.date), ymd(2025, 10, 14));
        assert_eq!(c.published.map(|p| p.precision), Some(Precision::Day));
        assert!(!c.truncated);
    }

    #[test]
    fn repeated_title_and_subtitle() {
        let text = "Ministers Trade Accusations Over Stalled Deal\n\n\
            A short summary line that the page shows under the headline.\n\n\
            Ministers Trade Accusations Over Stalled Deal\n\n\
            A short summary line that the page shows under the headline.\n\n\
            The body starts here and goes on with several facts about the dispute.";
        let c = clean(text, None);
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c.paragraphs);
    }

    #[test]
    fn wire_dateline_gives_outlet_and_date() {
        let text = "OSLO, March 3. /NTB/. The two delegations signed a memorandum on fishing \
            quotas, the ministry said.\nThe agreement runs until the end of 2024 and may be extended.";
        let c = clean(text, None);
        assert_eq!(c.title, None);
        assert_eq!(c.outlet.as_deref(), Some("NTB"));
        assert_eq!(c.published.map(|p| p.date), ymd(2024, 3, 3));
        assert_eq!(c.paragraphs.len(), 2);
        assert!(
            c.paragraphs
                .first()
                .is_some_and(|p| p.starts_with("OSLO, March 3."))
        );
    }

    #[test]
    fn dateline_without_any_year_keeps_its_day() {
        let text =
            "OSLO, March 3. /NTB/. The two delegations signed a memorandum on fishing quotas.";
        let c = clean(text, None);
        assert_eq!(c.published, None);
        assert_eq!(c.dateline_day, Some(MonthDay { month: 3, day: 3 }));
        let dated = clean(&format!("{text}\nIt replaces the 2019 accord."), None);
        assert_eq!(dated.published.map(|p| p.date), ymd(2019, 3, 3));
        assert_eq!(dated.dateline_day, None);
    }

    #[test]
    fn dateline_shapes() {
        let d = find_dateline("KYIV (Reuters) - Air raid sirens sounded across the capital.");
        assert_eq!(d.and_then(|d| d.outlet).as_deref(), Some("Reuters"));
        let d = find_dateline("MOSCOW, Nov 21 (AP) — Officials said the talks would resume.");
        assert_eq!(d.as_ref().and_then(|d| d.outlet.as_deref()), Some("AP"));
        assert_eq!(
            d.and_then(|d| d.date).map(|d| (d.month, d.day)),
            Some((11, 21))
        );
        let d = find_dateline("BEIJING, Sept. 5 (Xinhua) -- The spokesperson said.");
        assert_eq!(d.and_then(|d| d.outlet).as_deref(), Some("Xinhua"));
        let d = find_dateline("NAIROBI, Kenya, July 2 — Protesters gathered again.");
        assert_eq!(
            d.and_then(|d| d.date).map(|d| (d.month, d.day)),
            Some((7, 2))
        );
        assert_eq!(find_dateline("The President (who spoke first) said."), None);
    }

    #[test]
    fn publish_line_year_completes_dateline() {
        let text = "Published: 2023-06-02\n\nLIMA, June 1 (EFE) - Congress voted late on Thursday to \
            hold a second debate on the measure.";
        let c = clean(text, None);
        assert_eq!(c.outlet.as_deref(), Some("EFE"));
        assert_eq!(c.published.map(|p| p.date), ymd(2023, 6, 2));
        let text = "LIMA, June 1 (EFE) - Congress voted late on Thursday.";
        assert_eq!(clean(text, None).published, None);
    }

    #[test]
    fn truncation() {
        let c = clean(
            "A Headline\nFirst paragraph of a long text, which stops in the middle of a wo…\nThen more.",
            None,
        );
        assert!(c.truncated);
        let c = clean("One.\nTwo sentences here, and the end is cut...", None);
        assert!(c.truncated);
        let c = clean("A normal ending.\nAnother normal ending.", None);
        assert!(!c.truncated);
    }

    #[test]
    fn labelled_header_lines_give_title_and_outlet() {
        let text = "Title: Ferry links restored across the strait\nOutlet: Harbour Gazette\n\
            Published: 2026-04-02\n\n\
            Ferries crossed the strait again on Thursday after a two-week halt, the port authority said.\n\n\
            Source: a dock worker who asked not to be named\n";
        let c = clean(text, None);
        assert_eq!(
            c.title.as_deref(),
            Some("Ferry links restored across the strait")
        );
        assert_eq!(c.outlet.as_deref(), Some("Harbour Gazette"));
        assert_eq!(c.published.map(|p| p.date), ymd(2026, 4, 2));
        assert!(
            c.paragraphs[0].starts_with("Ferries crossed"),
            "{:#?}",
            c.paragraphs
        );
        // A "Source:" line that is not a name stays text.
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c.paragraphs);
        // A title given by the caller (a feed's) wins over the labelled one.
        let c = clean(text, Some("From the feed"));
        assert_eq!(c.title, None);
        assert!(
            c.paragraphs[0].starts_with("Ferries crossed"),
            "{:#?}",
            c.paragraphs
        );
    }

    #[test]
    fn header_lines_give_site_date_and_author() {
        let text = "Harbour talks resume after a week of strikes\nThe Northern Ledger | World\n\
            March 3, 2025 9:15 AM\nAuthor: Ada Lindqvist\n\n\
            Dock workers and port owners met again on Monday, the first session since the strike \
            began, officials said.\n";
        let c = clean(text, None);
        assert_eq!(
            c.title.as_deref(),
            Some("Harbour talks resume after a week of strikes")
        );
        assert_eq!(c.outlet.as_deref(), Some("The Northern Ledger"));
        assert_eq!(c.authors, ["Ada Lindqvist"]);
        assert_eq!(c.published.map(|p| p.date), ymd(2025, 3, 3));
        assert_eq!(c.paragraphs.len(), 1, "{:#?}", c.paragraphs);
    }

    #[test]
    fn numeric_date_lines_navigation_and_slashed_datelines() {
        let text = "Home | World | Business | Opinion\n\nPorts reopen\n24.11.2025 09:32\n\n\
            ROTTERDAM/ANTWERP, Nov 24 (Wire Service) - Both ports reopened on Monday after the \
            unions accepted the offer, the operators said.\n";
        let c = clean(text, None);
        assert_eq!(c.title.as_deref(), Some("Ports reopen"));
        assert_eq!(c.outlet.as_deref(), Some("Wire Service"));
        assert_eq!(c.published.map(|p| p.date), ymd(2025, 11, 24));
        assert!(is_boilerplate("21 NOV 2025, 18:40"));
        assert!(!is_boilerplate(
            "On 21 November 2025 the talks resumed in Geneva."
        ));
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let text = "Headline For a Wrapped Text\n\n\
            This paragraph was wrapped by an old mail program at about\n\
            seventy characters, so its lines have to be joined back again\n\
            into one paragraph.\n\nSecond paragraph.";
        let c = clean(text, None);
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c.paragraphs);
        assert!(
            c.paragraphs
                .first()
                .is_some_and(|p| p.contains("about seventy"))
        );
    }

    #[test]
    fn bylines_and_bullets() {
        let text = "A Title About Talks\nBy Maria Lopez and Kenji Sato\nPolitics • 4 min read • Oct 2\n\
            The body sentence is long enough to count as a body paragraph in this test.\n\
            • Ukraine asks for air defence.\n";
        let c = clean(text, None);
        assert_eq!(c.authors, ["Maria Lopez", "Kenji Sato"]);
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c.paragraphs);
        assert!(is_boilerplate("Advertisement"));
        assert!(is_boilerplate("Published 5 September 2025, 14:05"));
        assert!(is_boilerplate("Updated: 2 hours ago"));
        assert!(!is_boilerplate(
            "Published figures for March 3 show a fall in exports."
        ));
        assert!(is_boilerplate("Read more: Another headline here"));
        assert!(!is_boilerplate(
            "The cookie factory reopened after the strike ended."
        ));
    }

    #[test]
    fn credit_lines_and_share_rows() {
        assert!(is_boilerplate(
            "(Reporting by Anna Kim in Seoul and the Tokyo newsroom; Editing by Paul Reyes)"
        ));
        assert!(is_boilerplate(
            "Writing by Omar Said; editing by Lena Frost."
        ));
        assert!(is_boilerplate(
            "Share this article: Facebook | X | LinkedIn | Email"
        ));
        assert!(is_boilerplate("Share: WhatsApp, Telegram"));
        assert!(!is_boilerplate(
            "Reporting by local media suggested the convoy had turned back at the border."
        ));
        assert!(!is_boilerplate(
            "Share prices in Frankfurt rose after the central bank held rates."
        ));
    }

    #[test]
    fn known_title_is_not_guessed() {
        let c = clean("Short heading\n\nBody text.", Some("Given Title"));
        assert_eq!(c.title, None);
        assert_eq!(c.paragraphs, ["Short heading", "Body text."]);
    }
}
