//! The conditional-request cache: one JSON index (`index.json`) of validators per URL, and
//! each body in its own file named by the URL's hash.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A cache folder that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// Creating, reading or writing a file failed.
    #[error("HTTP cache {path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// What is kept of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Validators {
    etag: Option<String>,
    last_modified: Option<String>,
    content_type: Option<String>,
    file: String,
}

/// The cache of one folder.
pub(crate) struct Cache {
    dir: PathBuf,
    index: HashMap<String, Validators>,
}

fn io(path: &Path, source: std::io::Error) -> CacheError {
    CacheError::Io {
        path: path.display().to_string(),
        source,
    }
}

impl Cache {
    /// Opens (creating) the cache in `dir`. An unreadable or corrupt index starts empty.
    pub fn open(dir: &Path) -> Result<Cache, CacheError> {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let index = std::fs::read(dir.join("index.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Ok(Cache {
            dir: dir.to_owned(),
            index,
        })
    }

    /// The cached page for `url`, when its body file is still there.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let found = self.index.get(url)?;
        let body = std::fs::read(self.dir.join(&found.file)).ok()?;
        Some(Entry {
            etag: found.etag.clone(),
            last_modified: found.last_modified.clone(),
            content_type: found.content_type.clone(),
            body,
        })
    }

    /// Stores a page and rewrites the index (through a temporary file, then a rename).
    pub fn put(&mut self, url: &str, entry: Entry) -> Result<(), CacheError> {
        let file = format!("{}.body", blake3::hash(url.as_bytes()).to_hex());
        let body_path = self.dir.join(&file);
        std::fs::write(&body_path, &entry.body).map_err(|e| io(&body_path, e))?;
        self.index.insert(
            url.to_owned(),
            Validators {
                etag: entry.etag,
                last_modified: entry.last_modified,
                content_type: entry.content_type,
                file,
            },
        );
        let index_path = self.dir.join("index.json");
        let temporary = self.dir.join("index.json.tmp");
        let json = serde_json::to_vec(&self.index).map_err(|e| io(&index_path, e.into()))?;
        std::fs::write(&temporary, json).map_err(|e| io(&temporary, e))?;
        std::fs::rename(&temporary, &index_path).map_err(|e| io(&index_path, e))
    }
}
