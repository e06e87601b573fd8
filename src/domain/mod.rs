//! Rules and use cases, independent of HTTP.

pub mod account;
pub mod api_tokens;
pub mod groups;
pub mod idempotency;
pub mod mfa;
pub mod notifications;
pub mod sessions;
pub mod setup;
pub mod tasks;
pub mod users;
