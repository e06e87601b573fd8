use dayline_api_types::{LoginRequest, TokenPair};
use dayline_db::{ActorContext, AuditEntry, new_id, sql};
use secrecy::SecretString;
use serde_json::json;
use uuid::Uuid;

use super::{ABSOLUTE_LIFETIME, invalid_credentials, issue_pair};
use crate::auth::password::Verified;
use crate::error::AppResult;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Account {
    id: Uuid,
    password_hash: Option<String>,
    is_active: bool,
}

/// `POST /api/v1/auth/login`. An unknown e-mail, a wrong password and a deactivated account
/// get the same answer after the same work (a password hash is always checked).
pub async fn login(state: &AppState, actor: ActorContext, request: LoginRequest) -> AppResult<TokenPair> {
    let email = request.email.trim().to_owned();
    let account: Option<Account> = sql("SELECT id, password_hash, is_active FROM users WHERE lower(email) = lower($1)")
        .bind(email.as_str())
        .fetch_optional(&state.db)
        .await?;
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    let verified = state.passwords.verify(SecretString::from(request.password.clone()), stored).await?;

    let mut tx = state.db.begin(actor.clone()).await?;
    let now = tx.now();
    let account = match (account, verified) {
        (Some(account), Verified::Valid { rehash }) if account.is_active => {
            if rehash {
                let upgraded = state.passwords.hash(SecretString::from(request.password)).await?;
                sql("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                    .bind(upgraded)
                    .bind(now)
                    .bind(account.id)
                    .execute(&mut tx)
                    .await?;
                tx.audit(AuditEntry::new("user.password_rehashed", "user", Some(account.id))).await?;
            }
            account
        }
        (account, _) => {
            tx.audit(
                AuditEntry::new("auth.login_failed", "user", account.map(|a| a.id)).details(json!({ "email": email })),
            )
            .await?;
            tx.commit().await?;
            return Err(invalid_credentials());
        }
    };

    // Every login is a new session: nothing from before carries over (no fixation).
    let session_id = new_id();
    sql("INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, $5, $6)")
        .bind(session_id)
        .bind(account.id)
        .bind(now)
        .bind(now + ABSOLUTE_LIFETIME)
        .bind(actor.ip)
        .bind(actor.user_agent)
        .execute(&mut tx)
        .await?;
    let (pair, _) = issue_pair(state, &mut tx, account.id, session_id, now).await?;
    tx.audit(AuditEntry::new("auth.login", "user", Some(account.id)).details(json!({ "session": session_id }))).await?;
    tx.commit().await?;
    Ok(pair)
}
