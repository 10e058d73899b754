//! The TOML schema of the gazetteer files (documented in `data/gazetteer/README.md`).

use dragoman_model::Kind;
use serde::Deserialize;
use toml::Spanned;

use crate::KnowledgeError;

/// One data file. Every section is optional, so a user file may hold any mix of them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DataFile {
    /// Date the facts were checked ("2025-11-30").
    #[serde(default)]
    pub as_of: Option<Spanned<String>>,
    /// Countries and territories.
    #[serde(default)]
    pub country: Vec<CountryRec>,
    /// Organisations.
    #[serde(default)]
    pub organization: Vec<EntryRec>,
    /// People.
    #[serde(default)]
    pub person: Vec<EntryRec>,
    /// Cities, regions and other places.
    #[serde(default)]
    pub place: Vec<EntryRec>,
    /// Title vocabulary.
    #[serde(default)]
    pub titles: Option<TitlesRec>,
    /// Name variants and folding rules.
    #[serde(default)]
    pub names: Option<NamesRec>,
}

/// A country or territory; the loader derives its government and capital entries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountryRec {
    /// Id; defaults to `gpe:<slug of name>`.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    /// Short common name ("Ukraine").
    pub name: Spanned<String>,
    /// Official and other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjective and people forms ("Ukrainian", "Ukrainians").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Kind; `gpe` by default, `location` for a world region ("Europe").
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Capital city; a metonym for the government.
    #[serde(default)]
    pub capital: Option<String>,
    /// Other spellings of the capital.
    #[serde(default)]
    pub capital_aliases: Vec<String>,
    /// Other names used for the government ("the Kremlin").
    #[serde(default)]
    pub metonyms: Vec<String>,
    /// Organisations it belongs to (`nato` or `org:nato`).
    #[serde(default)]
    pub member_of: Vec<String>,
    /// True when English names it with "the" in running text ("the Netherlands", "the
    /// United States"): the government is then "Government of the …".
    #[serde(default)]
    pub the: bool,
    /// Set to false for territories without a government of their own.
    #[serde(default = "yes")]
    pub government: bool,
}

fn yes() -> bool {
    true
}

/// An organisation, person or place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntryRec {
    /// Id; defaults to `<prefix>:<slug of name>` (`org:`, `per:`, `loc:`).
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    /// Canonical name.
    pub name: Spanned<String>,
    /// Kind; defaults by section (organization, person, gpe).
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Roles ("President of Ukraine").
    #[serde(default)]
    pub roles: Vec<String>,
    /// Parent id; a bare slug means a government for people (`ukraine` → `gov:ukraine`)
    /// and a country for places (`ukraine` → `gpe:ukraine`).
    #[serde(default)]
    pub parent: Option<String>,
    /// Organisations it belongs to.
    #[serde(default)]
    pub member_of: Vec<String>,
    /// Date the current role began.
    #[serde(default)]
    pub since: Option<Spanned<String>>,
    /// For people: the family name used alone ("Lee" for "Lee Jae-myung"); defaults to the
    /// last word of the name unless that is a common given name. Set to "" to add none.
    #[serde(default)]
    pub surname: Option<String>,
}

/// Title vocabulary.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TitlesRec {
    /// Titles and role phrases ("President", "Foreign Minister", "special envoy").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Words that may precede a title ("former", "acting", "deputy").
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// Words linking a title to what it is of ("of", "to", "for").
    #[serde(default)]
    pub links: Vec<String>,
    /// Portfolios and domains after a link ("Foreign Affairs", "the Army").
    #[serde(default)]
    pub domains: Vec<String>,
}

/// Name variants and transliteration folding.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NamesRec {
    /// Groups of first names that are forms of one name.
    #[serde(default)]
    pub first_names: Vec<Vec<String>>,
    /// Replacements anywhere in a word, applied in order: `["kh", "h"]`.
    #[serde(default)]
    pub infix_rules: Vec<[String; 2]>,
    /// Word-ending replacements; the longest matching ending applies: `["iy", "y"]`.
    #[serde(default)]
    pub suffix_rules: Vec<[String; 2]>,
    /// Whether doubled letters fold to one ("Odessa" → "odesa").
    #[serde(default)]
    pub collapse_doubles: Option<bool>,
    /// Common given names besides those in `first_names`: a person's last word that is one of
    /// them is not used alone as an alias unless `surname` says so.
    #[serde(default)]
    pub given_names: Vec<String>,
    /// Groups of spellings of one word, the first canonical (`["Kyiv", "Kiev"]`).
    #[serde(default)]
    pub word_variants: Vec<Vec<String>>,
}

/// Parses one file's text, naming `file` and the line in every error.
pub(crate) fn parse(file: &str, text: &str) -> Result<DataFile, KnowledgeError> {
    toml::from_str::<DataFile>(text).map_err(|e| KnowledgeError::Parse {
        file: file.to_string(),
        line: e.span().map(|s| LineIndex::new(text).line(s.start)),
        message: e.message().to_string(),
    })
}

/// Byte offsets where lines start, for turning spans into line numbers.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineIndex { starts }
    }

    /// 1-based line number of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn line_numbers() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(1), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
        assert_eq!(idx.line(99), 4);
    }
}
