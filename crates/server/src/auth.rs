//! The bearer token that guards write endpoints.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{ApiError, AppState};

/// Compares in time independent of where the strings differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// True when `authorization` (the header's value) carries `token`.
pub fn authorized(authorization: Option<&[u8]>, token: &str) -> bool {
    authorization
        .and_then(|v| v.strip_prefix(b"Bearer "))
        .is_some_and(|given| same(given.trim_ascii(), token.as_bytes()))
}

/// Lets a write request through only with the configured token (when one is configured).
pub async fn require_token(
    State(state): State<Arc<AppState>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if let Some(token) = state.config.token.as_deref().filter(|t| !t.is_empty()) {
        let header = request
            .headers()
            .get(header::AUTHORIZATION)
            .map(|v| v.as_bytes());
        if !authorized(header, token) {
            let mut response = ApiError::new(
                StatusCode::UNAUTHORIZED,
                "this endpoint needs the server's token: send `Authorization: Bearer <token>`",
            )
            .into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
            return response;
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_token_passes() {
        assert!(authorized(Some(b"Bearer s3cret"), "s3cret"));
        assert!(!authorized(Some(b"Bearer s3cre"), "s3cret"));
        assert!(!authorized(Some(b"Basic s3cret"), "s3cret"));
        assert!(!authorized(None, "s3cret"));
    }
}
