//! A group's check-in reminder and daily summary follow its zone, days and times: changing
//! them moves the schedules at once (DST-correct), deleting the group removes them, and at
//! the local time the real scheduler and worker mail the members.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use dayline_api_types::GlobalRole;
use dayline_db::{Clock, TestClock};
use mail_parser::MessageParser;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use dayline::background::{Background, Roles};
use dayline::domain::groups::{reminder_key, summary_key};

use crate::support::smtp::SmtpSink;
use crate::support::{Options, PASSWORD, TestApp, eventually, spawn_app_with};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().expect("time")
}

async fn next_runs(app: &TestApp, group: Uuid) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let db = &app.state.db;
    let reminder = dayline_db::schedules::next_run_at(db, &reminder_key(group)).await.expect("reminder");
    let summary = dayline_db::schedules::next_run_at(db, &summary_key(group)).await.expect("summary");
    (reminder, summary)
}

on_both! {
    async fn changing_zone_or_times_moves_the_groups_schedules_at_once(backend: Backend) {
        // Friday 6 March 2026, 20:00 UTC; the United States move to summer time on the 8th.
        let clock = Arc::new(TestClock::new(utc(2026, 3, 6, 20, 0)));
        let app = spawn_app_with(backend, Options { clock: clock.clone(), ..Options::default() }).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        let bo = app.access_token("bo@example.com", PASSWORD).await;
        let created = app
            .send(Method::POST, "/api/v1/groups", &bo, Some(json!({ "name": "Ops", "timezone": "Europe/Berlin" })))
            .await;
        assert_eq!(created.status(), 201);
        let group: Value = created.json().await.expect("json");
        let id: Uuid = group["id"].as_str().expect("id").parse().expect("uuid");
        let path = format!("/api/v1/groups/{id}");
        // It is 21:00 in Berlin (UTC+1): both run next on Monday, the next check-in day.
        assert_eq!(next_runs(&app, id).await, (Some(utc(2026, 3, 9, 19, 0)), Some(utc(2026, 3, 9, 8, 0))));

        let moved = app.send(Method::PATCH, &path, &bo, Some(json!({ "timezone": "America/New_York" }))).await;
        assert_eq!(moved.status(), 200);
        // 15:00 in New York: the reminder at 20:00 (still UTC-5) tonight; the summary on Monday
        // at 09:00, after the change to UTC-4.
        assert_eq!(next_runs(&app, id).await, (Some(utc(2026, 3, 7, 1, 0)), Some(utc(2026, 3, 9, 13, 0))));

        let moved = app
            .send(Method::PATCH, &path, &bo, Some(json!({ "checkin_time": "18:30", "checkin_days": ["sat"], "summary_time": "07:15" })))
            .await;
        assert_eq!(moved.status(), 200);
        assert_eq!(next_runs(&app, id).await, (Some(utc(2026, 3, 7, 23, 30)), Some(utc(2026, 3, 7, 12, 15))));

        // A change that is not about time leaves them alone.
        let before = next_runs(&app, id).await;
        clock.advance(Duration::minutes(5));
        assert_eq!(app.send(Method::PATCH, &path, &bo, Some(json!({ "name": "Operations" }))).await.status(), 200);
        assert_eq!(next_runs(&app, id).await, before);

        // Deleting the group stops them; restoring brings them back.
        let (admin, _) = app.admin_with_totp().await;
        assert_eq!(app.send(Method::DELETE, &path, &admin, None).await.status(), 204);
        assert_eq!(next_runs(&app, id).await, (None, None));
        assert_eq!(app.send(Method::POST, &format!("{path}/restore"), &admin, None).await.status(), 200);
        assert_eq!(next_runs(&app, id).await, before);
    }

    async fn members_get_the_reminder_and_the_summary_at_the_groups_local_times(backend: Backend) {
        let sink = SmtpSink::start().await;
        let url = sink.url();
        // Tuesday 10 November 2026, 10:00 UTC = 19:00 in Tokyo.
        let clock = Arc::new(TestClock::new(utc(2026, 11, 10, 10, 0)));
        let configure = Box::new(move |s: &mut dayline::config::Settings| {
            s.smtp_url = Some(url.into());
            s.worker_queues = vec!["default:2".to_owned(), "mail:2".to_owned()];
        });
        let app = spawn_app_with(backend, Options { clock: clock.clone(), configure }).await;
        app.complete_setup().await;
        app.create_user("bo@example.com", "Bo Berg", GlobalRole::User).await;
        app.create_user("carla@example.com", "Carla Costa", GlobalRole::User).await;
        let bo = app.access_token("bo@example.com", PASSWORD).await;
        let group: Value = app
            .send(Method::POST, "/api/v1/groups", &bo, Some(json!({ "name": "Tokyo Ops", "timezone": "Asia/Tokyo" })))
            .await
            .json()
            .await
            .expect("json");
        let id = group["id"].as_str().expect("id");
        let added = app
            .send(Method::POST, &format!("/api/v1/groups/{id}/members"), &bo, Some(json!({ "email": "carla@example.com" })))
            .await;
        assert_eq!(added.status(), 201);
        let background =
            Background::start(&app.state.db, &app.state.settings, Roles { worker: true, scheduler: true }).expect("start");

        let mails_to = |to: &str, subject: &str| {
            let mut bodies = Vec::new();
            for received in sink.messages().into_iter().filter(|m| m.to.iter().any(|t| t == to)) {
                let mail = MessageParser::default().parse(received.data.as_bytes()).expect("mail");
                if mail.subject().is_some_and(|s| s.contains(subject)) {
                    bodies.push(mail.body_text(0).expect("text").into_owned());
                }
            }
            bodies
        };
        // 19:59 in Tokyo: nothing yet.
        clock.advance(Duration::minutes(59));
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert!(mails_to("carla@example.com", "check-in").is_empty(), "not before 20:00 local");
        // 20:00:30 in Tokyo: both members are reminded, once.
        clock.advance(Duration::seconds(90));
        for who in ["bo@example.com", "carla@example.com"] {
            assert!(eventually(|| async { mails_to(who, "check-in").len() == 1 }).await, "{who} is reminded");
        }
        assert!(mails_to("carla@example.com", "check-in")[0].contains("20:00 in Tokyo Ops (Asia/Tokyo)"));

        // 09:00:30 the next morning: the summary of the day, which saw Carla join.
        clock.advance(Duration::hours(13));
        assert!(eventually(|| async { mails_to("carla@example.com", "Tokyo Ops on 2026-11-11").len() == 1 }).await, "summary");
        let summary = &mails_to("carla@example.com", "Tokyo Ops on 2026-11-11")[0];
        assert!(summary.contains("Carla Costa joined as member"), "{summary}");
        assert_eq!(mails_to("bo@example.com", "check-in").len(), 1, "no second reminder");
        background.stop().await;
        assert!(clock.now() > utc(2026, 11, 11, 0, 0));
    }
}
