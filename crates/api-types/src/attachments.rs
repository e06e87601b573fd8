//! Files attached to tasks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentResponse {
    pub id: Uuid,
    pub task_id: Uuid,
    /// The name given at upload, cleaned of directories and unsafe characters.
    #[schema(example = "release-notes.pdf")]
    pub filename: String,
    /// Decided from the content, not from the name or the type the uploader claimed.
    #[schema(example = "application/pdf")]
    pub content_type: String,
    pub size_bytes: i64,
    /// Hex SHA-256 of the content; also the download's `ETag`.
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTime<Utc>,
    /// `GET` it for the bytes (`Content-Disposition: attachment`, ranges supported).
    #[schema(example = "/api/v1/attachments/0190b7f4-9a63-7c3e-8b5f-3c1d2e4f5a6b/content")]
    pub download_url: String,
    /// Images only: the same bytes, shown inline.
    pub preview_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentList {
    pub items: Vec<AttachmentResponse>,
}
