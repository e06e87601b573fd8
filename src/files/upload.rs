//! One file being written: its bytes go to a staging object part by part while their SHA-256
//! and size are counted, so nothing is ever held whole in memory.

use object_store::WriteMultipart;
use object_store::path::Path;

use super::store::FileError;

/// Parts being written at once; with the part size this bounds the memory of one upload.
const PARTS_IN_FLIGHT: usize = 2;

pub struct Upload {
    writer: WriteMultipart,
    staging: Path,
    hasher: ring::digest::Context,
    size: u64,
}

/// A completely written staging object, not yet a blob.
#[derive(Debug, Clone)]
pub struct StagedFile {
    pub staging: Path,
    pub sha256: String,
    pub size: u64,
}

impl Upload {
    pub(super) fn new(writer: WriteMultipart, staging: Path) -> Self {
        Self { writer, staging, hasher: ring::digest::Context::new(&ring::digest::SHA256), size: 0 }
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends `bytes`, waiting while earlier parts are still being written.
    pub async fn write(&mut self, bytes: bytes::Bytes) -> Result<(), FileError> {
        self.writer.wait_for_capacity(PARTS_IN_FLIGHT).await?;
        self.hasher.update(&bytes);
        self.size += bytes.len() as u64;
        self.writer.put(bytes);
        Ok(())
    }

    /// Writes what is left and makes the staging object durable.
    pub async fn finish(self) -> Result<StagedFile, FileError> {
        self.writer.finish().await?;
        Ok(StagedFile { staging: self.staging, sha256: hex::encode(self.hasher.finish()), size: self.size })
    }

    /// Gives up: the staging object is removed.
    pub async fn abort(self) {
        if let Err(e) = self.writer.abort().await {
            tracing::warn!(path = %self.staging, error = %e, "could not remove an abandoned upload");
        }
    }
}
