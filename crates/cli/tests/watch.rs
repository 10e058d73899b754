//! End-to-end test of `dragoman watch` against a feed server on 127.0.0.1: new items are
//! stored once, a summary-only item has its page fetched, and a failing feed is named and
//! retried later while the working one is ingested.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Output};

/// A feed with one full item and one summary-only item whose page the server also has.
fn feed(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lakeside Courier</title><link>{base}/</link>
<item><title>Water-sharing talks open in Astana</title><link>{base}/water-talks</link>
<pubDate>Mon, 09 Mar 2026 08:00:00 GMT</pubDate>
<description>Ministers from five Central Asian states opened two days of talks in Astana on
Monday on how to share the water of the rivers that feed the region's farms, the host
government said. Delegates are expected to discuss quotas for the summer months, the repair
of old canals and a joint fund for dams, and the chair said she hoped for a signed text by
Tuesday evening. Farmers' groups from three of the countries sent letters asking the
ministers to protect the spring flow that their cotton and wheat depend on.</description></item>
<item><title>Canal fund agreed</title><link>{base}/canal-fund</link>
<pubDate>Tue, 10 Mar 2026 18:00:00 GMT</pubDate>
<description>Ministers agreed on a fund.</description></item>
</channel></rss>"#
    )
}

const PAGE: &str = "<html><head><title>Canal fund agreed | Lakeside Courier</title></head>\
<body><article><h1>Canal fund agreed</h1><p>Ministers meeting in Astana agreed on Tuesday to \
create a joint fund for the repair of irrigation canals, with each of the five states paying \
in according to the land it waters, the chair of the talks told reporters.</p><p>The fund \
will start with contributions next year, and a board of engineers from every country will \
decide which canals are repaired first, she said.</p></article></body></html>";

/// Serves the feed, its item page, and a feed that always fails, until the test ends.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let feed_body = feed(&base);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let (status, kind, body) = match path {
                "/feed.xml" => ("200 OK", "application/rss+xml", feed_body.as_str()),
                "/canal-fund" => ("200 OK", "text/html; charset=utf-8", PAGE),
                "/broken.xml" => ("500 Internal Server Error", "text/plain", "down"),
                _ => ("404 Not Found", "text/plain", "none"),
            };
            let _ = write!(
                &stream,
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

fn watch(base: &str, db: &str, cache: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dragoman"))
        .args([
            "watch",
            "--once",
            "--feed",
            &format!("{base}/feed.xml"),
            "--feed",
            &format!("{base}/broken.xml"),
            "--db",
            db,
        ])
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("the dragoman binary runs")
}

#[test]
fn new_items_are_stored_once_and_a_failing_feed_is_named() {
    let base = serve();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("watch.db").display().to_string();

    let first = watch(&base, &db, dir.path());
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert_eq!(first.status.code(), Some(1), "a feed failed: {stderr}");
    let broken: Vec<_> = stderr
        .lines()
        .filter(|l| l.contains("/broken.xml"))
        .collect();
    assert!(
        broken.iter().any(|l| l.contains("500")),
        "the failure is named: {stderr}"
    );
    assert!(
        broken.iter().any(|l| l.contains("next try in 30s")),
        "and retried later: {stderr}"
    );
    assert!(stderr.contains("2 item(s), 2 new"), "{stderr}");

    let search = common::dragoman(&["search", "canals", "--db", &db, "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).expect("JSON hits");
    let titles: Vec<_> = hits
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Canal fund agreed"),
        "the summary-only item was fetched: {titles:?}"
    );

    let second = watch(&base, &db, dir.path());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("2 item(s), 0 new, 2 already stored"),
        "{stderr}"
    );
}
