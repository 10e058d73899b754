//! Named mentions: the tagger's entity spans, completed and typed with the knowledge base.
//!
//! Per sentence: tokens → [`Tagger::tag`] → entity spans; then
//! - the gazetteer extends spans it knows longer ("Coalition" → "Coalition of the Willing")
//!   and adds names the tagger missed, including seats of power ("the Kremlin");
//! - capitalised demonyms ("Russian", "Ukrainians") become group mentions keyed to their
//!   country, flagged as metonymy when the adjective stands for the country as an actor
//!   ("Russian air defences intercepted …");
//! - across the document, a name is given the type it most often has, and a person's name
//!   (or surname) found once is found again where the tagger missed it;
//! - kinds come from the tagger's type refined by the knowledge base (governments, countries,
//!   capitals used as actors), keys from the entry the surface names, and a person's title
//!   from the words before the name or an appositive after it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use dragoman_knowledge::{Entry, Knowledge, PreparedTokens};
use dragoman_model::{Doc, Kind, Mention, Span};
use dragoman_ner::{EntityType, Tagger, entity_spans};

use crate::text;

/// Verbs that make the name before them an actor ("Moscow said", "the Kremlin rejected").
const ACTOR_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "insists",
    "insisted",
    "rejected",
    "rejects",
    "wants",
    "wanted",
    "warned",
    "warns",
    "denied",
    "denies",
    "accused",
    "accuses",
    "demanded",
    "demands",
    "refused",
    "refuses",
    "agreed",
    "agrees",
    "proposed",
    "proposes",
    "offered",
    "offers",
    "announced",
    "announces",
    "responded",
    "urged",
    "urges",
    "claimed",
    "claims",
    "stated",
    "believes",
    "considers",
    "sees",
    "has",
    "have",
    "had",
    "will",
    "would",
    "hopes",
    "seeks",
    "sought",
    "dismissed",
    "criticized",
    "criticised",
    "welcomed",
    "called",
    "signaled",
    "signalled",
    "condemned",
    "confirmed",
    "expects",
    "reiterated",
    "stressed",
    "noted",
    "intercepted",
    "launched",
    "struck",
    "shot",
    "downed",
    "attacked",
    "continues",
    "continued",
    "insisting",
    "remains",
    "argues",
    "argued",
];

/// Prepositions after which a place name is a place, not an actor.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "to", "from", "at", "near", "into", "outside", "across", "toward", "towards", "via",
    "over", "around", "through", "of", "on",
];

/// Determiners that may open an appositive role ("Peskov, the Kremlin spokesman,").
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "its", "their"];

/// Finds named mentions with the tagger and the knowledge base.
pub struct MentionFinder {
    knowledge: Arc<Knowledge>,
    tagger: Arc<Tagger>,
    /// The last words of the knowledge base's place names ("river", "sea", "oblast"),
    /// lowercased: a known name followed by one of them is one name ("Kabul River").
    name_heads: HashSet<String>,
}

/// One sentence's tokens.
struct Tokens<'a> {
    spans: Vec<Span>,
    words: Vec<&'a str>,
    /// The words normalised once for the knowledge lookups.
    prepared: PreparedTokens,
    /// Most words are capitalised: a title-case heading.
    heading: bool,
}

impl Tokens<'_> {
    /// The text from token `start` to the end of token `end - 1`, as written.
    fn text_of<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        let first = self.spans.get(start)?;
        let last = self.spans.get(end.checked_sub(1)?)?;
        text.get(first.start..last.end)
    }
}

/// A candidate mention: a token range of one sentence and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    sentence: usize,
    start: usize,
    end: usize,
    /// The tagger's type, or the type propagated from elsewhere in the document.
    ty: Option<EntityType>,
    /// The tokens of a plural head this name shares with the names coordinated with it
    /// ("the Sumy and Kharkiv regions"): the knowledge base is asked for the name with that
    /// head in the singular ("Sumy region").
    shared_head: Option<(usize, usize)>,
}

impl Candidate {
    fn new(sentence: usize, start: usize, end: usize, ty: Option<EntityType>) -> Self {
        Candidate {
            sentence,
            start,
            end,
            ty,
            shared_head: None,
        }
    }
}

impl MentionFinder {
    /// A finder over the given knowledge base and tagger.
    pub fn new(knowledge: Arc<Knowledge>, tagger: Arc<Tagger>) -> Self {
        let name_heads = name_heads(&knowledge);
        MentionFinder {
            knowledge,
            tagger,
            name_heads,
        }
    }

    /// The mentions of a document whose sentences are set (the article is segmented here
    /// when they are not), in text order.
    pub fn find(&self, doc: &Doc) -> Vec<Mention> {
        let text = &doc.article.text;
        let computed;
        let sentences = if doc.sentences.is_empty() {
            computed = text::sentences(&doc.article);
            &computed
        } else {
            &doc.sentences
        };
        let sents: Vec<Tokens> = sentences
            .iter()
            .map(|s| {
                let spans = text::tokens(text, s.span);
                let words: Vec<&str> = spans.iter().map(|sp| sp.slice(text)).collect();
                let heading = is_heading(&words);
                let prepared = PreparedTokens::new(&words);
                Tokens {
                    spans,
                    words,
                    prepared,
                    heading,
                }
            })
            .collect();
        let mut candidates = Vec::new();
        for (index, tokens) in sents.iter().enumerate() {
            if tokens.words.is_empty() {
                continue;
            }
            let before = candidates.len();
            let tags = self.tagger.tag(&tokens.words);
            for (start, end, ty) in entity_spans(&tags) {
                if let Some((start, end)) = trim(&tokens.words, start, end) {
                    let candidate = match self.name_after_title(tokens, start, end) {
                        Some(name) => Candidate::new(index, name, end, Some(EntityType::Per)),
                        None => Candidate::new(index, start, end, Some(ty)),
                    };
                    candidates.push(candidate);
                }
            }
            join_name_particles(&tokens.words, &mut candidates, before);
            self.coordinated_names(index, tokens, text, &mut candidates, before);
            self.complete_with_gazetteer(index, tokens, &mut candidates, before);
        }
        harmonise_types(&sents, &mut candidates);
        propagate_names(&sents, &mut candidates, &self.knowledge);
        candidates.sort_by_key(|c| (c.sentence, c.start, usize::MAX - c.end));
        remove_overlaps(&mut candidates);
        candidates
            .iter()
            .filter_map(|c| {
                let tokens = sents.get(c.sentence)?;
                self.mention(text, tokens, c)
            })
            .collect()
    }

    /// Extends tagger spans to longer gazetteer names and adds the names and demonyms the
    /// tagger missed in one sentence (`candidates[from..]` are this sentence's tagger spans).
    fn complete_with_gazetteer(
        &self,
        sentence: usize,
        tokens: &Tokens,
        candidates: &mut Vec<Candidate>,
        from: usize,
    ) {
        let words = &tokens.words;
        let prepared = &tokens.prepared;
        // A span that starts with a title or another known name ("NATO Karen Holt",
        // "President Putin") starts after it; a known name there becomes a candidate of its
        // own, and what follows a title phrase is a person.
        let mut prefixes = Vec::new();
        for c in candidates.iter_mut().skip(from) {
            let span = words.get(c.start..c.end).unwrap_or(&[]);
            let title = self
                .knowledge
                .title_in(prepared, c.start, c.end)
                .filter(|&n| n < span.len());
            if let (Some(n), Some(EntityType::Per)) = (title, c.ty) {
                c.start += n;
                continue;
            }
            let known = self
                .knowledge
                .longest_match_in(prepared, c.start, c.end)
                .filter(|(n, entries)| {
                    *n < span.len() && !entries.is_empty() && !has_kind(entries, &[Kind::Person])
                });
            let Some((n, _)) = known else { continue };
            let rest = span.get(n..).unwrap_or(&[]);
            if c.shared_head.is_some() || !rest.iter().all(|w| starts_upper(w)) {
                continue;
            }
            // "Kabul River", "Gaza Strip": a known name before a name head is one name.
            if let [head] = rest
                && self.name_heads.contains(&head.to_lowercase())
                && self.knowledge.lookup(head).is_empty()
            {
                continue;
            }
            prefixes.push(Candidate::new(sentence, c.start, c.start + n, None));
            c.start += n;
            if self.title_ends_at(prepared, c.start) {
                c.ty = Some(EntityType::Per);
            }
        }
        candidates.extend(prefixes);
        // A capitalised sentence opener stuck to a known name ("Inside Kyiv"): drop it.
        for c in candidates.iter_mut().skip(from) {
            let span = words.get(c.start..c.end).unwrap_or(&[]);
            if c.start == 0
                && span.len() > 1
                && self.knowledge.lookup(&span.join(" ")).is_empty()
                && self
                    .knowledge
                    .longest_match_in(prepared, c.start + 1, c.end)
                    .is_some_and(|(n, e)| !e.is_empty() && n == span.len() - 1)
            {
                c.start += 1;
            }
        }
        for c in candidates.iter_mut().skip(from) {
            if let Some((n, entries)) =
                self.knowledge
                    .longest_match_in(prepared, c.start, window_end(words, c.start))
                && !entries.is_empty()
                && c.start + n > c.end
            {
                c.end = c.start + n;
            }
        }
        let mut covered = vec![false; words.len()];
        for c in candidates.iter().skip(from) {
            covered
                .iter_mut()
                .take(c.end)
                .skip(c.start)
                .for_each(|x| *x = true);
        }
        let mut i = 0;
        while i < words.len() {
            let word = words.get(i).copied().unwrap_or("");
            if covered.get(i).copied().unwrap_or(true) || !starts_upper(word) {
                i += 1;
                continue;
            }
            let rest = window(words, i);
            let matched = self
                .knowledge
                .longest_match_in(prepared, i, window_end(words, i))
                .filter(|(n, entries)| *n > 0 && !entries.is_empty())
                .map(|(n, _)| n)
                .filter(|&n| !covered.iter().skip(i).take(n).any(|&x| x));
            if let Some(n) = matched {
                candidates.push(Candidate::new(sentence, i, i + n, None));
                i += n;
                continue;
            }
            if let Some(n) = self.metonym_len(rest)
                && !covered.iter().skip(i).take(n).any(|&x| x)
            {
                candidates.push(Candidate::new(sentence, i, i + n, Some(EntityType::Org)));
                i += n;
                continue;
            }
            if self.knowledge.demonym(word).is_some() {
                candidates.push(Candidate::new(sentence, i, i + 1, Some(EntityType::Misc)));
            }
            i += 1;
        }
    }

    /// Names coordinated under one plural head ("the Kursk, Belgorod and Bryansk regions",
    /// "the Sumy and Kharkiv provinces"), when the knowledge base knows each name with
    /// the head in the singular: each becomes a candidate of its own, looked up with the head,
    /// in place of the tagger's spans over them.
    fn coordinated_names(
        &self,
        sentence: usize,
        tokens: &Tokens,
        text: &str,
        candidates: &mut Vec<Candidate>,
        from: usize,
    ) {
        let words = &tokens.words;
        let known = |name: Option<&str>, head: Option<&str>| {
            name.zip(head).is_some_and(|(name, head)| {
                let entries = singular_head_lookup(&self.knowledge, name, head);
                !entries.is_empty() && !has_kind(&entries, &[Kind::Person])
            })
        };
        let mut i = 1;
        while i + 2 < words.len() {
            let conjunction = words
                .get(i)
                .is_some_and(|w| matches!(*w, "and" | "or" | "&"));
            let first = i + 1;
            if !conjunction || !words.get(first).is_some_and(|w| starts_upper(w)) {
                i += 1;
                continue;
            }
            // The longest coordination whose names are all known with the head.
            let coordination = (first + 2..=window_end(words, first))
                .rev()
                .filter(|&end| words.get(end - 1).is_some_and(|w| is_plural_like(w)))
                .flat_map(|end| (first + 1..end).map(move |head_start| (head_start, end)))
                .find_map(|(head_start, end)| {
                    let head = tokens.text_of(text, head_start, end);
                    if !known(tokens.text_of(text, first, head_start), head) {
                        return None;
                    }
                    // The names before the conjunction, separated by commas, right to left.
                    let mut names = vec![(first, end)];
                    let mut at = i;
                    while let Some(start) = (at.saturating_sub(3)..at).find(|&s| {
                        (s..at).all(|j| words.get(j).is_some_and(|w| starts_upper(w)))
                            && known(tokens.text_of(text, s, at), head)
                    }) {
                        names.push((start, at));
                        match start.checked_sub(1) {
                            Some(comma) if words.get(comma) == Some(&",") => at = comma,
                            _ => break,
                        }
                    }
                    (names.len() > 1).then_some((head_start, end, names))
                });
            let Some((head_start, end, names)) = coordination else {
                i += 1;
                continue;
            };
            if let Some(&(start, _)) = names.last() {
                // The tagger's spans over the coordination give way.
                let mut index = from;
                while let Some(c) = candidates.get(index) {
                    if c.start < end && start < c.end {
                        candidates.remove(index);
                    } else {
                        index += 1;
                    }
                }
                candidates.extend(names.into_iter().map(|(start, name_end)| Candidate {
                    shared_head: Some((head_start, end)),
                    ..Candidate::new(sentence, start, name_end, None)
                }));
            }
            i = end;
        }
    }

    /// Where the name starts in a tagger span that a title phrase begun before it runs into
    /// ("Secretary of the [Navy Orla Brennan]"): the token after the title, when a capitalised
    /// word follows it inside the span.
    fn name_after_title(&self, tokens: &Tokens, start: usize, end: usize) -> Option<usize> {
        let lowest = start.saturating_sub(MAX_PHRASE);
        let words = tokens.words.get(lowest..end)?;
        if !words.iter().any(|w| self.knowledge.is_title_word(w)) {
            return None;
        }
        (start + 1..end).rev().find(|&k| {
            tokens.words.get(k).is_some_and(|w| starts_upper(w))
                && (lowest..start)
                    .any(|j| self.knowledge.title_in(&tokens.prepared, j, k) == Some(k - j))
        })
    }

    /// True when a title phrase ends right before token `at`.
    fn title_ends_at(&self, prepared: &PreparedTokens, at: usize) -> bool {
        (at.saturating_sub(MAX_PHRASE)..at)
            .any(|j| self.knowledge.title_in(prepared, j, at) == Some(at - j))
    }

    /// Length of the longest seat-of-power or capital metonym of up to three capitalised
    /// words at the start of `words` ("White House", "Kremlin").
    fn metonym_len(&self, words: &[&str]) -> Option<usize> {
        let mut joined = String::new();
        let mut best = None;
        for (n, w) in words.iter().take(3).enumerate() {
            if !starts_upper(w) {
                break;
            }
            if n > 0 {
                joined.push(' ');
            }
            joined.push_str(w);
            if self.knowledge.metonym(&joined).is_some() {
                best = Some(n + 1);
            }
        }
        best
    }

    /// Builds the mention of a candidate, or `None` for an obviously wrong one.
    fn mention(&self, text: &str, tokens: &Tokens, c: &Candidate) -> Option<Mention> {
        let first = tokens.spans.get(c.start)?;
        let last = tokens.spans.get(c.end.checked_sub(1)?)?;
        let k = &self.knowledge;
        let span = Span::new(first.start, last.end);
        let (span, surface) = if c.end - c.start == 1 {
            compound_head(k, text, span)
        } else {
            (span, span.slice(text))
        };
        if !plausible(surface, c.end - c.start) {
            return None;
        }
        let entries = match c.shared_head {
            Some((head_start, head_end)) => {
                let name = tokens.text_of(text, c.start, c.end.min(head_start))?;
                let head = tokens.text_of(text, head_start, head_end)?;
                singular_head_lookup(k, name, head)
            }
            None => k.lookup(surface),
        };
        let actor = is_actor(&tokens.words, c.start, c.end);
        let metonym = k.metonym(surface);
        let demonym = (c.end - c.start == 1).then(|| k.demonym(surface)).flatten();
        // The knowledge base wins over the tagger when all its entries agree on a type
        // ("Kyiv" tagged ORG is a place; "Zelenskiy" tagged LOC is a person).
        let family = |kind: Kind| match kind {
            Kind::Person => EntityType::Per,
            Kind::Organization | Kind::Government => EntityType::Org,
            Kind::Gpe | Kind::Location => EntityType::Loc,
            Kind::Norp | Kind::Misc => EntityType::Misc,
        };
        let known = entries
            .first()
            .map(|e| family(e.kind))
            .filter(|f| entries.iter().all(|e| family(e.kind) == *f));
        let ty = match (known, c.ty) {
            // A lone demonym is a nationality whatever the tagger says ("Emirati" as ORG).
            (_, Some(EntityType::Misc)) | (None, _) if demonym.is_some() => Some(EntityType::Misc),
            (Some(f), _) => Some(f),
            (None, Some(ty)) => Some(ty),
            (None, None) => metonym.map(|_| EntityType::Org),
        };
        // Title-case headings fool the tagger: keep only what the knowledge base knows there.
        if tokens.heading && entries.is_empty() && metonym.is_none() && demonym.is_none() {
            return None;
        }
        let (kind, key, metonymy) = match ty? {
            EntityType::Per => (Kind::Person, pick(&entries, &[Kind::Person]), false),
            // "the Kremlin", "the White House": a seat of power for its government.
            EntityType::Org | EntityType::Loc
                if metonym.is_some()
                    && !has_kind(&entries, &[Kind::Organization, Kind::Location, Kind::Gpe]) =>
            {
                (Kind::Government, metonym.map(|g| g.id.clone()), actor)
            }
            EntityType::Org if has_kind(&entries, &[Kind::Government]) => {
                (Kind::Government, pick(&entries, &[Kind::Government]), false)
            }
            EntityType::Org => (
                Kind::Organization,
                pick(&entries, &[Kind::Organization, Kind::Government]),
                false,
            ),
            EntityType::Loc => match metonym {
                // A capital used as an actor: "Moscow said".
                Some(g) if actor => (Kind::Gpe, Some(g.id.clone()), true),
                _ if has_kind(&entries, &[Kind::Gpe]) => {
                    (Kind::Gpe, pick(&entries, &[Kind::Gpe]), false)
                }
                _ => (
                    Kind::Location,
                    pick(&entries, &[Kind::Location, Kind::Gpe]),
                    false,
                ),
            },
            EntityType::Misc => match demonym {
                Some(country) => (
                    Kind::Norp,
                    Some(country.id.clone()),
                    demonym_actor(&tokens.words, c.start),
                ),
                None if has_kind(&entries, &[Kind::Norp]) => {
                    (Kind::Norp, pick(&entries, &[Kind::Norp]), false)
                }
                None => (Kind::Misc, pick(&entries, &[Kind::Misc]), false),
            },
        };
        let role = if kind == Kind::Person {
            self.role_before(tokens, c.start)
                .or_else(|| self.role_after(tokens, c.end))
        } else {
            None
        };
        Some(Mention {
            span,
            text: surface.to_string(),
            kind,
            role: role.map(|r| r.slice(text).to_string()),
            role_span: role,
            key,
            metonymy,
            sentence: c.sentence,
            entity: None,
        })
    }

    /// A title phrase ending right before token `name` ("Russian President", "US Ambassador
    /// to NATO", "Kremlin spokesman", "former President"), with a qualifier before it (a
    /// demonym, a country or organisation, or a possessive "Ukraine's").
    fn role_before(&self, tokens: &Tokens, name: usize) -> Option<Span> {
        let words = &tokens.words;
        let lowest = name.saturating_sub(MAX_PHRASE);
        // Cheap test first: a title phrase holds a title word.
        let any_title_word = words
            .get(lowest..name)
            .is_some_and(|w| w.iter().any(|w| self.knowledge.is_title_word(w)));
        if !any_title_word {
            return None;
        }
        let prepared = &tokens.prepared;
        let start = (lowest..name)
            .find(|&j| self.knowledge.title_in(prepared, j, name) == Some(name - j))?;
        let start = self.qualifier_before(tokens, start);
        // A dash or bracket of a dateline before the title is not part of it.
        let start = (start..name).find(|&j| {
            words
                .get(j)
                .is_some_and(|w| w.chars().any(char::is_alphanumeric))
        })?;
        span_of(tokens, start, name)
    }

    /// An appositive role right after the name: "Rustem Umerov, Ukraine's chief negotiator,".
    fn role_after(&self, tokens: &Tokens, end: usize) -> Option<Span> {
        let words = &tokens.words;
        if words.get(end).copied() != Some(",") {
            return None;
        }
        let mut at = end + 1;
        if words
            .get(at)
            .is_some_and(|w| DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(w)))
        {
            at += 1;
        }
        // A qualifier first ("Ukraine's", "Kremlin", "Russian"), then the title.
        let prepared = &tokens.prepared;
        let title = |from: usize| {
            self.knowledge
                .title_in(prepared, from, window_end(words, from))
        };
        let (title_start, len) = match title(at) {
            Some(n) => (at, n),
            None => {
                let q = self.qualifier_len(tokens, at, window_end(words, at))?;
                (at + q, title(at + q)?)
            }
        };
        let title_end = title_start + len;
        let closes = matches!(
            words.get(title_end).copied(),
            None | Some("," | "." | ";" | ")")
        );
        if !closes {
            return None;
        }
        span_of(tokens, at, title_end)
    }

    /// Moves a title's start back over a qualifier right before it.
    fn qualifier_before(&self, tokens: &Tokens, start: usize) -> usize {
        for back in [3, 2, 1] {
            let Some(q) = start.checked_sub(back) else {
                continue;
            };
            if self.qualifier_len(tokens, q, start) == Some(back) {
                return q;
            }
        }
        start
    }

    /// Length of a qualifier at the start of tokens `start..end`: a demonym ("Russian"), a
    /// known name ("Kremlin", "US"), optionally with a possessive "'s".
    fn qualifier_len(&self, tokens: &Tokens, start: usize, end: usize) -> Option<usize> {
        let words = tokens.words.get(start..end).unwrap_or(&[]);
        let first = words.first()?;
        if !starts_upper(first) {
            return None;
        }
        let n =
            if self.knowledge.demonym(first).is_some() || self.knowledge.metonym(first).is_some() {
                1
            } else {
                self.knowledge
                    .longest_match_in(&tokens.prepared, start, end)
                    .filter(|(_, entries)| !entries.is_empty())
                    .map(|(n, _)| n)?
            };
        let possessive = words.get(n).is_some_and(|w| matches!(*w, "'s" | "’s"));
        Some(if possessive { n + 1 } else { n })
    }
}

/// Drops a leading "the" and trailing possessives or punctuation from a token range.
/// Lowercase particles inside personal names ("Abdulaziz bin Salman", "Ursula von der Leyen",
/// "Luiz Inácio Lula da Silva"), which the tagger tends to cut a name at.
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "bint", "ibn", "ben", "da", "das", "de", "del", "della", "der", "di", "do", "dos",
    "du", "el", "la", "le", "van", "von", "y",
];

/// Joins two person spans of one sentence (`candidates[from..]`) that only name particles
/// separate into one name.
fn join_name_particles(words: &[&str], candidates: &mut Vec<Candidate>, from: usize) {
    let mut i = from;
    while i + 1 < candidates.len() {
        let (Some(a), Some(b)) = (candidates.get(i), candidates.get(i + 1)) else {
            break;
        };
        let between = words.get(a.end..b.start).unwrap_or(&[]);
        let joins = a.ty == Some(EntityType::Per)
            && matches!(
                b.ty,
                Some(EntityType::Per | EntityType::Misc | EntityType::Loc)
            )
            && !between.is_empty()
            && between.len() <= 2
            && between.iter().all(|w| NAME_PARTICLES.contains(w));
        if joins {
            let end = b.end;
            if let Some(first) = candidates.get_mut(i) {
                first.end = end;
            }
            candidates.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

fn trim(words: &[&str], mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    while start < end
        && words
            .get(start)
            .is_some_and(|w| w.eq_ignore_ascii_case("the"))
    {
        start += 1;
    }
    while end > start
        && words.get(end - 1).is_some_and(|w| {
            matches!(*w, "'s" | "’s" | "'" | "’") || !w.chars().any(char::is_alphanumeric)
        })
    {
        end -= 1;
    }
    (start < end).then_some((start, end))
}

/// True for a title-case heading: at least three words, four in five of them capitalised, and
/// no closing full stop.
fn is_heading(words: &[&str]) -> bool {
    let (mut total, mut upper) = (0, 0);
    for w in words {
        if w.chars().next().is_some_and(char::is_alphabetic) && w.len() > 3 {
            total += 1;
            upper += usize::from(starts_upper(w));
        }
    }
    // A sentence closed by a full stop is running text, however many names it holds.
    let closed = words.last().is_some_and(|w| *w == ".");
    total >= 3 && upper * 5 >= total * 4 && !closed
}

/// The longest name or title phrase looked for, in tokens.
const MAX_PHRASE: usize = 8;

/// The tokens from `at` on, at most [`MAX_PHRASE`] of them (knowledge lookups cost in
/// proportion to the slice they get).
fn window<'a, 'b>(words: &'b [&'a str], at: usize) -> &'b [&'a str] {
    words.get(at..window_end(words, at)).unwrap_or(&[])
}

/// The end of the [`window`] at `at`.
fn window_end(words: &[&str], at: usize) -> usize {
    words.len().min(at + MAX_PHRASE)
}

/// The lowercased last words of the knowledge base's place names of two words or more
/// ("river", "sea", "oblast"). Bodies are left out: "U.S. Army" stays the United States and
/// its army, which makes the country the party.
fn name_heads(knowledge: &Knowledge) -> HashSet<String> {
    knowledge
        .entries()
        .iter()
        .filter(|entry| matches!(entry.kind, Kind::Location | Kind::Gpe))
        .flat_map(|entry| std::iter::once(&entry.name).chain(&entry.aliases))
        .filter_map(|name| {
            let mut words = name.split_whitespace();
            let last = words.next_back()?;
            words.next()?;
            last.chars()
                .all(char::is_alphabetic)
                .then(|| last.to_lowercase())
        })
        .collect()
}

/// A word that looks like an English plural ("regions", "Republics", "territories"), not a
/// name ending in a double s ("Congress").
fn is_plural_like(word: &str) -> bool {
    word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("'s")
}

/// The knowledge base's entries for `name` followed by the plural `head` in the singular:
/// "Sumy" + "regions" → "Sumy region", "Northern" + "Territories" → "Northern Territory",
/// "Faroe" + "Islands" → "Faroe Island" or, failing that, as written ("Faroe Islands").
fn singular_head_lookup<'k>(knowledge: &'k Knowledge, name: &str, head: &str) -> Vec<&'k Entry> {
    let stem = head.strip_suffix('s').unwrap_or(head);
    let mut forms = vec![format!("{name} {stem}")];
    if let Some(root) = head.strip_suffix("ies") {
        forms.insert(0, format!("{name} {root}y"));
    }
    forms.push(format!("{name} {head}"));
    forms
        .iter()
        .map(|form| knowledge.lookup(form))
        .find(|entries| !entries.is_empty())
        .unwrap_or_default()
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The part of a one-word hyphenated compound that names something the knowledge base knows, when
/// the whole compound is unknown: "U.S.-drafted" and "U.S.-led" name the United States,
/// "Dubai-based" Dubai, "Russia-Ukraine" Russia first. Anything else is returned whole.
fn compound_head<'t>(k: &Knowledge, text: &'t str, span: Span) -> (Span, &'t str) {
    let whole = span.slice(text);
    let known = |part: &str| {
        !k.lookup(part).is_empty() || k.demonym(part).is_some() || k.metonym(part).is_some()
    };
    let Some((head, _)) = whole.split_once('-') else {
        return (span, whole);
    };
    if head.is_empty() || known(whole) || !known(head) {
        return (span, whole);
    }
    let narrowed = Span::new(span.start, span.start + head.len());
    (narrowed, head)
}

/// False for obviously wrong mentions: no letter, a single lowercase word, a number.
fn plausible(surface: &str, tokens: usize) -> bool {
    if !surface.chars().any(char::is_alphabetic) {
        return false;
    }
    tokens != 1 || starts_upper(surface)
}

fn has_kind(entries: &[&Entry], kinds: &[Kind]) -> bool {
    entries.iter().any(|e| kinds.contains(&e.kind))
}

/// The key of the entry a mention names: the only entry, or the first whose kind is the
/// most preferred of `kinds`.
fn pick(entries: &[&Entry], kinds: &[Kind]) -> Option<String> {
    if let [only] = entries {
        return Some(only.id.clone());
    }
    kinds
        .iter()
        .find_map(|k| entries.iter().find(|e| e.kind == *k))
        .map(|e| e.id.clone())
}

fn is_actor_verb(word: &str) -> bool {
    ACTOR_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word))
}

/// True when the name at `start..end` acts or speaks: "according to" before it, or an actor
/// verb within three tokens after it, and no place preposition right before it.
fn is_actor(words: &[&str], start: usize, end: usize) -> bool {
    let before = |back: usize| {
        start
            .checked_sub(back)
            .and_then(|i| words.get(i))
            .copied()
            .unwrap_or("")
    };
    let (prev, prev2) = if before(1).eq_ignore_ascii_case("the") {
        (before(2), before(3))
    } else {
        (before(1), before(2))
    };
    if prev.eq_ignore_ascii_case("to") && prev2.eq_ignore_ascii_case("according") {
        return true;
    }
    if PLACE_PREPOSITIONS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(prev))
    {
        return false;
    }
    words.iter().skip(end).take(3).any(|w| is_actor_verb(w))
}

/// True when the demonym at `at` is an adjective standing for its country as an actor:
/// lowercase nouns follow, then an actor verb ("Russian air defences intercepted").
fn demonym_actor(words: &[&str], at: usize) -> bool {
    let next = words.get(at + 1).copied().unwrap_or("");
    if !next.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    words
        .iter()
        .skip(at + 2)
        .take(3)
        .take_while(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
        .any(|w| is_actor_verb(w) || (w.len() >= 5 && w.ends_with("ed")))
}

fn span_of(tokens: &Tokens, start: usize, end: usize) -> Option<Span> {
    let first = tokens.spans.get(start)?;
    let last = tokens.spans.get(end.checked_sub(1)?)?;
    (start < end).then(|| Span::new(first.start, last.end))
}

/// The words of a candidate joined by single spaces (a document-wide key for its name).
fn surface_key(sents: &[Tokens], c: &Candidate, buf: &mut String) {
    buf.clear();
    if let Some(words) = sents
        .get(c.sentence)
        .and_then(|t| t.words.get(c.start..c.end))
    {
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                buf.push(' ');
            }
            buf.push_str(w);
        }
    }
}

fn type_index(ty: EntityType) -> usize {
    match ty {
        EntityType::Per => 0,
        EntityType::Org => 1,
        EntityType::Loc => 2,
        EntityType::Misc => 3,
    }
}

/// Gives every tagged occurrence of a name the type it has most often in the document.
fn harmonise_types(sents: &[Tokens], candidates: &mut [Candidate]) {
    let mut votes: HashMap<String, [u32; 4]> = HashMap::new();
    let mut buf = String::new();
    for c in candidates.iter() {
        let Some(ty) = c.ty else { continue };
        surface_key(sents, c, &mut buf);
        if let Some(v) = votes
            .entry(buf.clone())
            .or_default()
            .get_mut(type_index(ty))
        {
            *v += 1;
        }
        // A full name also votes, twice, for its surname ("Vladimir Putin" → "Putin").
        let surname = sents
            .get(c.sentence)
            .and_then(|t| t.words.get(c.end - 1))
            .filter(|_| ty == EntityType::Per && c.end - c.start > 1);
        if let Some(v) = surname.and_then(|w| votes.entry((*w).to_string()).or_default().get_mut(0))
        {
            *v += 2;
        }
    }
    for c in candidates.iter_mut() {
        let Some(ty) = c.ty else { continue };
        surface_key(sents, c, &mut buf);
        let Some(v) = votes.get(&buf) else { continue };
        let own = v.get(type_index(ty)).copied().unwrap_or(0);
        if let Some(best) = EntityType::ALL
            .iter()
            .copied()
            .max_by_key(|t| v.get(type_index(*t)).copied().unwrap_or(0))
            .filter(|t| v.get(type_index(*t)).copied().unwrap_or(0) > own)
        {
            c.ty = Some(best);
        }
    }
}

/// Finds again, where the tagger missed them, the person names (and their surnames) found
/// elsewhere in the document by the tagger or the gazetteer.
fn propagate_names(sents: &[Tokens], candidates: &mut Vec<Candidate>, knowledge: &Knowledge) {
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut buf = String::new();
    for c in candidates.iter() {
        let is_person = match c.ty {
            Some(ty) => ty == EntityType::Per,
            None => {
                surface_key(sents, c, &mut buf);
                knowledge
                    .lookup(&buf)
                    .first()
                    .is_some_and(|e| e.kind == Kind::Person)
            }
        };
        if !is_person {
            continue;
        }
        surface_key(sents, c, &mut buf);
        names.insert(buf.clone(), c.end - c.start);
        let surname = sents
            .get(c.sentence)
            .and_then(|t| t.words.get(c.end - 1))
            .filter(|w| c.end - c.start > 1 && w.chars().count() >= 3 && starts_upper(w));
        if let Some(surname) = surname
            && !knowledge.is_title_word(surname)
        {
            names.insert((*surname).to_string(), 1);
        }
    }
    if names.is_empty() {
        return;
    }
    let longest = names.values().copied().max().unwrap_or(1);
    let mut covered: Vec<Vec<bool>> = sents.iter().map(|t| vec![false; t.words.len()]).collect();
    for c in candidates.iter() {
        if let Some(row) = covered.get_mut(c.sentence) {
            row.iter_mut()
                .take(c.end)
                .skip(c.start)
                .for_each(|x| *x = true);
        }
    }
    let mut added = Vec::new();
    for (sentence, tokens) in sents.iter().enumerate() {
        let Some(row) = covered.get(sentence) else {
            continue;
        };
        let mut i = 0;
        while i < tokens.words.len() {
            let free = |n: usize| (i..i + n).all(|j| row.get(j) == Some(&false));
            let hit = (1..=longest.min(tokens.words.len() - i)).rev().find(|&n| {
                if !free(n) || !tokens.words.get(i).is_some_and(|w| starts_upper(w)) {
                    return false;
                }
                let c = Candidate::new(sentence, i, i + n, None);
                surface_key(sents, &c, &mut buf);
                names.get(&buf) == Some(&n)
            });
            match hit {
                Some(n) => {
                    added.push(Candidate::new(sentence, i, i + n, Some(EntityType::Per)));
                    i += n;
                }
                None => i += 1,
            }
        }
    }
    candidates.extend(added);
}

/// Keeps, of overlapping candidates (sorted by start, longest first), the first.
fn remove_overlaps(candidates: &mut Vec<Candidate>) {
    let mut last: Option<(usize, usize)> = None;
    candidates.retain(|c| {
        if let Some((sentence, end)) = last
            && sentence == c.sentence
            && c.start < end
        {
            return false;
        }
        last = Some((c.sentence, c.end));
        true
    });
}

#[cfg(test)]
mod tests;
