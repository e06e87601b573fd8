//! Background jobs: one file per job kind implementing `JobHandler`, a registry of kinds,
//! and the worker that runs them.

mod backoff;
pub mod kinds;
pub mod recurrence;
mod registry;
pub mod scheduler;
pub mod system;
mod worker;

pub use backoff::retry_delay;
pub use registry::{JobContext, JobHandler, Registry};
pub use worker::{Worker, WorkerConfig};
