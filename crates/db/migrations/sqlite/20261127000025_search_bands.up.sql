-- PostgreSQL only (its match function orders results in bands); SQLite's search asks its
-- FTS5 index for each band with column filters. Kept so both schemas share version numbers.
SELECT 1;
