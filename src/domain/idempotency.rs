//! `Idempotency-Key` on creating requests: the first request with a key does its work and
//! its answer is stored in the same transaction; the same key with the same body within 24
//! hours gets that answer again without doing anything; the same key with another body is
//! refused (422). Concurrent requests with one key wait for each other on the key's row.

use chrono::Duration;
use dayline_db::{WriteTx, sql};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

pub const IDEMPOTENCY_WINDOW: Duration = Duration::hours(24);
const FIELD: &str = "Idempotency-Key";

pub enum Claim {
    /// First use: go ahead, then `record` the answer.
    New,
    /// Seen before with this body: the stored answer.
    Replay(String),
}

/// Checks a key's shape: 1–255 visible ASCII characters.
pub fn check_key(key: &str) -> AppResult<()> {
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::invalid(FIELD, "must be 1 to 255 visible ASCII characters"));
    }
    Ok(())
}

pub async fn claim(tx: &mut WriteTx, user_id: Uuid, key: &str, request_hash: &str) -> AppResult<Claim> {
    check_key(key)?;
    let now = tx.now();
    sql("DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < $3")
        .bind(user_id)
        .bind(key)
        .bind(now - IDEMPOTENCY_WINDOW)
        .execute(tx)
        .await?;
    let inserted = sql("INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, created_at) \
         VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (user_id, key) DO NOTHING")
    .bind(user_id)
    .bind(key)
    .bind(request_hash)
    .bind(now)
    .execute(tx)
    .await?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let (stored_hash, body): (String, String) =
        sql("SELECT request_hash, body FROM idempotency_keys WHERE user_id = $1 AND key = $2")
            .bind(user_id)
            .bind(key)
            .fetch_one(&mut *tx)
            .await?;
    if stored_hash != request_hash {
        return Err(AppError::invalid(FIELD, "was already used with a different request in the last 24 hours"));
    }
    Ok(Claim::Replay(body))
}

/// Stores the answer given to the request that claimed `key`.
pub async fn record(tx: &mut WriteTx, user_id: Uuid, key: &str, status: u16, body: &str) -> AppResult<()> {
    sql("UPDATE idempotency_keys SET status = $1, body = $2 WHERE user_id = $3 AND key = $4")
        .bind(i64::from(status))
        .bind(body)
        .bind(user_id)
        .bind(key)
        .execute(tx)
        .await?;
    Ok(())
}
