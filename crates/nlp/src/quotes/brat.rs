//! PolNeAR-style attribution annotations (brat standoff) and their scoring.
//!
//! An annotation file holds text-bound annotations `T1<TAB>Source 10 25<TAB>text` (possibly
//! discontinuous: `10 25;30 40`) of types `Source`, `Cue`, `Content` and `Attribution`,
//! linked by events `E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3`. Offsets count
//! characters; [`chars_to_bytes`] turns them into byte spans.
//!
//! Scoring compares each role (source, cue, content) separately, attribution by
//! attribution: a predicted span list matches a gold one *exactly* when both cover the same
//! fragments once surrounding white space, quotation marks and punctuation are trimmed, and
//! *by overlap* when any fragments share a byte, and *linked* when they overlap within
//! attributions whose cues overlap too. Precision counts matched predictions, recall matched
//! gold items.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dragoman_model::{Article, Quote, Span};

use crate::NlpError;
use crate::scores::{f1, ratio};

/// One attribution: the spans of its source, cue and content (each possibly discontinuous,
/// empty when the role is not annotated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldAttribution {
    /// Who is reported to speak.
    pub source: Vec<Span>,
    /// The cue ("said", "according to").
    pub cue: Vec<Span>,
    /// What is attributed.
    pub content: Vec<Span>,
}

impl GoldAttribution {
    /// The attribution a predicted quote makes.
    pub fn from_quote(quote: &Quote) -> Self {
        GoldAttribution {
            source: quote
                .source_span
                .or(quote.speaker_span)
                .into_iter()
                .collect(),
            cue: quote.cue_span.into_iter().collect(),
            content: vec![quote.content_span],
        }
    }
}

/// Reads a brat annotation file into attributions, in the order of their events.
pub fn read_brat(ann: &str) -> Result<Vec<GoldAttribution>, NlpError> {
    let bad = |line: usize, message: String| NlpError::Lexicon {
        name: format!("brat annotation line {line}"),
        message,
    };
    let mut spans: HashMap<&str, Vec<Span>> = HashMap::new();
    let mut events: Vec<(usize, &str)> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let line_no = n + 1;
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or("");
        let body = fields.next().unwrap_or("");
        if id.starts_with('T') {
            let (_, ranges) = body
                .split_once(' ')
                .ok_or_else(|| bad(line_no, format!("no offsets in {body:?}")))?;
            let mut list = Vec::new();
            for range in ranges.split(';') {
                let (a, b) = range
                    .trim()
                    .split_once(' ')
                    .ok_or_else(|| bad(line_no, format!("bad range {range:?}")))?;
                let start = a
                    .parse()
                    .map_err(|_| bad(line_no, format!("bad offset {a:?}")))?;
                let end = b
                    .parse()
                    .map_err(|_| bad(line_no, format!("bad offset {b:?}")))?;
                if end < start {
                    return Err(bad(
                        line_no,
                        format!("range {start}..{end} ends before it starts"),
                    ));
                }
                list.push(Span::new(start, end));
            }
            spans.insert(id, list);
        } else if id.starts_with('E') {
            events.push((line_no, body));
        }
    }
    let mut out = Vec::new();
    for (line_no, body) in events {
        let mut attribution = GoldAttribution::default();
        for arg in body.split_whitespace() {
            let (role, target) = arg
                .split_once(':')
                .ok_or_else(|| bad(line_no, format!("bad argument {arg:?}")))?;
            let target_spans = spans
                .get(target)
                .ok_or_else(|| bad(line_no, format!("unknown annotation {target}")))?
                .clone();
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Source" => attribution.source.extend(target_spans),
                "Cue" => attribution.cue.extend(target_spans),
                "Content" => attribution.content.extend(target_spans),
                _ => {}
            }
        }
        out.push(attribution);
    }
    Ok(out)
}

/// Converts attributions read by [`read_brat`] from brat's character offsets to byte offsets
/// into `text` (offsets past the end are clamped to it).
pub fn chars_to_bytes(text: &str, attributions: Vec<GoldAttribution>) -> Vec<GoldAttribution> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let at = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
    let convert = |spans: Vec<Span>| -> Vec<Span> {
        spans
            .into_iter()
            .map(|s| Span::new(at(s.start), at(s.end)))
            .collect()
    };
    attributions
        .into_iter()
        .map(|a| GoldAttribution {
            source: convert(a.source),
            cue: convert(a.cue),
            content: convert(a.content),
        })
        .collect()
}

/// Matched and total counts for one role in one matching mode; add them up across files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted items with this role.
    pub predicted: usize,
    /// Gold items with this role.
    pub gold: usize,
    /// Predicted items that match some gold item.
    pub predicted_matched: usize,
    /// Gold items matched by some predicted item.
    pub gold_matched: usize,
}

impl Counts {
    /// Share of predictions that match.
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_matched, self.predicted)
    }

    /// Share of gold items found.
    pub fn recall(&self) -> f64 {
        ratio(self.gold_matched, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    fn add(&mut self, other: Counts) {
        self.predicted += other.predicted;
        self.gold += other.gold;
        self.predicted_matched += other.predicted_matched;
        self.gold_matched += other.gold_matched;
    }
}

/// Exact and overlap counts for one role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleScores {
    /// Same fragments after trimming.
    pub exact: Counts,
    /// Any shared byte.
    pub overlap: Counts,
    /// Any shared byte, within an attribution whose cue also shares a byte with the gold
    /// attribution's cue (both without a cue counts as the same cue): the role found for the
    /// right attribution, not only somewhere in the text.
    pub linked: Counts,
}

/// Scores for sources, cues and contents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttributionScores {
    /// Source (speaker) spans.
    pub source: RoleScores,
    /// Cue spans.
    pub cue: RoleScores,
    /// Content spans.
    pub content: RoleScores,
}

impl AttributionScores {
    /// Adds another file's counts to these.
    pub fn add(&mut self, other: &AttributionScores) {
        for (mine, theirs) in [
            (&mut self.source, other.source),
            (&mut self.cue, other.cue),
            (&mut self.content, other.content),
        ] {
            mine.exact.add(theirs.exact);
            mine.overlap.add(theirs.overlap);
            mine.linked.add(theirs.linked);
        }
    }
}

/// Scores predicted attributions against gold ones for one text.
pub fn score(
    text: &str,
    gold: &[GoldAttribution],
    predicted: &[GoldAttribution],
) -> AttributionScores {
    let role = |pick: fn(&GoldAttribution) -> &Vec<Span>| {
        let g: Vec<Vec<Span>> = gold
            .iter()
            .map(pick)
            .filter(|s| !s.is_empty())
            .map(|s| trimmed(text, s))
            .collect();
        let p: Vec<Vec<Span>> = predicted
            .iter()
            .map(pick)
            .filter(|s| !s.is_empty())
            .map(|s| trimmed(text, s))
            .collect();
        let linked = {
            let with_role = |list: &[GoldAttribution]| -> Vec<(Vec<Span>, Vec<Span>)> {
                list.iter()
                    .filter(|a| !pick(a).is_empty())
                    .map(|a| (trimmed(text, pick(a)), trimmed(text, &a.cue)))
                    .collect()
            };
            count(&with_role(gold), &with_role(predicted), |a, b| {
                let same_cue = (a.1.is_empty() && b.1.is_empty()) || shares_byte(&a.1, &b.1);
                same_cue && shares_byte(&a.0, &b.0)
            })
        };
        RoleScores {
            exact: count(&g, &p, |a, b| a == b),
            overlap: count(&g, &p, |a, b| shares_byte(a, b)),
            linked,
        }
    };
    AttributionScores {
        source: role(|a| &a.source),
        cue: role(|a| &a.cue),
        content: role(|a| &a.content),
    }
}

/// True when a fragment of `a` and one of `b` share a byte.
fn shares_byte(a: &[Span], b: &[Span]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(*y)))
}

fn count<T>(gold: &[T], predicted: &[T], same: impl Fn(&T, &T) -> bool) -> Counts {
    Counts {
        predicted: predicted.len(),
        gold: gold.len(),
        predicted_matched: predicted
            .iter()
            .filter(|p| gold.iter().any(|g| same(g, p)))
            .count(),
        gold_matched: gold
            .iter()
            .filter(|g| predicted.iter().any(|p| same(g, p)))
            .count(),
    }
}

/// Fragments without surrounding white space, quotation marks and punctuation, sorted.
fn trimmed(text: &str, spans: &[Span]) -> Vec<Span> {
    let junk =
        |c: char| c.is_whitespace() || (!c.is_alphanumeric() && c != ')' && c != '%' && c != '$');
    let mut out: Vec<Span> = spans
        .iter()
        .map(|s| {
            let piece = s.slice(text);
            let lead = piece.len() - piece.trim_start_matches(junk).len();
            let core = piece.trim_matches(junk);
            if piece.is_empty() || core.is_empty() {
                *s
            } else {
                Span::new(s.start + lead, s.start + lead + core.len())
            }
        })
        .collect();
    out.sort();
    out
}

/// An article over a plain text exactly as given (offsets unchanged), with paragraphs at
/// blank lines.
pub fn article_from_plain(origin: &str, text: &str) -> Article {
    let mut paragraphs = Vec::new();
    let mut current: Option<Span> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let core = line.trim();
        if core.is_empty() {
            paragraphs.extend(current.take());
        } else {
            let span = Span::new(pos + lead, pos + lead + core.len());
            current = Some(current.map_or(span, |c| Span::new(c.start, span.end)));
        }
        pos += line.len();
    }
    paragraphs.extend(current);
    let mut article = Article::from_paragraphs(origin, std::iter::empty::<&str>());
    article.text = text.to_string();
    article.paragraphs = paragraphs;
    article.id = origin.to_string();
    article
}

/// Pairs each `text/NAME.txt` of a PolNeAR folder with its annotation in
/// `attributions/NAME_<annotator>.ann`, taking the alphabetically first annotator when
/// several annotated the same text.
pub fn dataset(dir: &Path) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out = Vec::new();
    let mut texts: Vec<PathBuf> = std::fs::read_dir(dir.join("text"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    for t in texts {
        let Some(stem) = t.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let prefix = format!("{stem}_");
        let ann = anns.iter().find(|a| {
            a.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.strip_prefix(&prefix))
                .is_some_and(|rest| !rest.contains('_'))
        });
        if let Some(a) = ann {
            out.push((t.clone(), a.clone()));
        }
    }
    Ok(out)
}
