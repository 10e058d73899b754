//! Exact and near-duplicate articles (wire copies, republications).
//!
//! Two documents are **copies** when either
//! - their normalised texts are identical (lowercase, punctuation and white space collapsed):
//!   similarity 1.0; or
//! - the exact Jaccard similarity of their sets of word 5-shingles is at least the threshold
//!   (0.8 by default); or
//! - most of one is contained in the other — containment `|A∩B| / min(|A|,|B|)` of at least
//!   [`CONTAINMENT`] (0.6) — while their Jaccard similarity is still at least
//!   [`CONTAINMENT_MIN_JACCARD`] (0.4). This catches edited wire copies (a paragraph cut, a
//!   line added, words changed, site boilerplate around them) whose Jaccard falls well below
//!   0.8. The margin is wide: a changed word breaks at most five 5-shingles, so a copy with one
//!   word in twenty edited still keeps about three quarters of its shingles, while two
//!   independent reports of the same event share only the odd quoted phrase (a few percent of
//!   their shingles).
//!
//! Candidates come from MinHash signatures (own implementation: [`PERMUTATIONS`] hash
//! functions over 64-bit shingle hashes) split into [`BANDS`] bands for locality-sensitive
//! hashing, so no all-pairs comparison is made; each candidate pair is verified with the exact
//! shingle sets. Copies are grouped transitively; in each group the earliest document (by
//! publication date and time, then input order; undated documents last) is the origin and each
//! other member is reported as a [`Duplicate`] of it, with the sentence-level changes.

use std::collections::HashMap;

use dragoman_model::{Doc, Duplicate, Span};

/// Number of MinHash functions per signature.
pub const PERMUTATIONS: usize = 126;
/// Number of LSH bands (of `PERMUTATIONS / BANDS` rows each). With 42 bands of 3 rows, a pair
/// with Jaccard 0.5 becomes a candidate with probability > 0.99, one with 0.2 with about 0.29.
pub const BANDS: usize = 42;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Containment above which a pair counts as a copy despite a lower Jaccard similarity.
pub const CONTAINMENT: f64 = 0.6;
/// The lowest Jaccard similarity accepted together with [`CONTAINMENT`].
pub const CONTAINMENT_MIN_JACCARD: f64 = 0.4;
/// The most members of one LSH bucket compared with a newcomer; a bucket larger than this is
/// boilerplate shared by many unrelated documents, and its band carries no evidence.
const MAX_BUCKET: usize = 256;
/// Change descriptions are cut to about this many characters.
const CHANGE_CHARS: usize = 120;

/// Finds copies among the documents; the earliest copy is the origin.
///
/// `threshold` is the Jaccard similarity of word 5-shingle sets above which two documents are
/// near-duplicates (see the module documentation for the containment rule).
pub fn find(docs: &[Doc], threshold: f64) -> Vec<Duplicate> {
    let prints: Vec<Option<Print>> = docs.iter().map(Print::of).collect();
    let mut groups = UnionFind::new(docs.len());
    let mut similar: HashMap<(usize, usize), f64> = HashMap::new();

    // Exact copies: one representative per normalised text.
    let mut by_hash: HashMap<u64, usize> = HashMap::new();
    let mut representatives = Vec::new();
    for (i, print) in prints.iter().enumerate() {
        let Some(print) = print else { continue };
        match by_hash.get(&print.exact) {
            Some(&first) => {
                groups.union(first, i);
                similar.insert((first, i), 1.0);
            }
            None => {
                by_hash.insert(print.exact, i);
                representatives.push(i);
            }
        }
    }

    // Near copies among the representatives, through LSH buckets.
    let rows = PERMUTATIONS / BANDS;
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for &i in &representatives {
        let Some(print) = prints.get(i).and_then(Option::as_ref) else {
            continue;
        };
        let mut candidates = Vec::new();
        for (band, chunk) in print.signature.chunks(rows).enumerate() {
            let bucket = buckets.entry((band, hash_words(chunk))).or_default();
            candidates.extend(bucket.iter().copied());
            if bucket.len() < MAX_BUCKET {
                bucket.push(i);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for j in candidates {
            let Some(other) = prints.get(j).and_then(Option::as_ref) else {
                continue;
            };
            let (jaccard, containment) = overlap(&other.shingles, &print.shingles);
            if is_copy(jaccard, containment, threshold) {
                groups.union(j, i);
                similar.insert((j, i), jaccard);
            }
        }
    }

    // Each group: the earliest member is the origin.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..docs.len() {
        members.entry(groups.find(i)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().filter(|m| m.len() > 1).collect();
    for group in &mut groups {
        group.sort_by_key(|&i| publication_key(docs, i));
    }
    groups.sort_by_key(|g| g.iter().min().copied());

    let mut duplicates = Vec::new();
    for group in groups {
        let Some((&origin, copies)) = group.split_first() else {
            continue;
        };
        let (Some(origin_doc), Some(Some(origin_print))) = (docs.get(origin), prints.get(origin))
        else {
            continue;
        };
        for &copy in copies {
            let (Some(copy_doc), Some(Some(copy_print))) = (docs.get(copy), prints.get(copy))
            else {
                continue;
            };
            let key = (origin.min(copy), origin.max(copy));
            let similarity = if origin_print.exact == copy_print.exact {
                1.0
            } else {
                similar
                    .get(&key)
                    .copied()
                    .unwrap_or_else(|| overlap(&origin_print.shingles, &copy_print.shingles).0)
            };
            duplicates.push(Duplicate {
                article: copy_doc.article.id.clone(),
                duplicate_of: origin_doc.article.id.clone(),
                similarity,
                changes: changes(origin_doc, copy_doc),
            });
        }
    }
    duplicates
}

/// The copy rule: Jaccard at least `threshold`, or containment at least [`CONTAINMENT`] with
/// Jaccard at least [`CONTAINMENT_MIN_JACCARD`].
pub fn is_copy(jaccard: f64, containment: f64, threshold: f64) -> bool {
    jaccard >= threshold || (containment >= CONTAINMENT && jaccard >= CONTAINMENT_MIN_JACCARD)
}

/// Sort key for "earliest": dated documents by date and time, then undated ones; input order
/// breaks ties.
fn publication_key(docs: &[Doc], i: usize) -> (bool, Option<chrono::NaiveDateTime>, usize) {
    let when = docs
        .get(i)
        .and_then(|d| d.article.published.as_ref())
        .map(|p| p.date.and_time(p.time.unwrap_or_default()));
    (when.is_none(), when, i)
}

/// What dedupe keeps of one document.
struct Print {
    /// Hash of the normalised text.
    exact: u64,
    /// Sorted, deduplicated shingle hashes.
    shingles: Vec<u64>,
    /// MinHash signature.
    signature: Vec<u64>,
}

impl Print {
    /// The fingerprint of a document's text (its title when the text is empty); `None` when
    /// it has no word at all.
    fn of(doc: &Doc) -> Option<Print> {
        let text = if doc.article.text.trim().is_empty() {
            doc.article.title.as_deref().unwrap_or("")
        } else {
            doc.article.text.as_str()
        };
        let words = normalised_words(text);
        if words.is_empty() {
            return None;
        }
        let exact = hash_strs(&words);
        let mut shingles: Vec<u64> = if words.len() < SHINGLE {
            vec![exact]
        } else {
            words.windows(SHINGLE).map(hash_strs).collect()
        };
        shingles.sort_unstable();
        shingles.dedup();
        // One multiply-add permutation per hash function over the (already mixed) shingle
        // hashes; the loop runs over all functions per shingle so that it vectorises.
        let mut signature = vec![u64::MAX; PERMUTATIONS];
        let params = permutations();
        for &shingle in &shingles {
            for (slot, &(a, b)) in signature.iter_mut().zip(params.iter()) {
                let value = a.wrapping_mul(shingle).wrapping_add(b);
                if value < *slot {
                    *slot = value;
                }
            }
        }
        Some(Print {
            exact,
            shingles,
            signature,
        })
    }
}

/// The parameters `(a, b)` of the hash functions `a·x + b` (odd `a`, mod 2⁶⁴), fixed so that
/// signatures are comparable across runs.
fn permutations() -> [(u64, u64); PERMUTATIONS] {
    let mut params = [(0u64, 0u64); PERMUTATIONS];
    for (i, slot) in params.iter_mut().enumerate() {
        let seed = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        *slot = (mix(seed) | 1, mix(seed ^ 0x5851_f42d_4c95_7f2d));
    }
    params
}

/// Lowercased words of `text`, every run of non-alphanumeric characters acting as one break.
fn normalised_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Jaccard similarity and containment of two sorted, deduplicated sets.
fn overlap(a: &[u64], b: &[u64]) -> (f64, f64) {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    let smaller = a.len().min(b.len());
    if union == 0 || smaller == 0 {
        return (0.0, 0.0);
    }
    (common as f64 / union as f64, common as f64 / smaller as f64)
}

/// SplitMix64 finaliser: a fast, well-mixed 64-bit hash of a 64-bit value.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over words, each followed by a separator byte (stable across runs and platforms).
fn hash_strs<S: AsRef<str>>(words: &[S]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for &b in w.as_ref().as_bytes().iter().chain(std::iter::once(&0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    mix(h)
}

/// A hash of a band of signature values.
fn hash_words(values: &[u64]) -> u64 {
    values
        .iter()
        .fold(0x51_7cc1_b727_220a_u64, |h, &v| mix(h ^ v).rotate_left(7))
}

/// Disjoint sets with path halving.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.parent.get(i) {
            if p == i {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (low, high) = (ra.min(rb), ra.max(rb));
            if let Some(slot) = self.parent.get_mut(high) {
                *slot = low;
            }
        }
    }
}

/// One sentence for the comparison: its text, a hash of its normalised words (two sentences
/// are the same when these are equal) and the sorted, deduplicated hashes of its words (for
/// the Jaccard similarity of rewordings).
struct Line<'a> {
    text: &'a str,
    key: u64,
    words: Vec<u64>,
}

/// The sentences of a document (its paragraphs, or the whole text, when it has none).
fn lines(doc: &Doc) -> Vec<Line<'_>> {
    let text = doc.article.text.as_str();
    let spans: Vec<Span> = if !doc.sentences.is_empty() {
        doc.sentences.iter().map(|s| s.span).collect()
    } else if !doc.article.paragraphs.is_empty() {
        doc.article.paragraphs.clone()
    } else {
        vec![Span::new(0, text.len())]
    };
    spans
        .into_iter()
        .map(|span| span.slice(text).trim())
        .filter(|t| !t.is_empty())
        .map(|t| {
            let words = normalised_words(t);
            let mut set: Vec<u64> = words.iter().map(|w| hash_strs(&[w])).collect();
            set.sort_unstable();
            set.dedup();
            Line {
                text: t,
                key: hash_strs(&words),
                words: set,
            }
        })
        .collect()
}

/// The most sentences aligned exactly (longer documents are compared on their first ones).
const MAX_ALIGN: usize = 2000;

/// Sentence-level differences of `copy` against `origin`: "added: …", "cut: …" and
/// "reworded: … → …".
fn changes(origin: &Doc, copy: &Doc) -> Vec<String> {
    let a = lines(origin);
    let b = lines(copy);
    let a = a.get(..a.len().min(MAX_ALIGN)).unwrap_or(&[]);
    let b = b.get(..b.len().min(MAX_ALIGN)).unwrap_or(&[]);
    let ops = align(a, b);
    let mut out = Vec::new();
    let mut cut: Vec<&Line> = Vec::new();
    let mut added: Vec<&Line> = Vec::new();
    for op in ops {
        match op {
            Op::Same => flush(&mut cut, &mut added, &mut out),
            Op::Cut(i) => cut.extend(a.get(i)),
            Op::Add(j) => added.extend(b.get(j)),
        }
    }
    flush(&mut cut, &mut added, &mut out);
    out
}

/// Reports one run of unmatched sentences: cut and added sentences that share most of their
/// words are paired as rewordings.
fn flush<'a>(cut: &mut Vec<&'a Line<'a>>, added: &mut Vec<&'a Line<'a>>, out: &mut Vec<String>) {
    let mut used = vec![false; added.len()];
    for old in cut.iter() {
        let partner = added
            .iter()
            .enumerate()
            .filter(|(k, _)| !used.get(*k).copied().unwrap_or(true))
            .map(|(k, new)| (k, word_jaccard(&old.words, &new.words)))
            .filter(|&(_, s)| s >= 0.5)
            .max_by(|x, y| x.1.total_cmp(&y.1));
        match partner {
            Some((k, _)) => {
                if let (Some(slot), Some(new)) = (used.get_mut(k), added.get(k)) {
                    *slot = true;
                    out.push(format!(
                        "reworded: {} → {}",
                        trim_chars(old.text),
                        trim_chars(new.text)
                    ));
                }
            }
            None => out.push(format!("cut: {}", trim_chars(old.text))),
        }
    }
    for (k, new) in added.iter().enumerate() {
        if !used.get(k).copied().unwrap_or(false) {
            out.push(format!("added: {}", trim_chars(new.text)));
        }
    }
    cut.clear();
    added.clear();
}

/// Jaccard similarity of two sorted, deduplicated word sets (1 when both are empty).
fn word_jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        1.0
    } else {
        overlap(a, b).0
    }
}

/// One step of a sentence alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// The next sentences of both are the same.
    Same,
    /// The origin's sentence `i` is not in the copy.
    Cut(usize),
    /// The copy's sentence `j` is not in the origin.
    Add(usize),
}

/// Longest-common-subsequence alignment of two sentence lists, comparing normalised words.
fn align(a: &[Line], b: &[Line]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    // lcs[i][j] = LCS length of a[i..] and b[j..], stored row-major.
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let value = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) if x.key == y.key => {
                    lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
                }
                _ => {
                    let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                    let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                    down.max(right)
                }
            };
            if let Some(slot) = lcs.get_mut(i * width + j) {
                *slot = value;
            }
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        let same = matches!((a.get(i), b.get(j)), (Some(x), Some(y)) if x.key == y.key);
        if same {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if j >= m
            || (i < n
                && lcs.get((i + 1) * width + j).copied().unwrap_or(0)
                    >= lcs.get(i * width + j + 1).copied().unwrap_or(0))
        {
            ops.push(Op::Cut(i));
            i += 1;
        } else {
            ops.push(Op::Add(j));
            j += 1;
        }
    }
    ops
}

/// `text` cut to about [`CHANGE_CHARS`] characters (on a char boundary, with "…").
fn trim_chars(text: &str) -> String {
    match text.char_indices().nth(CHANGE_CHARS) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text).trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use dragoman_model::{Article, Published, Sentence};

    /// A document with one sentence per given string, dated `day` of March 2025.
    fn doc(id: &str, day: u32, sentences: &[&str]) -> Doc {
        let mut article = Article::from_paragraphs(format!("{id}.txt"), [sentences.join(" ")]);
        article.id = id.to_string();
        article.published = NaiveDate::from_ymd_opt(2025, 3, day).map(Published::day);
        let mut doc = Doc::new(article);
        let mut at = 0;
        for s in sentences {
            doc.sentences.push(Sentence {
                span: Span::new(at, at + s.len()),
                paragraph: 0,
            });
            at += s.len() + 1;
        }
        doc
    }

    const BODY: [&str; 12] = [
        "The harbour authority in Varnsund said on Monday that two cargo ships collided near the northern pier.",
        "Nobody was hurt, but one vessel lost part of its load of timber into the water.",
        "Divers were sent to inspect the hull of the larger ship before it could leave port.",
        "The authority expects the channel to reopen for traffic by Wednesday evening.",
        "Local fishermen complained that floating logs had damaged several of their nets.",
        "An inquiry into the cause of the collision will report within three months.",
        "The shipping company that owns the larger vessel declined to comment on the accident.",
        "Port traffic had grown by a fifth over the past year, according to city figures.",
        "Two tugboats stayed beside the damaged ship through the night as a precaution.",
        "Weather forecasters warned of strong winds along the coast later in the week.",
        "Insurance assessors are due to arrive from the capital on Tuesday morning.",
        "The last serious accident in the harbour happened more than a decade ago.",
    ];

    #[test]
    fn exact_copies_differ_only_in_case_and_punctuation() {
        let a = doc("a", 2, &BODY);
        let shouted: Vec<String> = BODY
            .iter()
            .map(|s| s.to_uppercase().replace(',', " ;"))
            .collect();
        let shouted: Vec<&str> = shouted.iter().map(String::as_str).collect();
        let b = doc("b", 3, &shouted);
        let found = find(&[b, a], 0.8);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].article, "b");
        assert_eq!(found[0].duplicate_of, "a");
        assert_eq!(found[0].similarity, 1.0);
        assert!(found[0].changes.is_empty(), "{:?}", found[0].changes);
    }

    #[test]
    fn a_cut_sentence_and_an_added_one_are_reported() {
        let origin = doc("wire", 1, &BODY);
        let mut edited: Vec<&str> = BODY.to_vec();
        edited.remove(4);
        edited.push("The city council will discuss the incident at its next session.");
        let copy = doc("paper", 2, &edited);
        let found = find(&[copy, origin], 0.8);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d.duplicate_of, "wire");
        assert!(d.similarity < 1.0 && d.similarity > 0.5);
        assert!(
            d.changes
                .iter()
                .any(|c| c.starts_with("cut: Local fishermen"))
        );
        assert!(
            d.changes
                .iter()
                .any(|c| c.starts_with("added: The city council"))
        );
    }

    #[test]
    fn a_short_copy_missing_its_last_sentences_counts_by_containment() {
        let origin = doc("long", 1, &BODY);
        let short = doc("short", 1, &BODY[..9]);
        let found = find(&[origin, short], 0.8);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].article, "short");
        assert!(found[0].similarity < 0.8);
        assert_eq!(found[0].changes.len(), 3);
        assert!(found[0].changes.iter().all(|c| c.starts_with("cut: ")));
        assert!(is_copy(0.6, 0.95, 0.8));
        assert!(is_copy(0.45, 0.7, 0.8));
        assert!(!is_copy(0.3, 0.95, 0.8));
        assert!(!is_copy(0.5, 0.5, 0.8));
    }

    #[test]
    fn a_reworded_sentence_is_paired() {
        let origin = doc("o", 1, &BODY);
        let mut edited: Vec<&str> = BODY.to_vec();
        edited[3] = "The authority expects the channel to reopen for shipping by Wednesday night.";
        let copy = doc("c", 2, &edited);
        let found = find(&[origin, copy], 0.8);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].changes.len(), 1);
        assert!(found[0].changes[0].starts_with("reworded: The authority expects"));
        assert!(found[0].changes[0].contains(" → "));
    }

    #[test]
    fn different_articles_are_not_copies_and_undated_ones_come_last() {
        let a = doc("a", 1, &BODY[..4]);
        let b = doc(
            "b",
            1,
            &[
                "A new bridge over the river Olm opened to cyclists after two years of building work.",
                "The mayor cut a ribbon while a brass band played on the bank.",
            ],
        );
        assert!(find(&[a.clone(), b], 0.8).is_empty());
        let mut undated = a.clone();
        undated.article.id = "undated".into();
        undated.article.published = None;
        let found = find(&[undated, a], 0.8);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].duplicate_of, "a");
    }

    #[test]
    fn an_edited_republication_with_boilerplate_is_a_copy() {
        let origin = doc("wire", 1, &BODY);
        let mut edited: Vec<&str> =
            vec!["Subscribe to our newsletter for the latest regional news."];
        edited.extend_from_slice(&BODY[..7]);
        edited.push(
            "The harbour master told our paper that the night shift had been short of staff.",
        );
        edited.push("Two tugs stayed beside the damaged vessel overnight as a precaution.");
        edited.extend_from_slice(&BODY[9..11]);
        edited.push("Share this article. Related stories. Most read today.");
        let copy = doc("paper", 2, &edited);
        let found = find(&[copy, origin], 0.8);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].duplicate_of, "wire");
        assert!(found[0].similarity < 0.8);
    }

    #[test]
    fn two_reports_of_the_same_event_are_not_copies() {
        let first = doc("first", 1, &BODY);
        let second = doc(
            "second",
            1,
            &[
                "Two freighters ran into each other at Varnsund harbour on Monday, port officials said.",
                "No injuries were reported, although logs from one ship spilled into the basin.",
                "The harbour authority said divers were sent to inspect the hull of the larger ship.",
                "Shipping in the channel should resume on Wednesday evening, officials expect.",
                "Fishermen said the drifting timber had torn their nets.",
                "An inquiry will examine what caused the crash and report within three months.",
                "Tugboats kept watch over the damaged freighter through the night.",
                "The owner of the bigger ship did not answer requests for comment.",
            ],
        );
        assert!(find(&[first, second], 0.8).is_empty());
    }

    #[test]
    fn changes_are_trimmed_on_char_boundaries() {
        let long = "Ж".repeat(300);
        let t = trim_chars(&long);
        assert_eq!(t.chars().count(), CHANGE_CHARS + 1);
        assert!(t.ends_with('…'));
    }

    #[test]
    fn many_documents_scale_without_all_pairs() {
        // 2,000 distinct short articles plus one copy: exactly one duplicate is found.
        let mut docs: Vec<Doc> = (0..2000)
            .map(|i| {
                let s = format!(
                    "Report number {i} covers item {} and item {} in district {}.",
                    i * 7,
                    i * 13,
                    i % 17
                );
                doc(&format!("d{i}"), 1, &[s.as_str()])
            })
            .collect();
        let mut copy = docs[42].clone();
        copy.article.id = "copy".into();
        docs.push(copy);
        let found = find(&docs, 0.8);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].duplicate_of, "d42");
    }

    /// Throughput and recall on synthetic articles (~300 words from a 5,000-word vocabulary),
    /// every tenth one republished with a sentence cut and one added:
    /// `cargo test -p dragoman-story --release dedupe_throughput -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn dedupe_throughput() {
        let n: usize = std::env::var("DEDUPE_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000);
        let mut state: u64 = 7;
        let mut next = move || {
            state = mix(state.wrapping_add(0x9e37_79b9_7f4a_7c15));
            state
        };
        let mut sentence = |words: usize| {
            let w: Vec<String> = (0..words).map(|_| format!("w{}", next() % 5000)).collect();
            format!("{}.", w.join(" "))
        };
        let mut docs = Vec::new();
        let mut planted = 0;
        for i in 0..n {
            let body: Vec<String> = (0..20).map(|_| sentence(15)).collect();
            let refs: Vec<&str> = body.iter().map(String::as_str).collect();
            docs.push(doc(&format!("d{i}"), 1, &refs));
            if i % 10 == 0 {
                let extra = sentence(15);
                let mut copy: Vec<&str> = refs.clone();
                copy.remove(7);
                copy.push(&extra);
                docs.push(doc(&format!("c{i}"), 2, &copy));
                planted += 1;
            }
        }
        let start = std::time::Instant::now();
        let found = find(&docs, 0.8);
        let seconds = start.elapsed().as_secs_f64();
        let right = found
            .iter()
            .filter(|d| d.article.strip_prefix('c') == d.duplicate_of.strip_prefix('d'))
            .count();
        eprintln!(
            "{} articles in {seconds:.2} s ({:.0} articles/s): {} copies found, {right} of {planted} planted",
            docs.len(),
            docs.len() as f64 / seconds,
            found.len()
        );
        assert_eq!(right, planted);
    }
}
