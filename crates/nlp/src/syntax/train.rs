//! Training and evaluation of the syntax tagger on CoNLL-style files (`token POS chunk …`
//! per line, sentences separated by blank lines).

use super::{
    CHUNK_TAGS, Model, POS_TAGS, Prepared, SyntaxTagger, chunk_allowed, chunk_features, chunk_name,
    pos_features, prepare,
};
use crate::features::averaged_quantised;

/// One gold sentence: words with their part-of-speech and chunk tag indices.
pub(crate) struct Gold {
    pub words: Vec<String>,
    pub pos: Vec<usize>,
    pub chunk: Vec<usize>,
}

/// Clitics the project's word splitter keeps on their word ("don't", "Smith's"), joined
/// back to the word before them, which keeps its tags.
const CLITICS: [&str; 8] = ["'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "'"];

fn chunk_index(name: &str) -> Option<usize> {
    (0..CHUNK_TAGS).find(|t| chunk_name(*t) == name)
}

/// Reads a CoNLL-2003-style file; `-DOCSTART-` lines are skipped, `NN|SYM` counts as `NN`
/// and clitics are joined to the previous word. Lines with an unknown tag are an error.
pub(crate) fn read_conll(text: &str) -> Result<Vec<Gold>, String> {
    let mut out = Vec::new();
    let mut cur = Gold {
        words: Vec::new(),
        pos: Vec::new(),
        chunk: Vec::new(),
    };
    for line in text.lines().chain(std::iter::once("")) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        match cols.as_slice() {
            [] => {
                if !cur.words.is_empty() {
                    out.push(std::mem::replace(
                        &mut cur,
                        Gold {
                            words: Vec::new(),
                            pos: Vec::new(),
                            chunk: Vec::new(),
                        },
                    ));
                }
            }
            [word, ..] if *word == "-DOCSTART-" => {}
            [word, pos, chunk, ..] => {
                if CLITICS.contains(&word.to_lowercase().as_str())
                    && let Some(last) = cur.words.last_mut()
                {
                    last.push_str(word);
                    continue;
                }
                let pos = if *pos == "NN|SYM" { "NN" } else { pos };
                let p = POS_TAGS
                    .iter()
                    .position(|t| *t == pos)
                    .ok_or_else(|| format!("unknown tag {pos}"))?;
                let c = chunk_index(chunk).ok_or_else(|| format!("unknown chunk {chunk}"))?;
                cur.words.push((*word).to_string());
                cur.pos.push(p);
                cur.chunk.push(c);
            }
            _ => return Err(format!("bad line {line:?}")),
        }
    }
    Ok(out)
}

/// Averaged perceptron weights while training.
struct Training {
    labels: usize,
    mask: u32,
    weights: Vec<f32>,
    totals: Vec<f64>,
    step: f64,
}

impl Training {
    fn new(labels: usize, bits: u32) -> Self {
        let size = (1usize << bits) * labels;
        Training {
            labels,
            mask: (1u32 << bits) - 1,
            weights: vec![0.0; size],
            totals: vec![0.0; size],
            step: 1.0,
        }
    }

    fn best(&self, features: &[u32], allowed: impl Fn(usize) -> bool) -> usize {
        let mut sums = vec![0.0f32; self.labels];
        for f in features {
            let base = (*f & self.mask) as usize * self.labels;
            if let Some(row) = self.weights.get(base..base + self.labels) {
                for (s, w) in sums.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
        let mut best: Option<(usize, f32)> = None;
        for (l, s) in sums.iter().enumerate() {
            if allowed(l) && best.is_none_or(|(_, b)| *s > b) {
                best = Some((l, *s));
            }
        }
        best.map_or(0, |(l, _)| l)
    }

    /// One training step: predicts, and moves the weights toward `gold` when wrong.
    /// Returns the prediction.
    fn learn(&mut self, features: &[u32], gold: usize, allowed: impl Fn(usize) -> bool) -> usize {
        let p = self.best(features, allowed);
        if p != gold {
            for f in features {
                let base = (*f & self.mask) as usize * self.labels;
                for (l, d) in [(gold, 1.0f32), (p, -1.0)] {
                    if let (Some(w), Some(t)) = (
                        self.weights.get_mut(base + l),
                        self.totals.get_mut(base + l),
                    ) {
                        *w += d;
                        *t += f64::from(d) * self.step;
                    }
                }
            }
        }
        self.step += 1.0;
        p
    }

    /// The averaged weights, quantised to `i16` multiples of the largest / `i16::MAX`.
    fn finish(&self) -> Model {
        let (weights, _) = averaged_quantised(&self.weights, &self.totals, self.step);
        Model::new(self.labels, self.mask, &weights)
    }
}

/// Trains both perceptrons for `epochs` passes (sentences shuffled by `seed`); the chunker
/// learns from the parts of speech a held-out tagger would give (predicted, not gold, tags
/// of the same pass: the POS perceptron's own predictions while it trains).
/// `bits` are the bucket bits of the part-of-speech and chunk perceptrons.
pub(crate) fn train(
    sentences: &[Gold],
    epochs: usize,
    seed: u64,
    bits: (u32, u32),
) -> SyntaxTagger {
    let prepared: Vec<Vec<Prepared>> = sentences.iter().map(|s| prepare(&s.words)).collect();
    let mut pos = Training::new(POS_TAGS.len(), bits.0);
    let mut chunk = Training::new(CHUNK_TAGS, bits.1);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut state = seed | 1;
    for _ in 0..epochs {
        crate::features::shuffle(&mut order, &mut state);
        for &k in &order {
            let (Some(s), Some(ws)) = (sentences.get(k), prepared.get(k)) else {
                continue;
            };
            let mut predicted: Vec<usize> = Vec::with_capacity(ws.len());
            for (i, g) in s.pos.iter().enumerate() {
                let name = |j: Option<usize>| {
                    j.and_then(|j| predicted.get(j))
                        .and_then(|t| POS_TAGS.get(*t))
                        .copied()
                        .unwrap_or("<s>")
                };
                let f = pos_features(ws, i, name(i.checked_sub(1)), name(i.checked_sub(2)));
                let p = pos.learn(&f, *g, |_| true);
                predicted.push(p);
            }
            let mut chunks: Vec<usize> = Vec::with_capacity(ws.len());
            for (i, g) in s.chunk.iter().enumerate() {
                let prev = i.checked_sub(1).and_then(|j| chunks.get(j)).copied();
                let prev2 = i.checked_sub(2).and_then(|j| chunks.get(j)).copied();
                let name = |t: Option<usize>| t.map_or("<s>", chunk_name);
                let f = chunk_features(ws, &predicted, i, name(prev), name(prev2));
                let p = chunk.learn(&f, *g, |t| chunk_allowed(prev.unwrap_or(0), t));
                chunks.push(p);
            }
        }
    }
    SyntaxTagger {
        pos: pos.finish(),
        chunk: chunk.finish(),
    }
}

/// Chunks as `(start, end, phrase)` from chunk tag indices (IOB2: an inside tag after
/// another phrase starts a chunk).
fn chunk_spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (i, t) in tags.iter().enumerate() {
        if *t == 0 {
            continue;
        }
        let phrase = (t - 1) / 2;
        let inside = (t - 1) % 2 == 1;
        match out.last_mut() {
            Some(last) if inside && last.1 == i && last.2 == phrase => last.1 = i + 1,
            _ => out.push((i, i + 1, phrase)),
        }
    }
    out
}

/// Part-of-speech accuracy and chunk precision, recall and F1 (exact chunks) on gold
/// sentences.
pub(crate) fn evaluate(tagger: &SyntaxTagger, sentences: &[Gold]) -> (f64, f64, f64, f64) {
    let (mut right, mut words) = (0usize, 0usize);
    let (mut matched, mut predicted, mut gold) = (0usize, 0usize, 0usize);
    for s in sentences {
        let tags = tagger.tag(&s.words);
        for (t, g) in tags.iter().zip(&s.pos) {
            right += usize::from(usize::from(t.pos) == *g);
            words += 1;
        }
        let got: Vec<usize> = tags.iter().map(|t| usize::from(t.chunk)).collect();
        let (p, g) = (chunk_spans(&got), chunk_spans(&s.chunk));
        matched += p.iter().filter(|c| g.contains(c)).count();
        predicted += p.len();
        gold += g.len();
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(matched, predicted), ratio(matched, gold));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (ratio(right, words), precision, recall, f1)
}
