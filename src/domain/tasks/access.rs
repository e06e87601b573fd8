//! Loading a task with the caller's standing towards it, and asking the policy.

use dayline_api_types::GroupRole;
use dayline_db::{ActorContext, AuditEntry, WriteTx, sql};
use serde_json::json;
use uuid::Uuid;

use super::row::{TaskRow, task_columns, task_from};
use crate::auth::policy::{TaskAccess, TaskAction, authorize_task};
use crate::domain::groups::parse_role;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Loaded {
    #[sqlx(flatten)]
    task: TaskRow,
    my_role: Option<String>,
    group_deleted: bool,
}

const LOAD: &str = concat!(
    "SELECT ",
    task_columns!(),
    ", m.role AS my_role, (g.deleted_at IS NOT NULL) AS group_deleted",
    task_from!(),
    "LEFT JOIN memberships m ON m.group_id = t.group_id AND m.user_id = $2 AND m.deleted_at IS NULL WHERE t.id = $1"
);

/// A task and the caller's standing towards it, read in `tx`, if the caller may read it.
pub async fn load_access(tx: &mut WriteTx, who: &Authenticated, id: Uuid) -> AppResult<(TaskRow, TaskAccess)> {
    let loaded: Option<Loaded> = sql(LOAD).bind(id).bind(who.user_id).fetch_optional(&mut *tx).await?;
    check(who, loaded, TaskAction::Read)
}

/// The loaded task and the caller's standing, if the policy lets them do `action`.
fn check(who: &Authenticated, loaded: Option<Loaded>, action: TaskAction) -> AppResult<(TaskRow, TaskAccess)> {
    let loaded = loaded.ok_or(AppError::NotFound)?;
    let access = TaskAccess {
        group_id: loaded.task.group_id,
        owner_id: loaded.task.owner_id,
        assignee_id: loaded.task.assignee_id,
        my_role: loaded.my_role.as_deref().map(parse_role),
        group_deleted: loaded.group_deleted,
    };
    authorize_task(who, &access, action)?;
    Ok((loaded.task, access))
}

/// A task the caller may read. A super admin reading a group task outside their groups is
/// audited, like their reads of the group itself.
pub async fn load_for_read(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    id: Uuid,
    what: &'static str,
) -> AppResult<TaskRow> {
    read_with_role(state, actor, who, id, what).await.map(|(task, _)| task)
}

/// `load_for_read`, with the caller's role in the task's group.
pub async fn read_with_role(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    id: Uuid,
    what: &'static str,
) -> AppResult<(TaskRow, Option<GroupRole>)> {
    let loaded: Option<Loaded> =
        sql(LOAD).bind(id).bind(who.user_id).fetch_optional(state.db.read_as(who.row_access())).await?;
    let (task, access) = check(who, loaded, TaskAction::Read)?;
    let my_role = access.my_role;
    if let Some(group_id) = task.group_id
        && who.is_super_admin
        && my_role.is_none()
    {
        let mut tx = state.db.begin(actor.clone()).await?;
        tx.audit(
            AuditEntry::new("task.read_by_super_admin", "task", Some(id))
                .group(group_id)
                .details(json!({ "read": what })),
        )
        .await?;
        tx.commit().await?;
    }
    Ok((task, my_role))
}

/// A task the caller may change, read inside the write transaction.
pub async fn load_for_change(tx: &mut WriteTx, who: &Authenticated, id: Uuid) -> AppResult<TaskRow> {
    let loaded: Option<Loaded> = sql(LOAD).bind(id).bind(who.user_id).fetch_optional(&mut *tx).await?;
    check(who, loaded, TaskAction::Edit).map(|(task, _)| task)
}
