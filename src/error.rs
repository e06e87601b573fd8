//! One error type for every handler. Each variant maps to an RFC 9457 problem document;
//! unexpected errors are logged with their cause and answered 500 without details.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dayline_api_types::{FieldError, Problem};
use dayline_db::DbError;

use crate::http::request_id;

pub type AppResult<T> = Result<T, AppError>;

/// Seconds a client should wait before retrying when the database or the server is busy.
const RETRY_AFTER_SECS: &str = "5";

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("unauthenticated: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    /// `If-Match` named an older version; the answer carries the current one.
    #[error("precondition failed")]
    PreconditionFailed(Box<dayline_api_types::TaskResponse>),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// An uploaded file refused for its size (413) or its type (415), naming the field.
    #[error("file refused: {message}")]
    FileRejected { status: StatusCode, field: String, message: String },
    /// The file store's disk or bucket is full.
    #[error("file storage full")]
    StorageFull,
    /// The file store cannot be reached or written.
    #[error("file storage unavailable")]
    StorageUnavailable,
    #[error("request timed out")]
    Timeout,
    #[error("database unavailable")]
    Unavailable,
    #[error("a fresh second factor is required")]
    StepUpRequired,
    #[error("a second factor must be set up first")]
    SecondFactorRequired,
    #[error("rate limit exceeded")]
    RateLimited(crate::http::rate_limit::Exceeded),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// A 422 naming one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError { field: field.into(), message: message.into() }])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthorized(_) | AppError::StepUpRequired => StatusCode::UNAUTHORIZED,
            AppError::SecondFactorRequired => StatusCode::FORBIDDEN,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::FileRejected { status, .. } => *status,
            AppError::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            AppError::Timeout | AppError::Unavailable | AppError::StorageUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn slug(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "malformed-request",
            AppError::Validation(_) => "validation",
            AppError::Unauthorized(_) => "unauthenticated",
            AppError::StepUpRequired => "step-up-required",
            AppError::SecondFactorRequired => "second-factor-required",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound => "not-found",
            AppError::Conflict(_) => "conflict",
            AppError::PreconditionFailed(_) => "stale-version",
            AppError::PayloadTooLarge => "payload-too-large",
            AppError::UnsupportedMediaType(_) => "unsupported-media-type",
            AppError::FileRejected { status, .. } if *status == StatusCode::PAYLOAD_TOO_LARGE => "file-too-large",
            AppError::FileRejected { .. } => "file-type-refused",
            AppError::StorageFull => "storage-full",
            AppError::StorageUnavailable => "storage-unavailable",
            AppError::Timeout => "timeout",
            AppError::Unavailable => "unavailable",
            AppError::RateLimited(_) => "rate-limited",
            AppError::Internal(_) => "internal",
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            AppError::BadRequest(d)
            | AppError::Unauthorized(d)
            | AppError::Forbidden(d)
            | AppError::Conflict(d)
            | AppError::UnsupportedMediaType(d) => Some(d.clone()),
            AppError::Validation(_) => Some("One or more fields are invalid.".to_owned()),
            AppError::NotFound => Some("There is nothing at this address, or you cannot see it.".to_owned()),
            AppError::PreconditionFailed(current) => Some(format!(
                "The task changed since you read it: it is at version {}. Review `current`, then retry with its ETag.",
                current.version
            )),
            AppError::PayloadTooLarge => Some("The request body is larger than this server accepts.".to_owned()),
            AppError::FileRejected { message, .. } => Some(message.clone()),
            AppError::StorageFull => {
                Some("The file store is full; nothing was saved. Ask an administrator to free space.".to_owned())
            }
            AppError::StorageUnavailable => {
                Some("The file store is unavailable right now; nothing was saved. Try again shortly.".to_owned())
            }
            AppError::Timeout => Some("The request took too long and was stopped; try again.".to_owned()),
            AppError::Unavailable => Some("The database is unavailable right now; try again shortly.".to_owned()),
            AppError::StepUpRequired => Some(
                "This action needs a second factor proved in the last 5 minutes: POST /api/v1/auth/step-up.".to_owned(),
            ),
            AppError::SecondFactorRequired => Some(
                "Set up a second factor first (POST /api/v1/me/mfa/totp, or a passkey): super admins, and admins \
                      of groups that require it, need one."
                    .to_owned(),
            ),
            AppError::RateLimited(e) => {
                Some(format!("Too many requests: try again in {} seconds.", e.retry_after_secs))
            }
            AppError::Internal(_) => None,
        }
    }
}

impl From<crate::files::FileError> for AppError {
    fn from(err: crate::files::FileError) -> Self {
        match err {
            crate::files::FileError::Full => AppError::StorageFull,
            crate::files::FileError::Unavailable(reason) => {
                tracing::warn!(%reason, "file store unavailable");
                AppError::StorageUnavailable
            }
            missing @ crate::files::FileError::Missing => AppError::Internal(anyhow::Error::new(missing)),
        }
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::Unavailable(_) => AppError::Unavailable,
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        match &self {
            AppError::Internal(err) => tracing::error!(error = ?err, "request failed"),
            AppError::Unavailable => tracing::warn!("database unavailable"),
            AppError::StorageFull => tracing::error!("the file store is full"),
            _ => {}
        }
        let errors = match &self {
            AppError::Validation(errors) => errors.clone(),
            AppError::FileRejected { field, message, .. } => {
                vec![FieldError { field: field.clone(), message: message.clone() }]
            }
            _ => Vec::new(),
        };
        let mut response = problem_response(status, self.slug(), self.detail(), errors);
        if let AppError::RateLimited(exceeded) = &self {
            crate::http::rate_limit::write_refusal_headers(response.headers_mut(), *exceeded);
        }
        if let AppError::PreconditionFailed(current) = self {
            return stale_version(response, &current);
        }
        response
    }
}

/// Builds a problem+json response for any status; used by `AppError` and by the middleware
/// that turns bodiless error responses (405, 413 from layers) into problem documents.
pub fn problem_response(status: StatusCode, slug: &str, detail: Option<String>, errors: Vec<FieldError>) -> Response {
    let problem = Problem {
        kind: format!("/problems/{slug}"),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
        request_id: request_id::current(),
        errors,
    };
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    if status == StatusCode::UNAUTHORIZED {
        headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    if status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::TOO_MANY_REQUESTS {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECS));
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        // The rest of the body stays unread, so the server closes the connection after this
        // answer. Saying so keeps the client from sending its next request on it meanwhile,
        // which would meet a closed connection instead of an answer.
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// A 412 whose problem document carries the current task (`current`) and its `ETag`, so the
/// client can show what changed and retry without another read.
fn stale_version(response: Response, current: &dayline_api_types::TaskResponse) -> Response {
    let (mut parts, _) = response.into_parts();
    let problem = Problem {
        kind: "/problems/stale-version".to_owned(),
        title: StatusCode::PRECONDITION_FAILED.canonical_reason().unwrap_or("Error").to_owned(),
        status: StatusCode::PRECONDITION_FAILED.as_u16(),
        detail: AppError::PreconditionFailed(Box::new(current.clone())).detail(),
        request_id: request_id::current(),
        errors: Vec::new(),
    };
    let mut body = serde_json::to_value(&problem).unwrap_or_default();
    if let Some(object) = body.as_object_mut() {
        object.insert("current".to_owned(), serde_json::to_value(current).unwrap_or_default());
    }
    if let Ok(etag) = HeaderValue::from_str(&crate::domain::tasks::etag(current)) {
        parts.headers.insert(header::ETAG, etag);
    }
    Response::from_parts(parts, axum::body::Body::from(serde_json::to_vec(&body).unwrap_or_default()))
}
