-- Tasks: in a group (visible to its members) or personal (visible to their owner only).
-- `number` counts per group, or per owner for personal tasks (the key `OPS-42` / `ME-7`).
CREATE TABLE tasks (
    id           BLOB PRIMARY KEY NOT NULL,
    group_id     BLOB REFERENCES groups (id) ON DELETE CASCADE,
    owner_id     BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'cancelled')),
    priority     TEXT NOT NULL CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
    priority_rank INTEGER NOT NULL,
    due_date     TEXT,
    due_at       TEXT,
    due_zone     TEXT,
    start_date   TEXT,
    assignee_id  BLOB REFERENCES users (id) ON DELETE SET NULL,
    parent_id    BLOB REFERENCES tasks (id) ON DELETE SET NULL,
    -- Order within its board column (group or personal space, and status): fractional keys.
    position     TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    completed_at TEXT,
    archived_at  TEXT
) STRICT;
CREATE UNIQUE INDEX tasks_number ON tasks (group_id, number) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX tasks_personal_number ON tasks (owner_id, number) WHERE group_id IS NULL;
CREATE INDEX tasks_group_live ON tasks (group_id, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_assignee ON tasks (assignee_id, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_personal ON tasks (owner_id, id) WHERE group_id IS NULL;
CREATE INDEX tasks_board ON tasks (group_id, status, position) WHERE archived_at IS NULL;
CREATE INDEX tasks_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;

-- The last number given out per group (or per owner for personal tasks).
CREATE TABLE task_counters (
    scope_id    BLOB PRIMARY KEY NOT NULL,
    last_number INTEGER NOT NULL
) STRICT;

-- Every field change of a task: who, which field, from what, to what, when.
CREATE TABLE task_history (
    id         BLOB PRIMARY KEY NOT NULL,
    task_id    BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    actor_id   BLOB REFERENCES users (id) ON DELETE SET NULL,
    field      TEXT NOT NULL,
    old_value  TEXT NOT NULL,
    new_value  TEXT NOT NULL,
    changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX task_history_task ON task_history (task_id, id);

-- Creating requests that carried an `Idempotency-Key`, with the answer given, for 24 hours.
CREATE TABLE idempotency_keys (
    user_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) STRICT;
