//! Comments on tasks: added by whoever sees the task, changed and deleted by their author,
//! hidden and unhidden by the group's admins (audited moderation). Mentions of group members
//! (`@[Name](user:<id>)`) leave each of them a notification record.

use chrono::{DateTime, Utc};
use dayline_api_types::{CommentList, CommentRequest, CommentResponse, GroupRole};
use dayline_db::{ActorContext, WriteTx, new_id, sql};
use serde_json::json;
use uuid::Uuid;

use super::access::{load_access, read_with_role};
use super::row::TaskRow;
use crate::auth::policy::{CommentAction, authorize_comment};
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub const BODY_MAX: usize = 10_000;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    task_id: Uuid,
    author_id: Option<Uuid>,
    body: String,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    hidden_at: Option<DateTime<Utc>>,
}

impl Row {
    /// Hidden comments keep their text for their author and the moderators only.
    fn to_response(&self, who: &Authenticated, moderator: bool) -> CommentResponse {
        let hidden = self.hidden_at.is_some();
        let readable = !hidden || moderator || self.author_id == Some(who.user_id);
        CommentResponse {
            id: self.id,
            task_id: self.task_id,
            author_id: self.author_id,
            body: readable.then(|| self.body.clone()),
            created_at: self.created_at,
            edited_at: self.edited_at,
            hidden,
        }
    }
}

fn is_moderator(who: &Authenticated, task: &TaskRow, my_role: Option<GroupRole>) -> bool {
    task.group_id.is_some() && (who.is_super_admin || my_role == Some(GroupRole::Admin))
}

fn checked_body(raw: &str) -> AppResult<String> {
    let body = raw.trim();
    if body.is_empty() {
        return Err(AppError::invalid("body", "must not be empty"));
    }
    if body.chars().count() > BODY_MAX {
        return Err(AppError::invalid("body", format!("must be at most {BODY_MAX} characters")));
    }
    Ok(body.to_owned())
}

/// The users mentioned as `@[Name](user:<id>)`, in order, each once.
pub fn mentions(body: &str) -> Vec<Uuid> {
    let mut found = Vec::new();
    for part in body.split("](user:").skip(1) {
        if let Some(id) = part.get(..36).and_then(|id| id.parse::<Uuid>().ok())
            && part[36..].starts_with(')')
            && !found.contains(&id)
        {
            found.push(id);
        }
    }
    found
}

/// Leaves a `mention` notification for each mentioned active member of the task's group
/// (never for the author themself; personal tasks have no one else to mention).
async fn notify_mentions(tx: &mut WriteTx, task: &TaskRow, comment_id: Uuid, mentioned: &[Uuid]) -> AppResult<usize> {
    let Some(group_id) = task.group_id else { return Ok(0) };
    let author = tx.actor().user_id;
    let now = tx.now();
    let mut notified = 0;
    for user_id in mentioned.iter().filter(|id| Some(**id) != author) {
        let member: Option<(Uuid,)> = sql("SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.group_id = $1 AND m.user_id = $2 AND m.deleted_at IS NULL AND u.is_active")
        .bind(group_id)
        .bind(*user_id)
        .fetch_optional(&mut *tx)
        .await?;
        if member.is_none() {
            continue;
        }
        sql("INSERT INTO notifications (id, user_id, kind, task_id, comment_id, actor_id, created_at) \
             VALUES ($1, $2, 'mention', $3, $4, $5, $6)")
        .bind(new_id())
        .bind(*user_id)
        .bind(task.id)
        .bind(comment_id)
        .bind(author)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        notified += 1;
    }
    Ok(notified)
}

/// Audits and announces a comment change in the task's group.
async fn announce(tx: &mut WriteTx, task: &TaskRow, comment_id: Uuid, kind: &'static str) -> AppResult<()> {
    let details = json!({ "task": task.id });
    let payload = json!({ "task": task.id, "comment": comment_id });
    super::update::announce_about(tx, task, kind, ("comment", comment_id), details, payload).await
}

/// `GET /api/v1/tasks/{id}/comments`, oldest first, without deleted ones.
pub async fn list_comments(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    task_id: Uuid,
) -> AppResult<CommentList> {
    let (task, my_role) = read_with_role(state, actor, who, task_id, "comments").await?;
    let moderator = is_moderator(who, &task, my_role);
    let rows: Vec<Row> =
        sql("SELECT id, task_id, author_id, body, created_at, edited_at, hidden_at FROM task_comments \
         WHERE task_id = $1 AND deleted_at IS NULL ORDER BY id")
        .bind(task_id)
        .fetch_all(state.db.read_as(who.row_access()))
        .await?;
    Ok(CommentList { items: rows.iter().map(|r| r.to_response(who, moderator)).collect() })
}

/// `POST /api/v1/tasks/{id}/comments`.
pub async fn add_comment(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    task_id: Uuid,
    request: CommentRequest,
) -> AppResult<CommentResponse> {
    let body = checked_body(&request.body)?;
    let mut tx = state.db.begin(actor).await?;
    let (task, _) = load_access(&mut tx, who, task_id).await?;
    let id = new_id();
    let now = tx.now();
    sql("INSERT INTO task_comments (id, task_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(task_id)
        .bind(who.user_id)
        .bind(body.clone())
        .bind(now)
        .execute(&mut tx)
        .await?;
    notify_mentions(&mut tx, &task, id, &mentions(&body)).await?;
    super::search::reindex(&mut tx, task_id).await?;
    announce(&mut tx, &task, id, "comment.created").await?;
    let row: Row =
        sql("SELECT id, task_id, author_id, body, created_at, edited_at, hidden_at FROM task_comments WHERE id = $1")
            .bind(id)
            .fetch_one(&mut tx)
            .await?;
    tx.commit().await?;
    Ok(row.to_response(who, false))
}

/// A live comment of the task, with the task and the caller's standing.
async fn load_comment(
    tx: &mut WriteTx,
    who: &Authenticated,
    task_id: Uuid,
    comment_id: Uuid,
    action: CommentAction,
) -> AppResult<(TaskRow, Row)> {
    let (task, access) = load_access(tx, who, task_id).await?;
    let row: Option<Row> =
        sql("SELECT id, task_id, author_id, body, created_at, edited_at, hidden_at FROM task_comments \
         WHERE id = $1 AND task_id = $2 AND deleted_at IS NULL")
        .bind(comment_id)
        .bind(task_id)
        .fetch_optional(&mut *tx)
        .await?;
    let row = row.ok_or(AppError::NotFound)?;
    authorize_comment(who, &access, row.author_id, action)?;
    Ok((task, row))
}

/// `PATCH /api/v1/tasks/{id}/comments/{comment_id}`: its author changes the text; people
/// newly mentioned are notified.
pub async fn edit_comment(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    task_id: Uuid,
    comment_id: Uuid,
    request: CommentRequest,
) -> AppResult<CommentResponse> {
    let body = checked_body(&request.body)?;
    let mut tx = state.db.begin(actor).await?;
    let (task, before) = load_comment(&mut tx, who, task_id, comment_id, CommentAction::Edit).await?;
    let now = tx.now();
    sql("UPDATE task_comments SET body = $1, edited_at = $2 WHERE id = $3")
        .bind(body.clone())
        .bind(now)
        .bind(comment_id)
        .execute(&mut tx)
        .await?;
    let earlier = mentions(&before.body);
    let new: Vec<Uuid> = mentions(&body).into_iter().filter(|id| !earlier.contains(id)).collect();
    notify_mentions(&mut tx, &task, comment_id, &new).await?;
    super::search::reindex(&mut tx, task_id).await?;
    announce(&mut tx, &task, comment_id, "comment.edited").await?;
    tx.commit().await?;
    Ok(Row { body, edited_at: Some(now), ..before }.to_response(who, false))
}

/// `DELETE /api/v1/tasks/{id}/comments/{comment_id}`: its author removes it.
pub async fn delete_comment(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    task_id: Uuid,
    comment_id: Uuid,
) -> AppResult<()> {
    let mut tx = state.db.begin(actor).await?;
    let (task, _) = load_comment(&mut tx, who, task_id, comment_id, CommentAction::Edit).await?;
    sql("UPDATE task_comments SET deleted_at = $1 WHERE id = $2")
        .bind(tx.now())
        .bind(comment_id)
        .execute(&mut tx)
        .await?;
    super::search::reindex(&mut tx, task_id).await?;
    announce(&mut tx, &task, comment_id, "comment.deleted").await?;
    tx.commit().await?;
    Ok(())
}

/// `POST …/hide` and `…/unhide`: moderation by the group's admins.
pub async fn set_hidden(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    task_id: Uuid,
    comment_id: Uuid,
    hide: bool,
) -> AppResult<CommentResponse> {
    let mut tx = state.db.begin(actor).await?;
    let (task, row) = load_comment(&mut tx, who, task_id, comment_id, CommentAction::Moderate).await?;
    if row.hidden_at.is_some() == hide {
        return Err(AppError::Conflict(
            if hide { "The comment is already hidden." } else { "The comment is not hidden." }.to_owned(),
        ));
    }
    let now = tx.now();
    sql("UPDATE task_comments SET hidden_at = $1, hidden_by = $2 WHERE id = $3")
        .bind(hide.then_some(now))
        .bind(hide.then_some(who.user_id))
        .bind(comment_id)
        .execute(&mut tx)
        .await?;
    super::search::reindex(&mut tx, task_id).await?;
    announce(&mut tx, &task, comment_id, if hide { "comment.hidden" } else { "comment.unhidden" }).await?;
    tx.commit().await?;
    Ok(Row { hidden_at: hide.then_some(now), ..row }.to_response(who, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_read_from_their_links() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        let body = format!(
            "Hi @[Bo](user:{a}) and @[Carla](user:{b}), again @[Bo](user:{a}); not [x](user:nope) or (user:{a}"
        );
        assert_eq!(mentions(&body), vec![a, b]);
        assert!(mentions("no one").is_empty());
    }

    #[test]
    fn bodies_are_trimmed_and_bounded() {
        assert_eq!(checked_body("  hi  ").expect("ok"), "hi");
        assert!(checked_body("   ").is_err());
        assert!(checked_body(&"x".repeat(BODY_MAX + 1)).is_err());
    }
}
