//! One SQL text for both backends. Queries use `$1`-style placeholders and the dialect
//! subset SQLite and PostgreSQL share; rows decode into structs that implement `FromRow`
//! for both drivers.

use std::borrow::Cow;

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, FromRow, PgConnection, Postgres, Sqlite, SqliteConnection};

use crate::access::TxKind;
use crate::pool::Backend;
use crate::{Arg, Db, DbResult, RowAccess, WriteTx};

/// A row type that decodes from both backends.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

/// A statement and its bound values, not yet tied to a backend.
#[must_use = "a statement does nothing until it is fetched or executed"]
#[derive(Debug, Clone)]
pub struct Sql {
    text: Cow<'static, str>,
    args: Vec<Arg>,
}

/// Starts a statement. The text is `'static` on purpose: values go through `bind`, never
/// through string formatting.
pub fn sql(text: &'static str) -> Sql {
    Sql { text: Cow::Borrowed(text), args: Vec::new() }
}

/// Where a statement runs:
/// - `Db`: the read pool with no row-security context, so on PostgreSQL it sees no row of a
///   table under Row-Level Security; for the system tables (jobs, schedules, signing keys);
/// - `Read`: the read pool in a read-only transaction that carries a row-security context
///   (planned as its `TxKind` says);
/// - `Tx`: an open write transaction (with its actor's context);
/// - `Bookkeeping`: the writer outside any transaction, for writes nobody audits (job leases).
pub enum Source<'a> {
    Db(&'a Db),
    Read(&'a Db, RowAccess, TxKind),
    Tx(&'a mut WriteTx),
    Bookkeeping(&'a Db),
}

impl Db {
    /// Reads as `access` sees the rows.
    pub fn read_as(&self, access: RowAccess) -> Source<'_> {
        Source::Read(self, access, TxKind::Read)
    }

    /// Reads as `access` sees the rows, with statements written so that one plan fits every
    /// value of their arguments (no "no value, or …" conditions): PostgreSQL plans each once
    /// per connection instead of on every run, which for a page of tasks cost more than
    /// running it.
    pub fn read_planned_once(&self, access: RowAccess) -> Source<'_> {
        Source::Read(self, access, TxKind::ReadPlannedOnce)
    }

    /// Reads with the system's access: every row.
    pub fn read_as_system(&self) -> Source<'_> {
        Source::Read(self, RowAccess::system(), TxKind::Read)
    }
}

impl<'a> From<&'a Db> for Source<'a> {
    fn from(db: &'a Db) -> Self {
        Source::Db(db)
    }
}

impl<'a> From<&'a mut WriteTx> for Source<'a> {
    fn from(tx: &'a mut WriteTx) -> Self {
        Source::Tx(tx)
    }
}

/// A borrowed connection of either backend.
pub(crate) enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Uuid(v) => query.bind(*v),
                Arg::Text(v) => query.bind(v.clone()),
                Arg::Int(v) => query.bind(*v),
                Arg::Bool(v) => query.bind(*v),
                Arg::Time(v) => query.bind(*v),
                Arg::Json(v) => query.bind(v.clone().map(sqlx::types::Json)),
            };
        }
        query
    }};
}

impl Sql {
    /// Several held statements as one (see `deferred.rs`): `text` is built from statement
    /// literals only, never from values.
    pub(crate) fn composed(text: String, args: Vec<Arg>) -> Sql {
        Sql { text: Cow::Owned(text), args }
    }

    /// The text as sqlx takes it: a literal, or a text composed of literals only (held
    /// writes sent together, see `deferred.rs`).
    fn query_text(&self) -> AssertSqlSafe<Cow<'static, str>> {
        AssertSqlSafe(self.text.clone())
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn args(&self) -> &[Arg] {
        &self.args
    }

    pub fn bind(mut self, value: impl Into<Arg>) -> Self {
        self.args.push(value.into());
        self
    }

    pub async fn fetch_all<'a, T: Row>(self, on: impl Into<Source<'a>>) -> DbResult<Vec<T>> {
        match on.into() {
            Source::Db(db) => {
                let mut conn = db.acquire_reader().await?;
                self.fetch_all_on(conn.as_conn()).await
            }
            Source::Read(db, access, kind) => match &db.backend {
                Backend::Postgres(pool) => {
                    let mut tx = crate::tx::begin_read(pool, access, kind).await?;
                    let rows = self.fetch_all_on(Conn::Postgres(&mut tx)).await?;
                    crate::tx::end_read(tx);
                    Ok(rows)
                }
                Backend::Sqlite { .. } => {
                    let mut conn = db.acquire_reader().await?;
                    self.fetch_all_on(conn.as_conn()).await
                }
            },
            Source::Tx(tx) => tx.with_held(self).await?.fetch_all_on(tx.conn()).await,
            Source::Bookkeeping(db) => {
                let mut conn = db.acquire_writer().await?;
                self.fetch_all_on(conn.as_conn()).await
            }
        }
    }

    pub async fn fetch_optional<'a, T: Row>(self, on: impl Into<Source<'a>>) -> DbResult<Option<T>> {
        match on.into() {
            Source::Db(db) => {
                let mut conn = db.acquire_reader().await?;
                self.fetch_optional_on(conn.as_conn()).await
            }
            Source::Read(db, access, kind) => match &db.backend {
                Backend::Postgres(pool) => {
                    let mut tx = crate::tx::begin_read(pool, access, kind).await?;
                    let row = self.fetch_optional_on(Conn::Postgres(&mut tx)).await?;
                    crate::tx::end_read(tx);
                    Ok(row)
                }
                Backend::Sqlite { .. } => {
                    let mut conn = db.acquire_reader().await?;
                    self.fetch_optional_on(conn.as_conn()).await
                }
            },
            Source::Tx(tx) => tx.with_held(self).await?.fetch_optional_on(tx.conn()).await,
            Source::Bookkeeping(db) => {
                let mut conn = db.acquire_writer().await?;
                self.fetch_optional_on(conn.as_conn()).await
            }
        }
    }

    /// Like `fetch_optional`, but a missing row is an error of the caller's choosing.
    pub async fn fetch_one<'a, T: Row>(self, on: impl Into<Source<'a>>) -> DbResult<T> {
        self.fetch_optional(on).await?.ok_or(crate::DbError::Other(sqlx::Error::RowNotFound))
    }

    /// Runs a statement inside a write transaction and returns the number of rows affected.
    pub async fn execute(self, tx: &mut WriteTx) -> DbResult<u64> {
        tx.flush().await?;
        self.execute_on(tx.conn()).await
    }

    /// Runs a bookkeeping write outside any transaction (see `Source::Bookkeeping`).
    pub async fn execute_bookkeeping(self, db: &Db) -> DbResult<u64> {
        let mut conn = db.acquire_writer().await?;
        self.execute_on(conn.as_conn()).await
    }

    pub(crate) async fn execute_on(&self, conn: Conn<'_>) -> DbResult<u64> {
        Ok(match conn {
            Conn::Sqlite(c) => {
                bind_all!(sqlx::query::<Sqlite>(self.query_text()), &self.args).execute(c).await?.rows_affected()
            }
            Conn::Postgres(c) => {
                bind_all!(sqlx::query::<Postgres>(self.query_text()), &self.args).execute(c).await?.rows_affected()
            }
        })
    }

    async fn fetch_all_on<T: Row>(&self, conn: Conn<'_>) -> DbResult<Vec<T>> {
        Ok(match conn {
            Conn::Sqlite(c) => {
                bind_all!(sqlx::query_as::<Sqlite, T>(self.query_text()), &self.args).fetch_all(c).await?
            }
            Conn::Postgres(c) => {
                bind_all!(sqlx::query_as::<Postgres, T>(self.query_text()), &self.args).fetch_all(c).await?
            }
        })
    }

    async fn fetch_optional_on<T: Row>(&self, conn: Conn<'_>) -> DbResult<Option<T>> {
        Ok(match conn {
            Conn::Sqlite(c) => {
                bind_all!(sqlx::query_as::<Sqlite, T>(self.query_text()), &self.args).fetch_optional(c).await?
            }
            Conn::Postgres(c) => {
                bind_all!(sqlx::query_as::<Postgres, T>(self.query_text()), &self.args).fetch_optional(c).await?
            }
        })
    }
}
