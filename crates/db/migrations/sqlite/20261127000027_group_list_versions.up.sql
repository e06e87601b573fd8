-- A page of a group's task list kept in memory (src/domain/tasks/list_cache.rs) is current
-- as long as nothing it shows has changed: the group's tasks, and the group's slug and time
-- zone, which every task's answer carries. Every such change counts up the group's list
-- version in its own transaction, whatever statement makes it; a list compares the version
-- its page was read at with the current one. Versions only grow and their rows are never
-- deleted, so a version once seen never comes back with other contents.
CREATE TABLE task_list_versions (
    group_id BLOB PRIMARY KEY NOT NULL,
    version  INTEGER NOT NULL
);

CREATE TRIGGER tasks_insert_changes_group_list AFTER INSERT ON tasks WHEN NEW.group_id IS NOT NULL
BEGIN
    INSERT INTO task_list_versions (group_id, version) VALUES (NEW.group_id, 1)
        ON CONFLICT (group_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER tasks_delete_changes_group_list AFTER DELETE ON tasks WHEN OLD.group_id IS NOT NULL
BEGIN
    INSERT INTO task_list_versions (group_id, version) VALUES (OLD.group_id, 1)
        ON CONFLICT (group_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER tasks_update_changes_group_lists AFTER UPDATE ON tasks
    WHEN OLD.group_id IS NOT NULL OR NEW.group_id IS NOT NULL
BEGIN
    INSERT INTO task_list_versions (group_id, version)
        SELECT g, 1 FROM (SELECT OLD.group_id AS g UNION SELECT NEW.group_id) WHERE g IS NOT NULL
        ON CONFLICT (group_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER groups_change_group_lists AFTER UPDATE OF slug, timezone ON groups
    WHEN OLD.slug IS NOT NEW.slug OR OLD.timezone IS NOT NEW.timezone
BEGIN
    INSERT INTO task_list_versions (group_id, version) VALUES (NEW.id, 1)
        ON CONFLICT (group_id) DO UPDATE SET version = version + 1;
END;
