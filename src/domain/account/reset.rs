//! Forgotten passwords: a reset link by e-mail, then a new password with its token.
//!
//! Asking always gets the same answer after the same work (a job is queued either way), so
//! the endpoint reveals nothing about which addresses have accounts. The job creates the
//! token and sends the mail itself, so the plain token is never stored, not even in the
//! job queue: only its hash is, for 30 minutes and one use.

use chrono::{DateTime, Duration, Utc};
use dayline_api_types::{ForgotPasswordRequest, ResetPasswordRequest};
use dayline_db::jobs::{self, NewJob};
use dayline_db::{ActorContext, AuditEntry, Db, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use crate::auth::refresh_token;
use crate::domain::users::{EmailAddress, Password};
use crate::error::{AppError, AppResult};
use crate::mail::{MAIL_QUEUE, MailTemplate, Mailer};
use crate::state::AppState;

pub const RESET_JOB: &str = "auth.password_reset_mail";
pub const RESET_VALIDITY: Duration = Duration::minutes(30);
/// More requests than this for one account within an hour send no further mail.
const MAX_MAILS_PER_HOUR: i64 = 3;
const TOKEN_PREFIX: &str = "dl_pr_";

/// `POST /api/v1/auth/password/forgot`.
pub async fn request_reset(state: &AppState, request: ForgotPasswordRequest) -> AppResult<()> {
    let email = EmailAddress::parse("email", &request.email).map_err(|e| AppError::Validation(vec![e]))?;
    let mut tx = state.db.begin_bookkeeping().await?;
    let mut job = NewJob::new(RESET_JOB, json!({ "email": email.as_str() }));
    job.queue = MAIL_QUEUE;
    // A link arriving hours late is useless; a few quick retries cover a brief SMTP hiccup.
    job.max_attempts = 5;
    jobs::enqueue(&mut tx, job).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Account {
    id: Uuid,
    email: String,
}

/// The job: for an active account, stores a token's hash and mails the link. Retries of a
/// failed send make a fresh token; earlier unused ones simply expire.
pub async fn send_reset_mail(db: &Db, mailer: &Mailer, email: &str, first_attempt: bool) -> anyhow::Result<()> {
    let account: Option<Account> =
        sql("SELECT id, email FROM users WHERE lower(email) = lower($1) AND is_active AND password_hash IS NOT NULL")
            .bind(email)
            .fetch_optional(db.read_as_system())
            .await?;
    let Some(account) = account else {
        tracing::info!("password reset asked for an address without an active account; no mail sent");
        return Ok(());
    };
    let now = db.clock().now();
    let (recent,): (i64,) = sql("SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND created_at > $2")
        .bind(account.id)
        .bind(now - Duration::hours(1))
        .fetch_one(db.read_as_system())
        .await?;
    if first_attempt && recent >= MAX_MAILS_PER_HOUR {
        tracing::warn!(user = %account.id, "password reset mails for this account are over the hourly limit");
        return Ok(());
    }
    let token = refresh_token::generate_with_prefix(TOKEN_PREFIX)?;
    let mut tx = db.begin(ActorContext::system()).await?;
    sql("INSERT INTO password_resets (id, user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(new_id())
        .bind(account.id)
        .bind(refresh_token::hash(&token))
        .bind(now)
        .bind(now + RESET_VALIDITY)
        .execute(&mut tx)
        .await?;
    tx.audit(AuditEntry::new("auth.password_reset_requested", "user", Some(account.id))).await?;
    tx.commit().await?;
    // In the fragment, so the token never reaches a server or proxy log.
    let link = format!("{}/reset-password#token={token}", mailer.base_url());
    let template = MailTemplate::PasswordReset { link, valid_minutes: RESET_VALIDITY.num_minutes() };
    mailer.send(&account.email, &template).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ResetRow {
    id: Uuid,
    user_id: Uuid,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    email: String,
    display_name: String,
    is_active: bool,
}

fn invalid_token() -> AppError {
    AppError::invalid("token", "this reset link is invalid, used or expired; ask for a new one")
}

/// `POST /api/v1/auth/password/reset`: sets the new password, uses up every outstanding
/// reset token of the account, ends all its sessions, lifts a sign-in lock, and tells the
/// owner by mail.
pub async fn reset_password(state: &AppState, actor: ActorContext, request: ResetPasswordRequest) -> AppResult<()> {
    let row: Option<ResetRow> =
        sql("SELECT r.id, r.user_id, r.expires_at, r.used_at, u.email, u.display_name, u.is_active \
         FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = $1")
        .bind(refresh_token::hash(request.token.trim()))
        .fetch_optional(state.db.read_as_system())
        .await?;
    let now = state.clock.now();
    let row = row.filter(|r| r.used_at.is_none() && r.expires_at > now && r.is_active).ok_or_else(invalid_token)?;
    let new = Password::parse("new_password", &request.new_password)
        .and_then(|p| p.strong("new_password", &[&row.email, &row.display_name]))
        .map_err(|e| AppError::Validation(vec![e]))?;
    let hash = state.passwords.hash(new.into_secret()).await?;

    let mut tx = state.db.begin(actor.with_system_access()).await?;
    let now = tx.now();
    // Claiming the token in the same statement that checks it makes it single-use under races.
    let claimed = sql("UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at > $1")
        .bind(now)
        .bind(row.id)
        .execute(&mut tx)
        .await?;
    if claimed != 1 {
        return Err(invalid_token());
    }
    sql("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(row.user_id)
        .execute(&mut tx)
        .await?;
    sql("UPDATE users SET password_hash = $1, locked_until = NULL, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now)
        .bind(row.user_id)
        .execute(&mut tx)
        .await?;
    let ended =
        sql("UPDATE sessions SET revoked_at = $1, revoked_reason = 'password_reset' WHERE user_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(row.user_id)
            .execute(&mut tx)
            .await?;
    tx.audit(
        AuditEntry::new("user.password_reset", "user", Some(row.user_id)).details(json!({ "sessions_ended": ended })),
    )
    .await?;
    crate::mail::enqueue(&mut tx, &row.email, &MailTemplate::PasswordChanged).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    state.login_throttle.forget(&row.email);
    Ok(())
}
