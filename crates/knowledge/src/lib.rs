//! Dragoman's knowledge base: gazetteers of countries, governments, organisations, office
//! holders, places, titles and name variants.
//!
//! All knowledge lives in TOML files under `data/gazetteer/` (embedded at build time with
//! `include_str!`); user files with the same schema extend or override it at run time. No
//! fact about a particular actor is written in this code.
//!
//! Lookups normalise surfaces (case, diacritics, apostrophes, a leading "the", a possessive
//! "'s") and fall back to a transliteration-folding key ([`Knowledge::name_key`]).

mod build;
mod fold;
mod fold_table;
mod normalize;
mod schema;
mod titles;

use std::path::Path;

use dragoman_model::Kind;

use crate::build::{Index, Records};
use crate::normalize::{acronym_surface_ok, key, key_of_words};

pub use crate::titles::PreparedTokens;

/// One thing the knowledge base knows: a country, government, organisation, person or place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable id: "gpe:ukraine", "gov:ukraine", "org:nato", "per:volodymyr-zelensky".
    pub id: String,
    /// Canonical display name.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Other names, acronyms and transliterations.
    pub aliases: Vec<String>,
    /// Roles held ("President of Ukraine").
    pub roles: Vec<String>,
    /// Person → government, government → country, city → country, agency → organisation.
    pub parent: Option<String>,
    /// Organisations it belongs to ("org:nato").
    pub member_of: Vec<String>,
}

/// Why knowledge could not be loaded. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file.
        file: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or does not follow the schema.
    #[error("{file}{}: {message}", line_suffix(*.line))]
    Parse {
        /// The file.
        file: String,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// The file parses but a record is wrong (bad id, duplicate id, unknown reference, bad date).
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// 1-based line of the record.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file's extension names a format that is not supported.
    #[error("{file}: unsupported format (expected a .toml file)")]
    Format {
        /// The file.
        file: String,
    },
}

fn line_suffix(line: Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

/// The embedded data files, in load order.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "data/gazetteer/organizations.toml",
        include_str!("../../../data/gazetteer/organizations.toml"),
    ),
    (
        "data/gazetteer/countries.toml",
        include_str!("../../../data/gazetteer/countries.toml"),
    ),
    (
        "data/gazetteer/places.toml",
        include_str!("../../../data/gazetteer/places.toml"),
    ),
    (
        "data/gazetteer/people.toml",
        include_str!("../../../data/gazetteer/people.toml"),
    ),
    (
        "data/gazetteer/titles.toml",
        include_str!("../../../data/gazetteer/titles.toml"),
    ),
    (
        "data/gazetteer/names.toml",
        include_str!("../../../data/gazetteer/names.toml"),
    ),
];

/// The knowledge base. Immutable after loading (apart from [`Knowledge::extend_from_file`]),
/// `Send + Sync`, and every lookup is a few hash-map probes.
#[derive(Debug, Clone)]
pub struct Knowledge {
    records: Records,
    index: Index,
}

impl Knowledge {
    /// Loads the data files embedded from `data/gazetteer/`.
    pub fn embedded() -> Result<Knowledge, KnowledgeError> {
        let mut records = Records::default();
        for (file, text) in EMBEDDED {
            records.add_file(file, text)?;
        }
        let index = Index::build(&records)?;
        Ok(Knowledge { records, index })
    }

    /// Reads a user TOML file with the same schema: records whose id already exists replace
    /// the old record, new ids are added, titles and name variants are appended. On error the
    /// knowledge base is left unchanged.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<(), KnowledgeError> {
        let file = path.display().to_string();
        let is_toml = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if !is_toml {
            return Err(KnowledgeError::Format { file });
        }
        let text = std::fs::read_to_string(path).map_err(|source| KnowledgeError::Io {
            file: file.clone(),
            source,
        })?;
        self.extend_from_str(&file, &text)
    }

    /// Like [`Knowledge::extend_from_file`] for TOML text already in memory; `name` stands for
    /// the file in error messages.
    pub fn extend_from_str(&mut self, name: &str, text: &str) -> Result<(), KnowledgeError> {
        let mut records = self.records.clone();
        records.add_file(name, text)?;
        let index = Index::build(&records)?;
        self.records = records;
        self.index = index;
        Ok(())
    }

    /// A knowledge base with no data at all, to be filled with
    /// [`Knowledge::extend_from_str`] or [`Knowledge::extend_from_file`] (useful in tests).
    pub fn empty() -> Knowledge {
        Knowledge {
            records: Records::default(),
            index: Index::default(),
        }
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.index.entry(id)
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.index.entries
    }

    /// Entries whose name or alias matches `surface` after normalisation (case, diacritics,
    /// apostrophes, leading "the", possessive "'s"); when none does, entries whose
    /// transliteration key ([`Knowledge::name_key`]) matches (not for single words shorter than
    /// five letters, which fold onto too much). Several entries mean the surface
    /// is ambiguous ("Georgia"). All-caps acronyms ("US", "WHO") do not match lowercase text.
    pub fn lookup(&self, surface: &str) -> Vec<&Entry> {
        let k = key(surface);
        if k.is_empty() {
            return Vec::new();
        }
        let exact: Vec<&Entry> = self
            .index
            .aliases
            .get(&k)
            .map(|targets| {
                let acronym_ok = acronym_surface_ok(surface);
                self.index.entries_of(
                    targets
                        .iter()
                        .filter(|t| !t.acronym || acronym_ok)
                        .map(|t| t.entry),
                )
            })
            .unwrap_or_default();
        if !exact.is_empty() {
            return exact;
        }
        let folded = self.index.folding.key(surface);
        if !folded.contains(' ') && folded.chars().count() < 5 {
            // Short single words fold onto too much ("Le" → "Lee").
            return Vec::new();
        }
        self.index
            .folded
            .get(&folded)
            .map(|ids| self.index.entries_of(ids.iter().copied()))
            .unwrap_or_default()
    }

    /// The longest name or alias starting at `tokens[0]`: how many tokens it covers and the
    /// entries it names. Tokens are words and punctuation as a tokenizer gives them; joining
    /// punctuation inside a name ("Guinea", "-", "Bissau") is allowed, other punctuation ends
    /// it. A leading "the" is not part of any name (match from the next token). In running
    /// text a name must be capitalised unless its alias is written in lowercase in the data.
    pub fn longest_match(&self, tokens: &[&str]) -> Option<(usize, Vec<&Entry>)> {
        self.longest_match_in(&PreparedTokens::new(tokens), 0, tokens.len())
    }

    /// [`Knowledge::longest_match`] on tokens `start..end` of tokens prepared once (cheaper
    /// when many positions of the same sentence are looked at): the match starts at token
    /// `start` and ends by token `end` (an `end` past the last token stands for the last
    /// one); the count is relative to `start`.
    pub fn longest_match_in(
        &self,
        tokens: &PreparedTokens,
        start: usize,
        end: usize,
    ) -> Option<(usize, Vec<&Entry>)> {
        let stream = tokens.stream(start, end);
        self.index
            .entity_at(tokens, stream, 0, |_| true)
            .map(|(after, ids)| (after, self.index.entries_of(ids.into_iter())))
            .and_then(|(after, entries)| {
                let count = stream.get(after.checked_sub(1)?)?.end?.checked_sub(start)?;
                Some((count, entries))
            })
    }

    /// The country a demonym belongs to: "Russian", "Russians" → Russia. `None` when unknown
    /// or ambiguous.
    pub fn demonym(&self, word: &str) -> Option<&Entry> {
        match self.index.demonyms.get(&key(word))?.as_slice() {
            [one] => self.index.entries.get(*one),
            _ => None,
        }
    }

    /// The government of a country: "gpe:russia" → "gov:russia".
    pub fn government_of(&self, country_id: &str) -> Option<&Entry> {
        let &i = self.index.governments.get(country_id)?;
        self.index.entries.get(i)
    }

    /// The government a metonym stands for: a capital ("Moscow", "Kyiv", "Kiev",
    /// "Washington") or a seat of power ("the Kremlin", "the White House", "Downing Street").
    /// `None` when unknown or ambiguous.
    pub fn metonym(&self, surface: &str) -> Option<&Entry> {
        match self.index.metonyms.get(&key(surface))?.as_slice() {
            [one] => self.index.entries.get(*one),
            _ => None,
        }
    }

    /// A folding key under which transliteration variants of a name coincide: "Zelensky",
    /// "Zelenskiy" and "Zelenskyy"; "Kiev" and "Kyiv"; "Kharkov" and "Kharkiv"; "Dmitry" and
    /// "Dmitriy". Words are normalised, then folded by the rules in `names.toml`.
    pub fn name_key(&self, name: &str) -> String {
        self.index.folding.key(name)
    }

    /// The lowercase forms of a first name, itself first: "Steve" → ["steve", "steven",
    /// "stephen"]. A name in no group gives just itself.
    pub fn first_name_variants(&self, first: &str) -> Vec<String> {
        let own = key_of_words(&normalize::words(first));
        let mut out = vec![own.clone()];
        if let Some(groups) = self.index.first_names.get(&own) {
            for &g in groups {
                for name in self.index.first_name_groups.get(g).into_iter().flatten() {
                    if !out.contains(name) {
                        out.push(name.clone());
                    }
                }
            }
        }
        out
    }

    /// Length in tokens of a title or role phrase starting at `tokens[0]`: "President" (1),
    /// "Foreign Minister" (2), "former deputy prime minister" (4), "US Ambassador to NATO"
    /// (4), "Secretary of the Army" (4), "Ukraine's foreign minister" (4 with "'s" as its own
    /// token). `None` when no title starts there.
    pub fn title_at(&self, tokens: &[&str]) -> Option<usize> {
        self.title_in(&PreparedTokens::new(tokens), 0, tokens.len())
    }

    /// [`Knowledge::title_at`] on tokens `start..end` of tokens prepared once: the length in
    /// tokens of the title phrase starting at token `start` and ending by token `end`.
    pub fn title_in(&self, tokens: &PreparedTokens, start: usize, end: usize) -> Option<usize> {
        titles::title_at(&self.index, tokens, start, end)
    }

    /// Whether a word is the head of a title or a title modifier ("minister", "envoy",
    /// "spokesman", "former", "deputy").
    pub fn is_title_word(&self, word: &str) -> bool {
        let k = key(word);
        self.index.titles.heads.contains(&k) || self.index.titles.modifiers.contains(&k)
    }
}

#[cfg(test)]
mod tests;
