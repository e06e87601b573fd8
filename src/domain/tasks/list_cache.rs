//! Pages of a group's task list kept in memory, each with the group's list version it was
//! read at. Every change to the group's tasks, or to the group's slug or time zone, counts
//! the version up in the change's own transaction (triggers of migration 27, so whatever
//! statement or instance makes the change). Before a kept page is answered, one statement
//! reads the current version and checks that the caller is still a live member of the live
//! group: a page is served only while nothing it shows can have changed, and only to members.
//!
//! The version is read before the page, so a page may be newer than the version it is kept
//! with, never older: a change committed in between only makes the next request read the
//! page again.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use dayline_db::{Backend, sql};
use uuid::Uuid;

use super::row::TaskRow;
use crate::error::AppResult;
use crate::state::AppState;

/// What a task row costs besides its text (ids, times, the row's own allocations).
const ROW_OVERHEAD_BYTES: usize = 400;

/// A page as read, with the group's list version read before it.
struct Kept {
    version: i64,
    rows: Arc<Vec<TaskRow>>,
    bytes: usize,
    /// When it was kept (see `Pages::order`).
    stamp: u64,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<String, Kept>,
    /// Keys with the stamp they were kept at, oldest first: the oldest page goes first when
    /// the budget is spent. A page kept again (read at a newer version) is pushed anew; its
    /// earlier entry no longer matches its stamp and is skipped.
    order: VecDeque<(u64, String)>,
    next_stamp: u64,
    bytes: usize,
}

pub struct ListCache {
    pages: Mutex<Pages>,
    /// The memory the kept pages may take, estimated from their text
    /// (`task_list_cache_mib`); 0 keeps none.
    budget_bytes: usize,
}

impl ListCache {
    pub fn new(budget_bytes: usize) -> Self {
        ListCache { pages: Mutex::default(), budget_bytes }
    }

    /// Whether pages are kept at all.
    pub fn is_enabled(&self) -> bool {
        self.budget_bytes > 0
    }

    /// The page kept under `key` if it was read at `version`.
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<Vec<TaskRow>>> {
        let pages = self.pages.lock().unwrap_or_else(PoisonError::into_inner);
        pages.by_key.get(key).filter(|kept| kept.version == version).map(|kept| kept.rows.clone())
    }

    /// Keeps `rows` as the page under `key` at `version`, dropping the oldest pages while
    /// over the budget.
    pub fn put(&self, key: String, version: i64, rows: Arc<Vec<TaskRow>>) {
        let bytes = rows.iter().map(row_bytes).sum::<usize>() + key.len();
        if bytes > self.budget_bytes / 16 {
            return;
        }
        let mut pages = self.pages.lock().unwrap_or_else(PoisonError::into_inner);
        let pages = &mut *pages;
        let stamp = pages.next_stamp;
        pages.next_stamp += 1;
        if let Some(replaced) = pages.by_key.insert(key.clone(), Kept { version, rows, bytes, stamp }) {
            pages.bytes -= replaced.bytes;
        }
        pages.order.push_back((stamp, key));
        pages.bytes += bytes;
        while pages.bytes > self.budget_bytes {
            let Some((stamp, oldest)) = pages.order.pop_front() else { break };
            if pages.by_key.get(&oldest).is_some_and(|kept| kept.stamp == stamp)
                && let Some(dropped) = pages.by_key.remove(&oldest)
            {
                pages.bytes -= dropped.bytes;
            }
        }
        // Pages kept again leave stale entries behind; drop them before they outnumber the
        // pages (each entry is looked at once here per doubling: constant work per put).
        if pages.order.len() > 2 * pages.by_key.len() + 64 {
            let by_key = &pages.by_key;
            pages.order.retain(|(stamp, key)| by_key.get(key).is_some_and(|kept| kept.stamp == *stamp));
        }
    }

    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.pages.lock().unwrap_or_else(PoisonError::into_inner).bytes
    }
}

fn row_bytes(row: &TaskRow) -> usize {
    ROW_OVERHEAD_BYTES + row.title.len() + row.description.len() + row.tag_names.len() + row.position.len()
}

/// The current list version of `group_id` if `user_id` is a live member of the live group;
/// `None` otherwise (the caller then goes through the full policy). One round trip, outside
/// any transaction: on PostgreSQL a function with the owner's rights answers it.
pub async fn member_version(state: &AppState, user_id: Uuid, group_id: Uuid) -> AppResult<Option<i64>> {
    let statement = match state.db.backend() {
        Backend::Sqlite { .. } => {
            "SELECT COALESCE((SELECT v.version FROM task_list_versions v WHERE v.group_id = $1), 0) \
             FROM memberships m JOIN groups mg ON mg.id = m.group_id \
             WHERE m.group_id = $1 AND m.user_id = $2 AND m.deleted_at IS NULL AND mg.deleted_at IS NULL"
        }
        Backend::Postgres(_) => "SELECT v FROM dayline_group_list_version($1, $2) v",
    };
    let version: Option<(i64,)> = sql(statement).bind(group_id).bind(user_id).fetch_optional(&state.db).await?;
    Ok(version.map(|(v,)| v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn row(title: &str, description_bytes: usize) -> TaskRow {
        TaskRow {
            id: Uuid::now_v7(),
            group_id: None,
            owner_id: Uuid::nil(),
            number: 1,
            title: title.to_owned(),
            description: "x".repeat(description_bytes),
            status: "todo".to_owned(),
            priority: "none".to_owned(),
            due_date: None,
            due_at: None,
            due_zone: None,
            start_date: None,
            assignee_id: None,
            parent_id: None,
            position: "a0".to_owned(),
            tag_names: String::new(),
            recurrence: None,
            due_order: String::new(),
            version: 1,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            completed_at: None,
            archived_at: None,
            group_slug: None,
            zone: "UTC".to_owned(),
        }
    }

    #[test]
    fn a_page_is_served_only_at_the_version_it_was_read_at() {
        let cache = ListCache::new(1024 * 1024);
        cache.put("k".to_owned(), 3, Arc::new(vec![row("A", 0)]));
        assert_eq!(cache.get("k", 3).expect("kept")[0].title, "A");
        assert!(cache.get("k", 4).is_none(), "a newer version is a miss");
        assert!(cache.get("other", 3).is_none());
        cache.put("k".to_owned(), 4, Arc::new(vec![row("B", 0)]));
        assert_eq!(cache.get("k", 4).expect("replaced")[0].title, "B");
        assert!(cache.get("k", 3).is_none());
    }

    #[test]
    fn the_oldest_pages_go_when_the_budget_is_spent() {
        const BUDGET_BYTES: usize = 16 * 1024 * 1024;
        let cache = ListCache::new(BUDGET_BYTES);
        // Pages of 20 rows with 10,000-byte descriptions: about 208 KB each, 80 fill 16 MiB.
        for n in 0..100 {
            cache.put(format!("page {n}"), 1, Arc::new((0..20).map(|_| row("T", 10_000)).collect()));
        }
        assert!(cache.bytes() <= BUDGET_BYTES);
        assert!(cache.get("page 0", 1).is_none(), "the first page kept went first");
        assert!(cache.get("page 99", 1).is_some(), "the last page kept stays");
        // One page bigger than a sixteenth of the budget is not kept at all.
        cache.put("huge".to_owned(), 1, Arc::new((0..100).map(|_| row("T", 20_000)).collect()));
        assert!(cache.get("huge", 1).is_none());
    }

    #[test]
    fn a_page_kept_again_counts_as_new_and_stale_entries_are_dropped() {
        // Pages of about 1.4 KB in a budget of 24 KB: 17 fit.
        let cache = ListCache::new(24_000);
        let page = || Arc::new(vec![row("T", 1_000)]);
        cache.put("busy".to_owned(), 1, page());
        cache.put("quiet".to_owned(), 1, page());
        cache.put("busy".to_owned(), 2, page());
        for n in 0..16 {
            cache.put(format!("filler {n:02}"), 1, page());
        }
        assert!(cache.get("busy", 2).is_some(), "kept again, so newer than the quiet page");
        assert!(cache.get("quiet", 1).is_none(), "the oldest page went");
        assert!(cache.get("filler 15", 1).is_some());
        for version in 3..1_000 {
            cache.put("busy".to_owned(), version, page());
        }
        let pages = cache.pages.lock().unwrap_or_else(PoisonError::into_inner);
        assert!(pages.order.len() <= 2 * pages.by_key.len() + 64, "{} entries", pages.order.len());
    }

    #[test]
    fn a_budget_of_nothing_keeps_nothing() {
        let cache = ListCache::new(0);
        assert!(!cache.is_enabled());
        cache.put("k".to_owned(), 1, Arc::new(vec![row("A", 0)]));
        assert!(cache.get("k", 1).is_none());
    }
}
