//! Surface normalisation: diacritics, case, apostrophes, punctuation and possessives.
//!
//! A surface becomes a list of lowercase ASCII-folded words. The same function is used for
//! the aliases in the data and for the text being looked up, so both sides always agree.

use crate::fold_table::FOLD;

/// The marker word that stands for a possessive `'s`.
pub(crate) const POSSESSIVE: &str = "'s";

/// Marks (combining diacritics, zero-width joiners) that are dropped outright.
fn is_dropped_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{200C}' | '\u{200D}')
}

/// Folds one character: strips diacritics, maps letters that do not decompose (ß, ø, ł,
/// æ …) and lowercases. Pushes the result onto `out`.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_dropped_mark(c) {
        return;
    }
    match FOLD.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => {
            if let Some((_, folded)) = FOLD.get(i) {
                out.push_str(folded);
            }
        }
        Err(_) => out.extend(c.to_lowercase()),
    }
}

/// True for the characters used as apostrophes in scraped text.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// True for punctuation that may sit inside a name without breaking it
/// ("Guinea - Bissau", "U . S .", "d ' Ivoire", "Bosnia & Herzegovina").
pub(crate) fn is_joiner(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| is_apostrophe(c) || matches!(c, '-' | '‐' | '‑' | '–' | '.' | '&' | '+'))
}

/// Splits one surface into normalised words.
///
/// Periods are deleted ("U.S." → "us"), apostrophes and other punctuation separate words
/// ("d'Ivoire" → "d ivoire"), a trailing possessive becomes the [`POSSESSIVE`] marker,
/// "&" becomes "and" and "+" is kept as a word of its own ("OPEC+" → "opec +").
pub(crate) fn words(surface: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Fast path: a plain ASCII alphanumeric word (the common token) is one lowercase word.
    if !surface.is_empty() && surface.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push(surface.to_ascii_lowercase());
        return out;
    }
    let mut current = String::new();
    let mut chars = surface.chars();
    let mut first = true;
    while let Some(c) = chars.next() {
        let at_start = std::mem::replace(&mut first, false);
        if is_apostrophe(c) {
            let mut ahead = chars.clone();
            let next = ahead.next();
            let after = ahead.next();
            let ends_word = after.is_none_or(|a| !a.is_alphanumeric());
            let starts_token = at_start && out.is_empty();
            if matches!(next, Some('s' | 'S')) && ends_word && (!current.is_empty() || starts_token)
            {
                flush(&mut current, &mut out);
                out.push(POSSESSIVE.to_string());
                chars.next();
                continue;
            }
            if next.is_none() && current.ends_with('s') {
                // Plural possessive ("the allies'"): the apostrophe just ends the word.
                out.push(std::mem::take(&mut current));
                continue;
            }
            flush(&mut current, &mut out);
        } else if c == '.' || c == '\u{00AD}' || c == '\u{200B}' {
            // Deleted: abbreviation periods, soft hyphens, zero-width spaces.
        } else if c == '&' {
            flush(&mut current, &mut out);
            out.push("and".to_string());
        } else if c == '+' {
            flush(&mut current, &mut out);
            out.push("+".to_string());
        } else if c.is_alphanumeric() {
            fold_char(c, &mut current);
        } else {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

/// The lookup key of a whole surface: its words without a leading "the" and without a
/// trailing possessive, joined by single spaces. Empty when nothing is left.
pub(crate) fn key(surface: &str) -> String {
    key_of_words(&words(surface))
}

/// [`key`] for words already split.
pub(crate) fn key_of_words(words: &[String]) -> String {
    let mut slice = words;
    if let Some((last, rest)) = slice.split_last()
        && last == POSSESSIVE
    {
        slice = rest;
    }
    if let Some((first, rest)) = slice.split_first()
        && first == "the"
        && !rest.is_empty()
    {
        slice = rest;
    }
    let mut out = String::new();
    for w in slice.iter().filter(|w| w.as_str() != POSSESSIVE) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether an alias, as written in the data, is an acronym that must not match lowercase
/// running text ("US" must not match "us", "WHO" must not match "who").
pub(crate) fn is_acronym(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether a surface written in text may stand for an acronym alias: written without
/// lowercase letters ("NATO", "U.S."), or capitalised with at least four letters ("Nato").
pub(crate) fn acronym_surface_ok(surface: &str) -> bool {
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.iter().all(|c| !c.is_lowercase()) {
        return true;
    }
    letters.len() >= 4 && letters.first().is_some_and(|c| c.is_uppercase())
}

/// A lowercase slug for ids: "Côte d'Ivoire" → "cote-d-ivoire".
pub(crate) fn slug(name: &str) -> String {
    words(name)
        .into_iter()
        .filter(|w| w != POSSESSIVE && w != "+")
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_diacritics_case_and_punctuation() {
        assert_eq!(words("Côte d’Ivoire"), vec!["cote", "d", "ivoire"]);
        assert_eq!(words("U.S."), vec!["us"]);
        assert_eq!(words("Türkiye"), vec!["turkiye"]);
        assert_eq!(words("Łódź"), vec!["lodz"]);
        assert_eq!(words("Guinea-Bissau"), vec!["guinea", "bissau"]);
        assert_eq!(words("OPEC+"), vec!["opec", "+"]);
        assert_eq!(words("Russia's"), vec!["russia", POSSESSIVE]);
        assert_eq!(words("Москва"), vec!["москва"]);
        assert_eq!(words("Phạm Minh Chính"), vec!["pham", "minh", "chinh"]);
        assert_eq!(words("Lương Cường"), vec!["luong", "cuong"]);
        assert_eq!(words("Nicușor Țoiu"), vec!["nicusor", "toiu"]);
        assert_eq!(words("Jose\u{0301}"), vec!["jose"], "decomposed input");
        assert_eq!(words("Straße"), vec!["strasse"]);
        assert_eq!(words("Ёлка"), vec!["елка"]);
    }

    #[test]
    fn fold_table_is_sorted_for_binary_search() {
        assert!(FOLD.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)));
    }

    #[test]
    fn key_strips_the_and_possessive() {
        assert_eq!(key("the Kremlin's"), "kremlin");
        assert_eq!(key("The  United   States"), "united states");
        assert_eq!(key("The"), "the");
        assert_eq!(key("  "), "");
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("NATO"));
        assert!(is_acronym("US"));
        assert!(!is_acronym("Nato"));
        assert!(acronym_surface_ok("U.S."));
        assert!(acronym_surface_ok("Nato"));
        assert!(!acronym_surface_ok("us"));
        assert!(!acronym_surface_ok("Who"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("São Tomé and Príncipe"), "sao-tome-and-principe");
    }
}
