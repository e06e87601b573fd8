ALTER TABLE tasks DROP COLUMN recurrence;
