-- Search results come in bands instead of by `ts_rank`: tasks whose title holds every word,
-- then those whose title or description holds each, then the rest (found with the help of
-- comments), newest first within a band. SQLite orders them the same way, so a search
-- answers alike on both backends. `q` is the whole query, `q_title` the same words
-- restricted to the title's weight (A) and `q_text` to the title's or the description's
-- (A or B); telling a match's band costs two checks of its stored document, less than
-- ranking it did.
CREATE FUNCTION dayline_search_visible(q tsquery, q_title tsquery, q_text tsquery, lim bigint)
    RETURNS TABLE (task_id uuid, band integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN
        RETURN QUERY SELECT s.task_id,
                CASE WHEN s.document @@ q_title THEN 1 WHEN s.document @@ q_text THEN 2 ELSE 3 END
            FROM task_search s
            WHERE s.document @@ q AND NOT s.archived
              AND ((s.group_id IS NULL AND s.owner_id = dayline_user_id())
                   OR s.group_id IN (SELECT m.group_id FROM memberships m JOIN groups g ON g.id = m.group_id
                                     WHERE m.user_id = dayline_user_id() AND m.deleted_at IS NULL
                                       AND g.deleted_at IS NULL))
            ORDER BY 2, s.task_id DESC LIMIT lim;
    END $$;
REVOKE ALL ON FUNCTION dayline_search_visible(tsquery, tsquery, tsquery, bigint) FROM PUBLIC;
DROP FUNCTION dayline_search_visible(tsquery, bigint);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        GRANT EXECUTE ON FUNCTION dayline_search_visible(tsquery, tsquery, tsquery, bigint) TO dayline_app;
    END IF;
END $$;
