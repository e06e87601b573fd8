//! The signed-in user's second factors: status, TOTP enrolment, removal, backup codes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use dayline_api_types::{
    BackupCodes, MfaStatus, Problem, RegenerateBackupCodesRequest, TotpConfirmRequest, TotpDisableRequest,
    TotpEnrolment,
};

use crate::domain::mfa;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::state::AppState;

/// Which second factors the user has, and whether one is required (super admins).
#[utoipa::path(get, path = "/api/v1/me/mfa", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = MfaStatus), (status = 401, body = Problem)))]
pub async fn status(State(state): State<AppState>, CurrentUser(who): CurrentUser) -> AppResult<Json<MfaStatus>> {
    Ok(Json(mfa::mfa_status(&state, &who).await?))
}

/// Starts setting up an authenticator app: a new secret and its `otpauth://` URI. Nothing
/// changes until it is confirmed with a code.
#[utoipa::path(post, path = "/api/v1/me/mfa/totp", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = TotpEnrolment), (status = 401, body = Problem),
        (status = 409, description = "An authenticator is already set up", body = Problem)))]
pub async fn start_totp(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
) -> AppResult<Json<TotpEnrolment>> {
    Ok(Json(mfa::start_totp_enrolment(&state, actor.for_user(&who), &who).await?))
}

/// Confirms the new authenticator with a current code; answers the backup codes, once.
#[utoipa::path(post, path = "/api/v1/me/mfa/totp/confirm", tag = "me", security(("bearer" = [])),
    request_body = TotpConfirmRequest,
    responses((status = 200, body = BackupCodes), (status = 401, body = Problem), (status = 409, body = Problem),
        (status = 422, description = "Wrong code", body = Problem)))]
pub async fn confirm_totp(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<TotpConfirmRequest>,
) -> AppResult<Json<BackupCodes>> {
    Ok(Json(mfa::confirm_totp(&state, actor.for_user(&who), &who, &request.code).await?))
}

/// Removes the authenticator and the backup codes; needs the password and a current code.
#[utoipa::path(delete, path = "/api/v1/me/mfa/totp", tag = "me", security(("bearer" = [])),
    request_body = TotpDisableRequest,
    responses((status = 204, description = "Removed"), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, description = "Wrong password or code", body = Problem)))]
pub async fn disable_totp(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<TotpDisableRequest>,
) -> AppResult<StatusCode> {
    mfa::disable_totp(&state, actor.for_user(&who), &who, request).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new set of backup codes (the old ones stop working); needs the password.
#[utoipa::path(post, path = "/api/v1/me/mfa/backup-codes", tag = "me", security(("bearer" = [])),
    request_body = RegenerateBackupCodesRequest,
    responses((status = 200, body = BackupCodes), (status = 401, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn regenerate_backup_codes(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<RegenerateBackupCodesRequest>,
) -> AppResult<Json<BackupCodes>> {
    Ok(Json(mfa::regenerate_backup_codes(&state, actor.for_user(&who), &who, request).await?))
}
