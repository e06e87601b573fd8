//! Request ids, security headers, compression and CORS.

use crate::support::{Backend, Options, spawn_app, spawn_app_with};

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_ids_are_echoed_when_well_formed_and_replaced_otherwise() {
    let app = spawn_app(Backend::Sqlite).await;
    let response =
        app.client.get(app.url("/livez")).header("x-request-id", "client-abc.123").send().await.expect("request");
    assert_eq!(header(&response, "x-request-id"), Some("client-abc.123"));

    for bad in ["x".repeat(10 * 1024), "has spaces".to_owned(), "<script>".to_owned(), "tab\there".to_owned()] {
        let response =
            app.client.get(app.url("/livez")).header("x-request-id", bad.as_str()).send().await.expect("request");
        let id = header(&response, "x-request-id").expect("generated id");
        assert_ne!(id, bad);
        assert_eq!(id.len(), 32, "a fresh UUIDv7: {id}");
    }
    let a = app.get("/livez").await;
    let b = app.get("/livez").await;
    assert_ne!(header(&a, "x-request-id"), header(&b, "x-request-id"), "every request gets its own id");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_are_on_every_response() {
    let app = spawn_app(Backend::Sqlite).await;
    for path in ["/livez", "/api/docs", "/no-such-page"] {
        let response = app.get(path).await;
        let csp = header(&response, "content-security-policy").expect("csp");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(header(&response, "x-content-type-options"), Some("nosniff"));
        assert_eq!(header(&response, "referrer-policy"), Some("strict-origin-when-cross-origin"));
        assert_eq!(header(&response, "strict-transport-security"), None, "no HSTS over plain http");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_is_sent_when_the_public_url_is_https() {
    let options = Options {
        configure: Box::new(|s| s.public_url = Some("https://dayline.example.com".to_owned())),
        ..Options::default()
    };
    let app = spawn_app_with(Backend::Sqlite, options).await;
    let response = app.get("/livez").await;
    assert_eq!(header(&response, "strict-transport-security"), Some("max-age=63072000; includeSubDomains"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let app = spawn_app(Backend::Sqlite).await;
    for (accept, expected) in [("br", "br"), ("gzip", "gzip")] {
        let response = app
            .client
            .get(app.url("/api/v1/openapi.json"))
            .header("accept-encoding", accept)
            .send()
            .await
            .expect("request");
        assert_eq!(header(&response, "content-encoding"), Some(expected));
    }
    let plain = app.get("/api/v1/openapi.json").await;
    assert_eq!(header(&plain, "content-encoding"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_is_off_unless_origins_are_configured() {
    let preflight = |app: &crate::support::TestApp, origin: &str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/setup"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
    };
    let closed = spawn_app(Backend::Sqlite).await;
    let response = preflight(&closed, "https://app.example.com").await.expect("request");
    assert_eq!(header(&response, "access-control-allow-origin"), None);

    let options = Options {
        configure: Box::new(|s| s.cors_origins = vec!["https://app.example.com".to_owned()]),
        ..Options::default()
    };
    let open = spawn_app_with(Backend::Sqlite, options).await;
    let response = preflight(&open, "https://app.example.com").await.expect("request");
    assert_eq!(header(&response, "access-control-allow-origin"), Some("https://app.example.com"));
    let response = preflight(&open, "https://evil.example.net").await.expect("request");
    assert_eq!(header(&response, "access-control-allow-origin"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_utf8_and_control_bytes_in_headers_are_harmless() {
    use crate::support::raw;
    let app = spawn_app(Backend::Sqlite).await;
    let mut stream = raw::connect(app.addr).await;
    raw::send(&mut stream, b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Request-Id: caf\xe9\xff\r\nUser-Agent: \xc3\x28\r\nConnection: close\r\n\r\n").await;
    let (status, text) = raw::read_response(&mut stream).await;
    assert_eq!(status, 200, "{text}");
    let id = text.lines().find_map(|l| l.strip_prefix("x-request-id: ")).expect("a request id");
    assert_eq!(id.len(), 32, "replaced by a generated id: {id}");

    let mut stream = raw::connect(app.addr).await;
    raw::send(&mut stream, b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\x01b\r\nConnection: close\r\n\r\n")
        .await;
    let (status, _) = raw::read_response(&mut stream).await;
    assert!(status == 200 || status == 400, "control bytes are refused or ignored, never a crash: {status}");
    assert_eq!(app.get("/livez").await.status(), 200);
}
