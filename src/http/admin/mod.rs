//! Super-admin endpoints.

pub mod jobs;
