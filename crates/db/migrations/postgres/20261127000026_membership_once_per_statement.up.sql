-- The row policies asked "is the caller a member of this group?" once for every row they
-- looked at: a PL/pgSQL call of about 8 µs, twenty of them for a page of a group's tasks
-- (and one more for every tag, group or membership row read). They now ask PostgreSQL for the
-- caller's live groups once per statement: `(SELECT dayline_member_groups())` depends on no
-- row, so it runs once and the policy compares each row's group with the array it returned
-- (the cast to uuid[] makes `= ANY` look inside the array rather than treat the subquery as
-- the list). A subquery on `memberships` written into the policies instead would be planned
-- again, with the memberships policy inside it, in every statement that is planned for its
-- values, and cost more than it saved. Same answers as before, same rights.
CREATE FUNCTION dayline_member_groups() RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ DECLARE
        -- Read once: in the query's condition it would be read and parsed for every row.
        me uuid := dayline_user_id();
    BEGIN
        RETURN ARRAY(SELECT group_id FROM memberships WHERE user_id = me AND deleted_at IS NULL);
    END $$;
REVOKE ALL ON FUNCTION dayline_member_groups() FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        GRANT EXECUTE ON FUNCTION dayline_member_groups() TO dayline_app;
    END IF;
END $$;

ALTER POLICY tasks_read ON tasks USING (
    coalesce(current_setting('dayline.is_system', true), '') = 'true'
    OR (group_id IS NULL AND owner_id = dayline_user_id())
    OR (group_id IS NOT NULL AND (dayline_sees_all() OR group_id = ANY ((SELECT dayline_member_groups())::uuid[]))));

ALTER POLICY tags_visible ON tags USING (
    coalesce(current_setting('dayline.is_system', true), '') = 'true'
    OR (group_id IS NULL AND owner_id = dayline_user_id())
    OR (group_id IS NOT NULL AND (dayline_sees_all() OR group_id = ANY ((SELECT dayline_member_groups())::uuid[]))));

ALTER POLICY groups_read ON groups USING (
    dayline_sees_all() OR id = ANY ((SELECT dayline_member_groups())::uuid[]));

ALTER POLICY memberships_read ON memberships USING (
    dayline_sees_all() OR user_id = dayline_user_id() OR group_id = ANY ((SELECT dayline_member_groups())::uuid[]));

ALTER POLICY task_counters_scope ON task_counters USING (
    dayline_sees_all() OR scope_id = dayline_user_id() OR scope_id = ANY ((SELECT dayline_member_groups())::uuid[]));
