-- Comments on tasks (Markdown). Editing keeps `edited_at`; deleting and hiding (moderation by
-- group admins) keep the row.
CREATE TABLE task_comments (
    id         BLOB PRIMARY KEY NOT NULL,
    task_id    BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id  BLOB REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    edited_at  TEXT,
    deleted_at TEXT,
    hidden_at  TEXT,
    hidden_by  BLOB REFERENCES users (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX task_comments_task ON task_comments (task_id, id);

-- Things a user should hear about (a mention, for now); delivery is another matter.
CREATE TABLE notifications (
    id         BLOB PRIMARY KEY NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    task_id    BLOB REFERENCES tasks (id) ON DELETE CASCADE,
    comment_id BLOB REFERENCES task_comments (id) ON DELETE CASCADE,
    actor_id   BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    read_at    TEXT
) STRICT;
CREATE INDEX notifications_user ON notifications (user_id, id);
