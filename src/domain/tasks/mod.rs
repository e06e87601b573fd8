//! Tasks: in a group or personal, with keys per group, history of every field change,
//! archive and restore, optimistic concurrency (`ETag`/`If-Match`) and idempotent creation.
//! Every decision about who may see or change a task goes through `auth::policy::authorize_task`.

mod access;
mod archive;
mod attachments;
mod comments;
mod create;
mod due;
mod fields;
mod history;
mod list;
mod list_cache;
mod moves;
mod ordering;
mod placement;
mod purge;
mod receive;
mod recurrence;
mod relations;
mod row;
mod search;
mod subtasks;
mod tag_admin;
mod tags;
mod update;

pub use access::load_for_read;
pub use archive::set_archived;
pub use attachments::{
    AttachmentRow, MAX_FILES_PER_UPLOAD, delete_attachment, discard_received, list_attachments, load_attachment,
    prepare_upload, record_uploads,
};
pub use comments::{add_comment, delete_comment, edit_comment, list_comments, set_hidden as set_comment_hidden};
pub use create::{Created, create_task};
pub use due::{ZoneOf, rezone};
pub use history::task_history;
pub use list::list_tasks;
pub use list_cache::ListCache;
pub use moves::move_task;
pub use purge::purge_archived_tasks;
pub use receive::{FILE_FIELD, ReceivedFile, UploadRules, receive_file};
pub use relations::{add_relation, list_relations, remove_relation};
pub use search::search_tasks;
pub use subtasks::list_subtasks;
pub use tag_admin::{merge_tag, suggest_tags, update_tag};
pub use update::update_task;

/// A task as its `GET` answers it, with its `ETag`.
pub async fn get_task(
    state: &crate::state::AppState,
    actor: &dayline_db::ActorContext,
    who: &crate::domain::sessions::Authenticated,
    id: uuid::Uuid,
) -> crate::error::AppResult<dayline_api_types::TaskResponse> {
    let row = load_for_read(state, actor, who, id, "task").await?;
    Ok(row.to_response(state.clock.now()))
}

/// The `ETag` of a task's current version.
pub fn etag(task: &dayline_api_types::TaskResponse) -> String {
    format!("\"{}\"", task.version)
}
