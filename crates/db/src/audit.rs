//! The audit trail: append-only rows, written in the same transaction as the change they
//! describe. The database itself refuses UPDATE and DELETE on `audit_log` (triggers on both
//! backends; on PostgreSQL the application role also lacks the grants).

use serde_json::Value;
use uuid::Uuid;

use crate::{DbResult, WriteTx, new_id, sql};

#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// What happened, as `area.verb` (`user.created`, `setup.completed`).
    pub action: &'static str,
    pub target_type: &'static str,
    pub target_id: Option<Uuid>,
    pub group_id: Option<Uuid>,
    /// Anything else worth keeping; never secrets.
    pub details: Value,
}

impl AuditEntry {
    pub fn new(action: &'static str, target_type: &'static str, target_id: Option<Uuid>) -> Self {
        Self { action, target_type, target_id, group_id: None, details: Value::Object(Default::default()) }
    }

    pub fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// The group the change belongs to, so group admins see it in the group's trail.
    pub fn group(mut self, group_id: Uuid) -> Self {
        self.group_id = Some(group_id);
        self
    }
}

pub(crate) async fn insert(tx: &mut WriteTx, entry: AuditEntry) -> DbResult<Uuid> {
    let id = new_id();
    let actor = tx.actor().clone();
    let now = tx.now();
    let statement = sql("INSERT INTO audit_log (id, occurred_at, actor_id, actor_ip, user_agent, request_id, action, target_type, target_id, group_id, details) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(id)
        .bind(now)
        .bind(actor.user_id)
        .bind(actor.ip)
        .bind(actor.user_agent)
        .bind(actor.request_id)
        .bind(entry.action)
        .bind(entry.target_type)
        .bind(entry.target_id)
        .bind(entry.group_id)
        .bind(entry.details);
    tx.defer(statement);
    Ok(id)
}
