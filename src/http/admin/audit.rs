//! The audit trail for super admins, filtered and paged.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use dayline_api_types::{AuditEntryResponse, AuditList, AuditQuery, Problem};
use dayline_db::AuditEntry;
use dayline_db::sql;
use futures_util::TryStreamExt;
use serde_json::json;
use sqlx::types::Json as JsonColumn;
use uuid::Uuid;

use crate::auth::policy::require_super_admin;
use crate::domain::mfa::require_step_up;
use crate::error::{AppError, AppResult};
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
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

/// Up to `limit` entries matching `query`, newest first, older than `before` if given.
pub(crate) async fn fetch_entries(
    state: &AppState,
    access: dayline_db::RowAccess,
    query: &AuditQuery,
    before: Option<Uuid>,
    limit: i64,
) -> AppResult<Vec<AuditEntryResponse>> {
    let rows: Vec<Row> = sql(
        "SELECT id, occurred_at, actor_id, actor_ip, user_agent, request_id, action, target_type, target_id, group_id, details \
         FROM audit_log \
         WHERE ($1 IS NULL OR action = $1) AND ($2 IS NULL OR actor_id = $2) AND ($3 IS NULL OR target_type = $3) \
           AND ($4 IS NULL OR target_id = $4) AND ($5 IS NULL OR occurred_at >= $5) AND ($6 IS NULL OR occurred_at < $6) \
           AND ($7 IS NULL OR id < $7) AND ($9 IS NULL OR group_id = $9) \
         ORDER BY id DESC LIMIT $8",
    )
    .bind(query.action.clone())
    .bind(query.actor_id)
    .bind(query.target_type.clone())
    .bind(query.target_id)
    .bind(query.since)
    .bind(query.until)
    .bind(before)
    .bind(limit)
    .bind(query.group_id)
    .fetch_all(state.db.read_as(access))
    .await?;
    Ok(rows
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
        .collect())
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
    let mut items = fetch_entries(&state, who.row_access(), &query, page.after, page.fetch()).await?;
    let next_cursor = page.finish(&mut items, |e| e.id);
    Ok(Json(AuditList { items, next_cursor }))
}

/// Rows per database read while exporting.
const EXPORT_BATCH: i64 = 500;

/// Every matching entry (the paging fields are ignored), newest first, as newline-delimited
/// JSON streamed in batches. Needs a recent step-up; the export itself is audited.
#[utoipa::path(get, path = "/api/v1/admin/audit/export", tag = "admin", security(("bearer" = [])), params(AuditQuery),
    responses(
        (status = 200, description = "One JSON audit entry per line", content_type = "application/x-ndjson"),
        (status = 401, description = "Step-up required", body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn export_audit(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
    require_super_admin(&who)?;
    require_step_up(&who, state.clock.now())?;
    let mut tx = state.db.begin(actor.for_user(&who)).await?;
    tx.audit(AuditEntry::new("audit.exported", "audit_log", None).details(json!({
        "action": query.action, "actor_id": query.actor_id, "target_type": query.target_type,
        "target_id": query.target_id, "group_id": query.group_id, "since": query.since, "until": query.until,
    })))
    .await?;
    tx.commit().await?;
    let access = who.row_access();
    // (state, query, cursor, finished): one batch per poll, so memory stays flat.
    let batches =
        futures_util::stream::try_unfold((state, query, None, false), move |(state, query, before, done)| async move {
            if done {
                return Ok::<_, AppError>(None);
            }
            let entries = fetch_entries(&state, access, &query, before, EXPORT_BATCH).await?;
            let last = entries.last().map(|e| e.id);
            let finished = (entries.len() as i64) < EXPORT_BATCH;
            let mut chunk = Vec::new();
            for entry in &entries {
                serde_json::to_writer(&mut chunk, entry).map_err(anyhow::Error::new)?;
                chunk.push(b'\n');
            }
            Ok(Some((chunk, (state, query, last, finished))))
        });
    let body = axum::body::Body::from_stream(batches.map_err(|e| std::io::Error::other(e.to_string())));
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response())
}
