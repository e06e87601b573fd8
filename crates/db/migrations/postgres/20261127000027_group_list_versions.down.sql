DROP FUNCTION dayline_group_list_version(uuid, uuid);
DROP TRIGGER groups_change_group_lists ON groups;
DROP TRIGGER tasks_change_group_lists ON tasks;
DROP FUNCTION dayline_task_list_changed();
DROP TABLE task_list_versions;
