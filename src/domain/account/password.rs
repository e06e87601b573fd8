use dayline_api_types::ChangePasswordRequest;
use dayline_db::{ActorContext, AuditEntry, RowAccess, sql};
use secrecy::SecretString;

use crate::auth::password::Verified;
use crate::domain::sessions::Authenticated;
use crate::domain::users::Password;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `POST /api/v1/me/password`: needs the current password; every other session of the user
/// ends (a thief who had one is out), the current one stays signed in.
pub async fn change_password(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    request: ChangePasswordRequest,
) -> AppResult<()> {
    let (stored, email, name): (Option<String>, String, String) =
        sql("SELECT password_hash, email, display_name FROM users WHERE id = $1")
            .bind(who.user_id)
            .fetch_one(state.db.read_as(who.row_access()))
            .await?;
    let new = Password::parse("new_password", &request.new_password)
        .and_then(|p| p.strong("new_password", &[&email, &name]))
        .map_err(|e| AppError::Validation(vec![e]))?;
    let stored = stored.ok_or_else(|| AppError::invalid("current_password", "this account has no password yet"))?;
    if state.passwords.verify(SecretString::from(request.current_password), Some(stored)).await? == Verified::Invalid {
        return Err(AppError::invalid("current_password", "is not your current password"));
    }
    let hash = state.passwords.hash(new.into_secret()).await?;
    let mut tx = state.db.begin(actor).await?;
    let now = tx.now();
    sql("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now)
        .bind(who.user_id)
        .execute(&mut tx)
        .await?;
    let ended = sql(
        "UPDATE sessions SET revoked_at = $1, revoked_reason = 'password_changed' WHERE user_id = $2 AND id <> $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(who.user_id)
    .bind(who.session_id)
    .execute(&mut tx)
    .await?;
    tx.audit(
        AuditEntry::new("user.password_changed", "user", Some(who.user_id))
            .details(serde_json::json!({ "other_sessions_ended": ended })),
    )
    .await?;
    crate::mail::enqueue(&mut tx, &email, &crate::mail::MailTemplate::PasswordChanged).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(())
}

/// Refuses (422 naming `field`) unless `password` is the user's current password.
pub async fn check_password(state: &AppState, user_id: uuid::Uuid, field: &str, password: String) -> AppResult<()> {
    let (stored,): (Option<String>,) = sql("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(state.db.read_as(RowAccess::user(user_id, false)))
        .await?;
    if stored.is_none() || state.passwords.verify(SecretString::from(password), stored).await? == Verified::Invalid {
        return Err(AppError::invalid(field, "is not your current password"));
    }
    Ok(())
}
