//! Memberships: list, add an existing user, change a role, remove, leave. A group always
//! keeps at least one admin.

use chrono::{DateTime, Utc};
use dayline_api_types::{AddMemberRequest, GroupRole, MemberResponse};
use dayline_db::{ActorContext, AuditEntry, WriteTx, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use super::access::{admin_count, load_for, load_for_change};
use super::row::{parse_role, role_name};
use crate::auth::policy::GroupAction;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    user_id: Uuid,
    email: String,
    display_name: String,
    role: String,
    joined_at: DateTime<Utc>,
}

impl Row {
    fn to_response(&self) -> MemberResponse {
        MemberResponse {
            user_id: self.user_id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: parse_role(&self.role),
            joined_at: self.joined_at,
        }
    }
}

/// `GET /api/v1/groups/{id}/members`.
pub async fn list_members(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    group_id: Uuid,
) -> AppResult<Vec<MemberResponse>> {
    load_for(state, actor, who, group_id, GroupAction::Read, "members").await?;
    let rows: Vec<Row> =
        sql("SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at AS joined_at FROM memberships m \
         JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 AND m.deleted_at IS NULL \
         ORDER BY m.role, lower(u.display_name), u.id")
        .bind(group_id)
        .fetch_all(state.db.read_as(who.row_access()))
        .await?;
    Ok(rows.iter().map(Row::to_response).collect())
}

async fn member(tx: &mut WriteTx, group_id: Uuid, user_id: Uuid) -> AppResult<Option<Row>> {
    Ok(sql("SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at AS joined_at FROM memberships m \
         JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 AND m.user_id = $2 AND m.deleted_at IS NULL")
    .bind(group_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?)
}

/// `POST /api/v1/groups/{id}/members`: group admins add an active user by e-mail.
pub async fn add_member(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    group_id: Uuid,
    request: AddMemberRequest,
) -> AppResult<MemberResponse> {
    let mut tx = state.db.begin(actor).await?;
    load_for_change(state, &mut tx, who, group_id, GroupAction::Administer).await?;
    // Finding someone by their exact address is what adding by e-mail means; row security
    // shows a group admin only the people they share a group with, so this one read is the
    // system's.
    let user: Option<(Uuid,)> = sql("SELECT id FROM users WHERE lower(email) = lower($1) AND is_active")
        .bind(request.email.trim())
        .fetch_optional(state.db.read_as_system())
        .await?;
    let (user_id,) =
        user.ok_or_else(|| AppError::invalid("email", "no active account uses this address; invite them instead"))?;
    if member(&mut tx, group_id, user_id).await?.is_some() {
        return Err(AppError::Conflict("That user is already a member.".to_owned()));
    }
    let role = request.role.unwrap_or(GroupRole::Member);
    let now = tx.now();
    sql("INSERT INTO memberships (id, group_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(new_id())
        .bind(group_id)
        .bind(user_id)
        .bind(role_name(role))
        .bind(now)
        .execute(&mut tx)
        .await?;
    tx.audit(
        AuditEntry::new("membership.added", "user", Some(user_id))
            .group(group_id)
            .details(json!({ "role": role_name(role) })),
    )
    .await?;
    let added = member(&mut tx, group_id, user_id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(added.to_response())
}

/// `PATCH /api/v1/groups/{id}/members/{user_id}`: group admins change a role; the last
/// admin cannot become a member.
pub async fn set_member_role(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    group_id: Uuid,
    user_id: Uuid,
    role: GroupRole,
) -> AppResult<MemberResponse> {
    let mut tx = state.db.begin(actor).await?;
    load_for_change(state, &mut tx, who, group_id, GroupAction::Administer).await?;
    let current = member(&mut tx, group_id, user_id).await?.ok_or(AppError::NotFound)?;
    if parse_role(&current.role) == role {
        return Ok(current.to_response());
    }
    if role == GroupRole::Member && admin_count(&mut tx, group_id).await? <= 1 {
        return Err(AppError::Conflict("A group needs at least one admin; make someone else admin first.".to_owned()));
    }
    sql("UPDATE memberships SET role = $1 WHERE group_id = $2 AND user_id = $3 AND deleted_at IS NULL")
        .bind(role_name(role))
        .bind(group_id)
        .bind(user_id)
        .execute(&mut tx)
        .await?;
    tx.audit(
        AuditEntry::new("membership.role_changed", "user", Some(user_id))
            .group(group_id)
            .details(json!({ "from": current.role, "to": role_name(role) })),
    )
    .await?;
    let changed = member(&mut tx, group_id, user_id).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(changed.to_response())
}

/// `DELETE /api/v1/groups/{id}/members/{user_id}` by a group admin, or by the member
/// themself (leaving). The last admin can do neither.
pub async fn remove_member(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    group_id: Uuid,
    user_id: Uuid,
) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    let leaving = user_id == who.user_id;
    let action = if leaving { GroupAction::Read } else { GroupAction::Administer };
    load_for_change(state, &mut tx, who, group_id, action).await?;
    let current = member(&mut tx, group_id, user_id).await?.ok_or(AppError::NotFound)?;
    if parse_role(&current.role) == GroupRole::Admin && admin_count(&mut tx, group_id).await? <= 1 {
        return Err(AppError::Conflict("A group needs at least one admin; make someone else admin first.".to_owned()));
    }
    let now = tx.now();
    sql("UPDATE memberships SET deleted_at = $1 WHERE group_id = $2 AND user_id = $3 AND deleted_at IS NULL")
        .bind(now)
        .bind(group_id)
        .bind(user_id)
        .execute(&mut tx)
        .await?;
    let action = if leaving { "membership.left" } else { "membership.removed" };
    tx.audit(AuditEntry::new(action, "user", Some(user_id)).group(group_id)).await?;
    tx.commit().await?;
    Ok(())
}
