//! The learned choice of an attribution's source: every phrase of the cue's sentence that
//! could name who speaks (the tagger's source spans, the rules' speaker, noun-phrase chunks
//! with their "of" phrases, pronouns) and "no source" are scored by an averaged perceptron
//! over hashed features of the phrase and its place relative to the cue; the best one wins.

use dragoman_model::Span;

use super::tagger::{self, Role, Sentence};
use crate::NlpError;
use crate::features::hash;
use crate::syntax::chunks;

/// Header of a stored selector.
const MAGIC: &[u8; 4] = b"DSS1";

/// Number of hashed feature buckets, as a power of two.
#[cfg(test)]
pub(crate) const BITS: u32 = 18;

/// The default [`SourceSelector::none_bias`].
const NONE_BIAS: f32 = 5.0;

/// Where a candidate phrase comes from (several at once when their spans coincide).
const TAGGED: u8 = 1;
const RULES: u8 = 2;
const CHUNK: u8 = 4;
const PRONOUN: u8 = 8;

/// One attribution whose source is chosen: its sentence as the taggers saw it, the second
/// tagger's labels, and what the assembly found around the cue.
pub(crate) struct Context<'s, 'a> {
    /// The sentence, with the first tagger's labels in `first` (empty without stacking).
    pub sentence: &'s Sentence<'a>,
    /// The final labels of the sentence.
    pub labels: &'s [u8],
    /// The attribution's cue.
    pub cue: Span,
    /// The attribution's content.
    pub content: Span,
    /// Every tagged cue of the sentence.
    pub cues: &'s [Span],
    /// The tagged source spans that can name someone.
    pub tagged: &'s [Span],
    /// The rules' speaker when the rules found the same cue.
    pub rule: Option<Span>,
}

/// A phrase that may be the source (`None`: the attribution has no source), with its features.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The phrase, `None` for "no source".
    pub span: Option<Span>,
    /// Hashed features.
    pub features: Vec<u32>,
}

/// The trained scorer of candidate sources.
pub(crate) struct SourceSelector {
    /// One weight per bucket, in units of `scale`.
    weights: Vec<i16>,
    /// Value of one unit of `weights`.
    scale: f32,
    /// Number of buckets minus one.
    mask: u32,
    /// Subtracted from the score of "no source": above zero, more attributions get a source.
    pub(crate) none_bias: f32,
}

impl SourceSelector {
    /// Reads stored weights; an empty input means no selector (`None`).
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Option<Self>, NlpError> {
        if bytes.is_empty() {
            return Ok(None);
        }
        let (weights, scale, mask) =
            crate::features::read_weights(bytes, MAGIC, 1, "source selector")?;
        Ok(Some(SourceSelector {
            weights,
            scale,
            mask,
            none_bias: NONE_BIAS,
        }))
    }

    #[cfg(test)]
    /// The stored form of the weights.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.scale.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// The score of one candidate.
    fn score(&self, features: &[u32]) -> f32 {
        let units: i32 = features
            .iter()
            .map(|f| {
                self.weights
                    .get((f & self.mask) as usize)
                    .map_or(0, |w| i32::from(*w))
            })
            .sum();
        units as f32 * self.scale
    }

    /// The best-scored candidate's phrase (`None` when "no source" wins).
    pub(crate) fn choose(&self, candidates: &[Candidate]) -> Option<Span> {
        candidates
            .iter()
            .map(|c| {
                let bias = if c.span.is_none() {
                    self.none_bias
                } else {
                    0.0
                };
                (self.score(&c.features) - bias, c)
            })
            .fold(None::<(f32, &Candidate)>, |best, (s, c)| match best {
                Some((b, _)) if b >= s => best,
                _ => Some((s, c)),
            })
            .and_then(|(_, c)| c.span)
    }
}

#[cfg(test)]
/// Trains the selector as a ranking averaged perceptron: for each attribution, the
/// candidate at the given index is the right one; a wrongly preferred candidate's features
/// lose what the right one's gain.
pub(crate) fn train(
    examples: &[(Vec<Candidate>, usize)],
    epochs: usize,
    seed: u64,
    bits: u32,
) -> SourceSelector {
    let buckets = 1usize << bits;
    let mask = (buckets - 1) as u32;
    let mut weights = vec![0.0f32; buckets];
    let mut totals = vec![0.0f64; buckets];
    let mut step: f64 = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = seed | 1;
    let score = |weights: &[f32], f: &[u32]| -> f32 {
        f.iter()
            .map(|x| weights.get((x & mask) as usize).copied().unwrap_or(0.0))
            .sum()
    };
    for _ in 0..epochs {
        crate::features::shuffle(&mut order, &mut state);
        for &e in &order {
            let Some((candidates, gold)) = examples.get(e) else {
                continue;
            };
            let best = candidates
                .iter()
                .enumerate()
                .map(|(i, c)| (score(&weights, &c.features), i))
                .fold(None::<(f32, usize)>, |best, (s, i)| match best {
                    Some((b, _)) if b >= s => best,
                    _ => Some((s, i)),
                })
                .map(|(_, i)| i);
            if let (Some(p), Some(right)) = (best, candidates.get(*gold))
                && p != *gold
                && let Some(wrong) = candidates.get(p)
            {
                for (fs, d) in [(&right.features, 1.0f32), (&wrong.features, -1.0)] {
                    for x in fs {
                        let k = (x & mask) as usize;
                        if let (Some(w), Some(t)) = (weights.get_mut(k), totals.get_mut(k)) {
                            *w += d;
                            *t += f64::from(d) * step;
                        }
                    }
                }
            }
            step += 1.0;
        }
    }
    let (weights, scale) = crate::features::averaged_quantised(&weights, &totals, step);
    SourceSelector {
        weights,
        scale,
        mask,
        none_bias: NONE_BIAS,
    }
}

/// A distance in words, in a few levels.
fn level(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4-5",
        6..=9 => "6-9",
        10..=19 => "10-19",
        _ => "20+",
    }
}

/// The indices of the words of `ws` inside `span` (empty when none is).
fn word_range(s: &Sentence, span: Span) -> Option<(usize, usize)> {
    let first = s.words.iter().position(|w| span.contains(w.span))?;
    let last = s.words.iter().rposition(|w| span.contains(w.span))?;
    Some((first, last + 1))
}

/// The candidate phrases of the sentence with where each comes from: the noun-phrase chunks
/// (each with the "of" phrases after it: "the leader of the party"), pronouns, the tagged
/// sources and the rules' speaker.
fn phrases(ctx: &Context) -> Vec<(Span, u8)> {
    let s = ctx.sentence;
    let ws = s.words;
    let mut out: Vec<(Span, u8)> = Vec::new();
    let mut add = |span: Span, origin: u8| match out.iter_mut().find(|(p, _)| *p == span) {
        Some((_, o)) => *o |= origin,
        None => out.push((span, origin)),
    };
    let noun_phrases: Vec<(usize, usize)> = chunks(&s.tags)
        .iter()
        .filter(|c| c.phrase == "NP")
        .map(|c| (c.start, c.end))
        .collect();
    let is_possessive = |k: usize| s.tags.get(k).is_some_and(|t| t.pos_name() == "POS");
    let mut i = 0;
    let mut previous: Option<(usize, usize)> = None;
    while let Some(&(mut start, mut end)) = noun_phrases.get(i) {
        i += 1;
        // A phrase opening with a possessive ending ("'s warning") belongs to the owner
        // before it ("the mayor" + "'s"), a candidate of its own.
        if is_possessive(start) {
            if let Some((p, q)) = previous
                && q == start
                && let (Some(a), Some(o)) = (ws.get(p), ws.get(start))
            {
                add(Span::new(a.span.start, o.span.end), CHUNK);
            }
            start += 1;
        }
        if start >= end {
            continue;
        }
        while ws.get(end).is_some_and(|w| w.lower == "of")
            && let Some(&(next_start, next_end)) = noun_phrases.get(i)
            && next_start == end + 1
        {
            end = next_end;
            i += 1;
        }
        previous = Some((start, end));
        if let (Some(a), Some(b)) = (ws.get(start), end.checked_sub(1).and_then(|e| ws.get(e))) {
            add(Span::new(a.span.start, b.span.end), CHUNK);
            // The owner in a possessive phrase: "the mayor's" in "the mayor's warning".
            if let Some(owner) = (start..end).find(|&k| is_possessive(k))
                && owner > start
                && let Some(o) = ws.get(owner)
            {
                add(Span::new(a.span.start, o.span.end), CHUNK);
            }
        }
    }
    for (w, t) in ws.iter().zip(&s.tags) {
        if matches!(t.pos_name(), "PRP" | "PRP$" | "WP")
            || (t.pos_name() == "WDT" && matches!(w.lower.as_str(), "which" | "that"))
        {
            add(w.span, PRONOUN);
        }
    }
    for span in ctx.tagged {
        add(*span, TAGGED);
    }
    if let Some(span) = ctx.rule {
        add(span, RULES);
    }
    out.retain(|(span, _)| !span.overlaps(ctx.cue) || span.start < ctx.cue.start);
    out
}

/// The candidates of one attribution with their features, "no source" last.
pub(crate) fn candidates(ctx: &Context) -> Vec<Candidate> {
    let s = ctx.sentence;
    let ws = s.words;
    let phrases = phrases(ctx);
    let (cs, ce) = word_range(s, ctx.cue).unwrap_or((0, 0));
    let cue_text: String = ws
        .get(cs..ce)
        .unwrap_or(&[])
        .iter()
        .map(|w| w.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let cue_last = ce.checked_sub(1).and_then(|e| ws.get(e));
    let cue_by = cue_last.is_some_and(|w| w.lower == "by");
    let cue_class = (cs..ce)
        .rev()
        .find_map(|i| s.class.get(i).copied().flatten())
        .map_or("-", |c| c.name());
    let content_first = ctx.content.end <= ctx.cue.start;
    let content_side = if content_first { "cb" } else { "ca" };
    let first_sources: Vec<Span> = tagger::spans(ws, &s.first)
        .into_iter()
        .filter(|(r, _)| *r == Role::Source)
        .map(|(_, sp)| sp)
        .collect();
    let final_sources: Vec<Span> = tagger::spans(ws, ctx.labels)
        .into_iter()
        .filter(|(r, _)| *r == Role::Source)
        .map(|(_, sp)| sp)
        .collect();
    let all_chunks = chunks(&s.tags);
    // The nearness rank of each candidate on its side of the cue.
    let side_of = |span: Span| if span.end <= ctx.cue.start { 'L' } else { 'R' };
    let gap = |span: Span| {
        if span.end <= ctx.cue.start {
            ctx.cue.start - span.end
        } else {
            span.start.saturating_sub(ctx.cue.end)
        }
    };
    let mut out = Vec::with_capacity(phrases.len() + 1);
    for (span, origin) in &phrases {
        let span = *span;
        let side = side_of(span);
        let rank = phrases
            .iter()
            .filter(|(o, _)| side_of(*o) == side && gap(*o) < gap(span))
            .count()
            .min(4);
        let range = word_range(s, span);
        let (a, b) = range.unwrap_or((0, 0));
        let (lo, hi) = if side == 'L' { (b, cs) } else { (ce, a) };
        let between = ws.get(lo..hi).unwrap_or(&[]);
        let distance = level(between.len());
        let chunk_gap = all_chunks
            .iter()
            .filter(|c| c.start >= lo && c.end <= hi)
            .count();
        let head = (a..b)
            .find(|&i| {
                ws.get(i + 1).is_some_and(|w| w.lower == "of")
                    || s.tags.get(i + 1).is_none_or(|t| !t.is_noun())
                        && s.tags.get(i).is_some_and(|t| t.is_noun())
            })
            .or_else(|| b.checked_sub(1))
            .filter(|_| range.is_some());
        let head_word = head.and_then(|h| ws.get(h));
        let head_lower = head_word.map_or("-", |w| w.lower.as_str());
        let head_class = head
            .and_then(|h| s.class.get(h).copied().flatten())
            .map_or("-", |c| c.name());
        let head_pos = head
            .and_then(|h| s.tags.get(h))
            .map_or("-", |t| t.pos_name());
        let capital = head_word.is_some_and(|w| w.is_capitalized());
        let names = match (head_pos, capital) {
            ("NNP" | "NNPS", _) => "name",
            ("PRP" | "PRP$" | "WP" | "WDT", _) => "pronoun",
            (_, true) => "capital",
            _ => head_class,
        };
        let before = a.checked_sub(1).and_then(|i| ws.get(i));
        let before_word = before.map_or("^", |w| w.lower.as_str());
        let before_pos = a
            .checked_sub(1)
            .and_then(|i| s.tags.get(i))
            .map_or("^", |t| t.pos_name());
        let after_word = ws.get(b).map_or("$", |w| w.lower.as_str());
        let other_cue = ctx.cues.iter().any(|c| {
            *c != ctx.cue
                && if side == 'L' {
                    c.start >= span.end && c.end <= ctx.cue.start
                } else {
                    c.start >= ctx.cue.end && c.end <= span.start
                }
        });
        let between_text = if between.len() <= 3 {
            between
                .iter()
                .map(|w| w.lower.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            "long".to_string()
        };
        let first_between = between.first().map_or("-", |w| w.lower.as_str());
        let last_between = between.last().map_or("-", |w| w.lower.as_str());
        let comma = between.iter().any(|w| w.text == ",");
        let mark = between.iter().any(|w| tagger::is_quote_mark(w.text));
        let coverage = |spans: &[Span]| {
            if spans.contains(&span) {
                "same"
            } else if spans.iter().any(|t| t.contains(span)) {
                "inside"
            } else if spans.iter().any(|t| t.overlaps(span)) {
                "overlap"
            } else {
                "no"
            }
        };
        let first_cover = coverage(&first_sources);
        let final_cover = coverage(&final_sources);
        let in_content = if ctx.content.contains(span) {
            "in"
        } else if ctx.content.overlaps(span) {
            "part"
        } else {
            "out"
        };
        let length = level(b.saturating_sub(a));
        let subject = side == 'L'
            && hi == lo
            && rank == 0
            && s.tags.get(cs).is_some_and(|t| t.phrase() == Some("VP"));
        let origin = format!("{origin}");
        let o = origin.as_str();
        let side = if side == 'L' { "L" } else { "R" };
        let rule_seen = if ctx.rule.is_some() { "r" } else { "-" };
        let parts: [(u8, &[&str]); 33] = [
            (0, &["cand"]),
            (1, &[o]),
            (2, &[side, distance]),
            (3, &[side, distance, o]),
            (4, &[side, level(chunk_gap)]),
            (5, &[side, level(rank)]),
            (6, &[side, level(rank), o]),
            (7, &[side, names]),
            (8, &[side, names, level(rank)]),
            (9, &[head_lower]),
            (10, &[side, head_lower]),
            (11, &[length, names]),
            (12, &[in_content, content_side]),
            (13, &[content_side, side, level(rank)]),
            (14, &[if cue_by { "by" } else { "-" }, side, distance]),
            (15, &[if other_cue { "other" } else { "-" }, side]),
            (16, &[side, &between_text]),
            (17, &[side, first_between]),
            (18, &[side, last_between]),
            (
                19,
                &[
                    side,
                    if comma { "," } else { "-" },
                    if mark { "\"" } else { "-" },
                ],
            ),
            (20, &[first_cover, final_cover]),
            (21, &[final_cover, o]),
            (22, &[side, &cue_text]),
            (23, &[side, cue_class, names]),
            (24, &[side, before_word]),
            (25, &[side, before_pos]),
            (26, &[side, after_word]),
            (27, &[rule_seen, o]),
            (28, &[if subject { "subject" } else { "-" }, names]),
            (29, &[head_pos, side, distance]),
            (30, &[head_class, cue_class]),
            (31, &[before_pos, names, side]),
            (32, &[first_cover, side, level(rank)]),
        ];
        out.push(Candidate {
            span: Some(span),
            features: parts.iter().map(|(t, p)| hash(*t, p)).collect(),
        });
    }
    let tagged_seen = if ctx.tagged.is_empty() { "-" } else { "t" };
    let rule_seen = if ctx.rule.is_some() { "r" } else { "-" };
    let left = phrases
        .iter()
        .filter(|(p, _)| p.end <= ctx.cue.start)
        .count();
    let none: [(u8, &[&str]); 7] = [
        (40, &["none"]),
        (41, &[tagged_seen, rule_seen]),
        (42, &[content_side, tagged_seen]),
        (43, &[&cue_text]),
        (44, &[cue_class, content_side]),
        (45, &[if cue_by { "by" } else { "-" }]),
        (46, &[level(left), level(phrases.len() - left)]),
    ];
    out.push(Candidate {
        span: None,
        features: none.iter().map(|(t, p)| hash(*t, p)).collect(),
    });
    out
}
