//! A learned attribution tagger: each word of a sentence gets one of seven labels (outside,
//! or the beginning / inside of a source, cue or content span), chosen left to right by an
//! averaged perceptron over hashed lexical, shape, cue-lexicon, quotation-mark and position
//! features and the two previous labels.
//!
//! The weights are trained by [`train`] on PolNeAR-style data (see `models/attribution/`)
//! and stored as little-endian `f32` after a small header ([`Tagger::to_bytes`]).

#[cfg(test)]
use crate::features::averaged_quantised;
use crate::features::{hash, last_chars};
use rustc_hash::FxHashMap;

use dragoman_model::Span;

use super::words::Word;
use crate::NlpError;
use crate::syntax::{Tags, WordClass, chunks};

/// Number of labels: outside, then begin/inside for source, cue and content.
pub(crate) const LABELS: usize = 7;

#[cfg(test)]
/// Hashed feature buckets of a newly trained model, as a power of two.
pub(crate) const BITS: u32 = 17;

/// Weights per bucket as held in memory: the `LABELS` weights and a zero, so that a row is
/// 16 aligned bytes that never straddle two cache lines.
const ROW: usize = 8;

/// The default [`Tagger::outside_bias`].
const OUTSIDE_BIAS: f32 = 10.0;

/// Header of a stored model: then the scale (`f32`) and the weights as `i16` multiples of it.
const MAGIC: &[u8; 4] = b"DQT2";

/// An attribution role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Who is reported.
    Source,
    /// The cue.
    Cue,
    /// What is attributed.
    Content,
}

impl Role {
    const ALL: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

    #[cfg(test)]
    fn index(self) -> usize {
        match self {
            Role::Source => 0,
            Role::Cue => 1,
            Role::Content => 2,
        }
    }

    #[cfg(test)]
    /// The label that begins (`inside == false`) or continues a span of this role.
    pub(crate) fn label(self, inside: bool) -> u8 {
        (1 + 2 * self.index() + usize::from(inside)) as u8
    }

    fn of_label(label: u8) -> Option<(Role, bool)> {
        let l = usize::from(label).checked_sub(1)?;
        Role::ALL.get(l / 2).map(|r| (*r, l % 2 == 1))
    }
}

/// What the rule-based finder made of a word, a feature of the tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleMark {
    /// Not part of a rule's attribution.
    None,
    /// In a speaker phrase.
    Source,
    /// In a cue.
    Cue,
    /// In the content of indirect speech.
    Content,
    /// In a direct quotation.
    Quoted,
}

impl RuleMark {
    fn name(self) -> &'static str {
        match self {
            RuleMark::None => "o",
            RuleMark::Source => "s",
            RuleMark::Cue => "c",
            RuleMark::Content => "n",
            RuleMark::Quoted => "q",
        }
    }
}

/// A sentence prepared for tagging: its words and, per word, whether the cue lexicon
/// matches there and what the rules found.
pub(crate) struct Sentence<'a> {
    /// The words.
    pub words: &'a [Word<'a>],
    /// True where a cue of the lexicon starts.
    pub cue: Vec<bool>,
    /// The rules' role of each word.
    pub rule: Vec<RuleMark>,
    /// How often each word is part of a cue in the training data ([`CueRates::level`]).
    pub rate: Vec<u8>,
    /// The same for the word's stem ([`CueRates::stem_level`]): "denounces" counts with
    /// "denounced".
    pub stem_rate: Vec<u8>,
    /// Each word's part of speech and chunk tag.
    pub tags: Vec<Tags>,
    /// Each word's most frequent WordNet class as the verb or noun its part of speech says.
    pub class: Vec<Option<WordClass>>,
    /// The labels a first tagger gave the words, features of a second one (stacking);
    /// empty for the first tagger.
    pub first: Vec<u8>,
}

/// A crude English stem: a possessive, then a plural or verb ending and a final "e" cut off
/// ("denounces", "denounced", "denouncing" → "denounc"); the key of stem counts starts with
/// `~` so it never meets a word. Written into `key` (cleared first), so that one buffer
/// serves many words.
fn stem_key(word: &str, key: &mut String) {
    let w = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    let long = |suffix: &str, min: usize| w.len() >= suffix.len() + min && w.ends_with(suffix);
    let cut = |n: usize| w.get(..w.len() - n).unwrap_or(w);
    key.clear();
    key.push('~');
    if long("ies", 2) || long("ied", 2) {
        key.push_str(cut(3));
        key.push('y');
    } else if long("ing", 3) {
        key.push_str(cut(3));
    } else if long("ed", 3) || long("es", 3) {
        key.push_str(cut(2));
    } else if long("s", 3) && !w.ends_with("ss") {
        key.push_str(cut(1));
    } else {
        key.push_str(w);
    }
    // The stem proper is the key after its `~`.
    if key.len() > 1 + 3 && key.ends_with('e') {
        key.pop();
    }
}

/// How often each (lowercased) word is part of an annotated cue in the training data: its
/// count inside cues and its count overall. Stored as `word<TAB>cue<TAB>total` lines.
#[derive(Debug, Default, Clone)]
pub(crate) struct CueRates(FxHashMap<String, (u32, u32)>);

impl CueRates {
    /// Reads the stored lines (malformed lines are skipped).
    pub(crate) fn parse(text: &str) -> Self {
        let mut map = FxHashMap::default();
        for line in text.lines() {
            let mut parts = line.split('\t');
            if let (Some(w), Some(Ok(c)), Some(Ok(t))) = (
                parts.next(),
                parts.next().map(str::parse::<u32>),
                parts.next().map(str::parse::<u32>),
            ) {
                map.insert(w.to_string(), (c, t));
            }
        }
        CueRates(map)
    }

    /// [`CueRates::level`] of a word's stem (all its forms counted together); `key` is a
    /// buffer for the stem's key, reused across words.
    pub(crate) fn stem_level(&self, word: &str, key: &mut String) -> u8 {
        stem_key(word, key);
        self.level(key)
    }

    /// A coarse level of a word's cue rate: 0 when never a cue (or seen fewer than twice),
    /// then below 5 %, below 20 %, below 50 %, and from 50 % up (4).
    pub(crate) fn level(&self, word: &str) -> u8 {
        match self.0.get(word) {
            Some(&(cue, total)) if cue > 0 && total >= 2 => {
                let rate = f64::from(cue) / f64::from(total);
                if rate < 0.05 {
                    1
                } else if rate < 0.2 {
                    2
                } else if rate < 0.5 {
                    3
                } else {
                    4
                }
            }
            _ => 0,
        }
    }

    #[cfg(test)]
    /// Counts one occurrence of a word (and of its stem), inside a cue or not.
    pub(crate) fn count(&mut self, word: &str, cue: bool) {
        let mut stem = String::new();
        stem_key(word, &mut stem);
        for key in [word.to_string(), stem] {
            let e = self.0.entry(key).or_default();
            e.0 += u32::from(cue);
            e.1 += 1;
        }
    }

    #[cfg(test)]
    /// Adds another set of counts.
    pub(crate) fn add(&mut self, other: &CueRates) {
        for (w, (c, t)) in &other.0 {
            let e = self.0.entry(w.clone()).or_default();
            e.0 += c;
            e.1 += t;
        }
    }

    #[cfg(test)]
    /// The stored form: the words ever in a cue and seen at least twice, sorted.
    pub(crate) fn to_text(&self) -> String {
        let mut rows: Vec<_> = self
            .0
            .iter()
            .filter(|(_, (c, t))| *c > 0 && *t >= 2)
            .collect();
        rows.sort();
        rows.iter()
            .map(|(w, (c, t))| format!("{w}\t{c}\t{t}\n"))
            .collect()
    }
}

/// The trained weights.
pub(crate) struct Tagger {
    /// `LABELS` weights per bucket, in units of `scale` (kept quantised: half the memory of
    /// `f32`, so more of the table stays in cache), each bucket padded to [`ROW`] weights.
    weights: Vec<i16>,
    /// Value of one unit of `weights`.
    scale: f32,
    /// Number of feature buckets minus one (the buckets are a power of two).
    mask: u32,
    /// Subtracted from the score of "outside" when decoding: above zero, the tagger marks
    /// more words as part of an attribution (trading precision for recall).
    pub(crate) outside_bias: f32,
    /// Per decoder state (the two previous labels), the scores of the label features that
    /// do not depend on the word: the same for every sentence, so looked up once.
    history: [[f32; LABELS]; STATES],
}

/// Decoder states: `p2 * LABELS + p1`, the two previous labels.
const STATES: usize = LABELS * LABELS;

/// A coarse word shape: `Xx`, `x`, `X`, `d`, or the punctuation itself.
fn shape<'a>(w: &'a Word) -> &'a str {
    let Some(first) = w.text.chars().next() else {
        return "";
    };
    if w.is_punct() {
        w.text
    } else if first.is_numeric() {
        "d"
    } else if w.text.chars().all(char::is_uppercase) && w.text.chars().count() > 1 {
        "X"
    } else if first.is_uppercase() {
        "Xx"
    } else {
        "x"
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4-6",
        7..=10 => "7-10",
        11..=20 => "11-20",
        _ => "21+",
    }
}

/// True for a straight or typographic double quotation mark.
pub(crate) fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "«" | "»" | "„")
}

/// Feature keys per word of a stacked (second) tagger: the base features, then the
/// features of the first tagger's labels.
const FEATURES_PER_WORD: usize = BASE_FEATURES + STACKED_FEATURES;
/// Features per word that do not depend on the first tagger's labels.
const BASE_FEATURES: usize = LEXICAL_FEATURES + SYNTAX_FEATURES;
/// Features per word from words, shapes, cue lexicon and rates and the rules.
const LEXICAL_FEATURES: usize = 36;
/// Features per word from parts of speech, chunks and word classes.
const SYNTAX_FEATURES: usize = 22;
/// Features per word computed from the first tagger's labels.
const STACKED_FEATURES: usize = 11;

/// The features of each word that do not depend on labels: the base features, followed by
/// those of the first tagger's labels when the sentence has them.
pub(crate) fn static_features(s: &Sentence) -> Vec<Vec<u32>> {
    let mut out = base_features(s);
    add_stacked_features(s, &mut out);
    out
}

/// Whether each word is inside quotation marks.
fn quoted(ws: &[Word]) -> Vec<bool> {
    let mut quoted = Vec::with_capacity(ws.len());
    let mut open = false;
    for w in ws {
        match w.text {
            "“" | "«" | "„" => open = true,
            "”" | "»" => open = false,
            "\"" => open = !open,
            _ => {}
        }
        quoted.push(open);
    }
    quoted
}

/// The features of each word that depend neither on labels nor on a first tagger.
fn base_features(s: &Sentence) -> Vec<Vec<u32>> {
    let ws = s.words;
    let n = ws.len();
    let word = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| ws.get(i))
            .map_or("<s>", |w| w.lower.as_str())
    };
    let quoted = quoted(ws);
    let has_cue = s.cue.iter().any(|c| *c);
    let has_mark = ws.iter().any(|w| is_quote_mark(w.text));
    let sentence_flags = match (has_cue, has_mark) {
        (true, true) => "cq",
        (true, false) => "c",
        (false, true) => "q",
        (false, false) => "-",
    };
    let cue_at: Vec<usize> = (0..n).filter(|i| s.cue.get(*i) == Some(&true)).collect();
    let rule = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| s.rule.get(i))
            .map_or("<s>", |r| r.name())
    };
    const LEVELS: [&str; 5] = ["0", "1", "2", "3", "4"];
    let level = |i: usize| -> &str {
        s.rate
            .get(i)
            .and_then(|l| LEVELS.get(usize::from(*l)))
            .copied()
            .unwrap_or("0")
    };
    let stem_level = |i: usize| -> &str {
        s.stem_rate
            .get(i)
            .and_then(|l| LEVELS.get(usize::from(*l)))
            .copied()
            .unwrap_or("0")
    };
    let likely: Vec<usize> = (0..n).filter(|i| s.rate.get(*i) >= Some(&3)).collect();
    let top_level = s.rate.iter().max().map_or(0, |l| *l);
    let top = LEVELS.get(usize::from(top_level)).copied().unwrap_or("0");
    let mut out = Vec::with_capacity(n);
    for (i, w) in ws.iter().enumerate() {
        let ii = i as isize;
        let left_likely = likely
            .iter()
            .rev()
            .find(|c| **c < i)
            .map_or("none", |c| bucket(i - c));
        let right_likely = likely
            .iter()
            .find(|c| **c > i)
            .map_or("none", |c| bucket(c - i));
        let w0 = w.lower.as_str();
        let suffix = last_chars(w0, 3);
        let left_at = cue_at.iter().rev().find(|c| **c < i).copied();
        let right_at = cue_at.iter().find(|c| **c > i).copied();
        let left = left_at.map(|c| bucket(i - c));
        let right = right_at.map(|c| bucket(c - i));
        let left_cue = left_at
            .and_then(|c| ws.get(c))
            .map_or("-", |w| w.lower.as_str());
        let right_cue = right_at
            .and_then(|c| ws.get(c))
            .map_or("-", |w| w.lower.as_str());
        let is_cue = if s.cue.get(i) == Some(&true) {
            "1"
        } else {
            "0"
        };
        let q = if quoted.get(i) == Some(&true) {
            "1"
        } else {
            "0"
        };
        let base: [u32; LEXICAL_FEATURES] = [
            hash(0, &[]),
            hash(1, &[w0]),
            hash(2, &[word(ii - 1)]),
            hash(3, &[word(ii + 1)]),
            hash(4, &[word(ii - 2)]),
            hash(5, &[word(ii + 2)]),
            hash(6, &[word(ii - 1), w0]),
            hash(7, &[w0, word(ii + 1)]),
            hash(8, &[shape(w)]),
            hash(9, &[suffix]),
            hash(10, &[is_cue]),
            hash(11, &[left.unwrap_or("none")]),
            hash(12, &[right.unwrap_or("none")]),
            hash(13, &[left.unwrap_or("none"), right.unwrap_or("none"), q]),
            hash(14, &[q, shape(w)]),
            hash(15, &[bucket(i), sentence_flags]),
            hash(16, &[bucket(n - i - 1)]),
            hash(17, &[is_cue, w0]),
            hash(
                18,
                &[
                    ws.get(i.wrapping_sub(1)).map_or("<s>", shape),
                    shape(w),
                    ws.get(i + 1).map_or("</s>", shape),
                ],
            ),
            hash(23, &[rule(ii)]),
            hash(24, &[rule(ii - 1), rule(ii), rule(ii + 1)]),
            hash(25, &[rule(ii), w0]),
            hash(26, &[rule(ii), is_cue, q]),
            hash(27, &[rule(ii), shape(w)]),
            hash(28, &[shape(w), word(ii + 1)]),
            hash(29, &[word(ii - 1), shape(w)]),
            hash(30, &[left_cue, left.unwrap_or("none")]),
            hash(31, &[right_cue, right.unwrap_or("none")]),
            hash(32, &[level(i)]),
            hash(33, &[level(i), is_cue, top]),
            hash(34, &[left_likely, right_likely, q]),
            hash(35, &[level(i.wrapping_sub(1)), level(i), level(i + 1)]),
            hash(36, &[top, sentence_flags]),
            hash(37, &[stem_level(i)]),
            hash(38, &[stem_level(i), level(i), is_cue]),
            hash(
                39,
                &[
                    stem_level(i.wrapping_sub(1)),
                    stem_level(i),
                    stem_level(i + 1),
                ],
            ),
        ];
        let mut f = Vec::with_capacity(FEATURES_PER_WORD);
        f.extend_from_slice(&base);
        out.push(f);
    }
    add_syntax_features(s, &level, &mut out);
    out
}

/// A word's chunk tag as the features name it: "O", "BNP", "INP", …
fn chunk_name(t: Tags) -> &'static str {
    /// By [`Tags::chunk`]: outside, then begin / inside of each of [`crate::syntax::PHRASES`].
    const NAMES: [&str; 23] = [
        "O", "BNP", "INP", "BVP", "IVP", "BPP", "IPP", "BADVP", "IADVP", "BADJP", "IADJP", "BSBAR",
        "ISBAR", "BPRT", "IPRT", "BINTJ", "IINTJ", "BCONJP", "ICONJP", "BLST", "ILST", "BUCP",
        "IUCP",
    ];
    NAMES.get(usize::from(t.chunk)).copied().unwrap_or("O")
}

/// What follows a verb chunk: a "that" clause, a colon, a comma, a quotation mark, "to",
/// a noun phrase, something else, or the end of the sentence.
fn complement(s: &Sentence, end: usize) -> &'static str {
    let Some(w) = s.words.get(end) else {
        return "end";
    };
    match w.lower.as_str() {
        "that" => "that",
        ":" => ":",
        "," => ",",
        "to" => "to",
        x if is_quote_mark(x) => "q",
        _ => match s.tags.get(end).and_then(|t| t.phrase()) {
            Some("NP") => "np",
            Some("PP") => "pp",
            Some("SBAR") => "sbar",
            _ => "other",
        },
    }
}

/// Appends to each word's features those of parts of speech, chunks and word classes: the
/// tags around the word, its class (alone, with its cue-rate level and part of speech), and
/// the clause structure: whether its noun phrase is the one right before a verb chunk or the
/// first of its clause, the head verb of the next and previous verb chunks with its class and
/// distance, and what follows the previous verb chunk ("that", a colon, a quotation).
fn add_syntax_features<'a>(s: &Sentence, level: &dyn Fn(usize) -> &'a str, out: &mut [Vec<u32>]) {
    let n = s.words.len();
    let quoted = quoted(s.words);
    let tag_at = |i: Option<usize>| i.and_then(|i| s.tags.get(i)).copied();
    let pos = |i: Option<usize>| tag_at(i).map_or("<s>", |t| t.pos_name());
    let chunk = |i: Option<usize>| tag_at(i).map_or("<s>", chunk_name);
    let class = |i: usize| {
        s.class
            .get(i)
            .copied()
            .flatten()
            .map_or("-", WordClass::name)
    };
    let found = chunks(&s.tags);
    // Per chunk: its head (the last verb of a verb chunk, else its last word).
    let head = |c: &crate::syntax::Chunk| {
        (c.start..c.end)
            .rev()
            .find(|i| tag_at(Some(*i)).is_some_and(|t| t.is_verb()))
            .unwrap_or(c.end.saturating_sub(1))
    };
    let verbs: Vec<(usize, &crate::syntax::Chunk)> = found
        .iter()
        .enumerate()
        .filter(|(_, c)| c.phrase == "VP")
        .collect();
    // Per word: the index of its chunk.
    let mut chunk_of: Vec<Option<usize>> = vec![None; n];
    for (k, c) in found.iter().enumerate() {
        for slot in chunk_of.iter_mut().take(c.end).skip(c.start) {
            *slot = Some(k);
        }
    }
    // Noun phrases that open their clause: the first of the sentence, or the first after a
    // comma, semicolon, colon, quotation mark, conjunction or subordinate clause marker.
    let mut first_np = vec![false; found.len()];
    let mut open = true;
    for (k, c) in found.iter().enumerate() {
        let before = c.start.checked_sub(1).and_then(|i| s.words.get(i));
        if before.is_some_and(|w| matches!(w.lower.as_str(), "," | ";" | ":" | "and" | "but"))
            || before.is_some_and(|w| is_quote_mark(w.text))
            || c.phrase == "SBAR"
        {
            open = true;
        }
        if c.phrase == "NP" {
            if let Some(f) = first_np.get_mut(k) {
                *f = open;
            }
            open = false;
        } else if c.phrase == "VP" {
            open = false;
        }
    }
    // What each noun phrase names, by its words: a person, a group, a name, a pronoun.
    let names: Vec<&str> = found
        .iter()
        .map(|c| {
            let has = |f: &dyn Fn(usize) -> bool| (c.start..c.end).any(f);
            if c.phrase != "NP" {
                "-"
            } else if has(&|i| class(i) == "noun.person") {
                "person"
            } else if has(&|i| class(i) == "noun.group") {
                "group"
            } else if has(&|i| pos(Some(i)) == "NNP") {
                "name"
            } else if has(&|i| pos(Some(i)) == "PRP") {
                "pronoun"
            } else {
                "other"
            }
        })
        .collect();
    for (i, f) in out.iter_mut().enumerate().take(n) {
        let ii = Some(i);
        let k = chunk_of.get(i).copied().flatten();
        let names = k.and_then(|k| names.get(k)).copied().unwrap_or("-");
        let phrase = tag_at(ii).and_then(|t| t.phrase()).unwrap_or("O");
        let next_vp = verbs.iter().find(|(j, c)| c.start > i && Some(*j) != k);
        let prev_vp = verbs.iter().rev().find(|(_, c)| c.end <= i);
        let head_of = |v: Option<&(usize, &crate::syntax::Chunk)>| {
            v.map_or(("-", "-"), |(_, c)| {
                let h = head(c);
                (s.words.get(h).map_or("-", |w| w.lower.as_str()), class(h))
            })
        };
        let (next_head, next_class) = head_of(next_vp);
        let (prev_head, prev_class) = head_of(prev_vp);
        let head_level =
            |v: Option<&(usize, &crate::syntax::Chunk)>| v.map_or("none", |(_, c)| level(head(c)));
        let chunk_distance = |v: Option<&(usize, &crate::syntax::Chunk)>| match (v, k) {
            (Some((j, _)), Some(k)) => bucket(j.abs_diff(k)),
            (Some(_), None) => "w",
            _ => "none",
        };
        let subject = match (k, next_vp) {
            (Some(k), Some((j, _))) if phrase == "NP" && *j == k + 1 => "1",
            _ => "0",
        };
        let first = if k.and_then(|k| first_np.get(k)) == Some(&true) {
            "1"
        } else {
            "0"
        };
        let after = prev_vp.map_or("none", |(_, c)| complement(s, c.end));
        let place = match (tag_at(ii), tag_at(Some(i + 1))) {
            (Some(t), _) if t.phrase().is_none() => "o",
            (Some(t), Some(next)) if !next.begins() && next.phrase() == t.phrase() => {
                if t.begins() { "b" } else { "i" }
            }
            _ => "e",
        };
        let q = if quoted.get(i) == Some(&true) {
            "1"
        } else {
            "0"
        };
        let is_cue = if s.cue.get(i) == Some(&true) {
            "1"
        } else {
            "0"
        };
        let syntax: [u32; SYNTAX_FEATURES] = [
            hash(60, &[pos(ii)]),
            hash(61, &[pos(i.checked_sub(1)), pos(ii), pos(Some(i + 1))]),
            hash(62, &[chunk(ii)]),
            hash(
                63,
                &[chunk(i.checked_sub(1)), chunk(ii), chunk(Some(i + 1))],
            ),
            hash(64, &[class(i)]),
            hash(65, &[class(i), level(i)]),
            hash(66, &[class(i), pos(ii), is_cue]),
            hash(67, &[subject, next_class]),
            hash(68, &[next_class, chunk_distance(next_vp), phrase]),
            hash(69, &[prev_class, chunk_distance(prev_vp), phrase]),
            hash(70, &[first, phrase, next_class]),
            hash(71, &[after, prev_class, q]),
            hash(72, &[pos(ii), level(i)]),
            hash(73, &[next_head, subject]),
            hash(74, &[prev_head, after]),
            hash(75, &[place, pos(ii)]),
            hash(
                76,
                &[
                    i.checked_sub(1).map_or("<s>", class),
                    class(i),
                    class(i + 1),
                ],
            ),
            hash(77, &[subject, head_level(next_vp), phrase]),
            hash(78, &[phrase, head_level(prev_vp), chunk_distance(prev_vp)]),
            hash(79, &[next_class, head_level(next_vp), first]),
            hash(80, &[names, subject, head_level(next_vp)]),
            hash(81, &[names, next_class, prev_class]),
        ];
        f.extend_from_slice(&syntax);
    }
}

/// Appends to each word's features those of the first tagger's labels (`s.first`); nothing
/// when the sentence has no first labels.
pub(crate) fn add_stacked_features(s: &Sentence, features: &mut [Vec<u32>]) {
    if s.first.is_empty() {
        return;
    }
    let ws = s.words;
    let n = ws.len();
    let quoted = quoted(ws);
    // The first tagger's labels: per word, and where it put cues.
    const FIRST: [&str; LABELS] = ["o", "s", "S", "c", "C", "n", "N"];
    let first = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| s.first.get(i))
            .and_then(|l| FIRST.get(usize::from(*l)))
            .copied()
            .unwrap_or("<s>")
    };
    let first_at = |labels: [u8; 2]| -> Vec<usize> {
        (0..n)
            .filter(|i| s.first.get(*i).is_some_and(|l| labels.contains(l)))
            .collect()
    };
    let (first_sources, first_cues, first_contents) =
        (first_at([1, 2]), first_at([3, 4]), first_at([5, 6]));
    let around = |at: &[usize], i: usize| -> (&str, &str) {
        (
            at.iter()
                .rev()
                .find(|c| **c < i)
                .map_or("none", |c| bucket(i - c)),
            at.iter()
                .find(|c| **c > i)
                .map_or("none", |c| bucket(c - i)),
        )
    };
    let first_roles: String = {
        let has = |ls: &[u8]| s.first.iter().any(|l| ls.contains(l));
        [(&[1u8, 2][..], 's'), (&[3, 4][..], 'c'), (&[5, 6][..], 'n')]
            .iter()
            .filter(|(ls, _)| has(ls))
            .map(|(_, c)| *c)
            .collect()
    };
    for ((i, w), f) in ws.iter().enumerate().zip(features.iter_mut()) {
        let ii = i as isize;
        let w0 = w.lower.as_str();
        let q = if quoted.get(i) == Some(&true) {
            "1"
        } else {
            "0"
        };
        let (left, right) = around(&first_cues, i);
        let (left_source, right_source) = around(&first_sources, i);
        let (left_content, right_content) = around(&first_contents, i);
        let left_cue_word = first_cues
            .iter()
            .rev()
            .find(|c| **c < i)
            .and_then(|c| ws.get(*c))
            .map_or("-", |w| w.lower.as_str());
        let stacked: [u32; STACKED_FEATURES] = [
            hash(48, &[left_source, right_source, first(ii)]),
            hash(49, &[left_content, right_content, first(ii)]),
            hash(50, &[left_cue_word, left, first(ii)]),
            hash(40, &[first(ii)]),
            hash(41, &[first(ii - 1), first(ii), first(ii + 1)]),
            hash(42, &[first(ii), w0]),
            hash(43, &[left, right, first(ii)]),
            hash(44, &[&first_roles, first(ii)]),
            hash(45, &[first(ii - 2), first(ii - 1), first(ii)]),
            hash(46, &[first(ii), first(ii + 1), first(ii + 2)]),
            hash(47, &[first(ii), shape(w), q]),
        ];
        f.truncate(BASE_FEATURES);
        f.extend_from_slice(&stacked);
    }
}

/// Features that depend on the previous two labels.
fn label_features(w0: &str, prev: u8, prev2: u8, out: &mut [u32; 3]) {
    let p = [b'0' + prev];
    let pp = [b'0' + prev2, b'0' + prev];
    let p = std::str::from_utf8(&p).unwrap_or("");
    let pp = std::str::from_utf8(&pp).unwrap_or("");
    out[0] = hash(20, &[p]);
    out[1] = hash(21, &[pp]);
    out[2] = label_word_feature(w0, prev);
}

/// The one feature of [`label_features`] that depends on the word: the previous label with it.
fn label_word_feature(w0: &str, prev: u8) -> u32 {
    let p = [b'0' + prev];
    hash(22, &[std::str::from_utf8(&p).unwrap_or(""), w0])
}

#[cfg(test)]
fn scores(weights: &[f32], mask: u32, features: &[u32], extra: &[u32]) -> [f32; LABELS] {
    let mut s = [0.0f32; LABELS];
    for f in features.iter().chain(extra.iter()) {
        let base = (*f & mask) as usize * LABELS;
        if let Some(row) = weights.get(base..base + LABELS) {
            for (acc, w) in s.iter_mut().zip(row) {
                *acc += w;
            }
        }
    }
    s
}

#[cfg(test)]
fn best(s: &[f32; LABELS]) -> u8 {
    let mut b = 0;
    for (l, v) in s.iter().enumerate() {
        if *v > s[b] {
            b = l;
        }
    }
    b as u8
}

impl Tagger {
    /// Reads stored weights; an empty input means no model (`None`).
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Option<Self>, NlpError> {
        if bytes.is_empty() {
            return Ok(None);
        }
        let (stored, scale, mask) =
            crate::features::read_weights(bytes, MAGIC, LABELS, "attribution model")?;
        let weights = padded(stored.into_iter(), mask as usize + 1);
        Ok(Some(Tagger::new(weights, scale, mask)))
    }

    /// A tagger of padded `weights` (see [`padded`]) in units of `scale` over `mask + 1`
    /// buckets, with the default outside bias.
    fn new(weights: Vec<i16>, scale: f32, mask: u32) -> Self {
        let mut tagger = Tagger {
            weights,
            scale,
            mask,
            outside_bias: OUTSIDE_BIAS,
            history: [[0.0; LABELS]; STATES],
        };
        let mut extra = [0u32; 3];
        let mut history = [[0.0f32; LABELS]; STATES];
        for (state, h) in history.iter_mut().enumerate() {
            label_features(
                "",
                (state % LABELS) as u8,
                (state / LABELS) as u8,
                &mut extra,
            );
            *h = tagger.scores(&extra[..2]);
        }
        tagger.history = history;
        tagger
    }

    #[cfg(test)]
    /// The stored form of the weights: each rounded to a multiple of the largest one /
    /// `i16::MAX`.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in self.weights.chunks_exact(ROW) {
            for w in row.iter().take(LABELS) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// The summed weights of the features' buckets, per label (in feature order, each weight
    /// unit times the scale: the same figures as weights stored as `f32`).
    fn scores(&self, features: &[u32]) -> [f32; LABELS] {
        // All `ROW` lanes are summed (each lane on its own, so the sums are those of the
        // labels alone) and the padding lane is dropped.
        let mut s = [0.0f32; ROW];
        for f in features {
            let base = (*f & self.mask) as usize * ROW;
            if let Some(row) = self.weights.get(base..base + ROW) {
                for (acc, w) in s.iter_mut().zip(row) {
                    *acc += f32::from(*w) * self.scale;
                }
            }
        }
        let mut out = [0.0f32; LABELS];
        for (o, v) in out.iter_mut().zip(s) {
            *o = v;
        }
        out
    }

    /// The label of each word of a sentence: the best-scoring sequence (Viterbi over the
    /// two previous labels) in which an inside label only continues a span of its role.
    #[cfg(test)]
    pub(crate) fn tag(&self, s: &Sentence) -> Vec<u8> {
        self.tag_features(s, &static_features(s))
    }

    /// [`Tagger::tag`] with the sentence's [`static_features`] computed by the caller (a
    /// stacked tagger shares the base features with the first one, see
    /// [`add_stacked_features`]).
    pub(crate) fn tag_features(&self, s: &Sentence, features: &[Vec<u32>]) -> Vec<u8> {
        let mut delta = [f32::NEG_INFINITY; STATES];
        delta[0] = 0.0;
        let mut back: Vec<[u8; STATES]> = Vec::with_capacity(features.len());
        let history = &self.history;
        // Every word's scores that do not depend on the decoder's state, looked up before
        // decoding so that the weight rows (mostly cache misses) load side by side.
        let scored: Vec<([f32; LABELS], [[f32; LABELS]; LABELS])> = s
            .words
            .iter()
            .zip(features)
            .map(|(w, f)| {
                let mut lexical = [[0.0f32; LABELS]; LABELS];
                for (p1, row) in lexical.iter_mut().enumerate() {
                    *row = self.scores(&[label_word_feature(&w.lower, p1 as u8)]);
                }
                (self.scores(f), lexical)
            })
            .collect();
        for (base, lexical) in &scored {
            let mut next = [f32::NEG_INFINITY; STATES];
            let mut from = [0u8; STATES];
            for (state, d) in delta.iter().enumerate() {
                if !d.is_finite() {
                    continue;
                }
                let p1 = (state % LABELS) as u8;
                let (Some(h), Some(lex)) = (history.get(state), lexical.get(usize::from(p1)))
                else {
                    continue;
                };
                // Summed in the order of the features: previous, two previous, with word.
                let mut sc = [0.0f32; LABELS];
                for (((a, x), y), b) in sc.iter_mut().zip(h).zip(lex).zip(base) {
                    *a = x + y + b;
                }
                sc[0] -= self.outside_bias;
                let Some(may) = ALLOWED.get(usize::from(p1)) else {
                    continue;
                };
                for ((l, v), ok) in sc.iter().enumerate().zip(may) {
                    if !ok {
                        continue;
                    }
                    let to = usize::from(p1) * LABELS + l;
                    let total = d + v;
                    if let (Some(n), Some(b)) = (next.get_mut(to), from.get_mut(to))
                        && total > *n
                    {
                        *n = total;
                        *b = state as u8;
                    }
                }
            }
            delta = next;
            back.push(from);
        }
        let mut state = (0..STATES)
            .max_by(|a, b| delta[*a].total_cmp(&delta[*b]))
            .unwrap_or(0);
        let mut labels = vec![0u8; back.len()];
        for (l, from) in labels.iter_mut().zip(&back).rev() {
            *l = (state % LABELS) as u8;
            state = usize::from(from.get(state).copied().unwrap_or(0));
        }
        labels
    }
}

/// `LABELS` weights per bucket laid out as [`ROW`] per bucket, the rest zero.
fn padded(weights: impl Iterator<Item = i16>, buckets: usize) -> Vec<i16> {
    let mut out = vec![0i16; buckets * ROW];
    for (slot, w) in out
        .chunks_exact_mut(ROW)
        .flat_map(|row| row.iter_mut().take(LABELS))
        .zip(weights)
    {
        *slot = w;
    }
    out
}

/// Whether label `[prev][label]` may follow `prev`: an inside label (2, 4, 6) only after a
/// label of its role (the labels being `1 + 2 * role + inside`).
const ALLOWED: [[bool; LABELS]; LABELS] = {
    let mut table = [[true; LABELS]; LABELS];
    let mut prev = 0;
    while prev < LABELS {
        let mut label = 2;
        while label < LABELS {
            table[prev][label] = prev > 0 && (prev - 1) / 2 == (label - 1) / 2;
            label += 2;
        }
        prev += 1;
    }
    table
};

/// The spans of each role in a labelled sentence, in order.
pub(crate) fn spans(words: &[Word], labels: &[u8]) -> Vec<(Role, Span)> {
    let mut out: Vec<(Role, Span)> = Vec::new();
    let mut open: Option<Role> = None;
    for (w, l) in words.iter().zip(labels) {
        match Role::of_label(*l) {
            None => open = None,
            Some((role, inside)) => {
                if inside && open == Some(role) {
                    if let Some(last) = out.last_mut() {
                        last.1 = Span::new(last.1.start, w.span.end);
                    }
                } else {
                    out.push((role, w.span));
                }
                open = Some(role);
            }
        }
    }
    out
}

#[cfg(test)]
/// Gold labels of a sentence's words from role spans (cue before source before content
/// where spans nest).
pub(crate) fn gold_labels(words: &[Word], roles: &[(Role, Span)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(words.len());
    let mut previous: Option<(Role, Span)> = None;
    for w in words {
        let found = [Role::Cue, Role::Source, Role::Content]
            .into_iter()
            .find_map(|r| {
                roles
                    .iter()
                    .find(|(role, s)| *role == r && s.overlaps(w.span))
                    .copied()
            });
        match found {
            None => out.push(0),
            Some((role, span)) => out.push(role.label(previous == Some((role, span)))),
        }
        previous = found;
    }
    out
}

#[cfg(test)]
/// One training sentence: its label-free features and gold labels.
pub(crate) struct Example {
    features: Vec<Vec<u32>>,
    words: Vec<String>,
    gold: Vec<u8>,
}

#[cfg(test)]
impl Example {
    /// Prepares a sentence with its gold labels.
    pub(crate) fn new(s: &Sentence, gold: Vec<u8>) -> Self {
        Example {
            features: static_features(s),
            words: s.words.iter().map(|w| w.lower.clone()).collect(),
            gold,
        }
    }
}

#[cfg(test)]
/// Trains an averaged perceptron for `epochs` passes over the examples (in a shuffled
/// order fixed by `seed`), the history being the predicted labels.
pub(crate) fn train(examples: &[Example], epochs: usize, seed: u64, bits: u32) -> Tagger {
    let buckets = 1usize << bits;
    let mask = (buckets - 1) as u32;
    let mut weights = vec![0.0f32; buckets * LABELS];
    let mut totals = vec![0.0f64; buckets * LABELS];
    let mut step: f64 = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = seed | 1;
    let update = |weights: &mut [f32], totals: &mut [f64], f: u32, l: u8, d: f32, t| {
        let k = (f & mask) as usize * LABELS + usize::from(l);
        if let (Some(w), Some(tot)) = (weights.get_mut(k), totals.get_mut(k)) {
            *w += d;
            *tot += f64::from(d) * t;
        }
    };
    for _ in 0..epochs {
        crate::features::shuffle(&mut order, &mut state);
        for &e in &order {
            let Some(ex) = examples.get(e) else { continue };
            let (mut prev, mut prev2) = (0u8, 0u8);
            let mut extra = [0u32; 3];
            for ((f, w), g) in ex.features.iter().zip(&ex.words).zip(&ex.gold) {
                label_features(w, prev, prev2, &mut extra);
                let p = best(&scores(&weights, mask, f, &extra));
                if p != *g {
                    for x in f.iter().chain(extra.iter()) {
                        update(&mut weights, &mut totals, *x, *g, 1.0, step);
                        update(&mut weights, &mut totals, *x, p, -1.0, step);
                    }
                }
                step += 1.0;
                prev2 = prev;
                prev = p;
            }
        }
    }
    let (quantised, scale) = averaged_quantised(&weights, &totals, step);
    Tagger::new(padded(quantised.into_iter(), buckets), scale, mask)
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    #[test]
    fn chunk_names_spell_begin_or_inside_and_the_phrase() {
        for chunk in 0..30u8 {
            let t = Tags { pos: 0, chunk };
            let spelt = match t.phrase() {
                None => "O".to_string(),
                Some(p) if t.begins() => format!("B{p}"),
                Some(p) => format!("I{p}"),
            };
            assert_eq!(chunk_name(t), spelt);
        }
    }

    #[test]
    fn allowed_table_follows_roles() {
        for prev in 0..LABELS as u8 {
            for label in 0..LABELS as u8 {
                let expected = match Role::of_label(label) {
                    Some((role, true)) => Role::of_label(prev).is_some_and(|(r, _)| r == role),
                    _ => true,
                };
                assert_eq!(
                    ALLOWED[usize::from(prev)][usize::from(label)],
                    expected,
                    "{prev} -> {label}"
                );
            }
        }
    }

    #[test]
    fn padded_rows_round_trip_and_score_like_the_stored_weights() {
        // Two buckets of seven weights each, stored as written.
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&0.5f32.to_le_bytes());
        let stored: Vec<i16> = (1..=14).map(|w| w * 3 - 20).collect();
        for w in &stored {
            bytes.extend_from_slice(&w.to_le_bytes());
        }
        let tagger = Tagger::from_bytes(&bytes).unwrap().unwrap();
        assert_eq!(tagger.to_bytes(), bytes);
        // Bucket 1 twice and bucket 0 once (feature 2 falls in bucket 0).
        let s = tagger.scores(&[1, 2, 3]);
        for (l, v) in s.iter().enumerate() {
            let expected = (f32::from(stored[7 + l]) * 0.5 + f32::from(stored[l]) * 0.5)
                + f32::from(stored[7 + l]) * 0.5;
            assert_eq!(*v, expected);
        }
    }
}
