//! A user's own account: profile, password (changed, or reset by mail), sessions.

mod password;
mod profile;
mod reset;
mod sessions;

pub use password::{change_password, check_password};
pub use profile::update_profile;
pub use reset::{RESET_JOB, request_reset, reset_password, send_reset_mail};
pub use sessions::{list_sessions, revoke_all_sessions, revoke_session};
