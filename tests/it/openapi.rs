//! The OpenAPI document is generated from the code and kept as a reviewed snapshot in
//! `docs/openapi.json`; `DAYLINE_UPDATE_SNAPSHOTS=1` rewrites the snapshot.

use crate::support::{Backend, spawn_app};

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.json");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_matches_the_snapshot() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    let served = response.text().await.expect("text");
    let doc: serde_json::Value = serde_json::from_str(&served).expect("valid JSON");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")), "OpenAPI 3.1");
    for path in ["/health", "/livez", "/readyz", "/api/v1/setup"] {
        assert!(doc["paths"].get(path).is_some(), "{path} is documented");
    }
    assert!(doc["paths"]["/api/v1/setup"].get("post").is_some());
    // Generated clients name methods after operation ids: each must be unique.
    let mut ids: Vec<&str> = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("item").values().filter_map(|op| op["operationId"].as_str()))
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "operation ids are unique");
    assert!(ids.contains(&"get_tasks_id_comments"), "{ids:?}");

    if std::env::var_os("DAYLINE_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(SNAPSHOT, &served).expect("write snapshot");
    }
    let snapshot = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        snapshot == served,
        "docs/openapi.json is stale: review the API change, then run with DAYLINE_UPDATE_SNAPSHOTS=1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_docs_page_is_served_from_our_own_assets() {
    let app = spawn_app(Backend::Sqlite).await;
    let page = app.get("/api/docs").await.text().await.expect("text");
    assert!(page.contains("/api/docs/docs.js") && page.contains("/api/docs/docs.css"));
    assert!(!page.contains("https://"), "no CDN or other external source");
    assert!(!page.contains("<script>"), "no inline script (the CSP forbids it)");
    let script = app.get("/api/docs/docs.js").await;
    assert_eq!(script.headers()["content-type"], "text/javascript; charset=utf-8");
    assert!(script.text().await.expect("text").contains("/api/v1/openapi.json"));
    assert_eq!(app.get("/api/docs/other.js").await.status(), 404);
}
