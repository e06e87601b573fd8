use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use dayline_api_types::Problem;

use super::current_user::CurrentUser;
use crate::error::AppResult;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::state::AppState;

/// Ends the current session: its access and refresh tokens stop working at once, and the
/// session cookies are cleared.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204, description = "Signed out"), (status = 401, body = Problem)))]
pub async fn logout(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
) -> AppResult<Response> {
    crate::domain::sessions::logout(&state, actor.for_user(&who), &who).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    for cookie in super::cookies::clearing_cookies() {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}
