//! `groups.checkin_reminder` and `groups.daily_summary`: fired by each group's schedules at
//! its local reminder and summary times; they queue the mails (see `domain::groups`).

use anyhow::Context;
use futures_util::future::BoxFuture;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::domain::groups::{CHECKIN_REMINDER_JOB, DAILY_SUMMARY_JOB, send_checkin_reminders, send_daily_summary};
use crate::jobs::{JobContext, JobHandler};

#[derive(Deserialize)]
struct Payload {
    group_id: Uuid,
}

fn group_of(payload: Value) -> anyhow::Result<Uuid> {
    Ok(serde_json::from_value::<Payload>(payload).context("group schedule payload")?.group_id)
}

pub struct CheckinReminder;

impl JobHandler for CheckinReminder {
    fn kind(&self) -> &'static str {
        CHECKIN_REMINDER_JOB
    }

    fn run<'a>(&'a self, ctx: &'a JobContext, payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move { send_checkin_reminders(&ctx.db, group_of(payload)?).await.map(|_| ()) })
    }
}

pub struct DailySummary;

impl JobHandler for DailySummary {
    fn kind(&self) -> &'static str {
        DAILY_SUMMARY_JOB
    }

    fn run<'a>(&'a self, ctx: &'a JobContext, payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move { send_daily_summary(&ctx.db, group_of(payload)?).await.map(|_| ()) })
    }
}
