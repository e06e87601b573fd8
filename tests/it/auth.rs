//! Signing in, access tokens (and attempts to forge them), refresh rotation with reuse
//! detection, logout, and the published keys, on both backends.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use chrono::Utc;
use dayline::auth::tokens::Claims;
use dayline_db::{Clock, TestClock};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use crate::support::{Backend, Options, TestApp, expect_problem, spawn_app_with};

const PASSWORD: &str = "correct horse battery staple";

async fn app(backend: Backend) -> (TestApp, Arc<TestClock>) {
    let clock = Arc::new(TestClock::new(Utc::now()));
    let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
    app.complete_setup().await;
    (app, clock)
}

async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/login", &json!({ "email": email, "password": password })).await
}

async fn pair(app: &TestApp) -> Value {
    let response = login(app, "ana@example.com", PASSWORD).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

async fn me(app: &TestApp, token: &str) -> reqwest::Response {
    app.client.get(app.url("/api/v1/me")).bearer_auth(token).send().await.expect("request")
}

async fn refresh(app: &TestApp, token: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/refresh", &json!({ "refresh_token": token })).await
}

/// Signs `claims` with the server's real current key but a header of our choosing.
fn sign_with_server_key(app: &TestApp, header: Header, claims: &Value) -> String {
    let (_, key) = app.state.keys.signing_key();
    jsonwebtoken::encode(&header, claims, &key).expect("sign")
}

fn valid_claims(app: &TestApp, now: i64) -> Value {
    json!({
        "iss": app.state.settings.public_base_url(), "aud": "dayline", "sub": uuid::Uuid::nil().to_string(),
        "exp": now + 600, "iat": now, "nbf": now, "jti": "x", "sid": uuid::Uuid::nil().to_string()
    })
}

on_both! {
    async fn login_returns_a_token_pair_that_opens_the_account(backend: Backend) {
        let (app, _) = app(backend).await;
        let pair = pair(&app).await;
        assert_eq!(pair["token_type"], "Bearer");
        assert_eq!(pair["expires_in"], 900);
        assert!(pair["refresh_token"].as_str().expect("refresh").starts_with("dl_rt_"));
        let response = me(&app, pair["access_token"].as_str().expect("token")).await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["email"], "ana@example.com");
        assert_eq!(body["role"], "super_admin");

        let response = app.get("/api/v1/me").await;
        assert_eq!(response.headers().get("www-authenticate").and_then(|v| v.to_str().ok()), Some("Bearer"));
        expect_problem(response, 401).await;
        // E-mail is case-insensitive; each login is its own session.
        let other = login(&app, "ANA@example.com", PASSWORD).await;
        assert_eq!(other.status(), 200);
        assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 2);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login'").await, 2);
    }

    async fn unknown_email_and_wrong_password_get_the_same_answer(backend: Backend) {
        let (app, _) = app(backend).await;
        let mut bodies = Vec::new();
        for (email, password) in [("ana@example.com", "wrong password!"), ("nobody@example.com", PASSWORD)] {
            let mut body = expect_problem(login(&app, email, password).await, 401).await;
            body.as_object_mut().expect("object").remove("request_id");
            bodies.push(body);
        }
        assert_eq!(bodies[0], bodies[1], "nothing tells which part was wrong");
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed'").await, 2);
        assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    }

    async fn forged_and_stale_access_tokens_are_refused(backend: Backend) {
        let (app, clock) = app(backend).await;
        let pair = pair(&app).await;
        let good = pair["access_token"].as_str().expect("token").to_owned();
        let now = clock.now().timestamp();
        let (kid, _) = app.state.keys.signing_key();
        let payload = good.split('.').nth(1).expect("payload").to_owned();
        let claims: Claims = serde_json::from_slice(&B64URL.decode(&payload).expect("b64")).expect("claims");
        let real = serde_json::to_value(&claims).expect("json");

        let mut forgeries: Vec<(&str, String)> = Vec::new();
        // alg "none", no signature.
        let none_header = B64URL.encode(json!({"alg": "none", "typ": "JWT", "kid": kid}).to_string());
        forgeries.push(("alg none", format!("{none_header}.{payload}.")));
        // HS256 keyed with the public key: the classic algorithm confusion.
        let x = app.state.keys.published()[0].1.clone();
        let mut hs = Header::new(Algorithm::HS256);
        hs.kid = Some(kid.clone());
        forgeries.push(("HS256 with the public key", jsonwebtoken::encode(&hs, &real, &EncodingKey::from_secret(x.as_bytes())).expect("hs")));
        // A key the server never published.
        let foreign = ring::signature::Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).expect("key");
        let mut unknown = Header::new(Algorithm::EdDSA);
        unknown.kid = Some("not-a-known-kid".to_owned());
        forgeries.push(("unknown kid", jsonwebtoken::encode(&unknown, &real, &EncodingKey::from_ed_der(foreign.as_ref())).expect("ed")));
        let mut no_kid = Header::new(Algorithm::EdDSA);
        no_kid.kid = None;
        forgeries.push(("no kid", sign_with_server_key(&app, no_kid, &real)));
        // Headers pointing at other keys, even if signed by the real one.
        let mut jku = Header::new(Algorithm::EdDSA);
        jku.kid = Some(kid.clone());
        jku.jku = Some("https://attacker.example/jwks.json".to_owned());
        forgeries.push(("jku header", sign_with_server_key(&app, jku, &real)));
        let mut with_kid = Header::new(Algorithm::EdDSA);
        with_kid.kid = Some(kid.clone());
        let mut wrong_aud = real.clone();
        wrong_aud["aud"] = json!("someone-else");
        forgeries.push(("wrong aud", sign_with_server_key(&app, with_kid.clone(), &wrong_aud)));
        let mut wrong_iss = real.clone();
        wrong_iss["iss"] = json!("https://evil.example");
        forgeries.push(("wrong iss", sign_with_server_key(&app, with_kid.clone(), &wrong_iss)));
        let mut future = real.clone();
        future["nbf"] = json!(now + 120);
        forgeries.push(("not yet valid", sign_with_server_key(&app, with_kid.clone(), &future)));
        let mut tampered = good.clone();
        tampered.replace_range(good.len() - 6.., "AAAAAA");
        forgeries.push(("bad signature", tampered));
        let unknown_session = sign_with_server_key(&app, with_kid.clone(), &valid_claims(&app, now));
        forgeries.push(("valid signature, no such session", unknown_session));

        for (what, token) in forgeries {
            assert_eq!(me(&app, &token).await.status(), 401, "{what}");
        }
        assert_eq!(me(&app, &good).await.status(), 200, "the genuine token still works");
        clock.advance(chrono::Duration::minutes(15));
        assert_eq!(me(&app, &good).await.status(), 401, "expired after 15 minutes");
    }

    async fn logout_ends_the_session_at_once(backend: Backend) {
        let (app, _) = app(backend).await;
        let pair = pair(&app).await;
        let access = pair["access_token"].as_str().expect("token");
        let response = app.client.post(app.url("/api/v1/auth/logout")).bearer_auth(access).send().await.expect("logout");
        assert_eq!(response.status(), 204);
        assert_eq!(me(&app, access).await.status(), 401, "refused at once, not at expiry");
        expect_problem(refresh(&app, pair["refresh_token"].as_str().expect("refresh")).await, 401).await;
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.logout'").await, 1);
    }

    async fn refresh_rotates_and_a_reused_token_revokes_the_session(backend: Backend) {
        let (app, clock) = app(backend).await;
        let first = pair(&app).await;
        let old_refresh = first["refresh_token"].as_str().expect("refresh").to_owned();
        let response = refresh(&app, &old_refresh).await;
        assert_eq!(response.status(), 200);
        let second: Value = response.json().await.expect("json");
        assert_ne!(second["refresh_token"], first["refresh_token"]);
        let new_access = second["access_token"].as_str().expect("access").to_owned();
        assert_eq!(me(&app, &new_access).await.status(), 200);

        // The old token again, after the grace window: theft is assumed.
        clock.advance(chrono::Duration::seconds(30));
        expect_problem(refresh(&app, &old_refresh).await, 401).await;
        assert_eq!(me(&app, &new_access).await.status(), 401, "the whole session is revoked");
        expect_problem(refresh(&app, second["refresh_token"].as_str().expect("refresh")).await, 401).await;
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.refresh_reuse_detected'").await, 1);
        expect_problem(refresh(&app, "dl_rt_made-up").await, 401).await;
    }

    async fn parallel_refreshes_inside_the_grace_window_share_one_new_pair(backend: Backend) {
        let (app, _) = app(backend).await;
        let first = pair(&app).await;
        let token = first["refresh_token"].as_str().expect("refresh").to_owned();
        let (a, b) = tokio::join!(refresh(&app, &token), refresh(&app, &token));
        assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
        let (a, b): (Value, Value) = (a.json().await.expect("json"), b.json().await.expect("json"));
        assert_eq!(a["refresh_token"], b["refresh_token"], "two tabs, one new pair");
        assert_eq!(me(&app, a["access_token"].as_str().expect("access")).await.status(), 200);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.refresh_reuse_detected'").await, 0);
    }

    async fn a_legacy_bcrypt_hash_is_upgraded_on_login(backend: Backend) {
        let (app, _) = app(backend).await;
        let legacy = bcrypt::hash(PASSWORD, 4).expect("bcrypt");
        let mut tx = app.state.db.begin_bookkeeping().await.expect("begin");
        dayline_db::sql("UPDATE users SET password_hash = $1").bind(legacy.clone()).execute(&mut tx).await.expect("update");
        tx.commit().await.expect("commit");
        assert_eq!(login(&app, "ana@example.com", PASSWORD).await.status(), 200);
        let (hash,): (String,) = dayline_db::sql("SELECT password_hash FROM users").fetch_one(app.state.db.read_as_system()).await.expect("row");
        assert_ne!(hash, legacy);
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert_eq!(login(&app, "ana@example.com", PASSWORD).await.status(), 200, "the new hash verifies");
    }

    async fn a_deactivated_user_cannot_sign_in_and_their_tokens_stop_working(backend: Backend) {
        let (app, _) = app(backend).await;
        let pair = pair(&app).await;
        let mut tx = app.state.db.begin_bookkeeping().await.expect("begin");
        dayline_db::sql("UPDATE users SET is_active = $1").bind(false).execute(&mut tx).await.expect("update");
        tx.commit().await.expect("commit");
        assert_eq!(me(&app, pair["access_token"].as_str().expect("access")).await.status(), 401);
        expect_problem(login(&app, "ana@example.com", PASSWORD).await, 401).await;
        expect_problem(refresh(&app, pair["refresh_token"].as_str().expect("refresh")).await, 401).await;
    }

    async fn published_keys_verify_tokens_independently_and_survive_rotation(backend: Backend) {
        let (app, _) = app(backend).await;
        let pair = pair(&app).await;
        let token = pair["access_token"].as_str().expect("token").to_owned();
        let jwks: Value = app.get("/.well-known/jwks.json").await.json().await.expect("json");
        assert_eq!(jwks["keys"].as_array().expect("keys").len(), 1);
        assert!(independently_verified(&jwks, &token), "ring verifies the signature with the published key");

        dayline::auth::keys::add_key(&app.state.db, &app.state.master, "test").await.expect("rotate");
        app.state.keys.reload(&app.state.db, &app.state.master).await.expect("reload");
        let jwks: Value = app.get("/.well-known/jwks.json").await.json().await.expect("json");
        assert_eq!(jwks["keys"].as_array().expect("keys").len(), 2, "the old key stays published");
        assert_eq!(me(&app, &token).await.status(), 200, "tokens signed by the old key still work");
        let newer = pair_from(&app).await;
        assert!(independently_verified(&jwks, &newer));
        assert_ne!(kid_of(&newer), kid_of(&token), "new tokens use the new key");
    }
}

on_both! {
    async fn python_pyjwt_verifies_the_access_token_against_the_published_jwks(backend: Backend) {
        let (app, _) = app(backend).await;
        let token = pair_from(&app).await;
        let jwks = app.get("/.well-known/jwks.json").await.text().await.expect("jwks");
        let issuer = app.state.settings.public_base_url();
        let claims = pyjwt_decode(&jwks, &token, &issuer).expect("PyJWT accepts the token");
        let (user,): (uuid::Uuid,) = dayline_db::sql("SELECT id FROM users").fetch_one(app.state.db.read_as_system()).await.expect("user");
        assert_eq!(claims["sub"], user.to_string());
        assert_eq!(claims["aud"], "dayline");
        // The same library refuses a token whose payload was altered, and a wrong audience.
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let mut payload: Value = serde_json::from_slice(&B64URL.decode(&parts[1]).expect("b64")).expect("json");
        payload["sub"] = json!(uuid::Uuid::nil().to_string());
        parts[1] = B64URL.encode(payload.to_string());
        assert!(pyjwt_decode(&jwks, &parts.join("."), &issuer).is_err(), "tampered payload");
        assert!(pyjwt_decode(&jwks, &token, "https://elsewhere.example").is_err(), "wrong issuer");
    }

    async fn a_revocation_reaches_another_instance_within_seconds(backend: Backend) {
        let (app, clock) = app(backend).await;
        let other = app.other_instance().await;
        let token = pair_from(&app).await;
        let me_on_other = || app.client.get(other.url("/api/v1/me")).bearer_auth(&token).send();
        // The other instance has just checked the session and remembers it briefly.
        assert_eq!(me_on_other().await.expect("me").status(), 200);
        let logout = app.client.post(app.url("/api/v1/auth/logout")).bearer_auth(&token).send().await.expect("logout");
        assert_eq!(logout.status(), 204);
        // Refused at once where the logout happened...
        assert_eq!(me(&app, &token).await.status(), 401);
        // ...and on the other instance once its memory (2 s, well under 5 s) is due.
        clock.advance(chrono::Duration::seconds(2));
        assert_eq!(me_on_other().await.expect("me").status(), 401);
    }
}

/// Decodes and verifies `token` with Python's PyJWT against the JWKS, as a third party
/// would; the verified claims, or PyJWT's complaint.
fn pyjwt_decode(jwks: &str, token: &str, issuer: &str) -> Result<Value, String> {
    const SCRIPT: &str = r#"
import json, sys, jwt
jwks, token, issuer = sys.stdin.read().split("\n")
kid = jwt.get_unverified_header(token)["kid"]
key = next(k for k in jwt.PyJWKSet.from_json(jwks).keys if k.key_id == kid)
claims = jwt.decode(token, key.key, algorithms=["EdDSA"], audience="dayline", issuer=issuer,
                    options={"require": ["exp", "iat", "nbf", "sub", "iss", "aud"]})
print(json.dumps(claims))
"#;
    use std::io::Write;
    let python = std::env::var("DAYLINE_TEST_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".to_owned());
    let mut child = std::process::Command::new(&python)
        .args(["-c", SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{python} with PyJWT is needed (scripts/test installs it): {e}"));
    let input = format!("{}\n{token}\n{issuer}", jwks.replace('\n', ""));
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let output = child.wait_with_output().expect("python");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("ModuleNotFoundError"), "PyJWT is missing: {stderr}");
    if output.status.success() {
        Ok(serde_json::from_slice(&output.stdout).expect("claims json"))
    } else {
        Err(stderr.into_owned())
    }
}

async fn pair_from(app: &TestApp) -> String {
    pair(app).await["access_token"].as_str().expect("token").to_owned()
}

fn kid_of(token: &str) -> String {
    jsonwebtoken::decode_header(token).expect("header").kid.expect("kid")
}

/// Verifies an EdDSA JWT with ring (not the library that signed it) and the JWKS.
fn independently_verified(jwks: &Value, token: &str) -> bool {
    let kid = kid_of(token);
    let Some(key) = jwks["keys"].as_array().and_then(|keys| keys.iter().find(|k| k["kid"] == kid.as_str())) else {
        return false;
    };
    assert_eq!(
        (key["kty"].as_str(), key["crv"].as_str(), key["alg"].as_str()),
        (Some("OKP"), Some("Ed25519"), Some("EdDSA"))
    );
    let public = B64URL.decode(key["x"].as_str().expect("x")).expect("b64");
    let (input, signature) = token.rsplit_once('.').expect("jwt");
    let signature = B64URL.decode(signature).expect("b64");
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, public)
        .verify(input.as_bytes(), &signature)
        .is_ok()
}

on_both! {
    async fn ten_failures_lock_the_account_the_owner_is_mailed_and_an_admin_can_unlock(backend: Backend) {
        let (app, clock) = app(backend).await;
        // A second super admin, with an authenticator, to do the unlocking.
        app.create_user("root@example.com", "Root", dayline_api_types::GlobalRole::SuperAdmin).await;
        let (root_secret, _) = app.enrol_totp(&app.access_token("root@example.com", PASSWORD).await).await;
        let admin = app.sign_in_with_totp("root@example.com", PASSWORD, &root_secret, 1).await;
        // Past the growing delays (at most a minute), so that every attempt is checked.
        for _ in 0..10 {
            clock.advance(chrono::Duration::seconds(61));
            expect_problem(login(&app, "ana@example.com", "not the password").await, 401).await;
        }
        // Locked: even the right password gets the same answer as a wrong one.
        let locked = expect_problem(login(&app, "ana@example.com", PASSWORD).await, 401).await;
        assert_eq!(locked["detail"], "Invalid credentials.");
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.account_locked'").await, 1);
        let (payload,): (sqlx::types::Json<Value>,) =
            dayline_db::sql("SELECT payload FROM jobs WHERE kind = 'mail.send'").fetch_one(app.state.db.read_as_system()).await.expect("mail job");
        assert_eq!(payload.0["to"], "ana@example.com");
        assert_eq!(payload.0["template"]["name"], "account_locked");

        // The lock ends by itself...
        clock.advance(chrono::Duration::minutes(16));
        assert_eq!(login(&app, "ana@example.com", PASSWORD).await.status(), 200);
        // ...or sooner, by a super admin.
        for _ in 0..10 {
            clock.advance(chrono::Duration::seconds(61));
            login(&app, "ana@example.com", "not the password").await;
        }
        assert_eq!(login(&app, "ana@example.com", PASSWORD).await.status(), 401);
        let (id,): (uuid::Uuid,) = dayline_db::sql("SELECT id FROM users WHERE email = 'ana@example.com'").fetch_one(app.state.db.read_as_system()).await.expect("id");
        // The admin's first token has expired meanwhile (the clock moved 16 minutes).
        assert_eq!(me(&app, &admin).await.status(), 401);
        let admin = app.sign_in_with_totp("root@example.com", PASSWORD, &root_secret, 0).await;
        let unlock = app.client.post(app.url(&format!("/api/v1/admin/users/{id}/unlock"))).bearer_auth(&admin).send().await.expect("unlock");
        assert_eq!(unlock.status(), 204);
        assert_eq!(login(&app, "ana@example.com", PASSWORD).await.status(), 200);
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.account_unlocked'").await, 1);
    }

    async fn failures_before_a_successful_sign_in_do_not_add_up_to_a_lock(backend: Backend) {
        let (app, clock) = app(backend).await;
        for round in 0..3 {
            for _ in 0..6 {
                clock.advance(chrono::Duration::seconds(61));
                expect_problem(login(&app, "ana@example.com", "not the password").await, 401).await;
            }
            clock.advance(chrono::Duration::seconds(61));
            assert_eq!(login(&app, "ana@example.com", PASSWORD).await.status(), 200, "round {round}");
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.account_locked'").await, 0);
    }
}
