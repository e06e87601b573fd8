//! Super admins read the audit trail with filters and paging.

use serde_json::{Value, json};

use std::sync::Arc;

use dayline_db::TestClock;

use crate::support::{Options, expect_problem, spawn_app_with};

on_both! {
    async fn super_admins_filter_and_page_the_audit_trail(backend: Backend) {
        let clock = Arc::new(TestClock::new(chrono::Utc::now()));
        let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
        app.complete_setup().await;
        for _ in 0..3 {
            let response = app
                .client
                .post(app.url("/api/v1/auth/login"))
                .header("user-agent", "audit-test/1.0")
                .json(&json!({"email": "ana@example.com", "password": "not the password"}))
                .send()
                .await
                .expect("login");
            assert_eq!(response.status(), 401);
        }
        // Past the wait that follows three failures.
        clock.advance(chrono::Duration::seconds(1));
        let (token, _) = app.admin_with_totp().await;
        let get = |query: String| {
            let (client, url, token) = (app.client.clone(), app.url(&format!("/api/v1/admin/audit{query}")), token.clone());
            async move { client.get(url).bearer_auth(token).send().await.expect("request") }
        };

        let failed: Value = get("?action=auth.login_failed".to_owned()).await.json().await.expect("json");
        let items = failed["items"].as_array().expect("items");
        assert_eq!(items.len(), 3);
        assert!(items.iter().all(|e| e["action"] == "auth.login_failed" && e["user_agent"] == "audit-test/1.0"));
        assert!(items.iter().all(|e| e["request_id"].as_str().is_some_and(|r| !r.is_empty()) && e["actor_ip"] == "127.0.0.1"));
        assert_eq!(items[0]["details"]["email"], "ana@example.com");

        let first: Value = get("?action=auth.login_failed&limit=2".to_owned()).await.json().await.expect("json");
        assert_eq!(first["items"].as_array().expect("items").len(), 2);
        let cursor = first["next_cursor"].as_str().expect("cursor");
        let rest: Value = get(format!("?action=auth.login_failed&limit=2&cursor={cursor}")).await.json().await.expect("json");
        assert_eq!(rest["items"].as_array().expect("items").len(), 1);
        assert!(rest["next_cursor"].is_null());

        let user_id = items[0]["target_id"].as_str().expect("target").to_owned();
        let by_target: Value = get(format!("?target_type=user&target_id={user_id}")).await.json().await.expect("json");
        assert!(by_target["items"].as_array().expect("items").len() >= 5, "created, 3 failures, login");
        let future: Value = get("?since=2999-01-01T00:00:00Z".to_owned()).await.json().await.expect("json");
        assert!(future["items"].as_array().expect("items").is_empty());
        expect_problem(get("?limit=0".to_owned()).await, 422).await;

        // Export: every entry as one JSON line, audited, and only with a recent step-up.
        let export = get("/export?action=auth.login_failed".to_owned()).await;
        assert_eq!(export.status(), 200);
        assert_eq!(export.headers()["content-type"], "application/x-ndjson");
        let text = export.text().await.expect("body");
        let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|e| e["action"] == "auth.login_failed"));
        let all = get("/export".to_owned()).await.text().await.expect("body");
        assert_eq!(all.lines().count() as i64, app.count("SELECT COUNT(*) FROM audit_log").await);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'audit.exported'").await, 2);
        clock.advance(chrono::Duration::minutes(5));
        let stale = expect_problem(get("/export".to_owned()).await, 401).await;
        assert_eq!(stale["type"], "/problems/step-up-required");
        expect_problem(app.get("/api/v1/admin/audit").await, 401).await;
    }
}
