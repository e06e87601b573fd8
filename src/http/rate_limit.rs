//! Rate limits: per client IP on every request, per user once a request is authenticated,
//! and a tighter per-IP limit on credential endpoints (sign-in, registration, password
//! reset). Each is a GCRA limiter held in memory, so limits apply per instance.
//! Answers carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (the
//! tighter of the IP and user limits); refusals are 429 with `Retry-After`.

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use uuid::Uuid;

use super::client_ip::ClientIp;
use crate::config::Settings;
use crate::error::AppError;
use crate::state::AppState;

type Limiter<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// Where a client stands against one limit, as sent in the `RateLimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the full allowance is back.
    pub reset_secs: u64,
}

/// A refused request: the limit it hit and when to try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exceeded {
    pub limit: u32,
    pub retry_after_secs: u64,
}

pub struct RateLimits {
    per_ip: Option<Limiter<IpAddr>>,
    per_user: Option<Limiter<Uuid>>,
    credentials_per_ip: Option<Limiter<IpAddr>>,
}

impl RateLimits {
    pub fn new(settings: &Settings) -> Self {
        Self {
            per_ip: limiter(settings.rate_limit_ip_per_minute),
            per_user: limiter(settings.rate_limit_user_per_minute),
            credentials_per_ip: limiter(settings.login_attempts_per_ip_per_minute),
        }
    }

    pub fn check_ip(&self, ip: IpAddr) -> Result<Option<Standing>, Exceeded> {
        check(self.per_ip.as_ref(), &ip)
    }

    pub fn check_user(&self, user: Uuid) -> Result<Option<Standing>, Exceeded> {
        check(self.per_user.as_ref(), &user)
    }

    /// One sign-in, registration or password-reset attempt from `ip`.
    pub fn check_credentials(&self, ip: IpAddr) -> Result<(), Exceeded> {
        check(self.credentials_per_ip.as_ref(), &ip).map(|_| ())
    }

    /// Drops the state of clients whose allowance is full again, so memory follows the
    /// number of recent clients rather than of all clients ever seen.
    pub fn forget_idle(&self) {
        if let Some(l) = &self.per_ip {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some(l) = &self.per_user {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some(l) = &self.credentials_per_ip {
            l.retain_recent();
            l.shrink_to_fit();
        }
    }
}

/// `per_minute` requests a minute, all of which may come at once; 0 means no limit.
fn limiter<K: Hash + Eq + Clone>(per_minute: u32) -> Option<Limiter<K>> {
    let quota = Quota::per_minute(NonZeroU32::new(per_minute)?);
    Some(RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>())
}

fn check<K: Hash + Eq + Clone>(limiter: Option<&Limiter<K>>, key: &K) -> Result<Option<Standing>, Exceeded> {
    let Some(limiter) = limiter else { return Ok(None) };
    match limiter.check_key(key) {
        Ok(snapshot) => {
            let quota = snapshot.quota();
            let limit = quota.burst_size().get();
            let remaining = snapshot.remaining_burst_capacity();
            let used = quota.replenish_interval() * (limit - remaining);
            Ok(Some(Standing { limit, remaining, reset_secs: ceil_secs(used) }))
        }
        Err(not_until) => Err(Exceeded {
            limit: not_until.quota().burst_size().get(),
            retry_after_secs: ceil_secs(not_until.wait_time_from(limiter.clock().now())).max(1),
        }),
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// The per-user standing found while authenticating, for the response headers.
#[derive(Clone, Default)]
pub struct UserStanding(Arc<Mutex<Option<Standing>>>);

impl UserStanding {
    pub fn set(&self, standing: Standing) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(standing);
        }
    }

    fn get(&self) -> Option<Standing> {
        self.0.lock().ok().and_then(|slot| *slot)
    }
}

/// Middleware: applies the per-IP limit and writes the `RateLimit-*` headers.
pub async fn limit(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    // Probes and scrapes come often from one address and must never be refused.
    if matches!(request.uri().path(), "/livez" | "/readyz" | "/metrics") {
        return next.run(request).await;
    }
    let ip = request.extensions().get::<ClientIp>().map(|c| c.0);
    let ip_standing = match ip.map(|ip| state.limits.check_ip(ip)) {
        Some(Err(exceeded)) => return AppError::RateLimited(exceeded).into_response(),
        Some(Ok(standing)) => standing,
        None => None,
    };
    let user_standing = UserStanding::default();
    request.extensions_mut().insert(user_standing.clone());
    let mut response = next.run(request).await;
    let tighter = [ip_standing, user_standing.get()].into_iter().flatten().min_by_key(|s| s.remaining);
    if let Some(standing) = tighter
        && !response.headers().contains_key(LIMIT)
    {
        write_headers(response.headers_mut(), standing);
    }
    response
}

const LIMIT: HeaderName = HeaderName::from_static("ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("ratelimit-remaining");
const RESET: HeaderName = HeaderName::from_static("ratelimit-reset");

pub fn write_headers(headers: &mut HeaderMap, standing: Standing) {
    headers.insert(LIMIT, HeaderValue::from(standing.limit));
    headers.insert(REMAINING, HeaderValue::from(standing.remaining));
    headers.insert(RESET, HeaderValue::from(standing.reset_secs));
}

/// Extractor for credential endpoints (sign-in, registration, password reset): counts one
/// attempt against the client address's allowance, refusing with 429 past it.
pub struct CredentialAttempt;

impl FromRequestParts<AppState> for CredentialAttempt {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(ClientIp(ip)) = parts.extensions.get::<ClientIp>() {
            state.limits.check_credentials(*ip).map_err(|exceeded| {
                tracing::warn!(client = %ip, "credential attempts over the per-address limit");
                AppError::RateLimited(exceeded)
            })?;
        }
        Ok(CredentialAttempt)
    }
}

/// Counts an authenticated request against its user's allowance.
pub fn check_user(state: &AppState, parts: &Parts, user: Uuid) -> Result<(), AppError> {
    let standing = state.limits.check_user(user).map_err(AppError::RateLimited)?;
    if let (Some(standing), Some(slot)) = (standing, parts.extensions.get::<UserStanding>()) {
        slot.set(standing);
    }
    Ok(())
}

/// A 429's headers: when to retry, and an empty allowance until then.
pub fn write_refusal_headers(headers: &mut HeaderMap, exceeded: Exceeded) {
    headers.insert(axum::http::header::RETRY_AFTER, HeaderValue::from(exceeded.retry_after_secs));
    write_headers(headers, Standing { limit: exceeded.limit, remaining: 0, reset_secs: exceeded.retry_after_secs });
}

/// Forgets idle clients every minute until `stop` turns true.
pub async fn forget_idle_clients(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    while !*stop.borrow() {
        tokio::select! {
            _ = tick.tick() => state.limits.forget_idle(),
            _ = stop.changed() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_allows_its_allowance_then_refuses_with_a_wait() {
        let limiter = limiter::<u8>(3);
        let standings: Vec<_> =
            (0..3).map(|_| check(limiter.as_ref(), &1).expect("allowed").expect("limited").remaining).collect();
        assert_eq!(standings, vec![2, 1, 0]);
        let refused = check(limiter.as_ref(), &1).expect_err("over the limit");
        assert_eq!(refused.limit, 3);
        assert!((1..=20).contains(&refused.retry_after_secs), "{}", refused.retry_after_secs);
        // Another key has its own allowance.
        assert!(check(limiter.as_ref(), &2).is_ok());
    }

    #[test]
    fn zero_turns_a_limit_off() {
        let limiter = limiter::<u8>(0);
        assert!((0..10_000).all(|_| check(limiter.as_ref(), &1) == Ok(None)));
    }
}
