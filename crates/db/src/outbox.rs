//! The outbox: domain events written in the same transaction as the change, dispatched in
//! `seq` order after commit, so consumers never see an event for a change that rolled back.

use serde_json::Value;
use uuid::Uuid;

use crate::{DbResult, WriteTx, new_id, sql};

#[derive(Debug, Clone)]
pub struct NewEvent {
    /// `area.past_tense` (`user.created`).
    pub kind: &'static str,
    pub aggregate_type: &'static str,
    pub aggregate_id: Uuid,
    pub group_id: Option<Uuid>,
    pub payload: Value,
}

pub(crate) async fn insert(tx: &mut WriteTx, event: NewEvent) -> DbResult<Uuid> {
    let id = new_id();
    let now = tx.now();
    let actor_id = tx.actor().user_id;
    let statement =
        sql("INSERT INTO events (id, occurred_at, kind, aggregate_type, aggregate_id, group_id, actor_id, payload) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(id)
        .bind(now)
        .bind(event.kind)
        .bind(event.aggregate_type)
        .bind(event.aggregate_id)
        .bind(event.group_id)
        .bind(actor_id)
        .bind(event.payload);
    tx.defer(statement);
    Ok(id)
}
