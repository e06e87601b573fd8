//! Rate limits (per IP, per user, sign-in attempts per IP), the client address behind
//! proxies, and growing delays after failed sign-ins, on both backends.

use std::sync::Arc;

use chrono::Utc;
use dayline::config::Settings;
use dayline_db::TestClock;
use serde_json::json;

use crate::support::{Options, PASSWORD, TestApp, expect_problem, spawn_app_with};

async fn app_with(backend: crate::support::Backend, configure: impl FnOnce(&mut Settings) + Send + 'static) -> TestApp {
    let app = spawn_app_with(backend, Options { configure: Box::new(configure), ..Options::default() }).await;
    app.complete_setup().await;
    app
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

async fn wrong_login(app: &TestApp, forwarded_for: Option<&str>) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "email": "ana@example.com", "password": "not the password" }));
    if let Some(ip) = forwarded_for {
        request = request.header("x-forwarded-for", ip);
    }
    request.send().await.expect("login")
}

/// The IP addresses recorded with failed sign-ins, oldest first.
async fn failure_ips(app: &TestApp) -> Vec<Option<String>> {
    let rows: Vec<(Option<String>,)> =
        dayline_db::sql("SELECT actor_ip FROM audit_log WHERE action = 'auth.login_failed' ORDER BY occurred_at, id")
            .fetch_all(app.state.db.read_as_system())
            .await
            .expect("audit");
    rows.into_iter().map(|(ip,)| ip).collect()
}

on_both! {
    async fn the_per_ip_limit_counts_down_in_headers_then_answers_429(backend: Backend) {
        let app = app_with(backend, |s| s.rate_limit_ip_per_minute = 4).await;
        // complete_setup used one request of the allowance.
        let mut remaining = Vec::new();
        for _ in 0..3 {
            let response = app.get("/api/v1/setup").await;
            assert_eq!(response.status(), 200);
            assert_eq!(header(&response, "ratelimit-limit").as_deref(), Some("4"));
            remaining.push(header(&response, "ratelimit-remaining").expect("remaining"));
            assert!(header(&response, "ratelimit-reset").is_some());
        }
        assert_eq!(remaining, ["2", "1", "0"]);
        let refused = app.get("/api/v1/setup").await;
        let retry_after: u64 = header(&refused, "retry-after").expect("retry-after").parse().expect("seconds");
        assert!((1..=60).contains(&retry_after), "{retry_after}");
        assert_eq!(header(&refused, "ratelimit-remaining").as_deref(), Some("0"));
        let problem = expect_problem(refused, 429).await;
        assert_eq!(problem["type"], "/problems/rate-limited");
        // Liveness probes are never refused.
        assert_eq!(app.get("/livez").await.status(), 200);
    }

    async fn each_signed_in_user_has_an_allowance_of_their_own(backend: Backend) {
        let app = app_with(backend, |s| {
            s.rate_limit_ip_per_minute = 0;
            s.rate_limit_user_per_minute = 3;
        })
        .await;
        let token = app.access_token("ana@example.com", PASSWORD).await;
        let me = || app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send();
        for expected in ["2", "1", "0"] {
            let response = me().await.expect("me");
            assert_eq!(response.status(), 200);
            assert_eq!(header(&response, "ratelimit-remaining").as_deref(), Some(expected));
        }
        let refused = me().await.expect("me");
        assert!(header(&refused, "retry-after").is_some());
        expect_problem(refused, 429).await;
        // Anonymous requests from the same address are not counted against the user.
        assert_eq!(app.get("/api/v1/setup").await.status(), 200);
    }

    async fn sign_in_attempts_from_one_address_are_capped(backend: Backend) {
        let app = app_with(backend, |s| s.login_attempts_per_ip_per_minute = 3).await;
        for _ in 0..3 {
            expect_problem(wrong_login(&app, None).await, 401).await;
        }
        // Past the cap even the right password is not checked.
        let refused = app.login("ana@example.com", PASSWORD).await;
        assert!(header(&refused, "retry-after").is_some());
        expect_problem(refused, 429).await;
        // The cap covers the other credential endpoints too.
        let forgot = app.post_json("/api/v1/auth/password/forgot", &json!({ "email": "ana@example.com" })).await;
        expect_problem(forgot, 429).await;
    }

    async fn a_forged_x_forwarded_for_changes_neither_the_limit_nor_the_audited_address(backend: Backend) {
        let app = app_with(backend, |s| s.login_attempts_per_ip_per_minute = 2).await;
        expect_problem(wrong_login(&app, Some("198.51.100.1")).await, 401).await;
        expect_problem(wrong_login(&app, Some("198.51.100.2")).await, 401).await;
        // A third "client" is still the same peer, so it is over the cap.
        expect_problem(wrong_login(&app, Some("198.51.100.3")).await, 429).await;
        let ips = failure_ips(&app).await;
        assert_eq!(ips, vec![Some("127.0.0.1".to_owned()); 2]);
    }

    async fn behind_a_trusted_proxy_the_forwarded_client_is_used(backend: Backend) {
        let app = app_with(backend, |s| {
            s.login_attempts_per_ip_per_minute = 1;
            s.trusted_proxies = vec!["127.0.0.0/8".to_owned()];
        })
        .await;
        // The proxy appends the real client; anything left of it came from the client.
        expect_problem(wrong_login(&app, Some("203.0.113.66, 198.51.100.1")).await, 401).await;
        expect_problem(wrong_login(&app, Some("198.51.100.2")).await, 401).await;
        expect_problem(wrong_login(&app, Some("198.51.100.2")).await, 429).await;
        let ips = failure_ips(&app).await;
        assert_eq!(ips, vec![Some("198.51.100.1".to_owned()), Some("198.51.100.2".to_owned())]);
    }

    async fn failed_sign_ins_make_the_next_attempt_wait_longer(backend: Backend) {
        let clock = Arc::new(TestClock::new(Utc::now()));
        let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
        app.complete_setup().await;
        for _ in 0..3 {
            expect_problem(wrong_login(&app, None).await, 401).await;
        }
        // Right after the third failure even the right password gets "invalid credentials"...
        let throttled = expect_problem(app.login("ana@example.com", PASSWORD).await, 401).await;
        assert_eq!(throttled["detail"], "Invalid credentials.");
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_throttled'").await, 1);
        // ...and an unknown address is treated exactly alike.
        for _ in 0..3 {
            let response = app.login("nobody@example.com", "not the password").await;
            expect_problem(response, 401).await;
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_throttled'").await, 1);
        expect_problem(app.login("nobody@example.com", "not the password").await, 401).await;
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_throttled'").await, 2);
        // A fourth failure doubles the wait: after one second, one more failure...
        clock.advance(chrono::Duration::seconds(1));
        expect_problem(wrong_login(&app, None).await, 401).await;
        clock.advance(chrono::Duration::seconds(1));
        expect_problem(app.login("ana@example.com", PASSWORD).await, 401).await;
        // ...then two seconds, and the right password works again.
        clock.advance(chrono::Duration::seconds(1));
        assert_eq!(app.login("ana@example.com", PASSWORD).await.status(), 200);
    }
}
