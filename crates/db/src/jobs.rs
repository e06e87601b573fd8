//! The durable job queue's storage. Jobs are enqueued inside the caller's transaction, so a
//! job exists exactly when the change that asked for it committed. Workers claim due jobs
//! with a lease; a worker that dies loses its lease and the job runs again elsewhere.
//!
//! Claiming is the one place where the dialects differ: PostgreSQL skips rows other
//! workers have locked (`FOR UPDATE SKIP LOCKED`); SQLite has a single writer, so the same
//! `UPDATE … RETURNING` is atomic without it.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use sqlx::types::Json;
use uuid::Uuid;

use crate::pool::Backend;
use crate::{Db, DbResult, WriteTx, new_id, sql};

pub const DEFAULT_QUEUE: &str = "default";
pub const DEFAULT_MAX_ATTEMPTS: i64 = 8;

#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    pub payload: Value,
    pub queue: &'static str,
    /// Higher runs first.
    pub priority: i64,
    pub run_at: Option<DateTime<Utc>>,
    pub max_attempts: i64,
    /// A job with the same key is enqueued once, whatever its state.
    pub idempotency_key: Option<String>,
}

impl NewJob {
    pub fn new(kind: impl Into<String>, payload: Value) -> Self {
        Self {
            kind: kind.into(),
            payload,
            queue: DEFAULT_QUEUE,
            priority: 0,
            run_at: None,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            idempotency_key: None,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedJob {
    pub id: Uuid,
    pub kind: String,
    pub payload: Json<Value>,
    /// Including the attempt now starting.
    pub attempts: i64,
    pub max_attempts: i64,
}

/// Enqueues inside `tx`; returns `None` when the idempotency key was already used.
pub async fn enqueue(tx: &mut WriteTx, job: NewJob) -> DbResult<Option<Uuid>> {
    let id = new_id();
    let now = tx.now();
    let inserted: Option<(Uuid,)> = sql(
        "INSERT INTO jobs (id, kind, queue, payload, priority, state, run_at, max_attempts, idempotency_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8, $9) \
         ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING \
         RETURNING id",
    )
    .bind(id)
    .bind(job.kind)
    .bind(job.queue)
    .bind(job.payload)
    .bind(job.priority)
    .bind(job.run_at.unwrap_or(now))
    .bind(job.max_attempts.max(1))
    .bind(job.idempotency_key)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if inserted.is_some() {
        tx.enqueued_jobs = true;
        if tx.db().backend_name() == "postgres" && !tx.notified_queues.contains(&job.queue) {
            // Delivered at commit, to workers in every process; once per queue and transaction.
            sql("SELECT pg_notify('dayline_jobs', $1)").bind(job.queue).execute(&mut *tx).await?;
            tx.notified_queues.push(job.queue);
        }
    }
    Ok(inserted.map(|(id,)| id))
}

const CLAIM_POSTGRES: &str = "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1, lease_expires_at = $2 \
     WHERE id IN (SELECT id FROM jobs \
         WHERE queue = $3 AND ((state IN ('queued', 'failed') AND run_at <= $4) OR (state = 'running' AND lease_expires_at < $4 AND attempts < max_attempts)) \
         ORDER BY priority DESC, run_at, id LIMIT $5 FOR UPDATE SKIP LOCKED) \
     RETURNING id, kind, payload, attempts, max_attempts";

const CLAIM_SQLITE: &str = "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1, lease_expires_at = $2 \
     WHERE id IN (SELECT id FROM jobs \
         WHERE queue = $3 AND ((state IN ('queued', 'failed') AND run_at <= $4) OR (state = 'running' AND lease_expires_at < $4 AND attempts < max_attempts)) \
         ORDER BY priority DESC, run_at, id LIMIT $5) \
     RETURNING id, kind, payload, attempts, max_attempts";

/// Takes up to `limit` due jobs (or jobs whose worker lost its lease) for `worker`.
pub async fn claim(db: &Db, worker: &str, queue: &str, limit: i64, lease: Duration) -> DbResult<Vec<ClaimedJob>> {
    let now = db.clock.now();
    // Look on the read pool first: an idle queue never takes the (SQLite: single) writer.
    let waiting: Option<(Uuid,)> = sql(
        "SELECT id FROM jobs WHERE queue = $1 AND ((state IN ('queued', 'failed') AND run_at <= $2) OR (state = 'running' AND lease_expires_at < $2)) LIMIT 1",
    )
    .bind(queue)
    .bind(now)
    .fetch_optional(db)
    .await?;
    if waiting.is_none() {
        return Ok(Vec::new());
    }
    bury_vanished(db, queue, now).await?;
    let text = match db.backend {
        Backend::Sqlite { .. } => CLAIM_SQLITE,
        Backend::Postgres(_) => CLAIM_POSTGRES,
    };
    sql(text).bind(worker).bind(now + lease).bind(queue).bind(now).bind(limit).fetch_all(db.bookkeeping()).await
}

/// A job whose worker died on its last attempt (its lease expired) would otherwise be
/// reclaimed forever; it is dead, like any job out of attempts.
async fn bury_vanished(db: &Db, queue: &str, now: DateTime<Utc>) -> DbResult<u64> {
    sql("UPDATE jobs SET state = 'dead', finished_at = $1, last_error = 'the worker stopped during the last attempt (lease expired)', \
         locked_by = NULL, lease_expires_at = NULL \
         WHERE queue = $2 AND state = 'running' AND lease_expires_at < $1 AND attempts >= max_attempts")
    .bind(now)
    .bind(queue)
    .execute_bookkeeping(db)
    .await
}

/// Extends the lease of a long-running job; false when the worker no longer holds it.
pub async fn extend_lease(db: &Db, id: Uuid, worker: &str, lease: Duration) -> DbResult<bool> {
    let until = db.clock.now() + lease;
    let n = sql("UPDATE jobs SET lease_expires_at = $1 WHERE id = $2 AND locked_by = $3 AND state = 'running'")
        .bind(until)
        .bind(id)
        .bind(worker)
        .execute_bookkeeping(db)
        .await?;
    Ok(n == 1)
}

/// How an attempt ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    Succeeded,
    /// Retried at `retry_at`, or `dead` when there is none.
    Failed {
        error: String,
        retry_at: Option<DateTime<Utc>>,
    },
}

/// Records the outcomes of several attempts in one transaction: under load one commit (and,
/// on SQLite, one fsync) serves many jobs. Returns, per outcome, whether `worker` still held
/// the job's lease (false: another worker took it over and this outcome was not recorded).
pub async fn record(db: &Db, worker: &str, outcomes: &[(Uuid, Outcome)]) -> DbResult<Vec<bool>> {
    let mut tx = db.begin_bookkeeping().await?;
    let now = tx.now();
    let mut held = Vec::with_capacity(outcomes.len());
    for (id, outcome) in outcomes {
        let statement = match outcome {
            Outcome::Succeeded => sql(
                "UPDATE jobs SET state = 'succeeded', finished_at = $1, locked_by = NULL, lease_expires_at = NULL, last_error = NULL \
                 WHERE id = $2 AND locked_by = $3 AND state = 'running'",
            )
            .bind(now),
            Outcome::Failed { error, retry_at: Some(at) } => sql(
                "UPDATE jobs SET state = 'failed', run_at = $1, last_error = $2, locked_by = NULL, lease_expires_at = NULL \
                 WHERE id = $3 AND locked_by = $4 AND state = 'running'",
            )
            .bind(*at)
            .bind(clean_error(error)),
            Outcome::Failed { error, retry_at: None } => sql(
                "UPDATE jobs SET state = 'dead', finished_at = $1, last_error = $2, locked_by = NULL, lease_expires_at = NULL \
                 WHERE id = $3 AND locked_by = $4 AND state = 'running'",
            )
            .bind(now)
            .bind(clean_error(error)),
        };
        held.push(statement.bind(*id).bind(worker).execute(&mut tx).await? == 1);
    }
    tx.commit().await?;
    Ok(held)
}

/// Error text as stored: bounded, and without NUL (PostgreSQL text refuses it).
fn clean_error(error: &str) -> String {
    error.chars().filter(|c| *c != '\0').take(2_000).collect()
}

pub async fn succeed(db: &Db, id: Uuid, worker: &str) -> DbResult<bool> {
    Ok(record(db, worker, &[(id, Outcome::Succeeded)]).await?.first().copied().unwrap_or(false))
}

/// Hands back the jobs a stopping worker could not finish; the attempt does not count.
pub async fn release(db: &Db, worker: &str) -> DbResult<u64> {
    sql("UPDATE jobs SET state = 'queued', attempts = attempts - 1, locked_by = NULL, lease_expires_at = NULL \
         WHERE locked_by = $1 AND state = 'running'")
    .bind(worker)
    .execute_bookkeeping(db)
    .await
}

pub async fn get(db: &Db, id: Uuid) -> DbResult<Option<JobSummary>> {
    sql("SELECT id, kind, queue, state, attempts, max_attempts, last_error, run_at, created_at, finished_at FROM jobs WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// On PostgreSQL, relays `NOTIFY dayline_jobs` from every process to this process's
/// workers. SQLite has no other processes to hear from.
pub fn spawn_listener(db: &Db) -> Option<tokio::task::JoinHandle<()>> {
    let Backend::Postgres(pool) = &db.backend else { return None };
    let (pool, wake) = (pool.clone(), db.jobs_enqueued.clone());
    Some(tokio::spawn(async move {
        loop {
            match sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if listener.listen("dayline_jobs").await.is_ok() {
                        // `recv` reconnects by itself after a lost connection.
                        while listener.recv().await.is_ok() {
                            wake.notify_waiters();
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot listen for job notifications; polling meanwhile"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    }))
}

/// A job's state, as workers' callers and administrators see it (no payload: it may carry
/// addresses or tokens).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobSummary {
    pub id: Uuid,
    pub kind: String,
    pub queue: String,
    pub state: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
    pub run_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Jobs in `state`, newest first, after the cursor (`before`, a job id).
pub async fn list(db: &Db, state: &str, before: Option<Uuid>, limit: i64) -> DbResult<Vec<JobSummary>> {
    match before {
        Some(cursor) => sql(
            "SELECT id, kind, queue, state, attempts, max_attempts, last_error, run_at, created_at, finished_at FROM jobs \
             WHERE state = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        )
        .bind(state)
        .bind(cursor)
        .bind(limit),
        None => sql(
            "SELECT id, kind, queue, state, attempts, max_attempts, last_error, run_at, created_at, finished_at FROM jobs \
             WHERE state = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(state)
        .bind(limit),
    }
    .fetch_all(db)
    .await
}

/// Puts a dead or failed job back in the queue with fresh attempts; false if it is not in
/// one of those states (or does not exist).
pub async fn retry(tx: &mut WriteTx, id: Uuid) -> DbResult<bool> {
    let now = tx.now();
    let n = sql("UPDATE jobs SET state = 'queued', attempts = 0, run_at = $1, last_error = NULL, finished_at = NULL \
         WHERE id = $2 AND state IN ('dead', 'failed')")
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if n == 1 {
        tx.enqueued_jobs = true;
    }
    Ok(n == 1)
}

/// Deletes a job that is not running; false if it is running or does not exist.
pub async fn discard(tx: &mut WriteTx, id: Uuid) -> DbResult<bool> {
    Ok(sql("DELETE FROM jobs WHERE id = $1 AND state <> 'running'").bind(id).execute(tx).await? == 1)
}

pub async fn state_of(db: &Db, id: Uuid) -> DbResult<Option<String>> {
    Ok(get(db, id).await?.map(|job| job.state))
}
