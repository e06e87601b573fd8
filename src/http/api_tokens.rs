//! The signed-in user's personal API tokens.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use dayline_api_types::{ApiTokenResponse, CreateApiTokenRequest, CreatedApiToken, Problem};
use uuid::Uuid;

use crate::domain::api_tokens;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::state::AppState;

/// Creates a token; its secret (`dl_pat_…`) is in this answer only.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "me", security(("bearer" = [])),
    request_body = CreateApiTokenRequest,
    responses((status = 201, body = CreatedApiToken), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<CreateApiTokenRequest>,
) -> AppResult<(StatusCode, Json<CreatedApiToken>)> {
    let created = api_tokens::create_api_token(&state, actor.for_user(&who), &who, request).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The user's live tokens with their last use (never their secrets).
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<ApiTokenResponse>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
) -> AppResult<Json<Vec<ApiTokenResponse>>> {
    Ok(Json(api_tokens::list_api_tokens(&state, &who).await?))
}

/// Revokes a token at once.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "me", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Token id")),
    responses((status = 204, description = "Revoked"), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn revoke(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    api_tokens::revoke_api_token(&state, actor.for_user(&who), &who, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
