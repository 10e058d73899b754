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

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use dragoman_ingest::IngestOptions;
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

    /// Finds and reads every input under `paths` in parallel. `on_file` is called once per file
    /// read (from any thread), for progress displays.
    pub fn read(&self, paths: &[PathBuf], on_file: &(dyn Fn(&Path) + Sync)) -> Batch {
        let discovery = dragoman_ingest::discover(paths);
        let outcomes: Vec<_> = discovery
            .files
            .par_iter()
            .map(|path| {
                let outcome = dragoman_ingest::read_file(path, &self.options.ingest);
                on_file(path);
                outcome
            })
            .collect();
        let mut batch = Batch {
            files: discovery.files.len(),
            problems: discovery.problems,
            ..Batch::default()
        };
        for outcome in outcomes {
            batch.articles.extend(outcome.articles);
            batch.problems.extend(outcome.problems);
        }
        make_ids_unique(&mut batch.articles);
        batch
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
