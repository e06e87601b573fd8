//! The second step of a sign-in, and step-up for sensitive actions.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use dayline_api_types::{
    LoginResponse, MfaLoginRequest, MfaWebauthnStartRequest, Problem, StepUpRequest, WebauthnOptions,
};

use super::current_user::CurrentUser;
use super::login::respond;
use crate::error::AppResult;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::http::rate_limit::CredentialAttempt;
use crate::state::AppState;

/// Finishes a sign-in with the `mfa_token` from `POST /api/v1/auth/login` and a TOTP `code`
/// or a `backup_code`. The answer is the same as a sign-in without a second factor, in the
/// session mode the sign-in asked for.
#[utoipa::path(post, path = "/api/v1/auth/mfa", tag = "auth", request_body = MfaLoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 401, description = "Invalid credentials: wrong, used or expired token or factor", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
        (status = 429, description = "Too many attempts from this address", body = Problem),
    ))]
pub async fn finish_mfa(
    _attempt: CredentialAttempt,
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<MfaLoginRequest>,
) -> AppResult<Response> {
    let (pair, session_id, mode) = crate::domain::mfa::finish_challenge(&state, actor, request).await?;
    Ok(respond(&state, mode, pair, session_id))
}

/// Proves a second factor again; sensitive actions accept it for 5 minutes.
#[utoipa::path(post, path = "/api/v1/auth/step-up", tag = "auth", request_body = StepUpRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Stepped up for 5 minutes"),
        (status = 401, body = Problem),
        (status = 422, description = "Wrong or missing code", body = Problem),
    ))]
pub async fn step_up(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<StepUpRequest>,
) -> AppResult<StatusCode> {
    crate::domain::mfa::step_up(&state, actor.for_user(&who), &who, request).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Passkey options for the second step of a sign-in; answer at `POST /api/v1/auth/mfa`
/// with `webauthn`.
#[utoipa::path(post, path = "/api/v1/auth/mfa/webauthn", tag = "auth", request_body = MfaWebauthnStartRequest,
    responses(
        (status = 200, body = WebauthnOptions),
        (status = 401, description = "Unknown, used or expired mfa_token", body = Problem),
        (status = 409, description = "The account has no passkey", body = Problem),
        (status = 429, description = "Too many attempts from this address", body = Problem),
    ))]
pub async fn start_mfa_passkey(
    _attempt: CredentialAttempt,
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<MfaWebauthnStartRequest>,
) -> AppResult<Json<WebauthnOptions>> {
    Ok(Json(crate::domain::mfa::start_challenge_passkey_check(&state, actor, request).await?))
}

/// Passkey options for a step-up; answer at `POST /api/v1/auth/step-up` with `webauthn`.
#[utoipa::path(post, path = "/api/v1/auth/step-up/webauthn", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = WebauthnOptions), (status = 401, body = Problem),
        (status = 409, description = "The account has no passkey", body = Problem)))]
pub async fn start_step_up_passkey(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
) -> AppResult<Json<WebauthnOptions>> {
    Ok(Json(crate::domain::mfa::start_step_up_passkey_check(&state, actor.for_user(&who), &who).await?))
}
