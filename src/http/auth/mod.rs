//! Login, token refresh, logout, password reset, and the published signing keys.

pub mod cookies;
pub mod current_user;
pub mod jwks;
pub mod login;
pub mod logout;
pub mod mfa;
pub mod password_reset;
pub mod refresh;
pub mod register;
