DROP INDEX tasks_group_due;
ALTER TABLE tasks DROP COLUMN due_order;
