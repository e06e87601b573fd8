//! Checking a second factor inside a transaction: a TOTP code (each 30-second step accepted
//! once) or a backup code (each code once). Failures are throttled like passwords.

use dayline_api_types::SecondFactor;
use dayline_db::{AuditEntry, Source, WriteTx, sql};
use secrecy::SecretString;
use serde_json::json;
use uuid::Uuid;

use super::passkeys::check_passkey;
use crate::auth::password::Verified;
use crate::auth::{backup_codes, totp};
use crate::error::{AppError, AppResult};
use crate::mail::MailTemplate;
use crate::state::AppState;

/// Which factor a proof used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proved {
    Totp,
    Passkey,
    BackupCode,
}

/// Whether the user has a confirmed authenticator or a passkey.
pub async fn has_second_factor(tx: &mut WriteTx, user_id: Uuid) -> AppResult<bool> {
    let kinds = factor_kinds(tx, user_id).await?;
    Ok(kinds.any())
}

/// Which kinds of second factor a user has.
#[derive(Debug, Clone, Copy)]
pub struct FactorKinds {
    /// A confirmed TOTP authenticator.
    pub totp: bool,
    /// How many passkeys.
    pub passkeys: i64,
}

impl FactorKinds {
    pub fn any(self) -> bool {
        self.totp || self.passkeys > 0
    }
}

/// Reads [`FactorKinds`] in a transaction or from the read pool.
pub async fn factor_kinds<'a>(on: impl Into<Source<'a>>, user_id: Uuid) -> AppResult<FactorKinds> {
    let (totp, passkeys): (i64, i64) =
        sql("SELECT (SELECT COUNT(*) FROM totp_credentials WHERE user_id = $1 AND confirmed_at IS NOT NULL), \
                (SELECT COUNT(*) FROM passkeys WHERE user_id = $1)")
        .bind(user_id)
        .fetch_one(on)
        .await?;
    Ok(FactorKinds { totp: totp > 0, passkeys })
}

fn throttle_key(user_id: Uuid) -> String {
    format!("second-factor:{user_id}")
}

/// Checks `factor` for `user_id`; `Ok(None)` when it is wrong (audited, and counted for the
/// growing waits). Inside a wait nothing is checked.
pub async fn prove(
    state: &AppState,
    tx: &mut WriteTx,
    user_id: Uuid,
    factor: &SecondFactor,
) -> AppResult<Option<Proved>> {
    let now = tx.now();
    let key = throttle_key(user_id);
    if state.login_throttle.wait(&key, now).is_some() {
        tx.audit(AuditEntry::new("auth.second_factor_throttled", "user", Some(user_id))).await?;
        return Ok(None);
    }
    let proved = match (factor.code.as_deref(), factor.backup_code.as_deref(), factor.webauthn.as_ref()) {
        (Some(code), None, None) => check_totp(state, tx, user_id, code).await?.then_some(Proved::Totp),
        (None, Some(code), None) => use_backup_code(state, tx, user_id, code).await?.then_some(Proved::BackupCode),
        (None, None, Some(answer)) => check_passkey(state, tx, user_id, answer).await?.then_some(Proved::Passkey),
        (None, None, None) => {
            return Err(AppError::invalid(
                "code",
                "send `code` (authenticator), `webauthn` (passkey) or `backup_code`",
            ));
        }
        _ => return Err(AppError::invalid("code", "send one of `code`, `webauthn` or `backup_code`, not several")),
    };
    if proved.is_some() {
        state.login_throttle.forget(&key);
    } else {
        state.login_throttle.failed(&key, now);
        tx.audit(AuditEntry::new("auth.second_factor_failed", "user", Some(user_id))).await?;
    }
    Ok(proved)
}

/// A TOTP code for the user's confirmed authenticator, never a step accepted before.
async fn check_totp(state: &AppState, tx: &mut WriteTx, user_id: Uuid, code: &str) -> AppResult<bool> {
    let row: Option<(String, Option<i64>)> =
        sql("SELECT secret, last_step FROM totp_credentials WHERE user_id = $1 AND confirmed_at IS NOT NULL")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((sealed, last_step)) = row else { return Ok(false) };
    let secret = state.master.open(&totp_context(user_id), &sealed)?;
    let now = u64::try_from(tx.now().timestamp()).unwrap_or(0);
    let Some(step) = totp::check(&secret, code, now) else { return Ok(false) };
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    if last_step.is_some_and(|last| step <= last) {
        tx.audit(AuditEntry::new("auth.totp_replay_refused", "user", Some(user_id)).details(json!({ "step": step })))
            .await?;
        return Ok(false);
    }
    sql("UPDATE totp_credentials SET last_step = $1 WHERE user_id = $2")
        .bind(step)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    Ok(true)
}

/// The encryption context of a user's TOTP secret: a sealed secret moved to another user's
/// row does not open.
pub fn totp_context(user_id: Uuid) -> String {
    format!("totp:{user_id}")
}

/// Uses up one unused backup code; audited, and the owner is mailed.
async fn use_backup_code(state: &AppState, tx: &mut WriteTx, user_id: Uuid, typed: &str) -> AppResult<bool> {
    let Some((lookup, secret)) = backup_codes::split(typed) else { return Ok(false) };
    let rows: Vec<(Uuid, String)> =
        sql("SELECT id, code_hash FROM backup_codes WHERE user_id = $1 AND lookup = $2 AND used_at IS NULL")
            .bind(user_id)
            .bind(lookup)
            .fetch_all(&mut *tx)
            .await?;
    for (id, hash) in rows {
        if let Verified::Valid { .. } = state.passwords.verify(SecretString::from(secret.clone()), Some(hash)).await? {
            let now = tx.now();
            sql("UPDATE backup_codes SET used_at = $1 WHERE id = $2").bind(now).bind(id).execute(&mut *tx).await?;
            let (remaining,): (i64,) = sql("SELECT COUNT(*) FROM backup_codes WHERE user_id = $1 AND used_at IS NULL")
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await?;
            tx.audit(
                AuditEntry::new("auth.backup_code_used", "user", Some(user_id))
                    .details(json!({ "remaining": remaining })),
            )
            .await?;
            let (email,): (String,) =
                sql("SELECT email FROM users WHERE id = $1").bind(user_id).fetch_one(&mut *tx).await?;
            crate::mail::enqueue(tx, &email, &MailTemplate::BackupCodeUsed { remaining }).await?;
            return Ok(true);
        }
    }
    Ok(false)
}
