//! Super-admin endpoints.

pub mod jobs;
pub mod users;
