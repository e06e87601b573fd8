//! Every kind of job Dayline runs, one file each.

mod password_reset_mail;
mod send_mail;

pub use password_reset_mail::PasswordResetMail;
pub use send_mail::SendMail;

use super::Registry;
use crate::mail::Mailer;

/// The registry a worker process uses.
pub fn registry(mailer: Mailer) -> Registry {
    Registry::new().register(PasswordResetMail { mailer: mailer.clone() }).register(SendMail { mailer })
}
