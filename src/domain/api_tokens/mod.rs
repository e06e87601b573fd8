//! Personal API tokens: `dl_pat_…` secrets for scripts and integrations, with scopes and an
//! optional expiry, stored as SHA-256 hashes, shown once.

mod authenticate;
mod manage;

pub use authenticate::{TOKEN_PREFIX, authenticate_api_token};
pub use manage::{create_api_token, list_api_tokens, revoke_api_token};
