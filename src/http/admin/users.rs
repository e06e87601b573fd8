//! User administration for super admins.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use dayline_api_types::Problem;
use uuid::Uuid;

use crate::auth::policy::require_super_admin;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
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
    crate::domain::users::unlock_user(&mut tx, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
