-- Tasks: in a group (visible to its members) or personal (visible to their owner only).
-- `number` counts per group, or per owner for personal tasks (the key `OPS-42` / `ME-7`).
CREATE TABLE tasks (
    id           UUID PRIMARY KEY,
    group_id     UUID REFERENCES groups (id) ON DELETE CASCADE,
    owner_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    number       BIGINT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'cancelled')),
    priority     TEXT NOT NULL CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
    priority_rank BIGINT NOT NULL,
    due_date     TEXT,
    due_at       TIMESTAMPTZ,
    due_zone     TEXT,
    start_date   TEXT,
    assignee_id  UUID REFERENCES users (id) ON DELETE SET NULL,
    parent_id    UUID REFERENCES tasks (id) ON DELETE SET NULL,
    -- Order within its board column (group or personal space, and status): fractional keys.
    position     TEXT COLLATE "C" NOT NULL,
    version      BIGINT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    archived_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX tasks_number ON tasks (group_id, number) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX tasks_personal_number ON tasks (owner_id, number) WHERE group_id IS NULL;
CREATE INDEX tasks_group_live ON tasks (group_id, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_assignee ON tasks (assignee_id, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_personal ON tasks (owner_id, id) WHERE group_id IS NULL;
CREATE INDEX tasks_board ON tasks (group_id, status, position) WHERE archived_at IS NULL;
CREATE INDEX tasks_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;

-- The last number given out per group (or per owner for personal tasks).
CREATE TABLE task_counters (
    scope_id    UUID PRIMARY KEY,
    last_number BIGINT NOT NULL
);

-- Every field change of a task: who, which field, from what, to what, when.
CREATE TABLE task_history (
    id         UUID PRIMARY KEY,
    task_id    UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    actor_id   UUID REFERENCES users (id) ON DELETE SET NULL,
    field      TEXT NOT NULL,
    old_value  JSONB NOT NULL,
    new_value  JSONB NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX task_history_task ON task_history (task_id, id);

-- Creating requests that carried an `Idempotency-Key`, with the answer given, for 24 hours.
CREATE TABLE idempotency_keys (
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       BIGINT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- Row-Level Security: group tasks for the group's members (and super admins), personal ones
-- for their owner alone; the system (jobs) sees all.
CREATE FUNCTION dayline_sees_task(g uuid, owner uuid) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('dayline.is_system', true), '') = 'true'
              OR (g IS NULL AND owner = dayline_user_id())
              OR (g IS NOT NULL AND (dayline_sees_all() OR dayline_is_member(g))) $$;

ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tasks_read ON tasks FOR SELECT USING (dayline_sees_task(group_id, owner_id));
CREATE POLICY tasks_insert ON tasks FOR INSERT
    WITH CHECK (owner_id = dayline_user_id() AND dayline_sees_task(group_id, owner_id)
                OR coalesce(current_setting('dayline.is_system', true), '') = 'true');
-- Members change their own or assigned tasks; group admins every task of their group.
CREATE POLICY tasks_update ON tasks FOR UPDATE
    USING (dayline_sees_task(group_id, owner_id) AND (dayline_sees_all()
           OR (group_id IS NULL AND owner_id = dayline_user_id())
           OR (group_id IS NOT NULL AND dayline_is_group_admin(group_id))
           OR (group_id IS NOT NULL AND dayline_is_member(group_id)
               AND (owner_id = dayline_user_id() OR assignee_id = dayline_user_id()))))
    WITH CHECK (dayline_sees_task(group_id, owner_id));
CREATE POLICY tasks_delete ON tasks FOR DELETE USING (dayline_sees_all());

ALTER TABLE task_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY task_counters_scope ON task_counters
    USING (dayline_sees_all() OR scope_id = dayline_user_id() OR dayline_is_member(scope_id));

ALTER TABLE task_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_history FORCE ROW LEVEL SECURITY;
CREATE POLICY task_history_visible ON task_history
    USING (EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_own ON idempotency_keys
    USING (dayline_sees_all() OR user_id = dayline_user_id());
