//! HTTP: thin handlers (one file per resource or action) and the middleware around them.

pub mod admin;
pub mod api_tokens;
pub mod attachments;
pub mod auth;
pub mod client_ip;
pub mod comments;
pub mod context;
pub mod docs;
pub mod groups;
pub mod health;
pub mod json;
pub mod layers;
pub mod me;
pub mod metrics;
pub mod mfa;
pub mod observe;
pub mod paging;
pub mod passkeys;
pub mod query;
pub mod rate_limit;
pub mod request_id;
pub mod setup;
pub mod tags;
pub mod tasks;
