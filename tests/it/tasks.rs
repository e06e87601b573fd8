//! Tasks over HTTP on both backends: validation that names the field, keys per group,
//! isolation (404 for what one cannot see, 403 for what one sees but may not change),
//! `ETag`/`If-Match` with a real race, idempotent creation, history, archive, listing with
//! filters and keyset pages, and overdue judged in the group's time zone.

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use dayline_api_types::GlobalRole;
use dayline_db::TestClock;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{Options, PASSWORD, TestApp, expect_problem, spawn_app_with};

struct Team {
    app: TestApp,
    clock: Arc<TestClock>,
    /// Group admin of "Ops".
    ana: String,
    /// Member of "Ops".
    bo: String,
    /// In no group.
    carla: String,
    ops: String,
}

async fn team(backend: crate::support::Backend) -> Team {
    // 10:00 UTC on 10 November 2026: already the 11th in Tokyo.
    let clock = Arc::new(TestClock::new(Utc.with_ymd_and_hms(2026, 11, 10, 20, 0, 0).single().expect("time")));
    let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
    app.complete_setup().await;
    for (email, name) in
        [("ana.admin@example.com", "Ana Admin"), ("bo@example.com", "Bo Berg"), ("carla@example.com", "Carla Costa")]
    {
        app.create_user(email, name, GlobalRole::User).await;
    }
    let ana = app.access_token("ana.admin@example.com", PASSWORD).await;
    let bo = app.access_token("bo@example.com", PASSWORD).await;
    let carla = app.access_token("carla@example.com", PASSWORD).await;
    let group: Value = app
        .send(Method::POST, "/api/v1/groups", &ana, Some(json!({ "name": "Ops", "timezone": "Asia/Tokyo" })))
        .await
        .json()
        .await
        .expect("json");
    let ops = group["id"].as_str().expect("id").to_owned();
    let added = app
        .send(Method::POST, &format!("/api/v1/groups/{ops}/members"), &ana, Some(json!({ "email": "bo@example.com" })))
        .await;
    assert_eq!(added.status(), 201);
    Team { app, clock, ana, bo, carla, ops }
}

async fn create(t: &Team, token: &str, body: Value) -> Value {
    let response = t.app.send(Method::POST, "/api/v1/tasks", token, Some(body)).await;
    assert_eq!(response.status(), 201, "task created");
    response.json().await.expect("json")
}

fn field_errors(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field").to_owned())
        .collect()
}

async fn list(t: &Team, query: impl std::fmt::Display) -> Value {
    t.app.send(Method::GET, &format!("/api/v1/tasks?{query}"), &t.bo, None).await.json().await.expect("json")
}

/// The titles of one board column of "Ops", in board order.
async fn column(t: &Team, status: &str) -> Vec<String> {
    let tasks = list(t, format!("group_id={}&status={status}&sort=position", t.ops)).await;
    tasks["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("title").to_owned()).collect()
}

async fn patch(t: &Team, token: &str, id: &str, if_match: Option<&str>, body: Value) -> reqwest::Response {
    let mut request = t.app.client.patch(t.app.url(&format!("/api/v1/tasks/{id}"))).bearer_auth(token).json(&body);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    request.send().await.expect("patch")
}

on_both! {
    async fn tasks_are_validated_and_keyed_per_group(backend: Backend) {
        let t = team(backend).await;
        let first = create(&t, &t.bo, json!({ "title": "  Rotate the certificates  ", "group_id": t.ops })).await;
        assert_eq!(first["title"], "Rotate the certificates", "trimmed");
        assert_eq!(first["key"], "OPS-1");
        assert_eq!((first["status"].as_str(), first["priority"].as_str()), (Some("todo"), Some("none")));
        let second = create(&t, &t.ana, json!({ "title": "Second", "group_id": t.ops, "priority": "urgent", "status": "done" })).await;
        assert_eq!(second["key"], "OPS-2");
        assert!(second["completed_at"].is_string(), "created done: completed now");
        let personal = create(&t, &t.bo, json!({ "title": "Dentist", "due_date": "2026-11-20" })).await;
        assert_eq!((personal["key"].as_str(), personal["group_id"].is_null()), (Some("ME-1"), true));

        for (body, field) in [
            (json!({ "title": "   " }), "title"),
            (json!({ "title": "x".repeat(201) }), "title"),
            (json!({ "title": "x", "description": "d".repeat(20_001) }), "description"),
            (json!({ "title": "x", "status": "later" }), "status"),
            (json!({ "title": "x", "priority": "p1" }), "priority"),
            (json!({ "title": "x", "due_date": "2026-13-01" }), "due_date"),
            (json!({ "title": "x", "due_date": "2026-11-20", "due_at": "2026-11-20T10:00:00Z" }), "due_at"),
            (json!({ "title": "x", "due_at": "2026-11-20T10:00:00Z", "due_zone": "Mars/Olympus" }), "due_zone"),
            (json!({ "title": "x", "due_date": "2026-11-20", "start_date": "2026-11-21" }), "start_date"),
            (json!({ "title": "x", "owner": "me" }), "owner"),
        ] {
            let problem = expect_problem(t.app.send(Method::POST, "/api/v1/tasks", &t.bo, Some(body.clone())).await, 422).await;
            assert_eq!(field_errors(&problem), [field], "{body}");
        }
        // Assignees are active members of the task's group; parents are in the same group.
        let carla_id = t.app.send(Method::GET, "/api/v1/me", &t.carla, None).await.json::<Value>().await.expect("me")["id"].clone();
        let problem = expect_problem(
            t.app.send(Method::POST, "/api/v1/tasks", &t.bo, Some(json!({ "title": "x", "group_id": t.ops, "assignee_id": carla_id }))).await,
            422,
        )
        .await;
        assert_eq!(field_errors(&problem), ["assignee_id"]);
        let problem = expect_problem(
            t.app.send(Method::POST, "/api/v1/tasks", &t.bo, Some(json!({ "title": "x", "group_id": t.ops, "parent_id": personal["id"] }))).await,
            422,
        )
        .await;
        assert_eq!(field_errors(&problem), ["parent_id"]);
        let child = create(&t, &t.bo, json!({ "title": "Child", "group_id": t.ops, "parent_id": first["id"] })).await;
        assert_eq!(child["parent_id"], first["id"]);
        // The parent lists its live subtasks; an archived one leaves the list; outsiders get 404.
        let sibling = create(&t, &t.ana, json!({ "title": "Second child", "group_id": t.ops, "parent_id": first["id"] })).await;
        let subtasks_path = format!("/api/v1/tasks/{}/subtasks", first["id"].as_str().expect("id"));
        let titles = |list: Value| list["items"].as_array().expect("items").iter().map(|t| t["title"].clone()).collect::<Vec<_>>();
        let listed = t.app.send(Method::GET, &subtasks_path, &t.ana, None).await.json::<Value>().await.expect("subtasks");
        assert_eq!(titles(listed), [json!("Child"), json!("Second child")]);
        let archive = format!("/api/v1/tasks/{}/archive", sibling["id"].as_str().expect("id"));
        assert_eq!(t.app.send(Method::POST, &archive, &t.ana, None).await.status(), 200);
        let listed = t.app.send(Method::GET, &subtasks_path, &t.bo, None).await.json::<Value>().await.expect("subtasks");
        assert_eq!(titles(listed), [json!("Child")]);
        expect_problem(t.app.send(Method::GET, &subtasks_path, &t.carla, None).await, 404).await;
        // A group list with nothing to show is an empty page for a member and still 404 for an
        // outsider (the member check and the list are one statement until the list is empty).
        let nothing = format!("/api/v1/groups/{}/tasks?status=cancelled", t.ops);
        let empty = t.app.send(Method::GET, &nothing, &t.bo, None).await;
        assert_eq!(empty.status(), 200);
        assert_eq!(empty.json::<Value>().await.expect("list")["items"], json!([]));
        expect_problem(t.app.send(Method::GET, &nothing, &t.carla, None).await, 404).await;
        expect_problem(t.app.send(Method::GET, &format!("/api/v1/groups/{}/tasks", t.ops), &t.carla, None).await, 404).await;
        // A group one does not belong to does not exist.
        expect_problem(t.app.send(Method::POST, "/api/v1/tasks", &t.carla, Some(json!({ "title": "x", "group_id": t.ops }))).await, 404).await;
        expect_problem(t.app.send(Method::GET, "/api/v1/tasks?limit=abc", &t.bo, None).await, 422).await;
    }

    async fn others_tasks_are_invisible_and_only_their_people_change_them(backend: Backend) {
        let t = team(backend).await;
        let bos = create(&t, &t.bo, json!({ "title": "Bo's", "group_id": t.ops })).await;
        let anas = create(&t, &t.ana, json!({ "title": "Ana's", "group_id": t.ops })).await;
        let personal = create(&t, &t.ana, json!({ "title": "Private" })).await;
        let (bos_id, anas_id, personal_id) = (bos["id"].as_str().expect("id"), anas["id"].as_str().expect("id"), personal["id"].as_str().expect("id"));

        // An outsider finds nothing, wherever they look.
        for id in [bos_id, anas_id, personal_id] {
            for (method, path) in [
                (Method::GET, format!("/api/v1/tasks/{id}")),
                (Method::GET, format!("/api/v1/tasks/{id}/history")),
                (Method::POST, format!("/api/v1/tasks/{id}/archive")),
            ] {
                expect_problem(t.app.send(method, &path, &t.carla, None).await, 404).await;
            }
            expect_problem(patch(&t, &t.carla, id, None, json!({ "title": "Mine now" })).await, 404).await;
        }
        let list: Value = t.app.send(Method::GET, "/api/v1/tasks", &t.carla, None).await.json().await.expect("json");
        assert_eq!(list["items"].as_array().expect("items").len(), 0);
        // A member sees the group's tasks but not Ana's personal one; changes only their own.
        assert_eq!(t.app.send(Method::GET, &format!("/api/v1/tasks/{anas_id}"), &t.bo, None).await.status(), 200);
        expect_problem(t.app.send(Method::GET, &format!("/api/v1/tasks/{personal_id}"), &t.bo, None).await, 404).await;
        expect_problem(patch(&t, &t.bo, anas_id, None, json!({ "title": "Taken" })).await, 403).await;
        assert_eq!(patch(&t, &t.bo, bos_id, None, json!({ "title": "Bo's, renamed" })).await.status(), 200);
        // Assigned to Bo, Ana's task becomes his to change; the group admin changes any.
        let bo_id = t.app.send(Method::GET, "/api/v1/me", &t.bo, None).await.json::<Value>().await.expect("me")["id"].clone();
        assert_eq!(patch(&t, &t.ana, anas_id, None, json!({ "assignee_id": bo_id })).await.status(), 200);
        assert_eq!(patch(&t, &t.bo, anas_id, None, json!({ "status": "in_progress" })).await.status(), 200);
        assert_eq!(patch(&t, &t.ana, bos_id, None, json!({ "priority": "high" })).await.status(), 200);
        let listed: Value = t.app.send(Method::GET, "/api/v1/tasks", &t.bo, None).await.json().await.expect("json");
        let titles: Vec<&str> = listed["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("title")).collect();
        assert_eq!(titles, ["Ana's", "Bo's, renamed"], "Bo's list: the group's tasks, newest first, no one's personal ones");
        // A super admin reads group tasks (audited) but never someone's personal one.
        let (admin, _) = t.app.admin_with_totp().await;
        assert_eq!(t.app.send(Method::GET, &format!("/api/v1/tasks/{anas_id}"), &admin, None).await.status(), 200);
        expect_problem(t.app.send(Method::GET, &format!("/api/v1/tasks/{personal_id}"), &admin, None).await, 404).await;
        assert_eq!(t.app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'task.read_by_super_admin'").await, 1);
    }

    async fn stale_writes_are_refused_and_history_keeps_every_change(backend: Backend) {
        let t = team(backend).await;
        let task = create(&t, &t.bo, json!({ "title": "Draft", "group_id": t.ops })).await;
        let id = task["id"].as_str().expect("id");
        let read = t.app.send(Method::GET, &format!("/api/v1/tasks/{id}"), &t.bo, None).await;
        assert_eq!(read.headers()["etag"], "\"1\"");
        let changed = patch(&t, &t.bo, id, Some("\"1\""), json!({ "title": "Final", "status": "done" })).await;
        assert_eq!(changed.status(), 200);
        assert_eq!(changed.headers()["etag"], "\"2\"");
        let changed: Value = changed.json().await.expect("json");
        assert!(changed["completed_at"].is_string(), "done sets completed_at");
        // Someone who read version 1 cannot overwrite version 2; they get the current one.
        let stale = expect_problem(patch(&t, &t.ana, id, Some("\"1\""), json!({ "title": "Overwrite" })).await, 412).await;
        assert_eq!((stale["current"]["version"].as_i64(), stale["current"]["title"].as_str()), (Some(2), Some("Final")));
        // Two writers racing from the same version: one wins, the other is told.
        let (a, b) = tokio::join!(
            patch(&t, &t.bo, id, Some("\"2\""), json!({ "priority": "low" })),
            patch(&t, &t.ana, id, Some("\"2\""), json!({ "priority": "urgent" })),
        );
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 412], "exactly one of the racing writes wins");
        let reopened: Value = patch(&t, &t.bo, id, None, json!({ "status": "todo" })).await.json().await.expect("json");
        assert!(reopened["completed_at"].is_null(), "leaving done clears completed_at");

        let history: Value = t.app.send(Method::GET, &format!("/api/v1/tasks/{id}/history"), &t.bo, None).await.json().await.expect("json");
        let changes: Vec<(String, Value, Value)> = history["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|c| (c["field"].as_str().expect("field").to_owned(), c["old_value"].clone(), c["new_value"].clone()))
            .collect();
        assert_eq!(changes[0], ("title".to_owned(), json!("Draft"), json!("Final")));
        assert_eq!(changes[1], ("status".to_owned(), json!("todo"), json!("done")));
        assert_eq!(changes[2].0, "priority", "the winning racer's change");
        assert_eq!(changes[3], ("status".to_owned(), json!("done"), json!("todo")));
        assert_eq!(changes.len(), 4);
        assert_eq!(t.app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'task.updated'").await, 3);
        assert_eq!(t.app.count("SELECT COUNT(*) FROM events WHERE kind = 'task.updated'").await, 3);
    }

    async fn a_retried_create_with_the_same_key_makes_one_task(backend: Backend) {
        let t = team(backend).await;
        let post = |key: &'static str, title: &'static str| {
            let request = t.app.client.post(t.app.url("/api/v1/tasks")).bearer_auth(&t.bo).header("idempotency-key", key);
            request.json(&json!({ "title": title, "group_id": t.ops })).send()
        };
        let first = post("retry-1", "Once").await.expect("post");
        assert_eq!(first.status(), 201);
        let first: Value = first.json().await.expect("json");
        let again = post("retry-1", "Once").await.expect("post");
        assert_eq!(again.status(), 201);
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        let again: Value = again.json().await.expect("json");
        assert_eq!(again["id"], first["id"], "the original answer");
        let other = expect_problem(post("retry-1", "Something else").await.expect("post"), 422).await;
        assert_eq!(field_errors(&other), ["Idempotency-Key"]);
        assert_eq!(t.app.count("SELECT COUNT(*) FROM tasks").await, 1);
        // Concurrent retries of a new key still make one task.
        let (a, b) = tokio::join!(post("retry-2", "Twice"), post("retry-2", "Twice"));
        let (a, b): (Value, Value) = (a.expect("a").json().await.expect("json"), b.expect("b").json().await.expect("json"));
        assert_eq!(a["id"], b["id"]);
        assert_eq!(t.app.count("SELECT COUNT(*) FROM tasks").await, 2);
        // After 24 hours the key may be used afresh.
        t.clock.advance(Duration::hours(25));
        let bo = t.app.access_token("bo@example.com", PASSWORD).await;
        let fresh = t.app.client.post(t.app.url("/api/v1/tasks")).bearer_auth(&bo).header("idempotency-key", "retry-1")
            .json(&json!({ "title": "Something else", "group_id": t.ops })).send().await.expect("post");
        assert_eq!(fresh.status(), 201);
        assert_eq!(t.app.count("SELECT COUNT(*) FROM tasks").await, 3);
    }

    async fn lists_filter_page_and_hide_archived_tasks(backend: Backend) {
        let t = team(backend).await;
        let bo_id = t.app.send(Method::GET, "/api/v1/me", &t.bo, None).await.json::<Value>().await.expect("me")["id"].clone();
        let mut ids = Vec::new();
        for (n, priority) in ["low", "high", "urgent", "none", "medium"].iter().enumerate() {
            let assignee = if n % 2 == 0 { bo_id.clone() } else { Value::Null };
            let task = create(&t, &t.ana, json!({ "title": format!("T{n}"), "group_id": t.ops, "priority": priority, "assignee_id": assignee })).await;
            ids.push(task["id"].as_str().expect("id").to_owned());
        }
        let titles = |v: &Value| v["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("t").to_owned()).collect::<Vec<_>>();
        assert_eq!(titles(&list(&t, "assignee=me".to_owned()).await), ["T4", "T2", "T0"]);
        assert_eq!(titles(&list(&t, "assignee=none".to_owned()).await), ["T3", "T1"]);
        assert_eq!(titles(&list(&t, "priority=urgent,high".to_owned()).await), ["T2", "T1"]);
        assert_eq!(titles(&list(&t, "sort=priority".to_owned()).await), ["T2", "T1", "T4", "T0", "T3"]);
        expect_problem(t.app.send(Method::GET, "/api/v1/tasks?status=later", &t.bo, None).await, 422).await;

        // Pages of two, newest first; a task created meanwhile neither repeats nor hides one.
        let page1 = list(&t, "limit=2".to_owned()).await;
        assert_eq!(titles(&page1), ["T4", "T3"]);
        create(&t, &t.ana, json!({ "title": "Newer", "group_id": t.ops })).await;
        let cursor = page1["next_cursor"].as_str().expect("cursor").to_owned();
        let page2 = list(&t, format!("limit=2&cursor={cursor}")).await;
        assert_eq!(titles(&page2), ["T2", "T1"]);
        let page3 = list(&t, format!("limit=2&cursor={}", page2["next_cursor"].as_str().expect("cursor"))).await;
        assert_eq!(titles(&page3), ["T0"]);
        assert!(page3["next_cursor"].is_null());
        // The same under the priority sort (equal priorities: newest first).
        let p1 = list(&t, "sort=priority&limit=3".to_owned()).await;
        let p2 = list(&t, format!("sort=priority&limit=3&cursor={}", p1["next_cursor"].as_str().expect("cursor"))).await;
        assert_eq!([titles(&p1), titles(&p2)].concat(), ["T2", "T1", "T4", "T0", "Newer", "T3"]);

        // Archived tasks leave the list, and come back when asked for or restored.
        let archived = t.app.send(Method::POST, &format!("/api/v1/tasks/{}/archive", ids[0]), &t.ana, None).await;
        assert_eq!(archived.status(), 200);
        expect_problem(t.app.send(Method::POST, &format!("/api/v1/tasks/{}/archive", ids[0]), &t.ana, None).await, 409).await;
        assert!(!titles(&list(&t, "limit=100".to_owned()).await).contains(&"T0".to_owned()));
        assert_eq!(titles(&list(&t, "archived=true".to_owned()).await), ["T0"]);
        assert_eq!(t.app.send(Method::POST, &format!("/api/v1/tasks/{}/restore", ids[0]), &t.ana, None).await.status(), 200);
        assert!(titles(&list(&t, "limit=100".to_owned()).await).contains(&"T0".to_owned()));
    }

    async fn lists_across_groups_page_in_one_order_for_every_sort(backend: Backend) {
        let t = team(backend).await;
        let web: Value = t.app.send(Method::POST, "/api/v1/groups", &t.bo, Some(json!({ "name": "Web" }))).await.json().await.expect("json");
        let hidden: Value = t.app.send(Method::POST, "/api/v1/groups", &t.carla, Some(json!({ "name": "Hidden" }))).await.json().await.expect("json");
        let priorities = ["low", "urgent", "none", "high", "medium"];
        let mut ids = Vec::new();
        // Four tasks in each of Bo's groups, three personal, interleaved in every order.
        for n in 0..11 {
            let (token, group) = match n % 3 {
                0 => (&t.ana, json!(t.ops)),
                1 => (&t.bo, web["id"].clone()),
                _ => (&t.bo, Value::Null),
            };
            let due_at = format!("2026-12-{:02}T09:00:00Z", 1 + (n * 7) % 11);
            let body = json!({ "title": format!("T{n}"), "group_id": group, "priority": priorities[n % 5], "due_at": due_at, "due_zone": "UTC" });
            ids.push(create(&t, token, body).await["id"].as_str().expect("id").to_owned());
            t.clock.advance(Duration::seconds(1));
        }
        create(&t, &t.carla, json!({ "title": "Not Bo's", "group_id": hidden["id"], "priority": "urgent" })).await;
        let archived = create(&t, &t.bo, json!({ "title": "Archived", "group_id": web["id"], "priority": "urgent" })).await;
        assert_eq!(t.app.send(Method::POST, &format!("/api/v1/tasks/{}/archive", archived["id"].as_str().expect("id")), &t.bo, None).await.status(), 200);
        // Later edits reorder "updated" against creation.
        for n in [4, 0, 5, 9] {
            t.clock.advance(Duration::seconds(1));
            let editor = if n % 3 == 0 { &t.ana } else { &t.bo };
            assert_eq!(patch(&t, editor, &ids[n], None, json!({ "description": "Edited" })).await.status(), 200);
        }
        let mut tasks = Vec::new();
        for id in &ids {
            tasks.push(t.app.send(Method::GET, &format!("/api/v1/tasks/{id}"), &t.bo, None).await.json::<Value>().await.expect("task"));
        }
        let text = |task: &Value, field: &str| task[field].as_str().expect(field).to_owned();
        let rank = |task: &Value| priorities.iter().position(|p| *p == task["priority"]).map(|i| [1, 4, 0, 3, 2][i]).expect("priority");
        let filters = [("", None), ("&priority=urgent,high,medium", Some(["urgent", "high", "medium"]))];
        for (sort, (filter, kept)) in ["created", "updated", "priority", "due", "position"].into_iter().flat_map(|s| filters.iter().map(move |f| (s, f))) {
            let mut expected: Vec<Value> = tasks.iter().filter(|task| kept.is_none_or(|k| k.contains(&task["priority"].as_str().expect("priority")))).cloned().collect();
            expected.sort_by(|a, b| match sort {
                "created" => text(b, "id").cmp(&text(a, "id")),
                "updated" => (text(b, "updated_at"), text(b, "id")).cmp(&(text(a, "updated_at"), text(a, "id"))),
                "priority" => (rank(b), text(b, "id")).cmp(&(rank(a), text(a, "id"))),
                "due" => (text(a, "due_at"), text(a, "id")).cmp(&(text(b, "due_at"), text(b, "id"))),
                _ => (text(a, "position"), text(a, "id")).cmp(&(text(b, "position"), text(b, "id"))),
            });
            let expected: Vec<String> = expected.iter().map(|task| text(task, "title")).collect();
            let mut paged = Vec::new();
            let mut cursor = String::new();
            loop {
                let page = list(&t, format!("sort={sort}{filter}&limit=2{cursor}")).await;
                paged.extend(page["items"].as_array().expect("items").iter().map(|task| text(task, "title")));
                match page["next_cursor"].as_str() {
                    Some(next) => cursor = format!("&cursor={next}"),
                    None => break,
                }
            }
            assert_eq!(paged, expected, "sorted by {sort}{filter}, two at a time, across Ops, Web and Bo's own");
        }
    }

    async fn overdue_is_judged_in_the_groups_time_zone(backend: Backend) {
        let t = team(backend).await;
        // 20:00 UTC on 10 November is already 05:00 on the 11th in Tokyo.
        let yesterday = create(&t, &t.bo, json!({ "title": "Due on the 10th", "group_id": t.ops, "due_date": "2026-11-10" })).await;
        let today = create(&t, &t.bo, json!({ "title": "Due on the 11th", "group_id": t.ops, "due_date": "2026-11-11" })).await;
        let personal = create(&t, &t.bo, json!({ "title": "Mine, due the 10th", "due_date": "2026-11-10" })).await;
        let past_instant = create(&t, &t.bo, json!({ "title": "At noon", "group_id": t.ops, "due_at": "2026-11-10T12:00:00Z", "due_zone": "Europe/Berlin" })).await;
        assert_eq!(yesterday["is_overdue"], true, "the 10th is over in Tokyo");
        assert_eq!(today["is_overdue"], false);
        assert_eq!(personal["is_overdue"], false, "Bo's own zone is UTC, where it is still the 10th");
        assert_eq!(past_instant["is_overdue"], true);
        assert_eq!(past_instant["due_zone"], "Europe/Berlin");
        let done: Value = patch(&t, &t.bo, yesterday["id"].as_str().expect("id"), None, json!({ "status": "done" })).await.json().await.expect("json");
        assert_eq!(done["is_overdue"], false, "finished tasks are never overdue");
        let filtered: Value = t.app.send(Method::GET, "/api/v1/tasks?due_before=2026-11-10", &t.bo, None).await.json().await.expect("json");
        let titles: Vec<&str> = filtered["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("t")).collect();
        assert_eq!(titles, ["At noon", "Mine, due the 10th", "Due on the 10th"]);
    }

    async fn overdue_lists_and_due_order_follow_the_zone_the_task_lives_in(backend: Backend) {
        let t = team(backend).await;
        let titles = |v: &Value| -> Vec<String> {
            let mut all: Vec<String> = v["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("t").to_owned()).collect();
            all.sort();
            all
        };
        let ops = t.ops.clone();
        create(&t, &t.bo, json!({ "title": "Tenth", "group_id": ops, "due_date": "2026-11-10" })).await;
        create(&t, &t.bo, json!({ "title": "Eleventh", "group_id": ops, "due_date": "2026-11-11" })).await;
        create(&t, &t.bo, json!({ "title": "Noon", "group_id": ops, "due_at": "2026-11-10T12:00:00Z" })).await;
        create(&t, &t.bo, json!({ "title": "Mine", "due_date": "2026-11-10" })).await;
        create(&t, &t.bo, json!({ "title": "Someday", "group_id": ops })).await;
        let done = create(&t, &t.bo, json!({ "title": "Finished", "group_id": ops, "due_date": "2026-11-01" })).await;
        patch(&t, &t.bo, done["id"].as_str().expect("id"), None, json!({ "status": "done" })).await;
        assert_eq!(titles(&list(&t, "overdue=true").await), ["Noon", "Tenth"], "the 10th is over in Tokyo only");
        assert_eq!(titles(&list(&t, "overdue=false").await), ["Eleventh", "Finished", "Mine", "Someday"]);

        // Soonest first, undated last; the cursor carries the order.
        let first = list(&t, format!("group_id={ops}&sort=due&limit=3")).await;
        let order: Vec<&str> = first["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("t")).collect();
        assert_eq!(order, ["Finished", "Noon", "Tenth"]);
        let rest = list(&t, format!("group_id={ops}&sort=due&limit=3&cursor={}", first["next_cursor"].as_str().expect("cursor"))).await;
        let order: Vec<&str> = rest["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("t")).collect();
        assert_eq!(order, ["Eleventh", "Someday"]);
        let view: Value = t.app.send(Method::GET, &format!("/api/v1/groups/{ops}/tasks?sort=due&limit=3"), &t.bo, None).await.json().await.expect("view");
        assert_eq!(view["items"], first["items"], "the group's view is the same list");
        expect_problem(t.app.send(Method::GET, &format!("/api/v1/groups/{ops}/tasks"), &t.carla, None).await, 404).await;

        // Bo moves to Tokyo: his own task's day is over too. Ops moves to Honolulu, where it
        // is still the 10th: its task due that day is no longer overdue.
        let moved = t.app.send(Method::PATCH, "/api/v1/me", &t.bo, Some(json!({ "timezone": "Asia/Tokyo" }))).await;
        assert_eq!(moved.status(), 200);
        assert_eq!(titles(&list(&t, "overdue=true").await), ["Mine", "Noon", "Tenth"]);
        let rezoned = t.app.send(Method::PATCH, &format!("/api/v1/groups/{ops}"), &t.ana, Some(json!({ "timezone": "Pacific/Honolulu" }))).await;
        assert_eq!(rezoned.status(), 200);
        assert_eq!(titles(&list(&t, "overdue=true").await), ["Mine", "Noon"]);
        let problem = expect_problem(t.app.send(Method::GET, "/api/v1/tasks?sort=soon", &t.bo, None).await, 422).await;
        assert_eq!(field_errors(&problem), ["sort"]);
    }

    async fn the_board_orders_tasks_and_moves_only_the_moved_one(backend: Backend) {
        let t = team(backend).await;
        let mut ids = Vec::new();
        for title in ["A", "B", "C"] {
            ids.push(create(&t, &t.bo, json!({ "title": title, "group_id": t.ops })).await["id"].as_str().expect("id").to_owned());
        }
        assert_eq!(column(&t, "todo").await, ["A", "B", "C"], "new tasks go to the end of their column");
        let put = |id: &str, body: Value, tag: Option<&str>| {
            let mut request = t.app.client.put(t.app.url(&format!("/api/v1/tasks/{id}/position"))).bearer_auth(&t.bo).json(&body);
            if let Some(tag) = tag {
                request = request.header("if-match", tag);
            }
            request.send()
        };
        // C between A and B: only C changes.
        let b_before: Value = t.app.send(Method::GET, &format!("/api/v1/tasks/{}", ids[1]), &t.bo, None).await.json().await.expect("json");
        let moved = put(&ids[2], json!({ "after_id": ids[0] }), Some("\"1\"")).await.expect("put");
        assert_eq!(moved.status(), 200);
        assert_eq!(column(&t, "todo").await, ["A", "C", "B"]);
        let b_after: Value = t.app.send(Method::GET, &format!("/api/v1/tasks/{}", ids[1]), &t.bo, None).await.json().await.expect("json");
        assert_eq!((b_after["version"].clone(), b_after["position"].clone()), (b_before["version"].clone(), b_before["position"].clone()), "no renumbering");
        // A to the top of "in progress", then B above it: the status changes with the move.
        let a: Value = put(&ids[0], json!({ "status": "in_progress" }), None).await.expect("put").json().await.expect("json");
        assert_eq!(a["status"], "in_progress");
        put(&ids[1], json!({ "status": "in_progress", "before_id": ids[0] }), None).await.expect("put");
        assert_eq!(column(&t, "todo").await, ["C"]);
        assert_eq!(column(&t, "in_progress").await, ["B", "A"]);
        // Neighbours come from the target column; a stale version is refused.
        let wrong = expect_problem(put(&ids[2], json!({ "status": "todo", "after_id": ids[0] }), None).await.expect("put"), 422).await;
        assert_eq!(field_errors(&wrong), ["after_id"]);
        expect_problem(put(&ids[2], json!({ "status": "done" }), Some("\"1\"")).await.expect("put"), 412).await;
        // Many moves to one spot keep the order without touching the neighbours.
        for _ in 0..30 {
            let ok = put(&ids[2], json!({ "status": "in_progress", "after_id": ids[1], "before_id": ids[0] }), None).await.expect("put");
            assert_eq!(ok.status(), 200);
            put(&ids[2], json!({ "status": "todo" }), None).await.expect("put");
        }
        put(&ids[2], json!({ "status": "in_progress", "after_id": ids[1] }), None).await.expect("put");
        assert_eq!(column(&t, "in_progress").await, ["B", "C", "A"]);
        // A status change by PATCH puts the task at the end of its new column.
        patch(&t, &t.bo, &ids[1], None, json!({ "status": "done" })).await;
        assert_eq!(column(&t, "in_progress").await, ["C", "A"]);
        assert_eq!(column(&t, "done").await, ["B"]);
        let history: Value = t.app.send(Method::GET, &format!("/api/v1/tasks/{}/history", ids[0]), &t.bo, None).await.json().await.expect("json");
        assert_eq!(history["items"][0]["field"], "status", "moving to another column is a status change in the history");
    }

    async fn archived_tasks_are_deleted_after_the_retention_period_and_the_audit_keeps_them(backend: Backend) {
        let t = team(backend).await;
        let kept = create(&t, &t.bo, json!({ "title": "Live", "group_id": t.ops })).await;
        let old = create(&t, &t.bo, json!({ "title": "Old news", "group_id": t.ops })).await;
        let old_id = old["id"].as_str().expect("id");
        patch(&t, &t.bo, old_id, None, json!({ "priority": "low" })).await;
        assert_eq!(t.app.send(Method::POST, &format!("/api/v1/tasks/{old_id}/archive"), &t.bo, None).await.status(), 200);
        let db = &t.app.state.db;
        t.clock.advance(Duration::days(29));
        assert_eq!(dayline::domain::tasks::purge_archived_tasks(db, 30).await.expect("purge"), 0, "not yet");
        t.clock.advance(Duration::days(2));
        assert_eq!(dayline::domain::tasks::purge_archived_tasks(db, 0).await.expect("purge"), 0, "0 keeps forever");
        assert_eq!(dayline::domain::tasks::purge_archived_tasks(db, 30).await.expect("purge"), 1);
        assert_eq!(t.app.count("SELECT COUNT(*) FROM tasks").await, 1, "only the live task is left");
        assert_eq!(t.app.count("SELECT COUNT(*) FROM task_history").await, 0, "with the history of the deleted one");
        let (details,): (sqlx::types::Json<Value>,) =
            dayline_db::sql("SELECT details FROM audit_log WHERE action = 'task.purged'").fetch_one(db.read_as_system()).await.expect("audit");
        assert_eq!(details.0["key"], old["key"]);
        assert_eq!(t.app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('task.created', 'task.updated', 'task.archived')").await, 4, "the trail stays");
        assert!(kept["id"].is_string());
        // The daily job is a system schedule carrying the configured period.
        dayline::jobs::system::ensure_system_schedules(db, &t.app.state.settings).await.expect("schedules");
        let (kind, payload): (String, sqlx::types::Json<Value>) =
            dayline_db::sql("SELECT kind, payload FROM schedules WHERE key = 'system:tasks-purge'").fetch_one(db).await.expect("schedule");
        assert_eq!((kind.as_str(), payload.0["retention_days"].as_u64()), ("tasks.purge_archived", Some(30)));
    }

    async fn completing_a_recurring_task_brings_the_next_one(backend: Backend) {
        let t = team(backend).await;
        let next_of = |list: &Value, title: &str| {
            list["items"].as_array().expect("items").iter().filter(|i| i["title"] == title && i["status"] == "todo").cloned().collect::<Vec<_>>()
        };
        // A daily 09:00 in Berlin across the change to summer time (29 March 2026).
        let standup = create(&t, &t.bo, json!({
            "title": "Stand-up notes", "group_id": t.ops, "due_at": "2026-03-28T08:00:00Z", "due_zone": "Europe/Berlin",
            "tags": ["ritual"], "priority": "low", "recurrence": { "freq": "daily" }
        })).await;
        assert_eq!(standup["recurrence"]["freq"], "daily");
        let done: Value = patch(&t, &t.bo, standup["id"].as_str().expect("id"), None, json!({ "status": "done" })).await.json().await.expect("json");
        assert!(done["recurrence"].is_null(), "the rule moves on to the next occurrence");
        let next = next_of(&list(&t, "limit=100").await, "Stand-up notes");
        assert_eq!(next.len(), 1);
        assert_eq!(next[0]["due_at"], "2026-03-29T07:00:00Z", "still 09:00 in Berlin, now summer time");
        assert_eq!((next[0]["tags"].clone(), next[0]["priority"].clone()), (json!(["ritual"]), json!("low")));
        assert_eq!(next[0]["recurrence"]["freq"], "daily");

        // Monthly on the 31st: February's last day, then back to the 31st.
        let rent = create(&t, &t.bo, json!({ "title": "Rent", "due_date": "2026-01-31", "recurrence": { "freq": "monthly" } })).await;
        let mut id = rent["id"].as_str().expect("id").to_owned();
        let mut dues = Vec::new();
        for _ in 0..2 {
            patch(&t, &t.bo, &id, None, json!({ "status": "done" })).await;
            let next = next_of(&list(&t, "limit=100").await, "Rent");
            dues.push(next[0]["due_date"].as_str().expect("due").to_owned());
            id = next[0]["id"].as_str().expect("id").to_owned();
        }
        assert_eq!(dues, ["2026-02-28", "2026-03-31"]);

        // "every!": counted from the completion day (10 November in Bo's own zone, UTC).
        let plants = create(&t, &t.bo, json!({ "title": "Water plants", "due_date": "2026-11-01", "recurrence": { "freq": "daily", "interval": 3, "from_completion": true } })).await;
        patch(&t, &t.bo, plants["id"].as_str().expect("id"), None, json!({ "status": "done" })).await;
        assert_eq!(next_of(&list(&t, "limit=100").await, "Water plants")[0]["due_date"], "2026-11-13");
        // A rule that has ended brings nothing more.
        let last = create(&t, &t.bo, json!({ "title": "Last one", "due_date": "2026-11-10", "recurrence": { "freq": "daily", "until": "2026-11-10" } })).await;
        patch(&t, &t.bo, last["id"].as_str().expect("id"), None, json!({ "status": "done" })).await;
        assert!(next_of(&list(&t, "limit=100").await, "Last one").is_empty());
        assert_eq!(t.app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'task.recurred'").await, 4);
        // Rules are checked, and need a due date.
        for (body, field) in [
            (json!({ "title": "x", "recurrence": { "freq": "daily" } }), "recurrence"),
            (json!({ "title": "x", "due_date": "2026-11-10", "recurrence": { "freq": "monthly", "month_day": 32 } }), "recurrence"),
            (json!({ "title": "x", "due_date": "2026-11-10", "recurrence": { "freq": "hourly" } }), "recurrence.freq"),
        ] {
            let problem = expect_problem(t.app.send(Method::POST, "/api/v1/tasks", &t.bo, Some(body.clone())).await, 422).await;
            assert_eq!(field_errors(&problem), [field], "{body}");
        }
    }
}
