//! Turning parsed records into entries and lookup indexes.

use rustc_hash::{FxHashMap, FxHashSet};

use dragoman_model::Kind;

use crate::fold::Folding;
use crate::normalize::{POSSESSIVE, is_acronym, key, key_of_words, slug, words};
use crate::schema::{self, CountryRec, DataFile, EntryRec, LineIndex, NamesRec, TitlesRec};
use crate::titles::{PreparedTokens, Titles, Word, scan};
use crate::{Entry, KnowledgeError};

/// Where a record was written.
#[derive(Debug, Clone)]
struct Origin {
    file: String,
    line: usize,
}

impl Origin {
    fn error(&self, message: String) -> KnowledgeError {
        KnowledgeError::Invalid {
            file: self.file.clone(),
            line: self.line,
            message,
        }
    }
}

/// A country record with its id resolved.
#[derive(Debug, Clone)]
struct Country {
    id: String,
    rec: CountryRec,
    origin: Origin,
}

/// An organisation, person or place record, already an entry.
#[derive(Debug, Clone)]
struct Plain {
    entry: Entry,
    /// For people without an explicit `surname`: the last word of the name, added as an
    /// alias unless it is a common given name ("Dan", "Pierre").
    default_surname: Option<String>,
    origin: Origin,
}

/// Which list holds the live record of an id.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Country(usize),
    Plain(usize),
}

/// Everything read so far, before indexing. Later records with an existing id replace it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Records {
    countries: Vec<Option<Country>>,
    plain: Vec<Option<Plain>>,
    slots: FxHashMap<String, Slot>,
    titles: TitlesRec,
    names: NamesRec,
}

/// Checks a date written as "YYYY", "YYYY-MM" or "YYYY-MM-DD".
fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let in_range = |p: &str, hi: u32| p.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && digits(d, 2) && in_range(m, 12) && in_range(d, 31)
        }
        _ => false,
    }
}

/// Checks an id: "prefix:rest", lowercase, no white space.
fn valid_id(id: &str) -> bool {
    match id.split_once(':') {
        Some((prefix, rest)) => {
            !prefix.is_empty()
                && !rest.is_empty()
                && !id.chars().any(|c| c.is_whitespace() || c.is_uppercase())
        }
        None => false,
    }
}

/// Resolves a reference: a bare slug gets `prefix`.
fn reference(r: &str, prefix: &str) -> String {
    if r.contains(':') {
        r.to_string()
    } else {
        format!("{prefix}:{r}")
    }
}

/// How one section of plain records is read.
struct Section {
    name: &'static str,
    id_prefix: &'static str,
    kind: Kind,
    parent_prefix: &'static str,
}

const SECTIONS: [Section; 3] = [
    Section {
        name: "organization",
        id_prefix: "org",
        kind: Kind::Organization,
        parent_prefix: "org",
    },
    Section {
        name: "person",
        id_prefix: "per",
        kind: Kind::Person,
        parent_prefix: "gov",
    },
    Section {
        name: "place",
        id_prefix: "loc",
        kind: Kind::Gpe,
        parent_prefix: "gpe",
    },
];

impl Records {
    /// Parses one file and adds its records.
    pub(crate) fn add_file(&mut self, file: &str, text: &str) -> Result<(), KnowledgeError> {
        let data: DataFile = schema::parse(file, text)?;
        let lines = LineIndex::new(text);
        let origin_at = |offset: usize| Origin {
            file: file.to_string(),
            line: lines.line(offset),
        };
        if let Some(as_of) = &data.as_of
            && !valid_date(as_of.get_ref())
        {
            return Err(origin_at(as_of.span().start).error(format!(
                "as_of {:?} is not a date (YYYY-MM-DD)",
                as_of.get_ref()
            )));
        }
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut claim = |id: &str, origin: &Origin| -> Result<(), KnowledgeError> {
            if !valid_id(id) {
                return Err(origin.error(format!(
                    "invalid id {id:?} (expected lowercase \"prefix:slug\")"
                )));
            }
            if !seen.insert(id.to_string()) {
                return Err(origin.error(format!("duplicate id {id:?} in this file")));
            }
            Ok(())
        };
        let mut new_countries = Vec::new();
        for rec in data.country {
            let origin = origin_at(rec.name.span().start);
            let name = rec.name.get_ref().trim();
            if name.is_empty() {
                return Err(origin.error("country with an empty name".into()));
            }
            let id = match &rec.id {
                Some(id) => id.get_ref().clone(),
                None => format!("gpe:{}", slug(name)),
            };
            claim(&id, &origin)?;
            new_countries.push(Country { id, rec, origin });
        }
        let mut new_plain = Vec::new();
        let sections = [data.organization, data.person, data.place];
        for (section, recs) in SECTIONS.iter().zip(sections) {
            for rec in recs {
                let origin = origin_at(rec.name.span().start);
                let plain = plain_entry(section, rec, &origin)?;
                claim(&plain.entry.id, &origin)?;
                new_plain.push(plain);
            }
        }
        for country in new_countries {
            let id = country.id.clone();
            self.remove(&id);
            self.slots.insert(id, Slot::Country(self.countries.len()));
            self.countries.push(Some(country));
        }
        for plain in new_plain {
            let id = plain.entry.id.clone();
            self.remove(&id);
            self.slots.insert(id, Slot::Plain(self.plain.len()));
            self.plain.push(Some(plain));
        }
        if let Some(t) = data.titles {
            self.titles.titles.extend(t.titles);
            self.titles.modifiers.extend(t.modifiers);
            self.titles.links.extend(t.links);
            self.titles.domains.extend(t.domains);
        }
        if let Some(n) = data.names {
            self.names.first_names.extend(n.first_names);
            self.names.infix_rules.extend(n.infix_rules);
            self.names.suffix_rules.extend(n.suffix_rules);
            self.names.word_variants.extend(n.word_variants);
            self.names.given_names.extend(n.given_names);
            if n.collapse_doubles.is_some() {
                self.names.collapse_doubles = n.collapse_doubles;
            }
        }
        Ok(())
    }

    /// Drops the live record of `id`, if any.
    fn remove(&mut self, id: &str) {
        match self.slots.remove(id) {
            Some(Slot::Country(i)) => {
                if let Some(slot) = self.countries.get_mut(i) {
                    *slot = None;
                }
            }
            Some(Slot::Plain(i)) => {
                if let Some(slot) = self.plain.get_mut(i) {
                    *slot = None;
                }
            }
            None => {}
        }
    }
}

/// Builds the entry of an organisation, person or place record.
fn plain_entry(section: &Section, rec: EntryRec, origin: &Origin) -> Result<Plain, KnowledgeError> {
    let name = rec.name.get_ref().trim().to_string();
    if name.is_empty() {
        return Err(origin.error(format!("{} with an empty name", section.name)));
    }
    if let Some(since) = &rec.since
        && !valid_date(since.get_ref())
    {
        return Err(origin.error(format!(
            "since {:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
            since.get_ref()
        )));
    }
    let id = match &rec.id {
        Some(id) => id.get_ref().clone(),
        None => format!("{}:{}", section.id_prefix, slug(&name)),
    };
    let kind = rec.kind.unwrap_or(section.kind);
    let mut aliases = rec.aliases;
    let mut default_surname = None;
    if kind == Kind::Person {
        match rec.surname {
            Some(surname) => {
                if !surname.is_empty() && surname != name && !aliases.contains(&surname) {
                    aliases.push(surname);
                }
            }
            None => {
                default_surname = name
                    .split_whitespace()
                    .last()
                    .filter(|last| *last != name && !aliases.iter().any(|a| a == last))
                    .map(str::to_string);
            }
        }
    }
    Ok(Plain {
        entry: Entry {
            id,
            name,
            kind,
            aliases,
            roles: rec.roles,
            parent: rec.parent.map(|p| reference(&p, section.parent_prefix)),
            member_of: rec.member_of.iter().map(|m| reference(m, "org")).collect(),
        },
        default_surname,
        origin: origin.clone(),
    })
}

/// An alias index target.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    /// The entry.
    pub entry: usize,
    /// The alias is an all-caps acronym: lowercase text must not match it.
    pub acronym: bool,
    /// The alias is written in lowercase in the data, so lowercase text may match it.
    pub lowercase_ok: bool,
}

/// All lookup structures, rebuilt whenever records change.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub entries: Vec<Entry>,
    by_id: FxHashMap<String, usize>,
    /// Normalised alias → targets.
    pub aliases: FxHashMap<String, Vec<Target>>,
    /// First word of an alias → most words of any alias starting with it.
    max_words: FxHashMap<String, usize>,
    /// Folding key → entries.
    pub folded: FxHashMap<String, Vec<usize>>,
    /// First word of a folding key → most words of any key starting with it.
    folded_max: FxHashMap<String, usize>,
    /// Normalised demonym → countries.
    pub demonyms: FxHashMap<String, Vec<usize>>,
    demonym_max: usize,
    /// Normalised metonym → governments.
    pub metonyms: FxHashMap<String, Vec<usize>>,
    /// Country id → its government.
    pub governments: FxHashMap<String, usize>,
    /// Transliteration folding.
    pub folding: Folding,
    /// Normalised first name → groups holding it.
    pub first_names: FxHashMap<String, Vec<usize>>,
    /// First-name groups, normalised.
    pub first_name_groups: Vec<Vec<String>>,
    /// Title vocabulary.
    pub titles: Titles,
}

fn push_unique(map: &mut FxHashMap<String, Vec<usize>>, k: String, v: usize) {
    if k.is_empty() {
        return;
    }
    let list = map.entry(k).or_default();
    if !list.contains(&v) {
        list.push(v);
    }
}

impl Index {
    /// Builds entries and indexes from records, checking every reference.
    pub(crate) fn build(records: &Records) -> Result<Index, KnowledgeError> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut origins: Vec<Origin> = Vec::new();
        let countries: Vec<&Country> = records.countries.iter().flatten().collect();
        for c in &countries {
            entries.push(Entry {
                id: c.id.clone(),
                name: c.rec.name.get_ref().trim().to_string(),
                kind: c.rec.kind.unwrap_or(Kind::Gpe),
                aliases: c.rec.aliases.clone(),
                roles: Vec::new(),
                parent: None,
                member_of: c
                    .rec
                    .member_of
                    .iter()
                    .map(|m| reference(m, "org"))
                    .collect(),
            });
            origins.push(c.origin.clone());
        }
        let given_names: FxHashSet<String> = records
            .names
            .first_names
            .iter()
            .flatten()
            .chain(&records.names.given_names)
            .map(|n| key(n))
            .collect();
        for p in records.plain.iter().flatten() {
            let mut entry = p.entry.clone();
            if let Some(surname) = &p.default_surname
                && !given_names.contains(&key(surname))
            {
                entry.aliases.push(surname.clone());
            }
            entries.push(entry);
            origins.push(p.origin.clone());
        }
        let mut by_id: FxHashMap<String, usize> = FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            by_id.insert(e.id.clone(), i);
        }
        // Derived entries: governments and capitals, unless written explicitly.
        let mut governments = FxHashMap::default();
        let mut metonyms: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for c in &countries {
            let country_name = c.rec.name.get_ref().trim();
            // The name as running text writes it: "the Netherlands".
            let in_text = if c.rec.the {
                format!("the {country_name}")
            } else {
                country_name.to_string()
            };
            if let Some(capital) = &c.rec.capital {
                let cap_id = format!("loc:{}", slug(capital));
                let mut names: Vec<String> = vec![capital.clone()];
                names.extend(c.rec.capital_aliases.iter().cloned());
                match by_id.get(&cap_id) {
                    Some(&i) => {
                        if let Some(e) = entries.get_mut(i) {
                            for n in names {
                                if n != e.name && !e.aliases.contains(&n) {
                                    e.aliases.push(n);
                                }
                            }
                        }
                    }
                    None => {
                        by_id.insert(cap_id.clone(), entries.len());
                        entries.push(Entry {
                            id: cap_id,
                            name: capital.clone(),
                            kind: Kind::Gpe,
                            aliases: c.rec.capital_aliases.clone(),
                            roles: vec![format!("capital of {in_text}")],
                            parent: Some(c.id.clone()),
                            member_of: Vec::new(),
                        });
                        origins.push(c.origin.clone());
                    }
                }
            }
            if !c.rec.government {
                continue;
            }
            let slug_part = c.id.split_once(':').map_or(c.id.as_str(), |(_, s)| s);
            let gov_id = format!("gov:{slug_part}");
            let gov_index = match by_id.get(&gov_id) {
                Some(&i) => i,
                None => {
                    let mut aliases = vec![
                        format!("{country_name} government"),
                        format!("government of {in_text}"),
                    ];
                    if let Some(adjective) = c.rec.demonyms.first() {
                        aliases.push(format!("{adjective} government"));
                    }
                    aliases.extend(c.rec.metonyms.iter().cloned());
                    let i = entries.len();
                    by_id.insert(gov_id.clone(), i);
                    entries.push(Entry {
                        id: gov_id,
                        name: format!("Government of {in_text}"),
                        kind: Kind::Government,
                        aliases,
                        roles: Vec::new(),
                        parent: Some(c.id.clone()),
                        member_of: Vec::new(),
                    });
                    origins.push(c.origin.clone());
                    i
                }
            };
            governments.insert(c.id.clone(), gov_index);
            let seats = c
                .rec
                .capital
                .iter()
                .chain(&c.rec.capital_aliases)
                .chain(&c.rec.metonyms);
            for m in seats {
                push_unique(&mut metonyms, key(m), gov_index);
            }
        }
        for (e, origin) in entries.iter().zip(&origins) {
            for r in e.parent.iter().chain(&e.member_of) {
                if !by_id.contains_key(r) {
                    return Err(origin.error(format!("{}: unknown reference {r:?}", e.id)));
                }
            }
        }
        let folding = Folding::new(&records.names);
        let mut aliases: FxHashMap<String, Vec<Target>> = FxHashMap::default();
        let mut max_words: FxHashMap<String, usize> = FxHashMap::default();
        let mut folded: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut folded_max: FxHashMap<String, usize> = FxHashMap::default();
        let mut memo: FxHashMap<String, String> = FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            for alias in std::iter::once(&e.name).chain(&e.aliases) {
                let ws = words(alias);
                let k = key_of_words(&ws);
                if k.is_empty() {
                    continue;
                }
                let count = k.split(' ').count();
                if let Some(first) = k.split(' ').next() {
                    let m = max_words.entry(first.to_string()).or_default();
                    *m = (*m).max(count);
                }
                let trimmed = alias.trim_start();
                let bare = match trimmed.get(..4) {
                    Some(the) if the.eq_ignore_ascii_case("the ") => {
                        trimmed.get(4..).unwrap_or(trimmed)
                    }
                    _ => trimmed,
                };
                let lowercase_ok = bare
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(|c| c.is_lowercase());
                let targets = aliases.entry(k).or_default();
                let acronym = is_acronym(alias);
                match targets.iter_mut().find(|t| t.entry == i) {
                    // One entry may list a form twice (an acronym and a capitalised word):
                    // the least restrictive wins.
                    Some(t) => {
                        t.acronym &= acronym;
                        t.lowercase_ok |= lowercase_ok;
                    }
                    None => targets.push(Target {
                        entry: i,
                        acronym,
                        lowercase_ok,
                    }),
                }
                if !acronym {
                    let fk = folding.key_of_words(&ws, &mut memo);
                    if let Some(first) = fk.split(' ').next() {
                        let m = folded_max.entry(first.to_string()).or_default();
                        *m = (*m).max(fk.split(' ').count());
                    }
                    push_unique(&mut folded, fk, i);
                }
            }
        }
        let mut demonyms: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut demonym_max = 0;
        for c in &countries {
            if let Some(&i) = by_id.get(&c.id) {
                for d in &c.rec.demonyms {
                    let k = key(d);
                    demonym_max = demonym_max.max(k.split(' ').count());
                    push_unique(&mut demonyms, k, i);
                }
            }
        }
        let mut first_names: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut first_name_groups = Vec::new();
        for group in &records.names.first_names {
            let g: Vec<String> = group
                .iter()
                .map(|n| key(n))
                .filter(|n| !n.is_empty())
                .collect();
            for n in &g {
                push_unique(&mut first_names, n.clone(), first_name_groups.len());
            }
            first_name_groups.push(g);
        }
        Ok(Index {
            titles: Titles::new(&records.titles),
            entries,
            by_id,
            aliases,
            max_words,
            folded,
            folded_max,
            demonyms,
            demonym_max,
            metonyms,
            governments,
            folding,
            first_names,
            first_name_groups,
        })
    }

    /// The entry with this id.
    pub(crate) fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).and_then(|&i| self.entries.get(i))
    }

    /// Entries at these positions.
    pub(crate) fn entries_of(&self, positions: impl Iterator<Item = usize>) -> Vec<&Entry> {
        positions.filter_map(|i| self.entries.get(i)).collect()
    }

    /// The longest alias in the word stream starting at word `p`, keeping targets that pass
    /// `accept`: (word position after the match, entry positions). Transliteration variants
    /// ("Dmitriy Peskov") match through the folding key when they are capitalised, no exact
    /// alias covers as many words, and they are not a single short word.
    pub(crate) fn entity_at(
        &self,
        tokens: &PreparedTokens,
        stream: &[Word],
        p: usize,
        accept: impl Fn(&Entry) -> bool,
    ) -> Option<(usize, Vec<usize>)> {
        let first = stream.get(p)?;
        let capitalised = tokens.capitalised(first.token);
        let exact = self.max_words.get(&first.text).and_then(|&max| {
            scan(stream, p, max, |k, end_token, _| {
                let targets = self.aliases.get(k)?;
                let acronym_ok = tokens.acronym_ok(first.token, end_token);
                let hits: Vec<usize> = targets
                    .iter()
                    .filter(|t| (capitalised || t.lowercase_ok) && (!t.acronym || acronym_ok))
                    .map(|t| t.entry)
                    .filter(|&i| self.entries.get(i).is_some_and(&accept))
                    .collect();
                (!hits.is_empty()).then_some(hits)
            })
        });
        if !capitalised {
            return exact;
        }
        let mut key = String::new();
        let folded = self
            .folded_max
            .get(first.folded(&self.folding))
            .and_then(|&max| {
                scan(stream, p, max, |k, _, last| {
                    // Short single words fold onto too much ("Le" → "Lee").
                    if !k.contains(' ') && k.chars().count() < 5 {
                        return None;
                    }
                    self.folded_phrase(stream.get(p..=last)?, &mut key);
                    let hits: Vec<usize> = self
                        .folded
                        .get(key.as_str())?
                        .iter()
                        .copied()
                        .filter(|&i| self.entries.get(i).is_some_and(&accept))
                        .collect();
                    (!hits.is_empty()).then_some(hits)
                })
            });
        match (exact, folded) {
            (Some(e), Some(f)) => Some(if f.0 > e.0 { f } else { e }),
            (e, f) => e.or(f),
        }
    }

    /// The folding key of a phrase of stream words (the key of their normalised text joined
    /// by spaces): without possessive markers and a leading "the", each word folded.
    fn folded_phrase(&self, phrase: &[Word], out: &mut String) {
        out.clear();
        let mut ws = phrase.iter().filter(|w| w.text != POSSESSIVE).peekable();
        if let Some(first) = ws.peek()
            && first.text == "the"
            && phrase.iter().filter(|w| w.text != POSSESSIVE).count() > 1
        {
            ws.next();
        }
        for w in ws {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w.folded(&self.folding));
        }
    }

    /// The longest demonym in the word stream starting at word `p` (capitalised in text):
    /// the word position after it.
    pub(crate) fn demonym_at(
        &self,
        tokens: &PreparedTokens,
        stream: &[Word],
        p: usize,
    ) -> Option<usize> {
        let first = stream.get(p)?;
        if !tokens.capitalised(first.token) {
            return None;
        }
        scan(stream, p, self.demonym_max, |k, _, _| {
            self.demonyms.contains_key(k).then_some(())
        })
        .map(|(end, ())| end)
    }
}
