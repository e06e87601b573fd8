use chrono::{DateTime, Utc};
use dayline_api_types::TokenPair;
use dayline_db::{ActorContext, AuditEntry, sql};
use serde_json::json;
use uuid::Uuid;

use super::{REUSE_GRACE, invalid_credentials, issue_pair};
use crate::auth::refresh_token;
use crate::error::AppResult;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Presented {
    id: Uuid,
    session_id: Uuid,
    user_id: Uuid,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    successor: Option<String>,
    session_expires_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
    is_active: bool,
}

/// `POST /api/v1/auth/refresh`: trades a refresh token for a new pair. A token presented a
/// second time means it leaked: the whole session is revoked and the event audited, unless
/// the second use comes within the grace window (two tabs), which gets the same new pair.
///
/// `csrf` is the token a cookie-mode client sent; it must belong to the refresh token's session.
pub async fn refresh(
    state: &AppState,
    actor: ActorContext,
    token: &str,
    csrf: Option<&str>,
) -> AppResult<(TokenPair, Uuid)> {
    let mut tx = state.db.begin(actor.with_system_access()).await?;
    let now = tx.now();
    let row: Option<Presented> = sql(
        "SELECT t.id, t.session_id, s.user_id, t.expires_at, t.used_at, t.successor, s.expires_at AS session_expires_at, \
                s.revoked_at, u.is_active \
         FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id \
         WHERE t.token_hash = $1",
    )
    .bind(refresh_token::hash(token))
    .fetch_optional(&mut tx)
    .await?;
    let Some(row) = row else { return Err(invalid_credentials()) };
    if row.revoked_at.is_some() || !row.is_active || row.session_expires_at <= now || row.expires_at <= now {
        return Err(invalid_credentials());
    }
    if let Some(csrf) = csrf
        && !crate::auth::csrf::csrf_matches(state, row.session_id, csrf)
    {
        return Err(crate::auth::csrf::csrf_refused());
    }
    if let Some(used_at) = row.used_at {
        if now - used_at <= REUSE_GRACE
            && let Some(sealed) = &row.successor
        {
            let plain = state.master.open(&row.id.to_string(), sealed)?;
            let pair: TokenPair = serde_json::from_slice(&plain).map_err(anyhow::Error::new)?;
            return Ok((pair, row.session_id));
        }
        sql("UPDATE sessions SET revoked_at = $1, revoked_reason = 'refresh_token_reuse' WHERE id = $2")
            .bind(now)
            .bind(row.session_id)
            .execute(&mut tx)
            .await?;
        tx.audit(
            AuditEntry::new("auth.refresh_reuse_detected", "session", Some(row.session_id))
                .details(json!({ "user": row.user_id })),
        )
        .await?;
        tx.commit().await?;
        state.session_cache.forget_all();
        tracing::warn!(session = %row.session_id, "a used refresh token was presented again; the session is revoked");
        return Err(invalid_credentials());
    }
    let (pair, successor_id) = issue_pair(state, &mut tx, row.user_id, row.session_id, now).await?;
    let sealed = state.master.seal(&row.id.to_string(), &serde_json::to_vec(&pair).map_err(anyhow::Error::new)?)?;
    let claimed = sql(
        "UPDATE refresh_tokens SET used_at = $1, replaced_by = $2, successor = $3 WHERE id = $4 AND used_at IS NULL",
    )
    .bind(now)
    .bind(successor_id)
    .bind(sealed)
    .bind(row.id)
    .execute(&mut tx)
    .await?;
    if claimed != 1 {
        // A parallel refresh won the race between our read and this write; use its pair.
        tx.rollback().await?;
        return Box::pin(refresh(state, ActorContext::system(), token, csrf)).await;
    }
    sql("UPDATE sessions SET last_used_at = $1 WHERE id = $2").bind(now).bind(row.session_id).execute(&mut tx).await?;
    tx.audit(AuditEntry::new("auth.refreshed", "session", Some(row.session_id))).await?;
    tx.commit().await?;
    Ok((pair, row.session_id))
}
