//! The test rig: `spawn_app(backend)` starts Dayline in-process on port 0 with a fresh
//! database; `on_both!` turns one test body into a SQLite test and a PostgreSQL test.

pub mod postgres;
pub mod proxy;
pub mod raw;
pub mod smtp;

use std::net::SocketAddr;
use std::sync::Arc;

use dayline::AppState;
use dayline::config::Settings;
use dayline_db::{SharedClock, SystemClock};
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use self::postgres::TestDatabase;
pub use self::proxy::Proxy;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates `<name>::sqlite` and `<name>::postgres` from one async test body.
macro_rules! on_both {
    ($(async fn $name:ident($backend:ident : Backend) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($backend: $crate::support::Backend) $body
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() { run($crate::support::Backend::Sqlite).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() { run($crate::support::Backend::Postgres).await }
        }
    )*};
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub client: reqwest::Client,
    pub backend: Backend,
    pub data_dir: TempDir,
    /// Between the app and PostgreSQL, so tests can cut the database off.
    pub proxy: Option<Proxy>,
    pub database: Option<TestDatabase>,
    shutdown: Option<oneshot::Sender<()>>,
    pub server: Option<JoinHandle<anyhow::Result<()>>>,
}

/// The password of the administrator made by [`TestApp::complete_setup`].
pub const PASSWORD: &str = "correct horse battery staple";

pub struct Options {
    pub clock: SharedClock,
    pub configure: Box<dyn FnOnce(&mut Settings) + Send>,
}

impl Default for Options {
    fn default() -> Self {
        Self { clock: Arc::new(SystemClock), configure: Box::new(|_| {}) }
    }
}

/// A server on the test clock whose mail goes to a real SMTP sink, with a worker for the
/// mail queue running (stop it at the end of the test).
pub async fn spawn_app_with_mail(
    backend: Backend,
) -> (TestApp, Arc<dayline_db::TestClock>, smtp::SmtpSink, dayline::background::Background) {
    let sink = smtp::SmtpSink::start().await;
    let clock = Arc::new(dayline_db::TestClock::new(chrono::Utc::now()));
    let url = sink.url();
    let options = Options {
        clock: clock.clone(),
        configure: Box::new(move |s| {
            s.smtp_url = Some(url.into());
            s.worker_queues = vec!["mail:1".to_owned()];
        }),
    };
    let app = spawn_app_with(backend, options).await;
    app.complete_setup().await;
    let roles = dayline::background::Roles { worker: true, scheduler: false };
    let background = dayline::background::Background::start(&app.state.db, &app.state.settings, roles).expect("worker");
    (app, clock, sink, background)
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, Options::default()).await
}

pub async fn spawn_app_with(backend: Backend, options: Options) -> TestApp {
    // With S3 support built in, every HTTP client (the tests' too) needs a TLS provider.
    #[cfg(feature = "s3")]
    dayline::files::install_tls_provider();
    if let Ok(filter) = std::env::var("DAYLINE_TEST_LOG") {
        // Server logs while debugging a test: DAYLINE_TEST_LOG=debug cargo test NAME
        let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
    }
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings {
        data_dir: data_dir.path().to_path_buf(),
        // Long enough for a connection on a machine busy with the whole suite; the outage
        // tests set their own, shorter wait.
        database_acquire_timeout_ms: 5_000,
        sqlite_busy_timeout_ms: 250,
        shutdown_grace_secs: 5,
        ..Settings::default()
    };
    let (mut proxy, mut database) = (None, None);
    if backend == Backend::Postgres {
        let db = TestDatabase::create().await;
        let p = Proxy::start(db.server_addr()).await;
        settings.database_url = Some(db.app_url_via(p.addr).into());
        settings.database_migration_url = Some(db.owner_url().into());
        proxy = Some(p);
        database = Some(db);
    }
    (options.configure)(&mut settings);
    let (addr, state, tx, server) = serve(settings, options.clock).await;
    let client = reqwest::Client::builder().no_proxy().build().expect("http client");
    TestApp { addr, state, client, backend, data_dir, proxy, database, shutdown: Some(tx), server: Some(server) }
}

type Served = (SocketAddr, AppState, oneshot::Sender<()>, tokio::task::JoinHandle<anyhow::Result<()>>);

/// Starts a Dayline server with `settings` on a free port.
async fn serve(settings: Settings, clock: SharedClock) -> Served {
    let state = dayline::start::prepare(settings, clock).await.expect("Dayline starts");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(dayline::launch(listener, state.clone(), async move {
        let _ = rx.await;
    }));
    (addr, state, tx, server)
}

/// A second Dayline server on the same database, data directory and clock, as another
/// instance behind a load balancer would be. Stops when dropped.
pub struct OtherInstance {
    pub addr: SocketAddr,
    _stop: oneshot::Sender<()>,
}

impl OtherInstance {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client.post(self.url(path)).json(body).send().await.expect("request")
    }

    pub async fn other_instance(&self) -> OtherInstance {
        let (addr, _, stop, _) = serve(self.state.settings.clone(), self.state.clock.clone()).await;
        OtherInstance { addr, _stop: stop }
    }

    /// Sends `method path` with a bearer token and an optional JSON body.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }

    /// Signs in with e-mail and password (token mode).
    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_json("/api/v1/auth/login", &serde_json::json!({ "email": email, "password": password })).await
    }

    /// An access token for a sign-in that must succeed.
    pub async fn access_token(&self, email: &str, password: &str) -> String {
        let response = self.login(email, password).await;
        assert_eq!(response.status(), 200, "sign-in of {email}");
        let pair: serde_json::Value = response.json().await.expect("json");
        pair["access_token"].as_str().expect("access token").to_owned()
    }

    /// Sets up an authenticator for the holder of `token` through the API; returns its
    /// secret and the backup codes. The confirming code is the current step's.
    pub async fn enrol_totp(&self, token: &str) -> (Vec<u8>, Vec<String>) {
        let started = self.client.post(self.url("/api/v1/me/mfa/totp")).bearer_auth(token).send().await.expect("enrol");
        assert_eq!(started.status(), 200, "TOTP enrolment starts");
        let enrolment: serde_json::Value = started.json().await.expect("json");
        let secret = dayline::auth::totp::from_base32(enrolment["secret"].as_str().expect("secret")).expect("base32");
        let code = self.totp_code(&secret, 0);
        let confirmed = self
            .client
            .post(self.url("/api/v1/me/mfa/totp/confirm"))
            .bearer_auth(token)
            .json(&serde_json::json!({ "code": code }))
            .send()
            .await
            .expect("confirm");
        assert_eq!(confirmed.status(), 200, "TOTP enrolment is confirmed");
        let codes: serde_json::Value = confirmed.json().await.expect("json");
        let codes = codes["codes"].as_array().expect("codes").iter().map(|c| c.as_str().expect("code").to_owned());
        (secret, codes.collect())
    }

    /// The TOTP code `steps` 30-second steps from the server's clock.
    pub fn totp_code(&self, secret: &[u8], steps: i64) -> String {
        let at = self.state.clock.now().timestamp() + steps * 30;
        dayline::auth::totp::code_at(secret, u64::try_from(at).expect("after 1970")).expect("code")
    }

    /// Signs in an account that has an authenticator: password, then a code `steps` from now
    /// (each step is accepted once). Returns the access token.
    pub async fn sign_in_with_totp(&self, email: &str, password: &str, secret: &[u8], steps: i64) -> String {
        let first: serde_json::Value = self.login(email, password).await.json().await.expect("json");
        assert_eq!(first["mfa_required"], true, "the password step asks for the second factor: {first}");
        let body = serde_json::json!({ "mfa_token": first["mfa_token"], "code": self.totp_code(secret, steps) });
        let second = self.post_json("/api/v1/auth/mfa", &body).await;
        assert_eq!(second.status(), 200, "the second factor finishes the sign-in");
        let pair: serde_json::Value = second.json().await.expect("json");
        pair["access_token"].as_str().expect("access token").to_owned()
    }

    /// A new group named `name`, made by the holder of `token`; its id.
    pub async fn create_group(&self, token: &str, name: &str) -> String {
        let response =
            self.send(reqwest::Method::POST, "/api/v1/groups", token, Some(serde_json::json!({ "name": name }))).await;
        assert_eq!(response.status(), 201, "group {name} created");
        let group: serde_json::Value = response.json().await.expect("group");
        group["id"].as_str().expect("id").to_owned()
    }

    /// Creates an account with [`PASSWORD`] directly (as an administrator would).
    pub async fn create_user(&self, email: &str, name: &str, role: dayline_api_types::GlobalRole) {
        let hash = self.state.passwords.hash(PASSWORD.to_owned().into()).await.expect("hash");
        let (email, display_name, _) = dayline::domain::setup::parse_account(email, name, PASSWORD).expect("valid");
        let mut tx = self.state.db.begin(dayline_db::ActorContext::system()).await.expect("begin");
        let new = dayline::domain::users::NewUser { email, display_name, password_hash: hash, role, via: "test" };
        dayline::domain::users::create_user(&mut tx, new).await.expect("user");
        tx.commit().await.expect("commit");
    }

    /// The first super admin (`ana@example.com`) with an authenticator, signed in with it (so
    /// also stepped up for five minutes). Returns the access token and the TOTP secret.
    pub async fn admin_with_totp(&self) -> (String, Vec<u8>) {
        let token = self.access_token("ana@example.com", PASSWORD).await;
        let (secret, _) = self.enrol_totp(&token).await;
        (self.sign_in_with_totp("ana@example.com", PASSWORD, &secret, 1).await, secret)
    }

    /// The one-time setup token the server would log.
    pub fn setup_token(&self) -> String {
        self.state.setup.token().expect("setup is still open")
    }

    /// Creates the first super admin (`ana@example.com`, [`PASSWORD`]) through the API.
    pub async fn complete_setup(&self) -> serde_json::Value {
        let response = self
            .post_json(
                "/api/v1/setup",
                &serde_json::json!({
                    "token": self.setup_token(),
                    "email": "ana@example.com",
                    "display_name": "Ana Lima",
                    "password": PASSWORD,
                }),
            )
            .await;
        assert_eq!(response.status(), 201);
        response.json().await.expect("json")
    }

    /// Asks the server to shut down gracefully (like SIGTERM does for the binary).
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// The database as its owner: migrations and schema inspection need it on PostgreSQL.
    pub async fn owner_db(&self) -> dayline_db::Db {
        match &self.database {
            None => self.state.db.clone(),
            Some(db) => {
                let mut settings = self.state.settings.clone();
                settings.database_url = Some(db.owner_url().into());
                settings.database_migration_url = None;
                dayline::start::connect(&settings, &settings.db_options(), self.state.clock.clone())
                    .await
                    .expect("owner")
            }
        }
    }

    /// Counts rows with a statement that returns one integer, on the app's own pools.
    pub async fn count(&self, statement: &'static str) -> i64 {
        let (n,): (i64,) = dayline_db::sql(statement).fetch_one(self.state.db.read_as_system()).await.expect("count");
        n
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.begin_shutdown();
    }
}

/// Polls `check` until it is true or the attempts run out (bounded; asserts no timing).
pub async fn eventually<F, Fut>(mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    for _ in 0..100 {
        if check().await {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

/// Asserts that a response is a problem document with this status, and returns it.
pub async fn expect_problem(response: reqwest::Response, status: u16) -> serde_json::Value {
    assert_eq!(response.status(), status, "status");
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(content_type, "application/problem+json");
    let request_id = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body: serde_json::Value = response.json().await.expect("problem json");
    assert_eq!(body["status"], status);
    assert!(body["type"].as_str().is_some_and(|t| t.starts_with("/problems/")), "{body}");
    assert_eq!(body["request_id"].as_str(), request_id.as_deref(), "request id in body and header");
    body
}
