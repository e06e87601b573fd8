//! `auth.password_reset_mail`: makes a reset token for the address's account, if any, and
//! mails the link (see `domain::account::reset`).

use anyhow::Context;
use futures_util::future::BoxFuture;
use serde::Deserialize;
use serde_json::Value;

use crate::domain::account::{RESET_JOB, send_reset_mail};
use crate::jobs::{JobContext, JobHandler};
use crate::mail::Mailer;

pub struct PasswordResetMail {
    pub mailer: Mailer,
}

#[derive(Deserialize)]
struct Payload {
    email: String,
}

impl JobHandler for PasswordResetMail {
    fn kind(&self) -> &'static str {
        RESET_JOB
    }

    fn run<'a>(&'a self, ctx: &'a JobContext, payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let payload: Payload = serde_json::from_value(payload).context("password reset job payload")?;
            send_reset_mail(&ctx.db, &self.mailer, &payload.email, ctx.attempt == 1).await
        })
    }
}
