//! Rules and use cases, independent of HTTP.

pub mod account;
pub mod sessions;
pub mod setup;
pub mod users;
