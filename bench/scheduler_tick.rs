//! Scheduler cost: 100,000 daily schedules spread over every IANA zone and minute of the
//! day; measures an idle tick (nothing due) and the tick that finds about 4,000 due
//! schedules, on SQLite and PostgreSQL.
//!
//!   cargo run --release --example scheduler-tick [-- SCHEDULES]

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::TimeZone;
use dayline::jobs::recurrence::Weekdays;
use dayline::jobs::scheduler::{ScheduleSpec, Scheduler, SchedulerConfig, Timing, set_schedule};
use dayline_db::{Db, DbOptions, TestClock, migrate};
use serde_json::json;
use sqlx::{Connection, Executor};

fn options(postgres_url: Option<String>, sqlite_path: std::path::PathBuf) -> DbOptions {
    DbOptions {
        postgres_url,
        sqlite_path,
        max_connections: 8,
        acquire_timeout: Duration::from_secs(10),
        sqlite_busy_timeout: Duration::from_secs(5),
    }
}

async fn run(name: &str, db: Db, clock: Arc<TestClock>, total: usize) -> anyhow::Result<()> {
    migrate::up(&db).await?;
    let zones = chrono_tz::TZ_VARIANTS;
    let started = Instant::now();
    for chunk in 0..total.div_ceil(2_000) {
        let mut tx = db.begin_bookkeeping().await?;
        for n in chunk * 2_000..((chunk + 1) * 2_000).min(total) {
            let minute = (n * 7919) % (24 * 60); // spread over the day
            let spec = ScheduleSpec {
                key: format!("group:{n}:checkin-reminder"),
                kind: "checkin.reminder",
                group_id: None,
                payload: json!({"group": n}),
                zone: zones[n % zones.len()],
                timing: Timing::Daily { at: format!("{:02}:{:02}", minute / 60, minute % 60), weekdays: Weekdays::ALL },
            };
            set_schedule(&mut tx, spec).await?;
        }
        tx.commit().await?;
    }
    let created = started.elapsed();
    let scheduler = Scheduler::new(db.clone(), SchedulerConfig { batch: 5_000, ..SchedulerConfig::default() });

    let mut idle = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let report = scheduler.tick().await?;
        idle.push(t.elapsed());
        assert_eq!(report.enqueued, 0);
    }
    idle.sort();
    clock.advance(chrono::Duration::minutes(58));
    let t = Instant::now();
    let report = scheduler.tick().await?;
    let busy = t.elapsed();
    println!(
        "{name:<10} {total} schedules (created in {:.1} s): idle tick p50 {:.3} ms, p99 {:.3} ms; \
         due tick enqueued {} jobs in {:.0} ms",
        created.as_secs_f64(),
        idle[idle.len() / 2].as_secs_f64() * 1e3,
        idle[idle.len() * 99 / 100].as_secs_f64() * 1e3,
        report.enqueued,
        busy.as_secs_f64() * 1e3
    );
    db.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let total = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let start = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).single().expect("time");

    let dir = tempfile::tempdir()?;
    let clock = Arc::new(TestClock::new(start));
    let sqlite = Db::connect(&options(None, dir.path().join("bench.db")), clock.clone()).await?;
    run("sqlite", sqlite, clock, total).await?;

    let admin = std::env::var("DAYLINE_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("dayline_bench_sched_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(&admin).await?;
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await?;
    let url = format!("{}/{name}", admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base));
    let clock = Arc::new(TestClock::new(start));
    let postgres = Db::connect(&options(Some(url), Default::default()), clock.clone()).await?;
    let result = run("postgres", postgres, clock, total).await;
    conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)"))).await?;
    result
}
