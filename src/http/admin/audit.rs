//! The audit trail for super admins, filtered and paged.

use axum::Json;
use axum::extract::{Query, State};
use chrono::{DateTime, Utc};
use dayline_api_types::{AuditEntryResponse, AuditList, AuditQuery, Problem};
use dayline_db::sql;
use sqlx::types::Json as JsonColumn;
use uuid::Uuid;

use crate::auth::policy::require_super_admin;
use crate::error::AppResult;
use crate::http::auth::current_user::CurrentUser;
use crate::http::paging::Page;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    occurred_at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    actor_ip: Option<String>,
    user_agent: Option<String>,
    request_id: Option<String>,
    action: String,
    target_type: String,
    target_id: Option<Uuid>,
    group_id: Option<Uuid>,
    details: JsonColumn<serde_json::Value>,
}

/// Audit entries, newest first; every filter is optional.
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = AuditList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn list_audit(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    Query(query): Query<AuditQuery>,
) -> AppResult<Json<AuditList>> {
    require_super_admin(&who)?;
    let page = Page::parse(query.limit, query.cursor.as_deref())?;
    let mut rows: Vec<Row> = sql(
        "SELECT id, occurred_at, actor_id, actor_ip, user_agent, request_id, action, target_type, target_id, group_id, details \
         FROM audit_log \
         WHERE ($1 IS NULL OR action = $1) AND ($2 IS NULL OR actor_id = $2) AND ($3 IS NULL OR target_type = $3) \
           AND ($4 IS NULL OR target_id = $4) AND ($5 IS NULL OR occurred_at >= $5) AND ($6 IS NULL OR occurred_at < $6) \
           AND ($7 IS NULL OR id < $7) \
         ORDER BY id DESC LIMIT $8",
    )
    .bind(query.action)
    .bind(query.actor_id)
    .bind(query.target_type)
    .bind(query.target_id)
    .bind(query.since)
    .bind(query.until)
    .bind(page.after)
    .bind(page.fetch())
    .fetch_all(&state.db)
    .await?;
    let next_cursor = page.finish(&mut rows, |r| r.id);
    let items = rows
        .into_iter()
        .map(|r| AuditEntryResponse {
            id: r.id,
            occurred_at: r.occurred_at,
            actor_id: r.actor_id,
            actor_ip: r.actor_ip,
            user_agent: r.user_agent,
            request_id: r.request_id,
            action: r.action,
            target_type: r.target_type,
            target_id: r.target_id,
            group_id: r.group_id,
            details: r.details.0,
        })
        .collect();
    Ok(Json(AuditList { items, next_cursor }))
}
