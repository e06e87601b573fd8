//! `tasks.purge_archived`: deletes tasks archived longer than the retention period (daily
//! system schedule; the period travels in the payload, set from the configuration).

use futures_util::future::BoxFuture;
use serde_json::Value;

use crate::domain::tasks::purge_archived_tasks;
use crate::jobs::{JobContext, JobHandler};

pub const PURGE_TASKS_JOB: &str = "tasks.purge_archived";

pub struct PurgeTasks;

impl JobHandler for PurgeTasks {
    fn kind(&self) -> &'static str {
        PURGE_TASKS_JOB
    }

    fn run<'a>(&'a self, ctx: &'a JobContext, payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        let days = payload.get("retention_days").and_then(Value::as_u64).unwrap_or(30);
        let days = u32::try_from(days).unwrap_or(u32::MAX);
        Box::pin(async move { purge_archived_tasks(&ctx.db, days).await.map(|_| ()) })
    }
}
