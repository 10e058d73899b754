//! Incremental ingestion: annotate only the articles the store does not hold yet, store them
//! batch by batch, then rerun the cross-article stages over every stored doc and replace the
//! analysis in one transaction.

use std::collections::HashSet;

use dragoman_model::{Article, InputProblem};
use dragoman_pipeline::Engine;
use dragoman_store::{Store, StoreError};
use serde::Serialize;

/// Articles annotated and committed together: a kill loses at most one batch in flight.
pub const DEFAULT_BATCH: usize = 64;

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestSummary {
    /// Articles offered.
    pub received: usize,
    /// Articles annotated and stored by this ingest.
    pub added: usize,
    /// Articles skipped because the store already held them (same id).
    pub known: usize,
    /// Stored articles that had no annotations yet and were annotated now.
    pub completed: usize,
    /// Stories in the store after the ingest.
    pub stories: usize,
    /// Entities in the store after the ingest.
    pub entities: usize,
    /// Inputs that failed or raised warnings.
    pub problems: Vec<InputProblem>,
}

/// Adds `articles` to `store`: new ones (by id) are annotated in batches of `batch` and each
/// batch is committed before the next starts (`on_stored` is told the ids of each committed
/// batch); then, when anything changed, the cross-article stages run over every stored doc
/// and the analysis is replaced in one transaction.
pub fn ingest_articles(
    engine: &Engine,
    store: &mut dyn Store,
    articles: Vec<Article>,
    batch: usize,
    on_stored: &mut dyn FnMut(&[String]),
) -> Result<IngestSummary, StoreError> {
    let mut summary = IngestSummary {
        received: articles.len(),
        ..IngestSummary::default()
    };
    let mut seen = HashSet::new();
    let mut fresh = Vec::new();
    for article in articles {
        if !seen.insert(article.id.clone()) || store.has_article(&article.id)? {
            summary.known += 1;
        } else {
            fresh.push(article);
        }
    }
    let unannotated = store.articles_without_docs()?;
    summary.completed = unannotated.len();
    let mut changed = false;
    for (chunk, is_new) in fresh
        .chunks(batch.max(1))
        .map(|c| (c, true))
        .chain(unannotated.chunks(batch.max(1)).map(|c| (c, false)))
    {
        let docs = engine.annotate(chunk.to_vec(), &|| {});
        let saved = store.save_docs(&docs)?;
        if is_new {
            summary.added += saved.new_articles;
        }
        changed = true;
        let ids: Vec<String> = chunk.iter().map(|a| a.id.clone()).collect();
        on_stored(&ids);
    }
    if changed || store.stories(1, 0)?.is_empty() && store.article_count()? > 0 {
        let docs = store.docs()?;
        let report = engine.report(docs, Vec::new());
        store.replace_analysis(&report)?;
        summary.stories = report.stories.len();
        summary.entities = report.entities.len();
    } else {
        summary.stories = store.stories(usize::MAX, 0)?.len();
        summary.entities = store.entities(usize::MAX, 0)?.len();
    }
    Ok(summary)
}
