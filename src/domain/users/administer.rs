//! What super admins do to other accounts: list them, change a global role, deactivate or
//! reactivate. The last active super admin can be neither demoted nor deactivated.

use dayline_api_types::{AdminUpdateUserRequest, GlobalRole};
use dayline_db::{ActorContext, AuditEntry, sql};

use crate::domain::sessions::Authenticated;
use serde_json::json;
use uuid::Uuid;

use super::UserRow;
use super::row::role_name;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The columns of a `UserRow`, as a literal so statements stay `&'static str`.
macro_rules! user_columns {
    () => {
        "id, email, display_name, role, is_active, timezone, created_at"
    };
}

/// Up to `limit` users created after `after`, in creation order, optionally only those whose
/// e-mail or name contains `q`.
pub async fn list_users(
    state: &AppState,
    who: &Authenticated,
    q: Option<&str>,
    after: Option<Uuid>,
    limit: i64,
) -> AppResult<Vec<UserRow>> {
    let pattern = q.map(str::trim).filter(|q| !q.is_empty()).map(|q| format!("%{}%", escape_like(&q.to_lowercase())));
    let statement = concat!(
        "SELECT ",
        user_columns!(),
        " FROM users WHERE ($1 IS NULL OR lower(email) LIKE $1 ESCAPE '\\' OR lower(display_name) LIKE $1 ESCAPE '\\') \
         AND ($2 IS NULL OR id > $2) ORDER BY id LIMIT $3"
    );
    Ok(sql(statement).bind(pattern).bind(after).bind(limit).fetch_all(state.db.read_as(who.row_access())).await?)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Applies a role or activation change, audited. Deactivation ends every session of the
/// account at once, here and (within seconds) on other instances.
pub async fn update_user(
    state: &AppState,
    actor: ActorContext,
    id: Uuid,
    request: AdminUpdateUserRequest,
) -> AppResult<UserRow> {
    let mut tx = state.db.begin(actor).await?;
    // Locks the active super admins' rows, so two admins demoting each other at the same time
    // cannot both succeed and leave nobody in charge.
    sql("UPDATE users SET updated_at = updated_at WHERE role = 'super_admin' AND is_active").execute(&mut tx).await?;
    let current: UserRow = sql(concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = request.role.map_or_else(|| current.role.clone(), |r| role_name(r).to_owned());
    let is_active = request.is_active.unwrap_or(current.is_active);
    let role_changed = role != current.role;
    let activation_changed = is_active != current.is_active;
    if !role_changed && !activation_changed {
        return Ok(current);
    }
    let was_admin = current.role == role_name(GlobalRole::SuperAdmin) && current.is_active;
    if was_admin && (role_changed || !is_active) {
        let (others,): (i64,) = sql("SELECT COUNT(*) FROM users WHERE role = 'super_admin' AND is_active AND id <> $1")
            .bind(id)
            .fetch_one(&mut tx)
            .await?;
        if others == 0 {
            return Err(AppError::Conflict(
                "This is the last active super admin; make someone else a super admin first.".to_owned(),
            ));
        }
    }
    let now = tx.now();
    let updated: UserRow = sql(concat!(
        "UPDATE users SET role = $1, is_active = $2, updated_at = $3 WHERE id = $4 RETURNING ",
        user_columns!()
    ))
    .bind(role.as_str())
    .bind(is_active)
    .bind(now)
    .bind(id)
    .fetch_one(&mut tx)
    .await?;
    if role_changed {
        tx.audit(
            AuditEntry::new("user.role_changed", "user", Some(id)).details(json!({ "from": current.role, "to": role })),
        )
        .await?;
    }
    if activation_changed {
        let action = if is_active { "user.reactivated" } else { "user.deactivated" };
        let mut details = json!({});
        if !is_active {
            let ended = sql(
                "UPDATE sessions SET revoked_at = $1, revoked_reason = 'deactivated' WHERE user_id = $2 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(id)
            .execute(&mut tx)
            .await?;
            details = json!({ "sessions_ended": ended });
        }
        tx.audit(AuditEntry::new(action, "user", Some(id)).details(details)).await?;
    }
    tx.commit().await?;
    // Cached checks carry the role and the active flag: forget them.
    state.session_cache.forget_all();
    Ok(updated)
}
