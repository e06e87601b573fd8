//! `CurrentUser`: the extractor for routes that need a signed-in caller.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use crate::domain::sessions::{Authenticated, authenticate};
use crate::error::AppError;
use crate::state::AppState;

pub struct CurrentUser(pub Authenticated);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                AppError::Unauthorized("Sign in: send an access token as `Authorization: Bearer …`.".to_owned())
            })?;
        authenticate(state, token).await.map(CurrentUser)
    }
}
