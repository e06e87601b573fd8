//! PostgreSQL Row-Level Security, checked beneath the application: connected as the app role
//! with another user's context, direct SQL finds none of a user's rows in any protected table;
//! a query without any filter through the data layer still returns only permitted rows.

use dayline_api_types::GlobalRole;
use dayline_db::{ActorContext, RowAccess, sql};
use reqwest::Method;
use serde_json::json;
use sqlx::{Connection, Executor, PgConnection};
use uuid::Uuid;

use crate::support::{Backend, PASSWORD, TestApp, spawn_app};

/// Every table under row security, with the rows of the user `$1` (alice) and her group `$2`.
const PROTECTED: &[(&str, &str)] = &[
    ("tasks", "group_id = $2"),
    ("task_counters", "scope_id = $2 OR scope_id = $1"),
    ("task_history", "task_id IN (SELECT id FROM tasks WHERE group_id = $2)"),
    ("idempotency_keys", "user_id = $1"),
    ("task_comments", "task_id IN (SELECT id FROM tasks WHERE group_id = $2)"),
    ("task_search", "task_id IN (SELECT id FROM tasks WHERE group_id = $2)"),
    ("tags", "group_id = $2"),
    (
        "task_relations",
        "from_id IN (SELECT id FROM tasks WHERE group_id = $2) OR to_id IN (SELECT id FROM tasks WHERE group_id = $2)",
    ),
    ("task_tags", "task_id IN (SELECT id FROM tasks WHERE group_id = $2)"),
    ("notifications", "user_id = $1"),
    ("attachments", "uploader_id = $1"),
    ("users", "id = $1"),
    ("sessions", "user_id = $1"),
    ("refresh_tokens", "session_id IN (SELECT id FROM sessions WHERE user_id = $1)"),
    ("password_resets", "user_id = $1"),
    ("totp_credentials", "user_id = $1"),
    ("backup_codes", "user_id = $1"),
    ("mfa_challenges", "user_id = $1"),
    ("api_tokens", "user_id = $1"),
    ("passkeys", "user_id = $1"),
    ("webauthn_ceremonies", "user_id = $1"),
    ("groups", "id = $2"),
    ("memberships", "group_id = $2"),
    ("invitations", "group_id = $2"),
    ("audit_log", "actor_id = $1 OR group_id = $2"),
    ("events", "actor_id = $1 OR group_id = $2"),
];

struct World {
    app: TestApp,
    alice: Uuid,
    bob: Uuid,
    alice_group: Uuid,
    bob_group: Uuid,
}

async fn me(app: &TestApp, token: &str) -> Uuid {
    let body: serde_json::Value = app.send(Method::GET, "/api/v1/me", token, None).await.json().await.expect("me");
    body["id"].as_str().expect("id").parse().expect("uuid")
}

async fn create_group(app: &TestApp, token: &str, name: &str) -> Uuid {
    let response = app.send(Method::POST, "/api/v1/groups", token, Some(json!({ "name": name }))).await;
    assert_eq!(response.status(), 201, "group {name}");
    let body: serde_json::Value = response.json().await.expect("json");
    body["id"].as_str().expect("id").parse().expect("uuid")
}

/// Alice and Bob, each with a group of their own; Alice has a row in every protected table.
async fn world() -> World {
    let app = spawn_app(Backend::Postgres).await;
    app.complete_setup().await;
    app.create_user("alice@example.com", "Alice Aalto", GlobalRole::User).await;
    app.create_user("bob@example.com", "Bob Berg", GlobalRole::User).await;
    let alice_token = app.access_token("alice@example.com", PASSWORD).await;
    let bob_token = app.access_token("bob@example.com", PASSWORD).await;
    let (alice, bob) = (me(&app, &alice_token).await, me(&app, &bob_token).await);
    let alice_group = create_group(&app, &alice_token, "Alice's team").await;
    let bob_group = create_group(&app, &bob_token, "Bob's team").await;
    let invited = app
        .send(
            Method::POST,
            &format!("/api/v1/groups/{alice_group}/invitations"),
            &alice_token,
            Some(json!({ "email": "carol@example.com" })),
        )
        .await;
    assert_eq!(invited.status(), 201, "invitation");
    let token = app
        .send(Method::POST, "/api/v1/me/tokens", &alice_token, Some(json!({ "name": "ci", "scopes": ["read"] })))
        .await;
    assert_eq!(token.status(), 201, "api token");
    app.enrol_totp(&alice_token).await;
    let task = app
        .client
        .post(app.url("/api/v1/tasks"))
        .bearer_auth(&alice_token)
        .header("idempotency-key", "k1")
        .json(&json!({ "title": "Alice's task", "group_id": alice_group, "tags": ["alpha"] }))
        .send()
        .await
        .expect("task");
    assert_eq!(task.status(), 201, "task");
    let task: serde_json::Value = task.json().await.expect("json");
    let changed = app
        .send(
            Method::PATCH,
            &format!("/api/v1/tasks/{}", task["id"].as_str().expect("id")),
            &alice_token,
            Some(json!({ "status": "done" })),
        )
        .await;
    assert_eq!(changed.status(), 200, "history");
    let commented = app
        .send(
            Method::POST,
            &format!("/api/v1/tasks/{}/comments", task["id"].as_str().expect("id")),
            &alice_token,
            Some(json!({ "body": "Done!" })),
        )
        .await;
    assert_eq!(commented.status(), 201, "comment");
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(b"notes".to_vec()).file_name("notes.txt"));
    let attached = app
        .client
        .post(app.url(&format!("/api/v1/tasks/{}/attachments", task["id"].as_str().expect("id"))))
        .bearer_auth(&alice_token)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(attached.status(), 201, "attachment");
    let second = app
        .send(
            Method::POST,
            "/api/v1/tasks",
            &alice_token,
            Some(json!({ "title": "Alice's second", "group_id": alice_group })),
        )
        .await;
    let second: serde_json::Value = second.json().await.expect("json");
    let related = app
        .send(
            Method::POST,
            &format!("/api/v1/tasks/{}/relations", task["id"].as_str().expect("id")),
            &alice_token,
            Some(json!({ "kind": "blocks", "task_id": second["id"] })),
        )
        .await;
    assert_eq!(related.status(), 201, "relation");
    let personal = app.send(Method::POST, "/api/v1/tasks", &alice_token, Some(json!({ "title": "Alice's own" }))).await;
    assert_eq!(personal.status(), 201, "personal task");
    let challenge: serde_json::Value = app.login("alice@example.com", PASSWORD).await.json().await.expect("json");
    assert_eq!(challenge["mfa_required"], true, "a pending second-factor challenge");

    // What the API makes only through a mail job or a real authenticator, the owner writes.
    let mut owner = PgConnection::connect(&app.database.as_ref().expect("db").owner_url()).await.expect("owner");
    let now = chrono::Utc::now();
    for statement in [
        "INSERT INTO password_resets (id, user_id, token_hash, created_at, expires_at) VALUES ($1, $2, 'reset', $3, $3)",
        "INSERT INTO passkeys (id, user_id, name, credential_id, passkey, created_at) VALUES ($1, $2, 'key', 'cred', '{}', $3)",
        "INSERT INTO webauthn_ceremonies (id, user_id, purpose, state, created_at, expires_at) \
         VALUES ($1, $2, 'register', '{}', $3, $3)",
        "INSERT INTO events (id, occurred_at, kind, aggregate_type, aggregate_id, actor_id, payload) \
         VALUES ($1, $3, 'test.happened', 'user', $2, $2, '{}')",
        "INSERT INTO notifications (id, user_id, kind, created_at) VALUES ($1, $2, 'mention', $3)",
    ] {
        sqlx::query(statement).bind(Uuid::now_v7()).bind(alice).bind(now).execute(&mut owner).await.expect(statement);
    }
    owner.close().await.ok();
    World { app, alice, bob, alice_group, bob_group }
}

/// Direct connections to the test database: as its owner (who bypasses the policies) and as
/// the application's role (bound by them).
async fn connections(w: &World) -> (PgConnection, PgConnection) {
    let db = w.app.database.as_ref().expect("db");
    let owner = PgConnection::connect(&db.owner_url()).await.expect("owner");
    let app_role = PgConnection::connect(&db.app_url()).await.expect("app role");
    (owner, app_role)
}

/// `SELECT COUNT(*) FROM table WHERE predicate` on `conn`, inside a transaction carrying
/// `access` exactly as the application sets it (or no context at all).
async fn count(conn: &mut PgConnection, access: Option<RowAccess>, table: &str, predicate: &str, w: &World) -> i64 {
    let mut tx = conn.begin().await.expect("begin");
    if let Some(access) = access {
        sqlx::query(
            "SELECT set_config('dayline.user_id', $1, true), set_config('dayline.is_super_admin', $2, true), \
             set_config('dayline.is_system', $3, true)",
        )
        .bind(access.user_id.map(|id| id.to_string()).unwrap_or_default())
        .bind(access.is_super_admin.to_string())
        .bind(access.is_system.to_string())
        .execute(&mut *tx)
        .await
        .expect("context");
    }
    let statement = format!("SELECT COUNT(*) FROM {table} WHERE {predicate}");
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(statement))
        .bind(w.alice)
        .bind(w.alice_group)
        .fetch_one(&mut *tx)
        .await
        .expect(table);
    tx.rollback().await.expect("rollback");
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_role_with_another_users_context_sees_none_of_alices_rows() {
    let w = world().await;
    let (mut owner, mut app_role) = connections(&w).await;
    let bob = RowAccess::user(w.bob, false);
    let alice = RowAccess::user(w.alice, false);
    for (table, predicate) in PROTECTED {
        let present = count(&mut owner, None, table, predicate, &w).await;
        assert!(present > 0, "{table}: the owner sees Alice's rows, so the check below means something");
        assert_eq!(count(&mut app_role, Some(bob), table, predicate, &w).await, 0, "{table}: Bob sees none of them");
        assert_eq!(count(&mut app_role, None, table, predicate, &w).await, 0, "{table}: no context, no rows");
        if *table != "events" {
            assert_eq!(
                count(&mut app_role, Some(alice), table, predicate, &w).await,
                present,
                "{table}: Alice sees hers"
            );
        }
        // Super admins see everything but someone's notifications (and personal tasks, below).
        let all = RowAccess::user(w.bob, true);
        let expected = if *table == "notifications" { 0 } else { present };
        assert_eq!(count(&mut app_role, Some(all), table, predicate, &w).await, expected, "{table}: super admins");
    }

    // A personal task is its owner's alone: not even a super admin's context shows it.
    let personal = "group_id IS NULL AND owner_id = $1";
    assert_eq!(count(&mut owner, None, "tasks", personal, &w).await, 1);
    assert_eq!(count(&mut app_role, Some(alice), "tasks", personal, &w).await, 1);
    assert_eq!(count(&mut app_role, Some(RowAccess::user(w.bob, true)), "tasks", personal, &w).await, 0);

    // Writes are held to the same rules: Bob can neither change Alice's group nor join it.
    let mut tx = app_role.begin().await.expect("begin");
    sqlx::query("SELECT set_config('dayline.user_id', $1, true)")
        .bind(w.bob.to_string())
        .execute(&mut *tx)
        .await
        .expect("ctx");
    let changed = sqlx::query("UPDATE groups SET name = 'Taken over' WHERE id = $1")
        .bind(w.alice_group)
        .execute(&mut *tx)
        .await
        .expect("update");
    assert_eq!(changed.rows_affected(), 0, "Alice's group is out of Bob's reach");
    let joined = sqlx::query(
        "INSERT INTO memberships (id, group_id, user_id, role, created_at) VALUES ($1, $2, $3, 'admin', now())",
    )
    .bind(Uuid::now_v7())
    .bind(w.alice_group)
    .bind(w.bob)
    .execute(&mut *tx)
    .await
    .expect_err("Bob cannot make himself an admin of Alice's group");
    let code = joined.as_database_error().and_then(|e| e.code()).map(|c| c.into_owned());
    assert_eq!(code.as_deref(), Some("42501"), "refused by row security: {joined}");
    tx.rollback().await.ok();

    // The app role cannot step around the policies.
    let (bypass,): (bool,) = sqlx::query_as("SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user")
        .fetch_one(&mut app_role)
        .await
        .expect("role");
    assert!(!bypass, "the app role has no BYPASSRLS");
    app_role.execute("SET row_security = off").await.expect("set");
    let refused = app_role.execute("SELECT COUNT(*) FROM users").await.expect_err("row_security = off is refused");
    assert!(refused.to_string().contains("row-level security"), "{refused}");
}

/// The group's rows that Alice sees only as a member (not as their author or owner).
const AS_MEMBER: &[(&str, &str)] = &[
    ("tasks", "group_id = $2"),
    ("task_counters", "scope_id = $2"),
    ("task_history", "task_id IN (SELECT id FROM tasks WHERE group_id = $2)"),
    ("task_comments", "task_id IN (SELECT id FROM tasks WHERE group_id = $2)"),
    ("tags", "group_id = $2"),
    ("task_tags", "task_id IN (SELECT id FROM tasks WHERE group_id = $2)"),
    ("groups", "id = $2"),
    ("memberships", "group_id = $2 AND user_id <> $1"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_left_sees_none_of_the_groups_rows() {
    let w = world().await;
    let (mut owner, mut app_role) = connections(&w).await;
    let alice = RowAccess::user(w.alice, false);
    // A second member, so that the group has a membership row that is not Alice's own.
    sqlx::query(
        "INSERT INTO memberships (id, group_id, user_id, role, created_at) VALUES ($1, $2, $3, 'member', now())",
    )
    .bind(Uuid::now_v7())
    .bind(w.alice_group)
    .bind(w.bob)
    .execute(&mut owner)
    .await
    .expect("bob joins");
    for (table, predicate) in AS_MEMBER {
        assert!(count(&mut app_role, Some(alice), table, predicate, &w).await > 0, "{table}: a member sees them");
    }
    sqlx::query("UPDATE memberships SET deleted_at = now() WHERE group_id = $1 AND user_id = $2")
        .bind(w.alice_group)
        .bind(w.alice)
        .execute(&mut owner)
        .await
        .expect("alice leaves");
    for (table, predicate) in AS_MEMBER {
        assert_eq!(count(&mut app_role, Some(alice), table, predicate, &w).await, 0, "{table}: after leaving");
    }
    // Bob, who stays, still sees the group's tasks.
    let bob = RowAccess::user(w.bob, false);
    assert!(count(&mut app_role, Some(bob), "tasks", "group_id = $2", &w).await > 0, "Bob, still a member");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_without_a_filter_through_the_data_layer_returns_only_permitted_rows() {
    let w = world().await;
    let db = &w.app.state.db;
    let groups = |access| async move {
        let rows: Vec<(Uuid,)> =
            sql("SELECT id FROM groups ORDER BY id").fetch_all(db.read_as(access)).await.expect("groups");
        rows.into_iter().map(|(id,)| id).collect::<Vec<_>>()
    };
    assert_eq!(groups(RowAccess::user(w.bob, false)).await, vec![w.bob_group], "Bob's groups only");
    assert_eq!(groups(RowAccess::user(w.alice, false)).await, vec![w.alice_group], "Alice's groups only");
    let mut both = vec![w.alice_group, w.bob_group];
    both.sort();
    assert_eq!(groups(RowAccess::user(w.bob, true)).await, both, "a super admin sees every group");

    let users: Vec<(Uuid,)> =
        sql("SELECT id FROM users").fetch_all(db.read_as(RowAccess::user(w.bob, false))).await.expect("users");
    assert_eq!(users, vec![(w.bob,)], "Bob shares no group with anyone: he sees himself");
    let unscoped: Vec<(Uuid,)> = sql("SELECT id FROM users").fetch_all(db).await.expect("users");
    assert!(unscoped.is_empty(), "a read without a context sees no user at all");

    // A write transaction carries its actor's context too: a filter-less UPDATE touches only
    // what Bob may change.
    let actor = ActorContext { user_id: Some(w.bob), ..ActorContext::default() };
    let mut tx = db.begin(actor).await.expect("begin");
    let changed = sql("UPDATE groups SET description = 'renamed by Bob'").execute(&mut tx).await.expect("update");
    assert_eq!(changed, 1, "only Bob's own group");
    tx.rollback().await.expect("rollback");
}
