//! Scoring main-text extraction the way the article-extraction benchmark does.
//!
//! Texts are split into tokens (runs of word characters as Python's `\w` sees them, case kept);
//! each text becomes a multiset of shingles (4 consecutive tokens; a text of 1–3 tokens is one
//! shorter shingle). Per page, true positives are the shingles both texts share (with counts),
//! false positives those only in the extracted text, false negatives those only in the gold
//! text; the three are normalised to sum 1. Precision is averaged over the pages where
//! something was extracted or expected on the extracted side (TP + FP > 0), recall over the
//! pages with gold shingles (TP + FN > 0), and F1 is taken of the two means — exactly the
//! benchmark's `evaluate.py`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Deserialize;

/// Tokens per shingle.
pub const SHINGLE: usize = 4;

/// Normalised true positives, false positives and false negatives of one page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageCounts {
    /// Shared shingles.
    pub tp: f64,
    /// Shingles only in the extracted text.
    pub fp: f64,
    /// Shingles only in the gold text.
    pub fn_: f64,
}

impl PageCounts {
    /// Precision of the page: 1 when nothing was wrong (no FP, no FN), 0 when nothing was
    /// right.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Recall of the page, with the same edge rules as [`PageCounts::precision`].
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// F1 of the page's precision and recall.
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }
}

/// The harmonic mean of a precision and a recall, 0 when both are 0.
fn harmonic_mean(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// True for a character Python's `re` counts in `\w`: a letter (general category L*), a
/// number (N*) or `_`. Rust's `is_alphanumeric` also takes combining marks (Arabic vowel signs,
/// variation selectors) and a few letter-like symbols (circled letters), which `\w` does not.
pub fn is_word_char(c: char) -> bool {
    c == '_'
        || (c.is_alphanumeric()
            && !unicode_normalization::char::is_combining_mark(c)
            && !matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F189}'))
}

/// The word tokens of `text`: maximal runs of word characters ([`is_word_char`]).
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Counts of each shingle of `text`: every run of [`SHINGLE`] tokens, or all the tokens as one
/// shingle when there are fewer.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens = tokens(text);
    let mut counts: HashMap<Vec<&str>, usize> = HashMap::new();
    if tokens.len() < SHINGLE {
        if !tokens.is_empty() {
            counts.insert(tokens, 1);
        }
        return counts;
    }
    for window in tokens.windows(SHINGLE) {
        *counts.entry(window.to_vec()).or_default() += 1;
    }
    counts
}

/// Scores one extracted text against its gold text.
pub fn compare(gold: &str, extracted: &str) -> PageCounts {
    let gold = shingles(gold);
    let extracted = shingles(extracted);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (key, &count) in &gold {
        let found = extracted.get(key).copied().unwrap_or(0);
        tp += count.min(found);
        fn_ += count.saturating_sub(found);
    }
    for (key, &count) in &extracted {
        fp += count.saturating_sub(gold.get(key).copied().unwrap_or(0));
    }
    let total = (tp + fp + fn_) as f64;
    if total == 0.0 {
        return PageCounts {
            tp: 0.0,
            fp: 0.0,
            fn_: 0.0,
        };
    }
    PageCounts {
        tp: tp as f64 / total,
        fp: fp as f64 / total,
        fn_: fn_ as f64 / total,
    }
}

/// Mean precision and recall over pages, and the F1 of those means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Pages scored.
    pub pages: usize,
    /// Mean per-page precision, over the pages with extracted shingles.
    pub precision: f64,
    /// Mean per-page recall, over the pages with gold shingles.
    pub recall: f64,
    /// Harmonic mean of the two means.
    pub f1: f64,
}

/// Mean of `values`, 0 when there are none.
fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(sum, n), v| (sum + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// Averages page scores into a [`Summary`]: precision over the pages where something was
/// extracted (TP + FP > 0), recall over the pages with gold text (TP + FN > 0), as the
/// benchmark does; all zero for no pages.
pub fn summarize(pages: &[PageCounts]) -> Summary {
    let precision = mean(
        pages
            .iter()
            .filter(|p| p.tp + p.fp > 0.0)
            .map(PageCounts::precision),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|p| p.tp + p.fn_ > 0.0)
            .map(PageCounts::recall),
    );
    let f1 = harmonic_mean(precision, recall);
    Summary {
        pages: pages.len(),
        precision,
        recall,
        f1,
    }
}

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The gold file could not be read.
    #[error("cannot read gold file {path}: {source}")]
    ReadGold {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The gold file is not a JSON object of `{"articleBody": …}` records.
    #[error("gold file {path} is not benchmark JSON: {source}")]
    ParseGold {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
}

/// One gold record of the benchmark's `ground-truth.json`.
#[derive(Debug, Deserialize)]
struct GoldRecord {
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

/// The score of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageResult {
    /// The page's key in the gold file.
    pub key: String,
    /// Its normalised counts (a page whose HTML is missing or unreadable scores as an empty
    /// extraction).
    pub counts: PageCounts,
    /// Why the page gave no text, if it gave none.
    pub problem: Option<String>,
}

/// What evaluating a benchmark folder gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Every page, in key order.
    pub pages: Vec<PageResult>,
    /// The averages.
    pub summary: Summary,
    /// Wall-clock seconds spent extracting: character decoding and extraction, not reading
    /// or decompressing the file, nor scoring, nor the one-time start-up (compiling the
    /// patterns, done by extracting the first page once before timing).
    pub extract_seconds: f64,
    /// CPU seconds this thread spent on the same work (Linux only, to the scheduler's
    /// accounting precision): unlike wall-clock time, not inflated when other processes share
    /// the cores.
    pub extract_cpu_seconds: Option<f64>,
    /// Total bytes of the HTML read (after decompression).
    pub html_bytes: u64,
}

/// Scores the HTML extractor on a benchmark: `gold` is a JSON object mapping each page key to
/// `{"articleBody": …}`, and `html_dir` holds `<key>.html.gz` or `<key>.html` per page.
pub fn evaluate(gold: &Path, html_dir: &Path) -> Result<Evaluation, EvalError> {
    let raw = std::fs::read_to_string(gold).map_err(|source| EvalError::ReadGold {
        path: gold.to_path_buf(),
        source,
    })?;
    let records: std::collections::BTreeMap<String, GoldRecord> = serde_json::from_str(&raw)
        .map_err(|source| EvalError::ParseGold {
            path: gold.to_path_buf(),
            source,
        })?;
    // Read and decompress every page first, so the timed loop does only extraction.
    let inputs: Vec<(String, GoldRecord, Result<Vec<u8>, String>)> = records
        .into_iter()
        .map(|(key, record)| {
            let html = read_page(html_dir, &key);
            (key, record, html)
        })
        .collect();
    // The lazily compiled patterns are built here, outside the timed run.
    if let Some((_, _, Ok(bytes))) = inputs.first() {
        let _ = crate::html::extract_bytes(bytes);
    }
    let cpu_started = thread_cpu_nanos();
    let started = Instant::now();
    let outcomes: Vec<Result<(String, usize), String>> = inputs
        .iter()
        .map(|(_, _, html)| match html {
            Ok(bytes) => crate::html::extract_bytes(bytes),
            Err(problem) => Err(problem.clone()),
        })
        .collect();
    let extract_seconds = started.elapsed().as_secs_f64();
    let extract_cpu_seconds = cpu_started
        .zip(thread_cpu_nanos())
        .map(|(start, end)| end.saturating_sub(start) as f64 / 1e9);
    let mut html_bytes = 0u64;
    let mut pages = Vec::with_capacity(inputs.len());
    for ((key, record, _), outcome) in inputs.into_iter().zip(outcomes) {
        let (text, problem) = match outcome {
            Ok((text, size)) => {
                html_bytes += size as u64;
                (text, None)
            }
            Err(message) => (String::new(), Some(message)),
        };
        pages.push(PageResult {
            counts: compare(&record.article_body, &text),
            problem,
            key,
        });
    }
    let counts: Vec<PageCounts> = pages.iter().map(|p| p.counts).collect();
    Ok(Evaluation {
        summary: summarize(&counts),
        pages,
        extract_seconds,
        extract_cpu_seconds,
        html_bytes,
    })
}

/// The decompressed HTML of page `key` in `html_dir` (`<key>.html.gz` or `<key>.html`), or
/// why it cannot be had.
fn read_page(html_dir: &Path, key: &str) -> Result<Vec<u8>, String> {
    let candidates = [
        html_dir.join(format!("{key}.html.gz")),
        html_dir.join(format!("{key}.html")),
    ];
    let path = candidates
        .iter()
        .find(|p| p.is_file())
        .ok_or_else(|| "no HTML file for this page".to_owned())?;
    let bytes =
        std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if !crate::decode::is_gzip(&bytes) {
        return Ok(bytes);
    }
    crate::decode::gunzip(&bytes, crate::IngestOptions::default().max_file_bytes)
        .map_err(|error| format!("cannot decompress {}: {error}", path.display()))
}

/// CPU time this thread has used, in nanoseconds, from `/proc/thread-self/schedstat` (Linux
/// only; `None` elsewhere).
fn thread_cpu_nanos() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Peak resident set size of this process in KiB, from `/proc/self/status` (`VmHWM`, Linux
/// only; `None` elsewhere).
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tokens_are_word_runs_with_case_kept() {
        assert_eq!(
            tokens("Río-Grande's  fish_tank, 42!"),
            ["Río", "Grande", "s", "fish_tank", "42"]
        );
        assert!(tokens(" ,.; ").is_empty());
    }

    #[test]
    fn identical_texts_are_perfect() {
        let text = "one two three four five six";
        let counts = compare(text, text);
        assert!(close(counts.tp, 1.0));
        assert!(close(counts.precision(), 1.0) && close(counts.recall(), 1.0));
    }

    #[test]
    fn extra_and_missing_shingles() {
        // Gold: a b c d e (2 shingles). Extracted: a b c d x y (3 shingles, 1 shared).
        let counts = compare("a b c d e", "a b c d x y");
        // tp 1, fp 2, fn 1 → normalised by 4.
        assert!(close(counts.tp, 0.25));
        assert!(close(counts.fp, 0.5));
        assert!(close(counts.fn_, 0.25));
        assert!(close(counts.precision(), 1.0 / 3.0));
        assert!(close(counts.recall(), 0.5));
    }

    #[test]
    fn repeated_shingles_count_with_multiplicity() {
        let gold = "w x y z";
        let extracted = "w x y z. w x y z";
        let counts = compare(gold, extracted);
        // Extracted has shingles wxyz (2), xyzw, yzwx, zwxy; gold wxyz once.
        assert!(close(counts.tp, 1.0 / 5.0));
        assert!(close(counts.fp, 4.0 / 5.0));
        assert!(close(counts.fn_, 0.0));
    }

    #[test]
    fn case_matters() {
        let counts = compare("Alpha beta gamma delta", "alpha beta gamma delta");
        assert!(close(counts.precision(), 0.0));
        assert!(close(counts.recall(), 0.0));
    }

    #[test]
    fn empty_and_short_texts() {
        // Both empty: nothing wrong, counted as perfect (and left out of the means).
        assert!(close(compare("", "").precision(), 1.0));
        // Fewer than four tokens make one shorter shingle.
        assert!(close(compare("a b", "a b").recall(), 1.0));
        assert!(close(compare("a b", "c").recall(), 0.0));
        // Gold text, nothing extracted.
        let counts = compare("a b c d e", "");
        assert!(close(counts.precision(), 0.0) && close(counts.recall(), 0.0));
    }

    #[test]
    fn word_characters_follow_python() {
        // A combining mark (here U+0301) ends a token; letters, digits and `_` do not.
        assert_eq!(tokens("cafe\u{301} x2_y"), ["cafe", "x2_y"]);
        assert_eq!(tokens("\u{24B6}bc ²"), ["bc", "²"]);
    }

    #[test]
    fn means_skip_pages_without_shingles_on_their_side() {
        let pages = [
            compare("a b c d e", "a b c d e"),
            // Nothing extracted: counts for recall only.
            compare("a b c d e", ""),
            // No gold text: counts for precision only.
            compare("", "a b c d e"),
        ];
        let summary = summarize(&pages);
        assert!(close(summary.precision, 0.5));
        assert!(close(summary.recall, 0.5));
    }

    #[test]
    fn f1_of_the_means() {
        let pages = [
            compare("a b c d e", "a b c d e"),
            compare("a b c d e", "a b c d x y"),
        ];
        let summary = summarize(&pages);
        let p = (1.0 + 1.0 / 3.0) / 2.0;
        let r = (1.0 + 0.5) / 2.0;
        assert!(close(summary.precision, p));
        assert!(close(summary.recall, r));
        assert!(close(summary.f1, 2.0 * p * r / (p + r)));
        assert_eq!(summarize(&[]).pages, 0);
    }

    #[test]
    fn evaluates_a_folder() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let body = "The river authority opened the northern sluice gates on Monday morning \
            after three days of rain, and farmers downstream moved their cattle to higher \
            fields while engineers watched the levels.";
        let page = format!(
            "<html><head><title>Gates open</title></head><body><nav><a href='/'>Home</a>\
             <a href='/x'>Weather</a></nav><article><p>{body}</p></article>\
             <footer>Copyright notice for the whole site and its pages</footer></body></html>"
        );
        let write = |name: &str, data: &[u8]| {
            std::fs::write(dir.path().join(name), data).unwrap_or_else(|e| panic!("{e}"));
        };
        write("p1.html", page.as_bytes());
        let gold = serde_json::json!({
            "p1": {"articleBody": body, "url": "https://example.org/a"},
            "p2": {"articleBody": "a page whose file is missing here", "url": "x"},
        });
        write("gold.json", gold.to_string().as_bytes());
        let evaluation =
            evaluate(&dir.path().join("gold.json"), dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(evaluation.pages.len(), 2);
        let first = &evaluation.pages[0];
        assert_eq!(first.key, "p1");
        assert!(close(first.counts.precision(), 1.0), "{first:?}");
        assert!(close(first.counts.recall(), 1.0));
        assert!(evaluation.pages[1].problem.is_some());
        assert!(close(evaluation.summary.recall, 0.5));
        assert!(close(evaluation.summary.precision, 1.0));
    }

    #[test]
    fn bad_gold_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let gold = dir.path().join("gold.json");
        assert!(matches!(
            evaluate(&gold, dir.path()),
            Err(EvalError::ReadGold { .. })
        ));
        std::fs::write(&gold, "[1, 2]").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            evaluate(&gold, dir.path()),
            Err(EvalError::ParseGold { .. })
        ));
    }
}
