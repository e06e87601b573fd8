//! The signed-in user's own account.

use axum::Json;
use axum::extract::State;
use dayline_api_types::{Problem, UserResponse};

use super::auth::current_user::CurrentUser;
use crate::domain::users::UserRow;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The caller's account.
#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = UserResponse), (status = 401, body = Problem)))]
pub async fn get_me(State(state): State<AppState>, CurrentUser(who): CurrentUser) -> AppResult<Json<UserResponse>> {
    let user: UserRow = dayline_db::sql(
        "SELECT id, email, display_name, role, is_active, timezone, created_at FROM users WHERE id = $1",
    )
    .bind(who.user_id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Json(user.to_response()))
}
