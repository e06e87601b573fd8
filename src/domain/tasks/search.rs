//! Full-text search over the tasks one can see: title, description and visible comments,
//! ranked (title above description above comments). The dialects differ here, so each
//! backend has its statements: SQLite's FTS5 with bm25, PostgreSQL's `tsvector` with a GIN
//! index and `ts_rank`. Words are reduced to letters and digits and matched as prefixes, so
//! no input can inject query syntax.

use dayline_api_types::TaskList;
use dayline_db::{Backend, WriteTx, sql};
use uuid::Uuid;

use super::row::{TaskRow, task_columns, visible_to_user};
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Tasks one sees: one's groups' (live) and one's personal ones; not archived.
macro_rules! visible {
    () => {
        concat!(" AND t.archived_at IS NULL AND ", visible_to_user!(), " ")
    };
}

/// Matches are ranked inside the full-text index and only the best `$4` are joined to their
/// tasks: joining every match (a common word matches thousands) before keeping twenty cost
/// far more than the ranking. `search_tasks` asks again with no cap when too few of those
/// best matches are visible to the caller. Ties fall to the newest row.
const SEARCH_SQLITE: &str = concat!(
    "SELECT ",
    task_columns!(),
    " FROM (SELECT rowid AS task_row, bm25(task_search, 0.0, 10.0, 4.0, 1.0) AS rank FROM task_search \
     WHERE task_search MATCH $2 ORDER BY rank, rowid DESC LIMIT $4) m JOIN tasks t ON t.rowid = m.task_row \
     LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN users o ON o.id = t.owner_id WHERE TRUE",
    visible!(),
    "ORDER BY m.rank, m.task_row DESC LIMIT $3"
);

/// On PostgreSQL `dayline_search_visible` (see its migration) ranks only the matches the caller
/// sees under the rule of `visible_to_user` and returns the best `$4`; `tasks` keeps its row
/// policies, which check each of those. Each match is looked up by id (`OFFSET 0` stops the
/// planner from turning the lookups into a scan of every task, each checked by the row
/// policies). The caller (`$1` in SQLite's statement) comes from the transaction's
/// row-security context.
const SEARCH_POSTGRES: &str = concat!(
    "SELECT ",
    task_columns!(),
    " FROM dayline_search_visible(to_tsquery('simple', $2), $4) m \
     CROSS JOIN LATERAL (SELECT * FROM tasks WHERE tasks.id = m.task_id OFFSET 0) t \
     LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN users o ON o.id = t.owner_id \
     WHERE t.archived_at IS NULL ORDER BY m.rank DESC, t.id DESC LIMIT $3"
);

/// How many of the best matches a search on SQLite looks at first. Most searchers see most
/// matches, so the best `limit` they see are nearly always among these.
const FIRST_LOOK: i64 = 200;

/// The words of a query: letters and digits only, lower-cased, at most eight.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(8).map(str::to_lowercase).collect()
}

fn query_for(backend: &Backend, words: &[String]) -> String {
    match backend {
        Backend::Sqlite { .. } => words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" "),
        Backend::Postgres(_) => words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & "),
    }
}

/// `GET /api/v1/search?q=`: the best matches first, at most `limit` (1–50, default 20).
pub async fn search_tasks(state: &AppState, who: &Authenticated, q: &str, limit: Option<i64>) -> AppResult<TaskList> {
    let limit = limit.unwrap_or(20);
    if !(1..=50).contains(&limit) {
        return Err(AppError::invalid("limit", "must be from 1 to 50"));
    }
    let words = words(q);
    if words.is_empty() {
        return Err(AppError::invalid("q", "give at least one word to search for"));
    }
    let backend = state.db.backend();
    // PostgreSQL's function returns only visible matches, so its first answer is the whole
    // answer; SQLite ranks every match and looks at the best `FIRST_LOOK` first.
    let (statement, first_look) = match backend {
        Backend::Sqlite { .. } => (SEARCH_SQLITE, FIRST_LOOK),
        Backend::Postgres(_) => (SEARCH_POSTGRES, limit),
    };
    let query = query_for(backend, &words);
    let run = |cap: i64| {
        sql(statement)
            .bind(who.user_id)
            .bind(query.clone())
            .bind(limit)
            .bind(cap)
            .fetch_all(state.db.read_as(who.row_access()))
    };
    let mut rows: Vec<TaskRow> = run(first_look).await?;
    if (rows.len() as i64) < limit && matches!(backend, Backend::Sqlite { .. }) {
        // Fewer than asked for among the best matches: either there are no more matches, or
        // the caller cannot see enough of them. Only the whole ranking tells which.
        rows = run(i64::MAX).await?;
    }
    let now = state.clock.now();
    Ok(TaskList { items: rows.iter().map(|r| r.to_response(now)).collect(), next_cursor: None })
}

/// Who may find a task: PostgreSQL's search entry carries it (see `dayline_search_visible`).
struct Visibility {
    group_id: Option<Uuid>,
    owner_id: Uuid,
    archived: bool,
}

/// Rewrites a task's search entry from its title, description and visible comments.
pub async fn reindex(tx: &mut WriteTx, task_id: Uuid) -> AppResult<()> {
    let task: Option<(String, String, Option<Uuid>, Uuid, bool)> =
        sql("SELECT title, description, group_id, owner_id, archived_at IS NOT NULL FROM tasks WHERE id = $1")
            .bind(task_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((title, description, group_id, owner_id, archived)) = task else { return Ok(()) };
    let comments: Vec<(String,)> = sql("SELECT body FROM task_comments WHERE task_id = $1 AND deleted_at IS NULL \
         AND hidden_at IS NULL ORDER BY id")
    .bind(task_id)
    .fetch_all(&mut *tx)
    .await?;
    let comments = comments.into_iter().map(|(b,)| b).collect::<Vec<_>>().join("\n");
    remove(tx, task_id).await?;
    write_entry(tx, task_id, [title, description, comments], Visibility { group_id, owner_id, archived }).await
}

/// Writes the search entry of a task just inserted: it has no comments and no entry yet.
pub async fn index_new(
    tx: &mut WriteTx,
    task_id: Uuid,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    title: &str,
    description: &str,
) -> AppResult<()> {
    let text = [title.to_owned(), description.to_owned(), String::new()];
    write_entry(tx, task_id, text, Visibility { group_id, owner_id, archived: false }).await
}

/// `text` is the title, the description and the comments.
async fn write_entry(tx: &mut WriteTx, task_id: Uuid, text: [String; 3], who: Visibility) -> AppResult<()> {
    let [title, description, comments] = text;
    let insert = match tx.db().backend() {
        Backend::Sqlite { .. } => sql("INSERT INTO task_search (rowid, task_id, title, description, comments) \
             VALUES ((SELECT rowid FROM tasks WHERE id = $1), $1, $2, $3, $4)"),
        Backend::Postgres(_) => sql("INSERT INTO task_search (task_id, title, description, comments, group_id, \
             owner_id, archived) VALUES ($1, $2, $3, $4, $5, $6, $7)"),
    };
    let insert = insert.bind(task_id).bind(title).bind(description).bind(comments);
    let insert = match tx.db().backend() {
        Backend::Sqlite { .. } => insert,
        Backend::Postgres(_) => insert.bind(who.group_id).bind(who.owner_id).bind(who.archived),
    };
    // Nothing in the transaction reads the entry back: it goes with the next statement.
    tx.defer(insert);
    Ok(())
}

/// Removes a task's search entry (before the task itself goes).
pub async fn remove(tx: &mut WriteTx, task_id: Uuid) -> AppResult<()> {
    let delete = match tx.db().backend() {
        Backend::Sqlite { .. } => "DELETE FROM task_search WHERE rowid = (SELECT rowid FROM tasks WHERE id = $1)",
        Backend::Postgres(_) => "DELETE FROM task_search WHERE task_id = $1",
    };
    sql(delete).bind(task_id).execute(tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_keep_only_words() {
        assert_eq!(words("  Deploy: \"prod\" OR db* -- ; DROP"), ["deploy", "prod", "or", "db", "drop"]);
        assert_eq!(words("Überweisung für Jörg"), ["überweisung", "für", "jörg"]);
        assert!(words("*** ::").is_empty());
    }
}
