//! Removes blobs no attachment names any more (deleted attachments, purged tasks and groups)
//! and staging objects of uploads that never finished (a crash mid-upload). Runs hourly.

use std::time::Duration;

use chrono::Utc;
use dayline_db::{Db, sql};
use futures_util::TryStreamExt;

use super::store::FileStore;

/// What one sweep removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub blobs: usize,
    pub staged: usize,
}

/// Deletes unreferenced blobs and abandoned staging objects older than `grace`. The grace
/// protects an upload between storing its blob and committing its row; ages are the store's
/// own modification times, hence wall-clock time rather than the application clock.
pub async fn sweep_unreferenced(db: &Db, store: &FileStore, grace: Duration) -> anyhow::Result<Swept> {
    let cutoff = Utc::now() - chrono::Duration::from_std(grace)?;
    let mut swept = Swept::default();
    let mut blobs = store.list("blobs")?;
    while let Some(meta) = blobs.try_next().await? {
        let Some(sha256) = meta.location.filename().map(str::to_owned) else { continue };
        if meta.last_modified >= cutoff || is_referenced(db, &sha256).await? {
            continue;
        }
        store.delete(&meta.location).await?;
        swept.blobs += 1;
    }
    let mut staged = store.list("staging")?;
    while let Some(meta) = staged.try_next().await? {
        if meta.last_modified < cutoff {
            store.delete(&meta.location).await?;
            swept.staged += 1;
        }
    }
    if swept != Swept::default() {
        tracing::info!(blobs = swept.blobs, staged = swept.staged, "removed unreferenced stored files");
    }
    Ok(swept)
}

async fn is_referenced(db: &Db, sha256: &str) -> Result<bool, anyhow::Error> {
    let found: Option<(String,)> = sql("SELECT sha256 FROM attachments WHERE sha256 = $1 LIMIT 1")
        .bind(sha256)
        .fetch_optional(db.read_as_system())
        .await?;
    Ok(found.is_some())
}
