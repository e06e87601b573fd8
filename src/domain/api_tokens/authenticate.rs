//! Authenticating a request by personal API token. Revocation, expiry and the user's
//! deactivation are checked in the database (remembered for two seconds, like sessions);
//! `last_used_at` is written at most once a minute per token.

use chrono::{DateTime, Duration, Utc};
use dayline_db::sql;
use uuid::Uuid;

use crate::auth::refresh_token;
use crate::auth::scopes::ScopeSet;
use crate::domain::sessions::{Authenticated, VerifiedToken};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub const TOKEN_PREFIX: &str = "dl_pat_";
const LAST_USED_EVERY: Duration = Duration::minutes(1);

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    user_id: Uuid,
    scopes: String,
    expires_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
    role: String,
}

fn unauthorized() -> AppError {
    AppError::Unauthorized("The API token is unknown, revoked or expired.".to_owned())
}

pub async fn authenticate_api_token(state: &AppState, token: &str) -> AppResult<Authenticated> {
    let now = state.clock.now();
    // The token itself stands in for a verified JWT in the session memory: its id is the
    // "session", and it never expires there by itself (expiry is checked with the row).
    let far = now + Duration::days(1);
    if let Some(verified) = state.session_cache.verified(token, now)
        && let Some(who) = state.session_cache.live(&verified, now)
    {
        return Ok(who);
    }
    let generation = state.session_cache.generation();
    let row: Option<Row> =
        sql("SELECT t.id, t.user_id, t.scopes, t.expires_at, t.last_used_at, u.role FROM api_tokens t \
         JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.is_active")
        .bind(refresh_token::hash(token))
        .fetch_optional(state.db.read_as_system())
        .await?;
    let row = row.filter(|r| r.expires_at.is_none_or(|at| at > now)).ok_or_else(unauthorized)?;
    if row.last_used_at.is_none_or(|at| now - at >= LAST_USED_EVERY) {
        // A short transaction of its own: it carries the system's row-security context.
        let mut tx = state.db.begin_bookkeeping().await?;
        sql("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2").bind(now).bind(row.id).execute(&mut tx).await?;
        tx.commit().await?;
    }
    let who = Authenticated {
        user_id: row.user_id,
        session_id: row.id,
        is_super_admin: row.role == "super_admin",
        // Tokens are made by signed-in users; the second-factor rule applies to sessions.
        has_second_factor: true,
        stepped_up_at: None,
        scopes: Some(ScopeSet::from_stored(&row.scopes)),
    };
    let expires_at = row.expires_at.map_or(far, |at| at.min(far));
    state.session_cache.remember_verified(
        token,
        VerifiedToken { user_id: row.user_id, session_id: row.id, expires_at },
        now,
    );
    state.session_cache.remember_live(&who, now, generation);
    Ok(who)
}
