//! Storage errors, classified once so the HTTP layer can answer 503, 409 or 500 correctly.

use std::borrow::Cow;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database cannot be reached or is too busy; the caller should retry later.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("unique constraint violated ({constraint})")]
    UniqueViolation { constraint: String },
    #[error("foreign key constraint violated")]
    ForeignKeyViolation,
    #[error("a transaction tried to commit a change without an audit entry")]
    MissingAudit,
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Other(sqlx::Error),
}

impl DbError {
    pub fn is_unavailable(&self) -> bool {
        matches!(self, DbError::Unavailable(_))
    }
}

impl From<sqlx::Error> for DbError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::WorkerCrashed => DbError::Unavailable(err),
            sqlx::Error::Database(db) => {
                let code = db.code().unwrap_or(Cow::Borrowed(""));
                if is_unavailable_code(&code) {
                    DbError::Unavailable(err)
                } else if db.is_unique_violation() {
                    DbError::UniqueViolation { constraint: db.constraint().unwrap_or_default().to_owned() }
                } else if db.is_foreign_key_violation() {
                    DbError::ForeignKeyViolation
                } else {
                    DbError::Other(err)
                }
            }
            _ => DbError::Other(err),
        }
    }
}

/// PostgreSQL SQLSTATEs and SQLite result codes that mean "not now", not "never".
fn is_unavailable_code(code: &str) -> bool {
    // PostgreSQL: class 08 connection exceptions, admin/crash shutdown, cannot connect now,
    // too many connections, read-only replica after failover.
    code.starts_with("08")
        || matches!(code, "57P01" | "57P02" | "57P03" | "53300" | "25006")
        // SQLite primary codes (extended codes keep the primary in the low byte):
        // BUSY 5, LOCKED 6, IOERR 10, FULL 13, CANTOPEN 14, READONLY 8.
        || code
            .parse::<i32>()
            .is_ok_and(|c| matches!(c & 0xff, 5 | 6 | 8 | 10 | 13 | 14))
}

#[cfg(test)]
mod tests {
    use super::is_unavailable_code;

    #[test]
    fn classifies_transient_codes() {
        assert!(is_unavailable_code("08006"));
        assert!(is_unavailable_code("57P01"));
        assert!(is_unavailable_code("5"));
        assert!(is_unavailable_code("517")); // SQLITE_BUSY_SNAPSHOT
        assert!(!is_unavailable_code("23505"));
        assert!(!is_unavailable_code("2067")); // SQLITE_CONSTRAINT_UNIQUE
    }
}
