//! Pages and feeds fetched from a local server and read by ingest: charsets from the HTTP
//! header and from `<meta charset>`, a feed whose summary-only item has its page fetched,
//! and failures as one-line problems.

mod common;

use std::time::Duration;

use common::serve;
use dragoman_fetch::{FetchOptions, Fetcher};
use dragoman_ingest::{FetchedPage, FileOutcome, IngestOptions, PageFetch, read_fetched};

struct Web(Fetcher);

impl PageFetch for Web {
    fn fetch(&self, url: &str) -> Result<FetchedPage, String> {
        let page = self.0.get(url).map_err(|e| e.to_string())?;
        Ok(FetchedPage {
            url: page.url,
            content_type: page.content_type,
            body: page.body,
        })
    }
}

fn web() -> Web {
    Web(Fetcher::new(FetchOptions {
        per_host_delay: Duration::ZERO,
        total_timeout: Duration::from_secs(2),
        cache_dir: None,
        ..FetchOptions::default()
    })
    .expect("client"))
}

fn read(web: &Web, url: &str) -> FileOutcome {
    match web.fetch(url) {
        Ok(page) => read_fetched(url, &page, &IngestOptions::default(), Some(web)),
        Err(message) => panic!("{message}"),
    }
}

#[test]
fn windows_1251_page_over_http() {
    let server = serve();
    let web = web();
    let url = format!("{}/ru.html", server.base);
    let outcome = read(&web, &url);
    assert_eq!(outcome.articles.len(), 1, "{:?}", outcome.problems);
    let article = &outcome.articles[0];
    assert!(
        article.text.contains("Делегации двух стран"),
        "{}",
        article.text
    );
    assert_eq!(article.url.as_deref(), Some(url.as_str()));
    assert_eq!(article.language.as_deref(), Some("ru"));
}

#[test]
fn windows_1252_page_over_http() {
    let server = serve();
    let outcome = read(&web(), &format!("{}/fr.html", server.base));
    assert_eq!(outcome.articles.len(), 1, "{:?}", outcome.problems);
    let text = &outcome.articles[0].text;
    assert!(
        text.contains("négociateurs ont annoncé jeudi qu’un accord"),
        "{text}"
    );
    assert!(text.contains("« très proche »"), "{text}");
}

#[test]
fn feed_url_with_a_summary_only_item() {
    let server = serve();
    let outcome = read(&web(), &format!("{}/feed.xml", server.base));
    assert_eq!(outcome.articles.len(), 1, "{:?}", outcome.problems);
    let article = &outcome.articles[0];
    assert!(article.text.contains("следующий раунд"), "{}", article.text);
    assert_eq!(article.outlet.as_deref(), Some("Wire Desk"));
}

#[test]
fn malformed_feed_and_binary_page() {
    let server = serve();
    let web = web();
    let outcome = read(&web, &format!("{}/broken.rss", server.base));
    assert!(outcome.articles.is_empty());
    assert!(
        outcome
            .problems
            .iter()
            .all(|p| p.fatal && !p.message.contains('\n'))
    );
    assert!(
        outcome
            .problems
            .first()
            .is_some_and(|p| p.message.starts_with("malformed feed"))
    );
    let binary = web.fetch(&format!("{}/binary", server.base));
    assert!(binary.is_err_and(|m| m.contains("binary")));
}
