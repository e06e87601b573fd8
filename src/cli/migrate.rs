use std::sync::Arc;

use clap::Subcommand;
use dayline_db::{SystemClock, migrate};

use crate::config::Settings;
use crate::start::connect;

#[derive(Debug, Subcommand)]
pub enum Action {
    /// List every migration and whether it is applied.
    Status,
    /// Apply all pending migrations.
    Up,
    /// Revert the newest N applied migrations.
    Down {
        /// How many migrations to revert.
        #[arg(value_parser = clap::value_parser!(u32).range(1..))]
        steps: u32,
    },
}

pub async fn run(action: Action, settings: Settings) -> anyhow::Result<()> {
    let db = connect(&settings, &settings.migration_db_options(), Arc::new(SystemClock)).await?;
    match action {
        Action::Status => {
            for m in migrate::status(&db).await? {
                let state = if m.applied { "applied" } else { "pending" };
                println!("{}  {state:<8} {}", m.version, m.description);
            }
        }
        Action::Up => {
            let pending = migrate::status(&db).await?.iter().filter(|m| !m.applied).count();
            migrate::up(&db).await?;
            println!("applied {pending} migration(s)");
        }
        Action::Down { steps } => {
            let reverted = migrate::down(&db, steps as usize).await?;
            for version in &reverted {
                println!("reverted {version}");
            }
            println!("reverted {} migration(s)", reverted.len());
        }
    }
    db.close().await;
    Ok(())
}
