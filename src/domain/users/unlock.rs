use dayline_db::{AuditEntry, WriteTx, sql};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// Lifts a sign-in lock at once (super admins, or the command line). Audited. Returns the
/// account's e-mail address, so the caller can also clear its sign-in delays.
pub async fn unlock_user(tx: &mut WriteTx, user_id: Uuid) -> AppResult<String> {
    let email: Option<(String,)> = sql("UPDATE users SET locked_until = NULL WHERE id = $1 RETURNING email")
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
    let (email,) = email.ok_or(AppError::NotFound)?;
    tx.audit(AuditEntry::new("auth.account_unlocked", "user", Some(user_id))).await?;
    Ok(email)
}
