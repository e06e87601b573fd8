-- PostgreSQL only (its row policies read the caller's memberships once per statement);
-- SQLite has no row policies. Kept so both schemas share version numbers.
SELECT 1;
