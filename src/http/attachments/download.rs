//! Sending an attachment's bytes: as a download (`Content-Disposition: attachment`) or, for
//! raster images, inline as a preview; with the sniffed type, `nosniff`, a sandboxing CSP, the
//! content hash as a strong `ETag`, conditional `If-None-Match`/`If-Range` and byte ranges.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::ranges::{Ranged, resolve};
use crate::domain::tasks::AttachmentRow;
use crate::error::{AppResult, problem_response};
use crate::files::{FileStore, content_disposition};

/// Nothing in a served file may run, load or frame anything; styles only for the browser's
/// own image viewer.
const FILE_CSP: &str = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

#[derive(Debug, Clone, Copy)]
pub enum Disposition {
    Attachment,
    Inline,
}

pub async fn serve(
    store: &FileStore,
    file: &AttachmentRow,
    request: &HeaderMap,
    how: Disposition,
) -> AppResult<Response> {
    let etag = format!("\"{}\"", file.sha256);
    let len = u64::try_from(file.size_bytes).unwrap_or(0);
    if header_is(request, header::IF_NONE_MATCH, |v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*")) {
        return Ok(with_file_headers(StatusCode::NOT_MODIFIED.into_response(), file, &etag, how));
    }
    // `If-Range` with another version asks for the whole (new) file.
    let range_header = request.get(header::RANGE).and_then(|v| v.to_str().ok());
    let ranged = match request.get(header::IF_RANGE).and_then(|v| v.to_str().ok()) {
        Some(tag) if tag.trim() != etag => Ranged::Whole,
        _ => resolve(range_header, len),
    };
    let (status, range) = match ranged {
        Ranged::Whole => (StatusCode::OK, None),
        Ranged::Part(range) => (StatusCode::PARTIAL_CONTENT, Some(range)),
        Ranged::Unsatisfiable => {
            let mut response = problem_response(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "range-not-satisfiable",
                Some(format!("The file has {len} bytes.")),
                Vec::new(),
            );
            insert(&mut response, header::CONTENT_RANGE, &format!("bytes */{len}"));
            return Ok(response);
        }
    };
    let stream = store.read(&file.sha256, range.clone()).await?;
    let mut response = (status, Body::from_stream(stream)).into_response();
    let sent = range.as_ref().map_or(len, |r| r.end - r.start);
    insert(&mut response, header::CONTENT_LENGTH, &sent.to_string());
    if let Some(r) = range {
        insert(&mut response, header::CONTENT_RANGE, &format!("bytes {}-{}/{len}", r.start, r.end - 1));
    }
    Ok(with_file_headers(response, file, &etag, how))
}

fn with_file_headers(mut response: Response, file: &AttachmentRow, etag: &str, how: Disposition) -> Response {
    let kind = match how {
        Disposition::Attachment => "attachment",
        Disposition::Inline => "inline",
    };
    insert(&mut response, header::CONTENT_TYPE, &file.content_type);
    insert(&mut response, header::CONTENT_DISPOSITION, &content_disposition(kind, &file.filename));
    insert(&mut response, header::ETAG, etag);
    insert(&mut response, header::ACCEPT_RANGES, "bytes");
    insert(&mut response, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    insert(&mut response, header::CONTENT_SECURITY_POLICY, FILE_CSP);
    // Revalidated on every use (cheap with the ETag), so revoked access is noticed.
    insert(&mut response, header::CACHE_CONTROL, "private, no-cache");
    response
}

fn insert(response: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

fn header_is(headers: &HeaderMap, name: header::HeaderName, test: impl Fn(&str) -> bool) -> bool {
    headers.get(name).and_then(|v| v.to_str().ok()).is_some_and(test)
}
