//! First run: until the first super admin exists, a one-time token (logged at start-up)
//! lets whoever runs the server create that account over HTTP.

use std::sync::Mutex;

use dayline_api_types::{FieldError, GlobalRole, SetupRequest};
use dayline_db::{ActorContext, AuditEntry, Db, DbError, DbResult, WriteTx, sql};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

use crate::domain::users::{DisplayName, EmailAddress, NewUser, Password, UserRow, create_user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub struct SetupGate {
    token: Mutex<Option<SecretString>>,
}

impl SetupGate {
    /// Opens the gate with a fresh random token when the instance has not been set up.
    pub async fn open_if_needed(db: &Db) -> DbResult<SetupGate> {
        let token = if is_complete(db).await? { None } else { Some(SecretString::from(random_token())) };
        Ok(SetupGate { token: Mutex::new(token) })
    }

    /// The token to log at start-up, while setup is still possible.
    pub fn token(&self) -> Option<String> {
        self.lock().as_ref().map(|t| t.expose_secret().to_owned())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<SecretString>> {
        self.token.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn accepts(&self, presented: &str) -> bool {
        self.lock().as_ref().is_some_and(|t| bool::from(t.expose_secret().as_bytes().ct_eq(presented.as_bytes())))
    }

    fn close(&self) {
        *self.lock() = None;
    }
}

fn random_token() -> String {
    let mut bytes = [0u8; 24];
    // The OS random source failing is not recoverable; refusing to start is right.
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    hex::encode(bytes)
}

pub async fn is_complete(db: &Db) -> DbResult<bool> {
    let row: Option<(i64,)> = sql("SELECT id FROM instance_setup").fetch_optional(db).await?;
    Ok(row.is_some())
}

/// Marks setup done inside the transaction that creates the first super admin; the
/// single-row table makes a second, concurrent setup fail instead of creating two.
pub async fn mark_complete(tx: &mut WriteTx, user: &UserRow) -> AppResult<()> {
    let now = tx.now();
    sql("INSERT INTO instance_setup (id, completed_at, completed_by) VALUES (1, $1, $2)")
        .bind(now)
        .bind(user.id)
        .execute(tx)
        .await
        .map_err(|e| match e {
            DbError::UniqueViolation { .. } => AppError::Conflict("Dayline is already set up.".to_owned()),
            other => other.into(),
        })?;
    tx.audit(AuditEntry::new("setup.completed", "instance", None)).await?;
    Ok(())
}

/// `POST /api/v1/setup`: checks the token, then creates the first super admin.
pub async fn complete(state: &AppState, actor: ActorContext, request: SetupRequest) -> AppResult<UserRow> {
    if state.setup.token().is_none() {
        return Err(AppError::Conflict("Dayline is already set up.".to_owned()));
    }
    if !state.setup.accepts(&request.token) {
        return Err(AppError::Forbidden("The setup token is not valid; use the one in the server log.".to_owned()));
    }
    let (email, display_name, password) = parse_account(&request.email, &request.display_name, &request.password)?;
    let password_hash = state.passwords.hash(password.into_secret()).await?;
    let mut tx = state.db.begin(actor.with_system_access()).await?;
    let user = create_user(
        &mut tx,
        NewUser { email, display_name, password_hash, role: GlobalRole::SuperAdmin, via: "setup" },
    )
    .await?;
    mark_complete(&mut tx, &user).await?;
    tx.commit().await?;
    state.setup.close();
    tracing::info!(user_id = %user.id, "first super admin created; setup is closed");
    Ok(user)
}

/// Parses the three account fields, reporting every invalid one at once.
pub fn parse_account(
    email: &str,
    display_name: &str,
    password: &str,
) -> AppResult<(EmailAddress, DisplayName, Password)> {
    let inputs = [email, display_name];
    let email = EmailAddress::parse("email", email);
    let display_name = DisplayName::parse("display_name", display_name);
    let password = Password::parse("password", password).and_then(|p| p.strong("password", &inputs));
    match (email, display_name, password) {
        (Ok(e), Ok(d), Ok(p)) => Ok((e, d, p)),
        (e, d, p) => {
            let errors: Vec<FieldError> = [e.err(), d.err(), p.err()].into_iter().flatten().collect();
            Err(AppError::Validation(errors))
        }
    }
}
