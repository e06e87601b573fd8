//! What this instance remembers about access tokens, so a busy client does not pay for a
//! signature check and a database lookup on every request:
//!
//! - tokens whose signature and claims verified, until they expire (a revocation does not
//!   make a signature invalid, so this memory is never emptied by one);
//! - sessions found live in the database, for `REVALIDATE_AFTER` only: a session revoked by
//!   another instance is refused here within that time, and one revoked through this
//!   instance at once, because every revocation empties this memory
//!   (see [`SessionCache::forget_all`]).

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::Authenticated;

/// How long a check of the session in the database is trusted (well inside the 5 seconds
/// within which a revocation must reach every instance).
pub const REVALIDATE_AFTER: Duration = Duration::seconds(2);
/// Bounds memory; past it, stale entries go, and if none are stale, everything does.
const MAX_ENTRIES: usize = 50_000;

/// The claims of a verified token that authentication needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifiedToken {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub expires_at: DateTime<Utc>,
}

struct LiveSession {
    who: Authenticated,
    checked_at: DateTime<Utc>,
}

#[derive(Default)]
struct Inner {
    tokens: HashMap<Box<str>, VerifiedToken>,
    /// Bumped by every revocation; a lookup started before one may not store its answer.
    generation: u64,
    sessions: HashMap<Uuid, LiveSession>,
}

#[derive(Default)]
pub struct SessionCache {
    inner: Mutex<Inner>,
}

impl SessionCache {
    /// The token's claims if its signature was verified before and it has not expired.
    pub fn verified(&self, token: &str, now: DateTime<Utc>) -> Option<VerifiedToken> {
        let inner = self.inner.lock().ok()?;
        inner.tokens.get(token).copied().filter(|t| t.expires_at > now)
    }

    pub fn remember_verified(&self, token: &str, verified: VerifiedToken, now: DateTime<Utc>) {
        let Ok(mut inner) = self.inner.lock() else { return };
        if inner.tokens.len() >= MAX_ENTRIES {
            inner.tokens.retain(|_, t| t.expires_at > now);
            if inner.tokens.len() >= MAX_ENTRIES {
                inner.tokens.clear();
            }
        }
        inner.tokens.insert(token.into(), verified);
    }

    /// The caller behind a verified token if its session was found live recently.
    pub fn live(&self, token: &VerifiedToken, now: DateTime<Utc>) -> Option<Authenticated> {
        let inner = self.inner.lock().ok()?;
        let session = inner.sessions.get(&token.session_id)?;
        let fresh = now - session.checked_at < REVALIDATE_AFTER && session.who.user_id == token.user_id;
        fresh.then(|| session.who.clone())
    }

    /// Read before checking the database, and handed back to [`Self::remember_live`].
    pub fn generation(&self) -> u64 {
        self.inner.lock().map(|i| i.generation).unwrap_or(u64::MAX)
    }

    /// Stores a live session, unless a revocation happened since `generation` was read
    /// (the check may have seen the session just before it was revoked).
    pub fn remember_live(&self, who: &Authenticated, now: DateTime<Utc>, generation: u64) {
        let Ok(mut inner) = self.inner.lock() else { return };
        if inner.generation != generation {
            return;
        }
        if inner.sessions.len() >= MAX_ENTRIES {
            inner.sessions.retain(|_, s| now - s.checked_at < REVALIDATE_AFTER);
            if inner.sessions.len() >= MAX_ENTRIES {
                inner.sessions.clear();
            }
        }
        inner.sessions.insert(who.session_id, LiveSession { who: who.clone(), checked_at: now });
    }

    /// Called after any session revocation, password change, role change, deactivation,
    /// second-factor change or step-up commits.
    pub fn forget_all(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.generation = inner.generation.wrapping_add(1);
            inner.sessions.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(now: DateTime<Utc>, lifetime: Duration) -> VerifiedToken {
        VerifiedToken { user_id: Uuid::nil(), session_id: Uuid::max(), expires_at: now + lifetime }
    }

    fn who() -> Authenticated {
        Authenticated {
            user_id: Uuid::nil(),
            session_id: Uuid::max(),
            is_super_admin: false,
            has_second_factor: false,
            stepped_up_at: None,
            scopes: None,
        }
    }

    #[test]
    fn verified_tokens_are_remembered_until_they_expire() {
        let cache = SessionCache::default();
        let now = Utc::now();
        cache.remember_verified("t", token(now, Duration::seconds(60)), now);
        assert!(cache.verified("t", now + Duration::seconds(59)).is_some());
        assert!(cache.verified("t", now + Duration::seconds(60)).is_none());
        assert!(cache.verified("other", now).is_none());
        cache.forget_all();
        assert!(cache.verified("t", now).is_some(), "a revocation does not undo a signature check");
    }

    #[test]
    fn a_live_session_is_trusted_only_briefly() {
        let cache = SessionCache::default();
        let now = Utc::now();
        let verified = token(now, Duration::seconds(60));
        cache.remember_live(&who(), now, cache.generation());
        assert!(cache.live(&verified, now + Duration::seconds(1)).is_some());
        assert!(cache.live(&verified, now + REVALIDATE_AFTER).is_none());
    }

    #[test]
    fn a_revocation_empties_the_sessions_and_refuses_answers_from_before_it() {
        let cache = SessionCache::default();
        let now = Utc::now();
        let verified = token(now, Duration::seconds(60));
        let before = cache.generation();
        cache.remember_live(&who(), now, before);
        cache.forget_all();
        assert!(cache.live(&verified, now).is_none());
        // A check that started before the revocation finishes after it: not stored.
        cache.remember_live(&who(), now, before);
        assert!(cache.live(&verified, now).is_none());
    }
}
