//! Per-test PostgreSQL databases, copied from a migrated template so each test starts
//! from the current schema in milliseconds. The server comes from
//! `DAYLINE_TEST_DATABASE_URL` (scripts/test sets it, starting a throwaway cluster if needed).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::Arc;

use sqlx::{Connection, Executor, PgConnection};
use tokio::sync::OnceCell;

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// The login role tests run the app as: a member of `dayline_app`, not the table owner.
pub const APP_ROLE: &str = "dayline_test_app";

pub fn admin_url() -> String {
    std::env::var("DAYLINE_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned())
}

/// `scheme://userinfo@host:port/db?query` → the same URL for another user and database.
fn with_user_db(url: &str, user: &str, addr: Option<SocketAddr>, db: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("database URL has a scheme");
    let (authority, _) = rest.split_once('/').unwrap_or((rest, ""));
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let hostport = addr.map_or_else(|| hostport.to_owned(), |a| a.to_string());
    format!("{scheme}://{user}@{hostport}/{db}")
}

fn admin_user() -> String {
    let url = admin_url();
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    match rest.split_once('@') {
        Some((userinfo, _)) => userinfo.split(':').next().unwrap_or("postgres").to_owned(),
        None => "postgres".to_owned(),
    }
}

async fn admin_connection() -> PgConnection {
    PgConnection::connect(&admin_url()).await.unwrap_or_else(|e| {
        panic!(
            "cannot reach the test PostgreSQL at {} ({e}); run the tests with scripts/test, which starts one",
            admin_url()
        )
    })
}

/// Name of the template for the current migrations; a schema change makes a new one.
fn template_name() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/db/migrations/postgres");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("migrations dir").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        std::fs::read(&file).expect("migration file").hash(&mut hasher);
    }
    format!("dayline_tpl_{:016x}", hasher.finish())
}

static TEMPLATE: OnceCell<String> = OnceCell::const_new();

async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let name = template_name();
            let mut admin = admin_connection().await;
            // Test processes may run in parallel; one of them builds the template.
            admin.execute("SELECT pg_advisory_lock(7242001)").await.expect("lock");
            let exists: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1")
                .bind(&name)
                .fetch_optional(&mut admin)
                .await
                .expect("query");
            if exists.is_none() {
                let building = format!("{name}_building");
                admin
                    .execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")))
                    .await
                    .expect("drop");
                admin.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {building}"))).await.expect("create");
                let url = with_user_db(&admin_url(), &admin_user(), None, &building);
                let options = dayline_db::DbOptions {
                    postgres_url: Some(url),
                    sqlite_path: Default::default(),
                    max_connections: 1,
                    acquire_timeout: std::time::Duration::from_secs(10),
                    sqlite_busy_timeout: Default::default(),
                };
                let db = dayline_db::Db::connect(&options, Arc::new(dayline_db::SystemClock)).await.expect("connect");
                dayline_db::migrate::up(&db).await.expect("migrate template");
                db.close().await;
                admin
                    .execute(sqlx::AssertSqlSafe(format!("ALTER DATABASE {building} RENAME TO {name}")))
                    .await
                    .expect("rename");
            }
            let role_exists: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM pg_roles WHERE rolname = $1")
                .bind(APP_ROLE)
                .fetch_optional(&mut admin)
                .await
                .expect("query");
            if role_exists.is_none() {
                admin
                    .execute(sqlx::AssertSqlSafe(format!("CREATE ROLE {APP_ROLE} LOGIN IN ROLE dayline_app")))
                    .await
                    .expect("role");
            }
            admin.execute("SELECT pg_advisory_unlock(7242001)").await.expect("unlock");
            admin.close().await.ok();
            name
        })
        .await
}

/// A database of its own for one test; dropped (forcibly) when the value is dropped.
pub struct TestDatabase {
    pub name: String,
}

impl TestDatabase {
    pub async fn create() -> TestDatabase {
        let template = template().await;
        let name = format!("dayline_t_{}", uuid::Uuid::now_v7().simple());
        let mut admin = admin_connection().await;
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name} TEMPLATE {template}")))
            .await
            .expect("create test db");
        admin.close().await.ok();
        TestDatabase { name }
    }

    /// The server's address, for the proxy in front of it.
    pub fn server_addr(&self) -> SocketAddr {
        let url = admin_url();
        let rest = url.split_once("://").map_or("", |(_, r)| r);
        let authority = rest.split('/').next().unwrap_or_default();
        let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let hostport = if hostport.contains(':') { hostport.to_owned() } else { format!("{hostport}:5432") };
        let hostport = hostport.replace("localhost", "127.0.0.1");
        hostport.parse().expect("the test database URL names host:port")
    }

    /// The table owner, as migrations use it.
    pub fn owner_url(&self) -> String {
        with_user_db(&admin_url(), &admin_user(), None, &self.name)
    }

    /// The restricted application role, connecting through `addr` (the proxy).
    pub fn app_url_via(&self, addr: SocketAddr) -> String {
        with_user_db(&admin_url(), APP_ROLE, Some(addr), &self.name)
    }

    pub fn app_url(&self) -> String {
        with_user_db(&admin_url(), APP_ROLE, None, &self.name)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs outside async context; a short-lived runtime on its own thread does the work.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
            rt.block_on(async {
                if let Ok(mut admin) = PgConnection::connect(&admin_url()).await {
                    let _ = admin
                        .execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}
