//! A task as stored, with what its answer needs from its group and owner (time zone, key
//! prefix), and the conversion to the wire type.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use dayline_api_types::{TaskPriority, TaskResponse, TaskStatus};
use uuid::Uuid;

/// The columns of a `TaskRow` and the joins they need, as literals so statements stay
/// `&'static str`. The owner's row may be invisible to the caller (row security), hence the
/// LEFT JOINs.
macro_rules! task_own_columns {
    () => {
        "t.id, t.group_id, t.owner_id, t.number, t.title, t.description, t.status, t.priority, t.due_date, \
         t.due_at, t.due_zone, t.start_date, t.assignee_id, t.parent_id, t.position, t.tag_names, t.recurrence, t.due_order, t.version, t.created_at, t.updated_at, \
         t.completed_at, t.archived_at, "
    };
}
macro_rules! task_columns {
    () => {
        concat!(
            $crate::domain::tasks::row::task_own_columns!(),
            "g.slug AS group_slug, COALESCE(g.timezone, o.timezone, 'UTC') AS zone"
        )
    };
}
/// The columns and table of `TaskRow`s that all belong to group `$2`: the group's slug and
/// time zone are read once for the statement (subqueries that depend on no row) instead of
/// once per task, which on PostgreSQL also runs the group's row policy once instead of once
/// per task; no owner's time zone is needed.
macro_rules! group_task_columns_from {
    () => {
        concat!(
            $crate::domain::tasks::row::task_own_columns!(),
            "(SELECT slug FROM groups WHERE id = $2) AS group_slug, \
             COALESCE((SELECT timezone FROM groups WHERE id = $2), 'UTC') AS zone FROM tasks t "
        )
    };
}
macro_rules! task_from {
    () => {
        " FROM tasks t LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN users o ON o.id = t.owner_id "
    };
}
/// The ids of user `$1`'s live groups (`group_id`).
macro_rules! live_groups_of_user {
    () => {
        "SELECT m.group_id FROM memberships m JOIN groups mg ON mg.id = m.group_id \
         WHERE m.user_id = $1 AND m.deleted_at IS NULL AND mg.deleted_at IS NULL"
    };
}
/// The tasks user `$1` sees in lists: their live groups' and their personal ones.
macro_rules! visible_to_user {
    () => {
        concat!(
            "((t.group_id IS NULL AND t.owner_id = $1) OR t.group_id IN (",
            $crate::domain::tasks::row::live_groups_of_user!(),
            "))"
        )
    };
}
pub(crate) use {
    group_task_columns_from, live_groups_of_user, task_columns, task_from, task_own_columns, visible_to_user,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TaskRow {
    pub id: Uuid,
    pub group_id: Option<Uuid>,
    pub owner_id: Uuid,
    pub number: i64,
    pub title: String,
    pub description: String,
    pub status: String,
    pub priority: String,
    pub due_date: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub due_zone: Option<String>,
    pub start_date: Option<String>,
    pub assignee_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub position: String,
    pub tag_names: String,
    pub recurrence: Option<String>,
    /// When it falls due, as sortable UTC text (see `due.rs`).
    pub due_order: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub archived_at: Option<DateTime<Utc>>,
    pub group_slug: Option<String>,
    /// The group's time zone, or the owner's for a personal task.
    pub zone: String,
}

pub fn status_name(status: TaskStatus) -> &'static str {
    match status {
        TaskStatus::Todo => "todo",
        TaskStatus::InProgress => "in_progress",
        TaskStatus::Done => "done",
        TaskStatus::Cancelled => "cancelled",
    }
}

pub fn parse_status(stored: &str) -> TaskStatus {
    match stored {
        "in_progress" => TaskStatus::InProgress,
        "done" => TaskStatus::Done,
        "cancelled" => TaskStatus::Cancelled,
        _ => TaskStatus::Todo,
    }
}

pub fn priority_name(priority: TaskPriority) -> &'static str {
    match priority {
        TaskPriority::None => "none",
        TaskPriority::Low => "low",
        TaskPriority::Medium => "medium",
        TaskPriority::High => "high",
        TaskPriority::Urgent => "urgent",
    }
}

/// Sorts priorities: urgent highest.
pub fn priority_rank(priority: TaskPriority) -> i64 {
    priority as i64
}

pub fn parse_priority(stored: &str) -> TaskPriority {
    match stored {
        "low" => TaskPriority::Low,
        "medium" => TaskPriority::Medium,
        "high" => TaskPriority::High,
        "urgent" => TaskPriority::Urgent,
        _ => TaskPriority::None,
    }
}

/// `tokyo-ops` → `TOKYOOPS`: the group's slug as a key prefix.
pub fn key_prefix(slug: Option<&str>) -> String {
    match slug {
        None => "ME".to_owned(),
        Some(slug) => slug.chars().filter(char::is_ascii_alphanumeric).take(10).collect::<String>().to_uppercase(),
    }
}

fn date(stored: Option<&str>) -> Option<NaiveDate> {
    stored.and_then(|d| d.parse().ok())
}

impl TaskRow {
    pub fn zone(&self) -> Tz {
        self.zone.parse().unwrap_or(Tz::UTC)
    }

    /// Past due and not finished: its due time has passed, or its due day has ended in the
    /// group's (or owner's) time zone. The same comparison as the `overdue` list filter.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        !matches!(parse_status(&self.status), TaskStatus::Done | TaskStatus::Cancelled)
            && self.due_order < super::due::order_key(now)
    }

    pub fn to_response(&self, now: DateTime<Utc>) -> TaskResponse {
        TaskResponse {
            id: self.id,
            key: format!("{}-{}", key_prefix(self.group_slug.as_deref()), self.number),
            group_id: self.group_id,
            title: self.title.clone(),
            description: self.description.clone(),
            status: parse_status(&self.status),
            priority: parse_priority(&self.priority),
            due_date: date(self.due_date.as_deref()),
            due_at: self.due_at,
            due_zone: self.due_zone.clone(),
            start_date: date(self.start_date.as_deref()),
            assignee_id: self.assignee_id,
            parent_id: self.parent_id,
            position: self.position.clone(),
            tags: super::tags::parse_names(&self.tag_names),
            recurrence: super::recurrence::parse(self.recurrence.as_deref()),
            creator_id: self.owner_id,
            is_overdue: self.is_overdue(now),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
            completed_at: self.completed_at,
            archived_at: self.archived_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_the_slug() {
        assert_eq!(key_prefix(Some("ops")), "OPS");
        assert_eq!(key_prefix(Some("tokyo-ops")), "TOKYOOPS");
        assert_eq!(key_prefix(None), "ME");
    }

    #[test]
    fn priorities_rank_urgent_highest() {
        assert!(priority_rank(TaskPriority::Urgent) > priority_rank(TaskPriority::High));
        assert!(priority_rank(TaskPriority::Low) > priority_rank(TaskPriority::None));
    }
}
