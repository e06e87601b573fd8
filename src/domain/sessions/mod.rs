//! Login sessions: a session per login, access tokens that name it, and refresh tokens that
//! rotate on every use with reuse detection.

mod authenticate;
mod cache;
mod login;
mod logout;
mod refresh;

pub use authenticate::{Authenticated, authenticate};
pub use cache::SessionCache;
pub use login::login;
pub use logout::logout;
pub use refresh::refresh;

use chrono::{DateTime, Duration, Utc};
use dayline_api_types::TokenPair;
use dayline_db::{WriteTx, new_id, sql};
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
