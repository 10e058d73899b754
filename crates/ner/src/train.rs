//! Training: an averaged structured perceptron over the hashed features, with Viterbi decoding
//! under IOB2 constraints.

use crate::conll::Sentence;
use crate::features::{self, DocContext, DocTags, Lexicon, Prepared, SentenceFeatures, WordStats};
use crate::model::{Weights, viterbi};
use crate::{EntityType, NUM_TAGS, NerError, Tag, Tagger};
use std::collections::HashMap;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling of sentences between epochs.
    pub seed: u64,
    /// Features seen fewer times than this in the training data are ignored.
    pub min_count: u32,
    /// After averaging, features whose weights are all smaller than this (in absolute value)
    /// are dropped from the model.
    pub prune: f32,
    /// Extra unlabelled sentences (tokens) used only for word statistics (capitalisation
    /// ratios and distributional clusters).
    pub unlabeled: Vec<Vec<String>>,
    /// Known names with their types (e.g. from an external annotated corpus), used as match
    /// features; names longer than 6 tokens are ignored.
    pub names: Vec<(Vec<String>, EntityType)>,
    /// Train a second pass that also sees the first pass's tags of the same words elsewhere
    /// in the document (first-pass tags of the training data come from 4-fold jackknifing).
    pub stack: bool,
    /// Number of fine distributional word classes to induce (0: none); a coarse clustering
    /// with an eighth as many classes is induced too.
    pub clusters: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 14,
            seed: 7,
            min_count: 1,
            prune: 0.01,
            unlabeled: Vec::new(),
            names: Vec::new(),
            stack: true,
            clusters: 0,
        }
    }
}

/// Entity names (token sequences with their types) of a CoNLL-style gold file, for
/// [`TrainOptions::names`]. A language prefix on every token, as in WikiANN (`en:Paris`), is
/// removed.
pub fn names_from_conll(text: &str) -> Result<Vec<(Vec<String>, EntityType)>, NerError> {
    let sentences = crate::conll::read(text)?;
    let prefix = sentences
        .first()
        .and_then(|s| s.tokens.first())
        .and_then(|t| language_prefix(t))
        .map(str::to_string);
    let strip = |t: &str| -> String {
        match &prefix {
            Some(p) => t.strip_prefix(p.as_str()).unwrap_or(t).to_string(),
            None => t.to_string(),
        }
    };
    let mut names = Vec::new();
    for s in &sentences {
        for (a, b, ty) in crate::entity_spans(&s.tags) {
            if let Some(tokens) = s.tokens.get(a..b) {
                names.push((tokens.iter().map(|t| strip(t)).collect(), ty));
            }
        }
    }
    Ok(names)
}

/// `"en:"` in `"en:Paris"`: two or three lowercase ASCII letters and a colon before more text.
fn language_prefix(token: &str) -> Option<&str> {
    let (lang, rest) = token.split_once(':')?;
    let ok = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
    (ok && !rest.is_empty()).then(|| token.get(..lang.len() + 1))?
}

/// Trains a tagger on gold sentences.
pub fn train(sentences: &[Sentence], options: &TrainOptions) -> Result<Tagger, NerError> {
    train_with(sentences, options, |_, _| {})
}

/// Like [`train`], calling `after_epoch(epoch, &averaged_tagger_so_far)` after each epoch
/// (1-based), e.g. to measure a development set.
pub fn train_with(
    sentences: &[Sentence],
    options: &TrainOptions,
    mut after_epoch: impl FnMut(usize, &Tagger),
) -> Result<Tagger, NerError> {
    if sentences.is_empty() {
        return Err(NerError::Training("no training sentences".into()));
    }
    if options.epochs == 0 {
        return Err(NerError::Training("epochs must be at least 1".into()));
    }
    if let Some(s) = sentences.iter().find(|s| s.tokens.len() != s.tags.len()) {
        return Err(NerError::Training(format!(
            "sentence {:?} has {} tokens but {} tags",
            s.tokens.first(),
            s.tokens.len(),
            s.tags.len()
        )));
    }
    let lexicon = build_lexicon(sentences, options);
    let (base, docs) = featurise(sentences, &lexicon);
    let gold: Vec<Vec<usize>> = sentences
        .iter()
        .map(|s| s.tags.iter().map(|t| t.index()).collect())
        .collect();
    let all: Vec<usize> = (0..sentences.len()).collect();
    let parts: Vec<Vec<&SentenceFeatures>> = base.iter().map(|f| vec![f]).collect();
    let data = Data::new(&parts, options.min_count);
    if !options.stack {
        let first = data.run(&gold, &all, options, |epoch, w| {
            after_epoch(epoch, &Tagger::from_parts(w.clone(), None, lexicon.clone()));
        });
        return Ok(Tagger::from_parts(first, None, lexicon));
    }
    // Jackknifed first-pass tags: each fold of documents is tagged by a model trained on the
    // others, so the second model learns from first-pass errors as they occur on new text.
    let mut first_tags: Vec<Vec<Tag>> = vec![Vec::new(); sentences.len()];
    for fold in 0..FOLDS {
        let held_out = |i: &usize| docs.get(*i).is_some_and(|d| d % FOLDS == fold);
        let train_on: Vec<usize> = all.iter().copied().filter(|i| !held_out(i)).collect();
        let w = data.run(&gold, &train_on, options, |_, _| {});
        for i in all.iter().copied().filter(held_out) {
            if let (Some(slot), Some(f)) = (first_tags.get_mut(i), base.get(i)) {
                *slot = w.decode(&[f]);
            }
        }
    }
    let first = data.run(&gold, &all, options, |_, _| {});
    // Second-pass features from the first-pass tags of each document.
    let mut extra: Vec<SentenceFeatures> = Vec::with_capacity(sentences.len());
    for range in doc_ranges(&docs) {
        let prepared: Vec<Prepared> = sentences
            .get(range.clone())
            .unwrap_or(&[])
            .iter()
            .map(|s| Prepared::new(&s.tokens, &lexicon))
            .collect();
        let tags = first_tags.get(range).unwrap_or(&[]);
        let doc_tags = DocTags::new(&prepared, tags);
        for (p, t) in prepared.iter().zip(tags) {
            let mut f = SentenceFeatures::default();
            doc_tags.extract(p, t, &mut f);
            extra.push(f);
        }
    }
    let parts: Vec<Vec<&SentenceFeatures>> =
        base.iter().zip(&extra).map(|(b, e)| vec![b, e]).collect();
    let data = Data::new(&parts, options.min_count);
    let second = data.run(&gold, &all, options, |epoch, w| {
        after_epoch(
            epoch,
            &Tagger::from_parts(first.clone(), Some(w.clone()), lexicon.clone()),
        );
    });
    Ok(Tagger::from_parts(first, Some(second), lexicon))
}

/// Number of folds for the jackknifed first-pass tags.
const FOLDS: usize = 4;

/// Index ranges of consecutive sentences with the same document number.
fn doc_ranges(docs: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, pair) in docs.windows(2).enumerate() {
        if let [a, b] = pair
            && a != b
        {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < docs.len() {
        ranges.push(start..docs.len());
    }
    ranges
}

/// First-pass features of every sentence (with document context) and a document number per
/// sentence (consecutive sentences with the same `doc` form one document).
fn featurise(sentences: &[Sentence], lexicon: &Lexicon) -> (Vec<SentenceFeatures>, Vec<usize>) {
    let mut all = Vec::with_capacity(sentences.len());
    let mut docs = Vec::with_capacity(sentences.len());
    for (n, doc) in sentences.chunk_by(|a, b| a.doc == b.doc).enumerate() {
        let prepared: Vec<Prepared> = doc
            .iter()
            .map(|s| Prepared::new(&s.tokens, lexicon))
            .collect();
        let mut ctx = DocContext::default();
        for p in &prepared {
            ctx.add(p);
        }
        for p in &prepared {
            let mut f = SentenceFeatures::default();
            features::extract(p, &ctx, &mut f);
            all.push(f);
            docs.push(n);
        }
    }
    (all, docs)
}

/// Training data with features mapped to weight rows: per sentence, per token, the rows.
struct Data {
    keys: Vec<u32>,
    rows: Vec<Vec<Vec<u32>>>,
}

impl Data {
    /// Maps the features of each sentence (spread over several parts) to rows, keeping
    /// features seen at least `min_count` times.
    fn new(parts: &[Vec<&SentenceFeatures>], min_count: u32) -> Data {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for f in parts.iter().flatten() {
            for &k in &f.keys {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        let mut keys: Vec<u32> = counts
            .into_iter()
            .filter(|&(_, c)| c >= min_count)
            .map(|(k, _)| k)
            .collect();
        keys.sort_unstable();
        let index: HashMap<u32, u32> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        let rows = parts
            .iter()
            .map(|ps| {
                let n = ps.first().map_or(0, |p| p.len());
                (0..n)
                    .map(|i| {
                        ps.iter()
                            .flat_map(|p| p.token(i))
                            .filter_map(|k| index.get(k).copied())
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Data { keys, rows }
    }

    /// Trains a perceptron on the sentences `subset`, calling `after_epoch` with the averaged
    /// weights after each epoch; returns the final averaged weights.
    fn run(
        &self,
        gold: &[Vec<usize>],
        subset: &[usize],
        options: &TrainOptions,
        mut after_epoch: impl FnMut(usize, &Weights),
    ) -> Weights {
        let mut p = Perceptron::new(self.keys.len());
        let mut order = subset.to_vec();
        let mut rng = options.seed | 1;
        for epoch in 1..=options.epochs {
            shuffle(&mut order, &mut rng);
            for &i in &order {
                if let (Some(rows), Some(g)) = (self.rows.get(i), gold.get(i)) {
                    p.learn(rows, g);
                }
            }
            if epoch < options.epochs {
                after_epoch(epoch, &p.averaged(&self.keys, options.prune));
            }
        }
        let w = p.averaged(&self.keys, options.prune);
        after_epoch(options.epochs, &w);
        w
    }
}

/// Word statistics from the training tokens and the unlabelled text.
fn build_lexicon(sentences: &[Sentence], options: &TrainOptions) -> Lexicon {
    let texts: Vec<&[String]> = sentences
        .iter()
        .map(|s| s.tokens.as_slice())
        .chain(options.unlabeled.iter().map(Vec::as_slice))
        .collect();
    // (title case at a non-initial position, lowercase) counts per normalised word.
    let mut case: HashMap<String, (u32, u32)> = HashMap::new();
    for tokens in &texts {
        for (i, tok) in tokens.iter().enumerate() {
            let norm = features::normalise(tok);
            let entry = case.entry(norm).or_insert((0, 0));
            if tok.chars().next().is_some_and(char::is_lowercase) {
                entry.1 += 1;
            } else if i > 0 && features::is_capitalised(tok) && tok.chars().any(char::is_lowercase)
            {
                entry.0 += 1;
            }
        }
    }
    let (coarse, fine) = if options.clusters > 0 {
        (
            crate::clusters::induce(&texts, (options.clusters / 8).max(2)),
            crate::clusters::induce(&texts, options.clusters),
        )
    } else {
        (HashMap::new(), HashMap::new())
    };
    let class_of =
        |map: &HashMap<String, u16>, w: &str| map.get(w).map_or(0, |&c| c.saturating_add(1));
    let mut lexicon = Lexicon::default();
    for (word, (cap, low)) in case {
        let total = cap + low;
        let case_bin = if total < 2 {
            0
        } else {
            let r = f64::from(cap) / f64::from(total);
            if cap == 0 {
                1
            } else if r < 0.1 {
                2
            } else if r < 0.5 {
                3
            } else if r < 0.9 {
                4
            } else {
                5
            }
        };
        let stats = WordStats {
            coarse: class_of(&coarse, &word),
            fine: class_of(&fine, &word),
            case_bin,
        };
        if stats != WordStats::default() {
            lexicon.words.insert(features::word_key(&word), stats);
        }
    }
    for (tokens, ty) in &options.names {
        let capitalised = tokens.iter().any(|t| features::is_capitalised(t));
        if tokens.is_empty() || tokens.len() > features::MAX_NAME_LEN || !capitalised {
            continue;
        }
        let norms: Vec<String> = tokens.iter().map(|t| features::normalise(t)).collect();
        let key = features::span_key(norms.iter().map(String::as_str));
        *lexicon.names.entry(key).or_insert(0) |= 1 << ty.index();
    }
    if !lexicon.names.is_empty() {
        lexicon.max_name_len = features::MAX_NAME_LEN;
    }
    lexicon
}

/// Fisher–Yates with a xorshift generator (deterministic for a seed).
fn shuffle(v: &mut [usize], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

/// Perceptron weights with the running sums needed for averaging.
struct Perceptron {
    w: Vec<f32>,
    u: Vec<f32>,
    trans: [[f32; NUM_TAGS]; NUM_TAGS],
    trans_u: [[f32; NUM_TAGS]; NUM_TAGS],
    start: [f32; NUM_TAGS],
    start_u: [f32; NUM_TAGS],
    /// Update counter (number of sentences seen, from 1).
    c: f32,
}

impl Perceptron {
    fn new(rows: usize) -> Perceptron {
        Perceptron {
            w: vec![0.0; rows * NUM_TAGS],
            u: vec![0.0; rows * NUM_TAGS],
            trans: [[0.0; NUM_TAGS]; NUM_TAGS],
            trans_u: [[0.0; NUM_TAGS]; NUM_TAGS],
            start: [0.0; NUM_TAGS],
            start_u: [0.0; NUM_TAGS],
            c: 1.0,
        }
    }

    fn constrained(&self) -> ([f32; NUM_TAGS], [[f32; NUM_TAGS]; NUM_TAGS]) {
        let mut start = self.start;
        let mut trans = self.trans;
        for (cur, s) in start.iter_mut().enumerate() {
            if !Tag::from_index(cur).may_follow(None) {
                *s = -1.0e30;
            }
        }
        for (prev, row) in trans.iter_mut().enumerate() {
            for (cur, t) in row.iter_mut().enumerate() {
                if !Tag::from_index(cur).may_follow(Some(Tag::from_index(prev))) {
                    *t = -1.0e30;
                }
            }
        }
        (start, trans)
    }

    fn bump(&mut self, row: u32, tag: usize, delta: f32) {
        let i = row as usize * NUM_TAGS + tag;
        if let (Some(w), Some(u)) = (self.w.get_mut(i), self.u.get_mut(i)) {
            *w += delta;
            *u += self.c * delta;
        }
    }

    fn learn(&mut self, rows: &[Vec<u32>], gold: &[usize]) {
        let emissions: Vec<[f32; NUM_TAGS]> = rows
            .iter()
            .map(|feats| {
                let mut s = [0.0f32; NUM_TAGS];
                for &r in feats {
                    let base = r as usize * NUM_TAGS;
                    if let Some(w) = self.w.get(base..base + NUM_TAGS) {
                        for (a, b) in s.iter_mut().zip(w) {
                            *a += b;
                        }
                    }
                }
                s
            })
            .collect();
        let (start, trans) = self.constrained();
        let pred = viterbi(&emissions, &start, &trans);
        if pred != gold {
            let c = self.c;
            for (i, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                if g != p
                    && let Some(feats) = rows.get(i)
                {
                    for &r in feats {
                        self.bump(r, g, 1.0);
                        self.bump(r, p, -1.0);
                    }
                }
                let prev = i.checked_sub(1);
                let gp = prev.and_then(|j| gold.get(j));
                let pp = prev.and_then(|j| pred.get(j));
                if (gp, g) != (pp, p) {
                    match (gp, pp) {
                        (Some(&gp), Some(&pp)) => {
                            self.trans[gp][g] += 1.0;
                            self.trans_u[gp][g] += c;
                            self.trans[pp][p] -= 1.0;
                            self.trans_u[pp][p] -= c;
                        }
                        _ => {
                            self.start[g] += 1.0;
                            self.start_u[g] += c;
                            self.start[p] -= 1.0;
                            self.start_u[p] -= c;
                        }
                    }
                }
            }
        }
        self.c += 1.0;
    }

    /// The averaged model, with near-zero features pruned.
    fn averaged(&self, keys: &[u32], prune: f32) -> Weights {
        let avg = |w: f32, u: f32| w - u / self.c;
        let mut kept_keys = Vec::new();
        let mut kept = Vec::new();
        for ((key, w), u) in keys
            .iter()
            .zip(self.w.chunks_exact(NUM_TAGS))
            .zip(self.u.chunks_exact(NUM_TAGS))
        {
            let row: Vec<f32> = w.iter().zip(u).map(|(&w, &u)| avg(w, u)).collect();
            if row.iter().any(|x| x.abs() >= prune) {
                kept_keys.push(*key);
                kept.extend(row);
            }
        }
        let start = std::array::from_fn(|t| avg(self.start[t], self.start_u[t]));
        let trans = std::array::from_fn(|a| {
            std::array::from_fn(|b| avg(self.trans[a][b], self.trans_u[a][b]))
        });
        Weights::new(kept_keys, kept, trans, start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntityType, conll};

    fn toy() -> Vec<Sentence> {
        let text = "Maria B-PER\nHolm I-PER\nflew O\nto O\nOslo B-LOC\n. O\n\n\
                    Oslo B-LOC\nwelcomed O\nMaria B-PER\nHolm I-PER\n. O\n\n\
                    The O\nBoard B-ORG\nof I-ORG\nTrade I-ORG\nmet O\nin O\nOslo B-LOC\n. O\n";
        conll::read(text).unwrap()
    }

    #[test]
    fn learns_a_toy_set_and_round_trips() {
        let data = toy();
        let names = vec![(
            vec!["Port".to_string(), "Elsby".to_string()],
            EntityType::Loc,
        )];
        let tagger = train(
            &data,
            &TrainOptions {
                epochs: 5,
                names,
                clusters: 4,
                unlabeled: vec![vec!["Oslo".into(), "and".into(), "Bergen".into()]; 3],
                ..TrainOptions::default()
            },
        )
        .unwrap();
        for s in &data {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            assert_eq!(tagger.tag(&toks), s.tags);
        }
        let again = Tagger::from_bytes(&tagger.to_bytes()).unwrap();
        let toks = ["Maria", "Holm", "flew", "to", "Oslo", "."];
        assert_eq!(again.tag(&toks), tagger.tag(&toks));
        assert_eq!(again.tag(&toks)[4], Tag::B(EntityType::Loc));
    }

    #[test]
    fn names_from_wikiann_style_files() {
        let text = "en:Port\tB-LOC\nen:Elsby\tI-LOC\nen:is\tO\n\nen:Ada\tB-PER\nen:http:x\tO\n";
        let names = names_from_conll(text).unwrap();
        assert_eq!(
            names,
            vec![
                (
                    vec!["Port".to_string(), "Elsby".to_string()],
                    EntityType::Loc
                ),
                (vec!["Ada".to_string()], EntityType::Per)
            ]
        );
        let plain = names_from_conll("Ada B-ORG\nLovelace I-ORG\n").unwrap();
        assert_eq!(plain[0].0, ["Ada", "Lovelace"]);
        assert!(names_from_conll("Ada\n").is_err());
    }

    #[test]
    fn rejects_bad_input() {
        assert!(train(&[], &TrainOptions::default()).is_err());
        let mut bad = toy();
        bad[0].tags.pop();
        assert!(train(&bad, &TrainOptions::default()).is_err());
        let zero = TrainOptions {
            epochs: 0,
            ..TrainOptions::default()
        };
        assert!(train(&toy(), &zero).is_err());
    }

    #[test]
    fn single_pass_training_and_doc_ranges() {
        let data = toy();
        let options = TrainOptions {
            epochs: 3,
            stack: false,
            ..TrainOptions::default()
        };
        let mut epochs = Vec::new();
        let tagger = train_with(&data, &options, |e, _| epochs.push(e)).unwrap();
        assert_eq!(epochs, [1, 2, 3]);
        let toks = ["Oslo", "welcomed", "Maria", "Holm", "."];
        assert_eq!(tagger.tag(&toks), data[1].tags);
        assert_eq!(doc_ranges(&[0, 0, 1, 2, 2]), [0..2, 2..3, 3..5]);
        assert!(doc_ranges(&[]).is_empty());
    }
}
