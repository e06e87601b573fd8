//! Both backends have the same tables and columns, and every migration can be reverted.

use std::collections::BTreeSet;

use dayline_db::migrate;

use crate::support::{Backend, TestApp, spawn_app};

async fn columns(app: &TestApp) -> BTreeSet<(String, String)> {
    let statement = match app.backend {
        Backend::Sqlite => {
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
        }
        Backend::Postgres => {
            "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = current_schema()"
        }
    };
    let rows: Vec<(String, String)> =
        dayline_db::sql(statement).fetch_all(app.state.db.read_as_system()).await.expect("columns");
    // sqlx's own bookkeeping table is not part of Dayline's schema (and the PostgreSQL app
    // role cannot see it).
    // SQLite's full-text index keeps its data in shadow tables (`task_search_data`, …) beside
    // the `task_search` table both backends have; PostgreSQL stores its weighted document there,
    // and who may find the task (for its match function).
    rows.into_iter()
        .filter(|(table, column)| {
            table != "_sqlx_migrations"
                && !table.starts_with("task_search_")
                && !(table == "task_search"
                    && ["document", "group_id", "owner_id", "archived"].contains(&column.as_str()))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_schemas_have_the_same_tables_and_columns() {
    let sqlite = spawn_app(Backend::Sqlite).await;
    let postgres = spawn_app(Backend::Postgres).await;
    let (s, p) = (columns(&sqlite).await, columns(&postgres).await);
    assert!(s.iter().any(|(t, _)| t == "audit_log"), "{s:?}");
    let only_sqlite: Vec<_> = s.difference(&p).collect();
    let only_postgres: Vec<_> = p.difference(&s).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "SQLite only: {only_sqlite:?}\nPostgreSQL only: {only_postgres:?}"
    );
}

#[tokio::test]
async fn both_backends_have_the_same_migration_versions() {
    let sqlite = spawn_app(Backend::Sqlite).await;
    let postgres = spawn_app(Backend::Postgres).await;
    let versions = |m: Vec<migrate::MigrationState>| m.into_iter().map(|m| (m.version, m.applied)).collect::<Vec<_>>();
    let s = versions(migrate::status(&sqlite.owner_db().await).await.expect("status"));
    let p = versions(migrate::status(&postgres.owner_db().await).await.expect("status"));
    assert!(!s.is_empty());
    assert_eq!(s, p);
    assert!(s.iter().all(|(_, applied)| *applied));
}

on_both! {
    async fn every_migration_reverts_and_reapplies(backend: Backend) {
        let app = spawn_app(backend).await;
        let db = app.owner_db().await;
        let total = migrate::status(&db).await.expect("status").len();
        let reverted = migrate::down(&db, total).await.expect("down");
        assert_eq!(reverted.len(), total);
        assert!(migrate::status(&db).await.expect("status").iter().all(|m| !m.applied));
        let left = columns(&app).await;
        assert!(left.is_empty(), "down steps leave no tables behind: {left:?}");
        migrate::up(&db).await.expect("up");
        assert!(migrate::status(&db).await.expect("status").iter().all(|m| m.applied));
        assert!(columns(&app).await.iter().any(|(t, _)| t == "users"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout() {
    let app = spawn_app(Backend::Sqlite).await;
    let dayline_db::Backend::Sqlite { reader, writer } = app.state.db.backend() else { panic!("sqlite") };
    for pool in [reader, writer.pool()] {
        let mut conn = pool.acquire().await.expect("connection");
        let pragma = |name: &'static str| sqlx::query_scalar::<_, i64>(name);
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&mut *conn).await.expect("journal");
        assert_eq!(mode, "wal");
        assert_eq!(pragma("PRAGMA synchronous").fetch_one(&mut *conn).await.expect("sync"), 2, "FULL");
        assert_eq!(pragma("PRAGMA foreign_keys").fetch_one(&mut *conn).await.expect("fk"), 1);
        assert_eq!(pragma("PRAGMA busy_timeout").fetch_one(&mut *conn).await.expect("busy"), 250, "as configured");
        assert_eq!(
            pragma("PRAGMA mmap_size").fetch_one(&mut *conn).await.expect("mmap"),
            1 << 30,
            "pages read through a map"
        );
    }
}

/// SQLite as built for Dayline (see .cargo/config.toml). Without the planner stability
/// guarantee it re-plans a statement with a bound `LIMIT` every time it is bound again, so
/// every list pays for a parse; with memory statistics on, concurrent readers queue on one
/// mutex for every allocation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_is_built_for_concurrent_reads_of_prepared_statements() {
    let app = spawn_app(Backend::Sqlite).await;
    let dayline_db::Backend::Sqlite { reader, .. } = app.state.db.backend() else { panic!("sqlite") };
    let options: Vec<String> =
        sqlx::query_scalar("PRAGMA compile_options").fetch_all(reader).await.expect("compile options");
    assert!(options.iter().any(|o| o == "ENABLE_QPSG"), "{options:?}");
    assert!(options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"), "{options:?}");
}

/// PostgreSQL's full-text index takes new entries directly: with a pending list, every
/// search read all entries written since the last vacuum, one by one. The membership checks
/// the row policies call are PL/pgSQL, whose query plans last for the session (in SQL, each
/// statement calling them planned their bodies again).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_search_index_and_policy_checks_are_set_up_for_load() {
    let app = spawn_app(Backend::Postgres).await;
    let db = app.state.db.read_as_system();
    let (options,): (Option<String>,) = dayline_db::sql(
        "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'task_search_document_stored'",
    )
    .fetch_one(db)
    .await
    .expect("index options");
    assert_eq!(options.as_deref(), Some("fastupdate=off"));
    let languages: Vec<(String, String)> = dayline_db::sql(
        "SELECT p.proname::text, l.lanname::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang \
         WHERE p.proname IN ('dayline_is_member', 'dayline_is_group_admin', 'dayline_shares_group', \
         'dayline_founds_group') ORDER BY 1",
    )
    .fetch_all(app.state.db.read_as_system())
    .await
    .expect("functions");
    assert_eq!(languages.len(), 4, "{languages:?}");
    assert!(languages.iter().all(|(_, language)| language == "plpgsql"), "{languages:?}");
}

/// PostgreSQL write transactions use generic plans (see `TxKind`), and so do reads that ask
/// for them; the setting is transaction-local, so other reads on the same pooled connections
/// keep choosing plans per run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_generic_plans_stay_inside_their_transactions() {
    let app = spawn_app(Backend::Postgres).await;
    let setting = "SELECT current_setting('plan_cache_mode')";
    for _ in 0..3 {
        let mut tx = app.state.db.begin(dayline_db::ActorContext::system()).await.expect("begin");
        let (inside,): (String,) = dayline_db::sql(setting).fetch_one(&mut tx).await.expect("inside");
        assert_eq!(inside, "force_generic_plan");
        tx.rollback().await.expect("rollback");
        let (after,): (String,) =
            dayline_db::sql(setting).fetch_one(app.state.db.read_as_system()).await.expect("after");
        assert_eq!(after, "auto");
        // Reads written for one plan (the task list) ask for it, for their transaction only.
        let access = dayline_db::RowAccess::system();
        let (planned_once,): (String,) =
            dayline_db::sql(setting).fetch_one(app.state.db.read_planned_once(access)).await.expect("planned once");
        assert_eq!(planned_once, "force_generic_plan");
        let (after,): (String,) =
            dayline_db::sql(setting).fetch_one(app.state.db.read_as_system()).await.expect("after read");
        assert_eq!(after, "auto");
    }
}

/// A read does not wait for its transaction to end (see `end_read`), yet the transaction
/// ends before its connection serves anyone else: on a pool of one connection, the next
/// statement runs on the same server process and carries no caller's context, and no
/// connection stays idle inside a transaction (which would keep an old snapshot and hold
/// back vacuum).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_reads_end_their_transactions_before_the_connection_is_reused() {
    let app = spawn_app(Backend::Postgres).await;
    let mut settings = app.state.settings.clone();
    settings.database_max_connections = 1;
    let db = dayline::start::connect(&settings, &settings.db_options(), app.state.clock.clone()).await.expect("db");
    let user = uuid::Uuid::now_v7();
    let context = "SELECT COALESCE(current_setting('dayline.user_id', true), ''), pg_backend_pid()";
    for _ in 0..20 {
        let access = dayline_db::RowAccess::user(user, false);
        let (inside, reader): (String, i32) =
            dayline_db::sql(context).fetch_one(db.read_as(access)).await.expect("read");
        assert_eq!(inside, user.to_string());
        let (outside, next): (String, i32) = dayline_db::sql(context).fetch_one(&db).await.expect("no context");
        assert_eq!(next, reader, "one connection serves both statements");
        assert_eq!(outside, "", "a read's context outlived its transaction");
    }
    let owner = app.owner_db().await;
    let open = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()";
    let mut left_open = -1;
    for _ in 0..50 {
        (left_open,) = dayline_db::sql(open).fetch_one::<(i64,)>(&owner).await.expect("activity");
        if left_open == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left_open, 0, "connections left idle in a transaction");
}

/// A page of a group's open tasks reads about a page of rows, not the whole group: PostgreSQL
/// once guessed that the status filter kept a handful of a group's tasks and sorted all of
/// them for every page (see `FILTERS` in the task list). Counted with the table's statistics,
/// which every backend reports shortly after its transactions end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_reads_a_page_of_open_tasks_not_the_whole_group() {
    let app = spawn_app(Backend::Postgres).await;
    app.complete_setup().await;
    app.create_user("bo@example.com", "Bo Berg", dayline_api_types::GlobalRole::User).await;
    let token = app.access_token("bo@example.com", crate::support::PASSWORD).await;
    let group =
        app.send(reqwest::Method::POST, "/api/v1/groups", &token, Some(serde_json::json!({"name": "Ops"}))).await;
    assert_eq!(group.status(), 201);
    let group: serde_json::Value = group.json().await.expect("group");
    let group_id = group["id"].as_str().expect("id").parse::<uuid::Uuid>().expect("uuid");
    let owner = app.owner_db().await;
    let (owner_id,): (uuid::Uuid,) =
        dayline_db::sql("SELECT id FROM users WHERE email = 'bo@example.com'").fetch_one(&owner).await.expect("owner");
    dayline_db::sql(
        "INSERT INTO tasks (id, group_id, owner_id, number, title, status, priority, priority_rank, position, \
         version, created_at, updated_at) \
         SELECT gen_random_uuid(), $1, $2, n, 'Task ' || n, (ARRAY['todo', 'todo', 'in_progress', 'done'])[n % 4 + 1], \
         'none', 0, lpad(n::text, 6, '0'), 1, now(), now() FROM generate_series(1, 2000) AS n",
    )
    .bind(group_id)
    .bind(owner_id)
    .execute_bookkeeping(&owner)
    .await
    .expect("tasks");
    dayline_db::sql("ANALYZE tasks").execute_bookkeeping(&owner).await.expect("analyze");

    let rows_read = || async {
        let (n,): (i64,) = dayline_db::sql(
            "SELECT (COALESCE(idx_tup_fetch, 0) + COALESCE(seq_tup_read, 0))::BIGINT FROM pg_stat_user_tables \
             WHERE relname = 'tasks'",
        )
        .fetch_one(&owner)
        .await
        .expect("statistics");
        n
    };
    let before = rows_read().await;
    let path = format!("/api/v1/tasks?group_id={group_id}&status=todo,in_progress&limit=20");
    let page = app.send(reqwest::Method::GET, &path, &token, None).await;
    assert_eq!(page.status(), 200);
    let page: serde_json::Value = page.json().await.expect("page");
    assert_eq!(page["items"].as_array().map(Vec::len), Some(20));
    assert!(crate::support::eventually(|| async { rows_read().await > before }).await, "statistics arrive");
    let read = rows_read().await - before;
    assert!(read < 200, "a page of 20 open tasks read {read} of the group's 2,000 rows");
}

/// A transaction that changes many of a group's tasks counts the group's list version up
/// once: counting it once per task made PostgreSQL step past every earlier count of the
/// transaction on each new one (0.8 s instead of 0.2 s for 10,000 tasks, growing with the
/// square). Each transaction still counts, so a kept page is never served after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_counts_a_groups_list_version_once_per_transaction() {
    let app = spawn_app(Backend::Postgres).await;
    app.complete_setup().await;
    app.create_user("bo@example.com", "Bo Berg", dayline_api_types::GlobalRole::User).await;
    let token = app.access_token("bo@example.com", crate::support::PASSWORD).await;
    let group = app.create_group(&token, "Ops").await;
    for title in ["One", "Two", "Three"] {
        let body = serde_json::json!({ "title": title, "group_id": group });
        assert_eq!(app.send(reqwest::Method::POST, "/api/v1/tasks", &token, Some(body)).await.status(), 201);
    }
    let owner = app.owner_db().await;
    let group_id = group.parse::<uuid::Uuid>().expect("uuid");
    let version = || async {
        let (v,): (i64,) = dayline_db::sql("SELECT version FROM task_list_versions WHERE group_id = $1")
            .bind(group_id)
            .fetch_one(&owner)
            .await
            .expect("version");
        v
    };
    let before = version().await;
    assert_eq!(before, 3, "one count per create");
    dayline_db::sql("UPDATE tasks SET title = title || '!' WHERE group_id = $1")
        .bind(group_id)
        .execute_bookkeeping(&owner)
        .await
        .expect("update");
    assert_eq!(version().await, before + 1, "three tasks changed in one transaction");
    dayline_db::sql("UPDATE tasks SET title = 'Four' WHERE title = 'One!'")
        .execute_bookkeeping(&owner)
        .await
        .expect("update");
    assert_eq!(version().await, before + 2, "the next transaction counts again");
}
