//! `Range: bytes=…` for downloads (RFC 9110 §14): one range is served as 206, a range past the
//! end is 416, and anything this does not serve as a single range (several ranges, other
//! units, garbage) gets the whole file, as the RFC allows.

use std::ops::Range;

/// What to send for a `Range` header value against a file of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Ranged {
    Whole,
    Part(Range<u64>),
    Unsatisfiable,
}

pub fn resolve(header: Option<&str>, len: u64) -> Ranged {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else { return Ranged::Whole };
    if spec.contains(',') {
        return Ranged::Whole;
    }
    let Some((start, end)) = spec.trim().split_once('-') else { return Ranged::Whole };
    let (start, end) = (start.trim(), end.trim());
    let range = if start.is_empty() {
        // `-N`: the last N bytes.
        let Ok(suffix) = end.parse::<u64>() else { return Ranged::Whole };
        if suffix == 0 {
            return Ranged::Unsatisfiable;
        }
        len.saturating_sub(suffix)..len
    } else {
        let Ok(first) = start.parse::<u64>() else { return Ranged::Whole };
        let last = if end.is_empty() {
            len.saturating_sub(1)
        } else {
            match end.parse::<u64>() {
                Ok(last) if last >= first => last.min(len.saturating_sub(1)),
                _ => return Ranged::Whole,
            }
        };
        if first >= len {
            return Ranged::Unsatisfiable;
        }
        first..last + 1
    };
    if range.is_empty() { Ranged::Unsatisfiable } else { Ranged::Part(range) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_ranges_are_served_as_parts() {
        assert_eq!(resolve(Some("bytes=0-99"), 1000), Ranged::Part(0..100));
        assert_eq!(resolve(Some("bytes=900-"), 1000), Ranged::Part(900..1000));
        assert_eq!(resolve(Some("bytes=-10"), 1000), Ranged::Part(990..1000));
        assert_eq!(resolve(Some("bytes=990-5000"), 1000), Ranged::Part(990..1000), "clipped to the end");
        assert_eq!(resolve(Some("bytes=-5000"), 1000), Ranged::Part(0..1000));
    }

    #[test]
    fn ranges_past_the_end_are_unsatisfiable() {
        assert_eq!(resolve(Some("bytes=1000-"), 1000), Ranged::Unsatisfiable);
        assert_eq!(resolve(Some("bytes=-0"), 1000), Ranged::Unsatisfiable);
        assert_eq!(resolve(Some("bytes=0-"), 0), Ranged::Unsatisfiable);
    }

    #[test]
    fn anything_else_gets_the_whole_file() {
        assert_eq!(resolve(None, 1000), Ranged::Whole);
        assert_eq!(resolve(Some("bytes=0-1,5-6"), 1000), Ranged::Whole);
        assert_eq!(resolve(Some("items=0-1"), 1000), Ranged::Whole);
        assert_eq!(resolve(Some("bytes=9-2"), 1000), Ranged::Whole);
        assert_eq!(resolve(Some("bytes=x-"), 1000), Ranged::Whole);
    }
}
