//! TOTP (RFC 6238): SHA-1, 6 digits, 30-second steps, one step of clock skew either way.
//! `check` returns the matched step so the caller can refuse a code seen before.

use totp_rs::{Algorithm, Builder, Secret, Totp};

pub const DIGITS: u8 = 6;
pub const STEP_SECS: u64 = 30;
pub const SKEW_STEPS: u16 = 1;
/// 160 bits, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;

/// A fresh random secret.
pub fn new_secret() -> anyhow::Result<Vec<u8>> {
    let mut bytes = vec![0u8; SECRET_BYTES];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
        .map_err(|_| anyhow::anyhow!("random source failed"))?;
    Ok(bytes)
}

fn totp(secret: &[u8], issuer: &str, account: &str) -> anyhow::Result<Totp> {
    // The otpauth label may not contain ':'; an instance name with one is shown without it.
    let issuer = issuer.replace(':', " ");
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_skew(SKEW_STEPS)
        .with_step_duration(STEP_SECS)
        .with_secret(Secret::from(secret.to_vec()))
        .with_issuer(Some(issuer))
        .with_account_name(account.replace(':', " "))
        .build()
        .map_err(|e| anyhow::anyhow!("TOTP parameters: {e}"))
}

/// The `otpauth://` URI an authenticator app reads (the web app draws it as a QR code).
pub fn otpauth_uri(secret: &[u8], issuer: &str, account: &str) -> anyhow::Result<String> {
    totp(secret, issuer, account)?.to_url().map_err(|e| anyhow::anyhow!("otpauth URI: {e}"))
}

/// The secret in base32, for typing into an authenticator by hand.
pub fn base32(secret: &[u8]) -> String {
    Secret::from(secret.to_vec()).to_base32()
}

/// The bytes of a base32 secret (as shown at enrolment).
pub fn from_base32(secret: &str) -> Option<Vec<u8>> {
    Secret::try_from_base32(secret).ok().map(|s| s.as_ref().to_vec())
}

/// The step `code` belongs to, if it is valid at `unix_secs` (± one step).
pub fn check(secret: &[u8], code: &str, unix_secs: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != usize::from(DIGITS) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let at = totp(secret, "Dayline", "check").ok()?.check(&code, unix_secs)?;
    Some(at)
}

/// The code for `unix_secs` (tests and the enrolment check use it).
pub fn code_at(secret: &[u8], unix_secs: u64) -> anyhow::Result<String> {
    Ok(totp(secret, "Dayline", "code")?.generate(unix_secs).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &[u8] = b"12345678901234567890";

    /// RFC 6238 Appendix B, SHA-1 column (8 digits).
    #[test]
    fn rfc_6238_appendix_b_vectors() {
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (time, expected) in vectors {
            let totp = Builder::new()
                .with_algorithm(Algorithm::SHA1)
                .with_digits(8)
                .with_step_duration(30)
                .with_secret(Secret::from(SEED.to_vec()))
                .build()
                .expect("rfc parameters");
            assert_eq!(totp.generate(time).to_string(), expected, "t = {time}");
        }
    }

    #[test]
    fn six_digit_codes_are_the_last_six_of_the_rfc_values() {
        assert_eq!(code_at(SEED, 59).expect("code"), "287082");
        assert_eq!(code_at(SEED, 1_111_111_109).expect("code"), "081804");
    }

    #[test]
    fn a_code_is_valid_one_step_either_side_and_no_further() {
        let now = 1_111_111_111;
        let code = code_at(SEED, now).expect("code");
        let step = now / STEP_SECS;
        assert_eq!(check(SEED, &code, now), Some(step));
        assert_eq!(check(SEED, &code, now - STEP_SECS), Some(step));
        assert_eq!(check(SEED, &code, now + STEP_SECS), Some(step));
        assert_eq!(check(SEED, &code, now + 2 * STEP_SECS), None);
        assert_eq!(check(SEED, "12345", now), None);
        assert_eq!(check(SEED, "abcdef", now), None);
    }
}
