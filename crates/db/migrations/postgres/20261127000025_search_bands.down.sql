DROP FUNCTION dayline_search_visible(tsquery, tsquery, tsquery, bigint);
CREATE FUNCTION dayline_search_visible(q tsquery, lim bigint) RETURNS TABLE (task_id uuid, rank real)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN
        RETURN QUERY SELECT s.task_id, ts_rank(s.document, q) FROM task_search s
            WHERE s.document @@ q AND NOT s.archived
              AND ((s.group_id IS NULL AND s.owner_id = dayline_user_id())
                   OR s.group_id IN (SELECT m.group_id FROM memberships m JOIN groups g ON g.id = m.group_id
                                     WHERE m.user_id = dayline_user_id() AND m.deleted_at IS NULL
                                       AND g.deleted_at IS NULL))
            ORDER BY 2 DESC, s.task_id DESC LIMIT lim;
    END $$;
REVOKE ALL ON FUNCTION dayline_search_visible(tsquery, bigint) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        GRANT EXECUTE ON FUNCTION dayline_search_visible(tsquery, bigint) TO dayline_app;
    END IF;
END $$;
