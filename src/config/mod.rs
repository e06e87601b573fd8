//! Typed settings. Sources, later ones winning: built-in defaults, then an optional TOML
//! file (`--config`), then environment variables (`DAYLINE_<KEY>`, plus the conventional
//! `DATABASE_URL`). Unknown keys and invalid values stop start-up naming the key at fault.

mod load;
mod redact;
mod settings;

pub use load::{ConfigError, load};
pub use settings::{GroupCreation, LogFormat, Registration, Settings};
