use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GlobalRole {
    SuperAdmin,
    User,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserResponse {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: GlobalRole,
    pub is_active: bool,
    pub timezone: String,
    pub created_at: DateTime<Utc>,
}

/// A page of users for administrators.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserList {
    pub items: Vec<UserResponse>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// Part of the e-mail address or name, case-insensitive.
    pub q: Option<String>,
    /// At most 100; default 50.
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// What a super admin may change on another account: its global role and whether it is
/// active. Deactivating ends every session at once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminUpdateUserRequest {
    pub role: Option<GlobalRole>,
    pub is_active: Option<bool>,
}
