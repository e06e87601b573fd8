-- PostgreSQL only (a search function that can use its full-text index under Row-Level
-- Security); SQLite's FTS5 search needs nothing. Kept so both schemas share version numbers.
SELECT 1;
