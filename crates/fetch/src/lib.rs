//! Dragoman's polite HTTP client.
//!
//! [`Fetcher::get`] fetches one `http(s)://` URL with connect and total timeouts, a size cap
//! (the body is streamed and reading stops at the cap), a redirect limit, an honest user agent,
//! robots.txt respected (per host, cached), a minimum delay between requests to the same host
//! and, when a cache folder is given, ETag/Last-Modified conditional requests so that an
//! unchanged page is not downloaded twice. Every failure is a [`FetchError`] whose message is
//! one line naming the URL.

mod cache;
mod robots;

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, ETAG, HeaderMap, LAST_MODIFIED};
use url::Url;

pub use cache::CacheError;
use cache::{Cache, Entry};
use robots::Robots;

/// The user agent sent with every request: the program's name and version.
pub const AGENT: &str = concat!("Dragoman/", env!("CARGO_PKG_VERSION"));

/// The product token robots.txt groups are matched against.
const ROBOTS_TOKEN: &str = "dragoman";

/// How a [`Fetcher`] behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, body included.
    pub total_timeout: Duration,
    /// Bodies larger than this are refused (reading stops at the cap).
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// Minimum time between two requests to the same host.
    pub per_host_delay: Duration,
    /// Whether robots.txt is fetched and obeyed.
    pub respect_robots: bool,
    /// Folder of the conditional-request cache; `None` disables caching.
    pub cache_dir: Option<PathBuf>,
}

impl Default for FetchOptions {
    /// 10 s to connect, 30 s in all, 16 MiB, 5 redirects, 1 s between requests to one host,
    /// robots.txt obeyed, the cache in [`default_cache_dir`].
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            per_host_delay: Duration::from_secs(1),
            respect_robots: true,
            cache_dir: default_cache_dir(),
        }
    }
}

/// The user's cache folder for Dragoman's HTTP cache: `$XDG_CACHE_HOME/dragoman/http`, else
/// `$HOME/.cache/dragoman/http`; `None` when neither variable is set.
pub fn default_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".cache"))
        })?;
    Some(base.join("dragoman").join("http"))
}

/// Why a URL could not be fetched. Each message is one line naming the URL.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    /// The text is not an absolute `http(s)://` URL.
    #[error("{url}: invalid URL: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The host could not be reached.
    #[error("{url}: cannot connect: {reason}")]
    Connect {
        /// The URL.
        url: String,
        /// The cause (refused, unknown host…).
        reason: String,
    },
    /// The connection or the whole request took too long.
    #[error("{url}: timed out after {seconds} s")]
    Timeout {
        /// The URL.
        url: String,
        /// The limit that was hit, in seconds.
        seconds: u64,
    },
    /// The server answered with an error status.
    #[error("{url}: HTTP status {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status code (4xx or 5xx).
        status: u16,
    },
    /// The body is larger than the cap.
    #[error("{url}: larger than the {cap} byte limit: not downloaded further")]
    TooLarge {
        /// The URL.
        url: String,
        /// The cap in bytes.
        cap: u64,
    },
    /// More redirects than allowed (or a loop).
    #[error("{url}: more than {limit} redirects (a redirect loop?)")]
    TooManyRedirects {
        /// The URL.
        url: String,
        /// The limit.
        limit: usize,
    },
    /// robots.txt of the host disallows the path for Dragoman.
    #[error("{url}: disallowed by the site's robots.txt")]
    Disallowed {
        /// The URL.
        url: String,
    },
    /// The body is binary data (an image, an archive…), whatever its declared type.
    #[error("{url}: binary data ({kind}), not a text page")]
    Binary {
        /// The URL.
        url: String,
        /// The declared content type, or what the bytes look like.
        kind: String,
    },
    /// Any other transport failure.
    #[error("{url}: request failed: {reason}")]
    Other {
        /// The URL.
        url: String,
        /// The cause.
        reason: String,
    },
}

/// A fetched page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The URL after redirects.
    pub url: String,
    /// The `Content-Type` header (`text/html; charset=…`), if any.
    pub content_type: Option<String>,
    /// The body bytes, as sent (not decoded).
    pub body: Vec<u8>,
    /// True when the server answered 304 Not Modified and the body came from the cache.
    pub from_cache: bool,
}

/// Tells whether `text` looks like an `http://` or `https://` URL (how callers tell a URL
/// input from a path).
pub fn is_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A polite HTTP client, safe to share between threads.
pub struct Fetcher {
    client: reqwest::blocking::Client,
    options: FetchOptions,
    /// The earliest moment the next request to each host may start.
    next_slot: Mutex<HashMap<String, Instant>>,
    robots: Mutex<HashMap<String, Robots>>,
    cache: Option<Mutex<Cache>>,
}

impl Fetcher {
    /// Builds a client. Fails when the TLS stack cannot start or the cache folder is unusable.
    pub fn new(options: FetchOptions) -> Result<Self, FetchError> {
        let setup = |reason: String| FetchError::Other {
            url: "(client setup)".to_owned(),
            reason,
        };
        let client = reqwest::blocking::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.total_timeout)
            .redirect(reqwest::redirect::Policy::limited(options.max_redirects))
            .user_agent(AGENT)
            .build()
            .map_err(|e| setup(one_line(&e)))?;
        let cache = match &options.cache_dir {
            Some(dir) => Some(Mutex::new(
                Cache::open(dir).map_err(|e| setup(e.to_string()))?,
            )),
            None => None,
        };
        Ok(Fetcher {
            client,
            options,
            next_slot: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
            cache,
        })
    }

    /// Fetches `url`: robots.txt checked, the host's delay waited, a conditional request sent
    /// when the page is cached, the body read up to the cap.
    pub fn get(&self, url: &str) -> Result<Page, FetchError> {
        let parsed = parse(url)?;
        let host = host_key(&parsed);
        if self.options.respect_robots && !self.allowed(&parsed, &host) {
            return Err(FetchError::Disallowed {
                url: url.to_owned(),
            });
        }
        let cached = self
            .cache
            .as_ref()
            .and_then(|c| c.lock().ok().and_then(|c| c.get(parsed.as_str())));
        self.wait_turn(&host, Duration::ZERO);
        let mut request = self.client.get(parsed.clone());
        if let Some(entry) = &cached {
            if let Some(etag) = &entry.etag {
                request = request.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(modified) = &entry.last_modified {
                request = request.header(reqwest::header::IF_MODIFIED_SINCE, modified);
            }
        }
        let response = request.send().map_err(|e| self.classify(url, &e))?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_MODIFIED
            && let Some(entry) = cached
        {
            return Ok(Page {
                url: response.url().to_string(),
                content_type: entry.content_type,
                body: entry.body,
                from_cache: true,
            });
        }
        if status.is_client_error() || status.is_server_error() || !status.is_success() {
            return Err(FetchError::Status {
                url: url.to_owned(),
                status: status.as_u16(),
            });
        }
        let final_url = response.url().to_string();
        let headers = response.headers().clone();
        if response
            .content_length()
            .is_some_and(|n| n > self.options.max_bytes)
        {
            return Err(FetchError::TooLarge {
                url: url.to_owned(),
                cap: self.options.max_bytes,
            });
        }
        let body = self.read_capped(url, response)?;
        let content_type = header(&headers, CONTENT_TYPE.as_str());
        check_text(url, content_type.as_deref(), &body)?;
        if let Some(cache) = &self.cache {
            let etag = header(&headers, ETAG.as_str());
            let last_modified = header(&headers, LAST_MODIFIED.as_str());
            if (etag.is_some() || last_modified.is_some())
                && let Ok(mut cache) = cache.lock()
            {
                let entry = Entry {
                    etag,
                    last_modified,
                    content_type: content_type.clone(),
                    body: body.clone(),
                };
                // A cache that cannot be written only costs a future download.
                let _ = cache.put(parsed.as_str(), entry);
            }
        }
        Ok(Page {
            url: final_url,
            content_type,
            body,
            from_cache: false,
        })
    }

    /// Reads the body, stopping as soon as it passes the cap.
    fn read_capped(
        &self,
        url: &str,
        response: reqwest::blocking::Response,
    ) -> Result<Vec<u8>, FetchError> {
        let cap = self.options.max_bytes;
        let mut body = Vec::new();
        response
            .take(cap.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| {
                let text = one_line(&e);
                if is_timeout(&e) {
                    FetchError::Timeout {
                        url: url.to_owned(),
                        seconds: self.options.total_timeout.as_secs(),
                    }
                } else {
                    FetchError::Other {
                        url: url.to_owned(),
                        reason: text,
                    }
                }
            })?;
        if body.len() as u64 > cap {
            return Err(FetchError::TooLarge {
                url: url.to_owned(),
                cap,
            });
        }
        Ok(body)
    }

    /// Waits until the host's next slot, and books the following one. `extra` lengthens the
    /// host's delay (a robots.txt Crawl-delay).
    fn wait_turn(&self, host: &str, extra: Duration) {
        let delay = self.options.per_host_delay.max(extra);
        let start = {
            let Ok(mut slots) = self.next_slot.lock() else {
                return;
            };
            let now = Instant::now();
            let start = slots.get(host).copied().filter(|t| *t > now).unwrap_or(now);
            slots.insert(host.to_owned(), start + delay);
            start
        };
        let now = Instant::now();
        if start > now {
            std::thread::sleep(start - now);
        }
    }

    /// Whether robots.txt of the host allows the URL's path (fetched once per host; an
    /// unreachable or missing robots.txt allows everything).
    fn allowed(&self, url: &Url, host: &str) -> bool {
        let known = self.robots.lock().ok().and_then(|r| r.get(host).cloned());
        let robots = match known {
            Some(robots) => robots,
            None => {
                let robots = self.fetch_robots(url, host);
                if let Ok(mut all) = self.robots.lock() {
                    all.insert(host.to_owned(), robots.clone());
                }
                robots
            }
        };
        let path = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        if let Some(delay) = robots.crawl_delay
            && delay > self.options.per_host_delay
            && let Ok(mut slots) = self.next_slot.lock()
        {
            // Lengthen this host's pause to the site's own Crawl-delay.
            let slot = slots.entry(host.to_owned()).or_insert_with(Instant::now);
            *slot += delay - self.options.per_host_delay;
        }
        robots.allows(&path)
    }

    fn fetch_robots(&self, url: &Url, host: &str) -> Robots {
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        self.wait_turn(host, Duration::ZERO);
        let Ok(response) = self.client.get(robots_url).send() else {
            return Robots::default();
        };
        if !response.status().is_success() {
            return Robots::default();
        }
        let mut text = String::new();
        match response.take(512 * 1024).read_to_string(&mut text) {
            Ok(_) => Robots::parse(&text, ROBOTS_TOKEN),
            Err(_) => Robots::default(),
        }
    }

    fn classify(&self, url: &str, error: &reqwest::Error) -> FetchError {
        let url = url.to_owned();
        if error.is_redirect() {
            FetchError::TooManyRedirects {
                url,
                limit: self.options.max_redirects,
            }
        } else if error.is_timeout() {
            let limit = if error.is_connect() {
                self.options.connect_timeout
            } else {
                self.options.total_timeout
            };
            FetchError::Timeout {
                url,
                seconds: limit.as_secs(),
            }
        } else if error.is_connect() {
            FetchError::Connect {
                url,
                reason: root_cause(error),
            }
        } else {
            FetchError::Other {
                url,
                reason: root_cause(error),
            }
        }
    }
}

/// Parses an absolute `http(s)://` URL.
fn parse(url: &str) -> Result<Url, FetchError> {
    let invalid = |reason: String| FetchError::InvalidUrl {
        url: url.to_owned(),
        reason,
    };
    let parsed = Url::parse(url.trim()).map_err(|e| invalid(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "scheme `{}` is not http or https",
            parsed.scheme()
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid("no host".to_owned()));
    }
    Ok(parsed)
}

/// `host:port`, the unit of politeness.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or_default()
    )
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Refuses bodies that are not text: a declared binary type, or binary bytes whatever the
/// declared type (an image served as `text/html`).
fn check_text(url: &str, content_type: Option<&str>, body: &[u8]) -> Result<(), FetchError> {
    let binary = |kind: String| FetchError::Binary {
        url: url.to_owned(),
        kind,
    };
    if let Some(kind) = content_type {
        let mime = kind
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let textual = mime.starts_with("text/")
            || mime.contains("xml")
            || mime.contains("json")
            || mime.contains("html")
            || mime.is_empty();
        if !textual {
            return Err(binary(mime));
        }
    }
    // Gzip is read by ingest (a `.gz` served as is); other control bytes mean binary.
    if body.starts_with(&[0x1f, 0x8b]) {
        return Ok(());
    }
    let head = body.get(..body.len().min(4096)).unwrap_or(body);
    let utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    let controls = head
        .iter()
        .filter(|b| matches!(b, 0..=8 | 14..=26 | 28..=31))
        .count();
    if !utf16 && (head.contains(&0) || controls * 100 > head.len().max(1) * 2) {
        return Err(binary(format!(
            "{} bytes look binary although served as {}",
            body.len(),
            content_type.unwrap_or("text")
        )));
    }
    Ok(())
}

/// An error and its causes on one line, the innermost cause last.
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    one_line(&parts.join(": "))
}

fn one_line(value: &dyn std::fmt::Display) -> String {
    value
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a body read failed because a time limit ran out: reqwest reports it as an I/O error
/// wrapping its own error, whose cause chain holds the timeout.
fn is_timeout(error: &std::io::Error) -> bool {
    if error.kind() == std::io::ErrorKind::TimedOut {
        return true;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = error.get_ref().map(|e| e as _);
    while let Some(current) = cause {
        if current
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_timeout)
            || current
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
            || current.to_string().contains("timed out")
        {
            return true;
        }
        cause = current.source();
    }
    false
}
