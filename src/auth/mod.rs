//! Authentication primitives.

pub mod backup_codes;
pub mod csrf;
pub mod keys;
pub mod password;
pub mod policy;
pub mod refresh_token;
pub mod scopes;
pub mod secret;
pub mod throttle;
pub mod tokens;
pub mod totp;
