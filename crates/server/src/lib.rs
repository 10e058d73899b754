//! Dragoman's HTTP server: a JSON API and a web UI over a [`SqliteStore`].
//!
//! [`router`] builds the whole application (API, pages, embedded assets) for a [`ServerConfig`];
//! [`serve`] binds it and runs until interrupted. Reads go through a small pool of read-only
//! connections; `POST /api/articles` runs the pipeline on new articles and updates the store
//! through the one writer connection.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use dragoman_pipeline::{Engine, EngineOptions, PipelineError};
use dragoman_store::{SqliteStore, StoreError};

mod api;
mod auth;
mod error;
pub mod ingest;
pub mod loadgen;
mod pages;
mod render;

pub use api::OPENAPI;
pub use error::ApiError;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A non-loopback address was asked for without a token to protect the write endpoints.
    #[error(
        "refusing to listen on {0} without a token: write endpoints would be open to the network; pass --token or set DRAGOMAN_TOKEN, or bind to 127.0.0.1"
    )]
    NoToken(SocketAddr),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The server stopped with an I/O error.
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The store file.
    pub db: PathBuf,
    /// The token write endpoints require (`Authorization: Bearer …`); when set it is required
    /// on every address, and a non-loopback address requires one.
    pub token: Option<String>,
    /// Largest request body, in bytes.
    pub body_limit: usize,
    /// Longest time a request may take.
    pub timeout: Duration,
    /// Read-only connections serving GET requests.
    pub readers: usize,
    /// How the pipeline is set up for ingestion (loaded on the first POST).
    pub engine: EngineOptions,
}

impl ServerConfig {
    /// Defaults for the store at `db`: no token, 16 MiB bodies, 30 s timeout, 4 readers.
    pub fn new(db: impl Into<PathBuf>) -> Self {
        ServerConfig {
            db: db.into(),
            token: None,
            body_limit: 16 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            readers: 4,
            engine: EngineOptions::default(),
        }
    }
}

/// Read-only connections, handed out round robin.
struct Readers {
    stores: Vec<Mutex<SqliteStore>>,
    next: AtomicUsize,
}

impl Readers {
    fn open(path: &Path, count: usize) -> Result<Self, StoreError> {
        let stores = (0..count.max(1))
            .map(|_| SqliteStore::open_read_only(path).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Readers {
            stores,
            next: AtomicUsize::new(0),
        })
    }

    /// A free connection, or the next one in turn when all are busy.
    fn get(&self) -> MutexGuard<'_, SqliteStore> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.stores.len();
        for i in 0..n {
            if let Some(slot) = self.stores.get((start + i) % n)
                && let Ok(guard) = slot.try_lock()
            {
                return guard;
            }
        }
        let slot = &self.stores[start % n];
        // A reader poisoned by a panicking request holds no half-done state: reads only.
        slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Shared state of the application.
pub(crate) struct AppState {
    readers: Readers,
    writer: Mutex<SqliteStore>,
    engine: OnceLock<Result<Arc<Engine>, String>>,
    config: ServerConfig,
}

impl AppState {
    /// The pipeline, loaded on first use.
    fn engine(&self) -> Result<Arc<Engine>, String> {
        self.engine
            .get_or_init(|| {
                Engine::new(self.config.engine.clone())
                    .map(Arc::new)
                    .map_err(|e: PipelineError| e.to_string())
            })
            .clone()
    }
}

/// Builds the application for `config`: opens the store (creating or migrating it), then the
/// read-only connections.
pub fn router(config: ServerConfig) -> Result<axum::Router, ServerError> {
    let writer = SqliteStore::open(&config.db)?;
    let readers = Readers::open(&config.db, config.readers)?;
    let state = Arc::new(AppState {
        readers,
        writer: Mutex::new(writer),
        engine: OnceLock::new(),
        config,
    });
    Ok(api::routes(state))
}

/// True when `addr` only accepts connections from this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Binds `addr` and serves until Ctrl-C. Refuses a non-loopback address without a token.
/// `on_ready` is told the bound address (useful with port 0).
pub async fn serve(
    config: ServerConfig,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    if !is_loopback(&addr) && config.token.as_deref().is_none_or(str::is_empty) {
        return Err(ServerError::NoToken(addr));
    }
    let app = router(config)?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // When no signal handler can be installed, run until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
    Ok(())
}

fn runtime() -> Result<tokio::runtime::Runtime, ServerError> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// [`serve`] on a runtime of its own, for callers that are not async.
pub fn serve_blocking(
    config: ServerConfig,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    runtime()?.block_on(serve(config, addr, on_ready))
}

/// Serves the store of `config` on a random loopback port and runs the load generator
/// against `paths` on the same runtime.
pub fn bench_blocking(
    config: ServerConfig,
    paths: Vec<String>,
    connections: usize,
    duration: Duration,
) -> Result<loadgen::LoadFigures, ServerError> {
    let app = router(config)?;
    runtime()?.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move { axum::serve(listener, app).await });
        loadgen::run(addr, &paths, connections, duration)
            .await
            .map_err(|e| ServerError::Io(std::io::Error::other(e.to_string())))
    })
}
