//! The JSON API and the router that assembles the application.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router, middleware};
use chrono::NaiveDate;
use dragoman_store::{SearchQuery, SqliteStore, Store};
use serde::Deserialize;
use serde_json::json;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::ingest::{DEFAULT_BATCH, ingest_articles};
use crate::{ApiError, AppState, auth, error, pages};

/// The OpenAPI 3.1 description of this API.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Items per page when a list request sets no limit.
const PAGE: usize = 50;
/// Largest page a list request may ask for.
const MAX_PAGE: usize = 1000;

/// The whole application: API, pages, assets, error handling, limits.
pub fn routes(state: Arc<AppState>) -> Router {
    let limit = state.config.body_limit;
    let timeout = state.config.timeout;
    let write = Router::new()
        .route("/api/articles", post(post_articles))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/openapi.json", get(openapi))
        .route("/api/stories", get(list_stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/entities", get(list_entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/articles/{id}", get(article))
        .route("/api/search", get(search))
        .merge(write)
        .merge(pages::routes())
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(middleware::from_fn(error::json_errors))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .with_state(state)
}

/// Runs a read on a pooled connection, off the async threads.
pub(crate) async fn read<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || f(&state.readers.get()))
        .await
        .map_err(|e| ApiError::internal(format!("a read failed: {e}")))?
}

async fn healthz(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let articles = read(&state, |s| Ok(s.article_count()?)).await?;
    Ok(Json(json!({ "status": "ok", "articles": articles })).into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// `limit` and `offset` of a list request, as sent.
#[derive(Debug, Deserialize)]
pub(crate) struct PageParams {
    limit: Option<String>,
    offset: Option<String>,
}

fn number(name: &str, value: Option<&str>, default: usize) -> Result<usize, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(default),
        Some(v) => v.parse().map_err(|_| {
            ApiError::bad_request(format!("`{name}` must be a whole number, not `{v}`"))
        }),
    }
}

fn query_params<T>(params: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    params
        .map(|Query(p)| p)
        .map_err(|e| ApiError::bad_request(format!("bad query string: {}", e.body_text())))
}

impl PageParams {
    fn page(&self) -> Result<(usize, usize), ApiError> {
        let limit = number("limit", self.limit.as_deref(), PAGE)?;
        if limit == 0 || limit > MAX_PAGE {
            return Err(ApiError::bad_request(format!(
                "`limit` must be between 1 and {MAX_PAGE}"
            )));
        }
        Ok((limit, number("offset", self.offset.as_deref(), 0)?))
    }
}

async fn list_stories(
    State(state): State<Arc<AppState>>,
    params: Result<Query<PageParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (limit, offset) = query_params(params)?.page()?;
    let stories = read(&state, move |s| Ok(s.stories(limit, offset)?)).await?;
    Ok(Json(json!({ "stories": stories, "limit": limit, "offset": offset })).into_response())
}

/// A story's answer, serialised when its analysis was saved: served as stored bytes.
async fn story(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let json = read(&state, move |s| {
        s.story_json(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no story `{id}`")))
    })
    .await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        Bytes::from(json),
    )
        .into_response())
}

async fn list_entities(
    State(state): State<Arc<AppState>>,
    params: Result<Query<PageParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (limit, offset) = query_params(params)?.page()?;
    let entities = read(&state, move |s| Ok(s.entities(limit, offset)?)).await?;
    Ok(Json(json!({ "entities": entities, "limit": limit, "offset": offset })).into_response())
}

/// The entity with this id, or else with this name or alias.
pub(crate) fn entity_by_id_or_name(
    store: &SqliteStore,
    key: &str,
) -> Result<dragoman_store::EntityDetail, ApiError> {
    if let Some(detail) = store.entity_detail(key)? {
        return Ok(detail);
    }
    if let Some(found) = store.find_entity(key)?
        && let Some(detail) = store.entity_detail(&found.id)?
    {
        return Ok(detail);
    }
    Err(ApiError::not_found(format!("no entity `{key}`")))
}

async fn entity(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let detail = read(&state, move |s| entity_by_id_or_name(s, &id)).await?;
    Ok(Json(detail).into_response())
}

async fn article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let doc = read(&state, move |s| match s.doc(&id)? {
        Some(doc) => Ok(doc),
        None => s
            .article(&id)?
            .map(dragoman_model::Doc::new)
            .ok_or_else(|| ApiError::not_found(format!("no article `{id}`"))),
    })
    .await?;
    Ok(Json(doc).into_response())
}

/// The parameters of a search, as sent.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SearchParams {
    /// The words.
    pub q: Option<String>,
    /// Outlet filter.
    pub outlet: Option<String>,
    /// Entity filter.
    pub entity: Option<String>,
    /// First day.
    pub since: Option<String>,
    /// Last day.
    pub until: Option<String>,
    /// Most hits.
    pub limit: Option<String>,
}

fn date(name: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                ApiError::bad_request(format!(
                    "`{name}` must be a date like 2025-03-01, not `{v}`"
                ))
            }),
    }
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl SearchParams {
    /// The store query these parameters ask for.
    pub(crate) fn query(&self) -> Result<SearchQuery, ApiError> {
        let limit = number("limit", self.limit.as_deref(), PAGE)?;
        if limit > MAX_PAGE {
            return Err(ApiError::bad_request(format!(
                "`limit` must be at most {MAX_PAGE}"
            )));
        }
        Ok(SearchQuery {
            text: self.q.clone().unwrap_or_default(),
            outlet: non_empty(&self.outlet),
            entity: non_empty(&self.entity),
            since: date("since", self.since.as_deref())?,
            until: date("until", self.until.as_deref())?,
            limit,
        })
    }

    /// True when the search asks for nothing.
    pub(crate) fn is_empty(&self) -> bool {
        [
            &self.q,
            &self.outlet,
            &self.entity,
            &self.since,
            &self.until,
        ]
        .iter()
        .all(|v| non_empty(v).is_none())
    }
}

async fn search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let params = query_params(params)?;
    if params.is_empty() {
        return Err(ApiError::bad_request(
            "give words to search for (`q`) or a filter (`outlet`, `entity`, `since`, `until`)",
        ));
    }
    let query = params.query()?;
    let echo = query.clone();
    let hits = read(&state, move |s| Ok(s.search(&query)?)).await?;
    Ok(Json(json!({ "query": echo, "hits": hits })).into_response())
}

/// The input format a request's content type announces.
fn body_format(headers: &HeaderMap) -> Result<&'static str, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "application/json" => Ok("body.json"),
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => Ok("body.jsonl"),
        _ => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "send articles as application/json (one article) or application/x-ndjson (one per line), not `{}`",
                if mime.is_empty() {
                    "no content type"
                } else {
                    &mime
                }
            ),
        )),
    }
}

/// Checks that the body is well-formed JSON (or JSON lines) before it reaches the pipeline.
fn check_json(body: &[u8], lines: bool) -> Result<(), ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "the body is empty: send at least one article",
        ));
    }
    if !lines {
        return serde_json::from_slice::<serde_json::Value>(body)
            .map(|_| ())
            .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")));
    }
    for (n, line) in body.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        serde_json::from_slice::<serde_json::Value>(line)
            .map_err(|e| ApiError::bad_request(format!("line {} is not valid JSON: {e}", n + 1)))?;
    }
    Ok(())
}

async fn post_articles(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let name = body_format(&headers)?;
    check_json(&body, name.ends_with("jsonl"))?;
    let outcome = dragoman_ingest::read_bytes("POST /api/articles", name, &body);
    if outcome.articles.is_empty() {
        let reasons: Vec<&str> = outcome
            .problems
            .iter()
            .map(|p| p.message.as_str())
            .collect();
        return Err(ApiError::bad_request(format!(
            "no article in the body: {}",
            if reasons.is_empty() {
                "nothing to read".to_owned()
            } else {
                reasons.join("; ")
            }
        )));
    }
    let state = state.clone();
    let summary = tokio::task::spawn_blocking(move || {
        let engine = state.engine().map_err(|e| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the pipeline cannot be loaded: {e}"),
            )
        })?;
        let mut writer = state.writer.lock().map_err(|_| {
            ApiError::internal("the store writer failed earlier; restart the server")
        })?;
        let mut summary = ingest_articles(
            &engine,
            &mut *writer,
            outcome.articles,
            DEFAULT_BATCH,
            &mut |_| {},
        )?;
        summary.problems = outcome.problems;
        Ok::<_, ApiError>(summary)
    })
    .await
    .map_err(|e| ApiError::internal(format!("the ingest failed: {e}")))??;
    let status = if summary.added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(summary)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_pick_the_format() {
        let mut h = HeaderMap::new();
        assert!(body_format(&h).is_err());
        h.insert(
            header::CONTENT_TYPE,
            "application/json; charset=utf-8".parse().unwrap(),
        );
        assert_eq!(body_format(&h).unwrap(), "body.json");
        h.insert(
            header::CONTENT_TYPE,
            "application/x-ndjson".parse().unwrap(),
        );
        assert_eq!(body_format(&h).unwrap(), "body.jsonl");
        h.insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        assert_eq!(
            body_format(&h).unwrap_err().status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
    }

    #[test]
    fn malformed_json_lines_name_the_line() {
        let err = check_json(b"{\"a\":1}\n\n{oops\n", true).unwrap_err();
        assert!(err.message.contains("line 3"), "{}", err.message);
        assert!(check_json(b" \n", false).is_err());
        assert!(check_json(b"{\"text\":\"x\"}", false).is_ok());
    }
}
