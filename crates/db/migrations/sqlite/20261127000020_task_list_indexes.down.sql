DROP INDEX tasks_group_position;
DROP INDEX tasks_group_priority;
DROP INDEX tasks_group_updated;
