//! Backup codes: `xxxx-xxxx-xxxx-xxxx` in lowercase Crockford base32 (no i, l, o, u; when
//! typed, o reads as 0 and i or l as 1), 80 random bits. The first group finds the stored row (it is not secret); the remaining
//! 60 bits are hashed with argon2id, so one code costs one hash to check.

use ring::rand::{SecureRandom, SystemRandom};

pub const COUNT: usize = 10;
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const GROUPS: usize = 4;
const GROUP_LEN: usize = 4;

/// A fresh code, formatted for people.
pub fn generate() -> anyhow::Result<String> {
    let mut bytes = [0u8; GROUPS * GROUP_LEN];
    SystemRandom::new().fill(&mut bytes).map_err(|_| anyhow::anyhow!("random source failed"))?;
    let chars: Vec<char> = bytes.iter().map(|b| char::from(ALPHABET[usize::from(b & 31)])).collect();
    Ok(chars.chunks(GROUP_LEN).map(|g| g.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
}

/// Splits a code as typed (any case, with or without dashes and spaces) into its lookup
/// part and its secret part; `None` if it cannot be a code.
pub fn split(typed: &str) -> Option<(String, String)> {
    let normalized: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            'i' | 'l' => '1',
            other => other,
        })
        .collect();
    let valid = normalized.len() == GROUPS * GROUP_LEN && normalized.bytes().all(|b| ALPHABET.contains(&b));
    valid.then(|| (normalized[..GROUP_LEN].to_owned(), normalized[GROUP_LEN..].to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_formatted_and_split_back_whatever_the_typing() {
        let code = generate().expect("code");
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        let (lookup, secret) = split(&code).expect("valid");
        assert_eq!(split(&code.to_uppercase().replace('-', " ")), Some((lookup.clone(), secret.clone())));
        assert_eq!((lookup.len(), secret.len()), (4, 12), "12 characters of 5 bits: 60 secret bits");
        assert_eq!(split("short"), None);
        assert_eq!(split("uuuu-0000-0000-0000"), None, "u is not in the alphabet");
        assert_eq!(split("oooo-iiii-llll-0000").map(|(l, _)| l), Some("0000".to_owned()), "look-alikes");
    }

    #[test]
    fn codes_differ() {
        let codes: std::collections::HashSet<String> = (0..100).map(|_| generate().expect("code")).collect();
        assert_eq!(codes.len(), 100);
    }
}
