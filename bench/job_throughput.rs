//! Job queue throughput: enqueues no-op jobs, runs workers until all have succeeded, and
//! prints jobs per second and peak RSS for SQLite and PostgreSQL.
//!
//!   cargo run --release --example job-throughput [-- JOBS [WORKERS [CONCURRENCY]]]
//!
//! PostgreSQL comes from DAYLINE_BENCH_DATABASE_URL (an admin URL; default: the local server).

use std::sync::Arc;
use std::time::{Duration, Instant};

use dayline::jobs::{JobContext, JobHandler, Registry, Worker, WorkerConfig};
use dayline_db::jobs::{self, NewJob};
use dayline_db::{ActorContext, AuditEntry, Db, DbOptions, SystemClock, migrate, sql};
use futures_util::future::BoxFuture;
use serde_json::{Value, json};
use sqlx::{Connection, Executor};

struct Noop;

impl JobHandler for Noop {
    fn kind(&self) -> &'static str {
        "bench.noop"
    }
    fn run<'a>(&'a self, _ctx: &'a JobContext, _payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

fn peak_rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok());
    kib.unwrap_or(0) / 1024
}

async fn run(name: &str, db: Db, total: usize, workers: usize, concurrency: usize) -> anyhow::Result<()> {
    migrate::up(&db).await?;
    for chunk in 0..total.div_ceil(1000) {
        let mut tx = db.begin(ActorContext::system()).await?;
        for n in chunk * 1000..((chunk + 1) * 1000).min(total) {
            jobs::enqueue(&mut tx, NewJob::new("bench.noop", json!(n))).await?;
        }
        tx.audit(AuditEntry::new("bench.enqueued", "job", None)).await?;
        tx.commit().await?;
    }
    let started = Instant::now();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut handles = Vec::new();
    for _ in 0..workers {
        let config = WorkerConfig { concurrency, poll_interval: Duration::from_millis(20), ..WorkerConfig::default() };
        let worker = Worker::new(db.clone(), Registry::new().register(Noop), config);
        handles.push(tokio::spawn(worker.run(stopped.clone())));
    }
    loop {
        let (done,): (i64,) = sql("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'").fetch_one(&db).await?;
        if done as usize >= total {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = started.elapsed();
    stop.send(true)?;
    for handle in handles {
        handle.await?;
    }
    println!(
        "{name:<10} {total} no-op jobs, {workers} worker(s) x {concurrency}: {:.0} jobs/s ({:.2} s), peak RSS {} MiB",
        total as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64(),
        peak_rss_mib()
    );
    db.close().await;
    Ok(())
}

fn options(postgres_url: Option<String>, sqlite_path: std::path::PathBuf) -> DbOptions {
    DbOptions {
        postgres_url,
        sqlite_path,
        max_connections: 16,
        acquire_timeout: Duration::from_secs(10),
        sqlite_busy_timeout: Duration::from_secs(5),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (total, workers, concurrency) = (
        args.first().copied().unwrap_or(20_000),
        args.get(1).copied().unwrap_or(2),
        args.get(2).copied().unwrap_or(16),
    );
    let clock = Arc::new(SystemClock);

    let dir = tempfile::tempdir()?;
    let sqlite = Db::connect(&options(None, dir.path().join("bench.db")), clock.clone()).await?;
    run("sqlite", sqlite, total, workers, concurrency).await?;

    let admin = std::env::var("DAYLINE_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("dayline_bench_jobs_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin).await?;
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await?;
    let url = format!("{}/{name}", admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base));
    let postgres = Db::connect(&options(Some(url), Default::default()), clock).await?;
    let result = run("postgres", postgres, total, workers, concurrency).await;
    conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)"))).await?;
    result
}
