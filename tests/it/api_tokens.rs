//! Personal API tokens over HTTP on both backends: shown once, stored hashed, scopes
//! enforced per endpoint, last use recorded, and dead after revocation, expiry or the
//! user's deactivation.

use std::sync::Arc;

use chrono::Duration;
use dayline_api_types::GlobalRole;
use dayline_db::TestClock;
use serde_json::{Value, json};

use crate::support::{Options, PASSWORD, TestApp, expect_problem, spawn_app_with};

async fn create(app: &TestApp, session: &str, body: Value) -> reqwest::Response {
    app.send(reqwest::Method::POST, "/api/v1/me/tokens", session, Some(body)).await
}

on_both! {
    async fn token_scopes_are_enforced_on_every_kind_of_endpoint(backend: Backend) {
        let clock = Arc::new(TestClock::new(chrono::Utc::now()));
        let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let session = app.access_token("bo@example.com", PASSWORD).await;

        let created = create(&app, &session, json!({ "name": "reader", "scopes": ["read"] })).await;
        assert_eq!(created.status(), 201);
        let created: Value = created.json().await.expect("json");
        let read = created["token"].as_str().expect("token").to_owned();
        assert!(read.starts_with("dl_pat_"), "a prefix secret scanners recognise");
        let (stored,): (String,) = dayline_db::sql("SELECT token_hash FROM api_tokens").fetch_one(app.state.db.read_as_system()).await.expect("row");
        assert!(!stored.contains(&read[7..]), "stored hashed");

        let write: Value = create(&app, &session, json!({ "name": "writer", "scopes": ["write"] })).await.json().await.expect("json");
        let write = write["token"].as_str().expect("token").to_owned();
        let patch = json!({ "display_name": "Bo B." });
        // read: GET only.
        assert_eq!(app.send(reqwest::Method::GET, "/api/v1/me", &read, None).await.status(), 200);
        let refused = expect_problem(app.send(reqwest::Method::PATCH, "/api/v1/me", &read, Some(patch.clone())).await, 403).await;
        assert!(refused["detail"].as_str().expect("detail").contains("`write`"));
        // write: changes, not reads.
        assert_eq!(app.send(reqwest::Method::PATCH, "/api/v1/me", &write, Some(patch)).await.status(), 200);
        expect_problem(app.send(reqwest::Method::GET, "/api/v1/me", &write, None).await, 403).await;
        // Neither reaches admin endpoints or account security.
        for token in [&read, &write] {
            expect_problem(app.send(reqwest::Method::GET, "/api/v1/admin/audit", token, None).await, 403).await;
            expect_problem(app.send(reqwest::Method::GET, "/api/v1/me/tokens", token, None).await, 403).await;
            expect_problem(app.send(reqwest::Method::GET, "/api/v1/me/sessions", token, None).await, 403).await;
            expect_problem(app.send(reqwest::Method::POST, "/api/v1/auth/step-up", token, Some(json!({ "code": "123456" }))).await, 403).await;
        }
        // Only super admins get the admin scope; bad input names the field.
        let admin_scope = expect_problem(create(&app, &session, json!({ "name": "x", "scopes": ["admin"] })).await, 422).await;
        assert_eq!(admin_scope["errors"][0]["field"], "scopes");
        for (body, field) in [
            (json!({ "name": "", "scopes": ["read"] }), "name"),
            (json!({ "name": "x", "scopes": [] }), "scopes"),
            (json!({ "name": "x", "scopes": ["root"] }), "scopes[0]"),
            (json!({ "name": "x", "scopes": ["read"], "expires_at": "2001-01-01T00:00:00Z" }), "expires_at"),
        ] {
            let problem = expect_problem(create(&app, &session, body).await, 422).await;
            assert_eq!(problem["errors"][0]["field"], field);
        }

        // The list shows last use, never secrets.
        let listed: Value = app.send(reqwest::Method::GET, "/api/v1/me/tokens", &session, None).await.json().await.expect("json");
        let items = listed.as_array().expect("items");
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|t| t.get("token").is_none() && t["last_used_at"].is_string()));

        // Revoked: refused at once.
        let id = created["id"].as_str().expect("id");
        assert_eq!(app.send(reqwest::Method::DELETE, &format!("/api/v1/me/tokens/{id}"), &session, None).await.status(), 204);
        expect_problem(app.send(reqwest::Method::GET, "/api/v1/me", &read, None).await, 401).await;
        expect_problem(app.send(reqwest::Method::DELETE, &format!("/api/v1/me/tokens/{id}"), &session, None).await, 404).await;

        // Expired: refused.
        let expiring: Value = create(&app, &session, json!({
            "name": "short", "scopes": ["read"], "expires_at": (clock_now(&app) + Duration::hours(1)).to_rfc3339()
        })).await.json().await.expect("json");
        let expiring = expiring["token"].as_str().expect("token").to_owned();
        assert_eq!(app.send(reqwest::Method::GET, "/api/v1/me", &expiring, None).await.status(), 200);
        clock.advance(Duration::hours(1));
        expect_problem(app.send(reqwest::Method::GET, "/api/v1/me", &expiring, None).await, 401).await;
    }

    async fn tokens_die_with_their_users_deactivation(backend: Backend) {
        let app = spawn_app_with(backend, Options::default()).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let session = app.access_token("bo@example.com", PASSWORD).await;
        let created: Value = create(&app, &session, json!({ "name": "ci", "scopes": ["read", "write"] })).await.json().await.expect("json");
        let token = created["token"].as_str().expect("token").to_owned();
        assert_eq!(app.send(reqwest::Method::GET, "/api/v1/me", &token, None).await.status(), 200);
        let (admin, _) = app.admin_with_totp().await;
        let (bo_id,): (uuid::Uuid,) = dayline_db::sql("SELECT id FROM users WHERE email = 'bo@example.com'")
            .fetch_one(app.state.db.read_as_system()).await.expect("id");
        let deactivated = app.send(reqwest::Method::PATCH, &format!("/api/v1/admin/users/{bo_id}"), &admin, Some(json!({ "is_active": false }))).await;
        assert_eq!(deactivated.status(), 200);
        expect_problem(app.send(reqwest::Method::GET, "/api/v1/me", &token, None).await, 401).await;
    }
}

fn clock_now(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    app.state.clock.now()
}
