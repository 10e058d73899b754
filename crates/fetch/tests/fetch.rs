//! The polite client against a local server.

mod common;

use std::net::TcpListener;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::serve;
use dragoman_fetch::{FetchError, FetchOptions, Fetcher, is_url};

fn options() -> FetchOptions {
    FetchOptions {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(1),
        max_bytes: 256 * 1024,
        max_redirects: 3,
        per_host_delay: Duration::ZERO,
        respect_robots: true,
        cache_dir: None,
    }
}

#[test]
fn page_is_fetched_with_its_charset() {
    let server = serve();
    let fetcher = Fetcher::new(options()).expect("client");
    let page = fetcher.get(&format!("{}/page", server.base)).expect("page");
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=UTF-8")
    );
    assert!(page.body.starts_with(b"<html>"));
    assert!(!page.from_cache);
    let page = fetcher
        .get(&format!("{}/cyrillic", server.base))
        .expect("page");
    assert_eq!(page.body, [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
}

#[test]
fn unchanged_page_is_not_downloaded_twice() {
    let server = serve();
    let dir = tempfile::tempdir().expect("temp dir");
    let cached = FetchOptions {
        cache_dir: Some(dir.path().to_owned()),
        ..options()
    };
    let url = format!("{}/page", server.base);
    let first = Fetcher::new(cached.clone())
        .expect("client")
        .get(&url)
        .expect("first");
    // A new client (a later run) reads the cache from disk.
    let second = Fetcher::new(cached)
        .expect("client")
        .get(&url)
        .expect("second");
    assert!(second.from_cache);
    assert_eq!(first.body, second.body);
    assert_eq!(server.full_pages.load(Ordering::SeqCst), 1);
}

/// Recognises the error variant a failing URL must give.
type ErrorCheck = fn(&FetchError) -> bool;

#[test]
fn failures_are_one_line_errors_naming_the_url() {
    let server = serve();
    let fetcher = Fetcher::new(options()).expect("client");
    let cases: [(&str, ErrorCheck); 7] = [
        ("/slow", |e| matches!(e, FetchError::Timeout { .. })),
        ("/huge", |e| matches!(e, FetchError::TooLarge { .. })),
        ("/loop", |e| {
            matches!(e, FetchError::TooManyRedirects { .. })
        }),
        ("/error", |e| {
            matches!(e, FetchError::Status { status: 500, .. })
        }),
        ("/missing", |e| {
            matches!(e, FetchError::Status { status: 404, .. })
        }),
        ("/binary", |e| matches!(e, FetchError::Binary { .. })),
        ("/private/page", |e| {
            matches!(e, FetchError::Disallowed { .. })
        }),
    ];
    for (path, expected) in cases {
        let url = format!("{}{path}", server.base);
        let error = fetcher.get(&url).expect_err(path);
        assert!(expected(&error), "{path}: {error:?}");
        let message = error.to_string();
        assert!(
            message.contains(&url) && !message.contains('\n'),
            "{message}"
        );
    }
    let image = fetcher.get(&format!("{}/image", server.base));
    assert!(matches!(image, Err(FetchError::Binary { .. })));
}

#[test]
fn refused_connection_and_invalid_urls() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let fetcher = Fetcher::new(options()).expect("client");
    let url = format!("http://127.0.0.1:{port}/page");
    let error = fetcher.get(&url).expect_err("refused");
    assert!(matches!(error, FetchError::Connect { .. }), "{error:?}");
    for bad in ["not a url", "ftp://127.0.0.1/x", "http://"] {
        let error = fetcher.get(bad).expect_err(bad);
        assert!(
            matches!(error, FetchError::InvalidUrl { .. }),
            "{bad}: {error:?}"
        );
    }
}

#[test]
fn requests_to_one_host_are_spaced() {
    let server = serve();
    let fetcher = Fetcher::new(FetchOptions {
        per_host_delay: Duration::from_millis(300),
        respect_robots: false,
        ..options()
    })
    .expect("client");
    let started = Instant::now();
    for _ in 0..3 {
        fetcher.get(&format!("{}/page", server.base)).expect("page");
    }
    assert!(started.elapsed() >= Duration::from_millis(600));
}

#[test]
fn helpers() {
    assert!(is_url("HTTPS://example.org/a"));
    assert!(!is_url("news/a.html"));
}
