//! Ed25519 signing keys for access tokens. Keys live in the database, private halves
//! encrypted with the instance secret key, so every instance signs and verifies alike. The
//! newest key signs; older keys keep verifying (and stay in the JWKS) until every token
//! they signed has expired.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use chrono::{DateTime, Duration, Utc};
use dayline_db::{ActorContext, AuditEntry, Db, sql};
use jsonwebtoken::{DecodingKey, EncodingKey};
use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::json;

use super::secret::MasterKey;
use super::tokens::ACCESS_TOKEN_TTL_SECS;

#[derive(sqlx::FromRow)]
struct KeyRow {
    kid: String,
    public_key: String,
    private_key: String,
    retired_at: Option<DateTime<Utc>>,
}

pub struct VerifyingKey {
    pub decoding: DecodingKey,
    /// Base64url raw public key: the JWK's `x`.
    pub x: String,
}

struct Keys {
    signing: (String, EncodingKey),
    verifying: HashMap<String, Arc<VerifyingKey>>,
}

pub struct KeyRing {
    keys: RwLock<Arc<Keys>>,
    /// When an unknown `kid` last triggered a reload; bounds reloads an attacker can cause.
    last_reload: std::sync::Mutex<Option<std::time::Instant>>,
}

/// At most one reload for unknown keys per this interval.
const RELOAD_INTERVAL: std::time::Duration = std::time::Duration::from_secs(10);

impl KeyRing {
    /// Loads the keys, creating the first one on a new database.
    pub async fn load(db: &Db, master: &MasterKey) -> anyhow::Result<KeyRing> {
        let keys = match read(db, master).await? {
            Some(keys) => keys,
            None => {
                add_key(db, master, "first start").await?;
                read(db, master).await?.context("no signing key after creating one")?
            }
        };
        Ok(KeyRing { keys: RwLock::new(Arc::new(keys)), last_reload: std::sync::Mutex::new(None) })
    }

    /// Picks up keys other instances added (rotation).
    pub async fn reload(&self, db: &Db, master: &MasterKey) -> anyhow::Result<()> {
        if let Some(keys) = read(db, master).await? {
            *self.keys.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(keys);
        }
        Ok(())
    }

    /// True when a reload for an unknown key is allowed now (and records it).
    pub fn may_reload(&self) -> bool {
        let mut last = self.last_reload.lock().unwrap_or_else(|p| p.into_inner());
        let allowed = last.is_none_or(|at| at.elapsed() >= RELOAD_INTERVAL);
        if allowed {
            *last = Some(std::time::Instant::now());
        }
        allowed
    }

    fn current(&self) -> Arc<Keys> {
        self.keys.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn signing_key(&self) -> (String, EncodingKey) {
        self.current().signing.clone()
    }

    pub fn verifying_key(&self, kid: &str) -> Option<Arc<VerifyingKey>> {
        self.current().verifying.get(kid).cloned()
    }

    /// The published keys, newest first: `(kid, x)`.
    pub fn published(&self) -> Vec<(String, String)> {
        let keys = self.current();
        let mut out: Vec<(String, String)> = keys.verifying.iter().map(|(kid, k)| (kid.clone(), k.x.clone())).collect();
        out.sort_by(|a, b| b.0.cmp(&a.0));
        out
    }
}

/// Adds a new signing key; the previous ones retire (verify only). Audited.
pub async fn add_key(db: &Db, master: &MasterKey, reason: &str) -> anyhow::Result<String> {
    let pkcs8 =
        Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).map_err(|_| anyhow::anyhow!("key generation failed"))?;
    let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).map_err(|_| anyhow::anyhow!("generated key is invalid"))?;
    // Time-ordered ids: the newest key sorts last.
    let kid = uuid::Uuid::now_v7().simple().to_string();
    let public = B64URL.encode(pair.public_key().as_ref());
    let private = master.seal(&kid, pkcs8.as_ref())?;
    let mut tx = db.begin(ActorContext::system()).await?;
    let now = tx.now();
    sql("UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL").bind(now).execute(&mut tx).await?;
    sql("INSERT INTO signing_keys (kid, public_key, private_key, created_at) VALUES ($1, $2, $3, $4)")
        .bind(kid.as_str())
        .bind(public)
        .bind(private)
        .bind(now)
        .execute(&mut tx)
        .await?;
    tx.audit(
        AuditEntry::new("signing_key.created", "signing_key", None).details(json!({ "kid": kid, "reason": reason })),
    )
    .await?;
    tx.commit().await?;
    Ok(kid)
}

/// Keys that can still have valid tokens out there; `None` when there are none at all.
async fn read(db: &Db, master: &MasterKey) -> anyhow::Result<Option<Keys>> {
    let rows: Vec<KeyRow> =
        sql("SELECT kid, public_key, private_key, retired_at FROM signing_keys ORDER BY created_at DESC, kid DESC")
            .fetch_all(db)
            .await?;
    let Some(newest) = rows.first() else { return Ok(None) };
    let pkcs8 = master
        .open(&newest.kid, &newest.private_key)
        .context("cannot decrypt the signing key: is secret_key the one the other instances use?")?;
    let signing = (newest.kid.clone(), EncodingKey::from_ed_der(&pkcs8));
    // A token lives at most ACCESS_TOKEN_TTL after its key retired; keep a minute of margin.
    let cutoff = db.clock().now() - Duration::seconds(ACCESS_TOKEN_TTL_SECS + 60);
    let verifying = rows
        .iter()
        .filter(|r| r.retired_at.is_none_or(|at| at > cutoff) || r.kid == newest.kid)
        .filter_map(|r| {
            let decoding = DecodingKey::from_ed_components(&r.public_key).ok()?;
            Some((r.kid.clone(), Arc::new(VerifyingKey { decoding, x: r.public_key.clone() })))
        })
        .collect();
    Ok(Some(Keys { signing, verifying }))
}
