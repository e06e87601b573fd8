-- A page of a group's task list kept in memory (src/domain/tasks/list_cache.rs) is current
-- as long as nothing it shows has changed: the group's tasks, and the group's slug and time
-- zone, which every task's answer carries. Every such change counts up the group's list
-- version in its own transaction, whatever statement makes it; a list compares the version
-- its page was read at with the current one. Versions only grow and their rows are never
-- deleted, so a version once seen never comes back with other contents.
CREATE TABLE task_list_versions (
    group_id UUID PRIMARY KEY,
    version  BIGINT NOT NULL
);
ALTER TABLE task_list_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_list_versions FORCE ROW LEVEL SECURITY;
-- Read and written only by the functions below, with the owner's rights.

-- Counts at COMMIT (a deferred trigger), so the version's row lock is the last lock a
-- transaction takes: counting at each statement would lock it between two task updates of
-- one transaction, and two such transactions could wait for each other.
CREATE FUNCTION dayline_task_list_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ DECLARE
        changed uuid[];
    BEGIN
        IF TG_TABLE_NAME = 'groups' THEN
            changed := ARRAY[NEW.id];
        ELSIF TG_OP = 'INSERT' THEN
            changed := ARRAY[NEW.group_id];
        ELSIF TG_OP = 'DELETE' THEN
            changed := ARRAY[OLD.group_id];
        ELSE
            changed := ARRAY[OLD.group_id, NEW.group_id];
        END IF;
        INSERT INTO task_list_versions (group_id, version)
            SELECT DISTINCT g, 1 FROM unnest(changed) g WHERE g IS NOT NULL ORDER BY g
            ON CONFLICT (group_id) DO UPDATE SET version = task_list_versions.version + 1;
        RETURN NULL;
    END $$;
REVOKE ALL ON FUNCTION dayline_task_list_changed() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER tasks_change_group_lists AFTER INSERT OR UPDATE OR DELETE ON tasks
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dayline_task_list_changed();
CREATE CONSTRAINT TRIGGER groups_change_group_lists AFTER UPDATE OF slug, timezone ON groups
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.timezone IS DISTINCT FROM NEW.timezone)
    EXECUTE FUNCTION dayline_task_list_changed();

-- The version of group `g`'s task lists if `member` is a live member of the live group (the
-- only callers whose pages are kept), else no row. One statement outside any transaction, so
-- the check before serving a kept page is one round trip; PL/pgSQL keeps its plan.
CREATE FUNCTION dayline_group_list_version(g uuid, member uuid) RETURNS SETOF bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN
        RETURN QUERY SELECT COALESCE((SELECT v.version FROM task_list_versions v WHERE v.group_id = g), 0)
            FROM memberships m JOIN groups mg ON mg.id = m.group_id
            WHERE m.group_id = g AND m.user_id = member AND m.deleted_at IS NULL AND mg.deleted_at IS NULL;
    END $$;
REVOKE ALL ON FUNCTION dayline_group_list_version(uuid, uuid) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        GRANT EXECUTE ON FUNCTION dayline_group_list_version(uuid, uuid) TO dayline_app;
    END IF;
END $$;
