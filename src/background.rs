//! The background roles of a process: job workers (one per configured queue) and the
//! scheduler. `dayline serve` runs both beside the API unless told not to; `dayline worker`
//! and `dayline scheduler` run one of them alone.

use std::time::Duration;

use dayline_db::Db;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Settings;
use crate::files::FileStore;
use crate::jobs::scheduler::{Scheduler, SchedulerConfig};
use crate::jobs::{Worker, WorkerConfig, kinds};
use crate::mail::Mailer;

#[derive(Debug, Clone, Copy)]
pub struct Roles {
    pub worker: bool,
    pub scheduler: bool,
}

pub struct Background {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Background {
    pub fn start(db: &Db, settings: &Settings, roles: Roles) -> anyhow::Result<Background> {
        let (stop, stopped) = watch::channel(false);
        let mut tasks = Vec::new();
        if roles.worker {
            let mailer = Mailer::from_settings(settings).map_err(anyhow::Error::msg)?;
            if !mailer.is_configured() {
                tracing::warn!("no smtp_url configured: mails are written to the log instead of being sent");
            }
            let registry = kinds::registry(mailer, FileStore::from_settings(settings));
            for (queue, concurrency) in settings.queues() {
                let config = WorkerConfig {
                    queue,
                    concurrency,
                    lease: Duration::from_secs(settings.job_lease_secs),
                    shutdown_grace: Duration::from_secs(settings.shutdown_grace_secs),
                    ..WorkerConfig::default()
                };
                tasks.push(tokio::spawn(Worker::new(db.clone(), registry.clone(), config).run(stopped.clone())));
            }
            if let Some(listener) = dayline_db::jobs::spawn_listener(db) {
                let mut stopped = stopped.clone();
                tasks.push(tokio::spawn(async move {
                    let _ = stopped.wait_for(|s| *s).await;
                    listener.abort();
                }));
            }
        }
        if roles.scheduler {
            let config = SchedulerConfig {
                catch_up: Duration::from_secs(settings.scheduler_catch_up_secs),
                ..SchedulerConfig::default()
            };
            let scheduler = Scheduler::new(db.clone(), config);
            let db = db.clone();
            let settings = settings.clone();
            tasks.push(tokio::spawn(async move {
                if let Err(e) = crate::jobs::system::ensure_system_schedules(&db, &settings).await {
                    tracing::error!(error = %e, "could not register the system schedules");
                }
                scheduler.run(stopped).await;
            }));
        }
        Ok(Background { stop, tasks })
    }

    /// Stops claiming and scheduling; running jobs finish within their grace period.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}
