use axum::Json;
use axum::extract::State;
use dayline_api_types::SetupStatus;

use crate::error::AppResult;
use crate::state::AppState;

/// Whether the instance still needs its first super admin.
#[utoipa::path(get, path = "/api/v1/setup", tag = "setup",
    responses((status = 200, body = SetupStatus), (status = 503, body = dayline_api_types::Problem)))]
pub async fn setup_status(State(state): State<AppState>) -> AppResult<Json<SetupStatus>> {
    let complete = crate::domain::setup::is_complete(&state.db).await?;
    Ok(Json(SetupStatus { setup_required: !complete }))
}
