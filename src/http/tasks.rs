//! Tasks: create (idempotent with `Idempotency-Key`), list, read (with `ETag`), change (with
//! `If-Match`), archive and restore, and the history of every change.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dayline_api_types::{
    CreateRelationRequest, CreateTaskRequest, MoveTaskRequest, Problem, RelationList, RelationResponse, SearchQuery,
    TaskHistory, TaskList, TaskListQuery, TaskResponse, UpdateTaskRequest,
};
use uuid::Uuid;

use crate::domain::tasks;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::state::AppState;

/// The task as JSON with its `ETag`.
fn with_etag(status: StatusCode, task: TaskResponse) -> Response {
    let etag = HeaderValue::from_str(&tasks::etag(&task)).ok();
    let mut response = (status, Json(task)).into_response();
    if let Some(etag) = etag {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// The version an `If-Match` header asks for: `None` without one (or for `*`); a value that
/// is not one of our tags matches no version.
fn expected_version(headers: &HeaderMap) -> Option<i64> {
    let value = headers.get(header::IF_MATCH)?.to_str().unwrap_or("-");
    let first = value.split(',').next().unwrap_or_default().trim();
    if first == "*" {
        return None;
    }
    let tag = first.trim_start_matches("W/").trim_matches('"');
    Some(tag.parse().unwrap_or(-1))
}

/// Creates a task in one of the caller's groups, or a personal one without `group_id`. With
/// `Idempotency-Key`, a retry with the same body within 24 hours gets the first answer again
/// (header `Idempotent-Replayed: true`); the same key with another body is refused (422).
#[utoipa::path(post, path = "/api/v1/tasks", tag = "tasks", security(("bearer" = [])), request_body = CreateTaskRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1–255 visible ASCII characters")),
    responses((status = 201, body = TaskResponse, headers(("ETag" = String, description = "The task's version"))),
        (status = 401, body = Problem), (status = 404, description = "No such group for you", body = Problem),
        (status = 422, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreateTaskRequest>,
) -> AppResult<Response> {
    let key = match headers.get("idempotency-key") {
        Some(value) => Some(value.to_str().map_err(|_| {
            crate::error::AppError::invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters")
        })?),
        None => None,
    };
    let created = tasks::create_task(&state, actor.for_user(&who), &who, request, key).await?;
    let mut response = with_etag(StatusCode::CREATED, created.task);
    if created.replayed {
        response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// The caller's tasks (their groups' and personal ones), or one group's, newest first unless
/// sorted otherwise; archived ones only with `archived=true`.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "tasks", security(("bearer" = [])), params(TaskListQuery),
    responses((status = 200, body = TaskList), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiQuery(query): ApiQuery<TaskListQuery>,
) -> AppResult<Json<TaskList>> {
    Ok(Json(tasks::list_tasks(&state, &actor.for_user(&who), &who, &query).await?))
}

/// One group's tasks: the group's view of `GET /api/v1/tasks`, with the same filters and
/// sorts (`sort=position` for its board); a `group_id` in the query is ignored.
#[utoipa::path(get, path = "/api/v1/groups/{id}/tasks", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), TaskListQuery),
    responses((status = 200, body = TaskList), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn group_tasks(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiQuery(query): ApiQuery<TaskListQuery>,
) -> AppResult<Json<TaskList>> {
    let query = TaskListQuery { group_id: Some(id), ..query };
    Ok(Json(tasks::list_tasks(&state, &actor.for_user(&who), &who, &query).await?))
}

/// One task, with its `ETag`.
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = TaskResponse, headers(("ETag" = String, description = "The task's version"))),
        (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let task = tasks::get_task(&state, &actor.for_user(&who), &who, id).await?;
    Ok(with_etag(StatusCode::OK, task))
}

/// Changes the fields sent (`null` clears). With `If-Match`, a stale version is refused with
/// 412 and the current task in `current`: no change is silently lost.
#[utoipa::path(patch, path = "/api/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the change is based on")),
    request_body = UpdateTaskRequest,
    responses((status = 200, body = TaskResponse), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 412, description = "Changed since read; `current` holds it", body = Problem),
        (status = 422, body = Problem)))]
pub async fn update(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<UpdateTaskRequest>,
) -> AppResult<Response> {
    let task = tasks::update_task(&state, actor.for_user(&who), &who, id, expected_version(&headers), request).await?;
    Ok(with_etag(StatusCode::OK, task))
}

/// Moves a task on the board: into another status column and/or between two of its tasks
/// (`after_id`, `before_id`); only the moved task's position changes. `If-Match` guards.
#[utoipa::path(put, path = "/api/v1/tasks/{id}/position", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id"),
        ("If-Match" = Option<String>, Header, description = "The ETag the move is based on")),
    request_body = MoveTaskRequest,
    responses((status = 200, body = TaskResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 412, body = Problem), (status = 422, description = "A neighbour is not in that column", body = Problem)))]
pub async fn move_to(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<MoveTaskRequest>,
) -> AppResult<Response> {
    let task = tasks::move_task(&state, actor.for_user(&who), &who, id, expected_version(&headers), request).await?;
    Ok(with_etag(StatusCode::OK, task))
}

/// Archives a task (hidden from lists unless asked for).
#[utoipa::path(post, path = "/api/v1/tasks/{id}/archive", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = TaskResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Already archived", body = Problem)))]
pub async fn archive(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    Ok(with_etag(StatusCode::OK, tasks::set_archived(&state, actor.for_user(&who), &who, id, true).await?))
}

/// Brings an archived task back.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/restore", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = TaskResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Not archived", body = Problem)))]
pub async fn restore(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    Ok(with_etag(StatusCode::OK, tasks::set_archived(&state, actor.for_user(&who), &who, id, false).await?))
}

/// Every change of the task: who, which field, from what, to what, when (oldest first).
#[utoipa::path(get, path = "/api/v1/tasks/{id}/history", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = TaskHistory), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn history(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<TaskHistory>> {
    Ok(Json(tasks::task_history(&state, &actor.for_user(&who), &who, id).await?))
}

/// Full-text search over the tasks one can see (titles, descriptions, visible comments);
/// archived tasks are left out. Tasks whose title holds every word come first, then those
/// whose title or description holds each, then those found through comments; newest first
/// within each.
#[utoipa::path(get, path = "/api/v1/search", tag = "tasks", security(("bearer" = [])), params(SearchQuery),
    responses((status = 200, body = TaskList), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn search(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> AppResult<Json<TaskList>> {
    Ok(Json(tasks::search_tasks(&state, &who, &query.q, query.limit).await?))
}

/// The task's subtasks (live tasks whose `parent_id` is it), oldest first; at most 500.
#[utoipa::path(get, path = "/api/v1/tasks/{id}/subtasks", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = TaskList), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn subtasks(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<TaskList>> {
    Ok(Json(tasks::list_subtasks(&state, &actor.for_user(&who), &who, id).await?))
}

/// The task's relations to other tasks one can see, each read from this task.
#[utoipa::path(get, path = "/api/v1/tasks/{id}/relations", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = RelationList), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn relations(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<RelationList>> {
    Ok(Json(tasks::list_relations(&state, &actor.for_user(&who), &who, id).await?))
}

/// Relates the task to another one can see: `blocks`, `blocked_by`, `relates_to`,
/// `duplicates`, `duplicated_by` (needs the right to edit this task).
#[utoipa::path(post, path = "/api/v1/tasks/{id}/relations", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")), request_body = CreateRelationRequest,
    responses((status = 201, body = RelationResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Already related that way", body = Problem), (status = 422, body = Problem)))]
pub async fn relate(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<CreateRelationRequest>,
) -> AppResult<(StatusCode, Json<RelationResponse>)> {
    let relation = tasks::add_relation(&state, actor.for_user(&who), &who, id, request).await?;
    Ok((StatusCode::CREATED, Json(relation)))
}

/// Removes a relation of the task (needs the right to edit it).
#[utoipa::path(delete, path = "/api/v1/tasks/{id}/relations/{relation_id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id"), ("relation_id" = Uuid, Path, description = "Relation id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn unrelate(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, relation_id)): Path<(Uuid, Uuid)>,
) -> AppResult<StatusCode> {
    tasks::remove_relation(&state, actor.for_user(&who), &who, id, relation_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::IF_MATCH, HeaderValue::from_str(value).expect("header"));
        h
    }

    #[test]
    fn if_match_names_a_version() {
        assert_eq!(expected_version(&HeaderMap::new()), None);
        assert_eq!(expected_version(&headers("\"7\"")), Some(7));
        assert_eq!(expected_version(&headers("W/\"7\"")), Some(7));
        assert_eq!(expected_version(&headers("*")), None);
        assert_eq!(expected_version(&headers("\"abc\"")), Some(-1));
    }
}
