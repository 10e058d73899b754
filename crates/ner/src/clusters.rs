//! Distributional word classes induced from raw text with the exchange algorithm (Kneser & Ney):
//! words are moved between a fixed number of classes to maximise the likelihood of a class
//! bigram model of the text. Words that occur in similar contexts ("Monday"/"Tuesday",
//! "Germany"/"France", "said"/"told") end up in the same class, which lets the tagger
//! generalise to names it never saw with a label.

use crate::features::normalise;
use std::collections::HashMap;

/// Words rarer than this are not clustered.
const MIN_COUNT: u32 = 3;
/// Passes of the exchange algorithm.
const ITERATIONS: usize = 8;

fn xlogx(x: f64) -> f64 {
    if x > 0.0 { x * x.ln() } else { 0.0 }
}

/// Induces `k` classes over the normalised words of `texts`; returns word → class (0-based).
pub(crate) fn induce<S: AsRef<str>>(texts: &[&[S]], k: usize) -> HashMap<String, u16> {
    let k = k.clamp(2, usize::from(u16::MAX));
    // Vocabulary by frequency.
    let mut counts: HashMap<String, u32> = HashMap::new();
    let normed: Vec<Vec<String>> = texts
        .iter()
        .map(|t| t.iter().map(|w| normalise(w.as_ref())).collect())
        .collect();
    for sentence in &normed {
        for w in sentence {
            *counts.entry(w.clone()).or_insert(0) += 1;
        }
    }
    let mut vocab: Vec<(String, u32)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= MIN_COUNT)
        .collect();
    vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let ids: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i))
        .collect();
    let v = vocab.len();
    // Word bigrams (both words in the vocabulary, self-pairs skipped).
    let mut bigrams: HashMap<(usize, usize), u32> = HashMap::new();
    for sentence in &normed {
        for pair in sentence.windows(2) {
            if let [a, b] = pair
                && let (Some(&x), Some(&y)) = (ids.get(a.as_str()), ids.get(b.as_str()))
                && x != y
            {
                *bigrams.entry((x, y)).or_insert(0) += 1;
            }
        }
    }
    let mut left: Vec<Vec<(usize, f64)>> = vec![Vec::new(); v];
    let mut right: Vec<Vec<(usize, f64)>> = vec![Vec::new(); v];
    for (&(x, y), &n) in &bigrams {
        if let Some(r) = right.get_mut(x) {
            r.push((y, f64::from(n)));
        }
        if let Some(l) = left.get_mut(y) {
            l.push((x, f64::from(n)));
        }
    }
    let out_count: Vec<f64> = right.iter().map(|r| r.iter().map(|p| p.1).sum()).collect();
    let in_count: Vec<f64> = left.iter().map(|l| l.iter().map(|p| p.1).sum()).collect();
    // Initial classes: round robin by frequency rank.
    let mut class: Vec<usize> = (0..v).map(|i| i % k).collect();
    let mut n = vec![0.0f64; k * k];
    let mut nl = vec![0.0f64; k];
    let mut nr = vec![0.0f64; k];
    for (&(x, y), &c) in &bigrams {
        if let (Some(&cx), Some(&cy)) = (class.get(x), class.get(y))
            && let Some(cell) = n.get_mut(cx * k + cy)
        {
            *cell += f64::from(c);
        }
    }
    for w in 0..v {
        if let Some(&c) = class.get(w) {
            add(&mut nl, c, out_count.get(w).copied().unwrap_or(0.0));
            add(&mut nr, c, in_count.get(w).copied().unwrap_or(0.0));
        }
    }
    let mut lw = vec![0.0f64; k];
    let mut rw = vec![0.0f64; k];
    for _ in 0..ITERATIONS {
        let mut moved = 0usize;
        for w in 0..v {
            let (Some(&a), Some(lefts), Some(rights)) = (class.get(w), left.get(w), right.get(w))
            else {
                continue;
            };
            let outw = out_count.get(w).copied().unwrap_or(0.0);
            let inw = in_count.get(w).copied().unwrap_or(0.0);
            // Neighbour class counts.
            let mut lt: Vec<usize> = Vec::new();
            for &(x, c) in lefts {
                if let Some(&cx) = class.get(x) {
                    if lw.get(cx) == Some(&0.0) {
                        lt.push(cx);
                    }
                    add(&mut lw, cx, c);
                }
            }
            let mut rt: Vec<usize> = Vec::new();
            for &(y, c) in rights {
                if let Some(&cy) = class.get(y) {
                    if rw.get(cy) == Some(&0.0) {
                        rt.push(cy);
                    }
                    add(&mut rw, cy, c);
                }
            }
            // Take w out of its class.
            shift(
                &mut n,
                &mut nl,
                &mut nr,
                k,
                a,
                (&lt, &lw),
                (&rt, &rw),
                (outw, inw),
                -1.0,
            );
            // Best class to put it in.
            let mut best = a;
            let mut best_gain = f64::NEG_INFINITY;
            for b in 0..k {
                let mut gain = 0.0;
                for &c in &lt {
                    let old = n.get(c * k + b).copied().unwrap_or(0.0);
                    gain += xlogx(old + lw.get(c).copied().unwrap_or(0.0)) - xlogx(old);
                }
                for &c in &rt {
                    let old = n.get(b * k + c).copied().unwrap_or(0.0);
                    gain += xlogx(old + rw.get(c).copied().unwrap_or(0.0)) - xlogx(old);
                }
                let l = nl.get(b).copied().unwrap_or(0.0);
                let r = nr.get(b).copied().unwrap_or(0.0);
                gain -= xlogx(l + outw) - xlogx(l);
                gain -= xlogx(r + inw) - xlogx(r);
                if gain > best_gain + 1e-9 {
                    best_gain = gain;
                    best = b;
                }
            }
            if best != a {
                moved += 1;
            }
            shift(
                &mut n,
                &mut nl,
                &mut nr,
                k,
                best,
                (&lt, &lw),
                (&rt, &rw),
                (outw, inw),
                1.0,
            );
            if let Some(c) = class.get_mut(w) {
                *c = best;
            }
            for &c in &lt {
                if let Some(x) = lw.get_mut(c) {
                    *x = 0.0;
                }
            }
            for &c in &rt {
                if let Some(x) = rw.get_mut(c) {
                    *x = 0.0;
                }
            }
        }
        if moved * 1000 < v {
            break;
        }
    }
    vocab
        .into_iter()
        .zip(class)
        .map(|((w, _), c)| (w, c as u16))
        .collect()
}

fn add(v: &mut [f64], i: usize, x: f64) {
    if let Some(cell) = v.get_mut(i) {
        *cell += x;
    }
}

/// Adds (`sign` = 1) or removes (`sign` = -1) a word's bigram counts to/from class `b`.
#[allow(clippy::too_many_arguments)]
fn shift(
    n: &mut [f64],
    nl: &mut [f64],
    nr: &mut [f64],
    k: usize,
    b: usize,
    (lt, lw): (&[usize], &[f64]),
    (rt, rw): (&[usize], &[f64]),
    (outw, inw): (f64, f64),
    sign: f64,
) {
    for &c in lt {
        add(n, c * k + b, sign * lw.get(c).copied().unwrap_or(0.0));
    }
    for &c in rt {
        add(n, b * k + c, sign * rw.get(c).copied().unwrap_or(0.0));
    }
    add(nl, b, sign * outw);
    add(nr, b, sign * inw);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_countries_separate() {
        let mut text: Vec<Vec<String>> = Vec::new();
        let days = ["monday", "tuesday", "friday"];
        let lands = ["norway", "chile", "kenya"];
        for i in 0..30 {
            let d = days[i % 3];
            let l = lands[(i / 3) % 3];
            for s in [
                format!("talks resumed on {d} in {l} ."),
                format!("the envoy arrived on {d} from {l} ."),
            ] {
                text.push(s.split(' ').map(str::to_string).collect());
            }
        }
        let refs: Vec<&[String]> = text.iter().map(Vec::as_slice).collect();
        let classes = induce(&refs, 4);
        let c = |w: &str| classes.get(w).copied();
        assert!(c("monday").is_some());
        assert_eq!(c("monday"), c("tuesday"));
        assert_eq!(c("norway"), c("kenya"));
        assert_ne!(c("monday"), c("norway"));
    }
}
