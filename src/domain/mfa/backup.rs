//! A fresh set of backup codes, replacing any earlier set.

use dayline_api_types::{BackupCodes, RegenerateBackupCodesRequest};
use dayline_db::{ActorContext, AuditEntry, WriteTx, new_id, sql};
use secrecy::SecretString;

use super::proof::has_second_factor;
use crate::auth::backup_codes;
use crate::domain::account::check_password;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Hashes and stores `COUNT` new codes inside `tx`, deleting the old ones; returns the codes
/// to show once.
pub(super) async fn replace_codes(state: &AppState, tx: &mut WriteTx, user_id: uuid::Uuid) -> AppResult<Vec<String>> {
    let codes: Vec<String> = (0..backup_codes::COUNT).map(|_| backup_codes::generate()).collect::<Result<_, _>>()?;
    let mut hashed = Vec::with_capacity(codes.len());
    for code in &codes {
        let (lookup, secret) =
            backup_codes::split(code).ok_or_else(|| anyhow::anyhow!("a generated code must split"))?;
        hashed.push((lookup, state.passwords.hash(SecretString::from(secret)).await?));
    }
    sql("DELETE FROM backup_codes WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    let now = tx.now();
    for (lookup, hash) in hashed {
        sql("INSERT INTO backup_codes (id, user_id, lookup, code_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(user_id)
            .bind(lookup)
            .bind(hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    Ok(codes)
}

/// `POST /api/v1/me/mfa/backup-codes`: needs the password; the old codes stop working.
pub async fn regenerate_backup_codes(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    request: RegenerateBackupCodesRequest,
) -> AppResult<BackupCodes> {
    check_password(state, who.user_id, "password", request.password).await?;
    let mut tx = state.db.begin(actor).await?;
    if !has_second_factor(&mut tx, who.user_id).await? {
        return Err(AppError::Conflict("Set up an authenticator first; backup codes come with it.".to_owned()));
    }
    let codes = replace_codes(state, &mut tx, who.user_id).await?;
    tx.audit(AuditEntry::new("mfa.backup_codes_regenerated", "user", Some(who.user_id))).await?;
    tx.commit().await?;
    Ok(BackupCodes { codes })
}
