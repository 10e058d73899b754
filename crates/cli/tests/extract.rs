//! End-to-end tests of `dragoman extract`: one record per article from HTML, feeds and text,
//! in each output format, with bad inputs named on standard error and the exit code telling
//! the truth.

mod common;

use std::path::Path;

use common::dragoman;

const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Grain corridor talks resume in Ankara | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2026-03-04T09:30:00Z">
<link rel="canonical" href="https://harbour.example/world/grain-talks">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Grain corridor talks resume in Ankara</h1>
<p class="byline">By Selin Aydin</p>
<p>Delegations from the two Black Sea ports met in Ankara on Tuesday to revive a corridor
for grain ships that lapsed last summer, officials from the host government said.</p>
<p>The talks are expected to last three days and to cover insurance for the vessels, the
inspection regime and the question of who pays for mine clearance near the harbours.</p>
<div class="share">Share on Facebook Share on X Email this article</div>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Wheat prices climb</a></li>
<li><a href="/b">Shipping insurers wary</a></li></ul></aside>
</body></html>"#;

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://harbour.example</link>
<item><title>Ports agree on inspection rules</title>
<link>https://harbour.example/world/inspections</link>
<pubDate>Thu, 05 Mar 2026 14:00:00 GMT</pubDate>
<description>Negotiators in Ankara agreed on Thursday that joint teams would inspect every grain
ship in the corridor, a step both delegations called essential for insurers to return. The
teams will include observers from the host country, and the first inspections are planned
for the end of the month, a spokesman for the talks said in a statement to reporters after
the session ended late in the evening. Insurers said they would study the text before
setting new premiums for vessels using the route.</description></item>
</channel></rss>"#;

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    };
    write("talks.html", PAGE);
    write("gazette.rss", FEED);
    write("notes.md", "not an article format");
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn jsonl_records_carry_clean_text_and_metadata() {
    let dir = folder();
    let output = dragoman(&[
        "extract",
        &path(dir.path(), "talks.html"),
        &path(dir.path(), "gazette.rss"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(records.len(), 2, "{stdout}");

    let page = &records[0];
    assert_eq!(page["title"], "Grain corridor talks resume in Ankara");
    assert_eq!(page["outlet"], "Harbour Gazette");
    assert_eq!(page["url"], "https://harbour.example/world/grain-talks");
    assert_eq!(page["published"]["date"], "2026-03-04");
    assert_eq!(page["language"], "en");
    assert!(
        page["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("talks.html"))
    );
    let text = page["text"].as_str().expect("text");
    assert!(
        text.starts_with("Delegations from the two Black Sea ports"),
        "{text}"
    );
    assert!(
        text.contains("\n\nThe talks are expected"),
        "paragraphs kept: {text}"
    );
    for boilerplate in ["Share on Facebook", "Wheat prices climb", "Sport"] {
        assert!(
            !text.contains(boilerplate),
            "{boilerplate} leaked into {text}"
        );
    }

    let item = &records[1];
    assert_eq!(item["title"], "Ports agree on inspection rules");
    assert_eq!(item["url"], "https://harbour.example/world/inspections");
    assert_eq!(item["published"]["date"], "2026-03-05");
    assert!(
        item["text"]
            .as_str()
            .is_some_and(|t| t.contains("joint teams would inspect"))
    );
}

#[test]
fn json_and_text_formats() {
    let dir = folder();
    let page = path(dir.path(), "talks.html");
    let output = dragoman(&["extract", "--format", "json", &page]);
    assert!(output.status.success());
    let all: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON array");
    assert_eq!(all.as_array().map(Vec::len), Some(1));

    let output = dragoman(&["extract", "--format", "text", &page]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("title:     Grain corridor talks resume in Ankara"),
        "{text}"
    );
    assert!(text.contains("outlet:    Harbour Gazette"), "{text}");
}

#[test]
fn folder_globs_select_files() {
    let dir = folder();
    let root = dir.path().display().to_string();
    let output = dragoman(&["extract", "--include", "*.rss", &root]);
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
    let output = dragoman(&["extract", "--exclude", "*.rss", &root]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("Grain corridor"));
}

#[test]
fn bad_inputs_are_named_and_the_rest_goes_on() {
    let dir = folder();
    let missing = path(dir.path(), "missing.html");
    let output = dragoman(&[
        "extract",
        &path(dir.path(), "talks.html"),
        &missing,
        "http://127.0.0.1:1/refused",
        "http://exa mple.invalid/",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for input in [missing.as_str(), "http://127.0.0.1:1/refused"] {
        let lines: Vec<_> = stderr.lines().filter(|l| l.contains(input)).collect();
        assert_eq!(lines.len(), 1, "one line naming {input}: {stderr}");
    }

    let output = dragoman(&["extract", &missing]);
    assert_eq!(output.status.code(), Some(2), "nothing read at all");
}
