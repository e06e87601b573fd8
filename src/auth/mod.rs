//! Authentication primitives.

pub mod csrf;
pub mod keys;
pub mod password;
pub mod policy;
pub mod refresh_token;
pub mod secret;
pub mod throttle;
pub mod tokens;
