//! Tag autocomplete, and renaming, recolouring and merging tags (group admins for a group's
//! tags, the owner for personal ones). A renamed or merged tag rewrites the `tag_names` of
//! the tasks that carry it, in the same transaction.

use dayline_api_types::{MergeTagRequest, TagList, TagResponse, UpdateTagRequest};
use dayline_db::{ActorContext, AuditEntry, WriteTx, sql};
use serde_json::json;
use uuid::Uuid;

use super::tags::{TagScope, in_scope, normalized, refresh_names, tag_name};
use crate::auth::policy::{GroupAction, authorize_tag_change};
use crate::domain::groups::parse_role;
use crate::domain::sessions::Authenticated;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    name: String,
    color: String,
    uses: i64,
}

impl Row {
    fn into_tag(self) -> TagResponse {
        TagResponse { id: self.id, name: self.name, color: self.color, uses: self.uses }
    }
}

/// `q` as a LIKE prefix pattern with its own wildcards escaped.
fn prefix_pattern(q: &str) -> String {
    let escaped = normalized(q.trim()).replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("{escaped}%")
}

/// `GET /api/v1/tags`: a group's tags (or the caller's personal ones) starting with `q`, the
/// most used first; at most 20.
pub async fn suggest_tags(
    state: &AppState,
    actor: &ActorContext,
    who: &Authenticated,
    group_id: Option<Uuid>,
    q: Option<&str>,
) -> AppResult<TagList> {
    if let Some(group_id) = group_id {
        crate::domain::groups::authorize(state, actor, who, group_id, GroupAction::Read, "tags").await?;
    }
    let scope = TagScope::of(group_id, who.user_id);
    let rows: Vec<Row> = sql(scope.pick(in_scope!(
        "SELECT id, name, color, (SELECT COUNT(*) FROM task_tags tt WHERE tt.tag_id = tags.id) AS uses FROM tags WHERE ",
        " AND normalized LIKE $2 ESCAPE '\\' ORDER BY uses DESC, normalized LIMIT 20"
    )))
    .bind(scope.id())
    .bind(prefix_pattern(q.unwrap_or("")))
    .fetch_all(state.db.read_as(who.row_access()))
    .await?;
    Ok(TagList { items: rows.into_iter().map(Row::into_tag).collect() })
}

#[derive(sqlx::FromRow)]
struct Loaded {
    group_id: Option<Uuid>,
    owner_id: Option<Uuid>,
    my_role: Option<String>,
}

impl Loaded {
    /// A group's tag has no owner; a personal tag is always written with its owner.
    fn scope(&self) -> TagScope {
        TagScope::of(self.group_id, self.owner_id.unwrap_or_default())
    }
}

/// A tag the caller may manage, read in `tx`.
async fn load_for_change(tx: &mut WriteTx, who: &Authenticated, id: Uuid) -> AppResult<Loaded> {
    let loaded: Option<Loaded> = sql("SELECT tg.group_id, tg.owner_id, m.role AS my_role FROM tags tg \
         LEFT JOIN groups g ON g.id = tg.group_id \
         LEFT JOIN memberships m ON m.group_id = tg.group_id AND m.user_id = $2 AND m.deleted_at IS NULL \
         WHERE tg.id = $1 AND (tg.group_id IS NULL OR g.deleted_at IS NULL)")
    .bind(id)
    .bind(who.user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let loaded = loaded.ok_or(AppError::NotFound)?;
    authorize_tag_change(who, loaded.group_id, loaded.owner_id, loaded.my_role.as_deref().map(parse_role))?;
    Ok(loaded)
}

/// Rewrites `tag_names` of every task carrying one of `tags`.
async fn refresh_tasks_of(tx: &mut WriteTx, task_ids: Vec<(Uuid,)>) -> AppResult<()> {
    for (task_id,) in task_ids {
        refresh_names(tx, task_id).await?;
    }
    Ok(())
}

async fn audit(
    tx: &mut WriteTx,
    action: &'static str,
    id: Uuid,
    group_id: Option<Uuid>,
    details: serde_json::Value,
) -> AppResult<()> {
    let mut entry = AuditEntry::new(action, "tag", Some(id)).details(details);
    if let Some(group_id) = group_id {
        entry = entry.group(group_id);
    }
    tx.audit(entry).await?;
    Ok(())
}

async fn response(tx: &mut WriteTx, id: Uuid) -> AppResult<TagResponse> {
    let row: Row =
        sql("SELECT id, name, color, (SELECT COUNT(*) FROM task_tags tt WHERE tt.tag_id = tags.id) AS uses \
         FROM tags WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    Ok(row.into_tag())
}

/// `PATCH /api/v1/tags/{id}`: rename or recolour.
pub async fn update_tag(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    id: Uuid,
    request: UpdateTagRequest,
) -> AppResult<TagResponse> {
    let name = request.name.as_deref().map(tag_name).transpose().map_err(|mut e| {
        e.field = "name".to_owned();
        AppError::Validation(vec![e])
    })?;
    if let Some(color) = &request.color
        && !(color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit()))
    {
        return Err(AppError::invalid("color", "must be #rrggbb"));
    }
    let mut tx = state.db.begin(actor).await?;
    let tag = load_for_change(&mut tx, who, id).await?;
    if let Some(name) = &name {
        let taken: Option<(Uuid,)> =
            sql(tag.scope().pick(in_scope!("SELECT id FROM tags WHERE ", " AND normalized = $2 AND id <> $3")))
                .bind(tag.scope().id())
                .bind(normalized(name))
                .bind(id)
                .fetch_optional(&mut tx)
                .await?;
        if taken.is_some() {
            return Err(AppError::Conflict("Another tag has this name: merge the two instead.".to_owned()));
        }
        sql("UPDATE tags SET name = $1, normalized = $2 WHERE id = $3")
            .bind(name.clone())
            .bind(normalized(name))
            .bind(id)
            .execute(&mut tx)
            .await?;
        let tasks: Vec<(Uuid,)> =
            sql("SELECT task_id FROM task_tags WHERE tag_id = $1").bind(id).fetch_all(&mut tx).await?;
        refresh_tasks_of(&mut tx, tasks).await?;
    }
    if let Some(color) = &request.color {
        sql("UPDATE tags SET color = $1 WHERE id = $2").bind(color.to_lowercase()).bind(id).execute(&mut tx).await?;
    }
    audit(&mut tx, "tag.updated", id, tag.group_id, json!({ "name": name, "color": request.color })).await?;
    let tag = response(&mut tx, id).await?;
    tx.commit().await?;
    Ok(tag)
}

/// `POST /api/v1/tags/{id}/merge`: the tasks of this tag get `into` instead; this tag goes.
pub async fn merge_tag(
    state: &AppState,
    actor: ActorContext,
    who: &Authenticated,
    id: Uuid,
    request: MergeTagRequest,
) -> AppResult<TagResponse> {
    if request.into == id {
        return Err(AppError::invalid("into", "is the tag itself"));
    }
    let mut tx = state.db.begin(actor).await?;
    let source = load_for_change(&mut tx, who, id).await?;
    let target = load_for_change(&mut tx, who, request.into)
        .await
        .map_err(|_| AppError::invalid("into", "is not a tag of the same group that you manage"))?;
    if target.group_id != source.group_id || target.owner_id != source.owner_id {
        return Err(AppError::invalid("into", "is not a tag of the same group that you manage"));
    }
    let tasks: Vec<(Uuid,)> =
        sql("SELECT task_id FROM task_tags WHERE tag_id = $1").bind(id).fetch_all(&mut tx).await?;
    sql("INSERT INTO task_tags (task_id, tag_id) SELECT task_id, $1 FROM task_tags WHERE tag_id = $2 ON CONFLICT DO NOTHING")
        .bind(request.into)
        .bind(id)
        .execute(&mut tx)
        .await?;
    sql("DELETE FROM tags WHERE id = $1").bind(id).execute(&mut tx).await?;
    refresh_tasks_of(&mut tx, tasks).await?;
    audit(&mut tx, "tag.merged", id, source.group_id, json!({ "into": request.into })).await?;
    let tag = response(&mut tx, request.into).await?;
    tx.commit().await?;
    Ok(tag)
}
