//! Every request has an id: the caller's `X-Request-Id` when it is well-formed, else a new
//! one. It is returned on the response, written in every log line and in problem bodies.

use axum::http::HeaderMap;

pub const HEADER: &str = "x-request-id";
const MAX_LEN: usize = 128;

tokio::task_local! {
    static CURRENT: String;
}

/// The id of the request being handled on this task, if any.
pub fn current() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Runs `fut` with `id` as the current request id.
pub async fn scope<F: Future>(id: String, fut: F) -> F::Output {
    CURRENT.scope(id, fut).await
}

/// The caller's id if it is short and made of safe characters (it ends up in logs).
pub fn from_headers(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(HEADER)?.to_str().ok()?;
    let ok = !value.is_empty()
        && value.len() <= MAX_LEN
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    ok.then(|| value.to_owned())
}

pub fn generate() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(HEADER, HeaderValue::from_str(value).expect("header value"));
        h
    }

    #[test]
    fn accepts_only_short_safe_ids() {
        assert_eq!(from_headers(&headers("abc-123_x.y:z")).as_deref(), Some("abc-123_x.y:z"));
        assert_eq!(from_headers(&headers(&"a".repeat(129))), None);
        assert_eq!(from_headers(&headers("a b")), None);
        assert_eq!(from_headers(&headers("<script>")), None);
    }
}
