//! Super-admin endpoints.

pub mod audit;
pub mod jobs;
pub mod users;
