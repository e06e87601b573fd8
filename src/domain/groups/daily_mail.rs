//! What a group's two schedules do when they fire: the check-in reminder mails every active
//! member; the daily summary mails them what happened in the group over the last day (from
//! its audit trail), and nothing on a day without news. Each mail is queued once per member
//! and local day, so a job that runs again after a crash sends no duplicates.

use chrono::Duration;
use chrono_tz::Tz;
use dayline_db::{Db, sql};
use serde_json::Value;
use uuid::Uuid;

use crate::mail::{self, MailTemplate};

#[derive(sqlx::FromRow)]
struct Group {
    name: String,
    timezone: String,
    checkin_time: String,
}

async fn live_group(db: &Db, group_id: Uuid) -> anyhow::Result<Option<(Group, Tz)>> {
    let group: Option<Group> =
        sql("SELECT name, timezone, checkin_time FROM groups WHERE id = $1 AND deleted_at IS NULL")
            .bind(group_id)
            .fetch_optional(db.read_as_system())
            .await?;
    Ok(match group {
        Some(group) => {
            let zone: Tz = group.timezone.parse().map_err(|_| anyhow::anyhow!("bad zone {}", group.timezone))?;
            Some((group, zone))
        }
        None => None,
    })
}

async fn member_addresses(db: &Db, group_id: Uuid) -> anyhow::Result<Vec<(Uuid, String)>> {
    Ok(sql("SELECT u.id, u.email FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.group_id = $1 AND m.deleted_at IS NULL AND u.is_active ORDER BY u.id")
    .bind(group_id)
    .fetch_all(db.read_as_system())
    .await?)
}

/// Queues `template` for every active member, once per member, `kind` and local `date`.
async fn queue_for_members(
    db: &Db,
    group_id: Uuid,
    kind: &str,
    date: &str,
    template: &MailTemplate,
) -> anyhow::Result<usize> {
    let members = member_addresses(db, group_id).await?;
    let mut tx = db.begin_bookkeeping().await?;
    for (user_id, email) in &members {
        mail::enqueue_once(&mut tx, email, template, format!("{kind}:{group_id}:{date}:{user_id}")).await?;
    }
    tx.commit().await?;
    Ok(members.len())
}

/// The `groups.checkin_reminder` job.
pub async fn send_checkin_reminders(db: &Db, group_id: Uuid) -> anyhow::Result<usize> {
    let Some((group, zone)) = live_group(db, group_id).await? else { return Ok(0) };
    let date = db.clock().now().with_timezone(&zone).date_naive().to_string();
    let template =
        MailTemplate::CheckinReminder { group: group.name, time: group.checkin_time, zone: zone.name().to_owned() };
    queue_for_members(db, group_id, "checkin-reminder", &date, &template).await
}

#[derive(sqlx::FromRow)]
struct Entry {
    action: String,
    actor: Option<String>,
    target: Option<String>,
    details: Option<sqlx::types::Json<Value>>,
}

/// One line for an audit entry worth telling the team about.
fn describe(entry: &Entry) -> Option<String> {
    let actor = entry.actor.as_deref().unwrap_or("Dayline");
    let target = entry.target.as_deref().unwrap_or("someone");
    let detail =
        |key: &str| entry.details.as_ref().and_then(|d| d.0.get(key)).and_then(Value::as_str).map(str::to_owned);
    Some(match entry.action.as_str() {
        "membership.added" => format!("{target} joined as {}", detail("role").unwrap_or_else(|| "member".to_owned())),
        "membership.left" => format!("{target} left the group"),
        "membership.removed" => format!("{actor} removed {target}"),
        "membership.role_changed" => format!("{target} is now {}", detail("to")?),
        "invitation.created" => format!("{actor} invited {}", detail("email")?),
        "group.updated" => {
            let changed = entry.details.as_ref()?.0.get("changed")?.as_array()?;
            let fields: Vec<&str> = changed.iter().filter_map(Value::as_str).collect();
            if fields.is_empty() {
                return None;
            }
            format!("{actor} changed the group's {}", fields.join(", ").replace('_', " "))
        }
        "group.restored" => format!("{actor} restored the group"),
        _ => return None,
    })
}

/// The `groups.daily_summary` job.
pub async fn send_daily_summary(db: &Db, group_id: Uuid) -> anyhow::Result<usize> {
    let Some((group, zone)) = live_group(db, group_id).await? else { return Ok(0) };
    let now = db.clock().now();
    let entries: Vec<Entry> =
        sql("SELECT a.action, actor.display_name AS actor, target.display_name AS target, a.details FROM audit_log a \
         LEFT JOIN users actor ON actor.id = a.actor_id \
         LEFT JOIN users target ON target.id = a.target_id AND a.target_type = 'user' \
         WHERE a.group_id = $1 AND a.occurred_at > $2 AND a.occurred_at <= $3 ORDER BY a.id")
        .bind(group_id)
        .bind(now - Duration::days(1))
        .bind(now)
        .fetch_all(db.read_as_system())
        .await?;
    let lines: Vec<String> = entries.iter().filter_map(describe).collect();
    if lines.is_empty() {
        return Ok(0);
    }
    let date = now.with_timezone(&zone).date_naive().to_string();
    let template = MailTemplate::DailySummary { group: group.name, date: date.clone(), lines };
    queue_for_members(db, group_id, "daily-summary", &date, &template).await
}
