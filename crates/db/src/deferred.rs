//! Writes nothing in a transaction waits for (its audit row, its outbox event, a search
//! entry, a new row read back next) are held back and sent together, as one statement, with
//! the next statement that needs an answer (on SQLite in the same call as a read) or at
//! commit. Every statement is a round trip (on SQLite, a hand-over to the writer's thread and
//! back), and on SQLite the writer does one thing at a time: a task created with its search
//! entry, audit row and event cost three of those for what is now one.
//!
//! Order is kept: held statements always run before any later statement of the transaction,
//! so nothing can read around them. A failure surfaces at that later statement or at commit,
//! and the transaction fails as a whole, as it would have.

use crate::pool::Backend;
use crate::sql::Sql;
use crate::{DbResult, WriteTx};

impl WriteTx {
    /// Holds `statement` until the next statement that needs an answer, or commit. It must
    /// return no rows (no `RETURNING`): on SQLite it may run in front of a read, in one call.
    pub fn defer(&mut self, statement: Sql) {
        self.deferred.push(statement);
    }

    /// Sends the held statements, if any.
    pub(crate) async fn flush(&mut self) -> DbResult<()> {
        match self.take_held() {
            Some(held) => held.execute_on(self.conn()).await.map(|_| ()),
            None => Ok(()),
        }
    }

    /// `statement`, a read, ready to run next: on SQLite the held writes go in front of it, in
    /// the same call (they return no rows, so the rows are the statement's); on PostgreSQL,
    /// which takes one statement per call and would not let a read see writes made in the
    /// same statement, they are sent first.
    pub(crate) async fn with_held(&mut self, statement: Sql) -> DbResult<Sql> {
        if self.deferred.is_empty() {
            return Ok(statement);
        }
        match self.db().backend() {
            Backend::Sqlite { .. } => {
                self.deferred.push(statement);
                Ok(self.take_held().expect("held statements"))
            }
            Backend::Postgres(_) => {
                self.flush().await?;
                Ok(statement)
            }
        }
    }

    /// The held statements as one, leaving none held.
    pub(crate) fn take_held(&mut self) -> Option<Sql> {
        let mut held = std::mem::take(&mut self.deferred);
        match held.len() {
            0 => None,
            1 => held.pop(),
            _ => {
                let text = combined(self.db().backend(), &held);
                let args = held.iter().flat_map(Sql::args).cloned().collect();
                Some(Sql::composed(text, args))
            }
        }
    }
}

/// One statement text for several, their `$n` arguments renumbered to follow one another.
/// SQLite runs a text of several statements in one call; PostgreSQL takes one statement per
/// call, so there each becomes a data-modifying `WITH` part of one statement (which all run,
/// to completion, whether or not anything reads them).
fn combined(backend: &Backend, statements: &[Sql]) -> String {
    let mut offset = 0;
    let mut parts = Vec::with_capacity(statements.len());
    for statement in statements {
        parts.push(renumbered(statement.text(), offset));
        offset += statement.args().len();
    }
    match backend {
        Backend::Sqlite { .. } => parts.join("; "),
        Backend::Postgres(_) => {
            let parts: Vec<String> =
                parts.iter().enumerate().map(|(i, part)| format!("held_{i} AS ({part})")).collect();
            format!("WITH {} SELECT 1", parts.join(", "))
        }
    }
}

/// `text` with every `$n` outside quoted literals raised by `offset`.
fn renumbered(text: &str, offset: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\'' {
            quoted = !quoted;
        }
        if c != '$' || quoted {
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.next_if(char::is_ascii_digit) {
            digits.push(d);
        }
        match digits.parse::<usize>() {
            Ok(n) => out.push_str(&(n + offset).to_string()),
            Err(_) => out.push_str(&digits),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_follow_one_another_and_literals_stay() {
        assert_eq!(renumbered("INSERT INTO t (a, b) VALUES ($1, $2)", 3), "INSERT INTO t (a, b) VALUES ($4, $5)");
        assert_eq!(renumbered("SELECT '$1', $10 WHERE x = $1", 2), "SELECT '$1', $12 WHERE x = $3");
        assert_eq!(renumbered("a $ b", 1), "a $ b");
    }
}
