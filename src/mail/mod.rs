//! E-mail: rendered from templates (plain text and HTML), sent by the `mail.send` job so an
//! SMTP outage delays mail but never loses it. Without `smtp_url`, mails are written to the
//! log instead (development).

mod mailer;
mod template;

pub use mailer::{MailError, Mailer};
pub use template::{MailTemplate, RenderedMail};

use dayline_db::jobs::{self, NewJob};
use dayline_db::{DbResult, WriteTx};
use serde_json::json;

/// The job kind that sends one mail.
pub const SEND_MAIL_JOB: &str = "mail.send";
pub const MAIL_QUEUE: &str = "mail";
pub const MAIL_MAX_ATTEMPTS: i64 = 40;

/// Enqueues a mail inside the caller's transaction: it is sent only if the change commits.
pub async fn enqueue(tx: &mut WriteTx, to: &str, template: &MailTemplate) -> DbResult<()> {
    enqueue_with_key(tx, to, template, None).await
}

/// Like [`enqueue`], but a mail with the same `key` is queued only once (a job that queues
/// mails may run again after a crash).
pub async fn enqueue_once(tx: &mut WriteTx, to: &str, template: &MailTemplate, key: String) -> DbResult<()> {
    enqueue_with_key(tx, to, template, Some(key)).await
}

async fn enqueue_with_key(tx: &mut WriteTx, to: &str, template: &MailTemplate, key: Option<String>) -> DbResult<()> {
    let mut job = NewJob::new(SEND_MAIL_JOB, json!({ "to": to, "template": template }));
    job.idempotency_key = key;
    job.queue = MAIL_QUEUE;
    // With backoff capped at an hour, 40 attempts keep retrying for more than a day.
    job.max_attempts = MAIL_MAX_ATTEMPTS;
    jobs::enqueue(tx, job).await?;
    Ok(())
}
