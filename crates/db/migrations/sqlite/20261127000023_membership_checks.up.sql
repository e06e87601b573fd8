-- PostgreSQL only (its row-policy membership functions and its full-text index settings);
-- SQLite has neither. Kept so both schemas share version numbers.
SELECT 1;
