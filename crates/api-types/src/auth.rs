use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How a client holds its session: tokens in the response body (API clients), or
/// `__Host-` cookies plus a CSRF token (browsers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SessionMode {
    #[default]
    Token,
    Cookie,
}

#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "ana@example.com")]
    pub email: String,
    #[schema(format = Password)]
    pub password: String,
    #[serde(default)]
    pub session: SessionMode,
}

/// The answer to a cookie-mode login or refresh: the tokens are in HttpOnly cookies; send
/// `csrf_token` as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CookieSession {
    #[schema(example = "cookie")]
    pub token_type: String,
    pub expires_in: i64,
    pub csrf_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum LoginResponse {
    Tokens(TokenPair),
    Cookie(CookieSession),
    /// The password was right and the account has a second factor: finish at
    /// `POST /api/v1/auth/mfa` with `mfa_token`.
    MfaRequired(crate::mfa::MfaChallenge),
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest").field("email", &self.email).finish_non_exhaustive()
    }
}

/// A new token pair. The access token is a JWT for `Authorization: Bearer`; the refresh
/// token is opaque, single-use, and trades for a new pair at `/api/v1/auth/refresh`.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    pub refresh_token: String,
}

impl std::fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenPair").field("expires_in", &self.expires_in).finish_non_exhaustive()
    }
}

/// The refresh token in the body; browsers in cookie mode send an empty body instead.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// One published signing key (RFC 8037 OKP/Ed25519).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Jwk {
    pub kty: String,
    pub crv: String,
    pub x: String,
    pub kid: String,
    pub alg: String,
    #[serde(rename = "use")]
    pub usage: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct JwkSet {
    pub keys: Vec<Jwk>,
}
