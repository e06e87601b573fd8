//! Rules and use cases, independent of HTTP.

pub mod setup;
pub mod users;
