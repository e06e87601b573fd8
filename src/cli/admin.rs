use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::Subcommand;
use dayline_api_types::GlobalRole;
use dayline_db::{ActorContext, SystemClock};

use crate::auth::password::PasswordHasher;
use crate::config::Settings;
use crate::domain::setup::{is_complete, mark_complete, parse_account};
use crate::domain::users::{NewUser, create_user};
use crate::error::AppError;
use crate::mail::{MailTemplate, Mailer};
use crate::start::connect_and_migrate;

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Create a user. The password is read from a prompt, or from standard input when it is
    /// not a terminal, never from a flag (flags end up in shell history and `ps`).
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        display_name: String,
        /// Make the user a super admin (the first one also completes first-run setup).
        #[arg(long)]
        super_admin: bool,
    },
    /// Lift the sign-in lock of a user after repeated failed attempts.
    Unlock {
        /// The user's e-mail address.
        email: String,
    },
    /// Remove a user's second factors (authenticator, passkeys, backup codes) and end their
    /// sessions, e.g. after a lost phone; the user is mailed and signs in with the password.
    ResetMfa {
        /// The user's e-mail address.
        email: String,
    },
    /// Add a new token signing key; the old ones keep verifying until their tokens expire.
    RotateKeys,
    /// Send a test mail now, to check the SMTP settings (smtp_url, mail_from).
    SendTestMail {
        /// Where to send it.
        address: String,
    },
}

async fn user_id(db: &dayline_db::Db, email: &str) -> anyhow::Result<uuid::Uuid> {
    let found: Option<(uuid::Uuid,)> = dayline_db::sql("SELECT id FROM users WHERE lower(email) = lower($1)")
        .bind(email.trim())
        .fetch_optional(db.read_as_system())
        .await?;
    let Some((id,)) = found else { bail!("no user with the e-mail address {email}") };
    Ok(id)
}

pub async fn run(action: Action, settings: Settings) -> anyhow::Result<()> {
    match action {
        Action::Unlock { email } => {
            let db = connect_and_migrate(&settings, Arc::new(SystemClock)).await?;
            let id = user_id(&db, &email).await?;
            let mut tx = db.begin(ActorContext::system()).await?;
            crate::domain::users::unlock_user(&mut tx, id).await.map_err(describe)?;
            // Sign-in delays live in each server's memory and end on their own within a minute.
            tx.commit().await?;
            db.close().await;
            println!("unlocked {email}");
            Ok(())
        }
        Action::ResetMfa { email } => {
            let db = connect_and_migrate(&settings, Arc::new(SystemClock)).await?;
            let id = user_id(&db, &email).await?;
            let mut tx = db.begin(ActorContext::system()).await?;
            crate::domain::mfa::reset_second_factors_in(&mut tx, id).await.map_err(describe)?;
            tx.commit().await?;
            db.close().await;
            println!("removed the second factors of {email} and ended their sessions");
            Ok(())
        }
        Action::RotateKeys => {
            let db = connect_and_migrate(&settings, Arc::new(SystemClock)).await?;
            let master = crate::auth::secret::MasterKey::load(&settings)?;
            let kid = crate::auth::keys::add_key(&db, &master, "rotate-keys command").await?;
            db.close().await;
            println!("new signing key {kid}; running servers pick it up as tokens signed with it arrive");
            Ok(())
        }
        Action::SendTestMail { address } => {
            let mailer = Mailer::from_settings(&settings).map_err(anyhow::Error::msg)?;
            if !mailer.is_configured() {
                eprintln!("warning: no smtp_url is configured, so the mail is written to the log instead");
            }
            mailer.send(&address, &MailTemplate::Test).await?;
            println!("test mail sent to {address}");
            Ok(())
        }
        Action::CreateUser { email, display_name, super_admin } => {
            let password = read_password()?;
            let (email, display_name, password) = parse_account(&email, &display_name, &password).map_err(describe)?;
            let db = connect_and_migrate(&settings, Arc::new(SystemClock)).await?;
            let password_hash = PasswordHasher::new().hash(password.into_secret()).await?;
            let role = if super_admin { GlobalRole::SuperAdmin } else { GlobalRole::User };
            let first_admin = super_admin && !is_complete(&db).await?;
            let mut tx = db.begin(ActorContext::system()).await?;
            let user = create_user(&mut tx, NewUser { email, display_name, password_hash, role, via: "cli" })
                .await
                .map_err(describe)?;
            if first_admin {
                mark_complete(&mut tx, &user).await.map_err(describe)?;
            }
            tx.commit().await?;
            db.close().await;
            println!("created user {} <{}>{}", user.id, user.email, if super_admin { " (super admin)" } else { "" });
            Ok(())
        }
    }
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").context("reading the password")?;
        let second = rpassword::prompt_password("Repeat the password: ").context("reading the password")?;
        if first != second {
            bail!("the passwords do not match");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

/// Turns field errors into one readable line for the terminal.
fn describe(err: AppError) -> anyhow::Error {
    match err {
        AppError::Validation(errors) => {
            let lines: Vec<String> =
                errors.iter().map(|e| format!("{} {}", e.field.replace('_', " "), e.message)).collect();
            anyhow::anyhow!(lines.join("; "))
        }
        other => anyhow::Error::new(other),
    }
}
