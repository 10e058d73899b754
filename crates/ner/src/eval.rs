//! Entity-level evaluation with the conlleval rules: an entity counts as correct only when its
//! span and its type both match the gold entity exactly.

use crate::{EntityType, NerError, Tag, Tagger, conll, entity_spans};
use std::collections::HashSet;
use std::fmt;

/// Counts for one entity type (or for all types together).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities matching a gold entity exactly (span and type).
    pub correct: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Recall (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall (0 when both are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Evaluation result: overall and per-type counts, plus token accuracy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// All types together.
    pub overall: Counts,
    /// Per type, in [`EntityType::ALL`] order.
    pub per_type: Vec<(EntityType, Counts)>,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose predicted tag equals the gold tag.
    pub tokens_correct: usize,
}

impl Scores {
    /// Counts of one type.
    pub fn of(&self, ty: EntityType) -> Counts {
        self.per_type
            .iter()
            .find(|(t, _)| *t == ty)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }

    /// Token-level tag accuracy.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tokens_correct, self.tokens)
    }
}

/// Scores predicted tag sequences against gold ones, sentence by sentence. A missing sentence
/// or a missing tag at the end of a shorter sequence counts as `O`.
pub fn score(gold: &[Vec<Tag>], predicted: &[Vec<Tag>]) -> Scores {
    let mut per = [Counts::default(); 4];
    let mut tokens = 0;
    let mut tokens_correct = 0;
    let empty = Vec::new();
    for i in 0..gold.len().max(predicted.len()) {
        let g = gold.get(i).unwrap_or(&empty);
        let p = predicted.get(i).unwrap_or(&empty);
        let len = g.len().max(p.len());
        let pad = |v: &Vec<Tag>| -> Vec<Tag> {
            let mut v = v.clone();
            v.resize(len, Tag::O);
            v
        };
        let (g, p) = (pad(g), pad(p));
        tokens += len;
        tokens_correct += g.iter().zip(&p).filter(|(a, b)| a == b).count();
        let gs: HashSet<_> = entity_spans(&g).into_iter().collect();
        let ps = entity_spans(&p);
        for &(_, _, ty) in &gs {
            if let Some(c) = per.get_mut(ty.index()) {
                c.gold += 1;
            }
        }
        for span in &ps {
            if let Some(c) = per.get_mut(span.2.index()) {
                c.predicted += 1;
                if gs.contains(span) {
                    c.correct += 1;
                }
            }
        }
    }
    let overall = per.iter().fold(Counts::default(), |a, c| Counts {
        gold: a.gold + c.gold,
        predicted: a.predicted + c.predicted,
        correct: a.correct + c.correct,
    });
    Scores {
        overall,
        per_type: EntityType::ALL.iter().copied().zip(per).collect(),
        tokens,
        tokens_correct,
    }
}

/// Reads a gold CoNLL file, tags it document by document and scores the result.
pub fn evaluate_file(text: &str, tagger: &Tagger) -> Result<Scores, NerError> {
    let sentences = conll::read(text)?;
    let mut predicted = Vec::with_capacity(sentences.len());
    let mut start = 0;
    while let Some(first) = sentences.get(start) {
        let end = sentences
            .iter()
            .skip(start)
            .position(|s| s.doc != first.doc)
            .map_or(sentences.len(), |p| start + p);
        let tokens: Vec<Vec<&str>> = sentences
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let refs: Vec<&[&str]> = tokens.iter().map(Vec::as_slice).collect();
        predicted.extend(tagger.tag_document(&refs));
        start = end;
    }
    let gold: Vec<Vec<Tag>> = sentences.into_iter().map(|s| s.tags).collect();
    Ok(score(&gold, &predicted))
}

impl fmt::Display for Scores {
    /// A conlleval-style table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = &self.overall;
        writeln!(
            f,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, o.gold, o.predicted, o.correct
        )?;
        writeln!(
            f,
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            100.0 * self.accuracy(),
            100.0 * o.precision(),
            100.0 * o.recall(),
            100.0 * o.f1()
        )?;
        for (ty, c) in &self.per_type {
            writeln!(
                f,
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {} (gold {})",
                ty.as_str(),
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.predicted,
                c.gold
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    #[test]
    fn hand_computed_scores() {
        // Gold: PER(0,2) LOC(3,4) | ORG(0,1) MISC(2,3)
        // Pred: PER(0,2) LOC(3,4) as ORG | ORG(0,1) PER(2,3) PER(3,4)
        let gold = vec![
            vec![Tag::B(Per), Tag::I(Per), Tag::O, Tag::B(Loc)],
            vec![Tag::B(Org), Tag::O, Tag::B(Misc), Tag::O],
        ];
        let pred = vec![
            vec![Tag::B(Per), Tag::I(Per), Tag::O, Tag::B(Org)],
            vec![Tag::B(Org), Tag::O, Tag::B(Per), Tag::B(Per)],
        ];
        let s = score(&gold, &pred);
        assert_eq!(
            s.overall,
            Counts {
                gold: 4,
                predicted: 5,
                correct: 2
            }
        );
        assert!((s.overall.precision() - 0.4).abs() < 1e-12);
        assert!((s.overall.recall() - 0.5).abs() < 1e-12);
        assert!((s.overall.f1() - 2.0 * 0.4 * 0.5 / 0.9).abs() < 1e-12);
        assert_eq!(
            s.of(Per),
            Counts {
                gold: 1,
                predicted: 3,
                correct: 1
            }
        );
        assert_eq!(s.of(Misc).f1(), 0.0);
        assert_eq!(s.of(Org).f1(), 2.0 * 0.5 * 1.0 / 1.5);
        assert_eq!((s.tokens, s.tokens_correct), (8, 5));
        let table = s.to_string();
        assert!(table.contains("found: 5 phrases; correct: 2."));
        assert!(table.contains("PER: precision:  33.33%"));
    }

    #[test]
    fn mismatched_lengths_pad_with_o() {
        let gold = vec![vec![Tag::B(Loc), Tag::O]];
        let s = score(&gold, &[]);
        assert_eq!(s.overall.gold, 1);
        assert_eq!(s.overall.predicted, 0);
        assert_eq!(s.overall.f1(), 0.0);
    }
}
