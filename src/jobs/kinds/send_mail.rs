//! `mail.send`: renders a template and hands the mail to SMTP. A failure (server down,
//! refused) fails the attempt, and the queue retries it with backoff.

use anyhow::Context;
use futures_util::future::BoxFuture;
use serde::Deserialize;
use serde_json::Value;

use crate::jobs::{JobContext, JobHandler};
use crate::mail::{MailTemplate, Mailer, SEND_MAIL_JOB};

pub struct SendMail {
    pub mailer: Mailer,
}

#[derive(Deserialize)]
struct Payload {
    to: String,
    template: MailTemplate,
}

impl JobHandler for SendMail {
    fn kind(&self) -> &'static str {
        SEND_MAIL_JOB
    }

    fn run<'a>(&'a self, _ctx: &'a JobContext, payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let payload: Payload = serde_json::from_value(payload).context("mail job payload")?;
            self.mailer.send(&payload.to, &payload.template).await?;
            Ok(())
        })
    }
}
