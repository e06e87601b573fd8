use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer};

use super::redact::redact_url;

/// Who may create an account without an administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Registration {
    /// Anyone, at `POST /api/v1/auth/register`.
    Open,
    /// Only by accepting a group invitation (or by an administrator).
    Invite,
    /// Only administrators create accounts.
    Closed,
}

/// Who may create groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupCreation {
    /// Any signed-in user (the default).
    Everyone,
    /// Super admins only.
    SuperAdmins,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// JSON when standard output is not a terminal, human-readable otherwise.
    Auto,
    Json,
    Pretty,
}

/// Images, PDF, plain text and office documents: what teams attach, nothing a browser or a
/// shell would run.
const DEFAULT_ATTACHMENT_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
];

/// Every setting Dayline reads. `Debug` never shows secrets (they are `SecretString`s).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Address the HTTP server binds.
    pub listen: SocketAddr,
    /// Where the SQLite database, keys and files live; created if missing.
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL; empty for the embedded SQLite database.
    #[serde(deserialize_with = "optional_secret")]
    pub database_url: Option<SecretString>,
    /// A table-owning role for migrations when `database_url` is the restricted app role.
    #[serde(deserialize_with = "optional_secret")]
    pub database_migration_url: Option<SecretString>,
    #[serde(deserialize_with = "number")]
    pub database_max_connections: u32,
    /// How long a request waits for a database connection before answering 503.
    #[serde(deserialize_with = "number")]
    pub database_acquire_timeout_ms: u64,
    /// How long SQLite waits for a lock held by another process.
    #[serde(deserialize_with = "number")]
    pub sqlite_busy_timeout_ms: u64,
    /// The URL users reach Dayline at; used in links and mails, and turns on HSTS when https.
    pub public_url: Option<String>,
    /// Shown in mails and page titles.
    pub instance_name: String,
    /// `open`, `invite` (default) or `closed`.
    pub registration: Registration,
    /// `everyone` (default) or `super_admins`.
    pub group_creation: GroupCreation,
    /// Days an archived task is kept before a daily job deletes it (0: keep forever).
    #[serde(deserialize_with = "number")]
    pub archived_task_retention_days: u32,
    /// MiB of memory for pages of group task lists kept between requests (0: none kept).
    #[serde(deserialize_with = "number")]
    pub task_list_cache_mib: u32,
    /// Largest accepted attachment, in bytes.
    #[serde(deserialize_with = "number")]
    pub attachment_max_bytes: u64,
    /// Bytes of attachments one user may have stored in all (0: no quota).
    #[serde(deserialize_with = "number")]
    pub attachment_quota_bytes: u64,
    /// Media types accepted as attachments, as decided from the content (never the name).
    #[serde(deserialize_with = "list")]
    pub attachment_types: Vec<String>,
    /// Where attachments are stored; empty: `files` under the data directory.
    pub files_dir: Option<PathBuf>,
    /// `s3://bucket/prefix` to keep attachments in an S3-compatible bucket instead.
    pub files_url: Option<String>,
    /// The bucket service's URL (MinIO, Ceph, R2, …); empty: AWS.
    pub s3_endpoint: Option<String>,
    pub s3_region: String,
    pub s3_access_key_id: Option<String>,
    #[serde(deserialize_with = "optional_secret")]
    pub s3_secret_access_key: Option<SecretString>,
    /// Log filter, e.g. `info` or `info,dayline=debug`.
    pub log: String,
    pub log_format: LogFormat,
    /// Largest accepted request body, in bytes.
    #[serde(deserialize_with = "number")]
    pub body_limit_bytes: usize,
    /// Requests running longer than this are answered with 503.
    #[serde(deserialize_with = "number")]
    pub request_timeout_secs: u64,
    /// How long shutdown waits for in-flight requests.
    #[serde(deserialize_with = "number")]
    pub shutdown_grace_secs: u64,
    /// 64 hex characters encrypting signing keys at rest; every instance sharing a database
    /// needs the same one. Empty: a key file generated in the data directory.
    #[serde(deserialize_with = "optional_secret")]
    pub secret_key: Option<SecretString>,
    /// When set, `GET /metrics` requires `Authorization: Bearer <token>`.
    #[serde(deserialize_with = "optional_secret")]
    pub metrics_token: Option<SecretString>,
    /// `smtps://user:pass@host:465`, `smtp://user:pass@host:587` (STARTTLS), or with
    /// `?tls=none` for a local relay; empty writes mails to the log instead.
    #[serde(deserialize_with = "optional_secret")]
    pub smtp_url: Option<SecretString>,
    /// The sender of every mail, e.g. `Dayline <dayline@example.com>`.
    pub mail_from: String,
    /// Job queues this process works on and how many jobs of each run at once: `name:count`.
    #[serde(deserialize_with = "list")]
    pub worker_queues: Vec<String>,
    /// A job whose worker stops renewing its lease this long runs again elsewhere.
    #[serde(deserialize_with = "number")]
    pub job_lease_secs: u64,
    /// After downtime, missed schedule occurrences younger than this still run once.
    #[serde(deserialize_with = "number")]
    pub scheduler_catch_up_secs: u64,
    /// Origins allowed to call the API from a browser; empty turns CORS off.
    #[serde(deserialize_with = "list")]
    pub cors_origins: Vec<String>,
    /// Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` is believed; the
    /// client is otherwise always the connection's peer address.
    #[serde(deserialize_with = "list")]
    pub trusted_proxies: Vec<String>,
    /// API requests per minute from one IP address; 0 turns the limit off.
    #[serde(deserialize_with = "number")]
    pub rate_limit_ip_per_minute: u32,
    /// API requests per minute by one signed-in user; 0 turns the limit off.
    #[serde(deserialize_with = "number")]
    pub rate_limit_user_per_minute: u32,
    /// Sign-in, registration and password-reset attempts per minute from one IP address.
    #[serde(deserialize_with = "number")]
    pub login_attempts_per_ip_per_minute: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            database_migration_url: None,
            database_max_connections: 10,
            database_acquire_timeout_ms: 3_000,
            sqlite_busy_timeout_ms: 5_000,
            public_url: None,
            instance_name: "Dayline".to_owned(),
            registration: Registration::Invite,
            group_creation: GroupCreation::Everyone,
            archived_task_retention_days: 30,
            task_list_cache_mib: 16,
            attachment_max_bytes: 25 * 1024 * 1024,
            attachment_quota_bytes: 1024 * 1024 * 1024,
            attachment_types: DEFAULT_ATTACHMENT_TYPES.iter().map(|t| (*t).to_owned()).collect(),
            files_dir: None,
            files_url: None,
            s3_endpoint: None,
            s3_region: "us-east-1".to_owned(),
            s3_access_key_id: None,
            s3_secret_access_key: None,
            log: "info".to_owned(),
            log_format: LogFormat::Auto,
            body_limit_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            shutdown_grace_secs: 30,
            metrics_token: None,
            secret_key: None,
            smtp_url: None,
            mail_from: "Dayline <dayline@localhost>".to_owned(),
            worker_queues: vec!["default:4".to_owned(), "mail:2".to_owned()],
            job_lease_secs: 300,
            scheduler_catch_up_secs: 3_600,
            cors_origins: Vec::new(),
            trusted_proxies: Vec::new(),
            // Generous enough for the web app on an office network behind one address.
            rate_limit_ip_per_minute: 3_000,
            rate_limit_user_per_minute: 1_200,
            login_attempts_per_ip_per_minute: 30,
        }
    }
}

impl Settings {
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// The directory attachments live in.
    pub fn files_path(&self) -> PathBuf {
        self.files_dir.clone().unwrap_or_else(|| self.data_dir.join("files"))
    }

    pub fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join("dayline.db")
    }

    /// The URL in links: the configured public URL, else the listen address.
    pub fn public_base_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.listen),
        }
    }

    /// `worker_queues` as (queue, concurrency) pairs; validated at load time.
    pub fn queues(&self) -> Vec<(String, usize)> {
        self.worker_queues.iter().filter_map(|q| parse_queue(q)).collect()
    }

    /// `trusted_proxies` as networks; a bare address is a network of one. Validated at load time.
    pub fn trusted_proxy_networks(&self) -> Vec<ipnet::IpNet> {
        self.trusted_proxies.iter().filter_map(|p| parse_network(p)).collect()
    }

    pub fn uses_https(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    pub fn db_options(&self) -> dayline_db::DbOptions {
        self.db_options_for(self.database_url.as_ref())
    }

    /// Options for migrations: the migration URL when set, else the normal one.
    pub fn migration_db_options(&self) -> dayline_db::DbOptions {
        self.db_options_for(self.database_migration_url.as_ref().or(self.database_url.as_ref()))
    }

    fn db_options_for(&self, url: Option<&SecretString>) -> dayline_db::DbOptions {
        dayline_db::DbOptions {
            postgres_url: url.map(|u| u.expose_secret().to_owned()),
            sqlite_path: self.sqlite_path(),
            max_connections: self.database_max_connections,
            acquire_timeout: Duration::from_millis(self.database_acquire_timeout_ms),
            sqlite_busy_timeout: Duration::from_millis(self.sqlite_busy_timeout_ms),
        }
    }

    /// The effective configuration as TOML, secrets redacted (`dayline config check`).
    pub fn to_redacted_toml(&self) -> String {
        let secret = |s: &Option<SecretString>| s.as_ref().map(|v| redact_url(v.expose_secret()));
        let mut table = toml::Table::new();
        let mut put = |key: &str, value: toml::Value| {
            table.insert(key.to_owned(), value);
        };
        put("listen", self.listen.to_string().into());
        put("data_dir", self.data_dir.display().to_string().into());
        if let Some(url) = secret(&self.database_url) {
            put("database_url", url.into());
        }
        if let Some(url) = secret(&self.database_migration_url) {
            put("database_migration_url", url.into());
        }
        put("database_max_connections", i64::from(self.database_max_connections).into());
        put("database_acquire_timeout_ms", saturating_i64(self.database_acquire_timeout_ms).into());
        put("sqlite_busy_timeout_ms", saturating_i64(self.sqlite_busy_timeout_ms).into());
        if let Some(url) = &self.public_url {
            put("public_url", url.clone().into());
        }
        put("instance_name", self.instance_name.clone().into());
        put("registration", format!("{:?}", self.registration).to_lowercase().into());
        let group_creation = match self.group_creation {
            GroupCreation::Everyone => "everyone",
            GroupCreation::SuperAdmins => "super_admins",
        };
        put("group_creation", group_creation.into());
        put("archived_task_retention_days", i64::from(self.archived_task_retention_days).into());
        put("task_list_cache_mib", i64::from(self.task_list_cache_mib).into());
        put("attachment_max_bytes", saturating_i64(self.attachment_max_bytes).into());
        put("attachment_quota_bytes", saturating_i64(self.attachment_quota_bytes).into());
        put("attachment_types", self.attachment_types.clone().into());
        put("files_dir", self.files_path().display().to_string().into());
        if let Some(url) = &self.files_url {
            put("files_url", url.clone().into());
        }
        if let Some(endpoint) = &self.s3_endpoint {
            put("s3_endpoint", endpoint.clone().into());
        }
        put("s3_region", self.s3_region.clone().into());
        if let Some(key) = &self.s3_access_key_id {
            put("s3_access_key_id", key.clone().into());
        }
        if self.s3_secret_access_key.is_some() {
            put("s3_secret_access_key", "********".into());
        }
        put("log", self.log.clone().into());
        put("log_format", format!("{:?}", self.log_format).to_lowercase().into());
        put("body_limit_bytes", saturating_i64(self.body_limit_bytes as u64).into());
        put("request_timeout_secs", saturating_i64(self.request_timeout_secs).into());
        put("shutdown_grace_secs", saturating_i64(self.shutdown_grace_secs).into());
        if self.secret_key.is_some() {
            put("secret_key", "********".into());
        }
        if self.metrics_token.is_some() {
            put("metrics_token", "********".into());
        }
        if let Some(url) = secret(&self.smtp_url) {
            put("smtp_url", url.into());
        }
        put("mail_from", self.mail_from.clone().into());
        put("worker_queues", self.worker_queues.clone().into());
        put("job_lease_secs", saturating_i64(self.job_lease_secs).into());
        put("scheduler_catch_up_secs", saturating_i64(self.scheduler_catch_up_secs).into());
        put("cors_origins", self.cors_origins.clone().into());
        put("trusted_proxies", self.trusted_proxies.clone().into());
        put("rate_limit_ip_per_minute", i64::from(self.rate_limit_ip_per_minute).into());
        put("rate_limit_user_per_minute", i64::from(self.rate_limit_user_per_minute).into());
        put("login_attempts_per_ip_per_minute", i64::from(self.login_attempts_per_ip_per_minute).into());
        toml::to_string(&table).unwrap_or_default()
    }
}

fn saturating_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// Environment values arrive as strings; TOML gives numbers. Accept both.
fn number<'de, D, T>(de: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + std::str::FromStr,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumOrStr {
        Num(i64),
        Str(String),
    }
    let invalid = || serde::de::Error::custom("expected a non-negative whole number");
    match NumOrStr::deserialize(de)? {
        NumOrStr::Num(n) => T::try_from(n).map_err(|_| invalid()),
        NumOrStr::Str(s) => s.trim().parse().map_err(|_| invalid()),
    }
}

/// A TOML array, or a comma-separated string from the environment.
fn list<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ListOrStr {
        List(Vec<String>),
        Str(String),
    }
    Ok(match ListOrStr::deserialize(de)? {
        ListOrStr::List(items) => items,
        ListOrStr::Str(s) => s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
    })
}

/// An empty string means "not set", so `DATABASE_URL=` falls back to SQLite.
fn optional_secret<'de, D: Deserializer<'de>>(de: D) -> Result<Option<SecretString>, D::Error> {
    let value = Option::<String>::deserialize(de)?;
    Ok(value.filter(|v| !v.trim().is_empty()).map(SecretString::from))
}

/// `name:count` with a non-empty name and a count from 1 to 256.
pub fn parse_queue(entry: &str) -> Option<(String, usize)> {
    let (name, count) = entry.split_once(':')?;
    let count: usize = count.trim().parse().ok()?;
    let name = name.trim();
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (valid && (1..=256).contains(&count)).then(|| (name.to_owned(), count))
}

/// `10.0.0.0/8`, `fd00::/8` or a single address such as `192.0.2.7`.
pub fn parse_network(entry: &str) -> Option<ipnet::IpNet> {
    let entry = entry.trim();
    entry.parse().ok().or_else(|| entry.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))
}
