//! Tags: autocomplete, rename or recolour, merge.

use axum::Json;
use axum::extract::{Path, State};
use dayline_api_types::{MergeTagRequest, Problem, TagList, TagQuery, TagResponse, UpdateTagRequest};
use uuid::Uuid;

use crate::domain::tasks;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::state::AppState;

/// Tags for autocomplete: a group's (or the caller's personal ones) starting with `q`, most
/// used first.
#[utoipa::path(get, path = "/api/v1/tags", tag = "tasks", security(("bearer" = [])), params(TagQuery),
    responses((status = 200, body = TagList), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiQuery(query): ApiQuery<TagQuery>,
) -> AppResult<Json<TagList>> {
    let tags = tasks::suggest_tags(&state, &actor.for_user(&who), &who, query.group_id, query.q.as_deref()).await?;
    Ok(Json(tags))
}

/// Renames or recolours a tag (group admins; the owner of a personal tag); every task with
/// it shows the new name.
#[utoipa::path(patch, path = "/api/v1/tags/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Tag id")), request_body = UpdateTagRequest,
    responses((status = 200, body = TagResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Another tag has the name: merge instead", body = Problem), (status = 422, body = Problem)))]
pub async fn update(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<UpdateTagRequest>,
) -> AppResult<Json<TagResponse>> {
    Ok(Json(tasks::update_tag(&state, actor.for_user(&who), &who, id, request).await?))
}

/// Merges a tag into another of the same group: its tasks get `into`, and it is deleted.
#[utoipa::path(post, path = "/api/v1/tags/{id}/merge", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Tag id")), request_body = MergeTagRequest,
    responses((status = 200, body = TagResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn merge(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<MergeTagRequest>,
) -> AppResult<Json<TagResponse>> {
    Ok(Json(tasks::merge_tag(&state, actor.for_user(&who), &who, id, request).await?))
}
