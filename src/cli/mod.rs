//! The command line: `dayline serve | migrate | config | admin`.

mod admin;
mod migrate;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::background::Roles;
use crate::config::{self, Settings};
use crate::start::StartError;

#[derive(Debug, Parser)]
#[command(name = "dayline", version, about = "Dayline: tasks, daily check-ins, incidents and decisions for teams.")]
pub struct Cli {
    /// A TOML file with settings; environment variables (DAYLINE_*) override it.
    #[arg(long, global = true, env = "DAYLINE_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API and the web app, with the job worker and the scheduler (migrations run first).
    Serve {
        /// Do not run background jobs in this process (run `dayline worker` elsewhere).
        #[arg(long)]
        no_worker: bool,
        /// Do not run the scheduler in this process (run `dayline scheduler` elsewhere).
        #[arg(long)]
        no_scheduler: bool,
    },
    /// Run background jobs only (no HTTP), for scaling out.
    Worker,
    /// Run the scheduler only (no HTTP): enqueues reminders, summaries and other recurring jobs.
    Scheduler,
    /// Manage database migrations.
    Migrate {
        #[command(subcommand)]
        action: migrate::Action,
    },
    /// Inspect the configuration.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Administrative tasks from the terminal.
    Admin {
        #[command(subcommand)]
        action: admin::Action,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigAction {
    /// Validate the configuration and print the effective values, secrets redacted.
    Check,
}

/// Exit codes: 0 success, 1 failure while running, 2 bad configuration or unreachable database.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let env = std::env::vars_os().filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)));
    let settings = match config::load(cli.config.as_deref(), env) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Command::Config { action: ConfigAction::Check } = cli.command {
        println!("# effective configuration (secrets redacted)\n{}", settings.to_redacted_toml());
        return ExitCode::SUCCESS;
    }
    crate::telemetry::init(&settings);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(dispatch(cli.command, settings));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "dayline stopped with an error");
            eprintln!("error: {e:#}");
            if e.downcast_ref::<StartError>().is_some() { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}

async fn dispatch(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { no_worker, no_scheduler } => {
            serve::run(settings, Roles { worker: !no_worker, scheduler: !no_scheduler }).await
        }
        Command::Worker => serve::run_background(settings, Roles { worker: true, scheduler: false }).await,
        Command::Scheduler => serve::run_background(settings, Roles { worker: false, scheduler: true }).await,
        Command::Migrate { action } => migrate::run(action, settings).await,
        Command::Admin { action } => admin::run(action, settings).await,
        Command::Config { .. } => Ok(()),
    }
}
