use chrono::{DateTime, Utc};
use dayline_api_types::{GroupResponse, GroupRole};
use uuid::Uuid;

/// The columns of a `GroupRow`, as literals so statements stay `&'static str`: qualified
/// with the alias `g` for joins, and bare for `RETURNING`.
macro_rules! group_columns {
    () => {
        "g.id, g.name, g.slug, g.description, g.timezone, g.checkin_days, g.checkin_time, g.summary_time, \
         g.require_admin_mfa, g.created_at, g.deleted_at"
    };
}
macro_rules! returning_group {
    () => {
        " RETURNING id, name, slug, description, timezone, checkin_days, checkin_time, summary_time, \
         require_admin_mfa, created_at, deleted_at"
    };
}
pub(crate) use {group_columns, returning_group};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupRow {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub timezone: String,
    pub checkin_days: String,
    pub checkin_time: String,
    pub summary_time: String,
    pub require_admin_mfa: bool,
    pub created_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

pub fn parse_role(stored: &str) -> GroupRole {
    if stored == "admin" { GroupRole::Admin } else { GroupRole::Member }
}

pub fn role_name(role: GroupRole) -> &'static str {
    match role {
        GroupRole::Admin => "admin",
        GroupRole::Member => "member",
    }
}

impl GroupRow {
    pub fn to_response(&self, my_role: Option<GroupRole>) -> GroupResponse {
        GroupResponse {
            id: self.id,
            name: self.name.clone(),
            slug: self.slug.clone(),
            description: self.description.clone(),
            timezone: self.timezone.clone(),
            checkin_days: self.checkin_days.split(',').filter(|d| !d.is_empty()).map(str::to_owned).collect(),
            checkin_time: self.checkin_time.clone(),
            summary_time: self.summary_time.clone(),
            require_admin_mfa: self.require_admin_mfa,
            my_role,
            created_at: self.created_at,
            deleted_at: self.deleted_at,
        }
    }
}
