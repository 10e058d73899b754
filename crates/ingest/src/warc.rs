//! WARC files (`.warc`, `.warc.gz` with one gzip member per record or one for the whole
//! file), as web archives and Common Crawl deliver them. The records are streamed: response
//! records holding an HTML page (HTTP headers stripped, chunked and gzip transfer undone,
//! the charset of the HTTP header honoured) become articles whose `url` is the record's
//! `WARC-Target-URI`. A broken record is a problem naming its number; reading goes on with
//! the next record when one can be found.

use std::io::{BufRead, Read};

use crate::{FileOutcome, IngestOptions, decode, problem};

/// The longest header block (WARC or HTTP) accepted.
const MAX_HEADER: usize = 64 * 1024;

/// Whether `bytes` (plain or gzip) begin with a WARC record.
pub(crate) fn looks_like_warc(bytes: &[u8]) -> bool {
    if decode::is_gzip(bytes) {
        let mut head = Vec::new();
        let _ = flate2::read::GzDecoder::new(bytes)
            .take(8)
            .read_to_end(&mut head);
        head.starts_with(b"WARC/")
    } else {
        bytes.starts_with(b"WARC/")
    }
}

/// One WARC record's header fields and payload.
struct Record {
    kind: String,
    target: Option<String>,
    payload: Vec<u8>,
}

/// How reading one record ended.
enum Next {
    Record(Record),
    /// A record that cannot be used; reading may go on after it.
    Broken(String),
    /// A record whose payload is over the cap: skipped.
    Skipped(String),
    /// The input is cut or unreadable: nothing more can be read.
    Fatal(String),
    End,
}

/// Reads every record of a WARC stream (`reader` gives the raw file: gzip is detected).
pub(crate) fn read(origin: &str, mut reader: impl BufRead, options: &IngestOptions) -> FileOutcome {
    let gzip = reader.fill_buf().is_ok_and(decode::is_gzip);
    if gzip {
        let inflated = std::io::BufReader::new(flate2::bufread::MultiGzDecoder::new(reader));
        read_records(origin, inflated, options)
    } else {
        read_records(origin, reader, options)
    }
}

fn read_records(origin: &str, mut reader: impl BufRead, options: &IngestOptions) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let mut number = 0usize;
    loop {
        number += 1;
        let record_origin = format!("{origin}#{number}");
        let mut notes = Vec::new();
        let next = next_record(&mut reader, options.max_file_bytes, &mut notes);
        for note in notes {
            outcome.problems.push(problem(&record_origin, note, false));
        }
        match next {
            Next::End => break,
            Next::Fatal(message) => {
                outcome
                    .problems
                    .push(problem(&record_origin, message, true));
                break;
            }
            Next::Broken(message) | Next::Skipped(message) => {
                outcome
                    .problems
                    .push(problem(&record_origin, message, true));
            }
            Next::Record(record) => {
                if record.kind != "response" {
                    continue;
                }
                match page(&record, options) {
                    Ok(Some(draft)) => {
                        outcome.articles.push(draft.finish(record_origin));
                    }
                    Ok(None) => {}
                    Err(message) => {
                        outcome
                            .problems
                            .push(problem(&record_origin, message, true));
                    }
                }
            }
        }
    }
    if outcome.articles.is_empty() && outcome.problems.is_empty() {
        let message = if number <= 1 {
            "WARC file holds no records: skipped".to_owned()
        } else {
            "WARC file holds no HTML responses: skipped".to_owned()
        };
        outcome.problems.push(problem(origin, message, false));
    }
    outcome
}

/// Reads a line (up to `\n`), at most `MAX_HEADER` bytes.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    line.clear();
    reader
        .by_ref()
        .take(MAX_HEADER as u64)
        .read_until(b'\n', line)
}

fn next_record(reader: &mut impl BufRead, cap: u64, notes: &mut Vec<String>) -> Next {
    let mut line = Vec::new();
    // Skip the blank lines between records, and anything up to the next version line.
    let mut skipped = 0usize;
    loop {
        match read_line(reader, &mut line) {
            Ok(0) => {
                return if skipped > 0 {
                    Next::Broken(format!(
                        "{skipped} bytes of data that are not a WARC record at the end: ignored"
                    ))
                } else {
                    Next::End
                };
            }
            Ok(_) if line.starts_with(b"WARC/") => break,
            Ok(_) if line.iter().all(u8::is_ascii_whitespace) => {}
            Ok(n) => skipped += n,
            Err(error) => return Next::Fatal(stream_error(&error)),
        }
    }
    if skipped > 0 {
        // Garbage between records, or a record longer than its Content-Length said.
        notes.push(format!(
            "{skipped} bytes that are not a WARC record header before this record: skipped"
        ));
    }
    let mut fields = Vec::new();
    if let Err(message) = header_block(reader, &mut fields) {
        return Next::Fatal(message);
    }
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.clone())
    };
    let Some(length) = field("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
        return Next::Broken(
            "WARC record without a valid Content-Length: skipped to the next record".to_owned(),
        );
    };
    if length > cap {
        return match std::io::copy(&mut reader.by_ref().take(length), &mut std::io::sink()) {
            Ok(read) if read == length => Next::Skipped(format!(
                "record of {} is over the {} limit: skipped",
                decode::megabytes(length),
                decode::megabytes(cap)
            )),
            Ok(_) => Next::Fatal("WARC file is truncated inside a record".to_owned()),
            Err(error) => Next::Fatal(stream_error(&error)),
        };
    }
    let mut payload = Vec::new();
    match reader.by_ref().take(length).read_to_end(&mut payload) {
        Ok(_) if payload.len() as u64 == length => {}
        Ok(_) => {
            return Next::Fatal(format!(
                "WARC file is truncated: the record has {} of its {length} bytes",
                payload.len()
            ));
        }
        Err(error) => return Next::Fatal(stream_error(&error)),
    }
    let target = field("WARC-Target-URI").map(|uri| {
        uri.trim_start_matches('<')
            .trim_end_matches('>')
            .trim()
            .to_owned()
    });
    Next::Record(Record {
        kind: field("WARC-Type").unwrap_or_default().to_ascii_lowercase(),
        target,
        payload,
    })
}

/// Reads `Name: value` lines up to a blank line.
fn header_block(
    reader: &mut impl BufRead,
    fields: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let mut line = Vec::new();
    let mut total = 0usize;
    loop {
        let n = read_line(reader, &mut line).map_err(|e| stream_error(&e))?;
        if n == 0 {
            return Err("WARC file is truncated inside a record header".to_owned());
        }
        total += n;
        if total > MAX_HEADER {
            return Err("WARC record header is over 64 KB: the file is damaged".to_owned());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(());
        }
        if let Some((key, value)) = text.split_once(':') {
            fields.push((key.trim().to_owned(), value.trim().to_owned()));
        }
    }
}

fn stream_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            "gzip stream is truncated: the rest of the WARC file is lost".to_owned()
        }
        _ => format!(
            "cannot read the WARC data further: {}",
            error
                .to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

/// The article of a response record; `Ok(None)` when it is not a successful HTML response.
fn page(record: &Record, options: &IngestOptions) -> Result<Option<crate::Draft>, String> {
    let payload = &record.payload;
    let Some(split) = payload
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| {
            payload
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|i| (i, 2))
        })
    else {
        return Err("response record without HTTP headers: skipped".to_owned());
    };
    let (head_end, gap) = split;
    let head = String::from_utf8_lossy(payload.get(..head_end).unwrap_or_default());
    let body = payload.get(head_end + gap..).unwrap_or_default();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok());
    let Some(status) = status else {
        return Err("response record without an HTTP status line: skipped".to_owned());
    };
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(key, _)| key.trim().eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim().to_owned())
    };
    let content_type = header("Content-Type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !(content_type.contains("html") || content_type.is_empty()) {
        return Ok(None);
    }
    let mut body = body.to_vec();
    if header("Transfer-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body).ok_or("chunked HTTP body is damaged: skipped")?;
    }
    if header("Content-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("gzip"))
        && decode::is_gzip(&body)
    {
        body = decode::gunzip(&body, options.max_file_bytes).map_err(|e| e.to_string())?;
    }
    if content_type.is_empty() && !crate::sniffs_as_html(&body) {
        return Ok(None);
    }
    let charset = crate::charset_of(&content_type);
    let text = crate::decode_declared(&body, charset.as_deref()).map_err(|e| e.to_string())?;
    let mut draft = crate::html::extract(&text).ok_or("HTML page has no body text: skipped")?;
    if draft.paragraphs.is_empty() {
        return Err("no article text left after removing boilerplate: skipped".to_owned());
    }
    draft.url = record.target.clone().or(draft.url);
    Ok(Some(draft))
}

/// Undoes HTTP chunked transfer coding.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(rest.get(..line_end)?).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = rest.get(line_end + 2..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::read_bytes;

    fn record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-01-05T08:00:00Z\r\nContent-Length: {}\r\n\r\n",
            payload.len()
        )
        .into_bytes();
        out.extend_from_slice(payload);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    const PAGE: &str = "<html><head><title>Mill strike ends</title></head><body><article>\
        <h1>Mill strike ends</h1><p>Workers at the paper mill voted on Friday to accept a \
        three-year pay offer, ending a strike that had lasted nineteen days.</p>\
        <p>The management said production would restart on Monday morning.</p>\
        </article></body></html>";

    fn archive() -> Vec<u8> {
        let mut bytes = record("warcinfo", "", b"software: test\r\n");
        bytes.extend(record(
            "request",
            "https://mill.example/strike",
            b"GET /strike HTTP/1.1\r\n\r\n",
        ));
        bytes.extend(record(
            "response",
            "https://mill.example/strike",
            &response("text/html; charset=utf-8", PAGE.as_bytes()),
        ));
        bytes.extend(record(
            "response",
            "https://mill.example/logo.png",
            &response("image/png", b"\x89PNG"),
        ));
        bytes
    }

    #[test]
    fn html_responses_become_articles() {
        let outcome = read_bytes("crawl.warc", "crawl.warc", &archive());
        assert_eq!(outcome.articles.len(), 1, "{:?}", outcome.problems);
        let article = &outcome.articles[0];
        assert_eq!(article.url.as_deref(), Some("https://mill.example/strike"));
        assert!(article.text.contains("nineteen days"));
        assert!(!article.text.contains("HTTP/1.1"));
        assert_eq!(article.origin, "crawl.warc#3");
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    }

    #[test]
    fn gzip_per_record_and_charset_from_http_header() {
        let (cyrillic, _, _) =
            encoding_rs::WINDOWS_1251.encode("<html><body><article><p>Переговоры о поставках зерна продолжатся в четверг в столице, сообщили обе делегации журналистам.</p></article></body></html>");
        let mut plain = record(
            "response",
            "https://grain.example/talks",
            &response("text/html; charset=windows-1251", &cyrillic),
        );
        plain.extend(archive());
        // One gzip member per record, as Common Crawl writes them.
        let mut first = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        first.write_all(&plain).expect("gzip");
        let mut gz = first.finish().expect("gzip");
        let mut second = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        second.write_all(&archive()).expect("gzip");
        gz.extend(second.finish().expect("gzip"));
        let outcome = read_bytes("crawl.warc.gz", "crawl.warc.gz", &gz);
        assert_eq!(outcome.articles.len(), 3, "{:?}", outcome.problems);
        assert!(outcome.articles[0].text.contains("Переговоры о поставках"));
        // Sniffed without the name too.
        assert_eq!(read_bytes("crawl", "", &gz).articles.len(), 3);
    }

    #[test]
    fn broken_record_is_named_and_the_rest_kept() {
        let mut bytes = archive();
        bytes.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\n",
        );
        bytes.extend_from_slice(b"garbage garbage\r\n\r\n");
        bytes.extend(record(
            "response",
            "https://mill.example/again",
            &response("text/html", PAGE.as_bytes()),
        ));
        let outcome = read_bytes("crawl.warc", "crawl.warc", &bytes);
        assert_eq!(outcome.articles.len(), 2, "{:?}", outcome.problems);
        assert!(
            outcome.problems.iter().any(|p| p.origin == "crawl.warc#5"),
            "{:?}",
            outcome.problems
        );
        assert!(outcome.problems.iter().all(|p| !p.message.contains('\n')));
    }

    #[test]
    fn truncated_gzip_keeps_the_records_before() {
        let mut gz = Vec::new();
        for _ in 0..2 {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            encoder.write_all(&archive()).expect("gzip");
            gz.extend(encoder.finish().expect("gzip"));
        }
        gz.truncate(gz.len() - 200);
        let outcome = read_bytes("cut.warc.gz", "cut.warc.gz", &gz);
        assert_eq!(outcome.articles.len(), 1, "{:?}", outcome.problems);
        assert!(
            outcome
                .problems
                .iter()
                .any(|p| p.fatal && p.message.contains("truncated"))
        );
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            let _ = read("fuzz.warc", std::io::Cursor::new(bytes), &IngestOptions::default());
        }

        #[test]
        fn damaged_archives_never_panic(cut in 0usize..1500, at in 0usize..1500, byte in proptest::num::u8::ANY) {
            let mut bytes = archive();
            if let Some(b) = bytes.get_mut(at) {
                *b = byte;
            }
            bytes.truncate(cut);
            let _ = read("fuzz.warc", std::io::Cursor::new(bytes), &IngestOptions::default());
        }
    }
}
