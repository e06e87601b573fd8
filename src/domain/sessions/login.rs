use chrono::{DateTime, Duration, Utc};
use dayline_api_types::{LoginRequest, MfaChallenge, SessionMode, TokenPair};
use dayline_db::{ActorContext, AuditEntry, WriteTx, sql};
use secrecy::SecretString;
use serde_json::json;
use uuid::Uuid;

use super::invalid_credentials;
use crate::auth::password::Verified;
use crate::error::AppResult;
use crate::mail::MailTemplate;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Account {
    id: Uuid,
    email: String,
    password_hash: Option<String>,
    is_active: bool,
    locked_until: Option<DateTime<Utc>>,
}

/// Failed sign-ins within `FAILURE_WINDOW` (since the last success) that lock an account.
pub const LOCK_AFTER_FAILURES: i64 = 10;
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
pub const LOCK_DURATION: Duration = Duration::minutes(15);

/// What a correct password leads to.
pub enum LoginOutcome {
    SignedIn {
        pair: TokenPair,
        session_id: Uuid,
        mode: SessionMode,
    },
    /// The account has a second factor: the sign-in finishes at `POST /api/v1/auth/mfa`.
    SecondFactorRequired(MfaChallenge),
}

/// `POST /api/v1/auth/login`. An unknown e-mail, a wrong password and a deactivated account
/// get the same answer after the same work (a password hash is always checked).
pub async fn login(state: &AppState, actor: ActorContext, request: LoginRequest) -> AppResult<LoginOutcome> {
    let email = request.email.trim().to_owned();
    if let Some(wait) = state.login_throttle.wait(&email, state.clock.now()) {
        // Not even checked: the same answer as any failure, without the hashing work.
        let mut tx = state.db.begin(actor.with_system_access()).await?;
        tx.audit(
            AuditEntry::new("auth.login_throttled", "user", None)
                .details(json!({ "email": email, "wait_secs": wait.num_seconds() })),
        )
        .await?;
        tx.commit().await?;
        return Err(invalid_credentials());
    }
    let account: Option<Account> =
        sql("SELECT id, email, password_hash, is_active, locked_until FROM users WHERE lower(email) = lower($1)")
            .bind(email.as_str())
            .fetch_optional(state.db.read_as_system())
            .await?;
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    let verified = state.passwords.verify(SecretString::from(request.password.clone()), stored).await?;

    let mut tx = state.db.begin(actor.clone().with_system_access()).await?;
    let now = tx.now();
    let locked = account.as_ref().is_some_and(|a| a.locked_until.is_some_and(|until| until > now));
    let account = match (account, verified) {
        (Some(account), Verified::Valid { rehash }) if account.is_active && !locked => {
            if rehash {
                let upgraded = state.passwords.hash(SecretString::from(request.password)).await?;
                sql("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                    .bind(upgraded)
                    .bind(now)
                    .bind(account.id)
                    .execute(&mut tx)
                    .await?;
                tx.audit(AuditEntry::new("user.password_rehashed", "user", Some(account.id))).await?;
            }
            account
        }
        (account, _) => {
            // A locked account answers like any failure, whatever the password was.
            let action = if locked { "auth.login_refused_locked" } else { "auth.login_failed" };
            tx.audit(
                AuditEntry::new(action, "user", account.as_ref().map(|a| a.id)).details(json!({ "email": email })),
            )
            .await?;
            if let Some(account) = account.filter(|_| !locked) {
                lock_if_too_many_failures(&mut tx, &account).await?;
            }
            tx.commit().await?;
            state.login_throttle.failed(&email, now);
            return Err(invalid_credentials());
        }
    };

    state.login_throttle.forget(&email);
    let kinds = crate::domain::mfa::factor_kinds(&mut tx, account.id).await?;
    if kinds.any() {
        let challenge = crate::domain::mfa::create_challenge(&mut tx, account.id, request.session, kinds).await?;
        tx.audit(AuditEntry::new("auth.password_verified", "user", Some(account.id))).await?;
        tx.commit().await?;
        return Ok(LoginOutcome::SecondFactorRequired(challenge));
    }
    let (pair, session_id) = super::start_session(state, &mut tx, account.id, &actor, false).await?;
    tx.commit().await?;
    Ok(LoginOutcome::SignedIn { pair, session_id, mode: request.session })
}

/// Counts this account's failures in the window since its last successful sign-in and
/// locks it (and mails its owner) when they reach the limit.
async fn lock_if_too_many_failures(tx: &mut WriteTx, account: &Account) -> AppResult<()> {
    let now = tx.now();
    let (failures,): (i64,) = sql(
        "SELECT COUNT(*) FROM audit_log WHERE target_id = $1 AND action = 'auth.login_failed' AND occurred_at > $2 \
         AND occurred_at > COALESCE((SELECT MAX(occurred_at) FROM audit_log WHERE target_id = $1 AND action = 'auth.login'), $2)",
    )
    .bind(account.id)
    .bind(now - FAILURE_WINDOW)
    .fetch_one(&mut *tx)
    .await?;
    if failures < LOCK_AFTER_FAILURES {
        return Ok(());
    }
    let until = now + LOCK_DURATION;
    sql("UPDATE users SET locked_until = $1 WHERE id = $2").bind(until).bind(account.id).execute(&mut *tx).await?;
    tx.audit(
        AuditEntry::new("auth.account_locked", "user", Some(account.id))
            .details(json!({ "until": until, "failures": failures })),
    )
    .await?;
    let template = MailTemplate::AccountLocked { until: until.format("%Y-%m-%d %H:%M UTC").to_string() };
    crate::mail::enqueue(tx, &account.email, &template).await?;
    tracing::warn!(user = %account.id, "account locked after repeated failed sign-ins");
    Ok(())
}
