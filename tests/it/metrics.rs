//! `/metrics` speaks the Prometheus text format that `promtool` accepts.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{Backend, Options, spawn_app, spawn_app_with};

fn promtool_check(text: &str) -> (bool, String) {
    let mut child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool is installed (scripts/test installs Debian's `prometheus` package)");
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    let output = child.wait_with_output().expect("promtool runs");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success() && report.trim().is_empty(), report)
}

on_both! {
    async fn metrics_count_requests_by_route_template_and_pass_promtool(backend: Backend) {
        let app = spawn_app(backend).await;
        app.get("/health").await;
        app.get("/api/v1/setup").await;
        app.get("/definitely/not/a/route").await;
        let odd = reqwest::Method::from_bytes(b"BREW").expect("method");
        app.client.request(odd, app.url("/livez")).send().await.expect("request");
        let response = app.get("/metrics").await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().expect("ascii").starts_with("text/plain"));
        let text = response.text().await.expect("text");

        assert!(text.contains(r#"http_requests_total{method="GET",route="/health",status="200"}"#), "{text}");
        assert!(text.contains(r#"route="/api/v1/setup""#));
        assert!(text.contains(r#"http_requests_total{method="GET",route="unmatched",status="404"}"#), "unknown paths share one label");
        assert!(!text.contains("/definitely/not/a/route"), "raw paths never become labels");
        assert!(text.contains(r#"http_request_duration_seconds_bucket{method="GET",route="/health",status="200""#), "{text}");
        assert!(!text.contains("BREW") && text.contains(r#"method="other""#), "unknown methods share one label");
        assert!(text.contains("db_pool_connections{state=\"idle\"}"));
        let backend_label = match backend { Backend::Sqlite => "sqlite", Backend::Postgres => "postgres" };
        assert!(text.contains(&format!("backend=\"{backend_label}\"")));
        assert!(text.contains("dayline_build_info{"));

        let (ok, report) = promtool_check(&text);
        assert!(ok, "promtool check metrics:\n{report}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_can_require_a_token() {
    let options = Options {
        configure: Box::new(|s| s.metrics_token = Some("scrape-secret".to_owned().into())),
        ..Options::default()
    };
    let app = spawn_app_with(Backend::Sqlite, options).await;
    crate::support::expect_problem(app.get("/metrics").await, 401).await;
    let wrong = app.client.get(app.url("/metrics")).bearer_auth("nope").send().await.expect("request");
    assert_eq!(wrong.status(), 401);
    let right = app.client.get(app.url("/metrics")).bearer_auth("scrape-secret").send().await.expect("request");
    assert_eq!(right.status(), 200);
}
