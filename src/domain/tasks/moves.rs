//! `PUT /api/v1/tasks/{id}/position`: moves a task within its board column or into another
//! status column, between two neighbours, by giving it a key between theirs (no other task
//! is renumbered).

use dayline_api_types::{MoveTaskRequest, TaskResponse, TaskStatus};
use dayline_db::{ActorContext, WriteTx, sql};
use serde_json::json;
use uuid::Uuid;

use super::access::load_for_change;
use super::create::BY_ID;
use super::ordering;
use super::placement::{Side, end_of_column, neighbour_in_column, position_in_column};
use super::row::{TaskRow, parse_status, status_name};
use super::update::{announce, record_change};
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The column a task moves into, and the task that moves.
struct Column {
    group_id: Option<Uuid>,
    owner_id: Uuid,
    status: &'static str,
    moving: Uuid,
}

impl Column {
    /// The position of a neighbour named in `field`, which must be a live task of the column.
    async fn neighbour(&self, tx: &mut WriteTx, field: &'static str, other: Option<Uuid>) -> AppResult<Option<String>> {
        let Some(other) = other else { return Ok(None) };
        if other == self.moving {
            return Err(AppError::invalid(field, "is the task itself"));
        }
        position_in_column(tx, self.group_id, self.owner_id, self.status, other)
            .await?
            .map(Some)
            .ok_or_else(|| AppError::invalid(field, "is not a live task of that column"))
    }
}

pub async fn move_task(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    id: Uuid,
    expected: Option<i64>,
    request: MoveTaskRequest,
) -> AppResult<TaskResponse> {
    let mut tx = state.db.begin(actor).await?;
    let current = load_for_change(&mut tx, who, id).await?;
    if expected.is_some_and(|v| v != current.version) {
        return Err(AppError::PreconditionFailed(Box::new(current.to_response(tx.now()))));
    }
    let before_status = parse_status(&current.status);
    let status = request.status.unwrap_or(before_status);
    let column = status_name(status);
    let (group_id, owner_id) = (current.group_id, current.owner_id);
    let column_of = Column { group_id, owner_id, status: column, moving: id };
    let after = column_of.neighbour(&mut tx, "after_id", request.after_id).await?;
    let before = column_of.neighbour(&mut tx, "before_id", request.before_id).await?;
    let (low, high) = match (after, before) {
        (Some(low), Some(high)) => (Some(low), Some(high)),
        (Some(low), None) => {
            let high = neighbour_in_column(&mut tx, group_id, owner_id, column, &low, id, Side::After).await?;
            (Some(low), high)
        }
        (None, Some(high)) => {
            let low = neighbour_in_column(&mut tx, group_id, owner_id, column, &high, id, Side::Before).await?;
            (low, Some(high))
        }
        (None, None) => (None, None),
    };
    let position = match (&low, &high) {
        (None, None) => end_of_column(&mut tx, group_id, owner_id, column).await?,
        (Some(l), Some(h)) if l.as_str() >= h.as_str() => {
            return Err(AppError::invalid("before_id", "must come after `after_id` in the column"));
        }
        _ => ordering::between(low.as_deref(), high.as_deref()),
    };
    let now = tx.now();
    let completed_at = match (before_status, status) {
        (TaskStatus::Done, TaskStatus::Done) => current.completed_at,
        (_, TaskStatus::Done) => Some(now),
        _ => None,
    };
    let moved = sql("UPDATE tasks SET status = $1, position = $2, completed_at = $3, updated_at = $4, \
         version = version + 1 WHERE id = $5 AND version = $6")
    .bind(column)
    .bind(position.clone())
    .bind(completed_at)
    .bind(now)
    .bind(id)
    .bind(current.version)
    .execute(&mut tx)
    .await?;
    if moved != 1 {
        let latest: TaskRow = sql(BY_ID).bind(id).fetch_one(&mut tx).await?;
        return Err(AppError::PreconditionFailed(Box::new(latest.to_response(now))));
    }
    if status != before_status {
        record_change(&mut tx, id, "status", json!(current.status), json!(column)).await?;
    }
    let mut row: TaskRow = sql(BY_ID).bind(id).fetch_one(&mut tx).await?;
    if before_status != TaskStatus::Done
        && status == TaskStatus::Done
        && super::recurrence::on_completed(&mut tx, &row).await?.is_some()
    {
        row = sql(BY_ID).bind(id).fetch_one(&mut tx).await?;
    }
    announce(&mut tx, &row, "task.moved", json!({ "status": column, "position": position })).await?;
    tx.commit().await?;
    Ok(row.to_response(now))
}
