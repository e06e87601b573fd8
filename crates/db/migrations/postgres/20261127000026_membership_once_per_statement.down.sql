-- The policies as migrations 11, 12 and 14 wrote them.
ALTER POLICY tasks_read ON tasks USING (dayline_sees_task(group_id, owner_id));
ALTER POLICY tags_visible ON tags
    USING (coalesce(current_setting('dayline.is_system', true), '') = 'true'
           OR (group_id IS NULL AND owner_id = dayline_user_id())
           OR (group_id IS NOT NULL AND (dayline_sees_all() OR dayline_is_member(group_id))));
ALTER POLICY groups_read ON groups USING (dayline_sees_all() OR dayline_is_member(id));
ALTER POLICY memberships_read ON memberships
    USING (dayline_sees_all() OR user_id = dayline_user_id() OR dayline_is_member(group_id));
ALTER POLICY task_counters_scope ON task_counters
    USING (dayline_sees_all() OR scope_id = dayline_user_id() OR dayline_is_member(scope_id));
DROP FUNCTION dayline_member_groups();
