//! Who may do what. Every permission check goes through here; handlers never hand-roll one.

use axum::http::Method;
use dayline_api_types::GroupRole;

use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};

/// Operations reserved to super admins (instance-wide administration).
pub fn require_super_admin(who: &Authenticated) -> AppResult<()> {
    if who.is_super_admin { Ok(()) } else { Err(AppError::Forbidden("This needs a super admin.".to_owned())) }
}

/// What every authenticated request must pass before its handler runs:
/// - a personal API token only within its scopes (`read` for GET, `write` for changes,
///   `admin` for `/api/v1/admin/…`), and never on account-security endpoints (tokens,
///   password, sessions, second factors, step-up), which need a signed-in session;
/// - a super admin without a second factor only on the endpoints that set one up.
pub fn check_access(who: &Authenticated, method: &Method, path: &str) -> AppResult<()> {
    if let Some(scopes) = who.scopes {
        if is_account_security(path) {
            return Err(AppError::Forbidden("This needs a signed-in session, not an API token.".to_owned()));
        }
        let (allowed, scope) = if path.starts_with("/api/v1/admin/") {
            (scopes.admin, "admin")
        } else if is_safe(method) {
            (scopes.read, "read")
        } else {
            (scopes.write, "write")
        };
        if !allowed {
            return Err(AppError::Forbidden(format!("This API token lacks the `{scope}` scope.")));
        }
        return Ok(());
    }
    if who.is_super_admin && !who.has_second_factor && !is_enrolment(method, path) {
        return Err(AppError::SecondFactorRequired);
    }
    Ok(())
}

/// The caller's standing in a group, as the policy needs it.
#[derive(Debug, Clone, Copy)]
pub struct GroupAccess {
    pub my_role: Option<GroupRole>,
    pub require_admin_mfa: bool,
    pub deleted: bool,
}

/// What one may do to a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAction {
    /// See the group and its members.
    Read,
    /// Change its settings and memberships.
    Administer,
    /// Delete it (soft; needs a recent step-up).
    Delete,
    /// Bring a deleted group back (super admins).
    Restore,
}

/// Decides `action` on a group: 404 when the caller may not even see it (not a member, or
/// deleted), 403 when they see it but may not do this, and the second-factor and step-up
/// rules on top. Super admins may do everything.
pub fn authorize_group(
    who: &Authenticated,
    group: &GroupAccess,
    action: GroupAction,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let visible = who.is_super_admin || (group.my_role.is_some() && !group.deleted);
    if !visible {
        return Err(AppError::NotFound);
    }
    if action == GroupAction::Restore && !who.is_super_admin {
        // Members see their live group but may not restore it; a deleted one they cannot see.
        return Err(if group.deleted {
            AppError::NotFound
        } else {
            AppError::Forbidden("Only super admins restore groups.".to_owned())
        });
    }
    if group.deleted != (action == GroupAction::Restore) {
        // Only restoring applies to a deleted group, and only to one.
        return Err(if group.deleted {
            AppError::NotFound
        } else {
            AppError::Conflict("The group is not deleted.".to_owned())
        });
    }
    let is_admin = who.is_super_admin || group.my_role == Some(GroupRole::Admin);
    match action {
        GroupAction::Read => Ok(()),
        GroupAction::Restore => Ok(()),
        GroupAction::Administer | GroupAction::Delete if !is_admin => {
            Err(AppError::Forbidden("This needs an admin of the group.".to_owned()))
        }
        GroupAction::Administer | GroupAction::Delete => {
            if group.require_admin_mfa && !who.has_second_factor && !who.is_super_admin {
                return Err(AppError::SecondFactorRequired);
            }
            if action == GroupAction::Delete {
                crate::domain::mfa::require_step_up(who, now)?;
            }
            Ok(())
        }
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_account_security(path: &str) -> bool {
    [
        "/api/v1/me/tokens",
        "/api/v1/me/password",
        "/api/v1/me/sessions",
        "/api/v1/me/mfa",
        "/api/v1/me/passkeys",
        "/api/v1/auth/",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
}

/// Enough to see who one is, set up a second factor, and sign out.
fn is_enrolment(method: &Method, path: &str) -> bool {
    (path == "/api/v1/me" && is_safe(method))
        || path.starts_with("/api/v1/me/mfa")
        || path.starts_with("/api/v1/me/passkeys")
        || path == "/api/v1/auth/logout"
}

/// The caller's standing towards a task, as the policy needs it.
#[derive(Debug, Clone, Copy)]
pub struct TaskAccess {
    /// `None` for a personal task.
    pub group_id: Option<uuid::Uuid>,
    pub owner_id: uuid::Uuid,
    pub assignee_id: Option<uuid::Uuid>,
    /// The caller's role in the task's group, if they are a member.
    pub my_role: Option<GroupRole>,
    /// The task's group is deleted.
    pub group_deleted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskAction {
    Read,
    /// Change fields, archive, restore.
    Edit,
}

/// Personal tasks are their owner's alone (super admins included); group tasks are read by the
/// group's members, edited by their author or assignee and by the group's admins, and super
/// admins may do everything to them. Invisible answers 404, visible but not permitted 403.
pub fn authorize_task(who: &Authenticated, task: &TaskAccess, action: TaskAction) -> AppResult<()> {
    let mine = task.owner_id == who.user_id || task.assignee_id == Some(who.user_id);
    let visible = match task.group_id {
        None => task.owner_id == who.user_id,
        Some(_) => !task.group_deleted && (task.my_role.is_some() || who.is_super_admin),
    };
    if !visible {
        return Err(AppError::NotFound);
    }
    match action {
        TaskAction::Read => Ok(()),
        TaskAction::Edit if mine || who.is_super_admin || task.my_role == Some(GroupRole::Admin) => Ok(()),
        TaskAction::Edit => {
            Err(AppError::Forbidden("Only its author, its assignee or a group admin edit this task.".to_owned()))
        }
    }
}

/// What one may do to a comment besides reading and adding one (which follow the task).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentAction {
    /// Change or delete it: its author.
    Edit,
    /// Hide or unhide it: the group's admins and super admins.
    Moderate,
}

/// Whoever may read a task may comment on it; a comment's author edits and deletes it; the
/// task's group admins (and super admins) moderate it. A task one cannot see answers 404.
pub fn authorize_comment(
    who: &Authenticated,
    task: &TaskAccess,
    author_id: Option<uuid::Uuid>,
    action: CommentAction,
) -> AppResult<()> {
    authorize_task(who, task, TaskAction::Read)?;
    let allowed = match action {
        CommentAction::Edit => author_id == Some(who.user_id),
        CommentAction::Moderate => {
            task.group_id.is_some() && (who.is_super_admin || task.my_role == Some(GroupRole::Admin))
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden(match action {
            CommentAction::Edit => "Only its author changes a comment.".to_owned(),
            CommentAction::Moderate => "Only the group's admins moderate comments.".to_owned(),
        }))
    }
}

/// Whoever may read a task may attach files to it and download them; a file is removed by
/// whoever uploaded it and by the task's group admins (and super admins). A task one cannot
/// see answers 404.
pub fn authorize_attachment_removal(who: &Authenticated, task: &TaskAccess, uploader_id: uuid::Uuid) -> AppResult<()> {
    authorize_task(who, task, TaskAction::Read)?;
    let moderator = task.group_id.is_some() && (who.is_super_admin || task.my_role == Some(GroupRole::Admin));
    if uploader_id == who.user_id || moderator {
        Ok(())
    } else {
        Err(AppError::Forbidden("Only its uploader or a group admin removes this file.".to_owned()))
    }
}

/// Tags: a group's are seen by its members and renamed or merged by its admins (and super
/// admins); personal ones belong to their owner alone. Invisible answers 404, visible but
/// not one's to manage 403.
pub fn authorize_tag_change(
    who: &Authenticated,
    group_id: Option<uuid::Uuid>,
    owner_id: Option<uuid::Uuid>,
    my_role: Option<GroupRole>,
) -> AppResult<()> {
    match group_id {
        None if owner_id == Some(who.user_id) => Ok(()),
        None => Err(AppError::NotFound),
        Some(_) if who.is_super_admin || my_role == Some(GroupRole::Admin) => Ok(()),
        Some(_) if my_role.is_some() => {
            Err(AppError::Forbidden("Only the group's admins rename or merge its tags.".to_owned()))
        }
        Some(_) => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::scopes::ScopeSet;
    use uuid::Uuid;

    fn who(is_super_admin: bool, has_second_factor: bool, scopes: Option<ScopeSet>) -> Authenticated {
        Authenticated {
            user_id: Uuid::nil(),
            session_id: Uuid::nil(),
            is_super_admin,
            has_second_factor,
            stepped_up_at: None,
            scopes,
        }
    }

    #[test]
    fn a_super_admin_without_a_second_factor_can_only_enrol() {
        let admin = who(true, false, None);
        assert!(check_access(&admin, &Method::POST, "/api/v1/me/mfa/totp").is_ok());
        assert!(check_access(&admin, &Method::GET, "/api/v1/me").is_ok());
        assert!(check_access(&admin, &Method::PATCH, "/api/v1/me").is_err());
        assert!(check_access(&admin, &Method::GET, "/api/v1/admin/users").is_err());
        assert!(check_access(&who(true, true, None), &Method::GET, "/api/v1/admin/users").is_ok());
        assert!(check_access(&who(false, false, None), &Method::PATCH, "/api/v1/me").is_ok());
    }

    #[test]
    fn tokens_stay_within_their_scopes() {
        let read = who(false, true, Some(ScopeSet { read: true, ..ScopeSet::default() }));
        assert!(check_access(&read, &Method::GET, "/api/v1/me").is_ok());
        assert!(check_access(&read, &Method::PATCH, "/api/v1/me").is_err());
        assert!(check_access(&read, &Method::GET, "/api/v1/me/tokens").is_err(), "account security needs a session");
        let write = who(false, true, Some(ScopeSet { write: true, ..ScopeSet::default() }));
        assert!(check_access(&write, &Method::PATCH, "/api/v1/me").is_ok());
        assert!(check_access(&write, &Method::GET, "/api/v1/me").is_err());
        assert!(check_access(&write, &Method::GET, "/api/v1/admin/users").is_err());
    }
}
