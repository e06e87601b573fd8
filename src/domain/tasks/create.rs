//! `POST /api/v1/tasks`: a task in one of the caller's groups, or a personal one.

use dayline_api_types::{CreateTaskRequest, TaskResponse};
use dayline_db::{ActorContext, WriteTx, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use super::fields::TaskFields;
use super::placement::number_and_end_of_column;
use super::row::{TaskRow, priority_name, priority_rank, status_name, task_columns, task_from};
use super::tags::set_task_tags;
use super::update::announce_about;
use crate::auth::policy::GroupAction;
use crate::auth::refresh_token;
use crate::domain::groups::load_for_change as load_group_for_change;
use crate::domain::idempotency::{self, Claim};
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub struct Created {
    pub task: TaskResponse,
    /// The answer to an earlier request with the same `Idempotency-Key`.
    pub replayed: bool,
}

pub(super) const BY_ID: &str = concat!("SELECT ", task_columns!(), task_from!(), "WHERE t.id = $1");

/// Checks that `assignee` may hold a task of this scope: an active member of its group, or
/// the owner of a personal task.
pub(super) async fn check_assignee(
    tx: &mut WriteTx,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    assignee: Uuid,
) -> AppResult<()> {
    let Some(group_id) = group_id else {
        if assignee == owner_id {
            return Ok(());
        }
        return Err(AppError::invalid("assignee_id", "a personal task can be assigned to its owner only"));
    };
    let member: Option<(Uuid,)> = sql("SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.group_id = $1 AND m.user_id = $2 AND m.deleted_at IS NULL AND u.is_active")
    .bind(group_id)
    .bind(assignee)
    .fetch_optional(&mut *tx)
    .await?;
    member.map(|_| ()).ok_or_else(|| AppError::invalid("assignee_id", "is not an active member of the task's group"))
}

/// Checks that `parent` is a task the caller sees, in the same group (or personal space).
pub(super) async fn check_parent(
    tx: &mut WriteTx,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    parent: Uuid,
    child: Option<Uuid>,
) -> AppResult<()> {
    if Some(parent) == child {
        return Err(AppError::invalid("parent_id", "a task cannot be its own parent"));
    }
    let row: Option<(Option<Uuid>, Uuid)> =
        sql("SELECT group_id, owner_id FROM tasks WHERE id = $1 AND archived_at IS NULL")
            .bind(parent)
            .fetch_optional(&mut *tx)
            .await?;
    match row {
        Some((g, _)) if g.is_some() && g == group_id => Ok(()),
        Some((None, owner)) if group_id.is_none() && owner == owner_id => Ok(()),
        _ => Err(AppError::invalid("parent_id", "is not a task of the same group that you can see")),
    }
}

pub async fn create_task(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    request: CreateTaskRequest,
    idempotency_key: Option<&str>,
) -> AppResult<Created> {
    let fields = TaskFields::of_request(&request)?;
    let request_hash = refresh_token::hash(&serde_json::to_string(&request).map_err(|e| AppError::Internal(e.into()))?);
    let mut tx = state.db.begin(actor).await?;
    if let Some(key) = idempotency_key
        && let Claim::Replay(body) = idempotency::claim(&mut tx, who.user_id, key, &request_hash).await?
    {
        let task: TaskResponse = serde_json::from_str(&body).map_err(|e| AppError::Internal(e.into()))?;
        return Ok(Created { task, replayed: true });
    }
    let mut zone = None;
    if let Some(group_id) = request.group_id {
        let (group, _) = load_group_for_change(state, &mut tx, who, group_id, GroupAction::Read).await?;
        zone = Some(group.timezone.parse().unwrap_or(chrono_tz::UTC));
    }
    if let Some(assignee) = fields.assignee_id {
        check_assignee(&mut tx, request.group_id, who.user_id, assignee).await?;
    }
    if let Some(parent) = fields.parent_id {
        check_parent(&mut tx, request.group_id, who.user_id, parent, None).await?;
    }
    let recurrence = super::recurrence::stored(fields.recurrence.as_ref())?;
    let row = insert_task(&mut tx, request.group_id, who.user_id, &fields, recurrence, zone).await?;
    let id = row.id;
    let task = row.to_response(tx.now());
    let payload = json!({ "id": id, "key": task.key, "title": task.title });
    announce_about(&mut tx, &row, "task.created", ("task", id), json!({ "key": task.key }), payload).await?;
    if let Some(key) = idempotency_key {
        let body = serde_json::to_string(&task).map_err(|e| AppError::Internal(e.into()))?;
        idempotency::record(&mut tx, who.user_id, key, 201, &body).await?;
    }
    tx.commit().await?;
    Ok(Created { task, replayed: false })
}

/// The time zone a new task lives in: its group's, or its owner's for a personal task.
async fn zone_of(tx: &mut WriteTx, group_id: Option<Uuid>, owner_id: Uuid) -> AppResult<chrono_tz::Tz> {
    let (zone,): (String,) = sql("SELECT COALESCE((SELECT timezone FROM groups WHERE id = $1), \
         (SELECT timezone FROM users WHERE id = $2), 'UTC')")
    .bind(group_id)
    .bind(owner_id)
    .fetch_one(&mut *tx)
    .await?;
    Ok(zone.parse().unwrap_or(chrono_tz::UTC))
}

/// Inserts a task with its number, its place at the end of its column, its tags and its
/// search entry; returns it as stored. The caller audits and announces it. `zone` is the time
/// zone the task lives in when the caller has it at hand (it is read otherwise).
pub(super) async fn insert_task(
    tx: &mut WriteTx,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    fields: &TaskFields,
    recurrence: Option<String>,
    zone: Option<chrono_tz::Tz>,
) -> AppResult<TaskRow> {
    let (number, position) = number_and_end_of_column(tx, group_id, owner_id, status_name(fields.status)).await?;
    let now = tx.now();
    let id = new_id();
    let done = matches!(fields.status, dayline_api_types::TaskStatus::Done);
    let due_order = match fields.due_date {
        Some(_) => {
            let zone = match zone {
                Some(zone) => zone,
                None => zone_of(tx, group_id, owner_id).await?,
            };
            super::due::due_order(fields.due_date, None, zone)
        }
        None => super::due::due_order(None, fields.due_at, chrono_tz::UTC),
    };
    // Held: on SQLite it goes to the writer in one call with the read below.
    tx.defer(
        sql("INSERT INTO tasks (id, group_id, owner_id, number, title, description, status, priority, priority_rank, \
         due_date, due_at, due_zone, start_date, assignee_id, parent_id, position, version, created_at, updated_at, \
         completed_at, recurrence, due_order) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $18, 1, $16, $16, $17, $19, $20)")
        .bind(id)
        .bind(group_id)
        .bind(owner_id)
        .bind(number)
        .bind(fields.title.clone())
        .bind(fields.description.clone())
        .bind(status_name(fields.status))
        .bind(priority_name(fields.priority))
        .bind(priority_rank(fields.priority))
        .bind(fields.due_date.map(|d| d.to_string()))
        .bind(fields.due_at)
        .bind(fields.due_zone.clone())
        .bind(fields.start_date.map(|d| d.to_string()))
        .bind(fields.assignee_id)
        .bind(fields.parent_id)
        .bind(now)
        .bind(done.then_some(now))
        .bind(position)
        .bind(recurrence)
        .bind(due_order),
    );
    if !fields.tags.is_empty() {
        set_task_tags(tx, id, group_id, owner_id, &fields.tags).await?;
    }
    let row: TaskRow = sql(BY_ID).bind(id).fetch_one(&mut *tx).await?;
    // Read back before the search entry is written: that write is held too and goes with the
    // caller's audit row and event, in one statement.
    super::search::index_new(tx, id, group_id, owner_id, &fields.title, &fields.description).await?;
    Ok(row)
}
