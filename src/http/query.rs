//! `ApiQuery<T>`: the query-string extractor. Unlike axum's, a value of the wrong shape is a
//! 422 problem document naming the parameter (`?limit=abc` → `limit`).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parse(parts.uri.query().unwrap_or_default()).map(ApiQuery)
    }
}

pub fn parse<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        let field = match message.strip_prefix("unknown field `").or_else(|| message.strip_prefix("missing field `")) {
            Some(rest) => rest.split('`').next().unwrap_or_default().to_owned(),
            None => path,
        };
        AppError::invalid(field, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Q {
        limit: Option<i64>,
        day: Option<chrono::NaiveDate>,
    }

    fn field_of(err: AppError) -> String {
        match err {
            AppError::Validation(errors) => errors[0].field.clone(),
            other => panic!("not a validation error: {other}"),
        }
    }

    #[test]
    fn names_the_parameter_at_fault() {
        assert_eq!(parse::<Q>("limit=5").expect("ok").limit, Some(5));
        assert_eq!(field_of(parse::<Q>("limit=abc").expect_err("number")), "limit");
        assert_eq!(field_of(parse::<Q>("day=yesterday").expect_err("date")), "day");
    }
}
