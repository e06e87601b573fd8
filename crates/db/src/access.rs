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

    /// The statement that opens a PostgreSQL transaction of `kind` with this context, in one
    /// round trip. Only typed values (a UUID, booleans) are formatted in, never text from
    /// outside.
    pub(crate) fn begin_statement(&self, kind: TxKind) -> String {
        let user_id = self.user_id.map(|id| id.hyphenated().to_string()).unwrap_or_default();
        format!(
            "{}; SELECT set_config('dayline.user_id', '{user_id}', true), \
             set_config('dayline.is_super_admin', '{}', true), set_config('dayline.is_system', '{}', true){}",
            if kind == TxKind::Write { "BEGIN" } else { "BEGIN READ ONLY" },
            self.is_super_admin,
            self.is_system,
            if kind == TxKind::Read { "" } else { ", set_config('plan_cache_mode', 'force_generic_plan', true)" },
        )
    }
}

/// What a PostgreSQL transaction is for, and so how its statements are planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxKind {
    /// A change. Its statements use each prepared statement's generic plan: they find rows by
    /// key, where the generic plan is the plan; but under row security PostgreSQL judges every
    /// generic plan dearer than a custom one and planned each statement again on every run,
    /// more than a third of a task creation's database time.
    Write,
    /// A read, each statement planned for its values.
    Read,
    /// A read of statements written to have one plan for every value (see
    /// `Db::read_planned_once`), planned once per connection.
    ReadPlannedOnce,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_context_statement_names_the_user_and_flags() {
        let id = Uuid::nil();
        let text = RowAccess::user(id, true).begin_statement(TxKind::Read);
        assert!(text.starts_with("BEGIN READ ONLY; "), "{text}");
        assert!(text.contains("'dayline.user_id', '00000000-0000-0000-0000-000000000000'"), "{text}");
        assert!(text.contains("'dayline.is_super_admin', 'true'"), "{text}");
        assert!(text.contains("'dayline.is_system', 'false'"), "{text}");
        let system = RowAccess::system().begin_statement(TxKind::Write);
        assert!(system.starts_with("BEGIN; ") && system.contains("'dayline.user_id', ''"), "{system}");
        assert!(system.contains("'dayline.is_system', 'true'"), "{system}");
        assert!(system.contains("'plan_cache_mode', 'force_generic_plan'") && !text.contains("plan_cache_mode"));
        let planned_once = RowAccess::user(id, false).begin_statement(TxKind::ReadPlannedOnce);
        assert!(planned_once.starts_with("BEGIN READ ONLY; "), "{planned_once}");
        assert!(planned_once.contains("'plan_cache_mode', 'force_generic_plan'"), "{planned_once}");
    }
}
