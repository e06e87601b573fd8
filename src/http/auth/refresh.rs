use axum::Json;
use axum::extract::State;
use dayline_api_types::{Problem, RefreshRequest, TokenPair};

use crate::error::AppResult;
use crate::http::context::RequestContext;
use crate::http::json::ApiJson;
use crate::state::AppState;

/// Trades a refresh token for a new pair; the old refresh token is used up.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenPair),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = Problem),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> AppResult<Json<TokenPair>> {
    Ok(Json(crate::domain::sessions::refresh(&state, actor, &request.refresh_token).await?))
}
