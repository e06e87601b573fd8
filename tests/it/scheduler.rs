//! Schedules on both backends with the test clock: due rows only, one job per occurrence
//! (even with two schedulers), DST in several zones, zone changes, downtime catch-up.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use dayline::jobs::recurrence::Weekdays;
use dayline::jobs::scheduler::{ScheduleError, ScheduleSpec, Scheduler, SchedulerConfig, TickReport, Timing};
use dayline_db::{Db, TestClock, schedules};
use serde_json::json;

use crate::support::{Backend, Options, TestApp, spawn_app_with};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("rfc3339").with_timezone(&Utc)
}

async fn app_at(backend: Backend, start: &str) -> (TestApp, Arc<TestClock>) {
    let clock = Arc::new(TestClock::new(utc(start)));
    (spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await, clock)
}

fn spec(key: &str, zone: chrono_tz::Tz, at: &str) -> ScheduleSpec {
    ScheduleSpec {
        key: key.to_owned(),
        kind: "test.reminder",
        group_id: None,
        payload: json!({"group": key}),
        zone,
        timing: Timing::Daily { at: at.to_owned(), weekdays: Weekdays::ALL },
    }
}

async fn set(db: &Db, spec: ScheduleSpec) -> Result<uuid::Uuid, ScheduleError> {
    let mut tx = db.begin_bookkeeping().await.expect("begin");
    let id = dayline::jobs::scheduler::set_schedule(&mut tx, spec).await?;
    tx.commit().await.expect("commit");
    Ok(id)
}

fn scheduler(db: &Db) -> Scheduler {
    Scheduler::new(db.clone(), SchedulerConfig { catch_up: Duration::from_secs(3600), ..SchedulerConfig::default() })
}

/// Occurrences enqueued so far, oldest first.
async fn occurrences(db: &Db) -> Vec<String> {
    let rows: Vec<(sqlx::types::Json<serde_json::Value>,)> =
        dayline_db::sql("SELECT payload FROM jobs ORDER BY run_at, id").fetch_all(db).await.expect("jobs");
    rows.into_iter().map(|(p,)| p.0["occurrence"].as_str().unwrap_or_default().to_owned()).collect()
}

on_both! {
    async fn a_due_schedule_enqueues_its_occurrence_once(backend: Backend) {
        let (app, clock) = app_at(backend, "2026-11-23T12:00:00Z").await;
        let db = &app.state.db;
        set(db, spec("group:a:reminder", chrono_tz::Europe::Berlin, "20:00")).await.expect("set");
        assert_eq!(schedules::next_run_at(db, "group:a:reminder").await.expect("q"), Some(utc("2026-11-23T19:00:00Z")));

        assert_eq!(scheduler(db).tick().await.expect("tick"), TickReport::default(), "not due yet");
        clock.set(utc("2026-11-23T19:00:05Z"));
        assert_eq!(scheduler(db).tick().await.expect("tick").enqueued, 1);
        assert_eq!(scheduler(db).tick().await.expect("tick").enqueued, 0, "advanced, so not again");
        assert_eq!(occurrences(db).await, ["2026-11-23T19:00:00+00:00"]);
        let (key, local_date): (Option<String>, sqlx::types::Json<serde_json::Value>) =
            dayline_db::sql("SELECT idempotency_key, payload FROM jobs").fetch_one(db).await.expect("job");
        assert!(key.expect("key").ends_with(":2026-11-23T20:00"), "keyed by schedule and local occurrence");
        assert_eq!(local_date.0["local_date"], "2026-11-23");
        assert_eq!(schedules::next_run_at(db, "group:a:reminder").await.expect("q"), Some(utc("2026-11-24T19:00:00Z")));
    }

    async fn two_schedulers_never_enqueue_the_same_occurrence(backend: Backend) {
        let (app, clock) = app_at(backend, "2026-11-23T12:00:00Z").await;
        let db = &app.state.db;
        for n in 0..60 {
            set(db, spec(&format!("group:{n}:reminder"), chrono_tz::UTC, "13:00")).await.expect("set");
        }
        clock.set(utc("2026-11-23T13:00:01Z"));
        let small = SchedulerConfig { batch: 7, ..SchedulerConfig::default() };
        let (a, b) = (Scheduler::new(db.clone(), small.clone()), Scheduler::new(db.clone(), small));
        let (ra, rb) = tokio::join!(a.tick(), b.tick());
        let total = ra.expect("a").enqueued + rb.expect("b").enqueued;
        assert_eq!(total, 60);
        assert_eq!(app.count("SELECT COUNT(*) FROM jobs").await, 60, "each schedule once");
    }

    async fn berlin_dst_changes_run_each_local_day_once(backend: Backend) {
        let (app, clock) = app_at(backend, "2026-03-27T12:00:00Z").await;
        let db = &app.state.db;
        set(db, spec("berlin", chrono_tz::Europe::Berlin, "02:30")).await.expect("set");
        // Tick every 15 minutes across the spring-forward weekend.
        while clock.now_utc() < utc("2026-03-31T12:00:00Z") {
            clock.advance(chrono::Duration::minutes(15));
            scheduler(db).tick().await.expect("tick");
        }
        assert_eq!(occurrences(db).await, [
            "2026-03-28T01:30:00+00:00",
            "2026-03-29T01:00:00+00:00",
            "2026-03-30T00:30:00+00:00",
            "2026-03-31T00:30:00+00:00",
        ]);
    }

    async fn lord_howe_and_kathmandu_run_at_their_local_times(backend: Backend) {
        let (app, clock) = app_at(backend, "2026-04-03T12:00:00Z").await;
        let db = &app.state.db;
        set(db, spec("howe", chrono_tz::Australia::Lord_Howe, "01:45")).await.expect("set");
        set(db, spec("kathmandu", chrono_tz::Asia::Kathmandu, "09:00")).await.expect("set");
        while clock.now_utc() < utc("2026-04-06T00:00:00Z") {
            clock.advance(chrono::Duration::minutes(15));
            scheduler(db).tick().await.expect("tick");
        }
        let got = occurrences(db).await;
        let howe: Vec<&String> = got.iter().filter(|o| o.contains("T14:45") || o.contains("T15:15")).collect();
        assert_eq!(howe, ["2026-04-03T14:45:00+00:00", "2026-04-04T14:45:00+00:00", "2026-04-05T15:15:00+00:00"], "{got:?}");
        assert!(got.contains(&"2026-04-04T03:15:00+00:00".to_owned()), "09:00 at +05:45: {got:?}");
    }

    async fn changing_the_zone_or_time_reschedules_at_once(backend: Backend) {
        let (app, _) = app_at(backend, "2026-11-23T12:00:00Z").await;
        let db = &app.state.db;
        set(db, spec("group:g:summary", chrono_tz::Europe::Berlin, "20:00")).await.expect("set");
        set(db, spec("group:g:summary", chrono_tz::Asia::Kathmandu, "20:00")).await.expect("set");
        assert_eq!(schedules::next_run_at(db, "group:g:summary").await.expect("q"), Some(utc("2026-11-23T14:15:00Z")));
        set(db, spec("group:g:summary", chrono_tz::Asia::Kathmandu, "07:30")).await.expect("set");
        assert_eq!(schedules::next_run_at(db, "group:g:summary").await.expect("q"), Some(utc("2026-11-24T01:45:00Z")));
        assert_eq!(app.count("SELECT COUNT(*) FROM schedules").await, 1, "one schedule per key");
    }

    async fn downtime_runs_the_latest_missed_occurrence_inside_the_window_once(backend: Backend) {
        let (app, clock) = app_at(backend, "2026-11-23T08:00:00Z").await;
        let db = &app.state.db;
        set(db, spec("daily", chrono_tz::UTC, "09:00")).await.expect("set");
        // Down for three days; back 30 minutes after the latest occurrence.
        clock.set(utc("2026-11-26T09:30:00Z"));
        let report = scheduler(db).tick().await.expect("tick");
        assert_eq!(report, TickReport { enqueued: 1, skipped: 3 });
        assert_eq!(occurrences(db).await, ["2026-11-26T09:00:00+00:00"]);
        assert_eq!(schedules::next_run_at(db, "daily").await.expect("q"), Some(utc("2026-11-27T09:00:00Z")));
        // Back two hours late: outside the one-hour window, nothing runs.
        clock.set(utc("2026-11-27T11:00:00Z"));
        let report = scheduler(db).tick().await.expect("tick");
        assert_eq!(report, TickReport { enqueued: 0, skipped: 1 });
        assert_eq!(schedules::next_run_at(db, "daily").await.expect("q"), Some(utc("2026-11-28T09:00:00Z")));
    }

    async fn invalid_schedules_are_refused(backend: Backend) {
        let (app, _) = app_at(backend, "2026-11-23T08:00:00Z").await;
        let db = &app.state.db;
        for bad in ["24:00", "7pm", "25:61"] {
            assert!(matches!(set(db, spec("x", chrono_tz::UTC, bad)).await, Err(ScheduleError::InvalidTime(_))), "{bad}");
        }
        let mut never = spec("x", chrono_tz::UTC, "09:00");
        never.timing = Timing::Daily { at: "09:00".to_owned(), weekdays: Weekdays(0) };
        assert!(matches!(set(db, never).await, Err(ScheduleError::NeverRuns)));
        let mut cron = spec("x", chrono_tz::UTC, "09:00");
        cron.timing = Timing::Cron("every day please".to_owned());
        assert!(matches!(set(db, cron).await, Err(ScheduleError::InvalidCron(_))));
        assert_eq!(app.count("SELECT COUNT(*) FROM schedules").await, 0);
    }
}

trait NowUtc {
    fn now_utc(&self) -> DateTime<Utc>;
}

impl NowUtc for TestClock {
    fn now_utc(&self) -> DateTime<Utc> {
        dayline_db::Clock::now(self)
    }
}

on_both! {
    async fn new_york_gap_and_repeated_hour_through_the_scheduler(backend: Backend) {
        let (app, clock) = app_at(backend, "2026-03-07T12:00:00Z").await;
        let db = &app.state.db;
        set(db, spec("ny-gap", chrono_tz::America::New_York, "02:30")).await.expect("set");
        set(db, spec("ny-overlap", chrono_tz::America::New_York, "01:30")).await.expect("set");
        let tick_until = |end: &'static str| {
            let (clock, db) = (clock.clone(), db.clone());
            async move {
                while clock.now_utc() < utc(end) {
                    clock.advance(chrono::Duration::minutes(15));
                    scheduler(&db).tick().await.expect("tick");
                }
            }
        };
        tick_until("2026-03-10T00:00:00Z").await;
        clock.set(utc("2026-10-30T12:00:00Z"));
        set(db, spec("ny-overlap", chrono_tz::America::New_York, "01:30")).await.expect("reset after the jump");
        tick_until("2026-11-03T00:00:00Z").await;
        let got = occurrences(db).await;
        // 2026-03-08: 02:30 does not exist; it runs once at 03:00 EDT (07:00 UTC).
        assert!(got.contains(&"2026-03-08T07:00:00+00:00".to_owned()), "{got:?}");
        assert!(got.contains(&"2026-03-09T06:30:00+00:00".to_owned()), "02:30 EDT the day after: {got:?}");
        assert_eq!(got.iter().filter(|o| o.starts_with("2026-03-08")).count(), 2, "the gap day runs each schedule once: {got:?}");
        // 2026-11-01: 01:30 happens twice; it runs once, at the first (EDT, 05:30 UTC).
        assert!(got.contains(&"2026-11-01T05:30:00+00:00".to_owned()), "{got:?}");
        assert!(!got.contains(&"2026-11-01T06:30:00+00:00".to_owned()), "not again an hour later: {got:?}");
        assert!(got.contains(&"2026-11-02T06:30:00+00:00".to_owned()), "{got:?}");
    }
}
