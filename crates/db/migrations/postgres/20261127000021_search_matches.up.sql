-- Full-text matches through the GIN index. Under Row-Level Security a text match cannot use
-- that index: the match operator is not leakproof, so the policies run first, on every row,
-- and the document is rebuilt for each (seconds at 100,000 tasks). This function matches with
-- the owner's rights and returns only task ids and ranks; the caller joins them to `tasks`,
-- whose policies (and the query's own visibility test) still decide what it sees.
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
