//! A short memory of access tokens this instance has verified, so a busy client does not
//! pay a signature check and a database lookup on every request. An entry is trusted for
//! `REVALIDATE_AFTER` only: a session revoked by another instance is refused here within
//! that time, and one revoked through this instance at once, because every revocation
//! empties the memory (see [`SessionCache::forget_all`]).

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use super::Authenticated;

/// How long a check of the session in the database is trusted (well inside the 5 seconds
/// within which a revocation must reach every instance).
pub const REVALIDATE_AFTER: Duration = Duration::seconds(2);
/// Bounds memory; past it, stale entries go, and if none are stale, everything does.
const MAX_ENTRIES: usize = 50_000;

struct Entry {
    who: Authenticated,
    token_expires_at: DateTime<Utc>,
    checked_at: DateTime<Utc>,
}

#[derive(Default)]
struct Inner {
    /// Bumped by every revocation; a lookup started before one may not store its answer.
    generation: u64,
    entries: HashMap<Box<str>, Entry>,
}

#[derive(Default)]
pub struct SessionCache {
    inner: Mutex<Inner>,
}

impl SessionCache {
    /// The caller behind `token` if it was verified and its session found live recently.
    pub fn lookup(&self, token: &str, now: DateTime<Utc>) -> Option<Authenticated> {
        let inner = self.inner.lock().ok()?;
        let entry = inner.entries.get(token)?;
        let fresh = now - entry.checked_at < REVALIDATE_AFTER && entry.token_expires_at > now;
        fresh.then(|| entry.who.clone())
    }

    /// Read before checking the database, and handed back to [`Self::remember`].
    pub fn generation(&self) -> u64 {
        self.inner.lock().map(|i| i.generation).unwrap_or(u64::MAX)
    }

    /// Stores a successful check, unless a revocation happened since `generation` was read
    /// (the check may have seen the session just before it was revoked).
    pub fn remember(
        &self,
        token: &str,
        who: Authenticated,
        token_expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
        generation: u64,
    ) {
        let Ok(mut inner) = self.inner.lock() else { return };
        if inner.generation != generation {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.retain(|_, e| now - e.checked_at < REVALIDATE_AFTER && e.token_expires_at > now);
            if inner.entries.len() >= MAX_ENTRIES {
                inner.entries.clear();
            }
        }
        inner.entries.insert(token.into(), Entry { who, token_expires_at, checked_at: now });
    }

    /// Called after any session revocation, password change or deactivation commits.
    pub fn forget_all(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.generation = inner.generation.wrapping_add(1);
            inner.entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn who() -> Authenticated {
        Authenticated { user_id: Uuid::nil(), session_id: Uuid::nil(), is_super_admin: false }
    }

    #[test]
    fn an_entry_is_trusted_only_briefly_and_never_past_token_expiry() {
        let cache = SessionCache::default();
        let now = Utc::now();
        cache.remember("t", who(), now + Duration::seconds(60), now, cache.generation());
        assert!(cache.lookup("t", now + Duration::seconds(1)).is_some());
        assert!(cache.lookup("t", now + REVALIDATE_AFTER).is_none());
        assert!(cache.lookup("other", now).is_none());
        cache.remember("short", who(), now + Duration::milliseconds(500), now, cache.generation());
        assert!(cache.lookup("short", now + Duration::seconds(1)).is_none());
    }

    #[test]
    fn a_revocation_empties_the_cache_and_refuses_answers_from_before_it() {
        let cache = SessionCache::default();
        let now = Utc::now();
        let before = cache.generation();
        cache.remember("t", who(), now + Duration::seconds(60), now, before);
        cache.forget_all();
        assert!(cache.lookup("t", now).is_none());
        // A check that started before the revocation finishes after it: not stored.
        cache.remember("t", who(), now + Duration::seconds(60), now, before);
        assert!(cache.lookup("t", now).is_none());
    }
}
