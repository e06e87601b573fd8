//! Browser sessions: the access and refresh tokens travel in `__Host-` cookies (HttpOnly,
//! Secure, SameSite=Strict, Path=/), and every unsafe request must also carry the session's
//! CSRF token in `X-CSRF-Token` and, when the browser sends one, a same-origin `Origin`.

use axum::http::{HeaderMap, HeaderValue, Method, header};
use dayline_api_types::{CookieSession, TokenPair};
use uuid::Uuid;

pub use crate::auth::csrf::{csrf_matches, csrf_refused, csrf_token};
use crate::domain::sessions::IDLE_LIFETIME;
use crate::state::AppState;

pub const ACCESS_COOKIE: &str = "__Host-dayline_access";
pub const REFRESH_COOKIE: &str = "__Host-dayline_refresh";
pub const CSRF_HEADER: &str = "x-csrf-token";

fn cookie(name: &str, value: &str, max_age_secs: i64) -> HeaderValue {
    let text = format!("{name}={value}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age={max_age_secs}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// `Set-Cookie` values for a new or refreshed browser session, and the body to send.
pub fn session_cookies(state: &AppState, pair: &TokenPair, session_id: Uuid) -> (Vec<HeaderValue>, CookieSession) {
    let cookies = vec![
        cookie(ACCESS_COOKIE, &pair.access_token, pair.expires_in),
        cookie(REFRESH_COOKIE, &pair.refresh_token, IDLE_LIFETIME.num_seconds()),
    ];
    let body = CookieSession {
        token_type: "cookie".to_owned(),
        expires_in: pair.expires_in,
        csrf_token: csrf_token(state, session_id),
    };
    (cookies, body)
}

/// `Set-Cookie` values that remove the session cookies.
pub fn clearing_cookies() -> Vec<HeaderValue> {
    vec![cookie(ACCESS_COOKIE, "", 0), cookie(REFRESH_COOKIE, "", 0)]
}

pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

pub fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A browser's `Origin`, when sent, must be this site's.
pub fn origin_allowed(state: &AppState, headers: &HeaderMap) -> bool {
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            origin == state.settings.public_base_url() || state.settings.cors_origins.iter().any(|o| o == origin)
        }
    }
}
