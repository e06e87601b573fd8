//! Where attachment bytes live: a content-addressed store (a directory under the data dir, or
//! any `object_store` backend), what a file's content says it is, and how its name is cleaned.

mod names;
#[cfg(feature = "s3")]
mod s3;
mod sniff;
mod store;
mod sweep;
mod upload;

#[cfg(feature = "s3")]
pub use s3::install_tls_provider;

pub use names::{content_disposition, sanitize_filename};
pub use sniff::{SNIFF_BYTES, is_known_type, is_previewable, sniff};
pub use store::{FileError, FileStore};
pub use sweep::sweep_unreferenced;
pub use upload::{StagedFile, Upload};
