//! A user's own account: profile changes without mass assignment, password change, and
//! session management, on both backends.

use serde_json::{Value, json};

use dayline_api_types::GlobalRole;

use crate::support::{TestApp, expect_problem, spawn_app};

const PASSWORD: &str = "correct horse battery staple";

async fn signed_in(app: &TestApp, password: &str) -> Value {
    let response = app.post_json("/api/v1/auth/login", &json!({"email": "bo@example.com", "password": password})).await;
    assert_eq!(response.status(), 200, "login with {password}");
    response.json().await.expect("json")
}

fn bearer(pair: &Value) -> String {
    pair["access_token"].as_str().expect("token").to_owned()
}

on_both! {
    async fn profile_changes_are_limited_to_own_fields(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let token = bearer(&signed_in(&app, PASSWORD).await);
        let patch = |body: Value| {
            let (client, url, token) = (app.client.clone(), app.url("/api/v1/me"), token.clone());
            async move { client.patch(url).bearer_auth(token).json(&body).send().await.expect("patch") }
        };
        let response = patch(json!({"display_name": "  Ana L.  ", "timezone": "Asia/Kathmandu"})).await;
        assert_eq!(response.status(), 200);
        let me: Value = response.json().await.expect("json");
        assert_eq!((me["display_name"].as_str(), me["timezone"].as_str()), (Some("Ana L."), Some("Asia/Kathmandu")));

        for field in ["role", "is_active", "id", "email"] {
            let mut body = json!({"display_name": "X"});
            body[field] = json!("super_admin");
            let problem = expect_problem(patch(body).await, 422).await;
            assert_eq!(problem["errors"][0]["field"], field, "mass assignment of {field} is refused");
        }
        let problem = expect_problem(patch(json!({"timezone": "Mars/Olympus", "display_name": ""})).await, 422).await;
        let fields: Vec<&str> = problem["errors"].as_array().expect("errors").iter().map(|e| e["field"].as_str().expect("f")).collect();
        assert_eq!(fields, ["display_name", "timezone"]);
        let me: Value = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.expect("me").json().await.expect("json");
        assert_eq!((me["display_name"].as_str(), me["role"].as_str()), (Some("Ana L."), Some("user")), "nothing else changed");
    }

    async fn changing_the_password_ends_the_other_sessions(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let laptop = bearer(&signed_in(&app, PASSWORD).await);
        let phone = bearer(&signed_in(&app, PASSWORD).await);
        let change = |current: &str, new: &str| {
            let (client, url, token) = (app.client.clone(), app.url("/api/v1/me/password"), laptop.clone());
            let body = json!({"current_password": current, "new_password": new});
            async move { client.post(url).bearer_auth(token).json(&body).send().await.expect("change") }
        };
        let problem = expect_problem(change("wrong password!", "a brand new passphrase").await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "current_password");
        let problem = expect_problem(change(PASSWORD, "short").await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "new_password");

        assert_eq!(change(PASSWORD, "a brand new passphrase").await.status(), 204);
        let me = |token: String| {
            let (client, url) = (app.client.clone(), app.url("/api/v1/me"));
            async move { client.get(url).bearer_auth(token).send().await.expect("me").status().as_u16() }
        };
        assert_eq!(me(laptop.clone()).await, 200, "this session stays");
        assert_eq!(me(phone).await, 401, "the others end at once");
        expect_problem(app.post_json("/api/v1/auth/login", &json!({"email": "bo@example.com", "password": PASSWORD})).await, 401).await;
        signed_in(&app, "a brand new passphrase").await;
    }

    async fn users_list_and_end_their_own_sessions_only(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let first = bearer(&signed_in(&app, PASSWORD).await);
        let second = bearer(&signed_in(&app, PASSWORD).await);
        let sessions: Vec<Value> =
            app.client.get(app.url("/api/v1/me/sessions")).bearer_auth(&first).send().await.expect("list").json().await.expect("json");
        assert_eq!(sessions.len(), 2);
        assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
        let other = sessions.iter().find(|s| s["current"] == false).expect("other")["id"].as_str().expect("id").to_owned();

        let ended = app.client.delete(app.url(&format!("/api/v1/me/sessions/{other}"))).bearer_auth(&first).send().await.expect("delete");
        assert_eq!(ended.status(), 204);
        assert_eq!(app.client.get(app.url("/api/v1/me")).bearer_auth(&second).send().await.expect("me").status(), 401);
        let unknown = app.client.delete(app.url(&format!("/api/v1/me/sessions/{}", uuid::Uuid::now_v7()))).bearer_auth(&first).send().await.expect("delete");
        expect_problem(unknown, 404).await;

        let everywhere = app.client.delete(app.url("/api/v1/me/sessions")).bearer_auth(&first).send().await.expect("delete all");
        assert_eq!(everywhere.status(), 204);
        assert_eq!(app.client.get(app.url("/api/v1/me")).bearer_auth(&first).send().await.expect("me").status(), 401);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('session.revoked', 'session.revoked_all')").await, 2);
    }
}

on_both! {
    async fn registration_follows_the_instance_policy(backend: Backend) {
        let body = json!({"email": "new@example.com", "display_name": "New Person", "password": PASSWORD});
        let invite_only = spawn_app(backend).await;
        let problem = expect_problem(invite_only.post_json("/api/v1/auth/register", &body).await, 403).await;
        assert!(problem["detail"].as_str().expect("detail").contains("invitation"));
        assert_eq!(invite_only.count("SELECT COUNT(*) FROM users").await, 0);

        let options = crate::support::Options {
            configure: Box::new(|s| s.registration = dayline::config::Registration::Open),
            ..Default::default()
        };
        let open = crate::support::spawn_app_with(backend, options).await;
        let response = open.post_json("/api/v1/auth/register", &body).await;
        assert_eq!(response.status(), 201);
        let user: Value = response.json().await.expect("json");
        assert_eq!(user["role"], "user", "never an administrator");
        let mut sneaky = body.clone();
        sneaky["email"] = json!("other@example.com");
        sneaky["role"] = json!("super_admin");
        let problem = expect_problem(open.post_json("/api/v1/auth/register", &sneaky).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "role");
        let problem = expect_problem(open.post_json("/api/v1/auth/register", &body).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "email", "already registered");
        let login = open.post_json("/api/v1/auth/login", &json!({"email": "new@example.com", "password": PASSWORD})).await;
        assert_eq!(login.status(), 200);
    }
}
