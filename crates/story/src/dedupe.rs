//! Exact and near-duplicate articles (wire copies, republications), found incrementally.
//!
//! Two documents are **copies** when either
//! - their normalised texts are identical (lowercase, punctuation and white space collapsed):
//!   similarity 1.0; or
//! - the Jaccard similarity of their sets of word 5-shingles is at least the threshold
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
//! An [`Index`] keeps, per document seen, only its id, publication time, a hash of its
//! normalised text, its number of shingles and a MinHash signature ([`PERMUTATIONS`] 16-bit
//! values, own implementation), plus the locality-sensitive-hashing buckets of the
//! signatures' [`BANDS`] bands, so no all-pairs comparison is made and adding documents costs
//! time in proportion to the documents added. A candidate pair is verified with the exact
//! shingle sets when both documents are in the batch being added, and with the Jaccard
//! similarity estimated from the signatures (the share of equal values; the containment
//! follows from it and the two set sizes) when one was added earlier: with 126 values the
//! estimate's standard error is at most 0.045, well inside the margins above.
//!
//! Copies are grouped transitively; in each group the earliest document (by publication date
//! and time, then order of arrival; undated documents last) is the origin and each other
//! member is a [`Duplicate`] of it. When a newly added document is older than the origin of a
//! group it joins (or joins two groups), the group's origin becomes the older document: the
//! former origin is reported as a copy of it, and later copies point to it; copies reported
//! earlier keep pointing to the former origin, which is itself now a copy. Sentence-level
//! `changes` need both texts: they are computed for pairs within the added batch and left
//! empty when the origin was added earlier.

use std::collections::HashMap;

use dragoman_model::{Doc, Duplicate, Span};
use serde::{Deserialize, Serialize};

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
/// Bytes of one stored signature (16-bit values, little-endian).
const SIGNATURE_BYTES: usize = PERMUTATIONS * 2;

/// The copy rule: Jaccard at least `threshold`, or containment at least [`CONTAINMENT`] with
/// Jaccard at least [`CONTAINMENT_MIN_JACCARD`].
pub fn is_copy(jaccard: f64, containment: f64, threshold: f64) -> bool {
    jaccard >= threshold || (containment >= CONTAINMENT && jaccard >= CONTAINMENT_MIN_JACCARD)
}

/// What dedupe keeps of one document added earlier.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    /// Article id.
    id: String,
    /// Publication date and time (midnight when only the day is known), in seconds since
    /// 1970 (compact in the serialised state).
    when: Option<i64>,
    /// Hash of the normalised text.
    exact: u64,
    /// Number of distinct shingles.
    shingles: u32,
    /// Union-find parent; a root is its group's origin.
    parent: u32,
}

/// The incremental state of duplicate detection; see the module documentation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Index {
    /// Jaccard threshold of near copies.
    threshold: f64,
    /// Documents with at least one word, in order of arrival.
    docs: Vec<Stored>,
    /// Their signatures, [`SIGNATURE_BYTES`] each.
    signatures: Vec<u8>,
    /// Normalised-text hash → the first document with that text. Rebuilt after loading.
    #[serde(skip)]
    exact: HashMap<u64, u32>,
    /// Band key → first member of the bucket. Rebuilt after loading.
    #[serde(skip)]
    first: HashMap<u32, u32>,
    /// Band key → the bucket's further members (up to [`MAX_BUCKET`] in all). Rebuilt after
    /// loading.
    #[serde(skip)]
    more: HashMap<u32, Vec<u32>>,
}

impl Index {
    /// An empty index; `threshold` is the Jaccard similarity of word 5-shingle sets above which
    /// two documents are near-duplicates.
    pub fn new(threshold: f64) -> Self {
        Index {
            threshold,
            docs: Vec::new(),
            signatures: Vec::new(),
            exact: HashMap::new(),
            first: HashMap::new(),
            more: HashMap::new(),
        }
    }

    /// Number of documents held (those with at least one word).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True before the first document with a word.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Rebuilds the lookup tables (not serialised) from the stored documents, in order of
    /// arrival, so that they are what they were when the documents were added.
    pub(crate) fn rebuild(&mut self) {
        self.exact.clear();
        self.first.clear();
        self.more.clear();
        for g in 0..self.docs.len() {
            let Some(doc) = self.docs.get(g) else { break };
            let g = index_u32(g);
            if *self.exact.entry(doc.exact).or_insert(g) == g {
                let keys = band_keys(&self.signature(g));
                for key in keys {
                    self.bucket_insert(key, g);
                }
            }
        }
    }

    /// Adds a batch of documents, visited in `order` (publication order, undated last), and
    /// returns the copies found among them (against every document seen before and within the
    /// batch), plus the former origins of groups that a newly added older document now heads.
    pub fn add(&mut self, docs: &[Doc], order: &[usize]) -> Vec<Duplicate> {
        let base = self.docs.len();
        // Batch documents with a print, in feed order: global index base + k.
        let mut batch: Vec<(&Doc, Print)> = Vec::new();
        for doc in order.iter().filter_map(|&i| docs.get(i)) {
            if let Some(print) = Print::of(doc) {
                batch.push((doc, print));
            }
        }
        let mut similar: HashMap<(u32, u32), f64> = HashMap::new();
        // Roots of the stored groups joined by this batch, before the batch.
        let mut former: Vec<u32> = Vec::new();
        for (k, (doc, print)) in batch.iter().enumerate() {
            let g = index_u32(base + k);
            self.docs.push(Stored {
                id: doc.article.id.clone(),
                when: when(doc),
                exact: print.exact,
                shingles: u32::try_from(print.shingles.len()).unwrap_or(u32::MAX),
                parent: g,
            });
            for value in &print.signature {
                self.signatures.extend_from_slice(&value.to_le_bytes());
            }
            if let Some(&same) = self.exact.get(&print.exact) {
                if (same as usize) < base {
                    former.push(self.find(same));
                }
                self.union(same, g);
                similar.insert((same, g), 1.0);
                continue;
            }
            self.exact.insert(print.exact, g);
            let mut candidates: Vec<u32> = Vec::new();
            for key in band_keys(&print.signature) {
                candidates.extend(self.first.get(&key));
                candidates.extend(self.more.get(&key).into_iter().flatten());
                self.bucket_insert(key, g);
            }
            candidates.sort_unstable();
            candidates.dedup();
            for c in candidates.into_iter().filter(|&c| c != g) {
                let (jaccard, containment) = match (c as usize).checked_sub(base) {
                    Some(k) => match batch.get(k) {
                        Some((_, other)) => overlap(&other.shingles, &print.shingles),
                        None => continue,
                    },
                    None => self.estimate(c, g),
                };
                if is_copy(jaccard, containment, self.threshold) {
                    if (c as usize) < base {
                        former.push(self.find(c));
                    }
                    self.union(c, g);
                    similar.insert((c, g), jaccard);
                }
            }
        }

        let mut duplicates = Vec::new();
        let mut report = |index: &mut Index, copy: u32| {
            let origin = index.find(copy);
            if origin == copy {
                return;
            }
            let pair = (origin.min(copy), origin.max(copy));
            let both = |g: u32| (g as usize).checked_sub(base).and_then(|k| batch.get(k));
            let (similarity, changes) = match (both(origin), both(copy)) {
                (Some((origin_doc, a)), Some((copy_doc, b))) => {
                    let similarity = if a.exact == b.exact {
                        1.0
                    } else {
                        similar
                            .get(&pair)
                            .copied()
                            .unwrap_or_else(|| overlap(&a.shingles, &b.shingles).0)
                    };
                    (similarity, changes(origin_doc, copy_doc))
                }
                _ => {
                    let similarity = similar
                        .get(&pair)
                        .copied()
                        .unwrap_or_else(|| index.estimate(origin, copy).0);
                    (similarity, Vec::new())
                }
            };
            let id = |g: u32| index.docs.get(g as usize).map(|d| d.id.clone());
            if let (Some(article), Some(duplicate_of)) = (id(copy), id(origin)) {
                duplicates.push(Duplicate {
                    article,
                    duplicate_of,
                    similarity,
                    changes,
                });
            }
        };
        former.sort_unstable();
        former.dedup();
        for root in former {
            report(self, root);
        }
        for k in 0..batch.len() {
            report(self, index_u32(base + k));
        }
        duplicates
    }

    /// The stored signature of document `g`.
    fn signature(&self, g: u32) -> Vec<u16> {
        let at = g as usize * SIGNATURE_BYTES;
        self.signatures
            .get(at..at + SIGNATURE_BYTES)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|b| {
                u16::from_le_bytes([
                    b.first().copied().unwrap_or(0),
                    b.get(1).copied().unwrap_or(0),
                ])
            })
            .collect()
    }

    /// Jaccard similarity and containment of two stored documents, estimated from their
    /// signatures and shingle counts.
    fn estimate(&self, a: u32, b: u32) -> (f64, f64) {
        let (sa, sb) = (self.signature(a), self.signature(b));
        if sa.is_empty() || sb.is_empty() {
            return (0.0, 0.0);
        }
        let equal = sa.iter().zip(&sb).filter(|(x, y)| x == y).count();
        let jaccard = equal as f64 / sa.len().max(sb.len()) as f64;
        let size = |g: u32| {
            self.docs
                .get(g as usize)
                .map_or(0.0, |d| f64::from(d.shingles))
        };
        let (na, nb) = (size(a), size(b));
        let smaller = na.min(nb);
        if smaller <= 0.0 {
            return (jaccard, 0.0);
        }
        let common = jaccard * (na + nb) / (1.0 + jaccard);
        (jaccard, (common / smaller).min(1.0))
    }

    /// Adds document `g` to the bucket of `key` unless the bucket is full.
    fn bucket_insert(&mut self, key: u32, g: u32) {
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(g);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                let more = self.more.entry(key).or_default();
                if more.len() + 1 < MAX_BUCKET {
                    more.push(g);
                }
            }
        }
    }

    /// The root (group origin) of document `g`, halving paths on the way.
    fn find(&mut self, mut g: u32) -> u32 {
        loop {
            let Some(parent) = self.docs.get(g as usize).map(|d| d.parent) else {
                return g;
            };
            if parent == g {
                return g;
            }
            let grand = self.docs.get(parent as usize).map_or(parent, |d| d.parent);
            if let Some(doc) = self.docs.get_mut(g as usize) {
                doc.parent = grand;
            }
            g = parent;
        }
    }

    /// Joins the groups of `a` and `b`; the earlier root stays the root.
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (root, child) = if self.key(ra) <= self.key(rb) {
            (ra, rb)
        } else {
            (rb, ra)
        };
        if let Some(doc) = self.docs.get_mut(child as usize) {
            doc.parent = root;
        }
    }

    /// Sort key for "earliest": dated documents by date and time, then undated ones; order of
    /// arrival breaks ties.
    fn key(&self, g: u32) -> (bool, Option<i64>, u32) {
        let when = self.docs.get(g as usize).and_then(|d| d.when);
        (when.is_none(), when, g)
    }
}

/// A position as a `u32` (saturating; an index never holds 4 billion documents).
fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Publication date and time of a document (midnight when only the day is known), in seconds
/// since 1970.
fn when(doc: &Doc) -> Option<i64> {
    crate::cluster::when(Some(doc)).map(|t| t.and_utc().timestamp())
}

/// What dedupe computes of one document of a batch.
struct Print {
    /// Hash of the normalised text.
    exact: u64,
    /// Sorted, deduplicated shingle hashes.
    shingles: Vec<u64>,
    /// MinHash signature: the low 16 bits of each minimum (the low bits of a minimum are
    /// uniform; two different minima share them with probability 2⁻¹⁶).
    signature: Vec<u16>,
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
        let mut minima = vec![u64::MAX; PERMUTATIONS];
        let params = permutations();
        for &shingle in &shingles {
            for (slot, &(a, b)) in minima.iter_mut().zip(params.iter()) {
                let value = a.wrapping_mul(shingle).wrapping_add(b);
                if value < *slot {
                    *slot = value;
                }
            }
        }
        Some(Print {
            exact,
            shingles,
            signature: minima.into_iter().map(|m| m as u16).collect(),
        })
    }
}

/// The LSH bucket keys of a signature: one per band, the band number mixed in.
fn band_keys(signature: &[u16]) -> Vec<u32> {
    let rows = PERMUTATIONS / BANDS;
    signature
        .chunks(rows)
        .enumerate()
        .map(|(band, chunk)| {
            let h = chunk
                .iter()
                .fold(mix(band as u64 ^ 0x51_7cc1_b727_220a), |h, &v| {
                    mix(h ^ u64::from(v)).rotate_left(7)
                });
            h as u32
        })
        .collect()
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
/// "reworded: … → …". [`Index::add`] fills them for copies within one batch; a caller holding
/// an origin from an earlier batch computes them with this.
pub fn changes(origin: &Doc, copy: &Doc) -> Vec<String> {
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

    /// Copies among `docs`, added as one batch in publication order.
    fn find(docs: &[Doc], threshold: f64) -> Vec<Duplicate> {
        Index::new(threshold).add(docs, &crate::tracker::feed_order(docs))
    }

    /// A document with one sentence per given string, dated `day` of March 2025.
    fn doc(id: &str, day: u32, sentences: &[&str]) -> Doc {
        crate::fixtures::sentences_doc(id, day, sentences)
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
