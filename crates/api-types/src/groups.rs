use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A member's role in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GroupRole {
    Admin,
    Member,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupResponse {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub description: String,
    /// IANA time zone of the group's check-ins and summaries.
    #[schema(example = "Europe/Berlin")]
    pub timezone: String,
    /// Days with a check-in, `mon` … `sun`.
    pub checkin_days: Vec<String>,
    /// Local time of the check-in reminder, `HH:MM`.
    #[schema(example = "20:00")]
    pub checkin_time: String,
    /// Local time of the daily summary, `HH:MM`.
    #[schema(example = "09:00")]
    pub summary_time: String,
    /// Group admins must have a second factor to administer the group.
    pub require_admin_mfa: bool,
    /// The caller's role, if they are a member.
    pub my_role: Option<GroupRole>,
    pub created_at: DateTime<Utc>,
    /// Set while the group is deleted (restorable by super admins for 30 days).
    pub deleted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateGroupRequest {
    #[schema(example = "Platform team")]
    pub name: String,
    /// Lowercase letters, digits and dashes; unique. Made from the name when left out.
    pub slug: Option<String>,
    pub description: Option<String>,
    /// Default `UTC`.
    pub timezone: Option<String>,
    /// Default Monday to Friday.
    pub checkin_days: Option<Vec<String>>,
    /// Default `20:00`.
    pub checkin_time: Option<String>,
    /// Default `09:00`.
    pub summary_time: Option<String>,
    pub require_admin_mfa: Option<bool>,
}

/// Only the fields sent change.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateGroupRequest {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    pub timezone: Option<String>,
    pub checkin_days: Option<Vec<String>>,
    pub checkin_time: Option<String>,
    pub summary_time: Option<String>,
    pub require_admin_mfa: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupList {
    pub items: Vec<GroupResponse>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberResponse {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: GroupRole,
    pub joined_at: DateTime<Utc>,
}

/// Adds an existing user by e-mail address (invitations bring in new ones).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMemberRequest {
    pub email: String,
    /// Default `member`.
    pub role: Option<GroupRole>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    pub role: GroupRole,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationRequest {
    pub email: String,
    /// Default `member`.
    pub role: Option<GroupRole>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvitationResponse {
    pub id: Uuid,
    pub email: String,
    pub role: GroupRole,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Accepts an invitation. Signed in, the invitation must be for the account's address;
/// signed out, it creates the account (name and password needed).
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    pub token: String,
    pub display_name: Option<String>,
    #[schema(format = Password)]
    pub password: Option<String>,
}

impl std::fmt::Debug for AcceptInvitationRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AcceptInvitationRequest { .. }")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvitationAccepted {
    pub group_id: Uuid,
    pub user_id: Uuid,
    pub role: GroupRole,
    /// Whether the account was created by this acceptance (sign in next).
    pub account_created: bool,
}
