//! Full-text search on both backends: tasks whose title holds every word come first, then
//! those whose title or description holds them, then those found through comments, newest
//! first within each; only
//! tasks one can see are found, archived ones, hidden comments and the tasks of a group one
//! has left drop out, and no input can break the query.

use dayline_api_types::GlobalRole;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp, expect_problem, spawn_app};

async fn token(app: &TestApp, name: &str) -> String {
    app.create_user(&format!("{name}@example.com"), name, GlobalRole::User).await;
    app.access_token(&format!("{name}@example.com"), PASSWORD).await
}

async fn task(app: &TestApp, token: &str, body: Value) -> String {
    let response = app.send(Method::POST, "/api/v1/tasks", token, Some(body)).await;
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned()
}

/// The items a search for `q` finds, in the order it gives them.
async fn search(app: &TestApp, token: &str, q: &str) -> Vec<Value> {
    let url = format!("/api/v1/search?q={}", q.replace(' ', "%20").replace('\'', "%27").replace('=', "%3D"));
    let response = app.send(Method::GET, &url, token, None).await;
    assert_eq!(response.status(), 200, "{q}");
    let mut list: Value = response.json().await.expect("json");
    list["items"].as_array_mut().map(std::mem::take).expect("items")
}

async fn found(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    search(app, token, q).await.iter().map(|i| i["title"].as_str().expect("title").to_owned()).collect()
}

async fn found_ids(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    search(app, token, q).await.iter().map(|i| i["id"].as_str().expect("id").to_owned()).collect()
}

on_both! {
    async fn search_finds_visible_tasks_title_matches_first(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        let (ana, bo, carla) = (token(&app, "ana.ops").await, token(&app, "bo").await, token(&app, "carla").await);
        let mut groups = Vec::new();
        for (owner, name) in [(&ana, "Ops"), (&carla, "Elsewhere")] {
            let group: Value = app.send(Method::POST, "/api/v1/groups", owner, Some(json!({ "name": name }))).await.json().await.expect("json");
            groups.push(group["id"].as_str().expect("id").to_owned());
        }
        let added = app.send(Method::POST, &format!("/api/v1/groups/{}/members", groups[0]), &ana, Some(json!({ "email": "bo@example.com" }))).await;
        assert_eq!(added.status(), 201);
        let bo_id = added.json::<Value>().await.expect("json")["user_id"].as_str().expect("user_id").to_owned();
        let ops = &groups[0];
        let docs = task(&app, &ana, json!({ "title": "Write the handbook", "group_id": ops })).await;
        task(&app, &ana, json!({ "title": "Payments", "description": "Deploy blue-green, then watch", "group_id": ops })).await;
        task(&app, &ana, json!({ "title": "Deploy the payment service", "group_id": ops })).await;
        task(&app, &bo, json!({ "title": "Deployment of my dotfiles" })).await;
        task(&app, &carla, json!({ "title": "Deploy elsewhere", "group_id": groups[1] })).await;
        let comment = app.send(Method::POST, &format!("/api/v1/tasks/{docs}/comments"), &bo, Some(json!({ "body": "Needs the deploy checklist" }))).await;
        assert_eq!(comment.status(), 201);
        let comment: Value = comment.json().await.expect("json");

        let hits = found(&app, &bo, "deploy").await;
        assert_eq!(hits.len(), 4, "Bo's group's three and his own; not another group's: {hits:?}");
        assert_eq!(hits[..2], ["Deployment of my dotfiles", "Deploy the payment service"], "titles first, newest first: {hits:?}");
        assert_eq!(hits[2..], ["Payments", "Write the handbook"], "then descriptions, then comments");
        assert_eq!(
            found(&app, &bo, "payment deploy").await,
            ["Deploy the payment service", "Payments"],
            "every word must match somewhere, the title counting most"
        );
        assert!(found(&app, &carla, "handbook").await.is_empty(), "Carla cannot see Ops");
        assert_eq!(found(&app, &carla, "deploy").await, ["Deploy elsewhere"]);
        // Hidden comments and archived tasks drop out; changed titles are found at once.
        let hide = format!("/api/v1/tasks/{docs}/comments/{}/hide", comment["id"].as_str().expect("id"));
        assert_eq!(app.send(Method::POST, &hide, &ana, None).await.status(), 200);
        assert!(!found(&app, &bo, "checklist").await.contains(&"Write the handbook".to_owned()));
        let renamed = app.send(Method::PATCH, &format!("/api/v1/tasks/{docs}"), &ana, Some(json!({ "title": "Write the runbook" }))).await;
        assert_eq!(renamed.status(), 200);
        assert_eq!(found(&app, &bo, "runbook").await, ["Write the runbook"]);
        assert!(found(&app, &bo, "handbook").await.is_empty());
        assert_eq!(app.send(Method::POST, &format!("/api/v1/tasks/{docs}/archive"), &ana, None).await.status(), 200);
        assert!(found(&app, &bo, "runbook").await.is_empty());
        assert_eq!(app.send(Method::POST, &format!("/api/v1/tasks/{docs}/restore"), &ana, None).await.status(), 200);
        assert_eq!(found(&app, &bo, "runbook").await, ["Write the runbook"], "restored tasks are found again");
        // Leaving a group takes its tasks out of one's results at once.
        let removed = app.send(Method::DELETE, &format!("/api/v1/groups/{ops}/members/{bo_id}"), &ana, None).await;
        assert_eq!(removed.status(), 204);
        assert_eq!(found(&app, &bo, "deploy").await, ["Deployment of my dotfiles"]);
        // Query syntax is just words.
        assert_eq!(found(&app, &bo, "payment' OR 1=1 --").await, Vec::<String>::new());
        assert_eq!(found(&app, &bo, "\"payment\" AND NOT*").await, Vec::<String>::new());
        let problem = expect_problem(app.send(Method::GET, "/api/v1/search?q=%2A%2A", &bo, None).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "q");
        let problem = expect_problem(app.send(Method::GET, "/api/v1/search", &bo, None).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "q");
    }
}

on_both! {
    async fn a_searcher_finds_their_match_behind_many_better_ones_they_cannot_see(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        let (ana, bo) = (token(&app, "dana").await, token(&app, "eli").await);
        let group: Value = app.send(Method::POST, "/api/v1/groups", &ana, Some(json!({ "name": "Launch" }))).await.json().await.expect("json");
        // More title matches than a search first looks at, all in a group Bo is not in.
        let mut steps = Vec::new();
        for n in 0..210 {
            steps.push(task(&app, &ana, json!({ "title": format!("Rollout step {n}"), "group_id": group["id"] })).await);
        }
        task(&app, &bo, json!({ "title": "Personal", "description": "rollout notes" })).await;
        assert_eq!(found(&app, &bo, "rollout").await, ["Personal"], "ranked below 210 matches Bo cannot see");
        let hits = found(&app, &ana, "rollout").await;
        assert_eq!(hits.len(), 20);
        let newest: Vec<String> = (190..210).rev().map(|n| format!("Rollout step {n}")).collect();
        assert_eq!(hits, newest, "Ana's title matches, newest first");
        // Archived matches never take the places of visible ones, not even the newest.
        for id in &found_ids(&app, &ana, "rollout").await {
            assert_eq!(app.send(Method::POST, &format!("/api/v1/tasks/{id}/archive"), &ana, None).await.status(), 200);
        }
        let after = found_ids(&app, &ana, "rollout").await;
        assert_eq!(after, steps[170..190].iter().rev().cloned().collect::<Vec<_>>(), "the next twenty of the 190 left");
    }
}

on_both! {
    async fn bands_order_results_and_newer_tasks_come_first_within_one(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        let fay = token(&app, "fay").await;
        task(&app, &fay, json!({ "title": "Rollout of the API gateway" })).await;
        task(&app, &fay, json!({ "title": "Gateway certificates", "description": "Renew before the rollout" })).await;
        task(&app, &fay, json!({ "title": "Rollout of the edge gateway" })).await;
        let logs = task(&app, &fay, json!({ "title": "Gateway logs" })).await;
        let comment = json!({ "body": "The rollout is blocked on these" });
        assert_eq!(app.send(Method::POST, &format!("/api/v1/tasks/{logs}/comments"), &fay, Some(comment)).await.status(), 201);
        // Saying a word often does not lift a task out of its band.
        task(&app, &fay, json!({ "title": "Rollout", "description": "gateway gateway gateway rollout rollout" })).await;
        task(&app, &fay, json!({ "title": "Unrelated", "description": "rollout only" })).await;

        assert_eq!(
            found(&app, &fay, "rollout gateway").await,
            [
                "Rollout of the edge gateway",
                "Rollout of the API gateway",
                "Rollout",
                "Gateway certificates",
                "Gateway logs",
            ],
            "every word in the title, then in title and description, then with comments; newest first in each"
        );
        for (limit, expected) in [(2, "Rollout of the API gateway"), (4, "Gateway certificates")] {
            let response = app.send(Method::GET, &format!("/api/v1/search?q=rollout%20gateway&limit={limit}"), &fay, None).await;
            let page: Value = response.json().await.expect("json");
            let items = page["items"].as_array().expect("items");
            assert_eq!(items.len(), limit, "a page that spans bands stops at the limit");
            assert_eq!(items[limit - 1]["title"], expected);
        }
    }
}

on_both! {
    async fn the_same_bands_for_someone_who_sees_one_group_of_several(backend: Backend) {
        // On PostgreSQL someone who sees at least half of the groups has title matches read
        // first (a second index); someone who sees fewer has every match read at once.
        // Either way the answer is the same.
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        let (hana, ivo) = (token(&app, "hana").await, token(&app, "ivo").await);
        let mut groups = Vec::new();
        for name in ["Core", "Web", "Data"] {
            groups.push(app.create_group(&hana, name).await);
        }
        let added = app.send(Method::POST, &format!("/api/v1/groups/{}/members", groups[0]), &hana, Some(json!({ "email": "ivo@example.com" }))).await;
        assert_eq!(added.status(), 201);
        task(&app, &hana, json!({ "title": "Gateway", "description": "rollout plan for the old one", "group_id": groups[0] })).await;
        task(&app, &hana, json!({ "title": "Rollout of the gateway", "group_id": groups[0] })).await;
        for n in 0..30 {
            task(&app, &hana, json!({ "title": format!("Gateway rollout {n}"), "group_id": groups[1 + n % 2] })).await;
        }
        task(&app, &hana, json!({ "title": "Rollout of the old gateway", "group_id": groups[0] })).await;
        let expected = ["Rollout of the old gateway", "Rollout of the gateway", "Gateway"];
        assert_eq!(found(&app, &ivo, "rollout gateway").await, expected, "Ivo sees one group of three");
        let everything = found(&app, &hana, "rollout gateway").await;
        assert_eq!(everything.len(), 20);
        assert_eq!(everything[..2], ["Rollout of the old gateway", "Gateway rollout 29"], "Hana sees all three");
        // One title match, then the rest: Hana's search reads past the titles too.
        for searcher in [&hana, &ivo] {
            assert_eq!(found(&app, searcher, "old").await, ["Rollout of the old gateway", "Gateway"]);
        }
    }
}
