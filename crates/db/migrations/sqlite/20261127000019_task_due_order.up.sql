-- When a task falls due, as one sortable UTC text (`2026-11-27T22:59:59.999999Z`): its due
-- time, or the last moment of its due day in the group's (or owner's) time zone; `~` (after
-- every digit) when it has none. Lists sort by it and `overdue` compares it with now; the
-- application rewrites it when the due fields or the zone change. SQLite has no time zone
-- rules, so tasks already due on a day start out at the end of that day in UTC; the next
-- change of the task or of its zone puts them right.
ALTER TABLE tasks ADD COLUMN due_order TEXT NOT NULL DEFAULT '~';
UPDATE tasks SET due_order = strftime('%Y-%m-%dT%H:%M:%S', due_at) || '.000000Z' WHERE due_at IS NOT NULL;
UPDATE tasks SET due_order = due_date || 'T23:59:59.999999Z' WHERE due_date IS NOT NULL;
CREATE INDEX tasks_group_due ON tasks (group_id, due_order, id) WHERE archived_at IS NULL;
