//! `dragoman eval clustering` on a small headline file written for this test: three stories,
//! one row with missing fields and one with a bad timestamp.

mod common;

use common::{dragoman, repo};

#[test]
fn eval_clustering_prints_the_scores_and_names_bad_lines() {
    let file = repo().join("crates/cli/tests/fixtures/clustering/headlines.csv");
    let out = dragoman(&["eval", "clustering", file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Malformed rows are named with file and line, and the rest is still scored.
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    let problems: Vec<&str> = stderr.lines().filter(|l| l.contains("skipped")).collect();
    assert_eq!(problems.len(), 2, "{stderr}");
    assert!(
        problems[0].contains("headlines.csv:12: skipped"),
        "{stderr}"
    );
    assert!(
        problems[1].contains("headlines.csv:13: skipped: TIMESTAMP"),
        "{stderr}"
    );

    // Two headlines (104, 203) come hours after their story's burst of minutes: for
    // headlines, a story silent for many times its own tempo is over. Five predicted stories
    // {101 102 103} {104} {201 202} {203} {301 302 303}.
    assert!(
        stdout.contains("10 headlines, 3 gold stories, 5 predicted stories"),
        "{stdout}"
    );
    // B-cubed recall: (3·3/4 + 1/4 + 2·2/3 + 1/3 + 3·1) / 10 = 0.717; precision 1.
    assert!(
        stdout.contains("B-cubed   precision 1.000  recall 0.717  F1 0.835"),
        "{stdout}"
    );
    // Pairwise recall: 7 of the 12 gold pairs.
    assert!(
        stdout.contains("pairwise  precision 1.000  recall 0.583  F1 0.737"),
        "{stdout}"
    );
    let speed = stdout
        .lines()
        .find_map(|l| l.strip_prefix("speed"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok());
    assert!(speed.is_some_and(|s| s > 0.0), "{stdout}");
}

#[test]
fn eval_clustering_without_the_file_is_an_error() {
    let out = dragoman(&["eval", "clustering", "/nonexistent/headlines.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/headlines.csv")
    );
}
