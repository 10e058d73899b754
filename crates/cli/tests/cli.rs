//! End-to-end tests of the `dragoman` binary: exit codes, one-line problems on stderr, valid
//! output, and a folder of hostile inputs where every bad file is named and nothing is lost.

mod common;

use std::io::Write;
use std::path::Path;

use common::dragoman;

const GOOD: &str = "Envoys meet in Geneva\n\nPublish date: Sunday, 23 November 2025\n\n\
GENEVA (Reuters) - Negotiators from the United States and Ukraine met in Geneva on Sunday \
to discuss a draft peace framework, officials said.\n\n\
\"We made real progress today,\" Secretary of State Marco Rubio told reporters after the talks.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A folder with one good file of each kind and one of each kind of bad input.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", GOOD.as_bytes());
    write(
        d,
        "good.txt.gz",
        &gzip(GOOD.replace("Geneva", "Vienna").as_bytes()),
    );
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(
        "Переговоры в Женеве\n\nМинистр иностранных дел заявил, что встреча прошла конструктивно. \
         Стороны договорились продолжить консультации на следующей неделе.\n",
    );
    write(d, "cyrillic-1251.txt", &cp1251);
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(
        "Café talks resume\n\nThe envoy’s “constructive” meeting in Genève ended late on Friday, \
         according to a statement from the foreign ministry.\n",
    );
    write(d, "latin-1252.txt", &cp1252);
    write(
        d,
        "records.jsonl",
        concat!(
            r#"{"id": "rec-1", "title": "Talks in Geneva", "text": "Delegations met in Geneva on Sunday.", "outlet": "Wire One", "published": "2025-11-23"}"#,
            "\n",
            r#"{"id": "rec-2", "title": "Broken", "text": "no closing brace""#,
            "\n",
            r#"{"id": "rec-3", "title": "Talks continue", "text": "Delegations met again on Monday.", "outlet": "Wire Two", "published": "2025-11-24"}"#,
            "\n"
        )
        .as_bytes(),
    );
    write(d, "empty.txt", b"");
    write(
        d,
        "binary.txt",
        &[0u8, 159, 146, 150, 0, 0, 1, 2, 3, 255, 0, 7, 0, 0, 0, 9],
    );
    let full = gzip(GOOD.repeat(50).as_bytes());
    write(d, "truncated.txt.gz", &full[..full.len() / 2]);
    write(
        d,
        "nobody.html",
        b"<html><head><title>Nothing here</title></head></html>",
    );
    let mut nested = String::from("<html><body>");
    nested.push_str(&"<div>".repeat(100_000));
    nested.push_str("<p>Deep inside a hundred thousand elements, the article text still waits to be read by someone.</p>");
    write(d, "nested.html", nested.as_bytes());
    write(
        d,
        "big.txt",
        "A sentence about talks that repeats. "
            .repeat(60_000)
            .as_bytes(),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("no-such-target.txt"), d.join("dangling.txt")).unwrap();
    dir
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn hostile_inputs_are_named_and_the_rest_is_analysed() {
    let dir = hostile_folder();
    let path = dir.path().to_str().unwrap();
    let out = dragoman(&[
        "analyze",
        path,
        "--format",
        "json",
        "--no-store",
        "--max-size",
        "1",
    ]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some inputs failed, so exit 1; stderr:\n{err}"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("valid JSON on stdout");

    // Each failed input is named, with its reason, on one line.
    for (file, reason) in [
        ("binary.txt", "not text"),
        ("truncated.txt.gz", "truncated"),
        ("nobody.html", ""),
        ("big.txt", "limit"),
        ("records.jsonl", "line 2"),
        ("empty.txt", "empty"),
        ("dangling.txt", ""),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no line names {file}:\n{err}"));
        assert!(
            line.to_lowercase().contains(reason),
            "{file}: expected `{reason}` in `{line}`"
        );
    }
    // The summary closes the run.
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.contains("article(s) from") && last.contains("failed"),
        "no summary: {last}"
    );

    // Nothing good was lost: both good files, both good records, both legacy encodings.
    let articles = report["articles"].as_array().unwrap();
    let ids: Vec<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"rec-1") && ids.contains(&"rec-3"),
        "JSONL records kept: {ids:?}"
    );
    let texts: String = articles
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains("Geneva") && texts.contains("Vienna"));
    assert!(
        texts.contains("Министр иностранных дел"),
        "Windows-1251 decoded"
    );
    assert!(
        texts.contains("Genève") && texts.contains("envoy’s"),
        "Windows-1252 decoded"
    );
    assert!(
        texts.contains("hundred thousand elements"),
        "deeply nested HTML read"
    );
    // Every problem is in the report too.
    let problems = report["problems"].as_array().unwrap();
    assert!(problems.len() >= 7, "{problems:?}");
}

#[test]
fn nothing_readable_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "binary.txt", &[0u8, 1, 2, 0, 0, 0, 255]);
    let out = dragoman(&["analyze", dir.path().to_str().unwrap(), "--no-store"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("binary.txt"));
}

#[test]
fn a_missing_path_is_named() {
    let out = dragoman(&["analyze", "/no/such/dir/anywhere", "--no-store"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/dir/anywhere"));
}

#[test]
fn a_wrong_command_line_exits_2() {
    assert_eq!(dragoman(&["analyze"]).status.code(), Some(2));
    assert_eq!(
        dragoman(&["analyze", ".", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(dragoman(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn the_demo_corpus_reads_cleanly_in_markdown_and_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let corpus = common::demo_corpus();
    let out = dragoman(&[
        "analyze",
        corpus.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{err}");
    assert!(!err.contains("error:"), "{err}");
    let md = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "# Dragoman report",
        "## Story s1",
        "### Who",
        "### Who said what",
        "### Timeline",
        "### Positions",
    ] {
        assert!(md.contains(heading), "markdown lacks {heading}");
    }
    assert!(err.contains("stored in"), "{err}");
    assert!(db.exists());
    // A second run adds no article twice.
    let again = dragoman(&[
        "analyze",
        corpus.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(stderr(&again).contains("(0 new"), "{}", stderr(&again));
}

#[test]
fn a_dateline_without_a_year_takes_the_year_of_the_batch_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dated.txt", GOOD.as_bytes());
    write(
        dir.path(),
        "wire.txt",
        b"GENEVA, November 24. /Agency/. Delegations from the United States and Ukraine \
met again on Monday to refine the draft framework, a diplomat said.\n",
    );
    let out = dragoman(&["analyze", dir.path().to_str().unwrap(), "--no-store"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("| 2025-11-24 (year inferred) |"), "{md}");
    assert!(md.contains("| 2025-11-23 |"), "{md}");
}
