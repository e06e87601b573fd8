//! Fractional ordering keys for board columns: a task moved between two others gets a key
//! between theirs, so no other row is renumbered. Keys are base-36 digit strings compared
//! byte by byte (`COLLATE "C"` on PostgreSQL), read as fractions `0.k₁k₂…`; they never end in
//! `0`, so there is always room between two of them.

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn value(digit: u8) -> Option<usize> {
    DIGITS.iter().position(|d| *d == digit)
}

/// Whether `key` is a key this module could have made.
pub fn is_valid(key: &str) -> bool {
    !key.is_empty() && !key.ends_with('0') && key.bytes().all(|b| value(b).is_some())
}

/// A key strictly between `low` and `high` (`None`: the start or the end of the column).
/// `low` must sort before `high`; both must be valid keys.
pub fn between(low: Option<&str>, high: Option<&str>) -> String {
    match (low, high) {
        // Appending is the common case: step to the next short key instead of halving, so
        // a thousand appends cost about thirty characters, not hundreds.
        (Some(low), None) => after(low.as_bytes()),
        _ => midpoint(low.unwrap_or("").as_bytes(), high.map(str::as_bytes)),
    }
}

/// The shortest simple successor: `r` → `s`, `z` → `z1`, `zz3` → `zz4`.
fn after(low: &[u8]) -> String {
    match low.first().and_then(|b| value(*b)) {
        None => "1".to_owned(),
        Some(d) if d + 1 < DIGITS.len() => (DIGITS[d + 1] as char).to_string(),
        Some(_) => format!("z{}", after(&low[1..])),
    }
}

fn midpoint(low: &[u8], high: Option<&[u8]>) -> String {
    if let Some(high) = high {
        // Copy the common prefix (reading a missing digit of `low` as 0).
        let mut n = 0;
        while n < high.len() && low.get(n).copied().unwrap_or(b'0') == high[n] {
            n += 1;
        }
        if n > 0 {
            let prefix: String = high[..n].iter().map(|b| *b as char).collect();
            let rest_low = if n <= low.len() { &low[n..] } else { &[][..] };
            return prefix + &midpoint(rest_low, Some(&high[n..]));
        }
    }
    let digit_low = low.first().and_then(|b| value(*b)).unwrap_or(0);
    let digit_high = high.and_then(|h| h.first()).and_then(|b| value(*b)).unwrap_or(DIGITS.len());
    if digit_high - digit_low > 1 {
        return (DIGITS[(digit_low + digit_high).div_ceil(2)] as char).to_string();
    }
    // Adjacent digits: either the high key's first digit alone already fits, or keep the
    // low digit and go one place further.
    if let Some(high) = high
        && high.len() > 1
    {
        return (high[0] as char).to_string();
    }
    let first = DIGITS[digit_low] as char;
    let rest = if low.is_empty() { &[][..] } else { &low[1..] };
    format!("{first}{}", midpoint(rest, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(low: Option<&str>, high: Option<&str>) -> String {
        let key = between(low, high);
        assert!(is_valid(&key), "{key:?} from {low:?}..{high:?}");
        if let Some(low) = low {
            assert!(low < key.as_str(), "{low} < {key}");
        }
        if let Some(high) = high {
            assert!(key.as_str() < high, "{key} < {high}");
        }
        key
    }

    #[test]
    fn keys_fall_between_their_neighbours() {
        let first = check(None, None);
        let after = check(Some(&first), None);
        let before = check(None, Some(&first));
        check(Some(&before), Some(&first));
        check(Some(&first), Some(&after));
        check(Some("a"), Some("b"));
        check(Some("az"), Some("b"));
        check(Some("a1"), Some("a2"));
        check(Some("1"), Some("11"));
    }

    #[test]
    fn repeated_inserts_at_one_place_stay_ordered_and_short() {
        // Always inserting right after the first card: keys grow slowly, never collide.
        let low = check(None, None);
        let mut high = check(Some(&low), None);
        for _ in 0..500 {
            high = check(Some(&low), Some(&high));
        }
        assert!(high.len() < 120, "{} characters after 500 inserts", high.len());
        // Appending at the end 1000 times.
        let mut last = low.clone();
        for _ in 0..1000 {
            last = check(Some(&last), None);
        }
        assert!(last.len() < 40);
    }

    #[test]
    fn foreign_keys_are_refused() {
        assert!(!is_valid(""));
        assert!(!is_valid("a0"));
        assert!(!is_valid("A"));
        assert!(is_valid("a1"));
    }
}
