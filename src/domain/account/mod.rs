//! A user's own account: profile, password, sessions.

mod password;
mod profile;
mod sessions;

pub use password::change_password;
pub use profile::update_profile;
pub use sessions::{list_sessions, revoke_all_sessions, revoke_session};
