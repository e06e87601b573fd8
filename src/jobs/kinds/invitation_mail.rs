//! `group.invitation_mail`: a fresh single-use token for a pending invitation, mailed as a
//! link (see `domain::groups::invitations`).

use anyhow::Context;
use futures_util::future::BoxFuture;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::domain::groups::{INVITATION_JOB, send_invitation_mail};
use crate::jobs::{JobContext, JobHandler};
use crate::mail::Mailer;

pub struct InvitationMail {
    pub mailer: Mailer,
}

#[derive(Deserialize)]
struct Payload {
    invitation: Uuid,
}

impl JobHandler for InvitationMail {
    fn kind(&self) -> &'static str {
        INVITATION_JOB
    }

    fn run<'a>(&'a self, ctx: &'a JobContext, payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let payload: Payload = serde_json::from_value(payload).context("invitation job payload")?;
            send_invitation_mail(&ctx.db, &self.mailer, payload.invitation).await
        })
    }
}
