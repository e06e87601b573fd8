//! Archiving (soft delete) and restoring: archived tasks leave the lists unless asked for.

use dayline_api_types::TaskResponse;
use dayline_db::{ActorContext, sql};
use serde_json::json;
use uuid::Uuid;

use super::access::load_for_change;
use super::create::BY_ID;
use super::row::TaskRow;
use super::update::{announce, record_change};
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `archive = true` archives, `false` restores.
pub async fn set_archived(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    id: Uuid,
    archive: bool,
) -> AppResult<TaskResponse> {
    let mut tx = state.db.begin(actor).await?;
    let current = load_for_change(&mut tx, who, id).await?;
    if current.archived_at.is_some() == archive {
        let state = if archive { "already archived" } else { "not archived" };
        return Err(AppError::Conflict(format!("The task is {state}.")));
    }
    let now = tx.now();
    sql("UPDATE tasks SET archived_at = $1, updated_at = $2, version = version + 1 WHERE id = $3")
        .bind(archive.then_some(now))
        .bind(now)
        .bind(id)
        .execute(&mut tx)
        .await?;
    let field = if archive { "archived" } else { "restored" };
    record_change(&mut tx, id, field, json!(current.archived_at), json!(archive.then_some(now))).await?;
    let row: TaskRow = sql(BY_ID).bind(id).fetch_one(&mut tx).await?;
    announce(&mut tx, &row, if archive { "task.archived" } else { "task.restored" }, json!({})).await?;
    tx.commit().await?;
    Ok(row.to_response(now))
}
