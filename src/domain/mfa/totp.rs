//! Enrolling, confirming and removing a TOTP authenticator.

use dayline_api_types::{BackupCodes, SecondFactor, TotpDisableRequest, TotpEnrolment};
use dayline_db::{ActorContext, AuditEntry, sql};
use uuid::Uuid;

use super::backup::replace_codes;
use super::proof::{factor_kinds, has_second_factor, prove, totp_context};
use crate::auth::totp;
use crate::domain::account::check_password;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `POST /api/v1/me/mfa/totp`: a new secret, not yet in force until confirmed with a code.
pub async fn start_totp_enrolment(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
) -> AppResult<TotpEnrolment> {
    let mut tx = state.db.begin(actor).await?;
    if factor_kinds(&mut tx, who.user_id).await?.totp {
        return Err(AppError::Conflict(
            "An authenticator is already set up; remove it first to set up another.".to_owned(),
        ));
    }
    let (email,): (String,) = sql("SELECT email FROM users WHERE id = $1").bind(who.user_id).fetch_one(&mut tx).await?;
    let secret = totp::new_secret()?;
    let sealed = state.master.seal(&totp_context(who.user_id), &secret)?;
    let now = tx.now();
    sql("DELETE FROM totp_credentials WHERE user_id = $1").bind(who.user_id).execute(&mut tx).await?;
    sql("INSERT INTO totp_credentials (user_id, secret, created_at) VALUES ($1, $2, $3)")
        .bind(who.user_id)
        .bind(sealed)
        .bind(now)
        .execute(&mut tx)
        .await?;
    tx.audit(AuditEntry::new("mfa.totp_enrolment_started", "user", Some(who.user_id))).await?;
    tx.commit().await?;
    Ok(TotpEnrolment {
        secret: totp::base32(&secret),
        otpauth_uri: totp::otpauth_uri(&secret, &state.settings.instance_name, &email)?,
    })
}

/// `POST /api/v1/me/mfa/totp/confirm`: a code from the new authenticator puts it in force.
/// The first factor comes with a set of backup codes, shown this once.
pub async fn confirm_totp(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    code: &str,
) -> AppResult<BackupCodes> {
    let mut tx = state.db.begin(actor).await?;
    let row: Option<(String,)> = sql("SELECT secret FROM totp_credentials WHERE user_id = $1 AND confirmed_at IS NULL")
        .bind(who.user_id)
        .fetch_optional(&mut tx)
        .await?;
    let (sealed,) = row.ok_or_else(|| AppError::Conflict("Start the authenticator set-up first.".to_owned()))?;
    let secret = state.master.open(&totp_context(who.user_id), &sealed)?;
    let now = tx.now();
    let step = totp::check(&secret, code, u64::try_from(now.timestamp()).unwrap_or(0))
        .ok_or_else(|| AppError::invalid("code", "is not the current code of the new authenticator"))?;
    sql("UPDATE totp_credentials SET confirmed_at = $1, last_step = $2 WHERE user_id = $3")
        .bind(now)
        .bind(i64::try_from(step).unwrap_or(i64::MAX))
        .bind(who.user_id)
        .execute(&mut tx)
        .await?;
    let codes = replace_codes(state, &mut tx, who.user_id).await?;
    tx.audit(AuditEntry::new("mfa.totp_enabled", "user", Some(who.user_id))).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(BackupCodes { codes })
}

/// `DELETE /api/v1/me/mfa/totp`: needs the password and a current code (or a backup code).
/// Removes the authenticator, and the backup codes unless passkeys remain.
pub async fn disable_totp(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    request: TotpDisableRequest,
) -> AppResult<()> {
    check_password(state, who.user_id, "password", request.password).await?;
    let mut tx = state.db.begin(actor).await?;
    if !factor_kinds(&mut tx, who.user_id).await?.totp {
        return Err(AppError::NotFound);
    }
    let factor = SecondFactor { code: request.code, backup_code: request.backup_code, webauthn: None };
    let field = if factor.code.is_some() { "code" } else { "backup_code" };
    match prove(state, &mut tx, who.user_id, &factor).await? {
        Some(_) => {}
        None => {
            // Keep the audit row of the failure.
            tx.commit().await?;
            return Err(AppError::invalid(field, "is not a valid second factor"));
        }
    }
    sql("DELETE FROM totp_credentials WHERE user_id = $1").bind(who.user_id).execute(&mut tx).await?;
    if !has_second_factor(&mut tx, who.user_id).await? {
        sql("DELETE FROM backup_codes WHERE user_id = $1").bind(who.user_id).execute(&mut tx).await?;
    }
    tx.audit(AuditEntry::new("mfa.totp_disabled", "user", Some(who.user_id))).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(())
}

/// Deletes every second factor of the user: authenticator, backup codes, passkeys.
pub(super) async fn remove_factors(tx: &mut dayline_db::WriteTx, user_id: Uuid) -> AppResult<()> {
    sql("DELETE FROM totp_credentials WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sql("DELETE FROM backup_codes WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    sql("DELETE FROM passkeys WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    Ok(())
}
