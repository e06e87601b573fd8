//! Comments on a task, their moderation, and the caller's notifications.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use dayline_api_types::{CommentList, CommentRequest, CommentResponse, NotificationList, Problem};
use uuid::Uuid;

use crate::domain::{notifications, tasks};
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::state::AppState;

/// The task's comments, oldest first. Hidden ones keep their text only for their author and
/// the group's admins.
#[utoipa::path(get, path = "/api/v1/tasks/{id}/comments", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = CommentList), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<CommentList>> {
    Ok(Json(tasks::list_comments(&state, &actor.for_user(&who), &who, id).await?))
}

/// Comments on a task one can see; mentioned group members get a notification.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/comments", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")), request_body = CommentRequest,
    responses((status = 201, body = CommentResponse), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<CommentRequest>,
) -> AppResult<(StatusCode, Json<CommentResponse>)> {
    let comment = tasks::add_comment(&state, actor.for_user(&who), &who, id, request).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

/// Changes one's own comment (marked edited).
#[utoipa::path(patch, path = "/api/v1/tasks/{id}/comments/{comment_id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id"), ("comment_id" = Uuid, Path, description = "Comment id")),
    request_body = CommentRequest,
    responses((status = 200, body = CommentResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn update(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, comment_id)): Path<(Uuid, Uuid)>,
    ApiJson(request): ApiJson<CommentRequest>,
) -> AppResult<Json<CommentResponse>> {
    Ok(Json(tasks::edit_comment(&state, actor.for_user(&who), &who, id, comment_id, request).await?))
}

/// Deletes one's own comment.
#[utoipa::path(delete, path = "/api/v1/tasks/{id}/comments/{comment_id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id"), ("comment_id" = Uuid, Path, description = "Comment id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, comment_id)): Path<(Uuid, Uuid)>,
) -> AppResult<StatusCode> {
    tasks::delete_comment(&state, actor.for_user(&who), &who, id, comment_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Hides a comment (group admins; audited).
#[utoipa::path(post, path = "/api/v1/tasks/{id}/comments/{comment_id}/hide", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id"), ("comment_id" = Uuid, Path, description = "Comment id")),
    responses((status = 200, body = CommentResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
pub async fn hide(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, comment_id)): Path<(Uuid, Uuid)>,
) -> AppResult<Json<CommentResponse>> {
    Ok(Json(tasks::set_comment_hidden(&state, actor.for_user(&who), &who, id, comment_id, true).await?))
}

/// Shows a hidden comment again (group admins; audited).
#[utoipa::path(post, path = "/api/v1/tasks/{id}/comments/{comment_id}/unhide", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id"), ("comment_id" = Uuid, Path, description = "Comment id")),
    responses((status = 200, body = CommentResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
pub async fn unhide(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, comment_id)): Path<(Uuid, Uuid)>,
) -> AppResult<Json<CommentResponse>> {
    Ok(Json(tasks::set_comment_hidden(&state, actor.for_user(&who), &who, id, comment_id, false).await?))
}

/// The caller's latest notifications (mentions), newest first.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = NotificationList), (status = 401, body = Problem)))]
pub async fn my_notifications(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
) -> AppResult<Json<NotificationList>> {
    Ok(Json(notifications::list_notifications(&state, &who).await?))
}
