//! Growing delays between failed sign-ins to one account: the first few failures cost
//! nothing, then each one doubles the wait before the next attempt is even checked. Keyed
//! by the e-mail address as typed (lowercased), whether or not an account has it, so the
//! delays reveal nothing about which addresses exist. Held in memory per instance; the
//! lockout after repeated failures is in the database and holds across instances.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Failures allowed without any delay (typos happen).
const FREE_FAILURES: u32 = 3;
const FIRST_DELAY_SECS: i64 = 1;
const MAX_DELAY_SECS: i64 = 60;
/// A record this old is forgotten, as is the lockout's failure count.
const FORGET_AFTER: Duration = Duration::minutes(15);
/// Bounds memory under a flood of made-up addresses.
const MAX_TRACKED: usize = 100_000;

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: DateTime<Utc>,
}

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

/// The wait after `count` consecutive failures.
pub fn delay_after(count: u32) -> Duration {
    if count < FREE_FAILURES {
        return Duration::zero();
    }
    let doublings = (count - FREE_FAILURES).min(16);
    Duration::seconds((FIRST_DELAY_SECS << doublings).min(MAX_DELAY_SECS))
}

impl LoginThrottle {
    /// How long `email` must still wait before an attempt is checked, if at all.
    pub fn wait(&self, email: &str, now: DateTime<Utc>) -> Option<Duration> {
        let failures = self.failures.lock().ok()?.get(&key(email)).copied()?;
        let ready_at = failures.last + delay_after(failures.count);
        (ready_at > now).then(|| ready_at - now)
    }

    pub fn failed(&self, email: &str, now: DateTime<Utc>) {
        let Ok(mut map) = self.failures.lock() else { return };
        if map.len() >= MAX_TRACKED {
            map.retain(|_, f| now - f.last < FORGET_AFTER);
        }
        if map.len() >= MAX_TRACKED {
            return;
        }
        let entry = map.entry(key(email)).or_insert(Failures { count: 0, last: now });
        if now - entry.last >= FORGET_AFTER {
            entry.count = 0;
        }
        entry.count += 1;
        entry.last = now;
    }

    /// Clears the record after a successful sign-in or an administrator's unlock.
    pub fn forget(&self, email: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(&key(email));
        }
    }
}

fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_start_after_the_free_failures_and_double_up_to_a_minute() {
        let secs: Vec<i64> = (0..12).map(|n| delay_after(n).num_seconds()).collect();
        assert_eq!(secs, vec![0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn a_failure_makes_the_next_attempt_wait_and_success_clears_it() {
        let throttle = LoginThrottle::default();
        let now = Utc::now();
        for _ in 0..4 {
            throttle.failed("Ann@Example.com", now);
        }
        assert_eq!(throttle.wait("ann@example.com", now), Some(Duration::seconds(2)));
        assert_eq!(throttle.wait("ann@example.com", now + Duration::seconds(2)), None);
        throttle.forget("ANN@example.com");
        assert_eq!(throttle.wait("ann@example.com", now), None);
    }

    #[test]
    fn old_failures_are_forgotten() {
        let throttle = LoginThrottle::default();
        let then = Utc::now();
        for _ in 0..6 {
            throttle.failed("a@example.com", then);
        }
        let later = then + FORGET_AFTER;
        throttle.failed("a@example.com", later);
        assert_eq!(throttle.wait("a@example.com", later), None, "one fresh failure is free");
    }
}
