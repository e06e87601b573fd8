//! `groups.purge`: removes groups deleted more than 30 days ago (daily system schedule).

use futures_util::future::BoxFuture;
use serde_json::Value;

use crate::domain::groups::purge_deleted_groups;
use crate::jobs::{JobContext, JobHandler};

pub const PURGE_GROUPS_JOB: &str = "groups.purge";

pub struct PurgeGroups;

impl JobHandler for PurgeGroups {
    fn kind(&self) -> &'static str {
        PURGE_GROUPS_JOB
    }

    fn run<'a>(&'a self, ctx: &'a JobContext, _payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move { purge_deleted_groups(&ctx.db).await.map(|_| ()) })
    }
}
