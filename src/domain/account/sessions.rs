use chrono::{DateTime, Utc};
use dayline_api_types::SessionResponse;
use dayline_db::{ActorContext, AuditEntry, sql};
use uuid::Uuid;

use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: Uuid,
    created_at: DateTime<Utc>,
    last_used_at: DateTime<Utc>,
    ip: Option<String>,
    user_agent: Option<String>,
}

/// The user's live sessions, most recently used first.
pub async fn list_sessions(state: &AppState, who: &Authenticated) -> AppResult<Vec<SessionResponse>> {
    let now = state.clock.now();
    let rows: Vec<SessionRow> = sql("SELECT id, created_at, last_used_at, ip, user_agent FROM sessions \
         WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY last_used_at DESC, id DESC")
    .bind(who.user_id)
    .bind(now)
    .fetch_all(state.db.read_as(who.row_access()))
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionResponse {
            current: r.id == who.session_id,
            id: r.id,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            ip: r.ip,
            user_agent: r.user_agent,
        })
        .collect())
}

/// Ends one of the user's own sessions; someone else's session is "not found".
pub async fn revoke_session(state: &AppState, actor: ActorContext, who: &Authenticated, id: Uuid) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    let now = tx.now();
    let n = sql("UPDATE sessions SET revoked_at = $1, revoked_reason = 'revoked_by_user' WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .bind(who.user_id)
        .execute(&mut tx)
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    tx.audit(AuditEntry::new("session.revoked", "session", Some(id))).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(())
}

/// "Sign out everywhere": every session of the user ends, this one included.
pub async fn revoke_all_sessions(state: &AppState, actor: ActorContext, who: &Authenticated) -> AppResult<u64> {
    let mut tx = state.db.begin(actor).await?;
    let now = tx.now();
    let n = sql("UPDATE sessions SET revoked_at = $1, revoked_reason = 'signed_out_everywhere' WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(who.user_id)
        .execute(&mut tx)
        .await?;
    tx.audit(
        AuditEntry::new("session.revoked_all", "user", Some(who.user_id)).details(serde_json::json!({ "sessions": n })),
    )
    .await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(n)
}
