//! Groups and their memberships.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use dayline_api_types::{
    AcceptInvitationRequest, AddMemberRequest, AuditList, AuditQuery, CreateGroupRequest, CreateInvitationRequest,
    GroupList, GroupResponse, InvitationAccepted, InvitationResponse, MemberResponse, Problem, UpdateGroupRequest,
    UpdateMemberRequest,
};
use uuid::Uuid;

use crate::auth::policy::GroupAction;
use crate::domain::groups;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::json::ApiJson;
use crate::http::paging::Page;
use crate::http::rate_limit::CredentialAttempt;
use crate::state::AppState;

/// Creates a group; the caller becomes its admin.
#[utoipa::path(post, path = "/api/v1/groups", tag = "groups", security(("bearer" = [])), request_body = CreateGroupRequest,
    responses((status = 201, body = GroupResponse), (status = 401, body = Problem),
        (status = 403, description = "Only super admins create groups here", body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<CreateGroupRequest>,
) -> AppResult<(StatusCode, Json<GroupResponse>)> {
    let group = groups::create_group(&state, actor.for_user(&who), &who, request).await?;
    Ok((StatusCode::CREATED, Json(group)))
}

/// The caller's groups (all live groups for super admins).
#[utoipa::path(get, path = "/api/v1/groups", tag = "groups", security(("bearer" = [])),
    responses((status = 200, body = GroupList), (status = 401, body = Problem)))]
pub async fn list(State(state): State<AppState>, CurrentUser(who): CurrentUser) -> AppResult<Json<GroupList>> {
    Ok(Json(GroupList { items: groups::list_groups(&state, &who).await? }))
}

/// A group the caller belongs to (404 otherwise).
#[utoipa::path(get, path = "/api/v1/groups/{id}", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 200, body = GroupResponse), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<GroupResponse>> {
    Ok(Json(groups::get_group(&state, &actor.for_user(&who), &who, id).await?))
}

/// Changes a group's settings (group admins).
#[utoipa::path(patch, path = "/api/v1/groups/{id}", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")), request_body = UpdateGroupRequest,
    responses((status = 200, body = GroupResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn update(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<UpdateGroupRequest>,
) -> AppResult<Json<GroupResponse>> {
    Ok(Json(groups::update_group(&state, actor.for_user(&who), &who, id, request).await?))
}

/// Deletes a group (group admins, with a recent step-up); super admins can restore it for 30
/// days.
#[utoipa::path(delete, path = "/api/v1/groups/{id}", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 204, description = "Deleted"), (status = 401, description = "Step-up required", body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    groups::delete_group(&state, actor.for_user(&who), &who, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Brings a deleted group back (super admins).
#[utoipa::path(post, path = "/api/v1/groups/{id}/restore", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 200, body = GroupResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
pub async fn restore(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<GroupResponse>> {
    Ok(Json(groups::restore_group(&state, actor.for_user(&who), &who, id).await?))
}

#[utoipa::path(get, path = "/api/v1/groups/{id}/members", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 200, body = Vec<MemberResponse>), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn members(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<Vec<MemberResponse>>> {
    Ok(Json(groups::list_members(&state, &actor.for_user(&who), &who, id).await?))
}

/// Adds an existing user by e-mail (group admins).
#[utoipa::path(post, path = "/api/v1/groups/{id}/members", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")), request_body = AddMemberRequest,
    responses((status = 201, body = MemberResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn add_member(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<AddMemberRequest>,
) -> AppResult<(StatusCode, Json<MemberResponse>)> {
    let member = groups::add_member(&state, actor.for_user(&who), &who, id, request).await?;
    Ok((StatusCode::CREATED, Json(member)))
}

/// Changes a member's role (group admins); a group keeps at least one admin.
#[utoipa::path(patch, path = "/api/v1/groups/{id}/members/{user_id}", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), ("user_id" = Uuid, Path, description = "Member")),
    request_body = UpdateMemberRequest,
    responses((status = 200, body = MemberResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Would leave no admin", body = Problem)))]
pub async fn update_member(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, user_id)): Path<(Uuid, Uuid)>,
    ApiJson(request): ApiJson<UpdateMemberRequest>,
) -> AppResult<Json<MemberResponse>> {
    Ok(Json(groups::set_member_role(&state, actor.for_user(&who), &who, id, user_id, request.role).await?))
}

/// Removes a member (group admins), or leaves (one's own id); a group keeps at least one admin.
#[utoipa::path(delete, path = "/api/v1/groups/{id}/members/{user_id}", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), ("user_id" = Uuid, Path, description = "Member")),
    responses((status = 204, description = "Removed"), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Would leave no admin", body = Problem)))]
pub async fn remove_member(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, user_id)): Path<(Uuid, Uuid)>,
) -> AppResult<StatusCode> {
    groups::remove_member(&state, actor.for_user(&who), &who, id, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The group's audit trail, newest first (group admins).
#[utoipa::path(get, path = "/api/v1/groups/{id}/audit", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), AuditQuery),
    responses((status = 200, body = AuditList), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn audit(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    Query(mut query): Query<AuditQuery>,
) -> AppResult<Json<AuditList>> {
    groups::authorize(&state, &actor.for_user(&who), &who, id, GroupAction::Administer, "audit").await?;
    let page = Page::parse(query.limit, query.cursor.as_deref())?;
    query.group_id = Some(id);
    let mut items =
        crate::http::admin::audit::fetch_entries(&state, who.row_access(), &query, page.after, page.fetch()).await?;
    let next_cursor = page.finish(&mut items, |e| e.id);
    Ok(Json(AuditList { items, next_cursor }))
}

/// Invites an address to the group (group admins); the mail carries a link valid 7 days.
#[utoipa::path(post, path = "/api/v1/groups/{id}/invitations", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")), request_body = CreateInvitationRequest,
    responses((status = 201, body = InvitationResponse), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Already a member or already invited", body = Problem), (status = 422, body = Problem)))]
pub async fn invite(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(request): ApiJson<CreateInvitationRequest>,
) -> AppResult<(StatusCode, Json<InvitationResponse>)> {
    let invitation = groups::create_invitation(&state, actor.for_user(&who), &who, id, request).await?;
    Ok((StatusCode::CREATED, Json(invitation)))
}

/// Pending invitations (group admins).
#[utoipa::path(get, path = "/api/v1/groups/{id}/invitations", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id")),
    responses((status = 200, body = Vec<InvitationResponse>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn invitations(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Json<Vec<InvitationResponse>>> {
    Ok(Json(groups::list_invitations(&state, &actor.for_user(&who), &who, id).await?))
}

/// Revokes a pending invitation (group admins).
#[utoipa::path(delete, path = "/api/v1/groups/{id}/invitations/{invitation_id}", tag = "groups", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), ("invitation_id" = Uuid, Path, description = "Invitation")),
    responses((status = 204, description = "Revoked"), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, invitation_id)): Path<(Uuid, Uuid)>,
) -> AppResult<StatusCode> {
    groups::change_invitation(&state, actor.for_user(&who), &who, id, invitation_id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a pending invitation again with a new link (the old one stops working) and 7 more days.
#[utoipa::path(post, path = "/api/v1/groups/{id}/invitations/{invitation_id}/resend", tag = "groups",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Group id"), ("invitation_id" = Uuid, Path, description = "Invitation")),
    responses((status = 204, description = "Sent again"), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn resend_invitation(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path((id, invitation_id)): Path<(Uuid, Uuid)>,
) -> AppResult<StatusCode> {
    groups::change_invitation(&state, actor.for_user(&who), &who, id, invitation_id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Accepts an invitation sent to the signed-in user's address.
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "groups", security(("bearer" = [])),
    request_body = AcceptInvitationRequest,
    responses((status = 200, body = InvitationAccepted), (status = 401, body = Problem),
        (status = 422, description = "Invalid, used, revoked or expired token, or another address's", body = Problem)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    ApiJson(request): ApiJson<AcceptInvitationRequest>,
) -> AppResult<Json<InvitationAccepted>> {
    Ok(Json(groups::accept_invitation(&state, actor.for_user(&who), &who, &request.token).await?))
}

/// Accepts an invitation by creating the account for the invited address (name and password
/// needed); then sign in.
#[utoipa::path(post, path = "/api/v1/invitations/register", tag = "groups", request_body = AcceptInvitationRequest,
    responses((status = 201, body = InvitationAccepted),
        (status = 403, description = "Registration is closed", body = Problem),
        (status = 409, description = "An account uses the address: sign in and accept", body = Problem),
        (status = 422, body = Problem), (status = 429, body = Problem)))]
pub async fn register_by_invitation(
    _attempt: CredentialAttempt,
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    ApiJson(request): ApiJson<AcceptInvitationRequest>,
) -> AppResult<(StatusCode, Json<InvitationAccepted>)> {
    let accepted = groups::register_by_invitation(&state, actor, request).await?;
    Ok((StatusCode::CREATED, Json(accepted)))
}
