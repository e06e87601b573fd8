//! The permission matrix: every route in the router × every kind of caller × the resources
//! a route can address, with the status each call must get. `every_route_has_a_row` fails
//! when a route is added without a row here (or a row outlives its route).
//!
//! Each row that changes something runs against a fresh world (reads share one), callers in
//! the order of the columns, so what an earlier caller was allowed to change is what a later
//! one finds (the group admin deletes
//! their own group before the super admin tries; the other-group rows show what the super
//! admin may do to a group they do not belong to).
//!
//! `DAYLINE_PRINT_MATRIX=1` prints the observed rows in this file's syntax.

use std::collections::BTreeSet;

use dayline::domain::sessions::start_session;
use dayline_api_types::GlobalRole;
use dayline_db::ActorContext;
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::support::{Backend, Options, PASSWORD, TestApp, spawn_app_with};

/// The callers, in the order of the status columns.
const ACTORS: [&str; 8] =
    ["anonymous", "deactivated", "read_token", "outsider", "member", "author", "group_admin", "super_admin"];

/// What the route's path parameters point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Res {
    /// The group the member, the author and the group admin belong to (and its invitation and
    /// the author's membership).
    Own,
    /// A group none of the callers belongs to (and its invitation and member).
    Other,
    /// Not group-scoped: the caller's own account, the author's session, token or passkey, a
    /// user or a job for the administrator, or nothing at all.
    Personal,
}
use Res::{Other, Own, Personal};

/// (method, route, resource, statuses for anonymous, deactivated, read_token, outsider,
/// member, author, group_admin, super_admin).
#[rustfmt::skip]
const MATRIX: &[(&str, &str, Res, [u16; 8])] = &[
    // Operations and public documents: the same for everyone.
    ("GET", "/health", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/livez", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/readyz", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/metrics", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/.well-known/jwks.json", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/api/v1/openapi.json", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/api/docs", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/api/docs/{file}", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/setup", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/reset-password", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/invitation", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/static/{file}", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/api/v1/setup", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/setup", Personal, [409, 409, 409, 409, 409, 409, 409, 409]),
    // Credential flows: the credential in the body decides, not the caller.
    ("POST", "/api/v1/auth/login", Personal, [200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/auth/register", Personal, [403, 403, 403, 403, 403, 403, 403, 403]),
    ("POST", "/api/v1/auth/refresh", Personal, [401, 401, 401, 401, 401, 401, 401, 401]),
    ("POST", "/api/v1/auth/logout", Personal, [401, 401, 403, 204, 204, 204, 204, 204]),
    ("POST", "/api/v1/auth/mfa", Personal, [401, 401, 401, 401, 401, 401, 401, 401]),
    ("POST", "/api/v1/auth/mfa/webauthn", Personal, [401, 401, 401, 401, 401, 401, 401, 401]),
    ("POST", "/api/v1/auth/password/forgot", Personal, [202, 202, 202, 202, 202, 202, 202, 202]),
    ("POST", "/api/v1/auth/password/reset", Personal, [422, 422, 422, 422, 422, 422, 422, 422]),
    ("POST", "/api/v1/auth/step-up", Personal, [401, 401, 403, 422, 422, 422, 422, 422]),
    ("POST", "/api/v1/auth/step-up/webauthn", Personal, [401, 401, 403, 409, 409, 409, 409, 409]),
    ("POST", "/api/v1/invitations/accept", Personal, [401, 401, 403, 422, 422, 422, 422, 422]),
    ("POST", "/api/v1/invitations/register", Personal, [422, 422, 422, 422, 422, 422, 422, 422]),
    // The caller's own account.
    ("GET", "/api/v1/me", Personal, [401, 401, 200, 200, 200, 200, 200, 200]),
    ("PATCH", "/api/v1/me", Personal, [401, 401, 403, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/me/password", Personal, [401, 401, 403, 204, 204, 204, 204, 204]),
    ("GET", "/api/v1/me/sessions", Personal, [401, 401, 403, 200, 200, 200, 200, 200]),
    ("DELETE", "/api/v1/me/sessions", Personal, [401, 401, 403, 204, 204, 204, 204, 204]),
    // `{id}` is one of the author's sessions, tokens or passkeys: theirs alone.
    ("DELETE", "/api/v1/me/sessions/{id}", Personal, [401, 401, 403, 404, 404, 204, 404, 404]),
    ("GET", "/api/v1/me/mfa", Personal, [401, 401, 403, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/me/mfa/totp", Personal, [401, 401, 403, 200, 200, 200, 200, 200]),
    ("DELETE", "/api/v1/me/mfa/totp", Personal, [401, 401, 403, 404, 404, 404, 404, 404]),
    ("POST", "/api/v1/me/mfa/totp/confirm", Personal, [401, 401, 403, 409, 409, 409, 409, 409]),
    ("POST", "/api/v1/me/mfa/backup-codes", Personal, [401, 401, 403, 409, 409, 200, 409, 200]),
    ("GET", "/api/v1/me/passkeys", Personal, [401, 401, 403, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/me/passkeys", Personal, [401, 401, 403, 422, 422, 422, 422, 422]),
    ("POST", "/api/v1/me/passkeys/registration", Personal, [401, 401, 403, 409, 409, 409, 409, 409]),
    ("PATCH", "/api/v1/me/passkeys/{id}", Personal, [401, 401, 403, 404, 404, 200, 404, 404]),
    ("DELETE", "/api/v1/me/passkeys/{id}", Personal, [401, 401, 403, 404, 404, 204, 404, 404]),
    ("GET", "/api/v1/me/tokens", Personal, [401, 401, 403, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/me/tokens", Personal, [401, 401, 403, 201, 201, 201, 201, 201]),
    ("DELETE", "/api/v1/me/tokens/{id}", Personal, [401, 401, 403, 404, 404, 204, 404, 404]),
    // Groups.
    ("GET", "/api/v1/groups", Personal, [401, 401, 200, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/groups", Personal, [401, 401, 403, 201, 201, 201, 201, 201]),
    ("GET", "/api/v1/groups/{id}", Own, [401, 401, 200, 404, 200, 200, 200, 200]),
    ("GET", "/api/v1/groups/{id}", Other, [401, 401, 404, 404, 404, 404, 404, 200]),
    ("PATCH", "/api/v1/groups/{id}", Own, [401, 401, 403, 404, 403, 403, 200, 200]),
    ("PATCH", "/api/v1/groups/{id}", Other, [401, 401, 403, 404, 404, 404, 404, 200]),
    // The group admin deletes it; the super admin then finds nothing to delete.
    ("DELETE", "/api/v1/groups/{id}", Own, [401, 401, 403, 404, 403, 403, 204, 404]),
    ("DELETE", "/api/v1/groups/{id}", Other, [401, 401, 403, 404, 404, 404, 404, 204]),
    // Restoring is for super admins; the group is live, hence their 409.
    ("POST", "/api/v1/groups/{id}/restore", Own, [401, 401, 403, 404, 403, 403, 403, 409]),
    ("POST", "/api/v1/groups/{id}/restore", Other, [401, 401, 403, 404, 404, 404, 404, 409]),
    ("GET", "/api/v1/groups/{id}/audit", Own, [401, 401, 403, 404, 403, 403, 200, 200]),
    ("GET", "/api/v1/groups/{id}/audit", Other, [401, 401, 404, 404, 404, 404, 404, 200]),
    ("GET", "/api/v1/groups/{id}/members", Own, [401, 401, 200, 404, 200, 200, 200, 200]),
    ("GET", "/api/v1/groups/{id}/members", Other, [401, 401, 404, 404, 404, 404, 404, 200]),
    // The group admin adds the outsider; the super admin's second try is a conflict.
    ("POST", "/api/v1/groups/{id}/members", Own, [401, 401, 403, 404, 403, 403, 201, 409]),
    ("POST", "/api/v1/groups/{id}/members", Other, [401, 401, 403, 404, 404, 404, 404, 201]),
    ("PATCH", "/api/v1/groups/{id}/members/{user_id}", Own, [401, 401, 403, 404, 403, 403, 200, 200]),
    ("PATCH", "/api/v1/groups/{id}/members/{user_id}", Other, [401, 401, 403, 404, 404, 404, 404, 200]),
    // The author leaves the group; after that there is no membership to remove.
    ("DELETE", "/api/v1/groups/{id}/members/{user_id}", Own, [401, 401, 403, 404, 403, 204, 404, 404]),
    ("DELETE", "/api/v1/groups/{id}/members/{user_id}", Other, [401, 401, 403, 404, 404, 404, 404, 204]),
    ("GET", "/api/v1/groups/{id}/invitations", Own, [401, 401, 403, 404, 403, 403, 200, 200]),
    ("GET", "/api/v1/groups/{id}/invitations", Other, [401, 401, 404, 404, 404, 404, 404, 200]),
    ("POST", "/api/v1/groups/{id}/invitations", Own, [401, 401, 403, 404, 403, 403, 201, 409]),
    ("POST", "/api/v1/groups/{id}/invitations", Other, [401, 401, 403, 404, 404, 404, 404, 201]),
    // Revoked by the group admin, the invitation is gone for the super admin.
    ("DELETE", "/api/v1/groups/{id}/invitations/{invitation_id}", Own, [401, 401, 403, 404, 403, 403, 204, 404]),
    ("DELETE", "/api/v1/groups/{id}/invitations/{invitation_id}", Other, [401, 401, 403, 404, 404, 404, 404, 204]),
    ("POST", "/api/v1/groups/{id}/invitations/{invitation_id}/resend", Own, [401, 401, 403, 404, 403, 403, 204, 204]),
    ("POST", "/api/v1/groups/{id}/invitations/{invitation_id}/resend", Other, [401, 401, 403, 404, 404, 404, 404, 204]),
    // Tasks: `{id}` is the author's task in the own group, the other group's task, or the
    // author's personal task.
    ("GET", "/api/v1/tasks", Personal, [401, 401, 200, 200, 200, 200, 200, 200]),
    ("POST", "/api/v1/tasks", Personal, [401, 401, 403, 201, 201, 201, 201, 201]),
    ("GET", "/api/v1/tasks/{id}", Own, [401, 401, 200, 404, 200, 200, 200, 200]),
    ("GET", "/api/v1/tasks/{id}", Other, [401, 401, 404, 404, 404, 404, 404, 200]),
    ("GET", "/api/v1/tasks/{id}", Personal, [401, 401, 200, 404, 404, 200, 404, 404]),
    ("PATCH", "/api/v1/tasks/{id}", Own, [401, 401, 403, 404, 403, 200, 200, 200]),
    ("PATCH", "/api/v1/tasks/{id}", Other, [401, 401, 403, 404, 404, 404, 404, 200]),
    ("PATCH", "/api/v1/tasks/{id}", Personal, [401, 401, 403, 404, 404, 200, 404, 404]),
    ("PUT", "/api/v1/tasks/{id}/position", Own, [401, 401, 403, 404, 403, 200, 200, 200]),
    ("PUT", "/api/v1/tasks/{id}/position", Other, [401, 401, 403, 404, 404, 404, 404, 200]),
    ("PUT", "/api/v1/tasks/{id}/position", Personal, [401, 401, 403, 404, 404, 200, 404, 404]),
    // The author archives their task; the group admin and super admin then find it archived.
    ("POST", "/api/v1/tasks/{id}/archive", Own, [401, 401, 403, 404, 403, 200, 409, 409]),
    ("POST", "/api/v1/tasks/{id}/archive", Other, [401, 401, 403, 404, 404, 404, 404, 200]),
    ("POST", "/api/v1/tasks/{id}/archive", Personal, [401, 401, 403, 404, 404, 200, 404, 404]),
    // The tasks are live: those who may edit them get 409.
    ("POST", "/api/v1/tasks/{id}/restore", Own, [401, 401, 403, 404, 403, 409, 409, 409]),
    ("POST", "/api/v1/tasks/{id}/restore", Other, [401, 401, 403, 404, 404, 404, 404, 409]),
    ("POST", "/api/v1/tasks/{id}/restore", Personal, [401, 401, 403, 404, 404, 409, 404, 404]),
    ("GET", "/api/v1/tasks/{id}/history", Own, [401, 401, 200, 404, 200, 200, 200, 200]),
    ("GET", "/api/v1/tasks/{id}/history", Other, [401, 401, 404, 404, 404, 404, 404, 200]),
    ("GET", "/api/v1/tasks/{id}/history", Personal, [401, 401, 200, 404, 404, 200, 404, 404]),
    // Comments: `{comment_id}` is the author's comment on the own group's task, the other
    // admin's on the other group's, or the author's on their personal task.
    ("GET", "/api/v1/tasks/{id}/comments", Own, [401, 401, 200, 404, 200, 200, 200, 200]),
    ("GET", "/api/v1/tasks/{id}/comments", Other, [401, 401, 404, 404, 404, 404, 404, 200]),
    ("GET", "/api/v1/tasks/{id}/comments", Personal, [401, 401, 200, 404, 404, 200, 404, 404]),
    ("POST", "/api/v1/tasks/{id}/comments", Own, [401, 401, 403, 404, 201, 201, 201, 201]),
    ("POST", "/api/v1/tasks/{id}/comments", Other, [401, 401, 403, 404, 404, 404, 404, 201]),
    ("POST", "/api/v1/tasks/{id}/comments", Personal, [401, 401, 403, 404, 404, 201, 404, 404]),
    ("PATCH", "/api/v1/tasks/{id}/comments/{comment_id}", Own, [401, 401, 403, 404, 403, 200, 403, 403]),
    ("PATCH", "/api/v1/tasks/{id}/comments/{comment_id}", Other, [401, 401, 403, 404, 404, 404, 404, 403]),
    ("PATCH", "/api/v1/tasks/{id}/comments/{comment_id}", Personal, [401, 401, 403, 404, 404, 200, 404, 404]),
    // Deleted by its author, the comment is gone for the others.
    ("DELETE", "/api/v1/tasks/{id}/comments/{comment_id}", Own, [401, 401, 403, 404, 403, 204, 404, 404]),
    ("DELETE", "/api/v1/tasks/{id}/comments/{comment_id}", Other, [401, 401, 403, 404, 404, 404, 404, 403]),
    ("DELETE", "/api/v1/tasks/{id}/comments/{comment_id}", Personal, [401, 401, 403, 404, 404, 204, 404, 404]),
    // Hidden by the group admin, it is already hidden for the super admin.
    ("POST", "/api/v1/tasks/{id}/comments/{comment_id}/hide", Own, [401, 401, 403, 404, 403, 403, 200, 409]),
    ("POST", "/api/v1/tasks/{id}/comments/{comment_id}/hide", Other, [401, 401, 403, 404, 404, 404, 404, 200]),
    ("POST", "/api/v1/tasks/{id}/comments/{comment_id}/hide", Personal, [401, 401, 403, 404, 404, 403, 404, 404]),
    ("POST", "/api/v1/tasks/{id}/comments/{comment_id}/unhide", Own, [401, 401, 403, 404, 403, 403, 409, 409]),
    ("POST", "/api/v1/tasks/{id}/comments/{comment_id}/unhide", Other, [401, 401, 403, 404, 404, 404, 404, 409]),
    ("POST", "/api/v1/tasks/{id}/comments/{comment_id}/unhide", Personal, [401, 401, 403, 404, 404, 403, 404, 404]),
    ("GET", "/api/v1/me/notifications", Personal, [401, 401, 200, 200, 200, 200, 200, 200]),
    // Relations: `{relation_id}` relates the row's task to a second task of its scope.
    ("GET", "/api/v1/tasks/{id}/relations", Own, [401, 401, 200, 404, 200, 200, 200, 200]),
    ("GET", "/api/v1/tasks/{id}/relations", Other, [401, 401, 404, 404, 404, 404, 404, 200]),
    ("GET", "/api/v1/tasks/{id}/relations", Personal, [401, 401, 200, 404, 404, 200, 404, 404]),
    // The author relates their task; the same relation again is a conflict.
    ("POST", "/api/v1/tasks/{id}/relations", Own, [401, 401, 403, 404, 403, 201, 409, 409]),
    ("POST", "/api/v1/tasks/{id}/relations", Other, [401, 401, 403, 404, 404, 404, 404, 201]),
    ("POST", "/api/v1/tasks/{id}/relations", Personal, [401, 401, 403, 404, 404, 201, 404, 404]),
    // Removed by the author, the relation is gone for the others.
    ("DELETE", "/api/v1/tasks/{id}/relations/{relation_id}", Own, [401, 401, 403, 404, 403, 204, 404, 404]),
    ("DELETE", "/api/v1/tasks/{id}/relations/{relation_id}", Other, [401, 401, 403, 404, 404, 404, 404, 204]),
    ("DELETE", "/api/v1/tasks/{id}/relations/{relation_id}", Personal, [401, 401, 403, 404, 404, 204, 404, 404]),
    ("GET", "/api/v1/search", Personal, [401, 401, 200, 200, 200, 200, 200, 200]),
    // Tags: `{id}` is a tag of the own group, of the other group, or one of the author's own.
    ("GET", "/api/v1/tags", Personal, [401, 401, 200, 200, 200, 200, 200, 200]),
    ("PATCH", "/api/v1/tags/{id}", Own, [401, 401, 403, 404, 403, 403, 200, 200]),
    ("PATCH", "/api/v1/tags/{id}", Other, [401, 401, 403, 404, 404, 404, 404, 200]),
    ("PATCH", "/api/v1/tags/{id}", Personal, [401, 401, 403, 404, 404, 200, 404, 404]),
    // Merged away by the group admin, the tag is gone for the super admin.
    ("POST", "/api/v1/tags/{id}/merge", Own, [401, 401, 403, 404, 403, 403, 200, 404]),
    ("POST", "/api/v1/tags/{id}/merge", Other, [401, 401, 403, 404, 404, 404, 404, 200]),
    ("POST", "/api/v1/tags/{id}/merge", Personal, [401, 401, 403, 404, 404, 200, 404, 404]),
    // Instance administration.
    // Super admins only; nobody else learns whether the user or job exists.
    ("GET", "/api/v1/admin/users", Personal, [401, 401, 403, 403, 403, 403, 403, 200]),
    ("PATCH", "/api/v1/admin/users/{id}", Personal, [401, 401, 403, 403, 403, 403, 403, 200]),
    ("GET", "/api/v1/admin/users/{id}/groups", Personal, [401, 401, 403, 403, 403, 403, 403, 200]),
    ("POST", "/api/v1/admin/users/{id}/unlock", Personal, [401, 401, 403, 403, 403, 403, 403, 204]),
    ("POST", "/api/v1/admin/users/{id}/mfa/reset", Personal, [401, 401, 403, 403, 403, 403, 403, 204]),
    ("GET", "/api/v1/admin/audit", Personal, [401, 401, 403, 403, 403, 403, 403, 200]),
    ("GET", "/api/v1/admin/audit/export", Personal, [401, 401, 403, 403, 403, 403, 403, 200]),
    ("GET", "/api/v1/admin/jobs", Personal, [401, 401, 403, 403, 403, 403, 403, 200]),
    ("POST", "/api/v1/admin/jobs/{id}/retry", Personal, [401, 401, 403, 403, 403, 403, 403, 204]),
    ("DELETE", "/api/v1/admin/jobs/{id}", Personal, [401, 401, 403, 403, 403, 403, 403, 204]),
];

/// Every route the router serves: the documented API from the OpenAPI document, and the
/// pages and documents `src/router.rs` adds beside it.
fn routes_in_router() -> BTreeSet<(String, String)> {
    let (_, doc) = dayline::router::api();
    let mut routes = BTreeSet::new();
    for (path, item) in &doc.paths.paths {
        let item = serde_json::to_value(item).expect("path item");
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                routes.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let source = include_str!("../../src/router.rs");
    for call in source.split(".route(\"").skip(1) {
        let (path, rest) = call.split_once('"').expect("path");
        let method = rest.trim_start_matches(',').trim_start().split('(').next().expect("method");
        routes.insert((method.to_uppercase(), path.to_owned()));
    }
    routes
}

#[test]
fn every_route_has_a_row() {
    let in_router = routes_in_router();
    let in_matrix: BTreeSet<(String, String)> =
        MATRIX.iter().map(|(m, p, _, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    let missing: Vec<_> = in_router.difference(&in_matrix).collect();
    let stale: Vec<_> = in_matrix.difference(&in_router).collect();
    assert!(missing.is_empty(), "routes without a row in the permission matrix: {missing:?}");
    assert!(stale.is_empty(), "rows for routes that no longer exist: {stale:?}");
    assert!(in_router.len() > 60, "the router was read: {} routes", in_router.len());
    for (method, path, res, _) in MATRIX {
        if path.starts_with("/api/v1/groups/{id}") {
            assert_ne!(*res, Personal, "{method} {path}: group routes have own/other rows");
        } else if !path.starts_with("/api/v1/tasks/{id}") && !path.starts_with("/api/v1/tags/{id}") {
            assert_eq!(*res, Personal, "{method} {path}: one row");
        }
    }
}

/// One world per row: who is who, and the ids the paths point at.
struct World {
    app: TestApp,
    /// Bearer credentials by column (`None`: anonymous).
    tokens: Vec<Option<String>>,
    own_group: Uuid,
    other_group: Uuid,
    own_invitation: Uuid,
    other_invitation: Uuid,
    author: Uuid,
    other_member: Uuid,
    author_other_session: Uuid,
    author_token: Uuid,
    author_passkey: Uuid,
    dead_job: Uuid,
    /// The author's task in the own group, the other admin's in the other, the author's own.
    tasks: [Uuid; 3],
    /// A comment on each of those tasks, by the task's creator.
    comments: [Uuid; 3],
    /// Two tags in each of those tasks' scopes.
    tags: [[Uuid; 2]; 3],
    /// A second task in each scope, and a relation from the first to it.
    second_tasks: [Uuid; 3],
    relations: [Uuid; 3],
}

/// One password hash for every account of every world: hashing is the slow part.
static PASSWORD_HASH: OnceCell<String> = OnceCell::const_new();

async fn json_of(response: reqwest::Response, what: &str) -> Value {
    let status = response.status();
    let body: Value = response.json().await.expect("json");
    assert!(status.is_success(), "{what}: {status} {body}");
    body
}

fn id_of(body: &Value) -> Uuid {
    body["id"].as_str().expect("id").parse().expect("uuid")
}

async fn world(backend: Backend) -> World {
    // Worlds start by the hundred next to the rest of the suite: give the database more than
    // the suite's usual one second to hand out a connection.
    let configure = Box::new(|s: &mut dayline::config::Settings| s.database_acquire_timeout_ms = 15_000);
    let app = spawn_app_with(backend, Options { configure, ..Options::default() }).await;
    app.complete_setup().await;
    let state = &app.state;
    let hash = PASSWORD_HASH
        .get_or_init(|| async { state.passwords.hash(PASSWORD.to_owned().into()).await.expect("hash") })
        .await
        .clone();
    let names = ["deactivated", "outsider", "member", "author", "admin", "other-admin", "other-member"];
    let mut tx = state.db.begin(ActorContext::system()).await.expect("begin");
    let mut ids = std::collections::HashMap::new();
    for name in names {
        let (email, display_name, _) =
            dayline::domain::setup::parse_account(&format!("{name}@example.com"), name, PASSWORD).expect("account");
        let new = dayline::domain::users::NewUser {
            email,
            display_name,
            password_hash: hash.clone(),
            role: GlobalRole::User,
            via: "test",
        };
        ids.insert(name, dayline::domain::users::create_user(&mut tx, new).await.expect("user").id);
    }
    let (ana,): (Uuid,) =
        dayline_db::sql("SELECT id FROM users WHERE email = 'ana@example.com'").fetch_one(&mut tx).await.expect("ana");
    ids.insert("ana", ana);
    // Sessions signed in with a second factor (so also stepped up): the matrix is about who
    // may do what, not about step-up, which has tests of its own.
    let mut token = std::collections::HashMap::new();
    for name in ["deactivated", "outsider", "member", "author", "admin", "other-admin", "ana"] {
        let (pair, _) = start_session(state, &mut tx, ids[name], &ActorContext::system(), true).await.expect("session");
        token.insert(name, pair.access_token);
    }
    let (_, author_other_session) =
        start_session(state, &mut tx, ids["author"], &ActorContext::system(), false).await.expect("session");
    // A passkey for the super admin (who must have a second factor) and one for the author.
    // Only their presence matters here; real passkeys are tested in passkeys.rs.
    let mut passkeys = Vec::new();
    for name in ["ana", "author"] {
        let id = Uuid::now_v7();
        dayline_db::sql(
            "INSERT INTO passkeys (id, user_id, name, credential_id, passkey, created_at) VALUES ($1, $2, 'key', $3, '{}', $4)",
        )
        .bind(id)
        .bind(ids[name])
        .bind(id.to_string())
        .bind(tx.now())
        .execute(&mut tx)
        .await
        .expect("passkey");
        passkeys.push(id);
    }
    tx.audit(dayline_db::AuditEntry::new("test.world", "user", None)).await.expect("audit");
    tx.commit().await.expect("commit");

    let send = |method: Method, path: String, who: &'static str, body: Value| {
        let token = token[who].clone();
        let app = &app;
        async move { app.send(method, &path, &token, Some(body)).await }
    };
    let own_group = id_of(
        &json_of(send(Method::POST, "/api/v1/groups".into(), "admin", json!({"name": "Own"})).await, "own group").await,
    );
    let other_group = id_of(
        &json_of(
            send(Method::POST, "/api/v1/groups".into(), "other-admin", json!({"name": "Other"})).await,
            "other group",
        )
        .await,
    );
    for (group, who, member) in
        [(own_group, "admin", "member"), (own_group, "admin", "author"), (other_group, "other-admin", "other-member")]
    {
        let path = format!("/api/v1/groups/{group}/members");
        json_of(send(Method::POST, path, who, json!({"email": format!("{member}@example.com")})).await, "member").await;
    }
    let own_invitation = id_of(
        &json_of(
            send(
                Method::POST,
                format!("/api/v1/groups/{own_group}/invitations"),
                "admin",
                json!({"email": "invitee@example.com"}),
            )
            .await,
            "invitation",
        )
        .await,
    );
    let other_invitation = id_of(
        &json_of(
            send(
                Method::POST,
                format!("/api/v1/groups/{other_group}/invitations"),
                "other-admin",
                json!({"email": "invitee@example.com"}),
            )
            .await,
            "invitation",
        )
        .await,
    );
    let created = json_of(
        send(Method::POST, "/api/v1/me/tokens".into(), "author", json!({"name": "read", "scopes": ["read"]})).await,
        "token",
    )
    .await;
    let read_token = created["token"].as_str().expect("token").to_owned();
    let author_token = id_of(&created);
    let mut tasks = [Uuid::nil(); 3];
    for (slot, (who, group)) in
        [("author", Some(own_group)), ("other-admin", Some(other_group)), ("author", None)].into_iter().enumerate()
    {
        let body = json!({"title": "A task", "group_id": group, "tags": [format!("a{slot}"), format!("b{slot}")]});
        tasks[slot] = id_of(&json_of(send(Method::POST, "/api/v1/tasks".into(), who, body).await, "task").await);
    }
    // Each of those tasks made two tags in its scope: `a<slot>` and `b<slot>`.
    let mut tags = [[Uuid::nil(); 2]; 3];
    for (slot, pair) in tags.iter_mut().enumerate() {
        for (n, tag) in pair.iter_mut().enumerate() {
            let name = format!("{}{slot}", ["a", "b"][n]);
            let (id,): (Uuid,) = dayline_db::sql("SELECT id FROM tags WHERE normalized = $1")
                .bind(name)
                .fetch_one(app.state.db.read_as_system())
                .await
                .expect("tag");
            *tag = id;
        }
    }
    let (mut second_tasks, mut relations) = ([Uuid::nil(); 3], [Uuid::nil(); 3]);
    for (slot, (who, group)) in
        [("author", Some(own_group)), ("other-admin", Some(other_group)), ("author", None)].into_iter().enumerate()
    {
        let body = json!({"title": "Another task", "group_id": group});
        second_tasks[slot] = id_of(&json_of(send(Method::POST, "/api/v1/tasks".into(), who, body).await, "task").await);
        let path = format!("/api/v1/tasks/{}/relations", tasks[slot]);
        let body = json!({"kind": "relates_to", "task_id": second_tasks[slot]});
        relations[slot] = id_of(&json_of(send(Method::POST, path, who, body).await, "relation").await);
    }
    let mut comments = [Uuid::nil(); 3];
    for (slot, who) in ["author", "other-admin", "author"].into_iter().enumerate() {
        let path = format!("/api/v1/tasks/{}/comments", tasks[slot]);
        comments[slot] =
            id_of(&json_of(send(Method::POST, path, who, json!({"body": "A comment"})).await, "comment").await);
    }

    let mut tx = state.db.begin_bookkeeping().await.expect("begin");
    let dead_job = dayline_db::jobs::enqueue(&mut tx, dayline_db::jobs::NewJob::new("test.dead", json!({})))
        .await
        .expect("job")
        .expect("new job");
    dayline_db::sql("UPDATE jobs SET state = 'dead' WHERE id = $1")
        .bind(dead_job)
        .execute(&mut tx)
        .await
        .expect("dead");
    dayline_db::sql("UPDATE users SET is_active = $1 WHERE id = $2")
        .bind(false)
        .bind(ids["deactivated"])
        .execute(&mut tx)
        .await
        .expect("deactivate");
    tx.commit().await.expect("commit");

    let tokens = vec![
        None,
        Some(token["deactivated"].clone()),
        Some(read_token),
        Some(token["outsider"].clone()),
        Some(token["member"].clone()),
        Some(token["author"].clone()),
        Some(token["admin"].clone()),
        Some(token["ana"].clone()),
    ];
    World {
        tokens,
        own_group,
        other_group,
        own_invitation,
        other_invitation,
        author: ids["author"],
        other_member: ids["other-member"],
        author_other_session,
        author_token,
        author_passkey: passkeys[1],
        dead_job,
        tasks,
        comments,
        tags,
        second_tasks,
        relations,
        app,
    }
}

/// The concrete path for a row: its parameters bound to the row's resource.
fn bind_path(template: &str, res: Res, w: &World) -> String {
    let slot = match res {
        Own => 0,
        Other => 1,
        Personal => 2,
    };
    let (group, invitation, member) = match res {
        Other => (w.other_group, w.other_invitation, w.other_member),
        _ => (w.own_group, w.own_invitation, w.author),
    };
    let id = if template.starts_with("/api/v1/groups/") {
        group
    } else if template.starts_with("/api/v1/admin/users/") {
        w.author
    } else if template.starts_with("/api/v1/admin/jobs/") {
        w.dead_job
    } else if template.starts_with("/api/v1/me/sessions/") {
        w.author_other_session
    } else if template.starts_with("/api/v1/tags/") {
        w.tags[slot][0]
    } else if template.starts_with("/api/v1/tasks/") {
        w.tasks[slot]
    } else if template.starts_with("/api/v1/me/tokens/") {
        w.author_token
    } else {
        w.author_passkey
    };
    template
        .replace("{id}", &id.to_string())
        .replace("{invitation_id}", &invitation.to_string())
        .replace("{user_id}", &member.to_string())
        .replace("{comment_id}", &w.comments[slot].to_string())
        .replace("{relation_id}", &w.relations[slot].to_string())
        .replace("/api/docs/{file}", "/api/docs/docs.js")
        .replace("/api/v1/search", "/api/v1/search?q=task")
        .replace("/static/{file}", "/static/form.js")
}

/// A body that the route accepts when the caller may use it.
fn body_for(method: &str, template: &str, res: Res, w: &World) -> Option<Value> {
    let new_password = "a different long passphrase 42";
    Some(match (method, template) {
        ("POST", "/api/v1/setup") => {
            json!({"token": "not-the-token", "email": "x@example.com", "display_name": "X", "password": new_password})
        }
        ("POST", "/api/v1/auth/login") => json!({"email": "author@example.com", "password": PASSWORD}),
        ("POST", "/api/v1/auth/register") => {
            json!({"email": "new@example.com", "display_name": "New", "password": new_password})
        }
        ("POST", "/api/v1/auth/refresh") => json!({"refresh_token": "not-a-token"}),
        ("POST", "/api/v1/auth/mfa") => json!({"mfa_token": "not-a-token", "code": "000000"}),
        ("POST", "/api/v1/auth/mfa/webauthn") => json!({"mfa_token": "not-a-token"}),
        ("POST", "/api/v1/auth/password/forgot") => json!({"email": "author@example.com"}),
        ("POST", "/api/v1/auth/password/reset") => json!({"token": "not-a-token", "new_password": new_password}),
        ("POST", "/api/v1/auth/step-up") => json!({"code": "000000"}),
        ("POST", "/api/v1/invitations/accept") => json!({"token": "not-a-token"}),
        ("POST", "/api/v1/invitations/register") => {
            json!({"token": "not-a-token", "display_name": "New", "password": new_password})
        }
        ("PATCH", "/api/v1/me") => json!({"display_name": "Renamed"}),
        ("POST", "/api/v1/me/password") => json!({"current_password": PASSWORD, "new_password": new_password}),
        ("DELETE", "/api/v1/me/mfa/totp") => json!({"password": PASSWORD, "code": "000000"}),
        ("POST", "/api/v1/me/mfa/totp/confirm") => json!({"code": "000000"}),
        ("POST", "/api/v1/me/mfa/backup-codes") => json!({"password": PASSWORD}),
        ("POST", "/api/v1/me/passkeys") => json!({"id": "x", "rawId": "x", "type": "public-key", "response": {}}),
        ("POST", "/api/v1/me/passkeys/registration") | ("PATCH", "/api/v1/me/passkeys/{id}") => {
            json!({"name": "Laptop"})
        }
        ("POST", "/api/v1/me/tokens") => json!({"name": "ci", "scopes": ["read"]}),
        ("POST", "/api/v1/groups") => json!({"name": "Fresh"}),
        ("PATCH", "/api/v1/groups/{id}") => json!({"description": "Changed"}),
        ("POST", "/api/v1/groups/{id}/members") => json!({"email": "outsider@example.com"}),
        ("PATCH", "/api/v1/groups/{id}/members/{user_id}") => json!({"role": "admin"}),
        ("POST", "/api/v1/groups/{id}/invitations") => json!({"email": "another@example.com"}),
        ("PATCH", "/api/v1/admin/users/{id}") => json!({"role": "user"}),
        ("POST", "/api/v1/tasks") => json!({"title": "New"}),
        ("PATCH", "/api/v1/tasks/{id}") => json!({"priority": "high"}),
        ("PUT", "/api/v1/tasks/{id}/position") => json!({"status": "in_progress"}),
        ("PATCH", "/api/v1/tags/{id}") => json!({"color": "#112233"}),
        ("POST", "/api/v1/tasks/{id}/relations") => {
            let slot = match res {
                Own => 0,
                Other => 1,
                Personal => 2,
            };
            json!({"kind": "blocks", "task_id": w.second_tasks[slot]})
        }
        ("POST", "/api/v1/tags/{id}/merge") => {
            let slot = match res {
                Own => 0,
                Other => 1,
                Personal => 2,
            };
            json!({"into": w.tags[slot][1]})
        }
        ("POST", "/api/v1/tasks/{id}/comments") | ("PATCH", "/api/v1/tasks/{id}/comments/{comment_id}") => {
            json!({"body": "Noted"})
        }
        _ => return None,
    })
}

/// The statuses of one row: a world of its own for a change, the shared one for a read
/// (reads change nothing the matrix looks at).
async fn observe(backend: Backend, shared: &World, method: &'static str, template: &'static str, res: Res) -> [u16; 8] {
    if method == "GET" {
        observe_in(shared, method, template, res).await
    } else {
        observe_in(&world(backend).await, method, template, res).await
    }
}

async fn observe_in(w: &World, method: &'static str, template: &'static str, res: Res) -> [u16; 8] {
    let path = bind_path(template, res, w);
    let mut statuses = [0; 8];
    for (column, token) in w.tokens.iter().enumerate() {
        let mut request =
            w.app.client.request(Method::from_bytes(method.as_bytes()).expect("method"), w.app.url(&path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body_for(method, template, res, w) {
            request = request.json(&body);
        }
        statuses[column] = request.send().await.expect("request").status().as_u16();
    }
    statuses
}

on_both! {
    async fn every_route_answers_every_caller_as_the_policy_says(backend: Backend) {
        let shared = &world(backend).await;
        let observed: Vec<_> = futures_util::stream::iter(MATRIX.iter())
            .map(|(method, template, res, expected)| async move {
                (*method, *template, *res, *expected, observe(backend, shared, method, template, *res).await)
            })
            .buffered(2)
            .collect()
            .await;
        let mut wrong = Vec::new();
        for (method, template, res, expected, got) in &observed {
            if std::env::var_os("DAYLINE_PRINT_MATRIX").is_some() {
                let cells: Vec<String> = got.iter().map(u16::to_string).collect();
                println!("    (\"{method}\", \"{template}\", {res:?}, [{}]),", cells.join(", "));
            }
            if expected != got {
                let cells: Vec<String> = ACTORS
                    .iter()
                    .zip(expected.iter().zip(got))
                    .filter(|(_, (e, g))| e != g)
                    .map(|(actor, (e, g))| format!("{actor}: expected {e}, got {g}"))
                    .collect();
                wrong.push(format!("{method} {template} ({res:?}): {}", cells.join("; ")));
            }
        }
        assert!(wrong.is_empty(), "{} cells differ from the matrix:\n{}", wrong.len(), wrong.join("\n"));
    }
}
