//! Every failure is a problem document naming what went wrong; nothing answers 500.

use crate::support::raw;
use crate::support::{Backend, Options, expect_problem, spawn_app, spawn_app_with};

on_both! {
    async fn unknown_routes_and_wrong_methods_are_problems(backend: Backend) {
        let app = spawn_app(backend).await;
        let problem = expect_problem(app.get("/api/v1/nothing-here").await, 404).await;
        assert_eq!(problem["type"], "/problems/not-found");

        let response = app.client.delete(app.url("/health")).send().await.expect("request");
        let allow = response.headers().get("allow").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let problem = expect_problem(response, 405).await;
        assert_eq!(problem["type"], "/problems/method-not-allowed");
        assert_eq!(allow.as_deref(), Some("GET,HEAD"));
    }

    async fn malformed_json_is_a_400_naming_line_and_column(backend: Backend) {
        let app = spawn_app(backend).await;
        let trailing = r#"{"token":"x","email":"a@example.com","display_name":"A","password":"long enough"} {"b":2}"#;
        for body in ["{\"token\": \"x\",\n \"email\": ", "garbage", trailing, ""] {
            let response = app
                .client
                .post(app.url("/api/v1/setup"))
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .expect("request");
            let problem = expect_problem(response, 400).await;
            let detail = problem["detail"].as_str().expect("detail");
            assert!(detail.contains("line") && detail.contains("column"), "{detail}");
        }
        let response = app
            .client
            .post(app.url("/api/v1/setup"))
            .header("content-type", "application/json")
            .body("{\"token\": \"x\",\n \"email\": ")
            .send()
            .await
            .expect("request");
        let problem = expect_problem(response, 400).await;
        assert!(problem["detail"].as_str().expect("detail").contains("line 2"), "{problem}");
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    }

    async fn wrong_shapes_are_a_422_naming_the_field(backend: Backend) {
        let app = spawn_app(backend).await;
        let body = serde_json::json!({"token": "x", "email": 42, "display_name": "A", "password": "long enough"});
        let problem = expect_problem(app.post_json("/api/v1/setup", &body).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "email");
        let body = serde_json::json!({"token": "x", "display_name": "A", "password": "long enough"});
        let problem = expect_problem(app.post_json("/api/v1/setup", &body).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "email");
    }

    async fn wrong_media_types_are_a_415(backend: Backend) {
        let app = spawn_app(backend).await;
        for content_type in [None, Some("text/plain"), Some("application/x-www-form-urlencoded"), Some("multipart/form-data")] {
            let mut request = app.client.post(app.url("/api/v1/setup")).body("{}");
            if let Some(ct) = content_type {
                request = request.header("content-type", ct);
            }
            let problem = expect_problem(request.send().await.expect("request"), 415).await;
            assert_eq!(problem["type"], "/problems/unsupported-media-type");
        }
        // Parameters and +json types are fine.
        let response = app
            .client
            .post(app.url("/api/v1/setup"))
            .header("content-type", "application/json; charset=utf-8")
            .body("{}")
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 422);
    }

    async fn bodies_over_the_limit_are_a_413(backend: Backend) {
        let options = Options { configure: Box::new(|s| s.body_limit_bytes = 1024), ..Options::default() };
        let app = spawn_app_with(backend, options).await;
        let big = format!("{{\"token\": \"{}\"}}", "x".repeat(2048));
        let response = app
            .client
            .post(app.url("/api/v1/setup"))
            .header("content-type", "application/json")
            .body(big.clone())
            .send()
            .await
            .expect("request");
        assert_eq!(response.headers()["connection"], "close", "the unread rest ends the connection; clients must not reuse it");
        let problem = expect_problem(response, 413).await;
        assert_eq!(problem["type"], "/problems/payload-too-large");
        // Without Content-Length (chunked), the limit still holds.
        let chunks = big.into_bytes().chunks(256).map(|c| Ok::<_, std::io::Error>(c.to_vec())).collect::<Vec<_>>();
        let response = app
            .client
            .post(app.url("/api/v1/setup"))
            .header("content-type", "application/json")
            .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
            .send()
            .await
            .expect("request");
        assert_eq!(response.headers()["connection"], "close");
        expect_problem(response, 413).await;
        // Just under the limit is read and judged on its content.
        let small = serde_json::json!({"token": "x".repeat(900)});
        assert_eq!(app.post_json("/api/v1/setup", &small).await.status(), 422);
    }

    async fn ten_mebibyte_bodies_are_refused_without_harm(backend: Backend) {
        let app = spawn_app(backend).await;
        let big = format!("{{\"token\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
        let response =
            app.client.post(app.url("/api/v1/setup")).header("content-type", "application/json").body(big).send().await;
        // The server may answer 413 before reading everything and close; either way, no user.
        if let Ok(response) = response {
            assert_eq!(response.status(), 413);
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
        assert_eq!(app.get("/livez").await.status(), 200);
    }

    async fn odd_paths_never_cause_a_server_error(backend: Backend) {
        let app = spawn_app(backend).await;
        for path in ["/%FF%FE", "/api/v1/%00", "/api/docs/..%2F..%2Fetc%2Fpasswd", "/api/docs/%C0%AF"] {
            let response = app.get(path).await;
            let status = response.status().as_u16();
            assert!(status == 400 || status == 404, "{path}: {status}");
            expect_problem(response, status).await;
        }
        let mut stream = raw::connect(app.addr).await;
        raw::send(&mut stream, b"GET /caf\xc3\xa9\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
        let (status, _) = raw::read_response(&mut stream).await;
        assert!(status == 400 || status == 404, "raw invalid bytes in the path: {status}");
        assert_eq!(app.get("/livez").await.status(), 200, "the server is unharmed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_requests_time_out_with_a_503_problem() {
    let options = Options { configure: Box::new(|s| s.request_timeout_secs = 1), ..Options::default() };
    let app = spawn_app_with(Backend::Sqlite, options).await;
    let mut stream = raw::connect(app.addr).await;
    // Promise 100 bytes, send 10, then stall.
    raw::send(
        &mut stream,
        b"POST /api/v1/setup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"token\":",
    )
    .await;
    let (status, text) = raw::read_response(&mut stream).await;
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("/problems/timeout"), "{text}");
    assert!(text.to_ascii_lowercase().contains("retry-after"), "{text}");
}
