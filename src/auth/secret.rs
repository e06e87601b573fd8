//! The instance secret key: encrypts signing keys (and other secrets) at rest with
//! ChaCha20-Poly1305. From `secret_key` (64 hex characters), else from `<data_dir>/secret.key`,
//! generated on first start. Instances sharing a PostgreSQL database must share this key.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use secrecy::ExposeSecret;

use crate::config::Settings;

pub struct MasterKey {
    key: LessSafeKey,
    /// For values that must be reproducible but unforgeable (CSRF tokens), derived so it
    /// never equals the encryption key.
    mac: ring::hmac::Key,
}

impl MasterKey {
    pub fn load(settings: &Settings) -> anyhow::Result<MasterKey> {
        let bytes = match &settings.secret_key {
            Some(hex_key) => {
                hex::decode(hex_key.expose_secret().trim()).context("secret_key must be 64 hex characters")?
            }
            None => read_or_create(&settings.data_dir.join("secret.key"))?,
        };
        Self::from_bytes(&bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> anyhow::Result<MasterKey> {
        if bytes.len() != 32 {
            bail!("the secret key must be 32 bytes (64 hex characters)");
        }
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, bytes).map_err(|_| anyhow::anyhow!("invalid secret key"))?;
        let derived = ring::hmac::sign(&ring::hmac::Key::new(ring::hmac::HMAC_SHA256, bytes), b"dayline mac key v1");
        let mac = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, derived.as_ref());
        Ok(MasterKey { key: LessSafeKey::new(unbound), mac })
    }

    /// An unforgeable tag of `purpose` and `value`, base64url.
    pub fn tag(&self, purpose: &str, value: &str) -> String {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let tag = ring::hmac::sign(&self.mac, format!("{purpose}\0{value}").as_bytes());
        URL_SAFE_NO_PAD.encode(tag.as_ref())
    }

    /// Encrypts `plaintext`, bound to `context` (a ciphertext moved elsewhere does not open).
    pub fn seal(&self, context: &str, plaintext: &[u8]) -> anyhow::Result<String> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).map_err(|_| anyhow::anyhow!("random source failed"))?;
        let mut data = plaintext.to_vec();
        self.key
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(context.as_bytes()), &mut data)
            .map_err(|_| anyhow::anyhow!("encryption failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&data);
        Ok(B64.encode(out))
    }

    pub fn open(&self, context: &str, sealed: &str) -> anyhow::Result<Vec<u8>> {
        let raw = B64.decode(sealed).context("sealed value is not base64")?;
        if raw.len() < NONCE_LEN {
            bail!("sealed value too short");
        }
        let (nonce, data) = raw.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| anyhow::anyhow!("bad nonce"))?;
        let mut data = data.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(context.as_bytes()), &mut data)
            .map_err(|_| anyhow::anyhow!("cannot decrypt: wrong secret key or tampered data"))?;
        Ok(plain.to_vec())
    }
}

fn read_or_create(path: &Path) -> anyhow::Result<Vec<u8>> {
    if let Ok(text) = std::fs::read_to_string(path) {
        return hex::decode(text.trim()).with_context(|| format!("{} is not a hex key", path.display()));
    }
    let mut key = [0u8; 32];
    SystemRandom::new().fill(&mut key).map_err(|_| anyhow::anyhow!("random source failed"))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(hex::encode(key).as_bytes()).with_context(|| format!("writing {}", path.display()))?;
            tracing::info!(path = %path.display(), "generated the instance secret key");
            Ok(key.to_vec())
        }
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_or_create(path),
        Err(e) => Err(e).with_context(|| format!("creating {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_the_same_key_and_context() {
        let key = MasterKey::from_bytes(&[7u8; 32]).expect("key");
        let sealed = key.seal("kid-1", b"private").expect("seal");
        assert_eq!(key.open("kid-1", &sealed).expect("open"), b"private");
        assert!(key.open("kid-2", &sealed).is_err(), "bound to its context");
        let other = MasterKey::from_bytes(&[8u8; 32]).expect("key");
        assert!(other.open("kid-1", &sealed).is_err());
        assert!(MasterKey::from_bytes(&[1u8; 16]).is_err());
    }
}
