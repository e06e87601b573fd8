use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use secrecy::ExposeSecret;

use super::Settings;

/// A configuration problem, naming the key and where its value came from.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub key: Option<String>,
    pub origin: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(key) => write!(f, "invalid configuration: `{key}` (from {}): {}", self.origin, self.message),
            None => write!(f, "invalid configuration ({}): {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Variables with the prefix that are not settings.
const NOT_SETTINGS: &[&str] = &["DAYLINE_CONFIG"];

/// Builds the settings from defaults, the optional file and the given environment.
pub fn load(file: Option<&Path>, env: impl IntoIterator<Item = (String, String)>) -> Result<Settings, ConfigError> {
    let mut table = toml::Table::new();
    let mut origins: HashMap<String, String> = HashMap::new();

    if let Some(path) = file {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            key: None,
            origin: origin.clone(),
            message: format!("cannot read the file: {e}"),
        })?;
        // Only the position: toml's own message quotes the line, which may hold a password.
        let parsed: toml::Table = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|span| text[..span.start.min(text.len())].lines().count().max(1));
            let at = line.map(|l| format!(" at line {l}")).unwrap_or_default();
            ConfigError {
                key: None,
                origin: origin.clone(),
                message: format!("not valid TOML{at}; check the quoting and syntax there"),
            }
        })?;
        for (key, value) in parsed {
            origins.insert(key.clone(), origin.clone());
            table.insert(key, value);
        }
    }

    for (name, value) in env {
        let Some(key) = setting_key(&name) else { continue };
        origins.insert(key.clone(), format!("environment variable {name}"));
        table.insert(key, toml::Value::String(value));
    }

    let origin_of = |key: &str| origins.get(key).cloned().unwrap_or_else(|| "defaults".to_owned());
    let settings: Settings = serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| {
        let message = e.inner().to_string();
        let key = match e.path().to_string() {
            path if path.is_empty() || path == "." => unknown_field(&message),
            path => Some(path.split('.').next().unwrap_or_default().to_owned()),
        };
        let origin = key.as_deref().map(origin_of).unwrap_or_else(|| "configuration".to_owned());
        ConfigError { key, origin, message }
    })?;

    validate(&settings).map_err(|(key, message)| ConfigError {
        key: Some(key.to_owned()),
        origin: origin_of(key),
        message,
    })?;
    Ok(settings)
}

/// `DAYLINE_LISTEN` → `listen`; `DATABASE_URL` → `database_url`.
fn setting_key(var: &str) -> Option<String> {
    match var {
        "DATABASE_URL" | "DATABASE_MIGRATION_URL" => Some(var.to_ascii_lowercase()),
        // Two names for one key would make the winner depend on the environment's order.
        "DAYLINE_DATABASE_URL" | "DAYLINE_DATABASE_MIGRATION_URL" => Some(var.to_ascii_lowercase()),
        _ if NOT_SETTINGS.contains(&var) || var.starts_with("DAYLINE_TEST_") => None,
        _ => var.strip_prefix("DAYLINE_").map(str::to_ascii_lowercase),
    }
}

fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next().map(str::to_owned)
}

fn validate(s: &Settings) -> Result<(), (&'static str, String)> {
    if let Some(url) = &s.public_url
        && (!(url.starts_with("http://") || url.starts_with("https://")) || url.len() < 10)
    {
        return Err(("public_url", "must be an absolute http:// or https:// URL".to_owned()));
    }
    for (key, url) in [("database_url", &s.database_url), ("database_migration_url", &s.database_migration_url)] {
        if let Some(url) = url {
            let url = url.expose_secret();
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                return Err((
                    key,
                    "must start with postgres:// (leave it empty for the embedded SQLite database)".to_owned(),
                ));
            }
        }
    }
    if s.database_migration_url.is_some() && s.database_url.is_none() {
        return Err(("database_migration_url", "needs database_url to be set too".to_owned()));
    }
    if let Err(e) = tracing_subscriber::EnvFilter::try_new(&s.log) {
        return Err(("log", format!("not a valid log filter: {e}")));
    }
    let positive = [
        ("database_max_connections", u64::from(s.database_max_connections)),
        ("database_acquire_timeout_ms", s.database_acquire_timeout_ms),
        ("body_limit_bytes", s.body_limit_bytes as u64),
        ("request_timeout_secs", s.request_timeout_secs),
        ("attachment_max_bytes", s.attachment_max_bytes),
    ];
    if let Some((key, _)) = positive.iter().find(|(_, v)| *v == 0) {
        return Err((key, "must be greater than zero".to_owned()));
    }
    if let Some(url) = &s.files_url {
        if !url.starts_with("s3://") || url.len() <= "s3://".len() || url.starts_with("s3:///") {
            return Err(("files_url", "must look like s3://bucket or s3://bucket/prefix".to_owned()));
        }
        if !cfg!(feature = "s3") {
            return Err(("files_url", "this build of Dayline has no S3 support (cargo feature `s3`)".to_owned()));
        }
    }
    if let Some(bad) = s.attachment_types.iter().find(|t| !crate::files::is_known_type(t)) {
        return Err((
            "attachment_types",
            format!("`{bad}` is not a type Dayline recognises from file contents (see docs/tasks.md)"),
        ));
    }
    for origin in &s.cors_origins {
        if !is_origin(origin) {
            return Err(("cors_origins", format!("`{origin}` is not an origin like https://app.example.com")));
        }
    }
    if let Some(bad) = s.trusted_proxies.iter().find(|p| super::settings::parse_network(p).is_none()) {
        return Err(("trusted_proxies", format!("`{bad}` is not an IP address or a CIDR range like 10.0.0.0/8")));
    }
    if let Some(url) = &s.smtp_url {
        let url = url.expose_secret();
        let valid = (url.starts_with("smtp://") || url.starts_with("smtps://"))
            && lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url.split('?').next().unwrap_or(url))
                .is_ok();
        if !valid {
            return Err((
                "smtp_url",
                "must look like smtps://user:pass@host:465 or smtp://user:pass@host:587".to_owned(),
            ));
        }
        // A typo in tls= must never silently mean "unencrypted".
        let query = url.split_once('?').map_or("", |(_, q)| q);
        if let Some(tls) = query.split('&').find_map(|p| p.strip_prefix("tls="))
            && !matches!(tls, "required" | "opportunistic" | "none")
        {
            return Err(("smtp_url", format!("tls={tls} is not one of required, opportunistic, none")));
        }
    }
    if let Some(key) = &s.secret_key {
        let key = key.expose_secret().trim();
        if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err((
                "secret_key",
                "must be 64 hex characters (32 random bytes, e.g. `openssl rand -hex 32`)".to_owned(),
            ));
        }
    }
    if s.mail_from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(("mail_from", format!("`{}` is not an address like Dayline <dayline@example.com>", s.mail_from)));
    }
    if let Some(bad) = s.worker_queues.iter().find(|q| super::settings::parse_queue(q).is_none()) {
        return Err(("worker_queues", format!("`{bad}` is not `name:count` with a count from 1 to 256")));
    }
    if s.job_lease_secs < 10 {
        return Err(("job_lease_secs", "must be at least 10".to_owned()));
    }
    if s.instance_name.trim().is_empty() {
        return Err(("instance_name", "must not be empty".to_owned()));
    }
    Ok(())
}

/// `scheme://host[:port]` and nothing more.
fn is_origin(s: &str) -> bool {
    let Some((scheme, host)) = s.split_once("://") else { return false };
    matches!(scheme, "http" | "https")
        && !host.is_empty()
        && !host.contains(['/', '?', '#', '@', ' '])
        && axum::http::HeaderValue::from_str(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn environment_overrides_defaults() {
        let s = load(None, env(&[("DAYLINE_LISTEN", "0.0.0.0:9000"), ("DAYLINE_BODY_LIMIT_BYTES", "2048")]))
            .expect("valid");
        assert_eq!(s.listen.port(), 9000);
        assert_eq!(s.body_limit_bytes, 2048);
    }

    #[test]
    fn unknown_environment_key_is_named() {
        let err = load(None, env(&[("DAYLINE_LISTN", "x")])).expect_err("unknown key");
        assert_eq!(err.key.as_deref(), Some("listn"));
        assert_eq!(err.origin, "environment variable DAYLINE_LISTN");
    }

    #[test]
    fn invalid_value_is_named() {
        let err = load(None, env(&[("DAYLINE_REQUEST_TIMEOUT_SECS", "soon")])).expect_err("invalid");
        assert_eq!(err.key.as_deref(), Some("request_timeout_secs"));
        let err = load(None, env(&[("DATABASE_URL", "mysql://x")])).expect_err("invalid");
        assert_eq!(err.key.as_deref(), Some("database_url"));
    }

    #[test]
    fn smtp_tls_modes_are_spelled_exactly() {
        let err = load(None, env(&[("DAYLINE_SMTP_URL", "smtp://u:p@mail:587?tls=starttls")])).expect_err("typo");
        assert_eq!(err.key.as_deref(), Some("smtp_url"));
        assert!(load(None, env(&[("DAYLINE_SMTP_URL", "smtp://mail:25?tls=none")])).is_ok());
    }

    #[test]
    fn database_urls_have_one_name_each() {
        let err = load(None, env(&[("DAYLINE_DATABASE_URL", "postgres://x")])).expect_err("unknown");
        assert_eq!(err.key.as_deref(), Some("dayline_database_url"));
    }

    #[test]
    fn toml_errors_never_quote_the_file() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("dayline.toml");
        std::fs::write(&file, "database_url = \"postgres://app:hunter2@db/x\nlisten = 1\n").expect("write");
        let err = load(Some(&file), env(&[])).expect_err("invalid toml");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(err.to_string().contains("at line 1"), "{err}");
    }

    #[test]
    fn test_variables_are_not_settings() {
        assert!(load(None, env(&[("DAYLINE_TEST_DATABASE_URL", "postgres://x")])).is_ok());
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let s = load(None, env(&[("DATABASE_URL", "postgres://app:hunter2@db/dayline")])).expect("valid");
        assert!(!format!("{s:?}").contains("hunter2"));
        assert!(!s.to_redacted_toml().contains("hunter2"));
        assert!(s.to_redacted_toml().contains("postgres://app:********@db/dayline"));
    }
}
