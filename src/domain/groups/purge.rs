//! Groups deleted more than 30 days ago are removed for good, with their memberships and
//! invitations; until then super admins can restore them.

use chrono::Duration;
use dayline_db::{ActorContext, AuditEntry, Db, sql};
use uuid::Uuid;

pub const RESTORABLE_FOR: Duration = Duration::days(30);

/// Purges every group deleted more than [`RESTORABLE_FOR`] ago; returns how many.
pub async fn purge_deleted_groups(db: &Db) -> anyhow::Result<usize> {
    let mut tx = db.begin(ActorContext::system()).await?;
    let cutoff = tx.now() - RESTORABLE_FOR;
    let due: Vec<(Uuid, String)> = sql("SELECT id, slug FROM groups WHERE deleted_at IS NOT NULL AND deleted_at < $1")
        .bind(cutoff)
        .fetch_all(&mut tx)
        .await?;
    let mut purged = 0;
    for (id, slug) in &due {
        // Conditional, so a purge running at the same time elsewhere does not count it twice.
        let n =
            sql("DELETE FROM groups WHERE id = $1 AND deleted_at < $2").bind(*id).bind(cutoff).execute(&mut tx).await?;
        if n == 1 {
            purged += 1;
            tx.audit(
                AuditEntry::new("group.purged", "group", Some(*id))
                    .group(*id)
                    .details(serde_json::json!({ "slug": slug })),
            )
            .await?;
        }
    }
    if purged == 0 {
        return Ok(0);
    }
    tx.commit().await?;
    tracing::info!(groups = purged, "purged groups deleted more than 30 days ago");
    Ok(purged)
}
