//! Connection pools. SQLite gets a read pool and a separate one-connection writer pool:
//! SQLite allows one writer at a time anyway, and queueing writers in our process instead of
//! in SQLite's busy handler keeps write latency flat. Changes queued on that writer commit
//! together (see `group_commit.rs`).

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, PgPool, Postgres, Sqlite, SqlitePool};
use tokio::sync::Notify;

use crate::sql::Conn;
use crate::{DbError, DbResult, GroupCommit, SharedClock};

/// How to reach the database. `Debug` leaves the URL out: it may hold a password.
#[derive(Clone)]
pub struct DbOptions {
    /// `postgres://…`; `None` means the embedded SQLite file.
    pub postgres_url: Option<String>,
    pub sqlite_path: PathBuf,
    pub max_connections: u32,
    /// How long a request waits for a connection before the database counts as unavailable.
    pub acquire_timeout: Duration,
    pub sqlite_busy_timeout: Duration,
}

impl std::fmt::Debug for DbOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbOptions")
            .field("postgres_url", &self.postgres_url.as_ref().map(|_| "********"))
            .field("sqlite_path", &self.sqlite_path)
            .field("max_connections", &self.max_connections)
            .field("acquire_timeout", &self.acquire_timeout)
            .field("sqlite_busy_timeout", &self.sqlite_busy_timeout)
            .finish()
    }
}

#[derive(Clone)]
pub enum Backend {
    Sqlite { reader: SqlitePool, writer: GroupCommit },
    Postgres(PgPool),
}

/// The database handle every part of Dayline shares. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pub(crate) backend: Backend,
    sqlite_busy_timeout_ms: u128,
    pub(crate) clock: SharedClock,
    /// Wakes this process's job workers when a transaction that enqueued a job commits.
    pub(crate) jobs_enqueued: Arc<Notify>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

/// A pooled connection of either backend.
pub(crate) enum ReadConn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl ReadConn {
    pub(crate) fn as_conn(&mut self) -> Conn<'_> {
        match self {
            ReadConn::Sqlite(c) => Conn::Sqlite(c),
            ReadConn::Postgres(c) => Conn::Postgres(c),
        }
    }
}

impl Db {
    /// Opens the pools and checks that the database answers. Fails fast (within the acquire
    /// timeout) so a wrong URL stops start-up with a clear message.
    pub async fn connect(options: &DbOptions, clock: SharedClock) -> DbResult<Db> {
        let backend = match &options.postgres_url {
            Some(url) => Backend::Postgres(connect_postgres(url, options).await?),
            None => connect_sqlite(options).await?,
        };
        let sqlite_busy_timeout_ms = options.sqlite_busy_timeout.as_millis();
        Ok(Db { backend, sqlite_busy_timeout_ms, clock, jobs_enqueued: Arc::new(Notify::new()) })
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite { .. } => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Where bookkeeping writes run: the writer, outside any transaction, unaudited.
    pub fn bookkeeping(&self) -> crate::Source<'_> {
        crate::Source::Bookkeeping(self)
    }

    /// Notified after a commit that enqueued jobs; workers wait on it between polls.
    pub fn jobs_enqueued(&self) -> &Arc<Notify> {
        &self.jobs_enqueued
    }

    pub fn clock(&self) -> &SharedClock {
        &self.clock
    }

    pub(crate) async fn acquire_reader(&self) -> DbResult<ReadConn> {
        Ok(match &self.backend {
            Backend::Sqlite { reader, .. } => ReadConn::Sqlite(reader.acquire().await?),
            Backend::Postgres(pool) => ReadConn::Postgres(pool.acquire().await?),
        })
    }

    /// The connection writes go through: SQLite's single writer, or any PostgreSQL connection.
    pub(crate) async fn acquire_writer(&self) -> DbResult<ReadConn> {
        Ok(match &self.backend {
            Backend::Sqlite { writer, .. } => ReadConn::Sqlite(writer.pool().acquire().await?),
            Backend::Postgres(pool) => ReadConn::Postgres(pool.acquire().await?),
        })
    }

    /// Checks that the database accepts writes right now. On SQLite this takes the write lock
    /// for an instant, so a file held by another process reports as unavailable.
    pub async fn probe(&self) -> DbResult<()> {
        match &self.backend {
            Backend::Sqlite { writer, .. } => {
                // Our own writer busy means writes are going through: healthy, no need to queue.
                let Some(mut conn) = writer.pool().try_acquire() else { return Ok(()) };
                // A short busy timeout, so a lock held by another process fails the probe
                // quickly instead of stalling the writer.
                sqlx::query("PRAGMA busy_timeout = 500").execute(&mut *conn).await?;
                let outcome = async {
                    sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await?;
                    sqlx::query("ROLLBACK").execute(&mut *conn).await
                }
                .await;
                let restore = format!("PRAGMA busy_timeout = {}", self.sqlite_busy_timeout_ms);
                sqlx::query(sqlx::AssertSqlSafe(restore)).execute(&mut *conn).await?;
                outcome?;
            }
            Backend::Postgres(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
        }
        Ok(())
    }

    /// On SQLite, what the writer has committed since start (see `group_commit.rs`);
    /// PostgreSQL commits each transaction itself.
    pub fn commit_stats(&self) -> Option<crate::CommitStats> {
        match &self.backend {
            Backend::Sqlite { writer, .. } => Some(writer.stats()),
            Backend::Postgres(_) => None,
        }
    }

    /// Pool gauges for `/metrics`: the read pool on SQLite, the only pool on PostgreSQL.
    pub fn pool_stats(&self) -> PoolStats {
        let (size, idle, max) = match &self.backend {
            Backend::Sqlite { reader, .. } => {
                (reader.size(), reader.num_idle(), reader.options().get_max_connections())
            }
            Backend::Postgres(pool) => (pool.size(), pool.num_idle(), pool.options().get_max_connections()),
        };
        PoolStats { size, idle: u32::try_from(idle).unwrap_or(u32::MAX), max }
    }

    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite { reader, writer } => {
                reader.close().await;
                writer.pool().close().await;
            }
            Backend::Postgres(pool) => pool.close().await,
        }
    }
}

async fn connect_postgres(url: &str, options: &DbOptions) -> DbResult<PgPool> {
    let connect = PgConnectOptions::from_str(url)
        .map_err(DbError::Other)?
        .application_name("dayline")
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_secs(1));
    let pool = PgPoolOptions::new()
        .max_connections(options.max_connections)
        .min_connections(1)
        .acquire_timeout(options.acquire_timeout)
        // A dead connection is found by the query that uses it; pinging before every use would
        // cost a round trip on the hot path.
        .test_before_acquire(false)
        .connect_with(connect)
        .await?;
    Ok(pool)
}

/// How much of the database file each connection maps (address space, not memory: pages
/// are shared with the operating system's cache).
const SQLITE_MMAP_BYTES: u64 = 1 << 30;

async fn connect_sqlite(options: &DbOptions) -> DbResult<Backend> {
    let base = SqliteConnectOptions::new()
        .filename(&options.sqlite_path)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(options.sqlite_busy_timeout)
        // Pages are read through a memory map instead of one `pread` into each connection's
        // own small page cache, which seldom holds the pages of a list or search (a task
        // and its group and owner, fetched by key). The WAL is still read and written the
        // usual way.
        .pragma("mmap_size", SQLITE_MMAP_BYTES.to_string())
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_secs(1));
    // The writer creates the file and switches it to WAL before any reader opens it.
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(options.acquire_timeout)
        .test_before_acquire(false)
        .connect_with(base.clone().create_if_missing(true))
        .await?;
    let reader = SqlitePoolOptions::new()
        .max_connections(options.max_connections)
        .acquire_timeout(options.acquire_timeout)
        .test_before_acquire(false)
        .connect_with(base.read_only(true))
        .await?;
    Ok(Backend::Sqlite { reader, writer: GroupCommit::new(writer) })
}
