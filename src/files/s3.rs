//! Attachments in an S3-compatible bucket (AWS, MinIO, Ceph, R2, …): `files_url =
//! "s3://bucket/prefix"`, with the endpoint, region and keys from the configuration or the
//! usual `AWS_*` environment variables. Signing uses ring; TLS comes from rustls.

use std::sync::Arc;

use object_store::ObjectStore;
use object_store::aws::AmazonS3Builder;
use object_store::prefix::PrefixStore;
use secrecy::ExposeSecret;

use super::store::FileError;
use crate::config::Settings;

/// `s3://bucket/some/prefix` → (`bucket`, `some/prefix`); `None` if it is not such a URL.
pub fn parse_url(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("s3://")?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    (!bucket.is_empty()).then(|| (bucket, prefix.trim_matches('/')))
}

/// TLS to the bucket uses rustls on ring, installed once for the process (the HTTP client
/// refuses to start without one).
pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub fn open(settings: &Settings, url: &str) -> Result<Arc<dyn ObjectStore>, FileError> {
    let (bucket, prefix) =
        parse_url(url).ok_or_else(|| FileError::Unavailable(format!("{url} is not an s3://bucket/prefix URL")))?;
    install_tls_provider();
    let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket).with_region(&settings.s3_region);
    if let Some(endpoint) = &settings.s3_endpoint {
        builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
    }
    if let Some(key) = &settings.s3_access_key_id {
        builder = builder.with_access_key_id(key);
    }
    if let Some(secret) = &settings.s3_secret_access_key {
        builder = builder.with_secret_access_key(secret.expose_secret());
    }
    let store = builder.build().map_err(|e| FileError::Unavailable(format!("cannot use {url}: {e}")))?;
    Ok(if prefix.is_empty() { Arc::new(store) } else { Arc::new(PrefixStore::new(store, prefix)) })
}

#[cfg(test)]
mod tests {
    use super::parse_url;

    #[test]
    fn bucket_urls_name_a_bucket_and_an_optional_prefix() {
        assert_eq!(parse_url("s3://files"), Some(("files", "")));
        assert_eq!(parse_url("s3://files/dayline/prod/"), Some(("files", "dayline/prod")));
        assert_eq!(parse_url("s3:///x"), None);
        assert_eq!(parse_url("https://files"), None);
    }
}
