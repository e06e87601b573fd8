//! Pages served to browsers: the web app (`spa`), and until it has them, the first-run setup
//! page (the operator creates the first administrator from the URL Dayline logs at start-up),
//! the reset page (a new password from the link in a reset mail) and the invitation page.

pub mod spa;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

const SETUP: &str = include_str!("setup.html");
const SETUP_JS: &str = include_str!("setup.js");
const RESET: &str = include_str!("reset-password.html");
const RESET_JS: &str = include_str!("reset-password.js");
const FORM_JS: &str = include_str!("form.js");
const INVITATION: &str = include_str!("invitation.html");
const INVITATION_JS: &str = include_str!("invitation.js");
const STYLE: &str = include_str!("style.css");

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Fills a page template with the instance name.
pub fn page(template: &str, state: &AppState) -> Html<String> {
    Html(template.replace("{{instance}}", &html_escape(&state.settings.instance_name)))
}

/// `GET /setup?token=…`: the token stays in the page's URL and is read by the script.
pub async fn setup(State(state): State<AppState>) -> Html<String> {
    page(SETUP, &state)
}

/// `GET /reset-password#token=…`: the token stays in the fragment, read by the script.
pub async fn reset_password(State(state): State<AppState>) -> Html<String> {
    page(RESET, &state)
}

/// `GET /invitation#token=…`: creates an account from an invitation.
pub async fn invitation(State(state): State<AppState>) -> Html<String> {
    page(INVITATION, &state)
}

pub const JS: &str = "text/javascript; charset=utf-8";
pub const CSS: &str = "text/css; charset=utf-8";

/// An embedded file: name, content type, body.
pub type StaticFile = (&'static str, &'static str, &'static str);

const ASSETS: &[StaticFile] = &[
    ("setup.js", JS, SETUP_JS),
    ("reset-password.js", JS, RESET_JS),
    ("form.js", JS, FORM_JS),
    ("invitation.js", JS, INVITATION_JS),
    ("style.css", CSS, STYLE),
];

/// Answers `name` from `files`, or 404.
pub fn static_file(files: &[StaticFile], name: &str) -> Result<Response, AppError> {
    let (_, content_type, body) = files.iter().find(|(n, _, _)| *n == name).ok_or(AppError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], *body).into_response())
}

pub async fn asset(Path(file): Path<String>) -> Result<Response, AppError> {
    static_file(ASSETS, &file)
}
