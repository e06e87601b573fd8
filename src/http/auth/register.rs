use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use dayline_api_types::{Problem, RegisterRequest, UserResponse};

use crate::error::AppResult;
use crate::http::context::RequestContext;
use crate::http::json::ApiJson;
use crate::http::rate_limit::CredentialAttempt;
use crate::state::AppState;

/// Creates an account when the instance allows self-registration (`registration = "open"`).
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created; sign in next", body = UserResponse),
        (status = 403, description = "Registration is by invitation or closed", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
        (status = 429, description = "Too many attempts from this address", body = Problem),
    ))]
pub async fn register(
    _attempt: CredentialAttempt,
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> AppResult<(StatusCode, Json<UserResponse>)> {
    let user = crate::domain::users::register(&state, actor, request).await?;
    Ok((StatusCode::CREATED, Json(user.to_response())))
}
