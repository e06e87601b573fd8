//! Schedules Dayline itself needs, registered by every process with the scheduler role
//! (an upsert by key, so several schedulers agree).

use chrono_tz::UTC;
use dayline_db::Db;
use serde_json::json;

use super::kinds::{PURGE_GROUPS_JOB, PURGE_TASKS_JOB, SWEEP_FILES_JOB};
use super::recurrence::Weekdays;
use super::scheduler::{ScheduleSpec, Timing, set_schedule};
use crate::config::Settings;

pub async fn ensure_system_schedules(db: &Db, settings: &Settings) -> anyhow::Result<()> {
    let mut tx = db.begin_bookkeeping().await?;
    set_schedule(
        &mut tx,
        ScheduleSpec {
            key: "system:groups-purge".to_owned(),
            kind: PURGE_GROUPS_JOB,
            group_id: None,
            payload: json!({}),
            zone: UTC,
            timing: Timing::Daily { at: "03:30".to_owned(), weekdays: Weekdays::ALL },
        },
    )
    .await?;
    set_schedule(
        &mut tx,
        ScheduleSpec {
            key: "system:tasks-purge".to_owned(),
            kind: PURGE_TASKS_JOB,
            group_id: None,
            payload: json!({ "retention_days": settings.archived_task_retention_days }),
            zone: UTC,
            timing: Timing::Daily { at: "03:45".to_owned(), weekdays: Weekdays::ALL },
        },
    )
    .await?;
    set_schedule(
        &mut tx,
        ScheduleSpec {
            key: "system:files-sweep".to_owned(),
            kind: SWEEP_FILES_JOB,
            group_id: None,
            payload: json!({}),
            zone: UTC,
            timing: Timing::Cron("17 * * * *".to_owned()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
