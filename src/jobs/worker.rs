//! The worker: claims due jobs of one queue with a lease, runs up to `concurrency` at once,
//! records the outcome, and retries failures with backoff until they are dead. It wakes at
//! once when a commit in this process enqueues a job (or, on PostgreSQL, on NOTIFY from any
//! process), and polls otherwise.

use std::sync::Arc;
use std::time::Duration;

use dayline_db::jobs::Outcome;
use dayline_db::{Db, jobs};
use tokio::sync::{Semaphore, mpsc, watch};
use tokio::task::JoinSet;
use tracing::Instrument;
use uuid::Uuid;

use super::{JobContext, Registry, retry_delay};

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    pub queue: String,
    pub concurrency: usize,
    /// A job whose worker stops renewing this long is taken over by another worker.
    pub lease: Duration,
    pub poll_interval: Duration,
    /// How long shutdown waits for running jobs before handing them back.
    pub shutdown_grace: Duration,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            queue: jobs::DEFAULT_QUEUE.to_owned(),
            concurrency: 4,
            lease: Duration::from_secs(300),
            poll_interval: Duration::from_secs(1),
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

pub struct Worker {
    db: Db,
    registry: Arc<Registry>,
    config: WorkerConfig,
    /// Unique per worker: leases name their holder.
    id: String,
}

impl Worker {
    pub fn new(db: Db, registry: Registry, config: WorkerConfig) -> Self {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "dayline".to_owned());
        let id = format!("{host}/{}/{}", std::process::id(), uuid::Uuid::now_v7().simple());
        Self { db, registry: Arc::new(registry), config, id }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Runs until `stop` turns true, then lets running jobs finish within the grace period
    /// and hands back the rest.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let concurrency = self.config.concurrency.max(1);
        let slots = Arc::new(Semaphore::new(concurrency));
        let mut running = JoinSet::new();
        let (outcomes, recorder) = spawn_recorder(self.db.clone(), self.id.clone());
        let lease = chrono::Duration::from_std(self.config.lease).unwrap_or(chrono::Duration::minutes(5));
        tracing::info!(worker = %self.id, queue = %self.config.queue, "job worker started");
        while !*stop.borrow() {
            // Registered before claiming, so an enqueue during the claim is not missed.
            let enqueued = self.db.jobs_enqueued().notified();
            tokio::pin!(enqueued);
            enqueued.as_mut().enable();

            let free = slots.available_permits();
            let mut claimed_all = false;
            // Claim in batches: wait for half the slots unless nothing runs at all.
            if free > 0 && (running.is_empty() || free * 2 >= concurrency) {
                match jobs::claim(&self.db, &self.id, &self.config.queue, free as i64, lease).await {
                    Ok(claimed) => {
                        claimed_all = claimed.len() == free;
                        for job in claimed {
                            let Ok(slot) = slots.clone().acquire_owned().await else { break };
                            let (db, registry, worker, lease, outcomes) = (
                                self.db.clone(),
                                self.registry.clone(),
                                self.id.clone(),
                                self.config.lease,
                                outcomes.clone(),
                            );
                            running.spawn(async move {
                                let outcome = execute(db, registry, worker, lease, &job).await;
                                let _ = outcomes.send((job.id, outcome));
                                drop(slot);
                            });
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "claiming jobs failed; retrying"),
                }
            }
            if claimed_all {
                continue; // there may be more waiting
            }
            tokio::select! {
                () = &mut enqueued => {}
                () = tokio::time::sleep(self.config.poll_interval) => {}
                _ = stop.changed() => {}
                Some(_) = running.join_next(), if !running.is_empty() => {}
            }
        }
        let drained =
            tokio::time::timeout(self.config.shutdown_grace, async { while running.join_next().await.is_some() {} })
                .await;
        running.shutdown().await;
        drop(outcomes);
        let _ = recorder.await; // outcomes of finished jobs are written before anything is handed back
        if drained.is_err() {
            match jobs::release(&self.db, &self.id).await {
                Ok(n) => tracing::warn!(released = n, "shutdown grace over; unfinished jobs handed back"),
                Err(e) => tracing::error!(error = %e, "could not hand back unfinished jobs; their leases will expire"),
            }
        }
        tracing::info!(worker = %self.id, "job worker stopped");
    }
}

async fn execute(db: Db, registry: Arc<Registry>, worker: String, lease: Duration, job: &jobs::ClaimedJob) -> Outcome {
    let span = tracing::info_span!("job", job_id = %job.id, kind = %job.kind, attempt = job.attempts);
    run(db, registry, worker, lease, job).instrument(span).await
}

async fn run(db: Db, registry: Arc<Registry>, worker: String, lease: Duration, job: &jobs::ClaimedJob) -> Outcome {
    let Some(handler) = registry.get(&job.kind) else {
        // During a rolling upgrade an older worker may see a newer kind: retry, do not bury.
        let error = format!("no handler for job kind `{}` in this worker", job.kind);
        tracing::error!(%error, "job of unknown kind");
        return failed(&db, job, error);
    };
    let ctx = JobContext { db: db.clone(), job_id: job.id, attempt: job.attempts };
    let payload = job.payload.0.clone();
    // The job runs in its own task so a panic becomes a failed attempt, not a dead worker.
    let mut task = AbortOnDrop(tokio::spawn(async move { handler.run(&ctx, payload).await }));
    let mut heartbeat = {
        let (db, worker, id) = (db.clone(), worker.clone(), job.id);
        let chrono_lease = chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5));
        AbortOnDrop(tokio::spawn(async move {
            let mut pause = lease / 3;
            loop {
                tokio::time::sleep(pause).await;
                match jobs::extend_lease(&db, id, &worker, chrono_lease).await {
                    Ok(true) => pause = lease / 3,
                    // Another worker holds the job now: this run must stop.
                    Ok(false) => return,
                    // A passing database error: try again soon, well within the lease.
                    Err(e) => {
                        tracing::warn!(error = %e, "could not extend a job's lease; retrying");
                        pause = (lease / 30).max(std::time::Duration::from_millis(100));
                    }
                }
            }
        }))
    };
    let result = tokio::select! {
        joined = &mut task.0 => match joined {
            Ok(result) => result,
            Err(e) if e.is_panic() => Err(anyhow::anyhow!("the job panicked")),
            Err(e) => Err(anyhow::anyhow!("the job was cancelled: {e}")),
        },
        _ = &mut heartbeat.0 => {
            tracing::warn!("the job's lease was lost; stopping this run");
            Err(anyhow::anyhow!("lease lost while running"))
        }
    };
    drop(heartbeat);
    match result {
        Ok(()) => Outcome::Succeeded,
        Err(error) => failed(&db, job, format!("{error:#}")),
    }
}

/// A failed attempt: retried with backoff while attempts remain, else dead.
fn failed(db: &Db, job: &jobs::ClaimedJob, error: String) -> Outcome {
    let retry_at = (job.attempts < job.max_attempts)
        .then(|| db.clock().now() + chrono::Duration::from_std(retry_delay(job.attempts)).unwrap_or_default());
    match retry_at {
        Some(at) => tracing::warn!(%error, retry_at = %at, "job failed; will retry"),
        None => tracing::error!(%error, "job failed for the last time; it is dead"),
    }
    Outcome::Failed { error, retry_at }
}

/// Writes outcomes as they arrive, taking whatever has queued up meanwhile into the same
/// transaction: no added latency when idle, few commits under load.
fn spawn_recorder(db: Db, worker: String) -> (mpsc::UnboundedSender<(Uuid, Outcome)>, tokio::task::JoinHandle<()>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(Uuid, Outcome)>();
    let task = tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut batch = vec![first];
            while batch.len() < 256 {
                match rx.try_recv() {
                    Ok(next) => batch.push(next),
                    Err(_) => break,
                }
            }
            // A passing database error must not turn finished jobs into repeated ones.
            let mut pause = std::time::Duration::from_millis(100);
            for attempt in 1..=6 {
                match jobs::record(&db, &worker, &batch).await {
                    Ok(held) if held.iter().all(|h| *h) => break,
                    Ok(_) => {
                        tracing::warn!("a job's lease was lost before its outcome was recorded");
                        break;
                    }
                    Err(e) if attempt < 6 => {
                        tracing::warn!(error = %e, "recording job outcomes failed; retrying");
                        tokio::time::sleep(pause).await;
                        pause *= 2;
                    }
                    Err(e) => tracing::error!(error = %e, "could not record job outcomes; their leases will expire"),
                }
            }
        }
    });
    (tx, task)
}

/// Aborts the task when dropped: when shutdown aborts a job's supervisor, the job and its
/// lease renewal stop with it, so a job handed back is never still running here.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
