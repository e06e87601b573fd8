//! Storage of recurring schedules. The application computes occurrences (time zones, DST,
//! cron); this module stores them and finds the due ones through the `next_run_at` index.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::types::Json;
use uuid::Uuid;

use crate::pool::Backend;
use crate::{DbResult, WriteTx, new_id, sql};

/// What to store for a schedule; `key` addresses it (`group:<id>:checkin-reminder`).
#[derive(Debug, Clone)]
pub struct ScheduleRecord {
    pub key: String,
    pub kind: String,
    pub group_id: Option<Uuid>,
    pub payload: Value,
    pub timezone: String,
    /// `HH:MM`, with `weekdays`; or else `cron`.
    pub local_time: Option<String>,
    /// Bit 0 = Monday … bit 6 = Sunday.
    pub weekdays: i64,
    pub cron: Option<String>,
    pub next_run_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueSchedule {
    pub id: Uuid,
    pub key: String,
    pub kind: String,
    pub group_id: Option<Uuid>,
    pub payload: Json<Value>,
    pub timezone: String,
    pub local_time: Option<String>,
    pub weekdays: i64,
    pub cron: Option<String>,
    pub next_run_at: DateTime<Utc>,
}

/// Creates or replaces the schedule with this key; its next run is recomputed at once.
pub async fn upsert(tx: &mut WriteTx, record: ScheduleRecord) -> DbResult<Uuid> {
    let now = tx.now();
    let (id,): (Uuid,) = sql(
        "INSERT INTO schedules (id, key, kind, group_id, payload, timezone, local_time, weekdays, cron, enabled, next_run_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
         ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, group_id = excluded.group_id, payload = excluded.payload, \
             timezone = excluded.timezone, local_time = excluded.local_time, weekdays = excluded.weekdays, cron = excluded.cron, \
             enabled = excluded.enabled, next_run_at = excluded.next_run_at, updated_at = excluded.updated_at \
         RETURNING id",
    )
    .bind(new_id())
    .bind(record.key)
    .bind(record.kind)
    .bind(record.group_id)
    .bind(record.payload)
    .bind(record.timezone)
    .bind(record.local_time)
    .bind(record.weekdays)
    .bind(record.cron)
    .bind(true)
    .bind(record.next_run_at)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

pub async fn delete(tx: &mut WriteTx, key: &str) -> DbResult<bool> {
    Ok(sql("DELETE FROM schedules WHERE key = $1").bind(key).execute(tx).await? == 1)
}

const DUE_POSTGRES: &str = "SELECT id, key, kind, group_id, payload, timezone, local_time, weekdays, cron, next_run_at \
     FROM schedules WHERE enabled AND next_run_at <= $1 ORDER BY next_run_at LIMIT $2 FOR UPDATE SKIP LOCKED";
const DUE_SQLITE: &str = "SELECT id, key, kind, group_id, payload, timezone, local_time, weekdays, cron, next_run_at \
     FROM schedules WHERE enabled = 1 AND next_run_at <= $1 ORDER BY next_run_at LIMIT $2";

/// Whether anything is due, asked on the read pool so an idle tick never takes the writer.
pub async fn any_due(db: &crate::Db, now: DateTime<Utc>) -> DbResult<bool> {
    let text = match db.backend {
        Backend::Sqlite { .. } => "SELECT id FROM schedules WHERE enabled = 1 AND next_run_at <= $1 LIMIT 1",
        Backend::Postgres(_) => "SELECT id FROM schedules WHERE enabled AND next_run_at <= $1 LIMIT 1",
    };
    let row: Option<(uuid::Uuid,)> = sql(text).bind(now).fetch_optional(db).await?;
    Ok(row.is_some())
}

/// Locks and returns up to `limit` due schedules; other schedulers skip them (PostgreSQL)
/// or wait for the single writer (SQLite).
pub async fn lock_due(tx: &mut WriteTx, now: DateTime<Utc>, limit: i64) -> DbResult<Vec<DueSchedule>> {
    let text = match tx.db().backend {
        Backend::Sqlite { .. } => DUE_SQLITE,
        Backend::Postgres(_) => DUE_POSTGRES,
    };
    sql(text).bind(now).bind(limit).fetch_all(tx).await
}

/// Moves a schedule on after it fired (or was skipped).
pub async fn advance(
    tx: &mut WriteTx,
    id: Uuid,
    next_run_at: DateTime<Utc>,
    fired_at: Option<DateTime<Utc>>,
) -> DbResult<()> {
    let now = tx.now();
    sql(
        "UPDATE schedules SET next_run_at = $1, last_run_at = COALESCE($2, last_run_at), updated_at = $3 WHERE id = $4",
    )
    .bind(next_run_at)
    .bind(fired_at)
    .bind(now)
    .bind(id)
    .execute(tx)
    .await?;
    Ok(())
}

/// A schedule whose pattern no longer parses stops instead of failing every tick.
pub async fn disable(tx: &mut WriteTx, id: Uuid) -> DbResult<()> {
    sql("UPDATE schedules SET enabled = $1 WHERE id = $2").bind(false).bind(id).execute(tx).await?;
    Ok(())
}

pub async fn next_run_at(db: &crate::Db, key: &str) -> DbResult<Option<DateTime<Utc>>> {
    let row: Option<(DateTime<Utc>,)> =
        sql("SELECT next_run_at FROM schedules WHERE key = $1").bind(key).fetch_optional(db).await?;
    Ok(row.map(|(t,)| t))
}
