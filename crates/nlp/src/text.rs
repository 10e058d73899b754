//! Sentence segmentation and word tokens.
//!
//! Both work on byte offsets of the article's clean text and never allocate per character:
//! they scan the text once and emit [`Span`]s. The rules are written for English news text
//! (abbreviations, initials, decimals, datelines, quotes closing a sentence, headings on a
//! line of their own).

use dragoman_model::{Article, Sentence, Span};

/// Abbreviations that never end a sentence: titles, months, "No.", "St.", "vs.".
/// Matched case-sensitively against the word before the period (without the period).
const NON_FINAL_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm",
    "Sgt", "Cpl", "Sen", "Sens", "Rep", "Reps", "Gov", "Amb", "Pres", "Rev", "Hon", "Fr", "St",
    "Mt", "Ft", "Ave", "vs", "v", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "approx", "e.g", "i.e", "cf", "al", "ca", "Fig", "Art", "Nos", "Vol",
];

/// Abbreviations that may end a sentence ("… with Apple Inc. The company …"): a period after
/// them ends the sentence only when a typical sentence opener follows.
const FINAL_ABBREVIATIONS: &[&str] = &["Inc", "Ltd", "Corp", "Co", "Jr", "Sr", "etc", "Bros", "No"];

/// Words that typically open a sentence; after an abbreviation that may end a sentence
/// ("U.S.", "Inc.") they decide that it does.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "There",
    "However",
    "Meanwhile",
    "Yet",
    "So",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Still",
    "Also",
    "Some",
    "Many",
    "Most",
    "Both",
    "Such",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Officials",
    "According",
    "Asked",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
];

/// Contractions split off a word as their own token ("Zelensky" + "'s").
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Splits an article's text into sentences, paragraph by paragraph. Sentence spans are
/// trimmed of white space and never cross a paragraph boundary.
pub fn sentences(article: &Article) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, paragraph) in article.paragraphs.iter().enumerate() {
        let Some(text) = article.text.get(paragraph.start..paragraph.end) else {
            continue;
        };
        split_paragraph(text, paragraph.start, index, &mut out);
    }
    out
}

/// Splits a span of plain text (one paragraph) into sentence spans, offsets relative to the
/// start of `text`. Exposed for callers that segment text outside an [`Article`].
pub fn sentence_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    split_paragraph(text, 0, 0, &mut out);
    out.into_iter().map(|s| s.span).collect()
}

fn split_paragraph(text: &str, base: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let bytes = text.as_bytes();
    let lines_are_wrapped = is_hard_wrapped(text);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let term_len = terminator_len(bytes, i);
        if b == b'\n' {
            if !lines_are_wrapped {
                push_sentence(text, base, paragraph, start, i, out);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if term_len == 0 {
            i += 1;
            continue;
        }
        // The run of terminators ("?!", "...", "…") and the closing quotes or brackets after it.
        let mut j = i;
        let mut periods_only = true;
        loop {
            let n = terminator_len(bytes, j);
            if n == 0 {
                break;
            }
            if bytes[j] != b'.' {
                periods_only = false;
            }
            j += n;
        }
        let single_period = periods_only && j == i + 1;
        j += closers_len(bytes, j);
        if j >= bytes.len() {
            break;
        }
        match next_start(bytes, j) {
            Some(k) => {
                if ends_sentence(text, i, j, k, single_period) {
                    push_sentence(text, base, paragraph, start, j, out);
                    start = k;
                    i = k;
                } else {
                    i = j;
                }
            }
            None => {
                // No white space after the terminator: a decimal, "U.S.", a URL, or a
                // missing space in scraped text ("Kyiv.The talks").
                if missing_space_boundary(bytes, i, j) {
                    push_sentence(text, base, paragraph, start, j, out);
                    start = j;
                }
                i = j.max(i + 1);
            }
        }
    }
    push_sentence(text, base, paragraph, start, bytes.len(), out);
}

/// Length of the sentence terminator at `i` (".", "!", "?", "…"), or 0.
fn terminator_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'.' | b'!' | b'?') => 1,
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6) => 3,
        _ => 0,
    }
}

/// Length of the run of closing quotes and brackets at `i`.
fn closers_len(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    loop {
        match bytes.get(j) {
            Some(b'"' | b'\'' | b')' | b']') => j += 1,
            // ” ’ (E2 80 9D / E2 80 99)
            Some(0xE2)
                if bytes.get(j + 1) == Some(&0x80)
                    && matches!(bytes.get(j + 2), Some(0x9D | 0x99)) =>
            {
                j += 3
            }
            // »
            Some(0xC2) if bytes.get(j + 1) == Some(&0xBB) => j += 2,
            _ => return j - i,
        }
    }
}

/// Index of the first non-space byte after the white space at `j`, or `None` when no white
/// space follows `j`.
fn next_start(bytes: &[u8], j: usize) -> Option<usize> {
    let mut k = j;
    loop {
        match bytes.get(k) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => k += 1,
            Some(0xC2) if bytes.get(k + 1) == Some(&0xA0) => k += 2,
            _ => break,
        }
    }
    (k > j).then_some(k)
}

/// Decides whether the terminator at `i..j` (closers included) ends a sentence, given that
/// white space follows and the next text starts at `k`.
fn ends_sentence(text: &str, i: usize, j: usize, k: usize, single_period: bool) -> bool {
    let Some(next) = text.get(k..).and_then(|rest| rest.chars().next()) else {
        return true;
    };
    if next.is_lowercase() || matches!(next, ',' | ';' | ':' | ')' | ']') {
        return false;
    }
    if !single_period || j > i + 1 {
        // "?", "!", an ellipsis, or a period followed by a closing quote.
        return true;
    }
    if next == '/' {
        // A dateline: "KYIV, May 5. /Agency/."
        return false;
    }
    let word = word_before(text, i);
    let next_word = next_word(text, k);
    if word.is_empty() {
        return true;
    }
    if word == "No" {
        return !next.is_ascii_digit() && SENTENCE_OPENERS.contains(&next_word);
    }
    if is_initial(word) {
        // "J. D. Vance"; a lone capital letter ends a sentence only before an opener.
        return SENTENCE_OPENERS.contains(&next_word) && next_word.len() > 1;
    }
    if NON_FINAL_ABBREVIATIONS.contains(&word) {
        return false;
    }
    if FINAL_ABBREVIATIONS.contains(&word) || is_dotted_acronym(word) {
        return SENTENCE_OPENERS.contains(&next_word);
    }
    true
}

/// "Kyiv.The" in scraped text: a period between a lowercase word and a capitalised one.
fn missing_space_boundary(bytes: &[u8], i: usize, j: usize) -> bool {
    if bytes.get(i) != Some(&b'.') || j != i + 1 {
        return false;
    }
    let lower_before = i >= 3 && bytes[i - 3..i].iter().all(|b| b.is_ascii_lowercase());
    let upper_after = bytes.get(j).is_some_and(|b| b.is_ascii_uppercase())
        && bytes.get(j + 1).is_some_and(|b| b.is_ascii_lowercase());
    lower_before && upper_after
}

/// The word (letters, digits, inner periods) right before byte `i`.
fn word_before(text: &str, i: usize) -> &str {
    let bytes = text.as_bytes();
    let mut s = i;
    while s > 0 {
        let b = bytes[s - 1];
        if b.is_ascii_alphanumeric() || b == b'.' || b >= 0x80 {
            s -= 1;
        } else {
            break;
        }
    }
    // Never start inside a multi-byte character, nor on a leading period.
    while s < i && (!text.is_char_boundary(s) || bytes[s] == b'.') {
        s += 1;
    }
    text.get(s..i).unwrap_or("")
}

/// The word starting at `k`, after any opening quotes or brackets.
fn next_word(text: &str, k: usize) -> &str {
    let Some(rest) = text.get(k..) else {
        return "";
    };
    let rest = rest.trim_start_matches(['"', '\'', '(', '[', '“', '‘', '«']);
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(p, _)| p);
    rest.get(..end).unwrap_or("")
}

/// A single capital letter ("J" of "J. D. Vance").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// True when the period after `word` belongs to it unless a sentence ends there: a dotted
/// acronym ("U.S", "a.m") or an abbreviation that never ends a sentence ("Mr", "Sen").
pub(crate) fn owns_next_period(word: &str) -> bool {
    is_dotted_acronym(word) || NON_FINAL_ABBREVIATIONS.contains(&word)
}

/// "U.S", "U.K", "a.m": single letters separated by periods (the final period excluded).
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// True when the paragraph's line breaks look like hard wrapping (lines of similar width),
/// in which case they do not end sentences.
fn is_hard_wrapped(text: &str) -> bool {
    if !text.contains('\n') {
        return false;
    }
    let mut lines = text.split('\n').map(|l| l.trim_end().len()).peekable();
    let mut longest = 0;
    let mut count = 0;
    while let Some(len) = lines.next() {
        if lines.peek().is_none() {
            return count > 0 && len <= longest + 5;
        }
        if !(40..=110).contains(&len) {
            return false;
        }
        longest = longest.max(len);
        count += 1;
    }
    false
}

fn push_sentence(
    text: &str,
    base: usize,
    paragraph: usize,
    start: usize,
    end: usize,
    out: &mut Vec<Sentence>,
) {
    let Some(raw) = text.get(start..end) else {
        return;
    };
    let trimmed_start = raw.trim_start();
    let lead = raw.len() - trimmed_start.len();
    let trimmed = trimmed_start.trim_end();
    if trimmed.is_empty() {
        return;
    }
    let s = base + start + lead;
    out.push(Sentence {
        span: Span::new(s, s + trimmed.len()),
        paragraph,
    });
}

/// Word and punctuation tokens of `text` inside `span`, as byte spans of `text`.
///
/// Words keep inner apostrophes and hyphens ("O'Brien", "Moscow-backed"); contractions are
/// split off ("Zelensky" + "'s", "do" + "n't"); dotted acronyms, known abbreviations and
/// initials keep their period ("U.S.", "Mr.", "J."); numbers keep inner commas and periods
/// ("1,200", "3.5"); every other punctuation mark is a token of its own, except runs of
/// periods or hyphens ("...", "--"). Returns nothing when `span` does not fall on character
/// boundaries of `text`.
pub fn tokens(text: &str, span: Span) -> Vec<Span> {
    let Some(s) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let base = span.start;
    let mut i = 0;
    let bytes = s.as_bytes();
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let end = if c.is_alphanumeric() {
            word_end(s, i)
        } else if is_apostrophe(c) {
            clitic_at(s, i).unwrap_or(i + c.len_utf8())
        } else if c == '.' || c == '-' {
            let run = s[i..].bytes().take_while(|&b| b == c as u8).count();
            i + run
        } else {
            i + c.len_utf8()
        };
        out.push(Span::new(base + i, base + end));
        i = end;
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The end of the clitic ("'s", "'ll") starting with the apostrophe at `i`, if one is there.
fn clitic_at(s: &str, i: usize) -> Option<usize> {
    let apostrophe = s.get(i..)?.chars().next()?;
    let after = i + apostrophe.len_utf8();
    let rest = s.get(after..)?;
    let letters = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(p, _)| p);
    let word = rest.get(..letters)?;
    CLITICS
        .iter()
        .any(|cl| cl.eq_ignore_ascii_case(word))
        .then_some(after + letters)
}

/// The end of the word or number starting at `i`.
fn word_end(s: &str, i: usize) -> usize {
    let bytes = s.as_bytes();
    let mut j = i;
    let mut all_digits = true;
    let mut segment_len = 0; // letters since the last inner period (for "U.S.")
    let mut has_period = false;
    loop {
        // Fast path over ASCII letters and digits.
        while let Some(&b) = bytes.get(j).filter(|b| b.is_ascii_alphanumeric()) {
            all_digits &= b.is_ascii_digit();
            segment_len += 1;
            j += 1;
        }
        let Some(c) = s.get(j..).and_then(|r| r.chars().next()) else {
            break;
        };
        if c.is_alphanumeric() {
            all_digits &= c.is_ascii_digit();
            segment_len += 1;
            j += c.len_utf8();
            continue;
        }
        let next = s.get(j + c.len_utf8()..).and_then(|r| r.chars().next());
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        match c {
            '\'' | '’' if next_alnum => {
                // "Zelensky's" → "Zelensky" + "'s"; "don't" → "do" + "n't".
                if clitic_at(s, j).is_some() {
                    return j;
                }
                if next == Some('t') && j > i + 1 && bytes.get(j - 1) == Some(&b'n') {
                    return j - 1;
                }
                all_digits = false;
                segment_len = 0;
                j += c.len_utf8();
            }
            '-' | '‑' if next_alnum => {
                all_digits = false;
                segment_len = 0;
                j += c.len_utf8();
            }
            ',' if all_digits && followed_by_three_digits(bytes, j + 1) => {
                segment_len = 0;
                j += 1;
            }
            '.' => {
                if all_digits && next.is_some_and(|n| n.is_ascii_digit()) {
                    segment_len = 0;
                    j += 1;
                    continue;
                }
                let word = s.get(i..j).unwrap_or("");
                let acronym_segment = segment_len == 1 && !all_digits;
                let continues_acronym = acronym_segment
                    && next.is_some_and(char::is_alphabetic)
                    && s.get(j + 1..)
                        .and_then(|r| r.chars().nth(1))
                        .is_some_and(|c2| c2 == '.');
                if continues_acronym {
                    has_period = true;
                    segment_len = 0;
                    j += 1;
                    continue;
                }
                if (acronym_segment && has_period)
                    || is_initial(word)
                    || NON_FINAL_ABBREVIATIONS.contains(&word)
                    || FINAL_ABBREVIATIONS.contains(&word)
                {
                    let after = s.get(j + 1..).unwrap_or("");
                    let hyphenated = after.starts_with('-')
                        && after[1..].chars().next().is_some_and(char::is_alphanumeric);
                    if !hyphenated {
                        return j + 1;
                    }
                    // "U.S.-backed": the hyphen branch takes it from here.
                    all_digits = false;
                    j += 1;
                    continue;
                }
                return j;
            }
            _ => return j,
        }
    }
    j
}

fn followed_by_three_digits(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at..at + 3)
        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let article = Article::from_paragraphs("t", [text]);
        sentences(&article)
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    fn toks(text: &str) -> Vec<&str> {
        tokens(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("The U.S. envoy met Mr. Smith and Dr. Jones. They talked."),
            [
                "The U.S. envoy met Mr. Smith and Dr. Jones.",
                "They talked."
            ]
        );
        assert_eq!(
            split("Gen. Ivanov arrived on Sept. 5 at No. 10 Downing St. for talks. It rained."),
            [
                "Gen. Ivanov arrived on Sept. 5 at No. 10 Downing St. for talks.",
                "It rained."
            ]
        );
        assert_eq!(
            split("Sanctions hit Acme Inc. The firm objected. Talks resumed Nov. 3 in Oslo."),
            [
                "Sanctions hit Acme Inc.",
                "The firm objected.",
                "Talks resumed Nov. 3 in Oslo."
            ]
        );
        assert_eq!(
            split("It is Russia vs. Ukraine again. Then the U.K. Foreign Office spoke."),
            [
                "It is Russia vs. Ukraine again.",
                "Then the U.K. Foreign Office spoke."
            ]
        );
    }

    #[test]
    fn acronym_at_sentence_end_splits_before_an_opener() {
        assert_eq!(
            split("The aid came from the U.S. The shipment was late."),
            ["The aid came from the U.S.", "The shipment was late."]
        );
    }

    #[test]
    fn initials_decimals_and_ellipses() {
        assert_eq!(
            split(
                "Vice President J. D. Vance spoke. Growth was 3.5 percent… Then silence... Nothing."
            ),
            [
                "Vice President J. D. Vance spoke.",
                "Growth was 3.5 percent…",
                "Then silence...",
                "Nothing."
            ]
        );
        assert_eq!(
            split("He paused… and went on. Done."),
            ["He paused… and went on.", "Done."]
        );
    }

    #[test]
    fn quotes_and_marks_close_sentences() {
        assert_eq!(
            split(
                "She said: “We will not yield.” The talks ended. “Why now?” he asked. Really?’ Yes!"
            ),
            [
                "She said: “We will not yield.”",
                "The talks ended.",
                "“Why now?” he asked.",
                "Really?’",
                "Yes!"
            ]
        );
        assert_eq!(
            split("He said \"enough.\" Then he left."),
            ["He said \"enough.\"", "Then he left."]
        );
    }

    #[test]
    fn dateline_is_its_own_sentence() {
        assert_eq!(
            split("OSLO, March 3. /NTB/. The minister resigned on Monday."),
            ["OSLO, March 3. /NTB/.", "The minister resigned on Monday."]
        );
    }

    #[test]
    fn headings_and_line_breaks() {
        assert_eq!(
            split("Talks Stall in the North\nNegotiators left the venue early. No deal came."),
            [
                "Talks Stall in the North",
                "Negotiators left the venue early.",
                "No deal came."
            ]
        );
        // Hard-wrapped lines of similar width are joined.
        let wrapped = "The delegation arrived late in the evening and met with\nthe host government before a dinner that lasted until\nmidnight. Nobody spoke.";
        assert_eq!(split(wrapped).len(), 2);
    }

    #[test]
    fn sentences_stay_inside_paragraphs_and_are_trimmed() {
        let article = Article::from_paragraphs("t", ["First one", "  Second one.  Third "]);
        let got: Vec<_> = sentences(&article)
            .iter()
            .map(|s| (s.span.slice(&article.text), s.paragraph))
            .collect();
        assert_eq!(got, [("First one", 0), ("Second one.", 1), ("Third", 1)]);
    }

    #[test]
    fn missing_space_after_period() {
        assert_eq!(
            split("They landed in Kyiv.The talks began."),
            ["They landed in Kyiv.", "The talks began."]
        );
        assert_eq!(
            split("See example.com for more."),
            ["See example.com for more."]
        );
    }

    #[test]
    fn token_shapes() {
        assert_eq!(
            toks("Zelensky's U.S.-backed plan: 1,200 troops, 3.5%."),
            [
                "Zelensky",
                "'s",
                "U.S.-backed",
                "plan",
                ":",
                "1,200",
                "troops",
                ",",
                "3.5",
                "%",
                "."
            ]
        );
        assert_eq!(
            toks("“Don’t,” said Mr. O'Brien — of the U.N. in Kyiv..."),
            [
                "“", "Do", "n’t", ",", "”", "said", "Mr.", "O'Brien", "—", "of", "the", "U.N.",
                "in", "Kyiv", "..."
            ]
        );
        assert_eq!(
            toks("J. D. Vance met on 2025-09-04 in Moscow-backed Luhansk; they're here."),
            [
                "J.",
                "D.",
                "Vance",
                "met",
                "on",
                "2025-09-04",
                "in",
                "Moscow-backed",
                "Luhansk",
                ";",
                "they",
                "'re",
                "here",
                "."
            ]
        );
        assert_eq!(
            toks("Путин заявил: «нет»."),
            ["Путин", "заявил", ":", "«", "нет", "»", "."]
        );
        assert_eq!(toks("the U.S."), ["the", "U.S."]);
    }

    #[test]
    fn tokens_are_offset_by_span_and_safe() {
        let text = "Kyiv – Kiev said.";
        let spans = tokens(text, Span::new(8, text.len()));
        assert_eq!(spans.first().map(|s| s.slice(text)), Some("Kiev"));
        assert!(tokens(text, Span::new(6, 9)).is_empty());
        assert!(tokens(text, Span::new(3, 100)).is_empty());
    }
}
