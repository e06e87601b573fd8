//! Graceful shutdown: requests in flight finish, new connections are refused.

use crate::support::raw;
use crate::support::spawn_app;

on_both! {
    async fn shutdown_finishes_requests_in_flight(backend: Backend) {
        let mut app = spawn_app(backend).await;
        let body = br#"{"token":"wrong","email":"a@example.com","display_name":"A","password":"long enough"}"#;
        let head = format!(
            "POST /api/v1/setup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let mut stream = raw::connect(app.addr).await;
        raw::send(&mut stream, head.as_bytes()).await;
        // "100 Continue" arrives when the handler starts reading the body: the request is in flight.
        raw::read_until(&mut stream, "100 Continue\r\n\r\n").await;

        app.begin_shutdown();
        assert!(
            crate::support::eventually(|| async { tokio::net::TcpStream::connect(app.addr).await.is_err() }).await,
            "new connections are refused once shutdown begins"
        );
        assert!(app.state.is_shutting_down());

        raw::send(&mut stream, body).await;
        let (status, text) = raw::read_response(&mut stream).await;
        assert_eq!(status, 403, "the in-flight request got its real answer: {text}");
        let server = app.server.take().expect("server task");
        server.await.expect("join").expect("clean exit");
    }
}
