//! Dayline: a self-hosted work tracker for teams.
//!
//! `build_app` assembles the HTTP application; `launch` serves it on a bound listener until
//! the shutdown future resolves. The binary, the tests and the benchmarks all start Dayline
//! through these two functions.

pub mod auth;
pub mod background;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod files;
pub mod health;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod router;
pub mod start;
pub mod state;
pub mod telemetry;
pub mod web;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

pub use state::AppState;

/// The complete HTTP application: routes plus every cross-cutting layer.
pub fn build_app(state: AppState) -> Router {
    let settings = &state.settings;
    let mut app = router::routes(state.clone())
        .layer(DefaultBodyLimit::max(settings.body_limit_bytes))
        .layer(axum::middleware::from_fn_with_state(settings.request_timeout(), http::layers::timeout))
        .layer(CatchPanicLayer::custom(http::layers::panic_response));
    if let Some(cors) = http::layers::cors(settings) {
        app = app.layer(cors);
    }
    let always: http::observe::ResponseHeaders = std::sync::Arc::new(http::layers::security_headers(settings));
    let proxies = http::client_ip::TrustedProxies::new(settings.trusted_proxy_networks());
    // Outermost first: observe, client address, rate limit, compression, CORS, the rest.
    app.layer(CompressionLayer::new().compress_when(http::layers::compressible()))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::rate_limit::limit))
        .layer(axum::middleware::from_fn_with_state(proxies, http::client_ip::resolve))
        .layer(axum::middleware::from_fn_with_state(always, http::observe::observe))
}

/// Serves Dayline on `listener` until `shutdown` resolves, then stops accepting
/// connections and lets in-flight requests finish (for at most `shutdown_grace_secs`).
/// The database stays open: background jobs of the same process may still be finishing.
pub async fn launch(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    http::metrics::init();
    let app = build_app(state.clone());
    let (stop_tx, stop_rx) = watch::channel(false);
    let monitor = tokio::spawn(state.health.clone().run(stop_rx.clone()));
    let janitor = tokio::spawn(http::rate_limit::forget_idle_clients(state.clone(), stop_rx.clone()));

    let draining = state.clone();
    let signal = async move {
        shutdown.await;
        draining.begin_shutdown();
        tracing::info!("shutting down: no new connections, finishing requests in flight");
        let _ = stop_tx.send(true);
    };
    let server =
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(signal);

    let grace = Duration::from_secs(state.settings.shutdown_grace_secs);
    let mut stopped = stop_rx;
    let deadline = async move {
        let _ = stopped.wait_for(|stop| *stop).await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        result = server => result?,
        () = deadline => tracing::warn!("shutdown grace period over; dropping unfinished requests"),
    }
    monitor.abort();
    janitor.abort();
    Ok(())
}

/// Closes the pools once nothing uses them any more. Connections of requests dropped at the
/// shutdown deadline may still be out; do not wait on them for long.
pub async fn close_database(db: &dayline_db::Db) {
    if tokio::time::timeout(Duration::from_secs(5), db.close()).await.is_err() {
        tracing::warn!("database connections still busy at exit");
    }
}
