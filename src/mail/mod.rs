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
    let mut job = NewJob::new(SEND_MAIL_JOB, json!({ "to": to, "template": template }));
    job.queue = MAIL_QUEUE;
    // With backoff capped at an hour, 40 attempts keep retrying for more than a day.
    job.max_attempts = MAIL_MAX_ATTEMPTS;
    jobs::enqueue(tx, job).await?;
    Ok(())
}
