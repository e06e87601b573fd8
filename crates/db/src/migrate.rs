//! Embedded schema migrations, one directory per backend with the same version numbers.
//! Each migration has an `.up.sql` and a `.down.sql`.

use sqlx::Acquire;
use sqlx::migrate::{Migrate, Migrator};

use crate::pool::Backend;
use crate::{Db, DbResult};

static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// One migration and whether the database has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationState {
    pub version: i64,
    pub description: String,
    pub applied: bool,
}

fn migrator(db: &Db) -> &'static Migrator {
    match db.backend {
        Backend::Sqlite { .. } => &SQLITE,
        Backend::Postgres(_) => &POSTGRES,
    }
}

/// Applies every pending migration. Safe to call from several instances at once: the
/// migrator takes a database lock first.
pub async fn up(db: &Db) -> DbResult<()> {
    match &db.backend {
        Backend::Sqlite { writer, .. } => SQLITE.run(writer.pool()).await?,
        Backend::Postgres(pool) => POSTGRES.run(pool).await?,
    }
    Ok(())
}

/// Reverts the newest `steps` applied migrations; returns the versions reverted.
pub async fn down(db: &Db, steps: usize) -> DbResult<Vec<i64>> {
    let applied: Vec<i64> = status(db).await?.into_iter().filter(|m| m.applied).map(|m| m.version).collect();
    let keep = applied.len().saturating_sub(steps);
    let target = if keep == 0 { 0 } else { applied[keep - 1] };
    match &db.backend {
        Backend::Sqlite { writer, .. } => SQLITE.undo(writer.pool(), target).await?,
        Backend::Postgres(pool) => POSTGRES.undo(pool, target).await?,
    }
    Ok(applied[keep..].iter().rev().copied().collect())
}

/// Every known migration with its applied flag, oldest first.
pub async fn status(db: &Db) -> DbResult<Vec<MigrationState>> {
    let applied: Vec<i64> = match &db.backend {
        Backend::Sqlite { writer, .. } => applied_versions(&mut *writer.pool().acquire().await?).await?,
        Backend::Postgres(pool) => applied_versions(&mut *pool.acquire().await?).await?,
    };
    Ok(migrator(db)
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .map(|m| MigrationState {
            version: m.version,
            description: m.description.to_string(),
            applied: applied.contains(&m.version),
        })
        .collect())
}

async fn applied_versions<C>(conn: &mut C) -> DbResult<Vec<i64>>
where
    C: Migrate + Send,
    for<'c> &'c mut C: Acquire<'c>,
{
    conn.ensure_migrations_table("_sqlx_migrations").await?;
    Ok(conn.list_applied_migrations("_sqlx_migrations").await?.into_iter().map(|m| m.version).collect())
}
