//! Transliteration folding for [`crate::Knowledge::name_key`], driven by `names.toml`.

use rustc_hash::FxHashMap;

use crate::normalize::{POSSESSIVE, words};
use crate::schema::NamesRec;

/// Folding rules compiled from the `[names]` sections.
#[derive(Debug, Clone, Default)]
pub(crate) struct Folding {
    /// Replacements anywhere in a word, in order, each with the [`byte_mask`] of its
    /// pattern (a rule whose bytes the word lacks is skipped without a search).
    infix: Vec<(String, String, u64)>,
    /// Ending replacements, longest ending first.
    suffix: Vec<(String, String)>,
    /// Whether doubled letters fold to one.
    collapse_doubles: bool,
    /// Folded spelling → folded canonical spelling ("kyev" → "kyiv").
    variants: FxHashMap<String, String>,
}

/// A 64-bit summary of the bytes of `s` (bit `b % 64` for every byte `b`): when a pattern
/// has a bit the word's mask lacks, the word cannot contain the pattern.
fn byte_mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | 1u64 << (b & 63))
}

/// Normalises one rule operand to the lowercase folded alphabet of [`words`].
fn operand(s: &str) -> String {
    words(s).concat()
}

impl Folding {
    /// Compiles the rules of all `[names]` sections, in file order.
    pub(crate) fn new(names: &NamesRec) -> Folding {
        let mut folding = Folding {
            infix: names
                .infix_rules
                .iter()
                .map(|[a, b]| (operand(a), operand(b)))
                .filter(|(a, _)| !a.is_empty())
                .map(|(a, b)| {
                    let mask = byte_mask(&a);
                    (a, b, mask)
                })
                .collect(),
            suffix: names
                .suffix_rules
                .iter()
                .map(|[a, b]| (operand(a), operand(b)))
                .filter(|(a, _)| !a.is_empty())
                .collect(),
            collapse_doubles: names.collapse_doubles.unwrap_or(false),
            variants: FxHashMap::default(),
        };
        folding
            .suffix
            .sort_by_key(|(from, _)| std::cmp::Reverse(from.chars().count()));
        for group in &names.word_variants {
            let Some(canonical) = group.first().map(|c| folding.fold_raw(&operand(c))) else {
                continue;
            };
            for variant in group {
                let folded = folding.fold_raw(&operand(variant));
                if folded != canonical {
                    folding.variants.insert(folded, canonical.clone());
                }
            }
        }
        folding
    }

    /// Collapses doubled letters when enabled ("odessa" → "odesa").
    fn collapse(&self, word: &str) -> String {
        if !self.collapse_doubles {
            return word.to_string();
        }
        let mut out = String::with_capacity(word.len());
        for c in word.chars() {
            if !out.ends_with(c) || c.is_numeric() {
                out.push(c);
            }
        }
        out
    }

    /// Applies doubling, infix and suffix rules to one normalised word. Doubles are
    /// collapsed again after the infix rules, which can create them ("zhzh" → "jj").
    fn fold_raw(&self, word: &str) -> String {
        let mut w = self.collapse(word);
        let mut mask = byte_mask(&w);
        for (from, to, needs) in &self.infix {
            if needs & !mask == 0 && w.contains(from.as_str()) {
                w = w.replace(from.as_str(), to);
                mask = byte_mask(&w);
            }
        }
        w = self.collapse(&w);
        for (from, to) in &self.suffix {
            // Keep at least one character before the ending so short words survive.
            if w.len() > from.len()
                && let Some(stem) = w.strip_suffix(from.as_str())
            {
                w = format!("{stem}{to}");
                break;
            }
        }
        w
    }

    /// Folds one normalised word, including the spelling-variant table.
    fn fold_word(&self, word: &str) -> String {
        let folded = self.fold_raw(word);
        self.variants.get(&folded).cloned().unwrap_or(folded)
    }

    /// The folding key of a name: normalised words, each folded, joined by spaces.
    pub(crate) fn key(&self, name: &str) -> String {
        self.key_of_words(&words(name), &mut FxHashMap::default())
    }

    /// [`Folding::key`] for words already split, remembering folded words in `memo` (bulk
    /// indexing folds the same words many times).
    pub(crate) fn key_of_words(
        &self,
        ws: &[String],
        memo: &mut FxHashMap<String, String>,
    ) -> String {
        let mut slice = ws;
        if let Some((first, rest)) = slice.split_first()
            && first == "the"
            && !rest.is_empty()
        {
            slice = rest;
        }
        let mut out = String::new();
        for w in slice.iter().filter(|w| w.as_str() != POSSESSIVE) {
            if !out.is_empty() {
                out.push(' ');
            }
            match memo.get(w) {
                Some(f) => out.push_str(f),
                None => {
                    let f = self.fold_word(w);
                    out.push_str(&f);
                    memo.insert(w.clone(), f);
                }
            }
        }
        out
    }
}
