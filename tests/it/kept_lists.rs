//! Pages of a group's task list kept in memory between requests, on both backends: every
//! kind of change shows in the next page at once, whichever instance (or statement) made it,
//! and a kept page is served only to the group's live members.

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp, expect_problem, spawn_app};

struct Team {
    app: TestApp,
    /// Group admin of "Ops".
    ana: String,
    /// Member of "Ops".
    bo: String,
    bo_id: String,
    /// In no group.
    carla: String,
    ops: String,
}

async fn team(backend: crate::support::Backend) -> Team {
    let app = spawn_app(backend).await;
    app.complete_setup().await;
    for (email, name) in [("ana.lead@example.com", "Ana"), ("bo@example.com", "Bo"), ("carla@example.com", "Carla")] {
        app.create_user(email, name, dayline_api_types::GlobalRole::User).await;
    }
    let ana = app.access_token("ana.lead@example.com", PASSWORD).await;
    let bo = app.access_token("bo@example.com", PASSWORD).await;
    let carla = app.access_token("carla@example.com", PASSWORD).await;
    let ops = app.create_group(&ana, "Ops").await;
    let added: Value = app
        .send(Method::POST, &format!("/api/v1/groups/{ops}/members"), &ana, Some(json!({ "email": "bo@example.com" })))
        .await
        .json()
        .await
        .expect("member");
    let bo_id = added["user_id"].as_str().expect("user id").to_owned();
    Team { app, ana, bo, bo_id, carla, ops }
}

impl Team {
    async fn create(&self, title: &str) -> String {
        let body = json!({ "title": title, "group_id": self.ops, "tags": ["ui"] });
        let response = self.app.send(Method::POST, "/api/v1/tasks", &self.ana, Some(body)).await;
        assert_eq!(response.status(), 201);
        response.json::<Value>().await.expect("task")["id"].as_str().expect("id").to_owned()
    }

    /// The group's open tasks as a member's board asks for them: `(key, title, tags)`.
    async fn open_tasks(&self, token: &str) -> Vec<(String, String, Value)> {
        let path = format!("/api/v1/groups/{}/tasks?status=todo,in_progress&limit=20", self.ops);
        let response = self.app.send(Method::GET, &path, token, None).await;
        assert_eq!(response.status(), 200);
        let page: Value = response.json().await.expect("page");
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|t| {
                (
                    t["key"].as_str().expect("key").to_owned(),
                    t["title"].as_str().expect("title").to_owned(),
                    t["tags"].clone(),
                )
            })
            .collect()
    }

    async fn titles(&self) -> Vec<String> {
        self.open_tasks(&self.bo).await.into_iter().map(|(_, title, _)| title).collect()
    }

    async fn patch(&self, path: &str, body: Value) {
        let response = self.app.send(Method::PATCH, path, &self.ana, Some(body)).await;
        assert_eq!(response.status(), 200, "PATCH {path}");
    }
}

on_both! {
    async fn every_change_shows_in_the_next_page(backend: Backend) {
        let t = team(backend).await;
        let first = t.create("First").await;
        let second = t.create("Second").await;
        // Each step reads the page twice: the second read is the kept one.
        for _ in 0..2 {
            assert_eq!(t.titles().await, ["Second", "First"]);
        }

        t.create("Third").await;
        assert_eq!(t.titles().await, ["Third", "Second", "First"], "a new task");
        t.patch(&format!("/api/v1/tasks/{first}"), json!({ "title": "First, renamed" })).await;
        assert_eq!(t.titles().await, ["Third", "Second", "First, renamed"], "an edit");
        t.patch(&format!("/api/v1/tasks/{second}"), json!({ "status": "done" })).await;
        assert_eq!(t.titles().await, ["Third", "First, renamed"], "a finished task leaves the open list");
        let archived = t.app.send(Method::POST, &format!("/api/v1/tasks/{first}/archive"), &t.ana, None).await;
        assert_eq!(archived.status(), 200);
        assert_eq!(t.titles().await, ["Third"], "an archived task leaves the list");

        // The group's slug is in every task's key; a renamed tag is in every task's tags.
        t.patch(&format!("/api/v1/groups/{}", t.ops), json!({ "slug": "night-ops" })).await;
        let page = t.open_tasks(&t.bo).await;
        assert!(page[0].0.starts_with("NIGHTOPS-"), "{page:?}");
        let tags: Value = t.app.send(Method::GET, &format!("/api/v1/tags?group_id={}", t.ops), &t.ana, None).await.json().await.expect("tags");
        let ui = tags["items"][0]["id"].as_str().expect("tag id").to_owned();
        t.patch(&format!("/api/v1/tags/{ui}"), json!({ "name": "Frontend" })).await;
        assert_eq!(t.open_tasks(&t.bo).await[0].2, json!(["Frontend"]));

        // A change through another instance, which keeps its own pages.
        let other = t.app.other_instance().await;
        let third = t.app.send(Method::GET, &format!("/api/v1/groups/{}/tasks?limit=1", t.ops), &t.bo, None).await;
        let third = third.json::<Value>().await.expect("page")["items"][0]["id"].as_str().expect("id").to_owned();
        let response = t.app.client.patch(format!("http://{}/api/v1/tasks/{third}", other.addr)).bearer_auth(&t.ana)
            .json(&json!({ "title": "Third, elsewhere" })).send().await.expect("patch");
        assert_eq!(response.status(), 200);
        assert_eq!(t.titles().await, ["Third, elsewhere"], "a change made by another instance");

        // A change written straight to the database, by no Dayline at all.
        let owner = t.app.owner_db().await;
        dayline_db::sql("UPDATE tasks SET title = 'Third, by hand' WHERE title = 'Third, elsewhere'")
            .execute_bookkeeping(&owner).await.expect("update");
        assert_eq!(t.titles().await, ["Third, by hand"], "a change made outside Dayline");
        dayline_db::sql("DELETE FROM tasks WHERE title = 'Third, by hand'").execute_bookkeeping(&owner).await.expect("delete");
        assert!(t.titles().await.is_empty(), "a task deleted outside Dayline");
    }

    async fn a_kept_page_is_the_one_read_at_its_version(backend: Backend) {
        // Proof that pages are kept at all: a change whose version is wound back by hand is
        // not seen until the version moves again.
        let t = team(backend).await;
        t.create("Before").await;
        assert_eq!(t.titles().await, ["Before"]);
        let owner = t.app.owner_db().await;
        let (version,): (i64,) = dayline_db::sql("SELECT version FROM task_list_versions WHERE group_id = $1")
            .bind(t.ops.parse::<uuid::Uuid>().expect("uuid")).fetch_one(&owner).await.expect("version");
        dayline_db::sql("UPDATE tasks SET title = 'After' WHERE title = 'Before'").execute_bookkeeping(&owner).await.expect("update");
        dayline_db::sql("UPDATE task_list_versions SET version = $1 WHERE group_id = $2")
            .bind(version).bind(t.ops.parse::<uuid::Uuid>().expect("uuid")).execute_bookkeeping(&owner).await.expect("rewind");
        assert_eq!(t.titles().await, ["Before"], "the kept page");
        t.create("Next").await;
        assert_eq!(t.titles().await, ["Next", "After"]);
    }

    async fn a_kept_page_is_served_only_to_live_members(backend: Backend) {
        let t = team(backend).await;
        t.create("Secret plan").await;
        assert_eq!(t.titles().await, ["Secret plan"]);
        let path = format!("/api/v1/groups/{}/tasks?status=todo,in_progress&limit=20", t.ops);
        expect_problem(t.app.send(Method::GET, &path, &t.carla, None).await, 404).await;

        let removed = t.app.send(Method::DELETE, &format!("/api/v1/groups/{}/members/{}", t.ops, t.bo_id), &t.ana, None).await;
        assert_eq!(removed.status(), 204);
        expect_problem(t.app.send(Method::GET, &path, &t.bo, None).await, 404).await;
        assert_eq!(t.open_tasks(&t.ana).await.len(), 1, "the page is still there for members");
    }
}
