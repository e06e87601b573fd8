//! Receiving one uploaded file: its first bytes decide its type (refused unless allowed), its
//! size is counted against the per-file limit and the uploader's quota as it streams in, and
//! it goes to a staging object in the file store, never whole into memory.

use std::fmt::Display;

use axum::http::StatusCode;
use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt};

use crate::error::{AppError, AppResult};
use crate::files::{FileStore, SNIFF_BYTES, StagedFile, Upload, sanitize_filename, sniff};

/// The form field files are sent in.
pub const FILE_FIELD: &str = "file";

/// Limits for the files of one request; the quota shrinks as files arrive.
#[derive(Debug, Clone)]
pub struct UploadRules {
    max_bytes: u64,
    quota_left: Option<u64>,
    quota: u64,
    allowed: Vec<String>,
}

impl UploadRules {
    pub fn new(max_bytes: u64, quota_left: Option<u64>, quota: u64, allowed: Vec<String>) -> Self {
        Self { max_bytes, quota_left, quota, allowed }
    }

    /// The most a whole request can carry, for the multipart parser's own limit.
    pub fn request_limit(&self, files: usize) -> u64 {
        self.max_bytes.saturating_mul(files as u64).saturating_add(1024 * 1024)
    }
}

/// A file written to staging, with its cleaned name and sniffed type.
#[derive(Debug)]
pub struct ReceivedFile {
    pub filename: String,
    pub content_type: &'static str,
    pub staged: StagedFile,
}

fn too_large(message: String) -> AppError {
    AppError::FileRejected { status: StatusCode::PAYLOAD_TOO_LARGE, field: FILE_FIELD.to_owned(), message }
}

/// 413 for a file that would take the uploader past their quota.
pub fn over_quota(quota: u64) -> AppError {
    too_large(format!("This would exceed your attachment quota of {}; remove files you no longer need.", human(quota)))
}

/// `25 MiB`, `4 KiB`, `1.5 GiB`: sizes as people read them.
fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    format!("{} {}", text.trim_end_matches(".0"), UNITS[unit])
}

/// The body ended or broke before the file was complete.
fn interrupted(cause: impl Display) -> AppError {
    AppError::BadRequest(format!("The upload was interrupted: {cause}"))
}

/// Streams one file part (`chunks`) into the store under the rules.
pub async fn receive_file<S, E>(
    store: &FileStore,
    rules: &mut UploadRules,
    raw_name: Option<&str>,
    mut chunks: S,
) -> AppResult<ReceivedFile>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Display,
{
    let filename = sanitize_filename(raw_name.unwrap_or_default());
    let mut head = BytesMut::new();
    while head.len() < SNIFF_BYTES {
        match chunks.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(e)) => return Err(interrupted(e)),
            None => break,
        }
    }
    if head.is_empty() {
        return Err(AppError::invalid(FILE_FIELD, format!("{filename} is empty")));
    }
    let content_type = sniff(&head[..head.len().min(SNIFF_BYTES)]);
    if !rules.allowed.iter().any(|t| t == content_type) {
        return Err(AppError::FileRejected {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            field: FILE_FIELD.to_owned(),
            message: format!("{filename} contains {content_type}, which is not accepted here."),
        });
    }
    let mut upload = store.begin().await?;
    match stream_into(&mut upload, rules, &filename, head.freeze(), chunks).await {
        Ok(()) => {}
        Err(e) => {
            upload.abort().await;
            return Err(e);
        }
    }
    let staged = upload.finish().await?;
    if let Some(left) = rules.quota_left.as_mut() {
        *left = left.saturating_sub(staged.size);
    }
    Ok(ReceivedFile { filename, content_type, staged })
}

async fn stream_into<S, E>(
    upload: &mut Upload,
    rules: &UploadRules,
    filename: &str,
    head: Bytes,
    mut chunks: S,
) -> AppResult<()>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Display,
{
    let mut next = Some(head);
    while let Some(chunk) = next {
        let size = upload.size() + chunk.len() as u64;
        if size > rules.max_bytes {
            return Err(too_large(format!("{filename} is larger than the limit of {}.", human(rules.max_bytes))));
        }
        if rules.quota_left.is_some_and(|left| size > left) {
            return Err(over_quota(rules.quota));
        }
        upload.write(chunk).await?;
        next = match chunks.next().await {
            Some(Ok(chunk)) => Some(chunk),
            Some(Err(e)) => return Err(interrupted(e)),
            None => None,
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::human;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human(25 * 1024 * 1024), "25 MiB");
        assert_eq!(human(4096), "4 KiB");
        assert_eq!(human(1536 * 1024 * 1024), "1.5 GiB");
        assert_eq!(human(100), "100 bytes");
    }
}
