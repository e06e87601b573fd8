//! Forgotten passwords: ask for a reset link, then set a new password with its token.

use axum::extract::State;
use axum::http::StatusCode;
use dayline_api_types::{ForgotPasswordRequest, Problem, ResetPasswordRequest};

use crate::error::AppResult;
use crate::http::context::RequestContext;
use crate::http::json::ApiJson;
use crate::http::rate_limit::CredentialAttempt;
use crate::state::AppState;

/// Mails a single-use reset link (valid 30 minutes) if an active account uses the address.
/// The answer is the same either way.
#[utoipa::path(post, path = "/api/v1/auth/password/forgot", tag = "auth", request_body = ForgotPasswordRequest,
    responses(
        (status = 202, description = "If an account uses the address, a reset link is on its way"),
        (status = 422, description = "Not an e-mail address", body = Problem),
        (status = 429, description = "Too many attempts from this address", body = Problem),
    ))]
pub async fn forgot_password(
    _attempt: CredentialAttempt,
    State(state): State<AppState>,
    ApiJson(request): ApiJson<ForgotPasswordRequest>,
) -> AppResult<StatusCode> {
    crate::domain::account::request_reset(&state, request).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Sets a new password with the token from a reset mail. Every session of the account ends;
/// sign in with the new password.
#[utoipa::path(post, path = "/api/v1/auth/password/reset", tag = "auth", request_body = ResetPasswordRequest,
    responses(
        (status = 204, description = "Password set; every session was signed out"),
        (status = 422, description = "Invalid, used or expired token, or a weak password", body = Problem),
        (status = 429, description = "Too many attempts from this address", body = Problem),
    ))]
pub async fn reset_password(
    _attempt: CredentialAttempt,
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<ResetPasswordRequest>,
) -> AppResult<StatusCode> {
    crate::domain::account::reset_password(&state, actor, request).await?;
    Ok(StatusCode::NO_CONTENT)
}
