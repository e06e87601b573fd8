//! What every handler shares.

use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use dayline_db::{Db, SharedClock};

use crate::auth::keys::KeyRing;
use crate::auth::password::PasswordHasher;
use crate::auth::secret::MasterKey;
use crate::auth::throttle::LoginThrottle;
use crate::config::Settings;
use crate::domain::sessions::SessionCache;
use crate::domain::setup::SetupGate;
use crate::domain::tasks::ListCache;
use crate::files::FileStore;
use crate::health::HealthMonitor;
use crate::http::rate_limit::RateLimits;

#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub settings: Settings,
    pub db: Db,
    pub clock: SharedClock,
    pub health: HealthMonitor,
    pub setup: SetupGate,
    pub passwords: PasswordHasher,
    pub master: MasterKey,
    pub keys: KeyRing,
    pub limits: RateLimits,
    pub login_throttle: LoginThrottle,
    pub session_cache: SessionCache,
    pub files: FileStore,
    /// Pages of group task lists, kept while their group's list version stands.
    pub task_lists: ListCache,
    shutting_down: AtomicBool,
}

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(settings: Settings, db: Db, setup: SetupGate, master: MasterKey, keys: KeyRing) -> Self {
        let clock = db.clock().clone();
        Self(Arc::new(Shared {
            health: HealthMonitor::new(db.clone()),
            passwords: PasswordHasher::new(),
            limits: RateLimits::new(&settings),
            login_throttle: LoginThrottle::default(),
            session_cache: SessionCache::default(),
            files: FileStore::from_settings(&settings),
            task_lists: ListCache::new(settings.task_list_cache_mib as usize * 1024 * 1024),
            settings,
            db,
            clock,
            setup,
            master,
            keys,
            shutting_down: AtomicBool::new(false),
        }))
    }

    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::Relaxed);
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::Relaxed)
    }
}
