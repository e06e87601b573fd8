//! Step-up: sensitive actions need a second factor proved in the last five minutes by this
//! session (at sign-in, or again at `POST /api/v1/auth/step-up`).

use chrono::{DateTime, Duration, Utc};
use dayline_api_types::{SecondFactor, StepUpRequest, WebauthnOptions};
use dayline_db::{ActorContext, AuditEntry, sql};

use super::passkeys::start_passkey_check;
use super::proof::prove;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub const STEP_UP_VALIDITY: Duration = Duration::minutes(5);

/// Refuses with `401 /problems/step-up-required` unless `who` proved a second factor within
/// the last five minutes. Personal API tokens never can.
pub fn require_step_up(who: &Authenticated, now: DateTime<Utc>) -> AppResult<()> {
    let fresh = who.scopes.is_none() && who.stepped_up_at.is_some_and(|at| now - at < STEP_UP_VALIDITY);
    if fresh { Ok(()) } else { Err(AppError::StepUpRequired) }
}

/// `POST /api/v1/auth/step-up/webauthn`: passkey options for a step-up.
pub async fn start_step_up_passkey_check(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
) -> AppResult<WebauthnOptions> {
    let mut tx = state.db.begin(actor).await?;
    let options = start_passkey_check(state, &mut tx, who.user_id).await?;
    tx.audit(AuditEntry::new("auth.passkey_check_started", "user", Some(who.user_id))).await?;
    tx.commit().await?;
    Ok(options)
}

/// `POST /api/v1/auth/step-up`.
pub async fn step_up(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    request: StepUpRequest,
) -> AppResult<()> {
    if who.scopes.is_some() {
        return Err(AppError::Forbidden("Step-up needs a signed-in session, not an API token.".to_owned()));
    }
    let mut tx = state.db.begin(actor).await?;
    let field = if request.webauthn.is_some() {
        "webauthn"
    } else if request.backup_code.is_some() {
        "backup_code"
    } else {
        "code"
    };
    let factor = SecondFactor { code: request.code, backup_code: request.backup_code, webauthn: request.webauthn };
    if prove(state, &mut tx, who.user_id, &factor).await?.is_none() {
        tx.commit().await?;
        return Err(AppError::invalid(field, "is not a valid second factor"));
    }
    let now = tx.now();
    sql("UPDATE sessions SET stepped_up_at = $1 WHERE id = $2").bind(now).bind(who.session_id).execute(&mut tx).await?;
    tx.audit(AuditEntry::new("auth.stepped_up", "session", Some(who.session_id))).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(())
}
