//! `CurrentUser`: the extractor for routes that need a signed-in caller.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use super::cookies::{ACCESS_COOKIE, CSRF_HEADER, csrf_matches, csrf_refused, is_unsafe, origin_allowed, read_cookie};
use crate::auth::policy::check_access;
use crate::domain::api_tokens::{TOKEN_PREFIX, authenticate_api_token};
use crate::domain::sessions::{Authenticated, authenticate};
use crate::error::AppError;
use crate::http::rate_limit::check_user;
use crate::state::AppState;

pub struct CurrentUser(pub Authenticated);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        if let Some(token) = bearer {
            // Bearer tokens are never sent by a browser on its own: no CSRF check needed.
            let who = if token.starts_with(TOKEN_PREFIX) {
                authenticate_api_token(state, token).await?
            } else {
                authenticate(state, token).await?
            };
            check_user(state, parts, who.user_id)?;
            check_access(&who, &parts.method, parts.uri.path())?;
            return Ok(CurrentUser(who));
        }
        let Some(token) = read_cookie(&parts.headers, ACCESS_COOKIE) else {
            return Err(AppError::Unauthorized(
                "Sign in: send an access token as `Authorization: Bearer …`.".to_owned(),
            ));
        };
        let who = authenticate(state, &token).await?;
        check_user(state, parts, who.user_id)?;
        if is_unsafe(&parts.method) {
            let presented = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
            if !origin_allowed(state, &parts.headers) || !csrf_matches(state, who.session_id, presented) {
                return Err(csrf_refused());
            }
        }
        check_access(&who, &parts.method, parts.uri.path())?;
        Ok(CurrentUser(who))
    }
}
