//! Write transactions. Every change Dayline makes goes through a `WriteTx`, which refuses
//! to commit unless the change wrote its audit entry: a change without its audit row
//! cannot happen.

use sqlx::{AssertSqlSafe, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::access::TxKind;
use crate::pool::Backend;
use crate::sql::Conn;
use crate::{AuditEntry, Db, DbError, DbResult, NewEvent, RowAccess};

/// Who is acting and from where; written into audit rows and, on PostgreSQL, into the
/// transaction-local settings that Row-Level Security reads.
#[derive(Debug, Clone, Default)]
pub struct ActorContext {
    pub user_id: Option<Uuid>,
    pub is_super_admin: bool,
    /// Acts with the system's row access (see `RowAccess::is_system`); audit rows still name
    /// `user_id` when there is one.
    pub is_system: bool,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

impl ActorContext {
    /// The system itself (jobs, the command line) with no user behind it.
    pub fn system() -> Self {
        ActorContext { is_system: true, ..Self::default() }
    }

    /// The same caller, acting with the system's row access: for flows that a token or a
    /// credential authorises rather than group membership (accepting an invitation, signing in).
    pub fn with_system_access(mut self) -> Self {
        self.is_system = true;
        self
    }

    /// The row-security context this actor's transactions carry.
    pub fn row_access(&self) -> RowAccess {
        RowAccess { user_id: self.user_id, is_super_admin: self.is_super_admin, is_system: self.is_system }
    }
}

pub(crate) enum TxInner {
    /// A change on SQLite's writer, committed with the others queued behind it.
    Sqlite(crate::group_commit::Change),
    Postgres(Transaction<'static, Postgres>),
}

pub struct WriteTx {
    inner: TxInner,
    actor: ActorContext,
    db: Db,
    audited: bool,
    /// False for bookkeeping transactions (the scheduler advancing its own rows).
    requires_audit: bool,
    /// Set by `jobs::enqueue`; workers in this process are woken after commit.
    pub(crate) enqueued_jobs: bool,
    /// Queues already sent a NOTIFY in this transaction (one per queue is enough).
    pub(crate) notified_queues: Vec<&'static str>,
    /// Writes held back to go with the next statement (see `deferred.rs`).
    pub(crate) deferred: Vec<crate::Sql>,
}

impl Db {
    /// Begins a write transaction on behalf of `actor`.
    pub async fn begin(&self, actor: ActorContext) -> DbResult<WriteTx> {
        // BEGIN runs in its own task: sqlx 0.9.0 can hand a connection back to the pool inside
        // an open transaction when a caller (a timed-out request) is cancelled mid-BEGIN.
        let inner = match &self.backend {
            Backend::Sqlite { writer, .. } => TxInner::Sqlite(writer.begin().await?),
            Backend::Postgres(pool) => {
                let pool = pool.clone();
                // The actor's row-security context is set in the same round trip as BEGIN;
                // transaction-local, so it is safe behind a pooler in transaction mode.
                let begin = AssertSqlSafe(actor.row_access().begin_statement(TxKind::Write));
                TxInner::Postgres(uncancellable(async move { pool.begin_with(begin).await }).await?)
            }
        };
        let tx = WriteTx {
            inner,
            actor,
            db: self.clone(),
            audited: false,
            requires_audit: true,
            enqueued_jobs: false,
            notified_queues: Vec::new(),
            deferred: Vec::new(),
        };
        Ok(tx)
    }
}

/// Opens a read-only PostgreSQL transaction carrying `access`. BEGIN runs in its own task for
/// the reason given in `begin`: a connection handed back mid-BEGIN would carry this context
/// into someone else's statements.
pub(crate) async fn begin_read(
    pool: &PgPool,
    access: RowAccess,
    kind: TxKind,
) -> DbResult<Transaction<'static, Postgres>> {
    let pool = pool.clone();
    let begin = AssertSqlSafe(access.begin_statement(kind));
    Ok(uncancellable(async move { pool.begin_with(begin).await }).await?)
}

/// Ends a read transaction without making its caller wait for the end. Dropping it queues a
/// ROLLBACK; the pool sends that together with the check it makes of every connection handed
/// back (sqlx pings it) and hands the connection out again only after both are answered. A
/// COMMIT would cost each read one more round trip before it could answer, for nothing: the
/// transaction is read-only, and its row-security context ends with it either way.
pub(crate) fn end_read(tx: Transaction<'static, Postgres>) {
    drop(tx);
}

/// Runs `fut` to completion even if the caller stops waiting.
pub(crate) async fn uncancellable<T: Send + 'static, E: From<sqlx::Error> + Send + 'static>(
    fut: impl Future<Output = Result<T, E>> + Send + 'static,
) -> Result<T, E> {
    tokio::spawn(fut).await.map_err(|e| E::from(sqlx::Error::Io(std::io::Error::other(e))))?
}

impl Db {
    /// A transaction for the system's own bookkeeping (advancing schedules, enqueueing the
    /// jobs they produce), which is not a change anyone audits. Business changes use `begin`.
    pub async fn begin_bookkeeping(&self) -> DbResult<WriteTx> {
        let mut tx = self.begin(ActorContext::system()).await?;
        tx.requires_audit = false;
        Ok(tx)
    }
}

impl WriteTx {
    pub(crate) fn conn(&mut self) -> Conn<'_> {
        match &mut self.inner {
            TxInner::Sqlite(change) => Conn::Sqlite(change.conn()),
            TxInner::Postgres(tx) => Conn::Postgres(tx),
        }
    }

    pub fn actor(&self) -> &ActorContext {
        &self.actor
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// "Now" for this transaction, from the application's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.db.clock.now()
    }

    /// Writes the audit row for this change (held to go with the next statement or the
    /// commit; see `deferred.rs`).
    pub async fn audit(&mut self, entry: AuditEntry) -> DbResult<Uuid> {
        let id = crate::audit::insert(self, entry).await?;
        self.audited = true;
        Ok(id)
    }

    /// Writes an outbox event (held like the audit row); it is dispatched only if the
    /// transaction commits.
    pub async fn emit(&mut self, event: NewEvent) -> DbResult<Uuid> {
        crate::outbox::insert(self, event).await
    }

    pub async fn commit(mut self) -> DbResult<()> {
        if self.requires_audit && !self.audited {
            // Dropping the transaction rolls it back.
            return Err(DbError::MissingAudit);
        }
        let held = self.take_held();
        match self.inner {
            // The held writes go in one call with the release of the change's savepoint (and
            // the COMMIT, when this change ends its batch); see `group_commit.rs`.
            TxInner::Sqlite(change) => change.commit(held).await?,
            TxInner::Postgres(mut tx) => {
                if let Some(held) = held {
                    held.execute_on(Conn::Postgres(&mut tx)).await?;
                }
                tx.commit().await?
            }
        }
        if self.enqueued_jobs {
            self.db.jobs_enqueued.notify_waiters();
        }
        Ok(())
    }

    pub async fn rollback(self) -> DbResult<()> {
        match self.inner {
            TxInner::Sqlite(change) => change.rollback().await?,
            TxInner::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}
