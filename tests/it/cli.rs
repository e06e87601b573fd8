//! The `dayline` binary as an operator meets it: subcommands, exit codes, logs, signals.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

use sqlx::Connection;

use crate::support::{Backend, TestDatabase};

/// A `dayline` command with a clean environment and its own data directory.
pub struct Dayline {
    pub data_dir: tempfile::TempDir,
    pub database: Option<TestDatabase>,
}

impl Dayline {
    pub async fn new(backend: Backend) -> Dayline {
        let database = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(TestDatabase::create().await),
        };
        Dayline { data_dir: tempfile::tempdir().expect("temp dir"), database }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dayline"));
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if name.starts_with("DAYLINE_") || name.starts_with("DATABASE_") {
                command.env_remove(name.as_ref());
            }
        }
        // No log format: standard output is a pipe here, so JSON must be the default.
        command.args(args).env("DAYLINE_DATA_DIR", self.data_dir.path());
        if let Some(db) = &self.database {
            command.env("DATABASE_URL", db.owner_url());
        }
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("dayline runs")
    }

    /// Runs a statement on the database the command used, as its owner.
    pub async fn execute(&self, statement: &'static str) {
        match &self.database {
            Some(db) => {
                let mut conn = sqlx::PgConnection::connect(&db.owner_url()).await.expect("pg");
                sqlx::query(statement).execute(&mut conn).await.expect("execute");
            }
            None => {
                let url = format!("sqlite://{}", self.data_dir.path().join("dayline.db").display());
                let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
                sqlx::query(statement).execute(&mut conn).await.expect("execute");
            }
        }
    }

    /// Opens the database the command used, as its owner.
    pub async fn count(&self, statement: &'static str) -> i64 {
        let (n,): (i64,) = match &self.database {
            Some(db) => {
                let mut conn = sqlx::PgConnection::connect(&db.owner_url()).await.expect("pg");
                sqlx::query_as(statement).fetch_one(&mut conn).await.expect("count")
            }
            None => {
                let url = format!("sqlite://{}", self.data_dir.path().join("dayline.db").display());
                let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
                sqlx::query_as(statement).fetch_one(&mut conn).await.expect("count")
            }
        };
        n
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

#[tokio::test]
async fn every_subcommand_has_help() {
    let dayline = Dayline::new(Backend::Sqlite).await;
    let commands: &[&[&str]] = &[
        &["--help"],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["migrate", "status", "--help"],
        &["migrate", "up", "--help"],
        &["migrate", "down", "--help"],
        &["config", "check", "--help"],
        &["admin", "--help"],
        &["admin", "create-user", "--help"],
        &["admin", "send-test-mail", "--help"],
        &["admin", "unlock", "--help"],
        &["admin", "reset-mfa", "--help"],
        &["admin", "rotate-keys", "--help"],
        &["worker", "--help"],
        &["scheduler", "--help"],
    ];
    for args in commands {
        let output = dayline.run(args);
        assert!(output.status.success(), "{args:?}");
        assert!(text(&output.stdout).contains("Usage: dayline"), "{args:?}");
    }
}

on_both! {
    async fn serve_logs_json_lines_with_request_ids_and_stops_on_sigterm(backend: Backend) {
        let dayline = Dayline::new(backend).await;
        let port = free_port();
        let mut child = dayline
            .command(&["serve"])
            .env("DAYLINE_LISTEN", format!("127.0.0.1:{port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut lines = Vec::new();
        let mut setup_url = None;
        while setup_url.is_none() {
            let mut line = String::new();
            if stdout.read_line(&mut line).expect("read") == 0 {
                panic!("serve exited early: {lines:?}");
            }
            if let Some(start) = line.find("http://") {
                let url: String = line[start..].split([' ', '"']).next().unwrap_or_default().to_owned();
                if url.contains("/setup?token=") {
                    setup_url = Some(url);
                }
            }
            lines.push(line);
        }
        assert!(setup_url.as_deref().is_some_and(|u| u.len() > 40), "{setup_url:?}");

        #[cfg(feature = "s3")]
        dayline::files::install_tls_provider();
        let client = reqwest::Client::builder().no_proxy().build().expect("client");
        let response = client
            .get(format!("http://127.0.0.1:{port}/livez"))
            .header("x-request-id", "cli-test-1")
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200);

        let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
        assert!(status.success());
        let exit = child.wait().expect("wait");
        assert!(exit.success(), "SIGTERM is a clean stop: {exit:?}");
        lines.extend(stdout.lines().map(|l| l.expect("line")));

        let records: Vec<serde_json::Value> = lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
            .collect();
        let request_line = records
            .iter()
            .find(|r| r["message"] == "request finished" && r["span"]["request_id"] == "cli-test-1")
            .unwrap_or_else(|| panic!("no request line in {records:#?}"));
        assert_eq!(request_line["status"], 200);
        assert_eq!(request_line["span"]["route"], "/livez");
        assert_eq!(request_line["span"]["method"], "GET");
        assert!(request_line["latency_ms"].as_f64().is_some());
        assert!(records.iter().any(|r| r["message"] == "stopped"));
    }

    async fn migrate_subcommands_manage_the_schema(backend: Backend) {
        let dayline = Dayline::new(backend).await;
        if backend == Backend::Sqlite {
            let status = text(&dayline.run(&["migrate", "status"]).stdout);
            assert!(status.contains("pending") && !status.contains("applied"), "{status}");
            let up = dayline.run(&["migrate", "up"]);
            assert!(up.status.success());
            let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/crates/db/migrations/sqlite"))
                .expect("migrations")
                .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".up.sql")))
                .count();
            assert!(text(&up.stdout).contains(&format!("applied {migrations} migration(s)")), "{}", text(&up.stdout));
        }
        let status = text(&dayline.run(&["migrate", "status"]).stdout);
        assert!(status.contains("applied") && status.contains("foundation"), "{status}");
        let down = dayline.run(&["migrate", "down", "1"]);
        assert!(down.status.success(), "{}", text(&down.stderr));
        assert!(text(&down.stdout).contains("reverted 1 migration(s)"));
        assert!(text(&dayline.run(&["migrate", "status"]).stdout).contains("pending"));
        assert!(dayline.run(&["migrate", "up"]).status.success());
        assert_eq!(dayline.count("SELECT COUNT(*) FROM users").await, 0, "the schema is back");
        assert_eq!(dayline.run(&["migrate", "down", "0"]).status.code(), Some(2), "0 steps is a usage error");
    }

    async fn admin_create_user_reads_the_password_from_standard_input(backend: Backend) {
        let dayline = Dayline::new(backend).await;
        let create = |email: &str, password: &str| {
            let mut child = dayline
                .command(&["admin", "create-user", "--email", email, "--display-name", "Root", "--super-admin"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn");
            child.stdin.take().expect("stdin").write_all(format!("{password}\n").as_bytes()).expect("write");
            child.wait_with_output().expect("wait")
        };
        let output = create("root@example.com", "correct horse battery staple");
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert!(text(&output.stdout).contains("created user"));
        assert_eq!(dayline.count("SELECT COUNT(*) FROM users WHERE role = 'super_admin'").await, 1);
        assert_eq!(dayline.count("SELECT COUNT(*) FROM instance_setup").await, 1, "the first super admin completes setup");
        assert_eq!(dayline.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.created'").await, 1);

        let output = create("not-an-email", "correct horse battery staple");
        assert_eq!(output.status.code(), Some(1));
        assert!(text(&output.stderr).contains("email is not a valid e-mail address"), "{}", text(&output.stderr));
        let output = create("ROOT@example.com", "correct horse battery staple");
        assert!(text(&output.stderr).contains("already registered"), "e-mail is case-insensitive: {}", text(&output.stderr));
        assert_eq!(dayline.count("SELECT COUNT(*) FROM users").await, 1);

        let flag = dayline.run(&["admin", "create-user", "--email", "a@example.com", "--display-name", "A", "--password", "x"]);
        assert_eq!(flag.status.code(), Some(2), "there is no password flag");

        // A lost phone: the operator removes the second factors from the command line.
        dayline.execute("INSERT INTO backup_codes (id, user_id, lookup, code_hash, created_at) \
            SELECT id, id, 'abcd', 'not a real hash', created_at FROM users").await;
        let reset = dayline.run(&["admin", "reset-mfa", "Root@Example.com"]);
        assert!(reset.status.success(), "{}", text(&reset.stderr));
        assert_eq!(dayline.count("SELECT COUNT(*) FROM backup_codes").await, 0);
        assert_eq!(dayline.count("SELECT COUNT(*) FROM audit_log WHERE action = 'mfa.reset_by_admin'").await, 1);
        let unknown = dayline.run(&["admin", "reset-mfa", "nobody@example.com"]);
        assert_eq!(unknown.status.code(), Some(1));
        assert!(text(&unknown.stderr).contains("no user with the e-mail address"), "{}", text(&unknown.stderr));
    }
}

#[tokio::test]
async fn send_test_mail_delivers_through_smtp_or_logs_without_it() {
    let dayline = Dayline::new(Backend::Sqlite).await;
    let sink = crate::support::smtp::SmtpSink::start().await;
    let url = sink.url();
    let output = tokio::task::spawn_blocking({
        let command = dayline.command(&["admin", "send-test-mail", "ops@example.com"]);
        move || {
            let mut command = command;
            command.env("DAYLINE_SMTP_URL", url).output().expect("run")
        }
    })
    .await
    .expect("join");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("test mail sent to ops@example.com"));
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(sink.messages()[0].to, ["ops@example.com"]);

    let output = dayline.run(&["admin", "send-test-mail", "ops@example.com"]);
    assert!(output.status.success());
    assert!(text(&output.stderr).contains("no smtp_url is configured"));
    let logged = text(&output.stdout);
    assert!(
        logged.contains("no SMTP configured, so logged instead") && logged.contains("Dayline: test mail"),
        "{logged}"
    );

    let output = dayline.run(&["admin", "send-test-mail", "not an address"]);
    assert_eq!(output.status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_separate_worker_process_sends_mail_enqueued_by_another_process() {
    let dayline = Dayline::new(Backend::Postgres).await;
    let sink = crate::support::smtp::SmtpSink::start().await;
    let mut worker = dayline
        .command(&["worker"])
        .env("DAYLINE_SMTP_URL", sink.url())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("worker starts");

    // Enqueue from this process, through the library, as the API would.
    let url = dayline.database.as_ref().expect("db").owner_url();
    let settings = dayline::config::Settings { database_url: Some(url.into()), ..Default::default() };
    let db = dayline::start::connect(&settings, &settings.db_options(), std::sync::Arc::new(dayline_db::SystemClock))
        .await
        .expect("connect");
    assert!(
        crate::support::eventually(|| async { dayline.count("SELECT COUNT(*) FROM _sqlx_migrations").await > 0 }).await
    );
    let mut tx = db.begin(dayline_db::ActorContext::system()).await.expect("begin");
    dayline::mail::enqueue(&mut tx, "ana@example.com", &dayline::mail::MailTemplate::Test).await.expect("enqueue");
    tx.audit(dayline_db::AuditEntry::new("test.mail_requested", "user", None)).await.expect("audit");
    tx.commit().await.expect("commit");

    assert!(crate::support::eventually(|| async { sink.messages().len() == 1 }).await, "the worker process sent it");
    let status = Command::new("kill").args(["-TERM", &worker.id().to_string()]).status().expect("kill");
    assert!(status.success());
    assert!(worker.wait().expect("wait").success(), "a clean stop on SIGTERM");
    db.close().await;
}
