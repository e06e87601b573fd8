use std::time::Duration;

const BASE: Duration = Duration::from_secs(2);
const CAP: Duration = Duration::from_secs(60 * 60);

/// Delay before retry number `attempt` (1-based): exponential from 2 s, capped at an hour,
/// with "equal jitter" (half fixed, half random) so failed jobs do not retry in lockstep.
pub fn retry_delay(attempt: i64) -> Duration {
    let exponent = u32::try_from(attempt.clamp(1, 32) - 1).unwrap_or(0);
    let full = BASE.saturating_mul(2u32.saturating_pow(exponent)).min(CAP);
    let half = full / 2;
    let mut bytes = [0u8; 8];
    let random = if getrandom::fill(&mut bytes).is_ok() { u64::from_le_bytes(bytes) } else { 0 };
    let jitter_ms = if half.as_millis() == 0 { 0 } else { random % (half.as_millis() as u64) };
    half + Duration::from_millis(jitter_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_exponentially_within_jitter_bounds_and_caps() {
        for (attempt, full_secs) in [(1, 2), (2, 4), (3, 8), (6, 64)] {
            for _ in 0..50 {
                let d = retry_delay(attempt);
                assert!(
                    d >= Duration::from_secs(full_secs) / 2 && d < Duration::from_secs(full_secs),
                    "{attempt}: {d:?}"
                );
            }
        }
        assert!(retry_delay(40) <= CAP);
        assert!(retry_delay(40) >= CAP / 2);
    }
}
