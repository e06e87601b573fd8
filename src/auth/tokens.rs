//! Access tokens: JWTs signed with EdDSA (Ed25519), 15 minutes, with `kid` in the header.
//! Verification trusts nothing in the header but `kid`: the algorithm must be EdDSA, keys
//! come only from our key ring (never `jku`, `jwk`, `x5u`, `x5c`), and times are checked
//! against the application clock.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::keys::KeyRing;

pub const ACCESS_TOKEN_TTL_SECS: i64 = 15 * 60;
pub const AUDIENCE: &str = "dayline";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub exp: i64,
    pub iat: i64,
    pub nbf: i64,
    pub jti: String,
    pub sid: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("malformed token")]
    Malformed,
    #[error("algorithm not accepted")]
    Algorithm,
    #[error("header names a key source we do not accept")]
    KeySource,
    #[error("unknown signing key")]
    UnknownKey,
    #[error("bad signature or claims")]
    Invalid,
    #[error("expired")]
    Expired,
    #[error("not yet valid")]
    NotYetValid,
}

impl KeyRing {
    pub fn issue(&self, issuer: &str, user_id: Uuid, session_id: Uuid, now: DateTime<Utc>) -> anyhow::Result<String> {
        let (kid, key) = self.signing_key();
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(kid);
        let iat = now.timestamp();
        let claims = Claims {
            iss: issuer.to_owned(),
            aud: AUDIENCE.to_owned(),
            sub: user_id.to_string(),
            exp: iat + ACCESS_TOKEN_TTL_SECS,
            iat,
            nbf: iat,
            jti: Uuid::now_v7().simple().to_string(),
            sid: session_id.to_string(),
        };
        Ok(jsonwebtoken::encode(&header, &claims, &key)?)
    }

    pub fn verify(&self, token: &str, issuer: &str, now: DateTime<Utc>) -> Result<Claims, TokenError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Malformed)?;
        if header.alg != Algorithm::EdDSA {
            return Err(TokenError::Algorithm);
        }
        if header.jku.is_some() || header.jwk.is_some() || header.x5u.is_some() || header.x5c.is_some() {
            return Err(TokenError::KeySource);
        }
        let kid = header.kid.ok_or(TokenError::UnknownKey)?;
        let key = self.verifying_key(&kid).ok_or(TokenError::UnknownKey)?;
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[issuer]);
        validation.set_required_spec_claims(&["exp", "nbf", "iat", "sub", "aud", "iss"]);
        // Times are checked below against the application clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        let claims =
            jsonwebtoken::decode::<Claims>(token, &key.decoding, &validation).map_err(|_| TokenError::Invalid)?.claims;
        let now = now.timestamp();
        if claims.exp <= now {
            return Err(TokenError::Expired);
        }
        if claims.nbf > now {
            return Err(TokenError::NotYetValid);
        }
        Ok(claims)
    }
}
