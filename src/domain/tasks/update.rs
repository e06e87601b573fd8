//! `PATCH /api/v1/tasks/{id}`: changes the fields sent, guarded by `If-Match`; every changed
//! field becomes a history entry, and the change is audited and announced in one commit.

use dayline_api_types::{TaskResponse, TaskStatus, UpdateTaskRequest};
use dayline_db::{ActorContext, AuditEntry, NewEvent, WriteTx, new_id, sql};
use serde_json::{Value, json};
use uuid::Uuid;

use super::access::load_for_change;
use super::create::{BY_ID, check_assignee, check_parent};
use super::fields::TaskFields;
use super::placement::end_of_column;
use super::row::{TaskRow, priority_name, priority_rank, status_name};
use super::tags::set_task_tags;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Writes one history entry.
pub(super) async fn record_change(
    tx: &mut WriteTx,
    task_id: Uuid,
    field: &str,
    old: Value,
    new: Value,
) -> AppResult<()> {
    let actor = tx.actor().user_id;
    let now = tx.now();
    sql("INSERT INTO task_history (id, task_id, actor_id, field, old_value, new_value, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
    .bind(new_id())
    .bind(task_id)
    .bind(actor)
    .bind(field.to_owned())
    .bind(old)
    .bind(new)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

/// Audits and announces a change to a task (`task.updated`, `task.archived`, …).
pub(super) async fn announce(tx: &mut WriteTx, task: &TaskRow, kind: &'static str, details: Value) -> AppResult<()> {
    let payload = json!({ "id": task.id, "version": task.version, "details": details });
    announce_about(tx, task, kind, ("task", task.id), details, payload).await
}

/// Audits `kind` on `target` (the task or something of it, like a comment) in the task's
/// group, and announces it on the task's event stream, in the caller's transaction.
pub(super) async fn announce_about(
    tx: &mut WriteTx,
    task: &TaskRow,
    kind: &'static str,
    target: (&'static str, Uuid),
    details: Value,
    payload: Value,
) -> AppResult<()> {
    let mut audit = AuditEntry::new(kind, target.0, Some(target.1)).details(details);
    if let Some(group_id) = task.group_id {
        audit = audit.group(group_id);
    }
    tx.audit(audit).await?;
    tx.emit(NewEvent { kind, aggregate_type: "task", aggregate_id: task.id, group_id: task.group_id, payload }).await?;
    Ok(())
}

/// `expected`: the version from `If-Match`, if the client sent one.
pub async fn update_task(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    id: Uuid,
    expected: Option<i64>,
    request: UpdateTaskRequest,
) -> AppResult<TaskResponse> {
    let mut tx = state.db.begin(actor).await?;
    let current = load_for_change(&mut tx, who, id).await?;
    if expected.is_some_and(|v| v != current.version) {
        return Err(AppError::PreconditionFailed(Box::new(current.to_response(tx.now()))));
    }
    let before = TaskFields::of_row(&current);
    let after = before.changed(&request)?;
    if after.assignee_id != before.assignee_id
        && let Some(assignee) = after.assignee_id
    {
        check_assignee(&mut tx, current.group_id, current.owner_id, assignee).await?;
    }
    if after.parent_id != before.parent_id
        && let Some(parent) = after.parent_id
    {
        check_parent(&mut tx, current.group_id, current.owner_id, parent, Some(id)).await?;
    }
    let differences = after.differences(&before);
    let now = tx.now();
    if differences.is_empty() {
        return Ok(current.to_response(now));
    }
    // completed_at follows the status: set on entering done, cleared on leaving it.
    let completed_at = match (before.status, after.status) {
        (TaskStatus::Done, TaskStatus::Done) => current.completed_at,
        (_, TaskStatus::Done) => Some(now),
        _ => None,
    };
    // A new status puts the task at the end of that column.
    let position = if after.status == before.status {
        current.position.clone()
    } else {
        end_of_column(&mut tx, current.group_id, current.owner_id, status_name(after.status)).await?
    };
    // The version in the WHERE makes a concurrent change that slipped in lose, not win.
    let updated =
        sql("UPDATE tasks SET title = $1, description = $2, status = $3, priority = $4, priority_rank = $5, \
         due_date = $6, due_at = $7, due_zone = $8, start_date = $9, assignee_id = $10, parent_id = $11, \
         completed_at = $12, updated_at = $13, position = $16, recurrence = $17, due_order = $18, version = version + 1 \
         WHERE id = $14 AND version = $15")
        .bind(after.title.clone())
        .bind(after.description.clone())
        .bind(status_name(after.status))
        .bind(priority_name(after.priority))
        .bind(priority_rank(after.priority))
        .bind(after.due_date.map(|d| d.to_string()))
        .bind(after.due_at)
        .bind(after.due_zone.clone())
        .bind(after.start_date.map(|d| d.to_string()))
        .bind(after.assignee_id)
        .bind(after.parent_id)
        .bind(completed_at)
        .bind(now)
        .bind(id)
        .bind(current.version)
        .bind(position)
        .bind(super::recurrence::stored(after.recurrence.as_ref())?)
        .bind(super::due::due_order(after.due_date, after.due_at, current.zone()))
        .execute(&mut tx)
        .await?;
    if updated != 1 {
        let latest: TaskRow = sql(BY_ID).bind(id).fetch_one(&mut tx).await?;
        return Err(AppError::PreconditionFailed(Box::new(latest.to_response(now))));
    }
    if after.tags != before.tags {
        set_task_tags(&mut tx, id, current.group_id, current.owner_id, &after.tags).await?;
    }
    if differences.iter().any(|(f, _, _)| matches!(*f, "title" | "description")) {
        super::search::reindex(&mut tx, id).await?;
    }
    for (field, old, new) in &differences {
        record_change(&mut tx, id, field, old.clone(), new.clone()).await?;
    }
    let mut row: TaskRow = sql(BY_ID).bind(id).fetch_one(&mut tx).await?;
    if before.status != TaskStatus::Done
        && after.status == TaskStatus::Done
        && super::recurrence::on_completed(&mut tx, &row).await?.is_some()
    {
        row = sql(BY_ID).bind(id).fetch_one(&mut tx).await?;
    }
    let changed: Vec<&str> = differences.iter().map(|(f, _, _)| *f).collect();
    announce(&mut tx, &row, "task.updated", json!({ "changed": changed })).await?;
    tx.commit().await?;
    Ok(row.to_response(now))
}
