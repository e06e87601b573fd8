-- PostgreSQL only (a stored search document and a match function that keeps the best
-- matches); SQLite's FTS5 index needs nothing. Kept so both schemas share version numbers.
SELECT 1;
