//! The worker: claims due jobs of one queue with a lease, runs up to `concurrency` at once,
//! records the outcome, and retries failures with backoff until they are dead. It wakes at
//! once when a commit in this process enqueues a job (or, on PostgreSQL, on NOTIFY from any
//! process), and polls otherwise.

use std::sync::Arc;
use std::time::Duration;

use dayline_db::{Db, jobs};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tracing::Instrument;

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
        let slots = Arc::new(Semaphore::new(self.config.concurrency.max(1)));
        let mut running = JoinSet::new();
        let lease = chrono::Duration::from_std(self.config.lease).unwrap_or(chrono::Duration::minutes(5));
        tracing::info!(worker = %self.id, queue = %self.config.queue, "job worker started");
        while !*stop.borrow() {
            // Registered before claiming, so an enqueue during the claim is not missed.
            let enqueued = self.db.jobs_enqueued().notified();
            tokio::pin!(enqueued);
            enqueued.as_mut().enable();

            let free = slots.available_permits();
            let mut claimed_all = false;
            if free > 0 {
                match jobs::claim(&self.db, &self.id, &self.config.queue, free as i64, lease).await {
                    Ok(claimed) => {
                        claimed_all = claimed.len() == free;
                        for job in claimed {
                            let Ok(slot) = slots.clone().acquire_owned().await else { break };
                            let (db, registry, worker, lease) =
                                (self.db.clone(), self.registry.clone(), self.id.clone(), self.config.lease);
                            running.spawn(async move {
                                execute(db, registry, worker, lease, job).await;
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
        if drained.is_err() {
            running.abort_all();
            match jobs::release(&self.db, &self.id).await {
                Ok(n) => tracing::warn!(released = n, "shutdown grace over; unfinished jobs handed back"),
                Err(e) => tracing::error!(error = %e, "could not hand back unfinished jobs; their leases will expire"),
            }
        }
        tracing::info!(worker = %self.id, "job worker stopped");
    }
}

async fn execute(db: Db, registry: Arc<Registry>, worker: String, lease: Duration, job: jobs::ClaimedJob) {
    let span = tracing::info_span!("job", job_id = %job.id, kind = %job.kind, attempt = job.attempts);
    run_and_record(db, registry, worker, lease, job).instrument(span).await;
}

async fn run_and_record(db: Db, registry: Arc<Registry>, worker: String, lease: Duration, job: jobs::ClaimedJob) {
    let Some(handler) = registry.get(&job.kind) else {
        let _ = jobs::fail(&db, job.id, &worker, &format!("no handler for job kind `{}`", job.kind), None).await;
        tracing::error!("job of unknown kind marked dead");
        return;
    };
    let ctx = JobContext { db: db.clone(), job_id: job.id, attempt: job.attempts };
    // The job runs in its own task so a panic becomes a failed attempt, not a dead worker.
    let mut task = AbortOnDrop(tokio::spawn(async move { handler.run(&ctx, job.payload.0).await }));
    let heartbeat = {
        let (db, worker, id) = (db.clone(), worker.clone(), job.id);
        let chrono_lease = chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5));
        AbortOnDrop(tokio::spawn(async move {
            loop {
                tokio::time::sleep(lease / 3).await;
                if !matches!(jobs::extend_lease(&db, id, &worker, chrono_lease).await, Ok(true)) {
                    return;
                }
            }
        }))
    };
    let outcome = match (&mut task.0).await {
        Ok(result) => result,
        Err(e) if e.is_panic() => Err(anyhow::anyhow!("the job panicked")),
        Err(e) => Err(anyhow::anyhow!("the job was cancelled: {e}")),
    };
    drop(heartbeat);
    let recorded = match outcome {
        Ok(()) => jobs::succeed(&db, job.id, &worker).await,
        Err(error) => {
            let message = format!("{error:#}");
            let retry_at = (job.attempts < job.max_attempts)
                .then(|| db.clock().now() + chrono::Duration::from_std(retry_delay(job.attempts)).unwrap_or_default());
            match retry_at {
                Some(at) => tracing::warn!(error = %message, retry_at = %at, "job failed; will retry"),
                None => tracing::error!(error = %message, "job failed for the last time; it is dead"),
            }
            jobs::fail(&db, job.id, &worker, &message, retry_at).await
        }
    };
    match recorded {
        Ok(true) => {}
        Ok(false) => tracing::warn!("the job's lease was lost before its outcome was recorded"),
        Err(e) => tracing::error!(error = %e, "could not record the job's outcome; its lease will expire"),
    }
}

/// Aborts the task when dropped: when shutdown aborts a job's supervisor, the job and its
/// lease renewal stop with it, so a job handed back is never still running here.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
