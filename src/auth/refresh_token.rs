//! Opaque tokens (refresh tokens, password reset tokens): 256 random bits with a
//! recognisable prefix; only their SHA-256 hash is stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use ring::rand::{SecureRandom, SystemRandom};

const PREFIX: &str = "dl_rt_";

pub fn generate() -> anyhow::Result<String> {
    generate_with_prefix(PREFIX)
}

/// 256 random bits, URL-safe, after `prefix` (which tells a leaked token's kind at a glance).
pub fn generate_with_prefix(prefix: &str) -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    SystemRandom::new().fill(&mut bytes).map_err(|_| anyhow::anyhow!("random source failed"))?;
    Ok(format!("{prefix}{}", B64URL.encode(bytes)))
}

pub fn hash(token: &str) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, token.as_bytes()))
}
