-- Comments on tasks (Markdown). Editing keeps `edited_at`; deleting and hiding (moderation by
-- group admins) keep the row.
CREATE TABLE task_comments (
    id         UUID PRIMARY KEY,
    task_id    UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id  UUID REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    edited_at  TIMESTAMPTZ,
    deleted_at TIMESTAMPTZ,
    hidden_at  TIMESTAMPTZ,
    hidden_by  UUID REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX task_comments_task ON task_comments (task_id, id);

-- Things a user should hear about (a mention, for now); delivery is another matter.
CREATE TABLE notifications (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    task_id    UUID REFERENCES tasks (id) ON DELETE CASCADE,
    comment_id UUID REFERENCES task_comments (id) ON DELETE CASCADE,
    actor_id   UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    read_at    TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (user_id, id);

-- Comments follow their task's visibility; their author changes them, the group's admins
-- moderate them.
ALTER TABLE task_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_comments FORCE ROW LEVEL SECURITY;
CREATE POLICY task_comments_read ON task_comments FOR SELECT
    USING (EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
CREATE POLICY task_comments_insert ON task_comments FOR INSERT
    WITH CHECK (author_id = dayline_user_id() AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
CREATE POLICY task_comments_update ON task_comments FOR UPDATE
    USING (EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id AND (author_id = dayline_user_id()
           OR dayline_sees_all() OR (t.group_id IS NOT NULL AND dayline_is_group_admin(t.group_id)))));
CREATE POLICY task_comments_delete ON task_comments FOR DELETE
    USING (coalesce(current_setting('dayline.is_system', true), '') = 'true');

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_own ON notifications FOR SELECT
    USING (user_id = dayline_user_id() OR coalesce(current_setting('dayline.is_system', true), '') = 'true');
CREATE POLICY notifications_insert ON notifications FOR INSERT
    WITH CHECK (actor_id = dayline_user_id() OR coalesce(current_setting('dayline.is_system', true), '') = 'true');
CREATE POLICY notifications_update ON notifications FOR UPDATE
    USING (user_id = dayline_user_id() OR coalesce(current_setting('dayline.is_system', true), '') = 'true');
CREATE POLICY notifications_delete ON notifications FOR DELETE
    USING (coalesce(current_setting('dayline.is_system', true), '') = 'true');
