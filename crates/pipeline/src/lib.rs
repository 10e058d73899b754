//! Dragoman's pipeline: runs the stages in order and builds the report.
//!
//! ```text
//! sources ─► ingest ─► annotate ─► dedupe ─► resolve ─► cluster ─► compare ─► report
//! ```
//!
//! Reading and annotating work on one article at a time and run in parallel (rayon); the
//! cross-article stages run once over the whole batch. Callers that want a progress display
//! drive the three steps themselves: [`Engine::read`], [`Engine::annotate`], [`Engine::report`];
//! [`Engine::analyze`] does all three.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use dragoman_fetch::{FetchOptions, Fetcher};
use dragoman_ingest::{FetchedPage, IngestOptions, PageFetch};
use dragoman_knowledge::{Knowledge, KnowledgeError};
use dragoman_model::{Article, Doc, InputProblem, Report};
use dragoman_ner::{NerError, Tagger};
use dragoman_nlp::positions::IssueTaxonomy;
use dragoman_nlp::{Annotator, NlpError};
use dragoman_story::StoryOptions;

/// Why the engine could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The knowledge base (embedded or a user gazetteer) could not be loaded.
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    /// The NER model could not be loaded.
    #[error(transparent)]
    Ner(#[from] NerError),
    /// A lexicon or the issue taxonomy could not be loaded.
    #[error(transparent)]
    Nlp(#[from] NlpError),
    /// A user-supplied file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// How the engine is set up.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// User gazetteer files that extend or override the embedded knowledge base.
    pub gazetteers: Vec<PathBuf>,
    /// An issue taxonomy replacing the default one.
    pub issues: Option<PathBuf>,
    /// Reading limits.
    pub ingest: IngestOptions,
    /// How `http(s)://` inputs and the pages of feed items are fetched.
    pub fetch: FetchOptions,
    /// Settings of the cross-article stages.
    pub story: StoryOptions,
}

/// The articles read from a batch of inputs, and what went wrong.
#[derive(Debug, Default)]
pub struct Batch {
    /// Articles read, in input order, with unique ids.
    pub articles: Vec<Article>,
    /// Inputs that failed (fatal) or raised warnings.
    pub problems: Vec<InputProblem>,
    /// How many input files were found.
    pub files: usize,
}

impl Batch {
    /// True when at least one input failed.
    pub fn has_failures(&self) -> bool {
        self.problems.iter().any(|p| p.fatal)
    }
}

/// The loaded models and lexicons; build once, analyse many batches.
pub struct Engine {
    knowledge: Arc<Knowledge>,
    annotator: Annotator,
    options: EngineOptions,
}

impl Engine {
    /// Loads the knowledge base, the tagger and the lexicons.
    pub fn new(options: EngineOptions) -> Result<Self, PipelineError> {
        let mut knowledge = Knowledge::embedded()?;
        for path in &options.gazetteers {
            knowledge.extend_from_file(path)?;
        }
        let knowledge = Arc::new(knowledge);
        let tagger = Arc::new(Tagger::embedded()?);
        let mut annotator = Annotator::new(knowledge.clone(), tagger)?;
        if let Some(path) = &options.issues {
            let text = std::fs::read_to_string(path).map_err(|source| PipelineError::Io {
                path: path.clone(),
                source,
            })?;
            annotator = annotator.with_issues(IssueTaxonomy::from_toml_str(&text)?);
        }
        Ok(Engine {
            knowledge,
            annotator,
            options,
        })
    }

    /// The knowledge base in use.
    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// Settings of the cross-article stages.
    pub fn story_options(&self) -> &StoryOptions {
        &self.options.story
    }

    /// Finds and reads every input under `paths` in parallel; see [`read_inputs`].
    pub fn read(&self, paths: &[PathBuf], on_file: &(dyn Fn(&Path) + Sync)) -> Batch {
        read_inputs(paths, &self.options.ingest, &self.options.fetch, on_file)
    }

    /// Annotates articles in parallel; `on_article` is called once per article.
    pub fn annotate(&self, articles: Vec<Article>, on_article: &(dyn Fn() + Sync)) -> Vec<Doc> {
        articles
            .into_par_iter()
            .map(|article| {
                let doc = self.annotator.annotate(article);
                on_article();
                doc
            })
            .collect()
    }

    /// Runs the cross-article stages and gathers the report.
    pub fn report(&self, docs: Vec<Doc>, problems: Vec<InputProblem>) -> Report {
        let mut report = dragoman_story::build_report(docs, &self.knowledge, &self.options.story);
        report.problems = problems;
        report
    }

    /// Reads, annotates and reports in one call.
    pub fn analyze(&self, paths: &[PathBuf]) -> Report {
        let batch = self.read(paths, &|_| {});
        self.analyze_articles(batch.articles, batch.problems)
    }

    /// Annotates and reports articles already in memory.
    pub fn analyze_articles(&self, articles: Vec<Article>, problems: Vec<InputProblem>) -> Report {
        let docs = self.annotate(articles, &|| {});
        self.report(docs, problems)
    }
}

/// One input to read.
enum Input {
    File(PathBuf),
    Url(String),
}

/// The web client, built on first use (a batch of local files never starts one).
struct Web {
    options: FetchOptions,
    client: OnceLock<Result<Fetcher, String>>,
}

impl PageFetch for Web {
    fn fetch(&self, url: &str) -> Result<FetchedPage, String> {
        let client = self
            .client
            .get_or_init(|| Fetcher::new(self.options.clone()).map_err(|e| e.to_string()));
        let fetcher = client.as_ref().map_err(Clone::clone)?;
        let page = fetcher.get(url).map_err(|e| e.to_string())?;
        Ok(FetchedPage {
            url: page.url,
            content_type: page.content_type,
            body: page.body,
        })
    }
}

/// Reads every input in parallel, without loading any model: `paths` may be files, folders
/// (walked with the include/exclude globs of `ingest`) and `http(s)://` URLs of pages or
/// feeds, fetched politely with `fetch` (as are the pages of feed items that carry only a
/// summary). Articles come in input order with unique ids; `on_file` is called once per file
/// or URL read (from any thread), for progress displays.
pub fn read_inputs(
    paths: &[PathBuf],
    ingest: &IngestOptions,
    fetch: &FetchOptions,
    on_file: &(dyn Fn(&Path) + Sync),
) -> Batch {
    let web = Web {
        options: fetch.clone(),
        client: OnceLock::new(),
    };
    let mut batch = Batch::default();
    let mut inputs = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        match path.to_str().filter(|p| dragoman_fetch::is_url(p)) {
            Some(url) => {
                if seen.insert(PathBuf::from(url)) {
                    inputs.push(Input::Url(url.to_owned()));
                }
            }
            None => {
                let discovery = dragoman_ingest::discover_with(std::slice::from_ref(path), ingest);
                batch.problems.extend(discovery.problems);
                for file in discovery.files {
                    if seen.insert(file.clone()) {
                        inputs.push(Input::File(file));
                    }
                }
            }
        }
    }
    batch.files = inputs.len();
    let outcomes: Vec<_> = inputs
        .par_iter()
        .map(|input| match input {
            Input::File(path) => {
                let outcome = dragoman_ingest::read_file_fetching(path, ingest, Some(&web));
                on_file(path);
                outcome
            }
            Input::Url(url) => {
                let outcome = match web.fetch(url) {
                    Ok(page) => dragoman_ingest::read_fetched(url, &page, ingest, Some(&web)),
                    Err(message) => dragoman_ingest::FileOutcome {
                        articles: Vec::new(),
                        problems: vec![InputProblem {
                            origin: url.clone(),
                            // The origin already names the URL.
                            message: message
                                .strip_prefix(&format!("{url}: "))
                                .unwrap_or(&message)
                                .to_owned(),
                            fatal: true,
                        }],
                    },
                };
                on_file(Path::new(url));
                outcome
            }
        })
        .collect();
    for outcome in outcomes {
        batch.articles.extend(outcome.articles);
        batch.problems.extend(outcome.problems);
    }
    make_ids_unique(&mut batch.articles);
    dragoman_ingest::infer_dateline_years(&mut batch.articles, &[]);
    batch
}

/// Gives every article a distinct id: the same text read twice (a verbatim wire copy from two
/// outlets) hashes to the same id, so later ones get a `-2`, `-3`, … suffix in input order.
fn make_ids_unique(articles: &mut [Article]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for article in articles {
        let count = seen.entry(article.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            article.id = format!("{}-{}", article.id, count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ids_get_suffixes() {
        let mut articles: Vec<Article> = ["a", "b", "a", "a"]
            .iter()
            .map(|id| {
                let mut a = Article::from_paragraphs("x", ["text"]);
                a.id = id.to_string();
                a
            })
            .collect();
        make_ids_unique(&mut articles);
        let ids: Vec<_> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "a-2", "a-3"]);
    }
}
