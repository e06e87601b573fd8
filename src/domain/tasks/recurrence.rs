//! Recurring tasks: completing an occurrence creates the next one with the same fields, due by
//! the rule — counted from the due date, or from the completion day ("every!"). Due days are
//! dates, so no clock change moves them; a due time keeps its wall-clock time in its zone
//! across DST. Monthly rules keep their day: the 31st falls on the last day of shorter
//! months and comes back to the 31st after.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use chrono_tz::Tz;
use dayline_api_types::{Frequency, RecurrenceRule, TaskStatus};
use dayline_db::{WriteTx, sql};
use serde_json::json;
use uuid::Uuid;

use super::create::insert_task;
use super::fields::TaskFields;
use super::row::TaskRow;
use super::update::announce_about;
use crate::error::{AppError, AppResult};
use crate::jobs::recurrence::resolve;

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn weekday(name: &str) -> Option<Weekday> {
    DAYS.iter().position(|d| *d == name).and_then(|i| Weekday::try_from(u8::try_from(i).ok()?).ok())
}

fn invalid(message: &str) -> AppError {
    AppError::invalid("recurrence", message)
}

/// Checks a rule and fills in what the due day implies (a monthly rule's day, a yearly
/// rule's date), so later occurrences do not drift.
pub fn normalized(rule: &RecurrenceRule, due: NaiveDate) -> AppResult<RecurrenceRule> {
    let mut rule = rule.clone();
    if !(1..=366).contains(&rule.interval.unwrap_or(1)) {
        return Err(invalid("`interval` must be from 1 to 366"));
    }
    if let Some(days) = &rule.weekdays
        && (rule.freq != Frequency::Weekly || days.is_empty() || days.iter().any(|d| weekday(d).is_none()))
    {
        return Err(invalid("`weekdays` go with a weekly rule: mon, tue, wed, thu, fri, sat, sun"));
    }
    if rule.month_day.is_some() && rule.nth_weekday.is_some() {
        return Err(invalid("give `month_day` or `nth_weekday`, not both"));
    }
    if (rule.month_day.is_some() || rule.nth_weekday.is_some()) && rule.freq != Frequency::Monthly {
        return Err(invalid("`month_day` and `nth_weekday` go with a monthly rule"));
    }
    if rule.month_day.is_some_and(|d| !(1..=31).contains(&d)) {
        return Err(invalid("`month_day` must be from 1 to 31"));
    }
    if let Some(nth) = &rule.nth_weekday
        && (!(nth.n == -1 || (1..=4).contains(&nth.n)) || weekday(&nth.weekday).is_none())
    {
        return Err(invalid("`nth_weekday` needs `n` from 1 to 4 (or -1 for the last) and a weekday"));
    }
    if rule.freq == Frequency::Monthly && rule.nth_weekday.is_none() && rule.month_day.is_none() {
        rule.month_day = Some(due.day());
    }
    if rule.freq == Frequency::Weekly && rule.weekdays.is_none() {
        rule.weekdays = Some(vec![DAYS[due.weekday().num_days_from_monday() as usize].to_owned()]);
    }
    Ok(rule)
}

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// Day `day` of the month starting at `start`, or its last day if shorter.
fn day_of_month(start: NaiveDate, day: u32) -> NaiveDate {
    let last = (start + Months::new(1)).pred_opt().map_or(28, |d| d.day());
    start.with_day(day.min(last)).unwrap_or(start)
}

fn nth_weekday_of_month(start: NaiveDate, n: i8, weekday: Weekday) -> Option<NaiveDate> {
    if n == -1 {
        let last = (start + Months::new(1)).pred_opt()?;
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        return last.checked_sub_days(Days::new(u64::from(back)));
    }
    NaiveDate::from_weekday_of_month_opt(start.year(), start.month(), weekday, u8::try_from(n).ok()?)
}

/// The first due day after `from` by the rule, or `None` past `until`.
pub fn next_date(rule: &RecurrenceRule, from: NaiveDate, anchor: NaiveDate) -> Option<NaiveDate> {
    let interval = rule.interval.unwrap_or(1);
    let next = match rule.freq {
        Frequency::Daily => from.checked_add_days(Days::new(u64::from(interval)))?,
        Frequency::Weekly => {
            let days: Vec<Weekday> = rule.weekdays.iter().flatten().filter_map(|d| weekday(d)).collect();
            let week_of = |d: NaiveDate| d.week(Weekday::Mon).first_day();
            (1..=7 * i64::from(interval) + 7)
                .filter_map(|n| from.checked_add_days(Days::new(u64::try_from(n).ok()?)))
                .find(|d| {
                let weeks = (week_of(*d) - week_of(anchor)).num_days() / 7;
                days.contains(&d.weekday()) && weeks % i64::from(interval) == 0
            })?
        }
        Frequency::Monthly => {
            let start = month_start(from) + Months::new(interval);
            match &rule.nth_weekday {
                Some(nth) => nth_weekday_of_month(start, nth.n, weekday(&nth.weekday)?)?,
                None => day_of_month(start, rule.month_day.unwrap_or(from.day())),
            }
        }
        Frequency::Yearly => {
            let start = NaiveDate::from_ymd_opt(from.year() + i32::try_from(interval).ok()?, anchor.month(), 1)?;
            day_of_month(start, anchor.day())
        }
    };
    if rule.until.is_some_and(|until| next > until) { None } else { Some(next) }
}

/// The rule as stored, checked against the task's due day.
pub fn stored(rule: Option<&RecurrenceRule>) -> AppResult<Option<String>> {
    rule.map(|r| serde_json::to_string(r).map_err(|e| AppError::Internal(e.into()))).transpose()
}

pub fn parse(stored: Option<&str>) -> Option<RecurrenceRule> {
    stored.and_then(|s| serde_json::from_str(s).ok())
}

/// After `task` was completed: creates the next occurrence (which takes the rule over);
/// returns its id, or `None` when the rule has ended.
pub async fn on_completed(tx: &mut WriteTx, task: &TaskRow) -> AppResult<Option<Uuid>> {
    let Some(rule) = parse(task.recurrence.as_deref()) else { return Ok(None) };
    let zone: Tz = task.due_zone.as_deref().and_then(|z| z.parse().ok()).unwrap_or_else(|| task.zone());
    let fields = TaskFields::of_row(task);
    let due_day = match (fields.due_date, fields.due_at) {
        (Some(day), _) => day,
        (None, Some(at)) => at.with_timezone(&zone).date_naive(),
        (None, None) => return Ok(None),
    };
    let today = tx.now().with_timezone(&zone).date_naive();
    let from = if rule.from_completion { today } else { due_day };
    let Some(next_day) = next_date(&rule, from, due_day) else { return Ok(None) };
    let shift = next_day - due_day;
    let next = TaskFields {
        status: TaskStatus::Todo,
        due_date: fields.due_date.map(|_| next_day),
        due_at: fields.due_at.map(|at| resolve(zone, next_day.and_time(at.with_timezone(&zone).time()))),
        start_date: fields.start_date.and_then(|d| d.checked_add_signed(shift)),
        ..fields
    };
    let row = insert_task(tx, task.group_id, task.owner_id, &next, task.recurrence.clone(), Some(task.zone())).await?;
    let id = row.id;
    sql("UPDATE tasks SET recurrence = NULL WHERE id = $1").bind(task.id).execute(&mut *tx).await?;
    let payload = json!({ "id": id, "key": row.to_response(tx.now()).key, "after": task.id });
    announce_about(tx, &row, "task.recurred", ("task", id), json!({ "after": task.id }), payload).await?;
    Ok(Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn rule(json: serde_json::Value) -> RecurrenceRule {
        serde_json::from_value(json).expect("rule")
    }

    #[test]
    fn monthly_rules_keep_their_day_through_short_months() {
        let r = normalized(&rule(json!({ "freq": "monthly" })), day(2026, 1, 31)).expect("valid");
        let feb = next_date(&r, day(2026, 1, 31), day(2026, 1, 31)).expect("next");
        assert_eq!(feb, day(2026, 2, 28));
        assert_eq!(next_date(&r, feb, day(2026, 1, 31)), Some(day(2026, 3, 31)));
        let leap = next_date(&r, day(2028, 1, 31), day(2028, 1, 31));
        assert_eq!(leap, Some(day(2028, 2, 29)));
    }

    #[test]
    fn nth_and_last_weekdays_weekly_sets_and_ends() {
        let second_tuesday = rule(json!({ "freq": "monthly", "nth_weekday": { "n": 2, "weekday": "tue" } }));
        assert_eq!(next_date(&second_tuesday, day(2026, 11, 10), day(2026, 11, 10)), Some(day(2026, 12, 8)));
        let last_friday = rule(json!({ "freq": "monthly", "nth_weekday": { "n": -1, "weekday": "fri" } }));
        assert_eq!(next_date(&last_friday, day(2026, 11, 27), day(2026, 11, 27)), Some(day(2026, 12, 25)));
        let mon_thu = rule(json!({ "freq": "weekly", "weekdays": ["mon", "thu"] }));
        assert_eq!(next_date(&mon_thu, day(2026, 11, 23), day(2026, 11, 23)), Some(day(2026, 11, 26)));
        assert_eq!(next_date(&mon_thu, day(2026, 11, 26), day(2026, 11, 23)), Some(day(2026, 11, 30)));
        let fortnightly = rule(json!({ "freq": "weekly", "interval": 2, "weekdays": ["mon"] }));
        assert_eq!(next_date(&fortnightly, day(2026, 11, 23), day(2026, 11, 23)), Some(day(2026, 12, 7)));
        let ending = rule(json!({ "freq": "daily", "until": "2026-11-24" }));
        assert_eq!(next_date(&ending, day(2026, 11, 24), day(2026, 11, 24)), None);
        let yearly = rule(json!({ "freq": "yearly" }));
        assert_eq!(next_date(&yearly, day(2028, 2, 29), day(2028, 2, 29)), Some(day(2029, 2, 28)));
    }

    #[test]
    fn bad_rules_are_named() {
        for bad in [
            json!({ "freq": "daily", "interval": 0 }),
            json!({ "freq": "daily", "weekdays": ["mon"] }),
            json!({ "freq": "monthly", "month_day": 32 }),
            json!({ "freq": "monthly", "month_day": 1, "nth_weekday": { "n": 1, "weekday": "mon" } }),
            json!({ "freq": "monthly", "nth_weekday": { "n": 5, "weekday": "mon" } }),
        ] {
            assert!(normalized(&rule(bad.clone()), day(2026, 1, 1)).is_err(), "{bad}");
        }
    }
}
