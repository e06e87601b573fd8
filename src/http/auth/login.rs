use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use dayline_api_types::{LoginRequest, LoginResponse, Problem, SessionMode};

use super::cookies::session_cookies;
use crate::domain::sessions::LoginOutcome;
use crate::error::AppResult;
use crate::http::context::RequestContext;
use crate::http::json::ApiJson;
use crate::http::rate_limit::CredentialAttempt;
use crate::state::AppState;

/// Signs in with e-mail and password and starts a new session. API clients get a token
/// pair; with `"session": "cookie"` a browser gets `__Host-` cookies and a CSRF token. When
/// the account has a second factor the answer is `{mfa_required, mfa_token, methods}`
/// instead: finish at `POST /api/v1/auth/mfa`.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 401, description = "Invalid credentials (whatever was wrong)", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
        (status = 429, description = "Too many attempts from this address", body = Problem),
    ))]
pub async fn login(
    _attempt: CredentialAttempt,
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    match crate::domain::sessions::login(&state, actor, request).await? {
        LoginOutcome::SignedIn { pair, session_id, mode } => Ok(respond(&state, mode, pair, session_id)),
        LoginOutcome::SecondFactorRequired(challenge) => {
            Ok(Json(LoginResponse::MfaRequired(challenge)).into_response())
        }
    }
}

/// The body and cookies for a new pair, in the client's session mode.
pub fn respond(
    state: &AppState,
    mode: SessionMode,
    pair: dayline_api_types::TokenPair,
    session_id: uuid::Uuid,
) -> Response {
    match mode {
        SessionMode::Token => Json(LoginResponse::Tokens(pair)).into_response(),
        SessionMode::Cookie => {
            let (cookies, body) = session_cookies(state, &pair, session_id);
            let mut response = Json(LoginResponse::Cookie(body)).into_response();
            for cookie in cookies {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            response
        }
    }
}
