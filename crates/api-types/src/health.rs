use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HealthStatus {
    /// `ok` or `degraded`.
    #[schema(example = "ok")]
    pub status: String,
    /// `connected` or `unavailable`.
    #[schema(example = "connected")]
    pub database: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Liveness {
    #[schema(example = "ok")]
    pub status: String,
}
