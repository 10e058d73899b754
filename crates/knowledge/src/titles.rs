//! Title and role phrases ("former US Ambassador to NATO") and the token word stream that
//! multi-token matching runs on.

use rustc_hash::FxHashSet;
use std::cell::OnceCell;

use dragoman_model::Kind;

use crate::build::Index;
use crate::fold::Folding;
use crate::normalize::{POSSESSIVE, is_joiner, key, words};
use crate::schema::TitlesRec;

/// One normalised word of a token sequence.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// The normalised word (or the possessive marker).
    pub text: String,
    /// Index of the token it comes from (in the whole prepared sequence).
    pub token: usize,
    /// Index of the token after the match when a match ends with this word; `None` when the
    /// word is not the last of its token (a match may not end inside a token).
    pub end: Option<usize>,
    /// The transliteration folding key of the word, computed on first use.
    fold: OnceCell<String>,
}

impl Word {
    /// The folding key of this word ([`Folding::key`] of its text), computed once.
    pub(crate) fn folded(&self, folding: &Folding) -> &str {
        self.fold.get_or_init(|| folding.key(&self.text))
    }
}

/// What a token says about the letters it holds, for the acronym test of a token range.
#[derive(Debug, Clone, Copy, Default)]
struct Letters {
    /// Alphabetic characters.
    count: usize,
    /// Whether any of them is lowercase.
    lower: bool,
    /// Whether the first of them is uppercase (false when there is none).
    first_upper: bool,
}

impl Letters {
    fn of(token: &str) -> Letters {
        let mut out = Letters::default();
        for c in token.chars().filter(|c| c.is_alphabetic()) {
            if out.count == 0 {
                out.first_upper = c.is_uppercase();
            }
            out.count += 1;
            out.lower |= c.is_lowercase();
        }
        out
    }
}

/// Tokens (of a sentence, say) normalised once into words, so that many lookups at different
/// positions ([`crate::Knowledge::longest_match_in`], [`crate::Knowledge::title_in`]) do not
/// normalise the same tokens again. Built with [`PreparedTokens::new`]; owns its data.
#[derive(Debug, Clone, Default)]
pub struct PreparedTokens {
    /// The normalised words of all tokens, in order.
    words: Vec<Word>,
    /// Index in `words` of the first word of each token, plus one final entry.
    starts: Vec<usize>,
    /// For each token, the first token at or after it that ends every word stream
    /// (punctuation that may not sit inside a name), or the token count.
    stops: Vec<usize>,
    /// Per token: whether its first letter is uppercase.
    capitalised: Vec<bool>,
    /// Per token: its letters, for the acronym test.
    letters: Vec<Letters>,
}

impl PreparedTokens {
    /// Normalises tokens (words and punctuation as a tokenizer gives them). Joining
    /// punctuation ("-", ".", "'") gives no word; any other punctuation ends every name that
    /// would run over it.
    pub fn new(tokens: &[&str]) -> PreparedTokens {
        let n = tokens.len();
        let mut out = PreparedTokens {
            words: Vec::with_capacity(n),
            starts: Vec::with_capacity(n + 1),
            stops: vec![n; n + 1],
            capitalised: Vec::with_capacity(n),
            letters: Vec::with_capacity(n),
        };
        let mut stop_here = vec![false; n];
        for (i, token) in tokens.iter().enumerate() {
            out.starts.push(out.words.len());
            out.capitalised.push(starts_uppercase(token));
            out.letters.push(Letters::of(token));
            let ws = words(token);
            if ws.is_empty() {
                if let Some(s) = stop_here.get_mut(i) {
                    *s = !is_joiner(token);
                }
                continue;
            }
            let count = ws.len();
            let last_real = if ws.last().is_some_and(|w| w == POSSESSIVE) && count > 1 {
                count - 2
            } else {
                count - 1
            };
            for (j, w) in ws.into_iter().enumerate() {
                out.words.push(Word {
                    text: w,
                    token: i,
                    end: (j >= last_real).then_some(i + 1),
                    fold: OnceCell::new(),
                });
            }
        }
        out.starts.push(out.words.len());
        for i in (0..n).rev() {
            let next = out.stops.get(i + 1).copied().unwrap_or(n);
            if let Some(s) = out.stops.get_mut(i) {
                *s = if stop_here.get(i).copied().unwrap_or(false) {
                    i
                } else {
                    next
                };
            }
        }
        out
    }

    /// How many tokens were prepared.
    pub fn len(&self) -> usize {
        self.capitalised.len()
    }

    /// Whether no token was prepared.
    pub fn is_empty(&self) -> bool {
        self.capitalised.is_empty()
    }

    /// The word stream of tokens `start..end`: their words up to the first token that ends
    /// names. An `end` past the last token stands for the last token; empty when `start` is
    /// past it or the range is empty.
    pub(crate) fn stream(&self, start: usize, end: usize) -> &[Word] {
        let Some(&stop) = self.stops.get(start) else {
            return &[];
        };
        let end = end.min(stop).min(self.len()).max(start);
        match (self.starts.get(start), self.starts.get(end)) {
            (Some(&a), Some(&b)) => self.words.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether the first letter of token `i` is uppercase.
    pub(crate) fn capitalised(&self, i: usize) -> bool {
        self.capitalised.get(i).copied().unwrap_or(false)
    }

    /// Whether tokens `start..end`, written as they are, may stand for an acronym alias:
    /// without lowercase letters ("NATO", "U.S."), or capitalised with at least four letters
    /// ("Nato"); the same test as on the tokens joined by spaces.
    pub(crate) fn acronym_ok(&self, start: usize, end: usize) -> bool {
        let range = self.letters.get(start..end).unwrap_or(&[]);
        if range.iter().all(|l| !l.lower) {
            return true;
        }
        let count: usize = range.iter().map(|l| l.count).sum();
        let first_upper = range
            .iter()
            .find(|l| l.count > 0)
            .is_some_and(|l| l.first_upper);
        count >= 4 && first_upper
    }
}

/// Whether the first letter of a token is uppercase (a token without letters is not).
fn starts_uppercase(token: &str) -> bool {
    token
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_uppercase())
}

/// Scans phrases of up to `max` words starting at word `p`, skipping possessive markers
/// inside, and returns the longest one (ending on a token boundary) that `accept` takes:
/// (word position after it, what `accept` returned). `accept` gets the phrase key, the
/// index of the token after the phrase and the position of its last word.
pub(crate) fn scan<T>(
    stream: &[Word],
    p: usize,
    max: usize,
    mut accept: impl FnMut(&str, usize, usize) -> Option<T>,
) -> Option<(usize, T)> {
    let mut phrase = String::new();
    let mut count = 0;
    let mut best = None;
    for (q, w) in stream.iter().enumerate().skip(p) {
        if w.text == POSSESSIVE {
            if q == p {
                break;
            }
            continue;
        }
        count += 1;
        if count > max {
            break;
        }
        if !phrase.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(&w.text);
        if let Some(end) = w.end
            && let Some(v) = accept(&phrase, end, q)
        {
            best = Some((q + 1, v));
        }
    }
    best
}

/// A set of normalised phrases with the length of the longest.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseSet {
    phrases: FxHashSet<String>,
    max: usize,
}

impl PhraseSet {
    fn new<'a>(items: impl Iterator<Item = &'a String>) -> PhraseSet {
        let mut set = PhraseSet::default();
        for item in items {
            let k = key(item);
            if k.is_empty() {
                continue;
            }
            set.max = set.max.max(k.split(' ').count());
            set.phrases.insert(k);
        }
        set
    }

    /// Whether a normalised word or phrase is in the set.
    pub(crate) fn contains(&self, k: &str) -> bool {
        self.phrases.contains(k)
    }

    /// The longest phrase of the set at word `p`: the word position after it.
    fn at(&self, stream: &[Word], p: usize) -> Option<usize> {
        scan(stream, p, self.max, |k, _, _| {
            self.phrases.contains(k).then_some(())
        })
        .map(|(e, ())| e)
    }
}

/// The title vocabulary.
#[derive(Debug, Clone, Default)]
pub(crate) struct Titles {
    titles: PhraseSet,
    /// Modifiers ("former", "deputy").
    pub modifiers: PhraseSet,
    links: PhraseSet,
    domains: PhraseSet,
    /// Head words of titles ("minister" of "Foreign Minister", "secretary" of "Secretary of
    /// State").
    pub heads: FxHashSet<String>,
}

impl Titles {
    /// Compiles the title sections.
    pub(crate) fn new(rec: &TitlesRec) -> Titles {
        let links = PhraseSet::new(rec.links.iter());
        let mut heads = FxHashSet::default();
        for title in &rec.titles {
            let k = key(title);
            let ws: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
            let head = match ws.iter().position(|w| links.contains(w)) {
                Some(link) => link.checked_sub(1).and_then(|h| ws.get(h)),
                None => ws.last(),
            };
            if let Some(h) = head {
                heads.insert((*h).to_string());
            }
        }
        Titles {
            titles: PhraseSet::new(rec.titles.iter()),
            modifiers: PhraseSet::new(rec.modifiers.iter()),
            links,
            domains: PhraseSet::new(rec.domains.iter()),
            heads,
        }
    }

    /// Positions reachable from word `p` by skipping modifiers: `p` itself, then after each
    /// further modifier.
    fn modifier_ends(&self, stream: &[Word], p: usize) -> Vec<usize> {
        let mut ends = vec![p];
        let mut q = p;
        while let Some(next) = self.modifiers.at(stream, q) {
            ends.push(next);
            q = next;
        }
        ends
    }
}

/// Whether an entity may qualify a title ("US", "NATO", "Kremlin").
fn qualifier_kind(kind: Kind) -> bool {
    matches!(kind, Kind::Gpe | Kind::Government | Kind::Organization)
}

/// Whether an entity may complete "X of/to Y".
fn complement_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Gpe | Kind::Government | Kind::Organization | Kind::Location
    )
}

/// Length in tokens of the title phrase starting at token `start` and ending by token `end`
/// of prepared tokens.
///
/// Grammar: modifiers* [qualifier ['s] modifiers*] title [link [the] (entity | domain)],
/// where a qualifier is a country, government or organisation name or a demonym.
pub(crate) fn title_at(
    index: &Index,
    tokens: &PreparedTokens,
    start: usize,
    end: usize,
) -> Option<usize> {
    let t = &index.titles;
    let ws = tokens.stream(start, end);
    // Modifier words may also be titles ("chief", "deputy"): try the longest run first and
    // back off.
    let title_end = t.modifier_ends(ws, 0).into_iter().rev().find_map(|first| {
        let qualified = index
            .entity_at(tokens, ws, first, |e| qualifier_kind(e.kind))
            .map(|(end, _)| end)
            .or_else(|| index.demonym_at(tokens, ws, first))
            .and_then(|q| {
                let q = if ws.get(q).is_some_and(|w| w.text == POSSESSIVE) {
                    q + 1
                } else {
                    q
                };
                t.modifier_ends(ws, q)
                    .into_iter()
                    .rev()
                    .find_map(|m| t.titles.at(ws, m))
            });
        qualified.or_else(|| t.titles.at(ws, first))
    })?;
    let mut p = title_end;
    if let Some(after_link) = t.links.at(ws, p) {
        let object = if ws.get(after_link).is_some_and(|w| w.text == "the") {
            after_link + 1
        } else {
            after_link
        };
        let complement = index
            .entity_at(tokens, ws, object, |e| complement_kind(e.kind))
            .map(|(end, _)| end)
            .or_else(|| t.domains.at(ws, object))
            .or_else(|| t.domains.at(ws, after_link));
        if let Some(c) = complement {
            p = c;
        }
    }
    ws.get(p.checked_sub(1)?)?.end?.checked_sub(start)
}
