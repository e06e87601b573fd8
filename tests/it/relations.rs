//! Relations between tasks on both backends: read from either end in its own terms, only
//! between tasks one can see, added and removed by those who may edit the task.

use dayline_api_types::GlobalRole;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp, expect_problem, spawn_app};

async fn token(app: &TestApp, name: &str) -> String {
    app.create_user(&format!("{name}@example.com"), name, GlobalRole::User).await;
    app.access_token(&format!("{name}@example.com"), PASSWORD).await
}

async fn ok(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    response.json().await.expect("json")
}

async fn kinds(app: &TestApp, token: &str, task: &str) -> Vec<(String, String)> {
    let list = ok(app.send(Method::GET, &format!("/api/v1/tasks/{task}/relations"), token, None).await, 200).await;
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|r| (r["kind"].as_str().expect("kind").to_owned(), r["title"].as_str().expect("title").to_owned()))
        .collect()
}

async fn new_task(app: &TestApp, token: &str, title: &str, group: Option<&str>) -> String {
    let task = ok(
        app.send(Method::POST, "/api/v1/tasks", token, Some(json!({ "title": title, "group_id": group }))).await,
        201,
    )
    .await;
    task["id"].as_str().expect("id").to_owned()
}

async fn relate(app: &TestApp, token: &str, from: &str, kind: &str, to: &str) -> reqwest::Response {
    let body = json!({ "kind": kind, "task_id": to });
    app.send(Method::POST, &format!("/api/v1/tasks/{from}/relations"), token, Some(body)).await
}

on_both! {
    async fn relations_read_from_both_ends_between_visible_tasks(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        let (ana, bo, carla) = (token(&app, "ana.ops").await, token(&app, "bo").await, token(&app, "carla").await);
        let ops = ok(app.send(Method::POST, "/api/v1/groups", &ana, Some(json!({ "name": "Ops" }))).await, 201).await;
        let ops = ops["id"].as_str().expect("id").to_owned();
        ok(app.send(Method::POST, &format!("/api/v1/groups/{ops}/members"), &ana, Some(json!({ "email": "bo@example.com" }))).await, 201).await;
        let elsewhere = ok(app.send(Method::POST, "/api/v1/groups", &carla, Some(json!({ "name": "Elsewhere" }))).await, 201).await;
        let a = new_task(&app, &bo, "Migrate", Some(&ops)).await;
        let b = new_task(&app, &bo, "Backup first", Some(&ops)).await;
        let anas = new_task(&app, &ana, "Ana's plan", Some(&ops)).await;
        let hidden = new_task(&app, &carla, "Elsewhere", elsewhere["id"].as_str()).await;

        let made = ok(relate(&app, &bo, &a, "blocked_by", &b).await, 201).await;
        assert_eq!((made["kind"].as_str(), made["key"].as_str()), (Some("blocked_by"), Some("OPS-2")));
        assert_eq!(kinds(&app, &bo, &b).await, [("blocks".to_owned(), "Migrate".to_owned())], "read from the other end");
        ok(relate(&app, &bo, &b, "relates_to", &a).await, 201).await;
        expect_problem(relate(&app, &bo, &a, "relates_to", &b).await, 409).await;
        ok(relate(&app, &bo, &a, "duplicates", &anas).await, 201).await;
        assert_eq!(kinds(&app, &ana, &anas).await, [("duplicated_by".to_owned(), "Migrate".to_owned())]);
        // Only between tasks one can see; never to itself; only by those who may edit.
        let problem = expect_problem(relate(&app, &bo, &a, "blocks", &hidden).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "task_id");
        expect_problem(relate(&app, &bo, &a, "blocks", &a).await, 422).await;
        expect_problem(relate(&app, &bo, &anas, "blocks", &a).await, 403).await;
        expect_problem(relate(&app, &carla, &a, "blocks", &hidden).await, 404).await;
        expect_problem(app.send(Method::GET, &format!("/api/v1/tasks/{a}/relations"), &carla, None).await, 404).await;

        // Removing from either end; archived tasks drop out of the list.
        let listed = ok(app.send(Method::GET, &format!("/api/v1/tasks/{b}/relations"), &bo, None).await, 200).await;
        let blocking = listed["items"][0]["id"].as_str().expect("id").to_owned();
        expect_problem(app.send(Method::DELETE, &format!("/api/v1/tasks/{anas}/relations/{blocking}"), &ana, None).await, 404).await;
        assert_eq!(app.send(Method::DELETE, &format!("/api/v1/tasks/{b}/relations/{blocking}"), &bo, None).await.status(), 204);
        assert_eq!(kinds(&app, &bo, &a).await.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["relates_to", "duplicates"]);
        assert_eq!(app.send(Method::POST, &format!("/api/v1/tasks/{anas}/archive"), &ana, None).await.status(), 200);
        assert_eq!(kinds(&app, &bo, &a).await.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["relates_to"]);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('task.related', 'task.unrelated')").await, 4);
    }
}
