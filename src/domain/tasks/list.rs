//! `GET /api/v1/tasks`: the caller's tasks (their groups' and their personal ones), or one
//! group's, filtered, sorted, in pages whose cursor stays stable under concurrent inserts
//! (keyset on the sort key and the time-ordered id).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Days, NaiveDate, Utc};
use dayline_api_types::{TaskList, TaskListQuery, TaskPriority, TaskStatus};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use dayline_db::{ActorContext, sql};
use uuid::Uuid;

use super::list_cache;
use super::row::{TaskRow, group_task_columns_from, live_groups_of_user, task_columns, task_from, visible_to_user};
use crate::auth::policy::GroupAction;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The optional filters, each with the arguments it reads (`$2`… are the same arguments in
/// every statement). A statement carries only the filters its request uses: PostgreSQL then
/// plans it once for all its runs (see `Shape`), and a plan made without the values has to
/// guess what each filter keeps; a filter written as "no value, or …" would be guessed to
/// keep a third of the rows even when it has no value, and ten of them made it expect no rows
/// at all and sort a whole group for every page.
///
/// A status or priority is in the comma-separated list when taking `,value,` out of
/// `,list,` shortens it. Not `LIKE '%,value,%'`: PostgreSQL guesses a pattern match keeps one
/// row in two hundred, so with "open tasks" it expected a handful in a group of thousands and
/// sorted the whole group instead of walking its index and stopping at the page; a comparison
/// is guessed at one in three.
const FILTERS: [&str; 9] = [
    "AND length(replace(',' || $4 || ',', ',' || t.status || ',', '')) < length(',' || $4 || ',') ",
    "AND length(replace(',' || $5 || ',', ',' || t.priority || ',', '')) < length(',' || $5 || ',') ",
    "AND t.assignee_id = $6 ",
    "AND t.assignee_id IS NULL ",
    "AND (t.due_date <= $8 OR t.due_at < $9) ",
    "AND (t.due_date >= $10 OR t.due_at >= $11) ",
    "AND EXISTS (SELECT 1 FROM task_tags tt JOIN tags tg ON tg.id = tt.tag_id WHERE tt.task_id = t.id \
       AND ',' || $17 || ',' LIKE \
         '%,' || replace(replace(replace(tg.normalized, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || ',%' ESCAPE '\\') ",
    "AND (t.status IN ('todo', 'in_progress') AND t.due_order < $19) = $18 ",
    "AND EXISTS (SELECT 1 FROM attachments a WHERE a.task_id = t.id) = $20 ",
];

/// The arguments every statement takes (see `list_tasks` for what each is).
const ARGUMENTS: usize = 21;

/// The filters a page kept in memory may use (see `list_cache`): those that read only the
/// task's own row. Tags and attachments live in tables whose changes do not count up the
/// group's list version, and "overdue" moves with the clock.
const KEPT_FILTERS: u16 = 0b11_1111;

/// Which tasks a list statement looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Scope {
    /// Everything the caller sees: their live groups' tasks and their personal ones.
    Visible,
    /// One group's, the caller's right to read it checked beforehand.
    Group,
    /// One group's if the caller is a member of it: the check and the list in one statement,
    /// the common case (a member opening their group's list) in one round trip.
    GroupIfMember,
}

/// Which statement answers a list: the sort, the scope, live or archived, and which filters
/// (and whether a cursor) it has. Each is its own statement with all of these written out, so
/// the database can walk the index that matches (a group's tasks by the sort key) instead of
/// a plan that has to fit every case, and PostgreSQL can plan it once for all its runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    sort: Sort,
    scope: Scope,
    archived: bool,
    /// Bit `i` set: `FILTERS[i]` applies.
    filters: u16,
    after_cursor: bool,
    /// The dialect: the merge of every group's next page (see `Shape::merged`) is written
    /// differently for each.
    postgres: bool,
}

impl Shape {
    fn statement(self) -> String {
        let scope = match self.scope {
            Scope::Visible => visible_to_user!(),
            Scope::Group => "t.group_id = $2",
            Scope::GroupIfMember => {
                "t.group_id = $2 AND EXISTS (SELECT 1 FROM memberships m JOIN groups mg ON mg.id = m.group_id \
                 WHERE m.group_id = $2 AND m.user_id = $1 AND m.deleted_at IS NULL AND mg.deleted_at IS NULL)"
            }
        };
        let archived = if self.archived { "t.archived_at IS NOT NULL" } else { "t.archived_at IS NULL" };
        let (after, order) = match self.sort {
            Sort::Created => ("t.id < $12", "t.id DESC"),
            Sort::Updated => {
                ("(t.updated_at < $14 OR (t.updated_at = $14 AND t.id < $12))", "t.updated_at DESC, t.id DESC")
            }
            Sort::Priority => {
                ("(t.priority_rank < $15 OR (t.priority_rank = $15 AND t.id < $12))", "t.priority_rank DESC, t.id DESC")
            }
            Sort::Position => ("(t.position > $16 OR (t.position = $16 AND t.id > $12))", "t.position, t.id"),
            Sort::Due => ("(t.due_order > $21 OR (t.due_order = $21 AND t.id > $12))", "t.due_order, t.id"),
        };
        let mut rest = format!("{archived} ");
        for (i, filter) in FILTERS.iter().enumerate() {
            if self.filters & (1 << i) != 0 {
                rest.push_str(filter);
            }
        }
        if self.after_cursor {
            rest.push_str(&format!("AND {after} "));
        }
        let mut text = match self.scope {
            // PostgreSQL walks the primary key backwards for the newest visible tasks.
            Scope::Visible if !(self.postgres && self.sort == Sort::Created) => self.merged(&rest, order),
            Scope::Visible => format!("SELECT {}{}WHERE {scope} AND {rest}", task_columns!(), task_from!()),
            Scope::Group | Scope::GroupIfMember => {
                format!("SELECT {}WHERE {scope} AND {rest}", group_task_columns_from!())
            }
        };
        // Arguments this statement does not use are named all the same, so one argument list
        // serves every statement.
        for n in 1..=ARGUMENTS {
            if !mentions(&text, n) && n != 13 {
                text.push_str(&format!("AND (${n} IS NULL OR ${n} IS NOT NULL) "));
            }
        }
        text.push_str(&format!("ORDER BY {order} LIMIT $13"));
        text
    }

    /// Everything the caller sees, in an order no single index gives across groups (on SQLite
    /// not even creation order): the page is the best of each group's own next page (walked
    /// on that group's index for the order, `rest` with the filters and the cursor applied)
    /// and of the personal tasks' next page. Reading and sorting every visible task instead
    /// took a second on PostgreSQL and a quarter of one on SQLite for someone who sees
    /// 100,000. Each group's page comes from a lateral subquery on PostgreSQL; SQLite has
    /// none, so there each group's page is gathered as a JSON array of row ids and read back
    /// by `json_each`, whose argument may name the group row.
    fn merged(self, rest: &str, order: &str) -> String {
        let live = live_groups_of_user!();
        let personal = |columns: &str| {
            format!(
                "SELECT {columns} FROM tasks t WHERE t.group_id IS NULL AND t.owner_id = $1 AND {rest}\
                 ORDER BY {order} LIMIT $13"
            )
        };
        if self.postgres {
            format!(
                "SELECT {} FROM (SELECT p.* FROM ({live}) v CROSS JOIN LATERAL (SELECT t.* FROM tasks t \
                 WHERE t.group_id = v.group_id AND {rest}ORDER BY {order} LIMIT $13) p UNION ALL ({})) t \
                 LEFT JOIN groups g ON g.id = t.group_id LEFT JOIN users o ON o.id = t.owner_id WHERE TRUE ",
                task_columns!(),
                personal("t.*"),
            )
        } else {
            format!(
                "SELECT {}{}WHERE t.rowid IN (SELECT j.value FROM ({live}) v, json_each((SELECT json_group_array(r) \
                 FROM (SELECT t.rowid AS r FROM tasks t WHERE t.group_id = v.group_id AND {rest}ORDER BY {order} \
                 LIMIT $13))) j UNION ALL SELECT r FROM ({})) ",
                task_columns!(),
                task_from!(),
                personal("t.rowid AS r"),
            )
        }
    }

    /// The statement, composed once per shape for the life of the process (a bounded set:
    /// sorts × scopes × archived × filter combinations).
    fn sql(self) -> &'static str {
        static STATEMENTS: OnceLock<RwLock<HashMap<Shape, &'static str>>> = OnceLock::new();
        let statements = STATEMENTS.get_or_init(Default::default);
        if let Some(text) = statements.read().unwrap_or_else(PoisonError::into_inner).get(&self) {
            return text;
        }
        let mut statements = statements.write().unwrap_or_else(PoisonError::into_inner);
        statements.entry(self).or_insert_with(|| Box::leak(self.statement().into_boxed_str()))
    }
}

/// Whether `text` names the argument `$n` (and not `$n0`, `$n1`…).
fn mentions(text: &str, n: usize) -> bool {
    let name = format!("${n}");
    text.match_indices(&name).any(|(at, _)| !text[at + name.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Sort {
    Created,
    Updated,
    Priority,
    Position,
    Due,
}

/// Where the previous page ended: the last item's sort key and id.
#[derive(Debug, Clone, Default, PartialEq)]
struct Cursor {
    id: Uuid,
    updated_at: Option<DateTime<Utc>>,
    rank: Option<i64>,
    position: Option<String>,
    due: Option<String>,
}

fn encode(sort: Sort, row: &TaskRow) -> String {
    let text = match sort {
        Sort::Created => format!("c|{}", row.id),
        Sort::Updated => format!("u|{}|{}", row.id, row.updated_at.to_rfc3339()),
        Sort::Priority => {
            format!("p|{}|{}", row.id, super::row::priority_rank(super::row::parse_priority(&row.priority)))
        }
        Sort::Position => format!("o|{}|{}", row.id, row.position),
        Sort::Due => format!("d|{}|{}", row.id, row.due_order),
    };
    URL_SAFE_NO_PAD.encode(text)
}

fn decode(sort: Sort, cursor: &str) -> AppResult<Cursor> {
    let bad = || AppError::invalid("cursor", "is not a cursor from a previous page of this sort");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let parts: Vec<&str> = text.split('|').collect();
    let id = parts.get(1).and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    match (sort, parts.as_slice()) {
        (Sort::Created, ["c", _]) => Ok(Cursor { id, ..Cursor::default() }),
        (Sort::Updated, ["u", _, at]) => {
            let at = DateTime::parse_from_rfc3339(at).map_err(|_| bad())?.with_timezone(&Utc);
            Ok(Cursor { id, updated_at: Some(at), ..Cursor::default() })
        }
        (Sort::Priority, ["p", _, rank]) => {
            Ok(Cursor { id, rank: Some(rank.parse().map_err(|_| bad())?), ..Cursor::default() })
        }
        (Sort::Position, ["o", _, key]) => Ok(Cursor { id, position: Some((*key).to_owned()), ..Cursor::default() }),
        (Sort::Due, ["d", _, key]) => Ok(Cursor { id, due: Some((*key).to_owned()), ..Cursor::default() }),
        _ => Err(bad()),
    }
}

/// `a,b` of known names → the same list, checked; errors name `field`.
fn name_list<T>(raw: Option<&str>, field: &str, parse: impl Fn(&str) -> Option<T>) -> AppResult<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    let names: Vec<&str> = raw.split(',').map(str::trim).filter(|n| !n.is_empty()).collect();
    if let Some(bad) = names.iter().find(|n| parse(n).is_none()) {
        return Err(AppError::invalid(field, format!("`{bad}` is not one of the values")));
    }
    Ok(if names.is_empty() { None } else { Some(names.join(",")) })
}

fn parse_status(name: &str) -> Option<TaskStatus> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

fn parse_priority(name: &str) -> Option<TaskPriority> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// A list's arguments once checked, bound the same way into every statement shape.
struct Arguments {
    statuses: Option<String>,
    priorities: Option<String>,
    assignee: Option<Uuid>,
    unassigned: bool,
    tags: Option<String>,
    cursor: Option<Cursor>,
    limit: i64,
    /// Open tasks due before this are overdue.
    overdue_before: String,
}

impl Arguments {
    /// Which of `FILTERS` this request uses (bit `i` for `FILTERS[i]`).
    fn filters(&self, query: &TaskListQuery) -> u16 {
        [
            self.statuses.is_some(),
            self.priorities.is_some(),
            self.assignee.is_some(),
            self.unassigned,
            query.due_before.is_some(),
            query.due_after.is_some(),
            self.tags.is_some(),
            query.overdue.is_some(),
            query.has_attachments.is_some(),
        ]
        .iter()
        .enumerate()
        .fold(0, |bits, (i, used)| if *used { bits | (1 << i) } else { bits })
    }

    /// What decides the rows of a page of group `group_id` besides the group's contents: the
    /// key it is kept under.
    fn page_key(&self, group_id: Uuid, sort: Sort, archived: bool, query: &TaskListQuery) -> String {
        format!(
            "{group_id}|{sort:?}|{archived}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{:?}|{}",
            self.statuses,
            self.priorities,
            self.assignee,
            self.unassigned,
            query.due_before,
            query.due_after,
            self.cursor,
            self.limit
        )
    }

    async fn fetch(
        &self,
        state: &AppState,
        who: &Authenticated,
        query: &TaskListQuery,
        statement: &'static str,
    ) -> AppResult<Vec<TaskRow>> {
        let cursor = self.cursor.as_ref();
        let rows = sql(statement)
            .bind(who.user_id)
            .bind(query.group_id)
            .bind(query.archived.unwrap_or(false))
            .bind(self.statuses.clone())
            .bind(self.priorities.clone())
            .bind(self.assignee)
            .bind(self.unassigned)
            .bind(query.due_before.map(|d| d.to_string()))
            .bind(query.due_before.and_then(|d| d.checked_add_days(Days::new(1))).map(start_of))
            .bind(query.due_after.map(|d| d.to_string()))
            .bind(query.due_after.map(start_of))
            .bind(cursor.map(|c| c.id))
            .bind(self.limit + 1)
            .bind(cursor.and_then(|c| c.updated_at))
            .bind(cursor.and_then(|c| c.rank))
            .bind(cursor.and_then(|c| c.position.clone()))
            .bind(self.tags.clone())
            .bind(query.overdue)
            .bind(self.overdue_before.clone())
            .bind(query.has_attachments)
            .bind(cursor.and_then(|c| c.due.clone()))
            .fetch_all(state.db.read_planned_once(who.row_access()))
            .await?;
        Ok(rows)
    }
}

pub async fn list_tasks(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    query: &TaskListQuery,
) -> AppResult<TaskList> {
    let limit = query.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(AppError::invalid("limit", "must be from 1 to 100"));
    }
    let sort = match query.sort.as_deref().unwrap_or("created") {
        "created" => Sort::Created,
        "updated" => Sort::Updated,
        "priority" => Sort::Priority,
        "position" => Sort::Position,
        "due" => Sort::Due,
        _ => return Err(AppError::invalid("sort", "must be created, updated, priority, due or position")),
    };
    let cursor = query.cursor.as_deref().map(|c| decode(sort, c)).transpose()?;
    let statuses = name_list(query.status.as_deref(), "status", parse_status)?;
    let priorities = name_list(query.priority.as_deref(), "priority", parse_priority)?;
    let tags = match query.tag.as_deref() {
        Some(raw) => {
            let names: Vec<String> = raw
                .split(',')
                .map(super::tags::normalized)
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect();
            (!names.is_empty()).then(|| names.join(","))
        }
        None => None,
    };
    let (assignee, unassigned) = match query.assignee.as_deref() {
        None => (None, false),
        Some("me") => (Some(who.user_id), false),
        Some("none") => (None, true),
        Some(id) => (
            Some(id.parse::<Uuid>().map_err(|_| AppError::invalid("assignee", "must be a user id, me or none"))?),
            false,
        ),
    };
    let archived = query.archived.unwrap_or(false);
    let arguments = Arguments {
        statuses,
        priorities,
        assignee,
        unassigned,
        tags,
        cursor,
        limit,
        overdue_before: super::due::order_key(state.clock.now()),
    };
    let filters = arguments.filters(query);
    let after_cursor = arguments.cursor.is_some();
    let postgres = matches!(state.db.backend(), dayline_db::Backend::Postgres(_));
    let shape = |scope| Shape { sort, scope, archived, filters, after_cursor, postgres }.sql();
    let rows = match query.group_id {
        None => Arc::new(arguments.fetch(state, who, query, shape(Scope::Visible)).await?),
        // A super admin's read of a group they are not in is audited: always ask the policy.
        Some(group_id) if who.is_super_admin => {
            crate::domain::groups::authorize(state, actor, who, group_id, GroupAction::Read, "tasks").await?;
            Arc::new(arguments.fetch(state, who, query, shape(Scope::Group)).await?)
        }
        Some(group_id) => {
            let member_page = || async {
                let rows = arguments.fetch(state, who, query, shape(Scope::GroupIfMember)).await?;
                if !rows.is_empty() {
                    return Ok::<_, AppError>(rows);
                }
                // Nothing: not a member (404), or a list that is empty, or a group the policy
                // lets one read otherwise. The policy tells which; the plain scope then lists.
                crate::domain::groups::authorize(state, actor, who, group_id, GroupAction::Read, "tasks").await?;
                arguments.fetch(state, who, query, shape(Scope::Group)).await
            };
            let key = (state.task_lists.is_enabled() && filters & !KEPT_FILTERS == 0)
                .then(|| arguments.page_key(group_id, sort, archived, query));
            let version = match &key {
                Some(_) => list_cache::member_version(state, who.user_id, group_id).await?,
                None => None,
            };
            match (key, version) {
                (Some(key), Some(version)) => match state.task_lists.get(&key, version) {
                    Some(rows) => {
                        metrics::counter!("dayline_task_list_pages_total", "source" => "kept").increment(1);
                        rows
                    }
                    None => {
                        metrics::counter!("dayline_task_list_pages_total", "source" => "read").increment(1);
                        let rows = Arc::new(member_page().await?);
                        state.task_lists.put(key, version, rows.clone());
                        rows
                    }
                },
                _ => Arc::new(member_page().await?),
            }
        }
    };
    let limit = limit as usize;
    let next_cursor = (rows.len() > limit).then(|| encode(sort, &rows[limit - 1]));
    let now = state.clock.now();
    Ok(TaskList { items: rows.iter().take(limit).map(|r| r.to_response(now)).collect(), next_cursor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_belong_to_their_sort() {
        let id = Uuid::now_v7();
        let text = URL_SAFE_NO_PAD.encode(format!("p|{id}|3"));
        assert_eq!(decode(Sort::Priority, &text).expect("cursor"), Cursor { id, rank: Some(3), ..Cursor::default() });
        assert!(decode(Sort::Created, &text).is_err());
        assert!(decode(Sort::Created, "not base64!").is_err());
    }

    const SORTS: [Sort; 5] = [Sort::Created, Sort::Updated, Sort::Priority, Sort::Position, Sort::Due];
    const SCOPES: [Scope; 3] = [Scope::Visible, Scope::Group, Scope::GroupIfMember];

    #[test]
    fn every_shape_names_every_argument_once_composed() {
        let all_filters = (1 << FILTERS.len()) - 1;
        for postgres in [false, true] {
            let mut seen = std::collections::HashSet::new();
            for sort in SORTS {
                for scope in SCOPES {
                    for archived in [false, true] {
                        for (filters, after_cursor) in
                            [(0, false), (all_filters, true), (0b1, false), (0b100_0000, true)]
                        {
                            let shape = Shape { sort, scope, archived, filters, after_cursor, postgres };
                            let text = shape.sql();
                            assert!((1..=ARGUMENTS).all(|n| mentions(text, n)), "{shape:?}: {text}");
                            assert!(text.contains(if scope == Scope::Visible {
                                "m.user_id = $1"
                            } else {
                                "t.group_id = $2"
                            }));
                            assert_eq!(
                                scope == Scope::GroupIfMember,
                                text.contains("EXISTS (SELECT 1 FROM memberships")
                            );
                            assert_eq!(filters & 0b100_0000 != 0, text.contains("FROM task_tags"), "{shape:?}");
                            assert_eq!(filters & 1 != 0, text.contains("t.status ||"), "{shape:?}");
                            assert!(seen.insert(text), "each shape has its own statement");
                            assert!(std::ptr::eq(text, shape.sql()), "composed once");
                            let merged = scope == Scope::Visible && !(postgres && sort == Sort::Created);
                            assert_eq!(merged && postgres, text.contains("LATERAL"), "{shape:?}");
                            assert_eq!(merged && !postgres, text.contains("json_each"), "{shape:?}");
                        }
                    }
                }
            }
        }
        assert!(mentions("a $1 b", 1) && !mentions("a $12 b", 1));
    }

    #[test]
    fn lists_of_names_are_checked() {
        assert_eq!(name_list(Some("todo, done"), "status", parse_status).expect("ok").as_deref(), Some("todo,done"));
        assert!(name_list(Some("todo,later"), "status", parse_status).is_err());
    }
}
