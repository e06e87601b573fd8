//! Creating, listing, changing, deleting and restoring groups.

use dayline_api_types::{CreateGroupRequest, GroupResponse, GroupRole, UpdateGroupRequest};
use dayline_db::{ActorContext, AuditEntry, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use super::access::{load_for, load_for_change, slug_taken};
use super::fields::{self, GroupSettings};
use super::row::{GroupRow, group_columns, parse_role, returning_group};
use crate::auth::policy::GroupAction;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `POST /api/v1/groups`: the creator becomes its admin.
pub async fn create_group(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    request: CreateGroupRequest,
) -> AppResult<GroupResponse> {
    if state.settings.group_creation == crate::config::GroupCreation::SuperAdmins && !who.is_super_admin {
        return Err(AppError::Forbidden("On this instance only super admins create groups.".to_owned()));
    }
    let changes = UpdateGroupRequest {
        name: Some(request.name),
        slug: request.slug.clone(),
        description: request.description,
        timezone: request.timezone,
        checkin_days: request.checkin_days,
        checkin_time: request.checkin_time,
        summary_time: request.summary_time,
        require_admin_mfa: request.require_admin_mfa,
    };
    let mut settings = GroupSettings::defaults().changed(&changes)?;
    settings.slug = match request.slug {
        Some(_) if slug_taken(&state.db, &settings.slug, None).await? => {
            return Err(AppError::invalid("slug", "is already taken by another group"));
        }
        Some(_) => settings.slug,
        None => free_slug(state, &fields::slugify(&settings.name)).await?,
    };
    let mut tx = state.db.begin(actor).await?;
    let now = tx.now();
    let id = new_id();
    // No RETURNING: row security shows a group to its members, and the creator becomes one
    // only with the next statement.
    sql("INSERT INTO groups (id, name, slug, description, timezone, checkin_days, checkin_time, summary_time, \
         require_admin_mfa, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)")
    .bind(id)
    .bind(settings.name)
    .bind(settings.slug)
    .bind(settings.description)
    .bind(settings.timezone)
    .bind(settings.days)
    .bind(settings.checkin_time)
    .bind(settings.summary_time)
    .bind(settings.require_admin_mfa)
    .bind(who.user_id)
    .bind(now)
    .execute(&mut tx)
    .await?;
    sql("INSERT INTO memberships (id, group_id, user_id, role, created_at) VALUES ($1, $2, $3, 'admin', $4)")
        .bind(new_id())
        .bind(id)
        .bind(who.user_id)
        .bind(now)
        .execute(&mut tx)
        .await?;
    let row: GroupRow =
        sql(concat!("SELECT ", group_columns!(), " FROM groups g WHERE g.id = $1")).bind(id).fetch_one(&mut tx).await?;
    super::schedule::schedule(&mut tx, &row).await?;
    tx.audit(AuditEntry::new("group.created", "group", Some(id)).group(id).details(json!({ "slug": row.slug })))
        .await?;
    tx.commit().await?;
    Ok(row.to_response(Some(GroupRole::Admin)))
}

/// `base`, or `base-2`, `base-3`, … whichever is free first.
async fn free_slug(state: &AppState, base: &str) -> AppResult<String> {
    for n in 1..100 {
        let candidate = if n == 1 { base.to_owned() } else { format!("{base}-{n}") };
        if !slug_taken(&state.db, &candidate, None).await? {
            return Ok(candidate);
        }
    }
    Err(AppError::invalid("slug", "choose a slug: the ones made from this name are taken"))
}

#[derive(sqlx::FromRow)]
struct Listed {
    #[sqlx(flatten)]
    group: GroupRow,
    my_role: Option<String>,
}

/// `GET /api/v1/groups`: the caller's groups (every live group for super admins).
pub async fn list_groups(state: &AppState, who: &Authenticated) -> AppResult<Vec<GroupResponse>> {
    let rows: Vec<Listed> = sql(concat!(
        "SELECT ",
        group_columns!(),
        ", m.role AS my_role FROM groups g \
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1 AND m.deleted_at IS NULL \
         WHERE g.deleted_at IS NULL AND (m.role IS NOT NULL OR $2) ORDER BY lower(g.name), g.id"
    ))
    .bind(who.user_id)
    .bind(who.is_super_admin)
    .fetch_all(state.db.read_as(who.row_access()))
    .await?;
    Ok(rows.into_iter().map(|r| r.group.to_response(r.my_role.as_deref().map(parse_role))).collect())
}

/// Asks the group policy whether `who` may do `action` to group `id` (404/403 otherwise).
/// `what` names the read for the audit trail when a super admin outside the group reads it.
pub async fn authorize(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    id: Uuid,
    action: GroupAction,
    what: &'static str,
) -> AppResult<()> {
    load_for(state, actor, who, id, action, what).await.map(|_| ())
}

/// `GET /api/v1/admin/users/{id}/groups` (super admins): a user's live groups, with the
/// user's role in each as `my_role`.
pub async fn groups_of_user(state: &AppState, who: &Authenticated, user_id: Uuid) -> AppResult<Vec<GroupResponse>> {
    let rows: Vec<Listed> = sql(concat!(
        "SELECT ",
        group_columns!(),
        ", m.role AS my_role FROM groups g JOIN memberships m ON m.group_id = g.id AND m.deleted_at IS NULL \
         WHERE m.user_id = $1 AND g.deleted_at IS NULL ORDER BY lower(g.name), g.id"
    ))
    .bind(user_id)
    .fetch_all(state.db.read_as(who.row_access()))
    .await?;
    Ok(rows.into_iter().map(|r| r.group.to_response(r.my_role.as_deref().map(parse_role))).collect())
}

/// `GET /api/v1/groups/{id}`.
pub async fn get_group(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    id: Uuid,
) -> AppResult<GroupResponse> {
    let (group, my_role) = load_for(state, actor, who, id, GroupAction::Read, "group").await?;
    Ok(group.to_response(my_role))
}

/// `PATCH /api/v1/groups/{id}`: group admins; only the fields sent change.
pub async fn update_group(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    id: Uuid,
    request: UpdateGroupRequest,
) -> AppResult<GroupResponse> {
    let mut tx = state.db.begin(actor).await?;
    let (current, my_role) = load_for_change(state, &mut tx, who, id, GroupAction::Administer).await?;
    let settings = GroupSettings::of(&current).changed(&request)?;
    if settings.slug != current.slug && slug_taken(&state.db, &settings.slug, Some(id)).await? {
        return Err(AppError::invalid("slug", "is already taken by another group"));
    }
    let now = tx.now();
    let row: GroupRow = sql(concat!(
        "UPDATE groups SET name = $1, slug = $2, description = $3, timezone = $4, checkin_days = $5, \
         checkin_time = $6, summary_time = $7, require_admin_mfa = $8, updated_at = $9 WHERE id = $10",
        returning_group!()
    ))
    .bind(settings.name)
    .bind(settings.slug)
    .bind(settings.description)
    .bind(settings.timezone)
    .bind(settings.days)
    .bind(settings.checkin_time)
    .bind(settings.summary_time)
    .bind(settings.require_admin_mfa)
    .bind(now)
    .bind(id)
    .fetch_one(&mut tx)
    .await?;
    let changed: Vec<&str> = [
        ("name", row.name != current.name),
        ("slug", row.slug != current.slug),
        ("description", row.description != current.description),
        ("timezone", row.timezone != current.timezone),
        ("checkin_days", row.checkin_days != current.checkin_days),
        ("checkin_time", row.checkin_time != current.checkin_time),
        ("summary_time", row.summary_time != current.summary_time),
        ("require_admin_mfa", row.require_admin_mfa != current.require_admin_mfa),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect();
    if changed.contains(&"timezone") {
        let zone = row.timezone.parse().unwrap_or(chrono_tz::UTC);
        crate::domain::tasks::rezone(&mut tx, crate::domain::tasks::ZoneOf::Group(id), zone).await?;
    }
    // Only a change of zone, days or times moves the schedules: recomputing them otherwise
    // could skip a run that is due this very moment.
    if changed.iter().any(|f| matches!(*f, "timezone" | "checkin_days" | "checkin_time" | "summary_time")) {
        super::schedule::schedule(&mut tx, &row).await?;
    }
    tx.audit(AuditEntry::new("group.updated", "group", Some(id)).group(id).details(json!({ "changed": changed })))
        .await?;
    tx.commit().await?;
    Ok(row.to_response(my_role))
}

/// `DELETE /api/v1/groups/{id}`: soft delete by a group admin with a recent step-up;
/// super admins can restore it for 30 days.
pub async fn delete_group(state: &AppState, actor: ActorContext, who: &Authenticated, id: Uuid) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    load_for_change(state, &mut tx, who, id, GroupAction::Delete).await?;
    let now = tx.now();
    sql("UPDATE groups SET deleted_at = $1, updated_at = $1 WHERE id = $2").bind(now).bind(id).execute(&mut tx).await?;
    super::schedule::unschedule(&mut tx, id).await?;
    tx.audit(AuditEntry::new("group.deleted", "group", Some(id)).group(id)).await?;
    tx.commit().await?;
    Ok(())
}

/// `POST /api/v1/groups/{id}/restore` (super admins).
pub async fn restore_group(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    id: Uuid,
) -> AppResult<GroupResponse> {
    let mut tx = state.db.begin(actor).await?;
    let (group, my_role) = load_for_change(state, &mut tx, who, id, GroupAction::Restore).await?;
    let now = tx.now();
    if group.deleted_at.is_some_and(|at| now - at >= super::purge::RESTORABLE_FOR) {
        // Past the 30 days: as good as purged, whether or not the purge job has run yet.
        return Err(AppError::NotFound);
    }
    let row: GroupRow =
        sql(concat!("UPDATE groups SET deleted_at = NULL, updated_at = $1 WHERE id = $2", returning_group!()))
            .bind(now)
            .bind(id)
            .fetch_one(&mut tx)
            .await?;
    super::schedule::schedule(&mut tx, &row).await?;
    tx.audit(AuditEntry::new("group.restored", "group", Some(id)).group(id)).await?;
    tx.commit().await?;
    Ok(row.to_response(my_role))
}
