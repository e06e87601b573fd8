use chrono::{DateTime, Utc};
use dayline_db::sql;
use uuid::Uuid;

use super::cache::VerifiedToken;
use crate::auth::scopes::ScopeSet;
use crate::auth::tokens::TokenError;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The caller, once their access token and session have been checked.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user_id: Uuid,
    /// The session, or for a personal API token the token's id.
    pub session_id: Uuid,
    pub is_super_admin: bool,
    /// A confirmed TOTP authenticator or a passkey (super admins need one before anything else).
    pub has_second_factor: bool,
    /// When this session last proved a second factor (sign-in with one, or step-up).
    pub stepped_up_at: Option<DateTime<Utc>>,
    /// `None` for a signed-in session; a personal API token's scopes otherwise.
    pub scopes: Option<ScopeSet>,
}

impl Authenticated {
    /// The rows this caller may see, for reads that PostgreSQL's row security checks again.
    pub fn row_access(&self) -> dayline_db::RowAccess {
        dayline_db::RowAccess::user(self.user_id, self.is_super_admin)
    }
}

#[derive(sqlx::FromRow)]
struct SessionState {
    revoked_at: Option<DateTime<Utc>>,
    expires_at: DateTime<Utc>,
    stepped_up_at: Option<DateTime<Utc>>,
    is_active: bool,
    role: String,
    has_second_factor: bool,
}

/// Verifies a bearer access token and that its session is live and its user active, so a
/// logout, revocation or deactivation takes effect at once rather than at token expiry.
pub async fn authenticate(state: &AppState, token: &str) -> AppResult<Authenticated> {
    let now = state.clock.now();
    let verified = match state.session_cache.verified(token, now) {
        Some(verified) => verified,
        None => {
            let verified = verify_signature(state, token, now).await?;
            state.session_cache.remember_verified(token, verified, now);
            verified
        }
    };
    if let Some(who) = state.session_cache.live(&verified, now) {
        return Ok(who);
    }
    let generation = state.session_cache.generation();
    let session: Option<SessionState> =
        sql("SELECT s.revoked_at, s.expires_at, s.stepped_up_at, u.is_active, u.role, \
         (EXISTS (SELECT 1 FROM totp_credentials t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) \
          OR EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id)) AS has_second_factor \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.user_id = $2")
        .bind(verified.session_id)
        .bind(verified.user_id)
        .fetch_optional(state.db.read_as_system())
        .await?;
    match session {
        Some(s) if s.revoked_at.is_none() && s.expires_at > now && s.is_active => {
            let who = Authenticated {
                user_id: verified.user_id,
                session_id: verified.session_id,
                is_super_admin: s.role == "super_admin",
                has_second_factor: s.has_second_factor,
                stepped_up_at: s.stepped_up_at,
                scopes: None,
            };
            state.session_cache.remember_live(&who, now, generation);
            Ok(who)
        }
        _ => Err(unauthorized()),
    }
}

fn unauthorized() -> AppError {
    AppError::Unauthorized("The access token is missing, invalid or expired.".to_owned())
}

/// Checks the token's signature, header and claims.
async fn verify_signature(state: &AppState, token: &str, now: DateTime<Utc>) -> AppResult<VerifiedToken> {
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
    let expires_at = DateTime::from_timestamp(claims.exp, 0).ok_or_else(unauthorized)?;
    Ok(VerifiedToken { user_id, session_id, expires_at })
}
