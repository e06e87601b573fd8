//! Tags over HTTP on both backends: created on first use per group, case-insensitively
//! unique, at most 20 per task, filterable, suggested for autocomplete, and renamed,
//! recoloured and merged by group admins only, with every task showing the result.

use dayline_api_types::GlobalRole;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp, expect_problem, spawn_app};

async fn token(app: &TestApp, name: &str) -> String {
    app.create_user(&format!("{name}@example.com"), name, GlobalRole::User).await;
    app.access_token(&format!("{name}@example.com"), PASSWORD).await
}

async fn json_of(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    response.json().await.expect("json")
}

on_both! {
    async fn tags_are_made_on_first_use_and_managed_by_group_admins(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        let (ana, bo, carla) = (token(&app, "ana.admin").await, token(&app, "bo").await, token(&app, "carla").await);
        let group = json_of(app.send(Method::POST, "/api/v1/groups", &ana, Some(json!({ "name": "Ops" }))).await, 201).await;
        let ops = group["id"].as_str().expect("id").to_owned();
        json_of(app.send(Method::POST, &format!("/api/v1/groups/{ops}/members"), &ana, Some(json!({ "email": "bo@example.com" }))).await, 201).await;
        let create = |tags: Value, title: &'static str| {
            let body = json!({ "title": title, "group_id": ops, "tags": tags });
            app.send(Method::POST, "/api/v1/tasks", &bo, Some(body))
        };
        let first = json_of(create(json!(["  Backend ", "urgent fix"]), "One").await, 201).await;
        assert_eq!(first["tags"], json!(["Backend", "urgent fix"]));
        // Case-insensitively the same tag; repeats in one list collapse.
        let second = json_of(create(json!(["backend", "BACKEND", "ui"]), "Two").await, 201).await;
        assert_eq!(second["tags"], json!(["Backend", "ui"]), "the tag keeps its first spelling");
        let too_many: Vec<String> = (0..21).map(|n| format!("t{n}")).collect();
        let problem = expect_problem(create(json!(too_many), "Three").await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "tags");
        expect_problem(create(json!(["a,b"]), "Four").await, 422).await;

        // Autocomplete: prefix, most used first; only for the group's members.
        let suggested = json_of(app.send(Method::GET, &format!("/api/v1/tags?group_id={ops}&q=B"), &bo, None).await, 200).await;
        assert_eq!(suggested["items"][0]["name"], "Backend");
        assert_eq!(suggested["items"][0]["uses"], 2);
        assert_eq!(suggested["items"].as_array().expect("items").len(), 1);
        expect_problem(app.send(Method::GET, &format!("/api/v1/tags?group_id={ops}"), &carla, None).await, 404).await;
        let all = json_of(app.send(Method::GET, &format!("/api/v1/tags?group_id={ops}"), &bo, None).await, 200).await;
        let id_of = |name: &str| all["items"].as_array().expect("items").iter().find(|t| t["name"] == name).expect("tag")["id"].as_str().expect("id").to_owned();
        let (backend_tag, ui_tag, fix_tag) = (id_of("Backend"), id_of("ui"), id_of("urgent fix"));

        // Filter by tag (any of), case-insensitively.
        let titles = |v: &Value| v["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("t").to_owned()).collect::<Vec<_>>();
        let filtered = json_of(app.send(Method::GET, "/api/v1/tasks?tag=UI,nothing", &bo, None).await, 200).await;
        assert_eq!(titles(&filtered), ["Two"]);

        // Renaming and merging: group admins only; tasks show the result.
        expect_problem(app.send(Method::PATCH, &format!("/api/v1/tags/{ui_tag}"), &bo, Some(json!({ "name": "Frontend" }))).await, 403).await;
        expect_problem(app.send(Method::PATCH, &format!("/api/v1/tags/{ui_tag}"), &carla, Some(json!({ "name": "Frontend" }))).await, 404).await;
        let renamed = json_of(app.send(Method::PATCH, &format!("/api/v1/tags/{ui_tag}"), &ana, Some(json!({ "name": "Frontend", "color": "#FF0000" }))).await, 200).await;
        assert_eq!((renamed["name"].as_str(), renamed["color"].as_str()), (Some("Frontend"), Some("#ff0000")));
        let two = json_of(app.send(Method::GET, &format!("/api/v1/tasks/{}", second["id"].as_str().expect("id")), &bo, None).await, 200).await;
        assert_eq!(two["tags"], json!(["Backend", "Frontend"]));
        expect_problem(app.send(Method::PATCH, &format!("/api/v1/tags/{ui_tag}"), &ana, Some(json!({ "name": "backend" }))).await, 409).await;
        expect_problem(app.send(Method::PATCH, &format!("/api/v1/tags/{ui_tag}"), &ana, Some(json!({ "color": "red" }))).await, 422).await;
        let merged = json_of(app.send(Method::POST, &format!("/api/v1/tags/{fix_tag}/merge"), &ana, Some(json!({ "into": backend_tag }))).await, 200).await;
        assert_eq!(merged["uses"], 2, "the task that had both keeps one");
        let one = json_of(app.send(Method::GET, &format!("/api/v1/tasks/{}", first["id"].as_str().expect("id")), &bo, None).await, 200).await;
        assert_eq!(one["tags"], json!(["Backend"]));
        expect_problem(app.send(Method::PATCH, &format!("/api/v1/tags/{fix_tag}"), &ana, Some(json!({ "name": "x" }))).await, 404).await;
        // Replacing a task's tags is recorded in its history.
        let patched = json_of(app.send(Method::PATCH, &format!("/api/v1/tasks/{}", first["id"].as_str().expect("id")), &bo, Some(json!({ "tags": ["Frontend"] }))).await, 200).await;
        assert_eq!(patched["tags"], json!(["Frontend"]));
        let history = json_of(app.send(Method::GET, &format!("/api/v1/tasks/{}/history", first["id"].as_str().expect("id")), &bo, None).await, 200).await;
        assert_eq!(history["items"][0]["field"], "tags");
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('tag.updated', 'tag.merged')").await, 2);
        // Personal tags are their owner's own.
        let personal = json_of(app.send(Method::POST, "/api/v1/tasks", &carla, Some(json!({ "title": "Mine", "tags": ["home"] }))).await, 201).await;
        assert_eq!(personal["tags"], json!(["home"]));
        let carlas = json_of(app.send(Method::GET, "/api/v1/tags", &carla, None).await, 200).await;
        assert_eq!(carlas["items"][0]["name"], "home");
        let bos = json_of(app.send(Method::GET, "/api/v1/tags", &bo, None).await, 200).await;
        assert!(bos["items"].as_array().expect("items").is_empty());
    }
}
