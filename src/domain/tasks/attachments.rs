//! Files attached to tasks: listed and downloaded by whoever sees the task, added by them
//! within their quota, removed by their uploader or the group's admins. Every addition and
//! removal is audited and announced; the bytes are in the file store (see `crate::files`).

use chrono::{DateTime, Utc};
use dayline_api_types::AttachmentResponse;
use dayline_db::{ActorContext, Source, WriteTx, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use super::access::{load_access, read_with_role};
use super::receive::{ReceivedFile, UploadRules};
use super::row::TaskRow;
use crate::auth::policy::authorize_attachment_removal;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::files::{FileStore, is_previewable};
use crate::state::AppState;

/// Files one request may carry.
pub const MAX_FILES_PER_UPLOAD: usize = 10;

#[derive(sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: Uuid,
    pub task_id: Uuid,
    pub uploader_id: Uuid,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

macro_rules! select_attachments {
    ($where:literal) => {
        concat!(
            "SELECT id, task_id, uploader_id, filename, content_type, size_bytes, sha256, created_at FROM attachments ",
            $where
        )
    };
}

impl AttachmentRow {
    pub fn to_response(&self) -> AttachmentResponse {
        let base = format!("/api/v1/attachments/{}", self.id);
        AttachmentResponse {
            id: self.id,
            task_id: self.task_id,
            filename: self.filename.clone(),
            content_type: self.content_type.clone(),
            size_bytes: self.size_bytes,
            sha256: self.sha256.clone(),
            uploaded_by: self.uploader_id,
            created_at: self.created_at,
            preview_url: is_previewable(&self.content_type).then(|| format!("{base}/preview")),
            download_url: format!("{base}/content"),
        }
    }
}

/// Bytes of attachments `user_id` has stored in all.
async fn quota_used<'a>(source: impl Into<Source<'a>>, user_id: Uuid) -> AppResult<u64> {
    let (used,): (i64,) =
        sql("SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM attachments WHERE uploader_id = $1")
            .bind(user_id)
            .fetch_one(source)
            .await?;
    Ok(u64::try_from(used).unwrap_or(0))
}

/// What an upload to the task may carry, decided before a byte of it is read: a task the
/// caller cannot see answers 404 without the body being accepted.
pub async fn prepare_upload(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    task_id: Uuid,
) -> AppResult<UploadRules> {
    read_with_role(state, actor, who, task_id, "attachments").await?;
    let settings = &state.settings;
    let quota_left = match settings.attachment_quota_bytes {
        0 => None,
        quota => {
            let used = quota_used(state.db.read_as(who.row_access()), who.user_id).await?;
            Some(quota.saturating_sub(used))
        }
    };
    Ok(UploadRules::new(
        settings.attachment_max_bytes,
        quota_left,
        settings.attachment_quota_bytes,
        settings.attachment_types.clone(),
    ))
}

/// Makes received files attachments of the task, in one transaction with their audit rows
/// and events. On any failure nothing is recorded and the staged files are removed.
pub async fn record_uploads(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    task_id: Uuid,
    files: Vec<ReceivedFile>,
) -> AppResult<Vec<AttachmentResponse>> {
    match record(state, actor, who, task_id, &files).await {
        Ok(rows) => Ok(rows.iter().map(AttachmentRow::to_response).collect()),
        Err(e) => {
            discard_received(&state.files, files).await;
            Err(e)
        }
    }
}

async fn record(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    task_id: Uuid,
    files: &[ReceivedFile],
) -> AppResult<Vec<AttachmentRow>> {
    let mut tx = state.db.begin(actor).await?;
    let (task, _) = load_access(&mut tx, who, task_id).await?;
    check_quota_again(state, &mut tx, who, files).await?;
    let mut rows = Vec::with_capacity(files.len());
    for file in files {
        // The blob exists before its row commits; if the commit fails the sweep removes it.
        state.files.promote(&file.staged.staging, &file.staged.sha256).await?;
        let row = AttachmentRow {
            id: new_id(),
            task_id,
            uploader_id: who.user_id,
            filename: file.filename.clone(),
            content_type: file.content_type.to_owned(),
            size_bytes: i64::try_from(file.staged.size).unwrap_or(i64::MAX),
            sha256: file.staged.sha256.clone(),
            created_at: tx.now(),
        };
        insert(&mut tx, &row).await?;
        announce(&mut tx, &task, &row, "attachment.added").await?;
        rows.push(row);
    }
    tx.commit().await?;
    Ok(rows)
}

/// Concurrent uploads by one user were each checked against the quota alone; inside the
/// transaction the sum is checked once more.
async fn check_quota_again(
    state: &AppState,
    tx: &mut WriteTx,
    who: &Authenticated,
    files: &[ReceivedFile],
) -> AppResult<()> {
    let quota = state.settings.attachment_quota_bytes;
    if quota == 0 {
        return Ok(());
    }
    let adding: u64 = files.iter().map(|f| f.staged.size).sum();
    if quota_used(&mut *tx, who.user_id).await?.saturating_add(adding) > quota {
        return Err(super::receive::over_quota(quota));
    }
    Ok(())
}

async fn insert(tx: &mut WriteTx, row: &AttachmentRow) -> AppResult<()> {
    sql("INSERT INTO attachments (id, task_id, uploader_id, filename, content_type, size_bytes, sha256, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
    .bind(row.id)
    .bind(row.task_id)
    .bind(row.uploader_id)
    .bind(row.filename.clone())
    .bind(row.content_type.clone())
    .bind(row.size_bytes)
    .bind(row.sha256.clone())
    .bind(row.created_at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn announce(tx: &mut WriteTx, task: &TaskRow, row: &AttachmentRow, kind: &'static str) -> AppResult<()> {
    let details = json!({ "task": task.id, "filename": row.filename, "size_bytes": row.size_bytes,
        "content_type": row.content_type, "sha256": row.sha256 });
    let payload = json!({ "task": task.id, "attachment": row.id });
    super::update::announce_about(tx, task, kind, ("attachment", row.id), details, payload).await
}

/// Removes staged files that will not become attachments.
pub async fn discard_received(store: &FileStore, files: Vec<ReceivedFile>) {
    for file in files {
        store.discard(&file.staged.staging).await;
    }
}

/// `GET /api/v1/tasks/{id}/attachments`, oldest first.
pub async fn list_attachments(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    task_id: Uuid,
) -> AppResult<Vec<AttachmentResponse>> {
    read_with_role(state, actor, who, task_id, "attachments").await?;
    let rows: Vec<AttachmentRow> = sql(select_attachments!("WHERE task_id = $1 ORDER BY id"))
        .bind(task_id)
        .fetch_all(state.db.read_as(who.row_access()))
        .await?;
    Ok(rows.iter().map(AttachmentRow::to_response).collect())
}

/// An attachment of a task the caller may read (404 otherwise), for its metadata or bytes.
pub async fn load_attachment(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    id: Uuid,
) -> AppResult<AttachmentRow> {
    let row: Option<AttachmentRow> =
        sql(select_attachments!("WHERE id = $1")).bind(id).fetch_optional(state.db.read_as(who.row_access())).await?;
    let row = row.ok_or(AppError::NotFound)?;
    read_with_role(state, actor, who, row.task_id, "attachment").await?;
    Ok(row)
}

/// `DELETE /api/v1/attachments/{id}`: by its uploader or the group's admins. The bytes stay
/// until the sweep finds no attachment naming them.
pub async fn delete_attachment(state: &AppState, actor: ActorContext, who: &Authenticated, id: Uuid) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    let row: Option<AttachmentRow> = sql(select_attachments!("WHERE id = $1")).bind(id).fetch_optional(&mut tx).await?;
    let row = row.ok_or(AppError::NotFound)?;
    let (task, access) = load_access(&mut tx, who, row.task_id).await?;
    authorize_attachment_removal(who, &access, row.uploader_id)?;
    sql("DELETE FROM attachments WHERE id = $1").bind(id).execute(&mut tx).await?;
    announce(&mut tx, &task, &row, "attachment.removed").await?;
    tx.commit().await?;
    Ok(())
}
