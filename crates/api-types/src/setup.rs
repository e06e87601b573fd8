use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SetupStatus {
    /// True until the first super admin has been created.
    pub setup_required: bool,
}

/// Creates the first super admin with the one-time token Dayline logged at start-up.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetupRequest {
    pub token: String,
    #[schema(example = "ana@example.com")]
    pub email: String,
    #[schema(example = "Ana Lima")]
    pub display_name: String,
    /// 8 to 128 characters.
    #[schema(format = Password)]
    pub password: String,
}

impl std::fmt::Debug for SetupRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetupRequest")
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .finish_non_exhaustive()
    }
}
