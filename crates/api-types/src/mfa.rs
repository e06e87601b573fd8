use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The answer to a correct password when the account has a second factor.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MfaChallenge {
    /// Always `true`.
    pub mfa_required: bool,
    /// Single use, valid for `expires_in` seconds, only for this sign-in.
    pub mfa_token: String,
    /// What the account can answer with: `totp`, `webauthn`, `backup_code`.
    pub methods: Vec<String>,
    pub expires_in: i64,
}

/// A second factor: a code from the authenticator app, or one backup code.
#[derive(Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SecondFactor {
    /// Six digits from the authenticator app.
    #[schema(example = "123456")]
    pub code: Option<String>,
    /// One of the backup codes, e.g. `k3m9-x2pq-7hvd-a0wz`.
    pub backup_code: Option<String>,
    /// A passkey's answer to a ceremony started for this purpose.
    pub webauthn: Option<WebauthnResponse>,
}

impl std::fmt::Debug for SecondFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecondFactor { .. }")
    }
}

/// Finishes a sign-in that needs a second factor.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaLoginRequest {
    pub mfa_token: String,
    pub code: Option<String>,
    pub backup_code: Option<String>,
    /// From `POST /api/v1/auth/mfa/webauthn`.
    pub webauthn: Option<WebauthnResponse>,
}

impl std::fmt::Debug for MfaLoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MfaLoginRequest { .. }")
    }
}

/// Proves a second factor again for sensitive actions (valid 5 minutes).
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepUpRequest {
    pub code: Option<String>,
    pub backup_code: Option<String>,
    /// From `POST /api/v1/auth/step-up/webauthn`.
    pub webauthn: Option<WebauthnResponse>,
}

impl std::fmt::Debug for StepUpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StepUpRequest { .. }")
    }
}

/// The user's second factors.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MfaStatus {
    pub totp_enabled: bool,
    pub passkeys: i64,
    pub backup_codes_remaining: i64,
    /// Super admins must enrol before they can do anything else.
    pub enrolment_required: bool,
}

/// A started TOTP enrolment: show `otpauth_uri` as a QR code (or `secret` for typing),
/// then confirm with a code.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TotpEnrolment {
    /// Base32.
    pub secret: String,
    pub otpauth_uri: String,
}

#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpConfirmRequest {
    pub code: String,
}

impl std::fmt::Debug for TotpConfirmRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpConfirmRequest { .. }")
    }
}

/// Needs the password and a current second factor.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpDisableRequest {
    #[schema(format = Password)]
    pub password: String,
    pub code: Option<String>,
    pub backup_code: Option<String>,
}

impl std::fmt::Debug for TotpDisableRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpDisableRequest { .. }")
    }
}

#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegenerateBackupCodesRequest {
    #[schema(format = Password)]
    pub password: String,
}

impl std::fmt::Debug for RegenerateBackupCodesRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RegenerateBackupCodesRequest { .. }")
    }
}

/// Backup codes, shown once: each works once; a new set replaces the old one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BackupCodes {
    pub codes: Vec<String>,
}

/// What a personal API token may do: `read` (GET), `write` (changes), `admin` (the
/// super-admin endpoints, for super admins only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenScope {
    Read,
    Write,
    Admin,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiTokenRequest {
    #[schema(example = "CI exporter")]
    pub name: String,
    pub scopes: Vec<TokenScope>,
    /// Optional; the token stops working then.
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiTokenResponse {
    pub id: Uuid,
    pub name: String,
    pub scopes: Vec<TokenScope>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A new token: `token` is shown this once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CreatedApiToken {
    /// `dl_pat_…`; send as `Authorization: Bearer`.
    pub token: String,
    #[serde(flatten)]
    pub details: ApiTokenResponse,
}

/// A WebAuthn ceremony in progress: hand `options` to `navigator.credentials.create()` or
/// `.get()`, then send the result back with `ceremony_id`. Valid 5 minutes, once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebauthnOptions {
    pub ceremony_id: Uuid,
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
}

/// What the authenticator answered, for the ceremony it answers.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebauthnResponse {
    pub ceremony_id: Uuid,
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

impl std::fmt::Debug for WebauthnResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebauthnResponse").field("ceremony_id", &self.ceremony_id).finish_non_exhaustive()
    }
}

/// Names the passkey about to be registered, e.g. "YubiKey" or "Laptop".
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasskeyNameRequest {
    #[schema(example = "Laptop")]
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PasskeyResponse {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Starts a passkey check for the second step of a sign-in.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaWebauthnStartRequest {
    pub mfa_token: String,
}

impl std::fmt::Debug for MfaWebauthnStartRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MfaWebauthnStartRequest { .. }")
    }
}
