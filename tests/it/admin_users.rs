//! Super admins listing accounts, changing global roles and deactivating, on both backends.

use serde_json::{Value, json};

use crate::support::{Options, TestApp, expect_problem, spawn_app_with};

const BO_PASSWORD: &str = "another fine passphrase 7";

async fn patch_user(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    app.client
        .patch(app.url(&format!("/api/v1/admin/users/{id}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("patch")
}

async fn list(app: &TestApp, token: &str, query: &str) -> reqwest::Response {
    app.client.get(app.url(&format!("/api/v1/admin/users{query}"))).bearer_auth(token).send().await.expect("list")
}

on_both! {
    async fn a_super_admin_changes_roles_and_deactivation_ends_sessions_at_once(backend: Backend) {
        let configure = Box::new(|s: &mut dayline::config::Settings| s.registration = dayline::config::Registration::Open);
        let app = spawn_app_with(backend, Options { configure, ..Options::default() }).await;
        let ana = app.complete_setup().await;
        let ana_id = ana["id"].as_str().expect("id").to_owned();
        let (admin, _) = app.admin_with_totp().await;
        let registered = app.post_json("/api/v1/auth/register", &json!({ "email": "bo@example.com", "display_name": "Bo", "password": BO_PASSWORD })).await;
        assert_eq!(registered.status(), 201);
        let bo_id = registered.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned();
        let bo = app.access_token("bo@example.com", BO_PASSWORD).await;

        // Only super admins see the list.
        expect_problem(list(&app, &bo, "").await, 403).await;
        let found: Value = list(&app, &admin, "?q=BO").await.json().await.expect("json");
        assert_eq!(found["items"].as_array().expect("items").len(), 1);
        assert_eq!(found["items"][0]["email"], "bo@example.com");
        let paged: Value = list(&app, &admin, "?limit=1").await.json().await.expect("json");
        assert_eq!(paged["items"][0]["id"], ana_id.as_str());
        let cursor = paged["next_cursor"].as_str().expect("a second page");
        let second: Value = list(&app, &admin, &format!("?limit=1&cursor={cursor}")).await.json().await.expect("json");
        assert_eq!(second["items"][0]["id"], bo_id.as_str());
        assert!(second["next_cursor"].is_null());

        // Bo's token has just been checked (and remembered); deactivation still ends it at once.
        let me = |token: String| {
            let (client, url) = (app.client.clone(), app.url("/api/v1/me"));
            async move { client.get(url).bearer_auth(token).send().await.expect("me").status() }
        };
        assert_eq!(me(bo.clone()).await, 200);
        let deactivated = patch_user(&app, &admin, &bo_id, json!({ "is_active": false })).await;
        assert_eq!(deactivated.status(), 200);
        assert_eq!(deactivated.json::<Value>().await.expect("json")["is_active"], false);
        assert_eq!(me(bo.clone()).await, 401);
        expect_problem(app.login("bo@example.com", BO_PASSWORD).await, 401).await;

        let promoted = patch_user(&app, &admin, &bo_id, json!({ "is_active": true, "role": "super_admin" })).await;
        assert_eq!(promoted.json::<Value>().await.expect("json")["role"], "super_admin");
        let bo = app.access_token("bo@example.com", BO_PASSWORD).await;
        // A new super admin must set up a second factor before anything else.
        let problem = expect_problem(list(&app, &bo, "").await, 403).await;
        assert_eq!(problem["type"], "/problems/second-factor-required");
        let (bo_secret, _) = app.enrol_totp(&bo).await;
        let bo = app.sign_in_with_totp("bo@example.com", BO_PASSWORD, &bo_secret, 1).await;
        assert_eq!(list(&app, &bo, "").await.status(), 200);
        for action in ["user.deactivated", "user.reactivated", "user.role_changed"] {
            let (n,): (i64,) = dayline_db::sql("SELECT COUNT(*) FROM audit_log WHERE action = $1")
                .bind(action).fetch_one(app.state.db.read_as_system()).await.expect("count");
            assert_eq!(n, 1, "{action} audited");
        }

        // Ana steps down; Bo, now the only super admin, can neither step down nor leave.
        assert_eq!(patch_user(&app, &admin, &ana_id, json!({ "role": "user" })).await.status(), 200);
        assert_eq!(me(admin.clone()).await, 200, "a demoted admin stays signed in");
        expect_problem(list(&app, &admin, "").await, 403).await;
        expect_problem(patch_user(&app, &bo, &bo_id, json!({ "is_active": false })).await, 409).await;
        expect_problem(patch_user(&app, &bo, &bo_id, json!({ "role": "user" })).await, 409).await;

        // Bad input names the field; unknown users are 404.
        let problem = expect_problem(patch_user(&app, &bo, &ana_id, json!({ "email": "x@example.com" })).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "email");
        let problem = expect_problem(patch_user(&app, &bo, &ana_id, json!({ "role": "owner" })).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "role");
        expect_problem(patch_user(&app, &bo, &uuid::Uuid::nil().to_string(), json!({ "is_active": false })).await, 404).await;

        // A super admin sees which groups a user is in, with the role in each.
        let created = app.send(reqwest::Method::POST, "/api/v1/groups", &bo, Some(json!({ "name": "Ops" }))).await;
        assert_eq!(created.status(), 201);
        let groups: Value = app.send(reqwest::Method::GET, &format!("/api/v1/admin/users/{bo_id}/groups"), &bo, None).await.json().await.expect("json");
        assert_eq!(groups["items"][0]["slug"], "ops");
        assert_eq!(groups["items"][0]["my_role"], "admin");
        let none: Value = app.send(reqwest::Method::GET, &format!("/api/v1/admin/users/{ana_id}/groups"), &bo, None).await.json().await.expect("json");
        assert!(none["items"].as_array().expect("items").is_empty());
        expect_problem(app.send(reqwest::Method::GET, &format!("/api/v1/admin/users/{bo_id}/groups"), &admin, None).await, 403).await;
    }
}
