//! Liveness, readiness and health.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dayline_api_types::{HealthStatus, Liveness};

use crate::state::AppState;

/// Database health as seen by the last background probe (at most a second old).
#[utoipa::path(get, path = "/health", tag = "operations",
    responses(
        (status = 200, description = "Dayline and its database are working", body = HealthStatus),
        (status = 503, description = "The database is unreachable", body = HealthStatus),
    ))]
pub async fn health(State(state): State<AppState>) -> Response {
    if state.health.database_ok() {
        Json(HealthStatus { status: "ok".to_owned(), database: "connected".to_owned() }).into_response()
    } else {
        let body = HealthStatus { status: "degraded".to_owned(), database: "unavailable".to_owned() };
        (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, HeaderValue::from_static("5"))], Json(body))
            .into_response()
    }
}

/// The process is up and serving HTTP; never touches the database.
#[utoipa::path(get, path = "/livez", tag = "operations", responses((status = 200, body = Liveness)))]
pub async fn livez() -> Json<Liveness> {
    Json(Liveness { status: "ok".to_owned() })
}

/// Ready for traffic: the database answers and the server is not shutting down.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, body = Liveness), (status = 503, body = Liveness)))]
pub async fn readyz(State(state): State<AppState>) -> Response {
    if state.health.database_ok() && !state.is_shutting_down() {
        Json(Liveness { status: "ok".to_owned() }).into_response()
    } else {
        let status = if state.is_shutting_down() { "shutting_down" } else { "database_unavailable" };
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, HeaderValue::from_static("5"))],
            Json(Liveness { status: status.to_owned() }),
        )
            .into_response()
    }
}
