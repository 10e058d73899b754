//! The web UI in a real headless Chromium, driven through chromedriver (W3C WebDriver over
//! plain HTTP): the story page, a contradiction followed to its highlighted source sentence,
//! and a search. Screenshots go to `target/test-artifacts/`. Without Chromium or chromedriver
//! the test prints a notice and passes (CI installs both).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

use dragoman_pipeline::{Engine, EngineOptions};
use dragoman_server::ServerConfig;
use dragoman_server::ingest::ingest_articles;
use dragoman_store::{SqliteStore, Store};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// One HTTP/1.1 exchange with chromedriver; the decoded JSON answer.
fn http(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut stream = TcpStream::connect(addr).expect("chromedriver accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // Read the head, then exactly the announced body (the driver may keep the socket open).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let split = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut buf).expect("an HTTP answer");
        assert!(n > 0, "chromedriver closed the connection");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut payload = raw[split + 4..].to_vec();
    match length {
        Some(length) => {
            while payload.len() < length {
                let n = stream.read(&mut buf).expect("the body");
                assert!(n > 0, "chromedriver closed the connection early");
                payload.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            stream.read_to_end(&mut payload).expect("the body");
        }
    }
    if head.contains("transfer-encoding: chunked") {
        let mut out = Vec::new();
        let mut rest = payload.as_slice();
        while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..eol]).trim(), 16)
                .unwrap_or(0);
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
            rest = &rest[eol + 2 + size + 2..];
        }
        payload = out;
    }
    serde_json::from_slice(&payload).unwrap_or_else(|e| {
        panic!(
            "chromedriver answered {method} {path} with non-JSON ({e}): {}",
            String::from_utf8_lossy(&payload)
        )
    })
}

struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(chromedriver: &Path, chromium: &Path) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while TcpStream::connect(addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--window-size=1280,1500".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let answer = http(
            addr,
            "POST",
            "/session",
            Some(&json!({ "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": { "binary": chromium, "args": args }
            } } })),
        );
        let session = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {answer}"))
            .to_owned();
        Browser {
            driver,
            addr,
            session,
            _profile: profile,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = http(
            self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            body.as_ref(),
        );
        assert!(
            answer["value"].get("error").is_none(),
            "{method} {path}: {answer}"
        );
        answer["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        found[ELEMENT].as_str().expect("an element id").to_owned()
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    fn screenshot(&self, dir: &Path, name: &str) {
        let data = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().expect("base64 PNG"))
            .unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A store filled from the demo corpus.
fn demo_store(dir: &Path) -> PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/peace-talks");
    let engine = Engine::new(EngineOptions::default()).expect("models load");
    let batch = engine.read(&[corpus], &|_| {});
    assert!(!batch.articles.is_empty(), "the demo corpus reads");
    let db = dir.join("demo.db");
    let mut store = SqliteStore::open(&db).unwrap();
    ingest_articles(&engine, &mut store, batch.articles, 64, &mut |_| {}).unwrap();
    db
}

/// Starts the server on a random loopback port in a thread of its own.
fn start_server(db: PathBuf) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let addr = SocketAddr::from(([127, 0, 0, 1], 0));
        let _ = dragoman_server::serve_blocking(ServerConfig::new(db), addr, |bound| {
            let _ = tx.send(bound);
        });
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("the server starts")
}

#[test]
fn story_contradiction_and_search_in_chromium() {
    let chromedriver = find_program(&["chromedriver"]);
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let (Some(chromedriver), Some(chromium)) = (chromedriver, chromium) else {
        eprintln!(
            "NOTICE: browser test skipped: chromium and chromedriver are not both on PATH (CI installs them; on Debian: apt-get install chromium chromium-driver)"
        );
        return;
    };
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path());

    // The story with the most contradictions.
    let store = SqliteStore::open(&db).unwrap();
    let story = store
        .stories(1000, 0)
        .unwrap()
        .into_iter()
        .filter_map(|s| store.story(&s.id).unwrap())
        .max_by_key(|d| (d.contradictions.len(), d.articles.len()))
        .expect("the demo corpus makes a story");
    assert!(
        !story.contradictions.is_empty(),
        "the demo corpus has a contradiction"
    );
    drop(store);

    let server = start_server(db);
    let base = format!("http://{server}");
    let browser = Browser::start(&chromedriver, &chromium);

    browser.go(&format!("{base}/"));
    browser.screenshot(&artifacts, "stories.png");
    browser.go(&format!("{base}/stories/{}", story.story.id));
    let title = browser.script("return document.querySelector('h1').textContent");
    assert_eq!(title.as_str(), Some(story.story.title.as_str()));
    browser.screenshot(&artifacts, "story.png");

    // Follow the first contradiction value to its sentence.
    let link = browser.find("a.contradiction-link");
    let href = browser.call("GET", &format!("/element/{link}/property/href"), None);
    let href = href.as_str().expect("the link has an href").to_owned();
    browser.call("POST", &format!("/element/{link}/click"), Some(json!({})));
    let started = Instant::now();
    while browser.call("GET", "/url", None).as_str() != Some(href.as_str()) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no navigation to {href}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let target = browser.script(
        "const t = document.querySelector(':target');
         if (!t) return null;
         const s = t.classList.contains('s') ? t : t.closest('.s');
         return { id: t.id, text: s.textContent, background: getComputedStyle(s).backgroundColor };",
    );
    let fragment = href.rsplit_once('#').map(|(_, f)| f).unwrap_or_default();
    assert_eq!(target["id"].as_str(), Some(fragment), "{target}");
    let background = target["background"].as_str().unwrap_or_default();
    assert!(
        !background.is_empty() && background != "rgba(0, 0, 0, 0)" && background != "transparent",
        "the target sentence is highlighted: {target}"
    );
    let expected = &story.contradictions[0].values[0].text;
    assert!(
        target["text"]
            .as_str()
            .unwrap_or_default()
            .contains(expected.as_str()),
        "the target sentence holds “{expected}”: {target}"
    );
    browser.screenshot(&artifacts, "contradiction-target.png");

    // Search from the header box.
    browser.go(&format!("{base}/search"));
    let input = browser.find("form.search input[name=q]");
    browser.call(
        "POST",
        &format!("/element/{input}/value"),
        Some(json!({ "text": "talks" })),
    );
    let button = browser.find("form.search button");
    browser.call("POST", &format!("/element/{button}/click"), Some(json!({})));
    let started = Instant::now();
    loop {
        let hits = browser.script("return document.querySelectorAll('ol.hits li mark').length");
        if hits.as_u64().unwrap_or(0) > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no search hits shown"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    browser.screenshot(&artifacts, "search.png");
    let entity = story.entities.first().map(|e| e.id.clone());
    if let Some(entity) = entity {
        browser.go(&format!("{base}/entities/{entity}"));
        browser.screenshot(&artifacts, "entity.png");
    }
}
