-- When a task falls due, as one sortable UTC text (`2026-11-27T22:59:59.999999Z`): its due
-- time, or the last moment of its due day in the group's (or owner's) time zone; `~` (after
-- every digit) when it has none. Lists sort by it and `overdue` compares it with now; the
-- application rewrites it when the due fields or the zone change.
ALTER TABLE tasks ADD COLUMN due_order TEXT COLLATE "C" NOT NULL DEFAULT '~';
UPDATE tasks SET due_order = to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    WHERE due_at IS NOT NULL;
UPDATE tasks t SET due_order = to_char(
        ((CAST(t.due_date AS DATE) + 1)::timestamp AT TIME ZONE coalesce(
            (SELECT g.timezone FROM groups g WHERE g.id = t.group_id),
            (SELECT u.timezone FROM users u WHERE u.id = t.owner_id), 'UTC')) AT TIME ZONE 'UTC'
        - interval '1 microsecond', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    WHERE t.due_date IS NOT NULL;
CREATE INDEX tasks_group_due ON tasks (group_id, due_order, id) WHERE archived_at IS NULL;
