use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use dayline_api_types::{Problem, SetupRequest, UserResponse};

use crate::error::AppResult;
use crate::http::context::RequestContext;
use crate::http::json::ApiJson;
use crate::state::AppState;

/// Creates the first super admin with the one-time token from the server log.
#[utoipa::path(post, path = "/api/v1/setup", tag = "setup", request_body = SetupRequest,
    responses(
        (status = 201, description = "The first super admin was created", body = UserResponse),
        (status = 403, description = "Wrong setup token", body = Problem),
        (status = 409, description = "Already set up", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
    ))]
pub async fn complete_setup(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<SetupRequest>,
) -> AppResult<(StatusCode, Json<UserResponse>)> {
    let user = crate::domain::setup::complete(&state, actor, request).await?;
    Ok((StatusCode::CREATED, Json(user.to_response())))
}
