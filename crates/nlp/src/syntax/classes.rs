//! WordNet's lexicographer classes of verbs and nouns (`data/lexicons/word-classes.tsv`,
//! written by `tools/wordnet_classes.py`), looked up through a small lemmatiser: WordNet's
//! irregular forms, then its regular suffix rules ("denounced" → "denounce").

use rustc_hash::FxHashMap;

/// The embedded lexicon.
const WORD_CLASSES: &str = include_str!("../../../../data/lexicons/word-classes.tsv");

/// Most classes kept per word and part of speech.
const MAX: usize = 8;

/// A word class: a WordNet lexicographer file ("verb.communication", "noun.person", …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WordClass(u8);

/// The lexicographer files of nouns and verbs, the index of a [`WordClass`].
const NAMES: [&str; 41] = [
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
    "verb.body",
    "verb.change",
    "verb.cognition",
    "verb.communication",
    "verb.competition",
    "verb.consumption",
    "verb.contact",
    "verb.creation",
    "verb.emotion",
    "verb.motion",
    "verb.perception",
    "verb.possession",
    "verb.social",
    "verb.stative",
    "verb.weather",
];

impl WordClass {
    /// The class's WordNet name ("verb.communication").
    pub fn name(self) -> &'static str {
        NAMES.get(usize::from(self.0)).copied().unwrap_or("")
    }
}

/// Noun or verb: which half of the lexicon a word is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordPos {
    /// A noun.
    Noun,
    /// A verb.
    Verb,
}

impl WordPos {
    fn index(self) -> usize {
        match self {
            WordPos::Noun => 0,
            WordPos::Verb => 1,
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            WordPos::Noun => "noun.",
            WordPos::Verb => "verb.",
        }
    }
}

/// The classes of nouns and verbs, by lemma, with WordNet's irregular forms.
#[derive(Debug, Clone, Default)]
pub struct WordClasses {
    /// Classes by lemma: nouns, then verbs.
    classes: [FxHashMap<String, Vec<WordClass>>; 2],
    /// Lemma of each irregular form: nouns, then verbs.
    irregular: [FxHashMap<String, String>; 2],
}

/// WordNet's regular inflections (its "morphy" rules): a suffix and its replacement.
const NOUN_RULES: [(&str, &str); 8] = [
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
];
const VERB_RULES: [(&str, &str); 8] = [
    ("s", ""),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
];

impl WordClasses {
    /// The embedded lexicon (`data/lexicons/word-classes.tsv`).
    pub fn embedded() -> Self {
        Self::parse(WORD_CLASSES)
    }

    /// Reads `word<TAB>n|v<TAB>class,class` and `form<TAB>n|v<TAB>=lemma` lines; comments
    /// (`#`) and malformed lines are skipped.
    pub fn parse(text: &str) -> Self {
        let mut out = WordClasses::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('\t');
            let (Some(word), Some(pos), Some(rest)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let pos = match pos {
                "n" => WordPos::Noun,
                "v" => WordPos::Verb,
                _ => continue,
            };
            let key = word.to_string();
            if let Some(lemmas) = rest.strip_prefix('=') {
                if let (Some(lemma), Some(map)) =
                    (lemmas.split(',').next(), out.irregular.get_mut(pos.index()))
                {
                    map.insert(key, lemma.to_string());
                }
                continue;
            }
            let classes: Vec<WordClass> = rest
                .split(',')
                .filter_map(|c| {
                    let full = NAMES
                        .iter()
                        .position(|n| n.strip_prefix(pos.prefix()) == Some(c))?;
                    u8::try_from(full).ok().map(WordClass)
                })
                .take(MAX)
                .collect();
            if let Some(map) = out.classes.get_mut(pos.index())
                && !classes.is_empty()
            {
                map.insert(key, classes);
            }
        }
        out
    }

    /// The lemma of a lowercase word as a noun or verb, when the lexicon knows it: the word
    /// itself, its irregular lemma, or the first regular rule giving a known lemma.
    pub fn lemma<'a>(&'a self, word: &'a str, pos: WordPos) -> Option<&'a str> {
        let classes = self.classes.get(pos.index())?;
        if let Some(l) = self.irregular.get(pos.index())?.get(word) {
            return Some(l.as_str());
        }
        if classes.contains_key(word) {
            return Some(word);
        }
        let rules: &[(&str, &str)] = match pos {
            WordPos::Noun => &NOUN_RULES,
            WordPos::Verb => &VERB_RULES,
        };
        rules.iter().find_map(|(suffix, with)| {
            let stem = word.strip_suffix(suffix)?;
            if stem.is_empty() {
                return None;
            }
            let (lemma, _) = classes.get_key_value(format!("{stem}{with}").as_str())?;
            Some(lemma.as_str())
        })
    }

    /// The classes of a lowercase word as a noun or verb (most frequent sense first), empty
    /// when the lexicon does not know it.
    pub fn classes(&self, word: &str, pos: WordPos) -> &[WordClass] {
        let classes = self.classes.get(pos.index());
        self.lemma(word, pos)
            .and_then(|l| classes?.get(l))
            .map_or(&[], Vec::as_slice)
    }

    /// True when a lowercase noun can name people acting ("experts", "the coalition",
    /// "the office"): one of its senses is a person or a group, or a top-level one ("group",
    /// "people"). Words the lexicon does not know pass.
    pub fn names_agents(&self, noun: &str) -> bool {
        let classes = self.classes(noun, WordPos::Noun);
        classes.is_empty()
            || classes
                .iter()
                .any(|c| matches!(c.name(), "noun.person" | "noun.group" | "noun.Tops"))
    }
}
