//! Forgotten passwords: the same answer for any address, a single-use link by real mail
//! that expires after 30 minutes, and what a reset does to sessions, on both backends.

use mail_parser::MessageParser;
use serde_json::json;

use crate::support::smtp::SmtpSink;
use crate::support::{Options, PASSWORD, TestApp, eventually, expect_problem, spawn_app_with, spawn_app_with_mail};

async fn forgot(app: &TestApp, email: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/password/forgot", &json!({ "email": email })).await
}

async fn reset(app: &TestApp, token: &str, new_password: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/password/reset", &json!({ "token": token, "new_password": new_password })).await
}

/// Waits for the `n`th mail and returns its subject and plain text.
async fn nth_mail(sink: &SmtpSink, n: usize) -> (String, String) {
    assert!(eventually(|| async { sink.messages().len() > n }).await, "mail {n} arrives");
    let raw = sink.messages()[n].data.clone();
    let mail = MessageParser::default().parse(raw.as_bytes()).expect("mail");
    (mail.subject().unwrap_or_default().to_owned(), mail.body_text(0).expect("text part").into_owned())
}

fn token_in(text: &str) -> String {
    let start = text.find("/reset-password#token=").expect("a reset link") + "/reset-password#token=".len();
    text[start..].split_whitespace().next().expect("token").to_owned()
}

on_both! {
    async fn a_reset_link_by_mail_sets_a_new_password_once_and_ends_every_session(backend: Backend) {
        let (app, clock, sink, background) = spawn_app_with_mail(backend).await;
        let old_session = app.access_token("ana@example.com", PASSWORD).await;

        // Known and unknown addresses get the same answer.
        let known = forgot(&app, "Ana@Example.com").await;
        let unknown = forgot(&app, "nobody@example.com").await;
        assert_eq!((known.status(), unknown.status()), (reqwest::StatusCode::ACCEPTED, reqwest::StatusCode::ACCEPTED));
        assert_eq!(known.text().await.expect("body"), unknown.text().await.expect("body"));
        expect_problem(forgot(&app, "not an address").await, 422).await;

        let (subject, text) = nth_mail(&sink, 0).await;
        assert_eq!(subject, "Dayline: reset your password");
        assert_eq!(sink.messages()[0].to, vec!["ana@example.com".to_owned()]);
        let first = token_in(&text);
        assert!(eventually(|| async { app.count("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'").await == 2 }).await);
        assert_eq!(sink.messages().len(), 1, "no mail for an address without an account");
        // Only a hash is stored: the plain token appears nowhere in the database.
        let (stored,): (String,) = dayline_db::sql("SELECT token_hash FROM password_resets").fetch_one(app.state.db.read_as_system()).await.expect("row");
        assert_ne!(stored, first);

        // After 30 minutes the link no longer works.
        clock.advance(chrono::Duration::minutes(31));
        let expired = expect_problem(reset(&app, &first, "a brand new passphrase 42").await, 422).await;
        assert_eq!(expired["errors"][0]["field"], "token");

        assert_eq!(forgot(&app, "ana@example.com").await.status(), 202);
        let second = token_in(&nth_mail(&sink, 1).await.1);
        // The new password must still be a good one.
        let weak = expect_problem(reset(&app, &second, "password").await, 422).await;
        assert_eq!(weak["errors"][0]["field"], "new_password");
        assert_eq!(reset(&app, &second, "a brand new passphrase 42").await.status(), 204);
        // Once only.
        let used = expect_problem(reset(&app, &second, "another new passphrase 43").await, 422).await;
        assert_eq!(used["errors"][0]["field"], "token");

        // Every session ended, the old password is gone, the new one works, the owner is told.
        let me = app.client.get(app.url("/api/v1/me")).bearer_auth(&old_session).send().await.expect("me");
        expect_problem(me, 401).await;
        clock.advance(chrono::Duration::seconds(61));
        expect_problem(app.login("ana@example.com", PASSWORD).await, 401).await;
        clock.advance(chrono::Duration::seconds(61));
        assert_eq!(app.login("ana@example.com", "a brand new passphrase 42").await.status(), 200);
        assert_eq!(nth_mail(&sink, 2).await.0, "Dayline: your password was changed");
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset'").await, 1);
        background.stop().await;
    }

    async fn a_made_up_reset_token_is_refused_naming_the_field(backend: Backend) {
        let app = spawn_app_with(backend, Options::default()).await;
        app.complete_setup().await;
        let problem = expect_problem(reset(&app, "dl_pr_made-up", "a brand new passphrase 42").await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "token");
    }
}
