//! Language identification (whatlang) reported as ISO 639-1 codes.

/// How much text is enough to tell the language.
const SAMPLE_BYTES: usize = 1000;

/// The ISO 639-1 code of the language of `text` (or of `title` when the text is empty):
/// detected on the text when detection is reliable, else the language the source declares
/// (`declared`: a tag such as `en-GB`, `ru_RU` or `de`), else the unsure detection; `None` when
/// nothing tells.
pub(crate) fn detect(text: &str, title: Option<&str>, declared: Option<&str>) -> Option<String> {
    let declared = declared.and_then(primary_subtag);
    let source = if text.trim().is_empty() {
        title.unwrap_or_default()
    } else {
        text
    };
    let mut end = source.len().min(SAMPLE_BYTES);
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let detected = source.get(..end).and_then(whatlang::detect);
    match detected {
        Some(info) if info.is_reliable() || declared.is_none() => iso_639_1(info.lang().code())
            .map(str::to_owned)
            .or(declared),
        _ => declared,
    }
}

/// The two- or three-letter language of a tag like `en-GB`, `pt_BR` or `FR`, lowercased;
/// `None` for anything else.
fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// ISO 639-3 (whatlang's codes) to ISO 639-1.
fn iso_639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "epo" => "eo",
        "eng" => "en",
        "rus" => "ru",
        "cmn" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" => "fr",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        "cym" => "cy",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        let en = "The delegations met for three hours and agreed to continue the talks next week.";
        assert_eq!(detect(en, None, None).as_deref(), Some("en"));
        let ru = "Делегации встретились на три часа и договорились продолжить переговоры.";
        assert_eq!(detect(ru, None, None).as_deref(), Some("ru"));
        assert_eq!(detect("", None, None), None);
    }

    #[test]
    fn a_declared_language_settles_unsure_detection_only() {
        let en = "The delegations met for three hours and agreed to continue the talks next week.";
        assert_eq!(detect(en, None, Some("de-DE")).as_deref(), Some("en"));
        assert_eq!(
            detect("Kyiv, Moscow", None, Some("uk_UA")).as_deref(),
            Some("uk")
        );
        assert_eq!(detect("", None, Some("FR")).as_deref(), Some("fr"));
        assert_eq!(detect("", None, Some("not a tag")), None);
        assert_eq!(primary_subtag("pt-BR").as_deref(), Some("pt"));
        assert_eq!(primary_subtag("x"), None);
    }

    #[test]
    fn every_whatlang_language_has_a_code() {
        for lang in whatlang::Lang::all() {
            assert!(iso_639_1(lang.code()).is_some(), "{}", lang.code());
        }
    }
}
