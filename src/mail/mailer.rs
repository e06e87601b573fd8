//! Sending over SMTP with lettre, or writing to the log when no SMTP server is configured.
//!
//! `smtp_url` forms: `smtps://user:pass@host:465` (implicit TLS), `smtp://user:pass@host:587`
//! (STARTTLS required), `…?tls=opportunistic` (STARTTLS if offered) and `…?tls=none`
//! (unencrypted, for a relay on the same machine).

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use super::{MailTemplate, RenderedMail};
use crate::config::Settings;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address `{0}`")]
    Address(String),
    #[error("cannot build the mail: {0}")]
    Build(String),
    #[error("the SMTP server did not accept the mail: {0}")]
    Send(String),
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Log,
}

#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    instance: String,
    base_url: String,
}

/// Maps Dayline's URL forms onto lettre's: a bare `smtp://` means STARTTLS required.
fn lettre_url(url: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let tls = params.iter().find_map(|p| p.strip_prefix("tls=")).map(str::to_owned);
    params.retain(|p| !p.starts_with("tls="));
    if base.starts_with("smtp://") {
        match tls.as_deref() {
            None | Some("required") => params.push("tls=required"),
            Some("opportunistic") => params.push("tls=opportunistic"),
            _ => {} // "none": lettre's plain smtp:// is unencrypted
        }
    }
    if params.is_empty() { base.to_owned() } else { format!("{base}?{}", params.join("&")) }
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> Result<Mailer, String> {
        let from: Mailbox = settings
            .mail_from
            .parse()
            .map_err(|e| format!("mail_from `{}` is not an address: {e}", settings.mail_from))?;
        let transport = match &settings.smtp_url {
            Some(url) => {
                let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&lettre_url(url.expose_secret()))
                    .map_err(|e| format!("smtp_url is not usable: {e}"))?;
                Transport::Smtp(builder.timeout(Some(std::time::Duration::from_secs(30))).build())
            }
            None => Transport::Log,
        };
        Ok(Mailer { transport, from, instance: settings.instance_name.clone(), base_url: settings.public_base_url() })
    }

    pub fn is_configured(&self) -> bool {
        matches!(self.transport, Transport::Smtp(_))
    }

    pub fn render(&self, template: &MailTemplate) -> RenderedMail {
        template.render(&self.instance, &self.base_url)
    }

    /// The public URL links in mails start with.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub async fn send(&self, to: &str, template: &MailTemplate) -> Result<(), MailError> {
        let mail = self.render(template);
        let to_box: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
        match &self.transport {
            Transport::Log => {
                // A reset link in a log would let anyone who reads the log take the account.
                let body = if template.carries_secret() {
                    "(withheld: it carries a single-use link; configure smtp_url to deliver it)"
                } else {
                    mail.text.as_str()
                };
                tracing::info!(to, subject = %mail.subject, body, "mail (no SMTP configured, so logged instead)");
                Ok(())
            }
            Transport::Smtp(smtp) => {
                let message = Message::builder()
                    .from(self.from.clone())
                    .to(to_box)
                    .subject(mail.subject)
                    .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
                    .map_err(|e| MailError::Build(e.to_string()))?;
                smtp.send(message).await.map_err(|e| MailError::Send(e.to_string()))?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lettre_url;

    #[test]
    fn bare_smtp_requires_starttls() {
        assert_eq!(lettre_url("smtp://u:p@mail:587"), "smtp://u:p@mail:587?tls=required");
        assert_eq!(lettre_url("smtp://mail:25?tls=opportunistic"), "smtp://mail:25?tls=opportunistic");
        assert_eq!(lettre_url("smtp://127.0.0.1:2525?tls=none"), "smtp://127.0.0.1:2525");
        assert_eq!(lettre_url("smtps://u:p@mail"), "smtps://u:p@mail");
    }
}
