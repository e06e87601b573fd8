-- A search ranked every match of its words and left it to the row policies to pick what the
-- caller may see: the best 200 were looked up one by one under the policies, and when fewer
-- than a page of those were visible (a member of one group among fifty), every match in every
-- group was. Each search entry now carries what visibility depends on (the task's group and
-- owner, and whether it is archived), so the match function ranks only the caller's visible
-- matches and returns exactly the best ones asked for. A trigger keeps these columns equal to
-- the task's, whatever statement changes the task.
ALTER TABLE task_search ADD COLUMN group_id uuid, ADD COLUMN owner_id uuid,
    ADD COLUMN archived boolean NOT NULL DEFAULT false;
UPDATE task_search s SET group_id = t.group_id, owner_id = t.owner_id, archived = t.archived_at IS NOT NULL
    FROM tasks t WHERE t.id = s.task_id;
ALTER TABLE task_search ALTER COLUMN owner_id SET NOT NULL;

CREATE FUNCTION dayline_task_search_follows_task() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN
        UPDATE task_search SET group_id = NEW.group_id, owner_id = NEW.owner_id, archived = NEW.archived_at IS NOT NULL
            WHERE task_id = NEW.id;
        RETURN NULL;
    END $$;
REVOKE ALL ON FUNCTION dayline_task_search_follows_task() FROM PUBLIC;
CREATE TRIGGER task_search_follows_task AFTER UPDATE OF group_id, owner_id, archived_at ON tasks FOR EACH ROW
    WHEN (OLD.group_id IS DISTINCT FROM NEW.group_id OR OLD.owner_id IS DISTINCT FROM NEW.owner_id
          OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL))
    EXECUTE FUNCTION dayline_task_search_follows_task();

-- The caller's visible matches, best first: their personal tasks and their live groups' (the
-- same rule as the application's task lists), never archived ones. It reads with the owner's
-- rights (a text match under row security cannot use the index, see migration 21); the caller
-- joins the ids to `tasks`, whose policies still check every row returned. PL/pgSQL keeps the
-- plan for the session.
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
DROP FUNCTION dayline_search_matches(tsquery, bigint);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        GRANT EXECUTE ON FUNCTION dayline_search_visible(tsquery, bigint) TO dayline_app;
    END IF;
END $$;
