//! HTML pages: metadata (Open Graph, JSON-LD, `<time>`, canonical link, `<title>`) and the
//! main text.
//!
//! Pages are parsed once by the forgiving linear parser of [`dom`] (no recursion anywhere, so
//! pages nested tens of thousands of levels deep are fine); [`main_text`] finds the article
//! body in the tree.

mod dom;
mod main_text;

use std::collections::HashMap;

use serde_json::Value;

use crate::{Draft, json, text};
use dom::Dom;

/// Page metadata gathered from `<meta>`, JSON-LD and friends.
#[derive(Debug, Default)]
struct Metadata {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
    /// The article's text as the page's structured data gives it (often cut short).
    article_body: Option<String>,
}

/// `<meta property|name|itemprop=… content=…>` values, keys lower case, first value wins.
fn meta_tags(dom: &Dom) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    for element in dom.elements("meta") {
        let Some(content) = dom
            .attr(element, "content")
            .map(squash)
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(name) = dom.attr(element, key) {
                tags.entry(name.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    tags
}

fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(squash(s)),
        Value::Object(object) => object.get("name").and_then(name_of),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => None,
    }
}

/// Reads the first article-like JSON-LD object (one with a `headline`, or an `…Article` type),
/// walking `@graph`s and arrays iteratively.
fn json_ld(dom: &Dom) -> Metadata {
    let mut meta = Metadata::default();
    let scripts = dom.elements("script").filter(|&s| {
        dom.attr(s, "type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
    });
    for script in scripts {
        let raw = dom.text_content(script);
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(object) => {
                    let typed = object.get("@type").is_some_and(|t| {
                        let types = match t {
                            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                            Value::String(s) => vec![s.as_str()],
                            _ => Vec::new(),
                        };
                        types
                            .iter()
                            .any(|t| t.ends_with("Article") || *t == "BlogPosting")
                    });
                    if typed || object.contains_key("headline") {
                        meta.headline = object.get("headline").and_then(name_of);
                        meta.published = object
                            .get("datePublished")
                            .or_else(|| object.get("dateCreated"))
                            .and_then(Value::as_str)
                            .map(str::to_owned);
                        meta.authors = match object.get("author") {
                            Some(Value::Array(items)) => items.iter().filter_map(name_of).collect(),
                            Some(other) => name_of(other).into_iter().collect(),
                            None => Vec::new(),
                        };
                        meta.publisher = object.get("publisher").and_then(name_of);
                        meta.article_body = object
                            .get("articleBody")
                            .and_then(Value::as_str)
                            .map(str::to_owned);
                        meta.url = object
                            .get("url")
                            .or_else(|| object.get("mainEntityOfPage").and_then(|m| m.get("@id")))
                            .and_then(Value::as_str)
                            .filter(|u| u.starts_with("http"))
                            .map(str::to_owned);
                        return meta;
                    }
                    if let Some(graph) = object.get("@graph") {
                        stack.push(graph);
                    }
                }
                _ => {}
            }
        }
    }
    meta
}

/// What separates a page title from the site name after it.
const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · "];

/// A page title without its " | Site" / " - Site" suffix.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = squash(title);
    for separator in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail.trim()));
            if is_site || (tail.chars().count() <= 40 && tail.len() <= head.len()) {
                return head.trim().to_owned();
            }
        }
    }
    title
}

/// The site name a page title ends with ("Talks resume | The Daily Example" → "The Daily
/// Example"): a short last part after a separator.
fn site_suffix(title: &str) -> Option<String> {
    let title = squash(title);
    TITLE_SEPARATORS.iter().find_map(|separator| {
        let (head, tail) = title.rsplit_once(separator)?;
        let tail = tail.trim();
        (!tail.is_empty() && tail.chars().count() <= 40 && tail.len() < head.len())
            .then(|| tail.to_owned())
    })
}

/// The publication time a `<time datetime>` gives: one marked as the publication date
/// (`itemprop="datePublished"`, `pubdate`) first, else the first one.
fn published_time_element(dom: &Dom) -> Option<String> {
    let times: Vec<(usize, &str)> = dom
        .elements("time")
        .filter_map(|e| Some((e, dom.attr(e, "datetime")?)))
        .collect();
    let marked = times.iter().find(|(e, _)| {
        dom.attr(*e, "pubdate").is_some()
            || dom
                .attr(*e, "itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
    });
    marked
        .or(times.first())
        .map(|(_, value)| (*value).to_owned())
}

/// A date written in a URL's path: `/2025/03/04/` or `/2025-03-04-` or `/20250304/` (a day),
/// `/2025/mar/04/`, or `/2025/03/` (a month).
fn date_from_url(url: &str) -> Option<dragoman_model::Published> {
    use chrono::NaiveDate;
    use dragoman_model::{Precision, Published};
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    let year_of = |s: &str| {
        s.parse::<i32>()
            .ok()
            .filter(|y| (1990..=2100).contains(y) && s.len() == 4)
    };
    let number = |s: Option<&&str>, max: u32| {
        s.and_then(|s| (s.len() <= 2).then(|| s.parse::<u32>().ok()).flatten())
            .filter(|n| (1..=max).contains(n))
    };
    for (i, part) in parts.iter().enumerate() {
        if part.len() == 8
            && part.bytes().all(|b| b.is_ascii_digit())
            && let (Some(year), Ok(month), Ok(day)) = (
                year_of(part.get(..4).unwrap_or_default()),
                part.get(4..6).unwrap_or_default().parse::<u32>(),
                part.get(6..).unwrap_or_default().parse::<u32>(),
            )
            && let Some(date) = NaiveDate::from_ymd_opt(year, month, day)
        {
            return Some(Published::day(date));
        }
        let Some(year) = year_of(part) else { continue };
        let month = number(parts.get(i + 1), 12)
            .or_else(|| parts.get(i + 1).and_then(|m| crate::dates::month_number(m)));
        let Some(month) = month else { continue };
        if let Some(date) =
            number(parts.get(i + 2), 31).and_then(|day| NaiveDate::from_ymd_opt(year, month, day))
        {
            return Some(Published::day(date));
        }
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, 1) {
            return Some(Published {
                date,
                time: None,
                precision: Precision::Month,
            });
        }
    }
    None
}

/// Names in links marked as the author's (`rel="author"`), as bylines often are.
fn author_links(dom: &Dom) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for link in dom.elements("a") {
        let is_author = dom.attr(link, "rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("author"))
        });
        let name = squash(&dom.text_content(link));
        let plausible = !name.is_empty() && name.split_whitespace().count() <= 5;
        if is_author && plausible && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The body found in the page, unless it is much shorter than the JSON-LD `articleBody`
/// (when the page's layout defeated the extractor): then the `articleBody`, cut into
/// paragraphs at its line breaks. Markup inside it is not expected; entities are decoded.
fn body_or_structured_text(found: Vec<String>, article_body: Option<&str>) -> Vec<String> {
    const MIN_STRUCTURED: usize = 300;
    let Some(structured) = article_body.filter(|b| b.len() >= MIN_STRUCTURED) else {
        return found;
    };
    let found_len: usize = found.iter().map(String::len).sum();
    if found_len * 4 >= structured.len() {
        return found;
    }
    let mut decoded = String::with_capacity(structured.len());
    dom::decode_into(structured, &mut decoded);
    decoded
        .split('\n')
        .map(squash)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Collapses whitespace runs to one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the first element named `name` that has some.
fn first_text(dom: &Dom, name: &str) -> Option<String> {
    dom.elements(name)
        .map(|e| squash(&dom.text_content(e)))
        .find(|t| !t.is_empty())
}

/// Extracts the article of an HTML page; `None` when the page has no body text.
pub(crate) fn extract(page: &str) -> Option<Draft> {
    let dom = Dom::parse(page);
    let ld = json_ld(&dom);
    let paragraphs =
        body_or_structured_text(main_text::paragraphs(&dom), ld.article_body.as_deref());
    if paragraphs.is_empty() {
        return None;
    }
    let tags = meta_tags(&dom);
    let tag = |keys: &[&str]| keys.iter().find_map(|k| tags.get(*k).cloned());
    let page_title = first_text(&dom, "title");
    let site = ld
        .publisher
        .clone()
        .or_else(|| tag(&["og:site_name", "application-name"]))
        .or_else(|| page_title.as_deref().and_then(site_suffix));
    let title = ld
        .headline
        .clone()
        .or_else(|| tag(&["og:title", "twitter:title"]))
        .map(|t| strip_site_suffix(&t, site.as_deref()))
        .or_else(|| first_text(&dom, "h1"))
        .or_else(|| page_title.map(|t| strip_site_suffix(&t, site.as_deref())))
        .filter(|t| !t.is_empty());
    let published = [
        ld.published.clone(),
        tag(&[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "article.published",
            "date",
            "dc.date",
            "dc.date.issued",
            "dc.date.created",
            "dcterms.created",
            "dcterms.issued",
            "dcterms.date",
            "sailthru.date",
            "parsely-pub-date",
        ]),
        published_time_element(&dom),
    ]
    .into_iter()
    .flatten()
    .find_map(|raw| json::parse_date(&raw));
    let url = dom
        .elements("link")
        .filter(|&l| {
            dom.attr(l, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .find_map(|l| dom.attr(l, "href").map(str::trim).map(str::to_owned))
        .filter(|u| u.starts_with("http"))
        .or_else(|| tag(&["og:url"]).filter(|u| u.starts_with("http")))
        .or(ld.url);
    let published = published.or_else(|| url.as_deref().and_then(date_from_url));
    let mut authors = ld.authors;
    if authors.is_empty() {
        authors = tag(&[
            "author",
            "article:author",
            "byl",
            "dc.creator",
            "parsely-author",
        ])
        .filter(|a| !a.starts_with("http"))
        .map(|a| a.trim_start_matches("By ").to_owned())
        .into_iter()
        .collect();
    }
    if authors.is_empty() {
        authors = author_links(&dom);
    }

    // The headline repeated as a paragraph, and a paragraph repeated right after itself
    // (markup duplicated for small screens), go; repeats further apart are the article's own
    // (a menu or a refrain listed twice).
    let title_key = title.as_deref().map(|t| t.to_lowercase());
    let mut previous: Option<String> = None;
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| {
            let key = p.to_lowercase();
            let keep = Some(&key) != title_key.as_ref() && Some(&key) != previous.as_ref();
            previous = Some(key);
            keep
        })
        .collect();
    let year_hint = published.as_ref().map(|p| chrono::Datelike::year(&p.date));
    let dateline = text::dateline_metadata(&paragraphs, year_hint);
    Some(Draft {
        id: None,
        title,
        truncated: text::is_truncated(&paragraphs),
        paragraphs,
        url,
        outlet: site.or(dateline.outlet),
        published: published.or(dateline.published),
        dateline_day: dateline.day_without_year,
        authors,
        declared_language: dom
            .elements("html")
            .find_map(|h| dom.attr(h, "lang").map(str::to_owned))
            .or_else(|| tag(&["og:locale", "content-language", "language"])),
    })
}

/// The main text of an HTML page given as raw bytes (gzip or not, any character set),
/// paragraphs separated by blank lines, with the size of the decoded page; the error says
/// why no text came out.
pub(crate) fn extract_bytes(bytes: &[u8]) -> Result<(String, usize), String> {
    let cap = crate::IngestOptions::default().max_file_bytes;
    let unpacked;
    let bytes = if crate::decode::is_gzip(bytes) {
        unpacked = crate::decode::gunzip(bytes, cap).map_err(|e| e.to_string())?;
        unpacked.as_slice()
    } else {
        bytes
    };
    let page = crate::decode::decode(bytes, true).map_err(|e| e.to_string())?;
    let draft = extract(&page).ok_or_else(|| "HTML has no body text".to_owned())?;
    Ok((draft.paragraphs.join("\n\n"), page.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = r##"<!doctype html><html><head>
<title>Port Talks Resume After Pause | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2025-03-04T09:30:00+01:00">
<link rel="canonical" href="https://www.example-daily.org/world/port-talks">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":"NewsArticle","headline":"Port Talks Resume After a Two-Week Pause","author":[{"@type":"Person","name":"Ana Ruiz"}],"publisher":{"name":"The Daily Example"}}]}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<div id="cookie-banner"><p>We use cookies to give you the best experience. Accept all cookies?</p></div>
<main><article class="story">
<h1>Port Talks Resume After a Two-Week Pause</h1>
<div class="share-buttons"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>
<p>Union leaders and the port authority returned to the table on Monday, ending a pause that had left dozens of ships waiting offshore.</p>
<p>The mediator, a retired judge, said both sides had agreed to keep the details of their proposals confidential until Friday.</p>
<h2>What is at stake</h2>
<p>Shipping companies estimate that each day of disruption costs the regional economy several million euros, a figure the union disputes.</p>
<blockquote><p>“We came back because the workers want a deal, not a fight,” a union spokesperson said.</p></blockquote>
<ul><li>Wages for night shifts</li><li>Automation of the container cranes</li></ul>
<div class="advert">Advertisement</div>
</article>
<aside class="related-stories"><h3>Related</h3><ul>
<li><a href="/a">Strike threatens holiday deliveries across the region</a></li>
<li><a href="/b">New crane contract signed with overseas supplier</a></li></ul></aside>
</main>
<footer><p>© 2025 The Daily Example. All rights reserved. Contact us at the newsroom for corrections.</p></footer>
</body></html>"##;

    #[test]
    fn article_page() {
        let draft = extract(PAGE);
        let Some(draft) = draft else {
            panic!("no article extracted");
        };
        assert_eq!(
            draft.title.as_deref(),
            Some("Port Talks Resume After a Two-Week Pause")
        );
        assert_eq!(draft.outlet.as_deref(), Some("The Daily Example"));
        assert_eq!(draft.authors, ["Ana Ruiz"]);
        assert_eq!(
            draft.url.as_deref(),
            Some("https://www.example-daily.org/world/port-talks")
        );
        assert_eq!(
            draft.published.as_ref().map(|p| p.date),
            NaiveDate::from_ymd_opt(2025, 3, 4)
        );
        let all = draft.paragraphs.join("\n");
        assert!(all.contains("returned to the table"), "{all}");
        assert!(all.contains("What is at stake"), "{all}");
        assert!(all.contains("the workers want a deal"), "{all}");
        assert!(all.contains("Wages for night shifts"), "{all}");
        for furniture in [
            "Home",
            "cookies",
            "Share on",
            "Advertisement",
            "Strike threatens",
            "©",
        ] {
            assert!(!all.contains(furniture), "{furniture} leaked: {all}");
        }
        assert_eq!(draft.paragraphs.len(), 7, "{:#?}", draft.paragraphs);
    }

    #[test]
    fn page_without_body_text() {
        let page = "<html><head><title>Empty</title><script>var x = 1;</script></head>\
            <body><nav><a href='/'>Home</a></nav><footer>Footer</footer></body></html>";
        assert!(extract(page).is_none());
    }

    #[test]
    fn div_text_with_line_breaks() {
        let page = "<html><body><div class='content'>The council met on Tuesday evening to vote.<br><br>\
            The motion passed by nine votes to four, officials said.</div></body></html>";
        let draft = extract(page);
        assert_eq!(draft.map(|d| d.paragraphs.len()), Some(2));
    }

    #[test]
    fn deep_nesting_keeps_its_text() {
        let page = format!(
            "<html><body>{}<p>The deepest paragraph of this page still has a story to tell, \
             with commas, clauses, and a full stop.</p>{}</body></html>",
            "<div class='x'>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        let draft = extract(&page);
        let text = draft.map(|d| d.paragraphs.join("\n")).unwrap_or_default();
        assert!(text.contains("story to tell"), "{text}");
    }

    #[test]
    fn title_suffixes() {
        assert_eq!(
            strip_site_suffix("Big News Today - Site", None),
            "Big News Today"
        );
        assert_eq!(strip_site_suffix("A | B", Some("B")), "A");
        assert_eq!(strip_site_suffix("No suffix here", None), "No suffix here");
    }

    const SPLIT_ARTICLE: &str = include_str!("../tests/fixtures/html/split_article.html");
    const FORM_WRAPPED: &str = include_str!("../tests/fixtures/html/form_wrapped.html");

    #[test]
    fn article_cut_in_boxes_comes_out_whole_without_furniture() {
        let Some(draft) = extract(SPLIT_ARTICLE) else {
            panic!("no article extracted");
        };
        let text = draft.paragraphs.join("\n\n");
        for wanted in [
            "resumed its crossings",
            "twisted during the second",
            "four return sailings",
            "Port Ellis to North Quay 4 daily",
            "\u{201c}People have been patient",
        ] {
            assert!(text.contains(wanted), "{wanted} missing: {text}");
        }
        for furniture in [
            "Front page",
            "repaired landing ramp",
            "Advertisement",
            "Share on",
            "Lighthouse keeper",
            "Reader one",
            "Copyright",
            "Mira Holt",
            "console.log",
        ] {
            assert!(!text.contains(furniture), "{furniture} leaked: {text}");
        }
        assert_eq!(draft.paragraphs.len(), 6, "{:#?}", draft.paragraphs);
    }

    #[test]
    fn metadata_from_title_time_byline_and_dateline() {
        let Some(draft) = extract(SPLIT_ARTICLE) else {
            panic!("no article extracted");
        };
        assert_eq!(
            draft.title.as_deref(),
            Some("Ferry Link Reopens After Winter Storms")
        );
        // No site-name metadata: the title's suffix names the outlet.
        assert_eq!(draft.outlet.as_deref(), Some("Harbour Ledger"));
        assert_eq!(draft.authors, ["Mira Holt"]);
        let published = draft.published.unwrap_or_else(|| panic!("no date"));
        assert_eq!(
            published.date,
            NaiveDate::from_ymd_opt(2024, 2, 19).unwrap_or_default()
        );
        assert_eq!(published.precision, dragoman_model::Precision::Time);
        assert_eq!(
            draft.url.as_deref(),
            Some("https://news.harbour-ledger.test/2024/02/19/ferry-link-reopens")
        );
    }

    #[test]
    fn page_wrapped_in_a_form_keeps_its_text() {
        let Some(draft) = extract(FORM_WRAPPED) else {
            panic!("no article extracted");
        };
        let text = draft.paragraphs.join("\n\n");
        assert!(text.contains("counting the cost"), "{text}");
        assert!(text.contains("emergency support"), "{text}");
        assert!(!text.contains("Weather"), "{text}");
        assert!(!text.contains("newsletter"), "{text}");
        assert_eq!(draft.authors, ["Tomas Brenner"]);
        assert_eq!(
            draft.published.map(|p| p.date),
            NaiveDate::from_ymd_opt(2023, 4, 11)
        );
        assert_eq!(
            draft.url.as_deref(),
            Some("https://valley-times.test/farming/orchard-growers-count-frost-losses")
        );
    }

    #[test]
    fn dates_in_url_paths() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let date = |url: &str| date_from_url(url).map(|p| (p.date, p.precision));
        use dragoman_model::Precision::{Day, Month};
        assert_eq!(
            date("https://x.test/world/2021/07/09/story-slug"),
            day(2021, 7, 9).map(|d| (d, Day))
        );
        assert_eq!(
            date("https://x.test/2019/nov/30/a"),
            day(2019, 11, 30).map(|d| (d, Day))
        );
        assert_eq!(
            date("https://x.test/news-20200105-b.html"),
            day(2020, 1, 5).map(|d| (d, Day))
        );
        assert_eq!(
            date("https://x.test/2018/03/slug"),
            day(2018, 3, 1).map(|d| (d, Month))
        );
        assert_eq!(date("https://x.test/item/123456/slug"), None);
        assert_eq!(date("https://x.test/2019/13/40/slug"), None);
    }

    #[test]
    fn structured_article_body_when_the_page_shows_none() {
        let body = "The county library will open on Sundays from next month, the council \
            announced, after a petition signed by more than two thousand residents.\n\
            Staff will work the extra day on a rota, and the children's room will host \
            reading sessions every other week &amp; a small exhibition on local history.\n\
            Opening hours on weekdays stay as they are, and the mobile library keeps its route.";
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
             \"headline\":\"Library opens on Sundays\",\"articleBody\":\"{}\"}}</script></head>\
             <body><div id=\"app\"><a href=\"/\">Home</a></div></body></html>",
            body.replace('\n', "\\n")
        );
        let Some(draft) = extract(&page) else {
            panic!("no article extracted");
        };
        assert_eq!(draft.paragraphs.len(), 3, "{:#?}", draft.paragraphs);
        assert!(
            draft
                .paragraphs
                .iter()
                .any(|p| p.contains("every other week & a small"))
        );
        // A page whose own body is found keeps it.
        let found = vec!["A found paragraph that is long enough to stand.".repeat(10)];
        assert_eq!(body_or_structured_text(found.clone(), Some(body)), found);
    }

    #[test]
    fn dateline_names_the_outlet_when_metadata_does_not() {
        let page = "<html><head><title>Grain convoy leaves the port</title></head><body><article>\
            <p>NORTHVILLE, March 3, 2025 (Lantern News) - A convoy of forty grain lorries left the port \
            on Tuesday after customs officers cleared a backlog of paperwork, drivers said.</p>\
            <p>The convoy is expected at the border crossing by Thursday evening, weather allowing, \
            according to the haulage firms involved.</p></article></body></html>";
        let Some(draft) = extract(page) else {
            panic!("no article extracted");
        };
        assert_eq!(draft.outlet.as_deref(), Some("Lantern News"));
        assert_eq!(draft.title.as_deref(), Some("Grain convoy leaves the port"));
        assert_eq!(
            draft
                .published
                .map(|p| p.date.format("%Y-%m-%d").to_string())
                .as_deref(),
            Some("2025-03-03")
        );
    }

    #[test]
    fn repeats_kept_apart_and_dropped_together() {
        let step = "Stir the sauce gently for two minutes, then taste it and add salt if needed.";
        let page = format!(
            "<html><body><article><h1>Two sauces</h1><p>Two sauces</p>\
             <h2>The red sauce</h2><p>{step}</p><p>{step}</p>\
             <h2>The green sauce</h2><p>{step}</p>\
             <p>Serve both warm, with bread, and keep what is left in the fridge for a day.</p>\
             </article></body></html>"
        );
        let Some(draft) = extract(&page) else {
            panic!("no article extracted");
        };
        let steps = draft
            .paragraphs
            .iter()
            .filter(|p| p.as_str() == step)
            .count();
        assert_eq!(steps, 2, "{:#?}", draft.paragraphs);
        assert!(!draft.paragraphs.iter().any(|p| p == "Two sauces"));
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            site_suffix("Dam plans approved | River Post").as_deref(),
            Some("River Post")
        );
        assert_eq!(site_suffix("A title without a site"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Garbled markup never panics, and whatever text comes out is clean: no tags, no
        /// blank paragraphs, no runs of whitespace.
        #[test]
        fn garbled_html_never_panics(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("<(/?)(p|div|li|ul|td|tr|table|a|script|style|article|nav|h1|h2|br|span|form)( class=\"(content|nav|share|ad-box|story)\")?( /)?>")
                        .unwrap_or_else(|e| panic!("{e}")),
                    proptest::string::string_regex("[A-Za-z ,.&#;<>!\"'=/-]{0,40}").unwrap_or_else(|e| panic!("{e}")),
                    proptest::string::string_regex("&(amp|lt|#[0-9]{1,8}|#x[0-9a-fA-F]{1,7}|[a-z]{1,6});?").unwrap_or_else(|e| panic!("{e}")),
                    proptest::prelude::Just("<!-- note -->".to_owned()),
                    proptest::prelude::Just("A long sentence of ordinary words, with commas, that could be news.".to_owned()),
                ],
                0..60,
            )
        ) {
            let page = pieces.concat();
            if let Some(draft) = extract(&page) {
                for paragraph in &draft.paragraphs {
                    proptest::prop_assert!(!paragraph.trim().is_empty());
                    proptest::prop_assert!(!paragraph.contains("  "));
                    proptest::prop_assert!(!paragraph.contains('\n'));
                }
            }
            let _ = extract_bytes(page.as_bytes());
        }
    }
}
