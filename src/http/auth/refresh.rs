use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use dayline_api_types::{LoginResponse, Problem, RefreshRequest, SessionMode};

use super::cookies::{CSRF_HEADER, REFRESH_COOKIE, csrf_refused, origin_allowed, read_cookie};
use super::login::respond;
use crate::error::{AppError, AppResult};
use crate::http::context::RequestContext;
use crate::state::AppState;

/// Trades a refresh token for a new pair; the old one is used up. Send it in the body, or,
/// in cookie mode, send an empty body with the `X-CSRF-Token` header.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body(content = Option<RefreshRequest>),
    responses(
        (status = 200, description = "A new pair (in cookies in cookie mode)", body = LoginResponse),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = Problem),
        (status = 403, description = "Cookie mode without the session's CSRF token", body = Problem),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    if body.iter().all(u8::is_ascii_whitespace) {
        let token = read_cookie(&headers, REFRESH_COOKIE).ok_or_else(|| {
            AppError::Unauthorized("Send the refresh token in the body or the session cookie.".to_owned())
        })?;
        let csrf = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        if csrf.is_empty() || !origin_allowed(&state, &headers) {
            return Err(csrf_refused());
        }
        let (pair, session) = crate::domain::sessions::refresh(&state, actor, &token, Some(&csrf)).await?;
        return Ok(respond(&state, SessionMode::Cookie, pair, session));
    }
    if !crate::http::json::is_json(headers.get(axum::http::header::CONTENT_TYPE)) {
        return Err(AppError::UnsupportedMediaType("Send the body as application/json.".to_owned()));
    }
    let request: RefreshRequest = crate::http::json::parse(&body)?;
    let (pair, session) = crate::domain::sessions::refresh(&state, actor, &request.refresh_token, None).await?;
    Ok(respond(&state, SessionMode::Token, pair, session))
}
