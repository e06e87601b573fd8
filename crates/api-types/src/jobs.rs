use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct JobResponse {
    pub id: Uuid,
    #[schema(example = "mail.send")]
    pub kind: String,
    pub queue: String,
    /// `queued`, `running`, `succeeded`, `failed` (retrying) or `dead`.
    pub state: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
    pub run_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct JobList {
    pub items: Vec<JobResponse>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobListQuery {
    /// Which jobs: `dead` (default), `failed`, `queued`, `running` or `succeeded`.
    pub state: Option<String>,
    /// At most 100; default 50.
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}
