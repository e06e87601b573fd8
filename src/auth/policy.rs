//! Who may do what. Every permission check goes through here; handlers never hand-roll one.

use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};

/// Operations reserved to super admins (instance-wide administration).
pub fn require_super_admin(who: &Authenticated) -> AppResult<()> {
    if who.is_super_admin { Ok(()) } else { Err(AppError::Forbidden("This needs a super admin.".to_owned())) }
}
