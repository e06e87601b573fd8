-- PostgreSQL only (its search entries carry the task's visibility for its match function);
-- SQLite's search joins its FTS5 matches to the tasks. Kept so both schemas share version
-- numbers.
SELECT 1;
