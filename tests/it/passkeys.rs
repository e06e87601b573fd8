//! Passkeys over HTTP on both backends, with a software authenticator: registration with
//! single-use server-side ceremonies, naming, removal, sign-in as a second factor, and
//! step-up.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use dayline_api_types::GlobalRole;
use serde_json::{Value, json};
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse, Url};

use crate::support::{Options, PASSWORD, TestApp, expect_problem, spawn_app_with};

/// Passkeys need a host name; the authenticator is told the same origin.
const ORIGIN: &str = "http://localhost:8080";

/// Registers a passkey held by `key`; returns the server's answer.
async fn register(app: &TestApp, token: &str, key: &mut SoftPasskey, name: &str) -> reqwest::Response {
    let started: Value = app
        .send(reqwest::Method::POST, "/api/v1/me/passkeys/registration", token, Some(json!({ "name": name })))
        .await
        .json()
        .await
        .expect("json");
    let options: CreationChallengeResponse =
        serde_json::from_value(started["options"].clone()).expect("creation options");
    let credential =
        key.do_registration(Url::parse(ORIGIN).expect("url"), options).expect("the authenticator registers");
    let body = json!({ "ceremony_id": started["ceremony_id"], "credential": credential });
    app.send(reqwest::Method::POST, "/api/v1/me/passkeys", token, Some(body)).await
}

/// Has `key` answer a passkey check whose options the server gave.
fn answer(key: &mut SoftPasskey, started: &Value) -> Value {
    let options: RequestChallengeResponse =
        serde_json::from_value(started["options"].clone()).expect("request options");
    let credential =
        key.do_authentication(Url::parse(ORIGIN).expect("url"), options).expect("the authenticator answers");
    json!({ "ceremony_id": started["ceremony_id"], "credential": credential })
}

on_both! {
    async fn passkeys_register_sign_in_and_step_up(backend: Backend) {
        let configure = Box::new(|s: &mut dayline::config::Settings| s.public_url = Some(ORIGIN.to_owned()));
        let app = spawn_app_with(backend, Options { configure, ..Options::default() }).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let token = app.access_token("bo@example.com", PASSWORD).await;

        let mut laptop = SoftPasskey::new(true);
        let started: Value = app.send(reqwest::Method::POST, "/api/v1/me/passkeys/registration", &token, Some(json!({ "name": "Laptop" })))
            .await.json().await.expect("json");
        let challenge = started["options"]["publicKey"]["challenge"].as_str().expect("challenge");
        assert_eq!(B64URL.decode(challenge).expect("base64url").len(), 32, "32-byte challenges");
        let options: CreationChallengeResponse = serde_json::from_value(started["options"].clone()).expect("options");
        let credential = laptop.do_registration(Url::parse(ORIGIN).expect("url"), options).expect("register");
        let body = json!({ "ceremony_id": started["ceremony_id"], "credential": credential });
        let created = app.send(reqwest::Method::POST, "/api/v1/me/passkeys", &token, Some(body.clone())).await;
        assert_eq!(created.status(), 201);
        // A ceremony is used once.
        let again = expect_problem(app.send(reqwest::Method::POST, "/api/v1/me/passkeys", &token, Some(body)).await, 422).await;
        assert_eq!(again["errors"][0]["field"], "ceremony_id");

        let mut yubikey = SoftPasskey::new(true);
        let second: Value = register(&app, &token, &mut yubikey, "YubiKey").await.json().await.expect("json");
        let second_id = second["id"].as_str().expect("id").to_owned();
        let renamed = app.send(reqwest::Method::PATCH, &format!("/api/v1/me/passkeys/{second_id}"), &token, Some(json!({ "name": "Desk key" }))).await;
        assert_eq!(renamed.json::<Value>().await.expect("json")["name"], "Desk key");
        let empty = expect_problem(app.send(reqwest::Method::PATCH, &format!("/api/v1/me/passkeys/{second_id}"), &token, Some(json!({ "name": " " }))).await, 422).await;
        assert_eq!(empty["errors"][0]["field"], "name");
        let listed: Value = app.send(reqwest::Method::GET, "/api/v1/me/passkeys", &token, None).await.json().await.expect("json");
        let names: Vec<&str> = listed.as_array().expect("list").iter().map(|p| p["name"].as_str().expect("name")).collect();
        assert_eq!(names, ["Laptop", "Desk key"]);
        assert_eq!(app.send(reqwest::Method::DELETE, &format!("/api/v1/me/passkeys/{second_id}"), &token, None).await.status(), 204);
        expect_problem(app.send(reqwest::Method::DELETE, &format!("/api/v1/me/passkeys/{second_id}"), &token, None).await, 404).await;

        // Sign-in now needs the passkey; the removed one no longer works.
        let first: Value = app.login("bo@example.com", PASSWORD).await.json().await.expect("json");
        assert_eq!(first["methods"], json!(["webauthn", "backup_code"]));
        let mfa_token = first["mfa_token"].as_str().expect("mfa token");
        let start_body = json!({ "mfa_token": mfa_token });
        let start = || app.post_json("/api/v1/auth/mfa/webauthn", &start_body);
        // An answer to one ceremony does not pass for another (its challenge differs).
        let one: Value = start().await.json().await.expect("json");
        let other: Value = start().await.json().await.expect("json");
        let mut mismatched = answer(&mut laptop, &one);
        mismatched["ceremony_id"] = other["ceremony_id"].clone();
        let refused = app.post_json("/api/v1/auth/mfa", &json!({ "mfa_token": mfa_token, "webauthn": mismatched })).await;
        expect_problem(refused, 401).await;
        let started: Value = start().await.json().await.expect("json");
        let assertion = answer(&mut laptop, &started);
        let signed_in = app.post_json("/api/v1/auth/mfa", &json!({ "mfa_token": mfa_token, "webauthn": assertion.clone() })).await;
        assert_eq!(signed_in.status(), 200);
        let session: Value = signed_in.json().await.expect("json");
        let session = session["access_token"].as_str().expect("token").to_owned();
        // The same answer cannot be replayed: its ceremony is gone, and so is the mfa_token.
        let replay = app.post_json("/api/v1/auth/mfa", &json!({ "mfa_token": mfa_token, "webauthn": assertion })).await;
        expect_problem(replay, 401).await;

        // Step-up with the passkey.
        let started: Value = app.send(reqwest::Method::POST, "/api/v1/auth/step-up/webauthn", &session, None).await.json().await.expect("json");
        let stepped = app.send(reqwest::Method::POST, "/api/v1/auth/step-up", &session, Some(json!({ "webauthn": answer(&mut laptop, &started) }))).await;
        assert_eq!(stepped.status(), 204);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.stepped_up'").await, 1);
        let (used,): (Option<chrono::DateTime<chrono::Utc>>,) = dayline_db::sql("SELECT last_used_at FROM passkeys")
            .fetch_one(app.state.db.read_as_system()).await.expect("row");
        assert!(used.is_some(), "last use is recorded");
    }

    async fn passkeys_need_a_public_url_with_a_host_name(backend: Backend) {
        let app = spawn_app_with(backend, Options::default()).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let token = app.access_token("bo@example.com", PASSWORD).await;
        let refused = app.send(reqwest::Method::POST, "/api/v1/me/passkeys/registration", &token, Some(json!({ "name": "Laptop" }))).await;
        let problem = expect_problem(refused, 409).await;
        assert!(problem["detail"].as_str().expect("detail").contains("public_url"));
    }
}
