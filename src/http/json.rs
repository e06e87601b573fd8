//! `ApiJson<T>`: the JSON body extractor. Unlike axum's, its rejections are problem
//! documents: 415 for a wrong content type, 413 over the limit, 400 with line and column
//! for malformed JSON, 422 naming the field for well-formed JSON of the wrong shape.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(request.headers().get(header::CONTENT_TYPE)) {
            return Err(AppError::UnsupportedMediaType("Send the body as application/json.".to_owned()));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest(rejection.body_text())
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

pub fn is_json(content_type: Option<&axum::http::HeaderValue>) -> bool {
    let Some(value) = content_type.and_then(|v| v.to_str().ok()) else { return false };
    let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() { data_error(&path, &inner) } else { malformed(&inner) }
    })?;
    deserializer.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

fn malformed(e: &serde_json::Error) -> AppError {
    AppError::BadRequest(format!("The body is not valid JSON (line {}, column {}).", e.line(), e.column()))
}

/// Names the field: the path for wrong types, the field itself for missing or unknown ones.
fn data_error(path: &str, e: &serde_json::Error) -> AppError {
    let full = e.to_string();
    let message = full.split(" at line ").next().unwrap_or(&full).to_owned();
    let named = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    let field = match (named, path) {
        (Some(name), "." | "") => name.to_owned(),
        // For unknown fields the path already ends with the field itself.
        (Some(name), path) if path == name || path.ends_with(&format!(".{name}")) => path.to_owned(),
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, path) => path.to_owned(),
    };
    let message =
        if message.starts_with("unknown field") { "is not a field of this request".to_owned() } else { message };
    AppError::invalid(field, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        email: String,
        n: u8,
    }

    fn field_of(err: AppError) -> String {
        match err {
            AppError::Validation(errors) => errors[0].field.clone(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn names_the_field_at_fault() {
        assert_eq!(field_of(parse::<Body>(br#"{"n": 1}"#).expect_err("missing")), "email");
        assert_eq!(field_of(parse::<Body>(br#"{"email": 5, "n": 1}"#).expect_err("type")), "email");
        assert_eq!(field_of(parse::<Body>(br#"{"email": "a", "n": 1, "role": "x"}"#).expect_err("unknown")), "role");
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        match parse::<Body>(b"{\n  \"email\": ").expect_err("eof") {
            AppError::BadRequest(d) => assert!(d.contains("line 2"), "{d}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse::<Body>(br#"{"email":"a","n":1} trailing"#), Err(AppError::BadRequest(_))));
    }
}
