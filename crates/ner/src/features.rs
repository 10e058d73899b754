//! Feature extraction: every token of a sentence gets a list of hashed feature keys.
//!
//! Features are hashed (FNV-1a, folded to 32 bits) rather than interned, so extraction never
//! allocates per feature and the model stores only the keys it learned weights for.

use crate::{NUM_TAGS, Tag};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Distance of the context window on each side.
const WINDOW: usize = 2;
/// Longest prefix/suffix used as a feature, in characters.
const AFFIX: usize = 4;

/// Incremental FNV-1a hash of one feature: a template id followed by its parts.
#[derive(Clone, Copy)]
pub(crate) struct Hasher(u64);

impl Hasher {
    pub(crate) fn new(template: u8) -> Hasher {
        Hasher(0xcbf2_9ce4_8422_2325).byte(template)
    }

    pub(crate) fn byte(self, b: u8) -> Hasher {
        Hasher((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    /// Adds a number part.
    pub(crate) fn num(self, n: u32) -> Hasher {
        n.to_le_bytes().iter().fold(self, |h, &b| h.byte(b))
    }

    /// Adds a string part, followed by a separator so that ("ab","c") ≠ ("a","bc").
    pub(crate) fn text(self, s: &str) -> Hasher {
        let mut h = self;
        for &b in s.as_bytes() {
            h = h.byte(b);
        }
        h.byte(0xff)
    }

    /// The full 64-bit hash.
    pub(crate) fn full(self) -> u64 {
        self.0
    }

    /// The 32-bit key; 0 is reserved for "empty" in the model's table.
    pub(crate) fn key(self) -> u32 {
        let folded = (self.0 ^ (self.0 >> 32)) as u32;
        if folded == 0 { 1 } else { folded }
    }
}

/// A fast, non-cryptographic hasher for the crate's internal maps (keys are already hashes or
/// short strings; no untrusted-input DoS concern for a tagger).
#[derive(Clone, Copy, Default)]
pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Builds [`FastHasher`]s.
pub(crate) type FastBuild = std::hash::BuildHasherDefault<FastHasher>;

/// Trigger word classes from `data/triggers.txt`, as bits of a mask.
const PERSON_TITLE: u8 = 1;
const ORG_WORD: u8 = 2;
const LOC_WORD: u8 = 4;

/// Trigger masks keyed by [`word_key`] of the lowercased word.
fn triggers() -> &'static HashMap<u32, u8, FastBuild> {
    static TRIGGERS: OnceLock<HashMap<u32, u8, FastBuild>> = OnceLock::new();
    TRIGGERS.get_or_init(|| {
        let mut map: HashMap<u32, u8, FastBuild> = HashMap::default();
        let mut section = 0;
        for line in include_str!("../data/triggers.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line {
                "[person_title]" => section = PERSON_TITLE,
                "[org_word]" => section = ORG_WORD,
                "[loc_word]" => section = LOC_WORD,
                word => *map.entry(word_key(word)).or_insert(0) |= section,
            }
        }
        map
    })
}

/// Trigger mask of a normalised word (a trailing full stop is ignored: "Corp." = "corp").
fn trigger_mask(norm: &str) -> u8 {
    let stripped = norm.trim_end_matches('.');
    triggers().get(&word_key(stripped)).copied().unwrap_or(0)
}

/// Word-level statistics learnt from text by the trainer: distributional classes and how often
/// the word is capitalised when not sentence-initial.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordStats {
    /// Coarse distributional class + 1 (0: none).
    pub(crate) coarse: u16,
    /// Fine distributional class + 1 (0: none).
    pub(crate) fine: u16,
    /// Bin of the capitalisation ratio, 1..=5; 0 = unknown word.
    pub(crate) case_bin: u8,
}

/// Word statistics keyed by [`word_key`] of the lowercased, digit-normalised form.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub(crate) words: HashMap<u32, WordStats, FastBuild>,
    /// Known names: [`span_key`] of the normalised token sequence → bit mask of entity types
    /// (bit `EntityType::index`).
    pub(crate) names: HashMap<u64, u8, FastBuild>,
    /// Length in tokens of the longest known name.
    pub(crate) max_name_len: usize,
}

/// Longest name (in tokens) kept in the name list.
pub(crate) const MAX_NAME_LEN: usize = 6;

/// Key of a normalised token sequence in the name list.
pub(crate) fn span_key<'s>(norms: impl IntoIterator<Item = &'s str>) -> u64 {
    norms
        .into_iter()
        .fold(Hasher::new(30), |h, n| h.text(n))
        .full()
}

/// Key under which a normalised word is stored in the lexicon.
pub(crate) fn word_key(norm: &str) -> u32 {
    Hasher::new(0).text(norm).key()
}

/// Lowercases and maps every digit to `0`.
pub(crate) fn normalise(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_numeric() { '0' } else { c })
        .collect()
}

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// Word shape with runs of one character class capped at 4 (`Xxxxx` for "London"… "Xxxx").
fn long_shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    let mut run = 0;
    for c in word.chars().map(shape_char) {
        if Some(c) == last {
            run += 1;
        } else {
            run = 1;
            last = Some(c);
        }
        if run <= 4 {
            out.push(c);
        }
    }
    out
}

/// Word shape with runs collapsed (`Xx` for "London", `d-d` for "1996-08").
fn short_shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars().map(shape_char) {
        if Some(c) != last {
            out.push(c);
            last = Some(c);
        }
    }
    out
}

/// Whether the word starts with an uppercase letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Title case: starts uppercase and contains a lowercase letter.
fn is_title_case(word: &str) -> bool {
    is_capitalised(word) && word.chars().any(char::is_lowercase)
}

fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase)
}

/// What the document says about how words are written elsewhere in it.
#[derive(Debug, Default)]
pub(crate) struct DocContext {
    /// Keys of normalised forms written in lowercase somewhere in the document.
    lower_seen: HashSet<u32, FastBuild>,
    /// Keys of normalised forms written in title case at a non-initial position, with counts.
    title_mid: HashMap<u32, u32, FastBuild>,
}

impl DocContext {
    /// Adds a sentence's spellings to the document statistics.
    pub(crate) fn add(&mut self, sentence: &Prepared) {
        for (i, tok) in sentence.tokens.iter().enumerate() {
            if tok.word.chars().next().is_some_and(char::is_lowercase) {
                self.lower_seen.insert(tok.key);
            } else if i > 0 && !sentence.caps && is_title_case(tok.word) {
                *self.title_mid.entry(tok.key).or_insert(0) += 1;
            }
        }
    }
}

/// Whether a sentence is written in capitals (a headline): most of its letters-bearing tokens
/// have no lowercase letter.
fn sentence_mostly_caps<S: AsRef<str>>(sentence: &[S]) -> bool {
    let mut caps = 0;
    let mut lettered = 0;
    for tok in sentence {
        let tok = tok.as_ref();
        if tok.chars().any(char::is_alphabetic) {
            lettered += 1;
            if is_all_caps(tok) {
                caps += 1;
            }
        }
    }
    lettered >= 2 && caps * 4 >= lettered * 3
}

/// Per-token strings and lookups computed once per sentence.
struct TokenInfo<'a> {
    word: &'a str,
    norm: String,
    key: u32,
    shape: String,
    short: String,
    stats: WordStats,
    triggers: u8,
    /// Known-name matches covering the token: (type bit, position code, length).
    names: Vec<(u8, u8, u8)>,
}

impl<'a> TokenInfo<'a> {
    fn new(word: &'a str, lexicon: &Lexicon) -> TokenInfo<'a> {
        let norm = normalise(word);
        let key = word_key(&norm);
        TokenInfo {
            word,
            key,
            shape: long_shape(word),
            short: short_shape(word),
            stats: lexicon.words.get(&key).copied().unwrap_or_default(),
            triggers: trigger_mask(&norm),
            names: Vec::new(),
            norm,
        }
    }
}

/// Marks, for every type, the longest known name starting at each capitalised token.
fn mark_names(infos: &mut [TokenInfo], lexicon: &Lexicon) {
    for start in 0..infos.len() {
        let starts_name = infos.get(start).is_some_and(|t| {
            t.word
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        });
        if !starts_name {
            continue;
        }
        // Longest match per type bit.
        let mut longest = [0usize; 4];
        let mut h = Hasher::new(30);
        for len in 1..=lexicon.max_name_len.min(infos.len() - start) {
            let Some(t) = infos.get(start + len - 1) else {
                break;
            };
            h = h.text(&t.norm);
            if let Some(&mask) = lexicon.names.get(&h.full()) {
                for (bit, l) in longest.iter_mut().enumerate() {
                    if mask & (1 << bit) != 0 {
                        *l = len;
                    }
                }
            }
        }
        for (bit, &len) in longest.iter().enumerate() {
            for j in 0..len {
                let pos = match (j, len) {
                    (_, 1) => 0,
                    (0, _) => 1,
                    (j, l) if j + 1 == l => 3,
                    _ => 2,
                };
                if let Some(t) = infos.get_mut(start + j) {
                    t.names.push((bit as u8, pos, len.min(4) as u8));
                }
            }
        }
    }
}

/// A sentence prepared for feature extraction.
pub(crate) struct Prepared<'a> {
    tokens: Vec<TokenInfo<'a>>,
    /// Whether the sentence is a headline written in capitals.
    caps: bool,
}

impl<'a> Prepared<'a> {
    /// Normalises the tokens and looks them up in the lexicon.
    pub(crate) fn new<S: AsRef<str>>(tokens: &'a [S], lexicon: &Lexicon) -> Prepared<'a> {
        let mut infos: Vec<TokenInfo> = tokens
            .iter()
            .map(|t| TokenInfo::new(t.as_ref(), lexicon))
            .collect();
        if !lexicon.names.is_empty() {
            mark_names(&mut infos, lexicon);
        }
        Prepared {
            tokens: infos,
            caps: sentence_mostly_caps(tokens),
        }
    }
}

/// Features of a sentence: `keys[offsets[i]..offsets[i + 1]]` belong to token `i`.
#[derive(Debug, Default)]
pub(crate) struct SentenceFeatures {
    pub(crate) keys: Vec<u32>,
    pub(crate) offsets: Vec<usize>,
}

impl SentenceFeatures {
    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The feature keys of token `i` (empty when out of range).
    pub(crate) fn token(&self, i: usize) -> &[u32] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.keys.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

// Template ids.
const T_BIAS: u8 = 1;
const T_WORD: u8 = 2;
const T_NORM: u8 = 3;
const T_PREFIX: u8 = 4;
const T_SUFFIX: u8 = 5;
const T_SHAPE: u8 = 6;
const T_SHORT: u8 = 7;
const T_FLAG: u8 = 8;
const T_POS: u8 = 9;
const T_CTX_WORD: u8 = 10;
const T_CTX_SHAPE: u8 = 11;
const T_BIGRAM_L: u8 = 12;
const T_BIGRAM_R: u8 = 13;
const T_SHAPE3: u8 = 14;
const T_CLUSTER: u8 = 15;
const T_TRIGGER: u8 = 16;
const T_DOC: u8 = 17;
const T_CASE: u8 = 18;
const T_CAPS_SENT: u8 = 19;
const T_LEN: u8 = 20;
const T_CTX_CLUSTER: u8 = 21;
const T_NORM_CAPS: u8 = 22;
const T_NAME: u8 = 23;
const T_CTX_NAME: u8 = 24;
const T_STACK: u8 = 25;
const T_STACK_DOC: u8 = 26;

/// The non-empty classes of a word: (granularity, class + 1).
fn classes(stats: WordStats) -> impl Iterator<Item = (u8, u16)> {
    [(0u8, stats.coarse), (1, stats.fine)]
        .into_iter()
        .filter(|&(_, c)| c != 0)
}

/// First-pass tags of the document's capitalised words: per word key, counts of
/// [O, PER, ORG, LOC, MISC].
#[derive(Debug, Default)]
pub(crate) struct DocTags {
    counts: HashMap<u32, [u16; 5], FastBuild>,
}

fn tag_class(tag: Tag) -> usize {
    tag.entity_type().map_or(0, |t| 1 + t.index())
}

impl DocTags {
    /// Counts the first-pass tags of the capitalised tokens of a document.
    pub(crate) fn new(sentences: &[Prepared], tags: &[Vec<Tag>]) -> DocTags {
        let mut doc = DocTags::default();
        for (s, tags) in sentences.iter().zip(tags) {
            for (tok, &tag) in s.tokens.iter().zip(tags) {
                if is_capitalised(tok.word) {
                    let c = doc.counts.entry(tok.key).or_insert([0; 5]);
                    if let Some(n) = c.get_mut(tag_class(tag)) {
                        *n = n.saturating_add(1);
                    }
                }
            }
        }
        doc
    }

    /// Second-pass features of a sentence: its first-pass tags and how the same words were
    /// tagged elsewhere in the document.
    pub(crate) fn extract(&self, sentence: &Prepared, tags: &[Tag], out: &mut SentenceFeatures) {
        out.keys.clear();
        out.offsets.clear();
        out.offsets.push(0);
        let tag_at = |i: Option<usize>| {
            i.and_then(|i| tags.get(i))
                .map_or(NUM_TAGS as u8, |t| t.index() as u8)
        };
        for (i, tok) in sentence.tokens.iter().enumerate() {
            let own = tag_at(Some(i));
            let prev = tag_at(i.checked_sub(1));
            let next = tag_at(Some(i + 1));
            out.keys.push(Hasher::new(T_STACK).byte(own).key());
            out.keys
                .push(Hasher::new(T_STACK).byte(prev).byte(own).byte(next).key());
            if is_capitalised(tok.word)
                && let Some(&counts) = self.counts.get(&tok.key)
            {
                let mut elsewhere = counts;
                let own_class = tags.get(i).map_or(0, |&t| tag_class(t));
                if let Some(n) = elsewhere.get_mut(own_class) {
                    *n = n.saturating_sub(1);
                }
                let (best, n) = elsewhere
                    .iter()
                    .enumerate()
                    .skip(1)
                    .max_by_key(|&(c, &n)| (n, std::cmp::Reverse(c)))
                    .map_or((0, 0), |(c, &n)| (c, n));
                let o = elsewhere.first().copied().unwrap_or(0);
                let summary = if n == 0 {
                    if o > 0 { 5u8 } else { 6 }
                } else {
                    best as u8
                };
                let strength = match n {
                    0 => 0u8,
                    1 => 1,
                    2 => 2,
                    _ => 3,
                };
                out.keys.push(Hasher::new(T_STACK_DOC).byte(summary).key());
                out.keys.push(
                    Hasher::new(T_STACK_DOC)
                        .byte(summary)
                        .byte(own)
                        .byte(strength)
                        .byte(u8::from(o > 0))
                        .key(),
                );
            }
            out.offsets.push(out.keys.len());
        }
    }
}

fn norm_or<'b>(t: Option<&'b TokenInfo>) -> &'b str {
    t.map_or("<B>", |t| t.norm.as_str())
}

fn short_or<'b>(t: Option<&'b TokenInfo>) -> &'b str {
    t.map_or("<B>", |t| t.short.as_str())
}

/// Extracts the features of one sentence of a document.
pub(crate) fn extract(sentence: &Prepared, doc: &DocContext, out: &mut SentenceFeatures) {
    out.keys.clear();
    out.offsets.clear();
    out.offsets.push(0);
    let info = &sentence.tokens;
    let caps_sentence = sentence.caps;
    let n = info.len();
    let at = |i: isize| -> Option<&TokenInfo> { usize::try_from(i).ok().and_then(|i| info.get(i)) };
    let keys = &mut out.keys;
    for (i, tok) in info.iter().enumerate() {
        let mut push = |h: Hasher| keys.push(h.key());
        let word = tok.word;
        push(Hasher::new(T_BIAS));
        push(Hasher::new(T_WORD).text(word));
        push(Hasher::new(T_NORM).text(&tok.norm));
        push(Hasher::new(T_SHAPE).text(&tok.shape));
        push(Hasher::new(T_SHORT).text(&tok.short));
        push(Hasher::new(T_LEN).byte(word.chars().count().min(12) as u8));
        push(
            Hasher::new(T_CAPS_SENT)
                .byte(u8::from(caps_sentence))
                .text(&tok.short),
        );
        if caps_sentence {
            push(Hasher::new(T_NORM_CAPS).text(&tok.norm));
        }
        // Prefixes and suffixes (of the normalised form), 1..=4 characters.
        let norm = tok.norm.as_str();
        let ends = norm.char_indices().skip(1).map(|(b, _)| b);
        for (k, end) in ends
            .chain(std::iter::once(norm.len()))
            .take(AFFIX)
            .enumerate()
        {
            if let Some(p) = norm.get(..end) {
                push(Hasher::new(T_PREFIX).byte(k as u8).text(p));
            }
        }
        for (k, (start, _)) in norm.char_indices().rev().take(AFFIX).enumerate() {
            if let Some(s) = norm.get(start..) {
                push(Hasher::new(T_SUFFIX).byte(k as u8).text(s));
            }
        }
        // Orthographic flags.
        let capitalised = is_capitalised(word);
        let flags = [
            capitalised,
            is_all_caps(word),
            word.chars().any(char::is_numeric),
            !word.is_empty() && word.chars().all(char::is_numeric),
            word.contains('-'),
            word.contains('.'),
            word.contains('\''),
            !word.is_empty() && !word.chars().any(char::is_alphanumeric),
            word.chars().count() == 1 && capitalised,
            word.chars().skip(1).any(char::is_uppercase),
            !word.is_ascii(),
        ];
        for (f, _) in flags.iter().enumerate().filter(|(_, on)| **on) {
            push(Hasher::new(T_FLAG).byte(f as u8));
        }
        // Position in the sentence.
        let pos = if i == 0 {
            0u8
        } else if i + 1 == n {
            2
        } else {
            1
        };
        push(Hasher::new(T_POS).byte(pos).byte(u8::from(capitalised)));
        // Context words and shapes.
        let ii = i as isize;
        for d in 1..=WINDOW as isize {
            for (side, j) in [(0u8, ii - d), (1u8, ii + d)] {
                let tag = side * 8 + d as u8;
                match at(j) {
                    Some(c) => {
                        push(Hasher::new(T_CTX_WORD).byte(tag).text(&c.norm));
                        push(Hasher::new(T_CTX_SHAPE).byte(tag).text(&c.short));
                        for (g, class) in classes(c.stats) {
                            push(
                                Hasher::new(T_CTX_CLUSTER)
                                    .byte(tag)
                                    .byte(g)
                                    .num(u32::from(class)),
                            );
                        }
                    }
                    None => {
                        push(Hasher::new(T_CTX_WORD).byte(tag).text("<B>"));
                    }
                }
            }
        }
        let prev = at(ii - 1);
        let next = at(ii + 1);
        push(Hasher::new(T_BIGRAM_L).text(norm_or(prev)).text(&tok.norm));
        push(Hasher::new(T_BIGRAM_R).text(&tok.norm).text(norm_or(next)));
        push(
            Hasher::new(T_SHAPE3)
                .text(short_or(prev))
                .text(&tok.short)
                .text(short_or(next)),
        );
        // Distributional cluster of the word.
        for (g, class) in classes(tok.stats) {
            push(Hasher::new(T_CLUSTER).byte(g).num(u32::from(class)));
            push(
                Hasher::new(T_CLUSTER)
                    .byte(g + 2)
                    .num(u32::from(class))
                    .byte(u8::from(capitalised)),
            );
        }
        push(
            Hasher::new(T_CASE)
                .byte(tok.stats.case_bin)
                .byte(u8::from(capitalised))
                .byte(u8::from(i == 0)),
        );
        // Trigger words around the token.
        for (rel, t) in [(0u8, prev), (1, Some(tok)), (2, next)] {
            let mask = t.map_or(0, |t| t.triggers);
            for class in [PERSON_TITLE, ORG_WORD, LOC_WORD] {
                if mask & class != 0 {
                    push(
                        Hasher::new(T_TRIGGER)
                            .byte(rel)
                            .byte(class)
                            .byte(u8::from(capitalised)),
                    );
                }
            }
        }
        // Known names covering the token and its neighbours.
        for &(bit, pos, len) in &tok.names {
            push(Hasher::new(T_NAME).byte(bit).byte(pos));
            push(Hasher::new(T_NAME).byte(bit).byte(pos).byte(len).byte(8));
        }
        for (rel, t) in [(0u8, prev), (1, next)] {
            for &(bit, pos, _) in t.map_or(&[][..], |t| t.names.as_slice()) {
                push(Hasher::new(T_CTX_NAME).byte(rel).byte(bit).byte(pos));
            }
        }
        // Document-level spelling evidence for capitalised words.
        if capitalised {
            let lower_elsewhere = doc.lower_seen.contains(&tok.key);
            let mid_count = doc.title_mid.get(&tok.key).copied().unwrap_or(0);
            let own = u32::from(i > 0 && !caps_sentence && is_title_case(word));
            let title_elsewhere = mid_count > own;
            push(
                Hasher::new(T_DOC)
                    .byte(u8::from(lower_elsewhere))
                    .byte(u8::from(title_elsewhere))
                    .byte(u8::from(i == 0 || caps_sentence)),
            );
        }
        out.offsets.push(keys.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(long_shape("London"), "Xxxxx");
        assert_eq!(short_shape("London"), "Xx");
        assert_eq!(short_shape("1996-08-22"), "d-d-d");
        assert_eq!(short_shape("Москва"), "Xx");
        assert_eq!(long_shape(""), "");
    }

    #[test]
    fn normalise_digits_and_case() {
        assert_eq!(normalise("Route66"), "route00");
        assert_eq!(normalise("ÉCOLE"), "école");
    }

    #[test]
    fn extraction_handles_odd_tokens() {
        let long = "x".repeat(10_000);
        let tokens = ["", "🙂", long.as_str(), "Москва", "e\u{301}", "A"];
        let prepared = Prepared::new(&tokens, &Lexicon::default());
        let mut doc = DocContext::default();
        doc.add(&prepared);
        let mut out = SentenceFeatures::default();
        extract(&prepared, &doc, &mut out);
        assert_eq!(out.len(), tokens.len());
        for i in 0..tokens.len() {
            assert!(out.token(i).len() > 10);
            assert!(out.token(i).iter().all(|&k| k != 0));
        }
        assert!(out.token(99).is_empty());
    }

    #[test]
    fn doc_context_sees_other_spellings() {
        let a = ["Green", "won", "."];
        let b = ["The", "green", "party", "and", "Smith", "met", "Smith", "."];
        let mut doc = DocContext::default();
        for s in [&a[..], &b[..]] {
            doc.add(&Prepared::new(s, &Lexicon::default()));
        }
        assert!(doc.lower_seen.contains(&word_key("green")));
        assert_eq!(doc.title_mid.get(&word_key("smith")), Some(&2));
        assert!(!doc.title_mid.contains_key(&word_key("the")));
    }

    #[test]
    fn names_mark_tokens() {
        let mut lexicon = Lexicon::default();
        lexicon
            .names
            .insert(span_key(["new", "york", "city"]), 1 << 2);
        lexicon.names.insert(span_key(["york"]), 1 << 0);
        lexicon.max_name_len = 3;
        let tokens = ["in", "New", "York", "City", "york", "York"];
        let p = Prepared::new(&tokens, &lexicon);
        assert_eq!(p.tokens[1].names, [(2, 1, 3)]);
        assert_eq!(p.tokens[2].names, [(2, 2, 3), (0, 0, 1)]);
        assert_eq!(p.tokens[3].names, [(2, 3, 3)]);
        assert!(p.tokens[4].names.is_empty());
        assert_eq!(p.tokens[5].names, [(0, 0, 1)]);
    }

    #[test]
    fn triggers_load() {
        assert_eq!(trigger_mask("president") & PERSON_TITLE, PERSON_TITLE);
        assert_eq!(trigger_mask("corp.") & ORG_WORD, ORG_WORD);
        assert_eq!(trigger_mask("zzz"), 0);
    }
}
