//! Invitations by e-mail: a single-use link valid for 7 days, in the role the inviting admin
//! chose. Accepting adds the membership; for an address without an account it creates the
//! account, which is how people join under the default `invite` registration policy. The
//! plain token exists only in the mail: the job that sends it makes a fresh one each time
//! (so resending also retires the previous link) and stores only its hash.

use chrono::{DateTime, Duration, Utc};
use dayline_api_types::{
    AcceptInvitationRequest, CreateInvitationRequest, GlobalRole, GroupRole, InvitationAccepted, InvitationResponse,
};
use dayline_db::jobs::{self, NewJob};
use dayline_db::{ActorContext, AuditEntry, Db, WriteTx, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use super::access::load_for_change;
use super::row::{parse_role, role_name};
use crate::auth::policy::GroupAction;
use crate::auth::refresh_token;
use crate::config::Registration;
use crate::domain::sessions::Authenticated;
use crate::domain::users::{EmailAddress, NewUser, create_user};
use crate::error::{AppError, AppResult};
use crate::mail::{MAIL_QUEUE, MailTemplate, Mailer};
use crate::state::AppState;

pub const INVITATION_JOB: &str = "group.invitation_mail";
pub const INVITATION_VALIDITY: Duration = Duration::days(7);
const TOKEN_PREFIX: &str = "dl_inv_";

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    email: String,
    role: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

impl Row {
    fn to_response(&self) -> InvitationResponse {
        InvitationResponse {
            id: self.id,
            email: self.email.clone(),
            role: parse_role(&self.role),
            created_at: self.created_at,
            expires_at: self.expires_at,
        }
    }
}

async fn enqueue_mail(tx: &mut WriteTx, invitation_id: Uuid) -> AppResult<()> {
    let mut job = NewJob::new(INVITATION_JOB, json!({ "invitation": invitation_id }));
    job.queue = MAIL_QUEUE;
    job.max_attempts = 10;
    jobs::enqueue(tx, job).await?;
    Ok(())
}

/// `POST /api/v1/groups/{id}/invitations` (group admins).
pub async fn create_invitation(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    group_id: Uuid,
    request: CreateInvitationRequest,
) -> AppResult<InvitationResponse> {
    let email = EmailAddress::parse("email", &request.email).map_err(|e| AppError::Validation(vec![e]))?;
    let mut tx = state.db.begin(actor).await?;
    load_for_change(state, &mut tx, who, group_id, GroupAction::Administer).await?;
    let now = tx.now();
    let member: Option<(Uuid,)> = sql("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.group_id = $1 AND lower(u.email) = lower($2) AND m.deleted_at IS NULL")
    .bind(group_id)
    .bind(email.as_str())
    .fetch_optional(&mut tx)
    .await?;
    if member.is_some() {
        return Err(AppError::Conflict("That address already belongs to a member.".to_owned()));
    }
    let pending: Option<(Uuid,)> = sql("SELECT id FROM invitations WHERE group_id = $1 AND lower(email) = lower($2) \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3")
    .bind(group_id)
    .bind(email.as_str())
    .bind(now)
    .fetch_optional(&mut tx)
    .await?;
    if pending.is_some() {
        return Err(AppError::Conflict("That address is already invited; resend the invitation instead.".to_owned()));
    }
    let role = request.role.unwrap_or(GroupRole::Member);
    // Until the job sends the mail, the stored hash is of a token nobody has.
    let unused = refresh_token::hash(&refresh_token::generate_with_prefix(TOKEN_PREFIX)?);
    let row: Row =
        sql("INSERT INTO invitations (id, group_id, email, role, token_hash, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, email, role, created_at, expires_at")
        .bind(new_id())
        .bind(group_id)
        .bind(email.as_str())
        .bind(role_name(role))
        .bind(unused)
        .bind(who.user_id)
        .bind(now)
        .bind(now + INVITATION_VALIDITY)
        .fetch_one(&mut tx)
        .await?;
    enqueue_mail(&mut tx, row.id).await?;
    tx.audit(
        AuditEntry::new("invitation.created", "invitation", Some(row.id))
            .group(group_id)
            .details(json!({ "email": row.email, "role": row.role })),
    )
    .await?;
    tx.commit().await?;
    Ok(row.to_response())
}

/// `GET /api/v1/groups/{id}/invitations`: the pending ones (group admins).
pub async fn list_invitations(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    group_id: Uuid,
) -> AppResult<Vec<InvitationResponse>> {
    super::manage::authorize(state, actor, who, group_id, GroupAction::Administer, "invitations").await?;
    let rows: Vec<Row> = sql("SELECT id, email, role, created_at, expires_at FROM invitations WHERE group_id = $1 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY id")
    .bind(group_id)
    .bind(state.clock.now())
    .fetch_all(state.db.read_as(who.row_access()))
    .await?;
    Ok(rows.iter().map(Row::to_response).collect())
}

/// Revokes (`resend == false`) or resends a pending invitation of the group.
pub async fn change_invitation(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    group_id: Uuid,
    invitation_id: Uuid,
    resend: bool,
) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    load_for_change(state, &mut tx, who, group_id, GroupAction::Administer).await?;
    let now = tx.now();
    let changed = if resend {
        sql("UPDATE invitations SET expires_at = $1 WHERE id = $2 AND group_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL")
            .bind(now + INVITATION_VALIDITY)
    } else {
        sql("UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND group_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL")
            .bind(now)
    }
    .bind(invitation_id)
    .bind(group_id)
    .execute(&mut tx)
    .await?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    if resend {
        enqueue_mail(&mut tx, invitation_id).await?;
    }
    let action = if resend { "invitation.resent" } else { "invitation.revoked" };
    tx.audit(AuditEntry::new(action, "invitation", Some(invitation_id)).group(group_id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The job: a fresh token for a still-pending invitation, and the mail with its link.
pub async fn send_invitation_mail(db: &Db, mailer: &Mailer, invitation_id: Uuid) -> anyhow::Result<()> {
    let now = db.clock().now();
    let row: Option<(String, String, Option<String>)> = sql(
        "SELECT i.email, g.name, u.display_name FROM invitations i JOIN groups g ON g.id = i.group_id \
         LEFT JOIN users u ON u.id = i.invited_by \
         WHERE i.id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2 AND g.deleted_at IS NULL",
    )
    .bind(invitation_id)
    .bind(now)
    .fetch_optional(db.read_as_system())
    .await?;
    let Some((email, group, inviter)) = row else {
        tracing::info!(invitation = %invitation_id, "invitation no longer pending; no mail sent");
        return Ok(());
    };
    let token = refresh_token::generate_with_prefix(TOKEN_PREFIX)?;
    let mut tx = db.begin_bookkeeping().await?;
    sql("UPDATE invitations SET token_hash = $1 WHERE id = $2")
        .bind(refresh_token::hash(&token))
        .bind(invitation_id)
        .execute(&mut tx)
        .await?;
    tx.commit().await?;
    let template = MailTemplate::Invitation {
        group,
        inviter: inviter.unwrap_or_else(|| "An administrator".to_owned()),
        link: format!("{}/invitation#token={token}", mailer.base_url()),
        valid_days: INVITATION_VALIDITY.num_days(),
    };
    mailer.send(&email, &template).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Pending {
    id: Uuid,
    group_id: Uuid,
    email: String,
    role: String,
}

fn invalid_token() -> AppError {
    AppError::invalid("token", "this invitation is invalid, used, revoked or expired")
}

async fn pending(tx: &mut WriteTx, token: &str) -> AppResult<Pending> {
    let now = tx.now();
    let row: Option<Pending> =
        sql("SELECT i.id, i.group_id, i.email, i.role FROM invitations i JOIN groups g ON g.id = i.group_id \
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2 \
         AND g.deleted_at IS NULL")
        .bind(refresh_token::hash(token.trim()))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
    row.ok_or_else(invalid_token)
}

/// Uses up the invitation and adds the membership (kept as it is if one is live already).
async fn join(
    tx: &mut WriteTx,
    invitation: &Pending,
    user_id: Uuid,
    account_created: bool,
) -> AppResult<InvitationAccepted> {
    let now = tx.now();
    let claimed = sql("UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL")
        .bind(now)
        .bind(invitation.id)
        .execute(&mut *tx)
        .await?;
    if claimed != 1 {
        return Err(invalid_token());
    }
    let live: Option<(String,)> =
        sql("SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2 AND deleted_at IS NULL")
            .bind(invitation.group_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let role = match live {
        Some((role,)) => role,
        None => {
            sql("INSERT INTO memberships (id, group_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(new_id())
                .bind(invitation.group_id)
                .bind(user_id)
                .bind(invitation.role.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.audit(
                AuditEntry::new("membership.added", "user", Some(user_id))
                    .group(invitation.group_id)
                    .details(json!({ "role": invitation.role, "via": "invitation" })),
            )
            .await?;
            invitation.role.clone()
        }
    };
    tx.audit(AuditEntry::new("invitation.accepted", "invitation", Some(invitation.id)).group(invitation.group_id))
        .await?;
    Ok(InvitationAccepted { group_id: invitation.group_id, user_id, role: parse_role(&role), account_created })
}

/// `POST /api/v1/invitations/accept`: a signed-in user accepts an invitation sent to their
/// own address.
pub async fn accept_invitation(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    token: &str,
) -> AppResult<InvitationAccepted> {
    // The invitation token, not membership, authorises joining: system row access.
    let mut tx = state.db.begin(actor.with_system_access()).await?;
    let invitation = pending(&mut tx, token).await?;
    let (email,): (String,) = sql("SELECT email FROM users WHERE id = $1").bind(who.user_id).fetch_one(&mut tx).await?;
    if !email.eq_ignore_ascii_case(&invitation.email) {
        return Err(AppError::invalid("token", "this invitation is for another e-mail address"));
    }
    let accepted = join(&mut tx, &invitation, who.user_id, false).await?;
    tx.commit().await?;
    Ok(accepted)
}

/// `POST /api/v1/invitations/register`: accepting creates the account for the invited
/// address (unless registration is closed).
pub async fn register_by_invitation(
    state: &AppState,
    actor: ActorContext,
    request: AcceptInvitationRequest,
) -> AppResult<InvitationAccepted> {
    if state.settings.registration == Registration::Closed {
        return Err(AppError::Forbidden("On this instance only administrators create accounts.".to_owned()));
    }
    let email = {
        let mut tx = state.db.begin_bookkeeping().await?;
        pending(&mut tx, &request.token).await?.email
    };
    let taken: Option<(Uuid,)> = sql("SELECT id FROM users WHERE lower(email) = lower($1)")
        .bind(email.as_str())
        .fetch_optional(state.db.read_as_system())
        .await?;
    if taken.is_some() {
        return Err(AppError::Conflict(
            "An account uses this address: sign in, then accept the invitation.".to_owned(),
        ));
    }
    let (email, display_name, password) = crate::domain::setup::parse_account(
        &email,
        request.display_name.as_deref().unwrap_or(""),
        request.password.as_deref().unwrap_or(""),
    )?;
    let password_hash = state.passwords.hash(password.into_secret()).await?;
    let mut tx = state.db.begin(actor.with_system_access()).await?;
    let invitation = pending(&mut tx, &request.token).await?;
    let user =
        create_user(&mut tx, NewUser { email, display_name, password_hash, role: GlobalRole::User, via: "invitation" })
            .await?;
    let accepted = join(&mut tx, &invitation, user.id, true).await?;
    tx.commit().await?;
    Ok(accepted)
}
