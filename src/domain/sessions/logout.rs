use dayline_db::{ActorContext, AuditEntry, sql};

use super::Authenticated;
use crate::error::AppResult;
use crate::state::AppState;

/// `POST /api/v1/auth/logout`: ends the caller's session; its access and refresh tokens stop
/// working at once.
pub async fn logout(state: &AppState, actor: ActorContext, who: &Authenticated) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    let now = tx.now();
    sql("UPDATE sessions SET revoked_at = $1, revoked_reason = 'logout' WHERE id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(who.session_id)
        .execute(&mut tx)
        .await?;
    tx.audit(AuditEntry::new("auth.logout", "session", Some(who.session_id))).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(())
}
