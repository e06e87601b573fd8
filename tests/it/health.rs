//! Health, liveness and readiness, including the database going away and coming back.

use std::time::Duration;

use sqlx::{Connection, Executor, SqliteConnection};

use crate::support::{Backend, TestApp, eventually, expect_problem, spawn_app};

on_both! {
    async fn health_reports_a_connected_database(backend: Backend) {
        let app = spawn_app(backend).await;
        let response = app.get("/health").await;
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body, serde_json::json!({"status": "ok", "database": "connected"}));
        assert_eq!(app.get("/livez").await.status(), 200);
        assert_eq!(app.get("/readyz").await.status(), 200);
    }

    async fn database_outage_answers_503_and_recovers_without_restart(backend: Backend) {
        // A short wait for a connection, so an outage shows within the test's patience.
        let configure = Box::new(|s: &mut dayline::config::Settings| s.database_acquire_timeout_ms = 1_000);
        let app = crate::support::spawn_app_with(backend, crate::support::Options { configure, ..Default::default() }).await;
        let outage = Outage::start(&app).await;

        // The background probe notices within a few seconds.
        assert!(eventually(|| async { app.get("/health").await.status() == 503 }).await, "health turns 503");
        let response = app.get("/health").await;
        assert_eq!(response.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("5"));
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body, serde_json::json!({"status": "degraded", "database": "unavailable"}));
        assert_eq!(app.get("/readyz").await.status(), 503);
        assert_eq!(app.get("/livez").await.status(), 200, "liveness does not depend on the database");

        // A request that must write answers 503 with Retry-After, never 500.
        let response = app
            .post_json("/api/v1/setup", &serde_json::json!({
                "token": app.setup_token(), "email": "ana@example.com",
                "display_name": "Ana", "password": "correct horse battery staple"
            }))
            .await;
        let retry_after = response.headers().get("retry-after").cloned();
        let problem = expect_problem(response, 503).await;
        assert_eq!(problem["type"], "/problems/unavailable");
        assert!(retry_after.is_some());
        if backend == Backend::Postgres {
            expect_problem(app.get("/api/v1/setup").await, 503).await;
        }

        outage.end(&app).await;
        assert!(eventually(|| async { app.get("/health").await.status() == 200 }).await, "health recovers");
        assert!(
            eventually(|| async { app.get("/api/v1/setup").await.status() == 200 }).await,
            "reads work again"
        );
        app.complete_setup().await;
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1, "writes work again");
    }
}

/// Makes the database unavailable: PostgreSQL is cut off at the proxy; the SQLite file is
/// locked exclusively by another connection, as another process would.
enum Outage {
    Postgres,
    Sqlite(SqliteConnection),
}

impl Outage {
    async fn start(app: &TestApp) -> Outage {
        match app.backend {
            Backend::Postgres => {
                app.proxy.as_ref().expect("proxy").cut();
                Outage::Postgres
            }
            Backend::Sqlite => {
                let path = app.data_dir.path().join("dayline.db");
                let mut conn = SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.expect("open");
                conn.execute("BEGIN EXCLUSIVE").await.expect("lock the database");
                Outage::Sqlite(conn)
            }
        }
    }

    async fn end(self, app: &TestApp) {
        match self {
            Outage::Postgres => app.proxy.as_ref().expect("proxy").restore(),
            Outage::Sqlite(mut conn) => {
                conn.execute("ROLLBACK").await.expect("unlock");
                conn.close().await.expect("close");
            }
        }
    }
}

#[tokio::test]
async fn postgres_outage_ends_when_proxy_restored() {
    // Guards the rig itself: a cut proxy really refuses connections and a restored one accepts.
    let db = crate::support::TestDatabase::create().await;
    let proxy = crate::support::Proxy::start(db.server_addr()).await;
    let url = db.app_url_via(proxy.addr);
    assert!(sqlx::PgConnection::connect(&url).await.is_ok());
    proxy.cut();
    let refused = tokio::time::timeout(Duration::from_secs(5), sqlx::PgConnection::connect(&url)).await;
    assert!(matches!(refused, Ok(Err(_))), "connection refused while cut");
    proxy.restore();
    assert!(sqlx::PgConnection::connect(&url).await.is_ok());
}
