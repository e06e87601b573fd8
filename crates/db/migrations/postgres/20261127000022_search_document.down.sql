DROP FUNCTION dayline_search_matches(tsquery, bigint);
CREATE FUNCTION dayline_search_matches(q tsquery) RETURNS TABLE (task_id uuid, rank real)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT s.task_id, ts_rank(setweight(to_tsvector('simple', s.title), 'A')
                 || setweight(to_tsvector('simple', s.description), 'B')
                 || setweight(to_tsvector('simple', s.comments), 'C'), q)
          FROM task_search s
          WHERE (setweight(to_tsvector('simple', s.title), 'A') || setweight(to_tsvector('simple', s.description), 'B')
                 || setweight(to_tsvector('simple', s.comments), 'C')) @@ q $$;
REVOKE ALL ON FUNCTION dayline_search_matches(tsquery) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        GRANT EXECUTE ON FUNCTION dayline_search_matches(tsquery) TO dayline_app;
    END IF;
END $$;
CREATE INDEX task_search_document ON task_search USING GIN ((
    setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')
    || setweight(to_tsvector('simple', comments), 'C')));
DROP INDEX task_search_document_stored;
ALTER TABLE task_search DROP COLUMN document;
