//! Login sessions: a session per login, access tokens that name it, and refresh tokens that
//! rotate on every use with reuse detection.

mod authenticate;
mod cache;
mod login;
mod logout;
mod refresh;

pub use authenticate::{Authenticated, authenticate};
pub use cache::{SessionCache, VerifiedToken};
pub use login::{LoginOutcome, login};
pub use logout::logout;
pub use refresh::refresh;

use chrono::{DateTime, Duration, Utc};
use dayline_api_types::TokenPair;
use dayline_db::{ActorContext, AuditEntry, WriteTx, new_id, sql};
use uuid::Uuid;

use crate::auth::refresh_token;
use crate::auth::tokens::ACCESS_TOKEN_TTL_SECS;
use crate::error::AppResult;
use crate::state::AppState;

/// A refresh token unused this long expires (the session with it).
pub const IDLE_LIFETIME: Duration = Duration::days(7);
/// A session ends this long after login, however active.
pub const ABSOLUTE_LIFETIME: Duration = Duration::days(30);
/// Two refreshes of one token this close together (two browser tabs) get the same new pair.
pub const REUSE_GRACE: Duration = Duration::seconds(5);

/// The answer every credential failure gets: it never says which part was wrong.
pub fn invalid_credentials() -> crate::error::AppError {
    crate::error::AppError::Unauthorized("Invalid credentials.".to_owned())
}

/// Starts a new session for `user_id` inside `tx` and issues its first pair. Every sign-in is
/// a new session: nothing from before carries over (no fixation). `second_factor` records
/// that the sign-in proved one, which counts as a fresh step-up.
pub async fn start_session(
    state: &AppState,
    tx: &mut WriteTx,
    user_id: Uuid,
    actor: &ActorContext,
    second_factor: bool,
) -> AppResult<(TokenPair, Uuid)> {
    let now = tx.now();
    let session_id = new_id();
    sql("INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, ip, user_agent, stepped_up_at) \
         VALUES ($1, $2, $3, $3, $4, $5, $6, $7)")
    .bind(session_id)
    .bind(user_id)
    .bind(now)
    .bind(now + ABSOLUTE_LIFETIME)
    .bind(actor.ip.clone())
    .bind(actor.user_agent.clone())
    .bind(second_factor.then_some(now))
    .execute(&mut *tx)
    .await?;
    let (pair, _) = issue_pair(state, tx, user_id, session_id, now).await?;
    tx.audit(
        AuditEntry::new("auth.login", "user", Some(user_id))
            .details(serde_json::json!({ "session": session_id, "second_factor": second_factor })),
    )
    .await?;
    Ok((pair, session_id))
}

/// Issues a refresh token for `session` inside `tx`, and an access token; returns the pair
/// and the new refresh token's row id.
async fn issue_pair(
    state: &AppState,
    tx: &mut WriteTx,
    user_id: Uuid,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<(TokenPair, Uuid)> {
    let refresh = refresh_token::generate()?;
    let id = new_id();
    sql("INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(session_id)
        .bind(refresh_token::hash(&refresh))
        .bind(now)
        .bind(now + IDLE_LIFETIME)
        .execute(tx)
        .await?;
    let access = state.keys.issue(&state.settings.public_base_url(), user_id, session_id, now)?;
    let pair = TokenPair {
        access_token: access,
        token_type: "Bearer".to_owned(),
        expires_in: ACCESS_TOKEN_TTL_SECS,
        refresh_token: refresh,
    };
    Ok((pair, id))
}
