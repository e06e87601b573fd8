//! Passkeys (WebAuthn) as second factors: registration, naming, removal, and the
//! authentication ceremony used at sign-in and for step-up. Each ceremony's state (with its
//! 32-byte challenge) is kept server-side for five minutes and used once.

use chrono::{DateTime, Duration, Utc};
use dayline_api_types::{PasskeyResponse, WebauthnOptions, WebauthnResponse};
use dayline_db::{ActorContext, AuditEntry, WriteTx, new_id, sql};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use webauthn_rs::prelude::{
    Passkey, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Url,
    Webauthn, WebauthnBuilder,
};

use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

const CEREMONY_LIFETIME: Duration = Duration::minutes(5);
const MAX_NAME_CHARS: usize = 60;
const REGISTER: &str = "register";
const AUTHENTICATE: &str = "authenticate";

/// The relying party: the host of `public_url`, which must be a name (not an IP address).
fn webauthn(state: &AppState) -> AppResult<Webauthn> {
    let unavailable = || {
        AppError::Conflict(
            "Passkeys need `public_url` set to an address with a host name (not an IP address).".to_owned(),
        )
    };
    let origin = Url::parse(&state.settings.public_base_url()).map_err(|_| unavailable())?;
    let rp_id = origin.domain().ok_or_else(unavailable)?.to_owned();
    WebauthnBuilder::new(&rp_id, &origin)
        .and_then(|b| b.rp_name(&state.settings.instance_name).build())
        .map_err(|_| unavailable())
}

fn invalid_name(name: &str) -> Option<AppError> {
    let name = name.trim();
    (name.is_empty() || name.chars().count() > MAX_NAME_CHARS)
        .then(|| AppError::invalid("name", format!("must be 1 to {MAX_NAME_CHARS} characters")))
}

fn to_json<T: Serialize>(value: &T) -> AppResult<String> {
    Ok(serde_json::to_string(value).map_err(anyhow::Error::new)?)
}

fn from_json<T: DeserializeOwned>(text: &str) -> AppResult<T> {
    Ok(serde_json::from_str(text).map_err(anyhow::Error::new)?)
}

async fn store_ceremony(
    tx: &mut WriteTx,
    user_id: Uuid,
    purpose: &str,
    name: Option<String>,
    state: String,
) -> AppResult<Uuid> {
    let id = new_id();
    let now = tx.now();
    sql("INSERT INTO webauthn_ceremonies (id, user_id, purpose, name, state, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
    .bind(id)
    .bind(user_id)
    .bind(purpose)
    .bind(name)
    .bind(state)
    .bind(now)
    .bind(now + CEREMONY_LIFETIME)
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

/// Takes a ceremony out (single use): its name and state, if it is the user's, for this
/// purpose and still valid.
async fn take_ceremony(
    tx: &mut WriteTx,
    user_id: Uuid,
    purpose: &str,
    id: Uuid,
) -> AppResult<Option<(Option<String>, String)>> {
    let now = tx.now();
    let row: Option<(Option<String>, String, DateTime<Utc>)> = sql(
        "DELETE FROM webauthn_ceremonies WHERE id = $1 AND user_id = $2 AND purpose = $3 RETURNING name, state, expires_at",
    )
    .bind(id)
    .bind(user_id)
    .bind(purpose)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(row.filter(|(_, _, expires_at)| *expires_at > now).map(|(name, state, _)| (name, state)))
}

async fn passkeys_of(tx: &mut WriteTx, user_id: Uuid) -> AppResult<Vec<(Uuid, Passkey)>> {
    let rows: Vec<(Uuid, String)> =
        sql("SELECT id, passkey FROM passkeys WHERE user_id = $1").bind(user_id).fetch_all(&mut *tx).await?;
    rows.into_iter().map(|(id, json)| Ok((id, from_json(&json)?))).collect()
}

/// `POST /api/v1/me/passkeys/registration`: options for `navigator.credentials.create()`.
pub async fn start_passkey_registration(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    name: String,
) -> AppResult<WebauthnOptions> {
    if let Some(error) = invalid_name(&name) {
        return Err(error);
    }
    let webauthn = webauthn(state)?;
    let mut tx = state.db.begin(actor).await?;
    let (email, display_name): (String, String) =
        sql("SELECT email, display_name FROM users WHERE id = $1").bind(who.user_id).fetch_one(&mut tx).await?;
    let existing: Vec<_> =
        passkeys_of(&mut tx, who.user_id).await?.into_iter().map(|(_, p)| p.cred_id().clone()).collect();
    let (options, registration) = webauthn
        .start_passkey_registration(who.user_id, &email, &display_name, Some(existing))
        .map_err(|e| anyhow::anyhow!("starting a passkey registration: {e}"))?;
    let ceremony_id =
        store_ceremony(&mut tx, who.user_id, REGISTER, Some(name.trim().to_owned()), to_json(&registration)?).await?;
    tx.audit(AuditEntry::new("mfa.passkey_registration_started", "user", Some(who.user_id))).await?;
    tx.commit().await?;
    Ok(WebauthnOptions { ceremony_id, options: serde_json::to_value(options).map_err(anyhow::Error::new)? })
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    name: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
}

impl Row {
    fn to_response(&self) -> PasskeyResponse {
        PasskeyResponse {
            id: self.id,
            name: self.name.clone(),
            created_at: self.created_at,
            last_used_at: self.last_used_at,
        }
    }
}

/// `POST /api/v1/me/passkeys`: checks the authenticator's answer and stores the passkey.
pub async fn finish_passkey_registration(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    response: WebauthnResponse,
) -> AppResult<PasskeyResponse> {
    let webauthn = webauthn(state)?;
    let credential: RegisterPublicKeyCredential = serde_json::from_value(response.credential)
        .map_err(|_| AppError::invalid("credential", "is not a WebAuthn registration response"))?;
    let mut tx = state.db.begin(actor).await?;
    let (name, registration) = take_ceremony(&mut tx, who.user_id, REGISTER, response.ceremony_id)
        .await?
        .ok_or_else(|| AppError::invalid("ceremony_id", "is unknown, used or expired; start again"))?;
    let registration: PasskeyRegistration = from_json(&registration)?;
    let passkey = webauthn
        .finish_passkey_registration(&credential, &registration)
        .map_err(|e| AppError::invalid("credential", format!("was not accepted: {e}")))?;
    let now = tx.now();
    let row: Row = sql(
        "INSERT INTO passkeys (id, user_id, name, credential_id, passkey, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
         RETURNING id, name, created_at, last_used_at",
    )
    .bind(new_id())
    .bind(who.user_id)
    .bind(name.unwrap_or_else(|| "Passkey".to_owned()))
    .bind(hex::encode(passkey.cred_id().as_slice()))
    .bind(to_json(&passkey)?)
    .bind(now)
    .fetch_one(&mut tx)
    .await?;
    tx.audit(AuditEntry::new("mfa.passkey_added", "passkey", Some(row.id))).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(row.to_response())
}

/// `GET /api/v1/me/passkeys`.
pub async fn list_passkeys(state: &AppState, who: &Authenticated) -> AppResult<Vec<PasskeyResponse>> {
    let rows: Vec<Row> = sql("SELECT id, name, created_at, last_used_at FROM passkeys WHERE user_id = $1 ORDER BY id")
        .bind(who.user_id)
        .fetch_all(state.db.read_as(who.row_access()))
        .await?;
    Ok(rows.iter().map(Row::to_response).collect())
}

/// `PATCH /api/v1/me/passkeys/{id}`: someone else's passkey is "not found".
pub async fn rename_passkey(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    id: Uuid,
    name: String,
) -> AppResult<PasskeyResponse> {
    if let Some(error) = invalid_name(&name) {
        return Err(error);
    }
    let mut tx = state.db.begin(actor).await?;
    let row: Option<Row> = sql(
        "UPDATE passkeys SET name = $1 WHERE id = $2 AND user_id = $3 RETURNING id, name, created_at, last_used_at",
    )
    .bind(name.trim())
    .bind(id)
    .bind(who.user_id)
    .fetch_optional(&mut tx)
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    tx.audit(AuditEntry::new("mfa.passkey_renamed", "passkey", Some(id))).await?;
    tx.commit().await?;
    Ok(row.to_response())
}

/// `DELETE /api/v1/me/passkeys/{id}`.
pub async fn delete_passkey(state: &AppState, actor: ActorContext, who: &Authenticated, id: Uuid) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    let n =
        sql("DELETE FROM passkeys WHERE id = $1 AND user_id = $2").bind(id).bind(who.user_id).execute(&mut tx).await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    tx.audit(AuditEntry::new("mfa.passkey_removed", "passkey", Some(id))).await?;
    tx.commit().await?;
    state.session_cache.forget_all();
    Ok(())
}

/// Options for `navigator.credentials.get()` with the user's passkeys, inside `tx`.
pub async fn start_passkey_check(state: &AppState, tx: &mut WriteTx, user_id: Uuid) -> AppResult<WebauthnOptions> {
    let webauthn = webauthn(state)?;
    let passkeys: Vec<Passkey> = passkeys_of(tx, user_id).await?.into_iter().map(|(_, p)| p).collect();
    if passkeys.is_empty() {
        return Err(AppError::Conflict("This account has no passkey.".to_owned()));
    }
    let (options, authentication) = webauthn
        .start_passkey_authentication(&passkeys)
        .map_err(|e| anyhow::anyhow!("starting a passkey check: {e}"))?;
    let ceremony_id = store_ceremony(tx, user_id, AUTHENTICATE, None, to_json(&authentication)?).await?;
    Ok(WebauthnOptions { ceremony_id, options: serde_json::to_value(options).map_err(anyhow::Error::new)? })
}

/// Checks a passkey's answer to a ceremony from [`start_passkey_check`]; updates the
/// passkey's signature counter. `false` for any wrong, used or expired answer.
pub async fn check_passkey(
    state: &AppState,
    tx: &mut WriteTx,
    user_id: Uuid,
    response: &WebauthnResponse,
) -> AppResult<bool> {
    let Ok(credential) = serde_json::from_value::<PublicKeyCredential>(response.credential.clone()) else {
        return Ok(false);
    };
    let Some((_, authentication)) = take_ceremony(tx, user_id, AUTHENTICATE, response.ceremony_id).await? else {
        return Ok(false);
    };
    let authentication: PasskeyAuthentication = from_json(&authentication)?;
    let Ok(result) = webauthn(state)?.finish_passkey_authentication(&credential, &authentication) else {
        return Ok(false);
    };
    let now = tx.now();
    for (id, mut passkey) in passkeys_of(tx, user_id).await? {
        if passkey.cred_id() == result.cred_id() {
            passkey.update_credential(&result);
            sql("UPDATE passkeys SET passkey = $1, last_used_at = $2 WHERE id = $3")
                .bind(to_json(&passkey)?)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            return Ok(true);
        }
    }
    Ok(false)
}
