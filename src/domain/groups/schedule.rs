//! A group's two daily schedules, kept in step with its settings: the check-in reminder at
//! its reminder time and the daily summary at its summary time, both on its check-in days in
//! its own time zone. They are written in the same transaction as the change to the group, so
//! a new zone or time applies from the very next run (DST-correct, computed by the scheduler).

use chrono_tz::Tz;
use dayline_db::{WriteTx, schedules};
use serde_json::json;
use uuid::Uuid;

use super::row::GroupRow;
use crate::error::{AppError, AppResult};
use crate::jobs::recurrence::Weekdays;
use crate::jobs::scheduler::{ScheduleSpec, Timing, set_schedule};

pub const CHECKIN_REMINDER_JOB: &str = "groups.checkin_reminder";
pub const DAILY_SUMMARY_JOB: &str = "groups.daily_summary";

pub fn reminder_key(group_id: Uuid) -> String {
    format!("group:{group_id}:checkin-reminder")
}

pub fn summary_key(group_id: Uuid) -> String {
    format!("group:{group_id}:daily-summary")
}

/// `mon,tue,…` as stored → the scheduler's weekday bits.
fn weekdays(days: &str) -> Weekdays {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let bits = NAMES
        .iter()
        .enumerate()
        .filter(|(_, name)| days.split(',').any(|d| d == **name))
        .fold(0u8, |b, (i, _)| b | (1 << i));
    Weekdays(bits)
}

/// Creates or moves both schedules of `group` to match its settings.
pub async fn schedule(tx: &mut WriteTx, group: &GroupRow) -> AppResult<()> {
    let zone: Tz = group
        .timezone
        .parse()
        .map_err(|_| AppError::Internal(anyhow::anyhow!("stored time zone {} does not parse", group.timezone)))?;
    let days = weekdays(&group.checkin_days);
    for (key, kind, at) in [
        (reminder_key(group.id), CHECKIN_REMINDER_JOB, &group.checkin_time),
        (summary_key(group.id), DAILY_SUMMARY_JOB, &group.summary_time),
    ] {
        let spec = ScheduleSpec {
            key,
            kind,
            group_id: Some(group.id),
            payload: json!({ "group_id": group.id }),
            zone,
            timing: Timing::Daily { at: at.clone(), weekdays: days },
        };
        set_schedule(tx, spec).await.map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(())
}

/// Removes both schedules (the group was deleted).
pub async fn unschedule(tx: &mut WriteTx, group_id: Uuid) -> AppResult<()> {
    schedules::delete(tx, &reminder_key(group_id)).await?;
    schedules::delete(tx, &summary_key(group_id)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_days_become_weekday_bits() {
        assert_eq!(weekdays("mon,tue,wed,thu,fri"), Weekdays::MONDAY_TO_FRIDAY);
        assert_eq!(weekdays("sun"), Weekdays(0b100_0000));
        assert_eq!(weekdays("mon,sun"), Weekdays(0b100_0001));
    }
}
