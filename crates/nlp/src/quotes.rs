//! Quotes and attribution: direct quotations in straight, curly and guillemet marks (also
//! across paragraphs), indirect speech after or before a cue verb, "according to" reports,
//! and the speaker of each, resolved inside the article (names, pronouns, descriptions).
//!
//! The cue lexicon is `data/lexicons/cues.toml`. The [`brat`] module reads PolNeAR-style
//! attribution annotations and scores predicted quotes against them.

pub mod brat;
mod source;
pub(crate) mod tagger;
pub(crate) mod words;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

use dragoman_knowledge::Knowledge;
use dragoman_model::{Doc, Kind, Mention, Quote, Span};
use serde::Deserialize;

use crate::NlpError;
use crate::syntax::Tags;
use words::{Phrases, Word};

/// The embedded cue lexicon.
pub(crate) const CUES_TOML: &str = include_str!("../../../data/lexicons/cues.toml");

/// The embedded attribution tagger (`models/attribution/`; empty when not trained).
const TAGGER: &[u8] = include_bytes!("../../../models/attribution/tagger.bin");

/// The second, stacked attribution tagger, which also sees the first one's labels (empty
/// when not trained).
const SECOND_TAGGER: &[u8] = include_bytes!("../../../models/attribution/tagger2.bin");

/// How often each word is part of a cue in the tagger's training data.
const CUE_RATES: &str = include_str!("../../../models/attribution/cue-rates.tsv");

/// The learned source selector (`models/attribution/source.bin`; empty: the fixed rules
/// choose each tagged cue's source).
const SOURCE_SELECTOR: &[u8] = include_bytes!("../../../models/attribution/source.bin");

/// Shortest direct quotation without a cue next to it, in words; shorter quoted fragments
/// are scare quotes or parts of reported speech.
const MIN_DIRECT_WORDS: usize = 4;

/// Longest speaker phrase, in words.
const MAX_SPEAKER_WORDS: usize = 9;

/// The cue lexicon as written in TOML.
#[derive(Debug, Deserialize)]
struct CueFile {
    verbs: Vec<String>,
    addressee: Vec<String>,
    nouns: Vec<String>,
    source_first: Vec<String>,
    between: Vec<String>,
    stops: Vec<String>,
    abbreviations: Vec<String>,
    labels: Vec<String>,
    relative: Vec<String>,
    pronouns: FxHashMap<String, Vec<Kind>>,
}

/// The parsed cue lexicon.
#[derive(Debug)]
struct Cues {
    verbs: Phrases<()>,
    addressee: FxHashSet<String>,
    nouns: FxHashSet<String>,
    source_first: Phrases<()>,
    between: FxHashSet<String>,
    stops: FxHashSet<String>,
    abbreviations: FxHashSet<String>,
    labels: FxHashSet<String>,
    relative: FxHashSet<String>,
    pronouns: FxHashMap<String, Vec<Kind>>,
}

impl Cues {
    fn parse(text: &str) -> Result<Self, NlpError> {
        let file: CueFile = words::parse_lexicon("cues.toml", text)?;
        let phrases = |list: &[String]| {
            let mut p = Phrases::default();
            for entry in list {
                p.insert(entry, ());
            }
            p
        };
        let set = |list: Vec<String>| list.into_iter().map(|w| w.to_lowercase()).collect();
        Ok(Cues {
            verbs: phrases(&file.verbs),
            addressee: set(file.addressee),
            nouns: set(file.nouns),
            source_first: phrases(&file.source_first),
            between: set(file.between),
            stops: set(file.stops),
            abbreviations: set(file.abbreviations),
            labels: set(file.labels),
            relative: set(file.relative),
            pronouns: file.pronouns,
        })
    }
}

/// A span between quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marked {
    /// The opening mark.
    open: Span,
    /// The closing mark (empty at the end of a paragraph when the quote is left open).
    close: Span,
    /// Between the marks.
    content: Span,
}

/// A speaker phrase found next to a cue, before resolution.
#[derive(Debug, Clone, Copy)]
struct SpeakerPhrase {
    span: Span,
}

/// An attribution found, before its speaker is resolved.
#[derive(Debug, Clone, Copy)]
struct Found {
    /// The speaker phrase as written.
    speaker: Option<Span>,
    /// The whole source phrase when the speaker is cut from it (an apposition after it).
    phrase: Option<Span>,
    cue: Option<Span>,
    content: Span,
    direct: bool,
}

/// A cue found in text, with its speaker phrase.
#[derive(Debug, Clone, Copy)]
struct Attribution {
    cue: Span,
    speaker: SpeakerPhrase,
}

/// Finds direct and indirect quotes.
pub struct QuoteFinder {
    /// Used to name metonymic speakers ("the Kremlin said") that no mention covers.
    knowledge: Option<Arc<Knowledge>>,
    cues: Cues,
    /// The learned tagger that adds attributions the rules miss.
    tagger: Option<tagger::Tagger>,
    /// The second tagger, run over the first one's labels.
    second: Option<tagger::Tagger>,
    /// The tagger's per-word cue rates.
    rates: tagger::CueRates,
    /// Parts of speech, chunks and word classes, features of the tagger.
    syntax: Arc<Syntax>,
    /// Chooses the source of each tagged cue among the phrases of its sentence.
    selector: Option<source::SourceSelector>,
}

/// The syntax tagger and word classes the attribution tagger's features come from.
pub(crate) struct Syntax {
    tagger: crate::syntax::SyntaxTagger,
    classes: crate::syntax::WordClasses,
}

/// The embedded [`Syntax`], loaded once per process (the word classes take a moment to read).
fn embedded_syntax() -> Result<Arc<Syntax>, NlpError> {
    static SYNTAX: std::sync::OnceLock<Result<Arc<Syntax>, String>> = std::sync::OnceLock::new();
    SYNTAX
        .get_or_init(|| {
            Ok(Arc::new(Syntax {
                tagger: crate::syntax::SyntaxTagger::embedded().map_err(|e| e.to_string())?,
                classes: crate::syntax::WordClasses::embedded(),
            }))
        })
        .clone()
        .map_err(|message| NlpError::Lexicon {
            name: "syntax model".into(),
            message,
        })
}

impl QuoteFinder {
    /// A finder with the embedded cue lexicon.
    pub fn embedded(knowledge: Arc<Knowledge>) -> Result<Self, NlpError> {
        Ok(QuoteFinder {
            knowledge: Some(knowledge),
            cues: Cues::parse(CUES_TOML)?,
            tagger: tagger::Tagger::from_bytes(TAGGER)?,
            second: tagger::Tagger::from_bytes(SECOND_TAGGER)?,
            rates: tagger::CueRates::parse(CUE_RATES),
            syntax: embedded_syntax()?,
            selector: source::SourceSelector::from_bytes(SOURCE_SELECTOR)?,
        })
    }

    /// A finder with the embedded cue lexicon and no knowledge base.
    pub fn without_knowledge() -> Result<Self, NlpError> {
        Ok(QuoteFinder {
            knowledge: None,
            cues: Cues::parse(CUES_TOML)?,
            tagger: tagger::Tagger::from_bytes(TAGGER)?,
            second: tagger::Tagger::from_bytes(SECOND_TAGGER)?,
            rates: tagger::CueRates::parse(CUE_RATES),
            syntax: embedded_syntax()?,
            selector: source::SourceSelector::from_bytes(SOURCE_SELECTOR)?,
        })
    }

    /// The quotes of a document whose sentences and mentions are set.
    pub fn find(&self, doc: &Doc) -> Vec<Quote> {
        self.find_in(doc, &words::Tokens::new(doc, &doc.article.text))
    }

    /// [`QuoteFinder::find`] over words already split.
    pub(crate) fn find_in(&self, doc: &Doc, tokens: &words::Tokens) -> Vec<Quote> {
        let rules = self.rules(doc, tokens);
        // Parts of speech and chunks of every unit, for the tagger and the speakers.
        let tags: Vec<Vec<Tags>> = tokens.iter().map(|(_, ws)| self.syntax_tags(ws)).collect();
        let found = match &self.tagger {
            Some(model) => end_before_framing(
                &doc.article.text,
                self.learned(model, &rules, tokens, &tags, None),
            ),
            None => rules,
        };
        let text = doc.article.text.as_str();
        let datelines = datelines(text, &doc.article.paragraphs);
        let found: Vec<Found> = found
            .into_iter()
            .map(|f| self.off_dateline(doc, tokens, &datelines, f))
            .map(|f| self.check_speaker(text, tokens, &tags, f))
            .collect();
        let mut quotes: Vec<Quote> = found.iter().map(|f| self.build(doc, f)).collect();
        quotes.sort_by_key(|q| (q.content_span.start, q.content_span.end));
        self.continue_speakers(doc, &mut quotes);
        quotes
    }

    /// A pronoun speaker continues the most recent named speaker whose pronoun fits when
    /// that speaker spoke in the same or the previous sentence ("X said …. \"…,\" he
    /// added": the speaker, not the last person named in between), or when nothing near it
    /// names anyone ("He said …" after a paragraph that names no one).
    fn continue_speakers(&self, doc: &Doc, quotes: &mut [Quote]) {
        let text = doc.article.text.as_str();
        let sentence = |span: Option<Span>| span.and_then(|s| doc.sentence_at(s.start));
        let mut last: Option<(String, Kind, Option<usize>)> = None;
        for q in quotes.iter_mut() {
            let written = q.speaker_span.map(|s| s.slice(text).to_lowercase());
            // A relative pronoun stands for the name before it, never for an earlier speaker.
            let kinds = written
                .as_deref()
                .filter(|w| !self.cues.relative.contains(*w))
                .and_then(|w| self.cues.pronouns.get(w));
            // Counted from the quotation when it comes first ("“…. ….,” he said").
            let here = sentence(
                q.speaker_span
                    .map(|s| Span::new(s.start.min(q.content_span.start), s.end)),
            );
            // The mention in the speaker phrase, or the one a pronoun or a description resolved
            // to ("The spokesman" → the last person with that role).
            let kind_of = |name: &str| {
                doc.mentions
                    .iter()
                    .find(|m| q.speaker_span.is_some_and(|s| s.contains(m.span)))
                    .or_else(|| doc.mentions.iter().rfind(|m| m.text == name))
                    .map(|m| m.kind)
            };
            let continued = match (&q.speaker_name, kinds, &mut last) {
                (named, Some(kinds), Some((name, kind, at))) if kinds.contains(kind) => {
                    let recent = at.zip(here).is_some_and(|(a, h)| a + 1 >= h && a <= h);
                    let continues = named.is_none() || recent;
                    if continues {
                        *at = here.or(*at);
                    }
                    continues.then(|| name.clone())
                }
                _ => None,
            };
            match continued {
                Some(name) => q.speaker_name = Some(name),
                // A named speaker, or a pronoun resolved on its own, is the one later
                // pronouns continue.
                None => {
                    if let Some(name) = q.speaker_name.clone() {
                        last = kind_of(&name).map(|k| (name, k, here));
                    }
                }
            }
        }
    }

    /// The attributions the hand-written rules find: direct quotations with the cue and
    /// speaker next to them, then indirect speech around cue verbs.
    fn rules(&self, doc: &Doc, tokens: &words::Tokens) -> Vec<Found> {
        let text = doc.article.text.as_str();
        let marked = quoted_spans(text, &doc.article.paragraphs);
        let mut quotes = Vec::new();
        let mut used_cues: Vec<Span> = Vec::new();
        let mut direct_spans: Vec<Span> = Vec::new();
        let mut previous: Option<(Span, Option<Span>, usize)> = None;
        for m in &marked {
            let words_in = words::words(text, m.content);
            let count = words_in.iter().filter(|w| !w.is_punct()).count();
            if count == 0 || !self.is_full_quotation(text, m) {
                continue;
            }
            let paragraph = paragraph_of(&doc.article.paragraphs, m.open.start);
            let attribution = self
                .attribution_after(text, doc, m)
                .or_else(|| self.attribution_before(text, doc, m));
            if attribution.is_none() && count < MIN_DIRECT_WORDS {
                continue;
            }
            let (speaker, cue) = match attribution {
                Some(a) => (Some(a.speaker.span), Some(a.cue)),
                None => match previous {
                    // A quote with no cue right after another one continues its speaker.
                    Some((speaker, _, p)) if paragraph <= p + 1 => (Some(speaker), None),
                    _ => (None, None),
                },
            };
            if speaker.is_none() && !starts_sentence(text, m.open.start) {
                continue;
            }
            if let Some(c) = cue {
                used_cues.push(c);
            }
            direct_spans.push(Span::new(m.open.start, m.close.end.max(m.content.end)));
            if let Some(s) = speaker {
                previous = Some((s, cue, paragraph));
            }
            quotes.push(Found {
                speaker,
                phrase: None,
                cue,
                content: m.content,
                direct: true,
            });
        }
        for turn in self.transcript_turns(text, &doc.article.paragraphs) {
            // A quotation with neither speaker nor cue over the turn (a paragraph opening
            // with a stray mark: `"SMITH: …`) gives way to it.
            quotes.retain(|q| {
                !(q.content.overlaps(turn.content) && q.speaker.is_none() && q.cue.is_none())
            });
            if !quotes.iter().any(|q| q.content.overlaps(turn.content)) {
                direct_spans.push(turn.content);
                quotes.push(turn);
            }
        }
        for (_, ws) in tokens.iter() {
            self.indirect(doc, ws, &used_cues, &direct_spans, &mut quotes);
        }
        quotes
    }

    /// The part of speech and chunk tag of each word.
    fn syntax_tags(&self, words: &[Word]) -> Vec<Tags> {
        self.syntax
            .tagger
            .tag(&words.iter().map(|w| w.text).collect::<Vec<_>>())
    }

    /// A sentence's words with the cue lexicon and the rules' attributions marked, ready for
    /// the tagger; `tags` are the words' [`QuoteFinder::syntax_tags`].
    fn tagger_sentence<'a>(
        &self,
        words: &'a [Word<'a>],
        unit: Span,
        rules: &[Found],
        tags: Vec<Tags>,
    ) -> tagger::Sentence<'a> {
        let cue = (0..words.len())
            .map(|i| {
                self.cues.verbs.match_at(words, i, false).is_some()
                    || self.cues.source_first.match_at(words, i, false).is_some()
            })
            .collect();
        let near: Vec<&Found> = rules
            .iter()
            .filter(|f| {
                f.content.overlaps(unit)
                    || f.cue.is_some_and(|c| c.overlaps(unit))
                    || f.speaker.is_some_and(|c| c.overlaps(unit))
            })
            .collect();
        let rule = words
            .iter()
            .map(|w| {
                let on = |s: Option<Span>| s.is_some_and(|s| s.overlaps(w.span));
                if near.iter().any(|f| on(f.cue)) {
                    tagger::RuleMark::Cue
                } else if near.iter().any(|f| on(f.speaker)) {
                    tagger::RuleMark::Source
                } else if let Some(f) = near.iter().find(|f| f.content.overlaps(w.span)) {
                    if f.direct {
                        tagger::RuleMark::Quoted
                    } else {
                        tagger::RuleMark::Content
                    }
                } else {
                    tagger::RuleMark::None
                }
            })
            .collect();
        let rate = words.iter().map(|w| self.rates.level(&w.lower)).collect();
        let mut key = String::new();
        let stem_rate = words
            .iter()
            .map(|w| self.rates.stem_level(&w.lower, &mut key))
            .collect();
        let class = words
            .iter()
            .zip(&tags)
            .map(|(w, t)| {
                let pos = if t.is_verb() {
                    crate::syntax::WordPos::Verb
                } else if t.is_noun() {
                    crate::syntax::WordPos::Noun
                } else {
                    return None;
                };
                self.syntax.classes.classes(&w.lower, pos).first().copied()
            })
            .collect();
        tagger::Sentence {
            words,
            cue,
            rule,
            rate,
            stem_rate,
            tags,
            class,
            first: Vec::new(),
        }
    }

    /// The attributions of a document as the tagger labels them, sentence by sentence, with
    /// the rules' findings as features: one per tagged cue, with the nearest tagged content
    /// and source of its sentence. A content that overlaps a rule's attribution of the same
    /// cue takes the rule's boundaries (quotations running over several sentences), and the
    /// rules' cue-less continuations of a quotation are kept. The source of each cue is the
    /// [`source::SourceSelector`]'s choice when there is one; `choices` (training) receives
    /// every cue with its candidate sources.
    fn learned(
        &self,
        model: &tagger::Tagger,
        rules: &[Found],
        tokens: &words::Tokens,
        tags: &[Vec<Tags>],
        mut choices: Option<&mut Vec<(Span, Vec<source::Candidate>)>>,
    ) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        for ((unit, ws), tags) in tokens.iter().zip(tags) {
            let mut sentence = self.tagger_sentence(ws, unit, rules, tags.clone());
            // The base features are computed once for both taggers.
            let mut features = tagger::static_features(&sentence);
            let mut labels = model.tag_features(&sentence, &features);
            if let Some(second) = &self.second {
                sentence.first = labels;
                tagger::add_stacked_features(&sentence, &mut features);
                labels = second.tag_features(&sentence, &features);
            }
            let found = tagger::spans(sentence.words, &labels);
            // A content of one word ("the", "nor") is a fragment the tagger broke off, not
            // what is attributed; nor is a source of function words alone.
            let substantial = |role: tagger::Role, span: Span| match role {
                tagger::Role::Content => ws
                    .iter()
                    .filter(|w| span.contains(w.span) && !w.is_punct())
                    .nth(1)
                    .is_some(),
                tagger::Role::Source => self.names_someone(ws, span),
                tagger::Role::Cue => true,
            };
            let cues: Vec<Span> = found
                .iter()
                .filter(|(r, _)| *r == tagger::Role::Cue)
                .map(|(_, s)| *s)
                .collect();
            let tagged: Vec<Span> = found
                .iter()
                .filter(|(r, s)| *r == tagger::Role::Source && substantial(*r, *s))
                .map(|(_, s)| *s)
                .collect();
            let nearest = |role: tagger::Role, cue: Span| {
                found
                    .iter()
                    .filter(|(r, s)| *r == role && substantial(role, *s))
                    .filter(|(_, s)| {
                        role != tagger::Role::Content || !introduced_elsewhere(*s, cue, &cues)
                    })
                    .min_by_key(|(_, s)| distance(*s, cue))
                    .map(|(_, s)| *s)
            };
            for (_, cue) in found.iter().filter(|(r, _)| *r == tagger::Role::Cue) {
                let same_cue = rules
                    .iter()
                    .find(|r| r.cue.is_some_and(|c| c.overlaps(*cue)));
                // A quotation the rules signed with this cue is its content ("“…,” X told the
                // call"), whatever shorter phrase the tagger marked nearer the cue.
                let quotation = same_cue.filter(|r| r.direct).map(|r| r.content);
                let Some(content) = quotation
                    .or_else(|| nearest(tagger::Role::Content, *cue))
                    .or_else(|| same_cue.map(|r| r.content))
                else {
                    continue;
                };
                let rule = same_cue.filter(|r| r.content.overlaps(content));
                let rule_speaker = same_cue.and_then(|r| r.speaker);
                let speaker = if self.selector.is_some() || choices.is_some() {
                    let candidates = source::candidates(&source::Context {
                        sentence: &sentence,
                        labels: &labels,
                        cue: *cue,
                        content,
                        cues: &cues,
                        tagged: &tagged,
                        rule: rule_speaker,
                    });
                    let chosen = self.selector.as_ref().and_then(|m| m.choose(&candidates));
                    if let Some(c) = choices.as_deref_mut() {
                        c.push((*cue, candidates));
                    }
                    chosen
                } else {
                    rule_speaker.or_else(|| {
                        // The subject before the cue, unless the content is: "…, said X".
                        let left = tagged
                            .iter()
                            .filter(|s| s.end <= cue.start)
                            .max_by_key(|s| s.end)
                            .copied();
                        let content_first = content.end <= cue.start;
                        left.filter(|l| !content_first || l.start > content.end)
                            .or_else(|| tagged.iter().min_by_key(|s| distance(**s, *cue)).copied())
                    })
                };
                out.push(Found {
                    speaker,
                    phrase: None,
                    cue: Some(*cue),
                    content: rule.map_or(content, |r| r.content),
                    direct: rule.is_some_and(|r| r.direct),
                });
            }
        }
        for r in rules {
            let cue_taken = |f: &Found| f.cue.zip(r.cue).is_some_and(|(a, b)| a.overlaps(b));
            if !out
                .iter()
                .any(|f| f.content.overlaps(r.content) || cue_taken(f))
            {
                out.push(*r);
            }
        }
        out
    }

    /// True when the words of `span` in `ws` can name a speaker: not function words alone
    /// ("After", "On Tuesday", "The"); a relative pronoun ("who", "which") can.
    fn names_someone(&self, ws: &[Word], span: Span) -> bool {
        ws.iter()
            .filter(|w| span.contains(w.span) && !w.is_punct())
            .any(|w| {
                matches!(w.lower.as_str(), "who" | "which" | "that")
                    || !(self.cues.stops.contains(&w.lower)
                        || matches!(w.lower.as_str(), "the" | "a" | "an"))
            })
    }

    /// Moves an attribution off the dateline opening its paragraph ("ADDIS ABABA —",
    /// "LONDON, May 2 (AP) -"), which is neither its source nor its content: a speaker
    /// running from the dateline into the sentence keeps the part after it; a speaker
    /// inside the dateline gives way to the phrase right after it when that phrase ends
    /// before the cue; a content starting in it starts after it. An attribution whose cue
    /// is in the dateline (a colon after a name in capitals) is left alone.
    fn off_dateline(
        &self,
        doc: &Doc,
        tokens: &words::Tokens,
        datelines: &[Span],
        mut f: Found,
    ) -> Found {
        let Some(cue) = f.cue else { return f };
        let paragraph = paragraph_span(&doc.article.paragraphs, cue.start, doc.article.text.len());
        let Some(line) = datelines
            .iter()
            .find(|d| d.start == paragraph.start && d.end <= cue.start)
            .copied()
        else {
            return f;
        };
        if let Some(sp) = f.speaker
            && sp.start >= line.start
            && sp.start < line.end
        {
            f.speaker = if sp.end > line.end {
                Some(Span::new(line.end, sp.end))
            } else {
                tokens
                    .iter()
                    .find(|(u, _)| u.start <= line.end && line.end < u.end)
                    .and_then(|(_, ws)| {
                        let k = ws.iter().position(|w| w.span.start >= line.end)?;
                        let c = ws.iter().position(|w| w.span.start >= cue.start)?;
                        // The words up to the cue when they are a few without punctuation
                        // ("Nurses at a city clinic said"); else the phrase there.
                        let mut e = c;
                        while e > k
                            && ws
                                .get(e - 1)
                                .is_some_and(|w| self.cues.between.contains(&w.lower))
                        {
                            e -= 1;
                        }
                        ws.get(k..e)
                            .filter(|p| {
                                p.len() <= MAX_SPEAKER_WORDS && !p.iter().any(Word::is_punct)
                            })
                            .and_then(|p| self.valid_phrase(p))
                            .or_else(|| self.forward_phrase(ws, k))
                    })
                    .map(|p| p.span)
                    .filter(|p| p.end <= cue.start)
            };
        }
        if f.content.start >= line.start && f.content.start < line.end && f.content.end > line.end {
            f.content = Span::new(line.end, f.content.end);
        }
        f
    }

    /// Checks the speaker of each attribution against its sentence: a passive cue ending in
    /// "by" ("was first reported by") takes the phrase after it; a speaker running into its
    /// cue stops before it; a speaker of function words alone is dropped.
    fn check_speaker(
        &self,
        text: &str,
        tokens: &words::Tokens,
        tags: &[Vec<Tags>],
        mut f: Found,
    ) -> Found {
        let Some(cue) = f.cue else { return f };
        let Some(((_, ws), tags)) = tokens.iter().zip(tags).find(|((u, _), _)| u.contains(cue))
        else {
            return f;
        };
        let agent = ws
            .iter()
            .position(|w| w.span.end == cue.end)
            .filter(|&k| ws.get(k).is_some_and(|w| w.lower == "by"))
            .and_then(|k| self.forward_phrase(ws, k + 1));
        if let Some(agent) = agent {
            f.speaker = Some(agent.span);
            return f;
        }
        if let Some(sp) = f.speaker
            && sp.start < cue.start
            && sp.end > cue.start
        {
            let before = text.get(sp.start..cue.start).unwrap_or("").trim_end();
            f.speaker = (!before.is_empty()).then(|| Span::new(sp.start, sp.start + before.len()));
        }
        // "according to CNN the administration refuses …": the source of "according to" is
        // its first noun phrase, the subject of "refuses" the phrase after it.
        if let Some(sp) = f.speaker
            && let Some(k) = ws.iter().position(|w| w.span.start >= sp.start)
            && let Some(j) = (k.saturating_sub(3)..k).find(|&j| {
                self.cues
                    .source_first
                    .match_at(ws, j, false)
                    .is_some_and(|(len, ())| j + len == k)
            })
        {
            let first = first_noun_phrase(ws, sp);
            let own = ws.get(j).is_some_and(|w| w.span.start == cue.start);
            if own {
                f.speaker = Some(first);
            } else if first != sp
                && let Some(next) = ws.iter().find(|w| w.span.start > first.end)
            {
                f.speaker = Some(Span::new(next.span.start, sp.end));
            }
        }
        if let Some(sp) = f.speaker
            && ws.iter().any(|w| sp.contains(w.span))
            && !self.names_someone(ws, sp)
        {
            f.speaker = None;
        }
        f.speaker = f.speaker.map(|sp| self.widen_to_subject(ws, sp, cue));
        if let Some(sp) = f.speaker {
            let (phrase, name) = fit_to_phrase(ws, tags, sp);
            f.speaker = Some(name);
            f.phrase = (phrase != name).then_some(phrase);
        }
        f
    }

    /// A speaker right before its cue that is the object of a place preposition ("Darfur" in
    /// "Refugees fleeing the fighting in Darfur said") is where the speakers are: the speaker
    /// is the whole subject it belongs to, when that subject opens its clause.
    fn widen_to_subject(&self, ws: &[Word], sp: Span, cue: Span) -> Span {
        let Some(k) = ws.iter().position(|w| w.span.start >= sp.start) else {
            return sp;
        };
        let adjacent = ws
            .iter()
            .filter(|w| w.span.start >= sp.end && w.span.end <= cue.start)
            .all(|w| self.cues.between.contains(&w.lower));
        let placed = k
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| LOCATIVE.contains(&w.lower.as_str()));
        if !adjacent || !placed || sp.end > cue.start {
            return sp;
        }
        // Back from the preposition over the subject's words.
        let mut s = k - 1;
        while s > 0 && k - s < MAX_SPEAKER_WORDS {
            let Some(w) = ws.get(s - 1) else { break };
            let preposition = LOCATIVE.contains(&w.lower.as_str())
                || matches!(
                    w.lower.as_str(),
                    "of" | "for" | "from" | "with" | "to" | "on" | "by" | "into" | "over"
                );
            let stop = self.cues.stops.contains(&w.lower) && !preposition;
            let verb = w.is_lowercase() && self.cues.verbs.match_at(ws, s - 1, true).is_some();
            if w.is_punct() || stop || verb {
                break;
            }
            s -= 1;
        }
        let opens = s == 0 || ws.get(s - 1).is_some_and(Word::is_punct);
        match ws.get(s) {
            Some(first) if opens && s + 1 < k => Span::new(first.span.start, sp.end),
            _ => sp,
        }
    }

    /// True when a marked span is a full quotation rather than a fragment inside a sentence:
    /// it opens a sentence or paragraph, or follows a colon, a comma or a cue.
    fn is_full_quotation(&self, text: &str, m: &Marked) -> bool {
        let raw = text.get(..m.open.start).unwrap_or("");
        let before = raw.trim_end();
        // A quotation opening a line or paragraph.
        if raw
            .get(before.len()..)
            .is_some_and(|gap| gap.contains('\n'))
        {
            return true;
        }
        match before.chars().last() {
            None => true,
            Some(':' | ',' | '.' | '!' | '?' | '\n' | '—' | '–' | '(') => true,
            Some(_) => {
                // Only the last few words matter.
                let mut line_start = before
                    .rfind('\n')
                    .map_or(0, |i| i + 1)
                    .max(before.len().saturating_sub(80));
                while !before.is_char_boundary(line_start) {
                    line_start += 1;
                }
                let tail = words::words(text, Span::new(line_start, before.len()));
                let n = tail.len();
                n == 0 || self.cues.verbs.match_at(&tail, n - 1, true).is_some()
            }
        }
    }

    /// `"…," X said.` / `"…," said X.` — the cue and speaker right after a closing mark.
    fn attribution_after(&self, text: &str, doc: &Doc, m: &Marked) -> Option<Attribution> {
        let paragraph = paragraph_span(&doc.article.paragraphs, m.close.end, text.len());
        let after = words::words(text, Span::new(m.close.end, paragraph.end));
        let mut k = 0;
        while after
            .get(k)
            .is_some_and(|w| w.text == "," || is_dash(w.text))
        {
            k += 1;
        }
        if let Some(signed) = self.signature(text, &after, k) {
            return Some(signed);
        }
        let limit = (k + MAX_SPEAKER_WORDS + 2).min(after.len());
        for j in k..limit {
            let w = after.get(j)?;
            if w.is_punct() && w.text != "'" {
                return None;
            }
            if let Some((len, ())) = self.cues.verbs.match_at(&after, j, true) {
                let cue = hull(after.get(j..j + len).unwrap_or(&[]));
                if j == k {
                    let speaker = self.forward_phrase(&after, j + len)?;
                    return Some(Attribution { cue, speaker });
                }
                let speaker = self.backward_phrase(&after, k, j)?;
                return Some(Attribution { cue, speaker });
            }
        }
        None
    }

    /// `"…" — Jane Roe` / `"…" ― Jane Roe, 41, nurse`: a dash and a name right after a
    /// quotation, closing the paragraph or line or followed by a comma (a signature). `k` is
    /// the first word after the punctuation that follows the closing mark.
    fn signature(&self, text: &str, after: &[Word], k: usize) -> Option<Attribution> {
        let dash = after.get(..k)?.iter().rev().find(|w| is_dash(w.text))?;
        let speaker = self.forward_phrase(after, k)?;
        let phrase: Vec<&Word> = after
            .iter()
            .filter(|w| speaker.span.contains(w.span))
            .collect();
        let named = phrase
            .iter()
            .all(|w| w.is_capitalized() || w.is_punct() || w.lower == "of");
        let next = after.iter().find(|w| w.span.start >= speaker.span.end);
        let closes = next.is_none_or(|w| {
            matches!(w.text, "," | "(" | ".")
                || text
                    .get(speaker.span.end..w.span.start)
                    .is_some_and(|gap| gap.contains('\n'))
        });
        (named && closes).then_some(Attribution {
            cue: dash.span,
            speaker,
        })
    }

    /// Turns of a transcript: paragraphs opening with a speaker's name in capitals and a
    /// colon (`SMITH: Thank you…`, possibly after a quotation mark), when the article holds
    /// at least two such turns. Section
    /// labels (`cues.toml` `labels`: "UPDATE:", "WATCH:") are not speakers.
    fn transcript_turns(&self, text: &str, paragraphs: &[Span]) -> Vec<Found> {
        let turns: Vec<Found> = paragraphs
            .iter()
            .filter_map(|p| {
                let ws = words::words(text, *p);
                let colon = ws.iter().take(5).position(|w| w.text == ":")?;
                let marks = ws
                    .iter()
                    .take_while(|w| tagger::is_quote_mark(w.text))
                    .count();
                let name = ws.get(marks..colon)?;
                let capitals = |w: &&Word| {
                    w.text.chars().any(char::is_alphabetic)
                        && !w.text.chars().any(char::is_lowercase)
                };
                let label = name
                    .iter()
                    .map(|w| w.lower.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if name.is_empty()
                    || !name.iter().all(|w| capitals(&w) || w.text == ".")
                    || !name.iter().any(|w| w.text.chars().count() > 1)
                    || self.cues.labels.contains(&label)
                {
                    return None;
                }
                let content = trim_content(&ws, colon + 1, ws.len())?;
                let count = ws.iter().skip(colon + 1).filter(|w| !w.is_punct()).count();
                (count >= 2).then(|| Found {
                    speaker: Some(hull(name)),
                    phrase: None,
                    cue: ws.get(colon).map(|w| w.span),
                    content,
                    direct: true,
                })
            })
            .collect();
        if turns.len() >= 2 { turns } else { Vec::new() }
    }

    /// `X said: "…"` / `X told reporters, "…"` — a cue right before the opening mark.
    fn attribution_before(&self, text: &str, doc: &Doc, m: &Marked) -> Option<Attribution> {
        let paragraph = paragraph_span(&doc.article.paragraphs, m.open.start, text.len());
        let before = words::words(text, Span::new(paragraph.start, m.open.start));
        let mut end = before.len();
        while end > 0
            && before
                .get(end - 1)
                .is_some_and(|w| matches!(w.text, ":" | ","))
        {
            end -= 1;
        }
        if end == before.len() && end > 0 {
            // No colon or comma: only "X said that "…"" style openings count.
            if before.get(end - 1).is_some_and(|w| w.lower == "that") {
                end -= 1;
            } else if self.cues.verbs.match_at(&before, end - 1, true).is_none() {
                return None;
            }
        }
        let colon = before.get(end).is_some_and(|w| w.text == ":");
        // The cue is one of the last few words: "X told reporters:".
        let lowest = end.saturating_sub(5);
        for j in (lowest..end).rev() {
            let w = before.get(j)?;
            if w.is_punct() {
                break;
            }
            if let Some((len, ())) = self.cues.verbs.match_at(&before, j, true) {
                let addressed = j + len < end && self.cues.addressee.contains(&w.lower);
                if j + len < end && !addressed {
                    continue;
                }
                let speaker = self.backward_phrase(&before, 0, j)?;
                return Some(Attribution {
                    cue: hull(before.get(j..j + len).unwrap_or(&[])),
                    speaker,
                });
            }
        }
        if colon && end > 0 {
            // "Name: "…"" with no verb: the colon is the cue when a short name precedes it.
            let speaker = self.backward_phrase(&before, 0, end)?;
            let cue = before.get(end).map(|w| w.span)?;
            let capitalized = words::words(text, speaker.span)
                .iter()
                .any(Word::is_capitalized);
            return (capitalized && speaker.span.len() < 60)
                .then_some(Attribution { cue, speaker });
        }
        None
    }

    /// Indirect speech in one sentence: `X said (that) …`, `…, X said.`, `according to X, …`.
    fn indirect(
        &self,
        doc: &Doc,
        ws: &[Word],
        used_cues: &[Span],
        direct: &[Span],
        quotes: &mut Vec<Found>,
    ) {
        let mut i = 0;
        while i < ws.len() {
            let Some(w) = ws.get(i) else { break };
            let inside_direct = direct.iter().any(|d| d.contains(w.span));
            if inside_direct {
                i += 1;
                continue;
            }
            if let Some((len, ())) = self.cues.source_first.match_at(ws, i, false) {
                if let Some(q) = self.according_to(doc, ws, i, len, direct) {
                    quotes.push(q);
                }
                i += len;
                continue;
            }
            let len = match self.cues.verbs.match_at(ws, i, true) {
                Some((len, ())) => len,
                None if self.is_verb_before_that(ws, i) => 1,
                None => {
                    i += 1;
                    continue;
                }
            };
            if words::follows_determiner(ws, i) {
                i += len;
                continue;
            }
            let cue = hull(ws.get(i..i + len).unwrap_or(&[]));
            if used_cues.iter().any(|c| c.overlaps(cue)) {
                i += len;
                continue;
            }
            if let Some(q) = self.indirect_at(doc, ws, i, len, direct) {
                quotes.push(q);
            }
            i += len;
        }
    }

    /// The subject opening the sentence, for a cue after ", adding" or "and said" at `cue`.
    fn sentence_subject(&self, ws: &[Word], cue: usize) -> Option<SpeakerPhrase> {
        let head = ws.get(cue)?;
        let before = cue.checked_sub(1).and_then(|p| ws.get(p))?;
        let participle = head.lower.ends_with("ing") && before.text == ",";
        let coordinated = matches!(before.lower.as_str(), "and" | "but");
        if !participle && !coordinated {
            return None;
        }
        // Skip an opening adverbial ("On Monday, …").
        let mut start = 0;
        if ws
            .first()
            .is_some_and(|w| self.cues.stops.contains(&w.lower))
        {
            start = ws.iter().position(|w| w.text == ",")? + 1;
        }
        if start >= cue {
            return None;
        }
        // The run of capitalised words (with "of" and abbreviation periods) at the start.
        let mut end = start;
        while let Some(w) = ws.get(end) {
            let inner = matches!(w.text, "." | "-" | "'" | "’") || w.lower == "of";
            let continues = ws.get(end + 1).is_some_and(Word::is_capitalized);
            if !(w.is_capitalized() || (inner && end > start && continues)) || end >= cue {
                break;
            }
            end += 1;
        }
        let phrase = ws.get(start..end)?;
        let (first, last) = (phrase.first()?, phrase.last()?);
        Some(SpeakerPhrase {
            span: Span::new(first.span.start, last.span.end),
        })
    }

    /// True for an unlisted verb introducing a "that" clause right after a named or
    /// pronoun subject ("Smith conceded that …", "she hinted that …").
    fn is_verb_before_that(&self, ws: &[Word], i: usize) -> bool {
        let Some(w) = ws.get(i) else { return false };
        let verb_form = w.lower.ends_with('s') || w.lower.ends_with("ed");
        let plain = !w.is_punct()
            && w.is_lowercase()
            && w.lower.len() > 3
            && verb_form
            && !self.cues.stops.contains(&w.lower)
            && !self.cues.between.contains(&w.lower);
        plain
            && ws.get(i + 1).is_some_and(|n| n.lower == "that")
            && i > 0
            && self.backward_phrase(ws, 0, i).is_some_and(|p| {
                let inside: Vec<&Word> = ws.iter().filter(|x| p.span.contains(x.span)).collect();
                let named = inside.iter().any(|x| x.is_capitalized());
                let pronoun = matches!(inside.as_slice(), [only] if self.cues.pronouns.contains_key(&only.lower));
                named || pronoun
            })
    }

    /// Reported speech around the cue `ws[i..i + len]`.
    fn indirect_at(
        &self,
        doc: &Doc,
        ws: &[Word],
        i: usize,
        len: usize,
        direct: &[Span],
    ) -> Option<Found> {
        let cue = hull(ws.get(i..i + len)?);
        let end = content_end(ws);
        // Postposed: "…, X said." or "…, said X." — the content is the clause before.
        let speaker_before = self.backward_phrase(ws, 0, i);
        let after_cue = skip_adjuncts(ws, i + len, &self.cues);
        let ends_clause = after_cue >= end || ws.get(after_cue).is_some_and(|w| w.text == ",");
        if let Some(sp) = speaker_before {
            let start_of_np = ws.iter().position(|w| w.span.start >= sp.span.start)?;
            let comma = start_of_np
                .checked_sub(1)
                .and_then(|p| ws.get(p))
                .is_some_and(|w| matches!(w.text, "," | "”" | "\"" | "—"));
            // "…, the ministry said the envoy had been recalled": a phrase holding another
            // cue's verb is that cue's clause, not the speaker of a content before it.
            let clause = (start_of_np..i).any(|k| {
                ws.get(k).is_some_and(Word::is_lowercase)
                    && self.cues.verbs.match_at(ws, k, true).is_some()
            });
            if comma && ends_clause && start_of_np >= 3 && !clause {
                let content = trim_content(ws, 0, start_of_np - 1)?;
                return self.indirect_quote(doc, Some(sp), cue, content, direct);
            }
        }
        let preceded_by_comma = i
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .is_some_and(|w| matches!(w.text, "," | "”" | "\""));
        if preceded_by_comma
            && i >= 3
            && let Some(sp) = self.forward_phrase(ws, i + len)
        {
            let after_np = ws
                .iter()
                .position(|w| w.span.start >= sp.span.end)
                .unwrap_or(ws.len());
            let after_np = skip_adjuncts(ws, after_np, &self.cues);
            if after_np >= end || ws.get(after_np).is_some_and(|w| w.text == ",") {
                let content = trim_content(ws, 0, i - 1)?;
                return self.indirect_quote(doc, Some(sp), cue, content, direct);
            }
        }
        // Preposed: "X said (on Monday) (that) …", "X told reporters (that) …"; a
        // participle or coordinated cue ("…, adding that", "… and said") takes the
        // sentence's subject.
        let sp = match speaker_before {
            Some(sp) => sp,
            None => self.sentence_subject(ws, i)?,
        };
        let mut start = skip_adjuncts(ws, i + len, &self.cues);
        let head = ws.get(i)?;
        if self.cues.addressee.contains(&head.lower) {
            start = self.skip_listener(ws, start);
        }
        if let Some(that) =
            (start..(start + 6).min(end)).find(|&k| ws.get(k).is_some_and(|w| w.lower == "that"))
        {
            let gap_clean = ws
                .get(start..that)
                .is_some_and(|g| g.iter().all(|w| w.text != "," || that - start < 4));
            if gap_clean {
                start = that + 1;
            }
        }
        while ws
            .get(start)
            .is_some_and(|w| matches!(w.text, ":" | "," | "—"))
        {
            start += 1;
        }
        // "… and said …": a second cue of the same subject ends this content.
        let end = (start..end)
            .find(|&k| {
                ws.get(k)
                    .is_some_and(|w| matches!(w.lower.as_str(), "and" | "but"))
                    && self.cues.verbs.match_at(ws, k + 1, true).is_some()
            })
            .unwrap_or(end);
        let content = trim_content(ws, start, end)?;
        self.indirect_quote(doc, Some(sp), cue, content, direct)
    }

    /// `according to X, …` and `…, according to X.`
    fn according_to(
        &self,
        doc: &Doc,
        ws: &[Word],
        i: usize,
        len: usize,
        direct: &[Span],
    ) -> Option<Found> {
        let cue = hull(ws.get(i..i + len)?);
        // The source is one noun phrase: "according to CNN the talks stalled" ends at "CNN".
        let rest = hull(ws.get(i + len..).unwrap_or(&[]));
        let first = first_noun_phrase(ws, rest);
        let limit = ws
            .iter()
            .position(|w| w.span.start >= first.end)
            .unwrap_or(ws.len());
        let sp = self.forward_phrase(ws.get(..limit)?, i + len)?;
        let after_np = ws
            .iter()
            .position(|w| w.span.start >= sp.span.end)
            .unwrap_or(ws.len());
        let end = content_end(ws);
        let content = if i >= 2 {
            trim_content(ws, 0, i)?
        } else {
            let mut start = after_np;
            while ws.get(start).is_some_and(|w| w.is_punct()) {
                start += 1;
            }
            trim_content(ws, start, end)?
        };
        self.indirect_quote(doc, Some(sp), cue, content, direct)
    }

    /// Builds an indirect quote unless its content is a direct quotation already found.
    fn indirect_quote(
        &self,
        doc: &Doc,
        speaker: Option<SpeakerPhrase>,
        cue: Span,
        content: Span,
        direct: &[Span],
    ) -> Option<Found> {
        if direct.iter().any(|d| d.contains(content)) {
            return None;
        }
        let n = words::words(&doc.article.text, content)
            .iter()
            .filter(|w| !w.is_punct())
            .count();
        (n >= 2).then(|| Found {
            speaker: speaker.map(|s| s.span),
            phrase: None,
            cue: Some(cue),
            content,
            direct: false,
        })
    }

    /// Skips the listener after "told", "assured", "urged": "reporters", "the BBC", "him".
    fn skip_listener(&self, ws: &[Word], start: usize) -> usize {
        let mut k = start;
        let mut taken = 0;
        while let Some(w) = ws.get(k) {
            if w.is_punct() || w.lower == "that" || taken >= 5 {
                break;
            }
            if taken > 0 && self.cues.stops.contains(&w.lower) && w.lower != "of" {
                break;
            }
            k += 1;
            taken += 1;
        }
        if ws
            .get(k)
            .is_some_and(|w| w.lower == "that" || w.text == "," || w.text == ":")
        {
            k
        } else {
            // "told reporters the plan was dead": the listener is one word or a short name.
            let mut j = start;
            while ws.get(j).is_some_and(|w| w.is_capitalized()) && j < start + 3 {
                j += 1;
            }
            if j == start {
                (start + 1).min(ws.len())
            } else {
                j
            }
        }
    }

    /// The speaker phrase ending right before `ws[end]`, not reaching before `ws[floor]`.
    fn backward_phrase(&self, ws: &[Word], floor: usize, end: usize) -> Option<SpeakerPhrase> {
        let mut e = end;
        while e > floor
            && ws
                .get(e - 1)
                .is_some_and(|w| self.cues.between.contains(&w.lower))
        {
            e -= 1;
        }
        if let Some(w) = ws.get(e.checked_sub(1)?).filter(|w| w.lower == "who") {
            // "…, who chairs the committee, said": the relative pronoun stands for the name.
            return (e > floor).then_some(SpeakerPhrase { span: w.span });
        }
        if let Some(phrase) = self.phrase_ending_at(ws, floor, e) {
            return self.valid_phrase(phrase);
        }
        // "Smith, the envoy, said" / "Smith, director of X, a think tank, said": jump back over
        // appositives to a name that opens its clause.
        let comma = e
            .checked_sub(1)
            .filter(|&c| c > floor && ws.get(c).is_some_and(|w| w.text == ","))?;
        let lowest = comma.saturating_sub(45).max(floor);
        (lowest..comma)
            .rev()
            .filter(|&k| ws.get(k).is_some_and(|w| w.text == ","))
            .take(4)
            .find_map(|k| {
                let phrase = self.phrase_ending_at(ws, floor, k)?;
                let first = phrase.first()?;
                let start = ws.iter().position(|w| w.span == first.span)?;
                let opens_clause = start == floor
                    || ws.get(start - 1).is_some_and(|w| {
                        w.is_punct() || matches!(w.lower.as_str(), "that" | "and" | "but" | "while")
                    });
                let named = phrase.iter().any(Word::is_capitalized);
                (opens_clause && named)
                    .then(|| self.valid_phrase(phrase))
                    .flatten()
            })
    }

    /// The longest run of name or description words ending right before `ws[end]`; a
    /// parenthesis ("Gov. Jane Roe (D)") is kept inside.
    fn phrase_ending_at<'w, 'a>(
        &self,
        ws: &'w [Word<'a>],
        floor: usize,
        end: usize,
    ) -> Option<&'w [Word<'a>]> {
        let mut s = end;
        while s > floor && end - s < MAX_SPEAKER_WORDS {
            let Some(w) = ws.get(s - 1) else { break };
            if w.text == ")" {
                let open = (floor..s - 1)
                    .rev()
                    .take(8)
                    .find(|&k| ws.get(k).is_some_and(|w| w.text == "("));
                match open {
                    Some(k) => {
                        s = k;
                        continue;
                    }
                    None => break,
                }
            }
            let joins = matches!(w.text, "'" | "’" | "-" | "." | "&");
            let stop = self.cues.stops.contains(&w.lower) && !w.is_capitalized();
            if (w.is_punct() && !joins) || stop {
                break;
            }
            s -= 1;
        }
        let phrase = ws.get(s..end)?;

        // Drop leading punctuation.
        let first_ok = phrase.iter().position(|w| !w.is_punct())?;
        phrase.get(first_ok..)
    }

    /// The speaker phrase starting at `ws[start]` ("said the minister on Monday").
    fn forward_phrase(&self, ws: &[Word], start: usize) -> Option<SpeakerPhrase> {
        let mut e = start;
        while e < ws.len() && e - start < MAX_SPEAKER_WORDS {
            let Some(w) = ws.get(e) else { break };
            let abbreviation = w.text == "."
                && e > start
                && ws.get(e - 1).is_some_and(|p| {
                    self.cues.abbreviations.contains(&p.lower)
                        || (p.text.chars().count() == 1 && p.is_capitalized())
                });
            let joins = matches!(w.text, "'" | "’" | "-" | "&") || abbreviation;
            let of = w.lower == "of"
                && ws
                    .get(e + 1)
                    .is_some_and(|n| n.is_capitalized() || n.lower == "the");
            if (w.is_punct() && !joins)
                || (self.cues.stops.contains(&w.lower) && !w.is_capitalized() && !of)
            {
                break;
            }
            if e > start && self.cues.verbs.match_at(ws, e, true).is_some() {
                break;
            }
            e += 1;
        }
        let phrase = ws.get(start..e)?;
        // "said the ruling was final" is a clause, not a speaker.
        if phrase.iter().any(|w| self.cues.between.contains(&w.lower)) {
            return None;
        }
        self.valid_phrase(phrase)
    }

    /// A speaker phrase is a name (a capitalised word), a description opened by a
    /// determiner or possessive, a plural noun phrase or a pronoun.
    fn valid_phrase(&self, phrase: &[Word]) -> Option<SpeakerPhrase> {
        let first = phrase.first()?;
        let last = phrase.last()?;
        let ok = phrase.iter().any(Word::is_capitalized)
            || self.cues.pronouns.contains_key(&first.lower)
            || matches!(
                first.lower.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "our"
                    | "some"
                    | "many"
                    | "several"
                    | "officials"
                    | "experts"
                    | "analysts"
                    | "critics"
                    | "sources"
            )
            || (phrase.len() <= 3 && last.lower.ends_with('s'));
        let noun_cue = phrase.len() == 1 && self.cues.nouns.contains(&first.lower);
        (ok && !noun_cue && (!last.is_punct() || last.text == ")")).then_some(SpeakerPhrase {
            span: Span::new(first.span.start, last.span.end),
        })
    }

    /// Builds the quote: resolves the speaker phrase against the document's mentions.
    fn build(&self, doc: &Doc, found: &Found) -> Quote {
        let Found {
            speaker,
            phrase,
            cue,
            content,
            direct,
        } = *found;
        let text = doc.article.text.as_str();
        // A quotation before its speaker ("“…,” she said") is not where "she" is looked for,
        // and its sentences do not count in the distance to the antecedent.
        let quoted = (direct && speaker.is_some_and(|s| content.end <= s.start)).then_some(content);
        let (speaker_name, speaker_span) = match speaker {
            Some(span) => self.resolve_speaker(doc, span, quoted),
            None => (None, None),
        };
        let mut hull = content;
        for s in [speaker_span, cue].into_iter().flatten() {
            hull = Span::new(hull.start.min(s.start), hull.end.max(s.end));
        }
        Quote {
            speaker: None,
            speaker_name,
            speaker_span,
            // The phrase as written when the speaker is a name or pronoun inside it.
            source_span: phrase.or(speaker).filter(|p| Some(*p) != speaker_span),
            cue: cue.map(|c| c.slice(text).to_string()),
            cue_span: cue,
            text: content.slice(text).to_string(),
            content_span: content,
            direct,
            sources: words::covering_sentences(doc, hull)
                .into_iter()
                .map(|s| doc.source(s))
                .collect(),
            story: None,
        }
    }

    /// Resolves a speaker phrase: a named mention inside it, a pronoun's antecedent (outside
    /// the quotation `quoted` it signs), or a description's most recent matching mention.
    fn resolve_speaker(
        &self,
        doc: &Doc,
        phrase: Span,
        quoted: Option<Span>,
    ) -> (Option<String>, Option<Span>) {
        let text = doc.article.text.as_str();
        let speaking = |m: &Mention| {
            matches!(
                m.kind,
                Kind::Person | Kind::Organization | Kind::Government | Kind::Gpe
            )
        };
        // Names that share a common-noun head ("Saudi and US mediators", a nationality
        // among them or not) are not one speaker: the phrase is.
        let names: Vec<&Mention> = doc
            .mentions
            .iter()
            .filter(|m| {
                phrase.contains(m.span)
                    && (speaking(m) || m.kind == Kind::Norp)
                    && !located(text, phrase, m)
            })
            .collect();
        let head_after = names.last().is_some_and(|m| {
            text.get(m.span.end..phrase.end)
                .is_some_and(|rest| rest.trim_start().starts_with(char::is_lowercase))
        });
        if names.len() > 1 && head_after {
            return (Some(phrase.slice(text).to_owned()), Some(phrase));
        }
        // A place after a preposition that follows a common noun ("doctors in Kenya") says
        // where the speakers are, not who they are.
        if let Some(m) = doc
            .mentions
            .iter()
            .rfind(|m| phrase.contains(m.span) && speaking(m) && !located(text, phrase, m))
        {
            return (Some(m.text.clone()), Some(m.span));
        }
        let phrase_text = phrase.slice(text);
        let lower = phrase_text.to_lowercase();
        let head = lower.rsplit(' ').next().unwrap_or("");
        let person_head = self
            .syntax
            .classes
            .classes(head, crate::syntax::WordPos::Noun)
            .first()
            .is_some_and(|c| c.name() == "noun.person");
        // A relative pronoun stands for the name right before it ("Ankara, which has
        // criticised …"); an indefinite apposition for the name it follows ("the Friends
        // of the Strait, a group pushing for …").
        let relative = self.cues.relative.contains(&lower);
        let apposition = matches!(lower.split(' ').next(), Some("a" | "an")) && lower.contains(' ');
        if relative || apposition {
            let fits: &[Kind] = match self.cues.pronouns.get(lower.as_str()) {
                Some(kinds) => kinds,
                None if person_head => &[Kind::Person],
                None if relative => &[
                    Kind::Person,
                    Kind::Organization,
                    Kind::Government,
                    Kind::Gpe,
                ],
                None => &[Kind::Organization, Kind::Government, Kind::Gpe],
            };
            if let Some(m) = name_before(doc, phrase, fits, !relative) {
                return (Some(m.text.clone()), Some(phrase));
            }
        }
        if let Some(kinds) = self.cues.pronouns.get(lower.as_str()) {
            let found = antecedent_outside(doc, phrase.start, kinds, quoted);
            return (found.map(|m| m.text.clone()), Some(phrase));
        }
        let in_role = |m: &Mention, word: &str| {
            m.role
                .as_deref()
                .is_some_and(|r| r.to_lowercase().split_whitespace().any(|w| w == word))
        };
        // A description whose head names a person ("the Russian leader") also fits the
        // last person whose role shares one of its modifiers ("Russian President").
        let modifiers: Vec<&str> = lower
            .split_whitespace()
            .filter(|w| *w != head && !self.cues.stops.contains(*w))
            .filter(|w| !matches!(*w, "the" | "a" | "an"))
            .collect();
        let before = |m: &&Mention| m.span.end <= phrase.start;
        let described = doc
            .mentions
            .iter()
            .filter(before)
            .rfind(|m| in_role(m, head))
            .or_else(|| {
                person_head
                    .then(|| {
                        doc.mentions.iter().filter(before).rfind(|m| {
                            m.kind == Kind::Person && modifiers.iter().any(|w| in_role(m, w))
                        })
                    })
                    .flatten()
            });
        if let Some(m) = described {
            return (Some(m.text.clone()), Some(phrase));
        }
        let known = self
            .knowledge
            .as_ref()
            .and_then(|k| k.metonym(phrase_text).map(|e| e.name.clone()));
        // A phrase headed by a thing, not by people ("the absence of a deal", "reports",
        // "This openness"), is where words come from but names no speaker.
        // A capitalised head after the first word is a name ("Dr. Ewa Lis", "the Foreign
        // Ministry"); a capitalised modifier is not ("internal Russian policy talks").
        let head = phrase_head(phrase_text);
        let named =
            !phrase_text.starts_with(head) && head.chars().next().is_some_and(char::is_uppercase);
        let agent = named || self.syntax.classes.names_agents(&head.to_lowercase());
        let name = known.or_else(|| agent.then(|| phrase_text.to_string()));
        (name, Some(phrase))
    }
}

/// Words that only modify a time noun ("last week", "early this morning").
const TIME_MODIFIERS: [&str; 7] = ["last", "next", "this", "earlier", "later", "early", "late"];

/// True for a word of a time phrase that can open a sentence before its subject: a day, a
/// part of the day, a unit of the calendar or one of [`TIME_MODIFIERS`].
fn is_time_word(lower: &str) -> bool {
    TIME_MODIFIERS.contains(&lower)
        || matches!(
            lower,
            "today"
                | "yesterday"
                | "tonight"
                | "overnight"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "week"
                | "weekend"
                | "month"
                | "year"
        )
}

/// The first noun phrase of the speaker phrase `span` in `ws`: it ends before a determiner
/// or pronoun that opens another one right after a noun ("CNN the administration" →
/// "CNN"; "the head of the agency" stays whole).
fn first_noun_phrase(ws: &[Word], span: Span) -> Span {
    const OPENERS: [&str; 16] = [
        "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "he",
        "she", "they", "it", "we",
    ];
    const LINKS: [&str; 16] = [
        "of", "for", "and", "or", "to", "at", "in", "with", "on", "from", "by", "the", "a", "an",
        "as", "like",
    ];
    let inside: Vec<&Word> = ws.iter().filter(|w| span.contains(w.span)).collect();
    let first = inside.first();
    let cut = inside.windows(2).find(|pair| match pair {
        [before, w] => {
            OPENERS.contains(&w.lower.as_str())
                && !before.is_punct()
                && !LINKS.contains(&before.lower.as_str())
        }
        _ => false,
    });
    match (first, cut) {
        (Some(a), Some([before, _])) => Span::new(a.span.start, before.span.end),
        _ => span,
    }
}

/// Prepositions before a place that say where someone is ("doctors in Kenya").
const LOCATIVE: [&str; 8] = [
    "in",
    "at",
    "across",
    "near",
    "around",
    "inside",
    "outside",
    "throughout",
];

/// Common nouns naming a kind of place before "of" and its name ("the town of Goma").
const PLACE_NOUNS: [&str; 14] = [
    "town", "city", "village", "region", "province", "district", "state", "capital", "port",
    "area", "county", "island", "country", "republic",
];

/// True when `m`, inside the speaker phrase `phrase`, is a place in a prepositional
/// phrase after a common noun: "Kenya" in "doctors in Kenya", "Brussels" in "officials in
/// Brussels". Bodies after "of" and "for" ("the foreign minister of France") and
/// organisations ("analysts at a bank") name the speaker and are not such places.
fn located(text: &str, phrase: Span, m: &Mention) -> bool {
    if m.kind != Kind::Gpe || m.span.start <= phrase.start {
        return false;
    }
    let before = words::words(text, Span::new(phrase.start, m.span.start));
    let mut k = before.len();
    // Back over "the" and over places listed before this one ("in Chile and Peru").
    loop {
        while k > 0 && before.get(k - 1).is_some_and(|w| w.lower == "the") {
            k -= 1;
        }
        // "in the town of Goma": the place noun and "of" before the name.
        if k > 2
            && before.get(k - 1).is_some_and(|w| w.lower == "of")
            && before
                .get(k - 2)
                .is_some_and(|w| PLACE_NOUNS.contains(&w.lower.as_str()))
        {
            k -= 2;
        } else if k > 1
            && before
                .get(k - 1)
                .is_some_and(|w| matches!(w.lower.as_str(), "and" | "or" | ","))
            && before.get(k - 2).is_some_and(Word::is_capitalized)
        {
            k -= 1;
            while k > 0 && before.get(k - 1).is_some_and(Word::is_capitalized) {
                k -= 1;
            }
        } else {
            break;
        }
    }
    let Some(preposition) = k.checked_sub(1) else {
        return false;
    };
    let head = preposition.checked_sub(1).and_then(|h| before.get(h));
    before.get(preposition).is_some_and(|w| {
        LOCATIVE.contains(&w.lower.as_str()) || matches!(w.lower.as_str(), "from" | "on")
    }) && head.is_some_and(|h| !h.is_punct() && (h.is_lowercase() || preposition == 1))
}

/// Ends the content of an attribution before the one that frames it ("The two sides agreed
/// to open corridors for aid, mediators said": what was agreed is "to open corridors for
/// aid", not ", mediators said"). An attribution frames another when its content holds the
/// other's cue and its own cue follows, inside the other's content.
fn end_before_framing(text: &str, mut found: Vec<Found>) -> Vec<Found> {
    let frames = |outer: &Found, inner: &Found| {
        outer.cue.zip(inner.cue).is_some_and(|(oc, ic)| {
            oc.start > ic.end
                && outer.content.start <= ic.start
                && outer.content.end <= oc.start
                && inner.content.contains(oc)
        })
    };
    // Where each framing attribution begins (its speaker or its cue), for each one it frames.
    let cuts: Vec<(usize, usize)> = (0..found.len())
        .flat_map(|i| (0..found.len()).map(move |o| (i, o)))
        .filter_map(|(i, o)| {
            let (inner, outer) = (found.get(i)?, found.get(o)?);
            let cue = outer.cue?;
            let start = outer.speaker.map_or(cue.start, |s| s.start.min(cue.start));
            (frames(outer, inner) && start > inner.content.start).then_some((i, start))
        })
        .collect();
    for (i, start) in cuts {
        if let Some(inner) = found.get_mut(i) {
            let end = start.min(inner.content.end);
            let kept = text.get(inner.content.start..end).map_or(0, |t| {
                t.trim_end_matches([' ', ',', ';', '—', '–', '-']).len()
            });
            if kept > 0 {
                inner.content = Span::new(inner.content.start, inner.content.start + kept);
            }
        }
    }
    found
}

/// The head word of a noun phrase: its last word before a preposition, a comma or an
/// adjective or participle opening a modifier after the noun ("the absence of a deal" →
/// "absence", "sources close to the talks" → "sources", "families fleeing the war" →
/// "families").
fn phrase_head(phrase: &str) -> &str {
    const PREPOSITIONS: [&str; 16] = [
        "of", "in", "on", "at", "for", "from", "with", "about", "by", "to", "into", "over",
        "under", "near", "among", "within",
    ];
    const AFTER_NOUN: [&str; 9] = [
        "close",
        "familiar",
        "briefed",
        "knowledgeable",
        "involved",
        "aware",
        "who",
        "that",
        "loyal",
    ];
    phrase
        .split(',')
        .next()
        .unwrap_or(phrase)
        .split_whitespace()
        .scan("", |previous, w| {
            // A participle after a plural opens a modifier: "refugees fleeing the war".
            let participle = w.len() > 4 && w.ends_with("ing") && previous.ends_with('s');
            *previous = w;
            (!PREPOSITIONS.contains(&w) && !AFTER_NOUN.contains(&w) && !participle).then_some(w)
        })
        .last()
        .unwrap_or("")
}

/// The name of one of `kinds` that ends right before `phrase` in its sentence, with only
/// spaces and commas between (a comma required when `comma` is set): what a relative
/// pronoun or an apposition there stands for.
fn name_before<'d>(doc: &'d Doc, phrase: Span, kinds: &[Kind], comma: bool) -> Option<&'d Mention> {
    let text = doc.article.text.as_str();
    let sentence = doc.sentence_at(phrase.start);
    doc.mentions
        .iter()
        .filter(|m| m.span.end <= phrase.start)
        .max_by_key(|m| (m.span.end, std::cmp::Reverse(m.span.start)))
        .filter(|m| kinds.contains(&m.kind) && Some(m.sentence) == sentence)
        .filter(|m| {
            text.get(m.span.end..phrase.start).is_some_and(|gap| {
                gap.chars().all(|c| c == ',' || c.is_whitespace()) && (!comma || gap.contains(','))
            })
        })
}

/// The most recent mention of one of `kinds` ending before byte `at`, in the same sentence
/// or the two before it: what a pronoun there refers to.
pub(crate) fn antecedent<'d>(doc: &'d Doc, at: usize, kinds: &[Kind]) -> Option<&'d Mention> {
    antecedent_outside(doc, at, kinds, None)
}

/// [`antecedent`] for a pronoun signing the quotation `quoted` before it: mentions inside
/// the quotation are skipped and the sentences are counted from where it opens.
fn antecedent_outside<'d>(
    doc: &'d Doc,
    at: usize,
    kinds: &[Kind],
    quoted: Option<Span>,
) -> Option<&'d Mention> {
    let from = quoted.map_or(at, |q| q.start.min(at));
    let here = doc.sentence_at(from).unwrap_or(0);
    doc.mentions.iter().rfind(|m| {
        m.span.end <= at
            && m.sentence + 2 >= here
            && kinds.contains(&m.kind)
            && quoted.is_none_or(|q| !q.overlaps(m.span))
    })
}

/// A speaker's boundaries fitted to the sentence's phrases: leading conjunctions,
/// subordinators and adverbs ("But", "When", "Though") and trailing adverbs and commas
/// are cut, and so is an apposition or relative clause after the name ("X, who chairs
/// the committee," and "X (a historian)" keep "X"; a list "X, Y and Z" stays whole).
/// (Taking in an apposition matches PolNeAR's source spans better but makes the speaker
/// span more than the name, which positions take as the actor; cutting a speaker where
/// it runs into a verb phrase cost matches on PolNeAR dev.)
fn fit_to_phrase(ws: &[Word], tags: &[Tags], sp: Span) -> (Span, Span) {
    let inside: Vec<usize> = (0..ws.len())
        .filter(|i| ws.get(*i).is_some_and(|w| sp.contains(w.span)))
        .collect();
    let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
        return (sp, sp);
    };
    // A speaker running past the sentence (split at an abbreviation) is left alone.
    if ws.first().is_none_or(|w| w.span.start > sp.start)
        || ws.last().is_none_or(|w| w.span.end < sp.end)
    {
        return (sp, sp);
    }
    let pos = |i: usize| tags.get(i).map_or("", |t| t.pos_name());
    let (mut a, b) = (first, last + 1);
    loop {
        while a + 1 < b
            && matches!(pos(a), "CC" | "IN" | "WRB" | "RB" | "UH" | "," | ":")
            && ws.get(a).is_some_and(|w| w.lower != "that")
        {
            a += 1;
        }
        // A time phrase opening the sentence ("Yesterday afternoon police …", "Last week
        // the envoy …") is not part of who speaks.
        let run = (a..b)
            .take_while(|&k| ws.get(k).is_some_and(|w| is_time_word(&w.lower)))
            .count();
        let names_time = (a..a + run).any(|k| {
            ws.get(k).is_some_and(|w| {
                is_time_word(&w.lower) && !TIME_MODIFIERS.contains(&w.lower.as_str())
            })
        });
        if run == 0 || !names_time || a + run >= b {
            break;
        }
        a += run;
    }
    let dangling = |i: usize| {
        matches!(pos(i), "RB" | "," | ":" | "CC" | "DT" | "IN" | "TO")
            || ws.get(i).is_some_and(|w| w.is_punct() && w.text != ")")
    };
    // Up to `end`, without trailing adverbs, punctuation and the function words of a phrase
    // cut short ("two diplomats briefed on the", "leaders \"").
    let span = |mut end: usize| {
        while end > a + 1 && dangling(end - 1) {
            end -= 1;
        }
        match (ws.get(a), end.checked_sub(1).and_then(|e| ws.get(e))) {
            (Some(x), Some(y)) if y.span.end > x.span.start => Span::new(x.span.start, y.span.end),
            _ => sp,
        }
    };
    // An apposition or relative clause: a comma before a lowercase word, a parenthesis
    // or a dash.
    let cut = (a + 1..b).find(|&k| {
        ws.get(k).is_some_and(|w| {
            matches!(w.text, "(" | "[")
                || is_dash(w.text)
                || w.text == "," && ws.get(k + 1).is_some_and(Word::is_lowercase)
        })
    });
    (span(b), span(cut.unwrap_or(b)))
}

/// The datelines opening paragraphs ("NAIROBI, March 3 (Reuters) - ", "ADDIS ABABA — "),
/// each from the paragraph's start to the first word after it.
fn datelines(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let whole = [Span::new(0, text.len())];
    let paragraphs = if paragraphs.is_empty() {
        &whole[..]
    } else {
        paragraphs
    };
    paragraphs
        .iter()
        .filter_map(|p| {
            // A dateline is short: its first few dozen words are enough.
            let ws: Vec<Word> = words::words(text, *p).into_iter().take(24).collect();
            let k = dateline_len(&ws)?;
            let next = ws.get(k)?;
            Some(Span::new(p.start, next.span.start))
        })
        .collect()
}

/// True for a month's name or abbreviation ("March", "Sept.", "oct").
fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 24] = [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ];
    MONTHS.contains(&word.trim_end_matches('.'))
}

/// The number of words of a dateline opening `ws`: a place whose first word is in capitals
/// ("ADDIS ABABA", "KYIV, Ukraine", "MOSCOW/KYIV"), an optional date ("March 3", "5 May,
/// 2024"), an optional agency in brackets or slashes ("(Reuters)", "/TASS/"), then a dash
/// (or a colon after a place all in capitals). `None` when `ws` opens otherwise.
fn dateline_len(ws: &[Word]) -> Option<usize> {
    let capitals = |w: &Word| {
        w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.text.chars().any(char::is_lowercase)
    };
    let number = |k: usize| {
        ws.get(k)
            .is_some_and(|w| !w.text.is_empty() && w.text.chars().all(|c| c.is_ascii_digit()))
    };
    let month = |k: usize| ws.get(k).is_some_and(|w| is_month(&w.lower));
    let word = |k: usize| ws.get(k).map_or("", |w| w.text);
    if !ws.first().is_some_and(capitals) {
        return None;
    }
    // The place.
    let mut k = 1;
    let mut all_capitals = true;
    let mut parts = false;
    while k < 8 {
        let w = ws.get(k)?;
        if w.is_capitalized() && !month(k) {
            all_capitals &= capitals(w);
            k += 1;
        } else if matches!(w.text, "," | "/" | ".")
            && ws.get(k + 1).is_some_and(Word::is_capitalized)
            && !month(k + 1)
        {
            parts = true;
            k += 1;
        } else {
            break;
        }
    }
    // The date.
    let at = k + usize::from(word(k) == ",");
    let mut dated = false;
    let period = usize::from(word(at + 1) == ".");
    if month(at) && number(at + 1 + period) {
        k = at + 2 + period;
        dated = true;
    } else if number(at) && month(at + 1) {
        k = at + 2;
        dated = true;
    }
    if dated && word(k) == "," && number(k + 1) {
        k += 2;
    } else if dated && number(k) {
        k += 1;
    }
    if dated && word(k) == "." {
        k += 1;
    }
    // The agency.
    let mut agency = false;
    if let open @ ("(" | "/") = word(k) {
        let close = if open == "(" { ")" } else { "/" };
        let end = (k + 1..k + 7).find(|&j| word(j) == close)?;
        let inside = ws.get(k + 1..end)?;
        if inside.is_empty() || !inside.iter().all(|w| w.is_capitalized() || w.is_punct()) {
            return None;
        }
        k = end + 1;
        agency = true;
    }
    let mut dashes = 0;
    while is_dash(word(k)) || (agency && word(k) == ".") {
        dashes += usize::from(is_dash(word(k)));
        k += 1;
    }
    let colon = dashes == 0 && all_capitals && !dated && !agency && word(k) == ":";
    if colon {
        k += 1;
    }
    let closed =
        (dashes > 0 && (all_capitals || parts || dated || agency)) || (agency && dated) || colon;
    let follows = ws
        .get(k)
        .is_some_and(|w| !w.is_punct() || tagger::is_quote_mark(w.text));
    (closed && follows).then_some(k)
}

/// How far a span is from a cue: the smaller of the distances between their starts and
/// between their ends.
fn distance(span: Span, cue: Span) -> usize {
    span.start
        .abs_diff(cue.start)
        .min(span.end.abs_diff(cue.end))
}

/// True when a content written before `cue` belongs to another of the sentence's `cues`
/// that comes before it and is nearer: "X has said [he wants …], a plan Y also endorses"
/// does not give Y the words of X.
fn introduced_elsewhere(content: Span, cue: Span, cues: &[Span]) -> bool {
    content.start < cue.end
        && cues
            .iter()
            .any(|c| c.end <= content.start && distance(content, *c) < distance(content, cue))
}

/// True for a dash written as one character: hyphen, en dash, em dash, horizontal bar.
fn is_dash(word: &str) -> bool {
    matches!(word, "-" | "–" | "—" | "―")
}

/// The span covering a run of words.
fn hull(ws: &[Word]) -> Span {
    match (ws.first(), ws.last()) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => Span::new(0, 0),
    }
}

/// Index one past the last word of a sentence's content (before its final punctuation).
fn content_end(ws: &[Word]) -> usize {
    let mut end = ws.len();
    while end > 0
        && ws
            .get(end - 1)
            .is_some_and(|w| w.is_punct() && !matches!(w.text, ")" | "”" | "\"" | "’"))
    {
        end -= 1;
    }
    end
}

/// Skips adverbials right after a cue: "on Monday", "Thursday", "in a statement",
/// "late on Friday", "in an interview with X".
fn skip_adjuncts(ws: &[Word], start: usize, cues: &Cues) -> usize {
    let time = |w: &Word| {
        matches!(
            w.lower.as_str(),
            "today"
                | "yesterday"
                | "tonight"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "late"
                | "early"
                | "last"
                | "this"
                | "week"
                | "earlier"
                | "later"
                | "also"
                | "again"
                | "publicly"
                | "repeatedly"
        )
    };
    let mut k = start;
    loop {
        let Some(w) = ws.get(k) else { return k };
        if time(w) {
            k += 1;
            continue;
        }
        if matches!(w.lower.as_str(), "on" | "in" | "at" | "during")
            && ws.get(k + 1).is_some_and(|n| {
                time(n)
                    || matches!(
                        n.lower.as_str(),
                        "a" | "an" | "his" | "her" | "its" | "their" | "the"
                    )
            })
        {
            // "in a statement", "on Monday", "in an interview with Reuters".
            let mut j = k + 1;
            let limit = (k + 6).min(ws.len());
            let mut found = false;
            while j < limit {
                let Some(n) = ws.get(j) else { break };
                if time(n) || cues.nouns.contains(&n.lower) {
                    found = true;
                    j += 1;
                    break;
                }
                j += 1;
            }
            if !found {
                return k;
            }
            // "with X" / "to X" after the noun.
            if ws
                .get(j)
                .is_some_and(|n| matches!(n.lower.as_str(), "with" | "to" | "on"))
            {
                j += 1;
                while ws
                    .get(j)
                    .is_some_and(|n| n.is_capitalized() || n.lower == "the")
                {
                    j += 1;
                }
            }
            k = j;
            continue;
        }
        return k;
    }
}

/// The span of `ws[start..end]` without surrounding punctuation (quote marks kept when they
/// close a mixed quotation), or `None` when empty.
fn trim_content(ws: &[Word], start: usize, end: usize) -> Option<Span> {
    let mut s = start;
    let mut e = end.min(ws.len());
    while s < e
        && ws
            .get(s)
            .is_some_and(|w| w.is_punct() && !matches!(w.text, "“" | "\"" | "‘" | "«"))
    {
        s += 1;
    }
    while e > s
        && ws
            .get(e - 1)
            .is_some_and(|w| w.is_punct() && !matches!(w.text, "”" | "\"" | "’" | "»" | ")"))
    {
        e -= 1;
    }
    (e > s).then(|| hull(ws.get(s..e).unwrap_or(&[])))
}

/// Index of the paragraph holding byte `at` (0 when paragraphs are not set).
fn paragraph_of(paragraphs: &[Span], at: usize) -> usize {
    paragraphs
        .partition_point(|p| p.end < at)
        .min(paragraphs.len().saturating_sub(1))
}

/// The paragraph holding byte `at`, or the whole text.
fn paragraph_span(paragraphs: &[Span], at: usize, len: usize) -> Span {
    paragraphs
        .iter()
        .find(|p| p.start <= at && at <= p.end)
        .copied()
        .unwrap_or(Span::new(0, len))
}

/// True when byte `at` opens a sentence: start of text or line, or after ". " / ": ".
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['\n', '.', '!', '?', ':', '—'])
}

/// Stands for a doubled apostrophe `''` used as a quotation mark.
const DOUBLE_APOSTROPHE: char = '″';

/// The closing mark for an opening one.
fn closing_for(open: char) -> Option<&'static [char]> {
    match open {
        // A closing mark written where a quotation opens (after a space, before a word).
        '“' | '”' => Some(&['”', '"']),
        '"' => Some(&['"', '”']),
        '«' => Some(&['»']),
        '„' => Some(&['“', '”']),
        '‘' => Some(&['’']),
        DOUBLE_APOSTROPHE => Some(&[DOUBLE_APOSTROPHE]),
        _ => None,
    }
}

/// The characters of `body` with their byte offsets and lengths, a doubled apostrophe
/// counting as one mark.
fn marks(body: &str) -> Vec<(usize, char, usize)> {
    let mut out: Vec<(usize, char, usize)> = Vec::with_capacity(body.len());
    for (i, c) in body.char_indices() {
        match out.last_mut() {
            Some(last) if c == '\'' && last.1 == '\'' && last.0 + 1 == i => {
                *last = (last.0, DOUBLE_APOSTROPHE, 2);
            }
            _ => out.push((i, c, c.len_utf8())),
        }
    }
    out
}

/// Spans between quotation marks, paragraph by paragraph; a quote opened at a paragraph's
/// start and not closed there continues into the next paragraph when that one opens with a
/// mark too.
fn quoted_spans(text: &str, paragraphs: &[Span]) -> Vec<Marked> {
    let whole = [Span::new(0, text.len())];
    let paragraphs = if paragraphs.is_empty() {
        &whole[..]
    } else {
        paragraphs
    };
    let opens_with_mark = |p: &Span| {
        text.get(p.start..p.end)
            .and_then(|b| marks(b).first().map(|m| m.1))
            .is_some_and(|c| closing_for(c).is_some())
    };
    let mut out = Vec::new();
    let mut carry: Option<(Span, char)> = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let Some(body) = text.get(p.start..p.end) else {
            continue;
        };
        let chars = marks(body);
        let mut k = 0;
        let mut open: Option<(Span, char)> = None;
        if let Some(carried) = carry.take() {
            // The continuation paragraph opens with a mark (checked before carrying).
            open = Some(carried);
            k = 1;
        }
        while let Some(&(i, c, len)) = chars.get(k) {
            let at = p.start + i;
            let prev = k.checked_sub(1).and_then(|j| chars.get(j)).map(|m| m.1);
            let next = chars.get(k + 1).map(|m| m.1);
            if let Some((o, oc)) = open {
                let closes = closing_for(oc).is_some_and(|cl| cl.contains(&c));
                let apostrophe = c == '’' && next.is_some_and(char::is_alphanumeric);
                if closes && !apostrophe {
                    out.push(Marked {
                        open: o,
                        close: Span::new(at, at + len),
                        content: Span::new(o.end, at),
                    });
                    open = None;
                }
            } else if closing_for(c).is_some() {
                let follows_space = prev.is_none_or(|p| p.is_whitespace() || "([—–―-/".contains(p));
                let leads_word = next.is_some_and(|n| {
                    if c == '”' {
                        n.is_alphanumeric()
                    } else {
                        !n.is_whitespace()
                    }
                });
                if follows_space && leads_word {
                    open = Some((Span::new(at, at + len), c));
                }
            }
            k += 1;
        }
        if let Some((o, oc)) = open {
            let at_start = o.start <= p.start;
            let next_opens = paragraphs.get(pi + 1).is_some_and(opens_with_mark);
            if at_start && next_opens && oc != '‘' {
                carry = Some((o, oc));
            } else if at_start && oc != '‘' {
                out.push(Marked {
                    open: o,
                    close: Span::new(p.end, p.end),
                    content: Span::new(o.end, p.end),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
