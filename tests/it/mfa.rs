//! Second factors over HTTP on both backends: TOTP enrolment and sign-in, replay and window
//! edges on the test clock, single-use tokens and backup codes, throttling, step-up, an
//! administrator's reset, and the rule that super admins must have a second factor.

use std::sync::Arc;

use chrono::Duration;
use dayline_api_types::GlobalRole;
use dayline_db::TestClock;
use serde_json::{Value, json};

use crate::support::{Options, PASSWORD, TestApp, expect_problem, spawn_app_with};

async fn app(backend: crate::support::Backend) -> (TestApp, Arc<TestClock>) {
    let clock = Arc::new(TestClock::new(chrono::Utc::now()));
    let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
    app.complete_setup().await;
    (app, clock)
}

/// The password step of a sign-in that needs a second factor: the `mfa_token`.
async fn password_step(app: &TestApp, email: &str) -> String {
    let first: Value = app.login(email, PASSWORD).await.json().await.expect("json");
    assert_eq!(first["mfa_required"], true, "{first}");
    first["mfa_token"].as_str().expect("mfa token").to_owned()
}

async fn finish(app: &TestApp, mfa_token: &str, factor: Value) -> reqwest::Response {
    let mut body = factor;
    body["mfa_token"] = json!(mfa_token);
    app.post_json("/api/v1/auth/mfa", &body).await
}

on_both! {
    async fn totp_sign_in_refuses_replays_stale_codes_and_used_or_expired_tokens(backend: Backend) {
        let (app, clock) = app(backend).await;
        let token = app.access_token("ana@example.com", PASSWORD).await;
        // A super admin without a second factor can only set one up.
        let status: Value = app.send(reqwest::Method::GET, "/api/v1/me/mfa", &token, None).await.json().await.expect("json");
        assert_eq!(status["enrolment_required"], true);
        let blocked = expect_problem(app.send(reqwest::Method::GET, "/api/v1/admin/audit", &token, None).await, 403).await;
        assert_eq!(blocked["type"], "/problems/second-factor-required");

        let started: Value = app.send(reqwest::Method::POST, "/api/v1/me/mfa/totp", &token, None).await.json().await.expect("json");
        let uri = started["otpauth_uri"].as_str().expect("uri");
        assert!(uri.starts_with("otpauth://totp/Dayline:ana%40example.com?"), "{uri}");
        // SHA-1, 6 digits and 30 s are the URI format's defaults, so they need not be spelled out.
        assert!(uri.contains("issuer=Dayline") && uri.contains(&format!("secret={}", started["secret"].as_str().expect("s"))), "{uri}");
        let secret = dayline::auth::totp::from_base32(started["secret"].as_str().expect("secret")).expect("base32");
        let wrong = expect_problem(app.send(reqwest::Method::POST, "/api/v1/me/mfa/totp/confirm", &token, Some(json!({ "code": "000000" }))).await, 422).await;
        assert_eq!(wrong["errors"][0]["field"], "code");
        let confirmed = app.send(reqwest::Method::POST, "/api/v1/me/mfa/totp/confirm", &token, Some(json!({ "code": app.totp_code(&secret, 0) }))).await;
        let codes: Value = confirmed.json().await.expect("json");
        assert_eq!(codes["codes"].as_array().expect("codes").len(), 10);
        // The secret is encrypted at rest.
        let (stored,): (String,) = dayline_db::sql("SELECT secret FROM totp_credentials").fetch_one(app.state.db.read_as_system()).await.expect("row");
        assert!(!stored.contains(started["secret"].as_str().expect("secret")));

        // The password alone no longer signs in, and starts no session.
        let sessions_before = app.count("SELECT COUNT(*) FROM sessions").await;
        let mfa_token = password_step(&app, "ana@example.com").await;
        assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, sessions_before);
        expect_problem(finish(&app, &mfa_token, json!({ "code": "123456" })).await, 401).await;
        // The confirming code's step was used: the same code is a replay, refused and audited.
        expect_problem(finish(&app, &mfa_token, json!({ "code": app.totp_code(&secret, 0) })).await, 401).await;
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.totp_replay_refused'").await, 1);
        // The next step's code is inside the ±1 window.
        let signed_in = finish(&app, &mfa_token, json!({ "code": app.totp_code(&secret, 1) })).await;
        assert_eq!(signed_in.status(), 200);
        let pair: Value = signed_in.json().await.expect("json");
        assert_eq!(app.send(reqwest::Method::GET, "/api/v1/admin/audit", pair["access_token"].as_str().expect("t"), None).await.status(), 200);
        // A used mfa_token is dead, even with a fresh code.
        clock.advance(Duration::seconds(60));
        expect_problem(finish(&app, &mfa_token, json!({ "code": app.totp_code(&secret, 0) })).await, 401).await;

        // Window edges: one step back works, two steps back does not.
        clock.advance(Duration::seconds(90));
        let fresh = password_step(&app, "ana@example.com").await;
        expect_problem(finish(&app, &fresh, json!({ "code": app.totp_code(&secret, -2) })).await, 401).await;
        clock.advance(Duration::seconds(3));
        assert_eq!(finish(&app, &fresh, json!({ "code": app.totp_code(&secret, -1) })).await.status(), 200);

        // An mfa_token lives five minutes.
        clock.advance(Duration::seconds(90));
        let stale = password_step(&app, "ana@example.com").await;
        clock.advance(Duration::minutes(5) + Duration::seconds(1));
        expect_problem(finish(&app, &stale, json!({ "code": app.totp_code(&secret, 0) })).await, 401).await;
    }

    async fn backup_codes_work_once_are_mailed_about_and_can_be_replaced(backend: Backend) {
        let (app, clock) = app(backend).await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let token = app.access_token("bo@example.com", PASSWORD).await;
        let (_, codes) = app.enrol_totp(&token).await;

        let mfa_token = password_step(&app, "bo@example.com").await;
        let upper = codes[0].to_uppercase().replace('-', " ");
        assert_eq!(finish(&app, &mfa_token, json!({ "backup_code": upper })).await.status(), 200, "as typed, any case");
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.backup_code_used'").await, 1);
        let (payload,): (sqlx::types::Json<Value>,) = dayline_db::sql("SELECT payload FROM jobs WHERE kind = 'mail.send'")
            .fetch_one(app.state.db.read_as_system()).await.expect("mail");
        assert_eq!((payload.0["to"].as_str(), payload.0["template"]["remaining"].as_i64()), (Some("bo@example.com"), Some(9)));
        let again = password_step(&app, "bo@example.com").await;
        expect_problem(finish(&app, &again, json!({ "backup_code": codes[0] })).await, 401).await;

        // A new set replaces the old one; it needs the password.
        clock.advance(Duration::seconds(61));
        let session = {
            let m = password_step(&app, "bo@example.com").await;
            let r: Value = finish(&app, &m, json!({ "backup_code": codes[1] })).await.json().await.expect("json");
            r["access_token"].as_str().expect("token").to_owned()
        };
        let refused = app.send(reqwest::Method::POST, "/api/v1/me/mfa/backup-codes", &session, Some(json!({ "password": "wrong" }))).await;
        assert_eq!(expect_problem(refused, 422).await["errors"][0]["field"], "password");
        let renewed: Value = app.send(reqwest::Method::POST, "/api/v1/me/mfa/backup-codes", &session, Some(json!({ "password": PASSWORD })))
            .await.json().await.expect("json");
        let status: Value = app.send(reqwest::Method::GET, "/api/v1/me/mfa", &session, None).await.json().await.expect("json");
        assert_eq!(status["backup_codes_remaining"], 10);
        let m = password_step(&app, "bo@example.com").await;
        expect_problem(finish(&app, &m, json!({ "backup_code": codes[2] })).await, 401).await;
        clock.advance(Duration::seconds(61));
        let m = password_step(&app, "bo@example.com").await;
        assert_eq!(finish(&app, &m, json!({ "backup_code": renewed["codes"][0] })).await.status(), 200);
    }

    async fn wrong_second_factors_are_throttled_and_a_password_change_does_not_skip_them(backend: Backend) {
        let (app, clock) = app(backend).await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let (secret, _) = app.enrol_totp(&app.access_token("bo@example.com", PASSWORD).await).await;
        let mfa_token = password_step(&app, "bo@example.com").await;
        for _ in 0..3 {
            expect_problem(finish(&app, &mfa_token, json!({ "code": "000000" })).await, 401).await;
        }
        // Inside the wait even the right code is not checked.
        expect_problem(finish(&app, &mfa_token, json!({ "code": app.totp_code(&secret, 1) })).await, 401).await;
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.second_factor_throttled'").await, 1);
        clock.advance(Duration::seconds(1));
        let session: Value = finish(&app, &mfa_token, json!({ "code": app.totp_code(&secret, 1) })).await.json().await.expect("json");
        let token = session["access_token"].as_str().expect("token");

        let changed = app.send(reqwest::Method::POST, "/api/v1/me/password", token,
            Some(json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase 42" }))).await;
        assert_eq!(changed.status(), 204);
        let first: Value = app.login("bo@example.com", "a brand new passphrase 42").await.json().await.expect("json");
        assert_eq!(first["mfa_required"], true, "a new password still needs the second factor");

        // Removing the authenticator needs the password and a code; then the password suffices.
        clock.advance(Duration::seconds(60));
        let bad = app.send(reqwest::Method::DELETE, "/api/v1/me/mfa/totp", token,
            Some(json!({ "password": "a brand new passphrase 42", "code": "000000" }))).await;
        assert_eq!(expect_problem(bad, 422).await["errors"][0]["field"], "code");
        clock.advance(Duration::seconds(2));
        let removed = app.send(reqwest::Method::DELETE, "/api/v1/me/mfa/totp", token,
            Some(json!({ "password": "a brand new passphrase 42", "code": app.totp_code(&secret, 0) }))).await;
        assert_eq!(removed.status(), 204);
        let plain: Value = app.login("bo@example.com", "a brand new passphrase 42").await.json().await.expect("json");
        assert!(plain["access_token"].is_string(), "{plain}");
    }

    async fn admin_actions_need_a_recent_step_up_and_admins_can_reset_second_factors(backend: Backend) {
        let (app, clock) = app(backend).await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let (bo_secret, _) = app.enrol_totp(&app.access_token("bo@example.com", PASSWORD).await).await;
        let bo = app.sign_in_with_totp("bo@example.com", PASSWORD, &bo_secret, 1).await;
        let (bo_id,): (uuid::Uuid,) = dayline_db::sql("SELECT id FROM users WHERE email = 'bo@example.com'")
            .fetch_one(app.state.db.read_as_system()).await.expect("id");
        let (admin, secret) = app.admin_with_totp().await;
        let user_path = format!("/api/v1/admin/users/{bo_id}");
        let deactivate = |active: bool| app.send(reqwest::Method::PATCH, &user_path, &admin, Some(json!({ "is_active": active })));

        // Signing in with the second factor counts as a step-up, for five minutes.
        assert_eq!(deactivate(true).await.status(), 200);
        clock.advance(Duration::minutes(5));
        let problem = expect_problem(deactivate(true).await, 401).await;
        assert_eq!(problem["type"], "/problems/step-up-required");
        let reset_path = format!("/api/v1/admin/users/{bo_id}/mfa/reset");
        expect_problem(app.send(reqwest::Method::POST, &reset_path, &admin, None).await, 401).await;
        let wrong = app.send(reqwest::Method::POST, "/api/v1/auth/step-up", &admin, Some(json!({ "code": "000000" }))).await;
        assert_eq!(expect_problem(wrong, 422).await["errors"][0]["field"], "code");
        clock.advance(Duration::seconds(1));
        let stepped = app.send(reqwest::Method::POST, "/api/v1/auth/step-up", &admin, Some(json!({ "code": app.totp_code(&secret, 0) }))).await;
        assert_eq!(stepped.status(), 204);
        assert_eq!(deactivate(true).await.status(), 200);

        // Resetting Bo's second factors ends his sessions and mails him; his password then suffices.
        assert_eq!(app.send(reqwest::Method::POST, &reset_path, &admin, None).await.status(), 204);
        assert_eq!(app.send(reqwest::Method::GET, "/api/v1/me", &bo, None).await.status(), 401);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'mfa.reset_by_admin'").await, 1);
        let mails: Vec<(sqlx::types::Json<Value>,)> = dayline_db::sql("SELECT payload FROM jobs WHERE kind = 'mail.send'")
            .fetch_all(app.state.db.read_as_system()).await.expect("mails");
        assert!(mails.iter().any(|(p,)| p.0["to"] == "bo@example.com" && p.0["template"]["name"] == "second_factors_reset"));
        let plain: Value = app.login("bo@example.com", PASSWORD).await.json().await.expect("json");
        assert!(plain["access_token"].is_string(), "{plain}");
        expect_problem(app.send(reqwest::Method::POST, "/api/v1/admin/users/00000000-0000-0000-0000-000000000000/mfa/reset", &admin, None).await, 404).await;
    }
}
