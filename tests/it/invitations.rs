//! Invitations by real mail on both backends: accepting creates the account (the way people
//! join under the default `invite` policy) or adds an existing one; tokens are single use,
//! bound to their address, revocable, replaced by a resend, and expire after 7 days.

use chrono::Duration;
use dayline_api_types::GlobalRole;
use mail_parser::MessageParser;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::smtp::SmtpSink;
use crate::support::{Options, PASSWORD, TestApp, eventually, expect_problem, spawn_app_with, spawn_app_with_mail};

/// The token of the `n`th mail (counting from 0) sent to `to`.
async fn token_for(sink: &SmtpSink, to: &str, n: usize) -> String {
    let to_them = || sink.messages().into_iter().filter(|m| m.to.iter().any(|t| t == to)).collect::<Vec<_>>();
    assert!(eventually(|| async { to_them().len() > n }).await, "mail {n} to {to} arrives");
    let raw = to_them()[n].data.clone();
    let mail = MessageParser::default().parse(raw.as_bytes()).expect("mail");
    let text = mail.body_text(0).expect("text").into_owned();
    let start = text.find("/invitation#token=").expect("a link") + "/invitation#token=".len();
    text[start..].split_whitespace().next().expect("token").to_owned()
}

async fn register(app: &TestApp, token: &str, name: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/invitations/register",
        &json!({ "token": token, "display_name": name, "password": password }),
    )
    .await
}

on_both! {
    async fn invitations_bring_people_into_a_group_once_each(backend: Backend) {
        let (app, clock, sink, background) = spawn_app_with_mail(backend).await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        app.create_user("carla@example.com", "Carla Costa", GlobalRole::User).await;
        let bo = app.access_token("bo@example.com", PASSWORD).await;
        let carla = app.access_token("carla@example.com", PASSWORD).await;
        let group: Value = app.send(Method::POST, "/api/v1/groups", &bo, Some(json!({ "name": "Ops" }))).await.json().await.expect("json");
        let path = format!("/api/v1/groups/{}", group["id"].as_str().expect("id"));
        let invitations_path = format!("{path}/invitations");
        let invite = |email: &str, role: &str| app.send(Method::POST, &invitations_path, &bo, Some(json!({ "email": email, "role": role })));

        // A new person: the invitation creates the account.
        assert_eq!(invite("dana@example.com", "admin").await.status(), 201);
        expect_problem(invite("Dana@Example.com", "member").await, 409).await;
        expect_problem(app.send(Method::POST, &format!("{path}/invitations"), &carla, Some(json!({ "email": "x@example.com" }))).await, 404).await;
        let token = token_for(&sink, "dana@example.com", 0).await;
        let weak = expect_problem(register(&app, &token, "Dana", "password").await, 422).await;
        assert_eq!(weak["errors"][0]["field"], "password");
        let nameless = expect_problem(register(&app, &token, "", "a long good passphrase 9").await, 422).await;
        assert_eq!(nameless["errors"][0]["field"], "display_name");
        expect_problem(register(&app, "dl_inv_made-up", "Dana", "a long good passphrase 9").await, 422).await;
        let joined = register(&app, &token, "Dana Dias", "a long good passphrase 9").await;
        assert_eq!(joined.status(), 201);
        let joined: Value = joined.json().await.expect("json");
        assert_eq!((joined["role"].as_str(), joined["account_created"].as_bool()), (Some("admin"), Some(true)));
        let used = expect_problem(register(&app, &token, "Dana Dias", "a long good passphrase 9").await, 422).await;
        assert_eq!(used["errors"][0]["field"], "token");
        let dana = app.access_token("dana@example.com", "a long good passphrase 9").await;
        let seen: Value = app.send(Method::GET, &path, &dana, None).await.json().await.expect("json");
        assert_eq!(seen["my_role"], "admin");

        // An existing account accepts while signed in, and only its own invitation.
        assert_eq!(invite("carla@example.com", "member").await.status(), 201);
        assert_eq!(invite("erin@example.com", "member").await.status(), 201);
        let carla_token = token_for(&sink, "carla@example.com", 0).await;
        let erin_token = token_for(&sink, "erin@example.com", 0).await;
        expect_problem(register(&app, &carla_token, "Carla", "a long good passphrase 9").await, 409).await;
        let foreign = expect_problem(app.send(Method::POST, "/api/v1/invitations/accept", &carla, Some(json!({ "token": erin_token }))).await, 422).await;
        assert!(foreign["errors"][0]["message"].as_str().expect("message").contains("another e-mail"));
        let accepted = app.send(Method::POST, "/api/v1/invitations/accept", &carla, Some(json!({ "token": carla_token }))).await;
        assert_eq!(accepted.json::<Value>().await.expect("json")["role"], "member");
        assert_eq!(app.send(Method::GET, &path, &carla, None).await.status(), 200);

        // Revoked and resent invitations: only the newest link of a live invitation works.
        let listed: Value = app.send(Method::GET, &format!("{path}/invitations"), &bo, None).await.json().await.expect("json");
        let erin_id = listed.as_array().expect("list").iter().find(|i| i["email"] == "erin@example.com").expect("erin")["id"].as_str().expect("id").to_owned();
        assert_eq!(app.send(Method::POST, &format!("{path}/invitations/{erin_id}/resend"), &bo, None).await.status(), 204);
        let erin_new = token_for(&sink, "erin@example.com", 1).await;
        expect_problem(register(&app, &erin_token, "Erin", "a long good passphrase 9").await, 422).await;
        assert_eq!(app.send(Method::DELETE, &format!("{path}/invitations/{erin_id}"), &bo, None).await.status(), 204);
        expect_problem(register(&app, &erin_new, "Erin", "a long good passphrase 9").await, 422).await;

        // Seven days, then the link is dead.
        assert_eq!(invite("finn@example.com", "member").await.status(), 201);
        let finn = token_for(&sink, "finn@example.com", 0).await;
        clock.advance(Duration::days(7) + Duration::seconds(1));
        expect_problem(register(&app, &finn, "Finn", "a long good passphrase 9").await, 422).await;

        let trail: Vec<(String,)> = dayline_db::sql("SELECT action FROM audit_log WHERE action LIKE 'invitation.%' ORDER BY id")
            .fetch_all(app.state.db.read_as_system()).await.expect("trail");
        let trail: Vec<&str> = trail.iter().map(|(a,)| a.as_str()).collect();
        assert_eq!(trail, ["invitation.created", "invitation.accepted", "invitation.created", "invitation.created",
            "invitation.accepted", "invitation.resent", "invitation.revoked", "invitation.created"]);
        background.stop().await;
    }

    async fn closed_registration_admits_no_new_accounts_by_invitation(backend: Backend) {
        let configure = Box::new(|s: &mut dayline::config::Settings| s.registration = dayline::config::Registration::Closed);
        let app = spawn_app_with(backend, Options { configure, ..Options::default() }).await;
        app.complete_setup().await;
        let refused = register(&app, "dl_inv_anything", "Dana", "a long good passphrase 9").await;
        expect_problem(refused, 403).await;
    }
}
