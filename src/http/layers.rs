//! Cross-cutting layers: security headers, request timeout, CORS, panic handling.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::config::Settings;
use crate::error::{AppError, problem_response};

/// No inline scripts or styles anywhere; nothing may frame Dayline.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

/// Headers set on every response unless a handler set its own.
pub fn security_headers(settings: &Settings) -> Vec<(HeaderName, HeaderValue)> {
    let mut headers = vec![
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
    ];
    if settings.uses_https() {
        headers.push((header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains"));
    }
    headers.into_iter().map(|(name, value)| (name, HeaderValue::from_static(value))).collect()
}

/// Stops requests that run longer than the configured limit. Answers 503 rather than 408:
/// browsers silently resend requests that got 408, which could repeat a write.
pub async fn timeout(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => AppError::Timeout.into_response(),
    }
}

/// CORS only when origins are configured; otherwise browsers keep the same-origin policy.
pub fn cors(settings: &Settings) -> Option<CorsLayer> {
    if settings.cors_origins.is_empty() {
        return None;
    }
    let origins: Vec<HeaderValue> =
        settings.cors_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::IF_MATCH,
                HeaderName::from_static("idempotency-key"),
                HeaderName::from_static("x-csrf-token"),
                HeaderName::from_static("x-request-id"),
            ])
            .expose_headers([header::ETAG, header::RETRY_AFTER, HeaderName::from_static("x-request-id")])
            .allow_credentials(true)
            .max_age(Duration::from_secs(600)),
    )
}

/// What the compression layer compresses: the default choice, except files served with byte
/// ranges (compressing would change their length and strong `ETag`; most are compressed already).
pub fn compressible() -> impl tower_http::compression::Predicate {
    use tower_http::compression::Predicate;
    tower_http::compression::DefaultPredicate::new().and(
        |_: StatusCode, _: axum::http::Version, headers: &axum::http::HeaderMap, _: &axum::http::Extensions| {
            !headers.contains_key(header::ACCEPT_RANGES)
        },
    )
}

/// A panic in a handler becomes a 500 problem document; the details go to the log only.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = message, "handler panicked");
    problem_response(StatusCode::INTERNAL_SERVER_ERROR, "internal", None, Vec::new())
}
