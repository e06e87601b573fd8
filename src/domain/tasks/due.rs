//! The moment a task falls due, stored as sortable UTC text (`due_order`) so lists can sort by
//! it and find overdue tasks with one comparison, whatever the time zones involved.

use chrono::{DateTime, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use dayline_db::{WriteTx, sql};
use uuid::Uuid;

use crate::error::AppResult;

/// `due_order` of a task without a due day or time: after every date.
pub const NO_DUE: &str = "~";

/// The text form, fixed width so text order is time order.
pub fn order_key(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// A due time is itself; a due day lasts until the end of that day where the task lives.
pub fn due_order(due_date: Option<NaiveDate>, due_at: Option<DateTime<Utc>>, zone: Tz) -> String {
    if let Some(at) = due_at {
        return order_key(at);
    }
    let Some(day) = due_date else { return NO_DUE.to_owned() };
    let Some(next_day) = day.checked_add_days(Days::new(1)) else { return NO_DUE.to_owned() };
    order_key(start_of_day(next_day, zone) - TimeDelta::microseconds(1))
}

/// Local midnight, or the first moment after it where a clock change skips midnight.
fn start_of_day(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..=4)
        .find_map(|half_hours| zone.from_local_datetime(&(midnight + TimeDelta::minutes(30 * half_hours))).earliest())
        .map_or_else(|| midnight.and_utc(), |local| local.with_timezone(&Utc))
}

/// Which tasks live in a zone that just changed.
pub enum ZoneOf {
    Group(Uuid),
    /// A user's personal tasks.
    Owner(Uuid),
}

/// Recomputes `due_order` of the tasks due on a day after their zone changed to `zone`.
pub async fn rezone(tx: &mut WriteTx, scope: ZoneOf, zone: Tz) -> AppResult<()> {
    let due: Vec<(Uuid, String)> = match scope {
        ZoneOf::Group(id) => {
            sql("SELECT id, due_date FROM tasks WHERE group_id = $1 AND due_date IS NOT NULL").bind(id)
        }
        ZoneOf::Owner(id) => {
            sql("SELECT id, due_date FROM tasks WHERE group_id IS NULL AND owner_id = $1 AND due_date IS NOT NULL")
                .bind(id)
        }
    }
    .fetch_all(&mut *tx)
    .await?;
    for (id, day) in due {
        let key = due_order(day.parse().ok(), None, zone);
        sql("UPDATE tasks SET due_order = $1 WHERE id = $2").bind(key).bind(id).execute(&mut *tx).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_due_day_ends_at_local_midnight() {
        let berlin: Tz = "Europe/Berlin".parse().expect("zone");
        assert_eq!(due_order(Some(day(2026, 11, 27)), None, berlin), "2026-11-27T22:59:59.999999Z");
        assert_eq!(due_order(Some(day(2026, 7, 1)), None, berlin), "2026-07-01T21:59:59.999999Z");
        let auckland: Tz = "Pacific/Auckland".parse().expect("zone");
        assert_eq!(due_order(Some(day(2026, 11, 27)), None, auckland), "2026-11-27T10:59:59.999999Z");
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_ends_when_the_next_day_starts() {
        // Santiago springs forward at midnight: 2026-09-06 starts at 01:00 local (04:00 UTC).
        let santiago: Tz = "America/Santiago".parse().expect("zone");
        assert_eq!(due_order(Some(day(2026, 9, 5)), None, santiago), "2026-09-06T03:59:59.999999Z");
    }

    #[test]
    fn due_times_are_themselves_and_nothing_sorts_last() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).single().expect("time");
        assert_eq!(due_order(Some(day(2026, 1, 1)), Some(at), Tz::UTC), "2026-11-27T09:30:00.000000Z");
        assert_eq!(due_order(None, None, Tz::UTC), NO_DUE);
        assert!(NO_DUE > "9999-12-31T23:59:59.999999Z");
    }
}
