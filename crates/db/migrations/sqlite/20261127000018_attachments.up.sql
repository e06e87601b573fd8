-- Files attached to tasks. The bytes live in the content-addressed file store under their
-- SHA-256; a row is the file's name, type and size as seen on one task. Several rows may share
-- one stored blob; a blob no row names is removed by the hourly sweep.
CREATE TABLE attachments (
    id           BLOB PRIMARY KEY NOT NULL,
    task_id      BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    uploader_id  BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256       TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_task ON attachments (task_id, id);
CREATE INDEX attachments_uploader ON attachments (uploader_id);
CREATE INDEX attachments_blob ON attachments (sha256);
