//! Title and role phrases ("former US Ambassador to NATO") and the token word stream that
//! multi-token matching runs on.

use std::collections::HashSet;

use dragoman_model::Kind;

use crate::build::Index;
use crate::normalize::{POSSESSIVE, is_joiner, key, words};
use crate::schema::TitlesRec;

/// One normalised word of a token sequence.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// The normalised word (or the possessive marker).
    pub text: String,
    /// Index of the token it comes from.
    pub token: usize,
    /// Token count consumed when a match ends with this word; `None` when the word is not the
    /// last of its token (a match may not end inside a token).
    pub end: Option<usize>,
}

/// Turns tokens into normalised words. Joining punctuation ("-", ".", "'") is skipped;
/// any other punctuation ends the stream.
pub(crate) fn stream(tokens: &[&str]) -> Vec<Word> {
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let ws = words(token);
        if ws.is_empty() {
            if is_joiner(token) {
                continue;
            }
            break;
        }
        let n = ws.len();
        let last_real = if ws.last().is_some_and(|w| w == POSSESSIVE) && n > 1 {
            n - 2
        } else {
            n - 1
        };
        for (j, w) in ws.into_iter().enumerate() {
            let end = (j >= last_real).then_some(i + 1);
            out.push(Word {
                text: w,
                token: i,
                end,
            });
        }
    }
    out
}

/// Scans phrases of up to `max` words starting at word `p`, skipping possessive markers
/// inside, and returns the longest one (ending on a token boundary) that `accept` takes:
/// (word position after it, what `accept` returned). `accept` gets the phrase key and the
/// token count the phrase would consume.
pub(crate) fn scan<T>(
    stream: &[Word],
    p: usize,
    max: usize,
    mut accept: impl FnMut(&str, usize) -> Option<T>,
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
            && let Some(v) = accept(&phrase, end)
        {
            best = Some((q + 1, v));
        }
    }
    best
}

/// A set of normalised phrases with the length of the longest.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseSet {
    phrases: HashSet<String>,
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
        scan(stream, p, self.max, |k, _| {
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
    pub heads: HashSet<String>,
}

impl Titles {
    /// Compiles the title sections.
    pub(crate) fn new(rec: &TitlesRec) -> Titles {
        let links = PhraseSet::new(rec.links.iter());
        let mut heads = HashSet::new();
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

/// Length in tokens of the title phrase starting at `tokens[0]`.
///
/// Grammar: modifiers* [qualifier ['s] modifiers*] title [link [the] (entity | domain)],
/// where a qualifier is a country, government or organisation name or a demonym.
pub(crate) fn title_at(index: &Index, tokens: &[&str]) -> Option<usize> {
    let t = &index.titles;
    let ws = stream(tokens);
    // Modifier words may also be titles ("chief", "deputy"): try the longest run first and
    // back off.
    let end = t
        .modifier_ends(&ws, 0)
        .into_iter()
        .rev()
        .find_map(|start| {
            let qualified = index
                .entity_at(tokens, &ws, start, |e| qualifier_kind(e.kind))
                .map(|(end, _)| end)
                .or_else(|| index.demonym_at(tokens, &ws, start))
                .and_then(|q| {
                    let q = if ws.get(q).is_some_and(|w| w.text == POSSESSIVE) {
                        q + 1
                    } else {
                        q
                    };
                    t.modifier_ends(&ws, q)
                        .into_iter()
                        .rev()
                        .find_map(|m| t.titles.at(&ws, m))
                });
            qualified.or_else(|| t.titles.at(&ws, start))
        })?;
    let mut p = end;
    if let Some(after_link) = t.links.at(&ws, p) {
        let object = if ws.get(after_link).is_some_and(|w| w.text == "the") {
            after_link + 1
        } else {
            after_link
        };
        let complement = index
            .entity_at(tokens, &ws, object, |e| complement_kind(e.kind))
            .map(|(end, _)| end)
            .or_else(|| t.domains.at(&ws, object))
            .or_else(|| t.domains.at(&ws, after_link));
        if let Some(c) = complement {
            p = c;
        }
    }
    ws.get(p.checked_sub(1)?)?.end
}
