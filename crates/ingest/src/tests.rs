//! End-to-end tests of the public API over inputs written here.

use std::io::Write;

use dragoman_model::Precision;
use proptest::prelude::*;

use super::*;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

fn spans_are_valid(article: &Article) -> bool {
    article.paragraphs.iter().all(|span| {
        article
            .text
            .get(span.start..span.end)
            .is_some_and(|p| !p.is_empty() && p.trim() == p)
    })
}

const WIRE: &str = "WASHINGTON, Oct 14 (Reuters) - Negotiators from the two governments ended a \
    third day of talks without an agreement on tariffs, officials said, adding that the next round \
    would take place in 2024 in Geneva.\n\n\
    A spokesperson for the trade ministry said the sides had narrowed their differences on farm goods.";

#[test]
fn plain_text_article() {
    let outcome = read_bytes("wire.txt", "wire.txt", WIRE.as_bytes());
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let [article] = outcome.articles.as_slice() else {
        panic!("expected one article: {outcome:?}");
    };
    assert_eq!(article.outlet.as_deref(), Some("Reuters"));
    assert_eq!(article.language.as_deref(), Some("en"));
    assert_eq!(
        article.published.as_ref().map(|p| p.precision),
        Some(Precision::Day)
    );
    assert_eq!(
        article.date(),
        chrono::NaiveDate::from_ymd_opt(2024, 10, 14)
    );
    assert_eq!(article.id.len(), 16);
    assert!(article.text.starts_with("WASHINGTON, Oct 14 (Reuters) - "));
    assert_eq!(article.paragraphs.len(), 2);
    assert!(spans_are_valid(article));
    // The id is a content hash: the same text gives the same id.
    let again = read_bytes("copy.txt", "copy.txt", WIRE.as_bytes());
    assert_eq!(again.articles.first().map(|a| &a.id), Some(&article.id));
}

#[test]
fn legacy_encodings_come_out_right() {
    let russian = "Переговоры возобновятся\n\nДелегации встретятся в четверг, чтобы обсудить \
        обмен пленными и гуманитарные коридоры, заявил представитель министерства.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
    let outcome = read_bytes("ru.txt", "ru.txt", &bytes);
    let article = outcome.articles.first();
    assert_eq!(
        article.and_then(|a| a.title.as_deref()),
        Some("Переговоры возобновятся")
    );
    assert_eq!(article.and_then(|a| a.language.as_deref()), Some("ru"));
    assert!(article.is_some_and(|a| a.text.contains("гуманитарные коридоры")));

    let french = "Le président a déclaré : « Nous restons ouverts » et a ajouté “sans condition”. \
        La réunion à Genève a duré quatre heures, selon le ministère des affaires étrangères.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(french);
    let outcome = read_bytes("fr.txt", "fr.txt", &bytes);
    assert_eq!(
        outcome.articles.first().map(|a| a.text.as_str()),
        Some(french)
    );
    assert_eq!(
        outcome.articles.first().and_then(|a| a.language.as_deref()),
        Some("fr")
    );
}

#[test]
fn bad_inputs_are_reported() {
    let binary: Vec<u8> = (0u8..=255).cycle().take(3000).collect();
    let outcome = read_bytes("blob.txt", "blob.txt", &binary);
    assert!(outcome.articles.is_empty());
    assert!(
        outcome
            .problems
            .iter()
            .any(|p| p.fatal && p.message.contains("binary"))
    );

    let outcome = read_bytes("empty.txt", "empty.txt", b"  \n\t\n");
    assert!(outcome.articles.is_empty());
    assert_eq!(outcome.problems.len(), 1);
    assert!(
        outcome
            .problems
            .iter()
            .all(|p| !p.fatal && p.message.starts_with("empty file"))
    );

    let packed = gzip(WIRE.repeat(50).as_bytes());
    let cut = packed.get(..packed.len() - 20).unwrap_or_default();
    let outcome = read_bytes("cut.txt.gz", "cut.txt.gz", cut);
    assert!(outcome.articles.is_empty());
    assert!(
        outcome
            .problems
            .iter()
            .any(|p| p.fatal && p.message.contains("truncated"))
    );

    let outcome = read_bytes("ok.txt.gz", "ok.txt.gz", &packed);
    assert_eq!(outcome.articles.len(), 1);
}

#[test]
fn size_caps_on_disk_and_decompressed() {
    let dir = tempfile::tempdir();
    let Ok(dir) = dir else { return };
    let big = dir.path().join("big.txt");
    let written = std::fs::write(&big, "word ".repeat(1000));
    assert!(written.is_ok());
    let options = IngestOptions {
        max_file_bytes: 1024,
        ..IngestOptions::default()
    };
    let outcome = read_file(&big, &options);
    assert!(outcome.articles.is_empty());
    let message = outcome
        .problems
        .first()
        .map(|p| p.message.as_str())
        .unwrap_or("");
    assert!(
        message.starts_with("file is 0.0 MB, over the 0.0 MB limit"),
        "{message}"
    );

    let bomb = gzip("a".repeat(10_000).as_bytes());
    let outcome = read_bytes_with("bomb.gz", "bomb.txt.gz", &bomb, &options);
    assert!(
        outcome
            .problems
            .iter()
            .any(|p| p.fatal && p.message.starts_with("decompressed size"))
    );
    assert_eq!(IngestOptions::default().max_file_bytes, 64 * 1024 * 1024);
}

#[test]
fn jsonl_file_with_a_broken_line() {
    let input = "{\"id\": \"r1\", \"text\": \"The first record has text.\", \"url\": \"https://www.aljazeera.com/news/x\"}\n\
        {\"text\": \"broken\"\n\
        {\"text\": \"Third record.\", \"url\": \"https://news.example.net/a\", \"published\": \"2025-01-02\"}\n";
    let outcome = read_bytes("feed.jsonl", "feed.jsonl", input.as_bytes());
    assert_eq!(outcome.articles.len(), 2);
    let first = outcome.articles.first();
    assert_eq!(first.map(|a| a.id.as_str()), Some("r1"));
    assert_eq!(first.map(|a| a.origin.as_str()), Some("feed.jsonl:1"));
    assert_eq!(first.and_then(|a| a.outlet.as_deref()), Some("Al Jazeera"));
    assert_eq!(
        first.and_then(|a| a.domain.as_deref()),
        Some("aljazeera.com")
    );
    let third = outcome.articles.get(1);
    assert_eq!(
        third.and_then(|a| a.outlet.as_deref()),
        Some("news.example.net")
    );
    assert_eq!(outcome.problems.len(), 1);
    assert!(
        outcome
            .problems
            .iter()
            .all(|p| p.fatal && p.message.starts_with("line 2:"))
    );
}

#[test]
fn html_page_and_page_without_body() {
    let page = "<html><head><meta charset='windows-1252'><title>Harbour deal - Example Post</title></head>\
        <body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>\
        <p>The harbour authority and the dockers\u{2019} union signed a two-year deal on Sunday night.</p>\
        <p>The agreement raises night-shift pay and sets up a joint committee on automation.</p>\
        </article><footer>About us</footer></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let outcome = read_bytes("page.html", "page.html", &bytes);
    let article = outcome.articles.first();
    assert_eq!(
        article.and_then(|a| a.title.as_deref()),
        Some("Harbour deal")
    );
    assert!(article.is_some_and(|a| a.text.contains("dockers\u{2019} union")));
    assert!(article.is_some_and(|a| !a.text.contains("Home")));

    let outcome = read_bytes(
        "blank.html",
        "blank.html",
        b"<html><body><script>x()</script></body></html>",
    );
    assert!(outcome.articles.is_empty());
    assert!(
        outcome
            .problems
            .iter()
            .any(|p| p.fatal && p.message.starts_with("HTML has no body text"))
    );
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let depth = 100_000;
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str("<p>The innermost paragraph still holds a sentence worth reading.</p>");
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || read_bytes("deep.html", "deep.html", page.as_bytes()));
    let outcome = handle.ok().and_then(|h| h.join().ok());
    assert!(outcome.is_some(), "reading the page crashed");
    let outcome = outcome.unwrap_or_default();
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let text = outcome.articles.first().map(|a| a.text.as_str());
    assert_eq!(
        text,
        Some("The innermost paragraph still holds a sentence worth reading.")
    );
}

#[test]
fn discovery_of_folders() {
    let Ok(dir) = tempfile::tempdir() else { return };
    let root = dir.path();
    let make = |rel: &str| {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(&path, "Some text.");
        path
    };
    make("b.txt");
    make("a/2.json");
    make("a/1.html.gz");
    make("a/notes.md");
    make(".hidden/x.txt");
    make("a/.secret.txt");
    let explicit = make("odd.name");
    let found = discover(&[
        root.to_path_buf(),
        explicit.clone(),
        root.join("missing.txt"),
    ]);
    let names: Vec<String> = found
        .files
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok())
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(names, ["a/1.html.gz", "a/2.json", "b.txt", "odd.name"]);
    assert_eq!(found.problems.len(), 1);
    assert!(found.problems.iter().all(|p| p.fatal));

    #[cfg(unix)]
    {
        let link = root.join("gone.txt");
        let _ = std::os::unix::fs::symlink(root.join("nowhere.txt"), &link);
        let found = discover(&[link]);
        assert!(
            found
                .problems
                .iter()
                .any(|p| p.message.starts_with("dangling"))
        );
    }
    let outcome = read_file(&root.join("missing.txt"), &IngestOptions::default());
    assert!(outcome.problems.iter().all(|p| p.fatal));
}

#[test]
fn gold_json_in_a_folder_is_a_warning() {
    let outcome = read_bytes(
        "gold.json",
        "gold.json",
        br#"{"stories": [{"members": [1, 2]}]}"#,
    );
    assert!(outcome.articles.is_empty());
    assert!(outcome.problems.iter().all(|p| !p.fatal));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn text_cleaner_never_panics(input in "\\PC{0,400}|[ \\n•#…a-zA-Z0-9:,./()-]{0,300}") {
        let outcome = read_bytes("p.txt", "p.txt", input.as_bytes());
        for article in &outcome.articles {
            prop_assert!(spans_are_valid(article));
        }
    }

    #[test]
    fn html_extractor_never_panics(input in "(<(p|div|a|li|h2|script|br)( class=\"(nav|x)\")?>|</(p|div|a|li)>|[^<>]{0,40}){0,40}") {
        let outcome = read_bytes("p.html", "p.html", input.as_bytes());
        for article in &outcome.articles {
            prop_assert!(spans_are_valid(article));
        }
    }

    #[test]
    fn any_bytes_are_handled(bytes in proptest::collection::vec(any::<u8>(), 0..600), hint in "(a\\.txt|a\\.html|a\\.json|a\\.jsonl|a\\.gz|a)") {
        let outcome = read_bytes("x", &hint, &bytes);
        for article in &outcome.articles {
            prop_assert!(spans_are_valid(article));
        }
    }
}
