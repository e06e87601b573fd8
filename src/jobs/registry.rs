use std::collections::HashMap;
use std::sync::Arc;

use dayline_db::Db;
use futures_util::future::BoxFuture;
use serde_json::Value;
use uuid::Uuid;

/// What a running job may use.
pub struct JobContext {
    pub db: Db,
    pub job_id: Uuid,
    /// 1 for the first attempt.
    pub attempt: i64,
}

/// One kind of job. Handlers must be idempotent: after a crash, a job whose worker lost its
/// lease runs again, possibly after part of it already happened.
pub trait JobHandler: Send + Sync + 'static {
    /// The `kind` stored with the job, e.g. `mail.send`.
    fn kind(&self) -> &'static str;
    fn run<'a>(&'a self, ctx: &'a JobContext, payload: Value) -> BoxFuture<'a, anyhow::Result<()>>;
}

/// The job kinds this process can run.
#[derive(Clone, Default)]
pub struct Registry {
    handlers: HashMap<&'static str, Arc<dyn JobHandler>>,
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn register(mut self, handler: impl JobHandler) -> Self {
        self.handlers.insert(handler.kind(), Arc::new(handler));
        self
    }

    pub fn get(&self, kind: &str) -> Option<Arc<dyn JobHandler>> {
        self.handlers.get(kind).cloned()
    }
}
