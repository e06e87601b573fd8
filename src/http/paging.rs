//! Keyset paging shared by list endpoints: `limit` (1–100, default 50) and an opaque
//! `cursor` (the id of the last item of the previous page; ids are time-ordered UUIDv7).

use uuid::Uuid;

use crate::error::{AppError, AppResult};

pub struct Page {
    pub limit: i64,
    pub after: Option<Uuid>,
}

impl Page {
    pub fn parse(limit: Option<i64>, cursor: Option<&str>) -> AppResult<Page> {
        let limit = limit.unwrap_or(50);
        if !(1..=100).contains(&limit) {
            return Err(AppError::invalid("limit", "must be from 1 to 100"));
        }
        let after = cursor
            .map(|c| c.parse::<Uuid>().map_err(|_| AppError::invalid("cursor", "is not a cursor from a previous page")))
            .transpose()?;
        Ok(Page { limit, after })
    }

    /// How many rows to fetch: one more than the page, to know whether another follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the extra row off and returns the cursor for the next page, if there is one.
    pub fn finish<T>(&self, rows: &mut Vec<T>, id_of: impl Fn(&T) -> Uuid) -> Option<String> {
        if rows.len() as i64 <= self.limit {
            return None;
        }
        rows.truncate(self.limit as usize);
        rows.last().map(|row| id_of(row).to_string())
    }
}
