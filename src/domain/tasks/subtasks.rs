//! A task's subtasks: the live tasks whose `parent_id` is it. A parent and its children share
//! a group (or an owner), so whoever may read the parent may read them all.

use dayline_api_types::TaskList;
use dayline_db::{ActorContext, sql};
use uuid::Uuid;

use super::access::load_for_read;
use super::row::{TaskRow, task_columns, task_from};
use crate::domain::sessions::Authenticated;
use crate::error::AppResult;
use crate::state::AppState;

/// At most this many are listed: a checklist, not a project.
const MAX_SUBTASKS: i64 = 500;

const CHILDREN: &str = concat!(
    "SELECT ",
    task_columns!(),
    task_from!(),
    "WHERE t.parent_id = $1 AND t.archived_at IS NULL ORDER BY t.created_at, t.id LIMIT $2"
);

/// `GET /api/v1/tasks/{id}/subtasks`, oldest first.
pub async fn list_subtasks(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    parent_id: Uuid,
) -> AppResult<TaskList> {
    load_for_read(state, actor, who, parent_id, "subtasks").await?;
    let rows: Vec<TaskRow> =
        sql(CHILDREN).bind(parent_id).bind(MAX_SUBTASKS).fetch_all(state.db.read_as(who.row_access())).await?;
    let now = state.clock.now();
    Ok(TaskList { items: rows.iter().map(|r| r.to_response(now)).collect(), next_cursor: None })
}
