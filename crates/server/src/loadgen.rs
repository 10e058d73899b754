//! A small HTTP/1.1 load generator: keep-alive connections that request paths in turn for a
//! fixed time, reporting throughput and latency percentiles.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// What a load run measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadFigures {
    /// Requests answered with a 2xx status.
    pub ok: usize,
    /// Requests answered otherwise, or failed.
    pub errors: usize,
    /// Wall time of the run, in seconds.
    pub seconds: f64,
    /// Successful requests per second.
    pub requests_per_second: f64,
    /// Median latency, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, in milliseconds.
    pub p99_ms: f64,
    /// Slowest request, in milliseconds.
    pub max_ms: f64,
    /// Mean response body size, in bytes.
    pub mean_body_bytes: f64,
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The connection failed.
    #[error("load: {0}")]
    Io(#[from] std::io::Error),
    /// The answer was not HTTP/1.1 with a length.
    #[error("load: malformed response: {0}")]
    Malformed(String),
}

/// One request on an open connection: the status and the body length.
async fn request(
    stream: &mut BufReader<TcpStream>,
    addr: SocketAddr,
    path: &str,
) -> Result<(u16, usize), LoadError> {
    let head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n");
    stream.get_mut().write_all(head.as_bytes()).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| LoadError::Malformed(line.trim().to_owned()))?;
    let mut length = None;
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(LoadError::Malformed("connection closed in headers".into()));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let length = length.ok_or_else(|| LoadError::Malformed("no content-length".into()))?;
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await?;
    Ok((status, length))
}

/// Runs `connections` keep-alive connections against `addr` for `duration`, each requesting
/// `paths` in turn (starting at a different one).
pub async fn run(
    addr: SocketAddr,
    paths: &[String],
    connections: usize,
    duration: Duration,
) -> Result<LoadFigures, LoadError> {
    if paths.is_empty() {
        return Err(LoadError::Malformed("no path to request".into()));
    }
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for c in 0..connections.max(1) {
        let paths = paths.to_vec();
        tasks.push(tokio::spawn(async move {
            let mut stream = BufReader::new(TcpStream::connect(addr).await?);
            stream.get_mut().set_nodelay(true)?;
            let mut latencies = Vec::new();
            let (mut errors, mut bytes) = (0usize, 0usize);
            let mut i = c;
            while Instant::now() < deadline {
                let path = &paths[i % paths.len()];
                i += 1;
                let t = Instant::now();
                match request(&mut stream, addr, path).await {
                    Ok((status, len)) if (200..300).contains(&status) => {
                        latencies.push(t.elapsed());
                        bytes += len;
                    }
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        stream = BufReader::new(TcpStream::connect(addr).await?);
                    }
                }
            }
            Ok::<_, LoadError>((latencies, errors, bytes))
        }));
    }
    let mut latencies = Vec::new();
    let (mut errors, mut bytes) = (0, 0);
    for task in tasks {
        let (l, e, b) = task
            .await
            .map_err(|e| LoadError::Malformed(format!("a connection task failed: {e}")))??;
        latencies.extend(l);
        errors += e;
        bytes += b;
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort();
    let ms = |q: f64| {
        let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    let ok = latencies.len();
    Ok(LoadFigures {
        ok,
        errors,
        seconds,
        requests_per_second: ok as f64 / seconds.max(1e-9),
        p50_ms: ms(0.50),
        p99_ms: ms(0.99),
        max_ms: ms(1.0),
        mean_body_bytes: if ok == 0 {
            0.0
        } else {
            bytes as f64 / ok as f64
        },
    })
}

/// `count` articles for a benchmark store, assembled from the paragraphs of `seed`: each takes
/// a pseudo-random run of six to ten paragraphs, the outlet and title of the article its first
/// paragraph comes from, and a publication date spread over sixty days, so that the stages and
/// the store see real sentences in new combinations over time.
pub fn corpus(seed: &[dragoman_model::Article], count: usize) -> Vec<dragoman_model::Article> {
    let paragraphs: Vec<(&dragoman_model::Article, &str)> = seed
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(move |p| (a, p.slice(&a.text))))
        .filter(|(_, p)| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Vec::new();
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    (0..count)
        .map(|i| {
            let first = next() % paragraphs.len();
            let length = 6 + next() % 5;
            let picked: Vec<&str> = (0..length)
                .map(|k| paragraphs[(first + k * (1 + next() % 3)) % paragraphs.len()].1)
                .collect();
            let source = paragraphs[first].0;
            let mut article =
                dragoman_model::Article::from_paragraphs(format!("bench:{i}"), picked);
            article.id = format!("bench-{i:05}");
            article.outlet = source.outlet.clone();
            article.title = source.title.clone();
            article.published = start
                .checked_add_signed(chrono::Duration::days((i % 60) as i64))
                .map(dragoman_model::Published::day);
            article
        })
        .collect()
}
