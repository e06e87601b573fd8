//! `files.sweep`: removes stored files no attachment names any more, and uploads that never
//! finished (hourly system schedule).

use std::time::Duration;

use futures_util::future::BoxFuture;
use serde_json::Value;

use crate::files::{FileStore, sweep_unreferenced};
use crate::jobs::{JobContext, JobHandler};

pub const SWEEP_FILES_JOB: &str = "files.sweep";

/// Long enough for any upload to commit after its file is stored.
const GRACE: Duration = Duration::from_secs(3600);

pub struct SweepFiles {
    pub files: FileStore,
}

impl JobHandler for SweepFiles {
    fn kind(&self) -> &'static str {
        SWEEP_FILES_JOB
    }

    fn run<'a>(&'a self, ctx: &'a JobContext, _payload: Value) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move { sweep_unreferenced(&ctx.db, &self.files, GRACE).await.map(|_| ()) })
    }
}
