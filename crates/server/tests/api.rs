//! The JSON API and the pages, driven in process: real responses checked against the OpenAPI
//! document, error statuses for bad input, the token, and HTML escaping.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use dragoman_server::{ServerConfig, router};

struct App {
    _dir: tempfile::TempDir,
    router: Router,
}

fn app_with(configure: impl FnOnce(&mut ServerConfig)) -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = common::sample_store(dir.path());
    let mut config = ServerConfig::new(db);
    configure(&mut config);
    App {
        router: router(config).unwrap(),
        _dir: dir,
    }
}

fn app() -> App {
    app_with(|_| {})
}

async fn send(app: &App, request: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, body.to_vec())
}

async fn get(app: &App, uri: &str) -> (StatusCode, String, Vec<u8>) {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn get_json(app: &App, uri: &str) -> (StatusCode, Value) {
    let (status, content_type, body) = get(app, uri).await;
    assert!(
        content_type.starts_with("application/json"),
        "{uri}: {content_type}"
    );
    (status, serde_json::from_slice(&body).unwrap())
}

fn post(uri: &str, content_type: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut request = Request::post(uri);
    if let Some(ct) = content_type {
        request = request.header(header::CONTENT_TYPE, ct);
    }
    request.body(body.into()).unwrap()
}

/// Checks `value` against the named schema of the OpenAPI document.
fn conforms(schema: &str, value: &Value) {
    let mut doc: Value = serde_json::from_str(dragoman_server::OPENAPI).unwrap();
    doc["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    doc["$ref"] = json!(format!("#/components/schemas/{schema}"));
    let validator = jsonschema::validator_for(&doc).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{schema}: {errors:#?}\n{value:#}");
}

/// Checks an answer against the schema the OpenAPI document gives for `path` and `status`.
fn conforms_to_path(path: &str, method: &str, status: StatusCode, value: &Value) {
    let doc: Value = serde_json::from_str(dragoman_server::OPENAPI).unwrap();
    let schema = &doc["paths"][path][method]["responses"][status.as_str()]["content"]["application/json"]
        ["schema"]["$ref"];
    let name = schema
        .as_str()
        .unwrap_or_else(|| panic!("no schema for {method} {path} {status}"))
        .trim_start_matches("#/components/schemas/");
    conforms(name, value);
}

#[tokio::test]
async fn read_endpoints_match_the_openapi_document() {
    let app = app();
    let cases = [
        ("/healthz", "/healthz"),
        ("/api/stories", "/api/stories"),
        ("/api/stories/s1", "/api/stories/{id}"),
        ("/api/entities", "/api/entities"),
        ("/api/entities/per:olga-petrova", "/api/entities/{id}"),
        ("/api/articles/b1", "/api/articles/{id}"),
        ("/api/search?q=talks", "/api/search"),
    ];
    for (uri, path) in cases {
        let (status, value) = get_json(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {value}");
        conforms_to_path(path, "get", status, &value);
    }
    let (status, value) = get_json(&app, "/api/stories/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    conforms_to_path("/api/stories/{id}", "get", status, &value);
    let (_, _, body) = get(&app, "/api/openapi.json").await;
    let doc: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
}

#[tokio::test]
async fn story_detail_holds_everything() {
    let app = app();
    let (_, story) = get_json(&app, "/api/stories/s1").await;
    assert_eq!(story["articles"].as_array().unwrap().len(), 2);
    assert_eq!(story["contradictions"][0]["values"][1]["value"], "4");
    assert_eq!(story["facts"][0]["id"], "f1");
    assert_eq!(story["quotes"][0]["speaker"], "per:olga-petrova");
    assert_eq!(story["entities"][1]["roles"][0], "Minister");
    assert_eq!(story["totals"]["articles"], 2);
    assert_eq!(story["truncated"], false);
    let (_, list) = get_json(&app, "/api/stories?limit=5").await;
    assert_eq!(list["stories"][0]["latest"], "2025-06-03");
    assert_eq!(list["stories"][0]["article_count"], 2);
}

#[tokio::test]
async fn entities_are_found_by_alias_and_search_filters() {
    let app = app();
    let (status, petrova) = get_json(&app, "/api/entities/Petrova").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(petrova["entity"]["id"], "per:olga-petrova");
    assert_eq!(petrova["mentions_per_day"][0]["day"], "2025-06-03");
    assert_eq!(petrova["quotes"].as_array().unwrap().len(), 1);
    let (status, _) = get_json(&app, "/api/entities/nobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (_, hits) = get_json(&app, "/api/search?q=week&outlet=valley%20times").await;
    let hits = hits["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["article"], "b1");
    let (_, hits) = get_json(&app, "/api/search?q=Lisbon&entity=Arcadian%20Republic").await;
    assert_eq!(hits["hits"].as_array().unwrap().len(), 1);
    let (_, hits) = get_json(&app, "/api/search?q=Lisbon&since=2025-06-03").await;
    assert_eq!(hits["hits"][0]["article"], "b1");
    let (status, hits) = get_json(&app, "/api/search?q=%22%28%2A%5E").await;
    assert_eq!(status, StatusCode::OK, "{hits}");
}

#[tokio::test]
async fn client_mistakes_get_4xx_with_json_messages() {
    let app = app_with(|c| c.body_limit = 1024);
    let cases: Vec<(Request<Body>, StatusCode)> = vec![
        (
            Request::get("/api/search").body(Body::empty()).unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/search?q=x&since=yesterday")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/stories?limit=lots")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/stories?limit=0")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Request::get("/api/nothing-here")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            Request::delete("/api/stories/s1")
                .body(Body::empty())
                .unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            post("/api/articles", Some("text/plain"), "hello"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            post("/api/articles", None, "{}"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            post("/api/articles", Some("application/json"), "{\"text\": "),
            StatusCode::BAD_REQUEST,
        ),
        (
            post("/api/articles", Some("application/json"), ""),
            StatusCode::BAD_REQUEST,
        ),
        (
            post(
                "/api/articles",
                Some("application/x-ndjson"),
                "{\"text\":\"a\"}\nnot json\n",
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            post("/api/articles", Some("application/json"), "[1, 2, 3]"),
            StatusCode::BAD_REQUEST,
        ),
        (
            post("/api/articles", Some("application/json"), vec![b' '; 4096]),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (request, expected) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let (status, content_type, body) = send(&app, request).await;
        assert_eq!(
            status,
            expected,
            "{what}: {}",
            String::from_utf8_lossy(&body)
        );
        assert!(
            content_type.starts_with("application/json"),
            "{what}: {content_type}"
        );
        let value: Value = serde_json::from_slice(&body).unwrap();
        assert!(
            value["error"].as_str().is_some_and(|m| !m.is_empty()),
            "{what}: {value}"
        );
    }
}

#[tokio::test]
async fn a_configured_token_guards_writes() {
    let app = app_with(|c| c.token = Some("letmein".into()));
    for auth in [None, Some("Bearer nope"), Some("letmein")] {
        let mut request = post(
            "/api/articles",
            Some("application/json"),
            "{\"text\":\"x\"}",
        );
        if let Some(auth) = auth {
            request
                .headers_mut()
                .insert(header::AUTHORIZATION, auth.parse().unwrap());
        }
        let (status, _, _) = send(&app, request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{auth:?}");
    }
    let (status, _) = get_json(&app, "/api/stories").await;
    assert_eq!(status, StatusCode::OK, "reads need no token");
}

#[tokio::test]
async fn a_public_address_needs_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let config = ServerConfig::new(dir.path().join("x.db"));
    let addr = "0.0.0.0:0".parse().unwrap();
    let error = dragoman_server::serve(config, addr, |_| {})
        .await
        .unwrap_err();
    assert!(error.to_string().contains("without a token"), "{error}");
}

#[tokio::test]
async fn pages_render_and_escape() {
    let app = app();
    let (status, content_type, body) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    let home = String::from_utf8(body).unwrap();
    assert!(home.contains("Envoys meet in Lisbon"));

    let (_, _, body) = get(&app, "/stories/s1").await;
    let story = String::from_utf8(body).unwrap();
    let fourth = common::sentence_of(common::TEXT_B, "fourth week");
    let link = format!("/articles/b1#s-{}-{}", fourth.start, fourth.end);
    assert!(story.contains(&link), "no contradiction link {link}");
    assert!(story.contains("<svg"), "timeline");
    assert!(!story.contains("<script>"), "titles are escaped");

    let (_, _, body) = get(&app, "/articles/b1").await;
    let article = String::from_utf8(body).unwrap();
    assert!(article.contains(&format!("id=\"s-{}-{}\"", fourth.start, fourth.end)));
    assert!(article.contains("&lt;script&gt;"));
    assert!(!article.contains("<script>"));

    let (_, _, body) = get(&app, "/entities/per:olga-petrova").await;
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("Mentions per day")
    );
    let (_, _, body) = get(&app, "/search?q=%3Cscript%3E+week").await;
    let search = String::from_utf8(body).unwrap();
    assert!(search.contains("<mark>week</mark>"), "{search}");
    assert!(!search.contains("<script>"));
    let (status, content_type, _) = get(&app, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(content_type.starts_with("text/html"));
    let (status, content_type, _) = get(&app, "/assets/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/css"));
}
