//! Relations between tasks the caller can see: `blocks` / `blocked by`, `relates to` and
//! `duplicates` / `duplicated by`. Stored once per pair in one direction; read from either
//! task in its own terms. Adding or removing one needs the right to edit the task it is added
//! from; the other task need only be visible.

use dayline_api_types::{CreateRelationRequest, RelationKind, RelationList, RelationResponse};
use dayline_db::{ActorContext, WriteTx, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use super::access::{load_access, load_for_change, load_for_read};
use super::row::{TaskRow, key_prefix, parse_status};
use super::update::announce_about;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    from_id: Uuid,
    kind: String,
    other_id: Uuid,
    other_title: String,
    other_status: String,
    other_number: i64,
    other_slug: Option<String>,
}

/// How a stored relation reads from task `me`.
fn seen_from(stored: &str, outgoing: bool) -> RelationKind {
    match (stored, outgoing) {
        ("blocks", true) => RelationKind::Blocks,
        ("blocks", false) => RelationKind::BlockedBy,
        ("duplicates", true) => RelationKind::Duplicates,
        ("duplicates", false) => RelationKind::DuplicatedBy,
        _ => RelationKind::RelatesTo,
    }
}

/// A relation requested from task `me` to `other` → (from, to, stored kind).
fn stored_as(kind: RelationKind, me: Uuid, other: Uuid) -> (Uuid, Uuid, &'static str) {
    match kind {
        RelationKind::Blocks => (me, other, "blocks"),
        RelationKind::BlockedBy => (other, me, "blocks"),
        RelationKind::Duplicates => (me, other, "duplicates"),
        RelationKind::DuplicatedBy => (other, me, "duplicates"),
        // Symmetric: kept in one canonical direction so it exists once.
        RelationKind::RelatesTo => (me.min(other), me.max(other), "relates_to"),
    }
}

/// The relations of a task, with the other task of each (those one can see), oldest first.
const LIST: &str = "SELECT r.id, r.from_id, r.kind, o.id AS other_id, o.title AS other_title, o.status AS other_status, \
     o.number AS other_number, g.slug AS other_slug FROM task_relations r \
     JOIN tasks o ON o.id = CASE WHEN r.from_id = $1 THEN r.to_id ELSE r.from_id END \
     LEFT JOIN groups g ON g.id = o.group_id \
     WHERE (r.from_id = $1 OR r.to_id = $1) AND o.archived_at IS NULL \
       AND ((o.group_id IS NULL AND o.owner_id = $2) OR ($3 AND o.group_id IS NOT NULL) OR o.group_id IN \
         (SELECT m.group_id FROM memberships m WHERE m.user_id = $2 AND m.deleted_at IS NULL)) \
     ORDER BY r.id";

fn to_response(row: Row, me: Uuid) -> RelationResponse {
    RelationResponse {
        id: row.id,
        kind: seen_from(&row.kind, row.from_id == me),
        task_id: row.other_id,
        key: format!("{}-{}", key_prefix(row.other_slug.as_deref()), row.other_number),
        title: row.other_title,
        status: parse_status(&row.other_status),
    }
}

/// `GET /api/v1/tasks/{id}/relations`.
pub async fn list_relations(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    task_id: Uuid,
) -> AppResult<RelationList> {
    load_for_read(state, actor, who, task_id, "relations").await?;
    let rows: Vec<Row> = sql(LIST)
        .bind(task_id)
        .bind(who.user_id)
        .bind(who.is_super_admin)
        .fetch_all(state.db.read_as(who.row_access()))
        .await?;
    Ok(RelationList { items: rows.into_iter().map(|r| to_response(r, task_id)).collect() })
}

async fn announce(
    tx: &mut WriteTx,
    task: &TaskRow,
    kind: &'static str,
    relation: Uuid,
    details: serde_json::Value,
) -> AppResult<()> {
    let payload = json!({ "task": task.id, "relation": relation });
    announce_about(tx, task, kind, ("relation", relation), details, payload).await
}

/// `POST /api/v1/tasks/{id}/relations`.
pub async fn add_relation(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    task_id: Uuid,
    request: CreateRelationRequest,
) -> AppResult<RelationResponse> {
    if request.task_id == task_id {
        return Err(AppError::invalid("task_id", "a task cannot be related to itself"));
    }
    let mut tx = state.db.begin(actor).await?;
    let task = load_for_change(&mut tx, who, task_id).await?;
    load_access(&mut tx, who, request.task_id)
        .await
        .map_err(|_| AppError::invalid("task_id", "is not a task you can see"))?;
    let (from, to, kind) = stored_as(request.kind, task_id, request.task_id);
    let id = new_id();
    let inserted = sql("INSERT INTO task_relations (id, from_id, to_id, kind, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(kind)
    .bind(who.user_id)
    .bind(tx.now())
    .execute(&mut tx)
    .await?;
    if inserted == 0 {
        return Err(AppError::Conflict("These tasks are already related that way.".to_owned()));
    }
    announce(&mut tx, &task, "task.related", id, json!({ "kind": kind, "from": from, "to": to })).await?;
    let row: Row = sql(LIST)
        .bind(task_id)
        .bind(who.user_id)
        .bind(who.is_super_admin)
        .fetch_all(&mut tx)
        .await?
        .into_iter()
        .find(|r: &Row| r.id == id)
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(to_response(row, task_id))
}

/// `DELETE /api/v1/tasks/{id}/relations/{relation_id}`.
pub async fn remove_relation(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    task_id: Uuid,
    relation_id: Uuid,
) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    let task = load_for_change(&mut tx, who, task_id).await?;
    let removed = sql("DELETE FROM task_relations WHERE id = $1 AND (from_id = $2 OR to_id = $2)")
        .bind(relation_id)
        .bind(task_id)
        .execute(&mut tx)
        .await?;
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    announce(&mut tx, &task, "task.unrelated", relation_id, json!({})).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_read_the_same_from_both_ends() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let (from, to, kind) = stored_as(RelationKind::BlockedBy, a, b);
        assert_eq!((from, to, kind), (b, a, "blocks"));
        assert_eq!(seen_from(kind, from == a), RelationKind::BlockedBy);
        assert_eq!(seen_from(kind, from == b), RelationKind::Blocks);
        assert_eq!(stored_as(RelationKind::RelatesTo, a, b), stored_as(RelationKind::RelatesTo, b, a));
    }
}
