//! Dayline's storage layer: one `Db` over SQLite or PostgreSQL, SQL written once for both,
//! transactions that carry their audit entry and outbox event, migrations, and the clock.

mod access;
mod args;
pub mod audit;
pub mod clock;
mod deferred;
mod error;
mod group_commit;
pub mod ids;
pub mod jobs;
pub mod migrate;
pub mod outbox;
mod pool;
pub mod schedules;
mod sql;
mod tx;

pub use access::{RowAccess, TxKind};
pub use args::Arg;
pub use audit::AuditEntry;
pub use clock::{Clock, SharedClock, SystemClock, TestClock};
pub use error::DbError;
pub use group_commit::{CommitStats, GroupCommit};
pub use ids::new_id;
pub use outbox::NewEvent;
pub use pool::{Backend, Db, DbOptions, PoolStats};
pub use sql::{Row, Source, Sql, sql};
pub use tx::{ActorContext, WriteTx};

pub type DbResult<T> = Result<T, DbError>;
