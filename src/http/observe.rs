//! The outermost middleware: assigns the request id, opens the request's log span, turns
//! bodiless error responses into problem documents, writes one log line and the metrics.

use std::time::Instant;

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use super::request_id;
use crate::error::problem_response;

/// Headers every response carries unless its handler chose its own.
pub type ResponseHeaders = Arc<Vec<(HeaderName, HeaderValue)>>;

pub async fn observe(State(always): State<ResponseHeaders>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id::from_headers(request.headers()).unwrap_or_else(request_id::generate);
    let method = request.method().clone();
    // A route template, never the raw path: keeps metric labels and logs bounded.
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let span = tracing::info_span!("request", request_id = %id, method = %method, route = %route);

    let mut response = request_id::scope(id.clone(), async {
        let response = next.run(request).await;
        as_problem(response, &method)
    })
    .instrument(span.clone())
    .await;

    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(request_id::HEADER, value);
    }
    for (name, value) in always.iter() {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    let status = response.status().as_u16();
    let latency = started.elapsed();
    span.in_scope(|| {
        tracing::info!(status, latency_ms = latency.as_secs_f64() * 1000.0, "request finished");
    });
    super::metrics::record_request(method.as_str(), &route, status, latency);
    response
}

/// Error responses made by layers or by axum itself (405, 413, 404 on a bad path) have no
/// problem body; give them one so every failure looks the same to clients.
fn as_problem(response: Response, method: &axum::http::Method) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    // Handlers answer errors as problem documents or, like /health, as JSON of their own.
    let has_json_body = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| {
        let v = v.as_bytes();
        v.starts_with(b"application/problem+json") || v.starts_with(b"application/json")
    });
    if has_json_body {
        return response;
    }
    let (parts, _) = response.into_parts();
    let slug = match status.as_u16() {
        404 => "not-found",
        405 => "method-not-allowed",
        413 => "payload-too-large",
        _ => "http-error",
    };
    // The `Allow` header itself is added by the router after this middleware.
    let detail =
        (status.as_u16() == 405).then(|| format!("This address does not accept {method}; see the Allow header."));
    let mut problem = problem_response(status, slug, detail, Vec::new());
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = parts.headers.get(&name) {
            problem.headers_mut().insert(name, value.clone());
        }
    }
    problem
}
