//! Feature extraction: every token of a sentence gets a list of hashed feature keys.
//!
//! Features are hashed (FNV-1a, folded to 32 bits) rather than interned, so extraction never
//! allocates per feature and the model stores only the keys it learned weights for.

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

    /// The 32-bit key; 0 is reserved for "empty" in the model's table.
    pub(crate) fn key(self) -> u32 {
        let folded = (self.0 ^ (self.0 >> 32)) as u32;
        if folded == 0 { 1 } else { folded }
    }
}

/// Trigger word classes from `data/triggers.txt`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Trigger {
    PersonTitle,
    OrgWord,
    LocWord,
}

fn triggers() -> &'static HashMap<&'static str, Vec<Trigger>> {
    static TRIGGERS: OnceLock<HashMap<&'static str, Vec<Trigger>>> = OnceLock::new();
    TRIGGERS.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<Trigger>> = HashMap::new();
        let mut section = None;
        for line in include_str!("../data/triggers.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line {
                "[person_title]" => section = Some(Trigger::PersonTitle),
                "[org_word]" => section = Some(Trigger::OrgWord),
                "[loc_word]" => section = Some(Trigger::LocWord),
                word => {
                    if let Some(s) = section {
                        map.entry(word).or_default().push(s);
                    }
                }
            }
        }
        map
    })
}

fn trigger_classes(lower: &str) -> &'static [Trigger] {
    let stripped = lower.trim_end_matches('.');
    triggers().get(stripped).map(Vec::as_slice).unwrap_or(&[])
}

/// Word-level statistics learnt from text by the trainer: a distributional cluster and how often
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

/// Word statistics keyed by the hash of the lowercased, digit-normalised form.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub(crate) words: HashMap<u32, WordStats>,
}

impl Lexicon {
    pub(crate) fn get(&self, norm: &str) -> WordStats {
        self.words.get(&word_key(norm)).copied().unwrap_or_default()
    }
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
    /// Normalised forms written in lowercase somewhere in the document.
    lower_seen: HashSet<String>,
    /// Normalised forms written in title case at a non-initial position, with counts.
    title_mid: HashMap<String, u32>,
}

impl DocContext {
    /// Gathers the document's spelling statistics from its sentences.
    pub(crate) fn new<S: AsRef<str>>(sentences: &[&[S]]) -> DocContext {
        let mut ctx = DocContext::default();
        for sentence in sentences {
            let mostly_caps = sentence_mostly_caps(sentence);
            for (i, tok) in sentence.iter().enumerate() {
                let tok = tok.as_ref();
                if tok.chars().next().is_some_and(char::is_lowercase) {
                    ctx.lower_seen.insert(normalise(tok));
                } else if i > 0 && !mostly_caps && is_title_case(tok) {
                    *ctx.title_mid.entry(normalise(tok)).or_insert(0) += 1;
                }
            }
        }
        ctx
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

/// Per-token strings computed once per sentence.
struct TokenInfo<'a> {
    word: &'a str,
    norm: String,
    shape: String,
    short: String,
    stats: WordStats,
}

impl<'a> TokenInfo<'a> {
    fn new(word: &'a str, lexicon: &Lexicon) -> TokenInfo<'a> {
        let norm = normalise(word);
        let stats = lexicon.get(&norm);
        TokenInfo {
            word,
            shape: long_shape(word),
            short: short_shape(word),
            norm,
            stats,
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

/// The non-empty classes of a word: (granularity, class + 1).
fn classes(stats: WordStats) -> impl Iterator<Item = (u8, u16)> {
    [(0u8, stats.coarse), (1, stats.fine)]
        .into_iter()
        .filter(|&(_, c)| c != 0)
}

fn norm_or<'b>(t: Option<&'b TokenInfo>) -> &'b str {
    t.map_or("<B>", |t| t.norm.as_str())
}

fn short_or<'b>(t: Option<&'b TokenInfo>) -> &'b str {
    t.map_or("<B>", |t| t.short.as_str())
}

/// Extracts the features of one sentence of a document.
pub(crate) fn extract<S: AsRef<str>>(
    tokens: &[S],
    doc: &DocContext,
    lexicon: &Lexicon,
    out: &mut SentenceFeatures,
) {
    out.keys.clear();
    out.offsets.clear();
    out.offsets.push(0);
    let info: Vec<TokenInfo> = tokens
        .iter()
        .map(|t| TokenInfo::new(t.as_ref(), lexicon))
        .collect();
    let caps_sentence = sentence_mostly_caps(tokens);
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
        let bounds: Vec<usize> = tok
            .norm
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(tok.norm.len()))
            .collect();
        let nchars = bounds.len().saturating_sub(1);
        for k in 1..=AFFIX.min(nchars) {
            if let Some(p) = bounds.get(k).and_then(|&b| tok.norm.get(..b)) {
                push(Hasher::new(T_PREFIX).byte(k as u8).text(p));
            }
            if let Some(s) = bounds.get(nchars - k).and_then(|&b| tok.norm.get(b..)) {
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
            if let Some(t) = t {
                for &class in trigger_classes(&t.norm) {
                    push(
                        Hasher::new(T_TRIGGER)
                            .byte(rel)
                            .byte(class as u8)
                            .byte(u8::from(capitalised)),
                    );
                }
            }
        }
        // Document-level spelling evidence for capitalised words.
        if capitalised {
            let lower_elsewhere = doc.lower_seen.contains(&tok.norm);
            let mid_count = doc.title_mid.get(&tok.norm).copied().unwrap_or(0);
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
        let doc = DocContext::new(&[&tokens[..]]);
        let mut out = SentenceFeatures::default();
        extract(&tokens, &doc, &Lexicon::default(), &mut out);
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
        let doc = DocContext::new(&[&a[..], &b[..]]);
        assert!(doc.lower_seen.contains("green"));
        assert_eq!(doc.title_mid.get("smith"), Some(&2));
        assert!(!doc.title_mid.contains_key("the"));
    }

    #[test]
    fn triggers_load() {
        assert!(trigger_classes("president").contains(&Trigger::PersonTitle));
        assert!(trigger_classes("corp.").contains(&Trigger::OrgWord));
        assert!(trigger_classes("zzz").is_empty());
    }
}
