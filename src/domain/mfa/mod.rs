//! Second factors: TOTP authenticators, passkeys and backup codes, the second step of a sign-in, and
//! step-up for sensitive actions.

mod backup;
mod challenge;
mod passkeys;
mod proof;
mod status;
mod step_up;
mod totp;

pub use backup::regenerate_backup_codes;
pub use challenge::{MFA_TOKEN_LIFETIME, create_challenge, finish_challenge, start_challenge_passkey_check};
pub use passkeys::{
    delete_passkey, finish_passkey_registration, list_passkeys, rename_passkey, start_passkey_registration,
};
pub use proof::{FactorKinds, factor_kinds, has_second_factor};
pub use status::{mfa_status, reset_second_factors, reset_second_factors_in};
pub use step_up::{STEP_UP_VALIDITY, require_step_up, start_step_up_passkey_check, step_up};
pub use totp::{confirm_totp, disable_totp, start_totp_enrolment};
