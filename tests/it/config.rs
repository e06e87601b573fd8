//! Configuration errors stop start-up with exit code 2 and name the key; secrets are redacted.

use crate::cli::Dayline;
use crate::support::Backend;

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn unknown_keys_and_invalid_values_stop_start_up_naming_the_key() {
    let dayline = Dayline::new(Backend::Sqlite).await;
    let output = dayline.command(&["serve"]).env("DAYLINE_LISTN", "127.0.0.1:1").output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`listn`") && stderr(&output).contains("DAYLINE_LISTN"), "{}", stderr(&output));

    let output = dayline.command(&["serve"]).env("DAYLINE_LISTEN", "not-an-address").output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`listen`"), "{}", stderr(&output));

    let file = dayline.data_dir.path().join("dayline.toml");
    std::fs::write(&file, "lisen = \"127.0.0.1:9\"\n").expect("write");
    let output =
        dayline.command(&["--config", file.to_str().expect("utf-8"), "config", "check"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`lisen`") && stderr(&output).contains("dayline.toml"), "{}", stderr(&output));

    std::fs::write(&file, "body_limit_bytes = \"lots\"\n").expect("write");
    let output =
        dayline.command(&["--config", file.to_str().expect("utf-8"), "config", "check"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`body_limit_bytes`"), "{}", stderr(&output));
}

#[tokio::test]
async fn config_check_prints_the_effective_configuration_without_secrets() {
    let dayline = Dayline::new(Backend::Sqlite).await;
    let file = dayline.data_dir.path().join("dayline.toml");
    std::fs::write(&file, "instance_name = \"Acme Dayline\"\nrequest_timeout_secs = 10\n").expect("write");
    let output = dayline
        .command(&["--config", file.to_str().expect("utf-8"), "config", "check"])
        .env("DATABASE_URL", "postgres://app:hunter2@db.internal:5432/dayline")
        .env("DAYLINE_REQUEST_TIMEOUT_SECS", "20")
        .env("DAYLINE_METRICS_TOKEN", "scrape-secret")
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains("instance_name = \"Acme Dayline\""), "the file applies: {printed}");
    assert!(printed.contains("request_timeout_secs = 20"), "the environment wins over the file: {printed}");
    assert!(printed.contains("postgres://app:********@db.internal:5432/dayline"), "{printed}");
    assert!(!printed.contains("hunter2") && !printed.contains("scrape-secret"), "{printed}");
}

#[tokio::test]
async fn an_unreachable_database_stops_start_up_with_exit_code_2() {
    let dayline = Dayline::new(Backend::Sqlite).await;
    let output = dayline
        .command(&["serve"])
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/nowhere")
        .env("DAYLINE_DATABASE_ACQUIRE_TIMEOUT_MS", "500")
        .env("DAYLINE_LISTEN", "127.0.0.1:0")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot connect to the PostgreSQL database"), "{}", stderr(&output));
}
