//! The file store: blobs named by the SHA-256 of their content (`blobs/ab/abcdef…`), written
//! through a staging object that only becomes a blob once complete, so a reader never sees a
//! half-written file and a failed upload leaves nothing behind.

use std::ops::Range;
use std::path::{Path as FsPath, PathBuf};
use std::sync::{Arc, Mutex};

use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{GetOptions, ObjectMeta, ObjectStore, ObjectStoreExt, WriteMultipart};

use super::upload::Upload;

/// Why the store could not do something; each answers the client differently.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The disk (or the bucket's quota) is full.
    #[error("file storage is full")]
    Full,
    /// The store cannot be reached or written (missing directory, permissions, network).
    #[error("file storage unavailable: {0}")]
    Unavailable(String),
    /// A blob the database names is missing from the store.
    #[error("stored file missing")]
    Missing,
}

impl From<object_store::Error> for FileError {
    fn from(err: object_store::Error) -> Self {
        if matches!(err, object_store::Error::NotFound { .. }) {
            return FileError::Missing;
        }
        if io_kind(&err).is_some_and(is_full) {
            return FileError::Full;
        }
        FileError::Unavailable(err.to_string())
    }
}

fn is_full(kind: std::io::ErrorKind) -> bool {
    matches!(kind, std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
}

/// The I/O error at the root of an object store error, if there is one.
fn io_kind(err: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        current = e.source();
    }
    None
}

/// Parts are written as they fill: small for a local directory (little memory per upload),
/// 5 MiB for buckets (the smallest part S3 accepts).
const LOCAL_PART_BYTES: usize = 256 * 1024;
const BUCKET_PART_BYTES: usize = 5 * 1024 * 1024;

#[derive(Clone)]
pub struct FileStore(Arc<Inner>);

/// Where the files live.
#[derive(Clone)]
enum Location {
    Directory(PathBuf),
    /// `s3://bucket/prefix`, with the settings that reach it.
    #[cfg_attr(not(feature = "s3"), allow(dead_code))]
    Bucket(String, Box<crate::config::Settings>),
}

struct Inner {
    location: Location,
    /// Opened on first use and again after a failure, so a directory created or remounted
    /// while Dayline runs is picked up without a restart.
    opened: Mutex<Option<Arc<dyn ObjectStore>>>,
}

impl FileStore {
    /// The store the settings name: `files_url` when set, else `files_dir`. Never fails: a
    /// store that cannot be used makes each file operation answer "unavailable" until fixed.
    pub fn from_settings(settings: &crate::config::Settings) -> Self {
        let location = match &settings.files_url {
            Some(url) => Location::Bucket(url.clone(), Box::new(settings.clone())),
            None => Location::Directory(settings.files_path()),
        };
        let store = Self(Arc::new(Inner { location, opened: Mutex::new(None) }));
        if let Err(e) = store.open() {
            tracing::warn!(error = %e, "the attachment store is not usable");
        }
        store
    }

    fn open(&self) -> Result<Arc<dyn ObjectStore>, FileError> {
        let mut opened = self.0.opened.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(store) = opened.as_ref() {
            return Ok(store.clone());
        }
        let store = match &self.0.location {
            Location::Directory(root) => open_directory(root)?,
            #[cfg(feature = "s3")]
            Location::Bucket(url, settings) => super::s3::open(settings, url)?,
            #[cfg(not(feature = "s3"))]
            Location::Bucket(url, _) => {
                return Err(FileError::Unavailable(format!("{url}: this build has no S3 support")));
            }
        };
        *opened = Some(store.clone());
        Ok(store)
    }

    fn part_bytes(&self) -> usize {
        match self.0.location {
            Location::Directory(_) => LOCAL_PART_BYTES,
            Location::Bucket(..) => BUCKET_PART_BYTES,
        }
    }

    /// Starts writing a new file; nothing is visible until [`FileStore::promote`].
    pub async fn begin(&self) -> Result<Upload, FileError> {
        let store = self.open()?;
        let staging = Path::from(format!("staging/{}", uuid::Uuid::now_v7()));
        let upload = store.put_multipart(&staging).await?;
        Ok(Upload::new(WriteMultipart::new_with_chunk_size(upload, self.part_bytes()), staging))
    }

    /// Makes a completed staging object the blob for its content. Replacing an identical blob
    /// is harmless and refreshes its age, which keeps the sweep off a blob just reused.
    pub async fn promote(&self, staging: &Path, sha256: &str) -> Result<(), FileError> {
        let store = self.open()?;
        if let Err(e) = store.rename(staging, &blob_path(sha256)).await {
            self.discard(staging).await;
            return Err(e.into());
        }
        Ok(())
    }

    /// Removes a staging object that will not become a blob (best effort: the sweep removes
    /// what this misses).
    pub async fn discard(&self, staging: &Path) {
        if let Ok(store) = self.open()
            && let Err(e) = store.delete(staging).await
            && !matches!(e, object_store::Error::NotFound { .. })
        {
            tracing::warn!(path = %staging, error = %e, "could not remove a staged upload");
        }
    }

    /// The bytes of a blob, or of `range` of it, as a stream.
    pub async fn read(
        &self,
        sha256: &str,
        range: Option<Range<u64>>,
    ) -> Result<BoxStream<'static, Result<bytes::Bytes, FileError>>, FileError> {
        let store = self.open()?;
        let options = GetOptions::new().with_range(range);
        let result = store.get_opts(&blob_path(sha256), options).await?;
        Ok(result.into_stream().map_err(FileError::from).boxed())
    }

    /// Every object under `prefix` (`blobs` or `staging`), for the sweep.
    pub(super) fn list(&self, prefix: &str) -> Result<BoxStream<'static, Result<ObjectMeta, FileError>>, FileError> {
        let store = self.open()?;
        Ok(store.list(Some(&Path::from(prefix))).map_err(FileError::from).boxed())
    }

    pub(super) async fn delete(&self, path: &Path) -> Result<(), FileError> {
        match self.open()?.delete(path).await {
            Err(object_store::Error::NotFound { .. }) | Ok(()) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// A directory store, created when missing; writes are fsynced before they count.
fn open_directory(root: &FsPath) -> Result<Arc<dyn ObjectStore>, FileError> {
    let unavailable = |e: &dyn std::fmt::Display| FileError::Unavailable(format!("cannot use {}: {e}", root.display()));
    std::fs::create_dir_all(root).map_err(|e| unavailable(&e))?;
    let local = LocalFileSystem::new_with_prefix(root).map_err(|e| unavailable(&e))?;
    Ok(Arc::new(local.with_fsync(true)))
}

/// `blobs/ab/abcdef…`: two hex characters of fan-out keep directories small.
pub(super) fn blob_path(sha256: &str) -> Path {
    Path::from(format!("blobs/{}/{sha256}", sha256.get(..2).unwrap_or("00")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_told_apart_from_other_failures() {
        let full = object_store::Error::Generic {
            store: "LocalFileSystem",
            source: Box::new(std::io::Error::from(std::io::ErrorKind::StorageFull)),
        };
        assert!(matches!(FileError::from(full), FileError::Full));
        let denied = object_store::Error::Generic {
            store: "LocalFileSystem",
            source: Box::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        };
        assert!(matches!(FileError::from(denied), FileError::Unavailable(_)));
    }

    #[test]
    fn blobs_fan_out_by_their_first_two_hex_characters() {
        assert_eq!(blob_path("abcdef").as_ref(), "blobs/ab/abcdef");
    }
}
