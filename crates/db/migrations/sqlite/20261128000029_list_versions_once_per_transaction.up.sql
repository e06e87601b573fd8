-- PostgreSQL only (its list-version trigger counted a group once per changed task, all on one
-- row). SQLite's triggers update that row in place. Kept so both schemas share version numbers.
SELECT 1;
