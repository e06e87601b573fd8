//! User administration for super admins.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use dayline_api_types::{AdminUpdateUserRequest, GroupList, Problem, UserList, UserListQuery, UserResponse};
use uuid::Uuid;

use crate::auth::policy::require_super_admin;
use crate::domain::mfa::require_step_up;
use crate::domain::users::UserRow;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::http::paging::Page;
use crate::state::AppState;

/// Lifts a sign-in lock set after repeated failed attempts.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/unlock", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses((status = 204, description = "Unlocked"), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn unlock_user(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    require_super_admin(&who)?;
    let mut tx = state.db.begin(actor.for_user(&who)).await?;
    let email = crate::domain::users::unlock_user(&mut tx, id).await?;
    tx.commit().await?;
    state.login_throttle.forget(&email);
    Ok(StatusCode::NO_CONTENT)
}

/// Every account, in creation order; `q` filters by e-mail or name.
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", security(("bearer" = [])), params(UserListQuery),
    responses((status = 200, body = UserList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn list_users(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    Query(query): Query<UserListQuery>,
) -> AppResult<Json<UserList>> {
    require_super_admin(&who)?;
    let page = Page::parse(query.limit, query.cursor.as_deref())?;
    let mut rows = crate::domain::users::list_users(&state, &who, query.q.as_deref(), page.after, page.fetch()).await?;
    let next_cursor = page.finish(&mut rows, |r| r.id);
    Ok(Json(UserList { items: rows.iter().map(UserRow::to_response).collect(), next_cursor }))
}

/// Changes an account's global role or deactivates/reactivates it. Deactivation ends every
/// session of the account at once. The last active super admin cannot be demoted or
/// deactivated (409). Needs a recent step-up (401 `step-up-required` otherwise).
#[utoipa::path(patch, path = "/api/v1/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")), request_body = AdminUpdateUserRequest,
    responses(
        (status = 200, body = UserResponse), (status = 401, description = "Step-up required", body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Would leave no active super admin", body = Problem), (status = 422, body = Problem),
    ))]
pub async fn update_user(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<AdminUpdateUserRequest>,
) -> AppResult<Json<UserResponse>> {
    require_super_admin(&who)?;
    require_step_up(&who, state.clock.now())?;
    let user = crate::domain::users::update_user(&state, actor.for_user(&who), id, request).await?;
    Ok(Json(user.to_response()))
}

/// Removes a user's second factors (authenticator, backup codes) and ends their sessions;
/// the user is mailed. Needs a recent step-up.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/mfa/reset", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses((status = 204, description = "Reset"), (status = 401, description = "Step-up required", body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reset_mfa(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    require_super_admin(&who)?;
    require_step_up(&who, state.clock.now())?;
    crate::domain::mfa::reset_second_factors(&state, actor.for_user(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The groups a user belongs to, with their role in each.
#[utoipa::path(get, path = "/api/v1/admin/users/{id}/groups", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses((status = 200, body = GroupList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn user_groups(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<GroupList>> {
    require_super_admin(&who)?;
    let exists: Option<(Uuid,)> = dayline_db::sql("SELECT id FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(state.db.read_as(who.row_access()))
        .await?;
    if exists.is_none() {
        return Err(crate::error::AppError::NotFound);
    }
    Ok(Json(GroupList { items: crate::domain::groups::groups_of_user(&state, &who, id).await? }))
}
