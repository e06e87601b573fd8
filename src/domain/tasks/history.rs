//! `GET /api/v1/tasks/{id}/history`: every change of a task the caller can see, oldest first.

use chrono::{DateTime, Utc};
use dayline_api_types::{TaskChange, TaskHistory};
use dayline_db::{ActorContext, sql};
use serde_json::Value;
use uuid::Uuid;

use super::access::load_for_read;
use crate::domain::sessions::Authenticated;
use crate::error::AppResult;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    actor_id: Option<Uuid>,
    field: String,
    old_value: sqlx::types::Json<Value>,
    new_value: sqlx::types::Json<Value>,
    changed_at: DateTime<Utc>,
}

pub async fn task_history(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    id: Uuid,
) -> AppResult<TaskHistory> {
    load_for_read(state, actor, who, id, "history").await?;
    let rows: Vec<Row> = sql("SELECT id, actor_id, field, old_value, new_value, changed_at FROM task_history \
         WHERE task_id = $1 ORDER BY id")
    .bind(id)
    .fetch_all(state.db.read_as(who.row_access()))
    .await?;
    let items = rows
        .into_iter()
        .map(|r| TaskChange {
            id: r.id,
            actor_id: r.actor_id,
            field: r.field,
            old_value: r.old_value.0,
            new_value: r.new_value.0,
            changed_at: r.changed_at,
        })
        .collect();
    Ok(TaskHistory { items })
}
