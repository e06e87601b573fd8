//! Every route in one place, with the OpenAPI document generated from the handlers.

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::docs::OpenApiJson;
use crate::http::{
    admin, api_tokens, attachments, auth, comments, docs, groups, health, me, metrics, mfa, passkeys, setup, tags,
    tasks,
};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "Dayline API", description = "Tasks, daily check-ins, incidents and decisions for teams."),
    modifiers(&BearerAuth),
    tags(
        (name = "account", description = "The signed-in user's own account"),
        (name = "admin", description = "Instance administration (super admins)"),
        (name = "auth", description = "Signing in and out, tokens and signing keys"),
        (name = "operations", description = "Health, readiness and metrics"),
        (name = "setup", description = "First-run setup of a new instance"),
        (name = "tasks", description = "Tasks in groups and personal ones"),
    )
)]
struct ApiDoc;

/// The documented routes, and the OpenAPI document describing them.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(health::livez))
        .routes(routes!(health::readyz))
        .routes(routes!(setup::status::setup_status, setup::complete::complete_setup))
        .routes(routes!(auth::login::login))
        .routes(routes!(auth::register::register))
        .routes(routes!(auth::refresh::refresh))
        .routes(routes!(auth::logout::logout))
        .routes(routes!(auth::mfa::finish_mfa))
        .routes(routes!(auth::mfa::step_up))
        .routes(routes!(auth::mfa::start_mfa_passkey))
        .routes(routes!(auth::mfa::start_step_up_passkey))
        .routes(routes!(auth::password_reset::forgot_password))
        .routes(routes!(auth::password_reset::reset_password))
        .routes(routes!(auth::jwks::jwks))
        .routes(routes!(me::get_me, me::update_me))
        .routes(routes!(me::change_password))
        .routes(routes!(me::list_sessions, me::revoke_all_sessions))
        .routes(routes!(me::revoke_session))
        .routes(routes!(mfa::status))
        .routes(routes!(api_tokens::create, api_tokens::list))
        .routes(routes!(api_tokens::revoke))
        .routes(routes!(mfa::start_totp, mfa::disable_totp))
        .routes(routes!(mfa::confirm_totp))
        .routes(routes!(mfa::regenerate_backup_codes))
        .routes(routes!(passkeys::start_registration))
        .routes(routes!(passkeys::finish_registration, passkeys::list))
        .routes(routes!(passkeys::rename, passkeys::delete))
        .routes(routes!(groups::create, groups::list))
        .routes(routes!(groups::get, groups::update, groups::delete))
        .routes(routes!(groups::restore))
        .routes(routes!(groups::audit))
        .routes(routes!(groups::invite, groups::invitations))
        .routes(routes!(groups::revoke_invitation))
        .routes(routes!(groups::resend_invitation))
        .routes(routes!(groups::accept_invitation))
        .routes(routes!(groups::register_by_invitation))
        .routes(routes!(groups::members, groups::add_member))
        .routes(routes!(groups::update_member, groups::remove_member))
        .routes(routes!(tasks::create, tasks::list))
        .routes(routes!(tasks::group_tasks))
        .routes(routes!(tasks::get, tasks::update))
        .routes(routes!(tasks::move_to))
        .routes(routes!(tasks::archive))
        .routes(routes!(tasks::restore))
        .routes(routes!(tasks::history))
        .routes(routes!(tasks::search))
        .routes(routes!(tasks::subtasks))
        .routes(routes!(tasks::relations, tasks::relate))
        .routes(routes!(tasks::unrelate))
        .routes(routes!(attachments::upload, attachments::list))
        .routes(routes!(attachments::get, attachments::delete))
        .routes(routes!(attachments::content))
        .routes(routes!(attachments::preview))
        .routes(routes!(comments::list, comments::create))
        .routes(routes!(comments::update, comments::delete))
        .routes(routes!(comments::hide))
        .routes(routes!(comments::unhide))
        .routes(routes!(comments::my_notifications))
        .routes(routes!(tags::list))
        .routes(routes!(tags::update))
        .routes(routes!(tags::merge))
        .routes(routes!(admin::jobs::list_jobs))
        .routes(routes!(admin::jobs::retry_job))
        .routes(routes!(admin::jobs::discard_job))
        .routes(routes!(admin::users::list_users))
        .routes(routes!(admin::users::update_user))
        .routes(routes!(admin::users::unlock_user))
        .routes(routes!(admin::users::reset_mfa))
        .routes(routes!(admin::users::user_groups))
        .routes(routes!(admin::audit::list_audit))
        .routes(routes!(admin::audit::export_audit))
        .split_for_parts();
    (router, with_unique_operation_ids(doc))
}

/// Names every operation after its method and path (`get_tasks_id_comments`): handlers in
/// different modules share names like `list`, and clients generated from the document need
/// each operation named once.
fn with_unique_operation_ids(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    for (path, item) in doc.paths.paths.iter_mut() {
        let words: Vec<String> = path
            .trim_start_matches("/api/v1")
            .split('/')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_matches(['{', '}']).replace(['-', '.'], "_"))
            .collect();
        let operations = [
            ("get", item.get.as_mut()),
            ("post", item.post.as_mut()),
            ("put", item.put.as_mut()),
            ("patch", item.patch.as_mut()),
            ("delete", item.delete.as_mut()),
        ];
        for (method, operation) in operations {
            if let Some(operation) = operation {
                operation.operation_id = Some(format!("{method}_{}", words.join("_")));
            }
        }
    }
    doc
}

pub fn openapi_json() -> String {
    let (_, doc) = api();
    doc.to_pretty_json().unwrap_or_default()
}

pub fn routes(state: AppState) -> Router {
    let (api, _) = api();
    let doc = OpenApiJson(Arc::new(openapi_json()));
    let documents = Router::new().route("/api/v1/openapi.json", get(docs::openapi_json)).with_state(doc);
    api.route("/metrics", get(metrics::render))
        .route("/api/docs", get(docs::docs_page))
        .route("/api/docs/{file}", get(docs::docs_asset))
        .route("/setup", get(crate::web::setup))
        .route("/reset-password", get(crate::web::reset_password))
        .route("/invitation", get(crate::web::invitation))
        .route("/static/{file}", get(crate::web::asset))
        .fallback(crate::web::spa::serve)
        .with_state(state)
        .merge(documents)
}

/// Declares the `bearer` security scheme the authenticated operations refer to.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}
