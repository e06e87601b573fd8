//! The web app: the files Vite built from `web/`, embedded in the binary (read from disk in
//! debug builds). Hashed assets are cached for a year; a browser navigating to any other page
//! path gets `index.html` so the app's router can take it, while API clients asking for an
//! unknown path still get a 404 problem. A binary built without npm has no app and answers a
//! page that says how to build it; the API works either way.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::error::AppError;
use crate::state::AppState;

#[derive(RustEmbed)]
#[folder = "$OUT_DIR/web"]
struct Built;

const NOT_BUILT: &str = include_str!("not-built.html");

/// Paths that are never app pages: an unknown one there is a plain 404 problem.
const NOT_PAGES: &[&str] = &["/api/", "/static/", "/.well-known/", "/metrics", "/health", "/livez", "/readyz"];

/// Whether this binary carries the web app.
pub fn is_built() -> bool {
    Built::get("index.html").is_some()
}

/// The app's files, and `index.html` for the app's own paths.
pub async fn serve(State(state): State<AppState>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path();
    if method != Method::GET && method != Method::HEAD || NOT_PAGES.iter().any(|p| path.starts_with(p)) {
        return AppError::NotFound.into_response();
    }
    let navigating = path == "/"
        || headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    if let Some(file) = path.strip_prefix('/').filter(|p| !p.is_empty()).and_then(Built::get) {
        let immutable = path.starts_with("/assets/");
        return file_response(&file, immutable);
    }
    if path.starts_with("/assets/") || !navigating {
        return AppError::NotFound.into_response();
    }
    match Built::get("index.html") {
        Some(index) => file_response(&index, false),
        None => (StatusCode::OK, super::page(NOT_BUILT, &state)).into_response(),
    }
}

fn file_response(file: &rust_embed::EmbeddedFile, immutable: bool) -> Response {
    let mut response = file.data.clone().into_owned().into_response();
    let headers = response.headers_mut();
    if let Ok(mime) = HeaderValue::from_str(file.metadata.mimetype()) {
        headers.insert(header::CONTENT_TYPE, mime);
    }
    // Vite names assets by their content, so they never change; pages are revalidated.
    let cache = if immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
