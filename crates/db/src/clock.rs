//! "Now" comes from a `Clock`, never from SQL, so tests can move time.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, DurationRound, TimeDelta, Utc};

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

pub type SharedClock = Arc<dyn Clock>;

/// PostgreSQL keeps microseconds; truncating here makes values round-trip exactly on both backends.
fn to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(t)
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        to_micros(Utc::now())
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct TestClock {
    now: Mutex<DateTime<Utc>>,
}

impl TestClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self { now: Mutex::new(to_micros(start)) }
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self.lock() = to_micros(to);
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.lock();
        *now = to_micros(*now + by);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        // A poisoned lock only means another test thread panicked; the time value is still valid.
        self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.lock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn test_clock_moves_only_when_told() {
        let start = Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 0).single().expect("valid time");
        let clock = TestClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::minutes(2));
        assert_eq!(clock.now(), start + Duration::minutes(2));
    }

    #[test]
    fn system_clock_has_microsecond_precision() {
        let now = SystemClock.now();
        assert_eq!(now.timestamp_subsec_nanos() % 1_000, 0);
    }
}
