CREATE OR REPLACE FUNCTION dayline_search_visible(q tsquery, q_title tsquery, q_text tsquery, lim bigint)
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
DROP INDEX task_search_titles;
