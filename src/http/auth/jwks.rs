use axum::Json;
use axum::extract::State;
use dayline_api_types::{Jwk, JwkSet};

use crate::state::AppState;

/// The public keys that verify Dayline's access tokens (RFC 7517, OKP/Ed25519).
#[utoipa::path(get, path = "/.well-known/jwks.json", tag = "auth", responses((status = 200, body = JwkSet)))]
pub async fn jwks(State(state): State<AppState>) -> Json<JwkSet> {
    let keys = state
        .keys
        .published()
        .into_iter()
        .map(|(kid, x)| Jwk {
            kty: "OKP".to_owned(),
            crv: "Ed25519".to_owned(),
            x,
            kid,
            alg: "EdDSA".to_owned(),
            usage: "sig".to_owned(),
        })
        .collect();
    Json(JwkSet { keys })
}
