use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An RFC 9457 problem document; every error Dayline answers has this shape.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A stable identifier of the kind of problem, e.g. `/problems/validation`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The `X-Request-Id` of the request that failed; quote it when reporting a problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Per-field messages for invalid input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// The field at fault, as a path into the request body (`email`, `sections[2].title`).
    pub field: String,
    pub message: String,
}
