//! Full-text search over the tasks one can see: title, description and visible comments.
//! Matches come in three bands on both backends (every word in the title; every word in the
//! title or the description; the rest, found with the help of comments), newest first within
//! a band. A band and creation order are what a reader of the results can tell apart; unlike
//! a relevance score, they let SQLite stop reading matches once a page is full instead of
//! scoring every match of a common word. The dialects differ, so each backend has its
//! statements: SQLite's FTS5 with column filters, PostgreSQL's `tsvector` with a GIN index
//! and weight-restricted queries. Newest means the order tasks were stored in on SQLite
//! (rowid) and their time-ordered id on PostgreSQL; the two agree except for tasks created at
//! the same moment. Words are reduced to letters and digits and matched as prefixes, so no
//! input can inject query syntax.

use dayline_api_types::TaskList;
use dayline_db::{Backend, WriteTx, sql};
use uuid::Uuid;

use super::row::{TaskRow, task_columns, visible_to_user};
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One band's visible matches on SQLite, newest first: `$match` is the band's FTS5 expression
/// (see `sqlite_bands`). The full-text index hands matches over in descending rowid order,
/// so reading stops at the `$5`th one the caller sees.
macro_rules! sqlite_band {
    ($match:literal) => {
        concat!(
            "SELECT * FROM (SELECT ",
            task_columns!(),
            " FROM task_search s JOIN tasks t ON t.rowid = s.rowid \
             LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN users o ON o.id = t.owner_id \
             WHERE task_search MATCH ",
            $match,
            " AND t.archived_at IS NULL AND ",
            visible_to_user!(),
            " ORDER BY s.rowid DESC LIMIT $5)"
        )
    };
}

/// The three bands in one statement, so they read one snapshot (a task edited meanwhile can
/// neither come twice nor slip between bands). SQLite runs the arms of a `UNION ALL` in
/// order and stops at the outer `LIMIT`: a page the first band fills never reads the others.
const SEARCH_SQLITE: &str =
    concat!(sqlite_band!("$2"), " UNION ALL ", sqlite_band!("$3"), " UNION ALL ", sqlite_band!("$4"), " LIMIT $5");

/// On PostgreSQL `dayline_search_visible` (see its migration) returns the first `$5` of the
/// matches of `$2` the caller sees under the rule of `visible_to_user`, with their band (`$3`
/// matches every word in the title, `$4` in the title or the description); `tasks` keeps its
/// row policies, which check each of those. Each match is looked up by id (`OFFSET 0` stops
/// the planner from turning the lookups into a scan of every task, each checked by the row
/// policies). The caller (`$1` in SQLite's statement) comes from the transaction's
/// row-security context.
const SEARCH_POSTGRES: &str = concat!(
    "SELECT ",
    task_columns!(),
    " FROM dayline_search_visible(to_tsquery('simple', $2), to_tsquery('simple', $3), \
     to_tsquery('simple', $4), $5) m \
     CROSS JOIN LATERAL (SELECT * FROM tasks WHERE tasks.id = m.task_id OFFSET 0) t \
     LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN users o ON o.id = t.owner_id \
     WHERE t.archived_at IS NULL ORDER BY m.band, t.id DESC LIMIT $5"
);

/// The words of a query: letters and digits only, lower-cased, at most eight.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(8).map(str::to_lowercase).collect()
}

/// FTS5 expressions for the three bands, best first; each leaves out the bands before it, so
/// no task comes twice.
fn sqlite_bands(words: &[String]) -> [String; 3] {
    let all = words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
    [
        format!("{{title}} : ({all})"),
        format!("{{title description}} : ({all}) NOT {{title}} : ({all})"),
        format!("({all}) NOT {{title description}} : ({all})"),
    ]
}

/// `tsquery` texts for PostgreSQL: every word anywhere, then every word in the title (weight
/// A), then every word in the title or the description (A or B).
fn postgres_queries(words: &[String]) -> [String; 3] {
    let with = |weights: &str| words.iter().map(|w| format!("{w}:*{weights}")).collect::<Vec<_>>().join(" & ");
    [with(""), with("A"), with("AB")]
}

/// `GET /api/v1/search?q=`: visible matches, band by band, at most `limit` (1–50, default 20).
pub async fn search_tasks(state: &AppState, who: &Authenticated, q: &str, limit: Option<i64>) -> AppResult<TaskList> {
    let limit = limit.unwrap_or(20);
    if !(1..=50).contains(&limit) {
        return Err(AppError::invalid("limit", "must be from 1 to 50"));
    }
    let words = words(q);
    if words.is_empty() {
        return Err(AppError::invalid("q", "give at least one word to search for"));
    }
    // Both statements take the caller, three queries (see `sqlite_bands`, `postgres_queries`)
    // and the limit, in that order.
    let (statement, [first, second, third]) = match state.db.backend() {
        Backend::Sqlite { .. } => (SEARCH_SQLITE, sqlite_bands(&words)),
        Backend::Postgres(_) => (SEARCH_POSTGRES, postgres_queries(&words)),
    };
    let rows: Vec<TaskRow> = sql(statement)
        .bind(who.user_id)
        .bind(first)
        .bind(second)
        .bind(third)
        .bind(limit)
        .fetch_all(state.db.read_as(who.row_access()))
        .await?;
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
    fn bands_exclude_the_bands_before_them() {
        let words = words("deploy db");
        assert_eq!(
            sqlite_bands(&words),
            [
                r#"{title} : ("deploy"* "db"*)"#,
                r#"{title description} : ("deploy"* "db"*) NOT {title} : ("deploy"* "db"*)"#,
                r#"("deploy"* "db"*) NOT {title description} : ("deploy"* "db"*)"#,
            ]
        );
        assert_eq!(postgres_queries(&words), ["deploy:* & db:*", "deploy:*A & db:*A", "deploy:*AB & db:*AB"]);
    }

    #[test]
    fn queries_keep_only_words() {
        assert_eq!(words("  Deploy: \"prod\" OR db* -- ; DROP"), ["deploy", "prod", "or", "db", "drop"]);
        assert_eq!(words("Überweisung für Jörg"), ["überweisung", "für", "jörg"]);
        assert!(words("*** ::").is_empty());
    }
}
