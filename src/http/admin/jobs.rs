//! Background jobs for super admins: see dead (and other) jobs, retry or discard them.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use dayline_api_types::{JobList, JobListQuery, JobResponse, Problem};
use dayline_db::AuditEntry;
use dayline_db::jobs::{self, JobSummary};
use serde_json::json;
use uuid::Uuid;

use crate::auth::policy::require_super_admin;
use crate::error::{AppError, AppResult};
use crate::http::auth::current_user::CurrentUser;
use crate::http::context::{RequestContext, RequestContextExt};
use crate::http::paging::Page;
use crate::state::AppState;

const STATES: &[&str] = &["queued", "running", "succeeded", "failed", "dead"];

fn to_response(job: JobSummary) -> JobResponse {
    JobResponse {
        id: job.id,
        kind: job.kind,
        queue: job.queue,
        state: job.state,
        attempts: job.attempts,
        max_attempts: job.max_attempts,
        last_error: job.last_error,
        run_at: job.run_at,
        created_at: job.created_at,
        finished_at: job.finished_at,
    }
}

/// Lists jobs by state, newest first (dead jobs by default).
#[utoipa::path(get, path = "/api/v1/admin/jobs", tag = "admin", security(("bearer" = [])), params(JobListQuery),
    responses((status = 200, body = JobList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn list_jobs(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    Query(query): Query<JobListQuery>,
) -> AppResult<Json<JobList>> {
    require_super_admin(&who)?;
    let wanted = query.state.as_deref().unwrap_or("dead");
    if !STATES.contains(&wanted) {
        return Err(AppError::invalid("state", format!("must be one of {}", STATES.join(", "))));
    }
    let page = Page::parse(query.limit, query.cursor.as_deref())?;
    let mut items = jobs::list(&state.db, wanted, page.after, page.fetch()).await?;
    let next_cursor = page.finish(&mut items, |j| j.id);
    Ok(Json(JobList { items: items.into_iter().map(to_response).collect(), next_cursor }))
}

/// Puts a dead or failed job back in the queue with fresh attempts.
#[utoipa::path(post, path = "/api/v1/admin/jobs/{id}/retry", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Job id")),
    responses((status = 204, description = "Queued again"), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn retry_job(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    require_super_admin(&who)?;
    let before = jobs::state_of(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin(actor.for_user(&who)).await?;
    if !jobs::retry(&mut tx, id).await? {
        return Err(AppError::Conflict(format!("Only dead or failed jobs can be retried; this one is {before}.")));
    }
    tx.audit(AuditEntry::new("job.retried", "job", Some(id)).details(json!({ "previous_state": before }))).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a job that is not running.
#[utoipa::path(delete, path = "/api/v1/admin/jobs/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Job id")),
    responses((status = 204, description = "Discarded"), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn discard_job(
    State(state): State<AppState>,
    RequestContext(actor): RequestContext,
    CurrentUser(who): CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    require_super_admin(&who)?;
    let before = jobs::state_of(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin(actor.for_user(&who)).await?;
    if !jobs::discard(&mut tx, id).await? {
        return Err(AppError::Conflict("A running job cannot be discarded; wait for it to finish.".to_owned()));
    }
    tx.audit(AuditEntry::new("job.discarded", "job", Some(id)).details(json!({ "previous_state": before }))).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
