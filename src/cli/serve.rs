use std::sync::Arc;

use anyhow::Context;
use dayline_db::SystemClock;
use futures_util::FutureExt;
use tokio::net::TcpListener;

use crate::background::{Background, Roles};
use crate::config::Settings;
use crate::start::{StartError, prepare};

pub async fn run(settings: Settings, roles: Roles) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let listen = settings.listen;
    let base_url = settings.public_base_url();
    let state = prepare(settings, Arc::new(SystemClock)).await?;
    let listener =
        TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}")).map_err(StartError)?;
    tracing::info!(
        address = %listen,
        backend = state.db.backend_name(),
        ready_ms = started.elapsed().as_millis() as u64,
        "Dayline is listening on {base_url}"
    );
    if let Some(token) = state.setup.token() {
        // At warn level so a quieter log filter still shows it: without it, nobody can set up.
        tracing::warn!(
            "Dayline is not set up yet. Create the first administrator at {base_url}/setup?token={token} \
             (or POST /api/v1/setup with this token, or run `dayline admin create-user --super-admin`)."
        );
    }
    let background = Background::start(&state.db, &state.settings, roles).map_err(StartError)?;
    // One signal stops both: HTTP drains its requests while running jobs finish, and the
    // database closes only after both are done.
    let signal = shutdown_signal().boxed().shared();
    let jobs = {
        let signal = signal.clone();
        async move {
            signal.await;
            background.stop().await;
        }
    };
    let db = state.db.clone();
    let (served, ()) = tokio::join!(crate::launch(listener, state, signal), jobs);
    crate::close_database(&db).await;
    tracing::info!("stopped");
    served
}

/// `dayline worker` / `dayline scheduler`: the background roles alone, until a signal.
pub async fn run_background(settings: Settings, roles: Roles) -> anyhow::Result<()> {
    let db = crate::start::connect_and_migrate(&settings, Arc::new(SystemClock)).await?;
    let background = Background::start(&db, &settings, roles).map_err(StartError)?;
    tracing::info!(worker = roles.worker, scheduler = roles.scheduler, "Dayline background roles running");
    shutdown_signal().await;
    tracing::info!("shutting down: finishing running jobs");
    background.stop().await;
    crate::close_database(&db).await;
    tracing::info!("stopped");
    Ok(())
}

/// SIGINT (Ctrl-C) or SIGTERM (service managers, containers).
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
