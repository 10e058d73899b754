//! A tiny HTTP/1.1 server on 127.0.0.1 (random port) serving the test routes: pages in
//! several charsets, feeds, and slow, huge, looping, failing, binary and disallowed ones.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// The running server.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// How many times `/page` was sent in full (not as 304).
    #[allow(dead_code, reason = "read by the fetch tests only")]
    pub full_pages: Arc<AtomicUsize>,
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn handle(mut stream: TcpStream, full_pages: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_owned());
        }
    }
    let html = |s: &str| vec![("Content-Type", s.to_owned())];
    match path.as_str() {
        "/robots.txt" => respond(
            &mut stream,
            "200 OK",
            &html("text/plain"),
            b"User-agent: *\nDisallow: /private\n",
        ),
        "/page" => {
            if if_none_match.as_deref() == Some("\"v1\"") {
                let _ = stream.write_all(
                    b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\nETag: \"v1\"\r\n\r\n",
                );
            } else {
                full_pages.fetch_add(1, Ordering::SeqCst);
                let mut headers = html("text/html; charset=UTF-8");
                headers.push(("ETag", "\"v1\"".to_owned()));
                respond(
                    &mut stream,
                    "200 OK",
                    &headers,
                    b"<html><body><p>Talks resume.</p></body></html>",
                );
            }
        }
        "/slow" => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<html>",
            );
            thread::sleep(Duration::from_secs(4));
        }
        "/huge" => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
            );
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..200 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
        "/loop" => respond(
            &mut stream,
            "302 Found",
            &[("Location", "/loop".to_owned())],
            b"",
        ),
        "/error" => respond(
            &mut stream,
            "500 Internal Server Error",
            &html("text/html"),
            b"oops",
        ),
        "/binary" => respond(
            &mut stream,
            "200 OK",
            &html("text/html"),
            &[0u8, 1, 2, 3, 0, 0, 9, 255, 0, 7],
        ),
        "/image" => respond(&mut stream, "200 OK", &html("image/png"), b"\x89PNG"),
        "/cyrillic" => respond(
            &mut stream,
            "200 OK",
            &html("text/html; charset=windows-1251"),
            &[0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2],
        ),
        "/ru.html" => respond(
            &mut stream,
            "200 OK",
            &html("text/html; charset=windows-1251"),
            &encode(encoding_rs::WINDOWS_1251, RUSSIAN_PAGE),
        ),
        "/fr.html" => respond(
            &mut stream,
            "200 OK",
            &html("text/html"),
            &encode(encoding_rs::WINDOWS_1252, FRENCH_PAGE),
        ),
        "/feed.xml" => {
            let base = stream
                .local_addr()
                .map(|a| format!("http://{a}"))
                .unwrap_or_default();
            let feed = FEED.replace("{BASE}", &base);
            respond(
                &mut stream,
                "200 OK",
                &html("application/rss+xml"),
                feed.as_bytes(),
            );
        }
        "/broken.rss" => respond(
            &mut stream,
            "200 OK",
            &html("application/rss+xml"),
            b"<rss version=\"2.0\"><channel><item><title>Cut off",
        ),
        _ => respond(&mut stream, "404 Not Found", &html("text/html"), b"none"),
    }
}

/// Starts the server on a random port of 127.0.0.1.
pub fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("address").port();
    let full_pages = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&full_pages);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let counter = Arc::clone(&counter);
            thread::spawn(move || handle(stream, &counter));
        }
    });
    Server {
        base: format!("http://127.0.0.1:{port}"),
        full_pages,
    }
}

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    encoding.encode(text).0.into_owned()
}

/// A Russian page served as Windows-1251 (declared only in the HTTP header).
const RUSSIAN_PAGE: &str = "<html><head><title>Переговоры в Вене</title></head><body>\
    <nav><a href=\"/\">Главная</a></nav><article><h1>Переговоры в Вене</h1>\
    <p>Делегации двух стран договорились во вторник продолжить консультации по обмену \
    пленными после короткого перерыва.</p><p>По словам посредников, следующий раунд \
    пройдёт в начале будущего месяца.</p></article></body></html>";

/// A French page served as Windows-1252 (declared only in `<meta charset>`).
const FRENCH_PAGE: &str = "<html><head><meta charset=\"windows-1252\">\
    <title>Accord prévu à Genève</title></head><body><article><h1>Accord prévu à Genève</h1>\
    <p>Les négociateurs ont annoncé jeudi qu’un accord sur l’échange de prisonniers était \
    « très proche », selon un communiqué publié à Genève.</p><p>Le prochain rendez-vous \
    est fixé à la fin du mois, après une pause d’une semaine.</p></article></body></html>";

/// A feed whose one item has only a summary: its page (`/ru.html`) is fetched.
const FEED: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>\
    <title>Wire Desk</title><link>{BASE}/</link>\
    <item><title>Переговоры в Вене</title><link>{BASE}/ru.html</link>\
    <description>Коротко.</description></item></channel></rss>";
