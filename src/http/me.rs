//! The signed-in user's own account: profile, password, sessions.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use dayline_api_types::{ChangePasswordRequest, Problem, SessionResponse, UpdateMeRequest, UserResponse};
use uuid::Uuid;

use super::auth::current_user::CurrentUser;
use crate::domain::account;
use crate::domain::users::UserRow;
use crate::error::{AppError, AppResult};
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::state::AppState;

/// The caller's account.
#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = UserResponse), (status = 401, body = Problem)))]
pub async fn get_me(State(state): State<AppState>, CurrentUser(who): CurrentUser) -> AppResult<Json<UserResponse>> {
    let user: UserRow = dayline_db::sql(
        "SELECT id, email, display_name, role, is_active, timezone, created_at FROM users WHERE id = $1",
    )
    .bind(who.user_id)
    .fetch_optional(state.db.read_as(who.row_access()))
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Json(user.to_response()))
}

/// Changes the caller's display name or time zone. Role, activation and ids cannot be set here.
#[utoipa::path(patch, path = "/api/v1/me", tag = "account", security(("bearer" = [])), request_body = UpdateMeRequest,
    responses((status = 200, body = UserResponse), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn update_me(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<UpdateMeRequest>,
) -> AppResult<Json<UserResponse>> {
    let user = account::update_profile(&state, actor.for_user(&who), request).await?;
    Ok(Json(user.to_response()))
}

/// Changes the caller's password; their other sessions end.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "account", security(("bearer" = [])), request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed"), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn change_password(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    account::change_password(&state, actor.for_user(&who), &who, request).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's live sessions (devices), most recently used first.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Vec<SessionResponse>), (status = 401, body = Problem)))]
pub async fn list_sessions(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
) -> AppResult<Json<Vec<SessionResponse>>> {
    Ok(Json(account::list_sessions(&state, &who).await?))
}

/// Signs out everywhere: every session of the caller ends, this one included.
#[utoipa::path(delete, path = "/api/v1/me/sessions", tag = "account", security(("bearer" = [])),
    responses((status = 204, description = "All sessions ended"), (status = 401, body = Problem)))]
pub async fn revoke_all_sessions(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
) -> AppResult<StatusCode> {
    account::revoke_all_sessions(&state, actor.for_user(&who), &who).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends one of the caller's sessions.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "account", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses((status = 204, description = "Ended"), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn revoke_session(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    account::revoke_session(&state, actor.for_user(&who), &who, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
