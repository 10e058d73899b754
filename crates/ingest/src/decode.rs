//! From raw bytes to text: gzip, byte-order marks, charset detection, binary-data refusal.

use std::io::Read;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// Why bytes could not become text. Each message is one line for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The gzip stream ends before its trailer.
    #[error("gzip stream is truncated: the file was cut off while being written or copied")]
    TruncatedGzip,
    /// The gzip stream is damaged.
    #[error("gzip stream is corrupt: {0}")]
    CorruptGzip(String),
    /// The decompressed data exceeds the size cap.
    #[error("decompressed size is over the {} limit: skipped (raise the size limit to read it)", megabytes(*.0))]
    DecompressedTooLarge(u64),
    /// The data is not text.
    #[error("not text (binary data): skipped")]
    Binary,
}

/// Formats a byte count as megabytes (MiB) for messages: "80.0 MB", and "64 MB" for whole values.
pub fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    let whole = bytes / MB;
    if whole * MB == bytes {
        format!("{whole} MB")
    } else {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    }
}

/// True when `bytes` start with the gzip magic number.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses (possibly multi-member) gzip data, reading at most `cap` bytes of output.
pub(crate) fn gunzip(bytes: &[u8], cap: u64) -> Result<Vec<u8>, DecodeError> {
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    match decoder.take(cap.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > cap => Err(DecodeError::DecompressedTooLarge(cap)),
        Ok(_) => Ok(out),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(DecodeError::TruncatedGzip),
        Err(e) => Err(DecodeError::CorruptGzip(e.to_string())),
    }
}

/// Decodes `bytes` to text: a byte-order mark wins, then (for HTML) a `<meta charset>`, then
/// valid UTF-8, then the encoding `chardetng` guesses. Binary data is refused.
pub(crate) fn decode(bytes: &[u8], html: bool) -> Result<String, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return checked(encoding.decode_without_bom_handling(body).0.into_owned());
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        return checked(encoding.decode_without_bom_handling(bytes).0.into_owned());
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if html && let Some(encoding) = meta_charset(bytes) {
        // A page saying it is UTF-16 was necessarily transcoded since: trust the bytes.
        if encoding != UTF_16LE && encoding != UTF_16BE {
            return checked(encoding.decode_without_bom_handling(bytes).0.into_owned());
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return checked(text.to_owned());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    checked(encoding.decode_without_bom_handling(bytes).0.into_owned())
}

/// UTF-16 without a byte-order mark: in the first kilobyte, NUL bytes fall almost only on one
/// parity (ASCII-range text) and make up about half of the bytes.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(1024) & !1)?;
    if head.len() < 8 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in head.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let half = head.len() / 2;
    if odd * 10 >= half * 7 && even * 20 <= half {
        Some(UTF_16LE)
    } else if even * 10 >= half * 7 && odd * 20 <= half {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Refuses decoded text that is mostly control characters (binary data in a legal encoding).
fn checked(text: String) -> Result<String, DecodeError> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(16 * 1024) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            control += 1;
        }
    }
    if control > 0 && (control * 100 > total || text.contains('\0')) {
        return Err(DecodeError::Binary);
    }
    Ok(text)
}

/// The encoding a page declares in its first 4 KiB (`<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = lower.get(at..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/'))
        .unwrap_or(rest.len());
    Encoding::for_label(rest.get(..end)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = encoder.write_all(data);
        encoder.finish().unwrap_or_default()
    }

    #[test]
    fn gzip_round_trip_and_truncation() {
        let text = "Talks resumed in Geneva on Tuesday.\n".repeat(200);
        let packed = gzip(text.as_bytes());
        assert_eq!(gunzip(&packed, 1 << 20).as_deref(), Ok(text.as_bytes()));
        let cut = packed.get(..packed.len() / 2).unwrap_or_default();
        assert_eq!(gunzip(cut, 1 << 20), Err(DecodeError::TruncatedGzip));
        assert_eq!(
            gunzip(&packed, 100),
            Err(DecodeError::DecompressedTooLarge(100))
        );
    }

    #[test]
    fn multi_member_gzip() {
        let mut both = gzip(b"first part. ");
        both.extend(gzip(b"second part."));
        assert_eq!(
            gunzip(&both, 1000).as_deref(),
            Ok(&b"first part. second part."[..])
        );
    }

    #[test]
    fn legacy_encodings() {
        let russian = "Переговоры в Стамбуле продолжатся в четверг, сообщил министр.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        assert_eq!(decode(&bytes, false).as_deref(), Ok(russian));
        let french = "Le ministre a déclaré: “Nous ne céderons pas” après la réunion à Genève.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        assert_eq!(decode(&bytes, false).as_deref(), Ok(french));
    }

    #[test]
    fn boms_and_meta_charset() {
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "Ceasefire “now”".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16, false).as_deref(), Ok("Ceasefire “now”"));
        let bare: Vec<u8> = utf16.get(2..).unwrap_or_default().to_vec();
        assert_eq!(decode(&bare, false).as_deref(), Ok("Ceasefire “now”"));
        let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        page.extend(encoding_rs::WINDOWS_1251.encode("Киев").0.iter());
        let text = decode(&page, true).unwrap_or_default();
        assert!(text.ends_with("<body>Киев"), "{text}");
    }

    #[test]
    fn binary_is_refused() {
        let data: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
        assert_eq!(decode(&data, false), Err(DecodeError::Binary));
        assert_eq!(
            decode(b"\x01\x02\x03\x04\x05abc\x06\x07", false),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn sizes_in_messages() {
        assert_eq!(megabytes(64 * 1024 * 1024), "64 MB");
        assert_eq!(megabytes(80 * 1024 * 1024 + 1), "80.0 MB");
    }
}
