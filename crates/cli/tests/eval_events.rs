//! `dragoman eval events` on a small PLOVER record file written for the test.

mod common;

const RECORDS: &str = r#"[
  {"id": "note", "event": "DOCUMENT", "eventText": "a note about the file"},
  {"event": "REJECT", "text": "The Northern League rejected the harbour treaty on Monday.",
   "source": [{"actorText": "Northern League", "code": "PTY"}],
   "target": [{"actorText": "harbour treaty", "code": "---"}]},
  {"event": "AGREE", "text": "Portovia and Westmark agreed to reopen the border crossing.",
   "source": [{"actorText": "Portovia"}, {"actorText": "Westmark"}], "target": ""},
  {"event": "PROTEST", "text": "Nothing in this line names any kind of trigger word."}
]"#;

#[test]
fn eval_events_scores_categories_and_actors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.json");
    std::fs::write(&path, RECORDS).unwrap();
    let out = common::dragoman(&["eval", "events", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("3 records"), "{text}");
    assert!(text.contains("category accuracy 0.667"), "{text}");
    assert!(text.contains("(2 correct, 1 untyped)"), "{text}");
    let source = text
        .lines()
        .find(|l| l.starts_with("source actor"))
        .unwrap_or_default();
    assert!(source.contains("recall 1.000"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("REJECT ")), "{text}");
}

#[test]
fn eval_events_rejects_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, "{\"event\": \"AGREE\"").unwrap();
    let out = common::dragoman(&["eval", "events", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a JSON array of PLOVER records"), "{err}");
    let missing = dir.path().join("missing.json");
    let out = common::dragoman(&["eval", "events", missing.to_str().unwrap()]);
    assert!(!out.status.success());
}
