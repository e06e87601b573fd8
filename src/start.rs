//! Turning settings into a running state: data directory, database, migrations, setup gate.

use anyhow::Context;
use dayline_db::{Db, SharedClock, migrate};

use crate::config::Settings;
use crate::domain::setup::SetupGate;
use crate::state::AppState;

/// Start-up failures the operator must fix (exit code 2): bad data dir, unreachable database.
#[derive(Debug, thiserror::Error)]
#[error("{0:#}")]
pub struct StartError(pub anyhow::Error);

impl From<anyhow::Error> for StartError {
    fn from(err: anyhow::Error) -> Self {
        StartError(err)
    }
}

/// Connects with the migration role (or the normal one), applies pending migrations and
/// returns a connection for the application role.
pub async fn connect_and_migrate(settings: &Settings, clock: SharedClock) -> Result<Db, StartError> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create the data directory {}", settings.data_dir.display()))?;
    if settings.database_migration_url.is_some() {
        let owner = connect(settings, &settings.migration_db_options(), clock.clone()).await?;
        migrate::up(&owner).await.context("applying database migrations")?;
        owner.close().await;
        connect(settings, &settings.db_options(), clock).await
    } else {
        let db = connect(settings, &settings.db_options(), clock).await?;
        migrate::up(&db).await.context("applying database migrations")?;
        Ok(db)
    }
}

/// Connects without migrating (`dayline migrate` decides itself what to apply).
pub async fn connect(
    settings: &Settings,
    options: &dayline_db::DbOptions,
    clock: SharedClock,
) -> Result<Db, StartError> {
    let target = match &options.postgres_url {
        Some(_) => "the PostgreSQL database (database_url)".to_owned(),
        None => format!("the SQLite database at {}", settings.sqlite_path().display()),
    };
    Db::connect(options, clock)
        .await
        .map_err(|e| StartError(anyhow::Error::new(e).context(format!("cannot connect to {target}"))))
}

/// Everything `serve` needs before it can accept requests.
pub async fn prepare(settings: Settings, clock: SharedClock) -> Result<AppState, StartError> {
    let db = connect_and_migrate(&settings, clock).await?;
    let setup = SetupGate::open_if_needed(&db).await.context("checking whether setup is complete")?;
    warn_if_audit_log_is_writable(&db).await;
    let master = crate::auth::secret::MasterKey::load(&settings)?;
    let keys = crate::auth::keys::KeyRing::load(&db, &master).await?;
    let state = AppState::new(settings, db, setup, master, keys);
    state.health.probe().await;
    Ok(state)
}

/// On PostgreSQL the app role should not be able to rewrite the audit log (it lacks the
/// grants when it is not the owner); say so loudly when it can.
async fn warn_if_audit_log_is_writable(db: &Db) {
    if db.backend_name() != "postgres" {
        return;
    }
    let check = dayline_db::sql("SELECT has_table_privilege(current_user, 'audit_log', 'UPDATE')");
    if let Ok((true,)) = check.fetch_one::<(bool,)>(db).await {
        tracing::warn!(
            "the database role in DATABASE_URL may modify the audit log (it owns the tables); only triggers \
             protect it. Run the server as a member of dayline_app and migrate with DATABASE_MIGRATION_URL \
             (docs/postgresql.md)."
        );
    }
}
