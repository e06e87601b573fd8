//! Super admins see dead jobs and retry or discard them; nobody else can.

use chrono::Duration;
use dayline_api_types::GlobalRole;
use dayline_db::jobs::{self, NewJob, Outcome};
use dayline_db::{ActorContext, AuditEntry};
use serde_json::{Value, json};

use crate::support::{TestApp, expect_problem, spawn_app};

const PASSWORD: &str = "correct horse battery staple";

async fn token(app: &TestApp, email: &str) -> String {
    let response = app.post_json("/api/v1/auth/login", &json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(response.status(), 200);
    let pair: Value = response.json().await.expect("json");
    pair["access_token"].as_str().expect("token").to_owned()
}

/// A job that failed its only attempt.
async fn dead_job(app: &TestApp) -> uuid::Uuid {
    let mut tx = app.state.db.begin(ActorContext::system()).await.expect("begin");
    let mut job = NewJob::new("mail.send", json!({"to": "secret@example.com"}));
    job.max_attempts = 1;
    let id = jobs::enqueue(&mut tx, job).await.expect("enqueue").expect("id");
    tx.audit(AuditEntry::new("test.enqueued", "job", Some(id))).await.expect("audit");
    tx.commit().await.expect("commit");
    let claimed = jobs::claim(&app.state.db, "w", jobs::DEFAULT_QUEUE, 1, Duration::seconds(30)).await.expect("claim");
    assert_eq!(claimed.len(), 1);
    let failure = Outcome::Failed { error: "SMTP said no".to_owned(), retry_at: None };
    jobs::record(&app.state.db, "w", &[(id, failure)]).await.expect("record");
    id
}

on_both! {
    async fn super_admins_list_retry_and_discard_dead_jobs(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        let (admin, _) = app.admin_with_totp().await;
        let first = dead_job(&app).await;
        let second = dead_job(&app).await;

        let list = |query: &'static str| {
            let (client, url, admin) = (app.client.clone(), app.url(&format!("/api/v1/admin/jobs{query}")), admin.clone());
            async move { client.get(url).bearer_auth(admin).send().await.expect("request") }
        };
        let page: Value = list("").await.json().await.expect("json");
        let ids: Vec<&str> = page["items"].as_array().expect("items").iter().map(|j| j["id"].as_str().expect("id")).collect();
        assert_eq!(ids, [second.to_string(), first.to_string()], "dead jobs, newest first");
        assert_eq!(page["items"][0]["last_error"], "SMTP said no");
        assert!(page["items"][0].get("payload").is_none(), "payloads may hold addresses or tokens");
        assert!(page["next_cursor"].is_null());

        let one: Value = list("?limit=1").await.json().await.expect("json");
        let cursor = one["next_cursor"].as_str().expect("cursor").to_owned();
        let url = app.url(&format!("/api/v1/admin/jobs?limit=1&cursor={cursor}"));
        let rest: Value = app.client.get(url).bearer_auth(&admin).send().await.expect("request").json().await.expect("json");
        assert_eq!(rest["items"][0]["id"], first.to_string());

        let problem = expect_problem(list("?state=zombie").await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "state");
        expect_problem(list("?limit=1000").await, 422).await;

        let retry = app.client.post(app.url(&format!("/api/v1/admin/jobs/{first}/retry"))).bearer_auth(&admin).send().await.expect("retry");
        assert_eq!(retry.status(), 204);
        assert_eq!(jobs::state_of(&app.state.db, first).await.expect("state").as_deref(), Some("queued"));
        let again = app.client.post(app.url(&format!("/api/v1/admin/jobs/{first}/retry"))).bearer_auth(&admin).send().await.expect("retry");
        expect_problem(again, 409).await;

        let discard = app.client.delete(app.url(&format!("/api/v1/admin/jobs/{second}"))).bearer_auth(&admin).send().await.expect("discard");
        assert_eq!(discard.status(), 204);
        assert_eq!(jobs::state_of(&app.state.db, second).await.expect("state"), None);
        let gone = app.client.delete(app.url(&format!("/api/v1/admin/jobs/{second}"))).bearer_auth(&admin).send().await.expect("discard");
        expect_problem(gone, 404).await;
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('job.retried', 'job.discarded')").await, 2);
    }

    async fn only_super_admins_reach_the_job_admin(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo", GlobalRole::User).await;
        let id = dead_job(&app).await;
        let member = token(&app, "bo@example.com").await;
        expect_problem(app.get("/api/v1/admin/jobs").await, 401).await;
        let listed = app.client.get(app.url("/api/v1/admin/jobs")).bearer_auth(&member).send().await.expect("request");
        expect_problem(listed, 403).await;
        let retried = app.client.post(app.url(&format!("/api/v1/admin/jobs/{id}/retry"))).bearer_auth(&member).send().await.expect("retry");
        expect_problem(retried, 403).await;
        let discarded = app.client.delete(app.url(&format!("/api/v1/admin/jobs/{id}"))).bearer_auth(&member).send().await.expect("discard");
        expect_problem(discarded, 403).await;
        assert_eq!(jobs::state_of(&app.state.db, id).await.expect("state").as_deref(), Some("dead"), "untouched");
    }
}
