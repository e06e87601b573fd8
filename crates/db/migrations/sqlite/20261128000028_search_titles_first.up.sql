-- PostgreSQL only (a second full-text index over titles, read first by its search
-- function); SQLite asks FTS5 for title matches with a column filter already. Kept so both
-- schemas share version numbers.
SELECT 1;
