//! Loading a group together with the caller's standing in it, and asking the policy.

use dayline_api_types::GroupRole;
use dayline_db::{ActorContext, AuditEntry, Db, WriteTx, sql};
use serde_json::json;
use uuid::Uuid;

use super::row::{GroupRow, group_columns, parse_role};
use crate::auth::policy::{GroupAccess, GroupAction, authorize_group};
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Loaded {
    #[sqlx(flatten)]
    group: GroupRow,
    my_role: Option<String>,
}

const LOAD: &str = concat!(
    "SELECT ",
    group_columns!(),
    ", m.role AS my_role FROM groups g \
     LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $2 AND m.deleted_at IS NULL WHERE g.id = $1"
);

/// The group and the caller's role, if the policy lets `who` do `action`; 404 for groups
/// they may not see, 403 for what they see but may not do. For reads: a super admin reading
/// (`what`) a group they do not belong to is audited.
pub async fn load_for(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    id: Uuid,
    action: GroupAction,
    what: &'static str,
) -> AppResult<(GroupRow, Option<GroupRole>)> {
    let loaded: Option<Loaded> =
        sql(LOAD).bind(id).bind(who.user_id).fetch_optional(state.db.read_as(who.row_access())).await?;
    let (group, my_role) = check(state, who, loaded, action)?;
    if who.is_super_admin && my_role.is_none() {
        let mut tx = state.db.begin(actor.clone()).await?;
        tx.audit(
            AuditEntry::new("group.read_by_super_admin", "group", Some(id)).group(id).details(json!({ "read": what })),
        )
        .await?;
        tx.commit().await?;
    }
    Ok((group, my_role))
}

/// The same inside a write transaction, so the decision and the change see the same rows.
pub async fn load_for_change(
    state: &AppState,
    tx: &mut WriteTx,
    who: &Authenticated,
    id: Uuid,
    action: GroupAction,
) -> AppResult<(GroupRow, Option<GroupRole>)> {
    let loaded: Option<Loaded> = sql(LOAD).bind(id).bind(who.user_id).fetch_optional(&mut *tx).await?;
    check(state, who, loaded, action)
}

fn check(
    state: &AppState,
    who: &Authenticated,
    loaded: Option<Loaded>,
    action: GroupAction,
) -> AppResult<(GroupRow, Option<GroupRole>)> {
    let loaded = loaded.ok_or(AppError::NotFound)?;
    let my_role = loaded.my_role.as_deref().map(parse_role);
    let access = GroupAccess {
        my_role,
        require_admin_mfa: loaded.group.require_admin_mfa,
        deleted: loaded.group.deleted_at.is_some(),
    };
    authorize_group(who, &access, action, state.clock.now())?;
    Ok((loaded.group, my_role))
}

/// The live admins of a group.
pub async fn admin_count(tx: &mut WriteTx, group_id: Uuid) -> AppResult<i64> {
    let (n,): (i64,) =
        sql("SELECT COUNT(*) FROM memberships WHERE group_id = $1 AND role = 'admin' AND deleted_at IS NULL")
            .bind(group_id)
            .fetch_one(&mut *tx)
            .await?;
    Ok(n)
}

/// Whether a slug is taken by another group (deleted ones included: they may come back).
pub async fn slug_taken(db: &Db, slug: &str, except: Option<Uuid>) -> AppResult<bool> {
    let row: Option<(Uuid,)> = sql("SELECT id FROM groups WHERE lower(slug) = lower($1) AND ($2 IS NULL OR id <> $2)")
        .bind(slug)
        .bind(except)
        .fetch_optional(db.read_as_system())
        .await?;
    Ok(row.is_some())
}
