//! Every kind of job Dayline runs, one file each.

mod group_daily;
mod invitation_mail;
mod password_reset_mail;
mod purge_groups;
mod purge_tasks;
mod send_mail;
mod sweep_files;

pub use group_daily::{CheckinReminder, DailySummary};
pub use invitation_mail::InvitationMail;
pub use password_reset_mail::PasswordResetMail;
pub use purge_groups::{PURGE_GROUPS_JOB, PurgeGroups};
pub use purge_tasks::{PURGE_TASKS_JOB, PurgeTasks};
pub use send_mail::SendMail;
pub use sweep_files::{SWEEP_FILES_JOB, SweepFiles};

use super::Registry;
use crate::files::FileStore;
use crate::mail::Mailer;

/// The registry a worker process uses.
pub fn registry(mailer: Mailer, files: FileStore) -> Registry {
    Registry::new()
        .register(CheckinReminder)
        .register(DailySummary)
        .register(InvitationMail { mailer: mailer.clone() })
        .register(PasswordResetMail { mailer: mailer.clone() })
        .register(PurgeGroups)
        .register(PurgeTasks)
        .register(SendMail { mailer })
        .register(SweepFiles { files })
}
