//! Dragoman's ingestion: reading files, folders, JSON/JSONL, HTML and scraped text into clean
//! articles.
//!
//! [`discover`] turns the paths a user gives into a sorted list of input files; [`read_file`]
//! (or [`read_bytes`] for in-memory input) turns one input into [`Article`]s. Nothing is
//! silently lost: every input that is skipped, and every record or line skipped inside one,
//! comes back as an [`InputProblem`] with a one-line message.

mod dates;
mod decode;
pub mod extraction_eval;
mod feed;
mod html;
mod json;
mod language;
mod outlets;
mod text;
mod warc;

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use dragoman_model::{Article, InputProblem, MonthDay, Published};

pub use dates::infer_dateline_years;
pub use decode::DecodeError;
pub use outlets::{domain_of, outlet_for_domain};

/// Limits and choices applied while reading inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Inputs larger than this (on disk, or once decompressed) are skipped with a problem.
    /// For a WARC file, which is streamed, the cap applies to each record.
    pub max_file_bytes: u64,
    /// Globs (`*.html`, `2026/**`) a file found inside a folder must match, one of them, to be
    /// read; matched against its path relative to that folder. Empty: the known extensions.
    pub include: Vec<String>,
    /// Globs excluding files found inside folders (matched like `include`).
    pub exclude: Vec<String>,
    /// JSON/JSONL field mappings `(article field, record key)`, e.g. `("text", "body")`; the key
    /// may be a dotted path into nested objects (`content.body`). See [`parse_field_mapping`].
    pub fields: Vec<(String, String)>,
}

impl Default for IngestOptions {
    /// A 64 MiB cap, no globs, no field mappings.
    fn default() -> Self {
        IngestOptions {
            max_file_bytes: 64 * 1024 * 1024,
            include: Vec::new(),
            exclude: Vec::new(),
            fields: Vec::new(),
        }
    }
}

/// The article fields a JSON field mapping may fill.
pub const MAPPABLE_FIELDS: [&str; 7] = [
    "text",
    "title",
    "url",
    "outlet",
    "published",
    "id",
    "authors",
];

/// Parses a `FIELD=KEY` mapping as `--field text=body` gives it.
pub fn parse_field_mapping(spec: &str) -> Result<(String, String), String> {
    let Some((field, key)) = spec.split_once('=') else {
        return Err(format!(
            "field mapping `{spec}` is not FIELD=KEY (e.g. text=body)"
        ));
    };
    let (field, key) = (field.trim(), key.trim());
    if !MAPPABLE_FIELDS.contains(&field) {
        return Err(format!(
            "field mapping `{spec}`: `{field}` is not one of {}",
            MAPPABLE_FIELDS.join(", ")
        ));
    }
    if key.is_empty() {
        return Err(format!("field mapping `{spec}` names no record key"));
    }
    Ok((field.to_owned(), key.to_owned()))
}

/// A page the caller fetched over the network (ingest itself does no networking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedPage {
    /// The page's URL, after redirects.
    pub url: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body as sent.
    pub body: Vec<u8>,
}

/// Fetches the pages ingest needs beyond its input (the page of a feed item that carries only
/// a summary). The error is a one-line message naming the URL.
pub trait PageFetch: Sync {
    /// Fetches `url`.
    fn fetch(&self, url: &str) -> Result<FetchedPage, String>;
}

/// The character set named in a `Content-Type` value (`text/html; charset="UTF-8"` → `utf-8`).
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_ascii_lowercase())
            .filter(|v| !v.is_empty())
    })
}

/// The input files found under the paths a user gave, and the paths that could not be used.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Discovery {
    /// Files to read, in order: each given path in turn, folders walked in sorted order.
    pub files: Vec<PathBuf>,
    /// Missing paths, unreadable folders, dangling links (all fatal).
    pub problems: Vec<InputProblem>,
}

/// What reading one input gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileOutcome {
    /// The articles read.
    pub articles: Vec<Article>,
    /// Everything skipped or doubtful, one line each.
    pub problems: Vec<InputProblem>,
}

/// File name endings taken from inside folders (each also with `.gz`).
const KNOWN_EXTENSIONS: [&str; 11] = [
    "txt", "text", "html", "htm", "json", "jsonl", "ndjson", "rss", "atom", "xml", "warc",
];

/// The kind of document an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Json,
    JsonLines,
    Feed,
}

fn problem(origin: &str, message: impl Into<String>, fatal: bool) -> InputProblem {
    InputProblem {
        origin: origin.to_owned(),
        message: message.into(),
        fatal,
    }
}

/// The extension of `name` after removing `.gz`, lower case.
fn extension(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let (stem, ext) = base.rsplit_once('.')?;
    (!stem.is_empty() && !stem.ends_with(['/', '\\'])).then(|| ext.to_owned())
}

/// The include/exclude globs, compiled.
struct Selection {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl Selection {
    /// Compiles the globs; a bad glob is a fatal problem naming it.
    fn new(options: &IngestOptions, problems: &mut Vec<InputProblem>) -> Selection {
        let mut build = |flag: &str, globs: &[String]| {
            if globs.is_empty() {
                return None;
            }
            let mut set = globset::GlobSetBuilder::new();
            for glob in globs {
                match globset::Glob::new(glob) {
                    Ok(glob) => {
                        set.add(glob);
                    }
                    Err(error) => problems.push(problem(
                        &format!("{flag} {glob}"),
                        format!("invalid glob: {}", error.kind()),
                        true,
                    )),
                }
            }
            set.build().ok()
        };
        Selection {
            include: build("--include", &options.include),
            exclude: build("--exclude", &options.exclude),
        }
    }

    /// Whether a file found in the folder `root` is read.
    fn takes(&self, root: &Path, path: &Path) -> bool {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let included = match &self.include {
            Some(set) => set.is_match(relative),
            None => is_known(path),
        };
        included
            && !self
                .exclude
                .as_ref()
                .is_some_and(|set| set.is_match(relative))
    }
}

fn is_known(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(extension)
        .is_some_and(|ext| KNOWN_EXTENSIONS.contains(&ext.as_str()))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Finds the input files under `paths`. A file named explicitly is always taken; inside
/// folders (walked recursively, sorted by name, following links) only files with a known
/// extension are taken and hidden files and folders are skipped. The same file is listed once.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    discover_with(paths, &IngestOptions::default())
}

/// [`discover`] with the include/exclude globs of `options` choosing the files inside folders
/// (a file named explicitly is always taken).
pub fn discover_with(paths: &[PathBuf], options: &IngestOptions) -> Discovery {
    let mut discovery = Discovery::default();
    let selection = Selection::new(options, &mut discovery.problems);
    let mut seen = HashSet::new();
    for path in paths {
        let origin = path.display().to_string();
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                let message = if std::fs::symlink_metadata(path).is_ok() {
                    "dangling symbolic link: its target does not exist".to_owned()
                } else if error.kind() == std::io::ErrorKind::NotFound {
                    "no such file or folder: check the path".to_owned()
                } else {
                    format!("cannot access: {error}")
                };
                discovery.problems.push(problem(&origin, message, true));
                continue;
            }
        };
        if !metadata.is_dir() {
            if seen.insert(path.clone()) {
                discovery.files.push(path.clone());
            }
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_file()
                        && selection.takes(path, entry.path())
                        && seen.insert(entry.path().to_path_buf())
                    {
                        discovery.files.push(entry.into_path());
                    }
                }
                Err(error) => {
                    let at = error
                        .path()
                        .map_or_else(|| origin.clone(), |p| p.display().to_string());
                    let dangling = error
                        .io_error()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound);
                    let message = if error.loop_ancestor().is_some() {
                        "symbolic link loop: skipped".to_owned()
                    } else if dangling {
                        "dangling symbolic link: its target does not exist".to_owned()
                    } else {
                        format!(
                            "cannot read folder entry: {}",
                            error
                                .io_error()
                                .map_or_else(|| error.to_string(), ToString::to_string)
                        )
                    };
                    discovery.problems.push(problem(&at, message, true));
                }
            }
        }
    }
    discovery
}

fn too_large(origin: &str, size: u64, cap: u64) -> InputProblem {
    problem(
        origin,
        format!(
            "file is {}, over the {} limit: skipped (raise the size limit to read it)",
            decode::megabytes(size),
            decode::megabytes(cap)
        ),
        true,
    )
}

/// Reads one file into articles. Never panics; every failure is a problem in the outcome.
pub fn read_file(path: &Path, options: &IngestOptions) -> FileOutcome {
    read_file_fetching(path, options, None)
}

/// [`read_file`], fetching through `fetch` the pages of feed items that carry only a summary.
/// A WARC file is streamed record by record, whatever its size.
pub fn read_file_fetching(
    path: &Path,
    options: &IngestOptions,
    fetch: Option<&dyn PageFetch>,
) -> FileOutcome {
    let origin = path.display().to_string();
    let fail = |message: String| FileOutcome {
        articles: Vec::new(),
        problems: vec![problem(&origin, message, true)],
    };
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return fail("no such file: check the path".to_owned());
        }
        Err(error) => return fail(format!("cannot read: {error}")),
    };
    if metadata.is_dir() {
        return fail("is a folder, not a file: pass it to discovery instead".to_owned());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if extension(&name).as_deref() == Some("warc") {
        return match std::fs::File::open(path) {
            Ok(file) => warc::read(&origin, std::io::BufReader::new(file), options),
            Err(error) => fail(format!("cannot read: {error}")),
        };
    }
    if metadata.len() > options.max_file_bytes {
        return FileOutcome {
            articles: Vec::new(),
            problems: vec![too_large(&origin, metadata.len(), options.max_file_bytes)],
        };
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| {
        file.take(options.max_file_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
    });
    if let Err(error) = read {
        return fail(format!("cannot read: {error}"));
    }
    read_bytes_fetching(&origin, &name, &bytes, options, fetch)
}

/// Reads in-memory input (a request body, a test fixture) with the default options.
/// `name_hint` is a file name whose extension tells the format (else it is sniffed).
pub fn read_bytes(origin: &str, name_hint: &str, bytes: &[u8]) -> FileOutcome {
    read_bytes_with(origin, name_hint, bytes, &IngestOptions::default())
}

/// [`read_bytes`] with explicit options.
pub fn read_bytes_with(
    origin: &str,
    name_hint: &str,
    bytes: &[u8],
    options: &IngestOptions,
) -> FileOutcome {
    read_bytes_fetching(origin, name_hint, bytes, options, None)
}

/// [`read_bytes_with`], fetching through `fetch` the pages of feed items that carry only a
/// summary.
pub fn read_bytes_fetching(
    origin: &str,
    name_hint: &str,
    bytes: &[u8],
    options: &IngestOptions,
    fetch: Option<&dyn PageFetch>,
) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let cap = options.max_file_bytes;
    if bytes.len() as u64 > cap {
        outcome
            .problems
            .push(too_large(origin, bytes.len() as u64, cap));
        return outcome;
    }
    if extension(name_hint).as_deref() == Some("warc") || warc::looks_like_warc(bytes) {
        return warc::read(origin, bytes, options);
    }
    let unpacked;
    let bytes = if decode::is_gzip(bytes) {
        match decode::gunzip(bytes, cap) {
            Ok(data) => {
                unpacked = data;
                unpacked.as_slice()
            }
            Err(error) => {
                outcome
                    .problems
                    .push(problem(origin, error.to_string(), true));
                return outcome;
            }
        }
    } else {
        bytes
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        outcome
            .problems
            .push(problem(origin, "empty file: skipped", false));
        return outcome;
    }
    let format = match extension(name_hint).as_deref() {
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("json") => Format::Json,
        Some("jsonl" | "ndjson") => Format::JsonLines,
        Some("txt" | "text") => Format::Text,
        Some("rss" | "atom" | "xml") => Format::Feed,
        _ if feed::looks_like_feed(bytes) => Format::Feed,
        _ => sniff(bytes),
    };
    if format == Format::Feed {
        return feed::read(origin, bytes, options, fetch);
    }
    let text = match decode::decode(bytes, format == Format::Html) {
        Ok(text) => text,
        Err(error) => {
            outcome
                .problems
                .push(problem(origin, error.to_string(), true));
            return outcome;
        }
    };
    if text.trim().is_empty() {
        outcome
            .problems
            .push(problem(origin, "empty file: skipped", false));
        return outcome;
    }
    match format {
        Format::Text => {
            let draft = Draft::from(text::clean(&text, None));
            push_draft(origin, draft, &mut outcome);
        }
        Format::Html => match html::extract(&text) {
            Some(draft) => push_draft(origin, draft, &mut outcome),
            None => outcome.problems.push(problem(
                origin,
                "HTML has no body text: skipped (is it a script-only page or an index?)",
                true,
            )),
        },
        Format::Json | Format::JsonLines => {
            let records = if format == Format::Json {
                json::read_document(origin, &text, &options.fields)
            } else {
                json::read_lines(origin, &text, &options.fields)
            };
            outcome.problems.extend(records.problems);
            for (record_origin, draft) in records.drafts {
                outcome.articles.push(draft.finish(record_origin));
            }
        }
        Format::Feed => {}
    }
    outcome
}

/// Reads a page the caller fetched from `page.url`: a feed (by its content type or its
/// first bytes) becomes one article per item, an HTML page is decoded with the charset of
/// its `Content-Type` (else its BOM, `<meta charset>` or detection) and extracted, anything
/// else is read as a file of that name would be.
pub fn read_fetched(
    origin: &str,
    page: &FetchedPage,
    options: &IngestOptions,
    fetch: Option<&dyn PageFetch>,
) -> FileOutcome {
    let mime = page
        .content_type
        .as_deref()
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let feed_type = mime.contains("rss") || mime.contains("atom");
    if feed_type || feed::looks_like_feed(&page.body) {
        return feed::read(origin, &page.body, options, fetch);
    }
    if mime.contains("html") || (mime.is_empty() && sniff(&page.body) == Format::Html) {
        let mut outcome = FileOutcome::default();
        match read_page(page, options) {
            Ok(draft) => push_draft(origin, draft, &mut outcome),
            Err(message) => outcome.problems.push(problem(origin, message, true)),
        }
        return outcome;
    }
    let name = page
        .url
        .split(['?', '#'])
        .next()
        .and_then(|u| u.rsplit('/').next())
        .unwrap_or_default();
    let hint = match mime.as_str() {
        "application/json" => "page.json",
        "application/x-ndjson" | "application/jsonl" => "page.jsonl",
        "text/plain" => "page.txt",
        _ => name,
    };
    read_bytes_fetching(origin, hint, &page.body, options, fetch)
}

/// Extracts a fetched HTML page: the article draft with its URL (the canonical one when the
/// page names it, else the fetched one), or a one-line reason.
pub(crate) fn read_page(page: &FetchedPage, options: &IngestOptions) -> Result<Draft, String> {
    if page.body.len() as u64 > options.max_file_bytes {
        return Err(format!(
            "{}: page is over the {} limit: skipped",
            page.url,
            decode::megabytes(options.max_file_bytes)
        ));
    }
    let charset = page.content_type.as_deref().and_then(charset_of);
    let text = decode_declared(&page.body, charset.as_deref())
        .map_err(|e| format!("{}: {e}", page.url))?;
    let mut draft = html::extract(&text)
        .filter(|d| !d.paragraphs.is_empty())
        .ok_or_else(|| format!("{}: HTML page has no article text: skipped", page.url))?;
    if draft.url.is_none() {
        draft.url = Some(page.url.clone());
    }
    Ok(draft)
}

/// Decodes HTML bytes whose HTTP header declared `charset`: a BOM wins, then the declared
/// charset, then what [`decode::decode`] finds (`<meta charset>`, UTF-8, detection).
pub(crate) fn decode_declared(bytes: &[u8], charset: Option<&str>) -> Result<String, DecodeError> {
    let declared = charset
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
    match declared {
        Some(encoding) if encoding_rs::Encoding::for_bom(bytes).is_none() => {
            if bytes.contains(&0) {
                return Err(DecodeError::Binary);
            }
            Ok(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
        _ => decode::decode(bytes, true),
    }
}

/// Whether bytes without a known extension look like an HTML page.
pub(crate) fn sniffs_as_html(bytes: &[u8]) -> bool {
    sniff(bytes) == Format::Html
}

/// Adds a plain-text or HTML article, or an "empty" warning when nothing survived cleaning.
fn push_draft(origin: &str, draft: Draft, outcome: &mut FileOutcome) {
    if draft.paragraphs.is_empty() {
        outcome.problems.push(problem(
            origin,
            "no article text left after removing boilerplate: skipped",
            true,
        ));
    } else {
        outcome.articles.push(draft.finish(origin.to_owned()));
    }
}

/// Guesses the format of an input without a known extension from its first bytes.
fn sniff(bytes: &[u8]) -> Format {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xef | 0xbb | 0xbf))
        .unwrap_or(0);
    let head: Vec<u8> = bytes
        .iter()
        .skip(start)
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    match head.first() {
        // A JSON document falls back to JSON Lines when it does not parse as one document.
        Some(b'{' | b'[') => Format::Json,
        Some(b'<')
            if [
                &b"<html"[..],
                b"<!doctype html",
                b"<body",
                b"<p",
                b"<div",
                b"<head",
            ]
            .iter()
            .any(|tag| head.windows(tag.len()).any(|w| w == *tag)) =>
        {
            Format::Html
        }
        _ => Format::Text,
    }
}

/// An article before its id, language and outlet are settled.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Draft {
    /// The record's own id.
    pub id: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Clean paragraphs.
    pub paragraphs: Vec<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The outlet named by metadata or a dateline.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<Published>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Cut-off text.
    pub truncated: bool,
    /// A dateline's day written without a year (kept only when nothing else dates the article).
    pub dateline_day: Option<MonthDay>,
    /// The language the source declares (`<html lang>`, `og:locale`, a record's `language`),
    /// used when detection on the text is unsure.
    pub declared_language: Option<String>,
}

impl From<text::Cleaned> for Draft {
    fn from(cleaned: text::Cleaned) -> Self {
        Draft {
            id: None,
            title: cleaned.title,
            paragraphs: cleaned.paragraphs,
            url: None,
            outlet: cleaned.outlet,
            published: cleaned.published,
            authors: cleaned.authors,
            truncated: cleaned.truncated,
            dateline_day: cleaned.dateline_day,
            declared_language: None,
        }
    }
}

impl Draft {
    /// Builds the article: paragraphs joined, id (record id or content hash), language,
    /// outlet (metadata or dateline, else the URL's domain through the outlet table, else the
    /// bare domain).
    fn finish(self, origin: String) -> Article {
        let mut article = Article::from_paragraphs(origin, &self.paragraphs);
        article.id = self.id.unwrap_or_else(|| {
            let hash = blake3::hash(article.text.as_bytes()).to_hex();
            hash.as_str().get(..16).unwrap_or_default().to_owned()
        });
        let domain = self.url.as_deref().and_then(domain_of);
        article.outlet = self.outlet.or_else(|| {
            domain
                .as_deref()
                .map(|d| outlet_for_domain(d).map_or_else(|| d.to_owned(), str::to_owned))
        });
        article.domain = domain;
        article.url = self.url;
        article.title = self.title;
        article.published = self.published;
        article.language = language::detect(
            &article.text,
            article.title.as_deref(),
            self.declared_language.as_deref(),
        );
        article.authors = self.authors;
        article.truncated = self.truncated;
        article.dateline_day = self.dateline_day.filter(|_| article.published.is_none());
        article
    }
}

#[cfg(test)]
mod tests;
