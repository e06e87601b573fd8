//! The durable job queue on both backends: transactional enqueue, retries, dead jobs,
//! lease expiry after a crash, and no job run twice under contention.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::TimeZone;
use dayline::jobs::{JobContext, JobHandler, Registry, Worker, WorkerConfig};
use dayline_db::jobs::{self, NewJob};
use dayline_db::{ActorContext, AuditEntry, Clock, Db, TestClock};
use futures_util::future::BoxFuture;
use serde_json::{Value, json};
use tokio::sync::watch;

use crate::support::{Backend, Options, TestApp, eventually, spawn_app_with};

/// Records every run; fails while `failures_left` is above zero.
#[derive(Clone, Default)]
struct Recorder {
    runs: Arc<Mutex<Vec<Value>>>,
    failures_left: Arc<Mutex<u32>>,
}

impl JobHandler for Recorder {
    fn kind(&self) -> &'static str {
        "test.record"
    }
    fn run<'a>(&'a self, _ctx: &'a JobContext, payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            self.runs.lock().expect("runs").push(payload);
            let mut left = self.failures_left.lock().expect("failures");
            if *left > 0 {
                *left -= 1;
                anyhow::bail!("deliberate failure");
            }
            Ok(())
        })
    }
}

impl Recorder {
    fn runs(&self) -> Vec<Value> {
        self.runs.lock().expect("runs").clone()
    }
}

async fn app_with_test_clock(backend: Backend) -> (TestApp, Arc<TestClock>) {
    let start = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).single().expect("time");
    let clock = Arc::new(TestClock::new(start));
    let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
    (app, clock)
}

async fn enqueue(db: &Db, job: NewJob) -> Option<uuid::Uuid> {
    let mut tx = db.begin(ActorContext::system()).await.expect("begin");
    let id = jobs::enqueue(&mut tx, job).await.expect("enqueue");
    tx.audit(AuditEntry::new("test.enqueued", "job", id)).await.expect("audit");
    tx.commit().await.expect("commit");
    id
}

fn start_worker(
    db: &Db,
    registry: Registry,
    config: WorkerConfig,
) -> (watch::Sender<bool>, tokio::task::JoinHandle<()>) {
    let (stop, stopped) = watch::channel(false);
    let worker = Worker::new(db.clone(), registry, config);
    (stop, tokio::spawn(worker.run(stopped)))
}

fn fast() -> WorkerConfig {
    WorkerConfig {
        poll_interval: Duration::from_millis(50),
        shutdown_grace: Duration::from_secs(5),
        ..WorkerConfig::default()
    }
}

async fn state_of(db: &Db, id: uuid::Uuid) -> String {
    jobs::get(db, id).await.expect("get").expect("job").state
}

on_both! {
    async fn a_job_exists_only_if_its_transaction_committed(backend: Backend) {
        let (app, _) = app_with_test_clock(backend).await;
        let db = &app.state.db;
        let mut tx = db.begin(ActorContext::system()).await.expect("begin");
        jobs::enqueue(&mut tx, NewJob::new("test.record", json!({}))).await.expect("enqueue");
        tx.rollback().await.expect("rollback");
        assert_eq!(app.count("SELECT COUNT(*) FROM jobs").await, 0);

        let mut job = NewJob::new("test.record", json!({"n": 1}));
        job.idempotency_key = Some("reminder:group-1:2026-11-23".to_owned());
        let first = enqueue(db, job.clone()).await;
        assert!(first.is_some());
        assert_eq!(enqueue(db, job).await, None, "the same idempotency key enqueues once");
        assert_eq!(app.count("SELECT COUNT(*) FROM jobs").await, 1);
        assert_eq!(state_of(db, first.expect("id")).await, "queued");
    }

    async fn a_worker_runs_an_enqueued_job_once(backend: Backend) {
        let (app, _) = app_with_test_clock(backend).await;
        let recorder = Recorder::default();
        // A long poll interval: the job must be picked up because the commit woke the worker.
        let config = WorkerConfig { poll_interval: Duration::from_secs(30), ..fast() };
        let (stop, worker) = start_worker(&app.state.db, Registry::new().register(recorder.clone()), config);
        tokio::time::sleep(Duration::from_millis(100)).await;
        let id = enqueue(&app.state.db, NewJob::new("test.record", json!({"hello": "world"}))).await.expect("id");
        assert!(eventually(|| async { state_of(&app.state.db, id).await == "succeeded" }).await);
        assert_eq!(recorder.runs(), vec![json!({"hello": "world"})]);
        stop.send(true).expect("stop");
        worker.await.expect("worker stops");
    }

    async fn failures_retry_with_backoff_then_die(backend: Backend) {
        let (app, clock) = app_with_test_clock(backend).await;
        let db = &app.state.db;
        let recorder = Recorder { failures_left: Arc::new(Mutex::new(u32::MAX)), ..Recorder::default() };
        let mut job = NewJob::new("test.record", json!({}));
        job.max_attempts = 3;
        let id = enqueue(db, job).await.expect("id");
        let (stop, worker) = start_worker(db, Registry::new().register(recorder.clone()), fast());

        assert!(eventually(|| async { state_of(db, id).await == "failed" }).await, "first attempt failed");
        let row = jobs::get(db, id).await.expect("get").expect("job");
        assert_eq!(row.attempts, 1);
        assert_eq!(row.last_error.as_deref(), Some("deliberate failure"));
        let delay = row.run_at - clock.now();
        assert!(delay >= chrono::Duration::seconds(1) && delay < chrono::Duration::seconds(2), "backoff {delay}");
        // Not retried before its time...
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(recorder.runs().len(), 1);
        // ...but once the clock passes it, twice more, then dead.
        clock.advance(chrono::Duration::seconds(2));
        assert!(eventually(|| async { jobs::get(db, id).await.expect("get").expect("job").attempts == 2 && state_of(db, id).await == "failed" }).await);
        clock.advance(chrono::Duration::seconds(4));
        assert!(eventually(|| async { state_of(db, id).await == "dead" }).await, "dead after max attempts");
        assert_eq!(recorder.runs().len(), 3);
        clock.advance(chrono::Duration::hours(1));
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(recorder.runs().len(), 3, "dead jobs are not retried");
        stop.send(true).expect("stop");
        worker.await.expect("worker stops");
    }

    async fn a_crashed_workers_job_runs_again_after_its_lease_expires(backend: Backend) {
        let (app, clock) = app_with_test_clock(backend).await;
        let db = &app.state.db;
        let id = enqueue(db, NewJob::new("test.record", json!({"crash": true}))).await.expect("id");
        // A worker claims the job and dies (never reports back).
        let claimed = jobs::claim(db, "crashed-worker", jobs::DEFAULT_QUEUE, 10, chrono::Duration::seconds(30)).await.expect("claim");
        assert_eq!(claimed.len(), 1);

        let recorder = Recorder::default();
        let (stop, worker) = start_worker(db, Registry::new().register(recorder.clone()), fast());
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(recorder.runs().is_empty(), "the lease still holds");
        clock.advance(chrono::Duration::seconds(31));
        assert!(eventually(|| async { state_of(db, id).await == "succeeded" }).await, "taken over after the lease");
        assert_eq!(jobs::get(db, id).await.expect("get").expect("job").attempts, 2);
        assert!(!jobs::succeed(db, id, "crashed-worker").await.expect("update"), "the old holder cannot report anymore");
        stop.send(true).expect("stop");
        worker.await.expect("worker stops");
    }

    async fn two_workers_never_run_the_same_job(backend: Backend) {
        let (app, _) = app_with_test_clock(backend).await;
        let db = &app.state.db;
        let mut tx = db.begin(ActorContext::system()).await.expect("begin");
        for n in 0..200 {
            jobs::enqueue(&mut tx, NewJob::new("test.record", json!(n))).await.expect("enqueue");
        }
        tx.audit(AuditEntry::new("test.enqueued", "job", None)).await.expect("audit");
        tx.commit().await.expect("commit");

        let recorder = Recorder::default();
        let registry = Registry::new().register(recorder.clone());
        let (stop_a, a) = start_worker(db, registry.clone(), fast());
        let (stop_b, b) = start_worker(db, registry, fast());
        assert!(eventually(|| async { app.count("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'").await == 200 }).await);
        let mut seen: Vec<i64> = recorder.runs().iter().map(|v| v.as_i64().expect("n")).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..200).collect::<Vec<_>>(), "every job ran exactly once");
        stop_a.send(true).expect("stop");
        stop_b.send(true).expect("stop");
        a.await.expect("a");
        b.await.expect("b");
    }
}

/// Blocks until released; counts how many runs started.
#[derive(Clone, Default)]
struct Slow {
    started: Arc<Mutex<u32>>,
    release: Arc<tokio::sync::Notify>,
}

impl JobHandler for Slow {
    fn kind(&self) -> &'static str {
        "test.slow"
    }
    fn run<'a>(&'a self, _ctx: &'a JobContext, _payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            *self.started.lock().expect("started") += 1;
            self.release.notified().await;
            Ok(())
        })
    }
}

on_both! {
    async fn shutdown_lets_running_jobs_finish_and_hands_back_the_rest(backend: Backend) {
        let (app, _) = app_with_test_clock(backend).await;
        let db = &app.state.db;
        let slow = Slow::default();
        let config = WorkerConfig { shutdown_grace: Duration::from_millis(300), ..fast() };

        // A job that finishes inside the grace period is recorded as succeeded.
        let quick = enqueue(db, NewJob::new("test.slow", json!({}))).await.expect("id");
        let (stop, worker) = start_worker(db, Registry::new().register(slow.clone()), config.clone());
        assert!(eventually(|| async { *slow.started.lock().expect("started") == 1 }).await);
        stop.send(true).expect("stop");
        slow.release.notify_waiters();
        worker.await.expect("worker stops");
        assert_eq!(state_of(db, quick).await, "succeeded");

        // One that does not finish in time goes back to the queue, its attempt not counted.
        let stuck = enqueue(db, NewJob::new("test.slow", json!({}))).await.expect("id");
        let (stop, worker) = start_worker(db, Registry::new().register(slow.clone()), config);
        assert!(eventually(|| async { *slow.started.lock().expect("started") == 2 }).await);
        stop.send(true).expect("stop");
        worker.await.expect("worker stops");
        let row = jobs::get(db, stuck).await.expect("get").expect("job");
        assert_eq!((row.state.as_str(), row.attempts), ("queued", 0), "handed back for another worker");
    }
}
