//! Files attached to tasks: upload (multipart, streamed), list, metadata, download, preview,
//! delete.

mod download;
mod ranges;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use dayline_api_types::{AttachmentList, AttachmentResponse, Problem};
use uuid::Uuid;

use self::download::{Disposition, serve};
use crate::domain::tasks::{self, FILE_FIELD, MAX_FILES_PER_UPLOAD, ReceivedFile, UploadRules};
use crate::error::{AppError, AppResult};
use crate::files::is_previewable;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::state::AppState;

/// Attaches files to a task: `multipart/form-data` with one or more parts named `file`. The
/// type is decided from the content and must be on the allow-list; each file is limited in
/// size and counts against the uploader's quota. All files are kept, or none.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/attachments", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    request_body(content_type = "multipart/form-data", description = "One or more parts named `file`."),
    responses((status = 201, body = AttachmentList), (status = 400, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem),
        (status = 503, body = Problem), (status = 507, body = Problem)))]
pub async fn upload(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, Json<AttachmentList>)> {
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())
        .ok_or_else(|| {
            AppError::UnsupportedMediaType(format!(
                "Send files as multipart/form-data, each in a part named `{FILE_FIELD}`."
            ))
        })?;
    let actor = actor.for_user(&who);
    let mut rules = tasks::prepare_upload(&state, &actor, &who, id).await?;
    let limits = multer::SizeLimit::new().whole_stream(rules.request_limit(MAX_FILES_PER_UPLOAD));
    let mut parts = multer::Multipart::with_constraints(
        body.into_data_stream(),
        boundary,
        multer::Constraints::new().size_limit(limits),
    );
    let mut received = Vec::new();
    if let Err(e) = receive_all(&state, &mut rules, &mut parts, &mut received).await {
        tasks::discard_received(&state.files, received).await;
        read_rest(&mut parts).await;
        return Err(e);
    }
    let items = tasks::record_uploads(&state, actor, &who, id, received).await?;
    Ok((StatusCode::CREATED, Json(AttachmentList { items })))
}

async fn receive_all(
    state: &AppState,
    rules: &mut UploadRules,
    parts: &mut multer::Multipart<'static>,
    received: &mut Vec<ReceivedFile>,
) -> AppResult<()> {
    while let Some(part) = parts.next_field().await.map_err(malformed)? {
        let name = part.name().unwrap_or_default().to_owned();
        if name != FILE_FIELD {
            return Err(AppError::invalid(name, format!("unexpected part; send files in parts named `{FILE_FIELD}`")));
        }
        if received.len() == MAX_FILES_PER_UPLOAD {
            return Err(AppError::invalid(FILE_FIELD, format!("at most {MAX_FILES_PER_UPLOAD} files per upload")));
        }
        let filename = part.file_name().map(str::to_owned);
        received.push(tasks::receive_file(&state.files, rules, filename.as_deref(), part).await?);
    }
    if received.is_empty() {
        return Err(AppError::invalid(FILE_FIELD, "attach at least one file"));
    }
    Ok(())
}

/// Reads and drops whatever the client is still sending after a refusal (a file's first
/// bytes can refuse it long before its last arrive), no further than the request's size
/// limit. A connection closed with part of an upload unread is reset, and the client then
/// sees a broken connection instead of the refusal that names the file.
async fn read_rest(parts: &mut multer::Multipart<'static>) {
    while let Ok(Some(mut part)) = parts.next_field().await {
        while let Ok(Some(_)) = part.chunk().await {}
    }
}

fn malformed(err: multer::Error) -> AppError {
    match err {
        multer::Error::StreamSizeExceeded { .. } => AppError::PayloadTooLarge,
        other => AppError::BadRequest(format!("The multipart body could not be read: {other}")),
    }
}

/// The task's attachments, oldest first.
#[utoipa::path(get, path = "/api/v1/tasks/{id}/attachments", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = AttachmentList), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<AttachmentList>> {
    Ok(Json(AttachmentList { items: tasks::list_attachments(&state, &actor.for_user(&who), &who, id).await? }))
}

/// One attachment's name, type, size and links.
#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, body = AttachmentResponse), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<AttachmentResponse>> {
    Ok(Json(tasks::load_attachment(&state, &actor.for_user(&who), &who, id).await?.to_response()))
}

/// The file itself, as a download. Supports `Range` (206/416), `If-Range` and `If-None-Match`
/// against the content hash `ETag`.
#[utoipa::path(get, path = "/api/v1/attachments/{id}/content", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The file"), (status = 206, description = "The requested range"),
        (status = 304, description = "Unchanged"), (status = 404, body = Problem), (status = 416, body = Problem)))]
pub async fn content(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let file = tasks::load_attachment(&state, &actor.for_user(&who), &who, id).await?;
    serve(&state.files, &file, &headers, Disposition::Attachment).await
}

/// An image attachment shown inline (PNG, JPEG, GIF, WebP only); 404 for other types.
#[utoipa::path(get, path = "/api/v1/attachments/{id}/preview", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The image"), (status = 304, description = "Unchanged"),
        (status = 404, body = Problem)))]
pub async fn preview(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let file = tasks::load_attachment(&state, &actor.for_user(&who), &who, id).await?;
    if !is_previewable(&file.content_type) {
        return Err(AppError::NotFound);
    }
    serve(&state.files, &file, &headers, Disposition::Inline).await
}

/// Removes an attachment (its uploader, or the group's admins; audited).
#[utoipa::path(delete, path = "/api/v1/attachments/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Attachment id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    tasks::delete_attachment(&state, actor.for_user(&who), &who, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
