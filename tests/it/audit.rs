//! The audit trail is append-only, and a change commits with its audit row and event or
//! not at all.

use dayline_db::{ActorContext, AuditEntry, DbError, NewEvent, new_id, sql};
use serde_json::json;
use sqlx::{Connection, Executor};

use crate::support::{Backend, TestApp, spawn_app};

async fn insert_user(tx: &mut dayline_db::WriteTx, email: &str) -> uuid::Uuid {
    let id = new_id();
    let now = tx.now();
    sql("INSERT INTO users (id, email, display_name, role, created_at, updated_at) VALUES ($1, $2, 'X', 'user', $3, $3)")
        .bind(id)
        .bind(email)
        .bind(now)
        .execute(tx)
        .await
        .expect("insert");
    id
}

/// Runs a statement as the table owner (PostgreSQL) or on the file itself (SQLite).
async fn execute_as_owner(app: &TestApp, statement: &'static str) -> Result<(), sqlx::Error> {
    match app.backend {
        Backend::Sqlite => {
            let url = format!("sqlite://{}", app.data_dir.path().join("dayline.db").display());
            let mut conn = sqlx::SqliteConnection::connect(&url).await?;
            conn.execute(statement).await.map(|_| ())
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&app.database.as_ref().expect("db").owner_url()).await?;
            conn.execute(statement).await.map(|_| ())
        }
    }
}

on_both! {
    async fn a_change_without_its_audit_entry_cannot_commit(backend: Backend) {
        let app = spawn_app(backend).await;
        let mut tx = app.state.db.begin(ActorContext::system()).await.expect("begin");
        insert_user(&mut tx, "nobody@example.com").await;
        let result = tx.commit().await;
        assert!(matches!(result, Err(DbError::MissingAudit)), "{result:?}");
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0, "the change was rolled back");
    }

    async fn change_audit_and_event_commit_together_or_not_at_all(backend: Backend) {
        let app = spawn_app(backend).await;
        // Rolled back: nothing of the three remains.
        let mut tx = app.state.db.begin(ActorContext::system()).await.expect("begin");
        let id = insert_user(&mut tx, "gone@example.com").await;
        tx.audit(AuditEntry::new("user.created", "user", Some(id))).await.expect("audit");
        tx.emit(NewEvent { kind: "user.created", aggregate_type: "user", aggregate_id: id, group_id: None, payload: json!({}) })
            .await
            .expect("event");
        tx.rollback().await.expect("rollback");
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.created'").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM events").await, 0);

        // Committed: all three are there, the audit row naming the actor.
        let actor = ActorContext { request_id: Some("req-1".to_owned()), ip: Some("192.0.2.1".to_owned()), ..ActorContext::system() };
        let mut tx = app.state.db.begin(actor).await.expect("begin");
        let id = insert_user(&mut tx, "kept@example.com").await;
        tx.audit(AuditEntry::new("user.created", "user", Some(id)).details(json!({"via": "test"}))).await.expect("audit");
        tx.emit(NewEvent { kind: "user.created", aggregate_type: "user", aggregate_id: id, group_id: None, payload: json!({"id": id}) })
            .await
            .expect("event");
        tx.commit().await.expect("commit");
        let row: (String, Option<String>, Option<String>, sqlx::types::Json<serde_json::Value>) =
            sql("SELECT action, request_id, actor_ip, details FROM audit_log WHERE target_id = $1")
                .bind(id)
                .fetch_one(app.state.db.read_as_system())
                .await
                .expect("audit row");
        assert_eq!((row.0.as_str(), row.1.as_deref(), row.2.as_deref()), ("user.created", Some("req-1"), Some("192.0.2.1")));
        assert_eq!(row.3.0, json!({"via": "test"}));
        assert_eq!(app.count("SELECT COUNT(*) FROM events WHERE dispatched_at IS NULL").await, 1);
    }

    async fn held_writes_run_before_the_next_statement_and_fail_their_commit(backend: Backend) {
        let app = spawn_app(backend).await;
        let held_user = |tx: &dayline_db::WriteTx, email: &'static str| {
            let now = tx.now();
            sql("INSERT INTO users (id, email, display_name, role, created_at, updated_at) VALUES ($1, $2, 'X', 'user', $3, $3)")
                .bind(new_id())
                .bind(email)
                .bind(now)
        };
        // Held writes go first: a later read in the transaction sees them.
        let mut tx = app.state.db.begin(ActorContext::system()).await.expect("begin");
        let statement = held_user(&tx, "first@example.com");
        tx.defer(statement);
        tx.audit(AuditEntry::new("user.created", "user", None)).await.expect("audit");
        let (seen,): (i64,) = sql("SELECT COUNT(*) FROM users").fetch_one(&mut tx).await.expect("count");
        assert_eq!(seen, 1);
        tx.commit().await.expect("commit");

        // A held write that fails (the address is taken) fails the commit, and nothing of the
        // transaction stays: neither the change before it nor its audit row.
        let mut tx = app.state.db.begin(ActorContext::system()).await.expect("begin");
        insert_user(&mut tx, "second@example.com").await;
        let statement = held_user(&tx, "first@example.com");
        tx.defer(statement);
        tx.audit(AuditEntry::new("user.created", "user", None)).await.expect("audit");
        assert!(tx.commit().await.is_err(), "the held duplicate fails the commit");
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 1);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.created'").await, 1);
    }

    async fn concurrent_changes_each_keep_their_own_outcome(backend: Backend) {
        // On SQLite, changes that queue for the writer share one commit; each must still end
        // as its own code decided, and a commit must not answer before its change is durable.
        let app = spawn_app(backend).await;
        let mut changes = Vec::new();
        for n in 0..24 {
            let db = app.state.db.clone();
            changes.push(tokio::spawn(async move {
                let email = format!("member{n}@example.com");
                let mut tx = db.begin(ActorContext::system()).await.expect("begin");
                let id = insert_user(&mut tx, &email).await;
                // Holding the writer a moment lets the others queue behind this change.
                tokio::time::sleep(std::time::Duration::from_millis(3)).await;
                if n % 4 != 3 {
                    tx.audit(AuditEntry::new("user.created", "user", Some(id))).await.expect("audit");
                }
                let kept = match n % 4 {
                    0 => tx.commit().await.is_ok(),
                    1 => {
                        tx.rollback().await.expect("rollback");
                        false
                    }
                    2 => {
                        drop(tx); // abandoned: an early return, a cancelled request
                        false
                    }
                    _ => tx.commit().await.is_ok(), // refused: no audit entry
                };
                let visible: (i64,) = sql("SELECT COUNT(*) FROM users WHERE email = $1")
                    .bind(email.as_str())
                    .fetch_one(db.read_as_system())
                    .await
                    .expect("count");
                (n, kept, visible.0)
            }));
            if n % 6 == 5 {
                // Bookkeeping writes go to the same writer between changes.
                sql("UPDATE users SET updated_at = updated_at WHERE email = 'nobody'")
                    .execute_bookkeeping(&app.state.db)
                    .await
                    .expect("bookkeeping write");
            }
        }
        for change in changes {
            let (n, kept, visible) = change.await.expect("change task");
            assert_eq!(kept, n % 4 == 0, "change {n} ended as its code decided");
            assert_eq!(visible, i64::from(kept), "change {n} is visible exactly when it was acknowledged");
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 6);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.created'").await, 6);
    }

    async fn the_audit_log_refuses_updates_and_deletes(backend: Backend) {
        let app = spawn_app(backend).await;
        app.complete_setup().await;
        let before = app.count("SELECT COUNT(*) FROM audit_log").await;
        assert!(before >= 1);
        // Even the table owner cannot rewrite history: triggers refuse it on both backends.
        assert!(execute_as_owner(&app, "UPDATE audit_log SET action = 'forged'").await.is_err());
        assert!(execute_as_owner(&app, "DELETE FROM audit_log").await.is_err());
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log").await, before);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'forged'").await, 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_postgres_app_role_has_no_update_or_delete_grant_on_the_audit_log() {
    let app = spawn_app(Backend::Postgres).await;
    app.complete_setup().await;
    let url = app.database.as_ref().expect("db").app_url();
    let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect as app role");
    for statement in ["UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
        let err = conn.execute(statement).await.expect_err(statement);
        let code = err.as_database_error().and_then(|e| e.code()).map(|c| c.into_owned());
        assert_eq!(code.as_deref(), Some("42501"), "{statement}: permission denied, not the trigger: {err}");
    }
    for privilege in ["UPDATE", "DELETE", "TRUNCATE"] {
        let (granted,): (bool,) = sqlx::query_as("SELECT has_table_privilege(current_user, 'audit_log', $1)")
            .bind(privilege)
            .fetch_one(&mut conn)
            .await
            .expect("privilege");
        assert!(!granted, "{privilege} is not granted");
    }
    // It can still read and append.
    conn.execute("SELECT COUNT(*) FROM audit_log").await.expect("select");
    let (owner,): (String,) = sqlx::query_as("SELECT tableowner::text FROM pg_tables WHERE tablename = 'audit_log'")
        .fetch_one(&mut conn)
        .await
        .expect("owner");
    assert_ne!(owner, crate::support::postgres::APP_ROLE, "the app role does not own the tables");
}

/// On SQLite, changes that arrive while another holds the writer share its commit (see
/// `group_commit.rs`), and `/metrics` tells an operator how many changes each commit carries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_changes_that_queue_for_the_writer_share_commits() {
    let app = spawn_app(Backend::Sqlite).await;
    let before = app.state.db.commit_stats().expect("sqlite counts its commits");
    let mut changes = Vec::new();
    for n in 0..20 {
        let db = app.state.db.clone();
        changes.push(tokio::spawn(async move {
            let mut tx = db.begin(ActorContext::system()).await.expect("begin");
            let id = insert_user(&mut tx, &format!("batch{n}@example.com")).await;
            tx.audit(AuditEntry::new("user.created", "user", Some(id))).await.expect("audit");
            // Holding the writer a moment lets the others queue behind this change.
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
            tx.commit().await.expect("commit");
        }));
    }
    for change in changes {
        change.await.expect("change task");
    }
    let after = app.state.db.commit_stats().expect("sqlite counts its commits");
    let (commits, carried) = (after.commits - before.commits, after.changes - before.changes);
    assert!(carried >= 20, "every change was committed and counted ({carried})");
    assert!(commits < carried, "{carried} changes in {commits} commits: queued changes share commits");
    assert_eq!(app.count("SELECT COUNT(*) FROM users WHERE email LIKE 'batch%'").await, 20);

    let metrics = app.get("/metrics").await.text().await.expect("metrics");
    assert!(metrics.contains("db_commits_total"), "{metrics}");
    assert!(metrics.contains("db_changes_committed_total"), "{metrics}");
}
