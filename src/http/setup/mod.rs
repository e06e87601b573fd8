//! First-run setup.

pub mod complete;
pub mod status;
