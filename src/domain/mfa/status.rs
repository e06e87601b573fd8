//! The state of a user's second factors, and an administrator's reset of them.

use dayline_api_types::MfaStatus;
use dayline_db::{ActorContext, AuditEntry, WriteTx, sql};
use uuid::Uuid;

use super::proof::factor_kinds;
use super::totp::remove_factors;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::mail::MailTemplate;
use crate::state::AppState;

/// `GET /api/v1/me/mfa`.
pub async fn mfa_status(state: &AppState, who: &Authenticated) -> AppResult<MfaStatus> {
    let (backup_codes_remaining,): (i64,) =
        sql("SELECT COUNT(*) FROM backup_codes WHERE user_id = $1 AND used_at IS NULL")
            .bind(who.user_id)
            .fetch_one(state.db.read_as(who.row_access()))
            .await?;
    let kinds = factor_kinds(state.db.read_as(who.row_access()), who.user_id).await?;
    Ok(MfaStatus {
        totp_enabled: kinds.totp,
        passkeys: kinds.passkeys,
        backup_codes_remaining,
        enrolment_required: who.is_super_admin && !who.has_second_factor,
    })
}

/// `POST /api/v1/admin/users/{id}/mfa/reset` (step-up checked by the caller): removes every
/// second factor of the user, ends their sessions, and mails them.
pub async fn reset_second_factors(state: &AppState, actor: ActorContext, user_id: Uuid) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    reset_second_factors_in(&mut tx, user_id).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(())
}

/// The reset inside the caller's transaction (`dayline admin reset-mfa` uses it too; other
/// servers refuse the ended sessions within seconds, as after any revocation).
pub async fn reset_second_factors_in(tx: &mut WriteTx, user_id: Uuid) -> AppResult<()> {
    let email: Option<(String,)> =
        sql("SELECT email FROM users WHERE id = $1").bind(user_id).fetch_optional(&mut *tx).await?;
    let (email,) = email.ok_or(AppError::NotFound)?;
    remove_factors(tx, user_id).await?;
    let now = tx.now();
    sql("UPDATE sessions SET revoked_at = $1, revoked_reason = 'second_factors_reset' WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.audit(AuditEntry::new("mfa.reset_by_admin", "user", Some(user_id))).await?;
    crate::mail::enqueue(tx, &email, &MailTemplate::SecondFactorsReset).await?;
    Ok(())
}
