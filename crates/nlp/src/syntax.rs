//! Part-of-speech tags and phrase chunks (Penn Treebank tags, CoNLL-2000 chunks: NP, VP,
//! PP, …) of a sentence's words, from two greedy averaged perceptrons over hashed features
//! (trained by the project's own code on CoNLL-2003, see `models/syntax/`), and WordNet's
//! lexicographer classes of verbs and nouns ([`WordClasses`]).
//!
//! The first perceptron tags parts of speech left to right (the word, its neighbours,
//! affixes, shape and the two previous tags); the second one chunks, left to right, from the
//! parts of speech and words around and the two previous chunk tags, an inside tag only
//! allowed after a tag of its phrase. Both are deterministic and need no allocation per
//! feature: a few hundred thousand words per second and core.

mod classes;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod train;

pub use classes::{WordClass, WordClasses, WordPos};

use crate::features::{hash, last_chars};

use crate::NlpError;

/// The part-of-speech tags (Penn Treebank, as in CoNLL-2003), by index.
pub const POS_TAGS: [&str; 44] = [
    "NNP", "NN", "CD", "IN", "DT", "JJ", "NNS", "VBD", ".", ",", "VB", "VBN", "RB", "CC", "TO",
    "PRP", ")", "(", "VBG", "VBZ", ":", "\"", "POS", "PRP$", "VBP", "MD", "NNPS", "WP", "RP",
    "WDT", "SYM", "$", "WRB", "JJR", "JJS", "FW", "RBR", "EX", "RBS", "''", "PDT", "UH", "WP$",
    "LS",
];

/// The phrase kinds of chunks (CoNLL-2000), by index.
pub const PHRASES: [&str; 11] = [
    "NP", "VP", "PP", "ADVP", "ADJP", "SBAR", "PRT", "INTJ", "CONJP", "LST", "UCP",
];

/// Number of chunk tags: outside, then begin / inside of each phrase kind.
const CHUNK_TAGS: usize = 1 + 2 * PHRASES.len();

/// Header of a stored model.
const MAGIC: &[u8; 4] = b"DSX1";

/// The embedded model (`models/syntax/syntax.bin`).
const MODEL: &[u8] = include_bytes!("../../../models/syntax/syntax.bin");

/// The part of speech and chunk tag of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tags {
    /// Index into [`POS_TAGS`].
    pub pos: u8,
    /// 0 outside any chunk, else `1 + 2 * phrase + inside` (phrase an index into
    /// [`PHRASES`]).
    pub chunk: u8,
}

impl Tags {
    /// The part-of-speech tag ("NN", "VBD", …).
    pub fn pos_name(self) -> &'static str {
        POS_TAGS.get(usize::from(self.pos)).copied().unwrap_or("")
    }

    /// The kind of phrase the word is in ("NP", "VP", …), `None` outside any chunk.
    pub fn phrase(self) -> Option<&'static str> {
        let c = usize::from(self.chunk).checked_sub(1)?;
        PHRASES.get(c / 2).copied()
    }

    /// True when the word starts a chunk.
    pub fn begins(self) -> bool {
        self.chunk > 0 && self.chunk % 2 == 1
    }

    /// True for a verb (any `VB*` tag or a modal).
    pub fn is_verb(self) -> bool {
        let p = self.pos_name();
        p.starts_with("VB") || p == "MD"
    }

    /// True for a common or proper noun (`NN*`).
    pub fn is_noun(self) -> bool {
        self.pos_name().starts_with("NN")
    }
}

/// One chunk of a tagged sentence: words `start..end` (indices) of one phrase kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The phrase kind ([`PHRASES`]).
    pub phrase: &'static str,
}

/// The chunks of a tagged sentence, in order.
pub fn chunks(tags: &[Tags]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut open = false;
    for (i, t) in tags.iter().enumerate() {
        match t.phrase() {
            None => open = false,
            Some(phrase) => {
                let continues = open
                    && !t.begins()
                    && out.last().is_some_and(|c| c.phrase == phrase && c.end == i);
                match out.last_mut() {
                    Some(last) if continues => last.end = i + 1,
                    _ => out.push(Chunk {
                        start: i,
                        end: i + 1,
                        phrase,
                    }),
                }
                open = true;
            }
        }
    }
    out
}

/// Weights per block: a block is one 64-byte cache line.
const LANES: usize = 32;

/// One cache line of a bucket's weights (aligned, so a row of one block is one line).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Block([i16; LANES]);

/// One greedy perceptron: `labels` weights per hashed feature bucket, as `i16` (the
/// decoder only compares sums, so no scale is kept). Each bucket's row takes whole cache
/// lines (the labels padded with zeros), so a lookup touches as few lines as it can.
#[derive(Debug, Clone)]
struct Model {
    labels: usize,
    mask: u32,
    /// Blocks per bucket.
    blocks: usize,
    weights: Vec<Block>,
}

/// Sums of one word's weights, one per lane of a row (the labels, then zero padding).
type Sums = [i32; 2 * LANES];

impl Model {
    /// A model of `labels` weights per bucket (`weights`, bucket after bucket; missing
    /// ones are zero) over `mask + 1` buckets.
    fn new(labels: usize, mask: u32, weights: &[i16]) -> Self {
        let blocks = labels.div_ceil(LANES).max(1);
        let buckets = mask as usize + 1;
        let mut rows = vec![Block([0; LANES]); buckets * blocks];
        for (row, stored) in rows
            .chunks_exact_mut(blocks)
            .zip(weights.chunks(labels.max(1)))
        {
            let lanes = row.iter_mut().flat_map(|b| b.0.iter_mut());
            for (slot, w) in lanes.zip(stored) {
                *slot = *w;
            }
        }
        Model {
            labels,
            mask,
            blocks,
            weights: rows,
        }
    }

    /// The weights of bucket `bucket`, labels first (zeros after).
    fn row(&self, bucket: usize) -> &[Block] {
        let base = bucket * self.blocks;
        self.weights
            .get(base..base + self.blocks)
            .unwrap_or_default()
    }

    /// Adds the weights of the features' buckets to `sums` (one per lane). The sums are
    /// integers, so features may be added in any order and in several steps.
    fn add(&self, features: &[u32], sums: &mut Sums) {
        for f in features {
            let row = self.row((*f & self.mask) as usize);
            for (block, sums) in row.iter().zip(sums.chunks_exact_mut(LANES)) {
                for (s, w) in sums.iter_mut().zip(&block.0) {
                    *s += i32::from(*w);
                }
            }
        }
    }

    /// The best label among those `allowed` for the features whose weights are summed in
    /// `fixed` plus `features`.
    fn best(&self, fixed: &Sums, features: &[u32], allowed: impl Fn(usize) -> bool) -> usize {
        let mut sums = *fixed;
        self.add(features, &mut sums);
        let mut best = None;
        for (l, s) in sums.iter().take(self.labels).enumerate() {
            if allowed(l) && best.is_none_or(|(_, b)| *s > b) {
                best = Some((l, *s));
            }
        }
        best.map_or(0, |(l, _)| l)
    }

    /// Per word (`count` of them), the summed weights of its features that do not depend on
    /// previous labels. Computed for all words before decoding, so that the weight rows
    /// (mostly cache misses) load side by side.
    fn fixed_sums<const N: usize>(
        &self,
        count: usize,
        features: impl Fn(usize) -> [u32; N],
    ) -> Vec<Sums> {
        (0..count)
            .map(|i| {
                let mut sums = [0; 2 * LANES];
                self.add(&features(i), &mut sums);
                sums
            })
            .collect()
    }

    /// Appends the stored form: labels (`u16`), bucket bits (`u8`), the weights.
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.labels as u16).to_le_bytes());
        out.push((self.mask + 1).trailing_zeros() as u8);
        for row in self.weights.chunks_exact(self.blocks) {
            for w in row.iter().flat_map(|b| b.0.iter()).take(self.labels) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// Reads one stored model from the start of `bytes`; returns it and the rest.
    fn read(bytes: &[u8]) -> Result<(Model, &[u8]), NlpError> {
        let (head, rest) = bytes.split_at_checked(3).ok_or_else(|| bad("truncated"))?;
        let labels = usize::from(u16::from_le_bytes([head[0], head[1]]));
        let bits = u32::from(head[2]);
        if labels == 0 || labels > 2 * LANES || !(4..=24).contains(&bits) {
            return Err(bad("bad sizes"));
        }
        let count = (1usize << bits) * labels;
        let (body, rest) = rest
            .split_at_checked(count * 2)
            .ok_or_else(|| bad("truncated weights"))?;
        let weights: Vec<i16> = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok((Model::new(labels, (1u32 << bits) - 1, &weights), rest))
    }
}

fn bad(message: &str) -> NlpError {
    NlpError::Lexicon {
        name: "syntax model".into(),
        message: message.into(),
    }
}

/// Tags parts of speech and chunks.
#[derive(Debug, Clone)]
pub struct SyntaxTagger {
    pos: Model,
    chunk: Model,
}

/// A word prepared for the features: normalised lowercase form, affixes and shape.
struct Prepared<'a> {
    norm: String,
    shape: &'static str,
    /// As written ("Bank" and "BANK" differ from "bank").
    cased: &'a str,
}

/// The lowercase form the features see: curly quotes and apostrophes written straight,
/// dashes as `--`, numbers as `<num>`.
fn normalise(word: &str) -> String {
    match word {
        "“" | "”" | "„" | "«" | "»" | "``" | "''" => return "\"".into(),
        "‘" | "’" => return "'".into(),
        "—" | "–" | "―" => return "--".into(),
        _ => {}
    }
    let digits = word.chars().filter(char::is_ascii_digit).count();
    if digits > 0 && word.chars().all(|c| !c.is_alphabetic()) {
        return "<num>".into();
    }
    let lower = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    };
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// A word's shape: capitalisation, digits, hyphens.
fn shape(word: &str) -> &'static str {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return "";
    };
    let (mut upper, mut lower, mut digit, mut hyphen) = (0, 0, 0, false);
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_numeric() {
            digit += 1;
        } else if c == '-' {
            hyphen = true;
        }
    }
    match (first, upper, lower, digit, hyphen) {
        (_, 0, 0, 0, _) => "p",
        (_, _, _, d, _) if d > 0 && upper + lower == 0 => "d",
        (_, _, _, d, _) if d > 0 => "ad",
        (_, u, 0, _, _) if u > 1 => "X",
        (f, _, _, _, true) if f.is_uppercase() => "Xx-",
        (f, 1, _, _, false) if f.is_uppercase() => "Xx",
        (f, _, _, _, false) if f.is_uppercase() => "XxX",
        (_, _, _, _, true) => "x-",
        (_, 0, _, _, false) => "x",
        _ => "xX",
    }
}

/// The first `count` characters of a word (all of it when shorter).
fn first_chars(w: &str, count: usize) -> &str {
    let end = w.char_indices().nth(count).map_or(w.len(), |(i, _)| i);
    w.get(..end).unwrap_or(w)
}

fn prepare<S: AsRef<str>>(words: &[S]) -> Vec<Prepared<'_>> {
    words
        .iter()
        .map(|w| Prepared {
            norm: normalise(w.as_ref()),
            shape: shape(w.as_ref()),
            cased: w.as_ref(),
        })
        .collect()
}

/// Number of part-of-speech features per word.
const POS_FEATURES: usize = 24;

/// Number of part-of-speech features per word that depend on the previous tags.
const POS_LABEL_FEATURES: usize = 4;
/// Number of part-of-speech features per word that do not.
const POS_FIXED_FEATURES: usize = POS_FEATURES - POS_LABEL_FEATURES;

#[cfg(test)]
/// The part-of-speech features of word `i`, given the two previous tags: those of
/// [`pos_fixed_features`] with those of [`pos_label_features`] in their places.
fn pos_features(ws: &[Prepared], i: usize, prev: &str, prev2: &str) -> [u32; POS_FEATURES] {
    let fixed = pos_fixed_features(ws, i);
    let label = pos_label_features(ws, i, prev, prev2);
    let (f, l) = (fixed, label);
    [
        f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], l[0],
        l[1], l[2], f[13], f[14], f[15], f[16], f[17], f[18], f[19], l[3],
    ]
}

/// The part-of-speech features of word `i` that depend on the two previous tags.
fn pos_label_features(
    ws: &[Prepared],
    i: usize,
    prev: &str,
    prev2: &str,
) -> [u32; POS_LABEL_FEATURES] {
    let word = |j: usize| ws.get(j).map_or("<s>", |w| w.norm.as_str());
    let w0 = word(i);
    let wp1 = word(i + 1);
    [
        hash(13, &[prev]),
        hash(14, &[prev2, prev]),
        hash(15, &[prev, w0]),
        hash(23, &[prev, wp1]),
    ]
}

/// The part-of-speech features of word `i` that do not depend on the previous tags.
fn pos_fixed_features(ws: &[Prepared], i: usize) -> [u32; POS_FIXED_FEATURES] {
    let word = |j: Option<usize>| j.and_then(|j| ws.get(j)).map_or("<s>", |w| &w.norm);
    let w0 = word(Some(i));
    let (wm1, wm2) = (word(i.checked_sub(1)), word(i.checked_sub(2)));
    let (wp1, wp2) = (word(Some(i + 1)), word(Some(i + 2)));
    let s0 = ws.get(i).map_or("", |w| w.shape);
    let shape_at = |j: Option<usize>| j.and_then(|j| ws.get(j)).map_or("<s>", |w| w.shape);
    let cased = ws.get(i).map_or("", |w| w.cased);
    let first = if i == 0 { "1" } else { "0" };
    [
        hash(0, &[]),
        hash(1, &[w0]),
        hash(2, &[wm1]),
        hash(3, &[wp1]),
        hash(4, &[wm2]),
        hash(5, &[wp2]),
        hash(6, &[last_chars(w0, 1)]),
        hash(7, &[last_chars(w0, 2)]),
        hash(8, &[last_chars(w0, 3)]),
        hash(9, &[last_chars(w0, 4)]),
        hash(10, &[first_chars(w0, 1)]),
        hash(11, &[first_chars(w0, 3)]),
        hash(12, &[s0, first]),
        hash(16, &[last_chars(wp1, 3)]),
        hash(17, &[last_chars(wm1, 3)]),
        hash(18, &[wm1, w0]),
        hash(19, &[w0, wp1]),
        hash(20, &[cased]),
        hash(21, &[shape_at(i.checked_sub(1)), s0, shape_at(Some(i + 1))]),
        hash(22, &[last_chars(w0, 3), s0]),
    ]
}

/// Number of chunk features per word.
const CHUNK_FEATURES: usize = 18;

/// The name of a chunk tag index ("O", "B-NP", "I-VP", …) for features.
fn chunk_name(tag: usize) -> &'static str {
    const NAMES: [&str; CHUNK_TAGS] = [
        "O", "B-NP", "I-NP", "B-VP", "I-VP", "B-PP", "I-PP", "B-ADVP", "I-ADVP", "B-ADJP",
        "I-ADJP", "B-SBAR", "I-SBAR", "B-PRT", "I-PRT", "B-INTJ", "I-INTJ", "B-CONJP", "I-CONJP",
        "B-LST", "I-LST", "B-UCP", "I-UCP",
    ];
    NAMES.get(tag).copied().unwrap_or("<s>")
}

/// Number of chunk features per word that depend on the previous chunk tags.
const CHUNK_LABEL_FEATURES: usize = 4;
/// Number of chunk features per word that do not.
const CHUNK_FIXED_FEATURES: usize = CHUNK_FEATURES - CHUNK_LABEL_FEATURES;

/// The name of the part-of-speech tag of word `j` ("<s>" outside the sentence).
fn pos_at(pos: &[usize], j: Option<usize>) -> &'static str {
    j.and_then(|j| pos.get(j))
        .and_then(|t| POS_TAGS.get(*t))
        .copied()
        .unwrap_or("<s>")
}

#[cfg(test)]
/// The chunk features of word `i`, given the parts of speech and the two previous chunk tags:
/// those of [`chunk_fixed_features`], then those of [`chunk_label_features`].
fn chunk_features(
    ws: &[Prepared],
    pos: &[usize],
    i: usize,
    prev: &str,
    prev2: &str,
) -> [u32; CHUNK_FEATURES] {
    let (f, l) = (
        chunk_fixed_features(ws, pos, i),
        chunk_label_features(pos, i, prev, prev2),
    );
    [
        f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], l[0],
        l[1], l[2], l[3], f[13],
    ]
}

/// The chunk features of word `i` that depend on the two previous chunk tags.
fn chunk_label_features(
    pos: &[usize],
    i: usize,
    prev: &str,
    prev2: &str,
) -> [u32; CHUNK_LABEL_FEATURES] {
    let (p0, pm1) = (pos_at(pos, Some(i)), pos_at(pos, i.checked_sub(1)));
    [
        hash(13, &[prev]),
        hash(14, &[prev2, prev]),
        hash(15, &[prev, p0]),
        hash(16, &[prev, pm1, p0]),
    ]
}

/// The chunk features of word `i` that do not depend on the previous chunk tags.
fn chunk_fixed_features(ws: &[Prepared], pos: &[usize], i: usize) -> [u32; CHUNK_FIXED_FEATURES] {
    let p = |j: Option<usize>| pos_at(pos, j);
    let word = |j: Option<usize>| j.and_then(|j| ws.get(j)).map_or("<s>", |w| &w.norm);
    let (p0, pm1, pm2, pp1, pp2) = (
        p(Some(i)),
        p(i.checked_sub(1)),
        p(i.checked_sub(2)),
        p(Some(i + 1)),
        p(Some(i + 2)),
    );
    let w0 = word(Some(i));
    [
        hash(0, &[]),
        hash(1, &[p0]),
        hash(2, &[pm1]),
        hash(3, &[pp1]),
        hash(4, &[pm2]),
        hash(5, &[pp2]),
        hash(6, &[pm1, p0]),
        hash(7, &[p0, pp1]),
        hash(8, &[pm2, pm1, p0]),
        hash(9, &[p0, pp1, pp2]),
        hash(10, &[w0]),
        hash(11, &[word(i.checked_sub(1))]),
        hash(12, &[word(Some(i + 1))]),
        hash(17, &[w0, p0]),
    ]
}

/// True when chunk tag `tag` may follow `prev`: an inside tag only continues its phrase.
fn chunk_allowed(prev: usize, tag: usize) -> bool {
    if tag == 0 || tag % 2 == 1 {
        return true;
    }
    prev > 0 && (prev - 1) / 2 == (tag - 1) / 2
}

impl SyntaxTagger {
    /// The embedded model (`models/syntax/syntax.bin`).
    pub fn embedded() -> Result<Self, NlpError> {
        Self::from_bytes(MODEL)
    }

    /// Reads a stored model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, NlpError> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| bad("bad header"))?;
        let (pos, rest) = Model::read(body)?;
        let (chunk, rest) = Model::read(rest)?;
        if !rest.is_empty() || pos.labels != POS_TAGS.len() || chunk.labels != CHUNK_TAGS {
            return Err(bad("wrong size"));
        }
        Ok(SyntaxTagger { pos, chunk })
    }

    /// The stored form of the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        self.pos.write(&mut out);
        self.chunk.write(&mut out);
        out
    }

    /// The part of speech and chunk tag of each word of a sentence (words as written).
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<Tags> {
        let ws = prepare(words);
        let pos = self.pos_tags(&ws);
        let chunk = self.chunk_tags(&ws, &pos);
        pos.iter()
            .zip(chunk)
            .map(|(p, c)| Tags {
                pos: *p as u8,
                chunk: c as u8,
            })
            .collect()
    }

    fn pos_tags(&self, ws: &[Prepared]) -> Vec<usize> {
        let fixed = self.pos.fixed_sums(ws.len(), |i| pos_fixed_features(ws, i));
        let mut out: Vec<usize> = Vec::with_capacity(ws.len());
        for (i, sums) in fixed.iter().enumerate() {
            let f = pos_label_features(
                ws,
                i,
                pos_at(&out, i.checked_sub(1)),
                pos_at(&out, i.checked_sub(2)),
            );
            out.push(self.pos.best(sums, &f, |_| true));
        }
        out
    }

    fn chunk_tags(&self, ws: &[Prepared], pos: &[usize]) -> Vec<usize> {
        let fixed = self
            .chunk
            .fixed_sums(ws.len(), |i| chunk_fixed_features(ws, pos, i));
        let mut out: Vec<usize> = Vec::with_capacity(ws.len());
        for (i, sums) in fixed.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| out.get(j)).copied();
            let prev2 = i.checked_sub(2).and_then(|j| out.get(j)).copied();
            let name = |t: Option<usize>| t.map_or("<s>", chunk_name);
            let f = chunk_label_features(pos, i, name(prev), name(prev2));
            out.push(
                self.chunk
                    .best(sums, &f, |t| chunk_allowed(prev.unwrap_or(0), t)),
            );
        }
        out
    }
}
