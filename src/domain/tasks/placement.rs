//! Where a task goes on the board: its column is its group (or its owner's personal space)
//! and its status; its place, a fractional key between its neighbours'.

use dayline_db::{WriteTx, sql};
use uuid::Uuid;

use super::ordering;
use crate::error::AppResult;

/// A board column: the tasks of status `$3` in group `$1`, or the personal ones of owner `$2`.
/// Two statements, not one with an `OR` on the arguments: that could use no index, so every
/// new task scanned the table.
macro_rules! column {
    ($group:expr, $head:literal, $tail:literal) => {
        if $group.is_some() {
            concat!(
                $head,
                "FROM tasks WHERE status = $3 AND archived_at IS NULL AND group_id = $1 \
                 AND ($2 IS NULL OR $2 IS NOT NULL) ",
                $tail
            )
        } else {
            concat!(
                $head,
                "FROM tasks WHERE status = $3 AND archived_at IS NULL AND group_id IS NULL AND owner_id = $2 \
                 AND ($1 IS NULL OR $1 IS NOT NULL) ",
                $tail
            )
        }
    };
}

/// The key for the end of a column.
pub async fn end_of_column(
    tx: &mut WriteTx,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    status: &str,
) -> AppResult<String> {
    let (last,): (Option<String>,) = sql(column!(group_id, "SELECT MAX(position) ", ""))
        .bind(group_id)
        .bind(owner_id)
        .bind(status)
        .fetch_one(&mut *tx)
        .await?;
    Ok(after_last(last))
}

/// A new task's number in its scope (its group, or its owner's personal tasks) and the key for
/// the end of its column, in one statement: on SQLite's single writer every statement is a
/// hand-over to the writer's thread and back, and a create waits for each in turn.
pub async fn number_and_end_of_column(
    tx: &mut WriteTx,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    status: &str,
) -> AppResult<(i64, String)> {
    let (number, last): (i64, Option<String>) = sql(column!(
        group_id,
        "INSERT INTO task_counters (scope_id, last_number) VALUES (COALESCE($1, $2), 1) \
         ON CONFLICT (scope_id) DO UPDATE SET last_number = task_counters.last_number + 1 \
         RETURNING last_number, (SELECT MAX(position) ",
        ")"
    ))
    .bind(group_id)
    .bind(owner_id)
    .bind(status)
    .fetch_one(&mut *tx)
    .await?;
    Ok((number, after_last(last)))
}

/// The key after a column's last one (a key that is not valid counts as none).
fn after_last(last: Option<String>) -> String {
    ordering::between(last.as_deref().filter(|k| ordering::is_valid(k)), None)
}

/// The position of task `id` if it is in the column.
pub async fn position_in_column(
    tx: &mut WriteTx,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    status: &str,
    id: Uuid,
) -> AppResult<Option<String>> {
    let row: Option<(String,)> = sql(column!(group_id, "SELECT position ", "AND id = $4"))
        .bind(group_id)
        .bind(owner_id)
        .bind(status)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(row.map(|(p,)| p))
}

/// Which neighbour of a position to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
}

/// The key of the task right before or after `position` in the column, if any (`except`:
/// the task being moved).
pub async fn neighbour_in_column(
    tx: &mut WriteTx,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    status: &str,
    position: &str,
    except: Uuid,
    side: Side,
) -> AppResult<Option<String>> {
    let statement = match side {
        Side::After => column!(group_id, "SELECT MIN(position) ", "AND position > $4 AND id <> $5"),
        Side::Before => column!(group_id, "SELECT MAX(position) ", "AND position < $4 AND id <> $5"),
    };
    let (key,): (Option<String>,) = sql(statement)
        .bind(group_id)
        .bind(owner_id)
        .bind(status)
        .bind(position)
        .bind(except)
        .fetch_one(&mut *tx)
        .await?;
    Ok(key)
}
