//! The scheduler: each tick enqueues the jobs of due schedules (found through the
//! `next_run_at` index, never by scanning) and moves each schedule to its next occurrence.
//! The job's idempotency key names the schedule and the occurrence, so two schedulers, or a
//! tick repeated after a crash, never enqueue the same occurrence twice.

use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use dayline_db::jobs::{self, NewJob};
use dayline_db::schedules::{self, DueSchedule, ScheduleRecord};
use dayline_db::{Db, DbResult, WriteTx};
use serde_json::Value;
use tokio::sync::watch;
use uuid::Uuid;

use super::recurrence::{Recurrence, Weekdays};

#[derive(Debug, Clone)]
pub struct SchedulerConfig {
    pub tick: Duration,
    /// Missed occurrences younger than this still run (once) after downtime.
    pub catch_up: Duration,
    /// Schedules handled per transaction.
    pub batch: i64,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self { tick: Duration::from_secs(1), catch_up: Duration::from_secs(60 * 60), batch: 1_000 }
    }
}

/// What a tick did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TickReport {
    pub enqueued: usize,
    /// Occurrences older than the catch-up window, passed over.
    pub skipped: usize,
}

/// How a schedule repeats, as callers give it.
#[derive(Debug, Clone)]
pub enum Timing {
    /// `HH:MM` local time on the given weekdays.
    Daily {
        at: String,
        weekdays: Weekdays,
    },
    Cron(String),
}

/// A schedule to create or replace; `key` identifies it (`group:<id>:checkin-reminder`).
#[derive(Debug, Clone)]
pub struct ScheduleSpec {
    pub key: String,
    pub kind: &'static str,
    pub group_id: Option<Uuid>,
    pub payload: Value,
    pub zone: Tz,
    pub timing: Timing,
}

#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error("`{0}` is not a time of day like 09:00")]
    InvalidTime(String),
    #[error("`{0}` is not a valid cron pattern")]
    InvalidCron(String),
    #[error("the schedule never runs (no weekday selected)")]
    NeverRuns,
    #[error(transparent)]
    Db(#[from] dayline_db::DbError),
}

fn recurrence_of(timing: &Timing) -> Result<Recurrence, ScheduleError> {
    match timing {
        Timing::Daily { at, weekdays } => Recurrence::parse_local_time(at)
            .map(|at| Recurrence::Daily { at, weekdays: *weekdays })
            .ok_or_else(|| ScheduleError::InvalidTime(at.clone())),
        Timing::Cron(pattern) => {
            Recurrence::parse_cron(pattern).ok_or_else(|| ScheduleError::InvalidCron(pattern.clone()))
        }
    }
}

/// Creates or replaces a schedule inside the caller's transaction. Its next run is computed
/// from now at once, so changing a zone or a time takes effect immediately.
pub async fn set_schedule(tx: &mut WriteTx, spec: ScheduleSpec) -> Result<Uuid, ScheduleError> {
    let recurrence = recurrence_of(&spec.timing)?;
    let next_run_at = recurrence.next_after(spec.zone, tx.now()).ok_or(ScheduleError::NeverRuns)?;
    let (local_time, weekdays, cron) = match spec.timing {
        Timing::Daily { at, weekdays } => (Some(at), i64::from(weekdays.0), None),
        Timing::Cron(pattern) => (None, i64::from(Weekdays::ALL.0), Some(pattern)),
    };
    let record = ScheduleRecord {
        key: spec.key,
        kind: spec.kind.to_owned(),
        group_id: spec.group_id,
        payload: spec.payload,
        timezone: spec.zone.name().to_owned(),
        local_time,
        weekdays,
        cron,
        next_run_at,
    };
    Ok(schedules::upsert(tx, record).await?)
}

fn stored_recurrence(row: &DueSchedule) -> Option<(Recurrence, Tz)> {
    let zone: Tz = row.timezone.parse().ok()?;
    let recurrence = match (&row.local_time, &row.cron) {
        (Some(at), None) => Recurrence::Daily {
            at: Recurrence::parse_local_time(at)?,
            weekdays: Weekdays(u8::try_from(row.weekdays & 0x7f).ok()?),
        },
        (None, Some(pattern)) => Recurrence::parse_cron(pattern)?,
        _ => return None,
    };
    Some((recurrence, zone))
}

pub struct Scheduler {
    db: Db,
    config: SchedulerConfig,
}

impl Scheduler {
    pub fn new(db: Db, config: SchedulerConfig) -> Self {
        Self { db, config }
    }

    /// Enqueues every due occurrence; loops over batches until nothing is due.
    pub async fn tick(&self) -> DbResult<TickReport> {
        let mut report = TickReport::default();
        loop {
            let (batch, handled) = self.tick_batch().await?;
            report.enqueued += batch.enqueued;
            report.skipped += batch.skipped;
            if handled < self.config.batch as usize {
                return Ok(report);
            }
        }
    }

    async fn tick_batch(&self) -> DbResult<(TickReport, usize)> {
        let mut report = TickReport::default();
        if !schedules::any_due(&self.db, self.db.clock().now()).await? {
            return Ok((report, 0));
        }
        let mut tx = self.db.begin_bookkeeping().await?;
        let now = tx.now();
        let catch_up = chrono::Duration::from_std(self.config.catch_up).unwrap_or(chrono::Duration::hours(1));
        let due = schedules::lock_due(&mut tx, now, self.config.batch).await?;
        for row in &due {
            let Some((recurrence, zone)) = stored_recurrence(row) else {
                tracing::error!(schedule = %row.key, "schedule has an invalid zone or pattern; disabling it");
                schedules::disable(&mut tx, row.id).await?;
                continue;
            };
            // After downtime several occurrences may have passed: each one still inside the
            // catch-up window runs once; older ones are skipped and logged.
            let mut occurrence = row.next_run_at;
            let mut too_old = 0usize;
            for _ in 0..10_000 {
                if now - occurrence <= catch_up {
                    if self.enqueue_occurrence(&mut tx, row, zone, occurrence).await? {
                        report.enqueued += 1;
                    }
                } else {
                    too_old += 1;
                }
                match recurrence.next_after(zone, occurrence) {
                    Some(next) if next <= now => occurrence = next,
                    _ => break,
                }
            }
            if too_old > 0 {
                report.skipped += too_old;
                tracing::warn!(schedule = %row.key, skipped = too_old, "missed occurrences older than the catch-up window were skipped");
            }
            match recurrence.next_after(zone, occurrence.max(now)) {
                Some(next) => schedules::advance(&mut tx, row.id, next, Some(now)).await?,
                None => schedules::disable(&mut tx, row.id).await?,
            }
        }
        tx.commit().await?;
        Ok((report, due.len()))
    }

    /// Enqueues one occurrence; false when it was enqueued before (same idempotency key).
    async fn enqueue_occurrence(
        &self,
        tx: &mut WriteTx,
        row: &DueSchedule,
        zone: Tz,
        occurrence: DateTime<Utc>,
    ) -> DbResult<bool> {
        let local = occurrence.with_timezone(&zone).naive_local();
        let mut payload = row.payload.0.clone();
        if let Value::Object(map) = &mut payload {
            map.insert("schedule".to_owned(), Value::String(row.key.clone()));
            map.insert("occurrence".to_owned(), Value::String(occurrence.to_rfc3339()));
            map.insert("local_date".to_owned(), Value::String(local.date().to_string()));
        }
        let mut job = NewJob::new(row.kind.clone(), payload);
        job.idempotency_key = Some(format!("schedule:{}:{}", row.id, local.format("%Y-%m-%dT%H:%M")));
        Ok(jobs::enqueue(tx, job).await?.is_some())
    }

    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        tracing::info!("scheduler started");
        while !*stop.borrow() {
            match self.tick().await {
                Ok(report) if report.enqueued > 0 => tracing::debug!(enqueued = report.enqueued, "scheduler tick"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "scheduler tick failed; retrying"),
            }
            tokio::select! {
                () = tokio::time::sleep(self.config.tick) => {}
                _ = stop.changed() => {}
            }
        }
        tracing::info!("scheduler stopped");
    }
}
