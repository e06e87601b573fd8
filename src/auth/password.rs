//! Password hashing with argon2id (19 MiB, t=2, p=1, PHC strings). Hashing is CPU- and
//! memory-heavy by design, so it runs on the blocking pool behind a semaphore: a flood of
//! logins waits its turn instead of starving the async workers or exhausting memory.

use std::sync::Arc;

use anyhow::Context;
use argon2::password_hash::PasswordHasher as _;
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Semaphore;

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl PasswordHasher {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self { permits: Arc::new(Semaphore::new(cores)) }
    }

    pub async fn hash(&self, password: SecretString) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await.context("password hasher closed")?;
        tokio::task::spawn_blocking(move || hash_now(password.expose_secret()))
            .await
            .context("password hashing task failed")?
    }
}

fn argon2id() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let hash = argon2id()?.hash_password(password.as_bytes()).map_err(|e| anyhow::anyhow!("argon2 hashing: {e}"))?;
    Ok(hash.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn produces_argon2id_phc_strings_with_the_chosen_cost() {
        let hash = hash_now("correct horse battery staple").expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    }
}
