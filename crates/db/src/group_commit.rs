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
//!
//! Every statement is a hand-over to the writer's thread and back, which costs more here than
//! most statements do. So the savepoint is opened with the BEGIN, or by the change before
//! (with its release), and a change's held writes, its release and the batch's COMMIT go in
//! one call.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use sqlx::pool::PoolConnection;
use sqlx::{Sqlite, SqliteConnection, SqlitePool};
use tokio::sync::{Mutex, OwnedMutexGuard, oneshot};

use crate::sql::{Conn, Sql};
use crate::tx::uncancellable;
use crate::{DbError, DbResult};

/// At most this many changes wait for one commit: it bounds how long the first of them waits.
const MAX_BATCH: usize = 64;

/// The writer's open transaction, if any, and the changes in it that are waiting for its
/// commit. While no change holds it, the savepoint for the next change is already open.
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
    counts: Arc<CommitCounts>,
}

/// How many transactions the writer committed and how many changes they carried: their
/// ratio is the mean batch size.
#[derive(Debug, Default)]
struct CommitCounts {
    commits: AtomicU64,
    changes: AtomicU64,
}

/// What the writer has committed since start, for `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitStats {
    /// Transactions committed.
    pub commits: u64,
    /// Changes kept in them (a change rolled back inside a batch is not counted).
    pub changes: u64,
}

/// One change in progress: it holds the writer (and its batch's open transaction) until it
/// ends.
pub(crate) struct Change {
    slot: Option<OwnedMutexGuard<Slot>>,
    queued: Arc<AtomicUsize>,
    counts: Arc<CommitCounts>,
}

impl GroupCommit {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        GroupCommit {
            pool,
            slot: Arc::new(Mutex::new(None)),
            queued: Arc::new(AtomicUsize::new(0)),
            counts: Arc::default(),
        }
    }

    /// Transactions committed and the changes they carried, since start.
    pub fn stats(&self) -> CommitStats {
        CommitStats {
            commits: self.counts.commits.load(Ordering::Relaxed),
            changes: self.counts.changes.load(Ordering::Relaxed),
        }
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
        uncancellable(async move {
            this.queued.fetch_add(1, Ordering::SeqCst);
            let mut slot = this.slot.clone().lock_owned().await;
            this.queued.fetch_sub(1, Ordering::SeqCst);
            if slot.is_none() {
                let mut conn = this.pool.acquire().await?;
                // IMMEDIATE takes the write lock up front, so a transaction that reads and then
                // writes cannot deadlock against another process's writer.
                if let Err(error) = sqlx::raw_sql("BEGIN IMMEDIATE; SAVEPOINT change").execute(&mut *conn).await {
                    // Whichever part failed, the connection goes back without a transaction.
                    let _ = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await;
                    return Err(error.into());
                }
                *slot = Some(OpenBatch { conn, waiting_for_commit: Vec::new() });
            }
            let change = Change { slot: Some(slot), queued: this.queued.clone(), counts: this.counts.clone() };
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

    /// Runs the change's `held` writes and keeps the change; returns once the transaction
    /// holding it has committed.
    pub(crate) async fn commit(mut self, held: Option<Sql>) -> DbResult<()> {
        let slot = self.slot.take().expect("held until the change ends");
        let (queued, counts) = (self.queued.clone(), self.counts.clone());
        uncancellable(async move { keep(slot, &queued, &counts, held).await }).await
    }

    /// Undoes the change; the rest of its batch is unaffected.
    pub(crate) async fn rollback(mut self) -> DbResult<()> {
        let slot = self.slot.take().expect("held until the change ends");
        let (queued, counts) = (self.queued.clone(), self.counts.clone());
        uncancellable(async move { undo(slot, &queued, &counts).await }).await
    }
}

impl Drop for Change {
    /// A change dropped without an end (an error returned early, a cancelled request) is
    /// rolled back; the writer stays held until that is done.
    fn drop(&mut self) {
        let Some(slot) = self.slot.take() else { return };
        let (queued, counts) = (self.queued.clone(), self.counts.clone());
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    let _ = undo(slot, &queued, &counts).await;
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

/// Whether the change ending now leaves the batch open for a queued change rather than
/// committing it.
fn leaves_open(batch: &OpenBatch, queued: &AtomicUsize) -> bool {
    queued.load(Ordering::SeqCst) > 0 && batch.waiting_for_commit.len() < MAX_BATCH
}

/// Keeps the change holding `slot`: runs its held writes and releases its savepoint, then
/// either opens the next change's savepoint and waits for a later change to commit the batch,
/// or commits the batch, all in one call.
async fn keep(
    mut slot: OwnedMutexGuard<Slot>,
    queued: &AtomicUsize,
    counts: &CommitCounts,
    held: Option<Sql>,
) -> DbResult<()> {
    let batch = slot.as_mut().expect("an open batch while the change lasts");
    let open = leaves_open(batch, queued);
    let tail = if open { "RELEASE change; SAVEPOINT change" } else { "RELEASE change; COMMIT" };
    let call = match held {
        Some(held) => Sql::composed(format!("{}; {tail}", held.text()), held.args().to_vec()),
        None => Sql::composed(tail.to_owned(), Vec::new()),
    };
    if let Err(error) = call.execute_on(Conn::Sqlite(&mut batch.conn)).await {
        // A held write failed (the savepoint is still there to roll back to: only this change
        // is undone), or the release or the commit did (it is not: nothing in the batch can be
        // trusted to commit).
        match sqlx::raw_sql("ROLLBACK TO change").execute(&mut *batch.conn).await {
            Ok(_) => {
                let _ = close_undone(slot, queued, counts).await;
            }
            Err(_) => fail_batch(slot, &error.to_string()).await,
        }
        return Err(error);
    }
    if open {
        let (committed, outcome) = oneshot::channel();
        batch.waiting_for_commit.push(committed);
        drop(slot);
        return match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(reason)) => Err(batch_failed(&reason)),
            Err(_) => Err(batch_failed("the writer stopped before the commit")),
        };
    }
    let batch = slot.take().expect("an open batch while the change lasts");
    counts.committed(batch.waiting_for_commit.len() + 1);
    tell(batch.waiting_for_commit, &Ok(()));
    Ok(())
}

/// Rolls back the change holding `slot` (its savepoint stays open), then closes it.
async fn undo(mut slot: OwnedMutexGuard<Slot>, queued: &AtomicUsize, counts: &CommitCounts) -> DbResult<()> {
    let batch = slot.as_mut().expect("an open batch while the change lasts");
    if let Err(error) = sqlx::raw_sql("ROLLBACK TO change").execute(&mut *batch.conn).await {
        fail_batch(slot, &error.to_string()).await;
        return Err(error.into());
    }
    close_undone(slot, queued, counts).await
}

/// After a change was rolled back to its savepoint: leaves that savepoint open for a queued
/// change, or commits what the rest of the batch did.
async fn close_undone(mut slot: OwnedMutexGuard<Slot>, queued: &AtomicUsize, counts: &CommitCounts) -> DbResult<()> {
    let batch = slot.as_mut().expect("an open batch while the change lasts");
    if leaves_open(batch, queued) {
        return Ok(());
    }
    let OpenBatch { mut conn, waiting_for_commit } = slot.take().expect("an open batch while the change lasts");
    let result = sqlx::raw_sql("RELEASE change; COMMIT").execute(&mut *conn).await;
    if result.is_err() {
        // A failed COMMIT can leave the transaction open; the connection must not carry it on.
        let _ = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await;
    }
    if result.is_ok() && !waiting_for_commit.is_empty() {
        counts.committed(waiting_for_commit.len());
    }
    tell(waiting_for_commit, &result.as_ref().map(|_| ()).map_err(ToString::to_string));
    result.map(|_| ()).map_err(DbError::from)
}

impl CommitCounts {
    fn committed(&self, changes: usize) {
        self.commits.fetch_add(1, Ordering::Relaxed);
        self.changes.fetch_add(changes as u64, Ordering::Relaxed);
    }
}

/// Rolls the open batch back and tells every change waiting for it that it failed.
async fn fail_batch(mut slot: OwnedMutexGuard<Slot>, reason: &str) {
    let Some(OpenBatch { mut conn, waiting_for_commit }) = slot.take() else { return };
    let _ = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await;
    tell(waiting_for_commit, &Err(reason.to_owned()));
}

/// Tells the changes waiting for a batch's commit how it ended.
fn tell(waiting_for_commit: Vec<oneshot::Sender<Result<(), String>>>, outcome: &Result<(), String>) {
    for waiter in waiting_for_commit {
        // A waiter that is gone (its task ended with the runtime) has nobody left to tell.
        let _ = waiter.send(outcome.clone());
    }
}

/// The error a change sees when the batch it was to commit with failed to commit.
fn batch_failed(reason: &str) -> DbError {
    DbError::Unavailable(sqlx::Error::Io(std::io::Error::other(format!(
        "the transaction this change was committed in failed: {reason}"
    ))))
}
