-- A recurring task's rule (JSON); completing the task creates the next occurrence, which
-- takes the rule over.
ALTER TABLE tasks ADD COLUMN recurrence TEXT;
