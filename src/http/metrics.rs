//! Prometheus metrics: request count and latency by method, route template and status,
//! database pool gauges and build info, rendered at `GET /metrics`.

use std::sync::OnceLock;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::state::AppState;

const LATENCY_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// The process-wide recorder; installed once, shared by every server in the process.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full("http_request_duration_seconds".to_owned()), LATENCY_BUCKETS)
            .map(PrometheusBuilder::build_recorder)
            .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
        let handle = recorder.handle();
        // Fails only if another recorder is installed, in which case ours stays unused.
        let _ = metrics::set_global_recorder(recorder);
        describe();
        handle
    })
}

fn describe() {
    metrics::describe_counter!("http_requests_total", "HTTP requests answered, by method, route template and status.");
    metrics::describe_histogram!(
        "http_request_duration_seconds",
        metrics::Unit::Seconds,
        "Time from receiving a request to sending its response head."
    );
    metrics::describe_gauge!("db_pool_connections", "Open database connections in the pool, by state.");
    metrics::describe_gauge!("db_pool_max_connections", "Most database connections the pool may open.");
    metrics::describe_gauge!("dayline_build_info", "Always 1; labels carry the version and the database backend.");
    metrics::describe_gauge!("dayline_database_up", "1 when the last database probe succeeded, else 0.");
    metrics::describe_counter!(
        "db_commits_total",
        "SQLite only: transactions the writer committed (changes queued together share one)."
    );
    metrics::describe_counter!("db_changes_committed_total", "SQLite only: changes those transactions carried.");
    metrics::describe_counter!(
        "dayline_task_list_pages_total",
        "Pages of a group's task list that could be kept, by source: kept in memory and still current, or read."
    );
}

/// Installs the recorder early so the first requests are counted.
pub fn init() {
    handle();
}

pub fn record_request(method: &str, route: &str, status: u16, latency: Duration) {
    // Any token is a valid HTTP method; only known ones become labels, so series stay bounded.
    let method = match method {
        "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
        _ => "other",
    };
    let labels = [("method", method.to_owned()), ("route", route.to_owned()), ("status", status.to_string())];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels).record(latency.as_secs_f64());
}

/// `GET /metrics` in the Prometheus text format. Protected by a bearer token when
/// `metrics_token` is configured.
pub async fn render(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    if let Some(expected) = &state.settings.metrics_token {
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        if !bool::from(presented.as_bytes().ct_eq(expected.expose_secret().as_bytes())) {
            return Err(AppError::Unauthorized("Send the metrics token as a Bearer token.".to_owned()));
        }
    }
    let pool = state.db.pool_stats();
    metrics::gauge!("db_pool_connections", "state" => "idle").set(f64::from(pool.idle));
    metrics::gauge!("db_pool_connections", "state" => "in_use").set(f64::from(pool.size.saturating_sub(pool.idle)));
    metrics::gauge!("db_pool_max_connections").set(f64::from(pool.max));
    metrics::gauge!("dayline_database_up").set(if state.health.database_ok() { 1.0 } else { 0.0 });
    if let Some(commits) = state.db.commit_stats() {
        metrics::counter!("db_commits_total").absolute(commits.commits);
        metrics::counter!("db_changes_committed_total").absolute(commits.changes);
    }
    metrics::gauge!("dayline_build_info", "version" => env!("CARGO_PKG_VERSION"), "backend" => state.db.backend_name())
        .set(1.0);
    let body = handle().render();
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"))], body)
        .into_response())
}
