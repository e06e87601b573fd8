//! Whose rows a statement may see. On PostgreSQL every transaction Dayline opens carries this
//! as transaction-local settings that the Row-Level Security policies read
//! (`dayline.user_id`, `dayline.is_super_admin`, `dayline.is_system`); SQLite has no row
//! security and relies on the application's policy alone.

use uuid::Uuid;

/// The row-security context of one transaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowAccess {
    pub user_id: Option<Uuid>,
    pub is_super_admin: bool,
    /// The system itself: jobs, the command line, and the flows a token or credential
    /// authorises before any user is known (sign-in, registration, invitation acceptance).
    pub is_system: bool,
}

impl RowAccess {
    /// Everything: for the system's own work.
    pub fn system() -> Self {
        RowAccess { user_id: None, is_super_admin: false, is_system: true }
    }

    /// What `user_id` may see (everything for super admins).
    pub fn user(user_id: Uuid, is_super_admin: bool) -> Self {
        RowAccess { user_id: Some(user_id), is_super_admin, is_system: false }
    }

    /// The statement that opens a PostgreSQL transaction with this context, in one round trip.
    /// Only typed values (a UUID, booleans) are formatted in, never text from outside.
    ///
    /// Write transactions also use each prepared statement's generic plan. Their statements
    /// find rows by key, where the generic plan is the plan; but under row security PostgreSQL
    /// judges every generic plan dearer than a custom one and planned each statement again on
    /// every run, more than a third of a task creation's database time.
    pub(crate) fn begin_statement(&self, read_only: bool) -> String {
        let user_id = self.user_id.map(|id| id.hyphenated().to_string()).unwrap_or_default();
        format!(
            "{}; SELECT set_config('dayline.user_id', '{user_id}', true), \
             set_config('dayline.is_super_admin', '{}', true), set_config('dayline.is_system', '{}', true){}",
            if read_only { "BEGIN READ ONLY" } else { "BEGIN" },
            self.is_super_admin,
            self.is_system,
            if read_only { "" } else { ", set_config('plan_cache_mode', 'force_generic_plan', true)" },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_context_statement_names_the_user_and_flags() {
        let id = Uuid::nil();
        let text = RowAccess::user(id, true).begin_statement(true);
        assert!(text.starts_with("BEGIN READ ONLY; "), "{text}");
        assert!(text.contains("'dayline.user_id', '00000000-0000-0000-0000-000000000000'"), "{text}");
        assert!(text.contains("'dayline.is_super_admin', 'true'"), "{text}");
        assert!(text.contains("'dayline.is_system', 'false'"), "{text}");
        let system = RowAccess::system().begin_statement(false);
        assert!(system.starts_with("BEGIN; ") && system.contains("'dayline.user_id', ''"), "{system}");
        assert!(system.contains("'dayline.is_system', 'true'"), "{system}");
        assert!(system.contains("'plan_cache_mode', 'force_generic_plan'") && !text.contains("plan_cache_mode"));
    }
}
