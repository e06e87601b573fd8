//! CSRF tokens for cookie sessions: an HMAC of the session id under the instance key, so
//! they need no storage, belong to one session and cannot be forged.

use subtle::ConstantTimeEq;
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;

/// The CSRF token of a session.
pub fn csrf_token(state: &AppState, session_id: Uuid) -> String {
    state.master.tag("csrf", &session_id.to_string())
}

pub fn csrf_matches(state: &AppState, session_id: Uuid, presented: &str) -> bool {
    bool::from(csrf_token(state, session_id).as_bytes().ct_eq(presented.as_bytes()))
}

pub fn csrf_refused() -> AppError {
    AppError::Forbidden("Send the session's CSRF token in X-CSRF-Token, from this site.".to_owned())
}
