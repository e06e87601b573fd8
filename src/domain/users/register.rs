use dayline_api_types::{GlobalRole, RegisterRequest};
use dayline_db::ActorContext;

use super::{NewUser, UserRow, create_user};
use crate::config::Registration;
use crate::domain::setup::parse_account;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `POST /api/v1/auth/register`: open registration creates a plain user; the default
/// (`invite`) and `closed` policies refuse it here.
pub async fn register(state: &AppState, actor: ActorContext, request: RegisterRequest) -> AppResult<UserRow> {
    match state.settings.registration {
        Registration::Open => {}
        Registration::Invite => {
            return Err(AppError::Forbidden("Accounts are created by invitation on this instance.".to_owned()));
        }
        Registration::Closed => {
            return Err(AppError::Forbidden("Accounts are created by administrators on this instance.".to_owned()));
        }
    }
    let (email, display_name, password) = parse_account(&request.email, &request.display_name, &request.password)?;
    let password_hash = state.passwords.hash(password.into_secret()).await?;
    let mut tx = state.db.begin(actor.with_system_access()).await?;
    let user = create_user(
        &mut tx,
        NewUser { email, display_name, password_hash, role: GlobalRole::User, via: "registration" },
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}
