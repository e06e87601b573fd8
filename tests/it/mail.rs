//! Mail through a real SMTP server: rendered parts, delivery by the job queue, and an SMTP
//! outage that delays a mail without losing it.

use std::sync::Arc;

use dayline::background::{Background, Roles};
use dayline::mail::{self, MailTemplate, Mailer};
use dayline_db::{ActorContext, AuditEntry, TestClock};
use mail_parser::MessageParser;

use crate::support::smtp::SmtpSink;
use crate::support::{Options, eventually, spawn_app_with};

fn parse(raw: &str) -> mail_parser::Message<'_> {
    MessageParser::default().parse(raw.as_bytes()).expect("a parsable mail")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mails_have_a_plain_text_and_an_html_part() {
    let sink = SmtpSink::start().await;
    let settings = dayline::config::Settings {
        smtp_url: Some(sink.url().into()),
        mail_from: "Acme Dayline <dayline@acme.example>".to_owned(),
        instance_name: "Acme Dayline".to_owned(),
        public_url: Some("https://dayline.acme.example".to_owned()),
        ..Default::default()
    };
    let mailer = Mailer::from_settings(&settings).expect("mailer");
    assert!(mailer.is_configured());
    mailer.send("ana@example.com", &MailTemplate::Test).await.expect("sent");

    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].from, "dayline@acme.example");
    assert_eq!(messages[0].to, ["ana@example.com"]);
    let mail = parse(&messages[0].data);
    assert_eq!(mail.subject(), Some("Acme Dayline: test mail"));
    assert_eq!(mail.from().and_then(|a| a.first()).and_then(|a| a.name()), Some("Acme Dayline"));
    let text = mail.body_text(0).expect("plain text part");
    let html = mail.body_html(0).expect("html part");
    assert!(text.contains("test mail from Acme Dayline") && text.contains("https://dayline.acme.example"), "{text}");
    assert!(
        html.contains("<strong>Acme Dayline</strong>") && html.contains("href=\"https://dayline.acme.example\""),
        "{html}"
    );
    assert_eq!(mail.text_body.len(), 1);
    assert_eq!(mail.html_body.len(), 1);
    assert_ne!(mail.text_body[0], mail.html_body[0], "two distinct parts, not HTML converted to text");
    let plain = mail.part(mail.text_body[0]).expect("text part");
    assert!(mail_parser::MimeHeaders::is_content_type(plain, "text", "plain"), "the first alternative is text/plain");
    assert!(!text.contains('<'), "the plain part has no markup: {text}");
}

on_both! {
    async fn a_mail_enqueued_with_a_change_is_delivered_by_the_worker_even_after_an_smtp_outage(backend: Backend) {
        // A port where nothing listens yet: the SMTP server is "down".
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
        let clock = Arc::new(TestClock::new(chrono::Utc::now()));
        let url = format!("smtp://127.0.0.1:{port}?tls=none");
        let options = Options {
            clock: clock.clone(),
            configure: Box::new(move |s| {
                s.smtp_url = Some(url.into());
                s.worker_queues = vec!["mail:2".to_owned()];
            }),
        };
        let app = spawn_app_with(backend, options).await;
        let background = Background::start(&app.state.db, &app.state.settings, Roles { worker: true, scheduler: false }).expect("start");

        let mut tx = app.state.db.begin(ActorContext::system()).await.expect("begin");
        mail::enqueue(&mut tx, "ana@example.com", &MailTemplate::Test).await.expect("enqueue");
        tx.audit(AuditEntry::new("test.mail_requested", "user", None)).await.expect("audit");
        tx.commit().await.expect("commit");

        // The attempt fails while the server is down; the mail waits for a retry.
        assert!(eventually(|| async { app.count("SELECT COUNT(*) FROM jobs WHERE state = 'failed' AND attempts = 1").await == 1 }).await);
        let sink = SmtpSink::start_on(&format!("127.0.0.1:{port}")).await;
        clock.advance(chrono::Duration::minutes(1));
        assert!(eventually(|| async { sink.messages().len() == 1 }).await, "delivered once the server is back");
        assert!(eventually(|| async { app.count("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'").await == 1 }).await);
        assert_eq!(parse(&sink.messages()[0].data).subject(), Some("Dayline: test mail"));
        background.stop().await;
    }
}
