DROP FUNCTION dayline_search_visible(tsquery, bigint);
DROP TRIGGER task_search_follows_task ON tasks;
DROP FUNCTION dayline_task_search_follows_task();
ALTER TABLE task_search DROP COLUMN group_id, DROP COLUMN owner_id, DROP COLUMN archived;

CREATE FUNCTION dayline_search_matches(q tsquery, cap bigint) RETURNS TABLE (task_id uuid, rank real)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT s.task_id, ts_rank(s.document, q) AS rank FROM task_search s WHERE s.document @@ q
          ORDER BY rank DESC, s.task_id DESC LIMIT cap $$;
REVOKE ALL ON FUNCTION dayline_search_matches(tsquery, bigint) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        GRANT EXECUTE ON FUNCTION dayline_search_matches(tsquery, bigint) TO dayline_app;
    END IF;
END $$;
