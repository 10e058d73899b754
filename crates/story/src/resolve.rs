//! Entity resolution across articles: one [`Entity`] per real-world actor.
//!
//! Every mention gets a **group key**, in this order:
//! 1. its knowledge-base key (`mention.key`, or a unique knowledge match of its surface of a
//!    compatible kind, a demonym's country, a metonym's government): the entity is the
//!    knowledge entry (`per:…`, `gov:…`, `gpe:…`, `org:…`);
//! 2. a person's full name (titles and honorifics stripped): the first name folded over its
//!    variants (Steve/Steven/Stephen) and the rest over transliterations
//!    (Zelensky/Zelenskiy/Zelenskyy) with [`Knowledge::name_key`];
//! 3. a person's surname alone ("Trump", "President Trump"): the full-name person with that
//!    surname in the same article; else a unique knowledge match; else the only full-name
//!    person with that surname in the whole batch; else, among several, the one whose first
//!    name appears in the article; else the surname stays an entity of its own;
//! 4. an organisation's acronym: its long form when some article writes "Long Form (ACR)" or
//!    the long form's capitalised initials spell it and both are mentioned;
//! 5. otherwise the kind class and the folded surface.
//!
//! Outside the knowledge base, kinds never merge across classes (person; organisation or
//! government; country or place; group; other), so "Jordan" the person and "Jordan" the
//! country stay apart; an "other" mention may take any unique knowledge match.
//!
//! Entities built from knowledge entries take their id, name, kind, roles and parent from the
//! entry; the others get `e:<slug of the canonical name>` (made unique), the canonical name
//! being the most frequent full form (the longest among equally frequent ones). Quote
//! speakers, position actors and event participants are then resolved through the mentions
//! at their spans, or else by their names.
//!
//! Resolution is incremental: an [`Index`] keeps, per entity, its group key, id and kind, and
//! the lookups later batches need — surname → full-name persons, acronym → long form, name →
//! entity ids, the `e:` ids taken. The two passes run within each batch; lookups that the
//! batch cannot answer go to the index, so an entity seen in an earlier batch keeps its id.
//! Earlier batches are not revisited: a lone surname or a speaker's name resolved before the
//! full name appears stays as it was, and an acronym's long form counts from the batch that
//! writes it out (its initials are matched with long forms of the same batch).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use dragoman_knowledge::{Entry as KnowledgeEntry, Knowledge};
use dragoman_model::{Doc, Entity, Kind, Mention, Role, Source, Span};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// What resolution keeps between batches: one small record per entity and the name indexes
/// that later mentions are looked up in (no per-mention lists).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index {
    /// Group key → the entity it became.
    groups: HashMap<String, Known>,
    /// Folded surname → group of each full-name person with that surname → first-name variants.
    surnames: HashMap<String, BTreeMap<String, Vec<String>>>,
    /// Organisation acronyms learned so far.
    acronyms: Acronyms,
    /// Lowercased entity name or mention surface → entity ids using it (at most two: a name
    /// with two is ambiguous whatever else uses it).
    names: HashMap<String, Vec<String>>,
    /// `e:` ids given out. Rebuilt after loading.
    #[serde(skip)]
    taken: HashSet<String>,
}

/// The id and kind an entity got when it was first seen.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Known {
    id: String,
    kind: Kind,
}

/// Ids kept per name in [`Index::names`].
const NAME_IDS: usize = 2;

impl Index {
    /// Number of entities known.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True before the first entity.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Rebuilds the set of taken ids (not serialised).
    pub(crate) fn rebuild(&mut self) {
        self.taken = self.groups.values().map(|k| k.id.clone()).collect();
    }

    /// Groups the mentions of a batch into entities — known ones keep their id — and fills the
    /// entity ids of mentions, quote speakers, position actors and event participants. Returns
    /// each entity the batch mentions with what the batch contributes to it (its mentions,
    /// articles, sources, aliases and roles), most mentioned first.
    pub fn resolve(&mut self, docs: &mut [Doc], knowledge: &Knowledge) -> Vec<Entity> {
        self.acronyms.learn(docs, knowledge);
        let mut resolver = Resolver::new(knowledge, &mut self.surnames);

        // First pass: every mention except lone surnames gets its group.
        let mut groups: Vec<Vec<Option<String>>> = Vec::with_capacity(docs.len());
        for (d, doc) in docs.iter().enumerate() {
            let mut row = Vec::with_capacity(doc.mentions.len());
            for mention in &doc.mentions {
                let group = resolver.first_pass(d, mention, &self.acronyms);
                row.push(group);
            }
            groups.push(row);
        }
        // Second pass: lone surnames.
        for (d, doc) in docs.iter().enumerate() {
            let words = capitalised_words(&doc.article.text);
            for (m, mention) in doc.mentions.iter().enumerate() {
                if groups
                    .get(d)
                    .and_then(|r| r.get(m))
                    .is_some_and(Option::is_some)
                {
                    continue;
                }
                let group = resolver.surname(d, mention, &words);
                if let Some(slot) = groups.get_mut(d).and_then(|r| r.get_mut(m)) {
                    *slot = Some(group);
                }
            }
        }

        let mut builder = Builder::default();
        for (d, doc) in docs.iter().enumerate() {
            for (m, mention) in doc.mentions.iter().enumerate() {
                if let Some(Some(group)) = groups.get(d).and_then(|r| r.get(m)) {
                    builder.add(group, doc, mention, knowledge);
                }
            }
        }
        let mut entities = builder.finish(knowledge, self);
        add_ancestors(&mut entities, knowledge);

        for (d, doc) in docs.iter_mut().enumerate() {
            for (m, mention) in doc.mentions.iter_mut().enumerate() {
                mention.entity = groups
                    .get(d)
                    .and_then(|r| r.get(m))
                    .and_then(Option::as_ref)
                    .and_then(|g| self.groups.get(g))
                    .map(|k| k.id.clone());
            }
        }
        let names = NameIndex::new(docs, &entities);
        for doc in docs.iter_mut() {
            link(doc, &names, knowledge, self);
        }
        for (name, ids) in names.names {
            let known = self.names.entry(name).or_default();
            for id in ids {
                if known.len() < NAME_IDS && !known.contains(&id) {
                    known.push(id);
                }
            }
        }
        entities
    }

    /// The entity ids a name stands for in earlier batches.
    fn named(&self, lower: &str) -> &[String] {
        self.names.get(lower).map_or(&[], Vec::as_slice)
    }
}

/// The class a kind belongs to: mentions of different classes never merge.
fn class(kind: Kind) -> char {
    match kind {
        Kind::Person => 'p',
        Kind::Organization | Kind::Government => 'o',
        Kind::Gpe | Kind::Location => 'g',
        Kind::Norp => 'n',
        Kind::Misc => 'm',
    }
}

/// Whether a knowledge entry may stand for a mention of `kind`.
fn compatible(kind: Kind, entry: &KnowledgeEntry) -> bool {
    match kind {
        Kind::Person => entry.kind == Kind::Person,
        // A demonym stands for its country; a place used as an actor for its government.
        Kind::Norp => matches!(entry.kind, Kind::Norp | Kind::Gpe),
        Kind::Gpe | Kind::Location => !matches!(entry.kind, Kind::Person),
        Kind::Organization | Kind::Government => {
            matches!(entry.kind, Kind::Organization | Kind::Government)
        }
        // "Other" names are the tagger's catch-all: any unique knowledge match tells more.
        Kind::Misc => true,
    }
}

/// Honorifics dropped before a name.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "professor",
];
/// Suffixes dropped after a name.
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// A surface without a possessive ending and surrounding punctuation.
fn clean(surface: &str) -> &str {
    let s = surface.trim().trim_matches(|c: char| {
        !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’' || c == ')')
    });
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s);
    s.trim_end_matches(['\'', '’']).trim()
}

/// A surface without a leading "the".
fn without_article(surface: &str) -> &str {
    for the in ["the ", "The ", "THE "] {
        if let Some(rest) = surface.strip_prefix(the) {
            return rest.trim_start();
        }
    }
    surface
}

/// The words of a person's name, with titles, honorifics and suffixes removed, and the title
/// phrase removed (if any).
fn person_words<'a>(knowledge: &Knowledge, surface: &'a str) -> (Vec<&'a str>, Option<String>) {
    let mut words: Vec<&str> = clean(surface).split_whitespace().collect();
    let mut title = Vec::new();
    while let Some(first) = words.first() {
        let bare = first.trim_end_matches('.').to_lowercase();
        if words.len() > 1 && HONORIFICS.contains(&bare.as_str()) {
            words.remove(0);
            continue;
        }
        match knowledge.title_at(&words) {
            Some(n) if n > 0 && n < words.len() => {
                title.extend(words.drain(..n));
            }
            _ => break,
        }
    }
    while words.len() > 1
        && words.last().is_some_and(|w| {
            NAME_SUFFIXES.contains(&w.trim_end_matches('.').to_lowercase().as_str())
        })
    {
        words.pop();
    }
    let title = (!title.is_empty()).then(|| title.join(" "));
    (words, title)
}

/// True when the words are a full name (a first name and a surname), not a surname alone
/// (which may start with a lowercase particle: "von der Leyen").
fn is_full_name(words: &[&str]) -> bool {
    words.len() >= 2
        && words
            .first()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// The parts of a person's name used for grouping.
struct PersonName {
    /// Group key of the full name.
    key: String,
    /// Folded surname.
    surname: String,
    /// Lowercase variants of the first name.
    first: Vec<String>,
}

impl PersonName {
    fn of(knowledge: &Knowledge, words: &[&str]) -> Option<PersonName> {
        if !is_full_name(words) {
            return None;
        }
        let (first, rest) = words.split_first()?;
        let variants = knowledge.first_name_variants(first.trim_end_matches('.'));
        let canonical = variants.iter().min().cloned().unwrap_or_default();
        let surname = knowledge.name_key(rest.last()?);
        Some(PersonName {
            key: format!("p:{canonical} {}", knowledge.name_key(&rest.join(" "))),
            surname,
            first: variants,
        })
    }
}

/// Organisation acronyms and the long forms they stand for, learned batch by batch.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Acronyms {
    /// Acronym (upper case, no dots) → group key of its long form; `None` once two different
    /// long forms were seen for it.
    long_key: HashMap<String, Option<String>>,
    /// Group key of a long form → its text.
    long_text: HashMap<String, String>,
}

/// "Long Form Words (ACR)".
static PARENTHESIS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"((?:[A-Z][\w&'’.-]*\s+(?:(?:of|the|for|and|on|in|de|du|des|&)\s+)*){1,10})\(([A-Z][A-Za-z0-9&.]{1,11})\)",
    )
    .ok()
});

/// Words skipped when taking initials.
const MINOR: &[&str] = &[
    "of", "the", "for", "and", "on", "in", "de", "du", "des", "&", "to",
];

impl Acronyms {
    /// Learns the acronyms a batch writes out ("Long Form (ACR)") or mentions together with a
    /// long form whose initials spell them. An acronym given two different long forms, in one
    /// batch or across batches, is ambiguous from then on.
    fn learn(&mut self, docs: &[Doc], knowledge: &Knowledge) {
        let mut found: HashMap<String, HashSet<String>> = HashMap::new();
        let mut texts: HashMap<String, String> = HashMap::new();
        let mut note = |acronym: String, long: &str| {
            let key = org_key(knowledge, long);
            texts.entry(key.clone()).or_insert_with(|| long.to_string());
            found.entry(acronym).or_default().insert(key);
        };
        // Written out with the acronym in parentheses.
        if let Some(re) = PARENTHESIS.as_ref() {
            for doc in docs {
                for c in re.captures_iter(&doc.article.text) {
                    let (Some(long), Some(acr)) = (c.get(1), c.get(2)) else {
                        continue;
                    };
                    let acronym = bare_acronym(acr.as_str());
                    if let Some(long) = long_form_for(long.as_str(), &acronym) {
                        note(acronym, long);
                    }
                }
            }
        }
        // Long forms whose initials spell an acronym mentioned somewhere.
        let mut short: HashSet<String> = HashSet::new();
        let mut long: Vec<&str> = Vec::new();
        for m in docs.iter().flat_map(|d| &d.mentions) {
            if class(m.kind) != 'o' {
                continue;
            }
            let surface = without_article(clean(&m.text));
            if is_acronym(surface) {
                short.insert(bare_acronym(surface));
            } else if surface.split_whitespace().count() >= 2 {
                long.push(surface);
            }
        }
        for surface in long {
            let initials = initials(surface);
            if short.contains(&initials) {
                note(initials, surface);
            }
        }
        for (acronym, keys) in found {
            let mut keys = keys.into_iter();
            let unique = match (keys.next(), keys.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            };
            match self.long_key.entry(acronym) {
                Entry::Vacant(slot) => {
                    slot.insert(unique);
                }
                Entry::Occupied(mut slot) => {
                    if *slot.get() != unique {
                        slot.insert(None);
                    }
                }
            }
        }
        for (key, text) in texts {
            self.long_text.entry(key).or_insert(text);
        }
    }

    /// The group key of the long form an acronym stands for, when it is known and unique.
    fn long(&self, acronym: &str) -> Option<&String> {
        self.long_key.get(acronym)?.as_ref()
    }
}

/// The capitalised initials of a long form ("North Atlantic Treaty Organization" → "NATO").
fn initials(long: &str) -> String {
    long.split_whitespace()
        .filter(|w| !MINOR.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// The longest tail of `long` whose initials spell `acronym`.
fn long_form_for<'a>(long: &'a str, acronym: &str) -> Option<&'a str> {
    let long = long.trim();
    let starts = std::iter::once(0).chain(
        long.char_indices()
            .filter(|&(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8()),
    );
    for start in starts {
        let tail = long.get(start..)?.trim();
        if tail
            .split_whitespace()
            .next()
            .is_some_and(|w| MINOR.contains(&w.to_lowercase().as_str()))
        {
            continue;
        }
        if !tail.is_empty() && initials(tail) == acronym {
            return Some(tail);
        }
    }
    None
}

/// True for an all-capitals token of 2 to 12 characters ("NATO", "U.N.", "OSCE").
fn is_acronym(surface: &str) -> bool {
    let letters: Vec<char> = surface.chars().filter(|c| *c != '.').collect();
    (2..=12).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || *c == '&')
        && letters.iter().any(|c| c.is_alphabetic())
}

/// An acronym without dots.
fn bare_acronym(surface: &str) -> String {
    surface.chars().filter(|c| *c != '.').collect()
}

/// The group key of an organisation name.
fn org_key(knowledge: &Knowledge, name: &str) -> String {
    format!("o:{}", knowledge.name_key(without_article(clean(name))))
}

/// What the first pass learns about the people of each article and of all batches.
struct Resolver<'k, 's> {
    knowledge: &'k Knowledge,
    /// Per article: folded surname → groups of the full-name persons with that surname.
    article_surnames: HashMap<(usize, String), BTreeMap<String, Vec<String>>>,
    /// All batches: folded surname → group → first-name variants.
    surnames: &'s mut HashMap<String, BTreeMap<String, Vec<String>>>,
}

impl<'k, 's> Resolver<'k, 's> {
    fn new(
        knowledge: &'k Knowledge,
        surnames: &'s mut HashMap<String, BTreeMap<String, Vec<String>>>,
    ) -> Self {
        Resolver {
            knowledge,
            article_surnames: HashMap::new(),
            surnames,
        }
    }

    /// The knowledge entry for a mention: its key, else a unique compatible match.
    fn known(&self, mention: &Mention) -> Option<&'k KnowledgeEntry> {
        let k = self.knowledge;
        if let Some(entry) = mention.key.as_deref().and_then(|key| k.entry(key))
            && compatible(mention.kind, entry)
        {
            return Some(entry);
        }
        let surface = clean(&mention.text);
        match mention.kind {
            Kind::Norp => {
                if let Some(country) = k.demonym(surface) {
                    return Some(country);
                }
            }
            Kind::Gpe | Kind::Location if mention.metonymy => {
                if let Some(government) = k.metonym(surface) {
                    return Some(government);
                }
            }
            Kind::Organization | Kind::Government => {
                if let Some(government) = k.metonym(surface) {
                    return Some(government);
                }
            }
            _ => {}
        }
        let surface = if mention.kind == Kind::Person {
            person_words(k, surface).0.join(" ")
        } else {
            surface.to_string()
        };
        // A lone surname is left to the second pass (the article may name another person).
        if mention.kind == Kind::Person
            && !is_full_name(&surface.split_whitespace().collect::<Vec<_>>())
        {
            return None;
        }
        let candidates: Vec<&KnowledgeEntry> = k
            .lookup(&surface)
            .into_iter()
            .filter(|e| compatible(mention.kind, e))
            .collect();
        match candidates.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The group of a mention, or `None` for a lone surname (resolved in the second pass).
    fn first_pass(&mut self, doc: usize, mention: &Mention, acronyms: &Acronyms) -> Option<String> {
        let k = self.knowledge;
        if let Some(entry) = self.known(mention) {
            let group = format!("k:{}", entry.id);
            if entry.kind == Kind::Person {
                let (words, _) = person_words(k, &mention.text);
                let full: Vec<&str> = if is_full_name(&words) {
                    words
                } else {
                    entry.name.split_whitespace().collect()
                };
                self.note_person(doc, &full, &group);
            }
            return Some(group);
        }
        let surface = clean(&mention.text);
        match class(mention.kind) {
            'p' => {
                let (words, _) = person_words(k, surface);
                let name = PersonName::of(k, &words)?;
                self.note_person(doc, &words, &name.key);
                Some(name.key)
            }
            'o' => {
                let bare = without_article(surface);
                if is_acronym(bare) {
                    let acronym = bare_acronym(bare);
                    Some(
                        acronyms
                            .long(&acronym)
                            .cloned()
                            .unwrap_or_else(|| format!("o:{}", acronym.to_lowercase())),
                    )
                } else {
                    Some(org_key(k, bare))
                }
            }
            c => Some(format!("{c}:{}", k.name_key(without_article(surface)))),
        }
    }

    /// Records a full-name person of an article under its surname.
    fn note_person(&mut self, doc: usize, words: &[&str], group: &str) {
        let Some(name) = PersonName::of(self.knowledge, words) else {
            return;
        };
        let article = self
            .article_surnames
            .entry((doc, name.surname.clone()))
            .or_default();
        article.entry(group.to_string()).or_default();
        let batch = self.surnames.entry(name.surname).or_default();
        let first = batch.entry(group.to_string()).or_default();
        for v in name.first {
            if !first.contains(&v) {
                first.push(v);
            }
        }
    }

    /// The group of a lone surname (see the module documentation for the order of rules).
    fn surname(&self, doc: usize, mention: &Mention, words: &HashSet<String>) -> String {
        let k = self.knowledge;
        let (name, _) = person_words(k, &mention.text);
        let surname = name.last().copied().unwrap_or_else(|| clean(&mention.text));
        let folded = k.name_key(surname);
        if let Some(groups) = self.article_surnames.get(&(doc, folded.clone()))
            && groups.len() == 1
            && let Some(group) = groups.keys().next()
        {
            return group.clone();
        }
        let known: Vec<&KnowledgeEntry> = k
            .lookup(&name.join(" "))
            .into_iter()
            .filter(|e| e.kind == Kind::Person)
            .collect();
        if let [one] = known.as_slice() {
            return format!("k:{}", one.id);
        }
        if let Some(candidates) = self.surnames.get(&folded) {
            if candidates.len() == 1
                && let Some(group) = candidates.keys().next()
            {
                return group.clone();
            }
            let evidenced: Vec<&String> = candidates
                .iter()
                .filter(|(_, first)| first.iter().any(|f| words.contains(f)))
                .map(|(g, _)| g)
                .collect();
            if let [one] = evidenced.as_slice() {
                return (*one).clone();
            }
        }
        format!("p1:{folded}")
    }
}

/// Lowercased capitalised words of a text (evidence of a first name).
fn capitalised_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .collect()
}

/// What one group gathers before it becomes an entity.
#[derive(Default)]
struct Gathered {
    kinds: HashMap<Kind, usize>,
    /// Surface form → count, in first-seen order.
    forms: Vec<(String, usize)>,
    roles: Vec<Role>,
    articles: Vec<String>,
    sources: Vec<Source>,
    order: usize,
}

/// Collects the mentions of every group.
#[derive(Default)]
struct Builder {
    groups: HashMap<String, Gathered>,
}

impl Builder {
    fn add(&mut self, group: &str, doc: &Doc, mention: &Mention, knowledge: &Knowledge) {
        let next = self.groups.len();
        let g = self
            .groups
            .entry(group.to_string())
            .or_insert_with(|| Gathered {
                order: next,
                ..Gathered::default()
            });
        *g.kinds.entry(mention.kind).or_insert(0) += 1;
        let (form, title) = if mention.kind == Kind::Person {
            let (words, title) = person_words(knowledge, &mention.text);
            (words.join(" "), title)
        } else {
            (without_article(clean(&mention.text)).to_string(), None)
        };
        if !form.is_empty() {
            match g.forms.iter_mut().find(|(f, _)| *f == form) {
                Some((_, n)) => *n += 1,
                None => g.forms.push((form, 1)),
            }
        }
        let id = &doc.article.id;
        let role_source = Source::new(id.clone(), mention.role_span.unwrap_or(mention.span));
        for role in mention.role.iter().chain(title.as_ref()) {
            add_role(&mut g.roles, role.trim(), Some(role_source.clone()));
        }
        // Documents come in order, so an article already listed is the last one.
        if g.articles.last() != Some(id) {
            g.articles.push(id.clone());
        }
        g.sources.push(Source::new(id.clone(), mention.span));
    }

    /// Turns the groups into entities: a group seen in an earlier batch keeps its id and kind,
    /// a new one is recorded in the index.
    fn finish(self, knowledge: &Knowledge, index: &mut Index) -> Vec<Entity> {
        let mut groups: Vec<(String, Gathered)> = self.groups.into_iter().collect();
        groups.sort_by_key(|(_, g)| g.order);
        let mut entities = Vec::new();
        for (group, g) in groups {
            let entry = group.strip_prefix("k:").and_then(|id| knowledge.entry(id));
            let known = index.groups.get(&group).cloned();
            let mut entity = match entry {
                Some(entry) => known_entity(entry, g),
                None => {
                    let long = index.acronyms.long_text.get(&group).map(String::as_str);
                    let id = known.as_ref().map(|k| k.id.clone());
                    let mut entity = new_entity(g, long, id, &mut index.taken);
                    if matches!(entity.kind, Kind::Organization | Kind::Government) {
                        entity.parent = place_in_name(knowledge, &entity.name);
                    }
                    entity
                }
            };
            match known {
                Some(known) => entity.kind = known.kind,
                None => {
                    index.taken.insert(entity.id.clone());
                    index.groups.insert(
                        group,
                        Known {
                            id: entity.id.clone(),
                            kind: entity.kind,
                        },
                    );
                }
            }
            entities.push(entity);
        }
        entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
        entities
    }
}

/// Adds the knowledge base's parents of the entities, and theirs, that are not among them, with
/// no mentions of their own: the country a minister's stance counts for is then in the report
/// even when no article names it.
fn add_ancestors(entities: &mut Vec<Entity>, knowledge: &Knowledge) {
    let mut present: HashSet<String> = entities.iter().map(|e| e.id.clone()).collect();
    let mut ancestors = Vec::new();
    for entity in entities.iter() {
        let mut parent = entity.parent.clone();
        while let Some(entry) = parent.as_deref().and_then(|id| knowledge.entry(id)) {
            // One already present has its own ancestors walked (and ends a cycle).
            if !present.insert(entry.id.clone()) {
                break;
            }
            ancestors.push(known_entity(entry, Gathered::default()));
            parent = entry.parent.clone();
        }
    }
    entities.extend(ancestors);
}

/// Head words of a state body's name ("Ministry", "Embassy", "Armed Forces").
const STATE_BODIES: &[&str] = &[
    "ministry",
    "ministries",
    "department",
    "office",
    "government",
    "cabinet",
    "parliament",
    "embassy",
    "consulate",
    "mission",
    "delegation",
    "army",
    "navy",
    "military",
    "forces",
    "authorities",
    "regime",
    "administration",
    "presidency",
    "council",
    "agency",
    "service",
    "services",
    "police",
    "guard",
    "command",
    "court",
    "senate",
    "assembly",
    "congress",
    "commission",
    "prosecutor",
    "prosecutor's",
    "customs",
];

/// The place a state body outside the knowledge base belongs to, when its name says so:
/// a place or its demonym before the body ("Belgian Ministry of Finance", "UAE Embassy") or
/// after its last "of" ("Ministry of Defence of Belgium").
fn place_in_name(knowledge: &Knowledge, name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let body = |w: &&str| STATE_BODIES.contains(&w.to_lowercase().as_str());
    if !words.iter().any(body) {
        return None;
    }
    let place = |n: usize, entries: Vec<&KnowledgeEntry>| match entries.as_slice() {
        [one] if one.kind == Kind::Gpe => Some((n, one.id.clone())),
        _ => None,
    };
    let leading = words
        .first()
        .and_then(|w| knowledge.demonym(w))
        .filter(|e| e.kind == Kind::Gpe)
        .map(|e| e.id.clone())
        .or_else(|| {
            let (n, entries) = knowledge.longest_match(&words)?;
            place(n, entries)
                .filter(|(n, _)| *n < words.len())
                .map(|(_, id)| id)
        });
    leading.or_else(|| {
        let of = words.iter().rposition(|w| *w == "of")?;
        let rest = words.get(of + 1..)?;
        let rest = rest.strip_prefix(&["the"]).unwrap_or(rest);
        let (n, entries) = knowledge.longest_match(rest)?;
        place(n, entries)
            .filter(|(n, _)| *n == rest.len())
            .map(|(_, id)| id)
    })
}

/// Adds a role, merging its source into an equal title (case-insensitive).
fn add_role(roles: &mut Vec<Role>, title: &str, source: Option<Source>) {
    if title.is_empty() {
        return;
    }
    let existing = roles
        .iter_mut()
        .find(|r| r.title.eq_ignore_ascii_case(title));
    match existing {
        Some(role) => role.sources.extend(source),
        None => roles.push(Role {
            title: title.to_string(),
            sources: source.into_iter().collect(),
        }),
    }
}

/// Surface forms other than `name`, deduplicated case-insensitively.
fn aliases_of(name: &str, forms: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::from([name.to_lowercase()]);
    forms
        .into_iter()
        .filter(|f| !f.is_empty() && seen.insert(f.to_lowercase()))
        .collect()
}

/// An entity for a knowledge entry.
fn known_entity(entry: &KnowledgeEntry, g: Gathered) -> Entity {
    let forms = g
        .forms
        .into_iter()
        .map(|(f, _)| f)
        .chain(entry.aliases.iter().cloned());
    let mut roles = g.roles;
    for role in &entry.roles {
        add_role(&mut roles, role, None);
    }
    Entity {
        id: entry.id.clone(),
        name: entry.name.clone(),
        kind: entry.kind,
        aliases: aliases_of(&entry.name, forms),
        roles,
        parent: entry.parent.clone(),
        mentions: g.sources.len(),
        articles: g.articles,
        sources: g.sources,
    }
}

/// An entity for a group the knowledge base does not know; `id` is the one it got in an
/// earlier batch, if any, else a new unique `e:` slug of its name.
fn new_entity(
    g: Gathered,
    long_form: Option<&str>,
    id: Option<String>,
    taken: &mut HashSet<String>,
) -> Entity {
    let kind = g
        .kinds
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| *k)
        .unwrap_or(Kind::Misc);
    // Full forms (several words, not an acronym) are preferred as the name.
    let full = |f: &str| f.split_whitespace().count() >= 2 && !is_acronym(f);
    let name = g
        .forms
        .iter()
        .max_by(|a, b| {
            (full(&a.0), a.1, a.0.len())
                .cmp(&(full(&b.0), b.1, b.0.len()))
                .then(b.0.cmp(&a.0))
        })
        .map(|(f, _)| f.clone())
        .filter(|f| full(f) || long_form.is_none())
        .or_else(|| long_form.map(str::to_string))
        .unwrap_or_default();
    let id = id.unwrap_or_else(|| {
        let base = format!("e:{}", slug(&name));
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    });
    let forms = g
        .forms
        .into_iter()
        .map(|(f, _)| f)
        .chain(long_form.map(str::to_string));
    Entity {
        id,
        aliases: aliases_of(&name, forms),
        name,
        kind,
        roles: g.roles,
        parent: None,
        mentions: g.sources.len(),
        articles: g.articles,
        sources: g.sources,
    }
}

/// Lowercase letters and digits, other runs as one "-".
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "entity".into() } else { out }
}

/// Entity ids by name, across the batch, for speakers and actors given only by name.
struct NameIndex {
    /// Lowercased surface or entity name → entity ids.
    names: HashMap<String, Vec<String>>,
}

impl NameIndex {
    fn new(docs: &[Doc], entities: &[Entity]) -> Self {
        let mut names: HashMap<String, Vec<String>> = HashMap::new();
        let mut add = |name: &str, id: &str| {
            let ids = names.entry(name.to_lowercase()).or_default();
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_string());
            }
        };
        for e in entities {
            add(&e.name, &e.id);
        }
        for m in docs.iter().flat_map(|d| &d.mentions) {
            if let Some(id) = &m.entity {
                add(without_article(clean(&m.text)), id);
            }
        }
        NameIndex { names }
    }

    /// The one entity id a name stands for in this batch and earlier ones, if only one.
    fn unique(&self, name: &str, index: &Index) -> Option<String> {
        let lower = name.to_lowercase();
        let mut ids: Vec<&String> = self
            .names
            .get(&lower)
            .into_iter()
            .flatten()
            .chain(index.named(&lower))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }
}

/// Words that may surround a mention inside a speaker or actor span that it still covers.
const FILLER: &[&str] = &["the", "a", "an", "s"];

/// The entity of the mention covering `span`: a mention containing it, or a mention inside it
/// with nothing but a determiner around it (or a title, for a person).
fn entity_at(doc: &Doc, span: Span, knowledge: &Knowledge) -> Option<String> {
    let text = &doc.article.text;
    let mut best: Option<(&Mention, usize)> = None;
    for m in &doc.mentions {
        if m.entity.is_none() || !m.span.overlaps(span) {
            continue;
        }
        let covers = m.span.contains(span) || {
            span.contains(m.span) && {
                let before = text.get(span.start..m.span.start).unwrap_or("");
                let after = text.get(m.span.end..span.end).unwrap_or("");
                let rest = format!("{before} {after}");
                let words: Vec<&str> = rest
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                let is_title =
                    m.kind == Kind::Person && knowledge.title_at(&words) == Some(words.len());
                words
                    .iter()
                    .all(|w| FILLER.contains(&w.to_lowercase().as_str()))
                    || is_title
            }
        };
        let covers = covers || represents(text, span, m, knowledge) || office_of(text, span, m);
        if covers && best.is_none_or(|(_, len)| m.span.len() > len) {
            best = Some((m, m.span.len()));
        }
    }
    best.and_then(|(m, _)| m.entity.clone())
}

/// True when `span` names office holders of the country or region mentioned inside it, who
/// stand for it: "Ukrainian officials", "two senior European diplomats", "Chinese
/// negotiators" (a plural title after the name, only lowercase words around it but the
/// first).
fn represents(text: &str, span: Span, m: &Mention, knowledge: &Knowledge) -> bool {
    if !matches!(m.kind, Kind::Norp | Kind::Gpe | Kind::Government) || !span.contains(m.span) {
        return false;
    }
    let words = |a: usize, b: usize| -> Vec<&str> {
        text.get(a..b)
            .unwrap_or("")
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect()
    };
    let before = words(span.start, m.span.start);
    let after = words(m.span.end, span.end);
    let lowercase = |w: &&str| w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit());
    let Some(last) = after.last() else {
        return false;
    };
    let title = last
        .strip_suffix('s')
        .filter(|one| !one.ends_with('s'))
        .is_some_and(|one| knowledge.is_title_word(one));
    // The phrase's first word may open a sentence ("Two senior European diplomats").
    let modifiers = before.get(1..).unwrap_or(&[]);
    title
        && before.len() <= 3
        && after.len() <= 3
        && modifiers.iter().chain(&after).all(lowercase)
        && before
            .first()
            .is_none_or(|w| w.chars().all(char::is_alphanumeric))
}

/// Bodies that act for the person, country or organisation that owns them in a possessive:
/// "Putin's office", "the minister's team", "Kenya's delegation".
const OFFICES: &[&str] = &[
    "office",
    "administration",
    "government",
    "cabinet",
    "team",
    "camp",
    "delegation",
    "negotiators",
    "negotiating team",
    "presidency",
];

/// True when `span` is the office of the party `m` names: "Putin's office", "the
/// president's administration" with `m` the possessor and nothing else around.
fn office_of(text: &str, span: Span, m: &Mention) -> bool {
    if m.kind == Kind::Norp || !span.contains(m.span) {
        return false;
    }
    let before = text.get(span.start..m.span.start).unwrap_or("x").trim();
    let after = text.get(m.span.end..span.end).unwrap_or("");
    let Some(noun) = after
        .strip_prefix("'s ")
        .or_else(|| after.strip_prefix("’s "))
        .or_else(|| after.strip_prefix("' "))
    else {
        return false;
    };
    matches!(before, "" | "the" | "The") && OFFICES.contains(&noun.trim().to_lowercase().as_str())
}

/// The entity a written name stands for in an article: a mention of the article with that
/// surface, a person of the article with that surname, the knowledge base, or a unique name
/// of this batch and earlier ones.
fn entity_named(
    doc: &Doc,
    name: &str,
    names: &NameIndex,
    k: &Knowledge,
    index: &Index,
) -> Option<String> {
    let surface = without_article(clean(name));
    if surface.is_empty() {
        return None;
    }
    let lower = surface.to_lowercase();
    let own = doc
        .mentions
        .iter()
        .find(|m| m.entity.is_some() && without_article(clean(&m.text)).to_lowercase() == lower);
    if let Some(id) = own.and_then(|m| m.entity.clone()) {
        return Some(id);
    }
    let (words, _) = person_words(k, surface);
    if let Some(person) = PersonName::of(k, &words) {
        if let Some(known) = index.groups.get(&person.key) {
            return Some(known.id.clone());
        }
    } else if let [one] = words.as_slice() {
        let folded = k.name_key(one);
        let same = doc.mentions.iter().find(|m| {
            m.kind == Kind::Person
                && m.entity.is_some()
                && person_words(k, &m.text)
                    .0
                    .last()
                    .is_some_and(|last| k.name_key(last) == folded)
        });
        if let Some(id) = same.and_then(|m| m.entity.clone()) {
            return Some(id);
        }
    }
    let known = k
        .metonym(surface)
        .map(|e| e.id.clone())
        .or_else(|| match k.lookup(surface).as_slice() {
            [one] => Some(one.id.clone()),
            _ => None,
        })
        .filter(|id| index.groups.contains_key(&format!("k:{id}")));
    known.or_else(|| names.unique(surface, index))
}

/// Fills quote speakers, position actors and event participants of one document.
fn link(doc: &mut Doc, names: &NameIndex, knowledge: &Knowledge, index: &Index) {
    let speakers: Vec<Option<String>> = doc
        .quotes
        .iter()
        .map(|q| {
            q.speaker_span
                .and_then(|s| entity_at(doc, s, knowledge))
                .or_else(|| {
                    q.speaker_name
                        .as_deref()
                        .and_then(|n| entity_named(doc, n, names, knowledge, index))
                })
        })
        .collect();
    let actors: Vec<Option<String>> = doc
        .positions
        .iter()
        .map(|p| {
            let by_span = || p.actor_span.and_then(|s| entity_at(doc, s, knowledge));
            let by_name = || entity_named(doc, &p.actor_name, names, knowledge, index);
            // The finder may have named the holder from a description ("the Russian leader"
            // → "Vladimir Putin"): then the name it found wins over the words at the span.
            let renamed = p.actor_span.is_some_and(|s| {
                let written = s.slice(&doc.article.text).to_lowercase();
                !written.contains(&p.actor_name.to_lowercase())
            });
            if renamed {
                by_name().or_else(by_span)
            } else {
                by_span().or_else(by_name)
            }
        })
        .collect();
    let participants: Vec<Vec<String>> = doc
        .events
        .iter()
        .map(|e| {
            let mut out: Vec<String> = Vec::new();
            let found = e
                .participant_spans
                .iter()
                .filter_map(|&s| entity_at(doc, s, knowledge))
                .chain(
                    e.participant_names
                        .iter()
                        .filter_map(|n| entity_named(doc, n, names, knowledge, index)),
                );
            for id in found {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            out
        })
        .collect();
    for (q, s) in doc.quotes.iter_mut().zip(speakers) {
        q.speaker = s;
    }
    for (p, a) in doc.positions.iter_mut().zip(actors) {
        p.actor = a;
    }
    for (e, p) in doc.events.iter_mut().zip(participants) {
        e.participants = p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dragoman_model::{
        Article, Event, EventKind, EventStatus, Polarity, Position, Quote, Stance,
    };

    /// Resolves `docs` as one batch.
    fn resolve(docs: &mut [Doc], knowledge: &Knowledge) -> Vec<Entity> {
        Index::default().resolve(docs, knowledge)
    }

    fn kb() -> Knowledge {
        match Knowledge::embedded() {
            Ok(k) => k,
            Err(e) => panic!("embedded knowledge must load: {e}"),
        }
    }

    /// A document whose mentions are the given surfaces, found in order in `text`.
    fn doc(id: &str, text: &str, mentions: &[(&str, Kind)]) -> Doc {
        let mut article = Article::from_paragraphs(format!("{id}.txt"), [text]);
        article.id = id.to_string();
        let mut doc = Doc::new(article);
        crate::fixtures::add_mentions(&mut doc, mentions);
        doc
    }

    fn entity_of(docs: &[Doc], d: usize, m: usize) -> &str {
        docs[d].mentions[m].entity.as_deref().unwrap_or("<none>")
    }

    fn find<'a>(entities: &'a [Entity], id: &str) -> &'a Entity {
        match entities.iter().find(|e| e.id == id) {
            Some(e) => e,
            None => panic!(
                "no entity {id} in {:?}",
                entities.iter().map(|e| &e.id).collect::<Vec<_>>()
            ),
        }
    }

    #[test]
    fn transliterations_and_first_name_variants_fold() {
        use Kind::Person as P;
        let mut docs = vec![
            doc(
                "a",
                "Dmitriy Vasilevskiy spoke first. Steve Harrow answered.",
                &[("Dmitriy Vasilevskiy", P), ("Steve Harrow", P)],
            ),
            doc(
                "b",
                "Dmitry Vasilevsky spoke again, and Steven Harrow left.",
                &[("Dmitry Vasilevsky", P), ("Steven Harrow", P)],
            ),
            doc(
                "c",
                "Volodymyr Zelenskyy met Zelenskiy's advisers.",
                &[("Volodymyr Zelenskyy", P), ("Zelenskiy's", P)],
            ),
            doc("d", "Zelensky said nothing.", &[("Zelensky", P)]),
        ];
        let entities = resolve(&mut docs, &kb());
        assert_eq!(entity_of(&docs, 0, 0), entity_of(&docs, 1, 0));
        assert_eq!(entity_of(&docs, 0, 1), entity_of(&docs, 1, 1));
        assert!(entity_of(&docs, 0, 0).starts_with("e:"));
        let zelensky = "per:volodymyr-zelensky";
        assert_eq!(entity_of(&docs, 2, 0), zelensky);
        assert_eq!(entity_of(&docs, 2, 1), zelensky);
        assert_eq!(entity_of(&docs, 3, 0), zelensky);
        let z = find(&entities, zelensky);
        assert_eq!(z.mentions, 3);
        assert_eq!(z.articles, ["c", "d"]);
        assert!(
            z.aliases.iter().any(|a| a == "Zelenskiy"),
            "{:?}",
            z.aliases
        );
        assert!(!z.aliases.iter().any(|a| a.ends_with("'s")));
        assert!(z.parent.is_some());
        let harrow = find(&entities, entity_of(&docs, 0, 1));
        assert_eq!(harrow.kind, Kind::Person);
        assert_eq!(harrow.mentions, 2);
        assert_eq!(harrow.aliases.len(), 1, "{:?}", harrow.aliases);
    }

    #[test]
    fn surnames_go_to_the_right_person() {
        use Kind::Person as P;
        let mut docs = vec![
            doc(
                "a",
                "Marta Kowalczyk opened the talks. Kowalczyk then left.",
                &[("Marta Kowalczyk", P), ("Kowalczyk", P)],
            ),
            doc("b", "Kowalczyk was not available.", &[("Kowalczyk", P)]),
            doc(
                "c",
                "Anna Lindqvist, a mayor, spoke. Lindqvist smiled.",
                &[("Anna Lindqvist", P), ("Lindqvist", P)],
            ),
            doc(
                "d",
                "Erik Lindqvist, a banker, spoke. Lindqvist frowned.",
                &[("Erik Lindqvist", P), ("Lindqvist", P)],
            ),
            doc(
                "e",
                "Lindqvist, whom friends call Erik, was silent.",
                &[("Lindqvist", P)],
            ),
            doc("f", "Lindqvist was quoted by nobody.", &[("Lindqvist", P)]),
        ];
        let entities = resolve(&mut docs, &kb());
        assert_eq!(entity_of(&docs, 0, 1), entity_of(&docs, 0, 0));
        assert_eq!(entity_of(&docs, 1, 0), entity_of(&docs, 0, 0));
        let anna = entity_of(&docs, 2, 0);
        let erik = entity_of(&docs, 3, 0);
        assert_ne!(anna, erik);
        assert_eq!(entity_of(&docs, 2, 1), anna);
        assert_eq!(entity_of(&docs, 3, 1), erik);
        assert_eq!(entity_of(&docs, 4, 0), erik);
        let alone = entity_of(&docs, 5, 0);
        assert_ne!(alone, anna);
        assert_ne!(alone, erik);
        assert_eq!(find(&entities, alone).name, "Lindqvist");
        assert_eq!(find(&entities, anna).name, "Anna Lindqvist");
        assert_eq!(anna, "e:anna-lindqvist");
    }

    #[test]
    fn a_surname_that_is_also_a_country_stays_apart() {
        let mut docs = vec![doc(
            "a",
            "Malik Jordan, a diplomat, flew to Jordan. Jordan said the visit went well.",
            &[
                ("Malik Jordan", Kind::Person),
                ("Jordan", Kind::Gpe),
                ("Jordan", Kind::Person),
            ],
        )];
        resolve(&mut docs, &kb());
        let person = entity_of(&docs, 0, 0);
        assert_eq!(entity_of(&docs, 0, 2), person);
        assert_ne!(entity_of(&docs, 0, 1), person);
        assert_eq!(entity_of(&docs, 0, 1), "gpe:jordan");
    }

    #[test]
    fn acronyms_join_their_long_forms() {
        use Kind::Organization as O;
        let mut docs = vec![
            doc(
                "a",
                "Members of the Baltic Fisheries Council (BFC) met.",
                &[("Baltic Fisheries Council", O)],
            ),
            doc("b", "The BFC postponed its vote.", &[("BFC", O)]),
            doc(
                "c",
                "The Northern Grain Alliance grew. Later the NGA shrank.",
                &[("Northern Grain Alliance", O), ("NGA", O)],
            ),
            doc(
                "d",
                "NATO allies and the North Atlantic Treaty Organization itself.",
                &[("NATO", O), ("North Atlantic Treaty Organization", O)],
            ),
        ];
        let entities = resolve(&mut docs, &kb());
        assert_eq!(entity_of(&docs, 0, 0), entity_of(&docs, 1, 0));
        let bfc = find(&entities, entity_of(&docs, 1, 0));
        assert_eq!(bfc.name, "Baltic Fisheries Council");
        assert!(bfc.aliases.contains(&"BFC".to_string()));
        assert_eq!(entity_of(&docs, 2, 0), entity_of(&docs, 2, 1));
        assert_eq!(entity_of(&docs, 3, 0), "org:nato");
        assert_eq!(entity_of(&docs, 3, 1), "org:nato");
        assert_eq!(initials("Bank for International Settlements"), "BIS");
        assert_eq!(
            long_form_for("Officials of the World Trade Body", "WTB"),
            Some("World Trade Body")
        );
    }

    #[test]
    fn metonyms_and_demonyms_map_to_governments_and_countries() {
        let mut docs = vec![doc(
            "a",
            "The Kremlin said Russian air defences shot down drones. Moscow denied it.",
            &[
                ("Kremlin", Kind::Government),
                ("Russian", Kind::Norp),
                ("Moscow", Kind::Gpe),
            ],
        )];
        docs[0].mentions[2].metonymy = true;
        docs.push(doc(
            "b",
            "The Russian government replied.",
            &[("Russian government", Kind::Misc)],
        ));
        let entities = resolve(&mut docs, &kb());
        assert_eq!(entity_of(&docs, 0, 0), "gov:russia");
        assert_eq!(entity_of(&docs, 0, 1), "gpe:russia");
        assert_eq!(entity_of(&docs, 0, 2), "gov:russia");
        let government = find(&entities, "gov:russia");
        assert_eq!(government.kind, Kind::Government);
        assert_eq!(government.parent.as_deref(), Some("gpe:russia"));
        assert_eq!(entity_of(&docs, 1, 0), "gov:russia");
        assert_eq!(government.mentions, 3);
    }

    #[test]
    fn state_bodies_outside_the_knowledge_base_belong_to_the_place_they_name() {
        let k = kb();
        assert_eq!(
            place_in_name(&k, "Belgian Ministry of Finance").as_deref(),
            Some("gpe:belgium")
        );
        assert_eq!(
            place_in_name(&k, "UAE Ministry of Foreign Affairs").as_deref(),
            Some("gpe:united-arab-emirates")
        );
        assert_eq!(
            place_in_name(&k, "Ministry of Fisheries of Norway").as_deref(),
            Some("gpe:norway")
        );
        // Not a state body, or no place named.
        assert_eq!(place_in_name(&k, "Belgian Chocolate Makers"), None);
        assert_eq!(place_in_name(&k, "Ministry of Fisheries"), None);
        let mut docs = vec![doc(
            "a",
            "The Belgian Ministry of Finance said the assets would stay frozen.",
            &[("Belgian Ministry of Finance", Kind::Organization)],
        )];
        let entities = resolve(&mut docs, &k);
        let ministry = find(&entities, entity_of(&docs, 0, 0));
        assert_eq!(ministry.parent.as_deref(), Some("gpe:belgium"));
        assert!(entities.iter().any(|e| e.id == "gpe:belgium"));
    }

    #[test]
    fn titles_are_stripped_and_kept_as_roles() {
        let mut docs = vec![doc(
            "a",
            "President Trump spoke with Ms Olga Brenner.",
            &[
                ("President Trump", Kind::Person),
                ("Ms Olga Brenner", Kind::Person),
            ],
        )];
        let entities = resolve(&mut docs, &kb());
        assert_eq!(entity_of(&docs, 0, 0), "per:donald-trump");
        let trump = find(&entities, "per:donald-trump");
        assert!(
            trump
                .roles
                .iter()
                .any(|r| r.title == "President" && !r.sources.is_empty())
        );
        assert_eq!(entity_of(&docs, 0, 1), "e:olga-brenner");
    }

    /// The span of the first `s` in `text` (empty when it is not there).
    fn span_in(text: &str, s: &str) -> Span {
        text.find(s)
            .map(|i| Span::new(i, i + s.len()))
            .unwrap_or(Span::new(0, 0))
    }

    #[test]
    fn speakers_actors_and_participants_are_linked() {
        let text = "Marta Kowalczyk said talks would resume. The envoy said so too. The Kremlin rejected the plan.";
        let mut d = doc(
            "a",
            text,
            &[
                ("Marta Kowalczyk", Kind::Person),
                ("Kremlin", Kind::Government),
            ],
        );
        let span_of = |s: &str| span_in(text, s);
        let quote = |name: &str, span: Span| Quote {
            speaker: None,
            speaker_name: Some(name.to_string()),
            speaker_span: Some(span),
            source_span: None,
            cue: Some("said".into()),
            cue_span: None,
            text: "talks would resume".into(),
            content_span: Span::new(0, 1),
            direct: false,
            sources: Vec::new(),
            story: None,
        };
        d.quotes
            .push(quote("Marta Kowalczyk", span_of("Marta Kowalczyk")));
        d.quotes.push(quote("the envoy", span_of("The envoy")));
        d.quotes.push(quote("Kowalczyk", span_of("talks")));
        d.positions.push(Position {
            actor: None,
            actor_name: "the Kremlin".into(),
            actor_span: Some(span_of("The Kremlin")),
            reported_by: None,
            stance: Stance::Rejects,
            issue: "other:plan".into(),
            text: "the plan".into(),
            polarity: Polarity::Negative,
            sources: Vec::new(),
            story: None,
        });
        d.events.push(Event {
            kind: EventKind::Talks,
            summary: "talks would resume".into(),
            participants: Vec::new(),
            participant_names: vec!["Kowalczyk".into(), "Moscow".into(), "the envoy".into()],
            participant_spans: vec![span_of("Marta Kowalczyk")],
            place: None,
            date: None,
            status: EventStatus::Planned,
            sources: Vec::new(),
            story: None,
        });
        let mut docs = vec![d];
        resolve(&mut docs, &kb());
        let d = &docs[0];
        let marta = "e:marta-kowalczyk";
        assert_eq!(d.quotes[0].speaker.as_deref(), Some(marta));
        assert_eq!(d.quotes[1].speaker, None);
        assert_eq!(d.quotes[1].speaker_name.as_deref(), Some("the envoy"));
        assert_eq!(d.quotes[2].speaker.as_deref(), Some(marta));
        assert_eq!(d.positions[0].actor.as_deref(), Some("gov:russia"));
        assert_eq!(d.events[0].participants, [marta, "gov:russia"]);
    }

    #[test]
    fn office_holders_named_by_their_country_stand_for_it() {
        let text = "Ukrainian officials said the offer came late. Two senior European diplomats agreed. Ukrainian farmers said prices fell.";
        let d = doc(
            "a",
            text,
            &[
                ("Ukrainian", Kind::Norp),
                ("European", Kind::Norp),
                ("Ukrainian", Kind::Norp),
            ],
        );
        let speakers = resolved_speakers(
            d,
            &[
                "Ukrainian officials",
                "Two senior European diplomats",
                "Ukrainian farmers",
            ],
        );
        assert_eq!(
            speakers,
            [
                Some("gpe:ukraine".into()),
                Some("region:europe".into()),
                None
            ],
            "farmers hold no office"
        );
    }

    /// The entities that quotes with each of `phrases` (written in `d`) as speaker resolve to.
    fn resolved_speakers(mut d: Doc, phrases: &[&str]) -> Vec<Option<String>> {
        for speaker in phrases {
            d.quotes.push(Quote {
                speaker_name: Some(speaker.to_string()),
                speaker_span: Some(span_in(&d.article.text, speaker)),
                source_span: None,
                ..Quote::default()
            });
        }
        let mut docs = vec![d];
        resolve(&mut docs, &kb());
        docs.remove(0)
            .quotes
            .into_iter()
            .map(|q| q.speaker)
            .collect()
    }

    #[test]
    fn an_office_acts_for_its_owner() {
        let text = "Anna Berg's office rejected the plan. Anna Berg's neighbours agreed. Kenya's delegation left.";
        let d = doc(
            "a",
            text,
            &[
                ("Anna Berg", Kind::Person),
                ("Anna Berg", Kind::Person),
                ("Kenya", Kind::Gpe),
            ],
        );
        let speakers = resolved_speakers(
            d,
            &[
                "Anna Berg's office",
                "Anna Berg's neighbours",
                "Kenya's delegation",
            ],
        );
        assert_eq!(
            speakers,
            [Some("e:anna-berg".into()), None, Some("gpe:kenya".into())],
            "neighbours do not act for her"
        );
    }

    #[test]
    fn a_holder_named_from_a_description_keeps_that_name() {
        let text = "Anna Berg spoke first. The Polish leader later rejected the plan.";
        let mut d = doc(
            "a",
            text,
            &[("Anna Berg", Kind::Person), ("Polish", Kind::Norp)],
        );
        let at = text.find("The Polish").unwrap_or(0);
        d.positions.push(Position {
            actor: None,
            actor_name: "Anna Berg".into(),
            actor_span: Some(Span::new(at, at + "The Polish".len())),
            reported_by: None,
            stance: Stance::Rejects,
            issue: "other:plan".into(),
            text: "the plan".into(),
            polarity: Polarity::Negative,
            sources: Vec::new(),
            story: None,
        });
        let mut docs = vec![d];
        resolve(&mut docs, &kb());
        assert_eq!(docs[0].positions[0].actor.as_deref(), Some("e:anna-berg"));
    }

    #[test]
    fn user_knowledge_entries_are_used() {
        let path =
            std::env::temp_dir().join(format!("dragoman-resolve-{}.toml", std::process::id()));
        let data = "[[person]]\nname = \"Ilse Vandermeer\"\nroles = [\"Chief Negotiator of Testland\"]\nparent = \"org:nato\"\n";
        if let Err(e) = std::fs::write(&path, data) {
            panic!("cannot write {}: {e}", path.display());
        }
        let mut k = kb();
        let loaded = k.extend_from_file(&path);
        let _ = std::fs::remove_file(&path);
        if let Err(e) = loaded {
            panic!("user file must load: {e}");
        }
        let mut docs = vec![doc(
            "a",
            "Ilse Vandermeer arrived; Vandermeer spoke.",
            &[
                ("Ilse Vandermeer", Kind::Person),
                ("Vandermeer", Kind::Person),
            ],
        )];
        let entities = resolve(&mut docs, &k);
        let id = entity_of(&docs, 0, 0).to_string();
        assert!(id.starts_with("per:"), "{id}");
        assert_eq!(entity_of(&docs, 0, 1), id);
        let e = find(&entities, &id);
        assert!(
            e.roles
                .iter()
                .any(|r| r.title == "Chief Negotiator of Testland")
        );
        assert_eq!(e.parent.as_deref(), Some("org:nato"));
    }

    #[test]
    fn slugs_are_unique_and_safe() {
        assert_eq!(slug("Jean-Luc O'Neil"), "jean-luc-o-neil");
        assert_eq!(slug("Пётр Иванов"), "пётр-иванов");
        assert_eq!(slug("!!"), "entity");
        let mut docs = vec![doc(
            "a",
            "Mira Holt and the Mira Holt Foundation",
            &[
                ("Mira Holt", Kind::Person),
                ("Mira Holt", Kind::Organization),
            ],
        )];
        let entities = resolve(&mut docs, &kb());
        assert_ne!(entity_of(&docs, 0, 0), entity_of(&docs, 0, 1));
        assert_eq!(entities.len(), 2);
    }
}
