//! Comments over HTTP on both backends: who may add, change, delete and moderate them,
//! mentions that leave notifications for group members only, and hidden text kept from
//! everyone but the author and the moderators.

use dayline_api_types::GlobalRole;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{Backend, PASSWORD, TestApp, expect_problem, spawn_app};

struct Team {
    app: TestApp,
    /// Group admin of "Ops".
    ana: String,
    bo: String,
    dan: String,
    /// In no group.
    carla: String,
    ids: std::collections::HashMap<&'static str, String>,
    task: String,
}

async fn team(backend: Backend) -> Team {
    let app = spawn_app(backend).await;
    app.complete_setup().await;
    let mut tokens = std::collections::HashMap::new();
    let mut ids = std::collections::HashMap::new();
    for name in ["ana.admin", "bo", "dan", "carla"] {
        app.create_user(&format!("{name}@example.com"), name, GlobalRole::User).await;
        let token = app.access_token(&format!("{name}@example.com"), PASSWORD).await;
        let me: Value = app.send(Method::GET, "/api/v1/me", &token, None).await.json().await.expect("me");
        ids.insert(name, me["id"].as_str().expect("id").to_owned());
        tokens.insert(name, token);
    }
    let ana = tokens["ana.admin"].clone();
    let group: Value = app
        .send(Method::POST, "/api/v1/groups", &ana, Some(json!({ "name": "Ops" })))
        .await
        .json()
        .await
        .expect("json");
    let ops = group["id"].as_str().expect("id").to_owned();
    for member in ["bo", "dan"] {
        let path = format!("/api/v1/groups/{ops}/members");
        assert_eq!(
            app.send(Method::POST, &path, &ana, Some(json!({ "email": format!("{member}@example.com") })))
                .await
                .status(),
            201
        );
    }
    let task: Value = app
        .send(Method::POST, "/api/v1/tasks", &tokens["bo"], Some(json!({ "title": "Ship", "group_id": ops })))
        .await
        .json()
        .await
        .expect("json");
    Team {
        ana,
        bo: tokens["bo"].clone(),
        dan: tokens["dan"].clone(),
        carla: tokens["carla"].clone(),
        ids,
        task: task["id"].as_str().expect("id").to_owned(),
        app,
    }
}

fn mention(t: &Team, name: &'static str) -> String {
    format!("@[{name}](user:{})", t.ids[name])
}

async fn comment(t: &Team, token: &str, body: String) -> Value {
    let response = t
        .app
        .send(Method::POST, &format!("/api/v1/tasks/{}/comments", t.task), token, Some(json!({ "body": body })))
        .await;
    assert_eq!(response.status(), 201, "comment");
    response.json().await.expect("json")
}

async fn notifications(t: &Team, token: &str) -> Vec<Value> {
    let list: Value =
        t.app.send(Method::GET, "/api/v1/me/notifications", token, None).await.json().await.expect("json");
    list["items"].as_array().expect("items").clone()
}

on_both! {
    async fn mentions_notify_group_members_and_only_authors_change_their_comments(backend: Backend) {
        let t = team(backend).await;
        let body = format!("Ready? {} {} {}", mention(&t, "dan"), mention(&t, "carla"), mention(&t, "bo"));
        let first = comment(&t, &t.bo, body).await;
        let dans = notifications(&t, &t.dan).await;
        assert_eq!(dans.len(), 1, "a member is notified");
        assert_eq!((dans[0]["kind"].as_str(), dans[0]["comment_id"].clone()), (Some("mention"), first["id"].clone()));
        assert!(notifications(&t, &t.carla).await.is_empty(), "not an outsider, who cannot see the task");
        assert!(notifications(&t, &t.bo).await.is_empty(), "not the author");

        let comment_path = format!("/api/v1/tasks/{}/comments/{}", t.task, first["id"].as_str().expect("id"));
        // Editing: the author only; newly mentioned people hear of it, the others not again.
        expect_problem(t.app.send(Method::PATCH, &comment_path, &t.ana, Some(json!({ "body": "mine" }))).await, 403).await;
        let edited = t.app.send(Method::PATCH, &comment_path, &t.bo, Some(json!({ "body": format!("{} {}", mention(&t, "dan"), mention(&t, "ana.admin")) }))).await;
        assert_eq!(edited.status(), 200);
        assert!(edited.json::<Value>().await.expect("json")["edited_at"].is_string(), "marked edited");
        assert_eq!(notifications(&t, &t.dan).await.len(), 1, "Dan was mentioned before");
        assert_eq!(notifications(&t, &t.ana).await.len(), 1, "Ana is newly mentioned");
        // Outsiders see nothing; bad bodies are named.
        let comments = format!("/api/v1/tasks/{}/comments", t.task);
        expect_problem(t.app.send(Method::GET, &comments, &t.carla, None).await, 404).await;
        expect_problem(t.app.send(Method::POST, &comments, &t.carla, Some(json!({ "body": "hi" }))).await, 404).await;
        expect_problem(t.app.send(Method::PATCH, &comment_path, &t.carla, Some(json!({ "body": "hi" }))).await, 404).await;
        let empty = expect_problem(t.app.send(Method::POST, &comments, &t.dan, Some(json!({ "body": "   " }))).await, 422).await;
        assert_eq!(empty["errors"][0]["field"], "body");
        // Deleting: the author only; the comment leaves the list.
        let second = comment(&t, &t.dan, "Second".to_owned()).await;
        let second_path = format!("{comments}/{}", second["id"].as_str().expect("id"));
        expect_problem(t.app.send(Method::DELETE, &second_path, &t.bo, None).await, 403).await;
        assert_eq!(t.app.send(Method::DELETE, &second_path, &t.dan, None).await.status(), 204);
        let listed: Value = t.app.send(Method::GET, &comments, &t.bo, None).await.json().await.expect("json");
        assert_eq!(listed["items"].as_array().expect("items").len(), 1);
        expect_problem(t.app.send(Method::DELETE, &second_path, &t.dan, None).await, 404).await;
        assert_eq!(t.app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('comment.created', 'comment.edited', 'comment.deleted')").await, 4);
    }

    async fn group_admins_hide_comments_whose_text_then_only_author_and_moderators_see(backend: Backend) {
        let t = team(backend).await;
        let rude = comment(&t, &t.bo, "Something rude".to_owned()).await;
        let path = format!("/api/v1/tasks/{}/comments/{}", t.task, rude["id"].as_str().expect("id"));
        expect_problem(t.app.send(Method::POST, &format!("{path}/hide"), &t.dan, None).await, 403).await;
        let hidden = t.app.send(Method::POST, &format!("{path}/hide"), &t.ana, None).await;
        assert_eq!(hidden.status(), 200);
        expect_problem(t.app.send(Method::POST, &format!("{path}/hide"), &t.ana, None).await, 409).await;
        let seen_by = |token: String| {
            let app = &t.app;
            let comments = format!("/api/v1/tasks/{}/comments", t.task);
            async move {
                let list: Value = app.send(Method::GET, &comments, &token, None).await.json().await.expect("json");
                (list["items"][0]["hidden"].clone(), list["items"][0]["body"].clone())
            }
        };
        assert_eq!(seen_by(t.dan.clone()).await, (json!(true), Value::Null), "other members see that it was hidden");
        assert_eq!(seen_by(t.bo.clone()).await, (json!(true), json!("Something rude")), "its author still sees it");
        assert_eq!(seen_by(t.ana.clone()).await, (json!(true), json!("Something rude")), "so do moderators");
        assert_eq!(t.app.send(Method::POST, &format!("{path}/unhide"), &t.ana, None).await.status(), 200);
        assert_eq!(seen_by(t.dan.clone()).await, (json!(false), json!("Something rude")));
        assert_eq!(t.app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('comment.hidden', 'comment.unhidden')").await, 2);
        // Personal tasks: their owner alone comments; there is no one to mention or moderate.
        let personal: Value = t.app.send(Method::POST, "/api/v1/tasks", &t.bo, Some(json!({ "title": "Mine" }))).await.json().await.expect("json");
        let path = format!("/api/v1/tasks/{}/comments", personal["id"].as_str().expect("id"));
        let note = t.app.send(Method::POST, &path, &t.bo, Some(json!({ "body": format!("note to self {}", mention(&t, "dan")) }))).await;
        assert_eq!(note.status(), 201);
        assert!(notifications(&t, &t.dan).await.is_empty());
        expect_problem(t.app.send(Method::POST, &path, &t.ana, Some(json!({ "body": "hi" }))).await, 404).await;
    }
}
