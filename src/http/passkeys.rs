//! The signed-in user's passkeys (WebAuthn credentials used as second factors).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use dayline_api_types::{PasskeyNameRequest, PasskeyResponse, Problem, WebauthnOptions, WebauthnResponse};
use uuid::Uuid;

use crate::domain::mfa;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::state::AppState;

/// Starts registering a passkey: options for `navigator.credentials.create()`.
#[utoipa::path(post, path = "/api/v1/me/passkeys/registration", tag = "me", security(("bearer" = [])),
    request_body = PasskeyNameRequest,
    responses((status = 200, body = WebauthnOptions), (status = 401, body = Problem),
        (status = 409, description = "Passkeys need a public_url with a host name", body = Problem),
        (status = 422, body = Problem)))]
pub async fn start_registration(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<PasskeyNameRequest>,
) -> AppResult<Json<WebauthnOptions>> {
    Ok(Json(mfa::start_passkey_registration(&state, actor.for_user(&who), &who, request.name).await?))
}

/// Finishes registering a passkey with the authenticator's answer.
#[utoipa::path(post, path = "/api/v1/me/passkeys", tag = "me", security(("bearer" = [])),
    request_body = WebauthnResponse,
    responses((status = 201, body = PasskeyResponse), (status = 401, body = Problem),
        (status = 422, description = "Unknown ceremony or rejected answer", body = Problem)))]
pub async fn finish_registration(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<WebauthnResponse>,
) -> AppResult<(StatusCode, Json<PasskeyResponse>)> {
    let passkey = mfa::finish_passkey_registration(&state, actor.for_user(&who), &who, request).await?;
    Ok((StatusCode::CREATED, Json(passkey)))
}

#[utoipa::path(get, path = "/api/v1/me/passkeys", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<PasskeyResponse>), (status = 401, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
) -> AppResult<Json<Vec<PasskeyResponse>>> {
    Ok(Json(mfa::list_passkeys(&state, &who).await?))
}

#[utoipa::path(patch, path = "/api/v1/me/passkeys/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Passkey id")), request_body = PasskeyNameRequest,
    responses((status = 200, body = PasskeyResponse), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn rename(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<PasskeyNameRequest>,
) -> AppResult<Json<PasskeyResponse>> {
    Ok(Json(mfa::rename_passkey(&state, actor.for_user(&who), &who, id, request.name).await?))
}

#[utoipa::path(delete, path = "/api/v1/me/passkeys/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Passkey id")),
    responses((status = 204, description = "Removed"), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    mfa::delete_passkey(&state, actor.for_user(&who), &who, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
