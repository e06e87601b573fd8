use axum::Json;
use axum::extract::State;
use dayline_api_types::{LoginRequest, Problem, TokenPair};

use crate::error::AppResult;
use crate::http::context::RequestContext;
use crate::http::json::ApiJson;
use crate::state::AppState;

/// Signs in with e-mail and password and returns a new token pair (a new session).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenPair),
        (status = 401, description = "Invalid credentials (whatever was wrong)", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
    ))]
pub async fn login(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<LoginRequest>,
) -> AppResult<Json<TokenPair>> {
    Ok(Json(crate::domain::sessions::login(&state, actor, request).await?))
}
