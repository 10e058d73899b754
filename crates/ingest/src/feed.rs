//! RSS (0.9x, 1.0, 2.0) and Atom feeds: each item becomes an article. An item that carries
//! only a short summary has its page fetched (when the caller gives a [`PageFetch`]) and
//! extracted; when that fails the summary is kept and the failure reported.

use dragoman_model::{Precision, Published};
use feed_rs::model::{Entry, Feed};

use crate::{
    Draft, FileOutcome, IngestOptions, PageFetch, domain_of, json, outlet_for_domain, problem, text,
};

/// Summaries shorter than this (in characters of clean text) are not taken for the article:
/// the item's page is fetched instead.
const SHORT_SUMMARY: usize = 600;

/// Whether the first bytes of `bytes` open an RSS, RDF or Atom document.
pub(crate) fn looks_like_feed(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .take(2048)
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |tag: &[u8]| head.windows(tag.len()).any(|w| w == tag);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xef | 0xbb | 0xbf));
    start.and_then(|i| head.get(i)) == Some(&b'<')
        && (has(b"<rss") || has(b"<rdf:rdf") || has(b"<feed"))
        && !has(b"<html")
}

/// Reads a feed document. A feed that does not parse is one fatal problem naming `origin`.
pub(crate) fn read(
    origin: &str,
    bytes: &[u8],
    options: &IngestOptions,
    fetch: Option<&dyn PageFetch>,
) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(error) => {
            let message = format!(
                "malformed feed: {}",
                error
                    .to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            outcome.problems.push(problem(origin, message, true));
            return outcome;
        }
    };
    if feed.entries.is_empty() {
        outcome
            .problems
            .push(problem(origin, "feed has no items: skipped", false));
        return outcome;
    }
    let outlet = feed_outlet(&feed);
    for (number, entry) in feed.entries.iter().enumerate() {
        let item_origin = format!("{origin}#{}", number + 1);
        let mut draft = item_draft(entry, outlet.clone());
        let summary_only = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_ref())
            .is_none()
            && draft
                .paragraphs
                .iter()
                .map(|p| p.chars().count())
                .sum::<usize>()
                < SHORT_SUMMARY;
        if summary_only && let (Some(fetch), Some(url)) = (fetch, draft.url.clone()) {
            match fetch.fetch(&url) {
                Ok(page) => match crate::read_page(&page, options) {
                    Ok(page_draft) => draft = merge(page_draft, draft),
                    Err(message) => outcome.problems.push(problem(
                        &item_origin,
                        format!("{message}; kept the feed's summary"),
                        false,
                    )),
                },
                Err(message) => outcome.problems.push(problem(
                    &item_origin,
                    format!("{message}; kept the feed's summary"),
                    false,
                )),
            }
        }
        if draft.paragraphs.is_empty() && draft.title.is_none() {
            outcome.problems.push(problem(
                &item_origin,
                "feed item has no text and no title: skipped",
                true,
            ));
            continue;
        }
        if draft.paragraphs.is_empty()
            && let Some(title) = &draft.title
        {
            // A headline-only item still says something: its title is its text.
            draft.paragraphs.push(title.clone());
        }
        outcome.articles.push(draft.finish(item_origin));
    }
    outcome
}

/// The outlet a feed speaks for: a known outlet of its site's domain, else its title.
fn feed_outlet(feed: &Feed) -> Option<String> {
    let known = feed
        .links
        .iter()
        .filter_map(|link| domain_of(&link.href))
        .find_map(|domain| outlet_for_domain(&domain).map(str::to_owned));
    known.or_else(|| {
        feed.title
            .as_ref()
            .map(|t| clean_line(&t.content))
            .filter(|t| !t.is_empty())
    })
}

/// One line of text from a feed field that may hold escaped markup.
fn clean_line(value: &str) -> String {
    let cleaned = text::clean(&strip_tags(value), None);
    cleaned.paragraphs.join(" ")
}

/// Removes `<…>` tags (feed titles sometimes carry `<b>` or CDATA markup).
fn strip_tags(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut in_tag = false;
    for c in value.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The article an item makes by itself: its content (else its summary) as text.
fn item_draft(entry: &Entry, outlet: Option<String>) -> Draft {
    let title = entry
        .title
        .as_ref()
        .map(|t| clean_line(&t.content))
        .filter(|t| !t.is_empty());
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
        .unwrap_or_default();
    let cleaned = json::html_body(&body, title.as_deref())
        .unwrap_or_else(|| text::clean(&strip_tags(&body), title.as_deref()));
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim().to_owned())
        .filter(|h| !h.is_empty());
    let published = entry.published.or(entry.updated).map(|moment| Published {
        date: moment.date_naive(),
        time: Some(moment.time()),
        precision: Precision::Time,
    });
    let authors = entry
        .authors
        .iter()
        .map(|a| a.name.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    Draft {
        id: None,
        title,
        paragraphs: cleaned.paragraphs,
        url,
        outlet: outlet.or(cleaned.outlet),
        published: published.or(cleaned.published),
        authors,
        truncated: cleaned.truncated,
        dateline_day: cleaned.dateline_day,
        declared_language: None,
    }
}

/// The fetched page's article, completed from the feed item where the page says less.
fn merge(page: Draft, item: Draft) -> Draft {
    if page.paragraphs.len() <= item.paragraphs.len()
        && page.paragraphs.iter().map(String::len).sum::<usize>()
            <= item.paragraphs.iter().map(String::len).sum::<usize>()
    {
        return item;
    }
    Draft {
        id: None,
        title: page.title.or(item.title),
        paragraphs: page.paragraphs,
        url: item.url.or(page.url),
        outlet: item.outlet.or(page.outlet),
        published: item.published.or(page.published),
        authors: if page.authors.is_empty() {
            item.authors
        } else {
            page.authors
        },
        truncated: page.truncated,
        dateline_day: page.dateline_day.or(item.dateline_day),
        declared_language: page.declared_language.or(item.declared_language),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FetchedPage, read_bytes};

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour Gazette</title><link>https://harbour-gazette.example/</link>
<item><title>Port workers agree to new shift rota</title>
<link>https://harbour-gazette.example/news/rota</link>
<pubDate>Tue, 03 Mar 2026 09:15:00 GMT</pubDate>
<description><![CDATA[<p>The dock union and the port authority signed a rota deal on Monday evening after a week of talks.</p><p>Both sides said the night shift would shrink by an hour from April.</p>]]></description>
</item>
<item><title>Ferry fares frozen</title><link>https://harbour-gazette.example/news/fares</link>
<description>Fares stay put.</description></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title>
<id>urn:valley</id><updated>2026-02-01T10:00:00Z</updated>
<entry><title>Council delays the bridge vote</title><id>urn:valley:1</id>
<link href="https://valley-courier.example/bridge"/>
<updated>2026-02-01T10:00:00Z</updated>
<author><name>Mara Lind</name></author>
<content type="html">&lt;p&gt;The council put off its vote on the river bridge until the spring session.&lt;/p&gt;</content>
</entry></feed>"#;

    #[test]
    fn rss_items_become_articles() {
        let outcome = read_bytes("news.rss", "news.rss", RSS.as_bytes());
        assert_eq!(outcome.articles.len(), 2, "{:?}", outcome.problems);
        let first = &outcome.articles[0];
        assert_eq!(
            first.title.as_deref(),
            Some("Port workers agree to new shift rota")
        );
        assert_eq!(
            first.url.as_deref(),
            Some("https://harbour-gazette.example/news/rota")
        );
        assert_eq!(first.outlet.as_deref(), Some("Harbour Gazette"));
        assert!(first.text.contains("rota deal on Monday"));
        assert!(first.text.contains("\n\nBoth sides"));
        assert!(!first.text.contains('<'));
        let published = first.published.as_ref().map(|p| p.date.to_string());
        assert_eq!(published.as_deref(), Some("2026-03-03"));
        assert_eq!(first.origin, "news.rss#1");
    }

    #[test]
    fn atom_entries_become_articles() {
        let outcome = read_bytes("feed.atom", "feed.atom", ATOM.as_bytes());
        assert_eq!(outcome.articles.len(), 1, "{:?}", outcome.problems);
        let entry = &outcome.articles[0];
        assert_eq!(entry.authors, vec!["Mara Lind".to_owned()]);
        assert!(entry.text.starts_with("The council put off"));
        // Sniffed without an extension too.
        assert_eq!(read_bytes("feed", "", ATOM.as_bytes()).articles.len(), 1);
    }

    struct Pages;

    impl PageFetch for Pages {
        fn fetch(&self, url: &str) -> Result<FetchedPage, String> {
            if url.ends_with("/fares") {
                let body = "<html><head><title>Ferry fares frozen</title></head><body><article>\
                    <p>The ferry operator said on Tuesday that fares on all island routes will stay \
                    at this year's level until next winter, citing lower fuel costs.</p>\
                    <p>Passenger groups welcomed the move but asked for cheaper season tickets \
                    for students and pensioners, which the operator declined to promise.</p>\
                    </article></body></html>";
                Ok(FetchedPage {
                    url: url.to_owned(),
                    content_type: Some("text/html".to_owned()),
                    body: body.as_bytes().to_vec(),
                })
            } else {
                Err(format!("{url}: HTTP status 404"))
            }
        }
    }

    #[test]
    fn summary_only_items_fetch_their_page() {
        let outcome = crate::read_bytes_fetching(
            "news.rss",
            "news.rss",
            RSS.as_bytes(),
            &IngestOptions::default(),
            Some(&Pages),
        );
        assert_eq!(outcome.articles.len(), 2);
        let fares = &outcome.articles[1];
        assert!(fares.text.contains("season tickets"), "{}", fares.text);
        assert_eq!(
            fares.url.as_deref(),
            Some("https://harbour-gazette.example/news/fares")
        );
        // The first item's page is missing: its summary is kept, with a warning.
        assert!(outcome.articles[0].text.contains("rota deal"));
        assert!(
            outcome
                .problems
                .iter()
                .any(|p| p.origin == "news.rss#1" && !p.fatal && p.message.contains("404"))
        );
    }

    #[test]
    fn malformed_feed_is_one_fatal_problem() {
        let broken = "<rss version=\"2.0\"><channel><title>Cut</title><item><title>Half";
        let outcome = read_bytes("cut.rss", "cut.rss", broken.as_bytes());
        assert!(outcome.articles.is_empty());
        assert_eq!(outcome.problems.len(), 1);
        let problem = &outcome.problems[0];
        assert!(problem.fatal && problem.origin == "cut.rss");
        assert!(problem.message.starts_with("malformed feed") && !problem.message.contains('\n'));
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            let _ = read("fuzz.rss", &bytes, &IngestOptions::default(), None);
        }

        #[test]
        fn cut_or_damaged_feeds_never_panic(cut in 0usize..1200, at in 0usize..1200, byte in proptest::num::u8::ANY) {
            let mut bytes = RSS.as_bytes().to_vec();
            if let Some(b) = bytes.get_mut(at) {
                *b = byte;
            }
            bytes.truncate(cut);
            let _ = read("fuzz.rss", &bytes, &IngestOptions::default(), Some(&Pages));
        }
    }
}
