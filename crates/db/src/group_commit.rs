//! SQLite's single writer commits changes that arrive together in one transaction.
//!
//! SQLite has one writer at a time, and most of what a commit costs is paid once per
//! transaction, not per row: the WAL frames of every page the change touched (the same index
//! pages, change after change), a new full-text segment, the `fsync`. While one change holds
//! the writer, the next ones queue; so when a change finishes and others are waiting, its
//! work stays in the open transaction and the next change continues in it. The last change
//! of such a batch commits for all of them, and only then does any of them answer: nothing is
//! acknowledged before it is on disk.
//!
//! Each change runs inside its own savepoint, so one that fails or is abandoned is rolled
//! back alone and the others in its batch commit as if it had never been there. If the batch
//! itself cannot commit (a full disk, an I/O error), every change in it is told so.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::pool::PoolConnection;
use sqlx::{Sqlite, SqliteConnection, SqlitePool};
use tokio::sync::{Mutex, OwnedMutexGuard, oneshot};

use crate::{DbError, DbResult};

/// At most this many changes wait for one commit: it bounds how long the first of them waits.
const MAX_BATCH: usize = 64;

/// The writer's open transaction, if any, and the changes in it that are waiting for its
/// commit.
struct OpenBatch {
    conn: PoolConnection<Sqlite>,
    waiting_for_commit: Vec<oneshot::Sender<Result<(), String>>>,
}

type Slot = Option<OpenBatch>;

/// Batches changes on SQLite's one writer connection (`pool`, sized one). Cheap to clone.
#[derive(Clone)]
pub struct GroupCommit {
    pool: SqlitePool,
    slot: Arc<Mutex<Slot>>,
    /// Changes waiting to begin: while there are any, a finished change leaves the commit
    /// to them.
    queued: Arc<AtomicUsize>,
}

/// One change in progress: it holds the writer (and its batch's open transaction) until it
/// ends.
pub(crate) struct Change {
    slot: Option<OwnedMutexGuard<Slot>>,
    queued: Arc<AtomicUsize>,
}

impl GroupCommit {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        GroupCommit { pool, slot: Arc::new(Mutex::new(None)), queued: Arc::new(AtomicUsize::new(0)) }
    }

    /// The one-connection pool the writer's connection belongs to. Writes outside any change
    /// (migrations, bookkeeping) take it from there, after any open batch has committed.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Begins a change: joins the open batch or opens one. Runs to the end even if the caller
    /// stops waiting; a change nobody receives is then rolled back when it is dropped.
    pub(crate) async fn begin(&self) -> DbResult<Change> {
        let this = self.clone();
        detached(async move {
            this.queued.fetch_add(1, Ordering::SeqCst);
            let mut slot = this.slot.clone().lock_owned().await;
            this.queued.fetch_sub(1, Ordering::SeqCst);
            if slot.is_none() {
                let mut conn = this.pool.acquire().await?;
                // IMMEDIATE takes the write lock up front, so a transaction that reads and then
                // writes cannot deadlock against another process's writer.
                sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await?;
                *slot = Some(OpenBatch { conn, waiting_for_commit: Vec::new() });
            }
            let mut change = Change { slot: Some(slot), queued: this.queued.clone() };
            if let Err(error) = sqlx::query("SAVEPOINT change").execute(change.conn()).await {
                let slot = change.slot.take().expect("held until the change ends");
                fail_batch(slot, &error.to_string()).await;
                return Err(error.into());
            }
            Ok(change)
        })
        .await
    }
}

impl Change {
    pub(crate) fn conn(&mut self) -> &mut SqliteConnection {
        let batch = self.slot.as_mut().and_then(|slot| slot.as_mut()).expect("an open batch while the change lasts");
        &mut batch.conn
    }

    /// Keeps the change; returns once the transaction holding it has committed.
    pub(crate) async fn commit(mut self) -> DbResult<()> {
        let slot = self.slot.take().expect("held until the change ends");
        let queued = self.queued.clone();
        detached(async move { end(slot, &queued, true).await }).await
    }

    /// Undoes the change; the rest of its batch is unaffected.
    pub(crate) async fn rollback(mut self) -> DbResult<()> {
        let slot = self.slot.take().expect("held until the change ends");
        let queued = self.queued.clone();
        detached(async move { end(slot, &queued, false).await }).await
    }
}

impl Drop for Change {
    /// A change dropped without an end (an error returned early, a cancelled request) is
    /// rolled back; the writer stays held until that is done.
    fn drop(&mut self) {
        let Some(slot) = self.slot.take() else { return };
        let queued = self.queued.clone();
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    let _ = end(slot, &queued, false).await;
                });
            }
            // Only when the runtime itself is gone: closing the connection undoes the open
            // transaction, and changes still waiting for it hear that their commit failed.
            Err(_) => {
                let mut slot = slot;
                if let Some(batch) = slot.take() {
                    drop(batch.conn.detach());
                }
            }
        }
    }
}

/// Ends the change holding `slot`: releases or rolls back its savepoint, then either leaves
/// the batch open for a queued change (and, if kept, waits for that batch's commit) or
/// commits the batch.
async fn end(mut slot: OwnedMutexGuard<Slot>, queued: &AtomicUsize, keep: bool) -> DbResult<()> {
    let batch = slot.as_mut().expect("an open batch while the change lasts");
    let close = if keep { "RELEASE change" } else { "ROLLBACK TO change; RELEASE change" };
    if let Err(error) = sqlx::raw_sql(close).execute(&mut *batch.conn).await {
        // SQLite may have rolled the whole transaction back on its own (a full disk, an I/O
        // error): nothing in the batch can be trusted to commit.
        fail_batch(slot, &error.to_string()).await;
        return Err(error.into());
    }
    if queued.load(Ordering::SeqCst) > 0 && batch.waiting_for_commit.len() < MAX_BATCH {
        if !keep {
            return Ok(());
        }
        let (committed, outcome) = oneshot::channel();
        batch.waiting_for_commit.push(committed);
        drop(slot);
        return match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(reason)) => Err(batch_failed(&reason)),
            Err(_) => Err(batch_failed("the writer stopped before the commit")),
        };
    }
    let OpenBatch { mut conn, waiting_for_commit } = slot.take().expect("an open batch while the change lasts");
    let result = sqlx::query("COMMIT").execute(&mut *conn).await;
    if result.is_err() {
        // A failed COMMIT can leave the transaction open; the connection must not carry it on.
        let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
    }
    let outcome = result.as_ref().map(|_| ()).map_err(ToString::to_string);
    for waiter in waiting_for_commit {
        let _ = waiter.send(outcome.clone());
    }
    result.map(|_| ()).map_err(DbError::from)
}

/// Rolls the open batch back and tells every change waiting for it that it failed.
async fn fail_batch(mut slot: OwnedMutexGuard<Slot>, reason: &str) {
    let Some(OpenBatch { mut conn, waiting_for_commit }) = slot.take() else { return };
    let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
    for waiter in waiting_for_commit {
        let _ = waiter.send(Err(reason.to_owned()));
    }
}

/// The error a change sees when the batch it was to commit with failed to commit.
fn batch_failed(reason: &str) -> DbError {
    DbError::Unavailable(sqlx::Error::Io(std::io::Error::other(format!(
        "the transaction this change was committed in failed: {reason}"
    ))))
}

/// Runs `work` in its own task, so that it completes even if the caller is cancelled.
async fn detached<T: Send + 'static>(work: impl Future<Output = DbResult<T>> + Send + 'static) -> DbResult<T> {
    tokio::spawn(work).await.map_err(|e| DbError::Unavailable(sqlx::Error::Io(std::io::Error::other(e))))?
}
