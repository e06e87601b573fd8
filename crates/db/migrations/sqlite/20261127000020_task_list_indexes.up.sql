-- A group's live tasks in each list order, so a page is a short walk down one index.
CREATE INDEX tasks_group_updated ON tasks (group_id, updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_group_priority ON tasks (group_id, priority_rank, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_group_position ON tasks (group_id, position, id) WHERE archived_at IS NULL;
