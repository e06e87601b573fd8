//! The second step of a sign-in: after the password, a single-use token (5 minutes, bound to
//! that sign-in) trades with a second factor for a session.

use chrono::Duration;
use dayline_api_types::{
    MfaChallenge, MfaLoginRequest, MfaWebauthnStartRequest, SecondFactor, SessionMode, TokenPair, WebauthnOptions,
};
use dayline_db::{ActorContext, AuditEntry, WriteTx, new_id, sql};
use uuid::Uuid;

use super::passkeys::start_passkey_check;
use super::proof::{FactorKinds, prove};
use crate::auth::refresh_token;
use crate::domain::sessions::{invalid_credentials, start_session};
use crate::error::AppResult;
use crate::state::AppState;

pub const MFA_TOKEN_LIFETIME: Duration = Duration::minutes(5);
/// Wrong second factors one token survives; then the sign-in starts over with the password.
const MAX_FAILURES: i64 = 5;
const TOKEN_PREFIX: &str = "dl_mfa_";

fn mode_name(mode: SessionMode) -> &'static str {
    match mode {
        SessionMode::Token => "token",
        SessionMode::Cookie => "cookie",
    }
}

/// Stores a challenge for `user_id` inside the password step's transaction; `kinds` name the
/// methods the account can answer with.
pub async fn create_challenge(
    tx: &mut WriteTx,
    user_id: Uuid,
    mode: SessionMode,
    kinds: FactorKinds,
) -> AppResult<MfaChallenge> {
    let methods = [(kinds.totp, "totp"), (kinds.passkeys > 0, "webauthn"), (true, "backup_code")]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| name.to_owned())
        .collect();
    let token = refresh_token::generate_with_prefix(TOKEN_PREFIX)?;
    let now = tx.now();
    sql("INSERT INTO mfa_challenges (id, user_id, token_hash, session_mode, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)")
    .bind(new_id())
    .bind(user_id)
    .bind(refresh_token::hash(&token))
    .bind(mode_name(mode))
    .bind(now)
    .bind(now + MFA_TOKEN_LIFETIME)
    .execute(&mut *tx)
    .await?;
    Ok(MfaChallenge { mfa_required: true, mfa_token: token, methods, expires_in: MFA_TOKEN_LIFETIME.num_seconds() })
}

/// `POST /api/v1/auth/mfa/webauthn`: passkey options for a pending sign-in.
pub async fn start_challenge_passkey_check(
    state: &AppState,
    actor: ActorContext,
    request: MfaWebauthnStartRequest,
) -> AppResult<WebauthnOptions> {
    let mut tx = state.db.begin(actor.with_system_access()).await?;
    let now = tx.now();
    let user: Option<(Uuid,)> = sql("SELECT c.user_id FROM mfa_challenges c JOIN users u ON u.id = c.user_id \
         WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.expires_at > $2 AND u.is_active")
    .bind(refresh_token::hash(request.mfa_token.trim()))
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    let (user_id,) = user.ok_or_else(invalid_credentials)?;
    let options = start_passkey_check(state, &mut tx, user_id).await?;
    tx.audit(AuditEntry::new("auth.passkey_check_started", "user", Some(user_id))).await?;
    tx.commit().await?;
    Ok(options)
}

#[derive(sqlx::FromRow)]
struct Challenge {
    id: Uuid,
    user_id: Uuid,
    session_mode: String,
    failures: i64,
}

/// `POST /api/v1/auth/mfa`: a valid, unused, unexpired token and a correct second factor
/// start the session. Every failure answers "invalid credentials".
pub async fn finish_challenge(
    state: &AppState,
    actor: ActorContext,
    request: MfaLoginRequest,
) -> AppResult<(TokenPair, Uuid, SessionMode)> {
    let mut tx = state.db.begin(actor.clone().with_system_access()).await?;
    let now = tx.now();
    let challenge: Option<Challenge> = sql(
        "SELECT c.id, c.user_id, c.session_mode, c.failures FROM mfa_challenges c JOIN users u ON u.id = c.user_id \
         WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.expires_at > $2 AND u.is_active",
    )
    .bind(refresh_token::hash(request.mfa_token.trim()))
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    let Some(challenge) = challenge else {
        return Err(invalid_credentials());
    };
    let factor = SecondFactor { code: request.code, backup_code: request.backup_code, webauthn: request.webauthn };
    if prove(state, &mut tx, challenge.user_id, &factor).await?.is_none() {
        let burned = challenge.failures + 1 >= MAX_FAILURES;
        sql("UPDATE mfa_challenges SET failures = failures + 1, used_at = CASE WHEN $1 THEN $2 ELSE used_at END WHERE id = $3")
            .bind(burned)
            .bind(now)
            .bind(challenge.id)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        return Err(invalid_credentials());
    }
    // Single use: claimed in the statement that checks it is still unused.
    let claimed = sql("UPDATE mfa_challenges SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(challenge.id)
        .execute(&mut tx)
        .await?;
    if claimed != 1 {
        return Err(invalid_credentials());
    }
    let (pair, session_id) = start_session(state, &mut tx, challenge.user_id, &actor, true).await?;
    tx.audit(AuditEntry::new("auth.second_factor_passed", "user", Some(challenge.user_id))).await?;
    tx.commit().await?;
    let mode = if challenge.session_mode == "cookie" { SessionMode::Cookie } else { SessionMode::Token };
    Ok((pair, session_id, mode))
}
