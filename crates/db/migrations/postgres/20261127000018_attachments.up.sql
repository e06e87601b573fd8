-- Files attached to tasks. The bytes live in the content-addressed file store under their
-- SHA-256; a row is the file's name, type and size as seen on one task. Several rows may share
-- one stored blob; a blob no row names is removed by the hourly sweep.
CREATE TABLE attachments (
    id           UUID PRIMARY KEY,
    task_id      UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    uploader_id  UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   BIGINT NOT NULL CHECK (size_bytes >= 0),
    sha256       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX attachments_task ON attachments (task_id, id);
CREATE INDEX attachments_uploader ON attachments (uploader_id);
CREATE INDEX attachments_blob ON attachments (sha256);

-- Attachments follow their task's visibility; their uploader also sees their own rows (their
-- quota counts every file they stored). Uploaders remove theirs, group admins any of the group's.
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY attachments_read ON attachments FOR SELECT
    USING (uploader_id = dayline_user_id() OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id)
           OR coalesce(current_setting('dayline.is_system', true), '') = 'true');
CREATE POLICY attachments_insert ON attachments FOR INSERT
    WITH CHECK (uploader_id = dayline_user_id() AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
CREATE POLICY attachments_delete ON attachments FOR DELETE
    USING (coalesce(current_setting('dayline.is_system', true), '') = 'true'
           OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id AND (uploader_id = dayline_user_id()
                  OR dayline_sees_all() OR (t.group_id IS NOT NULL AND dayline_is_group_admin(t.group_id)))));
