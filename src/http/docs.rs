//! The OpenAPI document and a docs page rendered from it by Dayline's own script (no CDN).

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::{CSS, JS, StaticFile, static_file};

const PAGE: &str = include_str!("docs/index.html");
const SCRIPT: &str = include_str!("docs/docs.js");
const STYLE: &str = include_str!("docs/docs.css");

/// The document is built once, when the router is built, and shared as bytes.
#[derive(Clone)]
pub struct OpenApiJson(pub std::sync::Arc<String>);

pub async fn openapi_json(State(doc): State<OpenApiJson>) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], doc.0.as_str().to_owned()).into_response()
}

pub async fn docs_page(State(state): State<AppState>) -> Html<String> {
    crate::web::page(PAGE, &state)
}

const ASSETS: &[StaticFile] = &[("docs.js", JS, SCRIPT), ("docs.css", CSS, STYLE)];

pub async fn docs_asset(Path(file): Path<String>) -> Result<Response, AppError> {
    static_file(ASSETS, &file)
}
