//! `--include`/`--exclude` globs choosing the files inside folders.

use std::path::PathBuf;

use dragoman_ingest::{IngestOptions, discover, discover_with};

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [
        "a.html",
        "b.txt",
        "notes.md",
        "2026/c.html",
        "2026/drafts/d.html",
        "feed.rss",
    ] {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, "<p>x</p>").expect("file");
    }
    dir
}

fn names(dir: &tempfile::TempDir, files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .filter_map(|f| f.strip_prefix(dir.path()).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

#[test]
fn known_extensions_without_globs() {
    let dir = folder();
    let found = discover(&[dir.path().to_owned()]);
    assert_eq!(
        names(&dir, &found.files),
        [
            "2026/c.html",
            "2026/drafts/d.html",
            "a.html",
            "b.txt",
            "feed.rss"
        ]
    );
}

#[test]
fn include_and_exclude() {
    let dir = folder();
    let options = IngestOptions {
        include: vec!["*.html".to_owned(), "*.md".to_owned()],
        exclude: vec!["**/drafts/**".to_owned()],
        ..IngestOptions::default()
    };
    let found = discover_with(&[dir.path().to_owned()], &options);
    assert!(found.problems.is_empty(), "{:?}", found.problems);
    assert_eq!(
        names(&dir, &found.files),
        ["2026/c.html", "a.html", "notes.md"]
    );
}

#[test]
fn bad_glob_is_a_problem_naming_it() {
    let dir = folder();
    let options = IngestOptions {
        exclude: vec!["[oops".to_owned()],
        ..IngestOptions::default()
    };
    let found = discover_with(&[dir.path().to_owned()], &options);
    assert_eq!(found.problems.len(), 1);
    assert_eq!(found.problems[0].origin, "--exclude [oops");
    assert!(found.problems[0].fatal);
}

#[test]
fn field_mapping_specs() {
    assert_eq!(
        dragoman_ingest::parse_field_mapping("text=body"),
        Ok(("text".to_owned(), "body".to_owned()))
    );
    assert!(dragoman_ingest::parse_field_mapping("body").is_err());
    assert!(dragoman_ingest::parse_field_mapping("colour=body").is_err());
    assert!(dragoman_ingest::parse_field_mapping("text=").is_err());
}
