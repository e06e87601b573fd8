//! Password hashing with argon2id (19 MiB, t=2, p=1, PHC strings). Hashing is CPU- and
//! memory-heavy by design, so it runs on a few dedicated threads (one per core) fed by a
//! queue: a flood of logins waits its turn instead of starving the async workers. Each
//! hashing thread keeps one hash's memory and reuses it for the next (see `MEMORY`), so memory
//! stays bounded: 19 MiB per thread.

use std::cell::RefCell;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::{mpsc, oneshot};

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;
/// Requests waiting for a hashing thread beyond this wait to be queued.
const QUEUE: usize = 1024;

type Work = Box<dyn FnOnce() + Send>;

#[derive(Clone)]
pub struct PasswordHasher {
    queue: mpsc::Sender<Work>,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl PasswordHasher {
    /// Starts the hashing threads; they end when the last clone of the hasher is dropped.
    pub fn new() -> Self {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let (queue, receiver) = mpsc::channel::<Work>(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..threads {
            let receiver = receiver.clone();
            let spawned = std::thread::Builder::new().name(format!("dayline-hash-{n}")).spawn(move || {
                loop {
                    let work = match receiver.lock() {
                        Ok(mut receiver) => receiver.blocking_recv(),
                        Err(_) => None,
                    };
                    let Some(work) = work else { return };
                    // A panic fails that one request (its answer channel drops), not the thread.
                    let _ = std::panic::catch_unwind(AssertUnwindSafe(work));
                }
            });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a password hashing thread");
            }
        }
        Self { queue }
    }

    /// Runs `work` on a hashing thread and waits for its result.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<T> {
        let (done, result) = oneshot::channel();
        let work: Work = Box::new(move || {
            let _ = done.send(work());
        });
        self.queue.send(work).await.map_err(|_| anyhow::anyhow!("password hashing threads stopped"))?;
        result.await.context("password hashing failed")
    }

    pub async fn hash(&self, password: SecretString) -> anyhow::Result<String> {
        self.run(move || hash_now(password.expose_secret())).await?
    }
}

/// The outcome of checking a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// Correct; `rehash` when the stored hash is bcrypt or has outdated parameters.
    Valid {
        rehash: bool,
    },
    Invalid,
}

impl PasswordHasher {
    /// Checks `password` against `stored`. With no stored hash (unknown account) a dummy
    /// hash is checked instead, so both cases cost the same time.
    pub async fn verify(&self, password: SecretString, stored: Option<String>) -> anyhow::Result<Verified> {
        self.run(move || {
            let known = stored.is_some();
            let hash = stored.unwrap_or_else(|| dummy_hash().to_owned());
            let valid = verify_now(password.expose_secret(), &hash);
            match (known, valid) {
                (true, true) => Verified::Valid { rehash: needs_rehash(&hash) },
                _ => Verified::Invalid,
            }
        })
        .await
    }
}

fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_now("dayline-dummy-password-for-timing").unwrap_or_default())
}

fn verify_now(password: &str, hash: &str) -> bool {
    if hash.starts_with("$2") {
        // Imported bcrypt hashes. bcrypt reads only 72 bytes; refuse longer passwords rather
        // than accept two that differ only after byte 72.
        return password.len() <= 72 && bcrypt::verify(password, hash).unwrap_or(false);
    }
    let Ok(parsed) = PasswordHash::new(hash) else { return false };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else { return false };
    let Ok(version) = parsed.version.map_or(Ok(Version::default()), Version::try_from) else { return false };
    let Ok(params) = Params::try_from(&parsed) else { return false };
    let mut computed = vec![0u8; expected.len()];
    argon2_into(&Argon2::new(algorithm, version, params), password.as_bytes(), salt, &mut computed).is_ok()
        // `Output` compares in constant time.
        && Output::new(&computed).is_ok_and(|computed| &computed == expected)
}

thread_local! {
    /// This hashing thread's argon2 memory, kept for its next hash. Allocating 19 MiB for each
    /// hash instead left the allocator holding one more such block after nearly every sign-in
    /// under load (the process grew by 19 MiB a sign-in, past 160 MiB).
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Argon2 of `password` and `salt` with `argon2`'s settings into `out`, in this thread's
/// memory. A stored hash that asks for more memory than Dayline's own (an imported one) gets
/// its memory for this one hash only.
fn argon2_into(argon2: &Argon2<'_>, password: &[u8], salt: &[u8], out: &mut [u8]) -> argon2::Result<()> {
    let blocks = argon2.params().block_count();
    if blocks > own_block_count() {
        return argon2.hash_password_into(password, salt, out);
    }
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        argon2.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
    })
}

fn own_block_count() -> usize {
    argon2id().map_or(0, |a| a.params().block_count())
}

/// Anything but argon2id with our parameters is upgraded on the next successful login.
fn needs_rehash(hash: &str) -> bool {
    !hash.starts_with(&format!("$argon2id$v=19$m={MEMORY_KIB},t={ITERATIONS},p={PARALLELISM}$"))
}

fn argon2id() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let argon2 = argon2id()?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("random salt: {e}"))?;
    let mut output = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2_into(&argon2, password.as_bytes(), &salt, &mut output)
        .map_err(|e| anyhow::anyhow!("argon2 hashing: {e}"))?;
    fn phc(e: impl std::fmt::Display) -> anyhow::Error {
        anyhow::anyhow!("argon2 hash string: {e}")
    }
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon2.params()).map_err(phc)?,
        salt: Some(Salt::new(&salt).map_err(phc)?),
        hash: Some(Output::new(&output).map_err(phc)?),
    };
    Ok(hash.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_argon2_and_bcrypt_and_flags_old_hashes() {
        let hash = hash_now("correct horse battery staple").expect("hash");
        assert!(verify_now("correct horse battery staple", &hash));
        assert!(!verify_now("correct horse battery stapler", &hash));
        assert!(!needs_rehash(&hash));
        let bcrypt = bcrypt::hash("correct horse battery staple", 4).expect("bcrypt");
        assert!(verify_now("correct horse battery staple", &bcrypt));
        assert!(needs_rehash(&bcrypt));
        // Two passwords equal in the first 72 bytes must not both verify.
        let long_a = format!("{}{}", "a".repeat(72), "first");
        let long_b = format!("{}{}", "a".repeat(72), "second");
        let bcrypt_long = bcrypt::hash(&long_a, 4).expect("bcrypt");
        assert!(!verify_now(&long_b, &bcrypt_long));
        let argon_long = hash_now(&long_a).expect("hash");
        assert!(verify_now(&long_a, &argon_long) && !verify_now(&long_b, &argon_long));
        assert!(!verify_now("anything", "not a hash"));
    }

    #[test]
    fn hashes_agree_with_the_argon2_crates_own_and_the_reference_example() {
        use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
        // Ours, checked by the crate's verifier (which allocates its own memory).
        let ours = hash_now("correct horse battery staple").expect("hash");
        let parsed = PasswordHash::new(&ours).expect("phc");
        assert!(Argon2::default().verify_password(b"correct horse battery staple", &parsed).is_ok());
        assert!(Argon2::default().verify_password(b"correct horse battery stapler", &parsed).is_err());
        // The crate's, checked by ours.
        let theirs = argon2id().expect("argon2").hash_password(b"correct horse battery staple").expect("hash");
        assert!(verify_now("correct horse battery staple", &theirs.to_string()));
        // The PHC example of the reference implementation, with more memory than ours.
        let example = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assert!(verify_now("password", example));
        assert!(!verify_now("passwort", example));
        // The same memory serves one hash after another on this thread.
        assert!(verify_now("correct horse battery staple", &ours));
        assert_eq!(MEMORY.with_borrow(Vec::len), own_block_count());
    }

    #[test]
    fn produces_argon2id_phc_strings_with_the_chosen_cost() {
        let hash = hash_now("correct horse battery staple").expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    }
}
