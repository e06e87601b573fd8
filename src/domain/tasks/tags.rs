//! Tags: per group (or per owner for personal tasks), unique case-insensitively, created on
//! first use, at most 20 per task. A task also keeps its tags' display names (`tag_names`),
//! rewritten here whenever its tags or their names change, so reading tasks needs no join.

use dayline_api_types::FieldError;
use dayline_db::{WriteTx, new_id, sql};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

pub const TAGS_PER_TASK: usize = 20;
pub const TAG_NAME_MAX: usize = 50;
pub const DEFAULT_COLOR: &str = "#6b7280";

/// Where tags live: one group's, or one owner's personal ones. Tag names are unique per
/// scope.
#[derive(Debug, Clone, Copy)]
pub enum TagScope {
    Group(Uuid),
    Personal(Uuid),
}

impl TagScope {
    pub fn of(group_id: Option<Uuid>, owner_id: Uuid) -> Self {
        group_id.map_or(TagScope::Personal(owner_id), TagScope::Group)
    }

    /// The group's or the owner's id, bound as `$1` of a statement from `in_scope!`.
    pub fn id(self) -> Uuid {
        match self {
            TagScope::Group(id) | TagScope::Personal(id) => id,
        }
    }

    /// The statement of this scope from the pair `in_scope!` writes.
    pub fn pick(self, [group, personal]: [&'static str; 2]) -> &'static str {
        match self {
            TagScope::Group(_) => group,
            TagScope::Personal(_) => personal,
        }
    }
}

/// A statement about the tags of one scope, written once per scope (`$1` is the group or the
/// owner) so each walks its own index rather than a plan that must fit both.
macro_rules! in_scope {
    ($before:expr, $after:expr) => {
        [concat!($before, "group_id = $1", $after), concat!($before, "group_id IS NULL AND owner_id = $1", $after)]
    };
}
pub(crate) use in_scope;

/// A tag as written: trimmed, inner whitespace collapsed, 1–50 characters, no commas.
pub fn tag_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let error = |message: &str| FieldError { field: "tags".to_owned(), message: message.to_owned() };
    if name.is_empty() {
        return Err(error("a tag must not be empty"));
    }
    if name.chars().count() > TAG_NAME_MAX {
        return Err(error("a tag has at most 50 characters"));
    }
    if name.contains(',') {
        return Err(error("a tag cannot contain a comma"));
    }
    Ok(name)
}

/// The form names are compared in.
pub fn normalized(name: &str) -> String {
    name.to_lowercase()
}

/// A task's tags as requested: checked, without case-insensitive repeats (the first spelling
/// wins), sorted, at most 20.
pub fn tag_list(raw: &[String]) -> AppResult<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for name in raw {
        let name = tag_name(name).map_err(|e| AppError::Validation(vec![e]))?;
        if !names.iter().any(|n| normalized(n) == normalized(&name)) {
            names.push(name);
        }
    }
    if names.len() > TAGS_PER_TASK {
        return Err(AppError::invalid("tags", format!("a task has at most {TAGS_PER_TASK} tags")));
    }
    names.sort_by_key(|n| normalized(n));
    Ok(names)
}

/// The display names stored on a task.
pub fn parse_names(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// Finds the tag `name` in the scope, creating it on first use; returns its id and spelling.
async fn tag_for(tx: &mut WriteTx, group_id: Option<Uuid>, owner_id: Uuid, name: &str) -> AppResult<(Uuid, String)> {
    let now = tx.now();
    // Group tags belong to the group, not to whoever used them first.
    let owner = if group_id.is_some() { None } else { Some(owner_id) };
    sql("INSERT INTO tags (id, group_id, owner_id, name, normalized, color, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT DO NOTHING")
    .bind(new_id())
    .bind(group_id)
    .bind(owner)
    .bind(name.to_owned())
    .bind(normalized(name))
    .bind(DEFAULT_COLOR)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let scope = TagScope::of(group_id, owner_id);
    let row: (Uuid, String) = sql(scope.pick(in_scope!("SELECT id, name FROM tags WHERE ", " AND normalized = $2")))
        .bind(scope.id())
        .bind(normalized(name))
        .fetch_one(&mut *tx)
        .await?;
    Ok(row)
}

/// Makes task `task_id` carry exactly `names`; returns the names as stored (the tags' own
/// spellings).
pub async fn set_task_tags(
    tx: &mut WriteTx,
    task_id: Uuid,
    group_id: Option<Uuid>,
    owner_id: Uuid,
    names: &[String],
) -> AppResult<Vec<String>> {
    sql("DELETE FROM task_tags WHERE task_id = $1").bind(task_id).execute(&mut *tx).await?;
    for name in names {
        let (tag_id, _) = tag_for(tx, group_id, owner_id, name).await?;
        sql("INSERT INTO task_tags (task_id, tag_id) VALUES ($1, $2)")
            .bind(task_id)
            .bind(tag_id)
            .execute(&mut *tx)
            .await?;
    }
    refresh_names(tx, task_id).await
}

/// Rewrites a task's `tag_names` from its tags.
pub async fn refresh_names(tx: &mut WriteTx, task_id: Uuid) -> AppResult<Vec<String>> {
    let rows: Vec<(String, String)> =
        sql("SELECT tg.name, tg.normalized FROM task_tags tt JOIN tags tg ON tg.id = tt.tag_id \
         WHERE tt.task_id = $1 ORDER BY tg.normalized")
        .bind(task_id)
        .fetch_all(&mut *tx)
        .await?;
    let names: Vec<String> = rows.into_iter().map(|(name, _)| name).collect();
    let stored = serde_json::to_string(&names).map_err(|e| AppError::Internal(e.into()))?;
    sql("UPDATE tasks SET tag_names = $1 WHERE id = $2").bind(stored).bind(task_id).execute(&mut *tx).await?;
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_repeats_dropped() {
        let raw: Vec<String> = ["  Backend ", "backend", "UI  design", "api"].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(tag_list(&raw).expect("valid"), ["api", "Backend", "UI design"]);
        assert!(tag_list(&["a,b".to_owned()]).is_err());
        assert!(tag_list(&["   ".to_owned()]).is_err());
        assert!(tag_list(&["x".repeat(51)]).is_err());
        let many: Vec<String> = (0..21).map(|n| format!("t{n}")).collect();
        assert!(tag_list(&many).is_err());
        assert!(tag_list(&many[..20]).is_ok());
    }
}
