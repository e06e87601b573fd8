use dayline_api_types::GlobalRole;
use dayline_db::{AuditEntry, DbError, NewEvent, WriteTx, new_id, sql};
use serde_json::json;

use super::{DisplayName, EmailAddress, UserRow};
use crate::error::{AppError, AppResult};

pub struct NewUser {
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub password_hash: String,
    pub role: GlobalRole,
    /// How the account came to be (`setup`, `cli`), kept in the audit entry.
    pub via: &'static str,
}

/// Inserts the user with its audit entry and event, inside the caller's transaction.
pub async fn create_user(tx: &mut WriteTx, new: NewUser) -> AppResult<UserRow> {
    let id = new_id();
    let now = tx.now();
    let role = super::row::role_name(new.role);
    let row: UserRow = sql(
        "INSERT INTO users (id, email, display_name, password_hash, role, is_active, timezone, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'UTC', $7, $7) \
         RETURNING id, email, display_name, role, is_active, timezone, created_at",
    )
    .bind(id)
    .bind(new.email.as_str())
    .bind(new.display_name.as_str())
    .bind(new.password_hash)
    .bind(role)
    .bind(true)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match e {
        DbError::UniqueViolation { .. } => AppError::invalid("email", "is already registered"),
        other => other.into(),
    })?;
    tx.audit(
        AuditEntry::new("user.created", "user", Some(id))
            .details(json!({ "email": row.email, "role": role, "via": new.via })),
    )
    .await?;
    tx.emit(NewEvent {
        kind: "user.created",
        aggregate_type: "user",
        aggregate_id: id,
        group_id: None,
        payload: json!({ "id": id, "role": role }),
    })
    .await?;
    Ok(row)
}
