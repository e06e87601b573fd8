use chrono::{DateTime, Utc};
use dayline_api_types::{GlobalRole, UserResponse};
use uuid::Uuid;

/// A user as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub is_active: bool,
    pub timezone: String,
    pub created_at: DateTime<Utc>,
}

/// The stored name of a global role.
pub fn role_name(role: GlobalRole) -> &'static str {
    match role {
        GlobalRole::SuperAdmin => "super_admin",
        GlobalRole::User => "user",
    }
}

impl UserRow {
    pub fn to_response(&self) -> UserResponse {
        UserResponse {
            id: self.id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: if self.role == "super_admin" { GlobalRole::SuperAdmin } else { GlobalRole::User },
            is_active: self.is_active,
            timezone: self.timezone.clone(),
            created_at: self.created_at,
        }
    }
}
