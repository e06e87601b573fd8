//! Every kind of job Dayline runs, one file each.

mod send_mail;

pub use send_mail::SendMail;

use super::Registry;
use crate::mail::Mailer;

/// The registry a worker process uses.
pub fn registry(mailer: Mailer) -> Registry {
    Registry::new().register(SendMail { mailer })
}
