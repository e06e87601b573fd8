use chrono::{DateTime, Utc};
use dayline_db::sql;
use uuid::Uuid;

use crate::auth::tokens::TokenError;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The caller, once their access token and session have been checked.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub is_super_admin: bool,
}

#[derive(sqlx::FromRow)]
struct SessionState {
    revoked_at: Option<DateTime<Utc>>,
    expires_at: DateTime<Utc>,
    is_active: bool,
    role: String,
}

/// Verifies a bearer access token and that its session is live and its user active, so a
/// logout, revocation or deactivation takes effect at once rather than at token expiry.
pub async fn authenticate(state: &AppState, token: &str) -> AppResult<Authenticated> {
    let unauthorized = || AppError::Unauthorized("The access token is missing, invalid or expired.".to_owned());
    let now = state.clock.now();
    if let Some(who) = state.session_cache.lookup(token, now) {
        return Ok(who);
    }
    let generation = state.session_cache.generation();
    let issuer = state.settings.public_base_url();
    let claims = match state.keys.verify(token, &issuer, now) {
        // Another instance may have rotated keys: reload (rarely) and try once more.
        Err(TokenError::UnknownKey) if state.keys.may_reload() => {
            state.keys.reload(&state.db, &state.master).await?;
            state.keys.verify(token, &issuer, now)
        }
        other => other,
    }
    .map_err(|_| unauthorized())?;
    let (Ok(user_id), Ok(session_id)) = (claims.sub.parse::<Uuid>(), claims.sid.parse::<Uuid>()) else {
        return Err(unauthorized());
    };
    let session: Option<SessionState> =
        sql("SELECT s.revoked_at, s.expires_at, u.is_active, u.role FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id = $1 AND s.user_id = $2")
        .bind(session_id)
        .bind(user_id)
        .fetch_optional(&state.db)
        .await?;
    match session {
        Some(s) if s.revoked_at.is_none() && s.expires_at > now && s.is_active => {
            let who = Authenticated { user_id, session_id, is_super_admin: s.role == "super_admin" };
            let token_expires_at = DateTime::from_timestamp(claims.exp, 0).unwrap_or(now);
            state.session_cache.remember(token, who.clone(), token_expires_at, now, generation);
            Ok(who)
        }
        _ => Err(unauthorized()),
    }
}
