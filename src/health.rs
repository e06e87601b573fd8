//! Database health, probed in the background once a second so `/health` answers from
//! memory: a flood of health checks never becomes a flood of database queries.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use dayline_db::Db;
use tokio::sync::watch;

const PROBE_INTERVAL: Duration = Duration::from_secs(1);
const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct HealthMonitor {
    db: Db,
    database_ok: Arc<AtomicBool>,
}

impl HealthMonitor {
    pub fn new(db: Db) -> Self {
        Self { db, database_ok: Arc::new(AtomicBool::new(true)) }
    }

    pub fn database_ok(&self) -> bool {
        self.database_ok.load(Ordering::Relaxed)
    }

    /// Probes once and records the result.
    pub async fn probe(&self) -> bool {
        let outcome = match tokio::time::timeout(PROBE_TIMEOUT, self.db.probe()).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("the probe timed out".to_owned()),
        };
        let ok = outcome.is_ok();
        let was_ok = self.database_ok.swap(ok, Ordering::Relaxed);
        if let Err(error) = &outcome {
            tracing::debug!(%error, "database probe failed");
        }
        if was_ok && !ok {
            tracing::warn!(
                backend = self.db.backend_name(),
                error = outcome.err().unwrap_or_default(),
                "database became unavailable"
            );
        } else if !was_ok && ok {
            tracing::info!(backend = self.db.backend_name(), "database is available again");
        }
        ok
    }

    /// Probes every second until `stop` changes.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(PROBE_INTERVAL) => { self.probe().await; }
                _ = stop.changed() => return,
            }
        }
    }
}
