use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Todo,
    InProgress,
    Done,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskPriority {
    None,
    Low,
    Medium,
    High,
    Urgent,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TaskResponse {
    pub id: Uuid,
    /// Human-readable key: the group's prefix and a number counted per group (`OPS-42`), or
    /// `ME-7` for a personal task.
    #[schema(example = "OPS-42")]
    pub key: String,
    /// `None` for a personal task, visible to its owner only.
    pub group_id: Option<Uuid>,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    /// Due on a day (in the group's or owner's time zone)…
    pub due_date: Option<NaiveDate>,
    /// …or at an instant, with the zone it was given in.
    pub due_at: Option<DateTime<Utc>>,
    #[schema(example = "Europe/Berlin")]
    pub due_zone: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub assignee_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    /// Order within its board column (status); compare as plain byte strings.
    pub position: String,
    /// Tag names, sorted case-insensitively.
    pub tags: Vec<String>,
    /// Set on a recurring task: completing it creates the next occurrence.
    pub recurrence: Option<RecurrenceRule>,
    pub creator_id: Uuid,
    /// Past due and not finished, judged in the group's (or owner's) time zone.
    pub is_overdue: bool,
    /// Increases with every change; the `ETag` is `"<version>"`.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// Set while archived (hidden from lists unless asked for).
    pub archived_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTaskRequest {
    /// 1–200 characters, trimmed.
    pub title: String,
    pub description: Option<String>,
    /// Omit for a personal task.
    pub group_id: Option<Uuid>,
    pub status: Option<TaskStatus>,
    pub priority: Option<TaskPriority>,
    pub due_date: Option<NaiveDate>,
    pub due_at: Option<DateTime<Utc>>,
    /// The zone of `due_at`; defaults to the group's (or owner's).
    pub due_zone: Option<String>,
    pub start_date: Option<NaiveDate>,
    /// An active member of the task's group (for a personal task: its owner).
    pub assignee_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    /// Up to 20 tags, created in the task's group (or personal space) on first use.
    pub tags: Option<Vec<String>>,
    /// Makes it recurring (needs a due date).
    pub recurrence: Option<RecurrenceRule>,
}

/// Only the fields sent change; `null` clears a field that may be empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTaskRequest {
    pub title: Option<String>,
    pub description: Option<String>,
    pub status: Option<TaskStatus>,
    pub priority: Option<TaskPriority>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub due_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub due_zone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub start_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub assignee_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
    /// Replaces the task's tags.
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<RecurrenceRule>)]
    pub recurrence: Option<Option<RecurrenceRule>>,
}

/// A field that was sent, possibly as `null` (absent fields stay `None` through `default`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Where to put a task on the board: in `status` (default: its own), right after `after_id`
/// and/or right before `before_id` (tasks of that column); neither: at the end.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveTaskRequest {
    pub status: Option<TaskStatus>,
    pub after_id: Option<Uuid>,
    pub before_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TaskList {
    pub items: Vec<TaskResponse>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskListQuery {
    /// Only this group's tasks.
    pub group_id: Option<Uuid>,
    /// Comma-separated statuses (`todo,in_progress`).
    pub status: Option<String>,
    /// Comma-separated priorities.
    pub priority: Option<String>,
    /// Comma-separated tag names: tasks with any of them.
    pub tag: Option<String>,
    /// A user id, `me`, or `none` for unassigned tasks.
    pub assignee: Option<String>,
    /// `true` for archived tasks only.
    pub archived: Option<bool>,
    /// `true` for overdue tasks only (open, past their due time or day in their zone);
    /// `false` for the others.
    pub overdue: Option<bool>,
    /// `true` for tasks with files attached; `false` for those without.
    pub has_attachments: Option<bool>,
    /// Due on or before / after this day.
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    /// `created` (default, newest first), `updated`, `priority` (urgent first), `due`
    /// (soonest first, tasks without a due date last) or `position` (board order).
    pub sort: Option<String>,
    /// 1–100, default 50.
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TaskChange {
    pub id: Uuid,
    pub actor_id: Option<Uuid>,
    /// The field that changed (`status`, `title`, …), or `created`, `archived`, `restored`.
    pub field: String,
    pub old_value: serde_json::Value,
    pub new_value: serde_json::Value,
    pub changed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TaskHistory {
    pub items: Vec<TaskChange>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentResponse {
    pub id: Uuid,
    pub task_id: Uuid,
    pub author_id: Option<Uuid>,
    /// Markdown; `None` when hidden by a moderator (its author and group admins still see it).
    pub body: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Set once the author edits it.
    pub edited_at: Option<DateTime<Utc>>,
    pub hidden: bool,
}

/// Markdown, 1–10,000 characters. Mention a group member as `@[Name](user:<id>)`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    #[schema(example = "Looks good, @[Bo Berg](user:0190b7f4-9a63-7c3e-8b5f-3c1d2e4f5a6b) can you ship it?")]
    pub body: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentList {
    pub items: Vec<CommentResponse>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotificationResponse {
    pub id: Uuid,
    /// `mention` for now.
    pub kind: String,
    pub task_id: Option<Uuid>,
    pub comment_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationResponse>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TagResponse {
    pub id: Uuid,
    pub name: String,
    /// `#rrggbb`.
    #[schema(example = "#6b7280")]
    pub color: String,
    /// How many tasks carry it.
    pub uses: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TagList {
    pub items: Vec<TagResponse>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TagQuery {
    /// A group's tags; without it, the caller's personal ones.
    pub group_id: Option<Uuid>,
    /// Names starting with this (case-insensitive).
    pub q: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTagRequest {
    pub name: Option<String>,
    /// `#rrggbb`.
    pub color: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeTagRequest {
    /// The tag that takes this one's tasks; this one is deleted.
    pub into: Uuid,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find in titles, descriptions and comments (each matched as a prefix).
    pub q: String,
    /// 1–50, default 20.
    pub limit: Option<i64>,
}

/// A relation as seen from one task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Blocks,
    BlockedBy,
    RelatesTo,
    Duplicates,
    DuplicatedBy,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RelationResponse {
    pub id: Uuid,
    /// Read from this task: it `blocks` / is `blocked_by` / … the other.
    pub kind: RelationKind,
    pub task_id: Uuid,
    #[schema(example = "OPS-12")]
    pub key: String,
    pub title: String,
    pub status: TaskStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RelationList {
    pub items: Vec<RelationResponse>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRelationRequest {
    pub kind: RelationKind,
    /// Another task you can see.
    pub task_id: Uuid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// The n-th weekday of the month (`n` 1–4, or -1 for the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NthWeekday {
    pub n: i8,
    /// `mon` … `sun`.
    pub weekday: String,
}

/// When a task comes back: completing one occurrence creates the next, due by this rule,
/// counted from the due date — or from the completion day with `from_completion` ("every!").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecurrenceRule {
    pub freq: Frequency,
    /// Every `interval` days, weeks, months or years (1–366, default 1).
    pub interval: Option<u32>,
    /// Weekly: on these days (`mon` … `sun`); default the due date's weekday.
    pub weekdays: Option<Vec<String>>,
    /// Monthly: on this day (1–31; shorter months use their last day).
    pub month_day: Option<u32>,
    /// Monthly: on the n-th weekday instead.
    pub nth_weekday: Option<NthWeekday>,
    /// No occurrence after this day.
    pub until: Option<NaiveDate>,
    #[serde(default)]
    pub from_completion: bool,
}
