//! A user's notification records (mentions, for now), newest first. Delivery by mail or in
//! the browser builds on these.

use chrono::{DateTime, Utc};
use dayline_api_types::{NotificationList, NotificationResponse};
use dayline_db::sql;
use uuid::Uuid;

use crate::domain::sessions::Authenticated;
use crate::error::AppResult;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    kind: String,
    task_id: Option<Uuid>,
    comment_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    created_at: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/me/notifications`: the latest 100.
pub async fn list_notifications(state: &AppState, who: &Authenticated) -> AppResult<NotificationList> {
    let rows: Vec<Row> = sql("SELECT id, kind, task_id, comment_id, actor_id, created_at, read_at FROM notifications \
         WHERE user_id = $1 ORDER BY id DESC LIMIT 100")
    .bind(who.user_id)
    .fetch_all(state.db.read_as(who.row_access()))
    .await?;
    let items = rows
        .into_iter()
        .map(|r| NotificationResponse {
            id: r.id,
            kind: r.kind,
            task_id: r.task_id,
            comment_id: r.comment_id,
            actor_id: r.actor_id,
            created_at: r.created_at,
            read_at: r.read_at,
        })
        .collect();
    Ok(NotificationList { items })
}
