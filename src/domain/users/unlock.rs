use dayline_db::{AuditEntry, WriteTx, sql};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// Lifts a sign-in lock at once (super admins, or the command line). Audited.
pub async fn unlock_user(tx: &mut WriteTx, user_id: Uuid) -> AppResult<()> {
    let n = sql("UPDATE users SET locked_until = NULL WHERE id = $1").bind(user_id).execute(&mut *tx).await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    tx.audit(AuditEntry::new("auth.account_unlocked", "user", Some(user_id))).await?;
    Ok(())
}
