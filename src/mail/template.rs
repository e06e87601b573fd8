//! Mail templates. Each renders a subject, a plain-text body and an HTML body, with the
//! instance name and links built from the public URL. Values are HTML-escaped in the HTML part.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case")]
pub enum MailTemplate {
    /// `dayline admin send-test-mail`: proves the SMTP settings work.
    Test,
    /// Too many failed sign-ins: the account is locked for a while.
    AccountLocked { until: String },
    /// A single-use link to set a new password.
    PasswordReset { link: String, valid_minutes: i64 },
    /// The password was changed or reset: a warning in case it was not the owner.
    PasswordChanged,
    /// A backup code was used to sign in or confirm an action.
    BackupCodeUsed { remaining: i64 },
    /// An administrator removed the account's second factors.
    SecondFactorsReset,
    /// An invitation to join a group, with a single-use link.
    Invitation { group: String, inviter: String, link: String, valid_days: i64 },
    /// The group's daily check-in reminder, at its reminder time in its zone.
    CheckinReminder { group: String, time: String, zone: String },
    /// What happened in the group over the last day.
    DailySummary { group: String, date: String, lines: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The HTML frame every mail shares.
fn html_frame(instance: &str, body: &str, base_url: &str) -> String {
    format!(
        "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#111\">\
         {body}<hr style=\"border:0;border-top:1px solid #ddd\">\
         <p style=\"color:#666;font-size:13px\">{} · <a href=\"{}\">{}</a></p></body></html>",
        escape(instance),
        escape(base_url),
        escape(base_url)
    )
}

impl MailTemplate {
    /// Mails with a secret link are never written to the log.
    pub fn carries_secret(&self) -> bool {
        matches!(self, MailTemplate::PasswordReset { .. } | MailTemplate::Invitation { .. })
    }

    pub fn render(&self, instance: &str, base_url: &str) -> RenderedMail {
        match self {
            MailTemplate::Test => RenderedMail {
                subject: format!("{instance}: test mail"),
                text: format!(
                    "This is a test mail from {instance}.\n\nIf you can read it, Dayline's mail settings work.\n\n-- \n{instance} · {base_url}\n"
                ),
                html: html_frame(
                    instance,
                    &format!(
                        "<p>This is a test mail from <strong>{}</strong>.</p><p>If you can read it, Dayline's mail settings work.</p>",
                        escape(instance)
                    ),
                    base_url,
                ),
            },
            MailTemplate::AccountLocked { until } => RenderedMail {
                subject: format!("{instance}: sign-in locked after failed attempts"),
                text: format!(
                    "Someone tried to sign in to your {instance} account with a wrong password many times.\n\n\
                     Sign-in is locked until {until}. If this was not you, your password held; consider changing it \
                     once the lock ends. An administrator can lift the lock sooner.\n\n-- \n{instance} · {base_url}\n"
                ),
                html: html_frame(
                    instance,
                    &format!(
                        "<p>Someone tried to sign in to your account with a wrong password many times.</p>\
                         <p>Sign-in is locked until <strong>{}</strong>. If this was not you, your password held; \
                         consider changing it once the lock ends. An administrator can lift the lock sooner.</p>",
                        escape(until)
                    ),
                    base_url,
                ),
            },
            MailTemplate::PasswordReset { link, valid_minutes } => RenderedMail {
                subject: format!("{instance}: reset your password"),
                text: format!(
                    "Someone asked to reset the password of your {instance} account.\n\n                     Set a new password here (the link works once, for {valid_minutes} minutes):\n{link}\n\n                     If you did not ask for this, ignore this mail: your password stays as it is.\n\n-- \n{instance} · {base_url}\n"
                ),
                html: html_frame(
                    instance,
                    &format!(
                        "<p>Someone asked to reset the password of your account.</p>\
                         <p><a href=\"{}\">Set a new password</a> (the link works once, for {valid_minutes} minutes).</p>\
                         <p>If you did not ask for this, ignore this mail: your password stays as it is.</p>",
                        escape(link)
                    ),
                    base_url,
                ),
            },
            MailTemplate::BackupCodeUsed { remaining } => RenderedMail {
                subject: format!("{instance}: a backup code was used"),
                text: format!(
                    "One of the backup codes of your {instance} account was just used. {remaining} remain.\n\n\
                     If this was not you, change your password and set up your authenticator again at once.\n\n-- \n{instance} · {base_url}\n"
                ),
                html: html_frame(
                    instance,
                    &format!(
                        "<p>One of the backup codes of your account was just used. <strong>{remaining}</strong> remain.</p>\
                         <p>If this was not you, change your password and set up your authenticator again at once.</p>"
                    ),
                    base_url,
                ),
            },
            MailTemplate::Invitation { group, inviter, link, valid_days } => RenderedMail {
                subject: format!("{instance}: {inviter} invites you to {group}"),
                text: format!(
                    "{inviter} invites you to the group {group} on {instance}.\n\n\
                     Accept here (the link works once, for {valid_days} days):\n{link}\n\n-- \n{instance} · {base_url}\n"
                ),
                html: html_frame(
                    instance,
                    &format!(
                        "<p>{} invites you to the group <strong>{}</strong>.</p>\
                         <p><a href=\"{}\">Accept the invitation</a> (the link works once, for {valid_days} days).</p>",
                        escape(inviter),
                        escape(group),
                        escape(link)
                    ),
                    base_url,
                ),
            },
            MailTemplate::SecondFactorsReset => RenderedMail {
                subject: format!("{instance}: your second factors were reset"),
                text: format!(
                    "An administrator removed the authenticator and backup codes of your {instance} account and signed \
                     out every session.\n\nSign in with your password and set up an authenticator again.\n\n-- \n{instance} · {base_url}\n"
                ),
                html: html_frame(
                    instance,
                    "<p>An administrator removed the authenticator and backup codes of your account and signed out every session.</p>\
                     <p>Sign in with your password and set up an authenticator again.</p>",
                    base_url,
                ),
            },
            MailTemplate::CheckinReminder { group, time, zone } => RenderedMail {
                subject: format!("{instance}: time for today's check-in in {group}"),
                text: format!(
                    "It is {time} in {group} ({zone}): time for your daily check-in. What did you do, what is next, \
                     and what is in your way?\n\n{base_url}\n\n-- \n{instance} · {base_url}\n"
                ),
                html: html_frame(
                    instance,
                    &format!(
                        "<p>It is {} in <strong>{}</strong> ({}): time for your daily check-in.</p>\
                         <p>What did you do, what is next, and what is in your way?</p>",
                        escape(time),
                        escape(group),
                        escape(zone)
                    ),
                    base_url,
                ),
            },
            MailTemplate::DailySummary { group, date, lines } => RenderedMail {
                subject: format!("{instance}: {group} on {date}"),
                text: format!(
                    "What happened in {group} over the last day ({date}):\n\n{}\n\n-- \n{instance} · {base_url}\n",
                    lines.iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n")
                ),
                html: html_frame(
                    instance,
                    &format!(
                        "<p>What happened in <strong>{}</strong> over the last day ({}):</p><ul>{}</ul>",
                        escape(group),
                        escape(date),
                        lines.iter().map(|l| format!("<li>{}</li>", escape(l))).collect::<String>()
                    ),
                    base_url,
                ),
            },
            MailTemplate::PasswordChanged => RenderedMail {
                subject: format!("{instance}: your password was changed"),
                text: format!(
                    "The password of your {instance} account was just changed, and every session was signed out.\n\n                     If this was not you, reset your password at once and tell an administrator.\n\n-- \n{instance} · {base_url}\n"
                ),
                html: html_frame(
                    instance,
                    "<p>The password of your account was just changed, and every session was signed out.</p>\
                     <p>If this was not you, reset your password at once and tell an administrator.</p>",
                    base_url,
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_both_parts_with_escaped_values() {
        let mail = MailTemplate::Test.render("Acme <Ops>", "https://dayline.example.com");
        assert_eq!(mail.subject, "Acme <Ops>: test mail");
        assert!(mail.text.contains("Acme <Ops>") && mail.text.contains("https://dayline.example.com"));
        assert!(mail.html.contains("Acme &lt;Ops&gt;") && !mail.html.contains("<Ops>"));
        assert!(mail.html.contains("href=\"https://dayline.example.com\""));
    }
}
