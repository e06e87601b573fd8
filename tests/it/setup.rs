//! First-run setup over HTTP.

use serde_json::json;

use crate::support::{expect_problem, spawn_app};

fn request(token: &str) -> serde_json::Value {
    json!({ "token": token, "email": "Ana@Example.com", "display_name": " Ana Lima ", "password": "correct horse battery staple" })
}

on_both! {
    async fn setup_creates_the_first_super_admin_once(backend: Backend) {
        let app = spawn_app(backend).await;
        let status: serde_json::Value = app.get("/api/v1/setup").await.json().await.expect("json");
        assert_eq!(status, json!({"setup_required": true}));
        let token = app.setup_token();

        let response = app.post_json("/api/v1/setup", &request(&token)).await;
        assert_eq!(response.status(), 201);
        let request_id = response.headers()["x-request-id"].to_str().expect("ascii").to_owned();
        let user: serde_json::Value = response.json().await.expect("json");
        assert_eq!(user["email"], "Ana@Example.com");
        assert_eq!(user["display_name"], "Ana Lima", "trimmed");
        assert_eq!(user["role"], "super_admin");
        assert!(user.get("password_hash").is_none(), "the hash never leaves the server");

        let status: serde_json::Value = app.get("/api/v1/setup").await.json().await.expect("json");
        assert_eq!(status, json!({"setup_required": false}));
        // The token is dead: a second attempt, even with it, is refused.
        let problem = expect_problem(app.post_json("/api/v1/setup", &request(&token)).await, 409).await;
        assert_eq!(problem["type"], "/problems/conflict");

        let (hash,): (String,) = dayline_db::sql("SELECT password_hash FROM users").fetch_one(app.state.db.read_as_system()).await.expect("row");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");

        // The change, its audit rows (with the request id) and its event committed together.
        let audited: Vec<(String, Option<String>)> =
            dayline_db::sql("SELECT action, request_id FROM audit_log WHERE request_id IS NOT NULL ORDER BY action").fetch_all(app.state.db.read_as_system()).await.expect("rows");
        assert_eq!(audited, vec![
            ("setup.completed".to_owned(), Some(request_id.clone())),
            ("user.created".to_owned(), Some(request_id)),
        ]);
        assert_eq!(app.count("SELECT COUNT(*) FROM events WHERE kind = 'user.created'").await, 1);
    }

    async fn setup_refuses_a_wrong_token_without_creating_anyone(backend: Backend) {
        let app = spawn_app(backend).await;
        let problem = expect_problem(app.post_json("/api/v1/setup", &request("not-the-token")).await, 403).await;
        assert_eq!(problem["type"], "/problems/forbidden");
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
        assert!(app.state.setup.token().is_some(), "the real token still works");
    }

    async fn setup_names_every_invalid_field(backend: Backend) {
        let app = spawn_app(backend).await;
        let body = json!({ "token": app.setup_token(), "email": "not-an-address", "display_name": "   ", "password": "short" });
        let problem = expect_problem(app.post_json("/api/v1/setup", &body).await, 422).await;
        let fields: Vec<&str> = problem["errors"].as_array().expect("errors").iter().map(|e| e["field"].as_str().expect("field")).collect();
        assert_eq!(fields, ["email", "display_name", "password"]);

        for weak in ["password1", "qwertyuiop", "ana@example.com"] {
            let body = json!({ "token": app.setup_token(), "email": "ana@example.com", "display_name": "Ana", "password": weak });
            let problem = expect_problem(app.post_json("/api/v1/setup", &body).await, 422).await;
            assert_eq!(problem["errors"][0]["field"], "password", "{weak}");
            assert!(problem["errors"][0]["message"].as_str().expect("message").contains("too easy to guess"), "{problem}");
        }
        let long = json!({ "token": app.setup_token(), "email": "a@example.com", "display_name": "A", "password": "x".repeat(129) });
        let problem = expect_problem(app.post_json("/api/v1/setup", &long).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "password");
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    }

    async fn setup_refuses_fields_it_does_not_know(backend: Backend) {
        let app = spawn_app(backend).await;
        let mut body = request(&app.setup_token());
        body["role"] = json!("user");
        let problem = expect_problem(app.post_json("/api/v1/setup", &body).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "role");
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    }

    async fn concurrent_setups_create_exactly_one_admin(backend: Backend) {
        let app = spawn_app(backend).await;
        let token = app.setup_token();
        let attempts = (0..4).map(|i| {
            let body = json!({ "token": token, "email": format!("admin{i}@example.com"), "display_name": "Admin", "password": "correct horse battery staple" });
            let (client, url) = (app.client.clone(), app.url("/api/v1/setup"));
            async move { client.post(url).json(&body).send().await.expect("request").status().as_u16() }
        });
        let mut statuses = futures_util::future::join_all(attempts).await;
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 409, 409, 409]);
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_logged_setup_url_opens_a_setup_page() {
    let app = spawn_app(crate::support::Backend::Sqlite).await;
    let page = app.get(&format!("/setup?token={}", app.setup_token())).await;
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"].to_str().expect("ascii").starts_with("text/html"));
    let html = page.text().await.expect("text");
    assert!(html.contains("<form id=\"setup\"") && html.contains("/static/setup.js"));
    assert!(!html.contains("<script>") && !html.contains("style="), "nothing inline (the CSP forbids it)");
    let script = app.get("/static/setup.js").await.text().await.expect("text");
    assert!(script.contains("/api/v1/setup"));
    assert_eq!(app.get("/static/nothing.js").await.status(), 404);
}
