//! The embedded web app: served at `/` and at any page path a browser navigates to, with
//! hashed assets cached for good and no inline script for the CSP to allow; API clients still
//! get problem documents for unknown paths. A build without npm says how to build the app.

use crate::support::{Backend, expect_problem, spawn_app};

async fn page(app: &crate::support::TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).header("accept", "text/html,application/xhtml+xml").send().await.expect("page")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsers_get_the_app_on_every_page_path_and_api_clients_get_problems() {
    let app = spawn_app(Backend::Sqlite).await;
    let root = page(&app, "/").await;
    assert_eq!(root.status(), 200);
    assert!(root.headers()["content-type"].to_str().expect("type").starts_with("text/html"));
    assert!(root.headers()["content-security-policy"].to_str().expect("csp").contains("script-src 'self'"));
    let html = root.text().await.expect("html");
    if !dayline::web::spa::is_built() {
        assert!(html.contains("built without its web app"), "{html}");
        return;
    }
    assert!(html.contains("id=\"root\""), "{html}");
    for script in html.split("<script").skip(1) {
        assert!(script.split('>').next().is_some_and(|attrs| attrs.contains("src=")), "no inline script: {script}");
    }
    let deep = page(&app, "/tasks/some-task?view=board").await;
    assert_eq!(deep.status(), 200, "client-side routes load the app");
    assert_eq!(deep.headers()["cache-control"], "no-cache");
    assert_eq!(deep.text().await.expect("html"), html);

    let asset = html.split("src=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("script src");
    assert!(asset.starts_with("/assets/"), "{asset}");
    let script = app.get(asset).await;
    assert_eq!(script.status(), 200);
    assert_eq!(script.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(script.headers()["content-type"].to_str().expect("type").contains("javascript"));

    expect_problem(page(&app, "/assets/missing-0000.js").await, 404).await;
    expect_problem(page(&app, "/api/v1/no-such-thing").await, 404).await;
    expect_problem(app.get("/tasks/some-task").await, 404).await;
    let posted = app.client.post(app.url("/tasks")).header("accept", "text/html").send().await.expect("post");
    expect_problem(posted, 404).await;
}
