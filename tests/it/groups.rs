//! Groups and memberships over HTTP on both backends: validation that names the field,
//! visibility (404 for outsiders, 403 for members without the right), the last-admin rule,
//! groups that require a second factor of their admins, and deletion with step-up and
//! restore.

use std::sync::Arc;

use chrono::Duration;
use dayline_api_types::GlobalRole;
use dayline_db::{Clock, TestClock};
use serde_json::{Value, json};

use dayline::background::{Background, Roles};

use crate::support::{Options, PASSWORD, TestApp, expect_problem, spawn_app_with};

use reqwest::Method;

async fn app(backend: crate::support::Backend) -> (TestApp, Arc<TestClock>) {
    let clock = Arc::new(TestClock::new(chrono::Utc::now()));
    let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
    app.complete_setup().await;
    for (email, name) in [("bo@example.com", "Bo Berg"), ("carla@example.com", "Carla Costa")] {
        app.create_user(email, name, GlobalRole::User).await;
    }
    (app, clock)
}

async fn user_id(app: &TestApp, email: &str) -> String {
    let (id,): (uuid::Uuid,) = dayline_db::sql("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(app.state.db.read_as_system())
        .await
        .expect("user");
    id.to_string()
}

on_both! {
    async fn groups_validate_their_fields_and_members_see_only_their_groups(backend: Backend) {
        let (app, _) = app(backend).await;
        let bo = app.access_token("bo@example.com", PASSWORD).await;
        let carla = app.access_token("carla@example.com", PASSWORD).await;

        let created = app.send(Method::POST, "/api/v1/groups", &bo, Some(json!({ "name": "Platform Team" }))).await;
        assert_eq!(created.status(), 201);
        let group: Value = created.json().await.expect("json");
        assert_eq!(group["slug"], "platform-team");
        assert_eq!(group["timezone"], "UTC");
        assert_eq!(group["checkin_days"], json!(["mon", "tue", "wed", "thu", "fri"]));
        assert_eq!((group["checkin_time"].as_str(), group["summary_time"].as_str()), (Some("20:00"), Some("09:00")));
        assert_eq!(group["my_role"], "admin");
        let id = group["id"].as_str().expect("id").to_owned();
        let path = format!("/api/v1/groups/{id}");

        // Bad input names every field at fault.
        let bad = json!({ "name": "", "timezone": "Mars/Olympus", "checkin_time": "24:00", "summary_time": "7pm",
                          "checkin_days": ["funday"], "slug": "Not a slug" });
        let problem = expect_problem(app.send(Method::POST, "/api/v1/groups", &bo, Some(bad)).await, 422).await;
        let mut fields: Vec<&str> = problem["errors"].as_array().expect("errors").iter().map(|e| e["field"].as_str().expect("f")).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["checkin_days", "checkin_time", "name", "slug", "summary_time", "timezone"]);
        let offset = expect_problem(app.send(Method::PATCH, &path, &bo, Some(json!({ "timezone": "UTC+5" }))).await, 422).await;
        assert_eq!(offset["errors"][0]["field"], "timezone");
        let taken = expect_problem(app.send(Method::POST, "/api/v1/groups", &carla, Some(json!({ "name": "x", "slug": "platform-team" }))).await, 422).await;
        assert_eq!(taken["errors"][0]["field"], "slug");
        let unknown = expect_problem(app.send(Method::PATCH, &path, &bo, Some(json!({ "owner": "carla" }))).await, 422).await;
        assert_eq!(unknown["errors"][0]["field"], "owner");

        // An outsider sees nothing: 404, not 403, and the list leaves it out.
        expect_problem(app.send(Method::GET, &path, &carla, None).await, 404).await;
        expect_problem(app.send(Method::GET, &format!("{path}/members"), &carla, None).await, 404).await;
        expect_problem(app.send(Method::PATCH, &path, &carla, Some(json!({ "name": "Mine" }))).await, 404).await;
        let listed: Value = app.send(Method::GET, "/api/v1/groups", &carla, None).await.json().await.expect("json");
        assert!(listed["items"].as_array().expect("items").is_empty());

        // As a member, Carla sees the group but cannot administer it.
        let added = app.send(Method::POST, &format!("{path}/members"), &bo, Some(json!({ "email": "Carla@Example.com" }))).await;
        assert_eq!(added.status(), 201);
        expect_problem(app.send(Method::POST, &format!("{path}/members"), &bo, Some(json!({ "email": "carla@example.com" }))).await, 409).await;
        let nobody = expect_problem(app.send(Method::POST, &format!("{path}/members"), &bo, Some(json!({ "email": "nobody@example.com" }))).await, 422).await;
        assert_eq!(nobody["errors"][0]["field"], "email");
        let seen: Value = app.send(Method::GET, &path, &carla, None).await.json().await.expect("json");
        assert_eq!(seen["my_role"], "member");
        let members: Value = app.send(Method::GET, &format!("{path}/members"), &carla, None).await.json().await.expect("json");
        assert_eq!(members.as_array().expect("members").len(), 2);
        expect_problem(app.send(Method::PATCH, &path, &carla, Some(json!({ "name": "Mine" }))).await, 403).await;
        let bo_id = user_id(&app, "bo@example.com").await;
        expect_problem(app.send(Method::DELETE, &format!("{path}/members/{bo_id}"), &carla, None).await, 403).await;

        // The last admin can neither step down nor leave; with a second admin, they can.
        expect_problem(app.send(Method::PATCH, &format!("{path}/members/{bo_id}"), &bo, Some(json!({ "role": "member" }))).await, 409).await;
        expect_problem(app.send(Method::DELETE, &format!("{path}/members/{bo_id}"), &bo, None).await, 409).await;
        let carla_id = user_id(&app, "carla@example.com").await;
        let promoted: Value = app.send(Method::PATCH, &format!("{path}/members/{carla_id}"), &bo, Some(json!({ "role": "admin" })))
            .await.json().await.expect("json");
        assert_eq!(promoted["role"], "admin");
        assert_eq!(app.send(Method::DELETE, &format!("{path}/members/{bo_id}"), &bo, None).await.status(), 204);
        expect_problem(app.send(Method::GET, &path, &bo, None).await, 404).await;
        // Re-joining works (a new live membership beside the old one).
        let rejoined = app.send(Method::POST, &format!("{path}/members"), &carla, Some(json!({ "email": "bo@example.com" }))).await;
        assert_eq!(rejoined.status(), 201);

        let trail: Vec<(String,)> = dayline_db::sql("SELECT action FROM audit_log WHERE group_id = $1 ORDER BY id")
            .bind(uuid::Uuid::parse_str(&id).expect("uuid")).fetch_all(app.state.db.read_as_system()).await.expect("trail");
        let trail: Vec<&str> = trail.iter().map(|(a,)| a.as_str()).collect();
        assert_eq!(trail, ["group.created", "membership.added", "membership.role_changed", "membership.left", "membership.added"]);
        // Group admins read that trail over HTTP; members may not.
        let audit: Value = app.send(Method::GET, &format!("{path}/audit"), &carla, None).await.json().await.expect("json");
        let actions: Vec<&str> = audit["items"].as_array().expect("items").iter().map(|e| e["action"].as_str().expect("a")).collect();
        assert_eq!(actions, ["membership.added", "membership.left", "membership.role_changed", "membership.added", "group.created"]);
        expect_problem(app.send(Method::GET, &format!("{path}/audit"), &bo, None).await, 403).await;
    }

    async fn groups_can_require_admin_second_factors_and_deletion_needs_step_up(backend: Backend) {
        let (app, clock) = app(backend).await;
        let bo = app.access_token("bo@example.com", PASSWORD).await;
        let group: Value = app.send(Method::POST, "/api/v1/groups", &bo, Some(json!({ "name": "Ops", "require_admin_mfa": true })))
            .await.json().await.expect("json");
        let path = format!("/api/v1/groups/{}", group["id"].as_str().expect("id"));
        // Bo administers the group only with a second factor.
        let problem = expect_problem(app.send(Method::PATCH, &path, &bo, Some(json!({ "description": "x" }))).await, 403).await;
        assert_eq!(problem["type"], "/problems/second-factor-required");
        assert_eq!(app.send(Method::GET, &path, &bo, None).await.status(), 200, "reading needs none");
        let (secret, _) = app.enrol_totp(&bo).await;
        let bo = app.sign_in_with_totp("bo@example.com", PASSWORD, &secret, 1).await;
        assert_eq!(app.send(Method::PATCH, &path, &bo, Some(json!({ "description": "x" }))).await.status(), 200);

        // Deleting needs a recent step-up (signing in with the factor counted for 5 minutes).
        clock.advance(Duration::minutes(5));
        let stale = expect_problem(app.send(Method::DELETE, &path, &bo, None).await, 401).await;
        assert_eq!(stale["type"], "/problems/step-up-required");
        clock.advance(Duration::seconds(30));
        let stepped = app.send(Method::POST, "/api/v1/auth/step-up", &bo, Some(json!({ "code": app.totp_code(&secret, 0) }))).await;
        assert_eq!(stepped.status(), 204);
        assert_eq!(app.send(Method::DELETE, &path, &bo, None).await.status(), 204);
        expect_problem(app.send(Method::GET, &path, &bo, None).await, 404).await;
        expect_problem(app.send(Method::POST, &format!("{path}/restore"), &bo, None).await, 404).await;

        // A super admin restores it.
        let (admin, _) = app.admin_with_totp().await;
        let restored = app.send(Method::POST, &format!("{path}/restore"), &admin, None).await;
        assert_eq!(restored.status(), 200);
        assert_eq!(app.send(Method::GET, &path, &bo, None).await.status(), 200);
        expect_problem(app.send(Method::POST, &format!("{path}/restore"), &admin, None).await, 409).await;
    }

    async fn deleted_groups_are_purged_after_30_days(backend: Backend) {
        let clock = Arc::new(TestClock::new(chrono::Utc::now()));
        let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
        app.complete_setup().await;
        let (admin, secret) = app.admin_with_totp().await;
        let background = Background::start(&app.state.db, &app.state.settings, Roles { worker: true, scheduler: true }).expect("start");
        // The scheduler registers its daily purge when its task first runs: before the clock
        // moves, or the schedule would start from the future.
        let registered = || async { dayline_db::schedules::next_run_at(&app.state.db, "system:groups-purge").await.expect("schedule").is_some() };
        assert!(crate::support::eventually(registered).await, "the purge schedule is registered");
        let mut paths = Vec::new();
        for name in ["Old", "Recent"] {
            let group: Value = app.send(Method::POST, "/api/v1/groups", &admin, Some(json!({ "name": name }))).await.json().await.expect("json");
            paths.push(format!("/api/v1/groups/{}", group["id"].as_str().expect("id")));
        }
        assert_eq!(app.send(Method::DELETE, &paths[0], &admin, None).await.status(), 204);
        clock.advance(Duration::days(20));
        let admin = app.sign_in_with_totp("ana@example.com", PASSWORD, &secret, 0).await;
        assert_eq!(app.send(Method::DELETE, &paths[1], &admin, None).await.status(), 204);
        // A minute past the daily 03:30 UTC run, 31 days after the first deletion: that run
        // is inside the scheduler's catch-up window, the ones missed before it are not.
        let started = clock.now() - Duration::days(20);
        let mut target = (started + Duration::days(31)).date_naive().and_hms_opt(3, 31, 0).expect("time").and_utc();
        if target < started + Duration::days(31) {
            target += Duration::days(1);
        }
        clock.advance(target - clock.now());
        // The first was deleted over 31 days ago: gone, even before the purge runs; the second is not.
        let admin = app.sign_in_with_totp("ana@example.com", PASSWORD, &secret, 0).await;
        expect_problem(app.send(Method::POST, &format!("{}/restore", paths[0]), &admin, None).await, 404).await;
        let purged = crate::support::eventually(|| async { app.count("SELECT COUNT(*) FROM groups").await == 1 }).await;
        if !purged {
            // What the scheduler and the queue hold, to tell a missed run from a failed job.
            let jobs: Vec<(String, String, chrono::DateTime<chrono::Utc>, Option<String>)> =
                dayline_db::sql("SELECT kind, state, run_at, last_error FROM jobs").fetch_all(&app.state.db).await.expect("jobs");
            let schedules: Vec<(String, chrono::DateTime<chrono::Utc>)> =
                dayline_db::sql("SELECT key, next_run_at FROM schedules").fetch_all(&app.state.db).await.expect("schedules");
            panic!("not purged at {}; jobs: {jobs:?}; schedules: {schedules:?}", clock.now());
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'group.purged'").await, 1);
        assert_eq!(app.count("SELECT COUNT(*) FROM memberships").await, 1, "with its memberships");
        assert_eq!(app.send(Method::POST, &format!("{}/restore", paths[1]), &admin, None).await.status(), 200);
        background.stop().await;
    }

    async fn group_creation_can_be_limited_to_super_admins(backend: Backend) {
        let configure = Box::new(|s: &mut dayline::config::Settings| s.group_creation = dayline::config::GroupCreation::SuperAdmins);
        let app = spawn_app_with(backend, Options { configure, ..Options::default() }).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let bo = app.access_token("bo@example.com", PASSWORD).await;
        expect_problem(app.send(Method::POST, "/api/v1/groups", &bo, Some(json!({ "name": "Ops" }))).await, 403).await;
        let (admin, _) = app.admin_with_totp().await;
        assert_eq!(app.send(Method::POST, "/api/v1/groups", &admin, Some(json!({ "name": "Ops" }))).await.status(), 201);
    }

    async fn super_admins_reading_a_group_they_do_not_belong_to_are_audited(backend: Backend) {
        let (app, _) = app(backend).await;
        let bo = app.access_token("bo@example.com", PASSWORD).await;
        let group: Value = app.send(Method::POST, "/api/v1/groups", &bo, Some(json!({ "name": "Ops" }))).await.json().await.expect("json");
        let path = format!("/api/v1/groups/{}", group["id"].as_str().expect("id"));
        let reads = "SELECT COUNT(*) FROM audit_log WHERE action = 'group.read_by_super_admin'";
        for suffix in ["", "/members", "/invitations", "/audit"] {
            assert_eq!(app.send(Method::GET, &format!("{path}{suffix}"), &bo, None).await.status(), 200);
        }
        assert_eq!(app.count(reads).await, 0, "members reading their own group are not audited");
        let (admin, _) = app.admin_with_totp().await;
        for suffix in ["", "/members", "/invitations", "/audit"] {
            assert_eq!(app.send(Method::GET, &format!("{path}{suffix}"), &admin, None).await.status(), 200);
        }
        assert_eq!(app.count(reads).await, 4, "every read by the outside super admin is");
        let trail: Value = app.send(Method::GET, &format!("{path}/audit?action=group.read_by_super_admin"), &bo, None).await.json().await.expect("json");
        let items = trail["items"].as_array().expect("items");
        let what: Vec<&str> = items.iter().map(|e| e["details"]["read"].as_str().expect("read")).collect();
        assert_eq!(what, ["audit", "invitations", "members", "group"], "the group's admins see what was read, newest first");
        assert!(items.iter().all(|e| e["actor_ip"].as_str().is_some()), "with the reader's address");
    }
}
