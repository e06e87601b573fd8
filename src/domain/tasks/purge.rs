//! Archived tasks are deleted for good after the retention period (a daily system job); the
//! audit trail keeps a record of each, with its key and title.

use chrono::Duration;
use dayline_db::{ActorContext, AuditEntry, Db, sql};
use serde_json::json;
use uuid::Uuid;

use super::row::key_prefix;

#[derive(sqlx::FromRow)]
struct Due {
    id: Uuid,
    group_id: Option<Uuid>,
    number: i64,
    title: String,
    group_slug: Option<String>,
}

/// Deletes every task archived more than `retention_days` ago (none when 0); returns how many.
pub async fn purge_archived_tasks(db: &Db, retention_days: u32) -> anyhow::Result<usize> {
    if retention_days == 0 {
        return Ok(0);
    }
    let mut tx = db.begin(ActorContext::system()).await?;
    let cutoff = tx.now() - Duration::days(i64::from(retention_days));
    let due: Vec<Due> = sql("SELECT t.id, t.group_id, t.number, t.title, g.slug AS group_slug FROM tasks t \
         LEFT JOIN groups g ON g.id = t.group_id WHERE t.archived_at IS NOT NULL AND t.archived_at < $1 ORDER BY t.id LIMIT 1000")
    .bind(cutoff)
    .fetch_all(&mut tx)
    .await?;
    let mut purged = 0;
    for task in &due {
        super::search::remove(&mut tx, task.id).await?;
        // Conditional, so a purge running at the same time elsewhere does not count it twice.
        let n = sql("DELETE FROM tasks WHERE id = $1 AND archived_at < $2")
            .bind(task.id)
            .bind(cutoff)
            .execute(&mut tx)
            .await?;
        if n == 1 {
            purged += 1;
            let key = format!("{}-{}", key_prefix(task.group_slug.as_deref()), task.number);
            let mut entry = AuditEntry::new("task.purged", "task", Some(task.id))
                .details(json!({ "key": key, "title": task.title }));
            if let Some(group_id) = task.group_id {
                entry = entry.group(group_id);
            }
            tx.audit(entry).await?;
        }
    }
    if purged == 0 {
        return Ok(0);
    }
    tx.commit().await?;
    tracing::info!(tasks = purged, retention_days, "deleted archived tasks past their retention");
    Ok(purged)
}
